package layout

import "github.com/nianbao/nianbao/style"

// looseEm is the space, in em, that justification may add between two
// characters before a line counts as loose: a quarter em, the space Word
// puts between Han and Latin, still reads as one line of text; at half an
// em the characters stand apart (乐 清 市 司 法 局). The paragraph-wide
// breaker (optimal.go) takes it as a line's comfortable stretch, and
// justification never adds more (finalize.go): a line that would need more
// is set with the rest of its room at its end.
const looseEm = 0.25

// stretch is the space that justification adds at each of the n places
// where line l may stretch in room.
func (p *para) stretch(l span, room style.Length) (extra style.Length, n int) {
	return p.stretchOf(l, room, p.width(l), p.trim(l))
}

// stretchOf is stretch of a line whose width (p.width) and end without
// trailing spaces (p.trim) the caller has worked out already.
func (p *para) stretchOf(l span, room, w style.Length, end int) (extra style.Length, n int) {
	for i := l.start + 1; i < end; i++ {
		if p.justifiable(i) {
			n++
		}
	}
	if n > 0 && room > w {
		extra = (room - w) / style.Length(n)
	}
	return extra, n
}
