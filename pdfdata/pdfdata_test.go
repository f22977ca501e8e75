package pdfdata_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/fixtures"
	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/layout"
	"github.com/nianbao/nianbao/pdfdata"
	"github.com/nianbao/nianbao/render"
	"github.com/nianbao/nianbao/render/pdf"
	"github.com/nianbao/nianbao/report"
	"github.com/nianbao/nianbao/style"
)

// same reports whether two reports hold the same data: the same prose,
// metadata and cells as printed.
func same(t *testing.T, name string, a, b *report.Report) {
	t.Helper()
	if a.Format != b.Format && !(a.Format == "" && b.Format == form.Default) {
		t.Errorf("%s: format %q, want %q", name, b.Format, a.Format)
	}
	type prose struct {
		Agency                    string
		Year                      int
		Title, Preamble           []string
		Overview, Problems, Other report.Section
		Closing                   report.Closing
		Contact                   report.Contact
		Notes                     [][]string
	}
	p := func(r *report.Report) prose {
		return prose{r.Agency, r.Year, r.Title, r.Preamble, r.Overview, r.Problems, r.Other, r.Closing, r.Contact,
			[][]string{r.Table2.Notes, r.Table2v2019.Notes, r.Table3.Notes, r.Table4.Notes}}
	}
	if pa, pb := p(a), p(b); !reflect.DeepEqual(pa, pb) {
		t.Errorf("%s: data differs\n got %+v\nwant %+v", name, pb, pa)
	}
	f, err := a.Form()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, sec := range f.Sections {
		if sec.Table == nil {
			continue
		}
		for _, row := range sec.Table.Data {
			for k := range row.Cols {
				ref := form.Ref{Table: sec.Table.Number, Row: row.Key, Col: k}
				va, _ := a.Cell(ref)
				vb, _ := b.Cell(ref)
				if va != vb {
					t.Errorf("%s: %s = %q, want %q", name, ref.Path(row.Cols), vb, va)
				}
				n++
			}
		}
	}
	if n < 100 {
		t.Errorf("%s: only %d cells compared", name, n)
	}
}

// TestRoundTrip renders every fixture to PDF, reads the data back from the
// PDF and checks that it is the report's data, cell by cell.
func TestRoundTrip(t *testing.T) {
	all, err := fixtures.Documents()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range all {
		for _, pdfa := range []bool{false, true} {
			out, err := render.Report(f.Report, render.Options{Formats: []render.Format{render.PDF}, PDFA: pdfa})
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, f.Name+".pdf")
			if err := os.WriteFile(path, out[render.PDF], 0o644); err != nil {
				t.Fatal(err)
			}
			r, err := pdfdata.ReadFile(path)
			if err != nil {
				t.Fatalf("%s: ReadFile: %v", f.Name, err)
			}
			same(t, f.Name, f.Report, r)
			if fs := report.Validate(r, nil); fs.Errors() > 0 {
				t.Errorf("%s: the data read back has errors:\n%v", f.Name, fs)
			}
			// The extracted file is itself a file nianbao reads.
			js, err := pdfdata.Extract(out[render.PDF])
			if err != nil {
				t.Fatal(err)
			}
			var env map[string]any
			if err := json.Unmarshal(js, &env); err != nil || env["schema"] != pdfdata.Schema || env["schema_version"] != float64(pdfdata.Version) {
				t.Errorf("%s: envelope %v %v", f.Name, err, env["schema"])
			}
			jpath := filepath.Join(dir, f.Name+".json")
			os.WriteFile(jpath, js, 0o644)
			r2, err := pdfdata.ReadFile(jpath)
			if err != nil {
				t.Fatalf("%s: ReadFile(json): %v", f.Name, err)
			}
			same(t, f.Name+".json", f.Report, r2)
		}
	}
}

// TestPositionsInEmbeddedFile: a finding about last year's data names the
// PDF and the line and column in the embedded file where the value is.
func TestPositionsInEmbeddedFile(t *testing.T) {
	all, _ := fixtures.Documents()
	r := all[0].Report
	data, err := pdfdata.Encode(r)
	if err != nil {
		t.Fatal(err)
	}
	got, err := pdfdata.Decode("last.pdf（内嵌 nianbao-report.json）", data)
	if err != nil {
		t.Fatal(err)
	}
	pos := got.Pos("table3.carried_forward[0]")
	lines := strings.Split(string(data), "\n")
	if pos.Line < 1 || pos.Line > len(lines) || !strings.HasPrefix(strings.TrimSpace(lines[pos.Line-1]), `"carried_forward"`) {
		t.Errorf("position %v is not the line of carried_forward", pos)
	}
	if !strings.HasPrefix(pos.String(), "last.pdf（内嵌 nianbao-report.json）:") {
		t.Errorf("position %q does not name the PDF", pos.String())
	}
}

// TestReadErrors: a PDF without data, a file that only looks like a PDF, a
// newer envelope: clear Chinese errors, no panic.
func TestReadErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, data, 0o644)
		return p
	}
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"broken.pdf", []byte("%PDF-1.7\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"), ".pdf:"},
		{"truncated.pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<</Type /Cata"), "无法读取 PDF"},
		{"newer.json", []byte(`{"schema": "nianbao-report", "schema_version": 9, "report": {}}`), "版本为 9"},
	}
	for _, c := range cases {
		_, err := pdfdata.ReadFile(write(c.name, c.data))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want one with %q", c.name, err, c.want)
		}
	}
	// A PDF written without its data, as an older nianbao wrote them.
	all, _ := fixtures.Documents()
	fs, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	pages, err := layout.Layout(all[0].Doc, style.Gongwen, fs)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := pdf.Write(&buf, pages, all[0].Doc.Meta, pdf.Options{Document: all[0].Doc}); err != nil {
		t.Fatal(err)
	}
	_, err = pdfdata.ReadFile(write("without.pdf", buf.Bytes()))
	if err == nil || !strings.Contains(err.Error(), "此 PDF 中没有内嵌的年报数据") {
		t.Errorf("PDF without data: err = %v", err)
	}
	if _, err := pdfdata.Extract(buf.Bytes()); !errors.Is(err, pdfdata.ErrNoData) {
		t.Errorf("Extract of a PDF without data: %v", err)
	}
	// A YAML file still reads as before.
	if _, err := pdfdata.ReadFile(filepath.Join("..", "fixtures", "yueqing-sfj-2021.yaml")); err != nil {
		t.Errorf("YAML: %v", err)
	}
}

// FuzzExtract: no input makes Extract panic or hang.
func FuzzExtract(f *testing.F) {
	all, _ := fixtures.Documents()
	out, err := render.Report(all[0].Report, render.Options{Formats: []render.Format{render.PDF}})
	if err == nil {
		f.Add(out[render.PDF])
	}
	f.Add([]byte("%PDF-1.7\ntrailer <</Root 1 0 R>>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		pdfdata.Extract(data)
		pdfdata.Decode("x", bytes.TrimSpace(data))
	})
}
