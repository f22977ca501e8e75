//go:build unix

package batch

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nianbao/nianbao/fixtures/gen/synth"
)

// TestSpecialFilesSkipped: a FIFO (reading one with no writer waits for
// ever), a symbolic link to it and a dangling link in a batch folder are
// passed over with a note each; the run finishes at once.
func TestSpecialFilesSkipped(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	writeReport(t, filepath.Join(in, "good.json"), synth.Report(1, 0))
	fifo := filepath.Join(in, "pipe.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	os.Symlink("pipe.yaml", filepath.Join(in, "link.yaml"))
	os.Symlink("gone.yaml", filepath.Join(in, "dangling.yaml"))
	done := make(chan struct{})
	var s *Summary
	var err error
	go func() {
		s, err = Run(context.Background(), testOptions(in, filepath.Join(dir, "out"), 2))
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("batch hangs on a FIFO")
	}
	if err != nil || s.OK != 1 || len(s.Rows) != 1 {
		t.Fatalf("Run = %v, %+v; want the one report", err, s)
	}
	want := []string{
		in + "/dangling.yaml: 是符号链接，指向的文件不存在或无法读取，已跳过",
		in + "/link.yaml: 不是普通文件而是命名管道（FIFO），已跳过",
		in + "/pipe.yaml: 不是普通文件而是命名管道（FIFO），已跳过",
	}
	if strings.Join(s.Notes, "\n") != strings.Join(want, "\n") {
		t.Errorf("notes =\n%s\nwant\n%s", strings.Join(s.Notes, "\n"), strings.Join(want, "\n"))
	}
	var b bytes.Buffer
	s.Print(&b)
	if !strings.Contains(b.String(), want[2]) {
		t.Errorf("Print does not show the note:\n%s", b.String())
	}
	js, _ := os.ReadFile(filepath.Join(dir, "out", SummaryJSON))
	if !bytes.Contains(js, []byte("不是普通文件而是命名管道（FIFO），已跳过")) {
		t.Errorf("summary.json holds no note for the FIFO")
	}
}
