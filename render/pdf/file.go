package pdf

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"io"
	"strconv"
	"sync"

	"github.com/carlos7ags/folio/core"
)

// file collects the objects of one PDF and writes the file: streams, the
// catalog and the Info dictionary as objects of their own, every other
// object packed into object streams, and a cross-reference stream
// (ISO 32000-1 §7.5.7–7.5.8; PDF 1.5, allowed by PDF/A-2 and -3). Most
// objects are folio's (package core), which serialises them; those of the
// structure tree append their own bytes (appender), straight into their
// object stream. The file structure is written here so that the object
// streams are compressed by the pooled compressor of deflate.go, not by a
// new one each.
type file struct {
	objs []core.PdfObject // object n is objs[n-1]
}

// add numbers obj and returns a reference to it.
func (f *file) add(obj core.PdfObject) *core.PdfIndirectReference {
	return core.NewPdfIndirectReference(f.number(obj), 0)
}

// number numbers obj and returns its number.
func (f *file) number(obj core.PdfObject) int {
	f.objs = append(f.objs, obj)
	return len(f.objs)
}

// objStmSize is the most objects in one object stream. A reader that
// wants one object inflates its stream, but inflating is fast, and fewer
// streams compress better and faster: the sample report's 404 packed
// objects (43 KB, most of them the structure tree) in one stream take 9.5
// KB and 145 µs at level 2, in three streams of 200 10.0 KB and 158 µs
// (medians of 15 rounds, klauspost; level 1: 9.6 KB, 136 µs; Huffman
// only: 26.4 KB, 118 µs; level 5: 8.0 KB, 245 µs). Level 2 it stays, as
// for content streams (flateStream).
const objStmSize = 1000

// write writes the file with the given catalog, Info dictionary and file
// identifier.
func (f *file) write(out io.Writer, root, info *core.PdfIndirectReference, id []byte) error {
	bw := writers.Get().(*bufio.Writer)
	bw.Reset(out)
	defer func() {
		bw.Reset(nil) // out is not kept
		writers.Put(bw)
	}()
	w := &counter{w: bw}
	w.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	type entry struct {
		typ    byte
		f2, f3 uint32
	}
	n := len(f.objs)
	entries := make([]entry, n+1, n+16)
	entries[0] = entry{0, 0, 65535}
	var packed []int // objects that go into object streams
	for i, obj := range f.objs {
		num := i + 1
		if _, stream := obj.(*core.PdfStream); stream || num == root.Num() || num == info.Num() {
			entries[num] = entry{1, uint32(w.n), 0}
			writeObject(w, num, obj)
			continue
		}
		packed = append(packed, num)
	}
	head := scratchPool.Get().(*bytes.Buffer)
	body := scratchPool.Get().(*bytes.Buffer)
	defer scratchPool.Put(head)
	defer scratchPool.Put(body)
	for start := 0; start < len(packed); start += objStmSize {
		chunk := packed[start:min(start+objStmSize, len(packed))]
		head.Reset()
		body.Reset()
		stmNum := len(entries)
		for k, num := range chunk {
			head.Write(strconv.AppendInt(head.AvailableBuffer(), int64(num), 10))
			head.WriteByte(' ')
			head.Write(strconv.AppendInt(head.AvailableBuffer(), int64(body.Len()), 10))
			head.WriteByte(' ')
			switch obj := f.objs[num-1].(type) {
			case appender:
				body.Write(obj.appendTo(body.AvailableBuffer()))
			default:
				obj.WriteTo(body)
			}
			body.WriteByte('\n')
			entries[num] = entry{2, uint32(stmNum), uint32(k)}
		}
		entries = append(entries, entry{1, uint32(w.n), 0})
		writeObjStm(w, stmNum, len(chunk), head.Bytes(), body.Bytes())
	}
	// The cross-reference stream, which is the last object.
	xrefNum := len(entries)
	entries = append(entries, entry{1, uint32(w.n), 0})
	table := make([]byte, 0, 7*len(entries))
	for _, e := range entries {
		table = append(table, e.typ)
		table = binary.BigEndian.AppendUint32(table, e.f2)
		table = binary.BigEndian.AppendUint16(table, uint16(e.f3))
	}
	x := flateStream(table)
	x.Dict.Set("Type", core.NewPdfName("XRef"))
	x.Dict.Set("Size", core.NewPdfInteger(len(entries)))
	x.Dict.Set("W", core.NewPdfArray(core.NewPdfInteger(1), core.NewPdfInteger(4), core.NewPdfInteger(2)))
	x.Dict.Set("Root", root)
	x.Dict.Set("Info", info)
	x.Dict.Set("ID", core.NewPdfArray(core.NewPdfHexString(string(id)), core.NewPdfHexString(string(id))))
	start := w.n
	writeObject(w, xrefNum, x)
	w.WriteString("startxref\n" + strconv.FormatInt(start, 10) + "\n%%EOF\n")
	if w.err != nil {
		return w.err
	}
	return w.w.(*bufio.Writer).Flush()
}

// writers holds the buffered writers of finished files.
var writers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 64<<10) }}

// writeObjStm writes object stream num of n objects, whose offsets are
// head and objects body: compressed as flateStream does, without joining
// the two, into a buffer kept for reuse.
func writeObjStm(w *counter, num, n int, head, body []byte) {
	b := w.scratch[:0]
	b = strconv.AppendInt(b, int64(num), 10)
	b = append(b, " 0 obj\n<< "...)
	var data []byte
	if len(head)+len(body) < minDeflate {
		data = append(append(w.data[:0], head...), body...)
	} else {
		buf := scratchPool.Get().(*bytes.Buffer)
		defer scratchPool.Put(buf)
		contentZlib.deflateTo(buf, head, body)
		data = buf.Bytes()
		b = append(b, "/Filter /FlateDecode "...)
	}
	b = append(b, "/Type /ObjStm /N "...)
	b = strconv.AppendInt(b, int64(n), 10)
	b = append(b, " /First "...)
	b = strconv.AppendInt(b, int64(len(head)), 10)
	b = append(b, " /Length "...)
	b = strconv.AppendInt(b, int64(len(data)), 10)
	b = append(b, " >>\nstream\n"...)
	w.Write(b)
	w.Write(data)
	w.WriteString("\nendstream\nendobj\n")
	w.scratch = b
}

// appender is an object that appends its own bytes (the structure
// tree's): written into its object stream with no folio object and no
// io.Writer in between.
type appender interface {
	core.PdfObject
	appendTo(b []byte) []byte
}

// writeAppended writes an appender as an io.Writer wants it.
func writeAppended(w io.Writer, a appender) (int64, error) {
	n, err := w.Write(a.appendTo(nil))
	return int64(n), err
}

func writeObject(w *counter, num int, obj core.PdfObject) {
	w.WriteString(strconv.Itoa(num) + " 0 obj\n")
	obj.WriteTo(w)
	w.WriteString("\nendobj\n")
}

// counter counts the bytes written and keeps the first error.
type counter struct {
	w       io.Writer
	n       int64
	err     error
	scratch []byte // for object headers
	data    []byte // for a small object stream
}

func (c *counter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	c.n += int64(n)
	c.err = err
	return n, err
}

func (c *counter) WriteString(s string) { io.WriteString(c, s) }
