package pdf

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"sync"

	"github.com/carlos7ags/folio/core"
	ffont "github.com/carlos7ags/folio/font"

	"github.com/nianbao/nianbao/fonts"
)

// The PDF font objects (Type0, CIDFont, FontDescriptor, font program,
// ToUnicode) are built here rather than by folio's font.EmbeddedFont, so
// that this package chooses the subsetter and the compression: folio's
// CFF subsetter walks every charstring (Fandol has no subroutines to
// find), and its writer compresses each stream with a new zlib writer.
//
// The font objects are numbered by fontObjects.Build, which Write calls
// with the file's add (file.go) once every page has been drawn.

// parsedFace is what a face's embedding needs that does not depend on the
// document: parsed once per process, shared by every document.
type parsedFace struct {
	once   sync.Once
	face   ffont.Face // metrics and descriptor values
	cff    *cffFont   // the font program: CID-keyed CFF …
	tt     *ttFont    // … or TrueType
	psName string
	err    error
}

// faces caches each parsed face once per process: parsing a CJK font is
// the expensive part, and a batch renders many reports with the same faces.
var faces sync.Map // *fonts.Face → *parsedFace

func parsed(f *fonts.Face) (*parsedFace, error) {
	v, _ := faces.LoadOrStore(f, &parsedFace{})
	pf := v.(*parsedFace)
	pf.once.Do(func() {
		pf.err = pf.parse(f.SFNT())
		if pf.err != nil {
			pf.err = fmt.Errorf("pdf: font %s: %w", f.Name(), pf.err)
		}
	})
	return pf, pf.err
}

// cffData is the method of folio's faces with CFF outlines.
type cffData interface{ CFFData() []byte }

func (pf *parsedFace) parse(data []byte) error {
	face, err := ffont.ParseFont(data)
	if err != nil {
		return err
	}
	pf.face = face
	pf.psName = psName(face.PostScriptName())
	if c, ok := face.(cffData); ok && c.CFFData() != nil {
		pf.cff, err = parseCFF(c.CFFData())
		return err
	}
	pf.tt, err = parseTrueType(data)
	return err
}

// width is the advance of glyph g in thousandths of an em, as the /W array
// gives it to viewers (an integer, truncated like folio's).
func (pf *parsedFace) width(g uint16) int {
	return pf.face.GlyphAdvance(g) * 1000 / pf.face.UnitsPerEm()
}

// psName keeps the characters a PDF name allows, as folio does.
func psName(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == ' ':
			return '-'
		case r < '!' || r > '~' || strings.ContainsRune("[](){}<>/%", r):
			return -1
		}
		return r
	}, s)
}

// docFont is a face as one document uses it: its glyphs numbered 1…n in
// the order of first use, which are the codes (CIDs) in the content.
type docFont struct {
	pf    *parsedFace
	name  string                     // resource name: F1, F2, …
	ref   *core.PdfIndirectReference // the Type0 font, numbered when added
	newID []uint16                   // original glyph ID → code; 0: unused
	gids  []uint16                   // code → original glyph ID; gids[0] = 0
	runes []rune                     // code → character
}

func newDocFont(pf *parsedFace, name string) *docFont {
	return &docFont{pf: pf, name: name, ref: core.NewPdfIndirectReference(0, 0),
		newID: make([]uint16, pf.face.NumGlyphs()), gids: []uint16{0}, runes: []rune{0}}
}

// encode returns the code of r's glyph, and that glyph's original ID.
func (d *docFont) encode(r rune) (code, gid uint16) {
	gid = d.pf.face.GlyphIndex(r)
	if gid == 0 || int(gid) >= len(d.newID) {
		return 0, 0
	}
	code = d.newID[gid]
	if code == 0 {
		code = uint16(len(d.gids))
		d.newID[gid] = code
		d.gids = append(d.gids, gid)
		d.runes = append(d.runes, r)
	}
	return code, gid
}

// pending is an object built before folio numbers objects, and the
// reference that other objects already hold to it.
type pending struct {
	obj core.PdfObject
	ref *core.PdfIndirectReference
}

// fontObjects adds the document's font objects to the file when Build is
// called.
type fontObjects struct{ objs []pending }

func (o *fontObjects) add(obj core.PdfObject, ref *core.PdfIndirectReference) *core.PdfIndirectReference {
	if ref == nil {
		ref = core.NewPdfIndirectReference(0, 0)
	}
	o.objs = append(o.objs, pending{obj, ref})
	return ref
}

func (o *fontObjects) Build(add func(core.PdfObject) *core.PdfIndirectReference, _ []*core.PdfIndirectReference) (*core.PdfIndirectReference, map[int][]*core.PdfIndirectReference) {
	for _, p := range o.objs {
		p.ref.SetNum(add(p.obj).Num())
	}
	return nil, nil // no form
}

// build makes d's objects: a subset of the font program, compressed.
func (d *docFont) build(o *fontObjects) {
	pf, face := d.pf, d.pf.face
	base := subsetTag(pf.psName, d.gids) + "+" + pf.psName

	bp := programPool.Get().(*[]byte)
	var program *core.PdfStream
	if pf.cff != nil {
		*bp = pf.cff.subset((*bp)[:0], d.gids)
		program = flateStream(*bp)
		program.Dict.Set("Subtype", core.NewPdfName("CIDFontType0C"))
	} else {
		*bp = pf.tt.subset((*bp)[:0], d.gids, d.runes)
		program = flateStream(*bp)
		program.Dict.Set("Length1", core.NewPdfInteger(len(*bp)))
	}
	programPool.Put(bp)

	bbox := face.BBox()
	desc := core.NewPdfDictionary()
	desc.Set("Type", core.NewPdfName("FontDescriptor"))
	desc.Set("FontName", core.NewPdfName(base))
	desc.Set("Flags", core.NewPdfInteger(int(face.Flags())))
	desc.Set("FontBBox", core.NewPdfArray(core.NewPdfInteger(bbox[0]), core.NewPdfInteger(bbox[1]),
		core.NewPdfInteger(bbox[2]), core.NewPdfInteger(bbox[3])))
	desc.Set("ItalicAngle", core.NewPdfReal(face.ItalicAngle()))
	desc.Set("Ascent", core.NewPdfInteger(face.Ascent()))
	desc.Set("Descent", core.NewPdfInteger(face.Descent()))
	capHeight := face.CapHeight()
	if capHeight == 0 {
		capHeight = face.Ascent()
	}
	desc.Set("CapHeight", core.NewPdfInteger(capHeight))
	stemV := face.StemV()
	if stemV == 0 {
		stemV = 80 // folio's guess
	}
	desc.Set("StemV", core.NewPdfInteger(stemV))

	cid := core.NewPdfDictionary()
	cid.Set("Type", core.NewPdfName("Font"))
	cid.Set("BaseFont", core.NewPdfName(base))
	info := core.NewPdfDictionary()
	info.Set("Registry", core.NewPdfLiteralString("Adobe"))
	info.Set("Ordering", core.NewPdfLiteralString("Identity"))
	info.Set("Supplement", core.NewPdfInteger(0))
	cid.Set("CIDSystemInfo", info)
	cid.Set("DW", core.NewPdfInteger(1000))
	// Codes 1…n are consecutive: one run of widths.
	ws := core.NewPdfArray()
	for _, g := range d.gids[1:] {
		ws.Add(core.NewPdfInteger(d.pf.width(g)))
	}
	w := core.NewPdfArray()
	if len(d.gids) > 1 {
		w.Add(core.NewPdfInteger(1))
		w.Add(ws)
	}
	cid.Set("W", w)
	if pf.cff != nil {
		cid.Set("Subtype", core.NewPdfName("CIDFontType0"))
		desc.Set("FontFile3", o.add(program, nil))
	} else {
		cid.Set("Subtype", core.NewPdfName("CIDFontType2"))
		cid.Set("CIDToGIDMap", core.NewPdfName("Identity"))
		desc.Set("FontFile2", o.add(program, nil))
	}
	cid.Set("FontDescriptor", o.add(desc, nil))

	type0 := core.NewPdfDictionary()
	type0.Set("Type", core.NewPdfName("Font"))
	type0.Set("Subtype", core.NewPdfName("Type0"))
	type0.Set("BaseFont", core.NewPdfName(base))
	type0.Set("Encoding", core.NewPdfName("Identity-H"))
	type0.Set("DescendantFonts", core.NewPdfArray(o.add(cid, nil)))
	type0.Set("ToUnicode", o.add(flateStream(toUnicode(d.runes)), nil))
	o.add(type0, d.ref)
}

// programPool holds buffers for uncompressed font programs.
var programPool = sync.Pool{New: func() any { return new([]byte) }}

// subsetTag is the six capital letters before a subset font's name: a
// hash of the font and its glyphs, so the same subset has the same tag.
func subsetTag(name string, gids []uint16) string {
	h := fnv.New32a()
	h.Write([]byte(name))
	for _, g := range gids {
		h.Write([]byte{byte(g >> 8), byte(g)})
	}
	v := h.Sum32()
	var tag [6]byte
	for i := range tag {
		tag[i] = 'A' + byte(v%26)
		v /= 26
	}
	return string(tag[:])
}

// toUnicode returns a ToUnicode CMap mapping code i to runes[i].
func toUnicode(runes []rune) []byte {
	b := make([]byte, 0, 300+16*len(runes))
	b = append(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"+
		"/CIDSystemInfo\n<< /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"+
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"+
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"...)
	const chunk = 100 // entries per bfchar block, the PDF limit
	for i := 1; i < len(runes); i += chunk {
		end := min(i+chunk, len(runes))
		b = strconv.AppendInt(b, int64(end-i), 10)
		b = append(b, " beginbfchar\n"...)
		for code := i; code < end; code++ {
			b = append(b, '<')
			b = appendHex4(b, uint16(code))
			b = append(b, "> <"...)
			if r := runes[code]; r > 0xffff {
				r -= 0x10000
				b = appendHex4(b, uint16(0xd800+r>>10))
				b = appendHex4(b, uint16(0xdc00+r&0x3ff))
			} else {
				b = appendHex4(b, uint16(r))
			}
			b = append(b, ">\n"...)
		}
		b = append(b, "endbfchar\n"...)
	}
	return append(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"...)
}

func appendHex4(b []byte, v uint16) []byte {
	const hex = "0123456789ABCDEF"
	return append(b, hex[v>>12], hex[v>>8&15], hex[v>>4&15], hex[v&15])
}
