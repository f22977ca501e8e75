package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nianbao/nianbao/form"
)

// The grammar of one table cell, as the clerk types it (in the YAML file, a
// Word table or a spreadsheet). ParseCount, ParseChange and ParseAmount read
// it; everything else is an error whose message names the likely typo.
//
//	count  = blank | digits [unit] [note]
//	change = blank | ["+" | "-"] digits [unit] [note]     本年增/减 (2019 表二)
//	amount = blank | digits ["." digits] ["万元"] [note]   at most 4 decimals (万元)
//	blank  = "" | "/" | "／" | "-" | "－" | "—" | "——"
//	digits = one or more of 0–9 or ０–９ (full width: the same number)
//	unit   = "件" | "个" | "条" | "项" | "起" | "次" | "份" | "家"
//	note   = "（" text "）" | "(" text ")"                  printed in the cell
//
// Spaces around the parts are allowed. The number is printed as typed
// ("４６" stays "４６"); a blank is printed as typed ("/" stays "/").
// Typos that the grammar refuses with their own message: a full-width comma
// or 顿号 between two numbers (全角逗号), two numbers separated by a space
// (缺少逗号), scientific notation (1e3), a thousands separator (1,234.5), the
// unit 万 (2万), a fraction in a count, a negative count, more than 4
// decimals, an unclosed note.

// CellError is a cell text that does not follow the grammar.
type CellError struct {
	Rule    string // "R6" for a negative number or a fraction in a count; "" otherwise
	Message string // Chinese, about the text only: “0，1”中有全角逗号“，”…
	// Numbers holds the numbers of a cell that looks like several cells
	// run together ("0，1" → "0", "1"), so that a caller can say which
	// column the extra ones belong to; nil otherwise.
	Numbers []string
}

func (e *CellError) Error() string { return e.Message }

// maxCount bounds a count: a thousand billion is beyond any agency's
// figures (the largest city-wide counts are in the millions), and it keeps
// every sum of the rules far from int64 overflow.
const maxCount = 1e12

// maxDecimals is the most decimals of an amount: 万元 to 4 places is 1 元,
// the precision of the largest published fees (59237.2449).
const maxDecimals = 4

// countUnits are the units a count may carry after its digits ("3件").
var countUnits = []string{"件", "个", "条", "项", "起", "次", "份", "家"}

// blanks are the texts that clerks type into a cell with nothing to report.
var blankTexts = []string{"/", "／", "-", "－", "—", "——", "–"}

// IsBlankText says whether s (trimmed) is a blank cell: empty or one of the
// dashes and slashes clerks type for "nothing".
func IsBlankText(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return true
	}
	for _, b := range blankTexts {
		if s == b {
			return true
		}
	}
	return false
}

// ParseCount reads the text of a count cell (件数: documents, decisions,
// applications, cases) by the grammar above: a non-negative integer in
// ASCII or full-width digits, optionally a unit such as 件 and a note in
// brackets, or a blank. The error is a *CellError.
func ParseCount(text string) (Count, error) { return parseCount(text, false) }

// ParseChange reads 本年增/减 of the 2019 Table 二: a count that may carry a
// sign ("+3", "-4").
func ParseChange(text string) (Count, error) { return parseCount(text, true) }

func parseCount(text string, signed bool) (Count, error) {
	s := strings.TrimSpace(text)
	if IsBlankText(s) {
		return Count{Blank: true, Text: s}, nil
	}
	sign, num, rest := scanNumber(s)
	if num == "" {
		return Count{}, badCell(s, false)
	}
	if sign == "-" && !signed {
		return Count{}, &CellError{Rule: "R6", Message: fmt.Sprintf("不能为负数，实为 %s", s)}
	}
	if r, size := utf8.DecodeRuneInString(rest); r == '.' || r == '．' {
		if _, frac, _ := scanNumber(rest[size:]); frac != "" {
			return Count{}, &CellError{Rule: "R6", Message: fmt.Sprintf("应为整数（件数），实为 %s", s)}
		}
	}
	note, err := tail(s, rest, countUnits, false)
	if err != nil {
		return Count{}, err
	}
	v, perr := strconv.ParseInt(asciiDigits(num), 10, 64)
	if perr != nil || v > maxCount {
		return Count{}, &CellError{Message: fmt.Sprintf("数字过大：%s（上限 %d）", num, int64(maxCount))}
	}
	if sign == "-" {
		v = -v
	}
	c := Count{N: v, Plus: sign == "+" && v > 0, Note: note, Text: s[:len(s)-len(note)]}
	if c.Text == (Count{N: c.N, Plus: c.Plus}).String() {
		c.Text = "" // printed the same without it: Count{N: 5} equals the cell "5"
	}
	return c, nil
}

// ParseAmount reads the text of an amount cell (万元): a non-negative
// decimal with at most 4 places, optionally "万元" and a note, or a blank.
// The error is a *CellError.
func ParseAmount(text string) (Amount, error) {
	s := strings.TrimSpace(text)
	if IsBlankText(s) {
		return Amount{Blank: true, Text: s}, nil
	}
	sign, num, rest := scanNumber(s)
	if num == "" {
		return Amount{}, badCell(s, true)
	}
	if sign == "-" {
		return Amount{}, &CellError{Rule: "R6", Message: fmt.Sprintf("不能为负数，实为 %s", s)}
	}
	end := len(s) - len(rest)
	if r, size := utf8.DecodeRuneInString(rest); r == '.' || r == '．' {
		_, frac, after := scanNumber(rest[size:])
		switch {
		case frac == "" || strings.HasPrefix(frac, "+"):
			return Amount{}, badCell(s, true)
		case utf8.RuneCountInString(frac) > maxDecimals:
			return Amount{}, &CellError{Message: fmt.Sprintf("最多 %d 位小数（万元精确到元），实为“%s”", maxDecimals, s)}
		}
		rest = after
		end = len(s) - len(rest)
	}
	note, err := tail(s, rest, []string{"万元"}, true)
	if err != nil {
		return Amount{}, err
	}
	typed := s[:len(s)-len(note)]
	if _, err := strconv.ParseFloat(asciiDigits(strings.ReplaceAll(s[len(sign):end], "．", ".")), 64); err != nil {
		return Amount{}, badCell(s, true)
	}
	return Amount{Text: strings.TrimPrefix(typed, "+"), Note: note}, nil
}

// scanNumber splits s into an optional sign, the digits that follow (ASCII
// or full width) and the rest.
func scanNumber(s string) (sign, digits, rest string) {
	if strings.HasPrefix(s, "+") || strings.HasPrefix(s, "-") {
		sign, s = s[:1], s[1:]
	} else if strings.HasPrefix(s, "＋") || strings.HasPrefix(s, "－") {
		sign, s = map[string]string{"＋": "+", "－": "-"}[s[:3]], s[3:]
	}
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isDigit(r) {
			break
		}
		i += size
	}
	return sign, s[:i], s[i:]
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

// asciiDigits turns full-width digits into ASCII ones.
func asciiDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, s)
}

// tail reads what follows the number of cell s: spaces, an optional unit
// and an optional note in brackets, which must close at the end. It returns
// the note with the unit in front, as printed.
func tail(s, rest string, units []string, amount bool) (string, error) {
	t := strings.TrimLeftFunc(rest, unicode.IsSpace)
	unit := ""
	for _, u := range units {
		if strings.HasPrefix(t, u) {
			unit, t = u, strings.TrimLeftFunc(t[len(u):], unicode.IsSpace)
			break
		}
	}
	if t == "" {
		if unit == "" {
			return "", nil
		}
		return rest, nil
	}
	if strings.HasPrefix(t, "（") || strings.HasPrefix(t, "(") {
		closing := "）"
		if t[0] == '(' {
			closing = ")"
		}
		if !strings.HasSuffix(t, "）") && !strings.HasSuffix(t, ")") {
			if i := strings.LastIndexAny(t, "）)"); i >= 0 {
				_, size := utf8.DecodeRuneInString(t[i:])
				return "", &CellError{Message: fmt.Sprintf("“%s”的括号注释后面还有文字“%s”：注释要整个写在括号里", s, t[i+size:])}
			}
			return "", &CellError{Message: fmt.Sprintf("“%s”中的注释缺少右括号“%s”：注释写在括号里，如“22（其中修订16件）”", s, closing)}
		}
		return rest, nil
	}
	return "", badCell(s, amount)
}

// badCell is the error for a cell that does not follow the grammar, naming
// the likely typo.
func badCell(s string, amount bool) *CellError {
	what := "整数，或整数后加括号注释，如“22（其中修订16件）”"
	if amount {
		what = "非负小数（单位：万元），如 7730.28"
	}
	if e := typo(s, amount); e != nil {
		return e
	}
	return &CellError{Message: fmt.Sprintf("应为%s，实为“%s”", what, s)}
}

// typo recognises the usual slips of a clerk in a cell, or returns nil.
func typo(s string, amount bool) *CellError {
	// 全角逗号 or 顿号 between numbers: "0，1" is two cells.
	for _, sep := range []struct{ mark, name string }{{"，", "全角逗号“，”"}, {"、", "顿号“、”"}, {"；", "分号“；”"}, {";", "分号“;”"}} {
		if strings.Contains(s, sep.mark) {
			if parts := numbers(strings.Split(s, sep.mark)); parts != nil {
				return &CellError{Numbers: parts, Message: fmt.Sprintf(
					"“%s”中有%s：一个单元格只能填一个数，列表中的数要用英文逗号“,”加空格隔开", s, sep.name)}
			}
		}
	}
	// 缺少逗号: "0 0", "12 3" are two numbers with a space between.
	if parts := numbers(strings.Fields(s)); len(parts) > 1 {
		return &CellError{Numbers: parts, Message: fmt.Sprintf(
			"“%s”是两个数连在一起，缺少逗号：一个单元格只能填一个数，列表中的数要用英文逗号“,”加空格隔开", s)}
	}
	// 千位分隔符: "1,234" or "1,234.5".
	if i := strings.IndexAny(s, ",，"); i > 0 {
		plain := strings.NewReplacer(",", "", "，", "").Replace(s)
		if thousands(s) {
			return &CellError{Message: fmt.Sprintf("“%s”中的逗号是千位分隔符，请去掉，写成 %s", s, plain)}
		}
		if parts := numbers(strings.Split(s, ",")); parts != nil {
			return &CellError{Numbers: parts, Message: fmt.Sprintf(
				"“%s”中有两个数：一个单元格只能填一个数；若是一行中的两列，列表中的数要用英文逗号“,”加空格隔开", s)}
		}
	}
	// 科学计数法: "1e3", "1.5E+04".
	if strings.ContainsAny(s, "eE") {
		if v, err := strconv.ParseFloat(asciiDigits(s), 64); err == nil && !math.IsInf(v, 0) && !math.IsNaN(v) {
			hint := "请写出完整的数字"
			if v >= 0 && v < maxCount && (amount || v == math.Trunc(v)) {
				hint = "请写成 " + strconv.FormatFloat(v, 'f', -1, 64)
			}
			return &CellError{Message: fmt.Sprintf("“%s”是科学计数法，%s", s, hint)}
		}
	}
	// 单位“万”: "2万", "1.5万件"; an amount's column is already in 万元.
	if _, num, rest := scanNumber(s); num != "" {
		t := strings.TrimLeft(rest, ".．0123456789０１２３４５６７８９")
		if strings.HasPrefix(strings.TrimSpace(t), "万") {
			if amount {
				return &CellError{Message: fmt.Sprintf("“%s”带有单位“万”：本列单位已是万元，只填数字；若是元，请换算为万元", s)}
			}
			hint := "请写出完整的数字"
			if v, err := strconv.ParseFloat(strings.ReplaceAll(asciiDigits(num+strings.TrimSuffix(rest[:len(rest)-len(t)], "．")), "．", "."), 64); err == nil && v*1e4 == math.Trunc(v*1e4) {
				hint = "请写成完整的数字 " + strconv.FormatFloat(v*1e4, 'f', -1, 64)
			}
			return &CellError{Message: fmt.Sprintf("“%s”带有单位“万”：件数不用“万”，%s", s, hint)}
		}
		if strings.HasPrefix(strings.TrimSpace(t), "元") && amount {
			return &CellError{Message: fmt.Sprintf("“%s”的单位是元：本列单位为万元，请换算（1 万元 = 10000 元）", s)}
		}
	}
	return nil
}

// numbers returns parts trimmed when each is a count (digits with an
// optional note), or nil.
func numbers(parts []string) []string {
	if len(parts) < 2 {
		return nil
	}
	out := make([]string, len(parts))
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if _, num, rest := scanNumber(p); num == "" || strings.TrimSpace(rest) != "" && i == 0 {
			return nil
		} else if _, err := ParseCount(p); err != nil {
			return nil
		}
		out[i] = p
	}
	return out
}

// thousands says whether s is a number with thousands separators:
// 1,234 or 12,345,678.5.
func thousands(s string) bool {
	s = asciiDigits(strings.ReplaceAll(s, "，", ","))
	if i := strings.IndexByte(s, '.'); i >= 0 {
		s = s[:i]
	}
	groups := strings.Split(s, ",")
	if len(groups) < 2 || len(groups[0]) == 0 || len(groups[0]) > 3 {
		return false
	}
	for _, g := range groups {
		for _, r := range g {
			if r < '0' || r > '9' {
				return false
			}
		}
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}

// SetCell stores the text of a table cell read from a Word or Excel file in
// slot ref and records its position. The text is read by the cell grammar
// above, as in a data file: full-width digits, a unit, a note after the
// number ("22（其中修订16件）"); a blank cell stays blank (R6 reports it, it
// is never taken for 0). An error says in Chinese why the text is not a
// number (a *CellError); the slot is then left blank.
func (r *Report) SetCell(ref form.Ref, text string, pos Pos) error {
	c, a := r.slot(ref)
	if c == nil && a == nil {
		return fmt.Errorf("格式 %s 没有 %s 这一格", r.form().Version, ref.Path(2))
	}
	row, ok := r.form().Table(ref.Table).DataRow(ref.Row)
	if ok {
		r.SetPos(ref.Path(row.Cols), pos)
	}
	// Word and Excel keep the spaces a clerk typed around a number, and
	// no-break or ideographic ones too: the grammar allows ASCII spaces only.
	s := strings.Trim(text, "\u3000\u00a0 \t\r\n")
	if a != nil {
		v, err := ParseAmount(s)
		if err != nil {
			*a = Amount{Blank: true}
			return err
		}
		*a = v
		return nil
	}
	parse := ParseCount
	if ok && row.Unit(ref.Col) == form.Change {
		parse = ParseChange
	}
	v, err := parse(s)
	if err != nil {
		*c = Count{Blank: true}
		return err
	}
	*c = v
	return nil
}
