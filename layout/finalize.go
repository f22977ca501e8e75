package layout

import (
	"slices"

	"github.com/nianbao/nianbao/style"
)

// finalize turns the lines of a paragraph into text runs at their
// positions: justified by even inter-character spacing, or aligned.

// align is how a line sits in its room.
type align uint8

const (
	alignJustify align = iota // fill the room; the last line is set left
	alignLeft
	alignCenter
	alignRight
)

// maxCellStretch is the most space, in em, that justification adds
// between two characters in a table cell: in a cell a few characters wide
// more looks like letter-spacing (（三）/不　予/公开), so such a line is set
// flush left instead.
const maxCellStretch = 0.3

// justifiable reports whether the space before glyph i may stretch: not
// inside a Latin word or a number in any digits (official-format.md §8),
// and not next to a space.
func (p *para) justifiable(i int) bool {
	a, b := p.gs[i-1].class, p.gs[i].class
	if p.tight[i] || numberGlyph(p.gs[i-1].r) && numberGlyph(p.gs[i].r) {
		return false // inside ２０２４, １５．６万, 9:00—12:00 or 〔2021〕30号
	}
	return !((a == clsNarrow || a == clsSpace) && (b == clsNarrow || b == clsSpace))
}

// place returns the x of every glyph of line l, relative to the start of
// its room, when the line is set in room with alignment al. last says the
// line is the paragraph's last, which is not stretched.
func (p *para) place(l span, room style.Length, al align, last bool) []style.Length {
	return p.placeIn(make([]style.Length, l.end-l.start), l, room, al, last)
}

// placeIn is place writing into xs, of the line's length.
func (p *para) placeIn(xs []style.Length, l span, room style.Length, al align, last bool) []style.Length {
	w := p.width(l)
	natural := w // before the gaps give anything back: stretch's width
	end := p.trim(l)
	// A line wider than its room (the breaker allows it) gives back up
	// to half of each Han–Latin gap.
	gapScale := style.Length(1)
	if w > room+eps {
		var gaps style.Length
		for i := l.start + 1; i < end; i++ {
			gaps += p.gap[i]
		}
		if gaps > 0 {
			f := min((w-room)/gaps, 0.5)
			gapScale = 1 - f
			w -= gaps * f
		}
	}
	var x, extra style.Length
	switch {
	case al == alignJustify && !last:
		var n int
		extra, n = p.stretchOf(l, room, natural, end)
		size := p.gs[l.start].size
		switch {
		case p.cell && n > 0 && extra > maxCellStretch*size:
			extra = 0
		case !p.cell:
			// Never letter-spaced: what looseEm a place does not
			// take stays at the line's end (optimal.go makes such a
			// line rare and costly).
			extra = min(extra, looseEm*size)
		}
	case al == alignCenter:
		x = (room - w) / 2
	case al == alignRight:
		x = room - w
	}
	for i := l.start; i < l.end; i++ {
		if i > l.start {
			x += p.gap[i] * gapScale
			if i < end && extra > 0 && p.justifiable(i) {
				x += extra
			}
		}
		xs[i-l.start] = x + p.gs[i].ink - p.shift(i, l)
		x += p.advance(i, l)
	}
	return xs
}

// texts appends the runs of line l at baseline y, with x0 the left of its
// room: one run for each stretch of glyphs in the same face, size and
// weight. The runs of a line share one array of runes and one of xs,
// taken from a (nil: allocated for the line).
func (p *para) texts(a *arena, ts []Text, l span, xs []style.Length, x0, y style.Length) []Text {
	same := func(a, b *glyph) bool { return a.face == b.face && a.size == b.size && a.bold == b.bold }
	n := l.end - l.start
	rs, txs := a.take(n)
	runs := 0
	for k := range n {
		g := &p.gs[l.start+k]
		rs[k] = g.r
		txs[k] = x0 + xs[k]
		if k == 0 || !same(g, &p.gs[l.start+k-1]) {
			runs++
		}
	}
	if ts == nil {
		ts = a.textRoom(runs)
	} else {
		ts = slices.Grow(ts, runs)
	}
	for i := l.start; i < l.end; {
		g := &p.gs[i]
		j := i + 1
		for j < l.end && same(&p.gs[j], g) {
			j++
		}
		a, b := i-l.start, j-l.start
		ts = append(ts, Text{X: txs[a], Y: y, Face: g.face, Size: g.size, Bold: g.bold,
			Runes: rs[a:b:b], Xs: txs[a:b:b]})
		i = j
	}
	return ts
}

// numberGlyph reports whether r belongs to a number: a digit, or a mark
// or unit that joins or ends one.
func numberGlyph(r rune) bool {
	switch r {
	case '.', ',', ':', '：', '．', '，', '－', '-', '万', '亿', '%', '％', '‰': // numberInner, numberUnits
		return true
	}
	return isAnyDigit(r)
}

// arena hands out the runes and xs of text runs from larger blocks, so
// that a layout makes a few allocations for its thousands of lines. The
// blocks are the pages' memory: a block lives while a run of it does.
type arena struct {
	rs []rune
	xs []style.Length
	ts []Text // the runs of lines set as boxes, copied onto pages
}

// textRoom returns an empty slice with room for n runs, from a block of
// runs; a nil arena allocates it.
func (a *arena) textRoom(n int) []Text {
	if a == nil || n > arenaTexts/4 {
		return make([]Text, 0, n)
	}
	if len(a.ts) < n {
		a.ts = make([]Text, arenaTexts)
	}
	ts := a.ts[:0:n]
	a.ts = a.ts[n:]
	return ts
}

// arenaTexts is the size of a block of runs: about a page of lines.
const arenaTexts = 64

// arenaBlock is the size of a block, in glyphs: about a page of text.
const arenaBlock = 1024

// take returns n runes and n xs for one line; a nil arena allocates them.
func (a *arena) take(n int) ([]rune, []style.Length) {
	if a == nil || n > arenaBlock/4 {
		return make([]rune, n), make([]style.Length, n)
	}
	if len(a.rs) < n {
		a.rs, a.xs = make([]rune, arenaBlock), make([]style.Length, arenaBlock)
	}
	rs, xs := a.rs[:n:n], a.xs[:n:n]
	a.rs, a.xs = a.rs[n:], a.xs[n:]
	return rs, xs
}
