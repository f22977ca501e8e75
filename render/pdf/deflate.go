package pdf

import (
	"bytes"
	"compress/zlib"
	"sync"

	"github.com/carlos7ags/folio/core"
)

// Streams are compressed here, not by folio: folio makes a new zlib
// writer (about 1 MB) for every stream, and a document has a dozen.

// level is the zlib level of every stream written here, chosen by
// measuring the sample report's streams (fonts 350 KB, content 61 KB):
//
//	level            fonts            content
//	store            350 KB  0.24 ms  61 KB  0.08 ms
//	Huffman only     296 KB  2.3 ms   33 KB  0.27 ms
//	best speed       293 KB  2.6 ms   11 KB  0.37 ms
//	default          284 KB  9.6 ms  9.5 KB  0.71 ms
//
// CFF charstrings are nearly incompressible, so a higher level than best
// speed costs four times the time for 3% of the size.
const level = zlib.BestSpeed

// zlibFree keeps compressors for reuse. Not a sync.Pool: a pool is emptied
// by every garbage collection, which a report's 8 MB of allocations runs
// several times, so most streams paid for a new 1 MB compressor anyway.
// Its size is a few more than the cores that render at once.
var zlibFree = make(chan *zlib.Writer, 8)

func getZlib() *zlib.Writer {
	select {
	case w := <-zlibFree:
		return w
	default:
		w, _ := zlib.NewWriterLevel(nil, level)
		return w
	}
}

func putZlib(w *zlib.Writer) {
	select {
	case zlibFree <- w:
	default:
	}
}

// scratchPool holds buffers for compressed data, copied out at its size.
var scratchPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// deflate returns data compressed with zlib.
func deflate(data []byte) []byte {
	buf := scratchPool.Get().(*bytes.Buffer)
	buf.Reset()
	w := getZlib()
	w.Reset(buf)
	w.Write(data) // a bytes.Buffer does not fail
	w.Close()
	putZlib(w)
	out := bytes.Clone(buf.Bytes())
	scratchPool.Put(buf)
	return out
}

// flateStream returns a stream object holding data compressed.
func flateStream(data []byte) *core.PdfStream {
	s := core.NewPdfStream(deflate(data))
	s.Dict.Set("Filter", core.NewPdfName("FlateDecode"))
	return s
}
