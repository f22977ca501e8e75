package source

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/excel"
	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/pdfdata"
	"github.com/nianbao/nianbao/render"
	"github.com/nianbao/nianbao/report"
)

// writeWorkbook writes a fill-in workbook with the numbers of r.
func writeWorkbook(t *testing.T, path string, r *report.Report) {
	t.Helper()
	data, err := excel.Template(form.V2021, r.Agency, r.Year)
	if err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range form.V2021.Tables() {
		for _, c := range tb.Cells {
			if c.Kind != form.Value {
				continue
			}
			cell := excel.CellName(c.Row, c.Col)
			if f, _ := x.GetCellFormula(excel.SheetName(tb.Number), cell); f != "" {
				continue
			}
			v, _ := r.Cell(c.Bind)
			x.SetCellValue(excel.SheetName(tb.Number), cell, v)
		}
	}
	x.SetCellValue(excel.BasicSheet, "B11", r.Closing.Agency)
	x.SetCellValue(excel.BasicSheet, "B12", r.Closing.Date)
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// TestWorkbookWithProse joins a workbook with the data file beside it: the
// numbers from the workbook, the prose from the file, positions from each.
func TestWorkbookWithProse(t *testing.T) {
	dir := t.TempDir()
	sample, err := report.ReadFile("../fixtures/yueqing-sfj-2021.yaml")
	if err != nil {
		t.Fatal(err)
	}
	report.Complete(sample)
	xlsx := filepath.Join(dir, "乐清.xlsx")
	writeWorkbook(t, xlsx, sample)
	// The prose file: the sample with its tables zeroed, as init writes them.
	prose := report.Skeleton(form.V2021, sample.Agency, sample.Year)
	if err := os.WriteFile(filepath.Join(dir, "乐清.yaml"), prose, 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := Read(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := r.Cell(form.Ref{Table: 2, Row: "normative_documents", Col: 2}); got != "4" {
		t.Errorf("现行有效件数 %q, want 4", got)
	}
	if !strings.Contains(r.Pos("table3.new[0]").String(), "乐清.xlsx:表三!") {
		t.Errorf("position %v", r.Pos("table3.new[0]"))
	}
	if len(r.Overview) == 0 || !strings.HasSuffix(r.Pos("overview").File, "乐清.yaml") {
		t.Errorf("prose not from the data file: %v", r.Overview)
	}
	// A number in both files that differs is refused: it belongs in one place.
	bad := strings.Replace(string(prose), "normative_documents: [0, 0, 0]", "normative_documents: [0, 0, 5]", 1)
	os.WriteFile(filepath.Join(dir, "乐清.yaml"), []byte(bad), 0o644)
	if _, err := Read(xlsx); err == nil || !strings.Contains(err.Error(), "数字只应填在一处") {
		t.Errorf("err = %v", err)
	}
	// And so is another agency.
	other := strings.Replace(string(prose), "agency: 乐清市司法局", "agency: 别的局", 1)
	os.WriteFile(filepath.Join(dir, "乐清.yaml"), []byte(other), 0o644)
	if _, err := Read(xlsx); err == nil || !strings.Contains(err.Error(), "机关名称“乐清市司法局”与") {
		t.Errorf("err = %v", err)
	}
}

// TestGroup leaves out the prose file beside a workbook and expands a
// roll-up workbook into its rows.
func TestGroup(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.xlsx")
	data, _ := excel.Template(form.V2021, "甲", 2023)
	os.WriteFile(a, data, 0o644)
	os.WriteFile(filepath.Join(dir, "a.yaml"), report.Skeleton(form.V2021, "甲", 2023), 0o644)
	r, _ := report.ReadFile(filepath.Join(dir, "a.yaml"))
	roll, _ := excel.WriteRollup(form.V2021, []*report.Report{r, r})
	b := filepath.Join(dir, "b.xlsx")
	os.WriteFile(b, roll, 0o644)
	got := Group([]string{a, filepath.Join(dir, "a.yaml"), b, filepath.Join(dir, "c.yaml")})
	want := []string{a, b + "#2", b + "#3", filepath.Join(dir, "c.yaml")}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Group = %v, want %v", got, want)
	}
	if r, err := Read(b + "#3"); err != nil || r.Agency != "甲" {
		t.Errorf("Read(row 3) = %v, %v", r, err)
	}
	if !IsReport("x.DOCX") || IsReport("~$x.docx") || IsReport("x.txt") {
		t.Error("IsReport")
	}
}

// TestWorkbookRenders: init --xlsx, filled by a program, beside the data
// file holding the prose, validates and renders the same PDF as the data
// file alone.
func TestWorkbookRenders(t *testing.T) {
	dir := t.TempDir()
	sample, err := report.ReadFile("../fixtures/yueqing-sfj-2021.yaml")
	if err != nil {
		t.Fatal(err)
	}
	report.Complete(sample)
	xlsx := filepath.Join(dir, "乐清.xlsx")
	writeWorkbook(t, xlsx, sample)
	data, _ := os.ReadFile("../fixtures/yueqing-sfj-2021.yaml")
	os.WriteFile(filepath.Join(dir, "乐清.yaml"), data, 0o644)
	r, err := Read(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	if fs := report.Validate(r, nil); len(fs) != 0 {
		t.Errorf("findings:\n%v", fs)
	}
	report.Complete(r)
	a, err := render.Report(r, render.Options{Formats: []render.Format{render.PDF}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := render.Report(sample, render.Options{Formats: []render.Format{render.PDF}})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a[render.PDF], b[render.PDF]) {
		t.Error("the workbook with its data file renders another PDF than the data file")
	}
}

// TestReadPDFAndItsData reads a nianbao PDF and the data file taken out of
// one (nianbao-report.json, by its first bytes, not its name) back to the
// report they were made from.
func TestReadPDFAndItsData(t *testing.T) {
	r, err := report.ReadFile("../fixtures/yueqing-sfj-2021.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out, err := render.Report(r, render.Options{Formats: []render.Format{render.PDF}})
	if err != nil {
		t.Fatal(err)
	}
	js, err := pdfdata.Encode(r)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string][]byte{"report.pdf": out[render.PDF], "nianbao-report.json": js}
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := Read(p)
		if err != nil {
			t.Fatalf("Read(%s): %v", name, err)
		}
		if got.Agency != r.Agency || got.Table3.Rows[0][0] != r.Table3.Rows[0][0] {
			t.Errorf("Read(%s) = %s %v, want %s %v", name, got.Agency, got.Table3.Rows[0][0], r.Agency, r.Table3.Rows[0][0])
		}
	}
}
