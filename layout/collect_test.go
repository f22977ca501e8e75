package layout

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"github.com/rivo/uniseg"
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

// opportunitiesWhole is opportunities as it was before the windows: UAX
// #14 on the whole paragraph, then ownRule.
func opportunitiesWhole(gs []glyph) []bool {
	n := len(gs)
	brk := make([]bool, n)
	var rs []rune
	for _, g := range gs {
		rs = append(rs, g.r)
	}
	str, state, i := string(rs), -1, 0
	for len(str) > 0 {
		var seg string
		seg, str, _, state = uniseg.FirstLineSegmentInString(str, state)
		i += len([]rune(seg))
		if i < n {
			brk[i] = true
		}
	}
	for i := 1; i < n; i++ {
		if v, own := ownRule(&gs[i-1], &gs[i]); own {
			brk[i] = v
		}
	}
	return brk
}

// TestOpportunitiesWindowed checks that asking UAX #14 on windows between
// pairs of ideographs gives the breaks it gives on the whole text, on
// random text from every kind of character a report may hold and many it
// should not: marks, quotes, digits in both widths, spaces, kana, Hangul,
// combining marks, joiners, emoji, regional indicators, RTL letters.
func TestOpportunitiesWindowed(t *testing.T) {
	pieces := []string{"中", "国", "年", "度", "丽", "鿿", "〇", "々", "ー", "ぁ", "あ", "ア", "ｱ", "한",
		"，", "。", "、", "：", "；", "！", "？", "（", "）", "《", "》", "“", "”", "‘", "’", "「", "」", "〔", "〕", "【", "】",
		"—", "——", "…", "……", "·", "・", "～", "〜", "％", "‰", "%", "$", "¥", "€", "+", "-", "‐", "/", ".", ",", ":", ";",
		"!", "?", "(", ")", "[", "]", "{", "}", "\"", "'", "a", "Z", "0", "9", "１", "２", "Ａ", " ", "\u00a0", "\u3000",
		"\u200b", "\u200d", "\u2060", "\u00ad", "\u0301", "\ufe0f", "\U000e0100", "😀", "\U0001f3fb", "\U0001f1e8\U0001f1f3",
		"ก", "ا", "א", "𠮷", "豈", "♪", "©", "＃", "＠", "\t", "ff", "2021", "〔2021〕30号", "https://a.b/c?d=e", "9:00—12:00"}
	rng := rand.New(rand.NewPCG(9, 14))
	for k := 0; k < 20000; k++ {
		var b strings.Builder
		for n := 1 + rng.IntN(40); n > 0; n-- {
			if rng.IntN(3) == 0 {
				b.WriteString(pieces[rng.IntN(6)]) // runs of ideographs, as in prose
			} else {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
		}
		gs := fakeGlyphs(b.String())
		got := make([]bool, len(gs))
		opportunities(gs, got)
		want := opportunitiesWhole(gs)
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%q: break before %d (%q) = %v, on the whole text %v", b.String(), i, gs[i].r, got[i], want[i])
			}
		}
	}
}
