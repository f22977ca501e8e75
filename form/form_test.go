package form

import (
	"fmt"
	"testing"
)

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

func TestTableShapes(t *testing.T) {
	tests := []struct {
		format                                *Format
		table, rows, cols, head, values, data int
	}{
		{V2021, 2, 14, 4, 0, 10, 6},
		{V2021, 3, 28, 10, 3, 175, 25},
		{V2021, 4, 4, 15, 3, 15, 3},
		{V2019, 2, 18, 5, 0, 22, 8},
		{V2019, 3, 26, 10, 3, 161, 23},
		{V2019, 4, 4, 15, 3, 15, 3},
	}
	for _, tt := range tests {
		tb := tt.format.Table(tt.table)
		values := 0
		for _, c := range tb.Cells {
			if c.Kind == Value {
				values++
			}
		}
		if tb.Rows != tt.rows || tb.Cols != tt.cols || tb.HeadRows != tt.head || values != tt.values || len(tb.Data) != tt.data {
			t.Errorf("%s 表%d: rows %d cols %d head %d values %d data %d, want %d %d %d %d %d", tt.format.Version,
				tt.table, tb.Rows, tb.Cols, tb.HeadRows, values, len(tb.Data), tt.rows, tt.cols, tt.head, tt.values, tt.data)
		}
	}
}

// TestTable3TallCell checks the cell that official-format.md §4 describes:
// c1 spans the rows from （一）予以公开 to （七）总计, 22 in 2021 and 20 in
// the 2019 trial format, whose （六）其他处理 is one row.
func TestTable3TallCell(t *testing.T) {
	tests := []struct {
		format             *Format
		span, total, other int // c1's rowspan, the grid rows of （七）总计 and （六）其他处理
	}{
		{V2021, 22, 26, 23},
		{V2019, 20, 24, 23},
	}
	for _, tt := range tests {
		g := tt.format.Table(3).Grid()
		c := g.Cell(5, 0)
		if c.Text != "三、本年度办理结果" || c.RowSpan != tt.span || !c.Vertical {
			t.Errorf("%s: cell (5,0) = %q rowspan %d vertical %v, want 三、本年度办理结果 %d true", tt.format.Version, c.Text, c.RowSpan, c.Vertical, tt.span)
		}
		if got := g.Cell(tt.total, 1).Text; got != "（七）总计" {
			t.Errorf("%s: cell (%d,1) = %q, want （七）总计", tt.format.Version, tt.total, got)
		}
		if got := g.Cell(tt.other, 1).Text; got != "（六）其他处理" {
			t.Errorf("%s: cell (%d,1) = %q, want （六）其他处理", tt.format.Version, tt.other, got)
		}
		if got := g.Cell(9, 2).Text; got != "3.危及“三安全一稳定”" {
			t.Errorf("%s: cell (9,2) = %q", tt.format.Version, got)
		}
	}
	// 2019: （六）其他处理 is one row, its label spans c2–c3 and its values
	// bind to "other".
	g := V2019.Table(3).Grid()
	if c := g.Cell(23, 1); c.ColSpan != 2 || g.Cell(23, 3).Bind != (Ref{3, "other", 0}) {
		t.Errorf("2019 （六）其他处理: colspan %d, first value %v, want 2 and table3.other[0]", c.ColSpan, g.Cell(23, 3).Bind)
	}
}

// TestTable2v2019 checks the 2019 Table 二 row by row against the
// Shanghai 2019 report: the band, the column headings with their grid
// columns, and which values may be negative or decimal.
func TestTable2v2019(t *testing.T) {
	g := V2019.Table(2).Grid()
	rowText := func(r int) string {
		var s string
		for c := 0; c < g.Cols; c++ {
			cell := g.Cell(r, c)
			if cell.Col != c {
				continue
			}
			text := cell.Text
			if cell.Kind == Value {
				text = cell.Bind.Path(2)
			}
			s += fmt.Sprintf("|%s[%d]", text, cell.ColSpan)
		}
		return s
	}
	want := []string{
		"|第二十条第（一）项[5]",
		"|信息内容[1]|本年新制作数量[1]|本年新公开数量[2]|对外公开总数量[1]",
		"|规章[1]|table2.regulations[0][1]|table2.regulations[1][2]|table2.regulations[2][1]",
		"|规范性文件[1]|table2.normative_documents[0][1]|table2.normative_documents[1][2]|table2.normative_documents[2][1]",
		"|第二十条第（五）项[5]",
		"|信息内容[1]|上一年项目数量[1]|本年增/减[2]|处理决定数量[1]",
		"|行政许可[1]|table2.licensing[0][1]|table2.licensing[1][2]|table2.licensing[2][1]",
		"|其他对外管理服务事项[1]|table2.other_services[0][1]|table2.other_services[1][2]|table2.other_services[2][1]",
		"|第二十条第（六）项[5]",
		"|信息内容[1]|上一年项目数量[1]|本年增/减[2]|处理决定数量[1]",
		"|行政处罚[1]|table2.penalties[0][1]|table2.penalties[1][2]|table2.penalties[2][1]",
		"|行政强制[1]|table2.enforcement[0][1]|table2.enforcement[1][2]|table2.enforcement[2][1]",
		"|第二十条第（八）项[5]",
		"|信息内容[1]|上一年项目数量[2]|本年增/减[2]",
		"|行政事业性收费[1]|table2.fees[0][2]|table2.fees[1][2]",
		"|第二十条第（九）项[5]",
		"|信息内容[1]|采购项目数量[2]|采购总金额[2]",
		"|政府集中采购[1]|table2.procurement[0][2]|table2.procurement[1][2]",
	}
	for r := range g.Rows {
		if got := rowText(r); r >= len(want) || got != want[r] {
			t.Errorf("2019 表二 row %d = %s, want %s", r, got, want[min(r, len(want)-1)])
		}
	}
	units := map[string][]Unit{
		"regulations": {Count, Count, Count}, "licensing": {Count, Change, Count},
		"fees": {Count, Change}, "procurement": {Count, Amount},
	}
	for key, want := range units {
		row, _ := V2019.Table(2).DataRow(key)
		for k, u := range want {
			if got := row.Unit(k); got != u {
				t.Errorf("2019 表二 %s[%d] unit %d, want %d", key, k, got, u)
			}
		}
	}
	if fees, _ := V2021.Table(2).DataRow("fees"); fees.Unit(0) != Amount {
		t.Errorf("2021 表二 fees unit %d, want Amount", fees.Unit(0))
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
