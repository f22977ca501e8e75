package pdf

import (
	"encoding/binary"
	"math/bits"
	"sync"

	"github.com/nianbao/nianbao/huffman"
)

// This file deflates the streams that every report has several of (page
// content, ToUnicode CMaps, the object stream, the cross-reference stream)
// with a Huffman code made once per kind of stream, not per stream: a
// stream is one dynamic block whose header is the same bytes every time,
// and its LZ77 matches are coded as they are found, in one pass, without
// a list of tokens, a histogram or a code to build. A code built for each
// stream (klauspost's stateless deflater) took 5–10 µs a stream before
// the first byte was coded, about as long as coding a 3 KB stream.
//
// The codes (lzCodes) were made from the tokens that this encoder finds
// in the streams of 40 synthetic reports (TestLZCodes -update writes
// them); every literal, length and distance has a code, so any data can
// be coded, data unlike the reports' only less tightly.
//
// Bytes against the stateless deflater, on the streams of the 8 fixtures
// in both styles and of the 40 synthetic reports (TestLZCodes logs the
// latter): content +1.5 % and +1.6 %, object streams −3.1 % and −3.3 %,
// ToUnicode +5.1 % and +4.4 %, cross-reference streams −0.3 % and −0.8 %.
// Time, warm, on the fixtures' streams: content 3.1 ns a byte (stateless
// 4.4), ToUnicode 3.0 (6.0), xref 2.2 (8.0), object streams 2.8 (3.1).

// streamKind is the kind of a stream, which chooses its code.
type streamKind uint8

const (
	kindOther    streamKind = iota // any other: the stateless deflater
	kindContent                    // page content
	kindObjStm                     // object stream (the structure tree, mostly)
	kindCMap                       // ToUnicode CMap
	kindXRef                       // cross-reference stream
	kindData                       // the embedded report data (JSON)
	kindTrueType                   // a TrueType font program
	numKinds
)

// lzCode is a Huffman code for deflate's literals and lengths (0–285) and
// distances (0–29), bit-reversed for writing, with the bytes that declare
// it: the zlib header and the dynamic block's header.
type lzCode struct {
	lit     [286]uint16
	litLen  [286]uint8
	dist    [30]uint16
	distLen [30]uint8
	lenBits [259]uint32 // for a match length l: its code and extra bits …
	lenN    [259]uint8  // … that many
	header  []byte      // zlib header and block header, …
	nbits   int         // … that many bits of it
}

// Deflate's lengths and distances (RFC 1951 §3.2.5): the least value of
// each code and its number of extra bits.
var (
	lengthBase  = [29]uint16{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	lengthExtra = [29]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	distBase    = [30]uint16{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}
	distExtra   = [30]uint8{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}
)

// lengthCode returns the code (0–28, of 257–285) of match length l.
func lengthCode(l int) int {
	for i := 28; i > 0; i-- {
		if l >= int(lengthBase[i]) {
			return i
		}
	}
	return 0
}

// distCodes gives the code of distance d: distCodes[d-1] for d ≤ 256,
// else distCodes[256+(d-1)>>7].
var distCodes = func() (t [512]uint8) {
	code := func(d int) uint8 {
		for i := 29; i > 0; i-- {
			if d >= int(distBase[i]) {
				return uint8(i)
			}
		}
		return 0
	}
	for d := 1; d <= 256; d++ {
		t[d-1] = code(d)
	}
	for x := 2; x < 256; x++ {
		t[256+x] = code(x<<7 + 1)
	}
	return t
}()

func distCode(d int) int {
	d--
	if d < 256 {
		return int(distCodes[d&255])
	}
	return int(distCodes[(256+d>>7)&511])
}

// newLZCode makes the code with the given code lengths (286 literal and
// length codes, then 30 distance codes, each 1–15).
func newLZCode(lens []uint8) *lzCode {
	c := &lzCode{}
	copy(c.litLen[:], lens[:286])
	copy(c.lit[:], huffman.Canonical(lens[:286]))
	copy(c.distLen[:], lens[286:])
	copy(c.dist[:], huffman.Canonical(lens[286:]))
	for l := 3; l <= 258; l++ {
		s := lengthCode(l)
		c.lenBits[l] = uint32(c.lit[257+s]) | uint32(l-int(lengthBase[s]))<<c.litLen[257+s]
		c.lenN[l] = c.litLen[257+s] + lengthExtra[s]
	}
	// The code lengths, run-length coded: 16 repeats the last length 3–6
	// times (the lengths are never 0).
	type clSym struct{ sym, extra, n int }
	var cls []clSym
	for i := 0; i < len(lens); {
		j := i + 1
		for j < len(lens) && lens[j] == lens[i] {
			j++
		}
		cls = append(cls, clSym{int(lens[i]), 0, 0})
		run := j - i - 1
		for run >= 3 {
			k := min(run, 6)
			cls = append(cls, clSym{16, k - 3, 2})
			run -= k
		}
		for ; run > 0; run-- {
			cls = append(cls, clSym{int(lens[i]), 0, 0})
		}
		i = j
	}
	clFreq := make([]int, 19)
	for _, s := range cls {
		clFreq[s.sym]++
	}
	clLens, clCodes, ncl := huffman.CodeLengthCode(clFreq)
	w := lzWriter{out: []byte{0x78, 0x01}} // zlib: deflate, 32 KB window, fastest
	w.put(1, 1)                            // BFINAL
	w.put(2, 2)                            // BTYPE: dynamic Huffman codes
	w.put(286-257, 5)                      // HLIT
	w.put(30-1, 5)                         // HDIST
	w.put(uint64(ncl-4), 4)                // HCLEN
	for _, s := range huffman.CodeLengthOrder[:ncl] {
		w.put(uint64(clLens[s]), 3)
	}
	for _, s := range cls {
		w.put(uint64(clCodes[s.sym]), uint(clLens[s.sym]))
		w.put(uint64(s.extra), uint(s.n))
	}
	c.nbits = len(w.out)*8 + int(w.n)
	for w.n > 0 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.n -= min(w.n, 8)
	}
	c.header = w.out
	return c
}

// lzCodeOf returns the code of a stream kind, made on first use.
var lzCodeOf = sync.OnceValue(func() (codes [numKinds]*lzCode) {
	for k := kindContent; k < numKinds; k++ {
		codes[k] = newLZCode(parseLengths(lzCodes[k]))
	}
	return codes
})

// parseLengths reads code lengths written as hexadecimal digits.
func parseLengths(s string) []uint8 {
	lens := make([]uint8, len(s))
	for i := range len(s) {
		c := s[i]
		if c >= 'a' {
			c -= 'a' - 10
		} else {
			c -= '0'
		}
		lens[i] = c
	}
	return lens
}

// lzWriter writes bits LSB first, as deflate packs them: at most 32 wait
// in acc.
type lzWriter struct {
	out []byte
	acc uint64
	n   uint
}

// put writes the nb low bits of v (nb ≤ 32).
func (w *lzWriter) put(v uint64, nb uint) {
	w.acc |= v << w.n
	w.n += nb
	if w.n >= 32 {
		w.out = binary.LittleEndian.AppendUint32(w.out, uint32(w.acc))
		w.acc >>= 32
		w.n -= 32
	}
}

const (
	lzBits  = 13
	maxDist = 32768
	// lzMax is the longest stream lz codes: its positions are 16 bits.
	// A longer one (a big report's object stream or data) goes to the
	// stateless deflater.
	lzMax = 1<<16 - 1
)

func lzHash(u uint32) uint32 { return u * 2654435761 >> (32 - lzBits) }

// lzCounts counts the symbols a stream is coded with (TestLZCodes).
type lzCounts struct{ lit, dist []int }

// appendZlib appends to dst src (at most lzMax bytes) as a zlib stream
// coded with c.
func appendZlib(dst, src []byte, c *lzCode) []byte {
	dst = lzEncode(dst, src, c, nil)
	return binary.BigEndian.AppendUint32(dst, checksum(src))
}

// lzEncode appends src (at most lzMax bytes) as one deflate block coded
// with c after c's header: greedy LZ77, a match being the longest run from
// the last position with the same 4 bytes, within 32 KB, extended
// backwards over the literals before it. The positions of the hashes of
// 4 bytes are a table on the stack, 16 KB cleared for each stream, as the
// stateless deflater's (a 32 KB table kept on the heap between streams
// was no faster in a batch, where the rest of a report has pushed it out
// of the cache by the next stream).
func lzEncode(dst, src []byte, c *lzCode, count *lzCounts) []byte {
	var table [1 << lzBits]uint16 // position + 1 of each hash; 0: none
	w := lzWriter{out: append(dst, c.header[:c.nbits/8]...), n: uint(c.nbits % 8)}
	if w.n > 0 { // the header's last bits, in a byte of their own
		w.acc = uint64(c.header[c.nbits/8]) & (1<<w.n - 1)
	}
	emit := 0 // the first byte not yet written
	literals := func(b []byte) {
		if count != nil {
			for _, x := range b {
				count.lit[x]++
			}
		}
		// Two codes (15 bits at most each) between flushes.
		acc, n, out := w.acc, w.n, w.out
		for len(b) >= 2 {
			x, y := b[0], b[1]
			acc |= uint64(c.lit[x]) << n
			n += uint(c.litLen[x])
			acc |= uint64(c.lit[y]) << n
			n += uint(c.litLen[y])
			if n >= 32 {
				out = binary.LittleEndian.AppendUint32(out, uint32(acc))
				acc >>= 32
				n -= 32
			}
			b = b[2:]
		}
		w.acc, w.n, w.out = acc, n, out
		if len(b) > 0 {
			w.put(uint64(c.lit[b[0]]), uint(c.litLen[b[0]]))
		}
	}
	for s, limit := 0, len(src)-4; s < limit; {
		cv := binary.LittleEndian.Uint32(src[s:])
		h := lzHash(cv)
		v := table[h]
		table[h] = uint16(s + 1)
		cand := int(v) - 1
		if v == 0 || s-cand > maxDist || binary.LittleEndian.Uint32(src[cand:]) != cv {
			s++
			continue
		}
		l := 4 + matchLen(src[s+4:], src[cand+4:])
		for s > emit && cand > 0 && src[s-1] == src[cand-1] {
			s, cand, l = s-1, cand-1, l+1
		}
		literals(src[emit:s])
		d := s - cand
		dc := distCode(d)
		dBits := uint64(c.dist[dc]) | uint64(d-int(distBase[dc]))<<c.distLen[dc]
		dN := uint(c.distLen[dc] + distExtra[dc])
		s += l
		for l > 0 {
			k := min(l, 258)
			if r := l - k; r > 0 && r < 3 {
				k = l - 3 // leave a match of 3 at least
			}
			w.put(uint64(c.lenBits[k]), uint(c.lenN[k]))
			w.put(dBits, dN)
			if count != nil {
				count.lit[257+lengthCode(k)]++
				count.dist[dc]++
			}
			l -= k
		}
		emit = s
		if s < limit {
			table[lzHash(binary.LittleEndian.Uint32(src[s-2:]))] = uint16(s - 1)
		}
	}
	literals(src[emit:])
	w.put(uint64(c.lit[256]), uint(c.litLen[256])) // end of block
	if count != nil {
		count.lit[256]++
	}
	for w.n > 0 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.n -= min(w.n, 8)
	}
	return w.out
}

// matchLen returns the length of the common start of a and b.
func matchLen(a, b []byte) int {
	n := 0
	for len(a) >= 8 && len(b) >= 8 {
		if x := binary.LittleEndian.Uint64(a) ^ binary.LittleEndian.Uint64(b); x != 0 {
			return n + bits.TrailingZeros64(x)>>3
		}
		a, b, n = a[8:], b[8:], n+8
	}
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return n + i
		}
	}
	return n + min(len(a), len(b))
}
