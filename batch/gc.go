package batch

import (
	"math"
	"runtime/debug"
	"sync"
)

// A batch allocates about 2.4 MB per report (PDF and DOCX) and keeps little
// of it: the live heap is the fonts' tables and a report per worker. With
// the default GOGC=100 the collector runs every few reports and marks that
// live heap each time. While a batch runs, the collector is told to let the
// heap grow to gcPercent over the live heap, under a memory limit that
// bounds it whatever the reports are.
//
// Measured with go test ./batch -bench 'Batch/j1' -args -reports 300 (GC
// CPU from runtime/metrics, 3 rounds each, 2-core machine under load):
// GOGC 100: 1.2–1.7 ms a report in GC, peak heap 27–32 MB; 200: 0.69–0.84
// ms, 37–43 MB; 400: 0.24–0.38 ms, 71–74 MB; 800: 0.10–0.32 ms, 123–147 MB.
// 400 keeps most of the gain at a heap a few times that of GOGC=100.
const (
	gcPercent = 400
	// gcLimit bounds the heap while a batch runs (a soft limit: the
	// collector works harder as the heap nears it).
	gcLimit = 256 << 20
)

// gcTuning is the collector's setting while batches run: the first Run to
// start sets it, the last to finish restores what was there before. A
// setting the user made (GOMEMLIMIT, a GOGC other than the default 100)
// is left as it is.
var gcTuning struct {
	sync.Mutex
	runs           int   // batches running
	percent, limit int64 // what to restore; −2: nothing
}

// tuneGC sets the collector for a batch and returns the function that
// restores it.
func tuneGC() (restore func()) {
	gcTuning.Lock()
	defer gcTuning.Unlock()
	gcTuning.runs++
	if gcTuning.runs == 1 {
		gcTuning.percent, gcTuning.limit = -2, -2
		if old := debug.SetGCPercent(gcPercent); old != 100 {
			debug.SetGCPercent(old) // GOGC was set: keep it
		} else {
			gcTuning.percent = int64(old)
		}
		if old := debug.SetMemoryLimit(-1); old == math.MaxInt64 { // no GOMEMLIMIT
			debug.SetMemoryLimit(gcLimit)
			gcTuning.limit = old
		}
	}
	return func() {
		gcTuning.Lock()
		defer gcTuning.Unlock()
		gcTuning.runs--
		if gcTuning.runs > 0 {
			return
		}
		if gcTuning.percent != -2 {
			debug.SetGCPercent(int(gcTuning.percent))
		}
		if gcTuning.limit != -2 {
			debug.SetMemoryLimit(gcTuning.limit)
		}
	}
}
