package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// This file subsets a TrueType font program (glyf outlines: Noto Serif SC,
// Liberation Serif): the glyphs a document uses, renumbered 1…n in the
// order of first use (0 is .notdef), then the components of composite
// glyphs, with CIDToGIDMap /Identity. The tables are those folio's
// subsetter keeps (head, hhea, maxp, hmtx, loca, glyf, cmap, post, OS/2,
// name); hinting programs (cvt, fpgm, prep) are dropped as folio drops
// them.

var errTTF = errors.New("malformed TrueType font")

// ttFont is a TrueType font program parsed once per process.
type ttFont struct {
	head, hhea, maxp, hmtx, glyf, os2, name []byte
	loca                                    []uint32 // numGlyphs+1 offsets into glyf
	numHMetrics                             int
}

func parseTrueType(b []byte) (*ttFont, error) {
	if len(b) < 12 {
		return nil, errTTF
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	if 12+16*n > len(b) {
		return nil, errTTF
	}
	tables := map[string][]byte{}
	for i := range n {
		r := b[12+16*i:]
		off, l := int(binary.BigEndian.Uint32(r[8:])), int(binary.BigEndian.Uint32(r[12:]))
		if off < 0 || l < 0 || off+l > len(b) {
			return nil, errTTF
		}
		tables[string(r[:4])] = b[off : off+l]
	}
	f := &ttFont{head: tables["head"], hhea: tables["hhea"], maxp: tables["maxp"], hmtx: tables["hmtx"],
		glyf: tables["glyf"], os2: tables["OS/2"], name: tables["name"]}
	loca := tables["loca"]
	if len(f.head) < 54 || len(f.hhea) < 36 || len(f.maxp) < 6 || f.glyf == nil || loca == nil {
		return nil, fmt.Errorf("%w: missing or short head, hhea, maxp, glyf or loca", errTTF)
	}
	numGlyphs := int(binary.BigEndian.Uint16(f.maxp[4:]))
	f.numHMetrics = int(binary.BigEndian.Uint16(f.hhea[34:]))
	if f.numHMetrics < 1 || f.numHMetrics > numGlyphs || len(f.hmtx) < 4*f.numHMetrics+2*(numGlyphs-f.numHMetrics) {
		return nil, fmt.Errorf("%w: hmtx", errTTF)
	}
	f.loca = make([]uint32, numGlyphs+1)
	long := binary.BigEndian.Uint16(f.head[50:]) == 1
	if long && len(loca) < 4*(numGlyphs+1) || !long && len(loca) < 2*(numGlyphs+1) {
		return nil, fmt.Errorf("%w: loca", errTTF)
	}
	for i := range f.loca {
		if long {
			f.loca[i] = binary.BigEndian.Uint32(loca[4*i:])
		} else {
			f.loca[i] = 2 * uint32(binary.BigEndian.Uint16(loca[2*i:]))
		}
		if f.loca[i] > uint32(len(f.glyf)) || i > 0 && f.loca[i] < f.loca[i-1] {
			return nil, fmt.Errorf("%w: loca", errTTF)
		}
	}
	return f, nil
}

func (f *ttFont) numGlyphs() int { return len(f.loca) - 1 }

func (f *ttFont) glyph(g uint16) []byte { return f.glyf[f.loca[g]:f.loca[g+1]] }

// Composite glyph flags (OpenType glyf table).
const (
	argsAreWords    = 0x0001
	weHaveAScale    = 0x0008
	moreComponents  = 0x0020
	weHaveXYScale   = 0x0040
	weHaveTwoByTwo  = 0x0080
	maxComposedGlyf = 64 // components followed per glyph, against loops
)

// components calls fn with the offset of each component's glyph index in
// the composite glyph g; it does nothing for a simple glyph.
func components(g []byte, fn func(at int)) {
	if len(g) < 10 || int16(binary.BigEndian.Uint16(g)) >= 0 {
		return
	}
	for at, k := 10, 0; at+4 <= len(g) && k < maxComposedGlyf; k++ {
		flags := binary.BigEndian.Uint16(g[at:])
		fn(at + 2)
		at += 4
		if flags&argsAreWords != 0 {
			at += 4
		} else {
			at += 2
		}
		switch {
		case flags&weHaveAScale != 0:
			at += 2
		case flags&weHaveXYScale != 0:
			at += 4
		case flags&weHaveTwoByTwo != 0:
			at += 8
		}
		if flags&moreComponents == 0 {
			return
		}
	}
}

// subset appends to dst a TrueType font program holding glyphs gids of f
// (gids[0] = 0) as glyphs 0…, followed by the components the composite
// ones need; runes[i] is the character of glyph i, for the cmap (0: none).
func (f *ttFont) subset(dst []byte, gids []uint16, runes []rune) []byte {
	newID := make(map[uint16]uint16, len(gids))
	for i, g := range gids {
		newID[g] = uint16(i)
	}
	all := gids
	for i := 0; i < len(all); i++ {
		components(f.glyph(all[i]), func(at int) {
			c := binary.BigEndian.Uint16(f.glyph(all[i])[at:])
			if _, ok := newID[c]; !ok && int(c) < f.numGlyphs() && len(all) < 0xffff {
				if len(all) == len(gids) {
					all = slices.Clone(gids)
				}
				newID[c] = uint16(len(all))
				all = append(all, c)
			}
		})
	}
	n := len(all)

	glyfLen := 0
	for _, g := range all {
		glyfLen += (len(f.glyph(g)) + 3) &^ 3
	}
	glyf := make([]byte, 0, glyfLen)
	loca := make([]byte, 4*(n+1))
	hmtx := make([]byte, 4*n)
	for i, g := range all {
		binary.BigEndian.PutUint32(loca[4*i:], uint32(len(glyf)))
		start := len(glyf)
		glyf = append(glyf, f.glyph(g)...)
		components(glyf[start:], func(at int) {
			c := binary.BigEndian.Uint16(glyf[start+at:])
			if id, ok := newID[c]; ok {
				binary.BigEndian.PutUint16(glyf[start+at:], id)
			}
		})
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		m := min(int(g), f.numHMetrics-1)
		copy(hmtx[4*i:], f.hmtx[4*m:4*m+2]) // advance
		if int(g) < f.numHMetrics {
			copy(hmtx[4*i+2:], f.hmtx[4*m+2:4*m+4])
		} else {
			lsb := 4*f.numHMetrics + 2*(int(g)-f.numHMetrics)
			copy(hmtx[4*i+2:], f.hmtx[lsb:lsb+2])
		}
	}
	binary.BigEndian.PutUint32(loca[4*n:], uint32(len(glyf)))

	head := slices.Clone(f.head)
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(head[50:], 1) // long loca
	hhea := slices.Clone(f.hhea)
	binary.BigEndian.PutUint16(hhea[34:], uint16(n))
	maxp := slices.Clone(f.maxp)
	binary.BigEndian.PutUint16(maxp[4:], uint16(n))

	return appendSFNT(dst, []sfntTable{ // sorted by tag
		{"OS/2", f.os2},
		{"cmap", cmapTable(runes)},
		{"glyf", glyf},
		{"head", head},
		{"hhea", hhea},
		{"hmtx", hmtx},
		{"loca", loca},
		{"maxp", maxp},
		{"name", f.name},
		{"post", postTable},
	})
}

type sfntTable struct {
	tag  string
	data []byte // nil: left out
}

// appendSFNT appends to dst a font file of the tables, which are sorted
// by tag and have a head table.
func appendSFNT(dst []byte, tables []sfntTable) []byte {
	tables = slices.DeleteFunc(slices.Clone(tables), func(t sfntTable) bool { return t.data == nil })
	nt := len(tables)
	start := len(dst)
	version := []byte{0, 1, 0, 0}
	if slices.ContainsFunc(tables, func(t sfntTable) bool { return t.tag == "CFF " }) {
		version = []byte("OTTO")
	}
	dst = append(append(dst, version...), byte(nt>>8), byte(nt))
	es := 0
	for 1<<(es+1) <= nt {
		es++
	}
	sr := 16 << es
	dst = binary.BigEndian.AppendUint16(dst, uint16(sr))
	dst = binary.BigEndian.AppendUint16(dst, uint16(es))
	dst = binary.BigEndian.AppendUint16(dst, uint16(16*nt-sr))
	dir := len(dst)
	dst = append(dst, make([]byte, 16*nt)...)
	headAt := -1
	for i, t := range tables {
		at := len(dst)
		if t.tag == "head" {
			headAt = at
		}
		dst = append(dst, t.data...)
		for (len(dst)-start)%4 != 0 {
			dst = append(dst, 0)
		}
		r := dst[dir+16*i:]
		copy(r, t.tag)
		binary.BigEndian.PutUint32(r[4:], checksum(dst[at:]))
		binary.BigEndian.PutUint32(r[8:], uint32(at-start))
		binary.BigEndian.PutUint32(r[12:], uint32(len(t.data)))
	}
	if headAt >= 0 {
		binary.BigEndian.PutUint32(dst[headAt+8:], 0xB1B0AFBA-checksum(dst[start:]))
	}
	return dst
}

// checksum is the OpenType table checksum of b, whose length is a
// multiple of 4.
func checksum(b []byte) uint32 {
	var s uint32
	for i := 0; i+4 <= len(b); i += 4 {
		s += binary.BigEndian.Uint32(b[i:])
	}
	return s
}

// postTable is a version 3 post table: no glyph names.
var postTable = []byte{0, 3, 0, 0, 31: 0}

// cmapTable returns a cmap with a format 4 subtable (Windows, BMP) that
// maps runes[i] to glyph i, one segment per character, like folio's.
func cmapTable(runes []rune) []byte {
	type pair struct {
		r rune
		g uint16
	}
	var ps []pair
	for i, r := range runes {
		if i > 0 && r > 0 && r <= 0xffff {
			ps = append(ps, pair{r, uint16(i)})
		}
	}
	slices.SortFunc(ps, func(a, b pair) int { return int(a.r - b.r) })
	ps = slices.CompactFunc(ps, func(a, b pair) bool { return a.r == b.r })
	segs := len(ps) + 1
	sub := make([]byte, 0, 16+8*segs)
	sub = binary.BigEndian.AppendUint16(sub, 4)
	sub = binary.BigEndian.AppendUint16(sub, uint16(16+8*segs))
	sub = binary.BigEndian.AppendUint16(sub, 0)
	sub = binary.BigEndian.AppendUint16(sub, uint16(2*segs))
	es := 0
	for 1<<(es+1) <= segs {
		es++
	}
	sub = binary.BigEndian.AppendUint16(sub, uint16(2<<es))
	sub = binary.BigEndian.AppendUint16(sub, uint16(es))
	sub = binary.BigEndian.AppendUint16(sub, uint16(2*segs-2<<es))
	for _, p := range ps { // endCode
		sub = binary.BigEndian.AppendUint16(sub, uint16(p.r))
	}
	sub = binary.BigEndian.AppendUint16(sub, 0xffff)
	sub = binary.BigEndian.AppendUint16(sub, 0) // reservedPad
	for _, p := range ps {                      // startCode
		sub = binary.BigEndian.AppendUint16(sub, uint16(p.r))
	}
	sub = binary.BigEndian.AppendUint16(sub, 0xffff)
	for _, p := range ps { // idDelta
		sub = binary.BigEndian.AppendUint16(sub, p.g-uint16(p.r))
	}
	sub = binary.BigEndian.AppendUint16(sub, 1)
	for range segs { // idRangeOffset
		sub = binary.BigEndian.AppendUint16(sub, 0)
	}
	out := []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12}
	return append(out, sub...)
}
