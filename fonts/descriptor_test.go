package fonts

import "testing"

// TestDescriptor checks the PDF font descriptor values of the embedded
// faces: in thousandths of an em whatever the font's units per em
// (Liberation Serif has 2048), with a negative descent even where the
// font stores it positive (FandolSong), and the PostScript name.
func TestDescriptor(t *testing.T) {
	tests := []struct {
		file string
		want Descriptor
	}{
		{"LiberationSerif-Regular.ttf", Descriptor{PostScriptName: "LiberationSerif", BBox: [4]int{-544, -303, 1278, 981},
			Ascent: 891, Descent: -216, CapHeight: 655, StemV: 96, Flags: 2 | 32}},
		{"FandolSong-Regular.otf", Descriptor{PostScriptName: "FandolSong-Regular", BBox: [4]int{-250, -276, 1110, 978},
			Ascent: 800, Descent: -200, CapHeight: 800, StemV: 96, Flags: 32}},
		{"NotoSerifSC-Bold.ttf", Descriptor{PostScriptName: "NotoSerifSC-Bold", BBox: [4]int{-1011, -1046, 2926, 1806},
			Ascent: 1151, Descent: -286, CapHeight: 729, StemV: 169, Flags: 32}},
	}
	for _, tt := range tests {
		f := embeddedFace(t, tt.file)
		if got := f.Descriptor(); got != tt.want {
			t.Errorf("%s: Descriptor() = %+v, want %+v", tt.file, got, tt.want)
		}
	}
}

// TestGlyphWidth checks glyph IDs and widths against Advance.
func TestGlyphWidth(t *testing.T) {
	f := embeddedFace(t, "LiberationSerif-Regular.ttf")
	for _, r := range "Aa1.—" {
		g := f.Glyph(r)
		if g == 0 {
			t.Fatalf("no glyph for %q", r)
		}
		if got, want := f.GlyphWidth(g), int(f.Advance(r)*1000); got != want {
			t.Errorf("%q: GlyphWidth %d, want %d", r, got, want)
		}
	}
	if f.Glyph('年') != 0 || f.GlyphWidth(uint16(f.NumGlyphs())) != 0 {
		t.Error("a missing rune or glyph out of range should give 0")
	}
}
