package report

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/form"
)

// SetCell stores the text of a table cell read from a Word or Excel file in
// slot ref and records its position. The text is read as a clerk types it:
// full-width digits and signs, spaces around the number, a note after it
// ("22（其中修订16件）"); an empty cell is blank (R6 reports it, it is never
// taken for 0). An error says in Chinese why the text is not a number; the
// slot is then left blank.
//
// The cell grammar here is the minimal one of the importers; it is kept
// behind this one function so that it can follow report's own parser of
// cell texts.
func (r *Report) SetCell(ref form.Ref, text string, pos Pos) error {
	c, a := r.slot(ref)
	if c == nil && a == nil {
		return fmt.Errorf("格式 %s 没有 %s 这一格", r.form().Version, ref.Path(2))
	}
	if row, ok := r.form().Table(ref.Table).DataRow(ref.Row); ok {
		r.SetPos(ref.Path(row.Cols), pos)
	}
	s := normalizeCell(text)
	if s == "" {
		if c != nil {
			*c = Count{Blank: true}
		} else {
			*a = Amount{Blank: true}
		}
		return nil
	}
	num, note := splitCell(s)
	if c != nil {
		*c = Count{Blank: true}
		row, _ := r.form().Table(ref.Table).DataRow(ref.Row)
		signed := row.Unit(ref.Col) == form.Change
		switch {
		case num == "":
			return fmt.Errorf("“%s”不是数字：请填阿拉伯数字（如 12），数字后可加注释如“22（其中修订16件）”，没有的填 0", text)
		case strings.HasPrefix(num, "-") && !signed:
			return fmt.Errorf("不能为负数，实为 %s", num)
		case strings.Contains(num, "."):
			return fmt.Errorf("应为整数（件数），实为 %s", num)
		}
		v, err := strconv.ParseInt(strings.TrimPrefix(num, "+"), 10, 64)
		if err != nil || v > cellMax || v < -cellMax {
			return fmt.Errorf("数字过大：%s（上限 %d）", num, int64(cellMax))
		}
		*c = Count{N: v, Note: note, Plus: signed && strings.HasPrefix(num, "+") && v > 0}
		return nil
	}
	*a = Amount{Blank: true}
	switch {
	case num == "" || strings.HasSuffix(num, "."):
		return fmt.Errorf("“%s”不是数字：应为非负小数（单位：万元），如 7730.28，没有的填 0", text)
	case strings.HasPrefix(num, "-"):
		return errors.New("不能为负数，实为 " + num)
	}
	*a = Amount{Text: strings.TrimPrefix(num, "+"), Note: note}
	return nil
}

// normalizeCell trims a cell's text and turns full-width digits, signs and
// points into ASCII (２２ → 22, －３ → -3, ７．５ → 7.5) where they belong to
// the number at its start; the note after it keeps its characters.
func normalizeCell(text string) string {
	s := strings.TrimSpace(strings.Trim(text, "\u3000\u00a0 \t\r\n"))
	var b strings.Builder
	inNumber := true
	for _, r := range s {
		if inNumber {
			switch {
			case r >= '０' && r <= '９':
				r = '0' + (r - '０')
			case r == '＋':
				r = '+'
			case r == '－', r == '−':
				r = '-'
			case r == '．':
				r = '.'
			}
			if !(r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.') {
				inNumber = false
			}
		}
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}

// cellMax bounds a count read from a cell, as the data file's decoder does.
const cellMax = 1e12

// splitCell splits "22（其中修订16件）" into "22" and "（其中修订16件）": an
// optional sign, digits, an optional fraction, and the rest.
func splitCell(s string) (num, rest string) {
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	digits := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == digits {
		return "", s
	}
	if i+1 < len(s) && s[i] == '.' && s[i+1] >= '0' && s[i+1] <= '9' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	}
	return s[:i], strings.TrimSpace(s[i:])
}
