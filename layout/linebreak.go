package layout

import (
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"github.com/nianbao/nianbao/style"
)

// linebreak finds where lines may break (UAX #14 from uniseg, then the
// rules of official-format.md §8 on top, then the tokens of tokens.go) and
// breaks glyphs into lines: paragraph-wide (optimal.go) for text, first fit
// for table cells and for paragraphs too long to optimise. Two adjacent
// full-width marks are set in 1.5 em, a full-width closing mark at the end
// is set half width when that lets the line take it, and a last line of a
// single character is avoided.

// eps absorbs rounding when 28 cells of 156/28 mm are added up.
const eps = 1e-6

// opportunities sets brk[i], of len(gs) falses, where a line may break
// before glyph i (brk[0] stays false): by the rules of ownRule where they
// speak, else by UAX #14 (uniseg).
//
// UAX #14 is asked only about the places ownRule leaves to it and that
// are not between two ideographs (ID ÷ ID, LB31, whatever comes before or
// after), most of a Chinese paragraph: around each such place it runs on
// a window that starts and ends with two ideographs (or the paragraph's
// ends). No rule of UAX #14 looks back or ahead across an ideograph, so
// its answers inside the window are those it gives on the whole paragraph
// (TestOpportunitiesWindowed compares the two on random text).
func opportunities(gs []glyph, brk []bool) {
	n := len(gs)
	asks := func(i int) bool { // UAX #14 decides the break before glyph i
		a, b := &gs[i-1], &gs[i]
		_, own := ownRule(a, b)
		return !own && !(ideograph(a.r) && ideograph(b.r))
	}
	buf := make([]byte, 0, 64) // a window's text; on the stack while it fits
	done := 0                  // the places before done are set
	for i := 1; i < n; i++ {
		a, b := &gs[i-1], &gs[i]
		if v, own := ownRule(a, b); own {
			brk[i] = v
			continue
		}
		if ideograph(a.r) && ideograph(b.r) {
			brk[i] = true
			continue
		}
		if i < done {
			continue
		}
		// The window [ws, we) around the break before glyph i.
		ws := i - 1
		for ws > 0 && !(ideograph(gs[ws-1].r) && ideograph(gs[ws].r)) {
			ws--
		}
		if ws > 0 {
			ws--
		}
		we := i + 1
		for we < n && !(ideograph(gs[we-1].r) && ideograph(gs[we].r)) {
			we++
		}
		if we < n {
			we++
		}
		buf = buf[:0]
		for k := ws; k < we; k++ {
			buf = utf8.AppendRune(buf, gs[k].r)
		}
		rest, state, k := buf, -1, ws
		for len(rest) > 0 {
			var seg []byte
			seg, rest, _, state = uniseg.FirstLineSegment(rest, state)
			k += utf8.RuneCount(seg)
			if k >= i && k < we && asks(k) {
				brk[k] = true
			}
		}
		done = we
	}
}

// ideograph reports whether r is a CJK Unified Ideograph of the basic
// block, which UAX #14 classes ID.
func ideograph(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }

// ownRule returns what the rules of official-format.md §8 and the quote
// rule below say of a break between a and b, and false when they leave it
// to UAX #14.
func ownRule(a, b *glyph) (brk, own bool) {
	switch {
	case b.class == clsClose || a.class == clsOpen:
		// R §8: no line starts with a closing mark or ends with an
		// opening one.
		return false, true
	case a.class == clsDash && a.r == b.r:
		// R §8: —— and …… are never split.
		return false, true
	case a.class == clsNarrow && b.class == clsNarrow:
		// R §8: Latin words, numbers (0577-61889607), e-mail
		// addresses and URLs are never split; linebreak falls back
		// to a URL's slashes only when a run is wider than the line.
		return false, true
	case b.class == clsSpace:
		return false, true // spaces stay at the end of the line they end
	// Quotes are QU in UAX #14, which glues them to both sides; in
	// Chinese “ opens and ” closes (GB/T 15834), so a line may break
	// before an opening mark and after a closing one.
	case b.class == clsOpen && a.class != clsOpen && a.class != clsSpace:
		return true, true
	case a.class == clsClose && b.class != clsClose && b.class != clsSpace:
		return true, true
	}
	// Between Han and Latin: allowed (UAX #14 LB31), kept.
	return false, false
}

// gaps returns the autospace before each glyph: 1/4 em between Han and a
// Latin letter or digit (official-format.md §8).
func gaps(buf []style.Length, gs []glyph) []style.Length {
	gap := buf[:0]
	if cap(gap) < len(gs) {
		gap = make([]style.Length, len(gs))
	}
	gap = gap[:len(gs)]
	clear(gap)
	var han, alnum bool // of the glyph before
	for i := range gs {
		b := &gs[i]
		bHan, bAlnum := isHan(b.r), isAlnum(b.r)
		if i > 0 && (han && bAlnum || alnum && bHan) {
			gap[i] = autospaceEm * min(gs[i-1].size, b.size)
		}
		han, alnum = bHan, bAlnum
	}
	return gap
}

// pairTolerance is how far, in em, a mark's ink may reach past the middle
// of its cell and still count as lying in one half: Noto Serif SC's 》 and
// ” end at 0.47 em.
const pairTolerance = 0.02

// squeezePairs marks adjacent full-width marks (》，  。”  ）、  ”。  （《):
// the two take 1.5 em together, not 2 (official-format.md §8; clreq
// §3.1.6, "consecutive punctuation marks"). The mark whose blank half
// faces the other gives it up: the first's right half (a closing mark sits
// in the left of its cell), else the second's left half (an opening mark
// sits in the right).
func squeezePairs(gs []glyph) {
	for i := range gs {
		if g := &gs[i]; g.class.mark() {
			g.blank = blankSide(g)
		}
	}
	for i := 1; i < len(gs); i++ {
		a, b := &gs[i-1], &gs[i]
		if !a.class.mark() || !b.class.mark() {
			continue
		}
		switch {
		case !a.paired && a.blank == rightHalf:
			a.paired = true
		case !b.paired && b.blank == leftHalf:
			b.paired = true
		}
	}
}

// blankSide returns the half of g's cell that its ink leaves empty. It is
// read from the glyph's outline, since fonts differ (FandolFang centres
// ？, Noto Serif SC puts it left); without an outline (tests' fake
// glyphs) the class decides.
func blankSide(g *glyph) side {
	ink, ok := inkOf(g.face, g.r)
	if !ok {
		switch g.class {
		case clsClose:
			return rightHalf
		case clsOpen:
			return leftHalf
		}
		return noSide
	}
	tol := pairTolerance * g.size
	mid := g.w / 2
	switch {
	case g.ink+style.Length(ink.x1)*g.size <= mid+tol:
		return rightHalf
	case g.ink+style.Length(ink.x0)*g.size >= mid-tol:
		return leftHalf
	}
	return noSide
}

// span is one line: glyphs [start, end), and whether its last glyph, a
// closing mark, is set half width.
type span struct {
	start, end int
	half       bool
	// squeeze sets every full-width mark of the line in half its cell, a
	// remedy for a line that would be too loose (see optimal.go).
	squeeze bool
}

// para is a paragraph's glyphs with what the breaker needs.
type para struct {
	gs []glyph
	// brk says a line may break before glyph i.
	brk []bool
	// soft are the 《…》 titles and the issuers of document numbers
	// (glue), which the paragraph-wide breaker splits only at a price
	// (penaltySoft).
	soft []span
	// tight says the space before glyph i never stretches: inside a
	// token of glue.
	tight []bool
	// url marks the glyphs of web and e-mail addresses, found when
	// first asked.
	url []bool
	gap []style.Length
	// cell marks the text of a table cell: first fit, no widow fix (a
	// cell is not a paragraph, and 自然/人 reads better than 自/然人), and
	// a line that would be stretched by more than maxCellStretch is set
	// flush left.
	cell bool
	// hard is a glyph before which a line must break (0 for none): after
	// the enumerator of a cell label that does not fit on one line,
	// （三）/不予公开 rather than （三）不/予公开.
	hard  int
	flags []bool // the memory of brk and tight
	// grid says the lines are on a character grid (gongwen's 28 a line):
	// the breaker counts full cells, so that a line holds as many
	// characters as the grid has columns whatever its punctuation, and
	// the half cells that adjacent marks give up are spread over the line
	// by justification.
	grid bool
}

func newPara(gs []glyph) *para {
	p := new(para)
	p.reset(gs)
	return p
}

// reset makes p the paragraph of gs, reusing the memory of p's tables
// when they are large enough: a paragraph's tables die with its lines.
func (p *para) reset(gs []glyph) {
	squeezePairs(gs)
	n := len(gs)
	flags := p.flags[:0]
	if cap(flags) < 2*n {
		flags = make([]bool, 2*n) // brk and tight in one allocation
	}
	flags = flags[:2*n]
	clear(flags)
	*p = para{gs: gs, flags: flags, brk: flags[:n:n], gap: gaps(p.gap, gs), tight: flags[n:]}
	opportunities(gs, p.brk)
	p.soft = glue(gs, p.brk, p.tight)
}

// cut returns how much of its cell glyph i gives up in line l, and whether
// from its left: half its cell when it is a mark beside another (or every
// mark of a squeezed line), or a closing mark set half width at the line's
// end. An opening mark that starts the line keeps its full width (issue 4:
// no squeezed bracket at a line start in this style).
func (p *para) cut(i int, l span) (style.Length, bool) {
	g := &p.gs[i]
	switch {
	case l.half && i == l.end-1:
		return g.w / 2, false
	case g.blank == noSide || !g.paired && !l.squeeze:
		return 0, false
	case g.blank == leftHalf && i == l.start:
		return 0, false
	case g.blank == rightHalf && i == l.end-1 && !l.squeeze:
		// The mark it was paired with starts the next line: at the
		// end, only a half-width line end cuts it.
		return 0, false
	}
	return g.w / 2, g.blank == leftHalf
}

// advance is the room glyph i takes in line l.
func (p *para) advance(i int, l span) style.Length {
	c, _ := p.cut(i, l)
	return p.gs[i].w - c
}

// shift is how far glyph i of line l is drawn left of its slot: the half
// an opening mark gives up on its left.
func (p *para) shift(i int, l span) style.Length {
	if c, left := p.cut(i, l); left {
		return c
	}
	return 0
}

// compressible reports whether glyph i may be set half width at a line end
// (official-format.md §8): a full-width closing mark.
func (p *para) compressible(i int) bool {
	return p.gs[i].class == clsClose && p.gs[i].ink == 0
}

// breakable reports whether a line may end after glyph i.
func (p *para) endsLine(i int) bool {
	return i == len(p.gs)-1 || p.brk[i+1]
}

// next returns the line that starts at glyph s and has room measure: first
// fit.
func (p *para) next(s int, measure style.Length) span {
	n := len(p.gs)
	if p.hard > s {
		n = p.hard
	}
	var w style.Length
	last := -1 // latest i > s with brk[i]
	for i := s; i < n; i++ {
		if i > s && p.brk[i] {
			last = i
		}
		g := &p.gs[i]
		add := g.w
		if !p.grid {
			add = p.advance(i, span{start: s})
		}
		var gap style.Length
		if i > s {
			gap = p.gap[i]
		}
		if g.class == clsSpace || w+gap+add <= measure+eps {
			w += gap + add
			continue
		}
		// Glyph i overflows.
		if p.compressible(i) && (i == n-1 || p.endsLine(i)) && w+gap+g.w/2 <= measure+eps {
			return span{start: s, end: i + 1, half: true}
		}
		if last > s {
			return span{start: s, end: last}
		}
		return span{start: s, end: p.emergency(s, i)}
	}
	return span{start: s, end: n}
}

// emergency returns where to break a run that has no opportunity before
// glyph i, where it overflows: at the best break of inside (after an
// address's slash, then after ? & =, then before a dot or @, then before a
// - or _), else before i or earlier,
// keeping the rules of §8 when it can. Nothing crosses the measure.
func (p *para) emergency(s, i int) int {
	best, level := -1, int(emergencyAny)+1
	for k := i; k > s; k-- {
		if lv := p.inside(k); lv > 0 && int(lv) < level {
			best, level = k, int(lv)
		}
	}
	if best > 0 {
		return best
	}
	if i == s {
		i++ // a single glyph wider than the measure still has to go
	}
	return i
}

// breakLevel ranks the places inside a token where a line may break: in
// a web or e-mail address always, at a price (optimal.go), elsewhere only
// when the token is wider than the line. The lower the better.
type breakLevel uint8

const (
	noBreak      breakLevel = iota
	urlSlash                // after an address's / (not between the two of //)
	urlQuery                // after an address's ? & =
	urlDot                  // before an address's . or @
	urlHyphen               // before an address's - or _
	emergencyAny            // anywhere that keeps the rules of §8
)

// inside returns how a line may break before glyph k inside a token. In
// a web or e-mail address (addresses, tokens.go): after a / then after ?
// & =, before a . or an @ (CMOS 6.76, 7.42: the dot starts the next line,
// so that no line ends with what reads as a full stop, and the @ is not
// left at a line's end; not after www), before a - or an _ (the next line starts with
// it, so that it does not read as a hyphen added at the break); never
// between the two slashes of //, never inside a number of the address
// (tight). For anything else anywhere that keeps the rules of §8 (no
// closing mark at the start, no opening mark at the end, —— and …… whole).
func (p *para) inside(k int) breakLevel {
	if k <= 0 || k >= len(p.gs) {
		return noBreak
	}
	a, b := p.gs[k-1], p.gs[k]
	if a.class == clsNarrow && b.class == clsNarrow {
		if p.url == nil {
			p.url = addresses(p.gs)
		}
		if p.url[k-1] && p.url[k] {
			switch {
			case p.tight[k] || a.r == '/' && b.r == '/':
				return noBreak // forced only in a piece wider than the line
			case a.r == '/':
				return urlSlash
			case a.r == '?' || a.r == '&' || a.r == '=':
				return urlQuery
			case b.r == '.' && isAlnum(a.r) && !p.afterWWW(k):
				return urlDot
			case b.r == '@' && isAlnum(a.r):
				return urlDot
			case (b.r == '-' || b.r == '_') && isAlnum(a.r):
				return urlHyphen
			}
		}
	}
	if b.class == clsClose || a.class == clsOpen || a.class == clsDash && a.r == b.r || b.class == clsSpace {
		return noBreak
	}
	return emergencyAny
}

// afterWWW reports whether glyph k follows the www of a host name: a
// line does not end with www, which is no name alone.
func (p *para) afterWWW(k int) bool {
	return k >= 3 && hasPrefixFold(p.gs[k-3:k], "www") && (k == 3 || !isAlnum(p.gs[k-4].r))
}

// shortLastLine reports whether a last line holds a single character
// (closing marks and spaces do not count), which §8 avoids.
func (p *para) shortLastLine(l span) bool {
	n := 0
	for i := l.start; i < l.end; i++ {
		if c := p.gs[i].class; c != clsClose && c != clsSpace {
			n++
		}
	}
	return n <= 1
}

// maxWidowFixes bounds how often the first-fit breaker moves a character
// down to avoid a one-character last line; each try shortens the line
// before.
const maxWidowFixes = 3

// lines breaks the paragraph. measure gives the room of line k: the first
// line may be shorter (an indent), every line after it has measure(1).
// Text is broken paragraph-wide (optimal), a table cell and a paragraph of
// more than maxOptimal glyphs first fit.
func (p *para) lines(measure func(k int) style.Length) []span {
	if !p.cell && len(p.gs) <= maxOptimal {
		return p.optimal(measure)
	}
	return p.firstFit(measure)
}

// firstFit breaks the paragraph line by line, each as full as it can be.
func (p *para) firstFit(measure func(k int) style.Length) []span {
	var ls []span
	for s := 0; s < len(p.gs); {
		l := p.next(s, measure(len(ls)))
		ls = append(ls, l)
		s = l.end
	}
	for try := 0; try < maxWidowFixes && !p.cell && len(ls) >= 2 && p.shortLastLine(ls[len(ls)-1]); try++ {
		k := len(ls) - 2
		pen := ls[k]
		// The latest opportunity before the penultimate line's end.
		b := -1
		for i := pen.end - 1; i > pen.start; i-- {
			if p.brk[i] {
				b = i
				break
			}
		}
		if b < 0 {
			break
		}
		fixed := append([]span(nil), ls[:k]...)
		fixed = append(fixed, span{start: pen.start, end: b})
		for s := b; s < len(p.gs); {
			l := p.next(s, measure(len(fixed)))
			fixed = append(fixed, l)
			s = l.end
		}
		ls = fixed
	}
	return ls
}

// width is the natural width of line l: the cells and advances of its
// glyphs and the autospaces between them, without trailing spaces.
func (p *para) width(l span) style.Length {
	var w style.Length
	end := p.trim(l)
	for i := l.start; i < end; i++ {
		w += p.advance(i, l)
		if i > l.start {
			w += p.gap[i]
		}
	}
	return w
}

// trim returns the end of line l without its trailing spaces.
func (p *para) trim(l span) int {
	e := l.end
	for e > l.start && p.gs[e-1].class == clsSpace {
		e--
	}
	return e
}
