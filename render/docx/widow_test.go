package docx

import (
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/document"
)

// pdfPageLines returns the lines of each page of a PDF as pdftotext reads
// them, without white space; empty lines and page numbers are left out.
func pdfPageLines(t *testing.T, path string, n int) [][]string {
	t.Helper()
	var out [][]string
	for p := 1; p <= n; p++ {
		b, err := exec.Command("pdftotext", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), "-enc", "UTF-8", path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", path, err)
		}
		var ls []string
		for _, l := range strings.Split(string(b), "\n") {
			if l = squeeze(l); l != "" && !pageNumber.MatchString(l) {
				ls = append(ls, l)
			}
		}
		out = append(out, ls)
	}
	return out
}

// paragraphPages finds each paragraph of d (with its run-in heading, on its
// first line or, in LibreOffice 7.4, a line of its own) in the lines of
// pages, in order, and returns for each it found the page of each of its
// lines, by block index. A paragraph is found when consecutive lines spell
// its text exactly; lines between paragraphs (headings, tables) are passed.
func paragraphPages(d *document.Document, pages [][]string) map[int][]int {
	type line struct {
		page int
		text string
	}
	var ls []line
	for p, pl := range pages {
		for _, l := range pl {
			ls = append(ls, line{p + 1, l})
		}
	}
	out := map[int][]int{}
	at := 0
	for bi, b := range d.Blocks {
		want := squeeze(b.Lead + b.Text)
		if b.Kind != document.Paragraph || squeeze(b.Text) == "" {
			continue
		}
	search:
		for k := at; k < len(ls); k++ {
			if !strings.HasPrefix(want, ls[k].text) || len([]rune(ls[k].text)) < min(4, len([]rune(want))) {
				continue
			}
			acc, j := "", k
			var pg []int
			for ; j < len(ls) && strings.HasPrefix(want, acc+ls[j].text); j++ {
				acc += ls[j].text
				pg = append(pg, ls[j].page)
				if acc == want {
					out[bi] = pg
					at = j + 1
					break search
				}
			}
		}
	}
	return out
}

// lonelyLines lists the paragraphs whose first line stands alone at the
// foot of a page or whose last line stands alone at the head of the next,
// and the two-line paragraphs split over two pages, from the pages of
// their lines.
func lonelyLines(d *document.Document, found map[int][]int) (bad []string, split int) {
	for bi, b := range d.Blocks {
		pg := found[bi]
		n := len(pg)
		if n < 2 || pg[0] == pg[n-1] {
			continue
		}
		split++
		switch {
		case n == 2:
			bad = append(bad, fmt.Sprintf("%s: two lines split over pages %d and %d", b.Source, pg[0], pg[1]))
		case pg[1] != pg[0]:
			bad = append(bad, fmt.Sprintf("%s: the first of %d lines alone at the foot of page %d", b.Source, n, pg[0]))
		case pg[n-2] != pg[n-1]:
			bad = append(bad, fmt.Sprintf("%s: the last of %d lines alone at the head of page %d", b.Source, n, pg[n-1]))
		}
	}
	return bad, split
}

// checkWidows checks LibreOffice's PDF of d: with w:widowControl on,
// no paragraph leaves a line alone at the foot or the head of a page, as in
// our PDF (layout's keepTwoLines). A paragraph whose lines pdftotext does
// not give back as its text (a fallback glyph read out of order) is not
// checked; at least half of them must be found.
func checkWidows(t *testing.T, name string, d *document.Document, lo [][]string) {
	t.Helper()
	found := paragraphPages(d, lo)
	n := 0
	for _, b := range d.Blocks {
		if b.Kind == document.Paragraph && squeeze(b.Text) != "" {
			n++
		}
	}
	if 2*len(found) < n {
		t.Errorf("%s: found %d of %d paragraphs in LibreOffice's lines, want at least half", name, len(found), n)
	}
	bad, split := lonelyLines(d, found)
	for _, b := range bad {
		t.Errorf("%s: LibreOffice: %s", name, b)
	}
	t.Logf("%s: %d of %d paragraphs found in LibreOffice's PDF, %d break across pages, none with a lone line", name, len(found), n, split)
}

// TestLonelyLines checks the reading of pages of lines that checkWidows
// relies on.
func TestLonelyLines(t *testing.T) {
	d := &document.Document{Blocks: []document.Block{
		{Kind: document.Heading1, Text: "一、总体情况", Source: "h"},
		{Kind: document.Paragraph, Text: "甲甲甲甲乙乙乙乙丙丙", Source: "a"},
		{Kind: document.Paragraph, Lead: "（一）标题。", Text: "丁丁丁丁戊戊", Source: "b"},
		{Kind: document.Paragraph, Text: "己己己己庚庚庚庚辛辛", Source: "c"},
	}}
	for _, tc := range []struct {
		pages [][]string
		want  []string
	}{
		{[][]string{{"一、总体情况", "甲甲甲甲", "乙乙乙乙", "丙丙", "（一）标题。", "丁丁丁丁", "戊戊", "己己己己", "庚庚庚庚", "辛辛"}}, nil},
		{[][]string{{"一、总体情况", "甲甲甲甲"}, {"乙乙乙乙", "丙丙", "表", "（一）标题。丁丁"}, {"丁丁戊戊", "己己己己", "庚庚庚庚"}, {"辛辛"}},
			[]string{"a: the first of 3 lines alone at the foot of page 1", "b: two lines split over pages 2 and 3", "c: the last of 3 lines alone at the head of page 4"}},
	} {
		got, _ := lonelyLines(d, paragraphPages(d, tc.pages))
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("lonelyLines = %q, want %q", got, tc.want)
		}
	}
}
