package layout

import (
	"errors"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/fonts"
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
