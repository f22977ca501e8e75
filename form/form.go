// Package form holds the official format of the annual report as data: the
// section headings and the grids of Tables 二, 三 and 四, cell by cell, with
// the data slot that each value cell binds to.
//
// It is the single source of truth that every renderer reads: the PDF path
// draws rules from a resolved Grid and the DOCX path derives w:gridSpan and
// w:vMerge from the same Grid. A revision of the format is new data (a new
// Format value), not new code. The package owns no report values and no
// rendering; it has no units except column weights, which are relative.
package form

import (
	"fmt"
	"sort"
)

// Ref names one data slot of a report: table 2, 3 or 4, a row key and the
// column index inside that row. Row keys are the stable English names of the
// report file ("new", "review", "regulations").
type Ref struct {
	Table int
	Row   string
	Col   int
}

// Path is the slot's path in the report file, as used in positions and
// messages: "table3.new[0]", or "table2.licensing" for a one-value row.
func (r Ref) Path(cols int) string {
	if cols == 1 {
		return fmt.Sprintf("table%d.%s", r.Table, r.Row)
	}
	return fmt.Sprintf("table%d.%s[%d]", r.Table, r.Row, r.Col)
}

// Kind says what a cell holds, so renderers can style it without looking at
// its text.
type Kind int

const (
	Header Kind = iota // column heading inside the table head
	Band               // a full-width group row (Table 二's 第二十条第（一）项), often shaded
	Label              // a row label
	Value              // a number bound to a data slot
)

// Cell is one cell of a table grid. Row and Col are 0-based grid positions of
// its top-left slot; spans are at least 1 once the table is resolved.
type Cell struct {
	Row, Col         int
	RowSpan, ColSpan int
	Kind             Kind
	Text             string // label text; empty for Value cells
	Bind             Ref    // the data slot of a Value cell
	Vertical         bool   // set one character per line (Table 三's 三、本年度办理结果)
}

// DataRow is one row of values in the report file: its key, the Chinese label
// used in messages and how many values it holds.
type DataRow struct {
	Key     string
	Label   string
	Cols    int
	Decimal bool // values are amounts in 万元, not counts
	// Units says what each value column holds, when the columns differ
	// (the 2019 Table 二: a count, 本年增/减, an amount); nil means every
	// column is a Count, or an Amount when Decimal is set.
	Units []Unit
	// Columns are the Chinese labels of the values, for messages and the
	// skeleton, when they are not the table's Columns (the 2019 Table 二,
	// whose bands each have their own column headings).
	Columns []string
}

// Unit is what one value of a data row holds.
type Unit int

const (
	Count  Unit = iota // a non-negative integer: documents, decisions, applications, cases
	Change             // a signed integer: 本年增/减 of the 2019 Table 二 (R6 allows it below 0)
	Amount             // a non-negative decimal, kept as written: 万元
)

// Unit returns what value col of the row holds.
func (d DataRow) Unit(col int) Unit {
	switch {
	case d.Decimal:
		return Amount
	case col >= 0 && col < len(d.Units):
		return d.Units[col]
	}
	return Count
}

// Table is one official table.
type Table struct {
	Number  int    // 2, 3 or 4
	Name    string // "表二"
	Rows    int    // grid rows
	Cols    int    // grid columns
	Weights []float64
	// HeadRows is how many leading rows form the head that repeats when the
	// table breaks across pages.
	HeadRows int
	// Keep lists row ranges [first, last] that must stay on one page
	// (Table 二's bands: the 第二十条 row, its header row and its data rows).
	Keep    [][2]int
	Cells   []Cell
	Data    []DataRow // the data rows bound in this table, in file order
	Columns []string  // the Chinese column labels of the data rows, for messages

	grid    *Grid
	sources []string
}

// DataRow returns the data row with the given key.
func (t *Table) DataRow(key string) (DataRow, bool) {
	for _, d := range t.Data {
		if d.Key == key {
			return d, true
		}
	}
	return DataRow{}, false
}

// Grid returns the table resolved to a full grid. It is built once when the
// format is registered.
func (t *Table) Grid() *Grid { return t.grid }

// Sources returns, for each cell of Cells, the report path of its data slot
// (Ref.Path) for a Value cell and "" for the others. It is built once when
// the format is registered and shared: callers must not change it.
func (t *Table) Sources() []string { return t.sources }

// cellSources builds Sources.
func cellSources(t *Table) []string {
	ss := make([]string, len(t.Cells))
	for i, c := range t.Cells {
		if c.Kind != Value {
			continue
		}
		row, _ := t.DataRow(c.Bind.Row)
		ss[i] = c.Bind.Path(row.Cols)
	}
	return ss
}

// Section is one of the six numbered parts of the report.
type Section struct {
	Number  string // "一"
	Heading string // "一、总体情况", always printed in this canonical form
	Key     string // the report field that holds its prose ("overview"), or ""
	Table   *Table // the table of 二/三/四, or nil
}

// Format is one version of the official format.
type Format struct {
	Version  string // "2021"
	Source   string // the notice that published it
	Sections []Section
}

// Table returns the table with the given number (2, 3 or 4), or nil.
func (f *Format) Table(n int) *Table {
	for _, s := range f.Sections {
		if s.Table != nil && s.Table.Number == n {
			return s.Table
		}
	}
	return nil
}

// Tables returns the tables in section order.
func (f *Format) Tables() []*Table {
	var ts []*Table
	for _, s := range f.Sections {
		if s.Table != nil {
			ts = append(ts, s.Table)
		}
	}
	return ts
}

var formats = map[string]*Format{}

// register resolves every table of f and adds it to the known formats. The
// formats are static data: a resolution error is a bug caught by the tests,
// so it panics at init.
func register(f *Format) *Format {
	for _, t := range f.Tables() {
		g, err := resolve(t)
		if err != nil {
			panic(fmt.Sprintf("form %s: %v", f.Version, err))
		}
		t.grid = g
		t.sources = cellSources(t)
	}
	formats[f.Version] = f
	return f
}

// Lookup returns the format with the given version.
func Lookup(version string) (*Format, bool) {
	f, ok := formats[version]
	return f, ok
}

// Versions lists the known format versions, sorted.
func Versions() []string {
	vs := make([]string, 0, len(formats))
	for v := range formats {
		vs = append(vs, v)
	}
	sort.Strings(vs)
	return vs
}

// Default is the version used when a report names none.
const Default = "2021"
