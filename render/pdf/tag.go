package pdf

import (
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/carlos7ags/folio/core"

	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/layout"
)

// The structure tree (tagged PDF, ISO 32000-1 §14.7–14.8) is built from
// the document's blocks, in their order, which is the reading order:
//
//	Document
//	  H1            the title (all its lines)
//	  P             preamble paragraphs, paragraphs, notes under tables
//	  H1            一、总体情况 … 六、其他需要报告的事项
//	  H2            （一）主动公开情况, also when run in before a paragraph
//	  Table         THead (the head rows) and TBody, TR per grid row,
//	                TH (head cells and row labels, /Scope) or TD (values,
//	                /Headers naming their column and row heads by /ID)
//	  P             each closing line (agency, date)
//
// layout tells which block (and table cell) each text run belongs to
// (layout.Text.Block, Cell); every run of a structure element on a page is
// one marked-content sequence with an MCID. Text printed again where a
// table breaks (layout.Text.Repeat), page numbers, rules and fills are
// artifacts.

// elem is one structure element.
type elem struct {
	typ    string // structure type: H1, P, TD, …
	obj    raw    // its object, written by finish
	ref    *core.PdfIndirectReference
	parent *elem
	kids   []kid
	attrs  []byte // /A, table attributes: a dictionary
	id     string // /ID, for a TH that TDs name
}

// kid is a child element or a marked-content sequence on a page.
type kid struct {
	e          *elem
	page, mcid int
}

// key names the element of a text: its block and, in a table, its cell;
// in a paragraph with a run-in heading, part 0 is the heading and 1 the
// text; in the closing block, the line.
type key struct{ block, part int }

// tagger builds the structure tree of one document.
type tagger struct {
	add   func(core.PdfObject) *core.PdfIndirectReference
	doc   *document.Document
	root  *elem
	elems map[key]*elem
	ids   []*elem // elements with an /ID
	pool  []elem  // elements are allocated in chunks

	// per block, while pages are drawn
	leadLeft map[int]int // runes of the run-in heading not yet drawn
	// closeLeft is, in a closing block, the runes of the line being drawn
	// (an agency name, the date) not yet drawn: a long agency name is set
	// on several lines of the page, but is one P.
	closeLeft map[int]int
	line      map[int]int // closing block: the line being drawn

	parents [][]*core.PdfIndirectReference // per page, per MCID: the element
}

func newTagger(d *document.Document, add func(core.PdfObject) *core.PdfIndirectReference) *tagger {
	t := &tagger{add: add, doc: d, elems: map[key]*elem{},
		leadLeft: map[int]int{}, closeLeft: map[int]int{}, line: map[int]int{}}
	t.root = t.elem(nil, "Document")
	for i, b := range d.Blocks {
		switch b.Kind {
		case document.Title, document.Heading1:
			t.elems[key{i, 0}] = t.elem(t.root, "H1")
		case document.Heading2:
			t.elems[key{i, 0}] = t.elem(t.root, "H2")
		case document.Paragraph:
			if b.Lead != "" {
				t.elems[key{i, 0}] = t.elem(t.root, "H2")
				t.elems[key{i, 1}] = t.elem(t.root, "P")
				t.leadLeft[i] = utf8.RuneCountInString(b.Lead)
			} else {
				t.elems[key{i, 0}] = t.elem(t.root, "P")
			}
		case document.Note:
			t.elems[key{i, 0}] = t.elem(t.root, "P")
		case document.Closing:
			for k := range b.Lines {
				t.elems[key{i, k}] = t.elem(t.root, "P")
			}
			if len(b.Lines) > 0 {
				t.closeLeft[i] = utf8.RuneCountInString(b.Lines[0])
			}
		case document.Table:
			t.table(i, b.Table)
		}
	}
	return t
}

// elem adds an element under parent; its object is numbered now, in
// document order, and written by finish.
func (t *tagger) elem(parent *elem, typ string) *elem {
	if len(t.pool) == cap(t.pool) {
		t.pool = make([]elem, 0, 64)
	}
	t.pool = append(t.pool, elem{typ: typ, parent: parent})
	e := &t.pool[len(t.pool)-1]
	e.ref = t.add(&e.obj)
	if parent != nil {
		parent.kids = append(parent.kids, kid{e: e})
	}
	return e
}

// table adds the elements of a table: its rows in grid order, each cell
// in the row where it starts.
func (t *tagger) table(block int, gr *document.Grid) {
	if gr == nil || gr.Form == nil || gr.Form.Grid() == nil {
		return
	}
	ft := gr.Form
	tt := tagsOf(ft)
	tbl := t.elem(t.root, "Table")
	var head, body *elem
	rows := make([]*elem, ft.Grid().Rows)
	for r := range rows {
		group := &body
		typ := "TBody"
		if r < ft.HeadRows {
			group, typ = &head, "THead"
		}
		if *group == nil {
			*group = t.elem(tbl, typ)
		}
		rows[r] = t.elem(*group, "TR")
	}
	for _, i := range tt.order {
		e := t.elem(rows[ft.Cells[i].Row], tt.typ[i])
		e.id, e.attrs = tt.id[i], tt.attrs[i]
		if e.id != "" {
			t.ids = append(t.ids, e)
		}
		t.elems[key{block, i}] = e
	}
}

// tableTags is the structure of an official table, the same in every
// report of its format: built once per table and kept.
type tableTags struct {
	order []int    // cells by row, then column: the reading order
	typ   []string // per cell: TH or TD
	id    []string // per cell: the /ID of a TH ("T3.12": table 三, cell 12)
	attrs [][]byte // per cell: the /A dictionary
}

var tableTagsCache sync.Map // *form.Table → *tableTags

func tagsOf(ft *form.Table) *tableTags {
	if v, ok := tableTagsCache.Load(ft); ok {
		return v.(*tableTags)
	}
	g := ft.Grid()
	n := len(ft.Cells)
	tt := &tableTags{order: make([]int, n), typ: make([]string, n), id: make([]string, n), attrs: make([][]byte, n)}
	for i := range tt.order {
		tt.order[i] = i
	}
	slices.SortStableFunc(tt.order, func(a, b int) int {
		ca, cb := ft.Cells[a], ft.Cells[b]
		if ca.Row != cb.Row {
			return ca.Row - cb.Row
		}
		return ca.Col - cb.Col
	})
	for i, c := range ft.Cells {
		tt.typ[i] = "TH"
		if c.Kind == form.Value {
			tt.typ[i] = "TD"
		} else {
			tt.id[i] = "T" + strconv.Itoa(ft.Number) + "." + strconv.Itoa(i)
		}
	}
	for i, c := range ft.Cells {
		a := []byte("<</O/Table")
		if c.RowSpan > 1 {
			a = append(a, "/RowSpan "...)
			a = strconv.AppendInt(a, int64(c.RowSpan), 10)
		}
		if c.ColSpan > 1 {
			a = append(a, "/ColSpan "...)
			a = strconv.AppendInt(a, int64(c.ColSpan), 10)
		}
		switch c.Kind {
		case form.Header, form.Band:
			a = append(a, "/Scope/Column"...)
		case form.Label:
			a = append(a, "/Scope/Row"...)
		case form.Value:
			if hs := headers(g, i); len(hs) > 0 {
				a = append(a, "/Headers["...)
				for _, h := range hs {
					a = append(a, '(')
					a = append(a, tt.id[h]...)
					a = append(a, ')')
				}
				a = append(a, ']')
			}
		}
		tt.attrs[i] = append(a, ">>"...)
	}
	v, _ := tableTagsCache.LoadOrStore(ft, tt)
	return v.(*tableTags)
}

// headers returns the head cells of value cell i: its column heads, from
// the nearest up (the head rows above it, up to and including the band
// that opens its group in Table 二), then its row labels, from the left.
func headers(g *form.Grid, i int) []int {
	c := g.Table.Cells[i]
	var hs []int
	seen := false
	for r := c.Row - 1; r >= 0; r-- {
		h, _ := g.At(r, c.Col)
		hc := g.Table.Cells[h]
		if hc.Kind == form.Header || hc.Kind == form.Band {
			if !slices.Contains(hs, h) {
				hs = append(hs, h)
			}
			seen = true
			if hc.Kind == form.Band {
				break
			}
			continue
		}
		if seen {
			break
		}
	}
	for col := 0; col < c.Col; col++ {
		h, _ := g.At(c.Row, col)
		if g.Table.Cells[h].Kind == form.Label && !slices.Contains(hs, h) {
			hs = append(hs, h)
		}
	}
	return hs
}

// artifact kinds of texts that are not the document's content.
const (
	content    = iota
	pagination // a table's head repeated on a new page
	footer     // the page number
)

// item is a text run to draw and what it is: content of element e, or an
// artifact.
type item struct {
	t    layout.Text
	e    *elem
	kind int
}

// items returns the texts of a page with their elements, in the page's
// order. A run that holds the end of a run-in heading and the start of
// its paragraph is split in two.
func (t *tagger) items(pg *layout.Page, out []item) []item {
	for _, tx := range pg.Texts {
		switch {
		case tx.Block < 0:
			out = append(out, item{t: tx, kind: footer})
			continue
		case tx.Repeat:
			out = append(out, item{t: tx, kind: pagination})
			continue
		case t == nil:
			out = append(out, item{t: tx})
			continue
		case tx.Block >= len(t.doc.Blocks):
			out = append(out, item{t: tx})
			continue
		}
		b := &t.doc.Blocks[tx.Block]
		switch b.Kind {
		case document.Table:
			out = append(out, item{t: tx, e: t.elems[key{tx.Block, tx.Cell}]})
		case document.Closing:
			k := t.line[tx.Block]
			e := t.elems[key{tx.Block, k}]
			if e == nil { // more text than the block had
				e = t.elems[key{tx.Block, len(b.Lines) - 1}]
			}
			t.closeLeft[tx.Block] -= len(tx.Runes)
			if t.closeLeft[tx.Block] <= 0 && k+1 < len(b.Lines) {
				t.line[tx.Block] = k + 1
				t.closeLeft[tx.Block] = utf8.RuneCountInString(b.Lines[k+1])
			}
			out = append(out, item{t: tx, e: e})
		default:
			n, ok := t.leadLeft[tx.Block]
			if !ok {
				out = append(out, item{t: tx, e: t.elems[key{tx.Block, 0}]})
				continue
			}
			if n >= len(tx.Runes) {
				out = append(out, item{t: tx, e: t.elems[key{tx.Block, 0}]})
				t.leadLeft[tx.Block] = n - len(tx.Runes)
				continue
			}
			if n > 0 {
				head := tx
				head.Runes, head.Xs = tx.Runes[:n], tx.Xs[:n]
				out = append(out, item{t: head, e: t.elems[key{tx.Block, 0}]})
				tx.Runes, tx.Xs = tx.Runes[n:], tx.Xs[n:]
				tx.X = tx.Xs[0]
				t.leadLeft[tx.Block] = 0
			}
			out = append(out, item{t: tx, e: t.elems[key{tx.Block, 1}]})
		}
	}
	return out
}

// mark returns the MCID of a new marked-content sequence of e on page.
func (t *tagger) mark(e *elem, page int) int {
	for len(t.parents) <= page {
		t.parents = append(t.parents, nil)
	}
	mcid := len(t.parents[page])
	t.parents[page] = append(t.parents[page], e.ref)
	e.kids = append(e.kids, kid{page: page, mcid: mcid})
	return mcid
}

// finish writes the elements and the structure tree root, and returns the
// root's reference.
func (t *tagger) finish(pages []*core.PdfIndirectReference) *core.PdfIndirectReference {
	root := &raw{}
	rootRef := t.add(root)
	var b []byte
	t.write(t.root, rootRef, pages)

	b = append(b, "<</Nums ["...)
	for i := range pages {
		refs := []byte{'['}
		if i < len(t.parents) {
			for k, r := range t.parents[i] {
				if k > 0 {
					refs = append(refs, ' ')
				}
				refs = appendRef(refs, r)
			}
		}
		refs = append(refs, ']')
		if i > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, ' ')
		b = append(b, refs...)
	}
	b = append(b, "]>>"...)
	parentTree := t.add(&raw{b})

	r := []byte("<</Type /StructTreeRoot /K ")
	r = appendRef(r, t.root.ref)
	r = append(r, " /ParentTree "...)
	r = appendRef(r, parentTree)
	r = append(r, " /ParentTreeNextKey "...)
	r = strconv.AppendInt(r, int64(len(pages)), 10)
	if len(t.ids) > 0 {
		ids := slices.Clone(t.ids)
		slices.SortFunc(ids, func(a, b *elem) int { return strings.Compare(a.id, b.id) })
		names := []byte("<</Names [")
		for k, e := range ids {
			if k > 0 {
				names = append(names, ' ')
			}
			names = append(names, '(')
			names = append(names, e.id...)
			names = append(names, ") "...)
			names = appendRef(names, e.ref)
		}
		names = append(names, "]>>"...)
		r = append(r, " /IDTree "...)
		r = appendRef(r, t.add(&raw{names}))
	}
	root.b = append(r, ">>"...)
	return rootRef
}

// write writes the object of e and of its descendants.
func (t *tagger) write(e *elem, parent *core.PdfIndirectReference, pages []*core.PdfIndirectReference) {
	d := append(e.obj.b[:0], "<</S/"...)
	d = append(d, e.typ...)
	d = append(d, "/P "...)
	d = appendRef(d, parent)
	if e.id != "" {
		d = append(d, "/ID("...)
		d = append(d, e.id...)
		d = append(d, ')')
	}
	if e.attrs != nil {
		d = append(d, "/A"...)
		d = append(d, e.attrs...)
	}
	pg := -1
	for _, k := range e.kids {
		if k.e == nil {
			pg = k.page
			break
		}
	}
	if pg >= 0 {
		d = append(d, "/Pg "...)
		d = appendRef(d, pages[pg])
	}
	if len(e.kids) > 0 {
		d = append(d, "/K"...)
		if len(e.kids) > 1 {
			d = append(d, '[')
		} else {
			d = append(d, ' ')
		}
		for i, k := range e.kids {
			if i > 0 {
				d = append(d, ' ')
			}
			switch {
			case k.e != nil:
				t.write(k.e, e.ref, pages)
				d = appendRef(d, k.e.ref)
			case k.page == pg:
				d = strconv.AppendInt(d, int64(k.mcid), 10)
			default:
				d = append(d, "<</Type/MCR/Pg "...)
				d = appendRef(d, pages[k.page])
				d = append(d, "/MCID "...)
				d = strconv.AppendInt(d, int64(k.mcid), 10)
				d = append(d, ">>"...)
			}
		}
		if len(e.kids) > 1 {
			d = append(d, ']')
		}
	}
	e.obj.b = append(d, ">>"...)
}

// appendRef appends an indirect reference: "12 0 R".
func appendRef(b []byte, r *core.PdfIndirectReference) []byte {
	b = strconv.AppendInt(b, int64(r.Num()), 10)
	return append(b, " 0 R"...)
}

// raw is an object already serialised: the structure tree has hundreds
// of small dictionaries, which folio's objects would build and serialise
// with an allocation for every name and number.
type raw struct{ b []byte }

func (r *raw) Type() core.ObjectType { return core.ObjectTypeDictionary }

func (r *raw) WriteTo(w io.Writer) (int64, error) {
	n, err := w.Write(r.b)
	return int64(n), err
}
