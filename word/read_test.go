package word

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/fixtures"
	"github.com/nianbao/nianbao/render"
	"github.com/nianbao/nianbao/report"
)

// TestRoundTrip renders every fixture to DOCX and PDF, reads the DOCX back
// and renders it again: the PDF must be the same, byte for byte, and the
// report must validate with the same findings.
func TestRoundTrip(t *testing.T) {
	fxs, err := fixtures.Documents()
	if err != nil {
		t.Fatal(err)
	}
	for _, fx := range fxs {
		t.Run(fx.Name, func(t *testing.T) {
			fx.Report = printed(fx.Report)
			out, err := render.Report(fx.Report, render.Options{})
			if err != nil {
				t.Fatal(err)
			}
			r, err := Read(fx.Name+".docx", out[render.DOCX])
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if fs, want := report.Validate(r, nil), report.Validate(fx.Report, nil); messages(fs) != messages(want) {
				t.Errorf("findings differ:\n%s\nwant\n%s", messages(fs), messages(want))
			}
			report.Complete(r)
			unprinted(r, fx.Report)
			again, err := render.Report(r, render.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range render.Formats {
				if !bytes.Equal(again[f], out[f]) {
					t.Errorf("%s differs after render → import → render (%d vs %d bytes)\n%s", f, len(again[f]), len(out[f]), report.Encode(r, ""))
				}
			}
			// The YAML written from it reads back to the same PDF.
			y, err := report.Decode("imported.yaml", report.Encode(r, fx.Name+".docx"))
			if err != nil {
				t.Fatalf("Encode → Decode: %v", err)
			}
			report.Complete(y)
			third, err := render.Report(y, render.Options{Formats: []render.Format{render.PDF}})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(third[render.PDF], out[render.PDF]) {
				t.Errorf("PDF of the imported YAML differs")
			}
		})
	}
}

// messages is the findings without their positions.
func messages(fs report.Findings) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.Severity.String() + " " + f.Rule + " " + f.Message + "\n")
	}
	return b.String()
}

// BenchmarkRead reads the filled template (23 KB, three tables).
func BenchmarkRead(b *testing.B) {
	data, err := os.ReadFile("../fixtures/word/filled-template.docx")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read("filled.docx", data); err != nil {
			b.Fatal(err)
		}
	}
}

// unprinted gives got what a Word file cannot hold because it is not
// printed as such, from want: the contact details (printed, if at all,
// inside the preamble nianbao writes), and the title and preamble where
// want leaves them to nianbao (they are printed, and read back, as text).
// The PDF carries the report's data, so without this its bytes differ.
func unprinted(got, want *report.Report) {
	got.Contact = want.Contact
	if len(want.Title) == 0 {
		got.Title = nil
	}
	// A title line too long for the measure is written as the PDF breaks
	// it, with line breaks, which read back as lines of their own: the
	// same title, grouped otherwise.
	if strings.Join(got.Title, "") == strings.Join(want.Title, "") {
		got.Title = want.Title
	}
	if len(want.Preamble) == 0 {
		got.Preamble = nil
	}
}

// printed is r without what the page does not show of its text: the
// indent a clerk typed at a paragraph's start, which the style's indent
// replaces (document drops it), so no Word file holds it; and numbers in
// full-width digits, printed half width (report.HalfWidth).
func printed(r *report.Report) *report.Report {
	c := *r
	strip := func(ps []string) []string {
		if ps == nil {
			return nil
		}
		out := make([]string, len(ps))
		for i, p := range ps {
			out[i] = report.HalfWidth(strings.TrimLeft(p, "\u3000 \t\u00a0"))
		}
		return out
	}
	section := func(s report.Section) report.Section {
		if s == nil {
			return nil
		}
		out := make(report.Section, len(s))
		for i, b := range s {
			b.Paragraphs = strip(b.Paragraphs)
			out[i] = b
		}
		return out
	}
	c.Preamble = strip(r.Preamble)
	c.Overview, c.Problems, c.Other = section(r.Overview), section(r.Problems), section(r.Other)
	return &c
}
