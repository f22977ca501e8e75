package docx

import (
	"fmt"
	"unicode/utf8"

	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/form"
)

// table appends one official table. Its structure is form's resolved grid,
// slot by slot: a cell's origin slot becomes a w:tc with w:gridSpan = its
// ColSpan and, when it spans rows, w:vMerge="restart"; each later row it
// covers gets a w:tc with the same span and w:vMerge (continue). Nothing is
// worked out again here.
func (g *gen) table(b *buf, t *document.Grid, src string) error {
	ft := t.Form
	grid := ft.Grid()
	if grid == nil {
		return fmt.Errorf("docx: %s: %s 没有解析的表格网格", where(src), ft.Name)
	}
	if len(t.Texts) != len(ft.Cells) {
		return fmt.Errorf("docx: %s: %s 有 %d 个单元格，却有 %d 个文本", where(src), ft.Name, len(ft.Cells), len(t.Texts))
	}
	for i, s := range t.Texts {
		if err := checkText(s, cellSource(t, i, src)); err != nil {
			return err
		}
	}
	widths := columnWidths(ft.Weights, g.s.TableWidth.Twips())
	keep := keepRows(ft)
	rule := ruleSize(g.s.TableRuleWidth)
	shade := gray(g.s.BandShade)

	b.s(`<w:tbl><w:tblPr><w:tblW w:w="`)
	b.n(g.s.TableWidth.Twips())
	b.s(`" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		b.s(`<w:`, side, ` w:val="single" w:sz="`)
		b.n(rule)
		b.s(`" w:space="0" w:color="000000"/>`)
	}
	b.s(`</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar>`)
	padY, padX := g.s.TableCellPadY.Twips(), g.s.TableCellPadX.Twips()
	for _, m := range []struct {
		side string
		w    int
	}{{"top", padY}, {"left", padX}, {"bottom", padY}, {"right", padX}} {
		b.s(`<w:`, m.side, ` w:w="`)
		b.n(m.w)
		b.s(`" w:type="dxa"/>`)
	}
	b.s(`</w:tblCellMar><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		b.s(`<w:gridCol w:w="`)
		b.n(w)
		b.s(`"/>`)
	}
	b.s(`</w:tblGrid>`)

	for r := 0; r < grid.Rows; r++ {
		b.s(`<w:tr><w:trPr><w:cantSplit/>`)
		if r < ft.HeadRows {
			b.s(`<w:tblHeader/>`)
		}
		b.s(`</w:trPr>`)
		for c := 0; c < grid.Cols; {
			i, _ := grid.At(r, c)
			cell := &ft.Cells[i]
			b.s(`<w:tc><w:tcPr><w:tcW w:w="`)
			b.n(sum(widths[cell.Col : cell.Col+cell.ColSpan]))
			b.s(`" w:type="dxa"/>`)
			if cell.ColSpan > 1 {
				b.s(`<w:gridSpan w:val="`)
				b.n(cell.ColSpan)
				b.s(`"/>`)
			}
			first := r == cell.Row
			if cell.RowSpan > 1 {
				if first {
					b.s(`<w:vMerge w:val="restart"/>`)
				} else {
					b.s(`<w:vMerge/>`)
				}
			}
			if cell.Kind == form.Band {
				b.s(`<w:shd w:val="clear" w:color="auto" w:fill="`, shade, `"/>`)
			}
			b.s(`<w:vAlign w:val="center"/></w:tcPr>`)
			// A paragraph for every w:tc, also the continuations of a
			// vertical merge, whose text Word ignores.
			b.s(`<w:p><w:pPr><w:pStyle w:val="TableText"/>`)
			if keep[r] || r < ft.HeadRows {
				b.s(`<w:keepNext/>`)
			}
			if cell.Kind == form.Label || cell.Kind == form.Band {
				b.s(`<w:jc w:val="left"/>`)
			}
			b.s(`</w:pPr>`)
			if first {
				g.cellText(b, cell, t.Texts[i])
			}
			b.s(`</w:p></w:tc>`)
			c = cell.Col + cell.ColSpan
		}
		b.s(`</w:tr>`)
	}
	b.s(`</w:tbl>`)
	return nil
}

// cellText appends the run of one cell. A Vertical cell (Table 三's
// 三、本年度办理结果) is set one character per line with line breaks: it
// reads the same in Word, WPS and LibreOffice, where w:textDirection tbRlV
// is rendered differently by each.
func (g *gen) cellText(b *buf, cell *form.Cell, text string) {
	if text == "" {
		return
	}
	b.s(`<w:r>`)
	if !cell.Vertical {
		b.runText(text)
		b.s(`</w:r>`)
		return
	}
	n := 0
	for _, c := range text {
		if n > 0 {
			b.s(`<w:br/>`)
		}
		b.s(`<w:t>`)
		b.esc(string(c))
		b.s(`</w:t>`)
		n++
	}
	b.s(`</w:r>`)
}

// cellSource names cell i of a table for messages: its report path for a
// value, the table and label otherwise.
func cellSource(t *document.Grid, i int, src string) string {
	if i < len(t.Sources) && t.Sources[i] != "" {
		return t.Sources[i]
	}
	return fmt.Sprintf("%s %s", where(src), t.Form.Name)
}

// keepRows marks the rows that must stay on the page of the next row:
// every row of a Keep range but its last (Table 二's bands with their
// rows), the rows of a label cell that spans rows, and only the first rows
// of a Vertical cell. Word and LibreOffice split
// the text of a vertically merged cell at a page break (三、本 | 年度办理结果);
// set one character per line it needs one row per character at most, so
// its first len(text) rows stay together and the rest of the table may
// break (keeping all 22 rows together left two thirds of a page empty).
func keepRows(t *form.Table) []bool {
	keep := make([]bool, t.Rows)
	mark := func(first, last int) {
		for r := max(0, first); r < last && r < t.Rows; r++ {
			keep[r] = true
		}
	}
	for _, k := range t.Keep {
		mark(k[0], k[1])
	}
	for _, c := range t.Cells {
		switch {
		case c.Vertical:
			mark(c.Row, c.Row+min(c.RowSpan, utf8.RuneCountInString(c.Text))-1)
		case c.Kind == form.Label && c.RowSpan > 1:
			// （四）无法提供 over 3 rows: short enough to keep whole.
			mark(c.Row, c.Row+c.RowSpan-1)
		}
	}
	// The last row never goes alone under a repeated head.
	mark(t.Rows-2, t.Rows-1)
	return keep
}

// columnWidths scales the relative weights to total twips. Each edge is
// rounded, not each width, so the columns add up to total exactly.
func columnWidths(weights []float64, total int) []int {
	var all float64
	for _, w := range weights {
		all += w
	}
	ws := make([]int, len(weights))
	if all <= 0 {
		return ws
	}
	var acc float64
	prev := 0
	for i, w := range weights {
		acc += w
		edge := int(acc/all*float64(total) + 0.5)
		ws[i] = edge - prev
		prev = edge
	}
	return ws
}

func sum(ws []int) int {
	n := 0
	for _, w := range ws {
		n += w
	}
	return n
}
