package layout

import (
	"math"
	"slices"
	"sync"

	"github.com/nianbao/nianbao/style"
)

// optimal breaks a paragraph into lines all at once, in the spirit of
// Knuth and Plass's total fit (and of Typst's optimized breaker): every
// way of breaking at the opportunities is weighed, each line by how far
// justification must stretch or shrink it, and the breaks with the least
// total demerits win, so the slack before a long token is spread over the
// lines before it instead of left on one.
//
// A line's adjustability: it stretches between characters (looseEm a
// place is comfortable, finalize.go never adds more); it shrinks by a
// closing mark set half width at its end, by the ¼-em Han–Latin gaps
// giving up half, and, as a remedy with a price, by every full-width mark
// giving up its blank half (clreq §3.1.6). On a character grid a line
// never holds more cells than the grid has columns: marks may squeeze only
// on a line that also holds Latin text or digits, which is off the grid
// anyway.

// maxOptimal is the most glyphs a paragraph may have to be broken
// optimally. The breaker's work is the number of glyphs times the breaks
// that fit on one line (about 30 on the gongwen grid, 60 on a line of
// digits), and it keeps four numbers a glyph; 20 000 glyphs is some 27
// pages of gongwen text in one paragraph, which no report has. A longer
// paragraph (a pasted file, a fuzzer's input) is broken first fit.
const maxOptimal = 20000

// Demerits. A line costs (1 + badness)², badness 100·r³ for a line
// stretched r times looseEm at each place (or shrunk r times what it can
// shrink), at most maxBadness; the penalties below are added.
const (
	maxBadness = 1e4
	// raggedFactor multiplies the badness of a line that needs more
	// than looseEm a place: it will not be justified to its end.
	raggedFactor = 10
	// penaltySqueeze: the line's marks set narrower than on the lines
	// around it, worth a line stretched about 1.2 times looseEm.
	penaltySqueeze = 3e4
	// penaltyURLSlash and penaltyURLQuery: a URL broken after a / or
	// after ? & = although it would fit a line: worth a line stretched
	// 1.3 and 1.6 times looseEm.
	penaltyURLSlash = 5e4
	penaltyURLQuery = 2e5
	// penaltySoft: a 《…》 title shorter than the line split over two, or
	// a document number split from its issuer (国办发 | 〔2019〕60号),
	// worth a line stretched about 0.7 times looseEm (letter spacing
	// 0.17 em). Splitting a title is ordinary in Chinese text and hardly
	// seen; a line letter-spaced to looseEm is seen at once (the sample's
	// 为进一步规范政府信息管理工作，我局特制定了 was set at 0.23 em to keep
	// 《乐清市司法局政府信息公开审查和发布办法》 whole when this was 1.5e4).
	penaltySoft = 1e3
	// penaltyShortLast: a last line of one character (§8), worse than a
	// line stretched three times looseEm.
	penaltyShortLast = 1e7
	// penaltyURLDot and penaltyURLHyphen: an address broken before a
	// . or @, before a - or _. TUNE
	penaltyURLDot    = 3e5
	penaltyURLHyphen = 6e5
	// penaltyInside: any other token split: only when the token is
	// wider than the line, and worse than any loose line.
	penaltyInside = 1e10
	// penaltyForced: a break against §8 inside a piece wider than the
	// line that has no other place to break.
	penaltyForced = 1e12
	// overfull: a line wider than its room, when nothing else can be
	// done (a single glyph wider than the measure).
	overfull = 1e13
)

// sums are running totals over the glyphs, so that a line's width is two
// subtractions: sums[i].adv is the advance of glyphs [0, i) in mid-line
// (marks beside another already give up their half), gap the autospaces
// before them, cell their full cells, sq what squeezing their other marks
// gives, just the places where justification may stretch, narrow the
// Latin letters and digits. One array of structs: a line reads two
// entries, each one cache line.
type sums []sum

type sum struct {
	adv, gap, cell, sq style.Length
	just, narrow       int32
}

func (p *para) sums(buf sums) sums {
	n := len(p.gs)
	sm := slices.Grow(buf[:0], n+1)[:n+1]
	sm[0] = sum{}
	mid := span{start: -1, end: -1}
	for i := range p.gs {
		g := &p.gs[i]
		a, b := &sm[i], &sm[i+1]
		b.adv = a.adv + p.advance(i, mid)
		b.gap = a.gap + p.gap[i]
		b.cell = a.cell + g.w
		var q style.Length
		if g.blank != noSide && !g.paired {
			q = g.w / 2
		}
		b.sq = a.sq + q
		var j, nw int32
		if i > 0 && p.justifiable(i) {
			j = 1
		}
		if g.class == clsNarrow {
			nw = 1
		}
		b.just = a.just + j
		b.narrow = a.narrow + nw
	}
	return sm
}

// measured is a line's widths in one way of setting it.
type measured struct {
	w      style.Length // what it takes: advances and autospaces
	cells  style.Length // the same with every mark in its full cell
	shrink style.Length // what its Han–Latin gaps can give up
	places int32        // where justification may stretch
}

// measure returns the widths of line l [s, e) set with or without its
// marks squeezed and its last mark half width.
func (p *para) measure(sm sums, l span) measured {
	s, e := l.start, l.end
	t := e
	for t > s && p.gs[t-1].class == clsSpace {
		t--
	}
	if t == s {
		return measured{}
	}
	gaps := sm[t].gap - sm[s+1].gap
	m := measured{
		w:      sm[t].adv - sm[s].adv + gaps,
		cells:  sm[t].cell - sm[s].cell + gaps,
		shrink: gaps / 2,
		places: sm[t].just - sm[s+1].just,
	}
	first := &p.gs[s]
	if first.blank == leftHalf && first.paired {
		m.w += first.w / 2 // an opening mark keeps its cell at a line start
	}
	if l.squeeze {
		m.w -= sm[t].sq - sm[s].sq
		if first.blank == leftHalf && !first.paired {
			m.w += first.w / 2
		}
	}
	if t == e && t-1 > s {
		// The last glyph: the sums cut it as in mid-line.
		g := &p.gs[t-1]
		var mid style.Length
		if g.blank != noSide && (g.paired || l.squeeze) {
			mid = g.w / 2
		}
		c, _ := p.cut(t-1, l)
		m.w += mid - c
		if l.half {
			m.cells -= g.w / 2
		}
	} else if t-1 == s {
		m.w = p.advance(s, l)
		if l.half && t == e {
			m.cells -= p.gs[s].w / 2
		}
	}
	return m
}

// badness returns the demerits of line l, measured m, in room, and false
// when it does not fit.
func (p *para) badness(m measured, l span, room style.Length, last bool) (float64, bool) {
	fit := m.w
	if p.grid && !l.squeeze {
		fit = m.cells
	}
	size := p.gs[l.start].size
	var bad float64
	switch {
	case fit > room+eps:
		over := fit - room
		if over > m.shrink+eps {
			return 0, false
		}
		r := float64(over / m.shrink)
		bad = 100 * r * r * r
	case last:
	case room-m.w <= eps:
	default:
		r := stretchRatio(room-m.w, m.places, size, room)
		bad = 100 * r * r * r
		if r > 1 {
			// Justification stops at looseEm (finalize.go): the
			// rest is a gap at the line's end.
			bad *= raggedFactor
		}
		bad = min(bad, maxBadness)
	}
	d := (1 + bad) * (1 + bad)
	if l.squeeze {
		d += penaltySqueeze
	}
	return d, true
}

// stretchRatio returns r, the stretch of a line short of its room by
// slack with places where justification may stretch, in looseEm a
// place, for the badness 100·r³. A line with no place (a piece of a URL,
// which is never letter-spaced) keeps its slack at its end: up to looseEm
// r grows as for one place, beyond it as for a line of text of the same
// room (one place an em) whose justification stopped at looseEm with
// the same gap left at its end, so that a URL line a little short costs
// no more than a ragged line of text, and a line exactly full nothing.
func stretchRatio(slack style.Length, places int32, size, room style.Length) float64 {
	if places > 0 {
		return float64(slack / (style.Length(places) * looseEm * size))
	}
	loose := looseEm * size
	if slack <= loose {
		return float64(slack / loose)
	}
	return 1 + float64((slack-loose)/(room/size*loose))
}

// optimal breaks the paragraph with the least total demerits. measure(0)
// is the room of the first line, measure(1) of every other.
//
// For each place a line may end, every start from which a line fits is
// a candidate (about 30 on the gongwen grid); of equal demerits the latest
// start wins, then the first setting (settings). Most candidates are not
// worked out one by one: a line costs at least 1, and, when every line
// starts in the same size, at least what a longer line to the same end
// costs (weighFitting), so a start whose text before costs too much is
// passed over; and the many short lines stretched to maxBadness are
// weighed together (capped). TestOptimalSameAsRef checks the result
// against the plain loop over every candidate on some 35,000 paragraphs.
func (p *para) optimal(measure func(k int) style.Length) []span {
	if len(p.gs) == 0 {
		return nil
	}
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	room0, room1 := measure(0), measure(1)
	sm, cands, pen, nodes := p.candidates(sc, room0, room1)
	fit := 0 // see reach
	cw := capped{dq: sc.dq[:0], opens: sc.opens[:0]}
	defer func() { sc.dq, sc.opens = cw.dq, cw.opens }()
	uniform := true // every line starts in the same size
	for cj, nd := range nodes[:len(nodes)-1] {
		uniform = uniform && nd.size == nodes[0].size
		if nd.open {
			cw.opens = append(cw.opens, int32(cj))
		}
	}
	var en ending
	for ci := 1; ci < len(cands); ci++ {
		cur := &nodes[ci]
		p.ending(&en, sm, cands[ci], pen[cands[ci]], room0, room1)
		stop, last, fits := p.reach(sm, ci, nodes, &en, &fit)
		if !uniform || en.last || !p.weighCapped(sm, cur, ci, stop, last, fits, nodes, &en, &cw) {
			p.weighRange(sm, cur, stop+1, ci, nodes, &en)
		}
		if math.IsInf(cur.best, 1) {
			// Nothing fits (a glyph wider than the measure): the
			// shortest line from the last reachable break.
			for cj := ci - 1; cj >= 0; cj-- {
				if nd := &nodes[cj]; !math.IsInf(nd.best, 1) {
					cur.best, cur.from, cur.half, cur.squeeze = nd.best+overfull, int32(cj), false, false
					break
				}
			}
		}
	}
	return path(nodes)
}

// path returns the lines of the best breaking, read back from the last
// node.
func path(nodes []node) []span {
	var ls []span
	for ci := len(nodes) - 1; ci > 0; ci = int(nodes[ci].from) {
		nd := &nodes[ci]
		ls = append(ls, span{start: int(nodes[nd.from].s), end: int(nd.s), half: nd.half, squeeze: nd.squeeze})
	}
	slices.Reverse(ls)
	return ls
}

// candidates returns, in sc's memory, the sums, the places where a line
// may end (cands), the penalty of breaking at each place, and one node per
// place, with what a line starting there reads of the sums and of its
// first glyph, node 0 reached at no cost and the others not yet.
func (p *para) candidates(sc *scratch, room0, room1 style.Length) (sums, []int, []float64, []node) {
	n := len(p.gs)
	sm := p.sums(sc.sums)
	sc.sums = sm
	// Where a line may end: the opportunities, the URL breaks, and inside
	// a token wider than the line the places of emergency.
	pen := slices.Grow(sc.pen[:0], n+1)[:n+1]
	clear(pen)
	sc.pen = pen
	cands := append(sc.cands[:0], 0)
	minRoom := min(room0, room1)
	segStart := 0
	for e := 1; e <= n; e++ {
		if e < n && !p.brk[e] {
			continue
		}
		// [segStart, e) is a piece no opportunity breaks.
		wide := e-segStart > 1 && p.measure(sm, span{start: segStart, end: e}).w > minRoom
		for k := segStart + 1; k < e; k++ {
			switch lv := p.inside(k); {
			case lv == urlSlash:
				pen[k] = penaltyURLSlash
			case lv == urlQuery:
				pen[k] = penaltyURLQuery
			case lv == urlDot:
				pen[k] = penaltyURLDot
			case lv == urlHyphen:
				pen[k] = penaltyURLHyphen
			case lv == emergencyAny && wide:
				pen[k] = penaltyInside
			case wide:
				// A run of closing marks wider than the line (a
				// fuzzer's): §8 gives way rather than the measure.
				pen[k] = penaltyForced
			default:
				continue
			}
			cands = append(cands, k)
		}
		cands = append(cands, e)
		segStart = e
	}
	for _, t := range p.soft {
		if p.measure(sm, t).w > minRoom {
			continue
		}
		for k := t.start + 1; k < t.end; k++ {
			pen[k] += penaltySoft
		}
	}
	// One node per place a line may end, with what a line starting
	// there reads of the sums and of its first glyph, in the order the
	// loop below visits them.
	nodes := slices.Grow(sc.nodes[:0], len(cands))[:len(cands)]
	sc.nodes = nodes
	for ci, s := range cands {
		nd := &nodes[ci]
		*nd = node{s: int32(s), best: math.Inf(1)}
		if s < n {
			first := &p.gs[s]
			nd.adv, nd.cell, nd.gap, nd.just = sm[s].adv, sm[s].cell, sm[s+1].gap, sm[s+1].just
			nd.open = first.blank == leftHalf && first.paired
			nd.size = first.size
		}
	}
	nodes[0].best = 0
	sc.cands = cands
	return sm, cands, pen, nodes
}

// ending is what the lines that end at a place e have in common: t, the
// end without trailing spaces; the sums at t; adj, what a line ending at a
// glyph (t == e) gives back of what the sums cut from it in mid-line; the
// penalty of breaking at e; whether the line is the last.
type ending struct {
	e, t         int
	tail         sum
	adj          style.Length
	pen          float64
	last         bool
	room0, room1 style.Length
}

func (p *para) ending(en *ending, sm sums, e int, pen float64, room0, room1 style.Length) {
	*en = ending{e: e, t: e, pen: pen, last: e == len(p.gs), room0: room0, room1: room1}
	for en.t > 0 && p.gs[en.t-1].class == clsSpace {
		en.t--
	}
	en.tail = sm[en.t]
	if en.t == e {
		g := &p.gs[e-1]
		var mid style.Length
		if g.blank != noSide && g.paired {
			mid = g.w / 2
		}
		c, _ := p.cut(e-1, span{start: -1, end: e})
		en.adj = mid - c
	}
}

// room is the room of a line that starts at node nd.
func (en *ending) room(nd *node) style.Length {
	if nd.s == 0 {
		return en.room0
	}
	return en.room1
}

// plain is measure(sm, span{start: nd.s, end: en.e}), from what the node
// and the ending hold.
func (p *para) plain(sm sums, nd *node, en *ending) measured {
	s := int(nd.s)
	if en.t-1 <= s {
		return p.measure(sm, span{start: s, end: en.e})
	}
	gaps := en.tail.gap - nd.gap
	w := en.tail.adv - nd.adv + gaps
	if nd.open {
		w += p.gs[s].w / 2
	}
	if en.t == en.e {
		w += en.adj
	}
	return measured{w: w, cells: en.tail.cell - nd.cell + gaps, shrink: gaps / 2, places: en.tail.just - nd.just}
}

// fits reports whether a line measured m fits room as it is.
func (p *para) fits(m measured, room style.Length) bool {
	fit := m.w
	if p.grid {
		fit = m.cells
	}
	return fit <= room+eps
}

// reach returns stop, the start before the shortest line ending at the
// ending that is too wide even in its narrowest setting (-1 for none):
// the starts further back, with longer lines, are not weighed; last, the
// last start of a line of more than one glyph; and fits: the lines from
// the starts in [fits, last] fit as they are, in the room of every line
// but the first. On a grid, *fit (where the lines that fit begin, see
// below) is kept from one ending to the next.
func (p *para) reach(sm sums, ci int, nodes []node, en *ending, fit *int) (stop, last, fits int) {
	cj := ci - 1
	for ; cj >= 0 && int(nodes[cj].s) >= en.t-1; cj-- {
		// A line of one glyph and spaces. One no wider than half the
		// room fits, whatever the rounding of the sums.
		nd := &nodes[cj]
		if int(nd.s) >= en.t || 2*p.gs[nd.s].w <= en.room(nd) {
			continue
		}
		if p.tooWide(sm, nd, p.fits(p.plain(sm, nd, en), en.room(nd)), en) {
			return cj, cj, cj + 1
		}
	}
	last, fits = cj, cj+1
	if p.grid {
		// A line's cells only grow as it starts earlier or ends later,
		// rounding included (sums of cells and autospaces that never
		// decrease): the lines from nodes[*fit:cj+1] (after node 0, with
		// the room of every line but the first) fit as they are, and the
		// lines from before *fit did not fit the ending before.
		f := max(*fit, 1)
		for f <= cj && !p.fitsAsIs(&nodes[f], en, en.room1) {
			f++
		}
		*fit = f
		if f <= cj {
			cj, fits = f-1, f
		}
	}
	for ; cj >= 0; cj-- {
		nd := &nodes[cj]
		ok := p.fitsAsIs(nd, en, en.room(nd))
		if ok && fits == cj+1 && cj > 0 {
			fits = cj
		}
		if p.tooWide(sm, nd, ok, en) {
			return cj, last, fits
		}
	}
	return -1, last, fits
}

// weighRange weighs the lines from the starts in [lo, hi) to the ending.
func (p *para) weighRange(sm sums, cur *node, lo, hi int, nodes []node, en *ending) {
	for cj := lo; cj < hi; cj++ {
		p.consider(sm, cur, cj, &nodes[cj], en)
	}
}

// consider weighs the line from node cj (nd) to the ending unless the text
// before it costs too much already: every line costs at least 1.
func (p *para) consider(sm sums, cur *node, cj int, nd *node, en *ending) {
	if lb := 1 + (nd.best + en.pen); lb > cur.best || lb == cur.best && int32(cj) < cur.from || math.IsInf(nd.best, 1) {
		return
	}
	m := p.plain(sm, nd, en)
	p.weigh(sm, cur, cj, nd, m, p.fits(m, en.room(nd)), en)
}

// stretched is the badness of a line, not the last, short of its room by
// slack.
func stretched(slack style.Length, places int32, size, room style.Length) float64 {
	if slack <= eps {
		return 0
	}
	r := stretchRatio(slack, places, size, room)
	bad := 100 * r * r * r
	if r > 1 {
		// Justification stops at looseEm (finalize.go): the rest is
		// a gap at the line's end.
		bad *= raggedFactor
	}
	return min(bad, maxBadness)
}

// weighFitting weighs the lines from the starts in [lo, hi), after node
// 0, of more than one glyph, that fit as they are and are not the last,
// leaving out open nodes: the demerits of such a line only grow as it
// starts later (see capped), so that a line whose text before costs more
// than cur's best less what a line from an earlier start costs cannot win.
func (p *para) weighFitting(cur *node, lo, hi int, nodes []node, en *ending) {
	// cur's best and start in registers, and what the loop reads of the
	// ending: cur is a node after nodes[lo:hi].
	best, from, won := cur.best, cur.from, false
	pen, room := en.pen, en.room1
	tail, adj, atGlyph := en.tail, en.adj, en.t == en.e
	floor := 1.0 // what the lines weighed cost at least
	for i := range nodes[lo:hi] {
		nd := &nodes[lo+i]
		if nd.open {
			continue
		}
		cj := int32(lo + i)
		if lb := floor + (nd.best + pen); lb > best || lb == best && cj < from || math.IsInf(nd.best, 1) {
			continue
		}
		gaps := tail.gap - nd.gap
		w := tail.adv - nd.adv + gaps
		if atGlyph {
			w += adj
		}
		var bad float64
		if slack, places := room-w, tail.just-nd.just; places <= 0 {
			bad = stretched(slack, places, nd.size, room)
		} else if slack > eps {
			// stretched, inlined.
			r := float64(slack / (style.Length(places) * looseEm * nd.size))
			bad = 100 * r * r * r
			if r > 1 {
				bad *= raggedFactor
			}
			bad = min(bad, maxBadness)
		}
		floor = (1 + bad) * (1 + bad)
		d := floor
		d += nd.best + pen
		if d < best || d == best && cj > from {
			best, from, won = d, cj, true
		}
	}
	if won {
		cur.best, cur.from, cur.half, cur.squeeze = best, from, false, false
	}
}

// capped is what optimal keeps, from one ending to the next, of the lines
// stretched so much that their badness is maxBadness: with the same
// demerits, the one from the start whose text costs least wins (of equal
// ones the latest). When every line starts in the same size, a line that
// starts later (and ends at the same place) is no less stretched, to the
// bit: its slack is no smaller and its places no more, and stretched
// rounds monotonically. So the capped lines that fit as they are start in
// [k, last] (last is reach's), and dq holds the starts of the window that
// no later start beats (best increasing), from dq[head] on, not counting
// the starts of opening marks that keep their cell (open nodes, listed in
// opens: they are weighed one by one).
type capped struct {
	k, hi int // the window's first start; its last start in dq
	dq    []int32
	head  int
	opens []int32
}

// cappedDemerits is the demerits of a line of badness maxBadness.
const cappedDemerits = (1 + maxBadness) * (1 + maxBadness)

// isCapped reports whether the line from node nd (after node 0, of more
// than one glyph, that fits as it is, not the last) to the ending has
// badness maxBadness, counting nd as not open.
func (p *para) isCapped(nd *node, en *ending) bool {
	gaps := en.tail.gap - nd.gap
	w := en.tail.adv - nd.adv + gaps
	if en.t == en.e {
		w += en.adj
	}
	places := en.tail.just - nd.just
	if places <= 0 {
		return false
	}
	// stretched's badness is maxBadness when r, slack over q, is at
	// least ∛10 ≈ 2.1544 (100·r³·raggedFactor ≥ maxBadness); clear
	// cases are told without stretched's division: r < 2.15 gives at
	// most 9938.4, r > 2.16 at least 10077.7, far from rounding.
	slack := en.room1 - w
	q := style.Length(places) * looseEm * nd.size
	switch {
	case slack < 2.15*q:
		return false
	case slack > 2.16*q:
		return true
	}
	return stretched(slack, places, nd.size, en.room1) == maxBadness
}

// weighCapped weighs the lines ending at node ci when the capped ones can
// be weighed as one, and reports whether it could; stop, last and fits are
// reach's.
func (p *para) weighCapped(sm sums, cur *node, ci, stop, last, fits int, nodes []node, en *ending, cw *capped) bool {
	if fits <= stop || fits > last || en.tail.just-nodes[last].just <= 0 {
		return false // no line fits as it is, or the shortest has no place to stretch
	}
	// k: the first start in [fits, last] of a capped line (last+1 for
	// none), found from the ending before's.
	k := min(max(cw.k, fits), last+1)
	if k <= last && p.isCapped(&nodes[k], en) {
		for k > fits && p.isCapped(&nodes[k-1], en) {
			k--
		}
	} else {
		for k <= last && !p.isCapped(&nodes[k], en) {
			k++
		}
	}
	if k < cw.k || cw.hi < k-1 || cw.hi > last {
		cw.dq, cw.head, cw.hi = cw.dq[:0], 0, k-1
	}
	cw.k = k
	for cw.head < len(cw.dq) && int(cw.dq[cw.head]) < k {
		cw.head++
	}
	for j := cw.hi + 1; j <= last; j++ {
		if nodes[j].open {
			continue
		}
		for len(cw.dq) > cw.head && nodes[cw.dq[len(cw.dq)-1]].best >= nodes[j].best {
			cw.dq = cw.dq[:len(cw.dq)-1]
		}
		cw.dq = append(cw.dq, int32(j))
	}
	cw.hi = last
	if cw.head < len(cw.dq) {
		if b := nodes[cw.dq[cw.head]].best; !math.IsInf(b, 1) {
			d := cappedDemerits + (b + en.pen)
			pick := cw.dq[cw.head]
			// Rounding may make a later start's demerits equal.
			for _, j := range cw.dq[cw.head+1:] {
				if cappedDemerits+(nodes[j].best+en.pen) != d {
					break
				}
				pick = j
			}
			if d < cur.best || d == cur.best && pick > cur.from {
				cur.best, cur.from, cur.half, cur.squeeze = d, pick, false, false
			}
		}
	}
	p.weighRange(sm, cur, stop+1, fits, nodes, en)
	p.weighFitting(cur, fits, k, nodes, en)
	i, _ := slices.BinarySearch(cw.opens, int32(fits))
	for ; i < len(cw.opens) && int(cw.opens[i]) <= last; i++ {
		p.consider(sm, cur, int(cw.opens[i]), &nodes[cw.opens[i]], en)
	}
	p.weighRange(sm, cur, last+1, ci, nodes, en)
	return true
}

// fitsAsIs reports whether the line from node nd, of more than one glyph,
// to the ending fits room as it is: p.fits(p.plain(sm, nd, en), room).
func (p *para) fitsAsIs(nd *node, en *ending, room style.Length) bool {
	gaps := en.tail.gap - nd.gap
	if p.grid {
		return en.tail.cell-nd.cell+gaps <= room+eps
	}
	w := en.tail.adv - nd.adv + gaps
	if nd.open {
		w += p.gs[nd.s].w / 2
	}
	if en.t == en.e {
		w += en.adj
	}
	return w <= room+eps
}

// tooWide reports whether the line from node nd to the ending, which fits
// as it is or not, is too wide even in its narrowest setting.
func (p *para) tooWide(sm sums, nd *node, fits bool, en *ending) bool {
	if fits {
		return false
	}
	s := int(nd.s)
	if en.t != en.e || en.t-1 <= s {
		lo := p.measure(sm, span{start: s, end: en.e, half: true, squeeze: true})
		return lo.w-lo.shrink > en.room(nd)+eps
	}
	// measure of the line set half and squeezed, inlined for a line of
	// more than one glyph without trailing spaces, step by step.
	gaps := en.tail.gap - nd.gap
	w := en.tail.adv - nd.adv + gaps
	first := &p.gs[s]
	if nd.open {
		w += first.w / 2
	}
	w -= en.tail.sq - sm[s].sq
	if first.blank == leftHalf && !first.paired {
		w += first.w / 2
	}
	g := &p.gs[en.t-1]
	var mid style.Length
	if g.blank != noSide {
		mid = g.w / 2
	}
	w += mid - g.w/2 // cut: the last glyph set half
	return w-gaps/2 > en.room(nd)+eps
}

// weigh weighs the line from node cj (nd), measured plain as it is, to the
// ending: as it is when it fits so, else in each of its settings. The
// least demerits win, and of equal ones the latest start's first setting:
// cur takes a setting that beats its best, or equals it from a later
// start.
func (p *para) weigh(sm sums, cur *node, cj int, nd *node, plain measured, fits bool, en *ending) {
	s, e := int(nd.s), en.e
	if fits {
		p.weighSetting(cur, cj, nd, plain, span{start: s, end: e}, en)
		return
	}
	// The settings, in the order of settings: as it is, its last mark
	// half width, squeezed, both.
	half := p.compressible(e - 1)
	squeeze := !p.grid || sm[e].narrow > sm[s].narrow
	room := en.room(nd)
	for k := range 4 {
		l := span{start: s, end: e, half: k&1 != 0, squeeze: k&2 != 0}
		if l.half && !half || l.squeeze && !squeeze {
			continue
		}
		m := plain
		if k > 0 {
			if p.grid && !l.squeeze {
				// On a grid a line not squeezed fits by its cells,
				// which are plain's less half the last mark's when
				// it is set half (measure's arithmetic): a setting
				// that cannot fit even with its Han–Latin gaps
				// shrunk is not measured (badness would refuse it).
				c := plain.cells
				if l.half {
					c -= p.gs[e-1].w / 2
				}
				if c > room+eps && c-room > plain.shrink+eps {
					continue
				}
			}
			m = p.measure(sm, l)
		}
		p.weighSetting(cur, cj, nd, m, l, en)
	}
}

// weighSetting weighs line l from node cj (nd), measured m, to the ending.
func (p *para) weighSetting(cur *node, cj int, nd *node, m measured, l span, en *ending) {
	d, ok := p.badness(m, l, en.room(nd), en.last)
	if !ok {
		return
	}
	d += nd.best + en.pen
	if en.last && l.start > 0 && p.shortLastLine(l) {
		d += penaltyShortLast
	}
	if d < cur.best || d == cur.best && int32(cj) > cur.from {
		cur.best, cur.from, cur.half, cur.squeeze = d, int32(cj), l.half, l.squeeze
	}
}

// node is a place s where a line may end (and the next start) in
// optimal: the sums a line starting there reads (adv and cell at s, gap
// and just at s+1) and of its first glyph, and the best breaking of the
// text before s, whose last line starts at node from and is set half and
// squeeze. 56 bytes: a paragraph has about one node a glyph.
type node struct {
	s, from        int32
	just           int32
	open           bool // glyph s, an opening mark paired, keeps its cell at a line start
	half, squeeze  bool
	adv, cell, gap style.Length
	size           style.Length // glyph s's
	best           float64
}

// scratch is the memory of one optimal call, kept for the next one.
type scratch struct {
	sums  sums
	pen   []float64
	cands []int
	nodes []node
	dq    []int32
	opens []int32
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}
