package layout

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/columns"
	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/report"
	"github.com/nianbao/nianbao/style"
)

// covered reports whether the rules of a page draw the segment from a to b
// at c (a horizontal one at y = c, or a vertical one at x = c).
func covered(rules []Rule, horizontal bool, c, a, b style.Length) bool {
	for _, r := range rules {
		switch {
		case horizontal && near(r.Y1, c) && near(r.Y2, c) && r.X1 <= a+0.01 && r.X2 >= b-0.01:
			return true
		case !horizontal && near(r.X1, c) && near(r.X2, c) && r.Y1 <= a+0.01 && r.Y2 >= b-0.01:
			return true
		}
	}
	return false
}

// TestTableCellsMatchGrid checks each table against its form/ grid: the
// columns sum to the style's table width, centred on the measure; every
// edge of every cell (as far as it lies on a page) is ruled; and no rule
// crosses a cell, so every row and column span shows.
func TestTableCellsMatchGrid(t *testing.T) {
	s := style.Gongwen
	fs, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range loadFixtures(t, s) {
		e := newEngine(s, fs)
		bs, err := e.boxes(f.doc)
		if err != nil {
			t.Fatal(err)
		}
		e.paginate(bs)
		e.drawTables()
		if len(e.tables) != 3 {
			t.Fatalf("%s: %d tables, want 3", f.name, len(e.tables))
		}
		for _, tl := range e.tables {
			name := tl.t.Name
			if w := tl.x[len(tl.x)-1] - tl.x[0]; !near(w, s.TableWidth) {
				t.Errorf("%s %s: columns sum to %.2fmm, want %.2fmm", f.name, name, w.Mm(), s.TableWidth.Mm())
			}
			if l, r := tl.x[0]-s.Left, s.Left+s.Measure()-tl.x[len(tl.x)-1]; !near(l, r) {
				t.Errorf("%s %s: not centred: %.2fmm left, %.2fmm right", f.name, name, l.Mm(), r.Mm())
			}
			for _, sg := range tl.segs {
				rules := e.pages[sg.page].Rules
				for i, c := range tl.t.Cells {
					// The cell's rows on this segment, contiguous in the grid.
					a, b := -1, -1
					for k, r := range sg.rows {
						if r >= c.Row && r < c.Row+c.RowSpan && (a < 0 || sg.rows[k-1] == r-1 && b == k-1) {
							if a < 0 {
								a = k
							}
							b = k
						}
					}
					if a < 0 {
						continue
					}
					x0, x1 := tl.x[c.Col], tl.x[c.Col+c.ColSpan]
					y0, y1 := sg.ys[a], sg.ys[b]+tl.h[sg.rows[b]]
					for _, edge := range []struct {
						h       bool
						c, a, b style.Length
					}{{true, y0, x0, x1}, {true, y1, x0, x1}, {false, x0, y0, y1}, {false, x1, y0, y1}} {
						if !covered(rules, edge.h, edge.c, edge.a, edge.b) {
							t.Errorf("%s %s cell %d %q (row %d col %d span %d×%d) on page %d: edge not ruled", f.name, name, i, tl.cell[i].text(), c.Row, c.Col, c.RowSpan, c.ColSpan, sg.page+1)
						}
					}
					for _, r := range rules {
						inX := r.X1 > x0+0.01 && r.X1 < x1-0.01 && near(r.X1, r.X2) && r.Y1 < y1-0.01 && r.Y2 > y0+0.01
						inY := r.Y1 > y0+0.01 && r.Y1 < y1-0.01 && near(r.Y1, r.Y2) && r.X1 < x1-0.01 && r.X2 > x0+0.01
						if inX || inY {
							t.Errorf("%s %s cell %d %q (row %d col %d span %d×%d): a rule crosses it: %+v", f.name, name, i, tl.cell[i].text(), c.Row, c.Col, c.RowSpan, c.ColSpan, r)
						}
					}
				}
			}
		}
	}
}

func (ct cellText) text() string {
	if ct.p == nil {
		return ""
	}
	var b strings.Builder
	for _, g := range ct.p.gs {
		b.WriteRune(g.r)
	}
	return b.String()
}

// TestMissingGlyphNamesSource checks that a character no font has stops the
// layout with the report path of its text.
func TestMissingGlyphNamesSource(t *testing.T) {
	fs, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	r, err := report.ReadFile("../fixtures/" + sample + ".yaml")
	if err != nil {
		t.Skip(err)
	}
	report.Complete(r)
	r.Overview[1].Paragraphs[0] = "一个没有字形的字符\U000F0000在这里。"
	d, err := document.Build(r)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Layout(d, style.Gongwen, fs)
	var mg *fonts.MissingGlyphError
	if !errors.As(err, &mg) || !strings.HasPrefix(err.Error(), "overview[1].paragraphs[0]: ") {
		t.Errorf("Layout with U+F0000 = %v, want a *fonts.MissingGlyphError prefixed with overview[1].paragraphs[0]", err)
	}
}

// TestTemplateStyle lays every fixture out in the Word template's style,
// which has no grid: nothing crosses the measure and the tables are as wide
// as the style says.
func TestTemplateStyle(t *testing.T) {
	s := style.Template
	for _, f := range loadFixtures(t, s) {
		right := s.Left + s.Measure()
		for _, p := range f.pages {
			for _, tx := range p.Texts {
				if tx.Size != s.Body.Size {
					continue
				}
				if last := tx.Xs[len(tx.Xs)-1]; last > right {
					t.Errorf("%s page %d: %q starts a glyph at %.2fmm, past the measure %.2fmm", f.name, p.Number, string(tx.Runes), last.Mm(), right.Mm())
				}
			}
		}
	}
}

// engineFor lays fixture f out like Layout and returns the engine, so that
// a test can see where each table's rows went.
func engineFor(t *testing.T, s *style.Style, f fixture) *engine {
	t.Helper()
	fs, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	e := newEngine(s, fs)
	bs, err := e.boxes(f.doc)
	if err != nil {
		t.Fatal(err)
	}
	e.paginate(bs)
	e.drawTables()
	if err := e.number(); err != nil {
		t.Fatal(err)
	}
	return e
}

// textsIn returns the texts of pg whose every glyph starts inside the
// rectangle x0..x1 × y0..y1 (baselines).
func textsIn(pg *Page, x0, y0, x1, y1 style.Length) []Text {
	var ts []Text
	for _, tx := range pg.Texts {
		if tx.Y <= y0 || tx.Y >= y1 {
			continue
		}
		in := true
		for _, x := range tx.Xs {
			in = in && x >= x0-0.01 && x < x1
		}
		if in {
			ts = append(ts, tx)
		}
	}
	return ts
}

// TestSplitLabelCellPrintedInEveryPart checks the row-spanning labels of
// Table 三 (三、本年度办理结果, （三）不予公开, （六）其他处理…) that a page
// break splits: each part carries the label, or as much of it as fits and
// never nothing, centred in its own rectangle, and is closed by rules at
// the page foot and under the repeated head. The label used to be printed
// in the taller part only, the other left blank. A vertical cell
// (三、本年度办理结果) is a word: a part too short for it stays blank.
func TestSplitLabelCellPrintedInEveryPart(t *testing.T) {
	s := style.Gongwen
	splits := 0
	for _, f := range loadFixtures(t, s) {
		e := engineFor(t, s, f)
		for _, tl := range e.tables {
			for i, c := range tl.t.Cells {
				if c.Row < tl.head || c.RowSpan < 2 {
					continue
				}
				type part struct {
					page   int
					y0, y1 style.Length
				}
				var parts []part
				for _, sg := range tl.segs {
					a, b := -1, -1
					for k, r := range sg.rows {
						if r >= c.Row && r < c.Row+c.RowSpan && k >= tl.head {
							if a < 0 {
								a = k
							}
							b = k
						}
					}
					if a >= 0 {
						parts = append(parts, part{sg.page, sg.ys[a], sg.ys[b] + tl.h[sg.rows[b]]})
					}
				}
				if len(parts) < 2 {
					continue
				}
				splits++
				ct := tl.cell[i]
				label := ct.text()
				x0, x1 := tl.x[c.Col], tl.x[c.Col+c.ColSpan]
				printed := 0
				for pi, p := range parts {
					pg := &e.pages[p.page]
					ts := textsIn(pg, x0, p.y0, x1, p.y1)
					for _, tx := range ts {
						if tx.Repeat != (printed > 0) {
							t.Errorf("%s %s: part %d of %q: Repeat = %v, want %v (the document's text once)", f.name, tl.t.Name, pi+1, label, tx.Repeat, printed > 0)
						}
					}
					var got []rune
					for _, tx := range ts {
						got = append(got, tx.Runes...)
					}
					if len(got) == 0 && c.Vertical {
						continue // printed only where it fits whole
					}
					printed++
					if len(got) == 0 || !strings.HasPrefix(label, string(got)) {
						t.Errorf("%s %s: part of %q on page %d (%.2f–%.2fmm) prints %q, want the label or a prefix of it", f.name, tl.t.Name, label, p.page+1, p.y0.Mm(), p.y1.Mm(), string(got))
						continue
					}
					// Centred: as much room above the first line as below the last.
					n := len(ts)
					if c.Vertical {
						n = len(got)
					}
					top := ts[0].Y - ct.bases[0]
					bottom := top + ct.top(n)
					if above, below := top-p.y0, p.y1-bottom; math.Abs(float64(above-below)) > 0.01 || above < s.TableCellPadY-0.01 {
						t.Errorf("%s %s: part of %q on page %d: %.2fmm above its text, %.2fmm below, want equal and at least the padding", f.name, tl.t.Name, label, p.page+1, above.Mm(), below.Mm())
					}
					// Closed at the page foot, reopened under the head.
					for _, y := range []style.Length{p.y0, p.y1} {
						if !covered(pg.Rules, true, y, x0, x1) {
							t.Errorf("%s %s: part of %q on page %d: no rule at %.2fmm", f.name, tl.t.Name, label, p.page+1, y.Mm())
						}
					}
				}
			}
		}
	}
	if splits == 0 {
		t.Fatal("no fixture splits a row-spanning label across pages; the test checks nothing")
	}
}

// TestVerticalCommaInUpperRight checks the 、 of the vertical cell
// 三、本年度办理结果: set in vertical text it sits in the upper right of
// its square (GB/T 15834), here on half a line right of the column's
// centre, not centred on a full line like a Han character.
func TestVerticalCommaInUpperRight(t *testing.T) {
	s := style.Gongwen
	for _, f := range loadFixtures(t, s) {
		e := engineFor(t, s, f)
		for _, tl := range e.tables {
			for i, c := range tl.t.Cells {
				ct := tl.cell[i]
				if !c.Vertical || !strings.HasPrefix(ct.text(), "三、本") {
					continue
				}
				lh := tl.lh
				size := tl.plan.Size
				san, dun, ben := ct.bases[0], ct.bases[1], ct.bases[2]
				mid := (tl.x[c.Col]+tl.x[c.Col+1])/2 - s.TableCellPadX - tl.x[c.Col]
				if d := ben - san; !near(d, lh*1.5) {
					t.Errorf("%s: 三 to 本 is %.2fpt, want one and a half lines (%.2fpt): the comma takes half a line", f.name, d.Pt(), (lh * 1.5).Pt())
				}
				if dun-san >= lh/2+0.38*size {
					t.Errorf("%s: 、 sits %.2fpt below 三, want it in the upper half of its square (< %.2fpt)", f.name, (dun - san).Pt(), (lh/2 + 0.38*size).Pt())
				}
				ink, ok := inkOf(ct.p.gs[1].face, '、')
				if !ok {
					ink = nominalComma
				}
				if x := ct.xs[1][0] + style.Length(ink.x0)*size; x < mid {
					t.Errorf("%s: the ink of 、 starts at %.2fpt in its column, want right of the centre %.2fpt", f.name, x.Pt(), mid.Pt())
				}
				if x := ct.xs[0][0]; x >= mid {
					t.Errorf("%s: 三 starts at %.2fpt, want it centred across %.2fpt", f.name, x.Pt(), mid.Pt())
				}
			}
		}
	}
}

// TestSampleTable3OnTwoPagesWithHead checks that the roomier cell padding
// still sets the sample's Table 三 on two pages, its head repeated on the
// second.
func TestSampleTable3OnTwoPagesWithHead(t *testing.T) {
	s := style.Gongwen
	for _, f := range loadFixtures(t, s) {
		if f.name != sample {
			continue
		}
		e := engineFor(t, s, f)
		tl := e.tables[1]
		if len(tl.segs) != 2 {
			t.Fatalf("%s: %s on %d pages, want 2", f.name, tl.t.Name, len(tl.segs))
		}
		if rs := tl.segs[1].rows; len(rs) < 4 || rs[0] != 0 || rs[1] != 1 || rs[2] != 2 || rs[3] == 3 {
			t.Errorf("%s: %s's second page starts with rows %v, want the 3 head rows then a body row past the first", f.name, tl.t.Name, rs[:min(4, len(rs))])
		}
	}
}

// TestSpanningCellNoRowAlone checks every table of every fixture in both
// styles: a cell spanning 3 rows or more (columns.KeepWithNext) that a page break
// splits keeps at least two of its rows on each page. The template style
// left 三 over the single row （一）予以公开 at the foot of a page.
func TestSpanningCellNoRowAlone(t *testing.T) {
	for _, s := range []*style.Style{style.Gongwen, style.Template} {
		for _, f := range loadFixtures(t, s) {
			e := engineFor(t, s, f)
			for _, tl := range e.tables {
				for _, c := range tl.t.Cells {
					if c.RowSpan < 3 { // columns.minSplitSpan
						continue
					}
					for _, sg := range tl.segs {
						n := 0
						for _, r := range sg.rows {
							if r >= c.Row && r < c.Row+c.RowSpan {
								n++
							}
						}
						if n == 1 {
							t.Errorf("%s %s: %s's cell %q (rows %d–%d) has a single row on page %d", s.Name, f.name, tl.t.Name, c.Text, c.Row, c.Row+c.RowSpan-1, sg.page+1)
						}
					}
				}
			}
		}
	}
}

// TestTablesFitTheirNumbers checks the column widths of package columns on
// every fixture in both styles (city-bignum-2024 has 6–9 digit counts): no
// number breaks over lines, a header breaks only between its words, a
// note goes whole below its number, the table is no wider than the style's
// table width (the 版心 in gongwen), and 三、本年度办理结果 is printed whole
// or not at all in each part of a broken table.
func TestTablesFitTheirNumbers(t *testing.T) {
	for _, s := range []*style.Style{style.Gongwen, style.Template} {
		for _, f := range loadFixtures(t, s) {
			e := engineFor(t, s, f)
			for _, tl := range e.tables {
				name := fmt.Sprintf("%s %s %s", s.Name, f.name, tl.t.Name)
				if !tl.plan.Fits {
					t.Errorf("%s: columns do not fit at %.1fpt", name, tl.plan.Size.Pt())
				}
				limit := s.TableWidth
				if s.Name == style.Gongwen.Name {
					limit = s.Measure()
				}
				if w := tl.x[len(tl.x)-1] - tl.x[0]; w > limit+0.05 {
					t.Errorf("%s: table %.2fmm wide, more than %.2fmm", name, w.Mm(), limit.Mm())
				}
				for i, c := range tl.t.Cells {
					ct := tl.cell[i]
					text := ct.text()
					if c.Kind == form.Value && noteStartsAt(text) > 0 && len(ct.lines) < 2 &&
						columns.Width(e.c.fs, s, text, tl.plan.Size) > ct.room {
						// render/docx puts the note under the number by
						// this width; Word and LibreOffice do not squeeze
						// the （ after a digit to fit it on one line.
						t.Errorf("%s: value %q on one line only with its marks squeezed, want the note under the number as in the DOCX", name, text)
					}
					if c.Vertical || len(ct.lines) < 2 {
						continue
					}
					brk := tl.plan.Breaks(c, text)
					for _, l := range ct.lines[:len(ct.lines)-1] {
						if c.Kind == form.Label {
							continue
						}
						if !brk[l.end] {
							t.Errorf("%s: cell %q breaks after %q, inside a number or word", name, text, string([]rune(text)[:l.end]))
						}
					}
					if c.Kind == form.Value && !tl.plan.NoteWraps && len(ct.lines) != 2 {
						t.Errorf("%s: value %q on %d lines, want the number and its note on two", name, text, len(ct.lines))
					}
				}
				for i, c := range tl.t.Cells {
					if !c.Vertical {
						continue
					}
					want := tl.cell[i].text()
					for _, sg := range tl.segs {
						var k0, k1 = -1, -1
						for k, r := range sg.rows {
							if r >= c.Row && r < c.Row+c.RowSpan {
								if k0 < 0 {
									k0 = k
								}
								k1 = k
							}
						}
						if k0 < 0 {
							continue
						}
						pg := &e.pages[sg.page]
						var got strings.Builder
						for _, tx := range textsIn(pg, tl.x[c.Col], sg.ys[k0], tl.x[c.Col+1], sg.ys[k1]+tl.h[sg.rows[k1]]) {
							got.WriteString(string(tx.Runes))
						}
						if g := got.String(); g != "" && g != want {
							t.Errorf("%s page %d: vertical cell prints %q, want all of %q or nothing", name, pg.Number, g, want)
						}
					}
				}
			}
		}
	}
}

// noteStartsAt returns the rune index of the （ that starts a value's
// note, or 0.
func noteStartsAt(text string) int {
	for i, r := range []rune(text) {
		if r == '（' || r == '(' {
			return i
		}
	}
	return 0
}

// TestBandRowsFlushLeft checks Table 二's band rows (第二十条第（一）项):
// set flush left in their cell, as the Word template and the DOCX set
// them, not centred.
func TestBandRowsFlushLeft(t *testing.T) {
	for _, s := range []*style.Style{style.Gongwen, style.Template} {
		n := 0
		for _, f := range loadFixtures(t, s) {
			e := engineFor(t, s, f)
			for _, tl := range e.tables {
				for i, c := range tl.t.Cells {
					if c.Kind != form.Band {
						continue
					}
					ct := tl.cell[i]
					if len(ct.xs) == 0 {
						continue
					}
					n++
					if x := ct.xs[0][0]; x > 0.01 {
						t.Errorf("%s %s: band %q starts %.2fpt into its cell, want flush left", s.Name, f.name, ct.text(), x.Pt())
					}
				}
			}
		}
		if n == 0 {
			t.Fatal("no band rows: the test checks nothing")
		}
	}
}
