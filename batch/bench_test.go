//go:build unix

package batch

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime/metrics"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/nianbao/nianbao/fixtures/gen/synth"
	"github.com/nianbao/nianbao/render"
	"github.com/nianbao/nianbao/report"
)

// benchReports is how many synthetic reports BenchmarkBatch renders per run:
// small by default so `make bench` stays quick; the figures are for
// go test ./batch -run '^$' -bench Batch -benchtime 1x -timeout 30m -args -reports 1000.
var benchReports = flag.Int("reports", 100, "number of synthetic reports in BenchmarkBatch")

// BenchmarkBatch renders a batch of synthetic reports to PDF and DOCX with
// -j 1 and -j 2, and one report at a time in a warm process ("single") for
// the per-report comparison. Metrics: reports/s (wall), cpu-ms/report
// (process CPU time per report, steady on a loaded machine) and the peak
// live heap.
func BenchmarkBatch(b *testing.B) {
	n := *benchReports
	dir := b.TempDir()
	paths, err := synth.WriteDir(filepath.Join(dir, "in"), 1, n)
	if err != nil {
		b.Fatal(err)
	}
	// Warm up: fonts parsed, code paged in.
	if _, err := Run(context.Background(), Options{Inputs: paths[:1], Out: filepath.Join(dir, "warm"), Jobs: 1}); err != nil {
		b.Fatal(err)
	}
	for _, jobs := range []int{1, 2} {
		b.Run(fmt.Sprintf("j%d", jobs), func(b *testing.B) {
			b.ReportAllocs()
			var peak peakHeap
			peak.start()
			user, sys := cpuTimes()
			gc := gcTime()
			var elapsed time.Duration
			for i := 0; b.Loop(); i++ {
				out := filepath.Join(dir, fmt.Sprintf("out-j%d-%d", jobs, i))
				start := time.Now()
				s, err := Run(context.Background(), Options{Inputs: []string{filepath.Join(dir, "in")}, Out: out, Jobs: jobs})
				elapsed += time.Since(start)
				if err != nil || s.Failed > 0 {
					b.Fatalf("Run: %v; %d failed: %v", err, s.Failed, s.Rows[0].Problems)
				}
			}
			peak.stop()
			total := float64(n * b.N)
			b.ReportMetric(total/elapsed.Seconds(), "reports/s")
			user2, sys2 := cpuTimes()
			b.ReportMetric((user2+sys2-user-sys).Seconds()*1000/total, "cpu-ms/report")
			b.ReportMetric((user2-user).Seconds()*1000/total, "user-ms/report")
			b.ReportMetric((sys2-sys).Seconds()*1000/total, "sys-ms/report")
			b.ReportMetric((gcTime()-gc)*1000/total, "gc-cpu-ms/report")
			b.ReportMetric(float64(peak.max)/(1<<20), "peak-heap-MB")
		})
	}
	// The same reports one at a time, as `nianbao render` does in a warm
	// process: read, check, render and write each.
	b.Run("single", func(b *testing.B) {
		b.ReportAllocs()
		out := filepath.Join(dir, "single")
		opts := Options{Out: out}
		if err := os.MkdirAll(out, 0o755); err != nil {
			b.Fatal(err)
		}
		cpu := cpuTime()
		for b.Loop() {
			for _, p := range paths {
				r, err := report.ReadFile(p)
				if err != nil {
					b.Fatal(err)
				}
				report.Complete(r)
				if fs := report.Validate(r, nil); fs.Errors() > 0 {
					b.Fatal(fs)
				}
				files, err := render.Report(r, render.Options{Formats: formats(opts.Render.Formats)})
				if err != nil {
					b.Fatal(err)
				}
				for f, data := range files {
					name, _ := render.FileName("", r, f)
					if err := render.WriteFile(filepath.Join(out, name), data); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
		total := float64(n * b.N)
		b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/total, "ms/report")
		b.ReportMetric((cpuTime()-cpu).Seconds()*1000/total, "cpu-ms/report")
	})
}

// cpuTime is the user and system time of the process so far: on a shared
// machine it measures the work done, where wall time also counts waiting.
func cpuTime() time.Duration {
	user, sys := cpuTimes()
	return user + sys
}

// cpuTimes is the user and the system time of the process so far. The
// system time is mostly the file system's work on the outputs, which
// depends on the machine (see README 速度).
func cpuTimes() (user, sys time.Duration) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0
	}
	return time.Duration(ru.Utime.Nano()), time.Duration(ru.Stime.Nano())
}

// gcTime is the runtime's estimate of the CPU time spent in garbage
// collection so far, in seconds (marking, assists and pauses).
func gcTime() float64 {
	s := []metrics.Sample{{Name: "/cpu/classes/gc/total:cpu-seconds"}}
	metrics.Read(s)
	return s[0].Value.Float64()
}

// peakHeap samples the live heap every few milliseconds; runtime/metrics
// reads it without stopping the world, unlike runtime.ReadMemStats.
type peakHeap struct {
	max  uint64
	done chan struct{}
	wg   sync.WaitGroup
}

func (p *peakHeap) start() {
	p.done = make(chan struct{})
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-p.done:
				return
			case <-t.C:
				metrics.Read(s)
				p.max = max(p.max, s[0].Value.Uint64())
			}
		}
	}()
}

func (p *peakHeap) stop() {
	close(p.done)
	p.wg.Wait()
}
