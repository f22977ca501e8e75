package pdf

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/carlos7ags/folio/core"

	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/fonts/subset"
	"github.com/nianbao/nianbao/memo"
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
// document: parsed once per process, shared by every document. Metrics
// and the cmap come from package fonts, which has parsed the face already;
// the font program from package fonts/subset.
type parsedFace struct {
	once   sync.Once
	face   *fonts.Face
	prog   *subset.Font // the font program: CID-keyed CFF or TrueType
	psName string
	err    error

	mu   sync.Mutex
	kept []*keptProgram // most recent first, at most keptPrograms

	// ids holds docFont.newID tables, all zero, that finished documents
	// gave back (release): a table has an entry per glyph of the font
	// (60 KB for Fandol), too much to allocate for every document.
	ids sync.Pool // *[]uint16
}

// faces caches each parsed face once per process: a batch renders many
// reports with the same faces.
var faces sync.Map // *fonts.Face → *parsedFace

func parsed(f *fonts.Face) (*parsedFace, error) {
	v, _ := faces.LoadOrStore(f, &parsedFace{})
	pf := v.(*parsedFace)
	pf.once.Do(func() {
		pf.face = f
		pf.psName = psName(f.Descriptor().PostScriptName)
		if pf.prog, pf.err = subset.Of(f); pf.err != nil {
			pf.err = fmt.Errorf("pdf: %w", pf.err)
		}
	})
	return pf, pf.err
}

// width is the advance of glyph g in thousandths of an em, as the /W array
// gives it to viewers.
func (pf *parsedFace) width(g uint16) int { return pf.face.GlyphWidth(g) }

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
// the order of their glyph IDs, which are the codes (CIDs) in the content.
// Write collects every glyph of the document before it draws (encode, then
// sortCodes), so that a set of glyphs has the same codes, and so the same
// font program, in every document that uses it: in a batch the fonts of
// the fixed text are subset and compressed once (parsedFace.program).
type docFont struct {
	pf    *parsedFace
	name  string                     // resource name: F1, F2, …
	ref   *core.PdfIndirectReference // the Type0 font, numbered when added
	newID []uint16                   // original glyph ID → code; 0: unused
	gids  []uint16                   // code → original glyph ID; gids[0] = 0
	runes []rune                     // code → character
	coded *[]byte                    // the font program, if in a buffer of codedBufs
}

func newDocFont(pf *parsedFace, name string) *docFont {
	ids, _ := pf.ids.Get().(*[]uint16)
	if ids == nil {
		ids = new([]uint16)
		*ids = make([]uint16, pf.prog.NumGlyphs())
	}
	return &docFont{pf: pf, name: name, ref: core.NewPdfIndirectReference(0, 0),
		newID: *ids, gids: []uint16{0}, runes: []rune{0}}
}

// release gives d's glyph table back to its face, cleared, once the
// document is written; d is not used afterwards.
func (d *docFont) release() {
	ids := d.newID
	d.newID = nil
	for _, g := range d.gids {
		ids[g] = 0
	}
	d.pf.ids.Put(&ids)
	if d.coded != nil {
		codedBufs.Put(d.coded)
		d.coded = nil
	}
}

// encode returns the code of r's glyph, and that glyph's original ID.
func (d *docFont) encode(r rune) (code, gid uint16) {
	gid = d.pf.face.Glyph(r)
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

// sortCodes renumbers d's glyphs 1…n in the order of their glyph IDs;
// each keeps the character it was first used for.
func (d *docFont) sortCodes() {
	byCode := slices.Clone(d.runes)
	sortGlyphs(d.gids[1:])
	for code, g := range d.gids[1:] {
		d.runes[code+1] = byCode[d.newID[g]]
		d.newID[g] = uint16(code + 1)
	}
}

// sortGlyphs sorts the distinct glyph IDs gids: a long list by a radix
// sort, a byte at a time (a document's body font has hundreds of glyphs,
// which slices.Sort took 40 µs for).
func sortGlyphs(gids []uint16) {
	if len(gids) < 64 {
		slices.Sort(gids)
		return
	}
	var low, high [257]int
	for _, g := range gids {
		low[g&0xff+1]++
		high[g>>8+1]++
	}
	for i := 1; i < 257; i++ {
		low[i] += low[i-1]
		high[i] += high[i-1]
	}
	tmp := make([]uint16, len(gids))
	for _, g := range gids {
		tmp[low[g&0xff]] = g
		low[g&0xff]++
	}
	for _, g := range tmp {
		gids[high[g>>8]] = g
		high[g>>8]++
	}
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
func (d *docFont) build(o *fontObjects) error {
	pf, face := d.pf, d.pf.face.Descriptor()
	base := subsetTag(pf.psName, d.gids) + "+" + pf.psName

	program, cmap, err := pf.program(d)
	if err != nil {
		return err
	}

	// The dictionaries are written as bytes, as folio wrote them for its
	// dictionaries (keys in this order), with the references to the other
	// objects filled in when the file numbers them.
	bbox := face.BBox
	b := make([]byte, 0, 512+8*len(d.gids))
	b = append(b, "<< /Type /FontDescriptor /FontName "...)
	b = appendName(b, base)
	b = append(b, " /Flags "...)
	b = strconv.AppendInt(b, int64(face.Flags), 10)
	b = append(b, " /FontBBox ["...)
	for i, v := range bbox {
		if i > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, int64(v), 10)
	}
	b = append(b, "] /ItalicAngle "...)
	b = appendReal(b, face.ItalicAngle)
	b = append(b, " /Ascent "...)
	b = strconv.AppendInt(b, int64(face.Ascent), 10)
	b = append(b, " /Descent "...)
	b = strconv.AppendInt(b, int64(face.Descent), 10)
	b = append(b, " /CapHeight "...)
	b = strconv.AppendInt(b, int64(face.CapHeight), 10)
	b = append(b, " /StemV "...)
	b = strconv.AppendInt(b, int64(face.StemV), 10)
	if pf.prog.CFF() {
		b = append(b, " /FontFile3 "...)
	} else {
		b = append(b, " /FontFile2 "...)
	}
	descEnd := len(b)
	desc := &rawDict{parts: []rawPart{{b[:descEnd:descEnd], o.add(program, nil)}, {text: []byte(" >>")}}}

	b = append(b, "<< /Type /Font /BaseFont "...)
	start := descEnd
	b = appendName(b, base)
	b = append(b, " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW "...)
	b = strconv.AppendInt(b, dw, 10)
	// /W lists only the widths other than DW: each run of consecutive
	// codes as "first [w1 w2 …]" (CJK fonts: most are 1000).
	b = append(b, " /W ["...)
	sep := false
	for code := 1; code < len(d.gids); {
		if d.pf.width(d.gids[code]) == dw {
			code++
			continue
		}
		if sep {
			b = append(b, ' ')
		}
		sep = true
		b = strconv.AppendInt(b, int64(code), 10)
		b = append(b, " ["...)
		for first := code; code < len(d.gids) && d.pf.width(d.gids[code]) != dw; code++ {
			if code > first {
				b = append(b, ' ')
			}
			b = strconv.AppendInt(b, int64(d.pf.width(d.gids[code])), 10)
		}
		b = append(b, ']')
	}
	if pf.prog.CFF() {
		b = append(b, "] /Subtype /CIDFontType0 /FontDescriptor "...)
	} else {
		b = append(b, "] /Subtype /CIDFontType2 /CIDToGIDMap /Identity /FontDescriptor "...)
	}
	cidEnd := len(b)
	cid := &rawDict{parts: []rawPart{{b[start:cidEnd:cidEnd], o.add(desc, nil)}, {text: []byte(" >>")}}}

	b = append(b, "<< /Type /Font /Subtype /Type0 /BaseFont "...)
	start = cidEnd
	b = appendName(b, base)
	b = append(b, " /Encoding /Identity-H /DescendantFonts ["...)
	type0 := &rawDict{parts: []rawPart{{b[start:len(b):len(b)], o.add(cid, nil)},
		{[]byte("] /ToUnicode "), o.add(cmap, nil)}, {text: []byte(" >>")}}}
	o.add(type0, d.ref)
	return nil
}

// rawDict is a dictionary written as bytes: parts, each text then, if
// set, a reference.
type rawDict struct{ parts []rawPart }

type rawPart struct {
	text []byte
	ref  *core.PdfIndirectReference
}

func (r *rawDict) appendTo(b []byte) []byte {
	for _, p := range r.parts {
		b = append(b, p.text...)
		if p.ref != nil {
			b = appendObject(b, p.ref)
		}
	}
	return b
}

func (r *rawDict) Type() core.ObjectType { return core.ObjectTypeDictionary }

func (r *rawDict) WriteTo(w io.Writer) (int64, error) { return writeAppended(w, r) }

// dw is the default width of every CIDFont written here: an em, the width
// of Han characters and full-width punctuation.
const dw = 1000

// programPool holds buffers for uncompressed font programs.
var programPool = sync.Pool{New: func() any { return new([]byte) }}

// codedBufs holds the buffers of coded CFF programs that a document wrote
// and gave back (docFont.release): the body font's program, about 160 KB,
// is new in every report, and a fresh buffer of that size for each cost
// more (zeroed memory, page faults, collections) than the coding.
var codedBufs = memo.NewFree[*[]byte](8)

// A face's last few programs are remembered with the glyphs they hold;
// a program seen a second time is kept, compressed, with its ToUnicode
// CMap: in a batch the fonts of the fixed text (the tables' labels, the
// headings) have the same glyphs in every report, and are subset and
// compressed once. A program seen once (the body text's, the title's) is
// written into a buffer of the document's and not kept.
const keptPrograms = 8

type keptProgram struct {
	gids  []uint16
	runes []rune
	data  []byte // compressed, shared by every document that uses it; nil: seen once, not kept
	raw   int    // uncompressed length (a TrueType program's Length1; 0 for a coded CFF one)
	cmap  shared // the ToUnicode CMap of runes
}

// newCMap returns the ToUnicode CMap mapping code i to runes[i].
func newCMap(runes []rune) shared { return newShared(toUnicode(runes), kindCMap) }

// minCoded is the number of glyphs from which a CFF program is written
// with its font's Huffman code (subset.Font.ProgramZlib: each glyph coded
// once per process) rather than deflated for the document: below it the
// code's header, about 150 bytes, outweighs what it saves.
const minCoded = 32

// program returns the stream of the font program of d's glyphs and the
// stream of its ToUnicode CMap.
func (pf *parsedFace) program(d *docFont) (program, cmap *core.PdfStream, err error) {
	gids, runes := d.gids, d.runes
	pf.mu.Lock()
	var k *keptProgram
	for i, e := range pf.kept {
		if slices.Equal(e.gids, gids) && slices.Equal(e.runes, runes) {
			k = e
			copy(pf.kept[1:i+1], pf.kept[:i]) // most recent first
			pf.kept[0] = e
			break
		}
	}
	var hit keptProgram
	if k != nil {
		hit = *k
	} else {
		k = &keptProgram{gids: slices.Clone(gids), runes: slices.Clone(runes)}
		pf.kept = append([]*keptProgram{k}, pf.kept[:min(len(pf.kept), keptPrograms-1)]...)
	}
	pf.mu.Unlock()
	if hit.data == nil {
		// Made for this document, and kept if it was seen before.
		keep := hit.gids != nil
		if hit, err = pf.make(d, keep); err != nil {
			return nil, nil, err
		}
		if keep {
			pf.mu.Lock()
			if k.data == nil {
				k.data, k.raw, k.cmap = hit.data, hit.raw, hit.cmap
			}
			pf.mu.Unlock()
		}
	}
	s := core.NewPdfStream(hit.data)
	if hit.raw >= 0 {
		s.Dict.Set("Filter", core.NewPdfName("FlateDecode"))
	}
	return pf.streamOf(s, max(hit.raw, -hit.raw)), hit.cmap.stream(), nil
}

// make makes the program of d's glyphs and its ToUnicode CMap: into
// memory of its own if keep, else into a buffer that d gives back when its
// document is written. A program stored uncompressed (a few hundred bytes)
// has raw = -its length.
func (pf *parsedFace) make(d *docFont, keep bool) (keptProgram, error) {
	gids, runes := d.gids, d.runes
	k := keptProgram{cmap: newCMap(runes)}
	if pf.prog.CFF() && len(gids) >= minCoded {
		var bp *[]byte
		if !keep {
			var ok bool
			if bp, ok = codedBufs.Get(); !ok {
				bp = new([]byte)
			}
			d.coded = bp
		}
		var dst []byte
		if bp != nil {
			dst = (*bp)[:0]
		}
		data, err := pf.prog.ProgramZlib(dst, gids)
		if err != nil {
			return k, err
		}
		if bp != nil {
			*bp = data
		}
		k.data = data
		return k, nil
	}
	bp := programPool.Get().(*[]byte)
	defer programPool.Put(bp)
	var err error
	*bp, err = pf.prog.Program((*bp)[:0], gids, runes)
	if err != nil {
		return k, err
	}
	if len(*bp) < minDeflate {
		k.data, k.raw = bytes.Clone(*bp), -len(*bp)
		return k, nil
	}
	k.data, k.raw = pf.deflate(*bp), len(*bp)
	return k, nil
}

// deflate compresses a font program: CFF charstrings are dense numbers
// that Huffman coding alone compresses nearly as well as LZ77 does; glyf
// outlines repeat flags and points, which LZ77 finds (Noto Serif SC Bold
// in the sample: 7.0 KB Huffman-only, 6.1 KB with LZ77).
func (pf *parsedFace) deflate(program []byte) []byte {
	if pf.prog.CFF() {
		return programZlib.deflate(program)
	}
	return deflate(program, kindTrueType)
}

// streamOf adds to a font program's stream the entries its kind needs.
func (pf *parsedFace) streamOf(s *core.PdfStream, raw int) *core.PdfStream {
	if pf.prog.CFF() {
		s.Dict.Set("Subtype", core.NewPdfName("CIDFontType0C"))
	} else {
		s.Dict.Set("Length1", core.NewPdfInteger(raw))
	}
	return s
}

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
