// Package pdf draws laid-out pages (layout.Page) into a PDF file: every
// font embedded as a subset with a ToUnicode map, text drawn glyph by glyph
// at the x the layout chose (TJ arrays), rules and fills, bookmarks for the
// headings the layout marks, a structure tree (tagged PDF), the document's
// metadata, the report's data as an associated file, and the same bytes
// for the same input.
//
// It owns the PDF format only; positions come from package layout, fonts
// from package fonts, the structure from package document. Units are
// points; layout's y runs down from the page top and is flipped here.
//
// It writes the document objects itself (catalog, pages, structure tree,
// outline, metadata, object streams and the cross-reference stream, in
// file.go) and uses github.com/carlos7ags/folio for what it does well:
// its object model serialises the font objects and dictionaries, and it
// parses fonts (embed.go). folio's document layer was dropped because a
// tagged PDF needs what it does not give for pages drawn by others:
// structure elements with attributes and IDs (table heads), artifacts,
// per-page /StructParents, catalog entries (/AF, /MarkInfo); and because
// it compressed every stream with a new 1 MB compressor.
//
// Text identity: the Han–Latin gap and all justification are positions
// (TJ offsets), never a character. Extractors infer a space from a wide
// gap (poppler at 0.1 em after Latin, 0.4 em between Han), so a line with
// such a gap carries its text as /ActualText (pdftotext and Acrobat read
// it; mutool 1.21 does not and prints "2021 年").
//
// The clauses relied on, and checked by the tests (veraPDF is not at hand):
//
// PDF/UA-1 (ISO 14289-1), always — TestStructureTree, TestMarkedContent,
// TestTaggedPDFInfo, TestPDFA3:
//   - 7.1: all content is tagged in reading order or an artifact (page
//     numbers, rules, fills, a table's head repeated after a page break);
//     /MarkInfo /Marked true; the XMP has dc:title and pdfuaid:part 1;
//     /ViewerPreferences /DisplayDocTitle true.
//   - 7.2: /Lang zh-CN on the catalog.
//   - 7.4: headings H1 (title, parts 一 to 六), H2 (sub-headings, also
//     run in), without skipped levels.
//   - 7.5: tables are Table → THead/TBody → TR → TH/TD; every TH has
//     /Scope (Column for heads, Row for row labels) and an /ID (in the
//     IDTree); every TD names its column and row heads in /Headers.
//   - 7.21: fonts embedded, with ToUnicode maps (TestFontsEmbeddedAndSubset).
//
// PDF/A-3B (ISO 19005-3), with Options.PDFA — TestPDFA3:
//   - 6.1.2 header and binary comment; 6.1.3 trailer /ID, no encryption;
//     PDF 1.7 with object streams and a cross-reference stream.
//   - 6.2.3 an output intent GTS_PDFA1 with an ICC v2 sRGB profile (/N 3);
//     content in DeviceGray.
//   - 6.2.11 fonts embedded; 6.2.10, 6.6.1: no transparency, no
//     JavaScript, no actions.
//   - 6.6.2 XMP metadata, not filtered, with pdfaid part 3 conformance B
//     and the extension schema for pdfuaid; 6.6.3 its title, creator,
//     dates, producer and keywords equal the Info dictionary's.
//   - 6.8 the embedded data file is an associated file: in the catalog's
//     /AF and the EmbeddedFiles name tree, /AFRelationship /Source, /F and
//     /UF, a MIME /Subtype and /Params /ModDate.
//
// Write is safe for concurrent use: parsed fonts are shared by every
// document of a process, the per-document glyph sets are not.
package pdf

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"io"
	"math"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/carlos7ags/folio/core"

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
	// PDFA writes PDF/A-3B (an output intent, XMP metadata with pdfaid),
	// which archives ask for; part 3 because of the associated data file.
	PDFA bool
	// Document is the document the pages were laid out from. With it the
	// PDF is tagged: a structure tree in reading order, every text run in
	// marked content, page furniture as artifacts (see tag.go). Without it
	// (tests, measuring what tagging costs) the PDF is untagged.
	Document *document.Document
	// Data, when set, is embedded as the document's associated file
	// (AFRelationship /Source): the report's data, which package pdfdata
	// reads back.
	Data *File
}

// producer names the program in the file's metadata.
const producer = "nianbao"

// Write draws pages into w as one PDF with meta's properties.
func Write(w io.Writer, pages []layout.Page, meta document.Meta, opts Options) error {
	if len(pages) == 0 {
		return fmt.Errorf("pdf: no pages")
	}
	date := opts.Date
	if date.IsZero() {
		date = meta.FallbackDate()
	}
	fw := &file{}
	add := fw.add
	catalog := core.NewPdfDictionary()
	catalog.Set("Type", core.NewPdfName("Catalog"))
	catRef := add(catalog)
	pagesDict := core.NewPdfDictionary()
	pagesRef := add(pagesDict)
	catalog.Set("Pages", pagesRef)

	wr := &writer{fonts: map[*fonts.Face]*docFont{}, res: core.NewPdfDictionary(), id: sha256.New()}
	wr.scratch = scratchOf.Get().(*scratch)
	defer wr.release()
	wr.res.Set("Font", core.NewPdfDictionary())
	resRef := add(wr.res)
	if opts.Document != nil {
		wr.tags = newTagger(opts.Document, fw)
		texts := 0
		for i := range pages {
			texts += len(pages[i].Texts)
		}
		wr.tags.marks = make([]mark, 0, texts) // about one a text
	}
	most := 0 // texts on the fullest page: w.items holds a page's
	for i := range pages {
		most = max(most, len(pages[i].Texts))
	}
	wr.items = slices.Grow(wr.items[:0], most)
	// Every glyph of the document, numbered in the order of glyph IDs
	// (see docFont).
	for i := range pages {
		for k := range pages[i].Texts {
			t := &pages[i].Texts[k]
			if len(t.Runes) == 0 || t.Face == nil {
				continue
			}
			df, err := wr.font(t.Face)
			if err != nil {
				return err
			}
			for _, r := range t.Runes {
				df.encode(r)
			}
		}
	}
	for _, df := range wr.order {
		df.sortCodes()
	}
	pageRefs := make([]*core.PdfIndirectReference, len(pages))
	pageDicts := make([]*core.PdfDictionary, len(pages))
	kids := core.NewPdfArray()
	for i := range pages {
		pageDicts[i] = core.NewPdfDictionary()
		pageRefs[i] = add(pageDicts[i])
		kids.Add(pageRefs[i])
	}
	for i := range pages {
		pg := &pages[i]
		content, err := wr.page(pg, i)
		if err != nil {
			return err
		}
		d := pageDicts[i]
		d.Set("Type", core.NewPdfName("Page"))
		d.Set("Parent", pagesRef)
		d.Set("MediaBox", core.NewPdfArray(core.NewPdfInteger(0), core.NewPdfInteger(0),
			core.NewPdfReal(float64(pg.Width)), core.NewPdfReal(float64(pg.Height))))
		d.Set("Resources", resRef)
		d.Set("Contents", add(content))
		if wr.tags != nil {
			d.Set("StructParents", core.NewPdfInteger(i))
		}
	}
	pagesDict.Set("Type", core.NewPdfName("Pages"))
	pagesDict.Set("Kids", kids)
	pagesDict.Set("Count", core.NewPdfInteger(len(pages)))

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
	objs.Build(add, pageRefs)

	if meta.Lang != "" {
		catalog.Set("Lang", core.NewPdfTextString(meta.Lang))
	}
	if wr.tags != nil {
		catalog.Set("StructTreeRoot", wr.tags.finish(pageRefs))
		mark := core.NewPdfDictionary()
		mark.Set("Marked", core.NewPdfBoolean(true))
		catalog.Set("MarkInfo", mark)
	}
	vp := core.NewPdfDictionary()
	vp.Set("DisplayDocTitle", core.NewPdfBoolean(true))
	catalog.Set("ViewerPreferences", vp)
	if outline(catalog, pages, pageRefs, add) {
		catalog.Set("PageMode", core.NewPdfName("UseOutlines"))
	}
	catalog.Set("Metadata", add(metadata(meta, date, opts.PDFA)))
	if opts.PDFA {
		catalog.Set("OutputIntents", core.NewPdfArray(outputIntent(add)))
	}
	if opts.Data != nil {
		spec := attach(opts.Data, date, add)
		catalog.Set("AF", core.NewPdfArray(spec))
		files := core.NewPdfDictionary()
		files.Set("Names", core.NewPdfArray(core.NewPdfLiteralString(opts.Data.Name), spec))
		names := core.NewPdfDictionary()
		names.Set("EmbeddedFiles", files)
		catalog.Set("Names", names)
		wr.id.Write(opts.Data.Data)
	}
	infoRef := add(info(meta, date))
	// The file ID is a digest of what the file is made of: the pages'
	// content (compressed), the fonts' glyphs, the metadata and the options (a digest
	// of the whole serialized file costs 3× the bytes).
	wr.id.Write(appendDigest(nil, meta, date, opts.PDFA, wr.tags != nil))
	if err := fw.write(w, catRef, infoRef, wr.id.Sum(nil)[:16]); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}

// appendDigest appends what the file ID digests of the metadata and the
// options: each string after its length, so that no two metadata give the
// same bytes.
func appendDigest(b []byte, meta document.Meta, date time.Time, pdfa, tagged bool) []byte {
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	str(meta.Title)
	str(meta.Author)
	str(meta.Subject)
	b = binary.AppendUvarint(b, uint64(len(meta.Keywords)))
	for _, k := range meta.Keywords {
		str(k)
	}
	str(meta.Lang)
	b = binary.AppendVarint(b, int64(meta.Year))
	str(meta.Date)
	b = binary.AppendVarint(b, date.Unix())
	return append(b, boolByte(pdfa), boolByte(tagged))
}

func boolByte(v bool) byte {
	if v {
		return 1
	}
	return 0
}

// outline adds the bookmarks: one per level-1 heading, with the level-2
// headings under it as children, each pointing at the top of the heading's
// line (XYZ, keeping the viewer's zoom). The title is not their root: a
// single root entry would cost every entry a level of indent in the panel
// and a click to open; the viewer shows the title in its title bar
// instead (DisplayDocTitle). It reports whether there are bookmarks; a
// file with bookmarks opens with the panel shown (/PageMode /UseOutlines).
func outline(catalog *core.PdfDictionary, pages []layout.Page, pageRefs []*core.PdfIndirectReference, add func(core.PdfObject) *core.PdfIndirectReference) bool {
	type entry struct {
		d    *core.PdfDictionary
		ref  *core.PdfIndirectReference
		kids []*entry
	}
	root := &entry{d: core.NewPdfDictionary()}
	var parent *entry // the latest level-1 entry
	for i := range pages {
		pg := &pages[i]
		for _, m := range pg.Marks {
			e := &entry{d: core.NewPdfDictionary()}
			e.ref = add(e.d)
			e.d.Set("Title", core.NewPdfTextString(m.Title))
			e.d.Set("Dest", core.NewPdfArray(pageRefs[i], core.NewPdfName("XYZ"), core.NewPdfInteger(0),
				core.NewPdfReal(float64(pg.Height-m.Y)), core.NewPdfInteger(0)))
			if m.Level > 1 && parent != nil {
				parent.kids = append(parent.kids, e)
				continue
			}
			root.kids = append(root.kids, e)
			parent = e
			if m.Level > 1 {
				parent = nil // a level-2 heading before any level 1
			}
		}
	}
	if len(root.kids) == 0 {
		return false
	}
	root.ref = add(root.d)
	root.d.Set("Type", core.NewPdfName("Outlines"))
	// link sets the tree links of e's children and returns how many
	// entries below e are shown (all: every entry is open).
	var link func(e *entry) int
	link = func(e *entry) int {
		n := 0
		for k, c := range e.kids {
			c.d.Set("Parent", e.ref)
			if k > 0 {
				c.d.Set("Prev", e.kids[k-1].ref)
			}
			if k+1 < len(e.kids) {
				c.d.Set("Next", e.kids[k+1].ref)
			}
			n += 1 + link(c)
		}
		if len(e.kids) > 0 {
			e.d.Set("First", e.kids[0].ref)
			e.d.Set("Last", e.kids[len(e.kids)-1].ref)
			e.d.Set("Count", core.NewPdfInteger(n))
		}
		return n
	}
	link(root)
	catalog.Set("Outlines", root.ref)
	return true
}

// writer holds the state of one document being written.
type writer struct {
	fonts map[*fonts.Face]*docFont
	order []*docFont          // fonts in the order of first use
	res   *core.PdfDictionary // the resources of every page
	tags  *tagger             // nil: untagged
	id    hash.Hash           // digest of the content, for the file ID
	tc    float64             // the character spacing (Tc) in force on the page
	tf    *docFont            // the font (Tf) in force on the page, nil: none yet …
	size  float64             // … at this size
	*scratch
}

// scratch is the working memory of a writer, kept in scratchOf from one
// document to the next: none of it outlives the page it is used for.
type scratch struct {
	buf       []byte // content of the current page
	items     []item
	segs      [][]item
	gaps      []int    // the current text's gaps (text)
	codes     []uint16 // and its glyph codes
	scratchID [16]byte // a page's size, for the file ID
}

var scratchOf = sync.Pool{New: func() any { return new(scratch) }}

// release gives back the writer's scratch and its fonts' glyph tables
// once the document is written.
func (w *writer) release() {
	clear(w.items[:cap(w.items)]) // no text of this document kept alive
	clear(w.segs[:cap(w.segs)])
	scratchOf.Put(w.scratch)
	w.scratch = nil
	for _, f := range w.order {
		f.release()
	}
}

// Marked-content openers of the artifacts (ISO 32000-1 §14.8.2.2).
const (
	artifactLayout = "/Artifact <</Type /Layout>> BDC\n"
	artifactRepeat = "/Artifact <</Type /Pagination>> BDC\n"
	artifactFooter = "/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n"
)

// page returns the content stream of pg, the i-th page: fills, then rules,
// then text, each text run in marked content when the PDF is tagged.
func (w *writer) page(pg *layout.Page, i int) (*core.PdfStream, error) {
	h := float64(pg.Height)
	b := w.buf[:0]
	w.tc, w.tf = 0, nil // a page starts with the default text state
	tagged := w.tags != nil
	if tagged && len(pg.Fills)+len(pg.Rules) > 0 {
		b = append(b, artifactLayout...)
	}
	// Fills and rules in one q … Q, a path per gray or line width.
	if len(pg.Fills)+len(pg.Rules) > 0 {
		b = append(b, "q\n"...)
	}
	for k, f := range pg.Fills {
		if k == 0 || f.Gray != pg.Fills[k-1].Gray {
			b = appendGeom(b, f.Gray)
			b = append(b, "g\n"...)
		}
		b = appendGeom(b, float64(f.X), h-float64(f.Y+f.H), float64(f.W), float64(f.H))
		b = append(b, "re\n"...)
		if k+1 == len(pg.Fills) || pg.Fills[k+1].Gray != f.Gray {
			b = append(b, "f\n"...)
		}
	}
	if len(pg.Rules) > 0 {
		b = append(b, "0 G\n"...)
	}
	for k, r := range pg.Rules {
		if k == 0 || r.Width != pg.Rules[k-1].Width {
			b = appendGeom(b, float64(r.Width))
			b = append(b, "w\n"...)
		}
		b = appendGeom(b, float64(r.X1), h-float64(r.Y1))
		b = append(b, "m "...)
		b = appendGeom(b, float64(r.X2), h-float64(r.Y2))
		b = append(b, "l\n"...)
		if k+1 == len(pg.Rules) || pg.Rules[k+1].Width != r.Width {
			b = append(b, "S\n"...)
		}
	}
	if len(pg.Fills)+len(pg.Rules) > 0 {
		b = append(b, "Q\n"...)
	}
	if tagged && len(pg.Fills)+len(pg.Rules) > 0 {
		b = append(b, "EMC\n"...)
	}
	w.items = w.tags.items(pg, w.items[:0])
	// Segments: the runs of one element (or artifact) on one baseline.
	its := w.items
	segs := w.segs[:0]
	for k := 0; k < len(its); {
		j := k + 1
		for j < len(its) && its[j].e == its[k].e && its[j].kind == its[k].kind && its[j].t.Y == its[k].t.Y {
			j++
		}
		segs = append(segs, its[k:j])
		k = j
	}
	w.segs = segs
	// runIn returns the end of the segments from k that share a line and
	// a block: a run-in heading and its paragraph's first line.
	runIn := func(k int) int {
		j := k + 1
		for j < len(segs) && segs[j][0].kind == content && segs[k][0].kind == content &&
			segs[j][0].t.Y == segs[k][0].t.Y && segs[j][0].t.Block == segs[k][0].t.Block &&
			segs[j][0].t.Cell == segs[k][0].t.Cell {
			j++
		}
		return j
	}
	var err error
	for k := 0; k < len(segs); {
		if j := runIn(k); j > k+1 {
			// One /ActualText over the elements of the line, so that no
			// space comes between the heading and the text.
			if b, err = w.line(b, segs[k:j], h, i); err != nil {
				return nil, err
			}
			k = j
			continue
		}
		// The lines of one element in one marked-content sequence.
		j := k + 1
		for j < len(segs) && segs[j][0].e == segs[k][0].e && segs[j][0].kind == segs[k][0].kind && runIn(j) == j+1 {
			j++
		}
		if tagged {
			b = w.open(b, segs[k][0], i)
		}
		for _, s := range segs[k:j] {
			if b, err = w.line(b, [][]item{s}, h, -1); err != nil {
				return nil, err
			}
		}
		if tagged {
			b = append(b, "EMC\n"...)
		}
		k = j
	}
	w.buf = b
	s := flateStream(b, kindContent)
	w.id.Write(s.Data) // a quarter of the bytes of b, and as telling
	w.id.Write(binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint64(w.scratchID[:0],
		math.Float64bits(float64(pg.Width))), math.Float64bits(float64(pg.Height))))
	return s, nil
}

// open appends the start of the marked-content sequence of it, the
// first item of a segment on page i.
func (w *writer) open(b []byte, it item, i int) []byte {
	switch {
	case w.tags == nil:
		return b
	case it.kind == footer:
		return append(b, artifactFooter...)
	case it.kind == pagination:
		return append(b, artifactRepeat...)
	case it.e != nil:
		b = append(b, '/')
		b = append(b, it.e.name()...)
		b = append(b, " <</MCID "...)
		b = strconv.AppendInt(b, int64(w.tags.mark(it.e, i)), 10)
		return append(b, ">> BDC\n"...)
	}
	return append(b, artifactLayout...)
}

// line appends the segments of one line, inside a /Span with its text as
// /ActualText when an extractor would not give it back as it is. With a
// page index i ≥ 0, each segment is a marked-content sequence of its own
// (the line holds parts of several elements); with -1 the caller has
// opened the sequence.
func (w *writer) line(b []byte, segs [][]item, h float64, i int) ([]byte, error) {
	var all []item
	if len(segs) == 1 {
		all = segs[0]
	} else {
		for _, s := range segs {
			all = append(all, s...)
		}
	}
	actual, err := w.needsActualText(all)
	if err != nil {
		return nil, err
	}
	if actual {
		b = append(b, "/Span <</ActualText "...)
		b = utf16Literal(b, all)
		b = append(b, ">> BDC\n"...)
	}
	own := i >= 0 && w.tags != nil
	for _, s := range segs {
		if own {
			b = w.open(b, s[0], i)
		}
		if b, err = w.draw(b, s, h); err != nil {
			return nil, err
		}
		if own {
			b = append(b, "EMC\n"...)
		}
	}
	if actual {
		b = append(b, "EMC\n"...)
	}
	return b, nil
}

// draw appends the runs of a segment.
func (w *writer) draw(b []byte, s []item, h float64) ([]byte, error) {
	var err error
	for k := range s {
		if b, err = w.text(b, &s[k].t, h); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// maxGap is the gap, in em, beyond which text extractors see a word
// break and add a space that the text does not have: poppler breaks a
// word at a gap (or an overlap) of 0.1 em, between Latin letters and
// between Han characters alike; the limit keeps a margin below it.
const maxGap = 0.08

// needsActualText reports whether the line of runs its has a gap between
// two glyphs, beyond their advance, that an extractor would read as a
// space: the ¼ em between Han and Latin, justification wider than maxGap,
// or an overlap (a squeezed punctuation mark). Such a line carries its
// text as /ActualText, so that pdftotext and copy-paste give back exactly
// the input.
func (w *writer) needsActualText(its []item) (bool, error) {
	var prevEnd float64
	first := true
	for _, it := range its {
		t := &it.t
		if len(t.Runes) == 0 || t.Face == nil {
			continue
		}
		df, err := w.font(t.Face)
		if err != nil {
			return false, err
		}
		size := float64(t.Size)
		for k, r := range t.Runes {
			x := float64(t.Xs[k])
			if !first && math.Abs(x-prevEnd) > maxGap*size {
				return true, nil
			}
			_, gid := df.encode(r)
			prevEnd = x + float64(df.pf.width(gid))*size/1000
			first = false
		}
	}
	return false, nil
}

// text appends the drawing of text run t on a page of height h.
func (w *writer) text(b []byte, t *layout.Text, h float64) ([]byte, error) {
	if len(t.Runes) == 0 || t.Face == nil {
		return b, nil
	}
	df, err := w.font(t.Face)
	if err != nil {
		return nil, err
	}
	size := float64(t.Size)
	// Synthetic bold strokes the outlines too (render mode 2). The mode
	// and the line width are graphics state that outlives ET, so a bold
	// run is kept inside q … Q.
	synthBold := t.Bold && !t.Face.Bold()
	tc, tf, tfSize := w.tc, w.tf, w.size
	if synthBold {
		b = append(b, "q\n"...)
	}
	b = append(b, "BT\n"...)
	// The font is text state, which outlives ET: it is set when it
	// changes (and, for a bold run, inside its q … Q).
	if df != w.tf || size != w.size || synthBold {
		b = append(b, '/')
		b = append(b, df.name...)
		b = append(b, ' ')
		b = appendNum(b, size)
		b = append(b, " Tf\n"...)
		w.tf, w.size = df, size
	}
	if synthBold {
		b = append(b, "2 Tr "...)
		b = appendNum(b, layout.BoldStroke*size)
		b = append(b, " w\n"...)
	}
	// The gap after each glyph, in thousandths of an em: where the layout
	// puts the next glyph less the advance the viewer uses (the /W entry,
	// an integer in thousandths of an em).
	gaps, codes := w.gaps[:0], w.codes[:0]
	for i, r := range t.Runes {
		code, gid := df.encode(r)
		codes = append(codes, code)
		if i+1 < len(t.Runes) {
			adv := float64(df.pf.width(gid)) * size / 1000
			want := float64(t.Xs[i+1] - t.Xs[i])
			gaps = append(gaps, int(math.Round((want-adv)*1000/size*1000))) // in millionths of an em
		}
	}
	w.gaps, w.codes = gaps, codes
	// The gap most glyphs have (a justified line's letter spacing) is the
	// character spacing Tc; TJ adjusts the others.
	if spacing := roundTo(float64(commonGap(gaps))*size/1e6, 5); spacing != w.tc && len(gaps) > 0 {
		b = appendFloat(b, spacing, 5)
		b = append(b, " Tc\n"...)
		w.tc = spacing
	}
	// BT starts the text matrix at the identity: Td sets it to
	// [1 0 0 1 x y], as "1 0 0 1 x y Tm" would.
	b = appendNums(b, float64(t.Xs[0]), h-float64(t.Y))
	b = append(b, "Td\n"...)
	// The codes as a literal string, two bytes each; TJ when a gap needs
	// adjusting, else Tj.
	adjusted := false
	for i := range len(codes) - 1 {
		if d := float64(gaps[i])/1000 - w.tc*1000/size; d > 0.05 || d < -0.05 {
			adjusted = true
			break
		}
	}
	if adjusted {
		b = append(b, '[')
	}
	b = append(b, '(')
	for i, code := range codes {
		b = appendCode(b, code)
		if i+1 == len(codes) || !adjusted {
			continue
		}
		if d := float64(gaps[i])/1000 - w.tc*1000/size; d > 0.05 || d < -0.05 {
			b = append(b, ") "...)
			b = appendNum(b, -d)
			b = append(b, " ("...)
		}
	}
	if adjusted {
		b = append(b, ")] TJ\nET\n"...)
	} else {
		b = append(b, ") Tj\nET\n"...)
	}
	if synthBold {
		b = append(b, "Q\n"...)
		w.tc, w.tf, w.size = tc, tf, tfSize // Q restores the text state
	}
	return b, nil
}

// escapes gives for each byte the character that follows a backslash
// when the byte is in a literal string (ISO 32000-1 §7.3.4.2), or 0: the
// parentheses and the backslash, and the ends of line, which a reader
// would otherwise turn into a line feed.
var escapes = [256]byte{'(': '(', ')': ')', '\\': '\\', '\r': 'r', '\n': 'n'}

// appendCode appends a glyph code to a literal string: two bytes, high
// first (Identity-H), each escaped if it must be.
func appendCode(b []byte, code uint16) []byte {
	hi, lo := byte(code>>8), byte(code)
	if escapes[hi]|escapes[lo] == 0 {
		return append(b, hi, lo)
	}
	for _, c := range [2]byte{hi, lo} {
		if e := escapes[c]; e != 0 {
			b = append(b, '\\', e)
		} else {
			b = append(b, c)
		}
	}
	return b
}

// commonGap returns the value that most of gaps have, or 0 when no value
// is shared by more than a quarter of them.
func commonGap(gaps []int) int {
	best, count := 0, 0
	for i, g := range gaps {
		if g == best || slices.Contains(gaps[:i], g) {
			continue // counted already
		}
		n := 0
		for _, h := range gaps[i:] {
			if h == g {
				n++
			}
		}
		if n > count {
			best, count = g, n
		}
		if 2*count > len(gaps) {
			break
		}
	}
	if 4*count <= len(gaps) || count < 2 {
		return 0
	}
	return best
}

// roundTo rounds v to prec decimals, as appendFloat writes it.
func roundTo(v float64, prec int) float64 {
	p := math.Pow10(prec)
	return math.Round(v*p) / p
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

// pow10 are the scales of appendFloat's precisions.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6}

// appendFloat appends v with at most prec decimals (prec ≤ 6), without
// trailing zeros, as strconv's 'f' format rounds it. Page coordinates and
// sizes (below 10⁸ after scaling) take a fast path through an integer;
// a value whose scaled fraction is within 10⁻⁶ of a half, where the
// float product might round the other way than the exact decimal, is left
// to strconv.
func appendFloat(b []byte, v float64, prec int) []byte {
	if x := v * pow10[prec]; math.Abs(x) < 1e8 {
		r := math.Round(x)
		if f := math.Abs(x - r); f < 0.5-1e-6 {
			return appendFixed(b, int64(r), prec)
		}
	}
	return appendFloatSlow(b, v, prec)
}

// appendFixed appends n / 10^prec without trailing zeros ("0" for zero).
func appendFixed(b []byte, n int64, prec int) []byte {
	if n == 0 {
		return append(b, '0')
	}
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	for prec > 0 && n%10 == 0 {
		n /= 10
		prec--
	}
	var d [24]byte
	i := len(d)
	for range prec {
		i--
		d[i] = byte('0' + n%10)
		n /= 10
	}
	if prec > 0 {
		i--
		d[i] = '.'
	}
	for {
		i--
		d[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	return append(b, d[i:]...)
}

func appendFloatSlow(b []byte, v float64, prec int) []byte {
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
