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

// elem is one structure element. Elements live in one slice
// (tagger.pool) and name each other by their place in it: apart from its
// tagger an element holds no pointer, so that making hundreds of them
// costs no write barriers and gives the garbage collector little to scan.
type elem struct {
	t      *tagger
	num    int32 // its object number
	index  int32 // its place in t.pool, the order of object numbers
	parent int32 // none: the Document element, under the tree root
	first  int32 // its first child element, the others through next; or none
	last   int32
	next   int32
	cell   int32 // in a table, its cell
	table  int16 // in a table, its table's tags in t.tables; else none
	typ    uint8 // structure type: typeNames[typ]
}

// none is the index of no element, or of no table.
const none = -1

// Structure types (elem.typ).
const (
	sDocument = iota
	sH1
	sH2
	sP
	sTable
	sTHead
	sTBody
	sTR
	sTH
	sTD
)

var typeNames = [...]string{"Document", "H1", "H2", "P", "Table", "THead", "TBody", "TR", "TH", "TD"}

// name is e's structure type: H1, P, TD, ….
func (e *elem) name() string { return typeNames[e.typ] }

// id is e's /ID, for a TH that TDs name, or "".
func (e *elem) id() string {
	if e.table == none {
		return ""
	}
	return e.t.tables[e.table].id[e.cell]
}

// mark is a marked-content sequence of element e (its index): MCID mcid
// on page.
type mark struct{ e, page, mcid int32 }

// key names the element of a text: its block and, in a table, its cell;
// in a paragraph with a run-in heading, part 0 is the heading and 1 the
// text; in the closing block, the line.
type key struct{ block, part int }

// tagger builds the structure tree of one document. It allocates little:
// a document has hundreds of elements, and the tree must not cost more
// than a small part of writing the file (issue 13: 15 %).
type tagger struct {
	f      *file
	doc    *document.Document
	pool   []elem       // every element, in the order of their object numbers; pool[0] is the Document
	tables []*tableTags // the tags of the document's tables
	parts  []int32      // the element of key{b, p} is parts[start[b]+p]
	start  []int        // per block, and one more: where its parts begin
	ids    []int32      // elements with an /ID

	// per block, while pages are drawn
	leadLeft []int // runes of the run-in heading not yet drawn; -1: none
	// closeLeft is, in a closing block, the runes of the line being drawn
	// (an agency name, the date) not yet drawn: a long agency name is set
	// on several lines of the page, but is one P.
	closeLeft []int
	line      []int // closing block: the line being drawn

	marks []mark // in the order drawn: by page, then MCID

	// set by finish, for writing the elements
	rootNum int    // the structure tree root's object number
	pageNum []int  // per page, its object number
	at      []int  // the marks of element i are byElem[at[i]:at[i+1]]
	byElem  []mark // marks, by element, each element's in the order drawn
}

func newTagger(d *document.Document, f *file) *tagger {
	n := len(d.Blocks)
	ints := make([]int, 3*n+1)
	t := &tagger{f: f, doc: d, start: ints[:n+1], leadLeft: ints[n+1 : 2*n+1],
		closeLeft: ints[2*n+1 : 3*n+1], line: make([]int, n)}
	elems, parts := count(d)
	t.pool = make([]elem, 0, elems)
	t.parts = make([]int32, 0, parts)
	root := t.elem(none, sDocument)
	for i, b := range d.Blocks {
		t.start[i] = len(t.parts)
		t.leadLeft[i] = -1
		switch b.Kind {
		case document.Title, document.Heading1:
			t.parts = append(t.parts, t.elem(root, sH1))
		case document.Heading2:
			t.parts = append(t.parts, t.elem(root, sH2))
		case document.Paragraph:
			if b.Lead != "" {
				t.parts = append(t.parts, t.elem(root, sH2), t.elem(root, sP))
				t.leadLeft[i] = utf8.RuneCountInString(b.Lead)
			} else {
				t.parts = append(t.parts, t.elem(root, sP))
			}
		case document.Note:
			t.parts = append(t.parts, t.elem(root, sP))
		case document.Closing:
			for range b.Lines {
				t.parts = append(t.parts, t.elem(root, sP))
			}
			if len(b.Lines) > 0 {
				t.closeLeft[i] = utf8.RuneCountInString(b.Lines[0])
			}
		case document.Table:
			t.table(root, b.Table)
		}
	}
	t.start[n] = len(t.parts)
	// The elements' objects, numbered in document order once the pool
	// holds them all (it may have moved while it grew).
	f.objs = slices.Grow(f.objs, len(t.pool)+3)
	for i := range t.pool {
		t.pool[i].num = int32(f.number(&t.pool[i]))
	}
	return t
}

// count returns how many elements newTagger makes of d, and how many of
// them are parts (tagger.parts), so that each is allocated once.
func count(d *document.Document) (elems, parts int) {
	elems = 1 // Document
	for _, b := range d.Blocks {
		k := 0
		switch b.Kind {
		case document.Title, document.Heading1, document.Heading2, document.Note:
			k = 1
		case document.Paragraph:
			k = 1
			if b.Lead != "" {
				k = 2
			}
		case document.Closing:
			k = len(b.Lines)
		case document.Table:
			gr := b.Table
			if gr == nil || gr.Form == nil || gr.Form.Grid() == nil {
				continue
			}
			ft := gr.Form
			rows := ft.Grid().Rows
			elems += 1 + rows // Table, TR
			if ft.HeadRows > 0 {
				elems++ // THead
			}
			if rows > ft.HeadRows {
				elems++ // TBody
			}
			k = len(ft.Cells)
		}
		elems += k
		parts += k
	}
	return elems, parts
}

// part returns the element of k, or nil.
func (t *tagger) part(k key) *elem {
	if k.block < 0 || k.block >= len(t.doc.Blocks) || k.part < 0 {
		return nil
	}
	if i := t.start[k.block] + k.part; i < t.start[k.block+1] {
		return &t.pool[t.parts[i]]
	}
	return nil
}

// elem adds an element of type typ under parent and returns its index.
func (t *tagger) elem(parent int32, typ uint8) int32 {
	i := int32(len(t.pool))
	t.pool = append(t.pool, elem{t: t, index: i, parent: parent, first: none, last: none, next: none,
		table: none, typ: typ})
	if parent != none {
		p := &t.pool[parent]
		if p.last == none {
			p.first = i
		} else {
			t.pool[p.last].next = i
		}
		p.last = i
	}
	return i
}

// table adds the elements of a table: its rows in grid order, each cell
// in the row where it starts.
func (t *tagger) table(root int32, gr *document.Grid) {
	if gr == nil || gr.Form == nil || gr.Form.Grid() == nil {
		return
	}
	ft := gr.Form
	tt := tagsOf(ft)
	tbl := t.elem(root, sTable)
	head, body := int32(none), int32(none)
	rows := make([]int32, ft.Grid().Rows)
	for r := range rows {
		group, typ := &body, uint8(sTBody)
		if r < ft.HeadRows {
			group, typ = &head, sTHead
		}
		if *group == none {
			*group = t.elem(tbl, typ)
		}
		rows[r] = t.elem(*group, sTR)
	}
	k := int16(len(t.tables))
	t.tables = append(t.tables, tt)
	cells := len(t.parts)
	t.parts = slices.Grow(t.parts, len(ft.Cells))[:cells+len(ft.Cells)]
	for _, i := range tt.order {
		e := t.elem(rows[ft.Cells[i].Row], tt.typ[i])
		t.pool[e].table, t.pool[e].cell = k, int32(i)
		if tt.id[i] != "" {
			t.ids = append(t.ids, e)
		}
		t.parts[cells+i] = e
	}
}

// tableTags is the structure of an official table, the same in every
// report of its format: built once per table and kept.
type tableTags struct {
	order []int    // cells by row, then column: the reading order
	typ   []uint8  // per cell: sTH or sTD
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
	tt := &tableTags{order: make([]int, n), typ: make([]uint8, n), id: make([]string, n), attrs: make([][]byte, n)}
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
		tt.typ[i] = sTH
		if c.Kind == form.Value {
			tt.typ[i] = sTD
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
			out = append(out, item{t: tx, e: t.part(key{tx.Block, tx.Cell})})
		case document.Closing:
			k := t.line[tx.Block]
			e := t.part(key{tx.Block, k})
			if e == nil { // more text than the block had
				e = t.part(key{tx.Block, len(b.Lines) - 1})
			}
			t.closeLeft[tx.Block] -= len(tx.Runes)
			if t.closeLeft[tx.Block] <= 0 && k+1 < len(b.Lines) {
				t.line[tx.Block] = k + 1
				t.closeLeft[tx.Block] = utf8.RuneCountInString(b.Lines[k+1])
			}
			out = append(out, item{t: tx, e: e})
		default:
			n := t.leadLeft[tx.Block]
			if n < 0 {
				out = append(out, item{t: tx, e: t.part(key{tx.Block, 0})})
				continue
			}
			if n >= len(tx.Runes) {
				out = append(out, item{t: tx, e: t.part(key{tx.Block, 0})})
				t.leadLeft[tx.Block] = n - len(tx.Runes)
				continue
			}
			if n > 0 {
				head := tx
				head.Runes, head.Xs = tx.Runes[:n], tx.Xs[:n]
				out = append(out, item{t: head, e: t.part(key{tx.Block, 0})})
				tx.Runes, tx.Xs = tx.Runes[n:], tx.Xs[n:]
				tx.X = tx.Xs[0]
				t.leadLeft[tx.Block] = 0
			}
			out = append(out, item{t: tx, e: t.part(key{tx.Block, 1})})
		}
	}
	return out
}

// mark returns the MCID of a new marked-content sequence of e on page.
// Pages are drawn in order.
func (t *tagger) mark(e *elem, page int) int {
	mcid := int32(0)
	if n := len(t.marks); n > 0 && int(t.marks[n-1].page) == page {
		mcid = t.marks[n-1].mcid + 1
	}
	t.marks = append(t.marks, mark{e: e.index, page: int32(page), mcid: mcid})
	return int(mcid)
}

// finish numbers the structure tree root, its ParentTree and IDTree, and
// returns the root's reference. The elements' objects are written when
// the file is (elem.appendTo).
func (t *tagger) finish(pages []*core.PdfIndirectReference) *core.PdfIndirectReference {
	root := &raw{}
	t.rootNum = t.f.number(root)
	t.pageNum = make([]int, len(pages))
	for i, p := range pages {
		t.pageNum[i] = p.Num()
	}

	// The ParentTree: per page, the element of each MCID.
	b := make([]byte, 0, 16+8*len(pages)+8*len(t.marks))
	b = append(b, "<</Nums ["...)
	m := 0
	for i := range pages {
		if i > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, " ["...)
		for k := 0; m < len(t.marks) && int(t.marks[m].page) == i; k, m = k+1, m+1 {
			if k > 0 {
				b = append(b, ' ')
			}
			b = appendNumRef(b, int(t.pool[t.marks[m].e].num))
		}
		b = append(b, ']')
	}
	b = append(b, "]>>"...)
	parentTree := t.f.number(&raw{b})

	r := []byte("<</Type /StructTreeRoot /K ")
	r = appendNumRef(r, int(t.pool[0].num))
	r = append(r, " /ParentTree "...)
	r = appendNumRef(r, parentTree)
	r = append(r, " /ParentTreeNextKey "...)
	r = strconv.AppendInt(r, int64(len(pages)), 10)
	if len(t.ids) > 0 {
		ids := slices.Clone(t.ids)
		slices.SortFunc(ids, func(a, b int32) int { return strings.Compare(t.pool[a].id(), t.pool[b].id()) })
		names := make([]byte, 0, 16+20*len(ids))
		names = append(names, "<</Names ["...)
		for k, i := range ids {
			if k > 0 {
				names = append(names, ' ')
			}
			e := &t.pool[i]
			names = append(names, '(')
			names = append(names, e.id()...)
			names = append(names, ") "...)
			names = appendNumRef(names, int(e.num))
		}
		names = append(names, "]>>"...)
		r = append(r, " /IDTree "...)
		r = appendNumRef(r, t.f.number(&raw{names}))
	}
	root.b = append(r, ">>"...)

	// The marks of each element, in the order drawn (a counting sort).
	t.at = make([]int, len(t.pool)+1)
	for _, m := range t.marks {
		t.at[m.e+1]++
	}
	for i := 1; i < len(t.at); i++ {
		t.at[i] += t.at[i-1]
	}
	t.byElem = make([]mark, len(t.marks))
	fill := slices.Clone(t.at[:len(t.pool)])
	for _, m := range t.marks {
		t.byElem[fill[m.e]] = m
		fill[m.e]++
	}
	return core.NewPdfIndirectReference(t.rootNum, 0)
}

// appendTo appends the object of e, once finish has run: its dictionary,
// written straight as bytes into the object stream that holds it.
func (e *elem) appendTo(d []byte) []byte {
	t := e.t
	d = append(d, "<</S/"...)
	d = append(d, e.name()...)
	d = append(d, "/P "...)
	if e.parent == none {
		d = appendNumRef(d, t.rootNum)
	} else {
		d = appendNumRef(d, int(t.pool[e.parent].num))
	}
	if e.table != none {
		tt := t.tables[e.table]
		if id := tt.id[e.cell]; id != "" {
			d = append(d, "/ID("...)
			d = append(d, id...)
			d = append(d, ')')
		}
		d = append(d, "/A"...)
		d = append(d, tt.attrs[e.cell]...)
	}
	own := t.byElem[t.at[e.index]:t.at[e.index+1]]
	pg := int32(-1)
	if len(own) > 0 {
		pg = own[0].page
		d = append(d, "/Pg "...)
		d = appendNumRef(d, t.pageNum[pg])
	}
	n := len(own)
	for c := e.first; c != none; c = t.pool[c].next {
		n++
	}
	if n == 0 {
		return append(d, ">>"...)
	}
	d = append(d, "/K"...)
	if n > 1 {
		d = append(d, '[')
	} else {
		d = append(d, ' ')
	}
	sep := false
	for c := e.first; c != none; c = t.pool[c].next {
		if sep {
			d = append(d, ' ')
		}
		d = appendNumRef(d, int(t.pool[c].num))
		sep = true
	}
	for _, m := range own {
		if sep {
			d = append(d, ' ')
		}
		sep = true
		if m.page == pg {
			d = strconv.AppendInt(d, int64(m.mcid), 10)
			continue
		}
		d = append(d, "<</Type/MCR/Pg "...)
		d = appendNumRef(d, t.pageNum[m.page])
		d = append(d, "/MCID "...)
		d = strconv.AppendInt(d, int64(m.mcid), 10)
		d = append(d, ">>"...)
	}
	if n > 1 {
		d = append(d, ']')
	}
	return append(d, ">>"...)
}

func (e *elem) Type() core.ObjectType { return core.ObjectTypeDictionary }

func (e *elem) WriteTo(w io.Writer) (int64, error) { return writeAppended(w, e) }

// appendNumRef appends a reference to object num: "12 0 R".
func appendNumRef(b []byte, num int) []byte {
	b = strconv.AppendInt(b, int64(num), 10)
	return append(b, " 0 R"...)
}

// raw is an object already serialised: the structure tree has hundreds
// of small dictionaries, which folio's objects would build and serialise
// with an allocation for every name and number.
type raw struct{ b []byte }

func (r *raw) appendTo(b []byte) []byte { return append(b, r.b...) }

func (r *raw) Type() core.ObjectType { return core.ObjectTypeDictionary }

func (r *raw) WriteTo(w io.Writer) (int64, error) {
	n, err := w.Write(r.b)
	return int64(n), err
}
