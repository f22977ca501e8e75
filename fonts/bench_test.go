package fonts

import "testing"

// BenchmarkParse reports the time and memory to parse each embedded font:
// what every process pays once per font.
func BenchmarkParse(b *testing.B) {
	for _, e := range embeddedFiles {
		b.Run(e.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := parseFace(e.data, 0, e.name); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkAdvance measures Set.Face and Face.Advance over a paragraph of
// body text, per rune.
func BenchmarkAdvance(b *testing.B) {
	s, err := Embedded()
	if err != nil {
		b.Fatal(err)
	}
	text := []rune("2021年，本机关共收到政府信息公开申请123件，较上年增长15.3%；其中，当面申请12件，网络申请98件。")
	b.Run("Face+Advance", func(b *testing.B) {
		b.ReportAllocs()
		var w float64
		for b.Loop() {
			for _, r := range text {
				f, err := s.Face(Body, r)
				if err != nil {
					b.Fatal(err)
				}
				w += f.Advance(r)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(text)), "ns/rune")
	})
	b.Run("Advance", func(b *testing.B) {
		f := s.Primary(Body)
		b.ReportAllocs()
		var w float64
		for b.Loop() {
			for _, r := range text {
				w += f.Advance(r)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(text)), "ns/rune")
	})
}

// BenchmarkLoadInstalled measures Load with a directory of installed fonts
// after the first scan: the scan and the parse are cached per process.
func BenchmarkLoadInstalled(b *testing.B) {
	dir := b.TempDir()
	writeFile(b, dir+"/times.ttf", liberationSerif)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(Options{Dirs: []string{dir}}); err != nil {
			b.Fatal(err)
		}
	}
}
