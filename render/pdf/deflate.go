package pdf

import (
	"bytes"
	"compress/zlib"
	"sync"

	"github.com/carlos7ags/folio/core"
)

// Streams are compressed here, not by folio: folio makes a new zlib
// writer (about 1 MB) for every stream, and a document has a dozen.

// Zlib levels, chosen by measuring the sample report.
const (
	// contentLevel compresses content streams and ToUnicode maps: text,
	// which zlib's default level shrinks several times over.
	contentLevel = zlib.DefaultCompression
	// fontLevel compresses font programs. CFF charstrings are nearly
	// incompressible (the default level saves 23%, best speed 20%), and
	// they are most of the bytes.
	fontLevel = zlib.BestSpeed
)

var zlibPools = map[int]*sync.Pool{}

func init() {
	for _, level := range []int{contentLevel, fontLevel} {
		zlibPools[level] = &sync.Pool{New: func() any {
			w, _ := zlib.NewWriterLevel(nil, level)
			return w
		}}
	}
}

// deflate returns data compressed with zlib at level (contentLevel or
// fontLevel).
func deflate(data []byte, level int) []byte {
	var buf bytes.Buffer
	buf.Grow(len(data)/2 + 64)
	p := zlibPools[level]
	w := p.Get().(*zlib.Writer)
	w.Reset(&buf)
	w.Write(data) // a bytes.Buffer does not fail
	w.Close()
	p.Put(w)
	return buf.Bytes()
}

// flateStream returns a stream object holding data compressed at level.
func flateStream(data []byte, level int) *core.PdfStream {
	s := core.NewPdfStream(deflate(data, level))
	s.Dict.Set("Filter", core.NewPdfName("FlateDecode"))
	return s
}
