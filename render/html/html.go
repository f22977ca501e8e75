// Package html writes a report as a web page for a government portal: a
// standalone HTML5 page, or the article body alone for a CMS column. It
// reads the document (document.Document), not laid-out pages: the browser
// sets the text, so the page reflows from a desktop to a phone.
//
// The three official tables are real <table> markup with form/'s resolved
// grid cell by cell (rowspan, colspan), a <caption> each, <th scope> for
// every head and label cell, and on every cell a headers attribute naming
// the head and label cells it belongs to, so that a screen reader reads
// "三、本年度办理结果 （三）不予公开 1.属于国家秘密 申请人情况 自然人" with
// a number. The page has no script and loads nothing: its CSS is inline,
// with a system CJK font stack and print rules for A4.
//
// It owns the markup only; the words and their order come from package
// document, the grids from package form.
package html

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/form"
)

// Options are the settings of one page.
type Options struct {
	// Fragment writes the article alone (<article>…</article>), for pasting
	// into a CMS column: no <html>, <head> or <style>; the few styles the
	// tables need to be legible are inline attributes.
	Fragment bool
}

// Write writes d as HTML to w.
func Write(w io.Writer, d *document.Document, opts Options) error {
	g := &gen{frag: opts.Fragment}
	if !opts.Fragment {
		g.head(d)
	}
	if err := g.article(d); err != nil {
		return err
	}
	if !opts.Fragment {
		g.s("</main>\n</body>\n</html>\n")
	}
	_, err := io.WriteString(w, g.b.String())
	return err
}

// gen builds one page.
type gen struct {
	b    strings.Builder
	frag bool
}

func (g *gen) s(ss ...string) {
	for _, s := range ss {
		g.b.WriteString(s)
	}
}

// text appends s escaped for element content or a quoted attribute.
func (g *gen) text(s string) { g.b.WriteString(escaper.Replace(s)) }

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;")

// head appends the document head with the page's CSS.
func (g *gen) head(d *document.Document) {
	m := &d.Meta
	lang := m.Lang
	if lang == "" {
		lang = "zh-CN"
	}
	g.s("<!DOCTYPE html>\n<html lang=\"")
	g.text(lang)
	g.s("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
	g.text(m.Title)
	g.s("</title>\n")
	meta := func(name, content string) {
		if content != "" {
			g.s(`<meta name="`, name, `" content="`)
			g.text(content)
			g.s("\">\n")
		}
	}
	meta("author", m.Author)
	meta("description", m.Subject)
	meta("keywords", strings.Join(m.Keywords, ","))
	meta("generator", "nianbao")
	g.s("<style>\n", pageCSS)
	// The column widths of each table, in proportion to form's weights.
	for i := range d.Blocks {
		if t := d.Blocks[i].Table; t != nil && t.Form != nil {
			for k, w := range widths(t.Form) {
				g.s(".nianbao-report #", tableID(t.Form), " col:nth-child(", strconv.Itoa(k+1), ") { width: ", w, " }\n")
			}
		}
	}
	g.s("</style>\n</head>\n<body>\n<main>\n")
}

// The font stacks name fonts that a Windows, macOS, Linux, Android or iOS
// reader has installed; nothing is downloaded.
const (
	serifStack = `"Songti SC", "STSong", "SimSun", "宋体", "Noto Serif CJK SC", "Source Han Serif SC", "Noto Serif SC", serif`
	sansStack  = `"PingFang SC", "Microsoft YaHei", "微软雅黑", "Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "SimHei", "黑体", sans-serif`
	titleStack = `"方正小标宋简体", "FZXiaoBiaoSong-B05S", "STZhongsong", "华文中宋", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif`
	kaiStack   = `"KaiTi", "楷体", "KaiTi_GB2312", "STKaiti", "LXGW WenKai", "AR PL UKai CN", ` + serifStack
)

// pageCSS styles the standalone page: a readable column on screen, tables
// that scroll sideways on a phone instead of squeezing their numbers, and
// the GB/T 9704 page (A4, 版心 156×225 mm) in print.
const pageCSS = `.nianbao-report { font-family: ` + serifStack + `; font-size: 1.0625rem; line-height: 1.8; color: #111; max-width: 52em; margin: 0 auto; padding: 1.5em 1em 3em; }
.nianbao-report h1 { font-family: ` + titleStack + `; font-size: 1.6em; font-weight: bold; line-height: 1.5; text-align: center; margin: 0.5em 0 1.2em; }
.nianbao-report h2 { font-family: ` + sansStack + `; font-size: 1.1em; font-weight: bold; margin: 1.4em 0 0.4em; }
.nianbao-report h3 { font-family: ` + kaiStack + `; font-size: 1em; font-weight: bold; margin: 0.8em 0 0.2em; text-indent: 2em; }
.nianbao-report p { margin: 0 0 0.4em; text-indent: 2em; overflow-wrap: anywhere; }
.nianbao-report .lead { font-family: ` + kaiStack + `; font-weight: bold; }
.nianbao-report p.note { font-size: 0.875em; text-indent: 0; }
.nianbao-report p.closing { text-align: right; text-indent: 0; margin-top: 2em; }
.nianbao-report .table-box { overflow-x: auto; margin: 0.6em 0 1em; }
.nianbao-report table { border-collapse: collapse; width: 100%; min-width: 50em; font-size: 0.875em; line-height: 1.4; }
.nianbao-report table.narrow { min-width: 0; }
.nianbao-report caption { font-family: ` + sansStack + `; font-weight: bold; padding: 0.3em 0; caption-side: top; }
.nianbao-report th, .nianbao-report td { border: 1px solid #000; padding: 0.3em 0.4em; vertical-align: middle; text-align: center; font-weight: normal; }
.nianbao-report th.label { text-align: left; }
.nianbao-report th.band { text-align: left; background: #e8e8e8; }
.nianbao-report th.vertical { writing-mode: vertical-rl; text-orientation: upright; letter-spacing: 0.2em; }
.nianbao-report td { font-family: "Times New Roman", "Liberation Serif", ` + serifStack + `; font-variant-numeric: tabular-nums; white-space: nowrap; }
.nianbao-report td.noted { white-space: normal; }
@media (min-width: 600px) {
  .nianbao-report p { text-align: justify; }
}
@media (max-width: 600px) {
  .nianbao-report { font-size: 1rem; padding: 1em 0.75em 2em; }
  .nianbao-report h1 { font-size: 1.35em; }
  .nianbao-report caption { text-align: left; }
}
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@media print {
  .nianbao-report { max-width: none; padding: 0; font-size: 16pt; line-height: 28.95pt; color: #000; }
  .nianbao-report h1 { font-size: 22pt; line-height: 1.4; }
  .nianbao-report h2, .nianbao-report h3 { font-size: 16pt; break-after: avoid; }
  .nianbao-report p { text-align: justify; }
  .nianbao-report .table-box { overflow: visible; }
  .nianbao-report table { min-width: 0; font-size: 10.5pt; line-height: 1.3; }
  .nianbao-report thead { display: table-header-group; }
  .nianbao-report td { break-inside: avoid; }
  /* Vertical text is an orthogonal flow, which Chromium never breaks: a
     head 22 rows tall would be pushed to a new page whole. In its narrow
     column, horizontal text sets one character per line all the same. */
  .nianbao-report th.vertical { writing-mode: horizontal-tb; letter-spacing: 0; }
  .nianbao-report caption { break-after: avoid; }
}
`

// Inline styles of the fragment, which a CMS column shows with its own
// stylesheet: only what keeps a table legible.
const (
	fragTable   = "border-collapse:collapse;width:100%"
	fragCell    = "border:1px solid #000;padding:0.3em 0.4em;text-align:center;vertical-align:middle;font-weight:normal"
	fragLabel   = "border:1px solid #000;padding:0.3em 0.4em;text-align:left;vertical-align:middle;font-weight:normal"
	fragBand    = "border:1px solid #000;padding:0.3em 0.4em;text-align:left;vertical-align:middle;font-weight:normal;background:#e8e8e8"
	fragVert    = "border:1px solid #000;padding:0.3em 0.4em;vertical-align:middle;font-weight:normal;writing-mode:vertical-rl;text-orientation:upright"
	fragBox     = "overflow-x:auto"
	fragCenter  = "text-align:center"
	fragRight   = "text-align:right"
	fragIndent  = "text-indent:2em"
	fragCaption = "font-weight:bold;padding:0.3em 0"
)

// attr appends a class attribute on the page, or a style attribute in a
// fragment.
func (g *gen) attr(class, style string) {
	if g.frag {
		if style != "" {
			g.s(` style="`, style, `"`)
		}
		return
	}
	if class != "" {
		g.s(` class="`, class, `"`)
	}
}

// article appends the report's blocks.
func (g *gen) article(d *document.Document) error {
	g.s(`<article class="nianbao-report"`)
	if d.Meta.Lang != "" {
		g.s(` lang="`)
		g.text(d.Meta.Lang)
		g.s(`"`)
	}
	g.s(">\n")
	section := "" // the heading of the current part, for table captions
	for i := range d.Blocks {
		b := &d.Blocks[i]
		switch b.Kind {
		case document.Title:
			g.s("<h1")
			g.attr("", fragCenter)
			g.s(">")
			g.lines(b.Lines)
			g.s("</h1>\n")
		case document.Heading1:
			section = b.Text
			g.s("<h2>")
			g.text(b.Text)
			g.s("</h2>\n")
		case document.Heading2:
			g.s("<h3")
			g.attr("", fragIndent)
			g.s(">")
			g.text(b.Text)
			g.s("</h3>\n")
		case document.Paragraph:
			g.s("<p")
			g.attr("", fragIndent)
			g.s(">")
			if b.Lead != "" {
				g.s(`<strong class="lead">`)
				g.text(b.Lead)
				g.s("</strong>")
			}
			g.text(b.Text)
			g.s("</p>\n")
		case document.Note:
			g.s(`<p`)
			g.attr("note", "")
			g.s(">")
			g.text(b.Text)
			g.s("</p>\n")
		case document.Closing:
			g.s(`<p`)
			g.attr("closing", fragRight)
			g.s(">")
			g.lines(b.Lines)
			g.s("</p>\n")
		case document.Table:
			if b.Table == nil {
				return fmt.Errorf("html: %s: 表格块没有表格", b.Source)
			}
			if err := g.table(b.Table, section); err != nil {
				return err
			}
		default:
			return fmt.Errorf("html: %s: 未知的块类型 %v", b.Source, b.Kind)
		}
	}
	g.s("</article>\n")
	return nil
}

// lines appends lines separated by <br>.
func (g *gen) lines(ls []string) {
	for i, l := range ls {
		if i > 0 {
			g.s("<br>")
		}
		g.text(l)
	}
}

// table appends one official table: form's resolved grid, row by row; a
// cell is written at its origin slot with its spans, nothing is worked out
// again here except which head and label cells each cell belongs to.
func (g *gen) table(t *document.Grid, section string) error {
	ft := t.Form
	grid := ft.Grid()
	if grid == nil {
		return fmt.Errorf("html: %s 没有解析的表格网格", ft.Name)
	}
	if len(t.Texts) != len(ft.Cells) {
		return fmt.Errorf("html: %s 有 %d 个单元格，却有 %d 个文本", ft.Name, len(ft.Cells), len(t.Texts))
	}
	id := tableID(ft)
	g.s(`<div`)
	g.attr("table-box", fragBox)
	g.s(">\n<table id=\"", id, "\"")
	if ft.Cols <= 4 {
		g.attr("narrow", fragTable)
	} else {
		g.attr("", fragTable)
	}
	g.s(">\n<caption id=\"", id, "-caption\"")
	g.attr("", fragCaption)
	g.s(">")
	g.text(Caption(ft, section))
	g.s("</caption>\n")
	g.s("<colgroup>")
	for _, w := range widths(ft) {
		g.s("<col")
		g.attr("", "width:"+w)
		g.s(">")
	}
	g.s("</colgroup>\n")
	heads := Headers(ft)
	for r := 0; r < grid.Rows; r++ {
		switch {
		case r == 0 && ft.HeadRows > 0:
			g.s("<thead>\n")
		case r == ft.HeadRows:
			g.s("<tbody>\n")
		}
		g.s("<tr>")
		for c := 0; c < grid.Cols; c++ {
			i, origin := grid.At(r, c)
			if !origin {
				continue
			}
			g.cell(ft, i, t.Texts[i], id, heads[i])
		}
		g.s("</tr>\n")
		if r == ft.HeadRows-1 {
			g.s("</thead>\n")
		}
	}
	g.s("</tbody>\n</table>\n</div>\n")
	return nil
}

// cell appends cell i of ft.
func (g *gen) cell(ft *form.Table, i int, text, table string, heads []int) {
	c := &ft.Cells[i]
	tag := "th"
	if c.Kind == form.Value {
		tag = "td"
	}
	g.s("<", tag)
	if tag == "th" {
		g.s(` id="`, cellID(table, i), `"`)
		if c.Kind == form.Label {
			g.s(` scope="row"`)
		} else {
			g.s(` scope="col"`)
		}
	}
	if c.RowSpan > 1 {
		g.s(` rowspan="`, strconv.Itoa(c.RowSpan), `"`)
	}
	if c.ColSpan > 1 {
		g.s(` colspan="`, strconv.Itoa(c.ColSpan), `"`)
	}
	if len(heads) > 0 {
		g.s(` headers="`)
		for k, h := range heads {
			if k > 0 {
				g.s(" ")
			}
			g.s(cellID(table, h))
		}
		g.s(`"`)
	}
	switch {
	case c.Vertical:
		g.attr("vertical", fragVert)
	case c.Kind == form.Band:
		g.attr("band", fragBand)
	case c.Kind == form.Label:
		g.attr("label", fragLabel)
	case strings.ContainsAny(text, "（("):
		// A value's note may wrap, as in the PDF: whole on its number's
		// line it widened its column and squeezed the row labels of
		// 表三 to four characters a line (715656（含延期答复2104件）).
		g.attr("noted", fragCell)
	default:
		g.attr("", fragCell)
	}
	g.s(">")
	g.text(text)
	g.s("</", tag, ">")
}

// widths returns the widths of t's columns as CSS percentages.
func widths(t *form.Table) []string {
	total := 0.0
	for _, w := range t.Weights {
		total += w
	}
	ws := make([]string, len(t.Weights))
	for i, w := range t.Weights {
		ws[i] = strconv.FormatFloat(100*w/total, 'f', 1, 64) + "%"
	}
	return ws
}

// tableID names a table in the page; the prefix keeps it apart from the
// ids of a CMS page that the fragment is pasted into.
func tableID(t *form.Table) string { return "nianbao-t" + strconv.Itoa(t.Number) }

func cellID(table string, i int) string { return table + "-c" + strconv.Itoa(i) }

// Caption is a table's caption: its name and the part it belongs to
// ("表二 主动公开政府信息情况"), or the name alone.
func Caption(t *form.Table, section string) string {
	if _, rest, ok := strings.Cut(section, "、"); ok && rest != "" {
		return t.Name + "　" + rest
	}
	return t.Name
}

// Headers returns, for every cell of t (by index in t.Cells), the indices
// of the head and label cells it belongs to, outermost first:
//
//   - the band above it (Table 二's 第二十条第（一）项) and the head cells
//     above it in its first column, from the top row of the head down;
//   - the label cells to its left in its first row, from the left.
//
// A head cell gets the heads above it, a label cell the labels to its left:
// 自然人 belongs to 申请人情况, （三）不予公开 to 三、本年度办理结果.
func Headers(t *form.Table) [][]int {
	grid := t.Grid()
	at := func(r, c int) int { j, _ := grid.At(r, c); return j }
	out := make([][]int, len(t.Cells))
	for i := range t.Cells {
		c := &t.Cells[i]
		if c.Kind == form.Band {
			continue
		}
		// Up the first column: the head cells above (skipping the rows of
		// values between a head and the cell), then the band, if any.
		var col []int // bottom-up
		inHead := false
	up:
		for r := c.Row - 1; r >= 0; r-- {
			j := at(r, c.Col)
			switch k := t.Cells[j].Kind; {
			case k == form.Band:
				col = append(col, j)
				break up
			case k == form.Header && c.Kind != form.Label:
				if len(col) == 0 || col[len(col)-1] != j {
					col = append(col, j)
				}
				inHead = true
				continue
			case !inHead && c.Kind != form.Header:
				continue // a row of values or labels above this one
			}
			break up
		}
		var heads []int
		for k := len(col) - 1; k >= 0; k-- {
			heads = append(heads, col[k])
		}
		// Left along the first row: past the values, the label cells.
		if c.Kind != form.Header {
			var row []int // right to left
			for cc := c.Col - 1; cc >= 0; cc-- {
				j := at(c.Row, cc)
				k := t.Cells[j].Kind
				if k == form.Value && len(row) == 0 {
					continue // a value to the left in the same row
				}
				if k != form.Label {
					break
				}
				if len(row) == 0 || row[len(row)-1] != j {
					row = append(row, j)
				}
			}
			for k := len(row) - 1; k >= 0; k-- {
				heads = append(heads, row[k])
			}
		}
		out[i] = heads
	}
	return out
}
