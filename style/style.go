// Package style holds the page and type settings of each printed style as
// data: page size, margins, the type grid, the font role and size of each
// kind of block. Both fixed layout (layout/) and Word output (render/docx)
// read it, so the two agree on every measure.
//
// Lengths are in PostScript points (1/72 inch), written with Mm and Pt.
// A new style is a new value, not a new code path.
package style

import (
	"sort"

	"github.com/nianbao/nianbao/fonts"
)

// Length is a distance in points.
type Length float64

// Mm is a length in millimetres.
func Mm(v float64) Length { return Length(v * 72 / 25.4) }

// Pt is a length in points.
func Pt(v float64) Length { return Length(v) }

// Mm returns the length in millimetres.
func (l Length) Mm() float64 { return float64(l) * 25.4 / 72 }

// Pt returns the length in points.
func (l Length) Pt() float64 { return float64(l) }

// Twips returns the length in twentieths of a point, Word's unit.
func (l Length) Twips() int { return int(float64(l)*20 + 0.5) }

// Type sizes of Chinese typesetting (字号).
const (
	Size2    = Length(22)   // 2号
	Size3    = Length(16)   // 3号
	Size4    = Length(14)   // 4号
	SizeS4   = Length(12)   // 小四
	Size5    = Length(10.5) // 五号
	SizeS5   = Length(9)    // 小五
	SizeS2   = Length(18)   // 小二
	Size10pt = Length(10)
)

// Font is the role and size of one kind of text.
type Font struct {
	Role fonts.Role
	Size Length
	Bold bool
}

// Style is one way to print the report.
type Style struct {
	Name        string
	Description string

	PageWidth, PageHeight    Length
	Top, Bottom, Left, Right Length // margins; the 版心 is what they leave

	// CharsPerLine and LinesPerPage set the type grid of the body: the
	// character pitch is the measure divided by CharsPerLine and the line
	// pitch is the 版心 height divided by LinesPerPage. 0 means no grid: the
	// pitch is the font size and LineSpacing.
	CharsPerLine int
	LinesPerPage int
	LineSpacing  float64 // line pitch as a multiple of the size, without a grid

	Title      Font
	Heading1   Font
	Heading2   Font
	Body       Font
	Table      Font
	PageNumber Font
	// Note is the font of the notes under a table (注：…): smaller than the
	// body, like the table they belong to, and off the body's grid.
	Note Font

	Indent int // first-line indent of every paragraph, in characters

	// TableWidth is the width of the official tables; wider than the measure
	// means they stand out equally on both sides (the Word template's 171.8 mm).
	TableWidth     Length
	TableLineGap   float64 // line pitch inside table cells, as a multiple of the size
	TableCellPadX  Length  // inner left and right padding of a cell
	TableCellPadY  Length  // inner top and bottom padding of a cell
	TableRuleWidth Length
	BandShade      float64 // gray level of Table 二's band rows (1 = white)

	// PageNumberGap is the distance from the bottom of the 版心 to the page
	// number's baseline box; PageNumberInset is how far it stands in from the
	// 版心 edge (one character).
	PageNumberGap   Length
	PageNumberInset Length
	// PageNumberOutside puts odd page numbers right and even ones left
	// (GB/T 9704 §7.5); otherwise they are centred.
	PageNumberOutside bool
}

// Measure is the width of the 版心.
func (s *Style) Measure() Length { return s.PageWidth - s.Left - s.Right }

// BlockHeight is the height of the 版心.
func (s *Style) BlockHeight() Length { return s.PageHeight - s.Top - s.Bottom }

// Gongwen is GB/T 9704-2012 《党政机关公文格式》: A4, 天头 37 mm, 订口 28 mm,
// 版心 156×225 mm, 22 lines of 28 characters of 3号仿宋 (official-format.md §7).
var Gongwen = &Style{
	Name:        "gongwen",
	Description: "GB/T 9704 公文格式：3号仿宋，每页22行×每行28字",
	PageWidth:   Mm(210), PageHeight: Mm(297),
	Top: Mm(37), Bottom: Mm(35), Left: Mm(28), Right: Mm(26),
	CharsPerLine: 28, LinesPerPage: 22,
	Title:      Font{Role: fonts.Title, Size: Size2},
	Heading1:   Font{Role: fonts.Heading1, Size: Size3},
	Heading2:   Font{Role: fonts.Heading2, Size: Size3},
	Body:       Font{Role: fonts.Body, Size: Size3},
	Table:      Font{Role: fonts.Table, Size: Size5},
	PageNumber: Font{Role: fonts.Table, Size: Size4},
	Note:       Font{Role: fonts.Body, Size: SizeS4},
	Indent:     2,
	TableWidth: Mm(156), TableLineGap: 1.3, TableCellPadX: Mm(1), TableCellPadY: Mm(1.5),
	TableRuleWidth: Pt(0.5), BandShade: 0.85,
	PageNumberGap: Mm(7), PageNumberInset: Size3, PageNumberOutside: true,
}

// Template is the widely circulated Word template: A4 with Word's default
// margins, 小四宋体 body, 小二 title, 10 pt tables 171.8 mm wide.
var Template = &Style{
	Name:        "template",
	Description: "常见Word模板：小四宋体正文，小二标题，10磅表格",
	PageWidth:   Mm(210), PageHeight: Mm(297),
	Top: Mm(25.4), Bottom: Mm(25.4), Left: Mm(31.75), Right: Mm(31.75),
	LineSpacing: 1.5,
	Title:       Font{Role: fonts.Title, Size: SizeS2},
	Heading1:    Font{Role: fonts.Heading1, Size: SizeS4},
	Heading2:    Font{Role: fonts.Heading2, Size: SizeS4},
	Body:        Font{Role: fonts.Table, Size: SizeS4},
	Table:       Font{Role: fonts.Table, Size: Size10pt},
	PageNumber:  Font{Role: fonts.Table, Size: Size5},
	Note:        Font{Role: fonts.Table, Size: Size10pt},
	Indent:      2,
	TableWidth:  Mm(171.8), TableLineGap: 1.3, TableCellPadX: Mm(1), TableCellPadY: Mm(1.2),
	TableRuleWidth: Pt(0.5), BandShade: 0.85,
	PageNumberGap: Mm(7), PageNumberInset: 0, PageNumberOutside: false,
}

var styles = map[string]*Style{Gongwen.Name: Gongwen, Template.Name: Template}

// Lookup returns the style with the given name.
func Lookup(name string) (*Style, bool) {
	s, ok := styles[name]
	return s, ok
}

// Names lists the style names, sorted.
func Names() []string {
	ns := make([]string, 0, len(styles))
	for n := range styles {
		ns = append(ns, n)
	}
	sort.Strings(ns)
	return ns
}
