package pdf

import (
	"hash/adler32"
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
