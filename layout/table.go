package layout

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/columns"
	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/style"
)

// table sets an official table from its form/ grid: column widths and type
// size from package columns (the form's weights, widened where this
// report's numbers and header words need it), cell text broken by the same
// line breaker, rows as tall as their tallest cell; rules on every cell
// edge, each drawn once, and Band cells shaded and set flush left, as the
// Word template sets them.

// tableLayout is a table set but not yet placed.
type tableLayout struct {
	e    *engine
	g    *form.Grid
	t    *form.Table
	head int            // head rows, repeated on each page
	x    []style.Length // Cols+1 column edges, absolute
	h    []style.Length // row heights
	cell []*cellText    // per cell of t.Cells: the cache's, or set for this table
	segs []segment      // where its rows went, filled by paginate
	plan columns.Plan   // column widths and type size
	lh   style.Length   // line pitch inside its cells

	// block is the index of the table's block in the document.
	block int
}

// cellText is the text of one cell broken into lines.
type cellText struct {
	p      *para
	lines  []span
	xs     [][]style.Length // per line, relative to the content box
	tops   []style.Length   // per line, its top below the top of the text
	bases  []style.Length   // per line, its baseline below the top of the text
	height style.Length     // of the lines, without padding
	room   style.Length     // content width
}

// fit returns how many lines of the cell fit in height h, at least one so
// that a part of a split cell is never blank, and their height.
func (ct *cellText) fit(h style.Length) (int, style.Length) {
	n := len(ct.lines)
	if n == 0 {
		return 0, 0
	}
	for n > 1 && ct.top(n) > h+eps {
		n--
	}
	return n, ct.top(n)
}

// top returns the top of line k below the top of the text (k = len(lines)
// gives the text's height).
func (ct *cellText) top(k int) style.Length {
	if k == len(ct.lines) {
		return ct.height
	}
	return ct.tops[k]
}

// segment is the part of a table on one page.
type segment struct {
	page int
	rows []int          // grid rows, increasing; head rows first on later pages
	ys   []style.Length // top of each row, from the page top
}

// setTable breaks the text of every cell and sizes the rows.
func (e *engine) setTable(b document.Block) (*tableLayout, error) {
	gr := b.Table
	if gr == nil || gr.Form == nil || gr.Form.Grid() == nil {
		return nil, fmt.Errorf("%s: layout: table without a grid", b.Source)
	}
	t := gr.Form
	g := t.Grid()
	tl := &tableLayout{e: e, g: g, t: t, head: t.HeadRows, cell: make([]*cellText, len(t.Cells)), h: make([]style.Length, g.Rows)}
	// Columns and type size from the values of this report (package
	// columns, which render/docx reads too), centred on the measure.
	tl.plan = columns.Fit(gr, e.s, e.c.fs)
	x := e.s.Left + (e.s.Measure()-tl.plan.Width())/2
	tl.x = append(tl.x, x)
	for _, w := range tl.plan.Widths {
		x += w
		tl.x = append(tl.x, x)
	}
	f := e.s.Table
	f.Size = tl.plan.Size
	lh := f.Size * style.Length(e.s.TableLineGap)
	tl.lh = lh
	padX, padY := e.s.TableCellPadX, e.s.TableCellPadY
	// One note under its number puts every note of the table under its.
	notesUnder := tl.plan.NotesUnder(gr, e.s, e.c.fs)
	// The glyphs and paragraphs of the cells not in the cache, one
	// allocation each for the table, made at the first such cell: in a
	// batch most cells are.
	var (
		slab  []glyph
		paras []para // of cells [first, len(t.Cells))
		flags []bool // the paragraphs' tables
		gaps  []style.Length
		first int
	)
	for i, c := range t.Cells {
		src := b.Source
		if i < len(gr.Sources) && gr.Sources[i] != "" {
			src = gr.Sources[i]
		}
		text := ""
		if i < len(gr.Texts) {
			text = gr.Texts[i]
		}
		ct := cellText{room: tl.x[c.Col+c.ColSpan] - tl.x[c.Col] - 2*padX}
		var inset style.Length
		if c.Kind == form.Value {
			// A number and the lines of its note keep the plan's Pad
			// from the rules, not just the cell's padding: a wrapped
			// note never fills its line up to the padding.
			if r := tl.plan.ValueRoom(e.s, c.Col, c.ColSpan); r < ct.room {
				inset = (ct.room - r) / 2
				ct.room = r
			}
		}
		key := cellKey{s: e.s, fs: e.c.fs, text: text, size: f.Size, room: ct.room, inset: inset,
			kind: c.Kind, vertical: c.Vertical, notesUnder: notesUnder, noteWraps: tl.plan.NoteWraps}
		if set, ok := cells.Get(key); ok {
			tl.cell[i] = set
			continue
		}
		if paras == nil {
			n := 0
			for k := i; k < len(gr.Texts); k++ {
				n += utf8.RuneCountInString(gr.Texts[k])
			}
			slab, paras, first = make([]glyph, 0, n), make([]para, len(t.Cells)-i), i
			flags, gaps = make([]bool, 2*n), make([]style.Length, n)
		}
		gs, err := e.c.collect(slab[len(slab):], src, run{text, f})
		if err != nil {
			return nil, err
		}
		gs = gs[:len(gs):len(gs)]
		pa := &paras[i-first]
		if at, k := len(slab), len(gs); cap(slab)-at >= k {
			slab = slab[:at+k]
			// reset uses these, being large enough.
			pa.flags, pa.gap = flags[2*at:2*at:2*(at+k)], gaps[at:at:at+k]
		}
		pa.reset(gs)
		ct.p = pa
		ct.p.cell = true
		// The table's own break rules on top of the breaker's: a header
		// between its words, a value only before its note's （.
		if !c.Vertical && len(gs) == utf8.RuneCountInString(text) {
			for k, ok := range tl.plan.Breaks(c, text) {
				if k > 0 && !ok {
					ct.p.brk[k] = false
				}
			}
		}
		switch {
		case len(gs) == 0:
		case c.Vertical:
			// One character a line, centred; an enumeration comma takes
			// half a line, in the upper right of its square.
			var y style.Length
			for k := range gs {
				l := span{start: k, end: k + 1}
				xs := ct.p.place(l, ct.room, alignCenter, true)
				h, b := lh, y+baseline(lh, f.Size)
				if strings.ContainsRune(verticalCommas, gs[k].r) {
					h = lh * verticalCommaLine
					ink, ok := inkOf(gs[k].face, gs[k].r)
					if !ok {
						ink = nominalComma
					}
					size := gs[k].size
					xs[0] = ct.room/2 + verticalCommaShift*size - style.Length((ink.x0+ink.x1)/2)*size
					b = y + h/2 + style.Length((ink.y0+ink.y1)/2)*size
				}
				ct.lines = append(ct.lines, l)
				ct.xs = append(ct.xs, xs)
				ct.tops = append(ct.tops, y)
				ct.bases = append(ct.bases, b)
				y += h
			}
			ct.height = y
		default:
			al := alignCenter
			switch c.Kind {
			case form.Label:
				al = alignJustify
			case form.Band:
				al = alignLeft
			}
			ct.lines = ct.p.lines(func(int) style.Length { return ct.room })
			if k := enumerator(gs); c.Kind == form.Label && len(ct.lines) > 1 && k > 0 &&
				ct.p.width(span{start: k, end: len(gs)}) <= ct.room+eps {
				ct.p.hard = k
				ct.lines = ct.p.lines(func(int) style.Length { return ct.room })
			}
			if c.Kind == form.Label && len(ct.lines) > 1 {
				ct.lines = labelLines(ct.p, ct.room)
			}
			if k := note(gs); c.Kind == form.Value && k > 0 &&
				(notesUnder || len(ct.lines) > 1 || columns.Width(e.c.fs, e.s, text, f.Size) > ct.room) {
				// 1234567（其中修订203418件）: the number on a line of its own.
				// Also when the value and its note fit only with their
				// marks squeezed: render/docx breaks there (by the same
				// columns.Width), as Word and LibreOffice do not squeeze
				// （ after a digit.
				ct.p.hard = k
				ct.lines = ct.p.lines(func(int) style.Length { return ct.room })
			}
			if c.Kind == form.Label && len(ct.lines) == 1 {
				al = alignLeft
			}
			for k, l := range ct.lines {
				la := al
				if extra, n := ct.p.stretch(l, ct.room); al == alignJustify && n > 0 &&
					extra > labelSpacing*l.size(ct.p)+eps {
					// Flush left rather than letter-spaced: a line that
					// gave its last character down to the next, or that
					// 禁则 shortened and nothing squeezed fits.
					la = alignLeft
				}
				xs := ct.p.place(l, ct.room, la, k == len(ct.lines)-1)
				for j := range xs {
					xs[j] += inset
				}
				ct.xs = append(ct.xs, xs)
				top := lh * style.Length(k)
				ct.tops = append(ct.tops, top)
				ct.bases = append(ct.bases, top+baseline(lh, f.Size))
			}
			ct.height = lh * style.Length(len(ct.lines))
		}
		tl.cell[i] = new(cellText)
		*tl.cell[i] = ct
		keepCell(key, ct)
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

// chunks returns the table as boxes, one a row, each kept with the next
// as columns.KeepWithNext says (the same rule the DOCX writes as
// w:keepNext): Keep ranges, the head with the first body row (so that a
// heading before the table keeps with both), and no row of a tall
// spanning cell alone on a page.
func (tl *tableLayout) chunks() []box {
	keep := columns.KeepWithNext(tl.t, tl.e.s, tl.plan.Size)
	bs := make([]box, tl.g.Rows)
	for r := range bs {
		bs[r] = box{h: tl.h[r], table: tl, first: r, last: r, keepNext: keep[r]}
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
	// The fragments of each segment, in reading order.
	type cf struct {
		cell int
		f    fragment
	}
	var all []cf
	// seen[cell] is the index in all of the cell's fragment in the
	// current segment, or −1: the cell is not in it yet.
	seen := make([]int, len(tl.cell))
	for si, sg := range tl.segs {
		for i := range seen {
			seen[i] = -1
		}
		for k, r := range sg.rows {
			for c := 0; c < tl.g.Cols; c++ {
				ci, _ := tl.g.At(r, c)
				if j := seen[ci]; j >= 0 {
					if all[j].f.b == k-1 && sg.rows[k-1] == r-1 {
						all[j].f.b = k
					}
					continue
				}
				seen[ci] = len(all)
				all = append(all, cf{ci, fragment{si, k, k}})
			}
		}
	}
	e := tl.e
	padY := e.s.TableCellPadY
	// rect returns the rectangle of a fragment on its page.
	rect := func(x cf) (y0, y1 style.Length) {
		sg := tl.segs[x.f.seg]
		return sg.ys[x.f.a], sg.ys[x.f.b] + tl.h[sg.rows[x.f.b]]
	}
	// whole[cell] is the fragment that prints the cell's whole text: the
	// first that holds it, else the roomiest. Every other part of a cell
	// split across pages repeats as much of the text as fits, marked
	// Repeat, so a part is never blank and the text is printed once; a
	// vertical cell repeats only where it fits whole.
	whole := seen // −1: none yet
	for i := range whole {
		whole[i] = -1
	}
	for i, x := range all {
		y0, y1 := rect(x)
		j := whole[x.cell]
		if j < 0 {
			whole[x.cell] = i
			continue
		}
		ct := tl.cell[x.cell]
		p0, p1 := rect(all[j])
		if n, _ := ct.fit(p1 - p0 - 2*padY); n < len(ct.lines) && y1-y0 > p1-p0 {
			whole[x.cell] = i
		}
	}
	// Room on each page for the runs drawn below, about one a line, so
	// that a page's texts grow once rather than doubling run by run.
	for si, sg := range tl.segs {
		if si > 0 && sg.page == tl.segs[si-1].page {
			continue
		}
		lines := 0
		for _, x := range all {
			if tl.segs[x.f.seg].page == sg.page {
				lines += len(tl.cell[x.cell].lines)
			}
		}
		pg := &e.pages[sg.page]
		pg.Texts = slices.Grow(pg.Texts, lines)
	}
	for i, x := range all {
		c := tl.t.Cells[x.cell]
		sg := tl.segs[x.f.seg]
		pg := &e.pages[sg.page]
		x0, x1 := tl.x[c.Col], tl.x[c.Col+c.ColSpan]
		y0, y1 := rect(x)
		if c.Kind == form.Band && e.s.BandShade < 1 {
			pg.Fills = append(pg.Fills, Fill{X: x0, Y: y0, W: x1 - x0, H: y1 - y0, Gray: e.s.BandShade})
		}
		ct := tl.cell[x.cell]
		room := y1 - y0 - 2*padY
		n, h := ct.fit(room)
		// The whole text where it does not fit: its lines drawn closer.
		scale := style.Length(1)
		if whole[x.cell] == i && n < len(ct.lines) {
			n, h = len(ct.lines), room
			// The tops move closer so that the last line ends at the
			// bottom of the room.
			last := ct.height - ct.tops[n-1]
			scale = max(0, (room-last)/(ct.height-last))
		}
		if c.Vertical && whole[x.cell] != i && n < len(ct.lines) {
			// 三、本年度办理结果 is a word: printed whole in a part where
			// it fits, never cut to 三、本年 (issue 9).
			continue
		}
		top := y0 + (y1-y0-h)/2
		from := len(pg.Texts)
		for k := 0; k < n; k++ {
			base := ct.tops[k]*scale + (ct.bases[k] - ct.tops[k])
			pg.Texts = ct.p.texts(&e.arena, pg.Texts, ct.lines[k], ct.xs[k], x0+e.s.TableCellPadX, top+base)
		}
		for k := from; k < len(pg.Texts); k++ {
			pg.Texts[k].Block, pg.Texts[k].Cell = tl.block, x.cell
		}
		if whole[x.cell] != i {
			for k := from; k < len(pg.Texts); k++ {
				pg.Texts[k].Repeat = true
			}
		}
	}
	for _, sg := range tl.segs {
		tl.rules(&e.pages[sg.page], sg)
	}
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

// verticalCommas are the marks that sit in the lower left of their square
// in horizontal text and in the upper right in vertical text (GB/T 15834
// §5.1.2; clreq §3.1.6): in a vertical cell such as 三、本年度办理结果 they
// are moved there rather than centred like a Han character.
const verticalCommas = "、，。．"

// verticalCommaLine is the height of a vertical comma's line, in lines: half,
// so that 三、本 reads as one word, as printed reports set it.
const verticalCommaLine = 0.5

// verticalCommaShift is how far right of the column's centre a vertical
// comma's ink is centred, in em: the middle of the square's right half.
const verticalCommaShift = 0.25

// nominalComma is the ink box of 、 in em when its outline cannot be read
// (FandolSong's, measured).
var nominalComma = bounds{x0: 0.15, y0: -0.07, x1: 0.35, y1: 0.13}

// note returns where the note of a value cell starts, its "（", or 0.
func note(gs []glyph) int {
	for k, g := range gs {
		if g.r == '（' || g.r == '(' {
			return k
		}
	}
	return 0
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

// labelSpacing is the most space, in em, that justification may add
// between the characters of a label's line before the line counts as
// letter-spaced (理 由 逾 期 不 补 when 禁则 pushes 正 down before 、).
const labelSpacing = 0.15

// labelLines breaks the text of a row label in room, first fit like any
// cell, with two repairs: a line that 禁则 leaves letter-spaced takes the
// next word too when it fits with its marks set half width (补正、 with 、
// squeezed), and the last line never holds a single character: the line
// before gives one down, as prose does (1.属于国家/秘密, not 1.属于国家秘/密).
func labelLines(p *para, room style.Length) []span {
	from := func(ls []span, s int) []span {
		for s < len(p.gs) {
			l := tighten(p, p.next(s, room), room)
			ls = append(ls, l)
			s = l.end
		}
		return ls
	}
	ls := from(nil, 0)
	for try := 0; try < maxWidowFixes && len(ls) >= 2 && p.shortLastLine(ls[len(ls)-1]); try++ {
		k := len(ls) - 2
		pen := ls[k]
		b := -1
		for i := pen.end - 1; i > pen.start && i > p.hard; i-- {
			if p.brk[i] {
				b = i
				break
			}
		}
		if b < 0 || b == p.hard {
			break
		}
		ls = from(append(ls[:k:k], span{start: pen.start, end: b}), b)
	}
	return ls
}

// tighten returns line l of a label, or, when justification would space
// its characters more than labelSpacing apart, the line with the next
// word too and every mark set half width if that fits room.
func tighten(p *para, l span, room style.Length) span {
	if l.end >= len(p.gs) || l.end == p.hard {
		return l
	}
	extra, n := p.stretch(l, room)
	if n == 0 || extra <= labelSpacing*l.size(p)+eps {
		return l
	}
	e := l.end + 1
	for e < len(p.gs) && !p.brk[e] {
		e++
	}
	if p.hard > l.start && e > p.hard {
		return l
	}
	if t := (span{start: l.start, end: e, squeeze: true}); p.width(t) <= room+eps {
		return t
	}
	return l
}

// size is the type size of line l's first glyph.
func (l span) size(p *para) style.Length { return p.gs[l.start].size }
