package ofd

import (
	"io"
	"testing"
)

// BenchmarkWrite writes the sample's laid-out pages as OFD (fonts parsed
// once per process, as in a batch).
func BenchmarkWrite(b *testing.B) {
	ss := samples(b)
	s := ss[len(ss)-2] // the sample report, gongwen style
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, s.pages, s.doc.Meta, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
