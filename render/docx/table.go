package docx

import (
	"fmt"
	"math"

	"github.com/nianbao/nianbao/columns"
	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/style"
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
		if err := checkText(s, ""); err != nil {
			return checkText(s, cellSource(t, i, src)) // the message names the cell
		}
	}
	// Column widths and type size: the same computation as the PDF's.
	plan := columns.Fit(t, g.s, g.metrics)
	widths := make([]int, len(plan.Widths))
	for c, w := range plan.Widths {
		widths[c] = int(math.Round(w.Pt() * 20))
	}
	tc := tableCell{g: g, plan: plan, notesUnder: plan.NotesUnder(t, g.s, g.metrics)}
	keep := columns.KeepWithNext(ft, g.s, plan.Size)
	rule := ruleSize(g.s.TableRuleWidth)
	shade := gray(g.s.BandShade)

	b.s(`<w:tbl><w:tblPr><w:tblW w:w="`)
	b.n(sum(widths))
	b.s(`" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		b.s(`<w:`, side, ` w:val="single" w:sz="`)
		b.n(rule)
		b.s(`" w:space="0" w:color="000000"/>`)
	}
	b.s(`</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar>`)
	padY, padX := cellMarginY(g.s), g.s.TableCellPadX.Twips()
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
			if cell.Vertical {
				// Vertical text, as Word's 文字方向 › 竖排 writes it: one
				// line of text read top to bottom, found whole by Ctrl+F.
				b.s(`<w:textDirection w:val="tbRlV"/>`)
			}
			b.s(`<w:vAlign w:val="center"/></w:tcPr>`)
			// A paragraph for every w:tc, also the continuations of a
			// vertical merge, whose text Word ignores.
			b.s(`<w:p><w:pPr><w:pStyle w:val="TableText"/>`)
			if keep[r] || r < ft.HeadRows {
				b.s(`<w:keepNext/>`)
			}
			tc.spacing(b)
			switch {
			case cell.Vertical:
				// Along a vertical line: centred on the cell's height,
				// as the PDF sets it (left would start it at the top).
				b.s(`<w:jc w:val="center"/>`)
			case cell.Kind == form.Label || cell.Kind == form.Band:
				b.s(`<w:jc w:val="left"/>`)
			}
			b.s(`</w:pPr>`)
			if first {
				room := style.Length(sum(widths[cell.Col:cell.Col+cell.ColSpan]))/20 - 2*g.s.TableCellPadX
				if cell.Kind == form.Value {
					room = plan.ValueRoom(g.s, cell.Col, cell.ColSpan)
				}
				tc.text(b, cell, t.Texts[i], room)
			}
			b.s(`</w:p></w:tc>`)
			c = cell.Col + cell.ColSpan
		}
		b.s(`</w:tr>`)
	}
	b.s(`</w:tbl>`)
	return nil
}

// cellMarginY is the top and bottom margin of a cell, in twips: the style's
// padding less half the width of the rule, so that a DOCX row is as high as
// the PDF's. LibreOffice (7.4, 25.2) adds the horizontal rules to a row's height
// (it set the rows of city-wide-2024's Table 三 22.66 pt apart with the
// full padding, the PDF 22.15 pt: one 0.5 pt rule a row; 22.1 pt now),
// where the PDF centres its rules on the rows' edges. Not checked in Word.
func cellMarginY(s *style.Style) int {
	rule := ruleSize(s.TableRuleWidth) * 20 / 8 // twips
	return max(0, s.TableCellPadY.Twips()-rule/2)
}

// tableCell writes the text of a table's cells at the plan's size.
type tableCell struct {
	g    *gen
	plan columns.Plan
	// notesUnder puts every value's note on the line under its number
	// (columns.Plan.NotesUnder), as the PDF does.
	notesUnder bool
}

// small says the table is set below the style's table size.
func (tc tableCell) small() bool { return tc.plan.Size != tc.g.s.Table.Size }

// spacing appends the line pitch of a table set smaller than TableText.
func (tc tableCell) spacing(b *buf) {
	if tc.small() {
		tc.g.spacing(b, 0, 0, tableLine(tc.g.s, tc.plan.Size))
	}
}

// text appends the runs of one cell. A label that does not fit its line
// but whose text after the enumerator does breaks after the enumerator,
// where the PDF breaks it: （三）/不予公开, not （三）不/予公开.
func (tc tableCell) text(b *buf, cell *form.Cell, text string, room style.Length) {
	if text == "" {
		return
	}
	parts := []string{text}
	if k := columns.Enumerator(text); cell.Kind == form.Label && k > 0 {
		rs := []rune(text)
		width := func(s string) style.Length { return columns.Width(tc.g.metrics, tc.g.s, s, tc.plan.Size) }
		if width(text) > room && width(string(rs[k:])) <= room {
			parts = []string{string(rs[:k]), string(rs[k:])}
		}
	}
	if k := noteStart(text); cell.Kind == form.Value && k > 0 &&
		(tc.notesUnder || columns.Width(tc.g.metrics, tc.g.s, text, tc.plan.Size) > room) {
		// 1234567 / （其中修订203418件）: the number on a line of its own.
		rs := []rune(text)
		parts = []string{string(rs[:k]), string(rs[k:])}
	}
	for i, p := range parts {
		b.s(`<w:r>`)
		if tc.small() {
			b.s(`<w:rPr>`)
			tc.g.size(b, tc.plan.Size)
			b.s(`</w:rPr>`)
		}
		if i > 0 {
			b.s(`<w:br/>`)
		}
		b.runText(p)
		b.s(`</w:r>`)
	}
}

// noteStart returns the rune index of the "（" that starts a value's note,
// or 0.
func noteStart(text string) int {
	for i, r := range []rune(text) {
		if r == '（' || r == '(' {
			return i
		}
	}
	return 0
}

// cellSource names cell i of a table for messages: its report path for a
// value, the table and label otherwise.
func cellSource(t *document.Grid, i int, src string) string {
	if i < len(t.Sources) && t.Sources[i] != "" {
		return t.Sources[i]
	}
	return fmt.Sprintf("%s %s", where(src), t.Form.Name)
}

// tableLine is the line pitch inside table cells at size.
func tableLine(s *style.Style, size style.Length) int {
	gap := s.TableLineGap
	if gap <= 0 {
		gap = 1.3
	}
	return int(size.Pt()*gap*20 + 0.5)
}

func sum(ws []int) int {
	n := 0
	for _, w := range ws {
		n += w
	}
	return n
}
