// Package pdf draws laid-out pages (layout.Page) into a PDF file: every
// font embedded as a subset with a ToUnicode map, text drawn glyph by glyph
// at the x the layout chose (TJ arrays), rules and fills, bookmarks for the
// headings the layout marks, the document's metadata, and the same bytes
// for the same input.
//
// It owns the PDF format only; positions come from package layout, fonts
// from package fonts. It uses github.com/carlos7ags/folio at the page level
// and keeps it behind this package. Units are points; layout's y runs down
// from the page top and is flipped here.
//
// Write is safe for concurrent use: parsed fonts are shared by every
// document of a process, the per-document glyph sets are not.
package pdf

import (
	"compress/zlib"
	"crypto/sha256"
	"fmt"
	"hash"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/carlos7ags/folio/core"
	fdoc "github.com/carlos7ags/folio/document"

	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/layout"
)

// Options are the settings of one PDF.
type Options struct {
	// Date is the creation and modification date; render.Date chooses it
	// for a report (closing date, SOURCE_DATE_EPOCH). Zero means 1 January
	// of the year after the report year, as in render/docx: never the
	// clock, so the same input gives the same bytes.
	Date time.Time
	// PDFA writes PDF/A-2B (an output intent and XMP metadata), which
	// archives ask for.
	PDFA bool
}

// producer names the program in the file's metadata.
const producer = "nianbao"

// boldStroke is the outline width of synthetic bold, in em: text drawn in
// fill-and-stroke mode with a thin stroke, as Word does for 仿宋 and 楷体,
// which have no bold weight.
const boldStroke = 0.03

// Write draws pages into w as one PDF with meta's properties.
func Write(w io.Writer, pages []layout.Page, meta document.Meta, opts Options) error {
	if len(pages) == 0 {
		return fmt.Errorf("pdf: no pages")
	}
	doc := fdoc.NewDocument(fdoc.PageSize{Width: float64(pages[0].Width), Height: float64(pages[0].Height)})
	date := opts.Date
	if date.IsZero() {
		date = meta.FallbackDate()
	}
	doc.Info = fdoc.Info{
		Title:        meta.Title,
		Author:       meta.Author,
		Subject:      meta.Subject,
		Keywords:     strings.Join(meta.Keywords, "；"),
		Creator:      producer,
		Producer:     producer,
		CreationDate: date,
		ModDate:      date,
		Language:     meta.Lang,
	}
	if opts.PDFA {
		doc.SetPdfA(fdoc.PdfAConfig{Level: fdoc.PdfA2B})
	}
	wr := &writer{doc: doc, fonts: map[*fonts.Face]*docFont{}, res: core.NewPdfDictionary(), id: sha256.New()}
	wr.res.Set("Font", core.NewPdfDictionary())
	for i := range pages {
		if err := wr.page(&pages[i]); err != nil {
			return err
		}
	}
	outline(doc, pages)
	objs := &fontObjects{}
	for _, f := range wr.order {
		if err := f.build(objs); err != nil {
			return err
		}
		wr.id.Write([]byte(f.name + f.pf.psName))
		for _, g := range f.gids {
			wr.id.Write([]byte{byte(g >> 8), byte(g)})
		}
	}
	doc.SetAcroForm(objs)
	// The file ID is a digest of what the file is made of: the pages'
	// content, the fonts' glyphs, the metadata and the options (folio's
	// Deterministic ID digests the whole serialized file, 3× the bytes).
	fmt.Fprintf(wr.id, "%q %v", doc.Info, opts.PDFA)
	doc.SetFileID(wr.id.Sum(nil)[:16])
	_, err := doc.WriteToWithOptions(w, fdoc.WriteOptions{Deterministic: true, CompressionLevel: pageLevel})
	if err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}

// outline adds the bookmarks: one per level-1 heading, with the level-2
// headings under it as children, each pointing at the top of the heading's
// line (XYZ, keeping the viewer's zoom). The title is not their root: a
// single root entry would cost every entry a level of indent in the panel
// and a click to open; the viewer shows the title in its title bar
// instead (DisplayDocTitle). A file with bookmarks opens with the panel
// shown (/PageMode /UseOutlines).
func outline(doc *fdoc.Document, pages []layout.Page) {
	var parent *fdoc.Outline // the latest level-1 entry
	n := 0
	for i := range pages {
		pg := &pages[i]
		for _, m := range pg.Marks {
			dest := fdoc.XYZDest(i, 0, float64(pg.Height-m.Y), 0)
			if m.Level > 1 && parent != nil {
				parent.AddChild(m.Title, dest)
			} else {
				parent = doc.AddOutline(m.Title, dest)
				if m.Level > 1 {
					parent = nil // a level-2 heading before any level 1
				}
			}
			n++
		}
	}
	vp := fdoc.ViewerPreferences{DisplayDocTitle: true, OpenPage: -1}
	if n > 0 {
		vp.PageMode = fdoc.ModeOutlines
	}
	doc.SetViewerPreferences(vp)
}

// pageLevel is the zlib level folio compresses with: only each page's
// content stream, which is a single operator (q /Pg1 Do Q), is left to
// it; HuffmanOnly spares the work of a new LZ77 compressor.
const pageLevel = zlib.HuffmanOnly

// writer holds the state of one document being written.
type writer struct {
	doc   *fdoc.Document
	fonts map[*fonts.Face]*docFont
	order []*docFont          // fonts in the order of first use
	res   *core.PdfDictionary // the resources of every page's content
	buf   []byte              // content of the current page
	id    hash.Hash           // digest of the content, for the file ID
}

// page adds pg to the document. Its content (fills, then rules, then
// text) is a form XObject with the document's font resources, which the
// page draws; see embed.go.
func (w *writer) page(pg *layout.Page) error {
	h := float64(pg.Height)
	b := w.buf[:0]
	// Fills and rules are written as folio's AddRectFilled and AddLine
	// write them, with 6 decimals.
	for _, f := range pg.Fills {
		b = append(b, "q\n"...)
		b = appendGeom(b, f.Gray, f.Gray, f.Gray)
		b = append(b, "rg\n"...)
		b = appendGeom(b, float64(f.X), h-float64(f.Y+f.H), float64(f.W), float64(f.H))
		b = append(b, "re\nf\nQ\n"...)
	}
	for _, r := range pg.Rules {
		b = append(b, "q\n"...)
		b = appendGeom(b, float64(r.Width))
		b = append(b, "w\n0 0 0 RG\n"...)
		b = appendGeom(b, float64(r.X1), h-float64(r.Y1))
		b = append(b, "m\n"...)
		b = appendGeom(b, float64(r.X2), h-float64(r.Y2))
		b = append(b, "l\nS\nQ\n"...)
	}
	for _, t := range pg.Texts {
		if len(t.Runes) == 0 || t.Face == nil {
			continue
		}
		df, err := w.font(t.Face)
		if err != nil {
			return err
		}
		size := float64(t.Size)
		// Synthetic bold strokes the outlines too (render mode 2). The mode
		// and the line width are graphics state that outlives ET, so a bold
		// run is kept inside q … Q.
		synthBold := t.Bold && !t.Face.Bold()
		if synthBold {
			b = append(b, "q\n"...)
		}
		b = append(b, "BT\n/"...)
		b = append(b, df.name...)
		b = append(b, ' ')
		b = appendNum(b, size)
		b = append(b, " Tf\n"...)
		if synthBold {
			b = append(b, "2 Tr "...)
			b = appendNum(b, boldStroke*size)
			b = append(b, " w\n"...)
		}
		b = append(b, "1 0 0 1 "...)
		b = appendNums(b, float64(t.Xs[0]), h-float64(t.Y))
		b = append(b, "Tm\n[<"...)
		for i, r := range t.Runes {
			code, gid := df.encode(r)
			b = appendHex4(b, code)
			if i+1 == len(t.Runes) {
				break
			}
			// The advance the viewer uses is the /W entry, an integer in
			// thousandths of an em.
			adv := float64(df.pf.width(gid)) * size / 1000
			want := float64(t.Xs[i+1] - t.Xs[i])
			if d := (want - adv) * 1000 / size; d > 0.05 || d < -0.05 {
				b = append(b, "> "...)
				b = appendNum(b, -d)
				b = append(b, " <"...)
			}
		}
		b = append(b, ">] TJ\nET\n"...)
		if synthBold {
			b = append(b, "Q\n"...)
		}
	}
	w.buf = b
	w.id.Write(b)
	fmt.Fprintln(w.id, pg.Width, pg.Height)

	width, height := float64(pg.Width), float64(pg.Height)
	form := flateStream(b)
	form.Dict.Set("Type", core.NewPdfName("XObject"))
	form.Dict.Set("Subtype", core.NewPdfName("Form"))
	form.Dict.Set("BBox", core.NewPdfArray(core.NewPdfInteger(0), core.NewPdfInteger(0),
		core.NewPdfReal(width), core.NewPdfReal(height)))
	form.Dict.Set("Resources", w.res)
	xobj := core.NewPdfDictionary()
	xobj.Set("C", form)
	res := core.NewPdfDictionary()
	res.Set("XObject", xobj)
	p := w.doc.AddPage()
	p.SetSize(fdoc.PageSize{Width: width, Height: height})
	p.ImportPage([]byte("/C Do"), res, width, height)
	return nil
}

// font returns the document's font for face f, registering it in the
// page resources on first use.
func (w *writer) font(f *fonts.Face) (*docFont, error) {
	if df, ok := w.fonts[f]; ok {
		return df, nil
	}
	pf, err := parsed(f)
	if err != nil {
		return nil, err
	}
	df := newDocFont(pf, "F"+strconv.Itoa(len(w.order)+1))
	w.fonts[f] = df
	w.order = append(w.order, df)
	w.res.Get("Font").(*core.PdfDictionary).Set(df.name, df.ref)
	return df, nil
}

// appendNums appends each of vs and a space.
func appendNums(b []byte, vs ...float64) []byte {
	for _, v := range vs {
		b = appendNum(b, v)
		b = append(b, ' ')
	}
	return b
}

// appendGeom appends each of vs with at most 6 decimals and a space.
func appendGeom(b []byte, vs ...float64) []byte {
	for _, v := range vs {
		b = appendFloat(b, v, 6)
		b = append(b, ' ')
	}
	return b
}

// appendNum appends v with at most 3 decimals, as PDF content wants.
func appendNum(b []byte, v float64) []byte { return appendFloat(b, v, 3) }

func appendFloat(b []byte, v float64, prec int) []byte {
	start := len(b)
	b = strconv.AppendFloat(b, v, 'f', prec, 64)
	for b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	if b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	if s := string(b[start:]); s == "-0" || s == "" {
		b = append(b[:start], '0')
	}
	return b
}
