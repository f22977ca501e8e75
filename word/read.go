// Package word reads an annual report from a Word file (.docx): the
// circulated template filled in by a clerk, a file that WPS or LibreOffice
// saved, or the DOCX that nianbao itself writes.
//
// It finds the parts of the report by their texts, not by fixed positions:
// the six headings, Tables 二–四 by their labels (rows added, merged or
// shaded, 规范性文件 for 行政规范性文件, a label with a typo), notes under the
// tables, the closing agency and date. Every value gets the position of its
// paragraph or cell ("表三 第12行 第4列（法人或其他组织·商业企业）"), so the
// findings of report.Validate point into the Word file. What it cannot place
// is an error naming the paragraph or cell; it never fills in a 0.
//
// It owns no rule (report.Validate) and writes nothing.
package word

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/report"
)

// ReadFile reads the report in the Word file at path. Like report.ReadFile,
// an unreadable file is an error wrapping the os error, and a file whose
// contents cannot be read into a report is a report.Findings.
func ReadFile(path string) (*report.Report, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("word: %w", err)
	}
	if fi.Size() > MaxFileSize {
		return nil, report.Findings{{Pos: report.Pos{File: path}, Message: fmt.Sprintf(
			"Word 文件过大（%.1f MiB），上限为 %d MiB；请确认选择了正确的文件", float64(fi.Size())/(1<<20), MaxFileSize>>20)}}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("word: %w", err)
	}
	return Read(path, data)
}

// Read reads the report in the DOCX data; name is the file name used in
// positions. When the file has errors, Read returns a report.Findings listing
// all of them together with the report as far as it was read.
func Read(name string, data []byte) (*report.Report, error) {
	return read(name, data, false)
}

// ReadProse reads a Word file that holds the prose of a report whose tables
// are in a workbook beside it: tables are read when present, not required.
func ReadProse(path string) (*report.Report, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("word: %w", err)
	}
	return read(path, data, true)
}

func read(name string, data []byte, proseOnly bool) (*report.Report, error) {
	if len(data) > MaxFileSize {
		return nil, report.Findings{{Pos: report.Pos{File: name}, Message: fmt.Sprintf("Word 文件过大，上限为 %d MiB", MaxFileSize>>20)}}
	}
	rd := &reader{name: name, r: &report.Report{File: name}, proseOnly: proseOnly}
	b, err := parse(data)
	if err != nil {
		return rd.r, report.Findings{{Pos: report.Pos{File: name}, Message: err.Error()}}
	}
	rd.b = b
	rd.read()
	rd.errs.Sort()
	if rd.errs.Errors() > 0 {
		return rd.r, rd.errs
	}
	for _, w := range rd.errs {
		rd.r.AddNote(w)
	}
	return rd.r, nil
}

type reader struct {
	name string
	b    *body
	r    *report.Report
	f    *form.Format
	errs report.Findings
	// proseOnly: the tables are elsewhere (a workbook); missing ones are
	// not an error.
	proseOnly bool
}

// paraPos is the position of a paragraph: its number and its first words.
func (rd *reader) paraPos(p *para) report.Pos {
	text := strings.TrimSpace(p.text())
	if utf8.RuneCountInString(text) > 12 {
		text = string([]rune(text)[:12]) + "…"
	}
	return report.Pos{File: rd.name, Line: p.n * 1000, Place: fmt.Sprintf("第%d段“%s”", p.n, text)}
}

func (rd *reader) errorf(p report.Pos, format string, args ...any) {
	rd.errs = append(rd.errs, report.Finding{Pos: p, Severity: report.Error, Message: fmt.Sprintf(format, args...)})
}

func (rd *reader) warnf(p report.Pos, format string, args ...any) {
	rd.errs = append(rd.errs, report.Finding{Pos: p, Severity: report.Warning, Message: fmt.Sprintf(format, args...)})
}

// sectionKeys tells the six headings apart by a word each has in every
// version seen (2019, 2021, agencies' own wording).
var sectionKeys = []struct{ number, word string }{
	{"一", "总体情况"}, {"二", "主动公开"}, {"三", "申请"}, {"四", "复议"}, {"五", "问题"}, {"六", "其他"},
}

// heading says which of the six parts paragraph p opens (0–5), or -1.
func heading(p *para, next int) int {
	s := compact(p.text())
	if next >= len(sectionKeys) || utf8.RuneCountInString(s) > 40 {
		return -1
	}
	k := sectionKeys[next]
	if !strings.HasPrefix(s, k.number) {
		return -1
	}
	rest := strings.TrimPrefix(s, k.number)
	if !strings.HasPrefix(rest, "、") && !strings.HasPrefix(rest, ".") && !strings.HasPrefix(rest, ",") {
		return -1
	}
	if !strings.Contains(rest, k.word) && !(next == 3 && strings.Contains(rest, "诉讼")) {
		return -1
	}
	return next
}

func (rd *reader) read() {
	items := rd.b.items
	// The six headings, in order.
	var at [6]int
	next := 0
	for i, it := range items {
		if it.para != nil && next < 6 && heading(it.para, next) == next {
			at[next] = i
			next++
		}
	}
	if next < 6 {
		f := form.V2021
		rd.errorf(report.Pos{File: rd.name}, "找不到标题“%s”：年报应有六个部分，标题如“%s”；请检查标题是否写错或缺少",
			f.Sections[next].Heading, f.Sections[next].Heading)
		return
	}
	end := func(k int) int {
		if k+1 < 6 {
			return at[k+1]
		}
		return len(items)
	}

	// The tables, told apart by their labels.
	var tables [5]*table
	var tableAt [5]int
	for i, it := range items {
		if it.table == nil {
			continue
		}
		n := tableNumber(it.table)
		section := -1
		for k := 5; k >= 0; k-- {
			if i > at[k] {
				section = k
				break
			}
		}
		switch {
		case n == 0 && section >= 1 && section <= 3:
			rd.errorf(rd.tablePos(i, section+1), "%s 中有一个表格无法识别（不像表二、表三、表四中的任何一个）；请按正式格式填写", form.V2021.Sections[section].Heading)
		case n == 0:
			rd.warnf(rd.tablePos(i, 0), "%s 中的表格不属于年报数据，未读取", sectionName(section))
		case tables[n] != nil:
			rd.errorf(rd.tablePos(i, n), "有两个表%s；请删除多余的一个", cnNumber[n])
		default:
			tables[n], tableAt[n] = it.table, i
		}
	}
	rd.f = form.V2021
	if tables[2] != nil && is2019(tables[2]) {
		rd.f = form.V2019
	}
	rd.r.Format = rd.f.Version

	rd.titleAndPreamble(items[:at[0]])
	closing := rd.closing(items[at[5]+1:])
	prose := [6]*report.Section{&rd.r.Overview, nil, nil, nil, &rd.r.Problems, &rd.r.Other}
	for k, s := range prose {
		if s == nil {
			continue
		}
		stop := end(k)
		if k == 5 {
			stop -= closing
		}
		*s = rd.section(items[at[k]+1:stop], rd.f.Sections[k].Key)
	}
	for n := 2; n <= 4; n++ {
		t := rd.f.Table(n)
		if tables[n] == nil && rd.proseOnly {
			rd.notes(items[at[n-1]+1:end(n-1)], n)
			continue
		}
		if tables[n] == nil {
			rd.errorf(rd.paraPos(items[at[n-1]].para), "找不到表%s（%s）：应在标题“%s”之下", cnNumber[n], strings.SplitN(rd.f.Sections[n-1].Heading, "、", 2)[1], rd.f.Sections[n-1].Heading)
			continue
		}
		rd.r.SetPos(fmt.Sprintf("table%d", n), rd.tablePos(tableAt[n], n))
		if n == 4 {
			rd.table4(tables[4], t, tableAt[4])
		} else {
			rd.table(tables[n], t, tableAt[n])
		}
		rd.notes(items[at[n-1]+1:end(n-1)], n)
	}
	rd.agencyAndYear()
}

var cnNumber = [...]string{"", "一", "二", "三", "四", "五", "六"}

func sectionName(k int) string {
	if k < 0 {
		return "标题之前"
	}
	return form.V2021.Sections[k].Heading
}

// tablePos is the position of table n (0 when not known) at item i.
func (rd *reader) tablePos(i, n int) report.Pos {
	k := 0
	for _, it := range rd.b.items[:i] {
		if it.table != nil {
			k++
		}
	}
	name := fmt.Sprintf("第%d个表格", k+1)
	if n > 0 {
		name = "表" + cnNumber[n]
	}
	return report.Pos{File: rd.name, Line: rd.lineOf(i), Place: name}
}

// lineOf orders item i among the paragraphs for sorting findings.
func (rd *reader) lineOf(i int) int {
	for j := i; j >= 0; j-- {
		if p := rd.b.items[j].para; p != nil && p.n > 0 {
			return p.n*1000 + 1
		}
	}
	return 1
}

// tableNumber says which table t is by its labels: 2, 3, 4, or 0.
func tableNumber(t *table) int {
	var s strings.Builder
	for _, row := range t.rows {
		for _, c := range row {
			s.WriteString(compact(c.text))
		}
	}
	text := s.String()
	switch {
	case strings.Contains(text, "申请人情况") || strings.Contains(text, "本年新收") || strings.Contains(text, "予以公开"):
		return 3
	case strings.Contains(text, "结果维持") && strings.Contains(text, "复议"):
		return 4
	case strings.Contains(text, "第二十条") || strings.Contains(text, "规章") || strings.Contains(text, "行政许可"):
		return 2
	}
	return 0
}

// is2019 says whether Table 二 is the 2019 trial format's: it has the band
// 政府集中采购 and counts 本年新制作数量 instead of 本年制发件数.
func is2019(t *table) bool {
	for _, row := range t.rows {
		for _, c := range row {
			s := compact(c.text)
			if strings.Contains(s, "政府集中采购") || strings.Contains(s, "本年新制作") || strings.Contains(s, "第二十条第(九)项") {
				return true
			}
		}
	}
	return false
}

// titleAndPreamble reads the paragraphs before 一、总体情况: the title (the
// paragraphs in the Title style, or those up to the one that ends in
// 年度报告) and the preamble.
func (rd *reader) titleAndPreamble(items []item) {
	var paras []*para
	for _, it := range items {
		if it.para != nil && strings.TrimSpace(it.para.text()) != "" {
			paras = append(paras, it.para)
		}
	}
	n := 0
	for n < len(paras) && paras[n].style == "title" {
		n++
	}
	if n == 0 {
		for i, p := range paras {
			if i >= 3 {
				break
			}
			if strings.Contains(compact(p.text()), "报告") {
				n = i + 1
				break
			}
		}
	}
	if n == 0 && len(paras) > 0 {
		rd.errorf(rd.paraPos(paras[0]), "找不到报告标题：正文前应有“XX机关XXXX年政府信息公开工作年度报告”")
		return
	}
	for _, p := range paras[:n] {
		for _, l := range p.lines {
			if l = strings.TrimSpace(l); l != "" {
				rd.r.Title = append(rd.r.Title, l)
			}
		}
	}
	if n > 0 {
		rd.r.SetPos("title", rd.paraPos(paras[0]))
		if strings.Contains(compact(strings.Join(rd.r.Title, "")), "格式模板") {
			rd.errorf(rd.paraPos(paras[0]), "标题仍是模板的“%s”：请改为“XX机关XXXX年政府信息公开工作年度报告”", strings.Join(rd.r.Title, ""))
		}
	}
	for i, p := range paras[n:] {
		rd.r.Preamble = append(rd.r.Preamble, strings.TrimSpace(p.text()))
		rd.r.SetPos(fmt.Sprintf("preamble[%d]", i), rd.paraPos(p))
	}
}

// titleRE reads the agency and year from a title such as
// 乐清市司法局2021年政府信息公开工作年度报告.
var titleRE = regexp.MustCompile(`^(.*?)([0-9０-９〇零一二三四五六七八九]{4})年度?政府信息公开工作年度报告`)

// agencyAndYear sets the agency and the year: from the properties of a file
// nianbao wrote (its author is the agency), else from the title, else the
// agency from the closing.
func (rd *reader) agencyAndYear() {
	r := rd.r
	title := compact(strings.Join(r.Title, ""))
	pos := r.Pos("title")
	if rd.b.meta.nianbao && rd.b.meta.creator != "" {
		r.Agency = rd.b.meta.creator
		if m := regexp.MustCompile(`\d{4}`).FindString(rd.b.meta.keywords); m != "" {
			r.Year, _ = strconv.Atoi(m)
		}
	}
	if m := titleRE.FindStringSubmatch(title); m != nil {
		if r.Agency == "" {
			r.Agency = m[1]
		}
		if r.Year == 0 {
			r.Year = yearOf(m[2])
		}
	}
	if r.Agency == "" {
		r.Agency = r.Closing.Agency
	}
	r.SetPos("agency", pos)
	r.SetPos("year", pos)
	if r.Agency == "" {
		rd.errorf(pos, "无法确定机关名称：标题应为“XX机关XXXX年政府信息公开工作年度报告”，或在文末落款写明机关")
	}
	if r.Year == 0 {
		rd.errorf(pos, "无法确定年度：标题应含“XXXX年政府信息公开工作年度报告”，如“2021年政府信息公开工作年度报告”")
	}
}

// yearOf reads a year written in digits or in Chinese numerals (二〇二一).
func yearOf(s string) int {
	y := 0
	for _, r := range s {
		d := 0
		switch {
		case r >= '0' && r <= '9':
			d = int(r - '0')
		case r >= '０' && r <= '９':
			d = int(r - '０')
		case r == '〇' || r == '零':
		default:
			k := strings.IndexRune("一二三四五六七八九", r)
			if k < 0 {
				return 0
			}
			d = k/len("一") + 1
		}
		y = y*10 + d
	}
	return y
}

// section reads the prose of 一, 五 or 六: second-level headings (in the
// Heading 2 style, or a short paragraph starting with （一）), run-in
// headings (a leading run in bold or its own style), paragraphs.
func (rd *reader) section(items []item, key string) report.Section {
	var s report.Section
	for _, it := range items {
		if it.table != nil {
			rd.warnf(report.Pos{File: rd.name, Place: sectionName(sectionIndex(key))}, "%s 中有一个表格，未读取；年报数据只含正文", sectionName(sectionIndex(key)))
			continue
		}
		p := it.para
		text := strings.TrimSpace(p.text())
		if text == "" {
			continue
		}
		i := len(s)
		pos := rd.paraPos(p)
		switch lead, rest := runIn(p); {
		case isHeading2(p, text):
			s = append(s, report.Block{Heading: text})
			rd.r.SetPos(fmt.Sprintf("%s[%d]", key, i), pos)
			rd.r.SetPos(fmt.Sprintf("%s[%d].heading", key, i), pos)
		case lead != "":
			s = append(s, report.Block{Heading: lead, RunIn: true, Paragraphs: []string{rest}})
			rd.r.SetPos(fmt.Sprintf("%s[%d]", key, i), pos)
			rd.r.SetPos(fmt.Sprintf("%s[%d].heading", key, i), pos)
			rd.r.SetPos(fmt.Sprintf("%s[%d].paragraphs[0]", key, i), pos)
		case i > 0 && s[i-1].Heading != "":
			b := &s[i-1]
			rd.r.SetPos(fmt.Sprintf("%s[%d].paragraphs[%d]", key, i-1, len(b.Paragraphs)), pos)
			b.Paragraphs = append(b.Paragraphs, text)
		default:
			s = append(s, report.Block{Paragraphs: []string{text}})
			rd.r.SetPos(fmt.Sprintf("%s[%d]", key, i), pos)
			rd.r.SetPos(fmt.Sprintf("%s[%d].paragraphs[0]", key, i), pos)
		}
	}
	return s
}

func sectionIndex(key string) int {
	for i, s := range form.V2021.Sections {
		if s.Key == key {
			return i
		}
	}
	return -1
}

// subRE matches a second-level numbering at the start of a paragraph.
var subRE = regexp.MustCompile(`^[（(][一二三四五六七八九十]{1,3}[）)]`)

// isHeading2 says whether a paragraph is a second-level heading.
func isHeading2(p *para, text string) bool {
	if p.style == "heading 2" || p.style == "标题 2" {
		return true
	}
	if strings.HasPrefix(p.style, "heading") || p.style == "title" || p.style == "closing" || p.style == "note" {
		return false
	}
	body := strings.TrimSuffix(text, "。")
	return subRE.MatchString(text) && utf8.RuneCountInString(text) <= 30 &&
		!strings.ContainsAny(body, "，。；：,;")
}

// runIn splits a paragraph that opens with a heading set apart by its format
// (bold, a character style, another font): "（一）主动公开情况。" + the text.
func runIn(p *para) (lead, rest string) {
	if len(p.runs) < 2 || p.runs[0].format == p.runs[len(p.runs)-1].format {
		return "", ""
	}
	n := 0
	for n < len(p.runs) && p.runs[n].format == p.runs[0].format {
		lead += p.runs[n].text
		n++
	}
	for _, r := range p.runs[n:] {
		rest += r.text
	}
	lead = strings.TrimLeft(lead, " \u3000\t")
	if !subRE.MatchString(lead) || utf8.RuneCountInString(lead) > 40 || strings.TrimSpace(rest) == "" {
		return "", ""
	}
	return lead, strings.TrimSpace(rest)
}

// dateRE matches a closing date: 2022年1月20日, full-width or Chinese digits.
var dateRE = regexp.MustCompile(`^[0-9０-９〇零一二三四五六七八九]{4}年[0-9０-９一二三四五六七八九十]{1,3}月[0-9０-９一二三四五六七八九十]{1,3}日$`)

// closing reads the closing agency and date at the end of 六 and returns how
// many items they take.
func (rd *reader) closing(items []item) int {
	// Paragraphs in nianbao's Closing style.
	var styled []*para
	first := len(items)
	for i, it := range items {
		if it.para != nil && it.para.style == "closing" {
			styled = append(styled, it.para)
			if i < first {
				first = i
			}
		}
	}
	var lines []string
	var pos report.Pos
	if len(styled) > 0 {
		for _, p := range styled {
			lines = append(lines, strings.TrimSpace(p.text()))
		}
		pos = rd.paraPos(styled[0])
	} else {
		// Else the last paragraphs: a date, and a short line before it.
		i := len(items) - 1
		for i >= 0 && items[i].para != nil && strings.TrimSpace(items[i].para.text()) == "" {
			i--
		}
		if i < 0 || items[i].para == nil {
			return 0
		}
		last := items[i].para
		ls := nonEmpty(last.lines)
		if len(ls) == 0 || !dateRE.MatchString(compact(ls[len(ls)-1])) {
			return 0
		}
		first, pos = i, rd.paraPos(last)
		if len(ls) == 1 {
			j := i - 1
			for j >= 0 && items[j].para != nil && strings.TrimSpace(items[j].para.text()) == "" {
				j--
			}
			if j >= 0 && items[j].para != nil && isClosingAgency(items[j].para) {
				first, pos = j, rd.paraPos(items[j].para)
				ls = append([]string{strings.TrimSpace(items[j].para.text())}, ls...)
			}
		}
		lines = ls
	}
	for _, l := range lines {
		if dateRE.MatchString(compact(l)) {
			rd.r.Closing.Date = strings.TrimSpace(l)
		} else if rd.r.Closing.Date == "" {
			// An agency too long for one line comes on several (nianbao
			// writes them as the PDF breaks them): one name.
			rd.r.Closing.Agency += strings.TrimSpace(l)
		}
	}
	rd.r.SetPos("closing", pos)
	return len(items) - first
}

// isClosingAgency says whether a paragraph before the date is the agency:
// set right or centred, or a short line without sentence punctuation.
func isClosingAgency(p *para) bool {
	text := strings.TrimSpace(p.text())
	if p.align == "right" || p.align == "end" {
		return utf8.RuneCountInString(text) <= 40
	}
	return utf8.RuneCountInString(text) <= 25 && !strings.ContainsAny(text, "。，；：,;:")
}

func nonEmpty(ls []string) []string {
	var out []string
	for _, l := range ls {
		if strings.TrimSpace(l) != "" {
			out = append(out, strings.TrimSpace(l))
		}
	}
	return out
}

// notes reads the paragraphs under a table's heading, other than the table,
// as the table's notes.
func (rd *reader) notes(items []item, n int) {
	var ns []string
	for _, it := range items {
		if it.para == nil {
			continue
		}
		text := strings.TrimSpace(it.para.text())
		if text == "" {
			continue
		}
		rd.r.SetPos(fmt.Sprintf("table%d.notes[%d]", n, len(ns)), rd.paraPos(it.para))
		ns = append(ns, text)
	}
	switch n {
	case 2:
		if rd.f == form.V2019 {
			rd.r.Table2v2019.Notes = ns
		} else {
			rd.r.Table2.Notes = ns
		}
	case 3:
		rd.r.Table3.Notes = ns
	case 4:
		rd.r.Table4.Notes = ns
	}
}

// compact drops white space and turns full-width ASCII forms into ASCII, for
// comparing labels: "（一） 予以公开" → "(一)予以公开".
func compact(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == ' ' || r == '\u3000' || r == '\t' || r == '\u00a0' || r == '\n' || r == '\r':
			continue
		case r >= '！' && r <= '～':
			r = r - '！' + '!'
		}
		b.WriteRune(r)
	}
	return b.String()
}
