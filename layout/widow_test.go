package layout

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/style"
)

// part is the lines of one block on one page.
type part struct {
	page, lines int
}

// blockParts returns, for every block, how many of its lines stand on each
// page it touches, in page order. A line is a baseline inside the 版心;
// repeated table heads and page numbers are left out.
func blockParts(s *style.Style, pages []Page) map[int][]part {
	out := map[int][]part{}
	for _, p := range pages {
		type key struct {
			block int
			y     style.Length
		}
		seen := map[key]bool{}
		for _, t := range p.Texts {
			if t.Repeat || t.Block < 0 || t.Y > s.Top+s.BlockHeight() {
				continue
			}
			k := key{t.Block, t.Y}
			if seen[k] {
				continue
			}
			seen[k] = true
			ps := out[t.Block]
			if n := len(ps); n > 0 && ps[n-1].page == p.Number {
				ps[n-1].lines++
			} else {
				ps = append(ps, part{p.Number, 1})
			}
			out[t.Block] = ps
		}
	}
	return out
}

// widowsAndOrphans lists the paragraphs of d that break across pages
// leaving a single line at the foot of a page (an orphan: the first line
// alone) or at the head of the next (a widow: the last line alone), or
// split at all when they have two lines. split counts the paragraphs
// that break across pages.
func widowsAndOrphans(s *style.Style, d *document.Document, pages []Page) (bad []string, split int) {
	parts := blockParts(s, pages)
	for bi, b := range d.Blocks {
		ps := parts[bi]
		if b.Kind != document.Paragraph || len(ps) < 2 {
			continue
		}
		split++
		n := 0
		for _, p := range ps {
			n += p.lines
		}
		first, last := ps[0], ps[len(ps)-1]
		switch {
		case n == 2:
			bad = append(bad, fmt.Sprintf("%s: two lines split over pages %d and %d", b.Source, first.page, last.page))
		case first.lines == 1:
			bad = append(bad, fmt.Sprintf("%s: the first of %d lines alone at the foot of page %d", b.Source, n, first.page))
		case last.lines == 1:
			bad = append(bad, fmt.Sprintf("%s: the last of %d lines alone at the head of page %d", b.Source, n, last.page))
		}
	}
	return bad, split
}

// TestNoWidowOrOrphan checks every fixture in both styles: no paragraph
// leaves its first line alone at the foot of a page nor its last line
// alone at the head of the next, and a two-line paragraph is never split
// (Word's widow control, which the DOCX turns on).
func TestNoWidowOrOrphan(t *testing.T) {
	splits := 0
	for _, s := range []*style.Style{style.Gongwen, style.Template} {
		for _, f := range loadFixtures(t, s) {
			bad, n := widowsAndOrphans(s, f.doc, f.pages)
			splits += n
			for _, b := range bad {
				t.Errorf("%s/%s: %s", s.Name, f.name, b)
			}
		}
	}
	if splits == 0 {
		t.Fatal("no paragraph of any fixture breaks across pages: the test checks nothing")
	}
	t.Logf("%d paragraphs break across pages", splits)
}

// gongwenPara returns a paragraph of n lines in the gongwen style (28 characters
// a line, the first indented two), all of rune r, its last line ten
// characters long.
func gongwenPara(r rune, n int) document.Block {
	k := 10
	if n > 1 {
		k = 26 + 28*(n-2) + 10
	}
	return document.Block{Kind: document.Paragraph, Text: strings.Repeat(string(r), k), Source: string(r)}
}

// runIn returns a paragraph of n lines like gongwenPara's, led by the
// run-in heading （一）标题。 on its first line.
func runIn(r rune, n int) document.Block {
	b := gongwenPara(r, n)
	b.Lead = "（一）标题。"
	b.Text = string([]rune(b.Text)[len([]rune(b.Lead)):])
	return b
}

// TestWidowControlMovesLines sets paragraphs so that, without widow
// control, one line of a paragraph would stand alone at the foot or the
// head of a page, and checks what each page holds: the runes of its body
// lines, one string a line, summarised as rune×lines.
func TestWidowControlMovesLines(t *testing.T) {
	fs, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	heading := document.Block{Kind: document.Heading2, Text: "（一）标题", Source: "h"}
	for _, tc := range []struct {
		name   string
		blocks []document.Block
		want   []string // per page: runes of its lines, e.g. "甲×21"
	}{
		// 21 lines, then 4: one line would be left at the foot.
		{"orphan", []document.Block{gongwenPara('甲', 21), gongwenPara('乙', 4)},
			[]string{"甲×21", "乙×4"}},
		// 19 lines, then 4: the last would stand alone on page 2.
		{"widow", []document.Block{gongwenPara('甲', 19), gongwenPara('乙', 4)},
			[]string{"甲×19 乙×2", "乙×2"}},
		// 20 lines, then 3: neither 1+2 nor 2+1.
		{"three lines", []document.Block{gongwenPara('甲', 20), gongwenPara('乙', 3)},
			[]string{"甲×20", "乙×3"}},
		// 21 lines, then 2: moves whole.
		{"two lines", []document.Block{gongwenPara('甲', 21), gongwenPara('乙', 2)},
			[]string{"甲×21", "乙×2"}},
		// 21 lines, then 1: fits.
		{"one line", []document.Block{gongwenPara('甲', 21), gongwenPara('乙', 1), gongwenPara('丙', 2)},
			[]string{"甲×21 乙×1", "丙×2"}},
		// 20 lines, a heading, then 5: the heading comes with two lines.
		{"heading", []document.Block{gongwenPara('甲', 20), heading, gongwenPara('乙', 5)},
			[]string{"甲×20", "（×1 乙×5"}},
		// 18 lines, then 5: 4 fit, the last is a widow: 3 + 2.
		{"widow of five", []document.Block{gongwenPara('甲', 18), gongwenPara('乙', 5)},
			[]string{"甲×18 乙×3", "乙×2"}},
		// Without a lone line there is nothing to move: 18 + 4, 2 + 2.
		{"no move", []document.Block{gongwenPara('甲', 18), gongwenPara('乙', 6)},
			[]string{"甲×18 乙×4", "乙×2"}},
		// A run-in heading is the first line of its paragraph: the line
		// moves with the next.
		{"run-in heading", []document.Block{gongwenPara('甲', 21), runIn('乙', 4)},
			[]string{"甲×21", "（×1 乙×3"}},
		// A paragraph longer than a page: 22, then 2 + the widow's one.
		{"long", []document.Block{gongwenPara('甲', 25)},
			[]string{"甲×22", "甲×3"}},
		{"long widow", []document.Block{gongwenPara('甲', 23)},
			[]string{"甲×21", "甲×2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := &document.Document{Blocks: tc.blocks}
			pages, err := Layout(d, style.Gongwen, fs)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range pages {
				got = append(got, summary(style.Gongwen, p))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("pages %q, want %q", got, tc.want)
			}
			if bad, _ := widowsAndOrphans(style.Gongwen, d, pages); len(bad) > 0 {
				t.Errorf("%v", bad)
			}
		})
	}
}

// summary is the body lines of a page as runs of the first rune of each
// line and their count: "甲×19 乙×2".
func summary(s *style.Style, p Page) string {
	var firsts []rune
	for _, l := range bodyLines(s, []Page{p}) {
		firsts = append(firsts, l.runes[0])
	}
	var parts []string
	for i := 0; i < len(firsts); {
		j := i
		for j < len(firsts) && firsts[j] == firsts[i] {
			j++
		}
		parts = append(parts, fmt.Sprintf("%c×%d", firsts[i], j-i))
		i = j
	}
	return strings.Join(parts, " ")
}
