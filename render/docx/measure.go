package docx

import (
	"math"
	"time"

	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/style"
)

// gen holds what every part needs: the input and the measures derived from
// the style once, in Word's units.
type gen struct {
	d     *document.Document
	s     *style.Style
	date  time.Time
	names map[fonts.Role]FontNames

	pageW, pageH             int // twips
	top, bottom, left, right int // twips
	footer                   int // page edge to the bottom of the footer, twips
	measure                  int // width of the 版心, twips

	grid      bool // a document grid of lines and characters (gongwen)
	linePitch int  // body line pitch, twips
	charPitch int  // body character pitch, twips (the indent unit)
	tracking  int  // w:spacing of body runs, twips: sets CharsPerLine in the measure

	tableLine int // line pitch inside table cells, twips
	metrics   *fonts.Set
	titleLine int // line pitch of the title, twips

	before   int  // space before the block being written, twips: after a table
	keepNext bool // the block being written is kept with the next (the closing)

	body *buf // word/document.xml, from documentBufs; given back when Write ends
}

// titleGap is the line pitch of the title as a multiple of its size when the
// body pitch is too tight for it (the template's 18 pt title on 18 pt lines).
const titleGap = 1.3

func newGen(d *document.Document, s *style.Style, opts Options) *gen {
	g := &gen{d: d, s: s, date: opts.Date, names: fontNames(opts.Fonts), metrics: opts.Metrics}
	if g.date.IsZero() {
		g.date = d.Meta.FallbackDate()
	}
	g.date = g.date.UTC().Truncate(time.Second)
	g.pageW, g.pageH = s.PageWidth.Twips(), s.PageHeight.Twips()
	g.top, g.bottom, g.left, g.right = s.Top.Twips(), s.Bottom.Twips(), s.Left.Twips(), s.Right.Twips()
	g.measure = g.pageW - g.left - g.right
	block := g.pageH - g.top - g.bottom

	g.grid = s.CharsPerLine > 0 && s.LinesPerPage > 0
	if g.grid {
		// Round the line pitch down: 22 × 580 twips overflows the 225 mm
		// 版心 (12 756 twips) and Word would fit only 21 lines.
		g.linePitch = block / s.LinesPerPage
		pitch := float64(g.measure) / 20 / float64(s.CharsPerLine) // pt
		g.charPitch = int(pitch*20 + 0.5)
		// Tracking in whole twips, rounded down so that CharsPerLine
		// characters fit: 28 × (16 pt − 0.25 pt) = 441 pt ≤ 442.25 pt.
		g.tracking = int(math.Floor(float64(g.measure)/float64(s.CharsPerLine) - float64(s.Body.Size.Twips())))
	} else {
		spacing := s.LineSpacing
		if spacing <= 0 {
			spacing = 1
		}
		g.linePitch = int(s.Body.Size.Pt()*spacing*20 + 0.5)
		g.charPitch = s.Body.Size.Twips()
	}
	g.tableLine = tableLine(s, s.Table.Size)
	g.titleLine = max(g.linePitch, int(s.Title.Size.Pt()*titleGap*20+0.5))

	// The page number's line (exactly its size high) sits PageNumberGap
	// below the 版心 (GB/T 9704 §7.5: 7 mm).
	g.footer = g.bottom - s.PageNumberGap.Twips() - s.PageNumber.Size.Twips()
	if g.footer < 0 {
		g.footer = 0
	}
	return g
}

// fontNames merges the overrides into DefaultFonts.
func fontNames(over map[fonts.Role]FontNames) map[fonts.Role]FontNames {
	out := make(map[fonts.Role]FontNames, len(DefaultFonts))
	latin := latinDefault
	if l, ok := over[fonts.Latin]; ok {
		if l.Latin != "" {
			latin = l.Latin
		} else if l.EastAsia != "" {
			latin = l.EastAsia
		}
	}
	for _, r := range fonts.Roles {
		f := DefaultFonts[r]
		f.Latin = latin
		if r == fonts.Title {
			// The title's digits and letters in its own heavy face, as
			// the PDF sets them, not a regular Times beside 小标宋.
			f.Latin = f.EastAsia
			if o, ok := over[r]; ok && o.EastAsia != "" {
				f.Latin = o.EastAsia
			}
		}
		if o, ok := over[r]; ok {
			if o.EastAsia != "" {
				f.EastAsia = o.EastAsia
			}
			if o.Latin != "" && r != fonts.Latin {
				f.Latin = o.Latin
			}
		}
		out[r] = f
	}
	return out
}

// halfPoints is a font size as w:sz wants it.
func halfPoints(l style.Length) int { return int(l.Pt()*2 + 0.5) }

// gray is a gray level (1 = white) as a w:shd w:fill colour.
func gray(level float64) string {
	v := int(math.Round(math.Max(0, math.Min(1, level)) * 255))
	const hex = "0123456789ABCDEF"
	b := []byte{hex[v>>4], hex[v&15]}
	return string(b) + string(b) + string(b)
}

// ruleSize is a rule width in eighths of a point (w:sz of a border), within
// the 2–96 Word accepts.
func ruleSize(l style.Length) int {
	return min(96, max(2, int(l.Pt()*8+0.5)))
}
