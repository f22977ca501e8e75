package layout

import (
	"sync"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/nianbao/nianbao/fonts"
)

// ink measures where a glyph's outline lies in its em box, for the few
// marks whose position layout must know rather than assume: the page
// number's dashes (on the line 7 mm below the 版心) and the enumeration
// comma of a vertical cell (in the upper right of its square).

// bounds is the ink box of a glyph in em, y up from the baseline.
type bounds struct {
	x0, y0, x1, y1 float64
}

type inkKey struct {
	face *fonts.Face
	r    rune
}

// inkCache holds the bounds of each (face, rune) measured so far; faces
// live as long as their font set, and only a handful of runes are asked.
// A plain map under a lock: a sync.Map would box every key it is asked.
var inkCache = struct {
	sync.RWMutex
	m map[inkKey]inkEntry
}{m: map[inkKey]inkEntry{}}

type inkEntry struct {
	b  bounds
	ok bool // false when the outline is unknown
}

// inkOf returns the ink box of r in face, and false when the face's
// outline cannot be read (the caller then falls back to a nominal box).
func inkOf(face *fonts.Face, r rune) (bounds, bool) {
	if face == nil {
		return bounds{}, false
	}
	k := inkKey{face, r}
	inkCache.RLock()
	v, ok := inkCache.m[k]
	inkCache.RUnlock()
	if ok {
		return v.b, v.ok
	}
	b, ok := measureInk(face, r)
	inkCache.Lock()
	inkCache.m[k] = inkEntry{b, ok}
	inkCache.Unlock()
	return b, ok
}

// outlines holds each face's font parsed for its outlines, once: a cold
// render measures a dozen marks, and parsing a CJK font (the offsets of
// its 10,000 charstrings, its cmap) costs more than measuring them.
var outlines sync.Map // *fonts.Face → *sfnt.Font, or nil when it cannot be parsed

func outlinesOf(face *fonts.Face) *sfnt.Font {
	if v, ok := outlines.Load(face); ok {
		f, _ := v.(*sfnt.Font)
		return f
	}
	f, err := sfnt.Parse(face.SFNT())
	if err != nil {
		outlines.Store(face, nil)
		return nil
	}
	v, _ := outlines.LoadOrStore(face, f)
	f, _ = v.(*sfnt.Font)
	return f
}

func measureInk(face *fonts.Face, r rune) (bounds, bool) {
	f := outlinesOf(face)
	if f == nil {
		return bounds{}, false
	}
	var buf sfnt.Buffer
	gi, err := f.GlyphIndex(&buf, r)
	if err != nil || gi == 0 {
		return bounds{}, false
	}
	upem := float64(f.UnitsPerEm())
	segs, err := f.LoadGlyph(&buf, gi, fixed.Int26_6(f.UnitsPerEm())<<6, nil)
	if err != nil || len(segs) == 0 {
		return bounds{}, false
	}
	rc := segs.Bounds()
	em := func(v fixed.Int26_6) float64 { return float64(v) / 64 / upem }
	// sfnt's y grows downwards.
	return bounds{x0: em(rc.Min.X), y0: -em(rc.Max.Y), x1: em(rc.Max.X), y1: -em(rc.Min.Y)}, true
}
