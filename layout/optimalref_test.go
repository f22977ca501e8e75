package layout

import (
	"math"

	"github.com/nianbao/nianbao/style"
)

// optimalRef is the loop of optimal as it was before it passed over
// candidates (531288b): every start from which a line to an end fits is
// weighed, the shortest line first, until one is too wide even in its
// narrowest setting. TestOptimalSameAsRef compares the two.
func (p *para) optimalRef(measure func(k int) style.Length) []span {
	n := len(p.gs)
	if n == 0 {
		return nil
	}
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	room0, room1 := measure(0), measure(1)
	sm, cands, pen, nodes := p.candidates(sc, room0, room1)
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
	return path(nodes)
}

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
