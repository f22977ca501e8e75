package layout

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/style"
)

// stress is the fixture of prose full of URLs, e-mails, phone numbers,
// times, document numbers, full-width digits, typed indents and a
// 33-character agency name.
const stress = "stress-prose-2024"

// pageLines returns the text of every line of every page (runs that share
// a baseline and a size, in x order), page numbers and repeated table
// heads left out.
func pageLines(s *style.Style, pages []Page) []string {
	var out []string
	for _, p := range pages {
		type key struct{ y, size style.Length }
		byKey := map[key][]Text{}
		var keys []key
		for _, t := range p.Texts {
			if t.Repeat || t.Y > s.Top+s.BlockHeight() {
				continue
			}
			k := key{t.Y, t.Size}
			if _, ok := byKey[k]; !ok {
				keys = append(keys, k)
			}
			byKey[k] = append(byKey[k], t)
		}
		for _, k := range keys {
			ts := byKey[k]
			sort.Slice(ts, func(i, j int) bool { return ts[i].X < ts[j].X })
			var b strings.Builder
			for _, t := range ts {
				b.WriteString(string(t.Runes))
			}
			out = append(out, b.String())
		}
	}
	return out
}

// tokenPatterns find, in a document's text, what a line never splits
// (issue 9): numbers in any digits with their units, document numbers,
// times and ranges, phone numbers, e-mail addresses.
var tokenPatterns = regexp.MustCompile(`[0-9０-９]{1,2}[:：][0-9０-９]{2}[—–~～-]{1,2}[0-9０-９]{1,2}[:：][0-9０-９]{2}` +
	`|[〔［\[【][0-9０-９]{4}[〕］\]】][0-9０-９]+号` +
	`|（0[0-9]{2,3}）[0-9]{7,8}` +
	`|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]+` +
	`|[0-9０-９]+(?:[.．,，:：－-][0-9０-９]+)*[万亿%％‰]?`)

// TestTokensNeverSplit checks every fixture in both styles: each number,
// document number, time range, phone number and e-mail address of the
// text stands whole on one line.
func TestTokensNeverSplit(t *testing.T) {
	checked := 0
	for _, s := range []*style.Style{style.Gongwen, style.Template} {
		for _, f := range loadFixtures(t, s) {
			text := strings.Join(pageLines(s, f.pages), "\n")
			for _, b := range f.doc.Blocks {
				if b.Kind == document.Table {
					continue // cells: the tables' own tests
				}
				src := b.Lead + b.Text + strings.Join(b.Lines, "")
				for _, tok := range tokenPatterns.FindAllString(src, -1) {
					tok = strings.TrimRight(tok, ",，")
					if len([]rune(tok)) < 2 {
						continue
					}
					checked++
					if !strings.Contains(text, tok) {
						t.Errorf("%s/%s: %q split over two lines", s.Name, f.name, tok)
					}
				}
			}
		}
	}
	if checked < 100 {
		t.Fatalf("only %d tokens checked", checked)
	}
}

// TestStressTokensStayWhole names the tokens of the stress fixture that
// the first-fit breaker used to split, so that the test above cannot pass
// by finding none. The e-mail addresses are whole where they first stand
// (the opening paragraph); section 六's may break before a dot since it
// left 作日8:30—17:00）；电子邮箱： 11.9 em short of the margin.
func TestStressTokensStayWhole(t *testing.T) {
	for _, s := range []*style.Style{style.Gongwen, style.Template} {
		for _, f := range loadFixtures(t, s) {
			if f.name != stress {
				continue
			}
			text := strings.Join(pageLines(s, f.pages), "\n")
			// The fixture's full-width １２３４５, ２３．５％, １５．６万 and
			// ０５７７－６１８８９６０３ are printed half width (report.HalfWidth).
			for _, tok := range []string{"12345", "23.5%", "15.6万", "〔2021〕30号", "〔2019〕60号", "〔2022〕17号",
				"9:00—12:00", "14:00—17:30", "8:30—17:00", "0577-61889600", "（0577）61889602", "0577-61889603",
				"zwgk@anping-county.example.gov.cn", "anping_zwgk.office@anping-county.example.gov.cn", "67.8%"} {
				if !strings.Contains(text, tok) {
					t.Errorf("%s: %q split over two lines", s.Name, tok)
				}
			}
			// The addresses break after a slash, a ? & or =, before a
			// dot, an @, a - or an _: no line ends with a dot or an @
			// of one.
			ls := pageLines(s, f.pages)
			for i, l := range ls {
				if i+1 < len(ls) && (strings.HasSuffix(l, ".") || strings.HasSuffix(l, "@")) &&
					(strings.Contains(l, "http") || strings.Contains(l, "@") || strings.HasPrefix(ls[i+1], "anping")) {
					t.Errorf("%s: line %q ends an address with %q", s.Name, l, l[len(l)-1:])
				}
			}
		}
	}
}

// TestNothingOutsideTheBlock checks, on every page of every fixture in the
// gongwen style, that every glyph's ink (its outline's box) lies inside the 版心's
// width: title, body, notes, tables and the closing block; only the page
// number stands below it. (The template's tables are wider than its
// measure by design, so there only the text outside tables is checked.)
func TestNothingOutsideTheBlock(t *testing.T) {
	for _, s := range []*style.Style{style.Gongwen, style.Template} {
		left, right := s.Left, s.Left+s.Measure()
		for _, f := range loadFixtures(t, s) {
			for _, p := range f.pages {
				for _, tx := range p.Texts {
					if tx.Y > s.Top+s.BlockHeight() {
						continue // the page number
					}
					if s.TableWidth > s.Measure() && tx.Size <= s.Table.Size {
						continue
					}
					for i, r := range tx.Runes {
						ink, ok := inkOf(tx.Face, r)
						if !ok {
							continue // a space
						}
						x0 := tx.Xs[i] + style.Length(ink.x0)*tx.Size
						x1 := tx.Xs[i] + style.Length(ink.x1)*tx.Size
						if x0 < left-0.01 || x1 > right+0.01 {
							t.Errorf("%s/%s page %d: ink of %q in %q at %.2f–%.2fmm, outside the 版心 %.2f–%.2fmm",
								s.Name, f.name, p.Number, r, string(tx.Runes), x0.Mm(), x1.Mm(), left.Mm(), right.Mm())
							break
						}
					}
				}
			}
		}
	}
}

// TestLongTitleBalancedAtNaturalPlaces checks the stress fixture's
// 52-character title: three lines broken after an institution word and
// before the year, never inside a word nor before 年, each centred.
func TestLongTitleBalancedAtNaturalPlaces(t *testing.T) {
	for _, s := range []*style.Style{style.Gongwen, style.Template} {
		for _, f := range loadFixtures(t, s) {
			if f.name != stress {
				continue
			}
			var got []string
			for _, tx := range f.pages[0].Texts {
				if tx.Size == s.Title.Size {
					got = append(got, string(tx.Runes))
				}
			}
			// Runs of one line: join by baseline.
			lines := pageLines(s, f.pages[:1])
			var title []string
			for _, l := range lines {
				for _, g := range got {
					if strings.HasPrefix(l, g) {
						title = append(title, l)
						break
					}
				}
			}
			want := []string{"东川省临江市安平县人民政府办公室", "政务公开与数据资源综合管理服务中心", "2024年政府信息公开工作年度报告"}
			if strings.Join(title, "|") != strings.Join(want, "|") {
				t.Errorf("%s: title lines %q, want %q", s.Name, title, want)
			}
		}
	}
}

// TestLongAgencyInClosing checks the closing block of the stress fixture:
// the 33-character agency name in two lines inside the 版心, sharing one
// centre, the date right-aligned four characters in, all on one page.
func TestLongAgencyInClosing(t *testing.T) {
	s := style.Gongwen
	for _, f := range loadFixtures(t, s) {
		if f.name != stress {
			continue
		}
		last := f.pages[len(f.pages)-1]
		ls := bodyLines(s, []Page{last})
		n := len(ls)
		if n < 3 {
			t.Fatalf("last page has %d lines", n)
		}
		a, b, date := ls[n-3], ls[n-2], ls[n-1]
		if string(a.runes)+string(b.runes) != "东川省临江市安平县人民政府办公室政务公开与数据资源综合管理服务中心" || string(date.runes) != "2025年1月18日" {
			t.Fatalf("closing lines %q %q %q", string(a.runes), string(b.runes), string(date.runes))
		}
		end := func(l line) style.Length {
			tx := l.texts[len(l.texts)-1]
			return tx.Xs[len(tx.Xs)-1] + s.Measure()/28
		}
		ca, cb := (a.xs[0]+end(a))/2, (b.xs[0]+end(b))/2
		if !near(ca, cb) {
			t.Errorf("agency lines centred at %.2f and %.2fmm, want one centre", ca.Mm(), cb.Mm())
		}
		if e := end(b); e > s.Left+s.Measure()+0.01 {
			t.Errorf("agency line ends at %.2fmm, past the 版心 %.2fmm", e.Mm(), (s.Left + s.Measure()).Mm())
		}
		if want := s.Left + s.Measure() - 4*s.Measure()/28; !near(end(date), want) {
			t.Errorf("date ends at %.2fmm, want %.2fmm (右空四字)", end(date).Mm(), want.Mm())
		}
	}
}

// TestTypedIndentReplacesAutomatic checks the stress fixture's paragraphs
// that a clerk began with U+3000 or ASCII spaces: their first character
// stands two characters in, like every other paragraph, not four.
func TestTypedIndentReplacesAutomatic(t *testing.T) {
	s := style.Gongwen
	cell := s.Measure() / 28
	found := 0
	for _, f := range loadFixtures(t, s) {
		if f.name != stress {
			continue
		}
		for _, l := range bodyLines(s, f.pages) {
			text := string(l.runes)
			if strings.HasPrefix(text, "本报告依据") || strings.HasPrefix(text, "2024年，本中心") {
				found++
				if !near(l.xs[0], s.Left+2*cell) {
					t.Errorf("%q starts at %.2fmm, want %.2fmm (two characters in)", text, l.xs[0].Mm(), (s.Left + 2*cell).Mm())
				}
			}
			if strings.ContainsRune(text, '\u3000') {
				t.Errorf("line %q keeps a typed U+3000", text)
			}
		}
	}
	if found != 2 {
		t.Fatalf("found %d of the 2 typed-indent paragraphs", found)
	}
}

// TestRareCharactersInBrushFace checks 堃 喆 镕 in the stress fixture's
// 仿宋 body: set in LXGW WenKai (a brush face like 仿宋, not Noto's 宋体),
// on the line's baseline, at the body size, their ink centred like the
// 仿宋 characters around them (within 0.1 em: WenKai's 堃 sits 0.08 em
// higher than FandolFang's 王).
func TestRareCharactersInBrushFace(t *testing.T) {
	s := style.Gongwen
	seen := map[rune]bool{}
	for _, f := range loadFixtures(t, s) {
		if f.name != stress {
			continue
		}
		for _, l := range bodyLines(s, f.pages) {
			for _, tx := range l.texts {
				for _, r := range tx.Runes {
					if !strings.ContainsRune("堃喆镕", r) {
						continue
					}
					seen[r] = true
					if tx.Face.Name() != "LXGW WenKai" {
						t.Errorf("%q in %s, want LXGW WenKai", r, tx.Face.Name())
					}
					if tx.Y != l.y || tx.Size != s.Body.Size {
						t.Errorf("%q at y=%.2f size %.1f, line at y=%.2f size %.1f", r, tx.Y.Mm(), tx.Size.Pt(), l.y.Mm(), s.Body.Size.Pt())
					}
					rare, ok1 := inkOf(tx.Face, r)
					wang, ok2 := inkOf(l.texts[0].Face, '王')
					if ok1 && ok2 {
						if d := (rare.y0+rare.y1)/2 - (wang.y0+wang.y1)/2; d > 0.1 || d < -0.1 {
							t.Errorf("%q ink centred %.3f em from 仿宋 王's", r, d)
						}
					}
				}
			}
		}
	}
	if len(seen) != 3 {
		t.Fatalf("saw %d of 堃 喆 镕 in the body", len(seen))
	}
}

// TestLongParagraphFirstFit checks the limit of the paragraph-wide
// breaker: a paragraph of more than maxOptimal glyphs is broken first fit,
// every glyph once and in order and inside the measure, and one of
// maxOptimal glyphs still optimally.
func TestLongParagraphFirstFit(t *testing.T) {
	unit := "本中心全年公开信息１２３４５条，网址https://www.example.gov.cn/a/b，电话0577-61889600。"
	for _, n := range []int{maxOptimal, maxOptimal + 1} {
		var b strings.Builder
		for b.Len() == 0 || len([]rune(b.String())) < n {
			b.WriteString(unit)
		}
		text := []rune(b.String())[:n]
		p := newPara(fakeGlyphs(string(text)))
		p.grid = true
		ls := p.lines(func(int) style.Length { return 280 })
		next := 0
		for _, l := range ls {
			if l.start != next || l.end <= l.start {
				t.Fatalf("n=%d: lines do not cover the glyphs once in order", n)
			}
			next = l.end
			if w := p.width(l); w > 280+eps {
				t.Fatalf("n=%d: line %v is %.1f wide, measure 280", n, l, w)
			}
		}
		if next != n {
			t.Fatalf("n=%d: lines end at %d", n, next)
		}
		ff := p.firstFit(func(int) style.Length { return 280 })
		same := len(ff) == len(ls)
		for i := 0; same && i < len(ls); i++ {
			same = ff[i] == ls[i]
		}
		if n > maxOptimal && !same {
			t.Errorf("n=%d (over maxOptimal): not the first-fit lines", n)
		}
		if n == maxOptimal && same {
			t.Errorf("n=%d: the first-fit lines, want the paragraph-wide breaker's", n)
		}
	}
}

// BenchmarkOptimal breaks a paragraph of each size paragraph-wide.
func BenchmarkOptimal(b *testing.B) {
	unit := "本中心全年公开信息１２３４５条，网址https://www.example.gov.cn/a/b，电话0577-61889600。"
	for _, n := range []int{200, 2000, maxOptimal} {
		var sb strings.Builder
		for len([]rune(sb.String())) < n {
			sb.WriteString(unit)
		}
		gs := fakeGlyphs(string([]rune(sb.String())[:n]))
		b.Run(itoa(n), func(b *testing.B) {
			loop(b, func() {
				p := newPara(append([]glyph(nil), gs...))
				p.lines(func(int) style.Length { return 280 })
			})
		})
	}
}

// TestClosingCentredOnDate checks the closing block of every fixture in
// both styles: the date ends four characters in from the right edge
// (右空四字), the agency lines share one centre, which is the date's
// whenever they fit the width that can be centred on it, else as near to
// it as the 版心 allows; and a long name is broken at its natural place
// (the city-bignum fixture's 28-character name was one line from margin
// to margin, nowhere near the date's centre).
func TestClosingCentredOnDate(t *testing.T) {
	for _, s := range []*style.Style{style.Gongwen, style.Template} {
		cell := s.Measure() / style.Length(max(s.CharsPerLine, 28))
		if s.CharsPerLine == 0 {
			cell = s.Body.Size
		}
		for _, f := range loadFixtures(t, s) {
			var closing document.Block
			for _, b := range f.doc.Blocks {
				if b.Kind == document.Closing {
					closing = b
				}
			}
			if len(closing.Lines) < 2 {
				continue
			}
			ls := bodyLines(s, f.pages[len(f.pages)-1:])
			agency := strings.Join(closing.Lines[:len(closing.Lines)-1], "")
			// The closing's lines are the last ones whose text joins to
			// the agency, then the date.
			n := len(ls)
			k := n - 1
			got := ""
			for k > 0 && len(got) < len(agency) {
				k--
				got = string(ls[k].runes) + got
			}
			if got != agency || string(ls[n-1].runes) != closing.Lines[len(closing.Lines)-1] {
				t.Fatalf("%s %s: closing lines not found (%q)", s.Name, f.name, got)
			}
			end := func(l line) style.Length {
				tx := l.texts[len(l.texts)-1]
				return tx.Xs[len(tx.Xs)-1] + cell
			}
			date := ls[n-1]
			if want := s.Left + s.Measure() - 4*cell; math.Abs(float64(end(date)-want)) > 0.6 {
				t.Errorf("%s %s: date ends at %.2fmm, want %.2fmm (右空四字)", s.Name, f.name, end(date).Mm(), want.Mm())
			}
			dateCentre := (date.xs[0] + end(date)) / 2
			room := 2 * (s.Left + s.Measure() - dateCentre)
			var centre, widest style.Length
			for _, l := range ls[k : n-1] {
				widest = max(widest, end(l)-l.xs[0])
			}
			for i, l := range ls[k : n-1] {
				c := (l.xs[0] + end(l)) / 2
				if i == 0 {
					centre = c
				} else if math.Abs(float64(c-centre)) > 0.6 {
					t.Errorf("%s %s: agency line %q centred at %.2fmm, the first at %.2fmm", s.Name, f.name, string(l.runes), c.Mm(), centre.Mm())
				}
				// Wider than can be centred on the date: shifted left only
				// as far as the 版心 requires, so it ends at the edge.
				if w := end(l) - l.xs[0]; w > room+0.6 && w >= widest-0.01 && math.Abs(float64(end(l)-(s.Left+s.Measure()))) > 0.6 {
					t.Errorf("%s %s: agency line %q (%.1fmm, wider than the %.1fmm centred on the date) ends %.2fmm before the 版心's edge: shifted further than needed", s.Name, f.name, string(l.runes), w.Mm(), room.Mm(), (s.Left + s.Measure() - end(l)).Mm())
				}
				if end(l) > s.Left+s.Measure()+0.6 {
					t.Errorf("%s %s: agency line %q ends past the 版心", s.Name, f.name, string(l.runes))
				}
			}
			if fits := n-1-k == 1 && end(ls[k])-ls[k].xs[0] <= room; fits && math.Abs(float64(centre-dateCentre)) > 0.6 {
				t.Errorf("%s %s: agency centred at %.2fmm, the date at %.2fmm", s.Name, f.name, centre.Mm(), dateCentre.Mm())
			}
			if f.name == "city-bignum-2024" && (n-1-k != 2 || string(ls[k].runes) != "岭西市人民政府办公室") {
				t.Errorf("%s %s: agency lines %q; want it broken after 办公室", s.Name, f.name, got)
			}
		}
	}
}
