package layout

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/fixtures"
	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/style"
)

// sample is the fixture of the sample report, whose layout is the golden
// file and which is long enough to fill pages.
const sample = fixtures.Sample

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// fixture is one report of fixtures/ laid out in the gongwen style.
type fixture struct {
	name  string
	doc   *document.Document
	pages []Page
}

func loadFixtures(t testing.TB, s *style.Style) []fixture {
	t.Helper()
	fs, err := fonts.Embedded()
	if err != nil {
		t.Fatalf("fonts.Embedded: %v", err)
	}
	all, err := fixtures.Documents()
	if err != nil {
		t.Fatal(err)
	}
	var out []fixture
	for _, f := range all {
		pages, err := Layout(f.Doc, s, fs)
		if err != nil {
			t.Fatalf("Layout(%s): %v", f.Name, err)
		}
		out = append(out, fixture{f.Name, f.Doc, pages})
	}
	return out
}

func TestGolden(t *testing.T) {
	for _, f := range loadFixtures(t, style.Gongwen) {
		if f.name != sample {
			continue
		}
		var buf bytes.Buffer
		Dump(&buf, f.pages)
		golden := filepath.Join("testdata", f.name+".golden")
		if *update {
			if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./layout -update)", err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			got, wl := strings.Split(buf.String(), "\n"), strings.Split(string(want), "\n")
			for i := 0; i < len(got) && i < len(wl); i++ {
				if got[i] != wl[i] {
					t.Fatalf("%s: dump differs from %s at line %d:\ngot  %s\nwant %s\n(go test ./layout -update rewrites it)", f.name, golden, i+1, got[i], wl[i])
				}
			}
			t.Fatalf("%s: dump has %d lines, %s has %d", f.name, len(got), golden, len(wl))
		}
	}
}

// line is the runs of one page that share a baseline and a font size.
type line struct {
	page  int
	y     style.Length
	runes []rune
	xs    []style.Length
	texts []Text
}

// bodyLines returns the lines of text in the body size inside the 版心:
// the title, the table cells and the page numbers are in other sizes.
func bodyLines(s *style.Style, pages []Page) []line {
	var ls []line
	for _, p := range pages {
		byY := map[style.Length]int{}
		for _, t := range p.Texts {
			if t.Size != s.Body.Size || t.Y > s.Top+s.BlockHeight() {
				continue
			}
			i, ok := byY[t.Y]
			if !ok {
				i = len(ls)
				byY[t.Y] = i
				ls = append(ls, line{page: p.Number, y: t.Y})
			}
			ls[i].runes = append(ls[i].runes, t.Runes...)
			ls[i].xs = append(ls[i].xs, t.Xs...)
			ls[i].texts = append(ls[i].texts, t)
		}
	}
	return ls
}

// squeezed reports whether line l holds Latin text or digits and sets
// its marks in half cells: every full-width mark but the last glyph
// takes half a cell more the line's justification, or less.
func squeezed(l line) bool {
	narrow, marks := false, 0
	for i, r := range l.runes {
		c := classOf(r)
		narrow = narrow || c == clsNarrow
		if !c.mark() || i+1 >= len(l.runes) {
			continue
		}
		marks++
		adv := l.xs[i+1] - l.xs[i]
		if adv > l.texts[0].Size*0.75 {
			return false
		}
	}
	return narrow && marks > 0
}

func near(a, b style.Length) bool { return math.Abs(float64(a-b)) < 0.01 }

// TestNoProhibitedMarkAtLineEdges checks §8 on every body line and table
// cell line of every fixture: no line starts with a closing mark or ends
// with an opening one.
func TestNoProhibitedMarkAtLineEdges(t *testing.T) {
	s := style.Gongwen
	for _, f := range loadFixtures(t, s) {
		for _, l := range bodyLines(s, f.pages) {
			first, last := l.runes[0], l.runes[len(l.runes)-1]
			if strings.ContainsRune(closingMarks, first) {
				t.Errorf("%s page %d: line %q starts with %q", f.name, l.page, string(l.runes), first)
			}
			if strings.ContainsRune(openingMarks, last) {
				t.Errorf("%s page %d: line %q ends with %q", f.name, l.page, string(l.runes), last)
			}
		}
	}
}

// TestGongwenGrid checks GB/T 9704's grid: a body line of 28 full-width
// characters puts character k at the left edge plus k pitches, so its
// glyphs span exactly the measure, and every body line sits on one of the
// page's 22 grid lines, a page of prose holding all 22.
func TestGongwenGrid(t *testing.T) {
	s := style.Gongwen
	pitch := s.Measure() / 28
	lineH := s.BlockHeight() / 22
	for _, f := range loadFixtures(t, s) {
		full := 0
		perPage := map[int]map[int]bool{}
		for _, l := range bodyLines(s, f.pages) {
			k := float64((l.y - s.Top - baseline(lineH, s.Body.Size)) / lineH)
			if math.Abs(k-math.Round(k)) > 1e-6 || k < -1e-6 || k > 21+1e-6 {
				t.Errorf("%s page %d: line %q at y=%.2fmm is off the grid (line %.3f)", f.name, l.page, string(l.runes), l.y.Mm(), k)
			}
			if perPage[l.page] == nil {
				perPage[l.page] = map[int]bool{}
			}
			perPage[l.page][int(math.Round(k))] = true
			if len(l.runes) != 28 || !near(l.xs[0], s.Left) {
				continue
			}
			wide, pair := true, false
			for i, r := range l.runes {
				wide = wide && classOf(r).wide()
				pair = pair || i > 0 && classOf(r).mark() && classOf(l.runes[i-1]).mark()
			}
			if !wide {
				continue
			}
			if pair {
				// Adjacent marks give up half a cell, which the
				// justification spreads: the line still holds 28
				// characters and its last is in the last column.
				if want := s.Left + pitch*27; !near(l.xs[27], want) {
					t.Errorf("%s page %d: line %q: last character at x=%.3fpt, want %.3fpt", f.name, l.page, string(l.runes), l.xs[27], want)
				}
				continue
			}
			full++
			for i, x := range l.xs {
				if want := s.Left + pitch*style.Length(i); !near(x, want) {
					t.Errorf("%s page %d: line %q: character %d at x=%.3fpt, want %.3fpt", f.name, l.page, string(l.runes), i, x, want)
					break
				}
			}
			if end := l.xs[27] + pitch; !near(end, s.Left+s.Measure()) {
				t.Errorf("%s page %d: line %q ends at %.3fpt, want the measure's end %.3fpt", f.name, l.page, string(l.runes), end, s.Left+s.Measure())
			}
		}
		if f.name != sample {
			continue // short fixtures fill no page
		}
		if full < 5 {
			t.Errorf("%s: %d full lines of 28 characters, want at least 5", f.name, full)
		}
		most := 0
		for _, ks := range perPage {
			most = max(most, len(ks))
		}
		if most != 22 {
			t.Errorf("%s: the fullest page has %d lines, want 22", f.name, most)
		}
	}
}

// TestNothingPastTheRightEdge checks that no body glyph crosses the
// 版心's right edge (no hanging punctuation in this style).
func TestNothingPastTheRightEdge(t *testing.T) {
	s := style.Gongwen
	right := s.Left + s.Measure()
	for _, f := range loadFixtures(t, s) {
		for _, l := range bodyLines(s, f.pages) {
			for j := range l.texts {
				tx := &l.texts[j]
				for i, r := range tx.Runes {
					w := style.Length(tx.Face.Advance(r)) * tx.Size
					if c := classOf(r); c.wide() {
						w = s.Measure() / 28
						if c == clsClose && j == len(l.texts)-1 && i == len(tx.Runes)-1 {
							w /= 2 // a closing mark at the end may be half width
						}
					}
					if tx.Xs[i]+w > right+0.01 {
						t.Errorf("%s page %d: %q of line %q ends at %.2fmm, past the edge %.2fmm", f.name, l.page, r, string(l.runes), (tx.Xs[i] + w).Mm(), right.Mm())
					}
				}
			}
		}
	}
}

// TestPageNumbers checks GB/T 9704 §7.5: "— N —" with its dash line 7 mm
// below the 版心, odd pages one character in from the right edge, even
// pages one character in from the left.
func TestPageNumbers(t *testing.T) {
	s := style.Gongwen
	for _, f := range loadFixtures(t, s) {
		for _, p := range f.pages {
			var ts []Text
			for _, tx := range p.Texts {
				if tx.Y > s.Top+s.BlockHeight() {
					ts = append(ts, tx)
				}
			}
			if len(ts) == 0 {
				t.Errorf("%s page %d: no page number", f.name, p.Number)
				continue
			}
			var got []rune
			for _, tx := range ts {
				got = append(got, tx.Runes...)
			}
			if want := "— " + itoa(p.Number) + " —"; string(got) != want {
				t.Errorf("%s page %d: page number %q, want %q", f.name, p.Number, string(got), want)
			}
			first, last := ts[0], ts[len(ts)-1]
			left := first.Xs[0]
			right := last.Xs[len(last.Xs)-1] + s.PageNumber.Size // the closing —
			if p.Number%2 == 1 && !near(right, s.Left+s.Measure()-s.PageNumberInset) {
				t.Errorf("%s page %d (odd): number ends at %.2fmm, want %.2fmm", f.name, p.Number, right.Mm(), (s.Left + s.Measure() - s.PageNumberInset).Mm())
			}
			if p.Number%2 == 0 && !near(left, s.Left+s.PageNumberInset) {
				t.Errorf("%s page %d (even): number starts at %.2fmm, want %.2fmm", f.name, p.Number, left.Mm(), (s.Left + s.PageNumberInset).Mm())
			}
			mid := style.Length(cjkCentre)
			if b, ok := inkOf(first.Face, '—'); ok {
				mid = style.Length(b.y0+b.y1) / 2
			}
			if dash := first.Y - mid*s.PageNumber.Size; !near(dash, s.Top+s.BlockHeight()+style.Mm(7)) {
				t.Errorf("%s page %d: dash line at %.2fmm, want 7 mm below the 版心 (%.2fmm)", f.name, p.Number, dash.Mm(), (s.Top + s.BlockHeight() + style.Mm(7)).Mm())
			}
		}
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// TestPageNumberNotCrammed checks the page number against GB/T 9704 §7.5's
// "— 1 —": the dashes and the digits come from the 宋体 face at 4号, and a
// half-width space (half an em) separates each dash from the number; the
// dashes used to touch the digits ("—1—").
func TestPageNumberNotCrammed(t *testing.T) {
	s := style.Gongwen
	fs, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	song, err := fs.Face(fonts.Table, '三')
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range loadFixtures(t, s) {
		for _, p := range f.pages {
			var tx *Text
			for i := range p.Texts {
				if p.Texts[i].Y > s.Top+s.BlockHeight() {
					tx = &p.Texts[i]
				}
			}
			if tx == nil {
				t.Fatalf("%s page %d: no page number", f.name, p.Number)
			}
			if tx.Face != song || tx.Size != style.Size4 {
				t.Errorf("%s page %d: page number %q in %v %.1fpt, want %v 14pt (4号宋体)", f.name, p.Number, string(tx.Runes), tx.Face, tx.Size.Pt(), song)
			}
			n := len(tx.Runes)
			em := tx.Size
			// Ink gaps: dash end → first digit, last digit → dash start.
			first, last := tx.Xs[2], tx.Xs[n-3]+style.Length(song.Advance(tx.Runes[n-3]))*em
			if g := first - (tx.Xs[0] + em); g < em/2-0.01 {
				t.Errorf("%s page %d: %.2fpt between the first dash and the number, want a half-width space (%.1fpt)", f.name, p.Number, g.Pt(), (em / 2).Pt())
			}
			if g := tx.Xs[n-1] - last; g < em/2-0.01 {
				t.Errorf("%s page %d: %.2fpt between the number and the last dash, want a half-width space (%.1fpt)", f.name, p.Number, g.Pt(), (em / 2).Pt())
			}
		}
	}
}

// TestHeadingNeverEndsPage checks that the last body line of a page is not
// a heading.
func TestHeadingNeverEndsPage(t *testing.T) {
	s := style.Gongwen
	for _, f := range loadFixtures(t, s) {
		heads := map[string]bool{}
		for _, b := range f.doc.Blocks {
			if b.Kind == document.Heading1 || b.Kind == document.Heading2 {
				heads[b.Text] = true
			}
		}
		for _, p := range f.pages[:len(f.pages)-1] {
			var last Text
			for _, tx := range p.Texts {
				if tx.Y <= s.Top+s.BlockHeight() && tx.Y >= last.Y {
					last = tx
				}
			}
			if heads[string(last.Runes)] {
				t.Errorf("%s: page %d ends with the heading %q", f.name, p.Number, string(last.Runes))
			}
		}
	}
}

// TestSameGapAfterEveryTable checks the space between a table (or the
// notes under it) and the body text after it on the same page: at least
// half a line, then the next line of the grid, so at most one and a half.
// It used to be anything from nothing (a heading touching the table's last
// rule) to a full line.
func TestSameGapAfterEveryTable(t *testing.T) {
	s := style.Gongwen
	pitch := s.BlockHeight() / 22
	checked := 0
	for _, f := range loadFixtures(t, s) {
		e := engineFor(t, s, f)
		for _, tl := range e.tables {
			sg := tl.segs[len(tl.segs)-1]
			n := len(sg.rows)
			end := sg.ys[n-1] + tl.h[sg.rows[n-1]]
			pg := e.pages[sg.page]
			// Notes (off the grid, smaller than the body) move the end down.
			next := style.Length(math.Inf(1))
			for _, tx := range pg.Texts {
				if tx.Y > end && tx.Y <= s.Top+s.BlockHeight() && tx.Size == s.Body.Size {
					next = min(next, tx.Y-baseline(pitch, s.Body.Size))
				}
			}
			// Only the notes between the table and the next line (a
			// later table's notes may share the page).
			for _, tx := range pg.Texts {
				if tx.Y > end && tx.Y < next && tx.Size == s.Note.Size && tx.Face != nil {
					end = max(end, tx.Y-baseline(s.Note.Size*noteLineSpacing, s.Note.Size)+s.Note.Size*noteLineSpacing)
				}
			}
			if math.IsInf(float64(next), 1) {
				continue // the table ends its page
			}
			checked++
			if g := next - end; g < pitch/2-0.01 || g > pitch*1.5+0.01 {
				t.Errorf("%s %s: %.2fmm between the table and the next line, want %.2f–%.2fmm", f.name, tl.t.Name, g.Mm(), (pitch / 2).Mm(), (pitch * 1.5).Mm())
			}
		}
	}
	if checked == 0 {
		t.Fatal("no table is followed by text on its page")
	}
}

// TestTableNotesAtNoteSize checks the notes under a table (注：…): set in
// the style's Note font (小四), not at body size, their first line
// indented two body characters like a paragraph, right under the table.
func TestTableNotesAtNoteSize(t *testing.T) {
	s := style.Gongwen
	indent := s.Measure() / 28 * 2
	found := 0
	for _, f := range loadFixtures(t, s) {
		for _, b := range f.doc.Blocks {
			if b.Kind != document.Note {
				continue
			}
			first := []rune(b.Text)[:3]
			for _, p := range f.pages {
				for _, tx := range p.Texts {
					if !strings.HasPrefix(string(tx.Runes), string(first)) {
						continue
					}
					found++
					if tx.Size != style.SizeS4 {
						t.Errorf("%s page %d: note %q at %.1fpt, want 小四 (12pt)", f.name, p.Number, string(tx.Runes), tx.Size.Pt())
					}
					if !near(tx.X, s.Left+indent) {
						t.Errorf("%s page %d: note %q starts at %.2fmm, want %.2fmm (two characters in)", f.name, p.Number, string(tx.Runes), tx.X.Mm(), (s.Left + indent).Mm())
					}
				}
			}
		}
	}
	if found == 0 {
		t.Fatal("no fixture has a table note")
	}
}

// TestClosingNeverAloneOnPage checks that the agency and date at the end
// never stand alone at the top of a page (GB/T 9704 §7.3.5): the last
// line of text comes with them.
func TestClosingNeverAloneOnPage(t *testing.T) {
	s := style.Gongwen
	for _, f := range loadFixtures(t, s) {
		var closing []string
		for _, b := range f.doc.Blocks {
			if b.Kind == document.Closing {
				closing = b.Lines
			}
		}
		if len(closing) == 0 {
			continue
		}
		last := f.pages[len(f.pages)-1]
		lines := bodyLines(s, []Page{last})
		if len(lines) <= len(closing) {
			t.Errorf("%s: the last page holds only %d lines %q, want text above the closing", f.name, len(lines), closing)
		}
	}
}

// TestAdjacentMarksSameWidthOnEveryLine checks the pairs of full-width
// marks (》，  。”  ）、) in the body of every fixture, in both styles: the
// first mark and the pair's half cell take 1.5 cells plus the
// justification the line adds between two characters, the same on every
// line but a squeezed one (optimal.go's remedy for a line that holds Latin
// text: all its marks set in half cells, the pair in one cell; gongwen's
// 作日8:30—17:00）；电子邮箱：anping_zwgk.office@anping-county of the
// stress fixture, where the e-mail address breaks).
func TestAdjacentMarksSameWidthOnEveryLine(t *testing.T) {
	for _, s := range []*style.Style{style.Gongwen, style.Template} {
		cell := s.Body.Size
		if s.CharsPerLine > 0 {
			cell = s.Measure() / style.Length(s.CharsPerLine)
		}
		n := 0
		for _, f := range loadFixtures(t, s) {
			for _, l := range bodyLines(s, f.pages) {
				// The justification of the line: the space between two
				// Han characters beyond the cell.
				var extra style.Length = -1
				for i := 1; i < len(l.runes); i++ {
					if isHan(l.runes[i-1]) && isHan(l.runes[i]) {
						extra = l.xs[i] - l.xs[i-1] - cell
						break
					}
				}
				if extra < 0 {
					continue
				}
				for i := 1; i+2 < len(l.runes); i++ {
					a, b, c := l.runes[i], l.runes[i+1], l.runes[i+2]
					// ％ and ～ fill their cells: no blank half to give.
					if !classOf(a).mark() || !classOf(b).mark() || classOf(l.runes[i-1]).mark() || !isHan(c) ||
						a == '％' || a == '～' || b == '％' || b == '～' {
						continue
					}
					n++
					got, want := l.xs[i+2]-l.xs[i], cell*3/2+2*extra
					if squeezed(l) && near(got, cell+2*extra) {
						continue // every mark of the line gives up its blank half
					}
					if !near(got, want) {
						t.Errorf("%s %s page %d: %q in %q takes %.2fpt, want %.2fpt (1.5 cells and the line's justification)", s.Name, f.name, l.page, string(l.runes[i:i+2]), string(l.runes), got, want)
					}
				}
			}
		}
		if n == 0 {
			t.Errorf("%s: no pair of marks in any fixture's body", s.Name)
		}
	}
}
