package layout

import (
	"testing"

	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/fixtures/gen/synth"
	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/report"
	"github.com/nianbao/nianbao/style"
)

// synthDocs builds n synthetic reports (seed 1, as BenchmarkBatch) into
// documents.
func synthDocs(tb testing.TB, n int) []*document.Document {
	tb.Helper()
	var ds []*document.Document
	for i := range n {
		r := synth.Report(1, i)
		report.Complete(r)
		d, err := document.Build(r)
		if err != nil {
			tb.Fatal(err)
		}
		ds = append(ds, d)
	}
	return ds
}

// BenchmarkLayoutSynth lays out 100 synthetic reports (unique prose, the
// form's fixed texts repeated) in each style: cpu-ns/op is per report.
func BenchmarkLayoutSynth(b *testing.B) {
	fs, err := fonts.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	ds := synthDocs(b, 100)
	for _, s := range []*style.Style{style.Gongwen, style.Template} {
		b.Run(s.Name, func(b *testing.B) {
			i := 0
			loop(b, func() {
				if _, err := Layout(ds[i%len(ds)], s, fs); err != nil {
					b.Fatal(err)
				}
				i++
			})
		})
	}
}
