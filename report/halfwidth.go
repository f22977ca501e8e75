package report

import (
	"strings"
	"unicode/utf8"
)

// HalfWidth returns text with its numbers in half-width forms, as they are
// printed: full-width digits ０–９ as 0–9, and between digits the full-width
// ． － ： as . - :, with ％ after a digit as %. Publications set Arabic
// numerals half width (GB/T 15835—2011); a clerk's input method in
// full-width mode types ２０２４年, which prints as four spaced-out
// characters. The value is the same, so the report keeps what was typed
// and Validate says what is printed otherwise (C6).
func HalfWidth(text string) string {
	if !hasFullWidthDigit(text) {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	prevDigit := false
	for i, r := range text {
		next, _ := utf8.DecodeRuneInString(text[i+utf8.RuneLen(r):])
		switch {
		case r >= '０' && r <= '９',
			prevDigit && isDigit(next) && (r == '．' || r == '－' || r == '：'),
			prevDigit && r == '％':
			r -= fullWidthOffset
		}
		prevDigit = r >= '0' && r <= '9'
		b.WriteRune(r)
	}
	return b.String()
}

// fullWidthOffset is the distance from the full-width forms U+FF01–FF5E to
// the ASCII characters they stand for.
const fullWidthOffset = '０' - '0'

func hasFullWidthDigit(s string) bool {
	for _, r := range s {
		if r >= '０' && r <= '９' {
			return true
		}
	}
	return false
}
