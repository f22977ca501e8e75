package layout

import (
	"strings"

	"github.com/nianbao/nianbao/style"
)

// balance breaks a title, or an agency name in the closing block, that is
// longer than the measure: into the fewest lines it needs, at natural
// places where it can (after an institution word, before or after the
// year), never before 年, the lines as even as they can be (GB/T 9704
// §7.3.1 and official-format.md §7: a title in lines of balanced length).

// institutionWords end the name of an institution: a title or a name may
// break after them (…县人民政府办公室 | 政务公开…中心 | 2024年…).
var institutionWords = []string{
	"人民政府", "委员会", "办公室", "办公厅", "街道", "中心", "政府",
	"省", "市", "县", "区", "镇", "乡", "局", "厅", "院",
}

// wordGoesOn are the characters after which a one-character institution
// word is the start of another word, not the end of a name: 市场, 市政府,
// 区域, 县级, 局面, 乡镇, 院校.
const wordGoesOn = "场政级直属委民域面部村镇校长"

// natural reports whether a line may break before glyph i at a natural
// place: after an institution word, or before a year (2024年) or after it.
func (p *para) natural(i int) bool {
	gs := p.gs
	if i <= 0 || i >= len(gs) {
		return false
	}
	if gs[i].r == '年' {
		return false
	}
	// Before a year: digits that end in 年.
	if isAnyDigit(gs[i].r) && !isAnyDigit(gs[i-1].r) {
		k := i
		for k < len(gs) && isAnyDigit(gs[k].r) {
			k++
		}
		if k < len(gs) && gs[k].r == '年' {
			return true
		}
	}
	// After a year.
	if gs[i-1].r == '年' && i >= 2 && isAnyDigit(gs[i-2].r) {
		return true
	}
	for _, w := range institutionRunes {
		if !endsWith(gs[:i], w) {
			continue
		}
		if len(w) == 1 && strings.ContainsRune(wordGoesOn, gs[i].r) {
			continue
		}
		return true
	}
	return false
}

// institutionRunes are the institutionWords as runes.
var institutionRunes = func() [][]rune {
	ws := make([][]rune, len(institutionWords))
	for i, w := range institutionWords {
		ws[i] = []rune(w)
	}
	return ws
}()

// endsWith reports whether the glyphs gs end with the runes of w.
func endsWith(gs []glyph, w []rune) bool {
	if len(w) > len(gs) {
		return false
	}
	gs = gs[len(gs)-len(w):]
	for k, r := range w {
		if gs[k].r != r {
			return false
		}
	}
	return true
}

// maxBalanced is the most glyphs of a title line or an agency name that
// balanced weighs every way to break (its work grows with the square of
// the glyphs times the lines): 200 is ten lines of a 2号 title; a longer
// one is a mistake in the report, broken like a paragraph.
const maxBalanced = 200

// unnaturalCost is the cost of one break at a place that is not natural:
// more than any unevenness of the lines, so that a natural place always
// wins when the lines fit.
const unnaturalCost = 1e9

// balanced breaks the paragraph into the fewest lines of room, preferring
// natural places, the lines as even as they can be: the least sum of the
// squares of what each line leaves empty.
func (p *para) balanced(room style.Length) []span {
	n := len(p.gs)
	if n == 0 {
		return nil
	}
	if p.width(span{start: 0, end: n}) <= room+eps {
		return []span{{start: 0, end: n}}
	}
	if n > maxBalanced {
		return p.lines(func(int) style.Length { return room })
	}
	cands := []int{0}
	for i := 1; i < n; i++ {
		if p.brk[i] && p.gs[i].r != '年' {
			cands = append(cands, i)
		}
	}
	cands = append(cands, n)
	size := p.gs[0].size
	m := len(cands)
	// The cost of a line from cands[i] to cands[j] is the same for every
	// number of lines: worked out once, when first asked.
	type known struct {
		c         float64
		ok, asked bool
	}
	costs := make([]known, m*m)
	cost := func(i, j int) (float64, bool) {
		k := &costs[i*m+j]
		if k.asked {
			return k.c, k.ok
		}
		k.asked = true
		s, e := cands[i], cands[j]
		l := span{start: s, end: e}
		if p.compressible(e-1) && p.width(l) > room+eps {
			l.half = true
		}
		w := p.width(l)
		if w > room+eps {
			return 0, false
		}
		slack := float64((room - w) / size)
		c := slack * slack
		if e < n && !p.natural(e) {
			c += unnaturalCost
		}
		k.c, k.ok = c, true
		return c, true
	}
	const inf = 1e300
	// best[k][j]: the least cost of k lines that end before cands[j].
	best := [][]float64{make([]float64, m)}
	from := [][]int{make([]int, m)}
	for j := range best[0] {
		best[0][j] = inf
	}
	best[0][0] = 0
	for k := 1; k <= n; k++ {
		cur, arg := make([]float64, m), make([]int, m)
		for j := range cur {
			cur[j] = inf
			for i := j - 1; i >= 0; i-- {
				if best[k-1][i] >= inf {
					continue
				}
				c, ok := cost(i, j)
				if !ok {
					if cands[j]-cands[i] > 1 {
						break // wider still further back
					}
					continue
				}
				if t := best[k-1][i] + c; t < cur[j] {
					cur[j], arg[j] = t, i
				}
			}
		}
		best, from = append(best, cur), append(from, arg)
		if cur[m-1] < inf {
			var ls []span
			for j := m - 1; k > 0; k-- {
				i := from[k][j]
				l := span{start: cands[i], end: cands[j]}
				if p.compressible(l.end-1) && p.width(l) > room+eps {
					l.half = true
				}
				ls = append([]span{l}, ls...)
				j = i
			}
			return ls
		}
	}
	return p.lines(func(int) style.Length { return room })
}

// agencyLines breaks a closing's agency name: on one line when it fits
// room (the width that can be centred on the date, see closingRoom); else
// in even lines of at most room when they break only at natural places
// (岭西市人民政府办公室 | 政务公开与…); else in even lines at natural places
// in the least width above room that allows them, which the caller
// shifts left of the date's centre as far as the 版心 requires; else, with
// no natural place, as the measure m allows (balanced).
func (p *para) agencyLines(room, m style.Length) []span {
	n := len(p.gs)
	whole := span{start: 0, end: n}
	if n == 0 || p.width(whole) <= room+eps {
		return []span{whole}
	}
	allNatural := func(ls []span) bool {
		for _, l := range ls[:len(ls)-1] {
			if !p.natural(l.end) {
				return false
			}
		}
		return true
	}
	step := p.gs[0].size
	for r := room; r < m+step; r += step {
		r = min(r, m)
		ls := p.balanced(r)
		if len(ls) > 1 && allNatural(ls) {
			return ls
		}
		if r == m {
			break
		}
	}
	return p.balanced(m)
}
