package docx

import (
	"slices"
	"strings"

	"github.com/nianbao/nianbao/fonts"
)

const packageRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

func (g *gen) contentTypes() []byte {
	var b buf
	const wml = "application/vnd.openxmlformats-officedocument.wordprocessingml."
	b.s(xmlHeader, `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`,
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`,
		`<Default Extension="xml" ContentType="application/xml"/>`,
		`<Override PartName="/word/document.xml" ContentType="`, wml, `document.main+xml"/>`,
		`<Override PartName="/word/styles.xml" ContentType="`, wml, `styles+xml"/>`,
		`<Override PartName="/word/settings.xml" ContentType="`, wml, `settings+xml"/>`,
		`<Override PartName="/word/fontTable.xml" ContentType="`, wml, `fontTable+xml"/>`)
	for _, f := range g.footerNames() {
		b.s(`<Override PartName="/word/`, f, `" ContentType="`, wml, `footer+xml"/>`)
	}
	b.s(`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`,
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>`,
		`</Types>`)
	return b.Bytes()
}

// footerNames are the footer parts: footer1.xml on every page (or the odd
// ones), footer2.xml on even pages when numbers go outside.
func (g *gen) footerNames() []string {
	if g.s.PageNumberOutside {
		return []string{"footer1.xml", "footer2.xml"}
	}
	return []string{"footer1.xml"}
}

func (g *gen) documentRels() []byte {
	var b buf
	const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	b.s(xmlHeader, `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`,
		`<Relationship Id="`, ridStyles, `" Type="`, rel, `styles" Target="styles.xml"/>`,
		`<Relationship Id="`, ridSettings, `" Type="`, rel, `settings" Target="settings.xml"/>`,
		`<Relationship Id="`, ridFontTable, `" Type="`, rel, `fontTable" Target="fontTable.xml"/>`,
		`<Relationship Id="`, ridFooterOdd, `" Type="`, rel, `footer" Target="footer1.xml"/>`)
	if g.s.PageNumberOutside {
		b.s(`<Relationship Id="`, ridFooterEven, `" Type="`, rel, `footer" Target="footer2.xml"/>`)
	}
	b.s(`</Relationships>`)
	return b.Bytes()
}

// Line-breaking rules of clreq and GB/T 15834 (official-format.md §8),
// given to Word as its 中文版式 first- and last-character lists.
const (
	// noLineStart may not begin a line.
	noLineStart = "!%),.:;>?]}¢¨°·ˇˉ―‖’”…‰′″›℃∶、。〃〉》」』】〕〗〞︶︺︾﹀﹄﹚﹜﹞！＂％＇），．：；？］｀｜｝～￠"
	// noLineEnd may not end a line.
	noLineEnd = "$([{£¥·‘“〈《「『【〔〖〝﹙﹛﹝＄（．［｛￡￥"
)

func (g *gen) settings() []byte {
	var b buf
	b.s(xmlHeader, `<w:settings xmlns:w="`, nsW, `">`, `<w:zoom w:percent="100"/>`, `<w:defaultTabStop w:val="420"/>`)
	if g.s.PageNumberOutside {
		// Odd pages use the default footer (right), even pages footer2 (left).
		b.s(`<w:evenAndOddHeaders/>`)
	}
	// Compress punctuation (标点压缩) as the Word template does and as the
	// PDF sets adjacent marks and line-end marks half width.
	b.s(`<w:characterSpacingControl w:val="compressPunctuation"/>`)
	b.s(`<w:noLineBreaksAfter w:lang="zh-CN" w:val="`)
	b.esc(noLineEnd)
	b.s(`"/><w:noLineBreaksBefore w:lang="zh-CN" w:val="`)
	b.esc(noLineStart)
	b.s(`"/>`)
	// Word 2013 layout; no legacy flags (the WPS template's
	// adjustLineHeightInTable would stretch table lines to the body grid).
	b.s(`<w:compat><w:useFELayout/><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>`)
	b.s(`<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>`)
	return b.Bytes()
}

// fontInfo is what fontTable.xml says of a font, so that a reader without it
// picks a like one: the PANOSE class, the GB2312 charset (86), the family,
// and an alternative name (the English name Word and LibreOffice also know).
type fontInfo struct {
	alt, panose, charset, family, pitch string
}

// knownFonts are the fonts of the default names and their usual
// replacements. Values are those the fonts themselves carry.
var knownFonts = map[string]fontInfo{
	"Times New Roman":   {"", "02020603050405020304", "00", "roman", "variable"},
	"宋体":                {"SimSun", "02010600030101010101", "86", "auto", "variable"},
	"仿宋":                {"FangSong", "02010609060101010101", "86", "modern", "fixed"},
	"仿宋_GB2312":         {"仿宋", "02010609030101010101", "86", "modern", "fixed"},
	"黑体":                {"SimHei", "02010609060101010101", "86", "modern", "fixed"},
	"楷体":                {"KaiTi", "02010609060101010101", "86", "modern", "fixed"},
	"楷体_GB2312":         {"楷体", "02010609030101010101", "86", "modern", "fixed"},
	"方正小标宋简体":           {"方正小标宋_GBK", "02000000000000000000", "86", "script", "variable"},
	"方正小标宋_GBK":         {"宋体", "02000000000000000000", "86", "script", "variable"},
	"华文中宋":              {"STZhongsong", "02010600040101010101", "86", "auto", "variable"},
	"Noto Serif CJK SC": {"", "02020400000000000000", "86", "roman", "variable"},
}

func (g *gen) fontTable() []byte {
	var names []string
	for _, r := range fonts.Roles {
		for _, n := range []string{g.names[r].EastAsia, g.names[r].Latin} {
			if n != "" && !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
	}
	var b buf
	b.s(xmlHeader, `<w:fonts xmlns:w="`, nsW, `">`)
	for _, n := range names {
		f, ok := knownFonts[n]
		if !ok {
			f = fontInfo{panose: "00000000000000000000", charset: "86", family: "auto", pitch: "variable"}
		}
		b.s(`<w:font w:name="`)
		b.esc(n)
		b.s(`">`)
		if f.alt != "" {
			b.s(`<w:altName w:val="`)
			b.esc(f.alt)
			b.s(`"/>`)
		}
		b.s(`<w:panose1 w:val="`, f.panose, `"/><w:charset w:val="`, f.charset, `"/><w:family w:val="`, f.family, `"/><w:pitch w:val="`, f.pitch, `"/></w:font>`)
	}
	b.s(`</w:fonts>`)
	return b.Bytes()
}

// footers returns the footer parts: "— N —" with N a PAGE field, in the
// page number font, placed per style.
func (g *gen) footers() []part {
	inset := g.s.PageNumberInset.Twips()
	if !g.s.PageNumberOutside {
		return []part{{"word/footer1.xml", g.footer1("center", 0)}}
	}
	return []part{
		{"word/footer1.xml", g.footer1("right", inset)}, // odd pages: 右空一字
		{"word/footer2.xml", g.footer1("left", inset)},  // even pages: 左空一字
	}
}

func (g *gen) footer1(jc string, inset int) []byte {
	f := g.names[g.s.PageNumber.Role]
	var rpr buf
	rpr.s(`<w:rPr><w:rFonts w:ascii="`)
	rpr.esc(f.EastAsia)
	rpr.s(`" w:eastAsia="`)
	rpr.esc(f.EastAsia)
	rpr.s(`" w:hAnsi="`)
	rpr.esc(f.EastAsia)
	rpr.s(`" w:hint="eastAsia"/></w:rPr>`)
	r := rpr.String()

	var b buf
	b.s(xmlHeader, `<w:ftr xmlns:w="`, nsW, `" xmlns:r="`, nsR, `"><w:p><w:pPr><w:pStyle w:val="Footer"/>`)
	b.s(`<w:ind w:left="`)
	if jc == "left" {
		b.n(inset)
	} else {
		b.n(0)
	}
	b.s(`" w:right="`)
	if jc == "right" {
		b.n(inset)
	} else {
		b.n(0)
	}
	b.s(`" w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="`, jc, `"/></w:pPr>`)
	b.s(`<w:r>`, r, `<w:t xml:space="preserve">— </w:t></w:r>`,
		`<w:r>`, r, `<w:fldChar w:fldCharType="begin"/></w:r>`,
		`<w:r>`, r, `<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>`,
		`<w:r>`, r, `<w:fldChar w:fldCharType="separate"/></w:r>`,
		`<w:r>`, r, `<w:t>1</w:t></w:r>`,
		`<w:r>`, r, `<w:fldChar w:fldCharType="end"/></w:r>`,
		`<w:r>`, r, `<w:t xml:space="preserve"> —</w:t></w:r>`)
	b.s(`</w:p></w:ftr>`)
	return b.Bytes()
}

// core returns docProps/core.xml: title, subject, creator (the agency),
// keywords, language and dates.
func (g *gen) core() ([]byte, error) {
	m := &g.d.Meta
	kw := strings.Join(m.Keywords, "；")
	for _, f := range []struct{ v, src string }{{m.Title, "title"}, {m.Subject, "subject"}, {m.Author, "agency"}, {kw, "keywords"}, {m.Lang, "lang"}} {
		if err := checkText(f.v, f.src); err != nil {
			return nil, err
		}
	}
	lang := m.Lang
	if lang == "" {
		lang = "zh-CN"
	}
	date := g.date.Format("2006-01-02T15:04:05Z")
	var b buf
	b.s(xmlHeader, `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	for _, e := range []struct{ tag, v string }{{"dc:title", m.Title}, {"dc:subject", m.Subject}, {"dc:creator", m.Author}, {"cp:keywords", kw}} {
		if e.v == "" {
			continue
		}
		b.s(`<`, e.tag, `>`)
		b.esc(e.v)
		b.s(`</`, e.tag, `>`)
	}
	b.s(`<cp:lastModifiedBy>nianbao</cp:lastModifiedBy><cp:revision>1</cp:revision>`)
	b.s(`<dc:language>`)
	b.esc(lang)
	b.s(`</dc:language>`)
	b.s(`<dcterms:created xsi:type="dcterms:W3CDTF">`, date, `</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">`, date, `</dcterms:modified></cp:coreProperties>`)
	return b.Bytes(), nil
}

func (g *gen) app() []byte {
	var b buf
	b.s(xmlHeader, `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">`,
		`<Template>Normal.dotm</Template><Application>nianbao</Application><DocSecurity>0</DocSecurity>`)
	if a := g.d.Meta.Author; a != "" {
		b.s(`<Company>`)
		b.esc(a)
		b.s(`</Company>`)
	}
	b.s(`</Properties>`)
	return b.Bytes()
}
