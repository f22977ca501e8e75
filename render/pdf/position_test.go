package pdf

import (
	"encoding/xml"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

// TestGlyphPositions checks, with mutool's structured text, that every
// glyph of every fixture's PDF sits where the layout put it: the content
// stream sets a justified line's letter spacing as the character spacing
// Tc and adjusts the other gaps in TJ, and a rounding or a Tc left over
// from the line before would move glyphs. Per page, the origins of each
// character on each baseline are compared, sorted, within 0.01 pt.
func TestGlyphPositions(t *testing.T) {
	tool(t, "mutool")
	for _, f := range fixtures(t) {
		pdf := write(t, f, Options{Date: fixedDate})
		path := filepath.Join(t.TempDir(), f.name+".pdf")
		if err := os.WriteFile(path, pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("mutool", "draw", "-q", "-F", "stext", "-o", "-", path).Output()
		if err != nil {
			t.Fatalf("%s: mutool draw: %v", f.name, err)
		}
		var doc struct {
			Pages []struct {
				Chars []struct {
					X float64 `xml:"x,attr"`
					Y float64 `xml:"y,attr"`
					C string  `xml:"c,attr"`
				} `xml:"block>line>font>char"`
			} `xml:"page"`
		}
		if err := xml.Unmarshal(out, &doc); err != nil {
			t.Fatalf("%s: mutool stext: %v", f.name, err)
		}
		if len(doc.Pages) != len(f.pages) {
			t.Fatalf("%s: mutool reads %d pages, want %d", f.name, len(doc.Pages), len(f.pages))
		}
		checked := 0
		for i, pg := range f.pages {
			type point struct{ x, y float64 }
			got := map[string][]point{}
			for _, c := range doc.Pages[i].Chars {
				got[c.C] = append(got[c.C], point{c.X, c.Y})
			}
			for _, tx := range pg.Texts {
				for k, r := range tx.Runes {
					if r == ' ' {
						continue // mutool makes its own spaces from gaps
					}
					x, y := float64(tx.Xs[k]), float64(tx.Y)
					ps := got[string(r)]
					at := slices.IndexFunc(ps, func(p point) bool { return math.Abs(p.x-x) <= 0.01 && math.Abs(p.y-y) <= 0.05 })
					if at < 0 {
						t.Errorf("%s page %d: no %q at (%.3f, %.3f) pt where the layout puts it; mutool has %v", f.name, i+1, r, x, y, ps)
						continue
					}
					got[string(r)] = slices.Delete(ps, at, at+1)
					checked++
				}
			}
		}
		if checked < 1000 {
			t.Errorf("%s: only %d glyphs compared", f.name, checked)
		}
	}
}
