package pdf

import (
	"bytes"
	"encoding/binary"
	"sync"

	"github.com/carlos7ags/folio/core"
	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/zlib"

	"github.com/nianbao/nianbao/memo"
)

// Streams are compressed here, not by folio: folio makes a new zlib
// writer (about 1 MB) for every stream, and a document has a dozen.
//
// Font programs. CFF outlines have few repeats for LZ77 to find: Huffman
// coding alone gives 99% of what the standard library's best speed gives,
// in a third of the time (most CFF programs do not come here at all:
// fonts/subset codes them once per process, see parsedFace.program).
// Measured on the sample report's fonts (350 KB raw), standard library
// against klauspost:
//
//	fonts            standard library     klauspost
//	Huffman only     296.2 KB  2.3 ms     296.3 KB  0.8 ms
//	level 1          293.4 KB  2.8 ms     317.1 KB  1.2 ms
//	level 3          284.8 KB 28 ms       289.2 KB  3.5 ms
//	level 9          283.8 KB 21 ms       281.0 KB 12.8 ms
//
// Page content, ToUnicode CMaps, object streams, the cross-reference
// stream, the embedded data and TrueType programs are deflated with a code
// made once per kind of stream (lz.go). They were deflated, and the ICC
// profile (once per process) still is, by klauspost's stateless deflater
// (flate.StatelessDeflate):
// LZ77 with a 16 KB hash table, made afresh on the stack for each stream,
// and the Huffman coder. Its levels 1 and 2 keep a 128 KB or 512 KB table
// between streams, which a batch has evicted from the cache by the next
// stream: for a small stream the misses cost more than the compressing.
// Per report of a batch of 20 synthetic reports, bytes and µs: "warm" the
// same streams compressed again and again, "cold" with the cache flushed
// before each stream, which is what a batch's profile shows (two runs):
//
//	kind (streams)    raw      Huffman only         level 1              level 2              stateless
//	                           bytes warm cold      bytes warm cold      bytes warm cold      bytes warm cold
//	content (8)     60.3 KB   33820  100 134–188   14562  219 444–510   14397  224 578–612   15053  237 303–305
//	object stream   43.0 KB   26361   51  60–69     9565  123 141–155    9346  142 145–166    9406  119 146–151
//	ToUnicode (6)   12.3 KB    7124   26  70–79     5745   69 214–462    5598   62 211–253    5520   65 110–127
//	TrueType (2)    13.0 KB    9838   30  46        8756   60 143        8685   61 228        8602   60  81
//	data file        9.8 KB    7625   16  19–26     3718   45  66–76     3652   37  80–82     3690   34  46–57
//	xref             3.0 KB    1344   13  16–19      886   17  39–52      888   18  35–51      891   15  22–32
//
// Measured in place (each report's PDF written once with level 2 and once
// stateless, in turn, 1000 synthetic reports, pdf.Write's thread CPU
// time, paired): 0.17–0.28 ms less a report (of 2.2–2.7), 0.18 % more
// bytes (+600 B); the sample report +756 B (+0.24 %).
const programLevel = zlib.HuffmanOnly

// minDeflate is the size below which a stream is stored as it is: zlib's
// header, checksum and Huffman tables eat what a few hundred bytes gain,
// and a compressor's set-up costs more than writing them.
const minDeflate = 256

// compressor is a zlib writer kept for reuse at one level (a free list,
// not a sync.Pool: see memo.Free).
type compressor struct {
	level int
	free  *memo.Free[*zlib.Writer]
}

var programZlib = &compressor{level: programLevel, free: memo.NewFree[*zlib.Writer](8)}

// scratchPool holds buffers for compressed data, copied out at its size.
var scratchPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// deflate returns data compressed with zlib.
func (c *compressor) deflate(data []byte) []byte {
	buf := scratchPool.Get().(*bytes.Buffer)
	buf.Reset()
	w, ok := c.free.Get()
	if ok {
		w.Reset(buf)
	} else {
		w, _ = zlib.NewWriterLevel(buf, c.level) // the level is valid
	}
	w.Write(data) // a bytes.Buffer does not fail
	w.Close()
	c.free.Put(w)
	out := bytes.Clone(buf.Bytes())
	scratchPool.Put(buf)
	return out
}

// zlibHeader starts every stream deflateTo writes: deflate, a 32 KB
// window, the fastest compression (RFC 1950 §2.2; FLEVEL is advisory).
var zlibHeader = []byte{0x78, 0x01}

// deflateTo sets buf to data compressed as a zlib stream: with the code
// of its kind (lz.go), or by the stateless deflater.
func deflateTo(buf *bytes.Buffer, data []byte, kind streamKind) {
	buf.Reset()
	if lzSeen != nil {
		lzSeen(kind, data)
	}
	if kind != kindOther && len(data) <= lzMax {
		buf.Write(appendZlib(buf.AvailableBuffer(), data, lzCodeOf()[kind]))
		return
	}
	buf.Write(zlibHeader)
	flate.StatelessDeflate(buf, data, true, nil) // a bytes.Buffer does not fail
	buf.Write(binary.BigEndian.AppendUint32(buf.AvailableBuffer(), checksum(data)))
}

// lzSeen, when set (by a test), is called with every stream deflateTo
// compresses.
var lzSeen func(kind streamKind, data []byte)

// checksum returns the Adler-32 of data (RFC 1950 §8.2), as
// hash/adler32 does but about twice as fast: that adds byte by byte, two
// sums each depending on the last; this takes 16 bytes a step, summing
// their bytes and the bytes weighted by their distance from the end in
// 16-bit lanes of 64-bit words (the lanes cannot overflow: at most
// 255·(1+2+…+16) = 34680). The sums are reduced every MB (they stay
// below 2⁴⁸).
func checksum(data []byte) uint32 {
	const (
		mod   = 65521
		lanes = 0x00ff00ff00ff00ff // the even bytes of a word, as 16-bit lanes
		ones  = 0x0001000100010001 // × a word of lanes: their sum in the top lane
		// weights of the even and odd bytes of the step's first and
		// second word, in the order the product sums them into the top lane
		even0 = 10 | 12<<16 | 14<<32 | 16<<48
		odd0  = 9 | 11<<16 | 13<<32 | 15<<48
		even1 = 2 | 4<<16 | 6<<32 | 8<<48
		odd1  = 1 | 3<<16 | 5<<32 | 7<<48
	)
	s1, s2 := uint64(1), uint64(0)
	for len(data) > 0 {
		p := data[:min(len(data), 1<<20)]
		data = data[len(p):]
		for len(p) >= 16 {
			x0, x1 := binary.LittleEndian.Uint64(p), binary.LittleEndian.Uint64(p[8:])
			e0, o0, e1, o1 := x0&lanes, x0>>8&lanes, x1&lanes, x1>>8&lanes
			s2 += 16*s1 + (e0*even0+o0*odd0+e1*even1+o1*odd1)>>48
			s1 += (e0 + o0 + e1 + o1) * ones >> 48
			p = p[16:]
		}
		for _, c := range p {
			s1 += uint64(c)
			s2 += s1
		}
		s1 %= mod
		s2 %= mod
	}
	return uint32(s2<<16 | s1)
}

// deflate returns data compressed as deflateTo does.
func deflate(data []byte, kind streamKind) []byte {
	buf := scratchPool.Get().(*bytes.Buffer)
	deflateTo(buf, data, kind)
	out := bytes.Clone(buf.Bytes())
	scratchPool.Put(buf)
	return out
}

// flateStream returns a stream object holding data (content, CMaps, ICC
// profiles: anything but font programs), compressed unless it is shorter
// than minDeflate.
func flateStream(data []byte, kind streamKind) *core.PdfStream {
	if len(data) < minDeflate {
		return core.NewPdfStream(bytes.Clone(data))
	}
	s := core.NewPdfStream(deflate(data, kind))
	s.Dict.Set("Filter", core.NewPdfName("FlateDecode"))
	return s
}

// shared is the data of a stream that documents share (a kept font's
// ToUnicode CMap, the ICC profile): compressed once, as flateStream
// compresses it, and never changed.
type shared struct {
	data       []byte
	compressed bool
}

func newShared(data []byte, kind streamKind) shared {
	if len(data) < minDeflate {
		return shared{data, false}
	}
	return shared{deflate(data, kind), true}
}

// stream returns a new stream object holding s's data.
func (s shared) stream() *core.PdfStream {
	st := core.NewPdfStream(s.data)
	if s.compressed {
		st.Dict.Set("Filter", core.NewPdfName("FlateDecode"))
	}
	return st
}
