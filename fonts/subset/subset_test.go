package subset

import (
	"slices"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/nianbao/nianbao/fonts"
)

// subsetText holds the characters the subset tests keep: Han, full-width
// punctuation, digits and Latin letters.
const subsetText = "政府信息公开工作年度报告一、总体情况（二）《》，。：；“”——…0123456789ABCabcé"

// glyphsOf returns the glyphs of text in orig in the order of first use,
// after .notdef, and the character of each.
func glyphsOf(t testing.TB, orig *sfnt.Font, text string) ([]uint16, []rune) {
	t.Helper()
	var b sfnt.Buffer
	gids, runes := []uint16{0}, []rune{0}
	for _, r := range text {
		g, err := orig.GlyphIndex(&b, r)
		if err != nil {
			t.Fatal(err)
		}
		if g != 0 && !slices.Contains(gids, uint16(g)) {
			gids = append(gids, uint16(g))
			runes = append(runes, r)
		}
	}
	return gids, runes
}

// TestFile checks each embedded face's subset as a complete font file:
// golang.org/x/image/font/sfnt parses it, each kept glyph has the outline
// and advance it had, and the cmap maps each character to its new glyph.
// For TrueType the file is the PDF's font program too.
func TestFile(t *testing.T) {
	fs, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, role := range fonts.Roles {
		face := fs.Primary(role)
		t.Run(face.FullName(), func(t *testing.T) {
			f, err := Parse(face.SFNT())
			if err != nil {
				t.Fatal(err)
			}
			orig, err := sfnt.Parse(face.SFNT())
			if err != nil {
				t.Fatal(err)
			}
			gids, runes := glyphsOf(t, orig, subsetText)
			if len(gids) < 10 {
				t.Fatalf("%d glyphs of %q, want more", len(gids)-1, subsetText)
			}
			file, err := f.File(nil, gids, runes)
			if err != nil {
				t.Fatal(err)
			}
			sub, err := sfnt.Parse(file)
			if err != nil {
				t.Fatalf("sfnt.Parse(subset): %v", err)
			}
			if got, want := sub.NumGlyphs(), len(gids); got < want {
				t.Errorf("subset has %d glyphs, want ≥ %d", got, want)
			}
			var b1, b2 sfnt.Buffer
			ppem := fixed.I(1000)
			for code, gid := range gids {
				if code > 0 {
					if g, err := sub.GlyphIndex(&b2, runes[code]); err != nil || int(g) != code {
						t.Errorf("cmap: %q → glyph %d (%v), want %d", runes[code], g, err, code)
					}
				}
				want, werr := orig.LoadGlyph(&b1, sfnt.GlyphIndex(gid), ppem, nil)
				want = slices.Clone(want)
				got, err := sub.LoadGlyph(&b2, sfnt.GlyphIndex(code), ppem, nil)
				if werr != nil {
					// sfnt lacks some operators (flex1 in FandolHei):
					// the subset must fail the same way.
					if err == nil || err.Error() != werr.Error() {
						t.Errorf("subset LoadGlyph(%d) (%q): %v, want %v as the original", code, runes[code], err, werr)
					}
					continue
				}
				if err != nil {
					t.Fatalf("subset LoadGlyph(%d) (%q): %v", code, runes[code], err)
				}
				if !slices.Equal(got, want) {
					t.Errorf("glyph %d (%q, was %d): %d segments, want %d, or they differ", code, runes[code], gid, len(got), len(want))
				}
				wa, _ := orig.GlyphAdvance(&b1, sfnt.GlyphIndex(gid), ppem, font.HintingNone)
				ga, _ := sub.GlyphAdvance(&b2, sfnt.GlyphIndex(code), ppem, font.HintingNone)
				if ga != wa {
					t.Errorf("glyph %d (%q): advance %v, want %v", code, runes[code], ga, wa)
				}
			}
			if !f.CFF() {
				prog, err := f.Program(nil, gids, runes)
				if err != nil || !slices.Equal(prog, file) {
					t.Errorf("TrueType Program differs from File (%v)", err)
				}
			}
		})
	}
}

// TestCFFSubsetLayout checks the CFF subset's structure with this
// package's own parser: glyph i has the charstring of gids[i] and its
// font dict.
func TestCFFSubsetLayout(t *testing.T) {
	fs, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(fs.Primary(fonts.Body).SFNT())
	if err != nil {
		t.Fatal(err)
	}
	if !f.CFF() {
		t.Fatal("body font is not CFF")
	}
	gids := []uint16{0, 500, 17, 3000, 18, 19}
	prog, err := f.Program(nil, gids, nil)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := parseCFF(prog)
	if err != nil {
		t.Fatalf("parseCFF(subset): %v", err)
	}
	if got := sub.charStrings.count(); got != len(gids) {
		t.Fatalf("subset has %d charstrings, want %d", got, len(gids))
	}
	for i, g := range gids {
		want := f.cff.charStrings.object(int(g))
		if unhinted, ok := appendUnhinted(nil, want); ok {
			want = unhinted
		}
		if got := sub.charStrings.object(i); !slices.Equal(got, want) {
			t.Errorf("charstring %d: % x, want that of glyph %d: % x", i, got, g, want)
		}
		if got, want := sub.fdOf[i], f.cff.fdOf[g]; got != want {
			t.Errorf("glyph %d: font dict %d, want %d", i, got, want)
		}
	}
}

// TestUnhinted checks the hint stripping on every tenth glyph of each CFF
// face: each charstring can be stripped (the Fandol fonts call no
// subroutines), it is not longer than before, and x/image/font/sfnt draws
// the same outline from the stripped one. Fandol 仿宋 and 黑体 are hinted.
func TestUnhinted(t *testing.T) {
	fs, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, role := range fonts.Roles {
		face := fs.Primary(role)
		f, err := Parse(face.SFNT())
		if err != nil {
			t.Fatal(err)
		}
		if !f.CFF() {
			continue
		}
		orig, err := sfnt.Parse(face.SFNT())
		if err != nil {
			t.Fatal(err)
		}
		gids := []uint16{0}
		before, after := 0, 0
		for g := 1; g < f.NumGlyphs(); g += 10 {
			gids = append(gids, uint16(g))
			cs := f.cff.charStrings.object(g)
			un, ok := appendUnhinted(nil, cs)
			if !ok {
				t.Errorf("%s glyph %d: not stripped", face.Name(), g)
				continue
			}
			if len(un) > len(cs) {
				t.Errorf("%s glyph %d: %d bytes stripped, %d before", face.Name(), g, len(un), len(cs))
			}
			before, after = before+len(cs), after+len(un)
		}
		t.Logf("%s: %d glyphs, charstrings %d -> %d bytes without hints", face.Name(), len(gids), before, after)
		file, err := f.File(nil, gids, nil)
		if err != nil {
			t.Fatal(err)
		}
		sub, err := sfnt.Parse(file)
		if err != nil {
			t.Fatal(err)
		}
		var b1, b2 sfnt.Buffer
		for code, gid := range gids {
			want, werr := orig.LoadGlyph(&b1, sfnt.GlyphIndex(gid), fixed.I(1000), nil)
			want = slices.Clone(want)
			got, err := sub.LoadGlyph(&b2, sfnt.GlyphIndex(code), fixed.I(1000), nil)
			if werr != nil {
				if err == nil || err.Error() != werr.Error() {
					t.Errorf("%s glyph %d: %v, want %v as the original", face.Name(), gid, err, werr)
				}
				continue
			}
			if err != nil || !slices.Equal(got, want) {
				t.Errorf("%s glyph %d: outline differs without hints (%v)", face.Name(), gid, err)
			}
		}
	}
}

// TestUnhintedRefuses checks the charstrings that are copied whole.
func TestUnhintedRefuses(t *testing.T) {
	tests := []struct {
		name string
		cs   []byte
	}{
		{"subroutine call", []byte{139, csCallsubr, csEndchar}},
		{"global subroutine call", []byte{139, csCallgsubr, csEndchar}},
		{"deprecated operator", []byte{139, 139, csEscape, 3, csEndchar}},
		{"truncated number", []byte{139, 255, 0}},
		{"truncated mask", []byte{139, 139, csHstem, csHintmask}},
		{"operands left over", []byte{139, 139, csRmoveto, 139}},
		{"stack overflow", append(slices.Repeat([]byte{139}, 49), csEndchar)},
	}
	for _, tt := range tests {
		if got, ok := appendUnhinted([]byte("x"), tt.cs); ok || string(got) != "x" {
			t.Errorf("%s: appendUnhinted = %q, %v; want the input back unchanged, false", tt.name, got, ok)
		}
	}
	kept := []struct {
		name     string
		cs, want []byte
	}{
		{"width before the hints moves to the first moveto; masks are skipped",
			[]byte{140 /* width 1 */, 139, 150, csHstem, 139, 150, csHintmask, 0xc0, 139, 139, csRmoveto,
				150, 150, 5 /* rlineto */, csHintmask, 0x80, 150, 6 /* hlineto */, csEndchar},
			[]byte{140, 139, 139, csRmoveto, 150, 150, 5, 150, 6, csEndchar}},
		{"no hints", []byte{139, 139, csRmoveto, 150, 6, csEndchar}, []byte{139, 139, csRmoveto, 150, 6, csEndchar}},
		{"width on endchar", []byte{140, csEndchar}, []byte{140, csEndchar}},
		{"hints then endchar alone", []byte{139, 150, csHstem, csEndchar}, []byte{csEndchar}},
		{"flex kept", []byte{139, 139, csRmoveto, 139, 139, 139, 139, 139, 139, 139, 139, 139, 139, 139, 139, 139, csEscape, 35, csEndchar},
			[]byte{139, 139, csRmoveto, 139, 139, 139, 139, 139, 139, 139, 139, 139, 139, 139, 139, 139, csEscape, 35, csEndchar}},
	}
	for _, tt := range kept {
		if got, ok := appendUnhinted(nil, tt.cs); !ok || !slices.Equal(got, tt.want) {
			t.Errorf("%s: appendUnhinted(% x) = % x, %v; want % x", tt.name, tt.cs, got, ok, tt.want)
		}
	}
}

// TestRefuse checks that bad glyph lists and damaged files are errors.
func TestRefuse(t *testing.T) {
	fs, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	data := fs.Primary(fonts.Body).SFNT()
	f, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, gids := range [][]uint16{nil, {5}, {0, 60000}} {
		if _, err := f.Program(nil, gids, nil); err == nil {
			t.Errorf("Program(%v): no error", gids)
		}
		if _, err := f.File(nil, gids, nil); err == nil {
			t.Errorf("File(%v): no error", gids)
		}
	}
	if _, err := f.Program(nil, []uint16{0, 1}, []rune{0, 'a', 'b'}); err == nil {
		t.Error("more characters than glyphs: no error")
	}
	for _, n := range []int{0, 11, 200, 4000} {
		if _, err := Parse(data[:n]); err == nil {
			t.Errorf("Parse(first %d bytes): no error", n)
		}
	}
}

// FuzzParse checks that no input makes Parse, Program or File panic.
func FuzzParse(f *testing.F) {
	fs, err := fonts.Embedded()
	if err != nil {
		f.Fatal(err)
	}
	for _, role := range []fonts.Role{fonts.Body, fonts.Latin} {
		data := fs.Primary(role).SFNT()
		font, err := Parse(data)
		if err != nil {
			f.Fatal(err)
		}
		small, _ := font.File(nil, []uint16{0, 1, 2, 3}, nil)
		f.Add(small)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		font, err := Parse(data)
		if err != nil {
			return
		}
		gids := []uint16{0}
		for g := 1; g < min(font.NumGlyphs(), 8); g++ {
			gids = append(gids, uint16(g))
		}
		font.Program(nil, gids, nil)
		font.File(nil, gids, nil)
	})
}

func BenchmarkSubset(b *testing.B) {
	fs, err := fonts.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	for _, role := range []fonts.Role{fonts.Body, fonts.Title} {
		face := fs.Primary(role)
		f, err := Parse(face.SFNT())
		if err != nil {
			b.Fatal(err)
		}
		orig, err := sfnt.Parse(face.SFNT())
		if err != nil {
			b.Fatal(err)
		}
		// 600 distinct hanzi, as fonts/README.md measures folio.
		var text []rune
		for r := rune(0x4e00); len(text) < 600; r++ {
			text = append(text, r)
		}
		gids, runes := glyphsOf(b, orig, string(text))
		b.Run(face.Name(), func(b *testing.B) {
			b.ReportAllocs()
			var buf []byte
			for b.Loop() {
				buf, _ = f.Program(buf[:0], gids, runes)
			}
			b.ReportMetric(float64(len(buf)), "bytes")
		})
	}
}

// FuzzUnhinted checks that no charstring makes appendUnhinted panic and
// that a stripped charstring strips to itself.
func FuzzUnhinted(f *testing.F) {
	f.Add([]byte{140, 139, 150, csHstem, 139, 150, csHintmask, 0xc0, 139, 139, csRmoveto, csEndchar})
	f.Add([]byte{139, 139, csRmoveto, 150, csHintmask, 0x80, 6, csEndchar})
	f.Fuzz(func(t *testing.T, cs []byte) {
		out, ok := appendUnhinted(nil, cs)
		if !ok {
			return
		}
		again, ok := appendUnhinted(nil, out)
		if !ok || !slices.Equal(again, out) {
			t.Errorf("% x stripped to % x, which strips to % x (%v)", cs, out, again, ok)
		}
	})
}
