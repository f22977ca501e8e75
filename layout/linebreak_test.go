package layout

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nianbao/nianbao/style"
)

// fakeGlyphs sets s without fonts: full-width runes one em of size 10,
// everything else half an em.
func fakeGlyphs(s string) []glyph {
	var gs []glyph
	for _, r := range s {
		g := glyph{r: r, size: 10, class: classOf(r), w: 10}
		if !g.class.wide() {
			g.w = 5
		}
		gs = append(gs, g)
	}
	return gs
}

// breakString breaks s into lines of measure em and returns them.
func breakString(s string, measure float64) ([]string, *para, []span) {
	p := newPara(fakeGlyphs(s))
	ls := p.lines(func(int) style.Length { return style.Length(measure * 10) })
	var out []string
	for _, l := range ls {
		var b strings.Builder
		for i := l.start; i < l.end; i++ {
			b.WriteRune(p.gs[i].r)
		}
		out = append(out, b.String())
	}
	return out, p, ls
}

func TestBreak(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		measure float64
		want    []string
	}{
		{"ClosingMarkNotAtLineStart", "一二三四五，六七八九十", 5, []string{"一二三四", "五，六七八", "九十"}},
		{"ClosingMarkHalfWidthAtLineEnd", "一二三四五，六七八九", 5.5, []string{"一二三四五，", "六七八九"}},
		{"OpeningMarkNotAtLineEnd", "一二三四（五六）七八", 5, []string{"一二三四", "（五六）", "七八"}},
		{"DashesNotSplit", "一二三四——五六七八", 5, []string{"一二三四", "——五六", "七八"}},
		{"DashesNotSplitAcrossLines", "一二三——四五六七八", 4, []string{"一二三", "——四五", "六七八"}},
		{"EllipsisNotSplit", "一二三四……五六七八", 5, []string{"一二三", "四……五六", "七八"}},
		{"NumberNotSplit", "电话0577-61889607号", 8, []string{"电话", "0577-61889607号"}},
		{"UnitStaysWithNumber", "阅读量是15.4万人次", 6, []string{"阅读量是", "15.4万人次"}},
		{"NoSingleCharacterLastLine", "一二三四五六七八九十一", 5, []string{"一二三四五", "六七八九", "十一"}},
		{"QuotesBreakOutside", "一二三“四五”六七", 4, []string{"一二三", "“四五”", "六七"}},
		{"URLAtSlashWhenTooLong", "见http://www.example.gov.cn/a/b/c", 10, []string{"见http://", "www.example.gov.cn/", "a/b/c"}},
		// Not "www" at a line's end, which a dot break would give.
		{"URLNeverAtDotWhileSlashWorks", "详见https://www.example-county.gov.cn/zwgk/index.html", 14, []string{"详见https://", "www.example-county.gov.cn/", "zwgk/index.html"}},
		// A URL or an e-mail address that fits a line whose spacing is
		// fine is not broken, though a dot or an @ would fill the line
		// before it.
		{"URLThatFitsStaysWhole", "一二三四五六七八九十一二三四五六https://www.anpin.gov.cn/可下载，如有疑问请来电咨询。", 16,
			[]string{"一二三四五六七八九十一二三四五六", "https://www.anpin.gov.cn/可下载，", "如有疑问请来电咨询。"}},
		{"EmailThatFitsStaysWhole", "一二三四五六七八九十一二三四五六邮箱zwgk@anping.gov.cn可用，如有疑问请来电咨询。", 16,
			[]string{"一二三四五六七八九十一二三四五六", "邮箱zwgk@anping.gov.cn可用，如", "有疑问请来电咨询。"}},
		// An address the line before cannot hold without being ragged
		// breaks before a dot or an @, so that no line ends with what
		// reads as a full stop, or before a - (CMOS 7.42).
		{"EmailBeforeAtRatherThanRagged", "如有疑问请发送邮件至anping_zwgk.office@anping-county.example.gov.cn。", 20,
			[]string{"如有疑问请发送邮件至anping_zwgk.office", "@anping-county.example.gov.cn。"}},
		{"EmailBeforeHyphenRatherThanRagged", "如有疑问请发送邮件至anping_zwgk.office@anping-county.example.gov.cn。", 24,
			[]string{"如有疑问请发送邮件至anping_zwgk.office@anping", "-county.example.gov.cn。"}},
		{"URLBeforeDotRatherThanRagged", "报告全文可在本县门户网站https://www.anping.gov.cn/zwgk/下载，如有疑问请来电咨询。", 22,
			[]string{"报告全文可在本县门户网站https://www.anping", ".gov.cn/zwgk/下载，如有疑问请来电咨询。"}},
		{"URLAtQueryWhenNoSlash", "网址https://a.cn/list?year=2024&type=public&page=12345", 14, []string{"网址https://a.cn/list?year=", "2024&type=public&page=12345"}},
		{"FullWidthNumberNotSplit", "一二三四五六七８８２０２４年", 8, []string{"一二三四五六七", "８８２０２４年"}},
		{"ReferenceNotSplit", "一二三四五六依据〔2021〕30号", 9, []string{"一二三四五六依据", "〔2021〕30号"}},
		{"IssuerStaysWithReference", "一二三四五六七八根据国办发〔2019〕60号", 10, []string{"一二三四五六七八根据", "国办发〔2019〕60号"}},
		{"TimeRangeNotSplit", "一二三四五六七八时间9:00—12:00", 9, []string{"一二三四五六七八时", "间9:00—12:00"}},
		{"FullWidthPercentStaysWithNumber", "一二三四五六七增长２３．５％", 8, []string{"一二三四五六七增", "长２３．５％"}},
		{"PhoneWithAreaCodeInBracketsNotSplit", "一二三四五六七电话（0577）61889600", 8, []string{"一二三四五六七电", "话（0577）61889600"}},
	}
	for _, tt := range tests {
		got, _, _ := breakString(tt.in, tt.measure)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: Break(%q, %v em) = %q, want %q", tt.name, tt.in, tt.measure, got, tt.want)
		}
	}
}

// TestBreakRules checks the rules of §8 on inputs where the breaker has a
// choice: no closing mark starts a line, no opening mark ends one, numbers
// and Latin words stay whole, an e-mail address breaks only before its @
// or a dot.
func TestBreakRules(t *testing.T) {
	ins := []string{
		"一二三四（五六）七八",
		"电话：0577-61889607，电子邮件：yqsfj2013@163.com）。",
		"本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。",
		"《乐清市司法局政府信息公开审查和发布办法》《乐清市司法局依申请公开政府信息办理暂行规定》",
		"名称为“乐清普法智慧司法”微信公众号。获得关注量46067，阅读量15.4万。",
	}
	for _, in := range ins {
		for m := 4.0; m <= 28; m++ {
			got, _, _ := breakString(in, m)
			for i, l := range got {
				r, _ := utf8.DecodeRuneInString(l)
				last, _ := utf8.DecodeLastRuneInString(l)
				if i > 0 && strings.ContainsRune(closingMarks, r) {
					t.Errorf("Break(%q, %v em) = %q: line %d starts with %q", in, m, got, i, r)
				}
				if i < len(got)-1 && strings.ContainsRune(openingMarks, last) {
					t.Errorf("Break(%q, %v em) = %q: line %d ends with %q", in, m, got, i, last)
				}
			}
			// An e-mail address may break before its @ or a dot when
			// the line before it would be ragged (the address on the
			// next line leaving it 3.5 em short at 19–21 em), but no
			// line ends with the @ or the dot.
			for i, l := range got {
				if i < len(got)-1 && strings.Contains(in, "@") && (strings.HasSuffix(l, "@") || strings.HasSuffix(l, ".")) {
					t.Errorf("Break(%q, %v em) = %q: line %d ends inside the address with %q", in, m, got, i, l[len(l)-1:])
				}
			}
			if strings.Join(got, "") != in {
				t.Errorf("Break(%q, %v em) = %q: the lines do not give back the text", in, m, got)
			}
			for _, word := range []string{"0577-61889607", "46067", "15.4万", "2021"} {
				if !strings.Contains(in, word) || float64(len(word))/2 > m-1 {
					continue
				}
				if !strings.Contains(strings.Join(got, "\n"), word) {
					t.Errorf("Break(%q, %v em) = %q: %q split", in, m, got, word)
				}
			}
		}
	}
}

// FuzzLineBreak checks the breaker's invariants on any text: every rune is
// placed once, in order, and every glyph lies inside the measure.
func FuzzLineBreak(f *testing.F) {
	for _, s := range []string{
		"一二三四五，六七八九十",
		"电话：0577-61889607，电子邮件：yqsfj2013@163.com）。",
		"报告的电子版可在乐清市政府门户网站（http://www.yueqing.gov.cn/）上下载。",
		"——……“”（）《》，，，，，，，，，，",
		"abc def ghi jkl mno pqr stu vwx yz 123456789012345678901234567890",
	} {
		f.Add(s, uint8(10))
	}
	f.Fuzz(func(t *testing.T, s string, m uint8) {
		if !utf8.ValidString(s) {
			return
		}
		gs := fakeGlyphs(s)
		if len(gs) == 0 {
			return
		}
		measure := style.Length(max(int(m), 1)) * 10 // at least one em
		p := newPara(gs)
		ls := p.lines(func(int) style.Length { return measure })
		next := 0
		for _, l := range ls {
			if l.start != next || l.end <= l.start {
				t.Fatalf("Break(%q, %v): lines %v do not cover the runes once in order", s, measure, ls)
			}
			next = l.end
			xs := p.place(l, measure, alignJustify, l.end == len(gs))
			for i := l.start; i < l.end; i++ {
				// The glyph's half-empty cell: it starts right of x by
				// the half it gave up on its left.
				x := xs[i-l.start] + p.shift(i, l)
				w := p.advance(i, l)
				if p.gs[i].class == clsSpace {
					continue
				}
				if x < -eps || x+w > measure+eps && w <= measure {
					t.Fatalf("Break(%q, %v): rune %q of line %d at %.2f..%.2f leaves the measure", s, measure, p.gs[i].r, i, x, x+w)
				}
				if i > l.start && x < xs[i-l.start-1] {
					t.Fatalf("Break(%q, %v): rune %q placed before the one it follows", s, measure, p.gs[i].r)
				}
			}
		}
		if next != len(gs) {
			t.Fatalf("Break(%q, %v): lines end at %d of %d runes", s, measure, next, len(gs))
		}
	})
}

// TestAdjacentMarksTakeOneAndAHalfEm checks clreq's adjacent punctuation:
// two full-width marks side by side take 1.5 em, the blank half facing the
// other mark given up (a closing mark's right, an opening mark's left); an
// opening mark that starts a line keeps its full width.
func TestAdjacentMarksTakeOneAndAHalfEm(t *testing.T) {
	for _, pair := range []string{"》，", "。”", "）、", "”。", "（《", "）（", "：“"} {
		in := "一" + pair + "二"
		p := newPara(fakeGlyphs(in))
		l := span{start: 0, end: len(p.gs)}
		xs := p.place(l, 100, alignLeft, true)
		if got := xs[3]; !near(got, 25) {
			t.Errorf("place(%q): 二 at %.1f, want 25 (一 10 + %s 15)", in, got, pair)
		}
		if got := p.width(l); !near(got, 35) {
			t.Errorf("width(%q) = %.1f, want 35", in, got)
		}
	}
	p := newPara(fakeGlyphs("（《二》）"))
	if xs := p.place(span{start: 0, end: 5}, 100, alignLeft, true); !near(xs[0], 0) || !near(xs[1], 5) {
		t.Errorf("place(（《二》）) = %v, want （ at 0 (full width at the line start) and 《 at 5", xs)
	}
}

// TestGridLineHoldsItsColumnsWithAdjacentMarks checks that on a character
// grid the half cells that adjacent marks give up do not let a line take
// more characters than the grid has columns: the justification spreads
// them, and the line still ends at the measure. Off the grid the line takes
// more.
func TestGridLineHoldsItsColumnsWithAdjacentMarks(t *testing.T) {
	const in = "一》，二》，三四五六七八九"
	for _, grid := range []bool{true, false} {
		p := newPara(fakeGlyphs(in))
		p.grid = grid
		ls := p.lines(func(int) style.Length { return 90 })
		want := 9
		if !grid {
			want = 10
		}
		if n := ls[0].end - ls[0].start; n != want {
			t.Errorf("grid=%v: first line of %q holds %d characters, want %d", grid, in, n, want)
			continue
		}
		xs := p.place(ls[0], 90, alignJustify, false)
		last := ls[0].end - 1
		if end := xs[last-ls[0].start] + p.advance(last, ls[0]); !near(end, 90) {
			t.Errorf("grid=%v: first line of %q ends at %.2f, want the measure 90", grid, in, end)
		}
	}
}

// TestInsideAddress checks where a line may break inside the web and
// e-mail addresses of a text, marked ^ before the glyph the next line
// would start with: after a / (not inside //), after ? & =, before a .
// (not after www) or an @, before a - or an _; never inside a number of
// the address, never in the punctuation around it.
func TestInsideAddress(t *testing.T) {
	tests := []struct{ in, want string }{
		{"见(https://www.a-b.cn/x_y?p=1&q=2)。", "见(https://^www.a^-b^.cn/^x^_y?^p=^1&^q=^2)。"},
		{"邮箱zwgk.office@anping-county.gov.cn。", "邮箱zwgk^.office^@anping^-county^.gov^.cn。"},
		{"网址www.example.gov.cn/2024.12/,次年", "网址www.example^.gov^.cn/^2024.12/,次年"},
		{"版本v1.2.3和a.b@c.cn", "版本v1.2.3和a^.b^@c^.cn"},
		{"a@b不是邮箱", "a@b不是邮箱"},
		{"不是网址a.b.c/d", "不是网址a.b.c/d"},
	}
	for _, tt := range tests {
		p := newPara(fakeGlyphs(tt.in))
		var b strings.Builder
		for k, g := range p.gs {
			if lv := p.inside(k); lv > noBreak && lv < emergencyAny {
				b.WriteRune('^')
			}
			b.WriteRune(g.r)
		}
		if got := b.String(); got != tt.want {
			t.Errorf("breaks inside %q: %q, want %q", tt.in, got, tt.want)
		}
	}
}
