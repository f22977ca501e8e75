package form

import "testing"

// TestGridsCoverEverySlotOnce resolves every table of every format again and
// checks the grid invariants: every slot covered by exactly one cell, spans
// inside the grid, every data slot bound exactly once.
func TestGridsCoverEverySlotOnce(t *testing.T) {
	for _, v := range Versions() {
		f, _ := Lookup(v)
		for _, tb := range f.Tables() {
			g, err := resolve(tb)
			if err != nil {
				t.Fatalf("format %s %s: %v", v, tb.Name, err)
			}
			for r := 0; r < g.Rows; r++ {
				for c := 0; c < g.Cols; c++ {
					cell := g.Cell(r, c)
					if r < cell.Row || r >= cell.Row+cell.RowSpan || c < cell.Col || c >= cell.Col+cell.ColSpan {
						t.Errorf("%s: slot (%d,%d) points to cell %q at (%d,%d) that does not cover it", tb.Name, r, c, cell.Text, cell.Row, cell.Col)
					}
				}
			}
		}
	}
}

func TestTable2021Shapes(t *testing.T) {
	tests := []struct {
		table, rows, cols, head, values, data int
	}{
		{2, 14, 4, 0, 10, 6},
		{3, 28, 10, 3, 175, 25},
		{4, 4, 15, 3, 15, 3},
	}
	for _, tt := range tests {
		tb := V2021.Table(tt.table)
		values := 0
		for _, c := range tb.Cells {
			if c.Kind == Value {
				values++
			}
		}
		if tb.Rows != tt.rows || tb.Cols != tt.cols || tb.HeadRows != tt.head || values != tt.values || len(tb.Data) != tt.data {
			t.Errorf("表%d: rows %d cols %d head %d values %d data %d, want %d %d %d %d %d",
				tt.table, tb.Rows, tb.Cols, tb.HeadRows, values, len(tb.Data), tt.rows, tt.cols, tt.head, tt.values, tt.data)
		}
	}
}

// TestTable3TallCell checks the cell that official-format.md §4 describes:
// c1 spans 22 rows, from （一）予以公开 to （七）总计.
func TestTable3TallCell(t *testing.T) {
	g := V2021.Table(3).Grid()
	c := g.Cell(5, 0)
	if c.Text != "三、本年度办理结果" || c.RowSpan != 22 || !c.Vertical {
		t.Errorf("cell (5,0) = %q rowspan %d vertical %v, want 三、本年度办理结果 22 true", c.Text, c.RowSpan, c.Vertical)
	}
	if got := g.Cell(26, 1).Text; got != "（七）总计" {
		t.Errorf("cell (26,1) = %q, want （七）总计", got)
	}
	if got := g.Cell(9, 2).Text; got != "3.危及“三安全一稳定”" {
		t.Errorf("cell (9,2) = %q", got)
	}
}

func TestRefPath(t *testing.T) {
	if got := (Ref{3, "new", 2}).Path(7); got != "table3.new[2]" {
		t.Errorf("Path = %q", got)
	}
	if got := (Ref{2, "fees", 0}).Path(1); got != "table2.fees" {
		t.Errorf("Path = %q", got)
	}
}
