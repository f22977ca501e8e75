package word

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/report"
)

// rowLabels are the label texts of a data row as the form prints them: its
// own label (the cell just left of its values) and the group label left of
// that (（三）不予公开), if any.
type rowLabels struct {
	own, group string
}

// tableLabels holds labelsOf of each form table: the form does not change,
// so a batch of Word files works them out once.
var tableLabels sync.Map // *form.Table → map[string]rowLabels

// labelsOf returns the labels of every data row of t, by key. The map is
// shared: callers only read it.
func labelsOf(t *form.Table) map[string]rowLabels {
	if v, ok := tableLabels.Load(t); ok {
		return v.(map[string]rowLabels)
	}
	v, _ := tableLabels.LoadOrStore(t, rowLabelsOf(t))
	return v.(map[string]rowLabels)
}

func rowLabelsOf(t *form.Table) map[string]rowLabels {
	g := t.Grid()
	out := map[string]rowLabels{}
	for _, c := range t.Cells {
		if c.Kind != form.Value || c.Bind.Col != 0 {
			continue
		}
		var labels []string
		for col := 0; col < c.Col; col++ {
			lc := g.Cell(c.Row, col)
			if lc.Kind == form.Label && !lc.Vertical && lc.Col == col {
				labels = append(labels, lc.Text)
			}
		}
		var l rowLabels
		if n := len(labels); n > 0 {
			l.own = labels[n-1]
			if n > 1 {
				l.group = labels[n-2]
			}
		}
		out[c.Bind.Row] = l
	}
	return out
}

// ColumnLabel names value col of data row d of table t for a position:
// 法人或其他组织·商业企业, 规章·本年制发件数, 行政复议·其他结果.
func ColumnLabel(t *form.Table, d form.DataRow, col int) string {
	switch t.Number {
	case 3:
		if col >= 1 && col <= 5 {
			return "法人或其他组织·" + t.Columns[col]
		}
		return t.Columns[col]
	case 4:
		return strings.Replace(d.Label, " ", "·", 1) + "·" + t.Columns[col]
	}
	switch {
	case col < len(d.Columns):
		return d.Label + "·" + d.Columns[col]
	case d.Cols == len(t.Columns) && col < len(t.Columns):
		return d.Label + "·" + t.Columns[col]
	case d.Decimal:
		return d.Label + "·本年收费金额（万元）"
	}
	return d.Label + "·本年处理决定数量"
}

// table reads Table 二 or 三: each row is matched to a data row by its label,
// and its values are the cells right of that label.
func (rd *reader) table(t *table, ft *form.Table, at int) {
	labels := labelsOf(ft)
	found := map[string]int{}
	base := rd.lineOf(at)
	for i, row := range t.rows {
		best, bestScore, bestGroup, bestK := "", noMatch, noMatch, -1
		for _, d := range ft.Data {
			k := len(row) - d.Cols - 1
			if k < 0 {
				continue
			}
			l := labels[d.Key]
			score := labelScore(row[k].text, l.own)
			if score == noMatch && l.group != "" {
				// A group and item in one cell: "（三）不予公开 1.属于国家秘密".
				score = labelScore(row[k].text, l.group+l.own)
			}
			if score == noMatch {
				continue
			}
			group := 0
			if l.group != "" && k > 0 {
				group = labelScore(row[k-1].text, l.group)
			}
			if score < bestScore || score == bestScore && group < bestGroup {
				best, bestScore, bestGroup, bestK = d.Key, score, group, k
			}
		}
		pos := func(col int) report.Pos {
			return report.Pos{File: rd.name, Line: base + i, Col: col + 1,
				Place: fmt.Sprintf("%s 第%d行 第%d列", ft.Name, i+1, col+1)}
		}
		if best == "" {
			if d, j, ok := labelAnywhere(row, ft, labels); ok && hasNumber(row) {
				rd.errorf(pos(row[j].col), "“%s”这一行应有 %d 个数字格，实有 %d 个；请按正式格式合并或拆分单元格", d.Label, d.Cols, len(row)-j-1)
				continue
			}
			if hasNumber(row) {
				j, hint := closestLabel(row, ft, labels)
				rd.errorf(pos(row[j].col), "无法识别这一行“%s”，行中有数字却不知道属于哪一行；请把行名改为正式格式中的名称%s",
					rowText(row), hint)
			}
			continue
		}
		d, _ := ft.DataRow(best)
		if j, dup := found[best]; dup {
			rd.errorf(pos(0), "这一行与第%d行都是“%s”；请删除重复的一行", j+1, d.Label)
			continue
		}
		found[best] = i
		if bestScore > 0 {
			rd.warnf(pos(row[bestK].col), "行名“%s”与正式格式不同，已按“%s”读取；请核对", strings.TrimSpace(row[bestK].text), d.Label)
		}
		for k, c := range row[bestK+1:] {
			p := pos(c.col)
			p.Place += "（" + ColumnLabel(ft, d, k) + "）"
			ref := form.Ref{Table: ft.Number, Row: d.Key, Col: k}
			if c.merged {
				rd.errorf(p, "这一格与上一行的格合并了；%s 的每个数字应有自己的格", d.Label)
				continue
			}
			if err := rd.r.SetCell(ref, c.text, p); err != nil {
				rd.errorf(p, "%s: %s %v", d.Label, ColumnLabel(ft, d, k), err)
			}
		}
	}
	for _, d := range ft.Data {
		if _, ok := found[d.Key]; !ok {
			rd.errorf(rd.tablePos(at, ft.Number), "%s 中找不到“%s”这一行；请按正式格式补上（没有的填 0）", ft.Name, d.Label)
		}
	}
}

// table4 reads Table 四: the row of 15 values under its three head rows.
func (rd *reader) table4(t *table, ft *form.Table, at int) {
	n := 0
	for _, d := range ft.Data {
		n += d.Cols
	}
	row := -1
	for i, r := range t.rows {
		if len(r) < n {
			continue
		}
		head := false
		for _, c := range r[len(r)-n:] {
			if s := compact(c.text); s != "" && !startsWithDigit(s) {
				head = true
			}
		}
		if head {
			continue
		}
		if row >= 0 {
			if hasNumber(r) {
				rd.errorf(report.Pos{File: rd.name, Line: rd.lineOf(at) + i, Place: fmt.Sprintf("表四 第%d行", i+1)},
					"表四 只应有一行数字（第%d行），这里又有一行；请删除多余的行", row+1)
			}
			continue
		}
		row = i
	}
	if row < 0 {
		rd.errorf(rd.tablePos(at, 4), "表四 中找不到填数字的一行：应在表头（行政复议 | 行政诉讼 …）之下，有 %d 个格", n)
		return
	}
	cells := t.rows[row][len(t.rows[row])-n:]
	k := 0
	for _, d := range ft.Data {
		for col := 0; col < d.Cols; col++ {
			c := cells[k]
			k++
			p := report.Pos{File: rd.name, Line: rd.lineOf(at) + row, Col: c.col + 1,
				Place: fmt.Sprintf("表四 第%d行 第%d列（%s）", row+1, c.col+1, ColumnLabel(ft, d, col))}
			if err := rd.r.SetCell(form.Ref{Table: 4, Row: d.Key, Col: col}, c.text, p); err != nil {
				rd.errorf(p, "%s: %s %v", d.Label, ft.Columns[col], err)
			}
		}
	}
}

// labelAnywhere finds a cell of row whose text is the label of a data row,
// for a row whose cells do not fit that data row.
func labelAnywhere(row []cell, ft *form.Table, labels map[string]rowLabels) (form.DataRow, int, bool) {
	for j, c := range row {
		for _, d := range ft.Data {
			if labelScore(c.text, labels[d.Key].own) == 0 {
				return d, j, true
			}
		}
	}
	return form.DataRow{}, 0, false
}

// closestLabel finds the label cell of a row that matches no data row (the
// last cell with text before the first number) and the form's label
// nearest to it, as a hint.
func closestLabel(row []cell, ft *form.Table, labels map[string]rowLabels) (int, string) {
	j := 0
	for k, c := range row {
		if isNumber(c) {
			break
		}
		if strings.TrimSpace(c.text) != "" {
			j = k
		}
	}
	best, dist := "", 1<<30
	for _, d := range ft.Data {
		if e := report.EditDistance(labelKey(row[j].text), labelKey(labels[d.Key].own)); e < dist {
			best, dist = d.Label, e
		}
	}
	return j, "，是否应为“" + best + "”？"
}

func startsWithDigit(s string) bool {
	return s != "" && (s[0] >= '0' && s[0] <= '9' || s[0] == '-' || s[0] == '+')
}

// hasNumber says whether a row has a cell that is a number (not a label
// such as 1.属于国家秘密).
func hasNumber(row []cell) bool {
	for _, c := range row {
		if isNumber(c) {
			return true
		}
	}
	return false
}

// isNumber says whether a cell holds a number, with or without a note.
func isNumber(c cell) bool {
	s := compact(c.text)
	if !startsWithDigit(s) {
		return false
	}
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.' || s[i] == '+' || s[i] == '-') {
		i++
	}
	return i == len(s) || s[i] == '('
}

func rowText(row []cell) string {
	var parts []string
	for _, c := range row {
		if t := strings.TrimSpace(c.text); t != "" && !c.merged {
			parts = append(parts, t)
		}
	}
	s := strings.Join(parts, " | ")
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:40]) + "…"
	}
	return s
}

// noMatch is the score of labels that do not match.
const noMatch = 1 << 20

var (
	// numberingRE matches the numbering at the start of a label: （一）, 一、, 1., 1、
	numberingRE = regexp.MustCompile(`^(\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|[0-9]+[.、])+`)
	// remarkRE matches a remark in brackets at the end: （区分处理的，只计这一情形…）
	remarkRE = regexp.MustCompile(`\([^()]*\)$`)
)

// labelKey is a label reduced for comparing: no white space, ASCII forms,
// no numbering, no remark in brackets at the end, 其它 as 其他.
func labelKey(s string) string {
	s = compact(s)
	s = strings.ReplaceAll(s, "．", ".")
	s = strings.ReplaceAll(s, "其它", "其他")
	s = strings.ReplaceAll(s, "\u201c", "")
	s = strings.ReplaceAll(s, "\u201d", "")
	s = strings.ReplaceAll(s, "\"", "")
	if k := remarkRE.ReplaceAllString(s, ""); k != "" {
		s = k
	}
	return numberingRE.ReplaceAllString(s, "")
}

// labelScore compares a label found in the file with the form's: 0 when
// they are the same but for numbering, spacing, a remark or 行政 before
// 规范性文件; the edit distance when it is small for the label's length (a
// typo); noMatch otherwise.
func labelScore(found, want string) int {
	a, b := labelKey(found), labelKey(want)
	if a == "" || b == "" {
		return noMatch
	}
	if a == b || "行政"+a == b || a == "行政"+b {
		return 0
	}
	n := utf8.RuneCountInString(b)
	if d := utf8.RuneCountInString(a) - n; n < 4 || d > 2 || d < -2 {
		return noMatch
	}
	d := report.EditDistance(a, b)
	if d <= 2 && d*5 <= n {
		return d
	}
	return noMatch
}
