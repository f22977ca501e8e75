package pdf

import (
	"bytes"
	"math"
	"testing"

	"github.com/carlos7ags/folio/core"
)

// TestAppendObject checks that appendObject writes every kind of object
// byte for byte as folio's WriteTo does, and writeObject a stream as
// folio's stream writer does: names and strings with every byte value,
// reals at the edges of folio's format, nested dictionaries and arrays.
func TestAppendObject(t *testing.T) {
	var all []byte
	for c := range 256 {
		all = append(all, byte(c))
	}
	objs := []core.PdfObject{
		core.NewPdfName("Type"), core.NewPdfName(string(all)), core.NewPdfName(""),
		core.NewPdfLiteralString(string(all)), core.NewPdfLiteralString(""),
		core.NewPdfHexString(string(all)), core.NewPdfHexString(""),
		core.NewPdfTextString("乐清市司法局 (2021) \\ 年报"), core.NewPdfTextString("plain (text)\n"),
		core.NewPdfBoolean(true), core.NewPdfBoolean(false), core.NewPdfNull(),
		core.NewPdfIndirectReference(0, 0), core.NewPdfIndirectReference(12345, 2),
		core.NewPdfArray(), core.NewPdfDictionary(),
	}
	for _, v := range []int{0, 1, -1, 1000, -65535, 1 << 40} {
		objs = append(objs, core.NewPdfInteger(v))
	}
	for _, v := range []float64{0, math.Copysign(0, -1), 1, -1, 1.5, 0.1, -0.25, 1e-7, 5e-7, 123456.7891234, 595.2756, 841.8898,
		1e15 - 1, 1e15, 1e20, -1e20, math.NaN(), math.Inf(1), math.Inf(-1), 0.0000005, 2.0000004, 99.9999996} {
		objs = append(objs, core.NewPdfReal(v))
	}
	nested := core.NewPdfDictionary()
	nested.Set("Type", core.NewPdfName("Font"))
	nested.Set("W", core.NewPdfArray(core.NewPdfInteger(1), core.NewPdfArray(core.NewPdfInteger(500), core.NewPdfReal(250.5))))
	nested.Set("A b#c", core.NewPdfTextString("标题"))
	inner := core.NewPdfDictionary()
	inner.Set("Ref", core.NewPdfIndirectReference(7, 0))
	inner.Set("Empty", core.NewPdfArray())
	nested.Set("Inner", inner)
	objs = append(objs, nested, core.NewPdfArray(nested, core.NewPdfNull(), core.NewPdfBoolean(true)))
	for i, obj := range objs {
		var want bytes.Buffer
		obj.WriteTo(&want)
		if got := appendObject([]byte("x"), obj); !bytes.Equal(got[1:], want.Bytes()) {
			t.Errorf("object %d: appendObject gives %q, folio %q", i, got[1:], want.Bytes())
		}
	}
	for _, data := range [][]byte{nil, []byte("q 1 0 0 1 0 0 cm Q"), all} {
		s := core.NewPdfStream(data)
		s.Dict.Set("Filter", core.NewPdfName("FlateDecode"))
		s.Dict.Set("Length", core.NewPdfInteger(1)) // rewritten
		f := core.NewPdfStream(data)
		f.Dict.Set("Filter", core.NewPdfName("FlateDecode"))
		f.Dict.Set("Length", core.NewPdfInteger(1))
		var want bytes.Buffer
		want.WriteString("3 0 obj\n")
		f.WriteTo(&want)
		want.WriteString("\nendobj\n")
		var got bytes.Buffer
		w := &counter{w: &got}
		writeObject(w, 3, s)
		if !bytes.Equal(got.Bytes(), want.Bytes()) || w.n != int64(want.Len()) {
			t.Errorf("stream of %d bytes: writeObject gives %q (counted %d), folio %q", len(data), got.Bytes(), w.n, want.Bytes())
		}
	}
	var got bytes.Buffer
	writeObject(&counter{w: &got}, 5, nested)
	var want bytes.Buffer
	nested.WriteTo(&want)
	if got.String() != "5 0 obj\n"+want.String()+"\nendobj\n" {
		t.Errorf("writeObject(dictionary) = %q", got.String())
	}
}
