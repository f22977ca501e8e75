package layout

import (
	"slices"

	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/memo"
	"github.com/nianbao/nianbao/style"
)

// cellcache keeps the cells of tables set before, process-wide: a batch
// sets the same form in every report, and its labels, headers and bands,
// and the commonest values (0), come out the same each time.

// cellKey is everything the lines of a cell depend on.
type cellKey struct {
	s          *style.Style
	fs         *fonts.Set
	text       string
	size       style.Length // the table's type size (columns.Plan)
	room       style.Length // the cell's content width
	inset      style.Length
	kind       form.Kind
	vertical   bool
	notesUnder bool // the plan's NotesUnder
	noteWraps  bool // the plan's NoteWraps
}

// maxCachedCells bounds the cache: a few thousand cells of a few
// characters, some megabytes. When it is full it starts again empty, so
// that it keeps what the reports being set now have in common.
const maxCachedCells = 4096

// cells maps a cellKey to its cell, set once and never changed: the
// tables of concurrent layouts point to the same cellText.
var cells = memo.Map[cellKey, *cellText]{Max: maxCachedCells}

// keepCell keeps a copy of ct in memory of its own, not the memory of the
// table it was set in.
func keepCell(k cellKey, ct cellText) {
	kept := ct
	kept.p = ct.p.clone()
	kept.lines = slices.Clone(ct.lines)
	kept.xs = make([][]style.Length, len(ct.xs))
	for i, xs := range ct.xs {
		kept.xs[i] = slices.Clone(xs)
	}
	kept.tops = slices.Clone(ct.tops)
	kept.bases = slices.Clone(ct.bases)
	cells.Put(k, &kept)
}

// clone returns a copy of p in memory of its own.
func (p *para) clone() *para {
	q := *p
	n := len(p.gs)
	q.gs = slices.Clone(p.gs)
	q.flags = make([]bool, 2*n)
	copy(q.flags, p.brk)
	copy(q.flags[n:], p.tight)
	q.brk, q.tight = q.flags[:n:n], q.flags[n:]
	q.gap = slices.Clone(p.gap)
	q.soft = slices.Clone(p.soft)
	q.url = slices.Clone(p.url)
	return &q
}
