package subset

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// This file subsets a TrueType font program (glyf outlines: Noto Serif SC,
// Liberation Serif): the glyphs a document uses, renumbered 1…n in the
// order given (0 is .notdef), then the components of composite
// glyphs, with CIDToGIDMap /Identity. The tables are those folio's
// subsetter keeps (head, hhea, maxp, hmtx, loca, glyf, cmap, post, OS/2,
// name); hinting programs (cvt, fpgm, prep) are dropped as folio drops
// them, and so are the glyphs' own instructions, which call them.

var errTTF = errors.New("malformed TrueType font")

// ttFont is a TrueType font program parsed once per process.
type ttFont struct {
	common
	glyf []byte
	loca []uint32 // numGlyphs+1 offsets into glyf
}

func parseTrueType(c common, tables map[string][]byte) (*ttFont, error) {
	f := &ttFont{common: c, glyf: tables["glyf"]}
	loca := tables["loca"]
	if f.glyf == nil || loca == nil {
		return nil, fmt.Errorf("%w: no glyf or loca table", errTTF)
	}
	numGlyphs := f.numGlyphs
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

// weHaveInstructions is the composite glyph flag of instructions after the
// last component.
const weHaveInstructions = 0x0100

// appendNoInstructions appends glyph g to dst without its TrueType
// instructions (hinting programs): the subset has no fpgm, prep or cvt
// table for them to call, and printing does not hint. A glyph it cannot
// read is appended as it is.
func appendNoInstructions(dst, g []byte) []byte {
	if len(g) < 10 {
		return append(dst, g...)
	}
	if n := int16(binary.BigEndian.Uint16(g)); n >= 0 {
		at := 10 + 2*int(n) // instructionLength, after endPtsOfContours
		if at+2 > len(g) {
			return append(dst, g...)
		}
		end := at + 2 + int(binary.BigEndian.Uint16(g[at:]))
		if end > len(g) {
			return append(dst, g...)
		}
		dst = append(dst, g[:at]...)
		dst = append(dst, 0, 0)
		return append(dst, g[end:]...)
	}
	last, end := -1, 10 // the last component's flags; the end of the components
	components(g, func(at int) {
		last = at - 2
		flags := binary.BigEndian.Uint16(g[last:])
		end = at + 2
		if flags&argsAreWords != 0 {
			end += 4
		} else {
			end += 2
		}
		switch {
		case flags&weHaveAScale != 0:
			end += 2
		case flags&weHaveXYScale != 0:
			end += 4
		case flags&weHaveTwoByTwo != 0:
			end += 8
		}
	})
	if last < 0 || end > len(g) || binary.BigEndian.Uint16(g[last:])&moreComponents != 0 ||
		binary.BigEndian.Uint16(g[last:])&weHaveInstructions == 0 {
		return append(dst, g...)
	}
	start := len(dst)
	dst = append(dst, g[:end]...)
	flags := binary.BigEndian.Uint16(dst[start+last:]) &^ weHaveInstructions
	binary.BigEndian.PutUint16(dst[start+last:], flags)
	return dst
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
			if _, ok := newID[c]; !ok && int(c) < f.numGlyphs && len(all) < 0xffff {
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
	for i, g := range all {
		binary.BigEndian.PutUint32(loca[4*i:], uint32(len(glyf)))
		start := len(glyf)
		glyf = appendNoInstructions(glyf, f.glyph(g))
		components(glyf[start:], func(at int) {
			c := binary.BigEndian.Uint16(glyf[start+at:])
			if id, ok := newID[c]; ok {
				binary.BigEndian.PutUint16(glyf[start+at:], id)
			}
		})
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
	}
	binary.BigEndian.PutUint32(loca[4*n:], uint32(len(glyf)))
	hmtx := subsetHmtx(f.hmtx, f.numHMetrics, all)

	head := slices.Clone(f.head)
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment, set by appendSFNT
	binary.BigEndian.PutUint16(head[50:], 1) // long loca
	hhea, maxp := withNumGlyphs(f.hhea, f.maxp, n)

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
