package docx

import (
	"fmt"
	"math"

	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/layout"
	"github.com/nianbao/nianbao/memo"
)

const (
	nsW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
)

// Relationship ids of word/document.xml.
const (
	ridStyles     = "rId1"
	ridSettings   = "rId2"
	ridFontTable  = "rId3"
	ridFooterOdd  = "rId4" // the default footer: every page, or odd pages
	ridFooterEven = "rId5"
)

// document returns word/document.xml.
func (g *gen) document() ([]byte, error) {
	b, ok := documentBufs.Get()
	if !ok {
		b = new(buf)
		b.Grow(160 << 10)
	}
	b.Reset()
	g.body = b
	b.s(xmlHeader, `<w:document xmlns:w="`, nsW, `" xmlns:r="`, nsR, `"><w:body>`)
	afterTable := false
	for i := range g.d.Blocks {
		bl := &g.d.Blocks[i]
		// The text after a table and its notes starts half a line of
		// the body lower, as layout/ sets it (TableGapLines): without
		// it a heading touches the table's last rule, and the DOCX
		// paginates tighter than the PDF.
		g.before = 0
		if afterTable && bl.Kind != document.Note && bl.Kind != document.Table {
			g.before = int(math.Round(layout.TableGapLines * float64(g.linePitch)))
		}
		// The paragraph before the closing is kept with it, as layout/
		// keeps it: never an agency and a date alone on the last page
		// (with widow control, its last two lines come along).
		g.keepNext = i+1 < len(g.d.Blocks) && g.d.Blocks[i+1].Kind == document.Closing
		if err := g.block(b, bl); err != nil {
			return nil, err
		}
		if bl.Kind == document.Table {
			afterTable = true
		} else if bl.Kind != document.Note {
			afterTable = false
		}
	}
	g.sectPr(b)
	b.s(`</w:body></w:document>`)
	return b.Bytes(), nil
}

// documentBufs keeps the buffers of word/document.xml (about 80 KB a
// report) for the next report: a new one is cleared memory the size of it,
// every report of a batch.
var documentBufs = memo.NewFree[*buf](8)

// release gives the document's buffer back; its bytes are no longer read.
func (g *gen) release() {
	if g.body != nil {
		documentBufs.Put(g.body)
		g.body = nil
	}
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

func (g *gen) block(b *buf, bl *document.Block) error {
	switch bl.Kind {
	case document.Title:
		for i, l := range bl.Lines {
			if err := checkText(l, bl.Source); err != nil {
				return err
			}
			// A line too long for the measure is broken where the PDF
			// breaks it, not where Word's wrap falls (资源统筹|管理): with
			// line breaks inside its one paragraph, so that the title
			// keeps its lines (and reads back as they were written).
			ls, err := layout.TitleLines(l, g.s, g.metrics)
			if err != nil {
				ls = []string{l}
			}
			b.s(`<w:p><w:pPr><w:pStyle w:val="Title"/>`)
			if i == len(bl.Lines)-1 {
				// One empty line of the body grid under the title.
				b.s(`<w:spacing w:after="`)
				b.n(g.linePitch)
				b.s(`"/>`)
			}
			b.s(`</w:pPr>`)
			for k, part := range ls {
				if k > 0 {
					b.s(`<w:r><w:br/></w:r>`)
				}
				run(b, "", part)
			}
			b.s(`</w:p>`)
		}
	case document.Heading1, document.Heading2, document.Note:
		if err := checkText(bl.Text, bl.Source); err != nil {
			return err
		}
		id := map[document.Kind]string{document.Heading1: "Heading1", document.Heading2: "Heading2", document.Note: "Note"}[bl.Kind]
		b.s(`<w:p><w:pPr><w:pStyle w:val="`, id, `"/>`)
		g.spaceBefore(b)
		b.s(`</w:pPr>`)
		run(b, "", bl.Text)
		b.s(`</w:p>`)
	case document.Paragraph:
		if err := checkText(bl.Lead, bl.Source); err != nil {
			return err
		}
		if err := checkText(bl.Text, bl.Source); err != nil {
			return err
		}
		if bl.Lead != "" {
			// A run-in heading is a Heading 2 paragraph whose mark is
			// hidden (w:vanish + w:specVanish, Word's "style separator"):
			// Word runs it into the paragraph after it on one line, and
			// lists it in the navigation pane and a TOC, and so does
			// LibreOffice 25.2; one that ignores the hidden mark
			// (LibreOffice 7.4) shows the heading on a line of its own
			// above a normal paragraph. The line's
			// indent is the heading's: the paragraph it runs into has none
			// of its own, else LibreOffice 25.2, which sets the heading as
			// an inline frame at the start of that paragraph, indents the
			// line twice (Word starts the line at the heading's indent).
			b.s(`<w:p><w:pPr><w:pStyle w:val="Heading2"/>`)
			g.spaceBefore(b)
			b.s(`<w:rPr><w:vanish/><w:specVanish/></w:rPr></w:pPr>`)
			run(b, "", bl.Lead)
			b.s(`</w:p><w:p><w:pPr><w:ind w:firstLine="0" w:firstLineChars="0"/></w:pPr>`)
		} else if g.before > 0 || g.keepNext {
			b.s(`<w:p><w:pPr>`)
			if g.keepNext {
				b.s(`<w:keepNext/>`)
			}
			g.spaceBefore(b)
			b.s(`</w:pPr>`)
		} else {
			b.s(`<w:p>`)
		}
		run(b, "", bl.Text)
		b.s(`</w:p>`)
	case document.Closing:
		for _, l := range bl.Lines {
			if err := checkText(l, bl.Source); err != nil {
				return err
			}
		}
		// The agency broken where the PDF breaks it (not where Word's
		// wrap falls: 综合管|理服务中心) and each of its lines centred on
		// the axis the PDF centres it on: a centred paragraph between
		// indents symmetric about that axis, so that Word's own width of
		// the line (its Han–Latin spacing) does not move the centre. The
		// date keeps the style: right-aligned, 右空四字.
		placed, err := layout.ClosingLines(bl.Lines, g.s, g.metrics)
		if err != nil {
			placed = nil
			for _, l := range bl.Lines {
				placed = append(placed, layout.PlacedLine{Text: l})
			}
		}
		for i, l := range placed {
			b.s(`<w:p><w:pPr><w:pStyle w:val="Closing"/>`)
			if i < len(placed)-1 {
				b.s(`<w:keepNext/>`) // the agency with the date
			}
			if i == 0 {
				// One empty line between the body and the closing
				// (GB/T 9704 §7.3.5: 空一行).
				b.s(`<w:spacing w:before="`)
				b.n(g.linePitch + g.before)
				b.s(`"/>`)
			}
			if i < len(placed)-1 && l.W > 0 {
				twice := (2*l.X + l.W).Twips() // twice the axis, from the left edge
				b.s(`<w:ind w:left="`)
				b.n(max(0, twice-g.measure))
				b.s(`" w:leftChars="0" w:right="`)
				b.n(max(0, g.measure-twice))
				b.s(`" w:rightChars="0" w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="center"/>`)
			}
			b.s(`</w:pPr>`)
			run(b, "", l.Text)
			b.s(`</w:p>`)
		}
	case document.Table:
		if bl.Table == nil || bl.Table.Form == nil {
			return fmt.Errorf("docx: %s: 表格没有内容", where(bl.Source))
		}
		return g.table(b, bl.Table, bl.Source)
	default:
		return fmt.Errorf("docx: %s: 未知的段落类型 %v", where(bl.Source), bl.Kind)
	}
	return nil
}

// spaceBefore appends the space before the first paragraph after a table
// (g.before), if any, as a pPr's w:spacing: the style's line spacing stays.
func (g *gen) spaceBefore(b *buf) {
	if g.before > 0 {
		b.s(`<w:spacing w:before="`)
		b.n(g.before)
		b.s(`"/>`)
	}
}

// run appends one run of text in character style cs ("" for none).
func run(b *buf, cs, text string) {
	if text == "" {
		return
	}
	b.s(`<w:r>`)
	if cs != "" {
		b.s(`<w:rPr><w:rStyle w:val="`, cs, `"/></w:rPr>`)
	}
	b.runText(text)
	b.s(`</w:r>`)
}

// sectPr appends the section properties: footers, page size and margins,
// and the document grid.
func (g *gen) sectPr(b *buf) {
	b.s(`<w:sectPr>`)
	if g.s.PageNumberOutside {
		b.s(`<w:footerReference w:type="even" r:id="`, ridFooterEven, `"/>`)
	}
	b.s(`<w:footerReference w:type="default" r:id="`, ridFooterOdd, `"/>`)
	b.s(`<w:pgSz w:w="`)
	b.n(g.pageW)
	b.s(`" w:h="`)
	b.n(g.pageH)
	b.s(`"/><w:pgMar w:top="`)
	b.n(g.top)
	b.s(`" w:right="`)
	b.n(g.right)
	b.s(`" w:bottom="`)
	b.n(g.bottom)
	b.s(`" w:left="`)
	b.n(g.left)
	b.s(`" w:header="851" w:footer="`)
	b.n(g.footer)
	b.s(`" w:gutter="0"/><w:pgNumType w:fmt="decimal"/><w:cols w:space="425"/>`)
	if g.grid {
		// The line grid of the style, as Word's 页面设置 › 文档网格 shows
		// it (22 lines); paragraphs set it with exact line spacing, and
		// the 28 characters a line with tracking rather than by snapping
		// (see cjk). No character grid: its w:charSpace would be negative
		// (a 15.79 pt pitch for 16 pt Normal text), which a LibreOffice
		// round trip writes back as 4294966271, an invalid file.
		b.s(`<w:docGrid w:type="lines" w:linePitch="`)
		b.n(g.linePitch)
		b.s(`"/>`)
	} else {
		b.s(`<w:docGrid w:linePitch="`)
		b.n(g.linePitch)
		b.s(`"/>`)
	}
	b.s(`</w:sectPr>`)
}
