package layout

import "strings"

// tokens: pieces of text that a line never splits although UAX #14 would
// (official-format.md §8; issue 9): numbers in any digits with their unit
// (２０２４, 15.4万, 12%, ３．５‰), document references (〔2021〕30号,
// 国办发〔2019〕60号), times and ranges (9:00—12:00), phone numbers
// (（0577）61889600, ０５７７－６１８８９６００) and, when shorter than a
// line and not at any price, 《…》 titles and a document number's issuer. Latin words, e-mail addresses and URLs are runs of
// narrow glyphs, which opportunities already keeps whole.

// isAnyDigit reports whether r is an ASCII or a full-width digit.
func isAnyDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

// numberInner are the marks that join the digits of one number: decimal
// points, thousands separators, the colon of a time, the hyphen of a phone
// number, in ASCII and full width.
const numberInner = ".,:：．，－-"

// numberUnits end a number and stay with it: 15.4万, 3亿, 12%, 5‰.
const numberUnits = "万亿%％‰"

// rangeDashes join two numbers into a range: 9:00—12:00, 2021-2024.
const rangeDashes = "—–-~～－"

// refOpen and refClose are the brackets of a document number's year,
// with the ones clerks type instead of 〔〕.
const (
	refOpen  = "〔［[【（("
	refClose = "〕］]】）)"
)

// refSuffix ends a document number: 〔2021〕30号.
const refSuffix = '号'

// maxRefPrefix is the most Han characters before 〔 that belong to a
// document number's issuer: 国办公开办函 has 6.
const maxRefPrefix = 6

// refPrefixStop are characters that end a document number's issuer when
// read backwards from 〔: the words before it (根据 按照 依据 见 印发的).
const refPrefixStop = "据照见的和与及按依在了于等即"

// glue clears brk inside the tokens of gs and sets tight there (no
// justification inside 9:00—12:00 or 〔2021〕30号), and returns the pieces that a
// line keeps whole when they are shorter than it unless that costs more
// than penaltySoft: 《…》 titles, and a document number with its issuer
// (国办公开办函〔2021〕30号).
func glue(gs []glyph, brk, tight []bool) (soft []span) {
	n := len(gs)
	join := func(a, b int) { // no break nor stretch inside [a, b)
		for k := a + 1; k < b && k < n; k++ {
			brk[k], tight[k] = false, true
		}
	}
	for i := 0; i < n; {
		r := gs[i].r
		switch {
		case r == '《':
			depth, k := 0, i
			for ; k < n; k++ {
				if gs[k].r == '《' {
					depth++
				} else if gs[k].r == '》' {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			if k < n {
				soft = append(soft, span{start: i, end: k + 1})
			}
			i++
		case isAnyDigit(r):
			e := numberEnd(gs, i)
			// A range: 9:00—12:00, 2021-2024年.
			if d := e; d < n && strings.ContainsRune(rangeDashes, gs[d].r) {
				if d+1 < n && gs[d+1].r == gs[d].r {
					d++ // ——
				}
				if d+1 < n && isAnyDigit(gs[d+1].r) {
					e = numberEnd(gs, d+1)
				}
			}
			s := i
			// A document number: 国办发〔2019〕60号.
			if e < n && strings.ContainsRune(refClose, gs[e].r) && i > 0 && strings.ContainsRune(refOpen, gs[i-1].r) &&
				e+1 < n && isAnyDigit(gs[e+1].r) {
				if f := numberEnd(gs, e+1); f < n && gs[f].r == refSuffix {
					s = i - 1
					e = f + 1
					// The issuer before 〔 goes with it at a price,
					// as a title does: a line may end before
					// 〔2021〕 rather than be letter-spaced.
					p := s
					for k := 0; k < maxRefPrefix && p > 0 && isHan(gs[p-1].r) && !strings.ContainsRune(refPrefixStop, gs[p-1].r); k++ {
						p--
					}
					if p < s {
						soft = append(soft, span{start: p, end: e})
					}
				} else if f-(e+1) >= 5 {
					// A phone number with its area code in brackets:
					// （0577）61889600.
					s, e = i-1, f
				}
			}
			join(s, e)
			i = max(e, i+1)
		default:
			i++
		}
	}
	return soft
}

// numberEnd returns the end of the number that starts at glyph i: digits,
// the marks between digits, then a unit.
func numberEnd(gs []glyph, i int) int {
	n := len(gs)
	e := i
	for e < n {
		switch {
		case isAnyDigit(gs[e].r):
			e++
		case strings.ContainsRune(numberInner, gs[e].r) && e+1 < n && isAnyDigit(gs[e+1].r) && e > i:
			e++
		default:
			if e < n && strings.ContainsRune(numberUnits, gs[e].r) {
				e++
			}
			return e
		}
	}
	return e
}

// addresses marks the glyphs of the web and e-mail addresses of gs: in a
// run of Latin letters, digits and ASCII punctuation, a URL from its
// scheme (http://, https://) or its www. to the end of the run, less the
// punctuation of the sentence after it (the ")" of "(https://…/)"), and an
// e-mail address, the letters, digits and ._%+- around an @ whose domain
// has a dot. A line breaks inside an address only at the places inside
// ranks (linebreak.go).
func addresses(gs []glyph) []bool {
	n := len(gs)
	addr := make([]bool, n)
	for i := 0; i < n; {
		if gs[i].class != clsNarrow {
			i++
			continue
		}
		r1 := i
		for r1 < n && gs[r1].class == clsNarrow {
			r1++
		}
		markURLs(gs[i:r1], addr[i:r1])
		markEmails(gs[i:r1], addr[i:r1])
		i = r1
	}
	return addr
}

// markURLs marks in the run gs the URLs it holds.
func markURLs(gs []glyph, addr []bool) {
	n := len(gs)
	for k := 0; k < n; k++ {
		if k > 0 && isAlnum(gs[k-1].r) {
			continue // a scheme or www starts a word
		}
		e := 0
		switch {
		case hasPrefixFold(gs[k:], "http://"), hasPrefixFold(gs[k:], "https://"), hasPrefixFold(gs[k:], "www."):
			e = n
			for e > k && strings.ContainsRune(".,;:!?)]}'\"", gs[e-1].r) {
				e--
			}
		default:
			continue
		}
		for j := k; j < e; j++ {
			addr[j] = true
		}
		k = e
	}
}

// markEmails marks in the run gs the e-mail addresses it holds.
func markEmails(gs []glyph, addr []bool) {
	local := func(r rune) bool { return isAlnum(r) || strings.ContainsRune("._%+-", r) }
	domain := func(r rune) bool { return isAlnum(r) || r == '.' || r == '-' }
	for k := 1; k+1 < len(gs); k++ {
		if gs[k].r != '@' || !local(gs[k-1].r) || !isAlnum(gs[k+1].r) {
			continue
		}
		s := k
		for s > 0 && local(gs[s-1].r) {
			s--
		}
		e := k + 1
		for e < len(gs) && domain(gs[e].r) {
			e++
		}
		for e > k+1 && (gs[e-1].r == '.' || gs[e-1].r == '-') {
			e-- // the full stop after it
		}
		dot := false
		for j := k + 1; j < e; j++ {
			dot = dot || gs[j].r == '.'
		}
		if !dot {
			continue
		}
		for j := s; j < e; j++ {
			addr[j] = true
		}
		k = e
	}
}

// hasPrefixFold reports whether the runes of gs start with the ASCII
// prefix, ignoring case.
func hasPrefixFold(gs []glyph, prefix string) bool {
	if len(gs) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		r := gs[i].r
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		if r != rune(prefix[i]) {
			return false
		}
	}
	return true
}
