package pdf

import (
	"io"
	"testing"

	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/fixtures/gen/synth"
	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/layout"
	"github.com/nianbao/nianbao/pdfdata"
	"github.com/nianbao/nianbao/report"
	"github.com/nianbao/nianbao/style"
)

// BenchmarkWriteBatch writes the PDFs of 40 synthetic reports, laid out
// beforehand, one after another as a batch does (different agencies, so
// different glyphs): Write alone, in CPU time per report.
func BenchmarkWriteBatch(b *testing.B) {
	fs, err := fonts.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	type doc struct {
		d     *document.Document
		pages []layout.Page
		data  *File
	}
	var docs []doc
	for i := range 40 {
		r := synth.Report(1, i)
		report.Complete(r)
		d, err := document.Build(r)
		if err != nil {
			b.Fatal(err)
		}
		pages, err := layout.Layout(d, style.Gongwen, fs)
		if err != nil {
			b.Fatal(err)
		}
		js, err := pdfdata.Encode(r)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, doc{d, pages, &File{Name: pdfdata.DataName, Type: pdfdata.MIME, Data: js}})
	}
	b.ReportAllocs()
	c0 := cpuTime(b)
	for b.Loop() {
		for _, d := range docs {
			if err := Write(io.Discard, d.pages, d.d.Meta, Options{Date: fixedDate, Document: d.d, Data: d.data}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(cpuTime(b)-c0)/float64(b.N*len(docs))/1e3, "cpu-µs/report")
}
