package huffman

import (
	"math/bits"
	"testing"
)

// TestLengths checks the length limit on frequencies that would make a
// deep tree (Fibonacci weights) and that the code is complete (Kraft sum 1).
func TestLengths(t *testing.T) {
	freq := make([]int, 30)
	a, b := 1, 1
	for i := range freq {
		freq[i] = a
		a, b = b, a+b
	}
	for _, limit := range []int{7, 15} {
		lens := Lengths(freq, limit)
		kraft := 0.0
		for _, l := range lens {
			if l == 0 || int(l) > limit {
				t.Fatalf("limit %d: length %d", limit, l)
			}
			kraft += 1 / float64(uint(1)<<l)
		}
		if kraft != 1 {
			t.Errorf("limit %d: Kraft sum %v, want 1", limit, kraft)
		}
	}
}

// TestCanonical checks RFC 1951's example (§3.2.2: lengths 3 3 3 3 3 2 4 4
// give 010 011 100 101 110 00 1110 1111), bit-reversed.
func TestCanonical(t *testing.T) {
	lens := []uint8{3, 3, 3, 3, 3, 2, 4, 4}
	want := []uint16{0b010, 0b011, 0b100, 0b101, 0b110, 0b00, 0b1110, 0b1111}
	for s, c := range Canonical(lens) {
		if got := bits.Reverse16(c) >> (16 - lens[s]); got != want[s] {
			t.Errorf("symbol %d: code %0*b, want %0*b", s, lens[s], got, lens[s], want[s])
		}
	}
}

// TestCodeLengthCode: the header gives at least 4 lengths and never drops
// a used symbol.
func TestCodeLengthCode(t *testing.T) {
	freq := make([]int, 19)
	freq[8], freq[9] = 10, 3
	lens, codes, n := CodeLengthCode(freq)
	if n < 4 || len(codes) != 19 {
		t.Fatalf("n %d, %d codes", n, len(codes))
	}
	for i, s := range CodeLengthOrder {
		if lens[s] > 0 && i >= n {
			t.Errorf("symbol %d (place %d) used but n = %d", s, i, n)
		}
	}
}
