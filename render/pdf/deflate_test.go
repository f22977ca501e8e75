package pdf

import (
	"hash/adler32"
	"math"
	"math/rand/v2"
	"testing"
)

// TestChecksum checks checksum against hash/adler32: lengths around the
// 16-byte step and the 1 MB reduction, random bytes and the extremes (all
// 0xff makes the sums largest).
func TestChecksum(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 15, 16, 17, 31, 255, 5552, 5553, 65536, 1<<20 - 1, 1 << 20, 1<<20 + 17, 3<<20 + 5} {
		for _, fill := range []string{"random", "zero", "ff"} {
			b := make([]byte, n)
			for i := range b {
				switch fill {
				case "random":
					b[i] = byte(r.Uint32())
				case "ff":
					b[i] = 0xff
				}
			}
			if got, want := checksum(b), adler32.Checksum(b); got != want {
				t.Errorf("%d bytes, %s: %08x, want %08x", n, fill, got, want)
			}
		}
	}
}

// TestAppendFloat checks appendFloat's fast path against strconv's
// rounding (appendFloatSlow): random page coordinates and gaps, ties and
// near-ties at each precision, negative zero, large values.
func TestAppendFloat(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	vs := []float64{0, -0.0, 0.0005, -0.0005, 0.0625, 1.0005, 2.675, 0.125, -0.125, 79.37, 716.433, 1e8, -1e8, 123456.7895, 0.00000049, 99999999.9999}
	for range 200000 {
		v := (r.Float64() - 0.3) * 1000
		switch r.IntN(4) {
		case 0:
			v = math.Round(v*1e4) / 1e4 // a tie at 3 decimals, or near one
		case 1:
			v = float64(r.IntN(20000)-10000) / 16 // exact binary ties
		case 2:
			v = math.Round(v*1e3)/1e3 + 5e-4
		}
		vs = append(vs, v)
	}
	for _, v := range vs {
		for _, prec := range []int{3, 5, 6} {
			got := string(appendFloat([]byte("x"), v, prec))
			want := string(appendFloatSlow([]byte("x"), v, prec))
			if got != want {
				t.Fatalf("appendFloat(%v, %d) = %q, strconv gives %q", v, prec, got, want)
			}
		}
	}
}
