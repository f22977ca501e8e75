package report

import (
	"strings"
	"unicode/utf8"
)

// Hand-written matchers for the patterns that R7 and C3 run over every
// sentence of the prose, where the regexp package backtracked through each
// one (half the time of Validate). Each gives exactly the matches of the
// pattern in its comment (leftmost first, non-overlapping, as
// FindAllStringSubmatchIndex); TestScanners and FuzzScanners hold them to it.

// findCounts returns the counts in prose s, as the submatch indices of
//
//	([0-9０-９]{1,3}(?:,[0-9]{3})+|[0-9０-９]+)\s*(件|起|个|条|项|宗|例)
//
// a number (ASCII or full-width digits, thousands separators allowed) and
// its unit: m[0]:m[1] the count, m[2]:m[3] the number, m[4]:m[5] the unit.
func findCounts(s string) [][6]int {
	var out [][6]int
	for i := 0; i < len(s); {
		if m, ok := countAt(s, i); ok {
			out = append(out, m)
			i = m[1]
			continue
		}
		i++ // a count starts with a digit, never inside a character
	}
	return out
}

// hasCount says whether prose s has a count (findCounts).
func hasCount(s string) bool {
	for i := range len(s) {
		if _, ok := countAt(s, i); ok {
			return true
		}
	}
	return false
}

// countAt matches the count pattern of findCounts at byte i of s.
func countAt(s string, i int) ([6]int, bool) {
	j, n := i, 0
	for {
		size := digitAt(s, j)
		if size == 0 {
			break
		}
		j += size
		n++
	}
	if n == 0 {
		return [6]int{}, false
	}
	// The first branch: 1–3 digits, then groups of ",ddd". A shorter
	// prefix of the digits is followed by a digit, not by a comma, and
	// fewer groups by a comma, not by a unit: only the longest can match.
	if n <= 3 {
		k := j
		for k+4 <= len(s) && s[k] == ',' && isASCIIDigit(s[k+1]) && isASCIIDigit(s[k+2]) && isASCIIDigit(s[k+3]) {
			k += 4
		}
		if k > j {
			p := skipSpace(s, k)
			if u := unitAt(s, p); u > 0 {
				return [6]int{i, p + u, i, k, p, p + u}, true
			}
		}
	}
	p := skipSpace(s, j)
	if u := unitAt(s, p); u > 0 {
		return [6]int{i, p + u, i, j, p, p + u}, true
	}
	return [6]int{}, false
}

func isASCIIDigit(c byte) bool { return c >= '0' && c <= '9' }

// digitAt returns the length of the ASCII or full-width digit at byte i of
// s, or 0.
func digitAt(s string, i int) int {
	switch {
	case i < len(s) && isASCIIDigit(s[i]):
		return 1
	case i+3 <= len(s) && s[i] == 0xEF && s[i+1] == 0xBC && s[i+2] >= 0x90 && s[i+2] <= 0x99: // ０–９
		return 3
	}
	return 0
}

// skipSpace skips what the regexp \s matches: tab, line feed, form feed,
// carriage return and space.
func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
		i++
	}
	return i
}

// unitAt returns the length of a unit of a count at byte i of s, or 0.
func unitAt(s string, i int) int {
	for _, u := range [...]string{"件", "起", "个", "条", "项", "宗", "例"} {
		if strings.HasPrefix(s[i:], u) {
			return len(u)
		}
	}
	return 0
}

// findProseYears returns the years that date a sentence of s, as the
// submatch indices of
//
//	(?:^|[，。；、\s])((?:19|20)[0-9]{2})年(?:度|，|,|全年|共|本|我|全)
//
// m[2]:m[3] is the year, m[2]:m[1] the text quoted in C3's message.
func findProseYears(s string) [][4]int {
	var out [][4]int
	for i := 0; i < len(s); {
		if m, ok := proseYearAt(s, i); ok {
			out = append(out, m)
			i = m[1]
			continue
		}
		i++ // a match starts at a separator or at 0, never inside a character
	}
	return out
}

// proseYearAt matches the pattern of findProseYears at byte i of s.
func proseYearAt(s string, i int) ([4]int, bool) {
	switch s[i] {
	case ' ', '\t', '\n', '\f', '\r', 0xEF, 0xE3: // a space, or the first byte of ，；, 。、
	default:
		if i > 0 {
			return [4]int{}, false
		}
	}
	if i == 0 {
		if end, ok := yearAt(s, 0); ok {
			return [4]int{0, end, 0, 4}, true
		}
	}
	sep := 0
	switch {
	case i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r'):
		sep = 1
	default:
		for _, p := range [...]string{"，", "。", "；", "、"} {
			if strings.HasPrefix(s[i:], p) {
				sep = len(p)
				break
			}
		}
	}
	if sep == 0 {
		return [4]int{}, false
	}
	if end, ok := yearAt(s, i+sep); ok {
		return [4]int{i, end, i + sep, i + sep + 4}, true
	}
	return [4]int{}, false
}

// yearAt matches ((?:19|20)[0-9]{2})年(?:度|，|,|全年|共|本|我|全) at byte i
// of s and returns where it ends: the first of the words after 年 that
// matches, in that order, as the regexp takes it.
func yearAt(s string, i int) (int, bool) {
	if i+4+len("年") > len(s) || !(s[i] == '1' && s[i+1] == '9' || s[i] == '2' && s[i+1] == '0') ||
		!isASCIIDigit(s[i+2]) || !isASCIIDigit(s[i+3]) || !strings.HasPrefix(s[i+4:], "年") {
		return 0, false
	}
	j := i + 4 + len("年")
	for _, w := range [...]string{"度", "，", ",", "全年", "共", "本", "我", "全"} {
		if strings.HasPrefix(s[j:], w) {
			return j + len(w), true
		}
	}
	return 0, false
}

// hasDigit says whether s has an ASCII or full-width digit.
func hasDigit(s string) bool {
	for i := range len(s) {
		if digitAt(s, i) > 0 {
			return true
		}
	}
	return false
}

// marks is a short set of characters (punctuation that ends a sentence or
// a clause, the first characters of a pattern), decoded once: testing a
// character of a text against it decodes nothing more.
type marks struct {
	lo, hi rune // the smallest and largest of rs
	rs     []rune
}

func newMarks(s string) *marks {
	m := &marks{rs: []rune(s), lo: utf8.MaxRune}
	for _, r := range m.rs {
		m.lo, m.hi = min(m.lo, r), max(m.hi, r)
	}
	return m
}

// has says whether c is one of the marks.
func (m *marks) has(c rune) bool {
	if c < m.lo || c > m.hi {
		return false
	}
	for _, r := range m.rs {
		if r == c {
			return true
		}
	}
	return false
}

// indexAny is strings.IndexAny for a set of marks.
func indexAny(s string, m *marks) int {
	for i, c := range s {
		if m.has(c) {
			return i
		}
	}
	return -1
}

// lastIndexAny is strings.LastIndexAny for a set of marks.
func lastIndexAny(s string, m *marks) int {
	for i := len(s); i > 0; {
		c, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
		if m.has(c) {
			return i
		}
	}
	return -1
}
