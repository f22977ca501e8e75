// Command bench measures what issue 14's targets are about, in one run, so
// that the ratios compare figures taken side by side on a shared machine:
//
//   - cold: `nianbao --version` and `nianbao render` of the sample (PDF, and
//     PDF + DOCX), a new process each time;
//   - warm: layout + PDF of the sample in this process (fonts parsed once);
//   - batch: `nianbao batch` of synthetic reports to PDF + DOCX, -j 2.
//
// With -base, another binary's cold renders run in the same rounds, for a
// before/after comparison on a busy machine.
//
// The cold and warm measures run in interleaved rounds; each prints the
// median with the quartiles and extremes of wall and CPU time (user +
// system: on a machine shared with other work, CPU time is the steadier
// figure). Run it with `make bench-compare`; -rounds, -reports and
// -batch-rounds choose how long it takes.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/nianbao/nianbao/fixtures"
	"github.com/nianbao/nianbao/fixtures/gen/synth"
	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/layout"
	"github.com/nianbao/nianbao/render/pdf"
	"github.com/nianbao/nianbao/style"
)

func main() {
	rounds := flag.Int("rounds", 15, "interleaved rounds of the cold and warm measures")
	warmN := flag.Int("warm", 20, "warm renders per round")
	reports := flag.Int("reports", 1000, "synthetic reports in each batch run (0: no batch)")
	batchRounds := flag.Int("batch-rounds", 3, "batch runs")
	bin := flag.String("bin", "bin/nianbao", "the nianbao binary to measure")
	base := flag.String("base", "", "another nianbao binary (say, of the main branch) measured cold in the same rounds")
	sample := flag.String("sample", "fixtures/yueqing-sfj-2021.yaml", "the report rendered cold")
	tmpfs := flag.String("tmpfs", "/dev/shm", "a directory in memory: each batch runs there too, for the ratio disk / memory (empty: no)")
	busy := flag.Bool("busy", false, "keep the disk busy during the batches: a writer that writes and syncs 4 MB at a time")
	flag.Parse()
	if err := run(*bin, *base, *sample, *rounds, *warmN, *reports, *batchRounds, *tmpfs, *busy); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// sample is one measure of one thing: wall and CPU time, and the minor
// page faults of a child process.
type sample struct {
	wall, cpu time.Duration
	faults    int64
}

type series struct {
	name    string
	samples []sample
}

func run(bin, baseBin, sampleFile string, rounds, warmN, reports, batchRounds int, tmpfs string, busy bool) error {
	dir, err := os.MkdirTemp("", "nianbao-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "out")

	docs, err := fixtures.Documents()
	if err != nil {
		return err
	}
	var doc = docs[0].Doc
	for _, f := range docs {
		if f.Name == fixtures.Sample {
			doc = f.Doc
		}
	}
	fs, err := fonts.Embedded()
	if err != nil {
		return err
	}
	var pdfBytes int
	warm := func() error {
		pages, err := layout.Layout(doc, style.Gongwen, fs)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := pdf.Write(&buf, pages, doc.Meta, pdf.Options{Date: time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
			return err
		}
		pdfBytes = buf.Len()
		return nil
	}
	if err := warm(); err != nil { // parse the fonts, page the code in
		return err
	}

	// The start-up baseline: --version, or --help in a binary without it.
	base := "--version"
	if _, err := child(bin, base); err != nil {
		base = "--help"
	}
	type coldRun struct {
		name, bin string
		args      []string
	}
	cold := []coldRun{
		{base, bin, []string{base}},
		{"cold pdf", bin, []string{"render", sampleFile, "-o", out, "--format", "pdf"}},
		{"cold pdf+docx", bin, []string{"render", sampleFile, "-o", out, "--format", "pdf,docx"}},
	}
	if baseBin != "" {
		cold = append(cold, coldRun{"base cold pdf", baseBin, cold[1].args},
			coldRun{"base pdf+docx", baseBin, cold[2].args})
	}
	all := make([]series, len(cold)+1)
	for i, c := range cold {
		all[i].name = c.name
	}
	all[len(cold)].name = "warm pdf"
	// One untimed run of each first: the binary and the sample in the page cache.
	for _, c := range cold {
		if _, err := child(c.bin, c.args...); err != nil {
			return err
		}
	}
	for range rounds {
		for i, c := range cold {
			s, err := child(c.bin, c.args...)
			if err != nil {
				return err
			}
			all[i].samples = append(all[i].samples, s)
		}
		start, cpu := time.Now(), selfCPU()
		for range warmN {
			if err := warm(); err != nil {
				return err
			}
		}
		all[len(cold)].samples = append(all[len(cold)].samples, sample{
			wall: time.Since(start) / time.Duration(warmN),
			cpu:  (selfCPU() - cpu) / time.Duration(warmN),
		})
	}

	fmt.Printf("%d rounds, %d cores; median [quartiles] (min–max)\n", rounds, runtime.NumCPU())
	fmt.Printf("%-15s %-34s %-34s %s\n", "", "wall ms", "cpu ms", "minor faults")
	for _, s := range all {
		fmt.Printf("%-15s %-34s %-34s %s\n", s.name,
			spread(s.samples, func(x sample) float64 { return ms(x.wall) }),
			spread(s.samples, func(x sample) float64 { return ms(x.cpu) }),
			spread(s.samples, func(x sample) float64 { return float64(x.faults) }))
	}
	// Ratios per round, then their median: the rounds are side by side.
	ratios := []int{1, 2}
	if baseBin != "" {
		ratios = append(ratios, 3, 4)
	}
	for _, i := range ratios {
		var rw, rc []sample
		for k := range rounds {
			v, c := all[0].samples[k], all[i].samples[k]
			rw = append(rw, sample{wall: c.wall * 1000 / v.wall})
			rc = append(rc, sample{wall: c.cpu * 1000 / max(v.cpu, 1)})
		}
		fmt.Printf("%-25s wall %s   cpu %s\n", all[i].name+" / "+base,
			spread(rw, func(x sample) float64 { return float64(x.wall) / 1000 }),
			spread(rc, func(x sample) float64 { return float64(x.wall) / 1000 }))
	}
	fmt.Printf("sample PDF: %d bytes\n", pdfBytes)

	if reports <= 0 || batchRounds <= 0 {
		return nil
	}
	in := filepath.Join(dir, "in")
	if _, err := synth.WriteDir(in, 1, reports); err != nil {
		return err
	}
	if busy {
		stop := busyDisk(filepath.Join(dir, "busy"))
		defer stop()
	}
	if tmpfs != "" {
		if fi, err := os.Stat(tmpfs); err != nil || !fi.IsDir() {
			tmpfs = ""
		} else if tmpfs, err = os.MkdirTemp(tmpfs, "nianbao-bench-"); err != nil {
			return err
		} else {
			defer os.RemoveAll(tmpfs)
		}
	}
	// Each round: the batch to the disk, then (with a tmpfs) to memory.
	var batch, mem, ratio []sample
	for i := range batchRounds {
		bout := filepath.Join(dir, fmt.Sprintf("batch%d", i))
		s, err := child(bin, "batch", in, "-o", bout, "-j", "2", "--format", "pdf,docx")
		if err != nil {
			return err
		}
		batch = append(batch, s)
		// The disk outputs stay until the end (dir is removed then): on
		// ext4 without a journal, an inode freed in the last 5 s (305 s
		// while its inode table is not yet written back) is skipped by
		// the allocator one by one, so deleting 2,000 files here would
		// make every file the next round creates cost a scan of them —
		// a cost of this benchmark, not of nianbao.
		if tmpfs == "" {
			continue
		}
		mout := filepath.Join(tmpfs, fmt.Sprintf("batch%d", i))
		m, err := child(bin, "batch", in, "-o", mout, "-j", "2", "--format", "pdf,docx")
		if err != nil {
			return err
		}
		mem = append(mem, m)
		ratio = append(ratio, sample{wall: s.wall * 1000 / max(m.wall, 1)})
		os.RemoveAll(mout)
	}
	fmt.Printf("batch %d reports, PDF+DOCX, -j 2, %d runs", reports, batchRounds)
	if busy {
		fmt.Printf(", disk kept busy")
	}
	fmt.Printf(":\n  wall s             %s\n", spread(batch, func(x sample) float64 { return x.wall.Seconds() }))
	fmt.Printf("  cpu ms per report  %s\n", spread(batch, func(x sample) float64 { return ms(x.cpu) / float64(reports) }))
	if tmpfs != "" {
		fmt.Printf("the same to memory (tmpfs):\n  wall s             %s\n", spread(mem, func(x sample) float64 { return x.wall.Seconds() }))
		fmt.Printf("  cpu ms per report  %s\n", spread(mem, func(x sample) float64 { return ms(x.cpu) / float64(reports) }))
		fmt.Printf("  wall disk / memory %s\n", spread(ratio, func(x sample) float64 { return float64(x.wall) / 1000 }))
	}
	return nil
}

// busyDisk writes and syncs 4 MB at a time to path until stopped, as
// other work on a shared disk does; stop waits for the writer to end and
// removes the file.
func busyDisk(path string) (stop func()) {
	done := make(chan struct{})
	ended := make(chan struct{})
	go func() {
		defer close(ended)
		f, err := os.Create(path)
		if err != nil {
			return
		}
		defer os.Remove(path)
		defer f.Close()
		chunk := bytes.Repeat([]byte("nianbao "), 4<<20/8)
		for k := 0; ; k++ {
			select {
			case <-done:
				return
			default:
			}
			if k%64 == 0 { // keep the file at 256 MB at most
				f.Truncate(0)
				f.Seek(0, 0)
			}
			f.Write(chunk)
			f.Sync()
		}
	}()
	return func() {
		close(done)
		<-ended
	}
}

// child runs bin with args and returns its wall time, CPU time and minor
// page faults.
func child(bin string, args ...string) (sample, error) {
	cmd := exec.Command(bin, args...)
	var msg bytes.Buffer
	cmd.Stdout, cmd.Stderr = &msg, &msg
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return sample{}, fmt.Errorf("%s %s: %v\n%s", bin, strings.Join(args, " "), err, msg.Bytes())
	}
	s := sample{wall: wall, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.faults = ru.Minflt
	}
	return s, nil
}

func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// spread formats the median, the quartiles and the extremes of the values.
func spread(ss []sample, value func(sample) float64) string {
	v := make([]float64, len(ss))
	for i, s := range ss {
		v[i] = value(s)
	}
	slices.Sort(v)
	q := func(p float64) float64 { return v[int(p*float64(len(v)-1)+0.5)] }
	return fmt.Sprintf("%7.2f [%.2f %.2f] (%.2f–%.2f)", q(0.5), q(0.25), q(0.75), v[0], v[len(v)-1])
}
