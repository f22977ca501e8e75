package subset

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"io"
	"math/rand/v2"
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

// TestNoInstructions checks that TrueType subsets carry no glyph
// instructions and the same outlines: every fifth glyph of Liberation
// Serif (hinted, with composite glyphs) drawn by x/image/font/sfnt.
func TestNoInstructions(t *testing.T) {
	fs, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	face := fs.Primary(fonts.Latin)
	f, err := Parse(face.SFNT())
	if err != nil || f.CFF() {
		t.Fatalf("%s: %v, CFF %v", face.Name(), err, f.CFF())
	}
	orig, err := sfnt.Parse(face.SFNT())
	if err != nil {
		t.Fatal(err)
	}
	gids := []uint16{0}
	for g := 1; g < f.NumGlyphs(); g += 5 {
		gids = append(gids, uint16(g))
	}
	file, err := f.File(nil, gids, nil)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := sfnt.Parse(file)
	if err != nil {
		t.Fatal(err)
	}
	tt, err := Parse(file)
	if err != nil {
		t.Fatal(err)
	}
	composites := 0
	var b1, b2 sfnt.Buffer
	for code, gid := range gids {
		g := tt.tt.glyph(uint16(code))
		if len(g) >= 10 {
			if n := int16(binary.BigEndian.Uint16(g)); n >= 0 {
				if il := binary.BigEndian.Uint16(g[10+2*int(n):]); il != 0 {
					t.Errorf("glyph %d: %d bytes of instructions", gid, il)
				}
			} else {
				composites++
				components(g, func(at int) {
					if binary.BigEndian.Uint16(g[at-2:])&weHaveInstructions != 0 {
						t.Errorf("composite glyph %d has instructions", gid)
					}
				})
			}
		}
		want, werr := orig.LoadGlyph(&b1, sfnt.GlyphIndex(gid), fixed.I(1000), nil)
		want = slices.Clone(want)
		got, err := sub.LoadGlyph(&b2, sfnt.GlyphIndex(code), fixed.I(1000), nil)
		if werr != nil || err != nil || !slices.Equal(got, want) {
			t.Errorf("glyph %d: outline differs (%v, original %v)", gid, err, werr)
		}
	}
	if composites == 0 {
		t.Error("no composite glyph checked")
	}
}

// TestFileSupplementary checks that a File's cmap maps a rune beyond the
// BMP as well as BMP runes. No embedded font has one (𠮷 comes from a
// font the user adds), so the glyph of 报 stands in for U+20BB7: the cmap
// maps whatever character the caller says a glyph is.
func TestFileSupplementary(t *testing.T) {
	fs, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	face := fs.Primary(fonts.Body)
	orig, err := sfnt.Parse(face.SFNT())
	if err != nil {
		t.Fatal(err)
	}
	gids, runes := glyphsOf(t, orig, "年报")
	runes[2] = 0x20BB7
	f, err := Parse(face.SFNT())
	if err != nil {
		t.Fatal(err)
	}
	file, err := f.File(nil, gids, runes)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := sfnt.Parse(file)
	if err != nil {
		t.Fatal(err)
	}
	var b sfnt.Buffer
	for code, r := range runes {
		if code == 0 {
			continue
		}
		if g, err := sub.GlyphIndex(&b, r); err != nil || int(g) != code {
			t.Errorf("%U → glyph %d (%v), want %d", r, g, err, code)
		}
	}
}

// TestProgramZlib checks that the zlib stream of a CFF subset inflates, with
// the standard library, to exactly the program Program writes, for glyph
// lists of every size up to a few thousand, and that it is no bigger than a
// Huffman-only deflate of that program made for it alone, give or take 2 %.
func TestProgramZlib(t *testing.T) {
	fs, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, role := range []fonts.Role{fonts.Body, fonts.Heading1, fonts.Heading2, fonts.Table} {
		f, err := Parse(fs.Primary(role).SFNT())
		if err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(1, uint64(len(role))))
		for _, n := range []int{1, 2, 3, 50, 700, 4000} {
			gids := []uint16{0}
			for len(gids) < n {
				g := uint16(rng.IntN(f.NumGlyphs()))
				if !slices.Contains(gids, g) {
					gids = append(gids, g)
				}
			}
			prog, err := f.Program(nil, gids, nil)
			if err != nil {
				t.Fatal(err)
			}
			z, err := f.ProgramZlib([]byte("kept"), gids)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(z, []byte("kept")) {
				t.Fatalf("ProgramZlib does not append to dst")
			}
			r, err := zlib.NewReader(bytes.NewReader(z[4:]))
			if err != nil {
				t.Fatalf("%v, %d glyphs: %v", role, n, err)
			}
			got, err := io.ReadAll(r)
			if err != nil {
				t.Fatalf("%v, %d glyphs: inflate: %v", role, n, err)
			}
			if !bytes.Equal(got, prog) {
				t.Fatalf("%v, %d glyphs: inflates to %d bytes that differ from the program (%d bytes)", role, n, len(got), len(prog))
			}
			var own bytes.Buffer
			w, _ := zlib.NewWriterLevel(&own, zlib.HuffmanOnly)
			w.Write(prog)
			w.Close()
			if n >= 50 && float64(len(z)-4) > 1.02*float64(own.Len()) {
				t.Errorf("%v, %d glyphs: %d bytes with the font's code, %d with the program's own", role, n, len(z)-4, own.Len())
			}
			t.Logf("%v, %d glyphs: program %d bytes, font's code %d, own Huffman code %d", role, n, len(prog), len(z)-4, own.Len())
		}
	}
	tt, err := Parse(fs.Primary(fonts.Latin).SFNT())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tt.ProgramZlib(nil, []uint16{0, 1}); err == nil {
		t.Error("ProgramZlib of a TrueType font: no error")
	}
}

// BenchmarkProgramZlib writes the coded program of 430 hanzi of the body
// face, as a report's body text has (the glyphs coded once, beforehand).
func BenchmarkProgramZlib(b *testing.B) {
	fs, err := fonts.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	face := fs.Primary(fonts.Body)
	f, err := Parse(face.SFNT())
	if err != nil {
		b.Fatal(err)
	}
	orig, err := sfnt.Parse(face.SFNT())
	if err != nil {
		b.Fatal(err)
	}
	var text []rune
	for r := rune(0x4e00); len(text) < 430; r += 3 {
		text = append(text, r)
	}
	gids, _ := glyphsOf(b, orig, string(text))
	buf, err := f.ProgramZlib(nil, gids)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		buf, _ = f.ProgramZlib(buf[:0], gids)
	}
	b.ReportMetric(float64(len(buf)), "bytes")
}
