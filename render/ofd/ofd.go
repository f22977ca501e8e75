// Package ofd writes laid-out pages (layout.Page) as an OFD file (GB/T
// 33190-2016, 电子文件存储与交换格式 版式文档), the fixed-layout format that
// Chinese e-document and archive systems take: the same pages as the PDF,
// every character at the x the layout chose.
//
// The file is a zip package:
//
//	OFD.xml                         entry: DocInfo (title, author, dates …) and DocRoot
//	Doc_0/Document.xml              CommonData (MaxUnitID, PageArea in mm, PublicRes), Pages, Outlines
//	Doc_0/PublicRes.xml             Fonts, each with its FontFile
//	Doc_0/Res/font_N.otf|.ttf       the subset fonts, as whole OpenType files (fonts/subset)
//	Doc_0/Pages/Page_N/Content.xml  one Layer: fills, rules (PathObject), text (TextObject/TextCode)
//
// Text is written one TextObject per layout run, its TextCode giving the
// baseline start and DeltaX the distance from each character to the next,
// so justification and the adjacent-mark compression survive. Synthetic
// bold is a thin stroke around the outlines, as in the PDF. The same input
// gives the same bytes: the zip's entries have a fixed order and the
// report's date.
//
// It owns the OFD format only; positions come from package layout, glyphs
// from fonts and fonts/subset. Units: OFD's are millimetres, layout's
// points; y runs down from the page top in both.
package ofd

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/fonts/subset"
	"github.com/nianbao/nianbao/layout"
	"github.com/nianbao/nianbao/style"
)

// Options are the settings of one OFD file.
type Options struct {
	// Date is the creation and modification date; zero means
	// meta.FallbackDate(), never the clock.
	Date time.Time
}

// ns is the OFD namespace.
const ns = "http://www.ofdspec.org/2016"

// Write writes pages as one OFD file with meta's properties into w.
func Write(w io.Writer, pages []layout.Page, meta document.Meta, opts Options) error {
	if len(pages) == 0 {
		return fmt.Errorf("ofd: 没有页面")
	}
	date := opts.Date
	if date.IsZero() {
		date = meta.FallbackDate()
	}
	d := &doc{fonts: map[*fonts.Face]*docFont{}}
	// IDs are given in the order things are written: each page, then its
	// layer and objects; a font takes the next ID where it is first used.
	contents := make([][]byte, len(pages))
	pageIDs := make([]int, len(pages))
	for i := range pages {
		pageIDs[i] = d.next()
		c, err := d.page(&pages[i])
		if err != nil {
			return err
		}
		contents[i] = c
	}
	var files []file
	digest := sha256.New()

	res, err := d.publicRes()
	if err != nil {
		return err
	}
	docXML := d.document(pages, pageIDs)
	for _, c := range contents {
		digest.Write(c)
	}
	digest.Write(docXML)
	digest.Write(res)
	for _, f := range d.order {
		digest.Write(f.file)
	}
	fmt.Fprintf(digest, "%+v %s", meta, date.UTC().Format(time.RFC3339))
	docID := hex.EncodeToString(digest.Sum(nil)[:16])

	files = append(files,
		file{"OFD.xml", ofdXML(meta, date, docID)},
		file{"Doc_0/Document.xml", docXML},
		file{"Doc_0/PublicRes.xml", res},
	)
	for _, f := range d.order {
		files = append(files, file{"Doc_0/Res/" + f.fileName, f.file})
	}
	for i, c := range contents {
		files = append(files, file{fmt.Sprintf("Doc_0/Pages/Page_%d/Content.xml", i), c})
	}
	return writeZip(w, files, date)
}

// file is one entry of the package.
type file struct {
	name string
	data []byte
}

// writeZip writes the entries in order, deflated, each dated date, so the
// same files give the same bytes.
func writeZip(w io.Writer, files []file, date time.Time) error {
	zw := zip.NewWriter(w)
	// BestSpeed: a quarter of the default level's time for 3 % more bytes
	// on the sample (the fonts are most of the file).
	zw.RegisterCompressor(zip.Deflate, newFlate)
	for _, f := range files {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: date.UTC()})
		if err != nil {
			return fmt.Errorf("ofd: %w", err)
		}
		if _, err := fw.Write(f.data); err != nil {
			return fmt.Errorf("ofd: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("ofd: %w", err)
	}
	return nil
}

// flates holds compressors for reuse: a new one allocates about 1 MB.
var flates sync.Pool

func newFlate(out io.Writer) (io.WriteCloser, error) {
	if fw, ok := flates.Get().(*flate.Writer); ok {
		fw.Reset(out)
		return &pooledFlate{fw}, nil
	}
	fw, err := flate.NewWriter(out, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	return &pooledFlate{fw}, nil
}

// pooledFlate returns its compressor to the pool when it is closed.
type pooledFlate struct{ *flate.Writer }

func (p *pooledFlate) Close() error {
	err := p.Writer.Close()
	flates.Put(p.Writer)
	p.Writer = nil
	return err
}

// doc holds the state of one document being written.
type doc struct {
	id    int // the last ID given
	fonts map[*fonts.Face]*docFont
	order []*docFont // in order of first use
}

// next returns a new ID. IDs are unique in the document and at most
// MaxUnitID (GB/T 33190 §7.5).
func (d *doc) next() int {
	d.id++
	return d.id
}

// docFont is a face as one document uses it: glyph i of its subset is the
// glyph of runes[i] (runes[0] = 0, .notdef).
type docFont struct {
	id       int
	face     *fonts.Face
	prog     *subset.Font
	runes    []rune
	gids     []uint16
	index    map[rune]bool
	fileName string
	file     []byte
}

// font returns the document's font for face f.
func (d *doc) font(f *fonts.Face) (*docFont, error) {
	if df, ok := d.fonts[f]; ok {
		return df, nil
	}
	prog, err := subset.Of(f)
	if err != nil {
		return nil, fmt.Errorf("ofd: %w", err)
	}
	if err := f.Embeddable(); err != nil {
		return nil, fmt.Errorf("ofd: %w", err)
	}
	df := &docFont{face: f, prog: prog, runes: []rune{0}, gids: []uint16{0}, index: map[rune]bool{}}
	d.fonts[f] = df
	d.order = append(d.order, df)
	return df, nil
}

// use records that the document prints r in the font.
// The subset's cmap maps runes beyond the BMP (𠮷 from a fallback font)
// with a format 12 subtable.
func (df *docFont) use(r rune) {
	if df.index[r] {
		return
	}
	df.index[r] = true
	df.runes = append(df.runes, r)
	df.gids = append(df.gids, df.face.Glyph(r))
}

// publicRes numbers the fonts, builds their files and returns
// PublicRes.xml.
func (d *doc) publicRes() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<ofd:Res xmlns:ofd="` + ns + `" BaseLoc="Res">`)
	if len(d.order) > 0 {
		b.WriteString("<ofd:Fonts>")
	}
	for _, f := range d.order {
		var err error
		if f.file, err = f.prog.File(nil, f.gids, f.runes); err != nil {
			return nil, fmt.Errorf("ofd: 字体 %s: %w", f.face.Name(), err)
		}
		ext := ".ttf"
		if f.prog.CFF() {
			ext = ".otf"
		}
		f.fileName = "font_" + strconv.Itoa(f.id) + ext
		name := f.face.FullName()
		if name == "" {
			name = f.face.Name()
		}
		fmt.Fprintf(&b, `<ofd:Font ID="%d" FontName="%s" FamilyName="%s"`, f.id, attr(name), attr(f.face.Name()))
		if f.face.Bold() {
			b.WriteString(` Bold="true"`)
		}
		b.WriteString(`><ofd:FontFile>` + f.fileName + `</ofd:FontFile></ofd:Font>`)
	}
	if len(d.order) > 0 {
		b.WriteString("</ofd:Fonts>")
	}
	b.WriteString("</ofd:Res>\n")
	return b.Bytes(), nil
}

// document returns Document.xml. Fonts got their IDs as pages used them.
func (d *doc) document(pages []layout.Page, pageIDs []int) []byte {
	// Outlines: a level-1 heading holds the level-2 headings after it.
	var outline bytes.Buffer
	marks := 0
	open := false // a level-1 OutlineElem is open
	for i := range pages {
		for _, m := range pages[i].Marks {
			if m.Level == 1 && open {
				outline.WriteString("</ofd:OutlineElem>")
				open = false
			}
			fmt.Fprintf(&outline, `<ofd:OutlineElem Title="%s"><ofd:Actions><ofd:Action Event="CLICK"><ofd:Goto><ofd:Dest Type="XYZ" PageID="%d" Left="0" Top="%s"/></ofd:Goto></ofd:Action></ofd:Actions>`,
				attr(m.Title), pageIDs[i], mm(m.Y))
			if m.Level == 1 {
				open = true
			} else {
				outline.WriteString("</ofd:OutlineElem>")
			}
			marks++
		}
	}
	if open {
		outline.WriteString("</ofd:OutlineElem>")
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<ofd:Document xmlns:ofd="` + ns + `"><ofd:CommonData>`)
	fmt.Fprintf(&b, "<ofd:MaxUnitID>%d</ofd:MaxUnitID>", d.id)
	fmt.Fprintf(&b, "<ofd:PageArea><ofd:PhysicalBox>0 0 %s %s</ofd:PhysicalBox></ofd:PageArea>", mm(pages[0].Width), mm(pages[0].Height))
	b.WriteString("<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>")
	for i := range pages {
		fmt.Fprintf(&b, `<ofd:Page ID="%d" BaseLoc="Pages/Page_%d/Content.xml"/>`, pageIDs[i], i)
	}
	b.WriteString("</ofd:Pages>")
	if marks > 0 {
		b.WriteString("<ofd:Outlines>")
		b.Write(outline.Bytes())
		b.WriteString("</ofd:Outlines>")
	}
	b.WriteString("</ofd:Document>\n")
	return b.Bytes()
}

// page returns the Content.xml of pg: fills, then rules, then text, in one
// layer, as render/pdf draws them.
func (d *doc) page(pg *layout.Page) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<ofd:Page xmlns:ofd="` + ns + `">`)
	if pg.Width != 0 {
		fmt.Fprintf(&b, "<ofd:Area><ofd:PhysicalBox>0 0 %s %s</ofd:PhysicalBox></ofd:Area>", mm(pg.Width), mm(pg.Height))
	}
	fmt.Fprintf(&b, `<ofd:Content><ofd:Layer ID="%d">`, d.next())
	for _, f := range pg.Fills {
		g := strconv.Itoa(int(math.Round(255 * min(max(f.Gray, 0), 1))))
		fmt.Fprintf(&b, `<ofd:PathObject ID="%d" Boundary="%s %s %s %s" Stroke="false" Fill="true"><ofd:FillColor Value="%s %s %s"/><ofd:AbbreviatedData>M 0 0 L %s 0 L %s %s L 0 %s C</ofd:AbbreviatedData></ofd:PathObject>`,
			d.next(), mm(f.X), mm(f.Y), mm(f.W), mm(f.H), g, g, g, mm(f.W), mm(f.W), mm(f.H), mm(f.H))
	}
	for _, r := range pg.Rules {
		// The boundary holds the line with room to spare: viewers clip to
		// it, and a clip as thin as the line would thin it further.
		half := r.Width/2 + style.Pt(1)
		x0, y0 := min(r.X1, r.X2)-half, min(r.Y1, r.Y2)-half
		x1, y1 := max(r.X1, r.X2)+half, max(r.Y1, r.Y2)+half
		fmt.Fprintf(&b, `<ofd:PathObject ID="%d" Boundary="%s %s %s %s" LineWidth="%s"><ofd:StrokeColor Value="0 0 0"/><ofd:AbbreviatedData>M %s %s L %s %s</ofd:AbbreviatedData></ofd:PathObject>`,
			d.next(), mm(x0), mm(y0), mm(x1-x0), mm(y1-y0), mm(r.Width),
			mm(r.X1-x0), mm(r.Y1-y0), mm(r.X2-x0), mm(r.Y2-y0))
	}
	for i := range pg.Texts {
		if err := d.text(&b, &pg.Texts[i]); err != nil {
			return nil, err
		}
	}
	b.WriteString("</ofd:Layer></ofd:Content></ofd:Page>\n")
	return b.Bytes(), nil
}

// text appends one run as a TextObject. Its Boundary holds every glyph's
// advance box (viewers clip to it); TextCode's X and Y are relative to it.
func (d *doc) text(b *bytes.Buffer, t *layout.Text) error {
	if len(t.Runes) == 0 || t.Face == nil {
		return nil
	}
	if len(t.Xs) != len(t.Runes) {
		return fmt.Errorf("ofd: 文字 %q 有 %d 个字符，却有 %d 个位置", string(t.Runes), len(t.Runes), len(t.Xs))
	}
	df, err := d.font(t.Face)
	if err != nil {
		return err
	}
	if df.id == 0 {
		df.id = d.next()
	}
	for _, r := range t.Runes {
		df.use(r)
	}
	size := t.Size
	asc := style.Length(math.Max(t.Face.Ascent(), 0.88)) * size
	desc := style.Length(math.Max(t.Face.Descent(), 0.12)) * size
	pad := size / 4 // room for synthetic bold and overhanging glyphs
	left, right := t.Xs[0], t.Xs[0]
	for i, r := range t.Runes {
		left = min(left, t.Xs[i])
		right = max(right, t.Xs[i]+style.Length(t.Face.Advance(r))*size)
	}
	x0, y0 := left-pad, t.Y-asc-pad
	w, h := right-left+2*pad, asc+desc+2*pad
	fmt.Fprintf(b, `<ofd:TextObject ID="%d" Boundary="%s %s %s %s" Font="%d" Size="%s"`,
		d.next(), mm(x0), mm(y0), mm(w), mm(h), df.id, mm(size))
	if t.Bold && !t.Face.Bold() {
		fmt.Fprintf(b, ` Stroke="true" LineWidth="%s"><ofd:FillColor Value="0 0 0"/><ofd:StrokeColor Value="0 0 0"/>`, mm(layout.BoldStroke*size))
	} else {
		b.WriteString(`><ofd:FillColor Value="0 0 0"/>`)
	}
	fmt.Fprintf(b, `<ofd:TextCode X="%s" Y="%s"`, mm(t.Xs[0]-x0), mm(t.Y-y0))
	if len(t.Runes) > 1 {
		b.WriteString(` DeltaX="`)
		b.WriteString(deltaX(t.Xs))
		b.WriteString(`"`)
	}
	b.WriteString(">")
	xml.EscapeText(b, []byte(string(t.Runes)))
	b.WriteString("</ofd:TextCode></ofd:TextObject>")
	return nil
}

// deltaX writes the distances between successive x in mm; a run of equal
// distances is written "g N D" (GB/T 33190 §11.3, 字形变换 abbreviations).
func deltaX(xs []style.Length) string {
	ds := make([]string, len(xs)-1)
	for i := range ds {
		ds[i] = mm(xs[i+1] - xs[i])
	}
	var b strings.Builder
	for i := 0; i < len(ds); {
		j := i + 1
		for j < len(ds) && ds[j] == ds[i] {
			j++
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		if n := j - i; n > 1 {
			b.WriteString("g " + strconv.Itoa(n) + " " + ds[i])
		} else {
			b.WriteString(ds[i])
		}
		i = j
	}
	return b.String()
}

// ofdXML returns the entry file with the document's metadata.
func ofdXML(meta document.Meta, date time.Time, docID string) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<ofd:OFD xmlns:ofd="` + ns + `" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo>`)
	b.WriteString("<ofd:DocID>" + docID + "</ofd:DocID>")
	elem := func(name, text string) {
		if text != "" {
			b.WriteString("<ofd:" + name + ">")
			xml.EscapeText(&b, []byte(text))
			b.WriteString("</ofd:" + name + ">")
		}
	}
	elem("Title", meta.Title)
	elem("Author", meta.Author)
	elem("Subject", meta.Subject)
	day := date.UTC().Format("2006-01-02")
	elem("CreationDate", day)
	elem("ModDate", day)
	if len(meta.Keywords) > 0 {
		b.WriteString("<ofd:Keywords>")
		for _, k := range meta.Keywords {
			elem("Keyword", k)
		}
		b.WriteString("</ofd:Keywords>")
	}
	elem("Creator", "nianbao")
	b.WriteString("</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>\n")
	return b.Bytes()
}

// mm writes a length in millimetres with at most 3 decimals (1 µm).
func mm(l style.Length) string {
	s := strconv.FormatFloat(l.Mm(), 'f', 3, 64)
	s = strings.TrimRight(s, "0")
	s = strings.TrimSuffix(s, ".")
	if s == "-0" || s == "" {
		s = "0"
	}
	return s
}

// attr escapes s for a double-quoted attribute.
func attr(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
