package pdf

import (
	"encoding/binary"
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

// TestSubset checks each embedded face's subset: it parses again with
// golang.org/x/image/font/sfnt (a CFF subset inside the original font's
// other tables), and each kept glyph has the outline and advance it had.
func TestSubset(t *testing.T) {
	fs, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, role := range fonts.Roles {
		face := fs.Primary(role)
		t.Run(face.FullName(), func(t *testing.T) {
			pf, err := parsed(face)
			if err != nil {
				t.Fatal(err)
			}
			d := newDocFont(pf, "F1")
			for _, r := range subsetText {
				d.encode(r)
			}
			if len(d.gids) < 10 {
				t.Fatalf("%d glyphs of %q, want more", len(d.gids)-1, subsetText)
			}
			orig, err := sfnt.Parse(face.SFNT())
			if err != nil {
				t.Fatal(err)
			}
			var file []byte
			if pf.cff != nil {
				file = withCFF(t, face.SFNT(), pf.cff.subset(nil, d.gids), d.gids)
			} else {
				file = pf.tt.subset(nil, d.gids, d.runes)
			}
			sub, err := sfnt.Parse(file)
			if err != nil {
				t.Fatalf("sfnt.Parse(subset): %v", err)
			}
			if got, want := sub.NumGlyphs(), len(d.gids); got < want {
				t.Errorf("subset has %d glyphs, want ≥ %d", got, want)
			}
			var b1, b2 sfnt.Buffer
			ppem := fixed.I(1000)
			for code, gid := range d.gids {
				want, werr := orig.LoadGlyph(&b1, sfnt.GlyphIndex(gid), ppem, nil)
				want = slices.Clone(want)
				got, err := sub.LoadGlyph(&b2, sfnt.GlyphIndex(code), ppem, nil)
				if werr != nil {
					// sfnt lacks some operators (flex1 in FandolHei):
					// the subset must fail the same way.
					if err == nil || err.Error() != werr.Error() {
						t.Errorf("subset LoadGlyph(%d) (%q): %v, want %v as the original", code, d.runes[code], err, werr)
					}
					continue
				}
				if err != nil {
					t.Fatalf("subset LoadGlyph(%d) (%q): %v", code, d.runes[code], err)
				}
				if !slices.Equal(got, want) {
					t.Errorf("glyph %d (%q, was %d): %d segments, want %d, or they differ", code, d.runes[code], gid, len(got), len(want))
				}
				wa, _ := orig.GlyphAdvance(&b1, sfnt.GlyphIndex(gid), ppem, font.HintingNone)
				ga, _ := sub.GlyphAdvance(&b2, sfnt.GlyphIndex(code), ppem, font.HintingNone)
				if ga != wa {
					t.Errorf("glyph %d (%q): advance %v, want %v", code, d.runes[code], ga, wa)
				}
			}
		})
	}
}

// withCFF returns the OpenType font file otf with its CFF table replaced
// by cff, a subset of glyphs gids, and hmtx and maxp cut to match.
func withCFF(t *testing.T, otf, cff []byte, gids []uint16) []byte {
	t.Helper()
	n := int(binary.BigEndian.Uint16(otf[4:]))
	var tables []sfntTable
	get := map[string][]byte{}
	for i := range n {
		r := otf[12+16*i:]
		off, l := binary.BigEndian.Uint32(r[8:]), binary.BigEndian.Uint32(r[12:])
		get[string(r[:4])] = otf[off : off+l]
		tables = append(tables, sfntTable{string(r[:4]), otf[off : off+l]})
	}
	hhea, maxp := slices.Clone(get["hhea"]), slices.Clone(get["maxp"])
	numH := int(binary.BigEndian.Uint16(hhea[34:]))
	old := get["hmtx"]
	hmtx := make([]byte, 4*len(gids))
	for i, g := range gids {
		m := min(int(g), numH-1)
		copy(hmtx[4*i:], old[4*m:4*m+2])
	}
	binary.BigEndian.PutUint16(hhea[34:], uint16(len(gids)))
	binary.BigEndian.PutUint16(maxp[4:], uint16(len(gids)))
	for i, tb := range tables {
		switch tb.tag {
		case "CFF ":
			tables[i].data = cff
		case "hhea":
			tables[i].data = hhea
		case "hmtx":
			tables[i].data = hmtx
		case "maxp":
			tables[i].data = maxp
		case "head":
			tables[i].data = slices.Clone(tb.data)
			binary.BigEndian.PutUint32(tables[i].data[8:], 0)
		case "GSUB", "GPOS", "VORG", "vmtx", "vhea", "BASE":
			tables[i].data = nil // glyph IDs of the whole font
		}
	}
	return appendSFNT(nil, tables)
}

// TestCFFSubsetLayout checks the CFF subset's structure with this
// package's own parser: glyph i has the charstring of gids[i] and its
// font dict.
func TestCFFSubsetLayout(t *testing.T) {
	fs, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	pf, err := parsed(fs.Primary(fonts.Body))
	if err != nil {
		t.Fatal(err)
	}
	gids := []uint16{0, 500, 17, 3000, 18, 19}
	sub, err := parseCFF(pf.cff.subset(nil, gids))
	if err != nil {
		t.Fatalf("parseCFF(subset): %v", err)
	}
	if got := sub.charStrings.count(); got != len(gids) {
		t.Fatalf("subset has %d charstrings, want %d", got, len(gids))
	}
	for i, g := range gids {
		if got, want := sub.charStrings.object(i), pf.cff.charStrings.object(int(g)); !slices.Equal(got, want) {
			t.Errorf("charstring %d: % x, want that of glyph %d: % x", i, got, g, want)
		}
		if got, want := sub.fdOf[i], pf.cff.fdOf[g]; got != want {
			t.Errorf("glyph %d: font dict %d, want %d", i, got, want)
		}
	}
}

func BenchmarkSubset(b *testing.B) {
	fs, err := fonts.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	for _, role := range []fonts.Role{fonts.Body, fonts.Title} {
		face := fs.Primary(role)
		pf, err := parsed(face)
		if err != nil {
			b.Fatal(err)
		}
		d := newDocFont(pf, "F1")
		// 600 distinct hanzi, as fonts/README.md measures folio.
		for r := rune(0x4e00); len(d.gids) <= 600 && r < 0x9fa5; r++ {
			d.encode(r)
		}
		b.Run(face.Name(), func(b *testing.B) {
			b.ReportAllocs()
			var buf []byte
			for b.Loop() {
				if pf.cff != nil {
					buf = pf.cff.subset(buf[:0], d.gids)
				} else {
					buf = pf.tt.subset(buf[:0], d.gids, d.runes)
				}
			}
			b.ReportMetric(float64(len(buf)), "bytes")
		})
	}
}
