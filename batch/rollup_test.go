package batch

import (
	"context"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/excel"
	"github.com/nianbao/nianbao/fixtures/gen/synth"
	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/render"
	"github.com/nianbao/nianbao/report"
)

// TestRollupSynthetic runs a batch with --rollup over the synthetic set and
// checks the 汇总 report against sums computed here, cell by cell.
func TestRollupSynthetic(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	const n = 40
	paths, err := synth.WriteDir(dir, 7, n)
	if err != nil {
		t.Fatal(err)
	}
	// The sums, computed independently from the input files.
	counts := map[int]map[form.Ref]int64{}
	fees := map[int]*big.Rat{}
	bureaus := map[int]int{}
	for _, p := range paths {
		r, err := report.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		report.Complete(r)
		if counts[r.Year] == nil {
			counts[r.Year], fees[r.Year] = map[form.Ref]int64{}, new(big.Rat)
		}
		bureaus[r.Year]++
		for _, tb := range form.V2021.Tables() {
			for _, d := range tb.Data {
				for k := 0; k < d.Cols; k++ {
					ref := form.Ref{Table: tb.Number, Row: d.Key, Col: k}
					v, _ := r.Cell(ref)
					if d.Decimal {
						x, ok := new(big.Rat).SetString(v)
						if !ok {
							t.Fatalf("%s: fees %q", p, v)
						}
						fees[r.Year].Add(fees[r.Year], x)
						continue
					}
					var c int64
					fmt.Sscan(v, &c)
					counts[r.Year][ref] += c
				}
			}
		}
	}
	list := filepath.Join(dir, "bureaus.txt")
	os.WriteFile(list, []byte("# 应报单位\n某某县不存在局\n"), 0o644)
	s, err := Run(context.Background(), Options{Inputs: []string{dir}, Out: out, Jobs: 2, Rollup: "合成市汇总", Bureaus: list, render: fakeRender})
	if err != nil {
		t.Fatal(err)
	}
	if s.Failed != 0 || len(s.Rollups) != len(counts) || len(counts) < 2 {
		t.Fatalf("failed %d, %d rollups for %d years", s.Failed, len(s.Rollups), len(counts))
	}
	var file string
	var newTotal int64
	for _, ru := range s.Rollups {
		if ru.Bureaus != bureaus[ru.Year] || len(ru.Findings) != 0 {
			t.Errorf("%d: %d bureaus (want %d), findings %v", ru.Year, ru.Bureaus, bureaus[ru.Year], ru.Findings)
		}
		file = filepath.Join(out, ru.File)
		sum, err := report.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Agency != "合成市汇总" || sum.Year != ru.Year {
			t.Errorf("汇总 %q %d", sum.Agency, sum.Year)
		}
		for _, f := range report.Validate(sum, nil) {
			if f.Severity == report.Error {
				t.Errorf("汇总 report: %v", f)
			}
		}
		for ref, want := range counts[ru.Year] {
			got, _ := sum.Cell(ref)
			if got != fmt.Sprint(want) {
				t.Errorf("%d %v: %s, want %d", ru.Year, ref, got, want)
			}
		}
		newTotal += counts[ru.Year][form.Ref{Table: 3, Row: "new", Col: 6}]
		got, _ := sum.Cell(form.Ref{Table: 2, Row: "fees", Col: 0})
		if g, ok := new(big.Rat).SetString(got); !ok || g.Cmp(fees[ru.Year]) != 0 {
			t.Errorf("fees %s, want %s", got, fees[ru.Year].FloatString(4))
		}
	}
	if p := strings.Join(s.Rollups[0].Problems, "\n"); !strings.Contains(p, "某某县不存在局：没有报告") {
		t.Errorf("problems %q", p)
	}

	// summary.xlsx: a row per report and the 汇总 row with the sums.
	x, err := excelize.OpenFile(filepath.Join(out, SummaryXLSX))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows("汇总")
	if len(rows) != n+2 || rows[0][6] != "新收" || rows[n+1][0] != "汇总" || rows[n+1][6] != fmt.Sprint(newTotal) {
		t.Errorf("summary.xlsx: %d rows, last %v", len(rows), rows[len(rows)-1])
	}
	if panes, _ := x.GetPanes("汇总"); !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("summary.xlsx header not frozen: %+v", panes)
	}

	// The region's own 汇总 report, with one number off, is compared.
	own, _ := os.ReadFile(file)
	bad := strings.Replace(string(own), "regulations:         [", "regulations:         [1000", 1)
	ownFile := filepath.Join(dir, "..", "own.yaml")
	os.WriteFile(ownFile, []byte(bad), 0o644)
	s, err = Run(context.Background(), Options{Inputs: []string{dir}, Out: t.TempDir(), Jobs: 2, Rollup: "合成市汇总", RollupCheck: ownFile, render: fakeRender})
	if err != nil {
		t.Fatal(err)
	}
	var p string
	for _, ru := range s.Rollups {
		p += strings.Join(ru.Problems, "\n")
	}
	if !strings.Contains(p, "表二 规章 本年制发件数 为 1000") {
		t.Errorf("roll-up check: %q", p)
	}
}

// TestRollupWorkbookInput reads a roll-up workbook: one report per row.
func TestRollupWorkbookInput(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	var rs []*report.Report
	for i := 0; i < 5; i++ {
		rs = append(rs, synth.Report(3, i))
	}
	data, err := excel.WriteRollup(form.V2021, rs)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "汇总表.xlsx"), data, 0o644)
	s, err := Run(context.Background(), Options{Inputs: []string{dir}, Out: out, Jobs: 2, render: fakeRender})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Rows) != 5 {
		t.Fatalf("%d rows, want 5", len(s.Rows))
	}
	for i, row := range s.Rows {
		if row.Agency != rs[i].Agency || !strings.HasSuffix(row.File, fmt.Sprintf("汇总表.xlsx#%d", i+2)) {
			t.Errorf("row %d: %s %s", i, row.File, row.Agency)
		}
		if row.Status == Failed {
			t.Errorf("%s: %v", row.File, row.Problems)
		}
	}
}

// TestRollupLeavesUncommitted: a report whose file cannot be put in place
// (its name is taken by a directory, made after the overwrite check) fails,
// and the 汇总 does not count it.
func TestRollupLeavesUncommitted(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	const n = 4
	for i := range n {
		writeReport(t, filepath.Join(in, fmt.Sprintf("r%d.json", i)), synth.Report(3, i))
	}
	opts := testOptions(in, out, 2)
	opts.Rollup = "合成市汇总"
	opts.Render.Formats = []render.Format{render.PDF}
	var once sync.Once
	blocked := "" // the agency whose file is blocked
	opts.render = func(r *report.Report, o render.Options) (map[render.Format][]byte, error) {
		once.Do(func() {
			blocked = r.Agency
			name, _ := render.FileName("", r, render.PDF)
			if err := os.MkdirAll(filepath.Join(out, name, "x"), 0o755); err != nil {
				t.Error(err)
			}
		})
		return fakeRender(r, o)
	}
	s, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if s.Failed != 1 || s.OK != n-1 {
		t.Fatalf("ok %d, failed %d; want %d, 1", s.OK, s.Failed, n-1)
	}
	summed, left := 0, 0
	for _, ru := range s.Rollups {
		summed += ru.Bureaus
		left += len(ru.Left)
	}
	if summed != n-1 || left != 1 {
		t.Errorf("汇总 of %d reports with %d left out, want %d and 1 (%s's file was not written)", summed, left, n-1, blocked)
	}
}
