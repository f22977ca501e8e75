package layout

import "github.com/nianbao/nianbao/style"

// loose: remedies for a line that justification would spread too thin,
// which happens before a long unbreakable token (an e-mail address, a phone
// number such as 0517-83605210, a URL) that does not fit at the end of the
// line. In order of preference:
//
//  1. a URL breaks after a / or a . inside it (official-format.md §8
//     allows a URL to break at its slashes when it must);
//  2. the end of the line before gives the loose line a few characters
//     (balance), as long as the pair is then evener;
//  3. every full-width mark of the line is set in half its cell, when that
//     lets the token in (squeeze): a mark narrower here than on the next
//     line is the price, paid only where the line would be looser than
//     squeezeEm.
//
// Phone numbers and e-mail addresses stay whole. The breaker goes first to
// last, so 1 and 3 are chosen as each line is broken and 2 after all are.

// looseEm is the space, in em, that justification may add between two
// characters before a line counts as loose: a quarter em, the space Word
// puts between Han and Latin, still reads as one line of text; at half an
// em the characters stand apart (乐 清 市 司 法 局).
const looseEm = 0.25

// squeezeEm is the stretch, in em, beyond which a line rather squeezes its
// marks (narrower than on the lines around it) than have its characters
// stand apart: the "about half an em" of the task, less what balance can
// still give back.
const squeezeEm = 0.4

// maxBalance is the most glyphs the line before a loose line gives it: a
// word or number of a few characters; more would make that line loose.
const maxBalance = 8

// stretch is the space that justification adds at each of the n places where line l may stretch in
// room.
func (p *para) stretch(l span, room style.Length) (extra style.Length, n int) {
	end := p.trim(l)
	for i := l.start + 1; i < end; i++ {
		if p.justifiable(i) {
			n++
		}
	}
	if w := p.width(l); n > 0 && room > w {
		extra = (room - w) / style.Length(n)
	}
	return extra, n
}

// looseness is the stretch of line l in em.
func (p *para) looseness(l span, room style.Length) float64 {
	extra, _ := p.stretch(l, room)
	return float64(extra / p.gs[l.start].size)
}

// tighter returns a better line than l, which ends before glyph i because
// glyph i does not fit, when l is loose: one that ends inside the URL that
// i belongs to, or one that takes the token of i with its marks squeezed.
func (p *para) tighter(l span, i, n int, room style.Length) (span, bool) {
	loose := p.looseness(l, room)
	if loose <= looseEm {
		return l, false
	}
	// 1. A URL breaks after a / or a . as late as the line allows.
	if r0, r1 := p.narrowRun(i); isURL(p.gs[r0:r1]) {
		for k := i; k > max(r0, l.end); k-- {
			if urlBreak(p.gs[k-1].r, p.gs[k].r) {
				t := span{start: l.start, end: k}
				if p.looseness(t, room) < loose {
					return t, true
				}
				break
			}
		}
	}
	// 3. The token of i, up to the next opportunity, fits when the
	// line's marks give up their blank halves.
	if loose <= squeezeEm {
		return l, false
	}
	e := i + 1
	for e < n && !p.brk[e] {
		e++
	}
	t := span{start: l.start, end: e, squeeze: true}
	if p.width(t) <= room+eps {
		return t, true
	}
	return l, false
}

// narrowRun returns the run of Latin letters, digits and ASCII
// punctuation around glyph i.
func (p *para) narrowRun(i int) (start, end int) {
	start, end = i, i
	for start > 0 && p.gs[start-1].class == clsNarrow {
		start--
	}
	for end < len(p.gs) && p.gs[end].class == clsNarrow {
		end++
	}
	return start, end
}

// isURL reports whether a run is a web address: it has "://" or starts
// with "www.".
func isURL(gs []glyph) bool {
	rs := make([]rune, len(gs))
	for i := range gs {
		rs[i] = gs[i].r
	}
	s := string(rs)
	for k := 0; k+3 <= len(s); k++ {
		if s[k:k+3] == "://" {
			return true
		}
	}
	return len(s) > 4 && (s[:4] == "www." || s[:4] == "WWW.")
}

// urlBreak reports whether a URL may break between a and b: after a slash
// that is not the first of "//", or after a dot.
func urlBreak(a, b rune) bool {
	return a == '/' && b != '/' || a == '.' && b != '.'
}

// balance evens line k with the line before it: when line k is loose and
// ends where it must (the next token does not fit), the end of line k-1
// moves back by up to maxBalance glyphs, to the opportunity that makes the
// looser of the two lines tightest. The lines after k do not change.
func (p *para) balance(ls []span, k int, measure func(int) style.Length) {
	cur, prev := ls[k], ls[k-1]
	worst := p.looseness(cur, measure(k))
	if worst <= looseEm || cur.squeeze {
		return
	}
	best := -1
	for b := prev.end - 1; b > prev.start && prev.end-b <= maxBalance; b-- {
		if !p.brk[b] {
			continue
		}
		nl := p.next(b, measure(k))
		if nl.end != cur.end {
			continue
		}
		pl := span{start: prev.start, end: b}
		if w := max(p.looseness(pl, measure(k-1)), p.looseness(nl, measure(k))); w < worst-eps {
			worst, best = w, b
		}
	}
	if best >= 0 {
		ls[k-1] = span{start: prev.start, end: best}
		ls[k] = p.next(best, measure(k))
	}
}
