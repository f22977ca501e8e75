package report

import (
	"regexp"
	"regexp/syntax"
)

// rx is a regexp of the prose checks with a prefilter: the characters
// that can begin a match. Most of the checks' patterns begin with one of a
// few Chinese characters, and most texts they are run on have none of them;
// the regexp package would try a match at every character of such a text
// (it has no literal prefix to search for). A text without any of first has
// no match, so the prefilter changes no result.
type rx struct {
	re    *regexp.Regexp
	first *marks // the characters a match can begin with; nil when any (no prefilter)
}

// mustRx compiles pattern as regexp.MustCompile does, with its prefilter.
func mustRx(pattern string) *rx {
	x := &rx{re: regexp.MustCompile(pattern)}
	if re, err := syntax.Parse(pattern, syntax.Perl); err == nil {
		if runes, nullable, ok := firstRunes(re.Simplify()); ok && !nullable {
			x.first = newMarks(string(runes))
		}
	}
	return x
}

// maxFirst bounds the characters kept for a prefilter: a class such as
// [^，] has too many to be worth it.
const maxFirst = 64

// firstRunes returns the characters that can begin a match of re, whether
// re matches the empty text, and ok = false when the characters cannot be
// listed (any character, a large class, case folding).
func firstRunes(re *syntax.Regexp) (runes []rune, nullable, ok bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil, false, false
		}
		if len(re.Rune) == 0 {
			return nil, true, true
		}
		return re.Rune[:1], false, true
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1]-re.Rune[i] >= maxFirst || len(runes) > maxFirst {
				return nil, false, false
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				runes = append(runes, r)
			}
		}
		return runes, false, true
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return nil, true, true
	case syntax.OpCapture, syntax.OpPlus:
		return firstRunes(re.Sub[0])
	case syntax.OpStar, syntax.OpQuest:
		runes, _, ok = firstRunes(re.Sub[0])
		return runes, true, ok
	case syntax.OpRepeat:
		runes, nullable, ok = firstRunes(re.Sub[0])
		return runes, nullable || re.Min == 0, ok
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			rs, subNullable, subOK := firstRunes(sub)
			if !subOK {
				return nil, false, false
			}
			runes = append(runes, rs...)
			if !subNullable {
				return runes, false, true
			}
		}
		return runes, true, true
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			rs, subNullable, subOK := firstRunes(sub)
			if !subOK {
				return nil, false, false
			}
			runes = append(runes, rs...)
			nullable = nullable || subNullable
		}
		return runes, nullable, true
	}
	return nil, false, false
}

// may says whether s can hold a match: whether it has one of the
// characters a match begins with.
func (x *rx) may(s string) bool {
	if x.first == nil {
		return true
	}
	for _, c := range s {
		if x.first.has(c) {
			return true
		}
	}
	return false
}

func (x *rx) MatchString(s string) bool { return x.may(s) && x.re.MatchString(s) }

func (x *rx) FindStringIndex(s string) []int {
	if !x.may(s) {
		return nil
	}
	return x.re.FindStringIndex(s)
}

func (x *rx) FindAllString(s string, n int) []string {
	if !x.may(s) {
		return nil
	}
	return x.re.FindAllString(s, n)
}

func (x *rx) FindAllStringSubmatch(s string, n int) [][]string {
	if !x.may(s) {
		return nil
	}
	return x.re.FindAllStringSubmatch(s, n)
}

func (x *rx) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if !x.may(s) {
		return nil
	}
	return x.re.FindAllStringSubmatchIndex(s, n)
}

func (x *rx) ReplaceAllString(s, repl string) string {
	if !x.may(s) {
		return s
	}
	return x.re.ReplaceAllString(s, repl)
}
