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
func (p *para) optimal(measure func(k int) style.Length) []span {
	n := len(p.gs)
	if n == 0 {
		return nil
	}
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	sm := p.sums(sc.sums)
	sc.sums = sm
	room0, room1 := measure(0), measure(1)
	// Where a line may end: the opportunities, the URL breaks, and inside
	// a token wider than the line the places of emergency.
	pen := slices.Grow(sc.pen[:0], n+1)[:n+1]
	clear(pen)
	sc.pen = pen
	cands := append(sc.cands[:0], 0)
	defer func() { sc.cands = cands }()
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
	for ci := 1; ci < len(cands); ci++ {
		e := cands[ci]
		cur := &nodes[ci]
		last := e == n
		penE := pen[e]
		// What measure does at the line's end, the same for every start
		// s < t-1: t is the end without trailing spaces, and a line
		// ending at a glyph (t == e) gives back what the sums cut from
		// it in mid-line.
		t := e
		for t > 0 && p.gs[t-1].class == clsSpace {
			t--
		}
		var endAdj style.Length
		if t == e {
			g := &p.gs[t-1]
			var mid style.Length
			if g.blank != noSide && g.paired {
				mid = g.w / 2
			}
			c, _ := p.cut(t-1, span{start: -1, end: e})
			endAdj = mid - c
		}
		found := false
		tail := sm[t]
		for cj := ci - 1; cj >= 0; cj-- {
			nd := &nodes[cj]
			s := int(nd.s)
			room := room1
			if s == 0 {
				room = room0
			}
			l := span{start: s, end: e}
			var plain measured
			if t-1 > s {
				// measure(sm, l), inlined.
				gaps := tail.gap - nd.gap
				w := tail.adv - nd.adv + gaps
				if nd.open {
					w += p.gs[s].w / 2
				}
				if t == e {
					w += endAdj
				}
				cells := tail.cell - nd.cell + gaps
				places := tail.just - nd.just
				fit := w
				if p.grid {
					fit = cells
				}
				if fit <= room+eps {
					// The line fits as it is, in its one setting:
					// badness(plain, l, room, last), inlined.
					if math.IsInf(nd.best, 1) {
						continue
					}
					var bad float64
					switch {
					case last:
					case room-w <= eps:
					default:
						r := stretchRatio(room-w, places, nd.size, room)
						bad = 100 * r * r * r
						if r > 1 {
							bad *= raggedFactor
						}
						if bad > maxBadness {
							bad = maxBadness
						}
					}
					d := (1 + bad) * (1 + bad)
					d += nd.best + penE
					if last && s > 0 && p.shortLastLine(l) {
						d += penaltyShortLast
					}
					if d < cur.best {
						cur.best, cur.from, cur.half, cur.squeeze, found = d, int32(cj), l.half, l.squeeze, true
					}
					continue
				}
				plain = measured{w: w, cells: cells, shrink: gaps / 2, places: places}
			} else {
				plain = p.measure(sm, l)
				fit := plain.w
				if p.grid {
					fit = plain.cells
				}
				if fit <= room+eps {
					if math.IsInf(nd.best, 1) {
						continue
					}
					d, _ := p.badness(plain, l, room, last)
					d += nd.best + penE
					if last && s > 0 && p.shortLastLine(l) {
						d += penaltyShortLast
					}
					if d < cur.best {
						cur.best, cur.from, cur.half, cur.squeeze, found = d, int32(cj), l.half, l.squeeze, true
					}
					continue
				}
			}
			// The narrowest this line can be set; further back is
			// wider.
			lo := p.measure(sm, span{start: s, end: e, half: true, squeeze: true})
			if lo.w-lo.shrink > room+eps {
				break
			}
			if math.IsInf(nd.best, 1) {
				continue
			}
			ways, nw := p.settings(sm, s, e)
			for k, l := range ways[:nw] {
				m := plain
				if k > 0 {
					m = p.measure(sm, l)
				}
				d, ok := p.badness(m, l, room, last)
				if !ok {
					continue
				}
				d += nd.best + penE
				if last && s > 0 && p.shortLastLine(l) {
					d += penaltyShortLast
				}
				if d < cur.best {
					cur.best, cur.from, cur.half, cur.squeeze, found = d, int32(cj), l.half, l.squeeze, true
				}
			}
		}
		if !found {
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
	var ls []span
	for ci := len(nodes) - 1; ci > 0; ci = int(nodes[ci].from) {
		nd := &nodes[ci]
		ls = append(ls, span{start: int(nodes[nd.from].s), end: int(nd.s), half: nd.half, squeeze: nd.squeeze})
	}
	slices.Reverse(ls)
	return ls
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
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// settings returns the ways to set line [s, e): as it is, its last
// closing mark half width, and with its marks squeezed where that is
// allowed (not on a grid line of full-width characters only).
func (p *para) settings(sm sums, s, e int) (ls [4]span, n int) {
	add := func(half, squeeze bool) {
		ls[n] = span{start: s, end: e, half: half, squeeze: squeeze}
		n++
	}
	add(false, false)
	half := p.compressible(e - 1)
	if half {
		add(true, false)
	}
	if !p.grid || sm[e].narrow > sm[s].narrow {
		add(false, true)
		if half {
			add(true, true)
		}
	}
	return ls, n
}
