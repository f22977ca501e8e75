package columns

import (
	"math"
	"reflect"
	"slices"
	"sort"
	"testing"

	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/fixtures"
	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/style"
)

func TestBreaks(t *testing.T) {
	p := Plan{}
	for _, tc := range []struct {
		kind form.Kind
		text string
		want string // one character per rune: | a break before it is allowed
	}{
		{form.Value, "1234567", "......."},
		{form.Value, "1234567（其中修订203418件）", ".......|............"},
		{form.Header, "自然人", "..."},
		{form.Header, "社会公益组织", "..|.|."},
		{form.Header, "结果维持", "..|."},
		{form.Label, "（三）不予公开", "...|..."},
		{form.Label, "1.属于国家秘密", ".|||||||"},
	} {
		got := ""
		for _, b := range p.Breaks(form.Cell{Kind: tc.kind}, tc.text) {
			if b {
				got += "|"
			} else {
				got += "."
			}
		}
		if got != tc.want {
			t.Errorf("Breaks(%v, %q) = %s, want %s", tc.kind, tc.text, got, tc.want)
		}
	}
	p.NoteWraps = true
	if b := p.Breaks(form.Cell{Kind: form.Value}, "12（其中修订3件）"); !b[5] || b[3] || b[9] {
		t.Errorf("Breaks with NoteWraps = %v, want breaks inside the note, not after （ or before ）", b)
	}
}

// TestFit checks the plan of every table of every fixture in both styles:
// whole twips adding up to the table width, columns of equal weight and
// equal need equal, the form's proportions kept when the values fit them,
// and the big-number fixture's Table 三 set smaller than the style's size.
func TestFit(t *testing.T) {
	fs, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	all, err := fixtures.Documents()
	if err != nil {
		t.Fatal(err)
	}
	shrunk := false
	for _, s := range []*style.Style{style.Gongwen, style.Template} {
		for _, f := range all {
			for _, b := range f.Doc.Blocks {
				if b.Kind != document.Table {
					continue
				}
				p := Fit(b.Table, s, fs)
				name := s.Name + " " + f.Name + " " + b.Table.Form.Name
				tw := 0
				for _, w := range p.Widths {
					v := float64(w) * 20
					if v != float64(int(v)) {
						t.Errorf("%s: width %.4fpt is not whole twips", name, w.Pt())
					}
					tw += int(v)
				}
				if tw != s.TableWidth.Twips() {
					t.Errorf("%s: widths add up to %d twips, want %d", name, tw, s.TableWidth.Twips())
				}
				if !p.Fits {
					t.Errorf("%s: does not fit", name)
				}
				if p.Size < s.Table.Size {
					shrunk = shrunk || f.Name == "city-bignum-2024"
					continue
				}
				if f.Name == fixtures.Sample && b.Table.Form.Number == 4 {
					for c := 1; c < len(p.Widths)-1; c++ {
						if p.Widths[c] != p.Widths[1] {
							t.Errorf("%s: column %d is %.2fpt, column 1 %.2fpt; want equal columns", name, c, p.Widths[c].Pt(), p.Widths[1].Pt())
						}
					}
				}
			}
		}
	}
	if !shrunk {
		t.Error("city-bignum-2024 sets no table below the style's size; the fixture tests nothing")
	}
}

func BenchmarkFit(b *testing.B) {
	fs, err := fonts.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	all, err := fixtures.Documents()
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range all {
		b.Run(f.Name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, bl := range f.Doc.Blocks {
					if bl.Kind == document.Table {
						Fit(bl.Table, style.Gongwen, fs)
					}
				}
			}
		})
	}
}

// TestFitOddValues checks that no value makes Fit or Breaks fail: blank
// cells, a lone "（", a note with no number, 13-digit counts that no size
// holds (the plan then says so), full-width digits, and no font set.
func TestFitOddValues(t *testing.T) {
	fs, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	all, err := fixtures.Documents()
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"", "（", "（其中修订3件）", "9999999999999", "１２３４５６７", "12（", "1 2 3", "(1)"} {
		for _, b := range all[0].Doc.Blocks {
			if b.Kind != document.Table {
				continue
			}
			g := *b.Table
			g.Texts = append([]string(nil), g.Texts...)
			for i, c := range g.Form.Cells {
				if c.Kind == form.Value {
					g.Texts[i] = v
				}
				if got := (Plan{}).Breaks(c, g.Texts[i]); len(got) != len([]rune(g.Texts[i])) {
					t.Errorf("Breaks(%q) has %d entries, want one a rune", g.Texts[i], len(got))
				}
			}
			for _, set := range []*fonts.Set{fs, nil} {
				p := Fit(&g, style.Gongwen, set)
				if tw := int(p.Width().Pt()*20 + 0.5); tw != style.Gongwen.TableWidth.Twips() {
					t.Errorf("%s with %q: width %d twips, want %d", g.Form.Name, v, tw, style.Gongwen.TableWidth.Twips())
				}
				for c, w := range p.Widths {
					if w <= 0 {
						t.Errorf("%s with %q: column %d is %.2fpt wide", g.Form.Name, v, c, w.Pt())
					}
				}
				if v == "9999999999999" && g.Form.Number == 4 && p.Fits {
					t.Errorf("%s with 15 × 13-digit counts fits at %.1fpt; it cannot", g.Form.Name, p.Size.Pt())
				}
			}
		}
	}
}

// TestFitBalanced checks the plans of every fixture in both styles: the
// numbers get NumberPad beside them, or, where the table is full, an even
// share down to no less than the cell padding (listed); no data column is
// wider than its numbers need and more than noteWhole × the table's median
// data column or its numbers' need (city-bignum-2024's 自然人 was 2.4× the others for a
// note); and a label column's room is a whole number of em unless that
// would take it below what it needs.
func TestFitBalanced(t *testing.T) {
	fs, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	all, err := fixtures.Documents()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []*style.Style{style.Gongwen, style.Template} {
		for _, f := range all {
			for _, b := range f.Doc.Blocks {
				if b.Kind != document.Table {
					continue
				}
				p := Fit(b.Table, s, fs)
				ft := b.Table.Form
				name := s.Name + " " + f.Name + " " + ft.Name
				if p.Pad < s.TableCellPadX {
					t.Errorf("%s: numbers padded %.2fpt, less than the cell padding", name, p.Pad.Pt())
				}
				if p.Pad < NumberPad {
					t.Logf("%s: numbers padded %.2fpt at %.1fpt (table full)", name, p.Pad.Pt(), p.Size.Pt())
				}
				data := map[int]bool{}
				label := map[int]bool{}
				for _, c := range ft.Cells {
					if c.ColSpan == 1 && c.Kind == form.Value {
						data[c.Col] = true
					}
					if c.ColSpan == 1 && c.Kind == form.Label && !c.Vertical {
						label[c.Col] = true
					}
				}
				var ws []float64
				for c := range data {
					ws = append(ws, float64(p.Widths[c]))
				}
				sort.Float64s(ws)
				if len(ws) > 2 {
					median := ws[len(ws)/2]
					// What the widest number needs beside the median.
					m := measurer{fs: fs, role: s.Table.Role}
					for c := range data {
						var num style.Length
						for i, cell := range ft.Cells {
							if cell.Col == c && cell.ColSpan == 1 && cell.Kind == form.Value {
								v := []rune(text(b.Table, i))
								if k := noteIndex(v); k > 0 {
									v = v[:k]
								}
								num = max(num, m.width(string(v), p.Size)+2*NumberPad+s.TableRuleWidth)
							}
						}
						if w := float64(p.Widths[c]); w > noteWhole*math.Max(median, float64(num))+1 && w > float64(num)+1 {
							t.Errorf("%s: data column %d is %.1fpt, the median %.1fpt; its numbers need %.1fpt", name, c, w, median, num.Pt())
						}
					}
				}
				for c := range label {
					if data[c] {
						continue
					}
					room := float64((p.Widths[c] - 2*s.TableCellPadX) / p.Size)
					if frac := room - math.Floor(room); frac > 0.1 && frac < 0.98 {
						t.Logf("%s: label column %d holds %.2f em (at its need)", name, c, room)
					}
				}
			}
		}
	}
}

func noteIndex(rs []rune) int {
	for i, r := range rs {
		if r == '（' || r == '(' {
			return i
		}
	}
	return 0
}

// TestNotesUnder checks that city-wide-2024's Table 二, whose 26（含自然失效9件）
// does not fit its column on one line, puts every note under its number
// (1（其中修订1件） too), and the sample's tables, which have no notes, do not.
func TestNotesUnder(t *testing.T) {
	fs, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	all, err := fixtures.Documents()
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, f := range all {
		for _, b := range f.Doc.Blocks {
			if b.Kind != document.Table || b.Table.Form.Number != 2 {
				continue
			}
			p := Fit(b.Table, style.Gongwen, fs)
			got := p.NotesUnder(b.Table, style.Gongwen, fs)
			switch f.Name {
			case "city-wide-2024":
				seen++
				if !got {
					t.Errorf("%s 表二: NotesUnder = false, want true (26（含自然失效9件） wraps)", f.Name)
				}
			case fixtures.Sample:
				seen++
				if got {
					t.Errorf("%s 表二: NotesUnder = true, want false", f.Name)
				}
			}
		}
	}
	if seen != 2 {
		t.Errorf("found %d of the two fixtures' Table 二", seen)
	}
}

// TestFitKept checks the plans Fit keeps: asked again for a table with the
// same texts (another Grid, as the DOCX builds after the PDF's layout) it
// gives the same plan, one the caller may change without changing the
// next; a changed text, style or font set is worked out afresh.
func TestFitKept(t *testing.T) {
	fs, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	all, err := fixtures.Documents()
	if err != nil {
		t.Fatal(err)
	}
	var g *document.Grid
	for _, b := range all[0].Doc.Blocks {
		if b.Kind == document.Table && b.Table.Form.Number == 3 {
			g = b.Table
		}
	}
	first := Fit(g, style.Gongwen, fs)
	same := *g
	same.Texts = slices.Clone(g.Texts)
	again := Fit(&same, style.Gongwen, fs)
	if !reflect.DeepEqual(first, again) {
		t.Fatalf("Fit of the same texts: %+v, then %+v", first, again)
	}
	again.Widths[0] = 0
	if Fit(g, style.Gongwen, fs).Widths[0] == 0 {
		t.Error("a caller's change to a kept plan reached the next caller")
	}
	big := *g
	big.Texts = slices.Clone(g.Texts)
	for i, c := range big.Form.Cells {
		if c.Kind == form.Value {
			big.Texts[i] = "123456789"
		}
	}
	if reflect.DeepEqual(Fit(&big, style.Gongwen, fs), first) {
		t.Error("9-digit counts got the plan of the sample's")
	}
	if reflect.DeepEqual(Fit(g, style.Template, fs), first) {
		t.Error("the template style got the gongwen plan")
	}
}

// TestCellWidthsKept checks cellWidths against measuring afresh, for every
// cell of every fixture's tables and for values with and without notes,
// with the kept widths empty and then full; and that it keeps at most
// maxMeasured.
func TestCellWidthsKept(t *testing.T) {
	fs, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	all, err := fixtures.Documents()
	if err != nil {
		t.Fatal(err)
	}
	odd := []string{"0", "１２３", "12（其中修订3件）", "(5)", "（含延期答复2104件）", "", "4.5"}
	for _, s := range []*style.Style{style.Gongwen, style.Template} {
		m := measurer{fs: fs, role: s.Table.Role, line: s.TableLineGap}
		for round := range 2 {
			if round == 0 {
				measured.Clear()
			}
			for _, f := range all {
				for _, b := range f.Doc.Blocks {
					if b.Kind != document.Table {
						continue
					}
					for i, c := range b.Table.Form.Cells {
						texts := []string{text(b.Table, i)}
						if c.Kind == form.Value {
							texts = append(texts, odd...)
						}
						for _, x := range texts {
							whole, wrapped, halves := m.cellWidths(c, x)
							w1 := m.widest(Plan{Size: 1}, c, x)
							w2 := m.widest(Plan{Size: 1, NoteWraps: true}, c, x)
							w3 := max(w2, m.noteInTwo(c, x))
							if whole != w1 || wrapped != w2 || halves != w3 {
								t.Fatalf("%s %s cell %d %q (round %d): cellWidths %v %v %v, measured afresh %v %v %v",
									s.Name, f.Name, i, x, round, whole, wrapped, halves, w1, w2, w3)
							}
						}
					}
				}
			}
		}
	}
	for i := range maxMeasured + 10 {
		measured.Put(measuredKey{text: string(rune(0x4E00 + i))}, [3]style.Length{})
		if n := measured.Len(); n > maxMeasured {
			t.Fatalf("after %d texts %d kept, more than %d", i+1, n, maxMeasured)
		}
	}
	measured.Clear()
}
