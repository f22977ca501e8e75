package layout

import (
	"strings"
	"testing"
	"unicode"
)

// TestClassOfEveryRune checks the fast paths of classOf and isHan against
// their definitions (the mark lists and Unicode's scripts) on every rune.
func TestClassOfEveryRune(t *testing.T) {
	classByList := func(r rune) class {
		switch {
		case r == ' ' || r == '\u00a0':
			return clsSpace
		case strings.ContainsRune(openingMarks, r):
			return clsOpen
		case strings.ContainsRune(closingMarks, r):
			return clsClose
		case strings.ContainsRune(pairedMarks, r) || r == '·' || r == '・':
			return clsDash
		case r < 0x2E80 || r >= 0xFF61 && r <= 0xFFDC:
			return clsNarrow
		}
		return clsWide
	}
	hanByScript := func(r rune) bool {
		return unicode.Is(unicode.Han, r) || unicode.In(r, unicode.Hiragana, unicode.Katakana)
	}
	bad := 0
	for r := rune(0); r <= unicode.MaxRune && bad < 10; r++ {
		if got, want := classOf(r), classByList(r); got != want {
			t.Errorf("classOf(%U) = %d, want %d", r, got, want)
			bad++
		}
		if got, want := isHan(r), hanByScript(r); got != want {
			t.Errorf("isHan(%U) = %v, want %v", r, got, want)
			bad++
		}
	}
}
