package fonts

import "math"

// Descriptor holds what a PDF font descriptor says about a face (ISO
// 32000-1 §9.8), in glyph space: thousandths of an em.
type Descriptor struct {
	PostScriptName  string // name ID 6, else the full name; may hold any characters
	BBox            [4]int // head: xMin, yMin, xMax, yMax
	ItalicAngle     float64
	Ascent, Descent int // as for Face.Ascent and Face.Descent; Descent is negative
	CapHeight       int // OS/2 sCapHeight, else Ascent
	StemV           int // estimated from OS/2 usWeightClass, as folio does
	Flags           uint32
}

// Descriptor returns the face's font descriptor values.
func (f *Face) Descriptor() Descriptor { return f.desc }

// descriptor computes a face's Descriptor from its tables.
func descriptor(m metrics, nm names, hasA bool, ascent, descent float64) Descriptor {
	upem := float64(m.unitsPerEm)
	scale := func(v int16) int { return int(math.Round(float64(v) * 1000 / upem)) }
	d := Descriptor{
		PostScriptName: nm.ps,
		BBox:           [4]int{scale(m.bbox[0]), scale(m.bbox[1]), scale(m.bbox[2]), scale(m.bbox[3])},
		ItalicAngle:    m.italicAngle,
		Ascent:         int(math.Round(ascent * 1000)),
		Descent:        -int(math.Round(descent * 1000)),
		CapHeight:      scale(m.capHeight),
		StemV:          80,
	}
	if d.PostScriptName == "" {
		d.PostScriptName = nm.full
	}
	if d.CapHeight == 0 {
		d.CapHeight = d.Ascent
	}
	if m.hasOS2 {
		d.StemV = max(int(math.Round(10+220*float64(int(m.weightClass)-50)/900)), 10)
	}
	if m.fixedPitch {
		d.Flags |= 1
	}
	if c := m.familyClass >> 8; c >= 1 && c <= 5 || c == 7 {
		d.Flags |= 2 // serif
	}
	if hasA {
		d.Flags |= 32 // nonsymbolic
	} else {
		d.Flags |= 4 // symbolic
	}
	if m.italicAngle != 0 || m.fsSelection&1 != 0 {
		d.Flags |= 64
	}
	return d
}

// Glyph returns the glyph ID of r in the face, or 0 (.notdef) when the
// face lacks it.
func (f *Face) Glyph(r rune) uint16 { return f.cmap.glyph(r) }

// NumGlyphs returns the number of glyphs in the face.
func (f *Face) NumGlyphs() int { return len(f.adv) }

// GlyphWidth returns the advance of glyph g in thousandths of an em,
// truncated, as a PDF's /W array gives it; 0 for a glyph out of range.
func (f *Face) GlyphWidth(g uint16) int {
	if int(g) >= len(f.adv) {
		return 0
	}
	return int(f.adv[g]) * 1000 / int(f.upem)
}
