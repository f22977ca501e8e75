package pdf

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"io"
	"strconv"

	"github.com/carlos7ags/folio/core"
)

// file collects the objects of one PDF and writes the file: streams, the
// catalog and the Info dictionary as objects of their own, every other
// object packed into object streams, and a cross-reference stream
// (ISO 32000-1 §7.5.7–7.5.8; PDF 1.5, allowed by PDF/A-2 and -3). The
// objects are folio's (package core), which serialises them; the file
// structure is written here so that the object streams are compressed by
// the pooled compressor of deflate.go, not by a new one each.
type file struct {
	objs []core.PdfObject // object n is objs[n-1]
}

// add numbers obj and returns a reference to it.
func (f *file) add(obj core.PdfObject) *core.PdfIndirectReference {
	f.objs = append(f.objs, obj)
	return core.NewPdfIndirectReference(len(f.objs), 0)
}

// objStmSize is the most objects in one object stream: a reader that
// wants one object inflates its stream, so streams stay small.
const objStmSize = 200

// write writes the file with the given catalog, Info dictionary and file
// identifier.
func (f *file) write(out io.Writer, root, info *core.PdfIndirectReference, id []byte) error {
	w := &counter{w: bufio.NewWriterSize(out, 64<<10)}
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
	var head, body bytes.Buffer
	for start := 0; start < len(packed); start += objStmSize {
		chunk := packed[start:min(start+objStmSize, len(packed))]
		head.Reset()
		body.Reset()
		stmNum := len(entries)
		for k, num := range chunk {
			head.WriteString(strconv.Itoa(num))
			head.WriteByte(' ')
			head.WriteString(strconv.Itoa(body.Len()))
			head.WriteByte(' ')
			f.objs[num-1].WriteTo(&body)
			body.WriteByte('\n')
			entries[num] = entry{2, uint32(stmNum), uint32(k)}
		}
		first := head.Len()
		head.Write(body.Bytes())
		s := flateStream(head.Bytes())
		s.Dict.Set("Type", core.NewPdfName("ObjStm"))
		s.Dict.Set("N", core.NewPdfInteger(len(chunk)))
		s.Dict.Set("First", core.NewPdfInteger(first))
		entries = append(entries, entry{1, uint32(w.n), 0})
		writeObject(w, stmNum, s)
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

func writeObject(w *counter, num int, obj core.PdfObject) {
	w.WriteString(strconv.Itoa(num) + " 0 obj\n")
	obj.WriteTo(w)
	w.WriteString("\nendobj\n")
}

// counter counts the bytes written and keeps the first error.
type counter struct {
	w   io.Writer
	n   int64
	err error
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
