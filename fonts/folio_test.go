package fonts

import (
	"compress/zlib"
	"strings"
	"testing"
	"time"

	"github.com/carlos7ags/folio/core"
	folio "github.com/carlos7ags/folio/font"
)

// TestFolioSubsetsEmbedded checks that the PDF renderer's library parses
// every embedded font and embeds a subset of it: the font program it writes
// for a few characters is a small fraction of the file and its name carries
// a subset tag ("ABCDEF+FandolFang-Regular", ISO 32000-1 §9.6.4).
func TestFolioSubsetsEmbedded(t *testing.T) {
	for _, e := range embeddedFiles {
		face := embeddedFace(t, e.name)
		var text []rune
		for _, r := range "政府信息公开工作年度报告，（一）“堃”0123456789ABCxyz" {
			if face.Has(r) {
				text = append(text, r)
			}
		}
		ff, err := folio.ParseFont(face.Data())
		if err != nil {
			t.Errorf("%s: folio ParseFont: %v", e.name, err)
			continue
		}
		ef := folio.NewEmbeddedFont(ff)
		ef.EncodeString(string(text))
		var objs []core.PdfObject
		start := time.Now()
		type0 := ef.BuildObjects(func(o core.PdfObject) *core.PdfIndirectReference {
			objs = append(objs, o)
			return core.NewPdfIndirectReference(len(objs), 0)
		})
		elapsed := time.Since(start)
		name, _ := type0.Get("BaseFont").(*core.PdfName)
		program, _ := objs[0].(*core.PdfStream)
		if name == nil || program == nil {
			t.Errorf("%s: BaseFont %v, first object %T; want a name and the font program", e.name, type0.Get("BaseFont"), objs[0])
			continue
		}
		if i := strings.IndexByte(name.Value, '+'); i != 6 {
			t.Errorf("%s: BaseFont %q, want a subset tag", e.name, name.Value)
		}
		if len(program.Data) > len(face.Data())/3 {
			t.Errorf("%s: font program %d bytes of %d: not subset", e.name, len(program.Data), len(face.Data()))
		}
		t.Logf("%s: %s, %d runes → %d bytes in %v", e.name, name.Value, len(text), len(program.Data), elapsed)
	}
}

// TestFolioTTCFace checks that folio parses a face copied out of a collection.
func TestFolioTTCFace(t *testing.T) {
	f, err := Parse(buildTTC(t, liberationSerif, notoSerifSCBold), 1, "pair.ttc")
	if err != nil {
		t.Fatal(err)
	}
	ff, err := folio.ParseFont(f.SFNT())
	if err != nil {
		t.Fatalf("folio ParseFont(SFNT()): %v", err)
	}
	if got := ff.PostScriptName(); got != "NotoSerifSC-Bold" || ff.GlyphIndex('堃') == 0 {
		t.Errorf("folio ParseFont(SFNT()) = %q, glyph of 堃 %d; want NotoSerifSC-Bold with 堃", got, ff.GlyphIndex('堃'))
	}
}

// BenchmarkFolioSubset measures what the PDF renderer pays per document and
// font: folio's subsetting of 600 distinct hanzi (a long report's body
// text), and the same followed by the Flate compression of the font
// program at zlib.BestSpeed (folio's default is BestCompression, slower).
func BenchmarkFolioSubset(b *testing.B) {
	hanzi := string(gb2312Hanzi(b)[:600])
	for _, e := range embeddedFiles {
		if e.name == "LiberationSerif-Regular.ttf" {
			continue
		}
		ff, err := folio.ParseFont(e.data)
		if err != nil {
			b.Fatal(err)
		}
		build := func() *core.PdfStream {
			ef := folio.NewEmbeddedFont(ff)
			ef.EncodeString(hanzi)
			var program *core.PdfStream
			ef.BuildObjects(func(o core.PdfObject) *core.PdfIndirectReference {
				if s, ok := o.(*core.PdfStream); ok && program == nil {
					program = s
				}
				return core.NewPdfIndirectReference(1, 0)
			})
			return program
		}
		b.Run(e.name+"/subset", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				build()
			}
		})
		b.Run(e.name+"/subset+deflate", func(b *testing.B) {
			b.ReportAllocs()
			var n int
			for b.Loop() {
				z, err := core.DeflateStreamDataLevel(build().Data, zlib.BestSpeed)
				if err != nil {
					b.Fatal(err)
				}
				n = len(z)
			}
			b.ReportMetric(float64(n), "pdf-bytes")
		})
	}
}
