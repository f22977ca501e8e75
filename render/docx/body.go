package docx

import (
	"fmt"

	"github.com/nianbao/nianbao/document"
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
	var b buf
	b.Grow(160 << 10)
	b.s(xmlHeader, `<w:document xmlns:w="`, nsW, `" xmlns:r="`, nsR, `"><w:body>`)
	for i := range g.d.Blocks {
		if err := g.block(&b, &g.d.Blocks[i]); err != nil {
			return nil, err
		}
	}
	g.sectPr(&b)
	b.s(`</w:body></w:document>`)
	return b.Bytes(), nil
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

func (g *gen) block(b *buf, bl *document.Block) error {
	switch bl.Kind {
	case document.Title:
		for i, l := range bl.Lines {
			if err := checkText(l, bl.Source); err != nil {
				return err
			}
			b.s(`<w:p><w:pPr><w:pStyle w:val="Title"/>`)
			if i == len(bl.Lines)-1 {
				// One empty line of the body grid under the title.
				b.s(`<w:spacing w:after="`)
				b.n(g.linePitch)
				b.s(`"/>`)
			}
			b.s(`</w:pPr>`)
			run(b, "", l)
			b.s(`</w:p>`)
		}
	case document.Heading1, document.Heading2, document.Note:
		if err := checkText(bl.Text, bl.Source); err != nil {
			return err
		}
		id := map[document.Kind]string{document.Heading1: "Heading1", document.Heading2: "Heading2", document.Note: "Note"}[bl.Kind]
		b.s(`<w:p><w:pPr><w:pStyle w:val="`, id, `"/></w:pPr>`)
		run(b, "", bl.Text)
		b.s(`</w:p>`)
	case document.Paragraph:
		if err := checkText(bl.Lead, bl.Source); err != nil {
			return err
		}
		if err := checkText(bl.Text, bl.Source); err != nil {
			return err
		}
		b.s(`<w:p>`)
		if bl.Lead != "" {
			run(b, "RunIn", bl.Lead)
		}
		run(b, "", bl.Text)
		b.s(`</w:p>`)
	case document.Closing:
		for i, l := range bl.Lines {
			if err := checkText(l, bl.Source); err != nil {
				return err
			}
			b.s(`<w:p><w:pPr><w:pStyle w:val="Closing"/>`)
			if i == 0 {
				// One empty line between the body and the closing
				// (GB/T 9704 §7.3.5: 空一行).
				b.s(`<w:spacing w:before="`)
				b.n(g.linePitch)
				b.s(`"/>`)
			}
			b.s(`</w:pPr>`)
			run(b, "", l)
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
		// The grid of the style, as Word's 页面设置 › 文档网格 shows it
		// (22 lines × 28 characters); paragraphs set it with exact line
		// spacing and tracking rather than by snapping (see cjk).
		b.s(`<w:docGrid w:type="linesAndChars" w:linePitch="`)
		b.n(g.linePitch)
		b.s(`" w:charSpace="`)
		b.n(g.charSpace)
		b.s(`"/>`)
	} else {
		b.s(`<w:docGrid w:linePitch="`)
		b.n(g.linePitch)
		b.s(`"/>`)
	}
	b.s(`</w:sectPr>`)
}
