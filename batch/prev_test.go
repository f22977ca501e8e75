package batch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/fixtures/gen/synth"
	"github.com/nianbao/nianbao/render"
	"github.com/nianbao/nianbao/report"
)

// foreignPDF is a PDF that nianbao did not write: it carries no data.
const foreignPDF = `%PDF-1.4
1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj
2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj
trailer <</Root 1 0 R>>
%%EOF
`

// TestPrevFromLastOutput: last year's batch output (PDF and DOCX of each
// report, summary files) is this year's --prev directory. R5 is checked
// from the data each PDF carries; a wrong 上年结转 is reported and a right
// one is not; a PDF nianbao did not write is noted by name, with what to
// do, and the DOCX of the same name read instead; summary files and the
// DOCX beside a PDF raise no warning.
func TestPrevFromLastOutput(t *testing.T) {
	dir := t.TempDir()
	const n = 5
	for i := range n {
		r := synth.Report(7, i)
		p := synth.Prev(7, r)
		if i == 2 { // last year carried forward one request more than this year took over
			p.Table3.Rows[report.T3CarriedForward][0].N++
			p.Table3.Rows[report.T3CarriedForward][6].N++
			p.Table3.Rows[report.T3New][0].N++
			p.Table3.Rows[report.T3New][6].N++
		}
		writeReport(t, filepath.Join(dir, "last", fmt.Sprintf("%02d.json", i)), p)
		writeReport(t, filepath.Join(dir, "in", fmt.Sprintf("%02d.json", i)), r)
	}

	// Year N-1: PDF and DOCX, as a bureau publishes them.
	out1 := filepath.Join(dir, "out1")
	last := Options{Inputs: []string{filepath.Join(dir, "last")}, Out: out1, Jobs: 2}
	last.Render.Formats = []render.Format{render.PDF, render.DOCX}
	s1, err := Run(context.Background(), last)
	if err != nil {
		t.Fatal(err)
	}
	if s1.OK != n {
		t.Fatalf("year N-1: %d of %d reports written: %+v", s1.OK, n, s1.Rows)
	}
	pdfs, _ := filepath.Glob(filepath.Join(out1, "*.pdf"))
	docxs, _ := filepath.Glob(filepath.Join(out1, "*.docx"))
	if len(pdfs) != n || len(docxs) != n {
		t.Fatalf("year N-1 wrote %d PDF and %d DOCX, want %d each", len(pdfs), len(docxs), n)
	}
	for _, name := range []string{SummaryCSV, SummaryJSON} {
		if _, err := os.Stat(filepath.Join(out1, name)); err != nil {
			t.Fatalf("year N-1: %v", err)
		}
	}
	// Report 3's PDF was replaced by one from another program (its DOCX
	// stays), and a stray PDF lies beside the reports.
	var pdf3 string
	for _, row := range s1.Rows {
		if strings.HasSuffix(row.File, "03.json") {
			for _, o := range row.Outputs {
				if strings.HasSuffix(o, ".pdf") {
					pdf3 = o
				}
			}
		}
	}
	if pdf3 == "" {
		t.Fatalf("no PDF of report 3 in %+v", s1.Rows)
	}
	if !filepath.IsAbs(pdf3) && !strings.HasPrefix(pdf3, out1) {
		pdf3 = filepath.Join(out1, pdf3)
	}
	docx3 := strings.TrimSuffix(pdf3, ".pdf") + ".docx"
	stray := filepath.Join(out1, "扫描件.pdf")
	// A pair where neither can be read: both are named.
	badPDF, badDOCX := filepath.Join(out1, "坏.pdf"), filepath.Join(out1, "坏.docx")
	for _, p := range []string{pdf3, stray, badPDF} {
		if err := os.WriteFile(p, []byte(foreignPDF), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(badDOCX, []byte("not a zip"), 0o644); err != nil {
		t.Fatal(err)
	}

	// Year N, with last year's output as --prev.
	opts := testOptions(filepath.Join(dir, "in"), filepath.Join(dir, "out2"), 2)
	opts.Prev = []string{out1}
	s, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range s.Rows {
		want := RuleOK
		if strings.HasSuffix(row.File, "02.json") {
			want = RuleError
		}
		if row.Rules[4] != want {
			t.Errorf("%s: R5 = %s, want %s (problems %q)", row.File, row.Rules[4], want, row.Problems)
		}
		if want == RuleError {
			found := false
			for _, p := range row.Problems {
				// The finding names last year's PDF and the line and
				// column of the value in the data it carries.
				if strings.Contains(p, "R5") && inPDF.MatchString(p) {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: no R5 finding naming last year's PDF in %q", row.File, row.Problems)
			}
		}
	}
	// Problems: the stray PDF, named, with why and what to do; the pair
	// that cannot be read, both files.
	problems := strings.Join(s.PrevProblems, "\n")
	for _, want := range []string{stray + ": 此 PDF 中没有内嵌的年报数据", badPDF + ": 此 PDF 中没有内嵌的年报数据", badDOCX} {
		if !strings.Contains(problems, want) {
			t.Errorf("problems with last year's files do not name %s:\n%s", want, problems)
		}
	}
	if !strings.Contains(problems, "请把该单位上年报告的数据文件") {
		t.Errorf("problems do not say what to do:\n%s", problems)
	}
	for _, p := range s.PrevProblems {
		if !strings.Contains(p, stray) && !strings.Contains(p, "坏.") {
			t.Errorf("unexpected problem: %s", p)
		}
	}
	// One note: report 3's PDF, and that its DOCX was read instead.
	var notes []string
	for _, n := range s.Notes {
		if strings.Contains(n, out1) {
			notes = append(notes, n)
		}
	}
	if len(notes) != 1 || !strings.Contains(notes[0], pdf3) || !strings.Contains(notes[0], "已改读同名的 "+docx3) {
		t.Errorf("notes = %q, want one saying %s was read instead of %s", notes, docx3, pdf3)
	}
	for _, line := range append(slices.Clone(s.PrevProblems), s.Notes...) {
		if strings.Contains(line, "summary") || strings.Contains(line, "重复") {
			t.Errorf("unexpected line: %s", line)
		}
	}
}

var inPDF = regexp.MustCompile(`\.pdf（内嵌 nianbao-report\.json）:\d+:\d+`)

func TestPrevGroups(t *testing.T) {
	for _, tt := range []struct {
		paths []string
		want  [][]string
	}{
		{[]string{"a.docx", "a.pdf", "b.pdf", "c.docx"}, [][]string{{"a.pdf", "a.docx"}, {"b.pdf"}, {"c.docx"}}},
		{[]string{"a.docx", "a.json", "a.pdf"}, [][]string{{"a.json"}}},
		{[]string{"a.pdf", "a.yaml", "a.yml"}, [][]string{{"a.yaml"}, {"a.yml"}}},
		{[]string{"d/a.pdf", "e/a.docx"}, [][]string{{"d/a.pdf"}, {"e/a.docx"}}},
		{[]string{"a.PDF", "a.xlsx"}, [][]string{{"a.xlsx"}}},
	} {
		if got := prevGroups(tt.paths); !slices.EqualFunc(got, tt.want, slices.Equal) {
			t.Errorf("prevGroups(%q) = %q, want %q", tt.paths, got, tt.want)
		}
	}
}
