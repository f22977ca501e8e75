package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/form"
)

// Placeholder is the prose that Skeleton writes for the clerk to replace.
const Placeholder = "（文字描述）"

// Plausible report years: the 条例 took effect in 2008, so the first reports
// are for 2008; the upper bound only catches typos such as 20211.
const (
	minYear = 2008
	maxYear = 2100
)

// Validate checks a decoded report against the rules R1–R7 of
// official-format.md §6 and a few sanity checks, and returns every finding,
// sorted by position. R5 (this year's 上年结转 = last year's 结转下年度) runs
// only when prev is not nil. R7 and the placeholder check are warnings; the
// rest are errors. Left-out totals are completed on a copy first, so r is not
// changed.
func Validate(r *Report, prev *Report) Findings {
	c := *r
	markBlankTotals(&c)
	Complete(&c)
	v := &validator{r: &c}
	v.fs = append(v.fs, r.notes...)
	v.basics()
	v.blanks()
	v.table3()
	v.table4()
	if prev != nil {
		p := *prev
		markBlankTotals(&p)
		Complete(&p)
		v.crossYear(&p)
	}
	v.prose()
	v.fs.Sort()
	return v.fs
}

type validator struct {
	r  *Report
	fs Findings
}

func (v *validator) add(path string, sev Severity, rule, format string, args ...any) {
	v.fs = append(v.fs, Finding{Pos: v.r.Pos(path), Severity: sev, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

func (v *validator) basics() {
	r := v.r
	if strings.TrimSpace(r.Agency) == "" {
		v.add("agency", Error, "", "机关名称 不能为空")
	}
	if r.Year < minYear || r.Year > maxYear {
		v.add("year", Error, "", "年度 %d 不合理：应在 %d 至 %d 之间（《条例》自2008年施行）", r.Year, minYear, maxYear)
	} else if f, err := r.Form(); err == nil && f.Version == "2021" && r.Year < 2021 {
		v.add("year", Warning, "", "年度 %d 早于 2021 格式（国办公开办函〔2021〕30号）适用的2021年度报告", r.Year)
	} else if err == nil && f == form.V2019 && r.Year > lastYear2019 {
		v.add("year", Warning, "", "年度 %d 的报告应使用 2021 格式（国办公开办函〔2021〕30号）；2019 试行格式（%s）只用于%d年度及以前的报告",
			r.Year, form.V2019.Source, lastYear2019)
	}
	if _, err := r.Form(); err != nil {
		v.add("format", Error, "", "格式版本“%s”未知（可用：%s）", r.Format, strings.Join(form.Versions(), "、"))
	}
	for _, s := range []struct {
		key string
		sec Section
	}{{"overview", r.Overview}, {"other", r.Other}} { // 五: C1
		if len(s.sec) == 0 {
			v.add(s.key, Warning, "", "%s 没有内容", fieldLabels[s.key])
		}
	}
}

// lastYear2019 is the last report year of the 2019 trial format: the 2021
// format (signed 2021-09-26) applies from the 2021 reports on.
const lastYear2019 = 2020

// blanks reports blank cells: blank is not 0 (R6). A blank total is
// reported with the value that belongs there, which fillBlankTotals put in.
func (v *validator) blanks() {
	for _, t := range v.r.form().Tables() {
		for _, row := range t.Data {
			for k := 0; k < row.Cols; k++ {
				ref := form.Ref{Table: t.Number, Row: row.Key, Col: k}
				c, a := v.r.slot(ref)
				if !(c != nil && c.Blank || a != nil && a.Blank) {
					continue
				}
				if v.r.OneRowOther && (row.Key == "other_no_correction" || row.Key == "other_no_fee") {
					continue // warned when decoding
				}
				if sum, terms, ok := v.totalTerms(t.Number, row.Key, k); ok {
					v.add(ref.Path(row.Cols), Error, "R6", "%s: %s 为空，应填 %d（%s）；空白不等于 0",
						rowLabel(t, row.Key), colLabel(t, row, k), sum, terms)
					continue
				}
				v.add(ref.Path(row.Cols), Error, "R6", "%s: %s 为空；空白不等于 0，没有请填 0", rowLabel(t, row.Key), colLabel(t, row, k))
			}
		}
	}
}

// markBlankTotals marks the blank totals of r as Computed, so that Complete
// fills in the value that belongs there: the rules then check the other
// cells against it (R1, R7) instead of against 0, and R6 names it.
func markBlankTotals(r *Report) {
	for i := range r.Table3.Rows {
		for k := range r.Table3.Rows[i] {
			if c := &r.Table3.Rows[i][k]; c.Blank && (i == T3Total || k == T3TotalCol) {
				c.Computed = true
			}
		}
	}
	for g := range r.Table4.Rows {
		if c := &r.Table4.Rows[g][4]; c.Blank {
			c.Computed = true
		}
	}
}

// totalTerms explains the value of a total cell: its sum and the terms,
// "自然人258+商业企业12+…". ok is false for a cell that is not a total.
func (v *validator) totalTerms(table int, key string, col int) (sum int64, terms string, ok bool) {
	switch {
	case table == 3 && col == T3TotalCol:
		if i := v.r.rowIndex(3, key); i >= 0 {
			s, t, _ := v.t3RowSum(i)
			return s, t.String(), true
		}
	case table == 3 && key == "total":
		s, t, _ := v.t3ColSum(col)
		return s, t.String(), true
	case table == 4 && col == 4:
		if g := v.r.rowIndex(4, key); g >= 0 {
			s, t, _ := v.t4Sum(g)
			return s, t.String(), true
		}
	}
	return 0, "", false
}

// term is one addend of a rule's message: "自然人3", or "自然人空白" for a
// blank read as 0.
func term(label string, c Count) string {
	if readAsZero(c) {
		return label + "空白"
	}
	return label + strconv.FormatInt(c.N, 10)
}

// blankNote is appended to a rule's message when a blank was read as 0.
func blankNote(blank bool) string {
	if blank {
		return "；按空白为 0 计算"
	}
	return ""
}

// addends are the terms of a rule's sum, kept as labels and counts: the
// message text ("自然人3+商业企业空白+…") is built only for a finding.
type addends struct {
	n      int
	labels [7]string
	counts [7]Count
}

func (a *addends) add(label string, c Count) {
	a.labels[a.n], a.counts[a.n] = label, c
	a.n++
}

// String joins the terms with "+".
func (a *addends) String() string {
	ts := make([]string, a.n)
	for i := range a.n {
		ts[i] = term(a.labels[i], a.counts[i])
	}
	return strings.Join(ts, "+")
}

// t3RowSum is R3's sum of row i of Table 三: 自然人 + … + 其他.
func (v *validator) t3RowSum(i int) (sum int64, terms addends, blank bool) {
	t := v.r.form().Table(3)
	row := &v.r.Table3.Rows[i]
	for k := 0; k < T3TotalCol; k++ {
		sum += row[k].N
		blank = blank || readAsZero(row[k])
		terms.add(t.Columns[k], row[k])
	}
	return sum, terms, blank
}

// t3ColSum is R2's sum of column k of Table 三: （一）+ … +（六）; its
// terms are the groups' sums.
func (v *validator) t3ColSum(k int) (sum int64, terms addends, blank bool) {
	rows := &v.r.Table3.Rows
	for _, g := range t3Groups {
		var gs int64
		for i := g.first; i < g.end; i++ {
			gs += rows[i][k].N
			blank = blank || readAsZero(rows[i][k])
		}
		sum += gs
		terms.add(g.label, Count{N: gs})
	}
	return sum, terms, blank
}

// t4Sum is R4's sum of group g of Table 四.
func (v *validator) t4Sum(g int) (sum int64, terms addends, blank bool) {
	t := form.V2021.Table(4)
	row := &v.r.Table4.Rows[g]
	for k := 0; k < 4; k++ {
		sum += row[k].N
		blank = blank || readAsZero(row[k])
		terms.add(t.Columns[k], row[k])
	}
	return sum, terms, blank
}

// Row groups of Table 三 summed by R2: （一）…（六）.
var t3Groups = []struct {
	label      string
	first, end int // rows [first, end)
}{
	{"（一）予以公开", 2, 3},
	{"（二）部分公开", 3, 4},
	{"（三）不予公开", 4, 12},
	{"（四）无法提供", 12, 15},
	{"（五）不予处理", 15, 20},
	{"（六）其他处理", 20, 23},
}

// The arithmetic rules read a blank cell as 0 and say so, so that a blank
// hides no other finding; a blank total holds the value that belongs there
// (markBlankTotals) and is reported by blanks, not here.
func (v *validator) table3() {
	t := v.r.form().Table(3)
	rows := &v.r.Table3.Rows
	path := func(row, col int) string { return form.Ref{Table: 3, Row: v.r.rowKey(3, row), Col: col}.Path(7) }
	// R3: 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他, each row.
	for i, row := range rows {
		key := v.r.rowKey(3, i)
		if key == "" || row[T3TotalCol].Blank {
			continue
		}
		sum, terms, blank := v.t3RowSum(i)
		if got := row[T3TotalCol].N; got != sum {
			v.add(path(i, T3TotalCol), Error, "R3", "%s: 总计 应为 %d（%s），实为 %d%s",
				rowLabel(t, key), sum, terms.String(), got, blankNote(blank))
		}
	}
	for k := 0; k < 7; k++ {
		col := t.Columns[k]
		// R2: （七）总计 = （一）+（二）+（三）+（四）+（五）+（六）, each column.
		sum, terms, blank := v.t3ColSum(k)
		if tot := rows[T3Total][k]; !tot.Blank && tot.N != sum {
			v.add(path(T3Total, k), Error, "R2", "表三 （七）总计: %s 应为 %d（%s），实为 %d%s",
				col, sum, terms.String(), tot.N, blankNote(blank))
		}
		// R1: 一 + 二 = 三（七）总计 + 四, each column.
		n, o, tot, f := rows[T3New][k], rows[T3CarriedOver][k], rows[T3Total][k], rows[T3CarriedForward][k]
		if n.N+o.N != tot.N+f.N {
			v.add(path(T3Total, k), Error, "R1", "表三 %s: （七）总计+四、结转下年度继续办理 应为 %d（%s+%s），实为 %d（%s+%s）%s",
				col, n.N+o.N, term("一、本年新收", n), term("二、上年结转", o), tot.N+f.N,
				term("（七）总计", tot), term("四、结转下年度", f), blankNote(anyBlank(n, o, tot, f)))
		}
	}
}

// readAsZero says whether c is a blank that the rules read as 0: a blank
// that is not a total filled in by markBlankTotals.
func readAsZero(c Count) bool { return c.Blank && !c.Computed }

// anyBlank says whether one of cs is a blank read as 0.
func anyBlank(cs ...Count) bool {
	return slices.ContainsFunc(cs, readAsZero)
}

func (v *validator) table4() {
	t := form.V2021.Table(4)
	// R4: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结, each group.
	for g, row := range v.r.Table4.Rows {
		if row[4].Blank {
			continue
		}
		sum, terms, blank := v.t4Sum(g)
		if got := row[4].N; got != sum {
			key := t.Data[g].Key
			v.add(form.Ref{Table: 4, Row: key, Col: 4}.Path(5), Error, "R4", "%s: 总计 应为 %d（%s），实为 %d%s",
				rowLabel(t, key), sum, terms.String(), got, blankNote(blank))
		}
	}
}

// crossYear is R5: this year's 二、上年结转 = last year's 四、结转下年度继续办理.
func (v *validator) crossYear(prev *Report) {
	t := form.V2021.Table(3)
	if prev.Year != 0 && v.r.Year != 0 && prev.Year != v.r.Year-1 {
		v.add("year", Warning, "R5", "上年报告的年度为 %d，不是 %d", prev.Year, v.r.Year-1)
	}
	// C4: last year's report of another agency is a wrong --prev: its
	// numbers say nothing about this one, so R5 is not checked.
	if a, b := strings.Join(strings.Fields(prev.Agency), ""), strings.Join(strings.Fields(v.r.Agency), ""); a != "" && b != "" && a != b {
		v.add("agency", Warning, "C4", "上年报告（%s）的机关名称为“%s”，与本报告的“%s”不同：是否选错了上年报告？未做 R5 跨年检查",
			prev.File, prev.Agency, v.r.Agency)
		return
	}
	for k := 0; k < 7; k++ {
		this, last := v.r.Table3.Rows[T3CarriedOver][k], prev.Table3.Rows[T3CarriedForward][k]
		if this.N == last.N {
			continue
		}
		ref := form.Ref{Table: 3, Row: "carried_over", Col: k}
		lastRef := form.Ref{Table: 3, Row: "carried_forward", Col: k}
		found := strconv.FormatInt(this.N, 10)
		if readAsZero(this) {
			found = "空白"
		}
		v.add(ref.Path(7), Error, "R5", "%s: %s 应为 %d（上年报告 四、结转下年度继续办理，%s），实为 %s%s",
			rowLabel(t, "carried_over"), t.Columns[k], last.N, prev.Pos(lastRef.Path(7)), found, blankNote(readAsZero(last)))
	}
}

// eachBlock calls fn with each block of the prose of 一、五、六 and its
// path (overview[0]).
func eachBlock(r *Report, fn func(path string, b Block)) {
	for _, sec := range []struct {
		key string
		sec Section
	}{{"overview", r.Overview}, {"problems", r.Problems}, {"other", r.Other}} {
		for i, b := range sec.sec {
			fn(index(sec.key, i), b)
		}
	}
}

// eachPrinted calls fn with each text of r that is printed as written,
// with its path: the title's lines, the preamble, the headings and
// paragraphs of 一、五、六, and the tables' notes.
func eachPrinted(r *Report, fn func(path, text string)) {
	for i, s := range r.Title {
		fn(index("title", i), s)
	}
	for i, s := range r.Preamble {
		fn(index("preamble", i), s)
	}
	eachBlock(r, func(path string, b Block) {
		if b.Heading != "" {
			fn(path+".heading", b.Heading)
		}
		for j, p := range b.Paragraphs {
			fn(index(path+".paragraphs", j), p)
		}
	})
	for n := 2; n <= 4; n++ {
		for i, s := range r.TableNotes(n) {
			fn(index(tablePaths[n]+".notes", i), s)
		}
	}
}

// prose checks the text: R7 claims, and placeholders left from the skeleton.
func (v *validator) prose() {
	r := v.r
	eachPrinted(r, func(path, text string) {
		if strings.Contains(text, Placeholder) {
			v.add(path, Warning, "", "仍有占位文字“%s”，请替换为实际内容", Placeholder)
		}
		if !strings.HasPrefix(path, "overview") && !strings.HasPrefix(path, "problems") && !strings.HasPrefix(path, "other") {
			return
		}
		v.proseCounts(path, text)
	})
	v.content()
}
