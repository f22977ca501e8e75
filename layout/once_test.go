package layout

import (
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/style"
)

// TestEveryCharacterPrintedOnce checks, for every fixture in both styles,
// that the text the layout prints — leaving out what it marks Repeat and
// the page numbers — is the document's text, character for character. It
// caught a split label cell (三、本年度办理结果 over 20 rows of the 2019
// Table 三) whose first part was cut short while only its second part was
// marked Repeat, so 结果 was never printed as the cell's own text.
func TestEveryCharacterPrintedOnce(t *testing.T) {
	for _, s := range []*style.Style{style.Gongwen, style.Template} {
		for _, f := range loadFixtures(t, s) {
			want := map[rune]int{}
			count(want, docText(f.doc), 1)
			for _, p := range f.pages {
				for _, tx := range p.Texts {
					if !tx.Repeat {
						count(want, string(tx.Runes), -1)
					}
				}
				count(want, "—"+strconv.Itoa(p.Number)+"—", 1)
			}
			for r, n := range want {
				switch {
				case n > 0:
					t.Errorf("%s/%s: %d × %q not printed", s.Name, f.name, n, r)
				case n < 0:
					t.Errorf("%s/%s: %d × %q printed more than once (and not marked Repeat)", s.Name, f.name, -n, r)
				}
			}
		}
	}
}

// docText is every character the document prints.
func docText(d *document.Document) string {
	var b strings.Builder
	for _, bl := range d.Blocks {
		b.WriteString(strings.Join(bl.Lines, ""))
		b.WriteString(bl.Lead)
		b.WriteString(bl.Text)
		if bl.Table != nil {
			b.WriteString(strings.Join(bl.Table.Texts, ""))
		}
	}
	return b.String()
}

func count(m map[rune]int, s string, by int) {
	for _, r := range s {
		if !unicode.IsSpace(r) {
			m[r] += by
		}
	}
}
