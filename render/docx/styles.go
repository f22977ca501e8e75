package docx

import (
	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/style"
)

// styles returns word/styles.xml. Every paragraph style states its fonts,
// size, weight, spacing and indent in full, because Word and LibreOffice
// fill in what a built-in style (Title, heading 1) leaves out from their own
// defaults: bold, blue, Calibri Light, space before.
func (g *gen) styles() []byte {
	s := g.s
	var b buf
	b.Grow(8 << 10)
	b.s(xmlHeader, `<w:styles xmlns:w="`, nsW, `">`)

	// Defaults: the body font, Chinese as the East Asian language.
	b.s(`<w:docDefaults><w:rPrDefault><w:rPr>`)
	g.rFonts(&b, s.Body.Role)
	g.size(&b, s.Body.Size)
	b.s(`<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>`)
	b.s(`<w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr></w:pPrDefault></w:docDefaults>`)

	// Normal: body text, justified, first line indented 2 characters, on
	// the grid, with the Chinese line-breaking rules on (clreq; §8), and
	// widow control on: no paragraph leaves its first or its last line
	// alone on a page, as layout/ paginates the PDF (keepTwoLines).
	b.s(`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr>`)
	b.s(`<w:widowControl/>`)
	g.cjk(&b)
	g.spacing(&b, 0, 0, g.linePitch)
	g.indent(&b, s.Indent, 0)
	b.s(`<w:jc w:val="both"/></w:pPr><w:rPr>`)
	g.font(&b, s.Body)
	b.s(`</w:rPr></w:style>`)

	g.paraStyle(&b, "Title", "Title", s.Title, -1, "center", func() {
		b.s(`<w:keepNext/><w:keepLines/>`)
		g.cjk(&b)
		g.spacing(&b, 0, 0, g.titleLine)
		g.indent(&b, 0, 0)
	})
	for _, h := range []struct {
		id, name string
		f        style.Font
		level    int
	}{{"Heading1", "heading 1", s.Heading1, 0}, {"Heading2", "heading 2", s.Heading2, 1}} {
		g.paraStyle(&b, h.id, h.name, h.f, h.level, "both", func() {
			b.s(`<w:keepNext/><w:keepLines/>`)
			g.cjk(&b)
			g.spacing(&b, 0, 0, g.linePitch)
			g.indent(&b, s.Indent, 0)
		})
	}
	// Table text: centred, at the table's own pitch. Table text and notes
	// have no widow control: layout/ breaks a table between its rows and
	// notes line by line.
	g.paraStyle(&b, "TableText", "Table Text", s.Table, -1, "center", func() {
		b.s(`<w:widowControl w:val="0"/>`)
		g.cjk(&b)
		g.spacing(&b, 0, 0, g.tableLine)
		g.indent(&b, 0, 0)
	})
	// Notes under a table: the style's note size, off the grid at 1.5 lines,
	// as layout/ sets them.
	g.paraStyle(&b, "Note", "Note", s.Note, -1, "both", func() {
		b.s(`<w:widowControl w:val="0"/>`)
		g.cjk(&b)
		g.spacing(&b, 0, 0, (s.Note.Size * 3 / 2).Twips())
		g.indent(&b, s.Indent, 0)
	})
	// Closing: right-aligned, 右空四字 (GB/T 9704 §7.3.5.1).
	g.paraStyle(&b, "Closing", "Closing", s.Body, -1, "right", func() {
		g.cjk(&b)
		g.spacing(&b, 0, 0, g.linePitch)
		g.indent(&b, 0, 4)
	})
	// Footer: the page number, its digits in the East Asian font too
	// (GB/T 9704 §7.5: 4号半角宋体阿拉伯数字).
	g.paraStyle(&b, "Footer", "footer", s.PageNumber, -1, "", func() {
		g.cjk(&b)
		g.spacing(&b, 0, 0, s.PageNumber.Size.Twips())
		g.indent(&b, 0, 0)
	})

	b.s(`<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>`)
	b.s(`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`)
	b.s(`</w:styles>`)
	return b.Bytes()
}

// paraStyle appends a paragraph style based on Normal. level is the outline
// level (0 for heading 1), or -1; jc "" keeps Normal's alignment. ppr
// appends the pPr elements that come before w:jc, in schema order.
func (g *gen) paraStyle(b *buf, id, name string, f style.Font, level int, jc string, ppr func()) {
	b.s(`<w:style w:type="paragraph" w:styleId="`, id, `"><w:name w:val="`, name, `"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr>`)
	ppr()
	if jc != "" {
		b.s(`<w:jc w:val="`, jc, `"/>`)
	}
	if level >= 0 {
		b.s(`<w:outlineLvl w:val="`)
		b.n(level)
		b.s(`"/>`)
	}
	b.s(`</w:pPr><w:rPr>`)
	g.font(b, f)
	b.s(`</w:rPr></w:style>`)
}

// cjk appends the Chinese line-breaking flags of a pPr. No paragraph snaps
// to the document grid: Word squeezes 16 pt characters into the 15.79 pt
// cells of a 28-character grid, but LibreOffice gives each of them two cells
// (14 characters a line). Exact line spacing at the grid's pitch and the
// tracking in font set the same 22 × 28 in Word, WPS and LibreOffice.
func (g *gen) cjk(b *buf) {
	b.s(`<w:kinsoku/><w:wordWrap/><w:overflowPunct/><w:autoSpaceDE/><w:autoSpaceDN/><w:snapToGrid w:val="0"/>`)
}

// spacing appends exact line spacing of line twips.
func (g *gen) spacing(b *buf, before, after, line int) {
	b.s(`<w:spacing w:before="`)
	b.n(before)
	b.s(`" w:after="`)
	b.n(after)
	b.s(`" w:line="`)
	b.n(line)
	b.s(`" w:lineRule="exact"/>`)
}

// indent appends a first-line indent and a right indent in characters, in
// both forms: w:*Chars (hundredths of a character, what Word and WPS use)
// and twips (what other readers use).
func (g *gen) indent(b *buf, first, right int) {
	b.s(`<w:ind w:left="0" w:right="`)
	b.n(right * g.charPitch)
	b.s(`" w:rightChars="`)
	b.n(right * 100)
	b.s(`" w:firstLine="`)
	b.n(first * g.charPitch)
	b.s(`" w:firstLineChars="`)
	b.n(first * 100)
	b.s(`"/>`)
}

// font appends the rPr elements of a font: names, weight, colour, size,
// and on the grid the tracking that sets CharsPerLine characters of the body
// size in the measure.
func (g *gen) font(b *buf, f style.Font) {
	g.rFonts(b, f.Role)
	g.weight(b, f.Bold)
	b.s(`<w:i w:val="0"/><w:iCs w:val="0"/><w:color w:val="000000"/>`)
	switch {
	case g.grid && f.Size == g.s.Body.Size:
		b.s(`<w:spacing w:val="`)
		b.n(g.tracking)
		b.s(`"/>`)
	case g.grid:
		// Off the grid's size (title, tables, notes, footer): no
		// tracking, not Normal's inherited.
		b.s(`<w:spacing w:val="0"/>`)
	}
	b.s(`<w:kern w:val="0"/>`)
	g.size(b, f.Size)
}

func (g *gen) weight(b *buf, bold bool) {
	if bold {
		b.s(`<w:b/><w:bCs/>`)
	} else {
		b.s(`<w:b w:val="0"/><w:bCs w:val="0"/>`)
	}
}

func (g *gen) size(b *buf, l style.Length) {
	b.s(`<w:sz w:val="`)
	b.n(halfPoints(l))
	b.s(`"/><w:szCs w:val="`)
	b.n(halfPoints(l))
	b.s(`"/>`)
}

// rFonts names the East Asian and Latin fonts of a role; hint eastAsia makes
// the shared characters (“”, —, …) take the East Asian font.
func (g *gen) rFonts(b *buf, r fonts.Role) {
	f := g.names[r]
	b.s(`<w:rFonts w:ascii="`)
	b.esc(f.Latin)
	b.s(`" w:eastAsia="`)
	b.esc(f.EastAsia)
	b.s(`" w:hAnsi="`)
	b.esc(f.Latin)
	b.s(`" w:cs="`)
	b.esc(f.Latin)
	b.s(`" w:hint="eastAsia"/>`)
}
