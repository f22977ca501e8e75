package excel

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/report"
)

// fill writes the values of r into a fill-in workbook, as a clerk would:
// numbers as numbers, a cell with a note as text, the 总计 cells left to
// their formulas.
func fill(t *testing.T, path string, r *report.Report) {
	t.Helper()
	f, _ := r.Form()
	data, err := Template(f, r.Agency, r.Year)
	if err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range f.Tables() {
		s := SheetName(tb.Number)
		for _, c := range tb.Cells {
			if c.Kind != form.Value {
				continue
			}
			cell := CellName(c.Row, c.Col)
			if fm, _ := x.GetCellFormula(s, cell); fm != "" {
				continue
			}
			v, _ := r.Cell(c.Bind)
			if n, err := strconv.ParseInt(v, 10, 64); err == nil {
				x.SetCellValue(s, cell, n)
			} else {
				x.SetCellValue(s, cell, v)
			}
		}
	}
	x.SetCellValue(BasicSheet, "B11", r.Closing.Agency)
	x.SetCellValue(BasicSheet, "B12", r.Closing.Date)
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func TestTemplateFillRead(t *testing.T) {
	for _, name := range []string{"yueqing-sfj-2021", "city-wide-2024", "format-2019"} {
		t.Run(name, func(t *testing.T) {
			want, err := report.ReadFile("../fixtures/" + name + ".yaml")
			if err != nil {
				t.Fatal(err)
			}
			report.Complete(want)
			path := filepath.Join(t.TempDir(), name+".xlsx")
			fill(t, path, want)
			got, err := ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if got.Agency != want.Agency || got.Year != want.Year || got.Format != want.Format && want.Format != "" {
				t.Errorf("basic facts %q %d %q, want %q %d %q", got.Agency, got.Year, got.Format, want.Agency, want.Year, want.Format)
			}
			f, _ := want.Form()
			for _, tb := range f.Tables() {
				for _, c := range tb.Cells {
					if c.Kind != form.Value {
						continue
					}
					g, _ := got.Cell(c.Bind)
					w, _ := want.Cell(c.Bind)
					if d, _ := tb.DataRow(c.Bind.Row); d.Unit(c.Bind.Col) == form.Change {
						// A workbook shows every rise with its sign (+0;-0;0).
						g, w = strings.TrimPrefix(g, "+"), strings.TrimPrefix(w, "+")
					}
					if g != w {
						t.Errorf("%s %s: %q, want %q", tb.Name, got.Pos(c.Bind.Path(2)), g, w)
					}
				}
			}
			for _, fd := range report.Validate(got, nil) {
				if fd.Severity == report.Error {
					t.Errorf("finding: %v", fd)
				}
			}
		})
	}
}

// TestReadBlankAndBad checks that a blank cell is reported at its cell and a
// word in a count cell is refused there.
func TestReadBlankAndBad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.xlsx")
	data, err := Template(form.V2021, "测试局", 2023)
	if err != nil {
		t.Fatal(err)
	}
	x, _ := excelize.OpenReader(strings.NewReader(string(data)))
	x.SetCellValue("表三", "D5", "")
	x.SetCellValue("表三", "E5", "十二")
	x.SaveAs(path)
	_, err = ReadFile(path)
	if err == nil || !strings.Contains(err.Error(), "表三!E5") || !strings.Contains(err.Error(), "应为整数") || !strings.Contains(err.Error(), "十二") {
		t.Fatalf("err = %v", err)
	}
	x.SetCellValue("表三", "E5", 0)
	x.SaveAs(path)
	r, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fs := report.Validate(r, nil)
	if !strings.Contains(fs.Error(), "bad.xlsx:表三!D5: R6") {
		t.Errorf("findings:\n%v", fs)
	}
	_ = os.Remove(path)
}

func TestRollupRoundTrip(t *testing.T) {
	var rs []*report.Report
	for _, name := range []string{"yueqing-sfj-2021", "city-wide-2024", "totals-omitted-2021"} {
		r, err := report.ReadFile("../fixtures/" + name + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		rs = append(rs, r)
	}
	data, err := WriteRollup(form.V2021, rs)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "roll.xlsx")
	os.WriteFile(path, data, 0o644)
	if !IsRollup(path) {
		t.Fatal("IsRollup = false")
	}
	got, err := ReadRollup(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(rs) {
		t.Fatalf("%d rows, want %d", len(got), len(rs))
	}
	_, refs := RollupHeaders(form.V2021)
	for i, g := range got {
		want := *rs[i]
		report.Complete(&want)
		if g.Report.Agency != want.Agency || g.Row != i+2 {
			t.Errorf("row %d: %q, want %q", g.Row, g.Report.Agency, want.Agency)
		}
		for _, ref := range refs {
			a, _ := g.Report.Cell(ref)
			b, _ := want.Cell(ref)
			if a != b {
				t.Errorf("%s %v: %q, want %q", want.Agency, ref, a, b)
			}
		}
	}
	// An unknown column is refused at its header cell.
	x, _ := excelize.OpenFile(path)
	x.SetCellValue("汇总表", "C1", "规章·本年制发")
	x.SaveAs(path)
	if _, err := ReadRollup(path); err == nil || !strings.Contains(err.Error(), "汇总表!C1") {
		t.Errorf("err = %v", err)
	}
}

// TestRollupTwoHeaderRows reads a roll-up whose header is split over two
// rows: the row label merged over its columns, the column labels under it,
// with 序号 and 备注 columns and a 合计 row that are not bureaus.
func TestRollupTwoHeaderRows(t *testing.T) {
	r, err := report.ReadFile("../fixtures/city-wide-2024.yaml")
	if err != nil {
		t.Fatal(err)
	}
	report.Complete(r)
	names, refs := RollupHeaders(form.V2021)
	x := excelize.NewFile()
	s := "Sheet1"
	x.SetCellValue(s, "A1", "序号")
	x.SetCellValue(s, "B1", "单位名称")
	x.SetCellValue(s, "C1", "年度")
	col := 4
	prev := ""
	for i, n := range names {
		group, sub, _ := strings.Cut(n, "·")
		top, _ := excelize.CoordinatesToCellName(col+i, 1)
		if group != prev {
			x.SetCellValue(s, top, group)
			prev = group
		}
		if sub != "" {
			cell, _ := excelize.CoordinatesToCellName(col+i, 2)
			x.SetCellValue(s, cell, sub)
		}
		v, _ := r.Cell(refs[i])
		cell, _ := excelize.CoordinatesToCellName(col+i, 3)
		x.SetCellValue(s, cell, v)
		cell, _ = excelize.CoordinatesToCellName(col+i, 4)
		x.SetCellValue(s, cell, 0)
	}
	note, _ := excelize.CoordinatesToCellName(col+len(names), 1)
	x.SetCellValue(s, note, "备注")
	x.SetSheetRow(s, "A3", &[]any{1, "淮安市人民政府", 2024})
	x.SetSheetRow(s, "A4", &[]any{"", "合计", 2024})
	path := filepath.Join(t.TempDir(), "two.xlsx")
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	got, err := ReadRollup(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Row != 3 || got[0].Report.Agency != "淮安市人民政府" {
		t.Fatalf("rows %+v", got)
	}
	for _, ref := range refs {
		a, _ := got[0].Report.Cell(ref)
		b, _ := r.Cell(ref)
		if a != b {
			t.Errorf("%v: %q, want %q", ref, a, b)
		}
	}
	if p := got[0].Report.Pos("table3.new[0]").String(); !regexp.MustCompile(`two\.xlsx:Sheet1![A-Z]+3$`).MatchString(p) {
		t.Errorf("position %s", p)
	}
}
