// Package layout sets a document on pages: it breaks paragraphs into lines
// by the rules of Chinese typesetting (official-format.md §8), justifies
// them on the style's type grid, sets the official tables from their form/
// grids, breaks pages, and numbers them (GB/T 9704).
//
// It owns positions, not output formats: the result is a list of Page
// values — plain data (text runs with a face, a size and the x of every
// rune; rules; fills) that render/pdf draws and that tests dump and compare.
// It does not own fonts (package fonts picks the face of each rune and gives
// advances) nor the words and the order of what is printed (package
// document).
//
// Units: every length is a style.Length in points; y is measured down from
// the top of the page and is the baseline for text.
package layout

import (
	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/style"
)

// Page is one finished page.
type Page struct {
	Width, Height style.Length
	Number        int // 1-based
	Texts         []Text
	Rules         []Rule
	Fills         []Fill
	// Marks are the headings that begin on the page, in reading order,
	// for a renderer's table of contents (PDF bookmarks).
	Marks []Mark
}

// Mark is where a heading begins: a level-1 heading (一、总体情况) or a
// level-2 one (（一）主动公开), on a line of its own or run in before a
// paragraph's text.
type Mark struct {
	Level int    // 1 or 2
	Title string // the heading without the full stop that ends a run-in one
	// Y is the top of the heading's line box, not its baseline: where a
	// viewer that jumps to the heading puts the top of its window.
	Y style.Length
}

// Text is a run of runes in one face and size on one baseline. Xs holds the
// absolute x of each rune's left edge, so a justified line keeps its
// spacing without any renderer recomputing it.
type Text struct {
	X, Y style.Length // start of the run and its baseline
	Face *fonts.Face
	Size style.Length
	Bold bool // synthesise bold when Face.Bold() is false (see BoldStroke)
	// Repeat marks text printed again where a table continues on a new
	// page: its head rows, and the label of a cell split by the page
	// break. The document's text is the texts without it; a renderer may
	// tag these as artifacts.
	Repeat bool
	Runes  []rune
	Xs     []style.Length

	// Block is the index in document.Document.Blocks of the block the
	// text belongs to, and Cell, in a table, the index of its cell in the
	// table's form.Table.Cells: a renderer builds a structure tree
	// (tagged PDF) from them. Page numbers have Block -1.
	Block, Cell int
}

// BoldStroke is the outline width of synthetic bold, in em: a renderer
// draws a Bold text whose face has no bold weight in fill-and-stroke mode
// with this stroke, as Word does for 仿宋 and 楷体.
const BoldStroke = 0.03

// Rule is a straight line, drawn with butt caps.
type Rule struct {
	X1, Y1, X2, Y2 style.Length
	Width          style.Length
}

// Fill is a rectangle filled with a gray (0 black, 1 white); X, Y is its
// top-left corner.
type Fill struct {
	X, Y, W, H style.Length
	Gray       float64
}
