package pdf

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"io"
	"math"
	"strconv"
	"strings"
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
// objects (43 KB, most of them the structure tree) in one stream took 9.5
// KB and 145 µs at level 2, in three streams of 200 10.0 KB and 158 µs
// (medians of 15 rounds, klauspost; level 1: 9.6 KB, 136 µs; Huffman
// only: 26.4 KB, 118 µs; level 5: 8.0 KB, 245 µs). They are deflated as
// content streams are (deflate.go).
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
			body.Write(appendObject(body.AvailableBuffer(), f.objs[num-1]))
			body.WriteByte('\n')
			entries[num] = entry{2, uint32(stmNum), uint32(k)}
		}
		entries = append(entries, entry{1, uint32(w.n), 0})
		first := head.Len()
		head.Write(body.Bytes()) // the offsets, then the objects
		writeObjStm(w, stmNum, len(chunk), first, head.Bytes())
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
	x := flateStream(table, kindXRef)
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

// writeObjStm writes object stream num of n objects, whose data are
// their offsets (the first bytes) and the objects: compressed as
// flateStream does, in buffers kept for reuse.
func writeObjStm(w *counter, num, n, first int, data []byte) {
	b := w.scratch[:0]
	b = strconv.AppendInt(b, int64(num), 10)
	b = append(b, " 0 obj\n<< "...)
	if len(data) >= minDeflate {
		buf := scratchPool.Get().(*bytes.Buffer)
		defer scratchPool.Put(buf)
		deflateTo(buf, data, kindObjStm)
		data = buf.Bytes()
		b = append(b, "/Filter /FlateDecode "...)
	}
	b = append(b, "/Type /ObjStm /N "...)
	b = strconv.AppendInt(b, int64(n), 10)
	b = append(b, " /First "...)
	b = strconv.AppendInt(b, int64(first), 10)
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

// writeObject writes obj as indirect object num: a stream's dictionary
// into the counter's scratch buffer, its data straight to the file.
func writeObject(w *counter, num int, obj core.PdfObject) {
	b := strconv.AppendInt(w.scratch[:0], int64(num), 10)
	b = append(b, " 0 obj\n"...)
	if s, ok := obj.(*core.PdfStream); ok && !s.WillCompress() {
		s.Dict.Set("Length", core.NewPdfInteger(len(s.Data))) // as folio's WriteTo does
		b = appendObject(b, s.Dict)
		b = append(b, "\nstream\n"...)
		w.Write(b)
		w.Write(s.Data)
		w.WriteString("\nendstream\nendobj\n")
		w.scratch = b
		return
	}
	b = appendObject(b, obj)
	b = append(b, "\nendobj\n"...)
	w.Write(b)
	w.scratch = b
}

// appendObject appends obj in PDF syntax, byte for byte as folio's
// WriteTo methods write it (TestAppendObject), without their fmt calls
// and a string built for every name: folio's WriteTo was a third of
// file.write.
func appendObject(b []byte, obj core.PdfObject) []byte {
	switch o := obj.(type) {
	case appender:
		return o.appendTo(b)
	case *core.PdfDictionary:
		b = append(b, "<<"...)
		for k, v := range o.All() {
			b = append(b, ' ')
			b = appendName(b, k)
			b = append(b, ' ')
			b = appendObject(b, v)
		}
		return append(b, " >>"...)
	case *core.PdfName:
		return appendName(b, o.Value)
	case *core.PdfArray:
		b = append(b, '[')
		for i, v := range o.All() {
			if i > 0 {
				b = append(b, ' ')
			}
			b = appendObject(b, v)
		}
		return append(b, ']')
	case *core.PdfNumber:
		if o.IsInteger() {
			return strconv.AppendInt(b, int64(o.FloatValue()), 10)
		}
		return appendReal(b, o.FloatValue())
	case *core.PdfIndirectReference:
		b = strconv.AppendInt(b, int64(o.ObjectNumber), 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(o.GenerationNumber), 10)
		return append(b, " R"...)
	case *core.PdfBoolean:
		return strconv.AppendBool(b, o.Bool())
	case *core.PdfString:
		if o.IsHex() {
			b = append(b, '<')
			t := o.Text()
			for i := range len(t) {
				b = append(b, upperHex[t[i]>>4], upperHex[t[i]&15])
			}
			return append(b, '>')
		}
		return appendLiteral(b, o.Text())
	case *core.PdfNull:
		return append(b, "null"...)
	}
	var buf bytes.Buffer // anything else, as folio writes it
	obj.WriteTo(&buf)
	return append(b, buf.Bytes()...)
}

// appendName appends /name, with the bytes a name cannot hold as #XX
// (ISO 32000-1 §7.3.5), as folio's encodeName does.
func appendName(b []byte, name string) []byte {
	b = append(b, '/')
	for i := range len(name) {
		c := name[i]
		if c < 0x21 || c > 0x7e || strings.IndexByte("#()<>[]{}/%", c) >= 0 {
			b = append(b, '#', upperHex[c>>4], upperHex[c&15])
			continue
		}
		b = append(b, c)
	}
	return b
}

const upperHex = "0123456789ABCDEF"

// appendReal appends v as folio's formatReal writes a real: one decimal
// for a whole number, else at most six without trailing zeros.
func appendReal(b []byte, v float64) []byte {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return append(b, "0.0"...)
	case v == math.Trunc(v) && math.Abs(v) < 1e15:
		return strconv.AppendFloat(b, v, 'f', 1, 64)
	}
	start := len(b)
	b = strconv.AppendFloat(b, v, 'f', 6, 64)
	i := len(b) - 1
	for i > start && b[i] == '0' {
		i--
	}
	if b[i] == '.' {
		i++
	}
	return b[:i+1]
}

// appendLiteral appends s as a literal string, escaped as folio's
// EscapeLiteralString escapes it.
func appendLiteral(b []byte, s string) []byte {
	b = append(b, '(')
	for i := range len(s) {
		switch c := s[i]; {
		case c == '\\' || c == '(' || c == ')':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, `\n`...)
		case c == '\r':
			b = append(b, `\r`...)
		case c == '\t':
			b = append(b, `\t`...)
		case c <= 0x1f:
			b = append(b, '\\', '0'+c>>6, '0'+c>>3&7, '0'+c&7)
		default:
			b = append(b, c)
		}
	}
	return append(b, ')')
}

// counter counts the bytes written and keeps the first error.
type counter struct {
	w       io.Writer
	n       int64
	err     error
	scratch []byte // for object headers
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
