// Package document turns a report and its format into the report as a list
// of blocks — title, headings, paragraphs, tables resolved to full grids with
// their values, notes, closing lines — built once and read by layout/ (fixed
// layout, PDF) and render/docx (Word lays out itself).
//
// It owns the order and the text of what is printed, not how it looks: no
// fonts, sizes or lengths here.
package document

import (
	"time"

	"github.com/nianbao/nianbao/form"
)

// Document is a report ready to be laid out.
type Document struct {
	Meta   Meta
	Blocks []Block
}

// Meta is what renderers write into the file's properties.
type Meta struct {
	Title    string // "乐清市司法局2021年政府信息公开工作年度报告"
	Author   string // the agency
	Subject  string // "政府信息公开工作年度报告"
	Keywords []string
	Lang     string // "zh-CN"
	Year     int
	Date     string // the closing date as printed, or ""
}

// Kind says what a block is.
type Kind int

const (
	Title     Kind = iota // the title, one or more Lines, centred
	Heading1              // 一、总体情况
	Heading2              // （一）主动公开 on a line of its own
	Paragraph             // body text; Lead is a run-in level-2 heading
	Table                 // one of the official tables
	Note                  // a note under a table: 注：…
	Closing               // closing Lines (agency, date), right-aligned
)

func (k Kind) String() string {
	return [...]string{"title", "heading1", "heading2", "paragraph", "table", "note", "closing"}[k]
}

// Block is one block of the document.
type Block struct {
	Kind  Kind
	Text  string   // heading, paragraph or note text
	Lead  string   // run-in heading printed before Text on the paragraph's first line
	Lines []string // Title and Closing lines
	Table *Grid    // Table blocks
	// Source is the path of the text in the report file
	// ("overview[1].paragraphs[0]"), so that a later stage can say where a
	// character it cannot set comes from.
	Source string
}

// Grid is an official table with its values: Texts[i] is what cell i of
// Form.Cells prints (its label, or the value bound to it).
type Grid struct {
	Form  *form.Table
	Texts []string
	// Sources[i] is the report path of a value cell's slot, "" for labels:
	// Form.Sources(), shared by every document — never changed.
	Sources []string
}

// FallbackDate is the date of a file whose caller gives none: 1 January
// after the report year, when reports are written. Renderers never read the
// clock, so the same input gives the same bytes.
func (m Meta) FallbackDate() time.Time {
	year := m.Year
	if year < 1 || year > 9998 {
		year = 1999
	}
	return time.Date(year+1, 1, 1, 0, 0, 0, 0, time.UTC)
}
