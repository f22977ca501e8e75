package word

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/fixtures/word"
	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/render"
	"github.com/nianbao/nianbao/report"
)

// TestFilledTemplate fills the circulated template with reports (the sample
// and the broken ones) as a clerk does, reads it back, and checks that it
// gives the same findings as the YAML and renders the same PDF.
func TestFilledTemplate(t *testing.T) {
	for _, name := range []string{"yueqing-sfj-2021", "broken/r1", "broken/r2", "broken/r3", "broken/r4", "broken/r6-blank", "broken/r7"} {
		t.Run(name, func(t *testing.T) {
			yaml, err := report.ReadFile("../fixtures/" + name + ".yaml")
			if err != nil {
				t.Fatal(err)
			}
			data, err := wordfill.Fill(yaml, wordfill.Variant{})
			if err != nil {
				t.Fatal(err)
			}
			yaml, _ = report.ReadFile("../fixtures/" + name + ".yaml") // Fill completes its report
			docx, err := Read("filled.docx", data)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			got, want := report.Validate(docx, nil), report.Validate(yaml, nil)
			if messages(got) != messages(want) {
				t.Errorf("findings of the filled template:\n%s\nwant (the YAML's)\n%s", got, want)
			}
			for _, f := range got {
				if f.Pos.Place == "" {
					t.Errorf("finding without a place in the Word file: %v", f)
				}
			}
			if want.Errors() > 0 {
				return
			}
			samePDF(t, docx, yaml)
		})
	}
}

// TestFindingPlace checks that a finding points at the cell of the Word file.
func TestFindingPlace(t *testing.T) {
	yaml, err := report.ReadFile("../fixtures/broken/r3.yaml")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := wordfill.Fill(yaml, wordfill.Variant{})
	r, err := Read("r3.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	fs := report.Validate(r, nil)
	if len(fs) == 0 || !strings.HasPrefix(fs[0].String(), "r3.docx:表三 第7行 第10列（总计）: R3 表三 （二）部分公开: 总计 应为 0") {
		t.Errorf("findings:\n%v", fs)
	}
}

// samePDF renders both reports and compares the PDFs: the same bytes, and
// so the same text.
func samePDF(t *testing.T, got, want *report.Report) {
	t.Helper()
	report.Complete(got)
	report.Complete(want)
	unprinted(got, want)
	a, err := render.Report(got, render.Options{Formats: []render.Format{render.PDF}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := render.Report(want, render.Options{Formats: []render.Format{render.PDF}})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a[render.PDF], b[render.PDF]) {
		return
	}
	ta, tb := pdftotext(t, a[render.PDF]), pdftotext(t, b[render.PDF])
	if ta != tb {
		t.Errorf("pdftotext differs:\n%s\nwant\n%s\nimported as\n%s", ta, tb, report.Encode(got, ""))
	} else {
		t.Errorf("PDF bytes differ, text the same")
	}
}

func pdftotext(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("NIANBAO_REQUIRE_TOOLS") != "" {
			t.Fatal("pdftotext not found")
		}
		t.Skip("pdftotext not found")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "a.pdf")
	os.WriteFile(in, pdf, 0o644)
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// TestCommittedFiles reads the committed Word fixtures: the filled template
// (which must be what the generator writes), the same re-saved by
// LibreOffice, and the variant with what offices do to the template.
func TestCommittedFiles(t *testing.T) {
	sample, err := report.ReadFile("../fixtures/yueqing-sfj-2021.yaml")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := wordfill.Fill(sample, wordfill.Variant{})
	committed, err := os.ReadFile("../fixtures/word/filled-template.docx")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, committed) {
		t.Error("fixtures/word/filled-template.docx is not what the generator writes; run go run ./fixtures/word/gen")
	}
	for _, c := range []struct{ file, yaml string }{
		{"filled-template.docx", "yueqing-sfj-2021"},
		{"filled-template-libreoffice.docx", "yueqing-sfj-2021"},
		{"city-wide-variants.docx", "city-wide-2024"},
	} {
		t.Run(c.file, func(t *testing.T) {
			r, err := ReadFile("../fixtures/word/" + c.file)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := report.ReadFile("../fixtures/" + c.yaml + ".yaml")
			fs := report.Validate(r, nil)
			if fs.Errors() > 0 {
				t.Errorf("findings:\n%v", fs)
			}
			if c.file == "city-wide-variants.docx" {
				if fs.Warnings() != 1 || !strings.Contains(fs.Error(), "行名“4.保护第三方合法权利”与正式格式不同") {
					t.Errorf("want the typo's warning only:\n%v", fs)
				}
			}
			report.Complete(want)
			for _, tb := range form.V2021.Tables() {
				for _, cell := range tb.Cells {
					if cell.Kind != form.Value {
						continue
					}
					a, _ := r.Cell(cell.Bind)
					b, _ := want.Cell(cell.Bind)
					// Full-width digits are the same number, printed as typed.
					if asciiDigits(a) != asciiDigits(b) {
						t.Errorf("%s: %q, want %q", r.Pos(cell.Bind.Path(2)), a, b)
					}
				}
			}
			if c.file != "city-wide-variants.docx" {
				// The variants type digits full width, which print as typed
				// (and wider): the same numbers, another page.
				samePDF(t, r, want)
			}
		})
	}
}

// asciiDigits turns full-width digits into ASCII ones (４６ → 46).
func asciiDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return '0' + r - '０'
		}
		return r
	}, s)
}
