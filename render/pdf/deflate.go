package pdf

import (
	"bytes"
	"sync"

	"github.com/carlos7ags/folio/core"
	"github.com/klauspost/compress/zlib"
)

// Streams are compressed here, not by folio: folio makes a new zlib
// writer (about 1 MB) for every stream, and a document has a dozen.
//
// The compressor is github.com/klauspost/compress's, at levels chosen by
// measuring the sample report's streams (fonts 350 KB raw, content and
// CMaps 73 KB raw), standard library against klauspost:
//
//	fonts            standard library     klauspost
//	Huffman only     296.2 KB  2.3 ms     296.3 KB  0.8 ms
//	level 1          293.4 KB  2.8 ms     317.1 KB  1.2 ms
//	level 3          284.8 KB 28 ms       289.2 KB  3.5 ms
//	level 9          283.8 KB 21 ms       281.0 KB 12.8 ms
//
//	content          standard library     klauspost
//	Huffman only      39.9 KB 0.23 ms      39.8 KB 0.12 ms
//	level 1           17.1 KB 0.53 ms      16.6 KB 0.18 ms
//	level 2           16.4 KB 0.80 ms      16.3 KB 0.19 ms
//	level 9           14.8 KB 1.76 ms      14.6 KB 1.72 ms
//
// CFF outlines have few repeats for LZ77 to find: Huffman coding alone
// gives 99% of what the standard library's best speed gives, in a third
// of the time (TrueType glyf data does repeat: see parsedFace.compressor). Content streams repeat operators and coordinates:
// level 2 halves them again for little time.
const (
	programLevel = zlib.HuffmanOnly
	contentLevel = 2
)

// minDeflate is the size below which a stream is stored as it is: zlib's
// header, checksum and Huffman tables eat what a few hundred bytes gain,
// and a compressor's set-up costs more than writing them.
const minDeflate = 256

// compressor is a zlib writer kept for reuse at one level. Not a
// sync.Pool: a pool is emptied by every garbage collection, which a
// report's allocations run several times, so most streams would pay for a
// new compressor anyway. The free list holds a few more than the cores
// that render at once.
type compressor struct {
	level int
	free  chan *zlib.Writer
}

var (
	programZlib = &compressor{level: programLevel, free: make(chan *zlib.Writer, 8)}
	contentZlib = &compressor{level: contentLevel, free: make(chan *zlib.Writer, 8)}
)

// scratchPool holds buffers for compressed data, copied out at its size.
var scratchPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// deflate returns data compressed with zlib.
func (c *compressor) deflate(data []byte) []byte {
	buf := scratchPool.Get().(*bytes.Buffer)
	c.deflateTo(buf, data, nil)
	out := bytes.Clone(buf.Bytes())
	scratchPool.Put(buf)
	return out
}

// deflateTo sets buf to a and b, one after the other, compressed with
// zlib.
func (c *compressor) deflateTo(buf *bytes.Buffer, a, b []byte) {
	buf.Reset()
	var w *zlib.Writer
	select {
	case w = <-c.free:
		w.Reset(buf)
	default:
		w, _ = zlib.NewWriterLevel(buf, c.level) // the level is valid
	}
	w.Write(a) // a bytes.Buffer does not fail
	w.Write(b)
	w.Close()
	select {
	case c.free <- w:
	default:
	}
}

// stream returns a stream object holding data, compressed unless it is
// shorter than minDeflate.
func (c *compressor) stream(data []byte) *core.PdfStream {
	if len(data) < minDeflate {
		return core.NewPdfStream(bytes.Clone(data))
	}
	s := core.NewPdfStream(c.deflate(data))
	s.Dict.Set("Filter", core.NewPdfName("FlateDecode"))
	return s
}

// flateStream returns a stream object holding data (content, CMaps, ICC
// profiles: anything but font programs), compressed when it pays.
func flateStream(data []byte) *core.PdfStream { return contentZlib.stream(data) }
