package batch

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/fixtures/gen/synth"
	"github.com/nianbao/nianbao/render"
)

// TestCSVNeutralised: text a spreadsheet would run as a formula is written
// with a leading apostrophe; numbers and plain text are not changed.
func TestCSVNeutralised(t *testing.T) {
	s := &Summary{Rows: []Row{
		{File: "=cmd.yaml", Agency: `=HYPERLINK("http://x","点击")`, Year: 2021, Status: OK, Rules: allSkipped, Figures: Figures{Fees: "-1"}},
		{File: "b.yaml", Agency: "+某局", Status: Failed, Rules: allSkipped, Problems: []string{"@SUM(A1)", "second"}},
		{File: "c.yaml", Agency: "-某局", Status: Skipped, Rules: allSkipped, Outputs: []string{"\tx.pdf"}},
		{File: "d.yaml", Agency: "乐清市司法局", Status: Warned, Rules: allSkipped, Figures: Figures{Fees: "1.5"}},
	}}
	var b bytes.Buffer
	if err := s.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), utf8BOM))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) int {
		for i, h := range csvHeader {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %s", name)
		return -1
	}
	tests := []struct {
		row  int
		col  string
		want string
	}{
		{1, "文件", "'=cmd.yaml"},
		{1, "机关", `'=HYPERLINK("http://x","点击")`},
		{1, "收费（万元）", "'-1"},
		{1, "状态", "成功"},
		{1, "R1", "未检查"},
		{2, "机关", "'+某局"},
		{2, "问题", "'@SUM(A1)\nsecond"},
		{2, "状态", "失败"},
		{3, "机关", "'-某局"},
		{3, "输出文件", "'\tx.pdf"},
		{3, "状态", "未处理"},
		{4, "机关", "乐清市司法局"},
		{4, "收费（万元）", "1.5"},
		{4, "状态", "有警告"},
	}
	for _, tt := range tests {
		if got := recs[tt.row][col(tt.col)]; got != tt.want {
			t.Errorf("row %d %s = %q, want %q", tt.row, tt.col, got, tt.want)
		}
	}
}

// TestStaleTemporariesRemoved: temporaries left in the output directory by
// a killed run are removed, with a note; a live run's are not touched.
func TestStaleTemporariesRemoved(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	writeReport(t, filepath.Join(in, "good.json"), synth.Report(1, 0))
	os.MkdirAll(out, 0o755)
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip(err)
	}
	dead := render.TempPrefix + strconv.Itoa(cmd.Process.Pid) + "-1.tmp"
	live := render.TempPrefix + "1-2.tmp" // pid 1 is alive
	os.WriteFile(filepath.Join(out, dead), []byte("half a PDF"), 0o644)
	os.WriteFile(filepath.Join(out, live), []byte("in use"), 0o644)
	s, err := Run(context.Background(), testOptions(in, out, 1))
	if err != nil {
		t.Fatal(err)
	}
	want := out + ": 已删除以前中断的运行留下的 1 个临时文件（" + dead + " 等）"
	if len(s.Notes) != 1 || s.Notes[0] != want {
		t.Errorf("notes = %q, want %q", s.Notes, want)
	}
	if _, err := os.Stat(filepath.Join(out, dead)); err == nil {
		t.Errorf("stale %s left", dead)
	}
	if _, err := os.Stat(filepath.Join(out, live)); err != nil {
		t.Errorf("a live run's temporary was removed: %v", err)
	}
}

// TestBatchRefusesEditedDOCX: batch does not overwrite a DOCX that is not
// as nianbao wrote it; that report fails with the reason, the others go
// on; --force overwrites.
func TestBatchRefusesEditedDOCX(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	r := synth.Report(1, 0)
	writeReport(t, filepath.Join(in, "a.json"), r)
	writeReport(t, filepath.Join(in, "b.json"), synth.Report(1, 1))
	os.MkdirAll(out, 0o755)
	name, _ := render.FileName("", r, render.DOCX)
	os.WriteFile(filepath.Join(out, name), []byte("edited by hand"), 0o644)
	s, err := Run(context.Background(), testOptions(in, out, 2))
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(in, "a.json") + ": " + filepath.Join(out, name) + " 不是 nianbao 生成的，或无法确认是否被修改过；为免丢失其中的修改，未覆盖它。确认不要这些修改请加 --force，或用 -o 把新文件存到别处"
	if s.OK != 1 || s.Failed != 1 || len(s.Rows[0].Problems) != 1 || s.Rows[0].Problems[0] != want {
		t.Errorf("ok %d failed %d, problems %q; want 1, 1, %q", s.OK, s.Failed, s.Rows[0].Problems, want)
	}
	opts := testOptions(in, out, 2)
	opts.Force = true
	if s, err := Run(context.Background(), opts); err != nil || s.OK != 2 {
		t.Errorf("--force: %v, ok %d; want 2", err, s.OK)
	}
}
