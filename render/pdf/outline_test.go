package pdf

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/document"
)

// heading is a bookmark as the document says it should be.
type heading struct {
	level int
	title string
}

// headings lists the document's level-1 and level-2 headings, run-in ones
// (a paragraph's Lead) without their closing full stop.
func headings(d *document.Document) []heading {
	var hs []heading
	for _, b := range d.Blocks {
		switch {
		case b.Kind == document.Heading1:
			hs = append(hs, heading{1, b.Text})
		case b.Kind == document.Heading2:
			hs = append(hs, heading{2, b.Text})
		case b.Kind == document.Paragraph && b.Lead != "":
			hs = append(hs, heading{2, strings.TrimSuffix(b.Lead, "。")})
		}
	}
	return hs
}

// outlineEntry matches a line of `mutool show file outline`: the nesting in
// tabs, the title, the page and the destination's top, which mutool gives
// from the top of the page down (the file has it from the bottom up).
var outlineEntry = regexp.MustCompile(`^[|+-](\t*)"(.*)"\t#page=(\d+)&zoom=[^,]*,[^,]*,([0-9.]+)$`)

// TestOutlineListsHeadings checks the bookmarks with mutool: one entry per
// level-1 heading, its level-2 headings (run-in ones too) nested under it,
// each on the page where the heading is printed and jumping to the top of
// its line; and that the file opens with the bookmarks panel shown.
func TestOutlineListsHeadings(t *testing.T) {
	tool(t, "mutool")
	dir := t.TempDir()
	for _, f := range fixtures(t) {
		path := filepath.Join(dir, f.name+".pdf")
		if err := os.WriteFile(path, write(t, f, Options{}), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("mutool", "show", path, "outline").CombinedOutput()
		if err != nil {
			t.Fatalf("%s: mutool show outline: %v\n%s", f.name, err, out)
		}
		want := headings(f.doc)
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		if len(lines) != len(want) {
			t.Errorf("%s: outline has %d entries, want %d:\n%s", f.name, len(lines), len(want), out)
		}
		page := 1
		for i := 0; i < len(lines) && i < len(want); i++ {
			m := outlineEntry.FindStringSubmatch(lines[i])
			if m == nil {
				t.Errorf("%s: outline entry %d: cannot read %q", f.name, i, lines[i])
				continue
			}
			level, title := len(m[1]), m[2]
			got, _ := strconv.Atoi(m[3])
			top, _ := strconv.ParseFloat(m[4], 64)
			if level != want[i].level || title != want[i].title {
				t.Errorf("%s: outline entry %d = level %d %q, want level %d %q", f.name, i, level, title, want[i].level, want[i].title)
			}
			// The page that prints the heading, the first from the
			// previous heading's on; its line's baseline is less than
			// one line below the destination's top.
			for page <= len(f.pages) && !printsHeading(f, page, want[i].title, top) {
				page++
			}
			if got != page {
				t.Errorf("%s: outline entry %q points at page %d, top %.1f; printed on page %d", f.name, title, got, top, page)
				page = got
			}
		}
		root, err := exec.Command("mutool", "show", path, "trailer/Root/PageMode").CombinedOutput()
		if err != nil || strings.TrimSpace(string(root)) != "/UseOutlines" {
			t.Errorf("%s: catalog /PageMode = %q (%v), want /UseOutlines", f.name, root, err)
		}
	}
}

// printsHeading reports whether page n (1-based) starts a line with title
// whose baseline is less than one grid line below top (y down, as layout's).
func printsHeading(f fixture, n int, title string, top float64) bool {
	if n > len(f.pages) {
		return false
	}
	pg := f.pages[n-1]
	for _, tx := range pg.Texts {
		y := float64(tx.Y)
		if strings.HasPrefix(string(tx.Runes), title) && y > top && y < top+30 {
			return true
		}
	}
	return false
}
