package main

import (
	"testing"
	"time"
)

func TestSpread(t *testing.T) {
	var ss []sample
	for _, ms := range []int{5, 1, 4, 2, 3} {
		ss = append(ss, sample{wall: time.Duration(ms) * time.Millisecond})
	}
	got := spread(ss, func(s sample) float64 { return float64(s.wall) / float64(time.Millisecond) })
	if want := "   3.00 [2.00 4.00] (1.00–5.00)"; got != want {
		t.Errorf("spread = %q, want %q", got, want)
	}
}
