package layout

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/columns"
	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/style"
)

// cellLine is one line of a table cell as printed: its glyphs, in x
// order, with their left edges and advances.
type cellLine struct {
	y      style.Length
	runes  []rune
	xs     []style.Length
	adv    []style.Length
	size   style.Length
	x0, x1 style.Length // left edge of the first glyph, right of the last
}

// printedLines returns, per cell of table tl, its lines as drawn on the
// pages, top to bottom (the text printed once, not its repeats).
func printedLines(e *engine, tl *tableLayout) map[int][]cellLine {
	out := map[int][]cellLine{}
	for _, pg := range e.pages {
		type key struct {
			cell int
			y    style.Length
		}
		byKey := map[key]*cellLine{}
		var keys []key
		for _, tx := range pg.Texts {
			if tx.Repeat || tx.Block != tl.block || len(tx.Runes) == 0 {
				continue
			}
			k := key{tx.Cell, tx.Y}
			l, ok := byKey[k]
			if !ok {
				l = &cellLine{y: tx.Y, size: tx.Size}
				byKey[k] = l
				keys = append(keys, k)
			}
			for i, r := range tx.Runes {
				a := tx.Size
				if r < 0x2E80 && tx.Face != nil {
					a = style.Length(tx.Face.Advance(r)) * tx.Size
				}
				l.runes = append(l.runes, r)
				l.xs = append(l.xs, tx.Xs[i])
				l.adv = append(l.adv, a)
			}
		}
		for _, k := range keys {
			l := byKey[k]
			idx := make([]int, len(l.runes))
			for i := range idx {
				idx[i] = i
			}
			sort.Slice(idx, func(a, b int) bool { return l.xs[idx[a]] < l.xs[idx[b]] })
			s := cellLine{y: l.y, size: l.size}
			for _, i := range idx {
				s.runes = append(s.runes, l.runes[i])
				s.xs = append(s.xs, l.xs[i])
				s.adv = append(s.adv, l.adv[i])
			}
			n := len(s.runes) - 1
			s.x0, s.x1 = s.xs[0], s.xs[n]+s.adv[n]
			if strings.ContainsRune(rightMarks, s.runes[n]) {
				// Its ink is in the left half of its cell, which a line
				// end sets half width.
				s.x1 -= s.adv[n] / 2
			}
			out[k.cell] = append(out[k.cell], s)
		}
	}
	for c := range out {
		sort.SliceStable(out[c], func(a, b int) bool { return out[c][a].y < out[c][b].y })
	}
	return out
}

// spacing returns the widest space between two Han characters of line l,
// in em: what justification added.
func (l cellLine) spacing() float64 {
	var most float64
	for i := 1; i < len(l.runes); i++ {
		if isHanRune(l.runes[i-1]) && isHanRune(l.runes[i]) {
			most = max(most, float64((l.xs[i]-l.xs[i-1]-l.size)/l.size))
		}
	}
	return most
}

// rightMarks are the full-width marks whose ink is in the left half of
// their cell.
const rightMarks = "、，；：。！？”’）》」』】〕"

func isHanRune(r rune) bool { return r >= 0x3400 && r <= 0x9FFF }

// TestCellNumbersPadded checks every fixture in both styles: every number
// of a table (a value cell's lines: the number and its note) keeps the
// plan's Pad from both rules' inner edges, measured on layout's glyph
// positions, and Pad is never below the cell padding. It says which
// tables cannot give columns.NumberPad (4.25 pt).
func TestCellNumbersPadded(t *testing.T) {
	for _, s := range []*style.Style{style.Gongwen, style.Template} {
		floor := s.TableCellPadX
		for _, f := range loadFixtures(t, s) {
			e := engineFor(t, s, f)
			for _, tl := range e.tables {
				name := fmt.Sprintf("%s %s %s", s.Name, f.name, tl.t.Name)
				if tl.plan.Pad < floor {
					t.Errorf("%s: plan pads numbers by %.2fpt, less than the cell padding %.2fpt", name, tl.plan.Pad.Pt(), floor.Pt())
				}
				if tl.plan.Pad < columns.NumberPad {
					t.Logf("%s: numbers padded by %.2fpt at %.1fpt, not %.2fpt: the table is full", name, tl.plan.Pad.Pt(), tl.plan.Size.Pt(), columns.NumberPad.Pt())
				}
				least := style.Length(1e9)
				for i, ls := range printedLines(e, tl) {
					c := tl.t.Cells[i]
					if c.Kind != form.Value {
						continue
					}
					for _, l := range ls {
						left := l.x0 - tl.x[c.Col] - s.TableRuleWidth/2
						right := tl.x[c.Col+c.ColSpan] - s.TableRuleWidth/2 - l.x1
						least = min(least, left, right)
						if min(left, right) < tl.plan.Pad-0.01 {
							t.Errorf("%s: %q is %.2fpt from its left rule and %.2fpt from its right, want at least %.2fpt",
								name, string(l.runes), left.Pt(), right.Pt(), tl.plan.Pad.Pt())
						}
					}
				}
				if least < 1e9 && testing.Verbose() {
					t.Logf("%s: least room beside a number %.2fpt", name, least.Pt())
				}
			}
		}
	}
}

// TestLabelLines checks the cells of every table of every fixture in both
// styles, on the glyph positions: no label ends with a line of a single
// character (1.属于国家秘/密), no line but a last is letter-spaced more
// than labelSpacing (理 由 逾 期 不 补 / 正、…); and no label line that short
// was left so when the next word fits on it with its marks set half width.
// With -v it lists the label lines set flush left because nothing fits.
func TestLabelLines(t *testing.T) {
	for _, s := range []*style.Style{style.Gongwen, style.Template} {
		for _, f := range loadFixtures(t, s) {
			e := engineFor(t, s, f)
			for _, tl := range e.tables {
				name := fmt.Sprintf("%s %s %s", s.Name, f.name, tl.t.Name)
				printed := printedLines(e, tl)
				for i, c := range tl.t.Cells {
					ls := printed[i]
					if c.Vertical || len(ls) < 2 {
						continue
					}
					var text []string
					for _, l := range ls {
						text = append(text, string(l.runes))
					}
					all := strings.Join(text, "/")
					if c.Kind == form.Label {
						last := ls[len(ls)-1]
						n := 0
						for _, r := range last.runes {
							if !strings.ContainsRune(rightMarks, r) {
								n++
							}
						}
						if n <= 1 {
							t.Errorf("%s: label %s ends with a one-character line", name, all)
						}
					}
					for k, l := range ls[:len(ls)-1] {
						if sp := l.spacing(); sp > labelSpacing+0.01 {
							t.Errorf("%s: line %d of %s letter-spaced %.2f em", name, k+1, all, sp)
						}
					}
					ct := tl.cell[i]
					for k, l := range ct.lines[:len(ct.lines)-1] {
						extra, n := ct.p.stretch(l, ct.room)
						if c.Kind != form.Label || n == 0 || l.end == ct.p.hard || extra <= labelSpacing*l.size(ct.p)+eps {
							continue
						}
						if nextWordFits(*ct, k) {
							t.Errorf("%s: line %d of %s short by %.2f em a place; the next word fits with its marks squeezed", name, k+1, all, extra/l.size(ct.p))
						} else if testing.Verbose() {
							t.Logf("%s: line %d of %s set flush left (%.2f em a place short): nothing else fits", name, k+1, all, extra/l.size(ct.p))
						}
					}
				}
			}
		}
	}
}

// nextWordFits reports whether line k of cell ct could take the glyphs up
// to the next break opportunity of its next line with every full-width
// mark at half width.
func nextWordFits(ct cellText, k int) bool {
	p, l := ct.p, ct.lines[k]
	if l.end == p.hard {
		return false
	}
	e := l.end + 1
	for e < len(p.gs) && !p.brk[e] {
		e++
	}
	rest := 0
	for i := e; i < len(p.gs); i++ {
		if !strings.ContainsRune(rightMarks, p.gs[i].r) {
			rest++
		}
	}
	if rest == 1 {
		return false // the line gave it down: no one-character last line
	}
	var w style.Length
	for i := l.start; i < e; i++ {
		g := p.gs[i]
		if g.blank != noSide {
			w += g.w / 2
		} else {
			w += g.w
		}
		if i > l.start {
			w += p.gap[i]
		}
	}
	return w <= ct.room+eps
}

// TestLabelLinesRepairs checks labelLines on labels set in a room of a
// given number of em (fake glyphs: Han 1 em, Latin ½ em): 禁则 would push
// 正 down before 、 and leave 申请，逾期不补 spaced 0.2 em, so the line
// takes 正、 with ， and 、 at half width; a label that would end with a line of
// one character gives one down from the line before; and a line that
// cannot take the next word even squeezed stays as first fit sets it.
func TestLabelLinesRepairs(t *testing.T) {
	for _, tc := range []struct {
		text string
		room float64 // em
		want string
	}{
		{"申请人无理由逾期不补正、行政机关", 7.5, "申请人无理由逾/期不补正、行政/机关"},
		{"申请，逾期不补正、行政机关", 8.2, "申请，逾期不补正、/行政机关"},
		{"1.属于国家秘密", 6, "1.属于国家/秘密"},
		{"理由逾期不补正、行政机关不再处理", 7, "理由逾期不补/正、行政机关不/再处理"},
	} {
		gs := fakeGlyphs(tc.text)
		for i := range gs {
			if strings.ContainsRune(rightMarks, gs[i].r) {
				gs[i].blank = rightHalf
			}
		}
		p := newPara(gs)
		p.cell = true
		var got []string
		for _, l := range labelLines(p, style.Length(tc.room*10)) {
			got = append(got, string(runesOf(p, l)))
		}
		if g := strings.Join(got, "/"); g != tc.want {
			t.Errorf("labelLines(%q, %.1f em) = %s, want %s", tc.text, tc.room, g, tc.want)
		}
	}
}

func runesOf(p *para, l span) []rune {
	var rs []rune
	for i := l.start; i < l.end; i++ {
		rs = append(rs, p.gs[i].r)
	}
	return rs
}
