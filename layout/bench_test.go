package layout

import (
	"syscall"
	"testing"
	"time"

	"github.com/nianbao/nianbao/fixtures"
	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/style"
)

// cpuTime is the CPU time the process has used, user and system: on a
// shared machine wall time per op is mostly other processes' load.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loop runs f b.N times and reports, besides ns/op, the process's CPU
// time per op (cpu-ns/op, garbage collection included).
func loop(b *testing.B, f func()) {
	b.ReportAllocs()
	c0 := cpuTime(b)
	for b.Loop() {
		f()
	}
	b.ReportMetric(float64(cpuTime(b)-c0)/float64(b.N), "cpu-ns/op")
}

// BenchmarkLayout lays out each fixture in the gongwen style (issue 9:
// the sample, yueqing-sfj-2021, in at most 3 ms).
func BenchmarkLayout(b *testing.B) {
	fs, err := fonts.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	all, err := fixtures.Documents()
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range all {
		b.Run(f.Name, func(b *testing.B) {
			loop(b, func() {
				if _, err := Layout(f.Doc, style.Gongwen, fs); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}
