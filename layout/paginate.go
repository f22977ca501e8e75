package layout

import "github.com/nianbao/nianbao/style"

// paginate stacks boxes on pages: text lines on the grid, table rows as
// tall as they need, a box that would cross the bottom of the 版心 goes to
// the next page together with the boxes it keeps with.

// box is one unbreakable piece of the flow: a line of text, an empty line,
// or a run of table rows that stay together.
type box struct {
	h        style.Length
	grid     bool // starts on a line of the grid
	lines    int
	keepNext bool   // never the last box on a page: headings, title lines
	space    bool   // a gap: dropped at the top or the foot of a page
	texts    []Text // x absolute, y relative to the top of the box
	marks    []Mark // y relative to the top of the box

	table       *tableLayout // a chunk of rows [first, last] of table
	first, last int
}

func (e *engine) newPage() {
	pg := Page{Width: e.s.PageWidth, Height: e.s.PageHeight, Number: len(e.pages) + 1}
	if n := len(e.pages); n > 0 {
		// About as many lines as the page before: its texts grow once.
		pg.Texts = make([]Text, 0, len(e.pages[n-1].Texts))
	}
	e.pages = append(e.pages, pg)
}

// place returns where box b would start and end if the flow stood at y.
func (e *engine) place(y style.Length, b *box) (top, end style.Length) {
	top = y
	if b.grid {
		top = e.snap(y)
	}
	return top, top + b.h
}

func (e *engine) paginate(bs []box) {
	bottom := e.s.BlockHeight() + eps
	e.newPage()
	var y style.Length
	for i := range bs {
		b := &bs[i]
		if y == 0 && b.texts == nil && b.table == nil {
			continue // no empty line at the top of a page
		}
		if _, end := e.place(y, b); b.space && end > bottom {
			continue // nor a gap at its foot
		}
		// The boxes b keeps with must fit with it.
		end := y
		for k := i; k < len(bs); k++ {
			_, end = e.place(end, &bs[k])
			if !bs[k].keepNext {
				break
			}
		}
		if y > 0 && end > bottom {
			e.newPage()
			y = 0
		}
		if b.table != nil && y == 0 && b.first > 0 && b.table.head > 0 {
			// A table that breaks repeats its head rows (w:tblHeader).
			y = b.table.record(len(e.pages)-1, 0, b.table.head-1, y)
		}
		top, end := e.place(y, b)
		if y > 0 && end > bottom {
			e.newPage()
			y = 0
			top, end = e.place(y, b)
		}
		pg := &e.pages[len(e.pages)-1]
		for _, t := range b.texts {
			t.Y += e.s.Top + top
			pg.Texts = append(pg.Texts, t)
		}
		for _, m := range b.marks {
			m.Y += e.s.Top + top
			pg.Marks = append(pg.Marks, m)
		}
		if b.table != nil {
			end = b.table.record(len(e.pages)-1, b.first, b.last, top)
		}
		y = end
	}
}
