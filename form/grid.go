package form

import "fmt"

// Grid is a table resolved to a full grid: every slot points to the cell
// that covers it (Typst's Entry::Merged { parent }).
type Grid struct {
	Table *Table
	Rows  int
	Cols  int
	slots []int // Rows*Cols indices into Table.Cells
}

// At returns the index in Table.Cells of the cell that covers slot (row,
// col), and whether the slot is that cell's top-left origin.
func (g *Grid) At(row, col int) (cell int, origin bool) {
	i := g.slots[row*g.Cols+col]
	c := &g.Table.Cells[i]
	return i, c.Row == row && c.Col == col
}

// Cell returns the cell that covers slot (row, col).
func (g *Grid) Cell(row, col int) *Cell {
	i, _ := g.At(row, col)
	return &g.Table.Cells[i]
}

// resolve fills in default spans, checks that every slot is covered exactly
// once and spans stay inside the grid, and that every data slot is bound
// exactly once.
func resolve(t *Table) (*Grid, error) {
	if t.Rows <= 0 || t.Cols <= 0 {
		return nil, fmt.Errorf("%s: empty grid %d×%d", t.Name, t.Rows, t.Cols)
	}
	if len(t.Weights) != t.Cols {
		return nil, fmt.Errorf("%s: %d column weights for %d columns", t.Name, len(t.Weights), t.Cols)
	}
	g := &Grid{Table: t, Rows: t.Rows, Cols: t.Cols, slots: make([]int, t.Rows*t.Cols)}
	for i := range g.slots {
		g.slots[i] = -1
	}
	bound := map[Ref]bool{}
	for i := range t.Cells {
		c := &t.Cells[i]
		if c.RowSpan == 0 {
			c.RowSpan = 1
		}
		if c.ColSpan == 0 {
			c.ColSpan = 1
		}
		if c.Row < 0 || c.Col < 0 || c.Row+c.RowSpan > t.Rows || c.Col+c.ColSpan > t.Cols {
			return nil, fmt.Errorf("%s: cell %q at (%d,%d) span %d×%d leaves the %d×%d grid",
				t.Name, c.Text, c.Row, c.Col, c.RowSpan, c.ColSpan, t.Rows, t.Cols)
		}
		for r := c.Row; r < c.Row+c.RowSpan; r++ {
			for k := c.Col; k < c.Col+c.ColSpan; k++ {
				if j := g.slots[r*t.Cols+k]; j >= 0 {
					return nil, fmt.Errorf("%s: slot (%d,%d) covered by %q and %q", t.Name, r, k, t.Cells[j].Text, c.Text)
				}
				g.slots[r*t.Cols+k] = i
			}
		}
		if c.Kind == Value {
			if c.Bind.Table != t.Number {
				return nil, fmt.Errorf("%s: cell (%d,%d) binds to table %d", t.Name, c.Row, c.Col, c.Bind.Table)
			}
			d, ok := t.DataRow(c.Bind.Row)
			if !ok || c.Bind.Col < 0 || c.Bind.Col >= d.Cols {
				return nil, fmt.Errorf("%s: cell (%d,%d) binds to unknown slot %v", t.Name, c.Row, c.Col, c.Bind)
			}
			if bound[c.Bind] {
				return nil, fmt.Errorf("%s: slot %v bound twice", t.Name, c.Bind)
			}
			bound[c.Bind] = true
		}
	}
	for i, s := range g.slots {
		if s < 0 {
			return nil, fmt.Errorf("%s: slot (%d,%d) not covered", t.Name, i/t.Cols, i%t.Cols)
		}
	}
	for _, d := range t.Data {
		for k := 0; k < d.Cols; k++ {
			if ref := (Ref{t.Number, d.Key, k}); !bound[ref] {
				return nil, fmt.Errorf("%s: slot %v not bound to any cell", t.Name, ref)
			}
		}
	}
	return g, nil
}
