package subset

import (
	"encoding/binary"
	"errors"
	"hash/adler32"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/nianbao/nianbao/huffman"
)

// This file writes a CFF subset straight as a zlib stream (RFC 1950, 1951)
// for a PDF's FontFile3, without running a compressor per document.
//
// CFF charstrings are dense numbers in which LZ77 finds few repeats:
// Huffman coding alone gives nearly all a deflater gives (see render/pdf's
// deflate.go). The Huffman code need not be made per document either: one
// code per font, from the byte frequencies of its charstrings, is within
// a fraction of a percent of a code made for each subset. So each glyph's
// charstring is coded once per process, and a subset's stream is the
// block header, the coded frame bytes and the glyphs' codes copied bit by
// bit: a batch of hundreds of reports codes each glyph once.

// fontCode is a font's Huffman code: literals 0–255 and end of block (256), no
// lengths or distances. code holds each symbol's code bit-reversed, the
// order in which deflate writes it.
type fontCode struct {
	code   [257]uint16
	length [257]uint8
	header []byte // zlib header and the dynamic block's header …
	nbits  int    // … that many bits of it
}

// coded is one glyph's charstring coded with its font's fontCode.
type coded struct {
	bits  []byte // LSB first, one spare byte at the end (appendBits reads 8 at a time)
	nbits int
	size  int    // the charstring's length
	sum   uint32 // its Adler-32
}

// cffZlib is the coding state a cffFont keeps for ProgramZlib.
type cffZlib struct {
	once  sync.Once
	huff  *fontCode
	glyph []atomic.Pointer[coded]

	// The coded glyphs are kept side by side, in the order they were
	// coded (a report codes its new glyphs in glyph-ID order), so that a
	// subset's glyphs, copied in glyph-ID order, are read mostly forwards
	// through memory rather than from a small object each.
	mu    sync.Mutex
	codes []coded // the current block of coded glyphs …
	bits  []byte  // … and of their bits
}

// keep returns c with its bits, kept in z's blocks.
func (z *cffZlib) keep(c *coded) *coded {
	z.mu.Lock()
	defer z.mu.Unlock()
	if len(z.codes) == cap(z.codes) {
		z.codes = make([]coded, 0, 1024)
	}
	if cap(z.bits)-len(z.bits) < len(c.bits) {
		z.bits = make([]byte, 0, max(256<<10, len(c.bits)))
	}
	at := len(z.bits)
	z.bits = append(z.bits, c.bits...)
	k := *c
	k.bits = z.bits[at:len(z.bits):len(z.bits)]
	z.codes = append(z.codes, k)
	return &z.codes[len(z.codes)-1]
}

// ProgramZlib appends to dst the zlib stream of the CFF font program that
// Program writes for gids: a single Huffman-coded block with the font's
// code. It is for CFF fonts only (see CFF).
func (f *Font) ProgramZlib(dst []byte, gids []uint16) ([]byte, error) {
	if f.cff == nil {
		return dst, errors.New("subset: ProgramZlib needs a CFF font")
	}
	if err := f.check(gids, nil); err != nil {
		return dst, err
	}
	return f.cff.zlib(dst, gids), nil
}

func (f *cffFont) zlib(dst []byte, gids []uint16) []byte {
	z := &f.coding
	z.once.Do(func() {
		z.huff = newFontCode(f.frequencies())
		z.glyph = make([]atomic.Pointer[coded], f.charStrings.count())
	})
	h := z.huff
	pre, post := f.frame(gids)
	glyphs := make([]*coded, len(gids))
	size := len(h.header) + 2*(len(pre)+len(post)) + 8
	for i, g := range gids {
		c := z.glyph[g].Load()
		if c == nil {
			c = z.keep(h.encode(f.unhinted(g)))
			z.glyph[g].Store(c)
		}
		glyphs[i] = c
		size += len(c.bits)
	}
	w := bitWriter{out: slices.Grow(dst, size)}
	w.appendBits(h.header, h.nbits)
	for _, c := range pre {
		w.write(uint64(h.code[c]), uint(h.length[c]))
	}
	sum := adler32.Checksum(pre)
	for _, c := range glyphs {
		w.appendBits(c.bits, c.nbits)
		sum = adler32Combine(sum, c.sum, c.size)
	}
	for _, c := range post {
		w.write(uint64(h.code[c]), uint(h.length[c]))
	}
	sum = adler32Combine(sum, adler32.Checksum(post), len(post))
	w.write(uint64(h.code[256]), uint(h.length[256]))
	w.flush()
	return binary.BigEndian.AppendUint32(w.out, sum)
}

// frequencies counts the bytes of every 32nd charstring, as stored (the
// count need not be exact: it only shapes the code, and a sample keeps the
// first document of a process fast). Every byte value and the end of block
// count at least once, so that every byte has a code.
func (f *cffFont) frequencies() []int {
	freq := make([]int, 257)
	for i := range freq {
		freq[i] = 1
	}
	for g := 0; g < f.charStrings.count(); g += 32 {
		for _, c := range f.charStrings.object(g) {
			freq[c]++
		}
	}
	return freq
}

// encode codes b.
func (h *fontCode) encode(b []byte) *coded {
	w := bitWriter{out: make([]byte, 0, len(b)+8)}
	for _, c := range b {
		w.write(uint64(h.code[c]), uint(h.length[c]))
	}
	n := len(w.out)*8 + int(w.n)
	w.flush()
	return &coded{bits: append(w.out, 0), nbits: n, size: len(b), sum: adler32.Checksum(b)}
}

// newFontCode makes the code for the symbol frequencies freq (257 of them,
// each at least 1) and the headers that declare it.
func newFontCode(freq []int) *fontCode {
	h := &fontCode{}
	lens := huffman.Lengths(freq, 15)
	copy(h.length[:], lens)
	codes := huffman.Canonical(lens)
	copy(h.code[:], codes)

	// The block declares 257 literal/length codes and two distance codes
	// of one bit each: a complete distance code that is never used (an
	// empty one is allowed by RFC 1951 but not by every inflater).
	all := append(slices.Clone(lens), 1, 1)
	clFreq := make([]int, 19)
	for _, l := range all {
		clFreq[l]++
	}
	clLens, clCodes, ncl := huffman.CodeLengthCode(clFreq)
	w := bitWriter{}
	w.out = append(w.out, 0x78, 0x01) // zlib: deflate, 32 KB window, fastest
	w.write(1, 1)                     // BFINAL
	w.write(2, 2)                     // BTYPE: dynamic Huffman codes
	w.write(257-257, 5)               // HLIT
	w.write(2-1, 5)                   // HDIST
	w.write(uint64(ncl-4), 4)         // HCLEN
	for _, s := range huffman.CodeLengthOrder[:ncl] {
		w.write(uint64(clLens[s]), 3)
	}
	for _, l := range all {
		w.write(uint64(clCodes[l]), uint(clLens[l]))
	}
	h.nbits = len(w.out)*8 + int(w.n)
	w.flush()
	h.header = append(w.out, 0)
	return h
}

// bitWriter writes bits LSB first, as deflate packs them. Fewer than 8
// bits wait in acc.
type bitWriter struct {
	out []byte
	acc uint64
	n   uint
}

// write writes the n low bits of v (n ≤ 32).
func (w *bitWriter) write(v uint64, n uint) {
	w.acc |= v << w.n
	w.n += n
	for w.n >= 8 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.n -= 8
	}
}

// appendBits writes the first n bits of b, which has at least one byte
// after them.
func (w *bitWriter) appendBits(b []byte, n int) {
	out, acc := w.out, w.acc
	for n >= 56 { // 7 bytes at a time
		acc |= (binary.LittleEndian.Uint64(b) & (1<<56 - 1)) << w.n
		out = binary.LittleEndian.AppendUint64(out, acc)
		out = out[:len(out)-1]
		acc >>= 56
		b, n = b[7:], n-56
	}
	w.out, w.acc = out, acc
	for n >= 8 {
		w.write(uint64(b[0]), 8)
		b, n = b[1:], n-8
	}
	if n > 0 {
		w.write(uint64(b[0])&(1<<n-1), uint(n))
	}
}

// flush writes the waiting bits, padded with zeros to a whole byte.
func (w *bitWriter) flush() {
	if w.n > 0 {
		w.out = append(w.out, byte(w.acc))
	}
	w.acc, w.n = 0, 0
}

// adler32Combine returns the Adler-32 of a and b joined, from a's sum, b's
// sum and b's length (as zlib's adler32_combine).
func adler32Combine(sumA, sumB uint32, lenB int) uint32 {
	const base = 65521
	rem := uint32(lenB % base)
	s1 := sumA & 0xffff
	s2 := rem * s1 % base
	s1 += sumB&0xffff + base - 1
	s2 += sumA>>16 + sumB>>16 + base - rem
	if s1 >= base {
		s1 -= base
	}
	if s1 >= base {
		s1 -= base
	}
	if s2 >= base<<1 {
		s2 -= base << 1
	}
	if s2 >= base {
		s2 -= base
	}
	return s2<<16 | s1
}
