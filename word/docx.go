package word

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Limits on what is read from a DOCX file: a filled report is 20–200 KB;
// these stop a zip bomb or a wrong file before it costs memory.
const (
	MaxFileSize = 32 << 20 // the DOCX file itself
	maxPartSize = 16 << 20 // one part (document.xml) uncompressed
)

// body is the main text of a DOCX file as paragraphs and tables, in order.
type body struct {
	items []item
	meta  meta
}

// item is a paragraph or a table of the body.
type item struct {
	para  *para
	table *table
}

// para is one paragraph: its text split at line breaks, its style's name and
// its runs (for a run-in heading set in bold or in its own character style).
type para struct {
	lines []string
	style string // the style's name, lower case ("heading 1", "title"), or its id
	align string // w:jc: "right", "center", …
	runs  []run
	n     int // 1-based number among the body's non-empty paragraphs
	// runsIn says that the paragraph mark is hidden (w:specVanish or
	// w:vanish): the paragraph is the run-in heading of the next one.
	runsIn bool
}

// runInto returns paragraph p with the run-in heading h before it: its
// runs marked by h's style, so that runIn tells the heading from the text.
func runInto(h, p *para) *para {
	out := &para{style: p.style, align: p.align, n: p.n, runsIn: p.runsIn}
	out.lines = append([]string{}, h.lines...)
	out.lines[len(out.lines)-1] += p.lines[0]
	out.lines = append(out.lines, p.lines[1:]...)
	for _, r := range h.runs {
		r.format = "style:" + h.style + "/" + r.format
		out.runs = append(out.runs, r)
	}
	out.runs = append(out.runs, p.runs...)
	return out
}

// text is the paragraph's text with its line breaks removed.
func (p *para) text() string { return strings.Join(p.lines, "") }

// run is a stretch of text with one format.
type run struct {
	text   string
	format string // what tells it from its neighbours: bold, character style, East Asian font
}

// table is a table as rows of cells, with merged cells as Word writes them:
// a cell spanning columns once with its span, a cell spanning rows in each
// row, its first part holding the text and marked restart, the others
// marked as continuing it.
type table struct {
	rows [][]cell
}

type cell struct {
	text   string
	span   int  // grid columns
	col    int  // first grid column, 0-based
	merged bool // continues the cell above (w:vMerge without restart): its text is the one above
}

// meta is what docProps says: written by nianbao, the agency, the year.
type meta struct {
	nianbao  bool   // docProps/app.xml names nianbao as the application
	creator  string // dc:creator
	keywords string // cp:keywords
}

// parse reads the body of a DOCX file.
func parse(data []byte) (*body, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, errors.New("不是 Word 文件（.docx）：无法作为 zip 打开；若是旧版 .doc 或 WPS .wps 文件，请在 Word/WPS 中另存为 .docx")
	}
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		parts[f.Name] = f
	}
	doc, ok := parts["word/document.xml"]
	if !ok {
		return nil, errors.New("不是 Word 文件（.docx）：缺少 word/document.xml")
	}
	docXML, err := readPart(doc)
	if err != nil {
		return nil, err
	}
	styles := map[string]string{}
	if f, ok := parts["word/styles.xml"]; ok {
		if data, err := readPart(f); err == nil {
			styles = styleNames(data)
		}
	}
	b := &body{}
	if f, ok := parts["docProps/app.xml"]; ok {
		if data, err := readPart(f); err == nil {
			b.meta.nianbao = bytes.Contains(data, []byte("<Application>nianbao</Application>"))
		}
	}
	if f, ok := parts["docProps/core.xml"]; ok {
		if data, err := readPart(f); err == nil {
			root, _ := tree(data)
			if root != nil {
				b.meta.creator = strings.TrimSpace(root.find("creator").allText())
				b.meta.keywords = root.find("keywords").allText()
			}
		}
	}
	root, err := tree(docXML)
	if err != nil {
		return nil, fmt.Errorf("Word 文件的正文（word/document.xml）无法读取：%v", err)
	}
	bd := root.find("body")
	if bd == nil {
		return nil, errors.New("Word 文件没有正文（word/document.xml 中没有 w:body）")
	}
	b.block(bd, styles)
	n := 0
	for _, it := range b.items {
		if it.para != nil && strings.TrimSpace(it.para.text()) != "" {
			n++
			it.para.n = n
		}
	}
	return b, nil
}

func readPart(f *zip.File) ([]byte, error) {
	if f.UncompressedSize64 > maxPartSize {
		return nil, fmt.Errorf("Word 文件的 %s 过大（%d MiB）", f.Name, f.UncompressedSize64>>20)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("Word 文件的 %s 无法读取：%v", f.Name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxPartSize+1))
	if err != nil {
		return nil, fmt.Errorf("Word 文件的 %s 无法读取：%v", f.Name, err)
	}
	if len(data) > maxPartSize {
		return nil, fmt.Errorf("Word 文件的 %s 过大", f.Name)
	}
	return data, nil
}

// block adds the paragraphs and tables of a body or a content control.
func (b *body) block(n *node, styles map[string]string) {
	for _, c := range n.kids {
		switch c.name {
		case "p":
			p := paragraph(c, styles)
			if k := len(b.items) - 1; k >= 0 && b.items[k].para != nil && b.items[k].para.runsIn {
				// The previous paragraph's mark is hidden: Word shows it
				// as the run-in heading of this one, and nianbao writes
				// （一）主动公开情况。 so.
				p = runInto(b.items[k].para, p)
				b.items = b.items[:k]
			}
			b.items = append(b.items, item{para: p})
		case "tbl":
			b.items = append(b.items, item{table: tableOf(c)})
		case "sdt", "sdtContent", "customXml", "ins", "smartTag":
			b.block(c, styles)
		}
	}
}

// paragraph reads a w:p.
func paragraph(n *node, styles map[string]string) *para {
	p := &para{lines: []string{""}}
	if ppr := n.child("pPr"); ppr != nil {
		if s := ppr.child("pStyle"); s != nil {
			id := s.attr("val")
			p.style = strings.ToLower(id)
			if name, ok := styles[id]; ok {
				p.style = strings.ToLower(name)
			}
		}
		if jc := ppr.child("jc"); jc != nil {
			p.align = jc.attr("val")
		}
		if rpr := ppr.child("rPr"); rpr != nil {
			// A hidden paragraph mark: Word's w:specVanish, or the
			// w:vanish alone that a LibreOffice re-save keeps of it.
			v := rpr.child("vanish")
			p.runsIn = rpr.child("specVanish") != nil || v != nil && v.attr("val") != "0" && v.attr("val") != "false"
		}
	}
	var walk func(n *node)
	walk = func(n *node) {
		for _, c := range n.kids {
			switch c.name {
			case "r":
				p.addRun(c)
			case "del", "moveFrom", "pPr", "rPr", "txbxContent", "instrText", "delText":
				// deleted text, properties, text boxes and field codes are not the paragraph's text
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return p
}

// addRun appends the text of a w:r.
func (p *para) addRun(r *node) {
	format := ""
	if rpr := r.child("rPr"); rpr != nil {
		if b := rpr.child("b"); b != nil && b.attr("val") != "0" && b.attr("val") != "false" {
			format += "b"
		}
		if s := rpr.child("rStyle"); s != nil {
			format += "/" + s.attr("val")
		}
		if f := rpr.child("rFonts"); f != nil {
			format += "/" + f.attr("eastAsia")
		}
	}
	var text strings.Builder
	var walk func(n *node)
	walk = func(n *node) {
		for _, c := range n.kids {
			switch c.name {
			case "t":
				text.WriteString(c.allText())
				p.lines[len(p.lines)-1] += c.allText()
			case "tab":
				text.WriteString(" ")
				p.lines[len(p.lines)-1] += " "
			case "br", "cr":
				if c.attr("type") == "page" {
					continue
				}
				p.lines = append(p.lines, "")
			case "noBreakHyphen":
				text.WriteString("-")
				p.lines[len(p.lines)-1] += "-"
			case "AlternateContent":
				if fb := c.child("Fallback"); fb != nil {
					walk(fb)
				}
			case "rPr", "delText", "instrText", "drawing", "pict", "object":
			default:
				walk(c)
			}
		}
	}
	walk(r)
	if text.Len() == 0 {
		return
	}
	if k := len(p.runs) - 1; k >= 0 && p.runs[k].format == format {
		p.runs[k].text += text.String()
		return
	}
	p.runs = append(p.runs, run{text: text.String(), format: format})
}

// tableOf reads a w:tbl: its rows and cells with their spans. The text of a
// cell is its paragraphs joined, line breaks removed (商业/企业 → 商业企业).
func tableOf(n *node) *table {
	t := &table{}
	for _, tr := range n.kids {
		if tr.name != "tr" {
			continue
		}
		var row []cell
		col := 0
		if tp := tr.child("trPr"); tp != nil {
			if gb := tp.child("gridBefore"); gb != nil {
				col += atoi(gb.attr("val"))
			}
		}
		for _, tc := range tr.kids {
			if tc.name != "tc" {
				continue
			}
			c := cell{span: 1, col: col}
			if pr := tc.child("tcPr"); pr != nil {
				if gs := pr.child("gridSpan"); gs != nil {
					if s := atoi(gs.attr("val")); s > 1 {
						c.span = s
					}
				}
				if vm := pr.child("vMerge"); vm != nil && vm.attr("val") != "restart" {
					c.merged = true
				}
			}
			var parts []string
			var walk func(n *node)
			walk = func(n *node) {
				for _, k := range n.kids {
					switch k.name {
					case "p":
						parts = append(parts, paragraph(k, nil).text())
					case "tbl", "sdt", "sdtContent", "customXml":
						walk(k)
					case "tr", "tc":
						walk(k)
					}
				}
			}
			walk(tc)
			c.text = strings.Join(parts, "")
			col += c.span
			row = append(row, c)
		}
		t.rows = append(t.rows, row)
	}
	// A continuing cell shows the text of the cell it continues.
	for i := 1; i < len(t.rows); i++ {
		for k := range t.rows[i] {
			c := &t.rows[i][k]
			if !c.merged {
				continue
			}
			for _, up := range t.rows[i-1] {
				if up.col == c.col {
					c.text = up.text
				}
			}
		}
	}
	return t
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' || n > 1000 {
			return n
		}
		n = n*10 + int(r-'0')
	}
	return n
}

// styleNames maps style ids to their names in word/styles.xml (WPS names its
// styles "1", "2" …; their names say what they are).
func styleNames(data []byte) map[string]string {
	m := map[string]string{}
	root, err := tree(data)
	if err != nil || root == nil {
		return m
	}
	for _, s := range root.kids {
		if s.name != "style" {
			continue
		}
		if n := s.child("name"); n != nil {
			m[s.attr("styleId")] = n.attr("val")
		}
	}
	return m
}

// node is an XML element: its local name, attributes by local name, child
// elements and character data.
type node struct {
	name  string
	attrs []xml.Attr
	kids  []*node
	text  strings.Builder
}

func (n *node) attr(local string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func (n *node) child(name string) *node {
	if n == nil {
		return nil
	}
	for _, c := range n.kids {
		if c.name == name {
			return c
		}
	}
	return nil
}

// find returns the first element named name, depth first.
func (n *node) find(name string) *node {
	if n == nil {
		return nil
	}
	if n.name == name {
		return n
	}
	for _, c := range n.kids {
		if f := c.find(name); f != nil {
			return f
		}
	}
	return nil
}

// allText is the character data of n and its descendants.
func (n *node) allText() string {
	if n == nil {
		return ""
	}
	s := n.text.String()
	for _, c := range n.kids {
		s += c.allText()
	}
	return s
}

// maxDepth bounds the nesting of elements read.
const maxDepth = 256

// tree parses an XML part into nodes.
func tree(data []byte) (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	root := &node{}
	stack := []*node{root}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		top := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) > maxDepth {
				return nil, errors.New("XML 嵌套过深")
			}
			n := &node{name: t.Name.Local, attrs: t.Attr}
			top.kids = append(top.kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			if top.name == "t" || top.name == "creator" || top.name == "keywords" || top.name == "title" {
				top.text.Write(t)
			}
		}
	}
	if len(root.kids) == 0 {
		return nil, errors.New("没有 XML 元素")
	}
	return root.kids[0], nil
}
