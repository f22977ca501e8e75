//go:build unix

package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/nianbao/nianbao/fixtures/gen/synth"
	"github.com/nianbao/nianbao/render"
	"github.com/nianbao/nianbao/render/docx"
)

// These tests run the built binary as a user's shell or a process
// supervisor does, and stop it from outside: SIGTERM, and kill -9 at random
// moments of a batch. They check what is on disk afterwards.

var built struct {
	once sync.Once
	bin  string
	err  error
}

// TestMain removes the binary that binary built.
func TestMain(m *testing.M) {
	code := m.Run()
	if built.bin != "" {
		os.RemoveAll(filepath.Dir(built.bin))
	}
	os.Exit(code)
}

// binary builds nianbao once for the tests of this file.
func binary(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		dir, err := os.MkdirTemp("", "nianbao-bin-")
		if err != nil {
			built.err = err
			return
		}
		built.bin = filepath.Join(dir, "nianbao")
		out, err := exec.Command("go", "build", "-o", built.bin, ".").CombinedOutput()
		if err != nil {
			built.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.bin
}

// synthReports writes n synthetic reports into dir.
func synthReports(t *testing.T, dir string, n int) {
	t.Helper()
	os.MkdirAll(dir, 0o755)
	for i := range n {
		b, err := synth.Encode(synth.Report(7, i))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("r%03d.json", i)), b, 0o644)
	}
}

// qpdfChecked holds the SHA-256 of PDFs that qpdf --check passed.
var qpdfChecked = map[[32]byte]bool{}

// checkOutputs checks every file under its final name in out: a PDF ends
// with %%EOF and qpdf finds no damage, a DOCX is a zip whose every part
// reads back and whose content hash holds. It returns the number of
// outputs and the temporary files present.
func checkOutputs(t *testing.T, out string) (outputs int, temps []string) {
	t.Helper()
	ents, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	_, qpdfErr := exec.LookPath("qpdf")
	for _, e := range ents {
		p := filepath.Join(out, e.Name())
		if strings.HasPrefix(e.Name(), render.TempPrefix) {
			temps = append(temps, e.Name())
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Errorf("%s: %v", e.Name(), err)
			continue
		}
		switch filepath.Ext(p) {
		case ".pdf":
			outputs++
			if !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimRight(data, "\r\n"), []byte("%%EOF")) {
				t.Errorf("%s: %d bytes, not a whole PDF (no %%PDF- head or %%%%EOF tail)", e.Name(), len(data))
				continue
			}
			// The same input gives the same bytes, so each distinct PDF is
			// checked once however many runs wrote it.
			if sum := sha256.Sum256(data); qpdfErr == nil && !qpdfChecked[sum] {
				if msg, err := exec.Command("qpdf", "--check", p).CombinedOutput(); err != nil {
					t.Errorf("qpdf --check %s: %v\n%s", e.Name(), err, msg)
				} else {
					qpdfChecked[sum] = true
				}
			}
		case ".docx":
			outputs++
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Errorf("%s: not a whole zip: %v", e.Name(), err)
				continue
			}
			for _, f := range zr.File {
				rc, err := f.Open()
				if err == nil {
					_, err = bytes.NewBuffer(nil).ReadFrom(rc)
					rc.Close()
				}
				if err != nil {
					t.Errorf("%s: part %s: %v", e.Name(), f.Name, err)
				}
			}
			if changed, err := docx.Changed(data); changed || err != nil {
				t.Errorf("%s: content hash: changed %v, %v", e.Name(), changed, err)
			}
		}
	}
	if qpdfErr != nil && os.Getenv("NIANBAO_REQUIRE_TOOLS") != "" {
		t.Errorf("qpdf not installed, and NIANBAO_REQUIRE_TOOLS is set")
	}
	return outputs, temps
}

// newTemp reports whether out holds a temporary file not in old.
func newTemp(out string, old []string) bool {
	ents, _ := os.ReadDir(out)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), render.TempPrefix) && !slices.Contains(old, e.Name()) {
			return true
		}
	}
	return false
}

// waitForOutput waits until out holds a final PDF or the process ends.
func waitForOutput(out string, done <-chan struct{}) {
	for {
		select {
		case <-done:
			return
		case <-time.After(5 * time.Millisecond):
		}
		ents, _ := os.ReadDir(out)
		for _, e := range ents {
			if strings.HasSuffix(e.Name(), ".pdf") {
				return
			}
		}
	}
}

// TestSIGTERM: a batch stopped by SIGTERM stops like one stopped by Ctrl-C:
// exit 130, no temporary file left, every output whole, and summary.csv
// and summary.json written with the reports not done marked 未处理.
func TestSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := binary(t)
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	synthReports(t, in, 200)
	cmd := exec.Command(bin, "batch", in, "-o", out, "-j", "2")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	waitForOutput(out, done)
	cmd.Process.Signal(syscall.SIGTERM)
	<-done
	if code := cmd.ProcessState.ExitCode(); code != exitInterrupted {
		t.Fatalf("exit %d after SIGTERM, want %d\nstdout:\n%s\nstderr:\n%s", code, exitInterrupted, stdout.String(), stderr.String())
	}
	if !regexp.MustCompile(`(?m)^已中断：\d+ 份报告未处理，见 summary.csv 与 summary.json 中状态为“未处理”的行$`).MatchString(stdout.String()) {
		t.Errorf("stdout does not say the run was interrupted:\n%s", stdout.String())
	}
	n, temps := checkOutputs(t, out)
	if len(temps) > 0 {
		t.Errorf("temporary files left after SIGTERM: %q", temps)
	}
	if n == 0 || n >= 400 {
		t.Errorf("%d outputs after SIGTERM, want some but not all 400", n)
	}
	csv, err := os.ReadFile(filepath.Join(out, "summary.csv"))
	if err != nil || !bytes.Contains(csv, []byte(",未处理,")) {
		t.Errorf("summary.csv: %v; want rows marked 未处理", err)
	}
	if _, err := os.Stat(filepath.Join(out, "summary.json")); err != nil {
		t.Errorf("summary.json: %v", err)
	}
}

// TestKill9 kills a batch with SIGKILL six times, at random moments and in
// the middle of group commits, over
// the complete outputs of an earlier run: every file under its final name
// is still a whole PDF or DOCX (the old one or the new one). The next run
// removes the temporaries the killed ones left and says so.
//
// kill -9 cannot lose what is in the page cache, so this checks that no
// final name ever points at a partial file; that data reaches the disk
// before the rename is checked by TestCommitOrder.
func TestKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := binary(t)
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	synthReports(t, in, 24)
	if msg, err := exec.Command(bin, "batch", in, "-o", out, "-j", "2").CombinedOutput(); err != nil {
		t.Fatalf("first run: %v\n%s", err, msg)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var temps []string
	for round := range 6 {
		cmd := exec.Command(bin, "batch", in, "-o", out, "-j", "2")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Rounds 0–2 kill at a random moment; rounds 3–5 as soon as a
		// temporary file appears, in the middle of a group commit.
		var delay time.Duration
		if round < 3 {
			delay = time.Duration(50+rng.IntN(700)) * time.Millisecond
			time.Sleep(delay)
		} else {
			start := time.Now()
			for time.Since(start) < 10*time.Second && !newTemp(out, temps) {
				time.Sleep(200 * time.Microsecond)
			}
			delay = time.Since(start)
		}
		cmd.Process.Kill()
		err := cmd.Wait()
		var ee *exec.ExitError
		killed := errors.As(err, &ee) && !ee.Exited()
		var n int
		n, temps = checkOutputs(t, out)
		t.Logf("round %d: killed after %v (killed: %v), %d outputs whole, %d temporaries left", round, delay, killed, n, len(temps))
		if n != 48 {
			t.Errorf("round %d: %d outputs, want all 48 (old or new)", round, n)
		}
	}
	cmd := exec.Command(bin, "batch", in, "-o", out, "-j", "2")
	msg, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("run after the kills: %v\n%s", err, msg)
	}
	if _, temps := checkOutputs(t, out); len(temps) > 0 {
		t.Errorf("temporaries left after a complete run: %q", temps)
	}
	if len(temps) > 0 && !strings.Contains(string(msg), fmt.Sprintf("已删除以前中断的运行留下的 %d 个临时文件", len(temps))) {
		t.Errorf("the run after a kill did not say it removed stale temporaries:\n%s", msg)
	}
}

// TestCommitOrder traces a batch's system calls (strace): every temporary
// file is fsynced before it is renamed over its final name, and the output
// directory is synced after the renames. This is what makes the outputs
// survive a power cut, which kill -9 cannot test.
func TestCommitOrder(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	strace, err := exec.LookPath("strace")
	if err != nil {
		t.Skip("strace not installed")
	}
	bin := binary(t)
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	synthReports(t, in, 12)
	trace := filepath.Join(dir, "trace")
	cmd := exec.Command(strace, "-f", "-y", "-s", "4096", "-o", trace,
		"-e", "trace=fsync,fdatasync,rename,renameat,renameat2", bin, "batch", in, "-o", out, "-j", "2")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("strace cannot trace here: %v\n%s", err, msg)
	}
	f, err := os.Open(trace)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var (
		reFsyncDone = regexp.MustCompile(`fsync\(\d+<([^>]*)>\) += 0`)
		reFsyncOpen = regexp.MustCompile(`^(\d+) +fsync\(\d+<([^>]*)> <unfinished`)
		reResumed   = regexp.MustCompile(`^(\d+) +<\.\.\. fsync resumed>.*= 0`)
		reRename    = regexp.MustCompile(`rename(?:at2?)?\((?:AT_FDCWD(?:<[^>]*>)?, )?"([^"]+)", (?:AT_FDCWD(?:<[^>]*>)?, )?"([^"]+)"`)
	)
	synced := map[string]bool{}
	pending := map[string]string{} // pid → path of an unfinished fsync
	renames, dirSyncAfterRename := 0, false
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if m := reFsyncDone.FindStringSubmatch(line); m != nil {
			synced[m[1]] = true
			if renames > 0 && m[1] == out {
				dirSyncAfterRename = true
			}
		} else if m := reFsyncOpen.FindStringSubmatch(line); m != nil {
			pending[m[1]] = m[2]
		} else if m := reResumed.FindStringSubmatch(line); m != nil {
			synced[pending[m[1]]] = true
			if renames > 0 && pending[m[1]] == out {
				dirSyncAfterRename = true
			}
		} else if m := reRename.FindStringSubmatch(line); m != nil && strings.Contains(m[1], render.TempPrefix) {
			renames++
			if !synced[m[1]] {
				t.Errorf("renamed %s before it was synced:\n%s", filepath.Base(m[1]), line)
			}
		}
	}
	if renames != 12*2+3 { // 12 PDFs, 12 DOCX files, summary.csv, summary.json and summary.xlsx
		t.Errorf("%d renames of temporaries traced, want 27", renames)
	}
	if !dirSyncAfterRename {
		t.Errorf("the output directory %s was not synced after the renames", out)
	}
}
