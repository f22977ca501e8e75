package document

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/report"
)

// Build makes the document of a report. The report should have been
// completed (report.Complete) so that left-out totals print.
func Build(r *report.Report) (*Document, error) {
	f, err := r.Form()
	if err != nil {
		return nil, err
	}
	var title []string // TitleLines may return the report's own lines
	for _, l := range TitleLines(r) {
		title = append(title, report.HalfWidth(l))
	}
	d := &Document{Meta: Meta{
		Title:    strings.Join(title, ""),
		Author:   r.Agency,
		Subject:  "政府信息公开工作年度报告",
		Keywords: []string{"政府信息公开", "年度报告", strconv.Itoa(r.Year)},
		Lang:     "zh-CN",
		Year:     r.Year,
		Date:     report.HalfWidth(r.Closing.Date),
	}}
	d.add(Block{Kind: Title, Lines: title, Source: "title"})
	preamble := r.Preamble
	if len(preamble) == 0 {
		preamble = []string{DefaultPreamble(r)}
	}
	for i, p := range preamble {
		d.add(Block{Kind: Paragraph, Text: p, Source: fmt.Sprintf("preamble[%d]", i)})
	}
	for _, s := range f.Sections {
		d.add(Block{Kind: Heading1, Text: s.Heading})
		if s.Table != nil {
			d.addTable(r, s.Table)
			continue
		}
		d.addSection(s.Key, prose(r, s.Key))
	}
	if r.Closing.Agency != "" || r.Closing.Date != "" {
		var lines []string
		for _, l := range []string{r.Closing.Agency, r.Closing.Date} {
			if l != "" {
				lines = append(lines, l)
			}
		}
		d.add(Block{Kind: Closing, Lines: lines, Source: "closing"})
	}
	return d, nil
}

func (d *Document) add(b Block) {
	if b.Kind == Paragraph {
		b.Text = typedIndent(b.Text)
	}
	// Numbers typed in full-width digits are printed half width
	// (report.HalfWidth; Validate warns, C6).
	b.Text, b.Lead = report.HalfWidth(b.Text), report.HalfWidth(b.Lead)
	if len(b.Lines) > 0 {
		lines := make([]string, len(b.Lines))
		for i, l := range b.Lines {
			lines[i] = report.HalfWidth(l)
		}
		b.Lines = lines
	}
	d.Blocks = append(d.Blocks, b)
}

// typedIndent returns a paragraph without the indent a clerk typed at its
// start (U+3000 ideographic spaces, ASCII spaces, tabs): the style's indent
// replaces it instead of adding to it, so that "　　2024年…" is indented two
// characters like every other paragraph, not four, in the PDF and in the
// DOCX alike (and no gap is left after a run-in heading).
func typedIndent(text string) string {
	return strings.TrimLeft(text, "\u3000 \t\u00a0")
}

// prose returns the section of the report that a format section names.
func prose(r *report.Report, key string) report.Section {
	switch key {
	case "overview":
		return r.Overview
	case "problems":
		return r.Problems
	case "other":
		return r.Other
	}
	return nil
}

func (d *Document) addSection(key string, s report.Section) {
	for i, b := range s {
		path := fmt.Sprintf("%s[%d]", key, i)
		paras := b.Paragraphs
		if b.Heading != "" {
			if b.RunIn && len(paras) > 0 {
				d.add(Block{Kind: Paragraph, Lead: b.Lead(), Text: paras[0], Source: path + ".paragraphs[0]"})
				paras = paras[1:]
				for j, p := range paras {
					d.add(Block{Kind: Paragraph, Text: p, Source: fmt.Sprintf("%s.paragraphs[%d]", path, j+1)})
				}
				continue
			}
			d.add(Block{Kind: Heading2, Text: b.Heading, Source: path + ".heading"})
		}
		for j, p := range paras {
			d.add(Block{Kind: Paragraph, Text: p, Source: fmt.Sprintf("%s.paragraphs[%d]", path, j)})
		}
	}
}

func (d *Document) addTable(r *report.Report, t *form.Table) {
	g := &Grid{Form: t, Texts: make([]string, len(t.Cells)), Sources: t.Sources()}
	for i, c := range t.Cells {
		if c.Kind != form.Value {
			g.Texts[i] = c.Text
			continue
		}
		text, _ := r.Cell(c.Bind)
		g.Texts[i] = report.HalfWidth(text)
	}
	d.add(Block{Kind: Table, Table: g, Source: fmt.Sprintf("table%d", t.Number)})
	for i, n := range r.TableNotes(t.Number) {
		d.add(Block{Kind: Note, Text: n, Source: fmt.Sprintf("table%d.notes[%d]", t.Number, i)})
	}
}

// TitleLines returns the title as printed: the report's own lines, or the
// agency and "{year}年政府信息公开工作年度报告" on two lines.
func TitleLines(r *report.Report) []string {
	if len(r.Title) > 0 {
		return r.Title
	}
	return []string{r.Agency, fmt.Sprintf("%d年政府信息公开工作年度报告", r.Year)}
}

// DefaultPreamble is the usual opening paragraph, made from the report's
// agency, year and contact, for a file that has no preamble of its own.
func DefaultPreamble(r *report.Report) string {
	var b strings.Builder
	fmt.Fprintf(&b, "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，由%s编制。"+
		"全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、"+
		"存在的主要问题及改进情况、其他需要报告的事项。本报告中所列数据的统计期限自%d年1月1日起至%d年12月31日止。",
		r.Agency, r.Year, r.Year)
	c := r.Contact
	if c.Website != "" {
		fmt.Fprintf(&b, "本报告电子版可在%s下载。", c.Website)
	}
	var parts []string
	for _, p := range [][2]string{{"地址", c.Address}, {"邮编", c.Postcode}, {"电话", c.Phone}, {"电子邮箱", c.Email}} {
		if p[1] != "" {
			parts = append(parts, p[0]+"："+p[1])
		}
	}
	if len(parts) > 0 {
		office := c.Office
		if office == "" {
			office = r.Agency
		}
		fmt.Fprintf(&b, "如对本报告有疑问，请与%s联系（%s）。", office, strings.Join(parts, "，"))
	}
	return b.String()
}
