package batch

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestTuneGC checks that overlapping batches set the collector once and
// that the last to finish restores the setting, and that a GOGC the user
// chose is kept.
func TestTuneGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	a := tuneGC()
	b := tuneGC()
	if got := debug.SetMemoryLimit(-1); got != gcLimit {
		t.Errorf("memory limit while running: %d, want %d", got, gcLimit)
	}
	a()
	if got := debug.SetGCPercent(gcPercent); got != gcPercent {
		t.Errorf("GC percent while one batch still runs: %d, want %d", got, gcPercent)
	}
	b()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GC percent after the batches: %d, want 100", got)
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("memory limit after the batches: %d, want none", got)
	}

	debug.SetGCPercent(50) // as GOGC=50 would
	tuneGC()()
	if got := debug.SetGCPercent(100); got != 50 {
		t.Errorf("a GOGC of 50 became %d", got)
	}
}
