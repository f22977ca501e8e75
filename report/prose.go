package report

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// R7 reads the counts that the prose of 一、五 and 六 states and compares
// them with Tables 二–四. prose.md lists the phrasings it reads, taken from
// published reports. A count is a number followed by a unit (件, 起, 个 …);
// the words just before it (back to the previous count or the previous
// ，、；：。) say what it counts: the keyword that ends nearest to the number
// decides (受理, 办结, 不予公开 …). Results of 行政复议 and 行政诉讼 (维持,
// 纠正 …) belong to the last of the two named before them in the sentence.
//
// It is narrow on purpose, as a false alarm teaches clerks to ignore
// warnings: a count is skipped when its words are a comparison (同比, 较上年,
// 增加), about another year (上年 without 结转, a year other than the
// report's), or a list ending in 等.

// A count in prose is digits (ASCII or full width, thousands separators
// allowed) and a unit: findCounts.

// quantity is a count of Tables 二–四 that prose can name.
type quantity struct {
	key   *rx // the words that name it, matched in the words before the count
	table string
	label string
	units string // the units it is counted in
	// want returns the table values the count may equal; the first is
	// printed in the message. subject is "复议" or "诉讼" for Table 四's
	// results, or "".
	want func(r *Report, words, subject string) []int64
}

func col(r *Report, row int) int64 { return r.Table3.Rows[row][T3TotalCol].N }

func rowsSum(r *Report, first, end int) int64 {
	var s int64
	for i := first; i < end; i++ {
		s += col(r, i)
	}
	return s
}

// t4Col sums column k of the Table 四 groups of subject: 复议 is the first
// group, 诉讼 the other two.
func t4Col(r *Report, subject string, k int) []int64 {
	switch subject {
	case "复议":
		return []int64{r.Table4.Rows[T4Review][k].N}
	case "诉讼":
		return []int64{r.Table4.Rows[T4LitigationDirect][k].N + r.Table4.Rows[T4LitigationAfterReview][k].N}
	}
	return nil
}

// table2Counts is the count of a Table 二 row that prose names: 制发 (the
// first column) or 现行有效 (the last), or the one a qualifier names.
func table2Counts(r *Report, words, key string) []int64 {
	var row []Count
	if r.is2019() {
		row = r.Table2v2019.rows()[key]
	} else if key == "regulations" {
		row = r.Table2.Regulations[:]
	} else {
		row = r.Table2.NormativeDocuments[:]
	}
	switch {
	case strings.Contains(words, "废止"):
		return []int64{row[1].N}
	case strings.Contains(words, "现行有效"):
		return []int64{row[len(row)-1].N}
	}
	out := []int64{row[0].N}
	for _, c := range row[1:] {
		out = append(out, c.N)
	}
	return out
}

func table2One(r *Report, key string) []int64 {
	if r.is2019() {
		return []int64{r.Table2v2019.rows()[key][2].N} // 处理决定数量
	}
	switch key {
	case "licensing":
		return []int64{r.Table2.Licensing.N}
	case "penalties":
		return []int64{r.Table2.Penalties.N}
	}
	return []int64{r.Table2.Enforcement.N}
}

const caseUnits = "件起个宗例"

// subRow is row i of （六）其他处理, or nothing when the report gives （六）
// as one row (2019, or a 2021 table with key other): the row is unknown.
func subRow(r *Report, i int) []int64 {
	if r.is2019() || r.OneRowOther {
		return nil
	}
	return []int64{col(r, i)}
}

// quantities are what R7 reads, with the words that name each.
var quantities = []quantity{
	{key: mustRx(`(?:收到|接收|受理|收办|新收|接到|共收)(?:了)?`), table: "表三", units: caseUnits,
		label: "一、本年新收政府信息公开申请数量（或加上二、上年结转）",
		want: func(r *Report, _, _ string) []int64 {
			return []int64{col(r, T3New), col(r, T3New) + col(r, T3CarriedOver)}
		}},
	{key: mustRx(`共办理|办理(?:各类)?(?:政府信息公开)?申请`), table: "表三", units: caseUnits,
		label: "一、本年新收+二、上年结转（或（七）总计）",
		want: func(r *Report, _, _ string) []int64 {
			return []int64{col(r, T3New) + col(r, T3CarriedOver), col(r, T3Total)}
		}},
	{key: mustRx(`(?:上年度?|上一年度?)结转`), table: "表三", units: caseUnits, label: "二、上年结转政府信息公开申请数量",
		want: func(r *Report, _, _ string) []int64 { return []int64{col(r, T3CarriedOver)} }},
	{key: mustRx(`办结|办理完结|(?:作出|予以|依法)?答复|处理完毕`), table: "表三", units: caseUnits, label: "（七）总计",
		want: func(r *Report, _, _ string) []int64 { return []int64{col(r, T3Total)} }},
	{key: mustRx(`(?:结转|转入|转|顺延(?:到|至)?|延续到)(?:至|到)?下(?:一)?年度?`), table: "表三", units: caseUnits,
		label: "四、结转下年度继续办理",
		want:  func(r *Report, _, _ string) []int64 { return []int64{col(r, T3CarriedForward)} }},
	{key: mustRx(`予以公开(?:及|和|与|、)部分公开|(?:全部|予以)?公开(?:及|和|与)部分公开`), table: "表三", units: caseUnits,
		label: "（一）予以公开+（二）部分公开",
		want:  func(r *Report, _, _ string) []int64 { return []int64{col(r, T3Disclosed) + col(r, T3PartlyDisclose)} }},
	{key: mustRx(`予以公开|同意公开`), table: "表三", units: caseUnits, label: "（一）予以公开",
		want: func(r *Report, _, _ string) []int64 { return []int64{col(r, T3Disclosed)} }},
	{key: mustRx(`部分公开`), table: "表三", units: caseUnits, label: "（二）部分公开",
		want: func(r *Report, _, _ string) []int64 { return []int64{col(r, T3PartlyDisclose)} }},
	{key: mustRx(`不予公开`), table: "表三", units: caseUnits, label: "（三）不予公开",
		want: func(r *Report, _, _ string) []int64 { return []int64{rowsSum(r, 4, 12)} }},
	{key: mustRx(`无法提供`), table: "表三", units: caseUnits, label: "（四）无法提供",
		want: func(r *Report, _, _ string) []int64 { return []int64{rowsSum(r, 12, 15)} }},
	{key: mustRx(`不予处理`), table: "表三", units: caseUnits, label: "（五）不予处理",
		want: func(r *Report, _, _ string) []int64 { return []int64{rowsSum(r, 15, 20)} }},
	{key: mustRx(`(?:无正当理由)?逾期(?:不|未)补正`), table: "表三", units: caseUnits, label: "（六）其他处理 1.申请人无正当理由逾期不补正",
		want: func(r *Report, _, _ string) []int64 { return subRow(r, 20) }},
	{key: mustRx(`逾期未(?:按收费通知要求)?缴纳(?:费用|信息处理费)?`), table: "表三", units: caseUnits, label: "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用",
		want: func(r *Report, _, _ string) []int64 { return subRow(r, 21) }},
	{key: mustRx(`其他处理`), table: "表三", units: caseUnits, label: "（六）其他处理",
		want: func(r *Report, _, _ string) []int64 { return []int64{rowsSum(r, 20, 23)} }},
	{key: mustRx(`(?:行政)?复议`), table: "表四", units: caseUnits, label: "行政复议 总计",
		want: func(r *Report, _, _ string) []int64 { return t4Col(r, "复议", 4) }},
	{key: mustRx(`(?:行政)?诉讼`), table: "表四", units: caseUnits, label: "行政诉讼 总计（未经复议直接起诉+复议后起诉）",
		want: func(r *Report, _, _ string) []int64 { return t4Col(r, "诉讼", 4) }},
	{key: mustRx(`(?:结果)?维持`), table: "表四", units: caseUnits, label: "结果维持",
		want: func(r *Report, _, s string) []int64 { return t4Col(r, s, 0) }},
	{key: mustRx(`(?:结果)?纠正|纠错`), table: "表四", units: caseUnits, label: "结果纠正",
		want: func(r *Report, _, s string) []int64 { return t4Col(r, s, 1) }},
	{key: mustRx(`其他结果`), table: "表四", units: caseUnits, label: "其他结果",
		want: func(r *Report, _, s string) []int64 { return t4Col(r, s, 2) }},
	{key: mustRx(`(?:已)?审结`), table: "表四", units: caseUnits, label: "已审结（结果维持+结果纠正+其他结果）",
		want: func(r *Report, _, s string) []int64 {
			if s == "" {
				return nil
			}
			return []int64{t4Col(r, s, 0)[0] + t4Col(r, s, 1)[0] + t4Col(r, s, 2)[0]}
		}},
	{key: mustRx(`(?:尚|仍)?未审结|正在审理|审理中`), table: "表四", units: caseUnits, label: "尚未审结",
		want: func(r *Report, _, s string) []int64 { return t4Col(r, s, 3) }},
	{key: mustRx(`规章`), table: "表二", units: "件个项", label: "规章",
		want: func(r *Report, w, _ string) []int64 { return table2Counts(r, w, "regulations") }},
	{key: mustRx(`(?:行政)?规范性文件`), table: "表二", units: "件个项", label: "行政规范性文件",
		want: func(r *Report, w, _ string) []int64 { return table2Counts(r, w, "normative_documents") }},
	{key: mustRx(`行政许可(?:决定)?`), table: "表二", units: "件个", label: "行政许可 本年处理决定数量",
		want: func(r *Report, _, _ string) []int64 { return table2One(r, "licensing") }},
	{key: mustRx(`行政处罚(?:决定)?`), table: "表二", units: "件个起", label: "行政处罚 本年处理决定数量",
		want: func(r *Report, _, _ string) []int64 { return table2One(r, "penalties") }},
	{key: mustRx(`行政强制(?:措施|决定)?`), table: "表二", units: "件个起", label: "行政强制 本年处理决定数量",
		want: func(r *Report, _, _ string) []int64 { return table2One(r, "enforcement") }},
}

var (
	// skipWords make the count of a clause something other than this
	// year's table value: a comparison, another year, a part of a list.
	skipWords = mustRx(`同比|较上年|比上年|较去年|比去年|增加|减少|增长|下降|上升|环比|累计|历年|以来|平均|其中[^，,、；]*(?:市级|县|区|乡|镇|部门)`)
	// lastYear is 上年 that is not 上年结转.
	lastYear = mustRx(`上(?:一)?年度?(?:结转)?`)
	// yearRE is a four-digit year in the words.
	yearRE = mustRx(`((?:19|20)[0-9]{2})年`)
	// subjectRE names the Table 四 group that results belong to.
	subjectRE = mustRx(`(?:行政)?(复议|诉讼)`)
	// bracketed is a closed bracket group, dropped from the words.
	bracketed = mustRx(`（[^（）]*）|\([^()]*\)`)
	// allUpheld is "均获维持": every 复议 or 诉讼 decided was upheld.
	allUpheld = mustRx(`(?:均|全部|都)(?:获|被|予以|得到)?维持`)
	// noneHappened is "未发生行政复议": a zero total, or no 纠正 when the
	// clause speaks of 纠错 or 败诉.
	noneHappened = mustRx(`未发生|没有发生|未出现|未产生|没有出现`)
)

// clauseMarks end the words that name a count; clauseStarts end the
// words after it.
var (
	clauseMarks  = newMarks("，,；;。：:、！？\n")
	clauseStarts = newMarks("，,；;。：:、！？\n（(")
)

// proseCounts checks the counts of one paragraph (R7).
func (v *validator) proseCounts(path, text string) {
	r := v.r
	for _, sentence := range splitKeep(text, sentenceEnds) {
		v.proseZeros(path, sentence)
		if !hasDigit(sentence) {
			continue
		}
		prevEnd := 0
		for _, m := range findCounts(sentence) {
			words := sentence[prevEnd:m[0]]
			prevEnd = m[1]
			if i := lastIndexAny(words, clauseMarks); i >= 0 {
				_, size := utf8.DecodeRuneInString(words[i:])
				words = words[i+size:]
			}
			words = bracketed.ReplaceAllString(words, "")
			if i := strings.LastIndex(words, "（"); i >= 0 {
				words = words[i+len("（"):]
			}
			if i := strings.LastIndex(words, "("); i >= 0 {
				words = words[i+1:]
			}
			unit := sentence[m[4]:m[5]]
			after := sentence[m[1]:]
			if i := indexAny(after, clauseStarts); i >= 0 {
				after = after[:i]
			}
			q, at := v.nearest(words, unit)
			if q == nil && table2Verb.MatchString(words) {
				// "新制定规章2件，废止1件": the row is named before.
				q, _ = v.nearest(lastMatch(table2Rows, sentence[:m[0]]), unit)
			}
			follows := ""
			if q == nil && strings.HasSuffix(strings.TrimSpace(words), "另有") || q == nil && words == "" {
				// "另有103件顺延到下年度答复": the words follow the count.
				q, at, follows = v.first(after, unit), len(words), after
			}
			if q == nil || v.skip(words, sentence[:m[0]]) {
				continue
			}
			subject := ""
			if q.table == "表四" && !strings.Contains(q.label, "总计") {
				subs := subjectRE.FindAllStringSubmatch(sentence[:m[0]], -1)
				if len(subs) == 0 {
					continue
				}
				subject = subs[len(subs)-1][1]
			}
			n, err := strconv.ParseInt(strings.ReplaceAll(asciiDigits(sentence[m[2]:m[3]]), ",", ""), 10, 64)
			if err != nil {
				continue
			}
			want := q.want(r, words, subject)
			if len(want) == 0 || contains(want, n) {
				continue
			}
			label := q.label
			if subject != "" {
				label = map[string]string{"复议": "行政复议", "诉讼": "行政诉讼"}[subject] + " " + label
			}
			quote := words[at:] + sentence[m[0]:m[1]] + follows
			v.add(path, Warning, "R7", "%s %s: 正文“%s”与表中数字 %d 不符", q.table, label, quote, want[0])
		}
	}
}

var (
	// table2Verb is a column of Table 二 named without its row.
	table2Verb = mustRx(`^(?:本年)?(?:新)?(?:制定|制发|印发|出台|废止|现行有效)(?:的)?$`)
	// table2Rows names a row of Table 二 that has columns.
	table2Rows = mustRx(`(?:行政)?规范性文件|规章`)
)

// lastMatch is the last match of re in s, or "".
func lastMatch(re *rx, s string) string {
	ms := re.FindAllString(s, -1)
	if len(ms) == 0 {
		return ""
	}
	return ms[len(ms)-1]
}

// matches returns the quantities named in words, ordered by where their
// words end (the longer first on a tie), with where their words start.
func matches(words string) (qs []*quantity, starts []int) {
	type hit struct {
		q          *quantity
		start, end int
	}
	var hits []hit
	for i := range quantities {
		if !quantities[i].key.may(words) {
			continue
		}
		for _, m := range quantities[i].key.re.FindAllStringIndex(words, -1) {
			hits = append(hits, hit{&quantities[i], m[0], m[1]})
		}
	}
	slices.SortStableFunc(hits, func(a, b hit) int { return cmp.Or(cmp.Compare(a.end, b.end), cmp.Compare(b.start, a.start)) })
	for _, h := range hits {
		qs, starts = append(qs, h.q), append(starts, h.start)
	}
	return qs, starts
}

// nearest returns the quantity counted in unit whose words end nearest to
// the end of words, and where its words start, or nil.
func (v *validator) nearest(words, unit string) (*quantity, int) {
	qs, starts := matches(words)
	for i := len(qs) - 1; i >= 0; i-- {
		if strings.Contains(qs[i].units, unit) {
			return qs[i], starts[i]
		}
	}
	return nil, 0
}

// first returns the quantity counted in unit whose words start first in
// words (the words that follow a count: "另有103件顺延到下年度答复"), or nil.
func (v *validator) first(words, unit string) *quantity {
	qs, starts := matches(words)
	var best *quantity
	for i, q := range qs {
		if strings.Contains(q.units, unit) && (best == nil || starts[i] < starts[slices.Index(qs, best)]) {
			best = q
		}
	}
	return best
}

// skip says whether the count after words (in a sentence that reads
// before up to it) is not this year's table value.
func (v *validator) skip(words, before string) bool {
	w := strings.TrimSpace(words)
	if strings.HasSuffix(w, "等") || strings.HasSuffix(w, "约") || strings.HasSuffix(w, "近") ||
		strings.HasSuffix(w, "超") || strings.HasSuffix(w, "逾") || skipWords.MatchString(w) {
		return true
	}
	for _, m := range lastYear.FindAllString(w, -1) {
		if !strings.HasSuffix(m, "结转") {
			return true
		}
	}
	if !strings.Contains(before, "年") {
		return false
	}
	for _, m := range yearRE.FindAllStringSubmatch(before, -1) {
		if y, _ := strconv.Atoi(m[1]); y != v.r.Year {
			return true
		}
	}
	return false
}

// proseZeros checks the sentences that state a count without a number:
// "均获维持" (no 纠正 and no 其他结果), "未发生行政复议" (none).
func (v *validator) proseZeros(path, sentence string) {
	r := v.r
	if !strings.Contains(sentence, "复议") && !strings.Contains(sentence, "诉讼") {
		return
	}
	for _, clause := range splitKeep(sentence, commas) {
		subs := subjectRE.FindAllStringSubmatch(clause, -1)
		if hasCount(clause) {
			continue
		}
		if m := allUpheld.FindStringIndex(clause); m != nil {
			all := subjectRE.FindAllStringSubmatchIndex(sentence[:strings.Index(sentence, clause)+m[0]], -1)
			if len(all) == 0 {
				continue
			}
			s := sentence[all[len(all)-1][2]:all[len(all)-1][3]]
			if c, o := t4Col(r, s, 1)[0], t4Col(r, s, 2)[0]; c != 0 || o != 0 {
				v.add(path, Warning, "R7", "表四 行政%s: 正文“%s”，但表中结果纠正 %d、其他结果 %d", s, clause[m[0]:m[1]], c, o)
			}
			continue
		}
		if !noneHappened.MatchString(clause) || len(subs) == 0 {
			continue
		}
		corrected := strings.ContainsAny(clause, "纠败") || strings.Contains(clause, "撤销")
		for _, sub := range subs {
			s := sub[1]
			k, what := 4, "总计"
			if corrected {
				k, what = 1, "结果纠正"
			}
			if n := t4Col(r, s, k)[0]; n != 0 {
				v.add(path, Warning, "R7", "表四 行政%s %s: 正文“%s”，但表中为 %d", s, what, strings.TrimSpace(clause), n)
			}
		}
	}
}

// sentenceEnds and commas are the marks that splitKeep splits prose at.
var (
	sentenceEnds = newMarks("。；;！？\n")
	commas       = newMarks("，,")
)

// splitKeep splits s after each of the marks, keeping them.
func splitKeep(s string, m *marks) []string {
	var out []string
	start := 0
	for i, c := range s {
		if m.has(c) {
			end := i + utf8.RuneLen(c)
			out = append(out, s[start:end])
			start = end
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

func contains(xs []int64, x int64) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// content holds the warnings about what the prose says, each with its own
// code (C1–C3, C5, C6; C4 is in crossYear).
func (v *validator) content() {
	r := v.r
	v.halfWidth()
	// C5: a run-in heading without a closing mark is printed with "。"
	// (Block.Lead): say so, the text printed is not the text written.
	eachBlock(r, func(path string, b Block) {
		if b.leadNeedsStop() {
			v.add(path+".heading", Warning, "C5",
				"小标题“%s”与正文连排（run_in），末尾没有句号：印出时已在其后加“。”。若不要句号，请在小标题末尾写上所需的标点，或去掉 run_in 让小标题单独成行",
				strings.TrimRight(b.Heading, leadSpace))
		}
	})
	// C1: 五 must say what the problems were: empty or "无" is not a report.
	if problemsEmpty(r.Problems) {
		v.add("problems", Warning, "C1", "五、存在的主要问题及改进情况 为空或只写了“无”：应写明本年度存在的主要问题和改进情况")
	}
	// C2: 六 reports the 信息处理费 (国办函〔2020〕109号); Table 三's
	// （六）2 counts applications dropped after a fee notice.
	noFee := r.Table3.Rows[21][T3TotalCol].N
	said, saidNone, path := false, false, "other"
	eachParagraph(r.Other, "other", func(p, text string) {
		if strings.Contains(text, "信息处理费") || strings.Contains(text, "收费") {
			said = true
			if feeNone.MatchString(text) {
				saidNone, path = true, p
			}
		}
	})
	if saidNone && noFee > 0 && !r.is2019() {
		v.add(path, Warning, "C2", "六 说不涉及信息处理费，但表三 （六）其他处理 2.申请人逾期未按收费通知要求缴纳费用 为 %d：发出过收费通知，请核对", noFee)
	}
	if !said && noFee > 0 && !r.is2019() {
		v.add("other", Warning, "C2", "表三 （六）其他处理 2.申请人逾期未按收费通知要求缴纳费用 为 %d，六、其他需要报告的事项 却没有说明信息处理费的收取情况", noFee)
	}
	// C3: a year in the prose that is neither this one nor the last:
	// usually a sentence copied from an older report.
	eachText(r, func(p, text string) {
		if !strings.Contains(text, "年") {
			return
		}
		for _, m := range findProseYears(text) {
			y, _ := strconv.Atoi(text[m[2]:m[3]])
			if y == r.Year || y == r.Year-1 || y == r.Year+1 && strings.HasPrefix(p, "problems") || r.Year == 0 {
				continue
			}
			v.add(p, Warning, "C3", "正文“%s”的年份 %d 既不是报告年度 %d，也不是上一年：是否从旧报告复制而来？", text[m[2]:m[1]], y, r.Year)
		}
	})
}

var (
	// feeNone is 六 saying that no 信息处理费 matter arose at all. "未收取"
	// is not it: an applicant who did not pay after a notice (（六）2) leaves
	// the fee uncollected too.
	feeNone = mustRx(`(?:不|未|没有)涉及[^。；，0-9]{0,8}信息处理费|(?:无|没有|未产生|未发生)[^。；，0-9收]{0,6}信息处理费|未(?:发出|送达|出具)[^。；，]{0,6}收费通知`)
	// A year that dates a sentence is "2021年，", "2021年度", "2021年全年",
	// at the start of a sentence or clause: findProseYears. A year in a
	// title, a law's history or a date (《…》, 2019年修订, 2019年5月15日起施行)
	// does not match.
)

func problemsEmpty(s Section) bool {
	var b strings.Builder
	for _, bl := range s {
		for _, p := range bl.Paragraphs {
			b.WriteString(p)
		}
	}
	t := strings.Trim(b.String(), " 　。.；;")
	return t == "" || t == "无" || t == "暂无" || t == "没有"
}

func eachParagraph(s Section, key string, fn func(path, text string)) {
	for i, b := range s {
		for j, p := range b.Paragraphs {
			fn(index(index(key, i)+".paragraphs", j), p)
		}
	}
}

func eachText(r *Report, fn func(path, text string)) {
	eachParagraph(r.Overview, "overview", fn)
	eachParagraph(r.Problems, "problems", fn)
	eachParagraph(r.Other, "other", fn)
}

// halfWidth warns (C6) where numbers typed in full-width digits are
// printed half width (HalfWidth), once for each text. Table cells are not
// warned about: a cell is a number, printed in its usual form (a Word
// table typed in full-width mode would give dozens of warnings that say
// nothing).
func (v *validator) halfWidth() {
	r := v.r
	warn := func(path, text string) {
		typed, printed := fullWidthExcerpt(text)
		if typed == "" {
			return
		}
		v.add(path, Warning, "C6", "全角数字按半角印出：“%s”印为“%s”（出版物上的阿拉伯数字用半角，GB/T 15835）。数据文件未改；把它改为半角数字即不再提示", typed, printed)
	}
	eachPrinted(r, warn)
	warn("closing.agency", r.Closing.Agency)
	warn("closing.date", r.Closing.Date)
}

// fullWidthExcerpt returns, when HalfWidth changes text, up to 16
// characters of it around the first change as typed and as printed.
func fullWidthExcerpt(text string) (typed, printed string) {
	h := HalfWidth(text)
	if h == text {
		return "", ""
	}
	t, p := []rune(text), []rune(h) // HalfWidth maps rune to rune
	at := 0
	for at < len(t) && t[at] == p[at] {
		at++
	}
	from, to := max(0, at-4), min(len(t), at+12)
	for to < len(t) && to < at+24 && p[to] != t[to] {
		to++ // not in the middle of a number
	}
	for from < at && strings.ContainsRune(" \u3000\t", t[from]) {
		from++ // not the typed indent
	}
	return string(t[from:to]), string(p[from:to])
}
