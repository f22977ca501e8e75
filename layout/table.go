package layout

import (
	"fmt"

	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/style"
)

// table sets an official table from its form/ grid: column widths from the
// form's weights scaled to the style's table width, cell text broken by the
// same line breaker, rows as tall as their tallest cell; rules on every cell
// edge, each drawn once, and Band cells shaded.

// tableLayout is a table set but not yet placed.
type tableLayout struct {
	e    *engine
	g    *form.Grid
	t    *form.Table
	head int            // head rows, repeated on each page
	x    []style.Length // Cols+1 column edges, absolute
	h    []style.Length // row heights
	cell []cellText     // per cell of t.Cells
	segs []segment      // where its rows went, filled by paginate
}

// cellText is the text of one cell broken into lines.
type cellText struct {
	p      *para
	lines  []span
	xs     [][]style.Length // per line, relative to the content box
	height style.Length     // of the lines, without padding
	room   style.Length     // content width
}

// segment is the part of a table on one page.
type segment struct {
	page int
	rows []int          // grid rows, increasing; head rows first on later pages
	ys   []style.Length // top of each row, from the page top
}

func (e *engine) tableLine() style.Length {
	return e.s.Table.Size * style.Length(e.s.TableLineGap)
}

// setTable breaks the text of every cell and sizes the rows.
func (e *engine) setTable(b document.Block) (*tableLayout, error) {
	gr := b.Table
	if gr == nil || gr.Form == nil || gr.Form.Grid() == nil {
		return nil, fmt.Errorf("%s: layout: table without a grid", b.Source)
	}
	t := gr.Form
	g := t.Grid()
	tl := &tableLayout{e: e, g: g, t: t, head: t.HeadRows, cell: make([]cellText, len(t.Cells)), h: make([]style.Length, g.Rows)}
	// Columns: weights scaled to the table width, centred on the measure.
	var sum float64
	for _, w := range t.Weights {
		sum += w
	}
	width := e.s.TableWidth
	if width == 0 {
		width = e.s.Measure()
	}
	x := e.s.Left + (e.s.Measure()-width)/2
	tl.x = append(tl.x, x)
	var acc float64
	for _, w := range t.Weights {
		acc += w
		tl.x = append(tl.x, x+width*style.Length(acc/sum))
	}
	f := e.s.Table
	lh := e.tableLine()
	padX, padY := e.s.TableCellPadX, e.s.TableCellPadY
	for i, c := range t.Cells {
		src := b.Source
		if i < len(gr.Sources) && gr.Sources[i] != "" {
			src = gr.Sources[i]
		}
		text := ""
		if i < len(gr.Texts) {
			text = gr.Texts[i]
		}
		gs, err := e.c.collect(nil, src, run{text, f})
		if err != nil {
			return nil, err
		}
		ct := cellText{p: newPara(gs), room: tl.x[c.Col+c.ColSpan] - tl.x[c.Col] - 2*padX}
		ct.p.cell = true
		switch {
		case len(gs) == 0:
		case c.Vertical:
			// One character a line, centred.
			for k := range gs {
				l := span{k, k + 1, false}
				ct.lines = append(ct.lines, l)
				ct.xs = append(ct.xs, ct.p.place(l, ct.room, alignCenter, true))
			}
		default:
			al := alignCenter
			if c.Kind == form.Label {
				al = alignJustify
			}
			ct.lines = ct.p.lines(func(int) style.Length { return ct.room })
			if k := enumerator(gs); c.Kind == form.Label && len(ct.lines) > 1 && k > 0 &&
				ct.p.width(span{k, len(gs), false}) <= ct.room+eps {
				ct.p.hard = k
				ct.lines = ct.p.lines(func(int) style.Length { return ct.room })
			}
			if c.Kind == form.Label && len(ct.lines) == 1 {
				al = alignLeft
			}
			for k, l := range ct.lines {
				ct.xs = append(ct.xs, ct.p.place(l, ct.room, al, k == len(ct.lines)-1))
			}
		}
		ct.height = lh * style.Length(len(ct.lines))
		tl.cell[i] = ct
	}
	// Rows: at least one line; single-row cells first, then cells that
	// span rows share out what they lack over their rows.
	for r := range tl.h {
		tl.h[r] = lh + 2*padY
	}
	for i, c := range t.Cells {
		if c.RowSpan == 1 {
			tl.h[c.Row] = max(tl.h[c.Row], tl.cell[i].height+2*padY)
		}
	}
	for span := 2; span <= g.Rows; span++ {
		for i, c := range t.Cells {
			if c.RowSpan != span {
				continue
			}
			var have style.Length
			for r := c.Row; r < c.Row+c.RowSpan; r++ {
				have += tl.h[r]
			}
			if need := tl.cell[i].height + 2*padY; need > have {
				for r := c.Row; r < c.Row+c.RowSpan; r++ {
					tl.h[r] += (need - have) / style.Length(span)
				}
			}
		}
	}
	return tl, nil
}

// chunks returns the table as boxes: runs of rows that must stay together.
// The first chunk holds the head rows and the first body row (or Keep
// range), so that a heading before the table keeps with both.
func (tl *tableLayout) chunks() []box {
	var bs []box
	for r := 0; r < tl.g.Rows; {
		last := r
		if r == 0 {
			last = tl.head
		}
		for changed := true; changed; {
			changed = false
			for _, k := range tl.t.Keep {
				if k[0] <= last && k[1] >= r && k[1] > last {
					last = k[1]
					changed = true
				}
			}
		}
		last = min(last, tl.g.Rows-1)
		var h style.Length
		for i := r; i <= last; i++ {
			h += tl.h[i]
		}
		bs = append(bs, box{h: h, table: tl, first: r, last: last})
		r = last + 1
	}
	return bs
}

// record notes that rows first..last go on page at top y and returns the y
// below them.
func (tl *tableLayout) record(page, first, last int, y style.Length) style.Length {
	if n := len(tl.segs); n == 0 || tl.segs[n-1].page != page {
		tl.segs = append(tl.segs, segment{page: page})
	}
	sg := &tl.segs[len(tl.segs)-1]
	for r := first; r <= last; r++ {
		sg.rows = append(sg.rows, r)
		sg.ys = append(sg.ys, tl.e.s.Top+y)
		y += tl.h[r]
	}
	return y
}

// drawTables draws every table on the pages paginate put it on.
func (e *engine) drawTables() {
	for _, tl := range e.tables {
		tl.draw()
	}
}

// fragment is the part of a cell in one segment: rows [a, b] of the
// segment's row list.
type fragment struct {
	seg, a, b int
}

func (tl *tableLayout) draw() {
	// Where each cell's text goes: in every segment for head cells, in
	// the tallest fragment for a body cell split across pages (first on a
	// tie), so its text is printed once.
	home := make([]fragment, len(tl.t.Cells))
	best := make([]style.Length, len(tl.t.Cells))
	for i := range home {
		home[i].seg = -1
	}
	// The fragments of each segment, in reading order.
	type cf struct {
		cell int
		f    fragment
	}
	var all []cf
	for si, sg := range tl.segs {
		seen := map[int]int{}
		var list []cf
		for k, r := range sg.rows {
			for c := 0; c < tl.g.Cols; c++ {
				ci, _ := tl.g.At(r, c)
				if j, ok := seen[ci]; ok {
					if list[j].f.b == k-1 && sg.rows[k-1] == r-1 {
						list[j].f.b = k
					}
					continue
				}
				seen[ci] = len(list)
				list = append(list, cf{ci, fragment{si, k, k}})
			}
		}
		all = append(all, list...)
	}
	for _, x := range all {
		c := tl.t.Cells[x.cell]
		if c.Row < tl.head {
			continue
		}
		h := tl.fragHeight(x.f)
		if home[x.cell].seg < 0 || h > best[x.cell]+eps {
			home[x.cell], best[x.cell] = x.f, h
		}
	}
	e := tl.e
	for _, x := range all {
		c := tl.t.Cells[x.cell]
		sg := tl.segs[x.f.seg]
		pg := &e.pages[sg.page]
		x0, x1 := tl.x[c.Col], tl.x[c.Col+c.ColSpan]
		y0 := sg.ys[x.f.a]
		y1 := sg.ys[x.f.b] + tl.h[sg.rows[x.f.b]]
		if c.Kind == form.Band && e.s.BandShade < 1 {
			pg.Fills = append(pg.Fills, Fill{X: x0, Y: y0, W: x1 - x0, H: y1 - y0, Gray: e.s.BandShade})
		}
		if c.Row >= tl.head && home[x.cell] != x.f {
			continue
		}
		ct := tl.cell[x.cell]
		lh := e.tableLine()
		top := y0 + (y1-y0-ct.height)/2
		for k, l := range ct.lines {
			y := top + lh*style.Length(k) + baseline(lh, e.s.Table.Size)
			pg.Texts = ct.p.texts(pg.Texts, l, ct.xs[k], x0+e.s.TableCellPadX, y)
		}
	}
	for _, sg := range tl.segs {
		tl.rules(&e.pages[sg.page], sg)
	}
}

func (tl *tableLayout) fragHeight(f fragment) style.Length {
	sg := tl.segs[f.seg]
	return sg.ys[f.b] + tl.h[sg.rows[f.b]] - sg.ys[f.a]
}

// rules draws the edges of every cell of segment sg, each once: runs of
// collinear edge pieces become one rule.
func (tl *tableLayout) rules(pg *Page, sg segment) {
	w := tl.e.s.TableRuleWidth
	n := len(sg.rows)
	cellAt := func(k, c int) int { i, _ := tl.g.At(sg.rows[k], c); return i }
	bottom := sg.ys[n-1] + tl.h[sg.rows[n-1]]
	// Horizontal edges: above list position k (k = n is the bottom).
	for k := 0; k <= n; k++ {
		y := bottom
		if k < n {
			y = sg.ys[k]
		}
		edge := func(c int) bool {
			if k == 0 || k == n || sg.rows[k] != sg.rows[k-1]+1 {
				return true
			}
			return cellAt(k-1, c) != cellAt(k, c)
		}
		for c := 0; c < tl.g.Cols; {
			if !edge(c) {
				c++
				continue
			}
			d := c
			for d < tl.g.Cols && edge(d) {
				d++
			}
			pg.Rules = append(pg.Rules, Rule{X1: tl.x[c], Y1: y, X2: tl.x[d], Y2: y, Width: w})
			c = d
		}
	}
	// Vertical edges: left of column c (c = Cols is the right edge).
	for c := 0; c <= tl.g.Cols; c++ {
		edge := func(k int) bool {
			if c == 0 || c == tl.g.Cols {
				return true
			}
			return cellAt(k, c-1) != cellAt(k, c)
		}
		for k := 0; k < n; {
			if !edge(k) {
				k++
				continue
			}
			j := k
			for j < n && edge(j) && (j == k || sg.rows[j] == sg.rows[j-1]+1) {
				j++
			}
			y1 := sg.ys[j-1] + tl.h[sg.rows[j-1]]
			pg.Rules = append(pg.Rules, Rule{X1: tl.x[c], Y1: sg.ys[k], X2: tl.x[c], Y2: y1, Width: w})
			k = j
		}
	}
}

// maxEnumerator is the longest enumerator of a label, （十二）.
const maxEnumerator = 4

// enumerator returns the length of the enumerator （三） that starts a
// label, or 0.
func enumerator(gs []glyph) int {
	if len(gs) == 0 || gs[0].r != '（' {
		return 0
	}
	for k := 1; k < len(gs)-1 && k <= maxEnumerator; k++ {
		if gs[k].r == '）' {
			return k + 1
		}
	}
	return 0
}
