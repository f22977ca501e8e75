package batch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/nianbao/nianbao/fixtures/gen/synth"
	"github.com/nianbao/nianbao/render"
	"github.com/nianbao/nianbao/report"
)

// fakeRender stands in for the PDF and DOCX writers: it returns the agency
// and format, so tests can check which report a file came from.
func fakeRender(r *report.Report, opts render.Options) (map[render.Format][]byte, error) {
	out := map[render.Format][]byte{}
	for _, f := range opts.Formats {
		out[f] = []byte(fmt.Sprintf("%s %d %s", r.Agency, r.Year, f))
	}
	return out, nil
}

// writeReport writes r as a JSON report file.
func writeReport(t *testing.T, path string, r *report.Report) {
	t.Helper()
	b, err := synth.Encode(r)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// testOptions runs with the fake renderer and no progress.
func testOptions(in, out string, jobs int) Options {
	return Options{Inputs: []string{in}, Out: out, Jobs: jobs, render: fakeRender}
}

// fixtureBatch writes n good synthetic reports into dir/in, plus a report
// breaking R4, one that is not a report file, and one with an empty agency.
func fixtureBatch(t *testing.T, dir string, n int) (good []*report.Report) {
	t.Helper()
	for i := range n {
		r := synth.Report(1, i)
		writeReport(t, filepath.Join(dir, "in", fmt.Sprintf("good-%02d.json", i)), r)
		good = append(good, r)
	}
	bad := synth.Report(1, 1000)
	bad.Table4.Rows[report.T4Review][4].N++ // R4: 总计 ≠ 结果维持+结果纠正+其他结果+尚未审结
	writeReport(t, filepath.Join(dir, "in", "sub", "broken-r4.json"), bad)
	os.WriteFile(filepath.Join(dir, "in", "broken-syntax.json"), []byte("{\"agency\": \n"), 0o644)
	return good
}

func TestRunGoodAndBroken(t *testing.T) {
	dir := t.TempDir()
	good := fixtureBatch(t, dir, 6)
	out := filepath.Join(dir, "out")
	s, err := Run(context.Background(), testOptions(filepath.Join(dir, "in"), out, 3))
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if s.OK != 6 || s.Failed != 2 || len(s.Rows) != 8 {
		t.Errorf("Run: ok %d, failed %d, rows %d; want 6, 2, 8", s.OK, s.Failed, len(s.Rows))
	}
	for _, r := range good {
		for _, f := range render.Formats {
			name, _ := render.FileName("", r, f)
			got, err := os.ReadFile(filepath.Join(out, name))
			if want := fmt.Sprintf("%s %d %s", r.Agency, r.Year, f); err != nil || string(got) != want {
				t.Errorf("output %s = %q, %v; want %q", name, got, err, want)
			}
		}
	}
	for _, row := range s.Rows {
		broken := strings.Contains(row.File, "broken")
		if broken != (row.Status == Failed) {
			t.Errorf("%s: status %s", row.File, row.Status)
		}
		if broken && (len(row.Problems) == 0 || len(row.Outputs) > 0) {
			t.Errorf("%s: problems %q, outputs %q; want reasons and no output", row.File, row.Problems, row.Outputs)
		}
		if strings.HasSuffix(row.File, "broken-r4.json") && (row.Rules[3] != RuleError || !strings.Contains(strings.Join(row.Problems, "\n"), "R4")) {
			t.Errorf("%s: rules %v, problems %q; want R4 error", row.File, row.Rules, row.Problems)
		}
	}
	ents, _ := os.ReadDir(out)
	if want := 6*2 + 3; len(ents) != want { // two files per good report and summary.csv, .json, .xlsx
		t.Errorf("out holds %d files, want %d", len(ents), want)
	}
	var b bytes.Buffer
	s.Print(&b)
	for _, want := range []string{"成功 6、失败 2、有警告 0", "broken-r4.json", "R4", "broken-syntax.json"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("Print() = %q, want it to hold %q", b.String(), want)
		}
	}
}

// TestSummaryFiguresEqualInputs reads summary.json back and compares every
// key figure with the generated report.
func TestSummaryFiguresEqualInputs(t *testing.T) {
	dir := t.TempDir()
	good := fixtureBatch(t, dir, 10)
	out := filepath.Join(dir, "out")
	if _, err := Run(context.Background(), testOptions(filepath.Join(dir, "in"), out, 2)); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(out, SummaryJSON))
	if err != nil {
		t.Fatal(err)
	}
	var sum struct {
		Reports []struct {
			File, Agency string
			Year         int
			Figures      map[string]any
			Rules        map[string]string
		}
	}
	if err := json.Unmarshal(b, &sum); err != nil {
		t.Fatal(err)
	}
	byAgency := map[string]*report.Report{}
	for _, r := range good {
		byAgency[r.Agency] = r
	}
	checked := 0
	for _, row := range sum.Reports {
		r, ok := byAgency[row.Agency]
		if !ok {
			continue
		}
		checked++
		t3, t4 := r.Table3.Rows, r.Table4.Rows
		want := map[string]any{
			"new":             float64(t3[report.T3New][6].N),
			"carried_over":    float64(t3[report.T3CarriedOver][6].N),
			"handled":         float64(t3[report.T3Total][6].N),
			"disclosed":       float64(t3[report.T3Disclosed][6].N),
			"carried_forward": float64(t3[report.T3CarriedForward][6].N),
			"review":          float64(t4[report.T4Review][4].N),
			"litigation":      float64(t4[report.T4LitigationDirect][4].N + t4[report.T4LitigationAfterReview][4].N),
			"fees":            r.Table2.Fees.Text,
		}
		for k, v := range want {
			if row.Figures[k] != v {
				t.Errorf("%s: figure %s = %v, want %v", row.File, k, row.Figures[k], v)
			}
		}
		if row.Year != r.Year {
			t.Errorf("%s: year %d, want %d", row.File, row.Year, r.Year)
		}
		for _, k := range []string{"R1", "R2", "R3", "R4", "R6"} {
			if row.Rules[k] != "ok" {
				t.Errorf("%s: rule %s = %q, want ok", row.File, k, row.Rules[k])
			}
		}
		if row.Rules["R5"] != "skipped" {
			t.Errorf("%s: R5 = %q without --prev, want skipped", row.File, row.Rules["R5"])
		}
	}
	if checked != len(good) {
		t.Errorf("summary.json holds %d of the %d good reports", checked, len(good))
	}
	csv, _ := os.ReadFile(filepath.Join(out, SummaryCSV))
	if !bytes.HasPrefix(csv, []byte("\ufeff文件,机关,年度,状态,新收")) {
		t.Errorf("summary.csv starts %q, want a BOM and the header", csv[:min(len(csv), 40)])
	}
}

// TestHostileAgencyName: whatever the agency name, nothing is written
// outside the output directory.
func TestHostileAgencyName(t *testing.T) {
	dir := t.TempDir()
	names := []string{"../../etc/x", "/abs", "a/b", "..", "a\x00b", `..\..\win`, strings.Repeat("很长的机关名称", 60), "./../x", "CON"}
	for i, a := range names {
		r := synth.Report(2, i)
		r.Agency = a
		writeReport(t, filepath.Join(dir, "deep", "in", fmt.Sprintf("%02d.json", i)), r)
	}
	out := filepath.Join(dir, "deep", "out")
	s, err := Run(context.Background(), testOptions(filepath.Join(dir, "deep", "in"), out, 2))
	if err != nil {
		t.Fatal(err)
	}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if d.IsDir() {
			return nil
		}
		if rel, _ := filepath.Rel(dir, p); !strings.HasPrefix(rel, filepath.Join("deep", "in")+string(filepath.Separator)) &&
			!strings.HasPrefix(rel, filepath.Join("deep", "out")+string(filepath.Separator)) {
			t.Errorf("file written outside -o: %s", rel)
		}
		if filepath.Dir(p) != out && strings.HasPrefix(p, out) {
			t.Errorf("file written in a subdirectory of -o: %s", p)
		}
		return nil
	})
	for _, row := range s.Rows {
		for _, o := range row.Outputs {
			if filepath.Base(o) != o || len(o) > 255 {
				t.Errorf("%s (%q): output name %q is not a plain name", row.File, row.Agency, o)
			}
		}
		// "a\x00b" (04.json) holds a control character: a validate error.
		control := strings.HasSuffix(row.File, "04.json") && strings.Contains(strings.Join(row.Problems, ""), "控制字符 U+0000")
		if row.Status == Failed && row.Agency != ".." && !control {
			t.Errorf("%s (%q): failed: %q", row.File, row.Agency, row.Problems)
		}
	}
}

// TestInterruptedLeavesNoPartialFile cancels the run midway: every file in
// the output directory is complete, no temporary file is left, and the
// summary is written, with the reports not done marked 未处理 and each
// report marked done having its files in place.
func TestInterruptedLeavesNoPartialFile(t *testing.T) {
	dir := t.TempDir()
	good := fixtureBatch(t, dir, 40)
	out := filepath.Join(dir, "out")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var n atomic.Int32
	opts := testOptions(filepath.Join(dir, "in"), out, 2)
	opts.render = func(r *report.Report, o render.Options) (map[render.Format][]byte, error) {
		if n.Add(1) == 10 {
			cancel()
		}
		return fakeRender(r, o)
	}
	s, err := Run(ctx, opts)
	if !errors.Is(err, context.Canceled) || !s.Interrupted {
		t.Fatalf("Run cancelled = %v (interrupted %v), want context.Canceled", err, s != nil && s.Interrupted)
	}
	want := map[string]string{}
	for _, r := range good {
		for _, f := range render.Formats {
			name, _ := render.FileName("", r, f)
			want[name] = fmt.Sprintf("%s %d %s", r.Agency, r.Year, f)
		}
	}
	ents, _ := os.ReadDir(out)
	if len(ents) <= 2 || len(ents) >= len(want) {
		t.Errorf("out holds %d files after the interrupt, want some but not all %d", len(ents), len(want))
	}
	for _, row := range s.Rows {
		for _, name := range row.Outputs {
			if _, err := os.Stat(filepath.Join(out, name)); err != nil || row.Status == Skipped {
				t.Errorf("%s: status %s, output %s: %v", row.File, row.Status, name, err)
			}
		}
	}
	if s.Skipped == 0 {
		t.Errorf("interrupted run: no report marked skipped")
	}
	csv, err := os.ReadFile(filepath.Join(out, SummaryCSV))
	if err != nil || !strings.Contains(string(csv), ",未处理,") {
		t.Errorf("summary.csv after the interrupt: %v; want rows marked 未处理", err)
	}
	js, err := os.ReadFile(filepath.Join(out, SummaryJSON))
	if err != nil || !strings.Contains(string(js), `"interrupted": true`) {
		t.Errorf("summary.json after the interrupt: %v; want \"interrupted\": true", err)
	}
	for _, e := range ents {
		if e.Name() == SummaryCSV || e.Name() == SummaryJSON || e.Name() == SummaryXLSX {
			continue
		}
		got, _ := os.ReadFile(filepath.Join(out, e.Name()))
		if w, ok := want[e.Name()]; !ok || string(got) != w {
			t.Errorf("out/%s = %q: partial, temporary or unexpected file", e.Name(), got)
		}
	}
}

// TestClash: two reports of one agency and year; the first input wins and
// the second fails, whatever the number of workers.
func TestClash(t *testing.T) {
	dir := t.TempDir()
	for i := range 12 {
		writeReport(t, filepath.Join(dir, "in", fmt.Sprintf("r%02d.json", i)), synth.Report(4, i))
	}
	writeReport(t, filepath.Join(dir, "in", "r05-copy.json"), synth.Report(4, 5))
	writeReport(t, filepath.Join(dir, "in", "r07-copy.json"), synth.Report(4, 7))
	for _, jobs := range []int{1, 2, 8} {
		for range 3 {
			out := t.TempDir()
			s, err := Run(context.Background(), testOptions(filepath.Join(dir, "in"), out, jobs))
			if err != nil {
				t.Fatal(err)
			}
			var failed []string
			for _, row := range s.Rows {
				if row.Status == Failed {
					failed = append(failed, filepath.Base(row.File))
					if !strings.Contains(strings.Join(row.Problems, ""), "重复") {
						t.Errorf("-j %d: %s: problems %q, want a clash", jobs, row.File, row.Problems)
					}
				}
			}
			// r05-copy.json sorts before r05.json ('-' < '.'), so it wins.
			if want := []string{"r05.json", "r07.json"}; !slices.Equal(failed, want) {
				t.Errorf("-j %d: failed %v, want %v", jobs, failed, want)
			}
		}
	}
}

// TestSummaryDeterministic: the roll-up is the same bytes whatever -j.
func TestSummaryDeterministic(t *testing.T) {
	dir := t.TempDir()
	fixtureBatch(t, dir, 15)
	in := filepath.Join(dir, "in")
	var first [2][]byte
	for k, jobs := range []int{1, 3, 8} {
		out := filepath.Join(dir, fmt.Sprintf("out%d", k))
		if _, err := Run(context.Background(), testOptions(in, out, jobs)); err != nil {
			t.Fatal(err)
		}
		for i, name := range []string{SummaryCSV, SummaryJSON} {
			b, _ := os.ReadFile(filepath.Join(out, name))
			if k == 0 {
				first[i] = b
			} else if !bytes.Equal(b, first[i]) {
				t.Errorf("-j %d: %s differs from -j 1", jobs, name)
			}
		}
	}
}

func TestFailFast(t *testing.T) {
	dir := t.TempDir()
	fixtureBatch(t, dir, 10) // broken-syntax.json sorts first
	opts := testOptions(filepath.Join(dir, "in"), filepath.Join(dir, "out"), 1)
	opts.FailFast = true
	s, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if s.Failed != 1 || s.OK != 0 || s.Skipped != 11 {
		t.Errorf("--fail-fast: ok %d, failed %d, skipped %d; want 0, 1, 11", s.OK, s.Failed, s.Skipped)
	}
}

// TestPrev runs R5 against last year's reports of the same agencies.
func TestPrev(t *testing.T) {
	dir := t.TempDir()
	for i := range 6 {
		r := synth.Report(5, i)
		writeReport(t, filepath.Join(dir, "in", fmt.Sprintf("%02d.json", i)), r)
		p := synth.Prev(5, r)
		if i == 2 { // last year carried forward one request more than this year took over
			p.Table3.Rows[report.T3CarriedForward][0].N++
			p.Table3.Rows[report.T3CarriedForward][6].N++
			p.Table3.Rows[report.T3New][0].N++
			p.Table3.Rows[report.T3New][6].N++
		}
		if i != 4 { // no report last year
			writeReport(t, filepath.Join(dir, "prev", fmt.Sprintf("%02d.json", i)), p)
		}
	}
	opts := testOptions(filepath.Join(dir, "in"), filepath.Join(dir, "out"), 2)
	opts.Prev = []string{filepath.Join(dir, "prev")}
	s, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range s.Rows {
		want := RuleOK
		switch i {
		case 2:
			want = RuleError
		case 4:
			want = RuleSkipped
		}
		if row.Rules[4] != want {
			t.Errorf("%s: R5 = %s, want %s (problems %q)", row.File, row.Rules[4], want, row.Problems)
		}
	}
}

func TestExpand(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"a/1.yaml", "a/b/2.yml", "a/b/3.json", "a/notes.txt", "a/.hidden/4.yaml", "a/out/summary.json", "c.yaml"} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
		os.WriteFile(filepath.Join(dir, p), nil, 0o644)
	}
	got, _, err := Expand([]string{filepath.Join(dir, "a"), filepath.Join(dir, "*.yaml"), filepath.Join(dir, "a", "1.yaml")}, filepath.Join(dir, "a", "out"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		got[i], _ = filepath.Rel(dir, got[i])
	}
	want := []string{"a/1.yaml", "a/b/2.yml", "a/b/3.json", "c.yaml"}
	if !slices.Equal(got, want) {
		t.Errorf("Expand = %q, want %q", got, want)
	}
	if _, _, err := Expand([]string{filepath.Join(dir, "nothing-*.yaml")}, ""); err == nil {
		t.Errorf("Expand(unmatched glob): no error")
	}
}
