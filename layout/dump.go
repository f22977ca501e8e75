package layout

import (
	"fmt"
	"io"
)

// Dump writes pages as text, one item a line with lengths in millimetres to
// two decimals, for golden files: a diff of two dumps reads like a proof.
//
//	page 1 210.00×297.00mm
//	text  28.00  65.00 fangsong 16.00 "一、总体情况"
//	rule  28.00 120.00 → 184.00 120.00 w=0.50
//	fill  28.00 120.00 156.00×7.20 gray=0.85
//	mark 1  37.00 "一、总体情况"
//
// A text line gives the run's start and baseline, the face name and the size
// in points; a mark gives the heading's level, the top of its line and its
// title; the x of each rune is left out except the run's end, printed
// as "…x" so that justification changes show.
func Dump(w io.Writer, pages []Page) {
	for _, p := range pages {
		fmt.Fprintf(w, "page %d %.2f×%.2fmm\n", p.Number, p.Width.Mm(), p.Height.Mm())
		for _, f := range p.Fills {
			fmt.Fprintf(w, "fill %6.2f %6.2f %.2f×%.2f gray=%.2f\n", f.X.Mm(), f.Y.Mm(), f.W.Mm(), f.H.Mm(), f.Gray)
		}
		for _, r := range p.Rules {
			fmt.Fprintf(w, "rule %6.2f %6.2f → %6.2f %6.2f w=%.2f\n", r.X1.Mm(), r.Y1.Mm(), r.X2.Mm(), r.Y2.Mm(), r.Width.Pt())
		}
		for _, m := range p.Marks {
			fmt.Fprintf(w, "mark %d %6.2f %q\n", m.Level, m.Y.Mm(), m.Title)
		}
		for _, t := range p.Texts {
			name := "?"
			if t.Face != nil {
				name = t.Face.Name()
			}
			bold := ""
			if t.Bold {
				bold = " bold"
			}
			last := t.X
			if n := len(t.Xs); n > 0 {
				last = t.Xs[n-1]
			}
			fmt.Fprintf(w, "text %6.2f %6.2f %s %.2f%s %q …%.2f\n", t.X.Mm(), t.Y.Mm(), name, t.Size.Pt(), bold, string(t.Runes), last.Mm())
		}
	}
}
