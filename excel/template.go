// Package excel reads and writes the workbooks that offices keep their
// report figures in: the fill-in workbook of one report (`nianbao init
// --xlsx`: Tables 二–四 as the official grids and a sheet of basic facts),
// and the roll-up workbook of a 政务公开办, one row per bureau.
//
// A value read from a workbook carries its cell as position ("表三!D12"), so
// the findings of report.Validate point into the workbook. The prose of a
// report is not in a workbook: it stays in the .docx or .yaml beside it
// (package source joins the two). The package owns no rule and no output
// but workbooks.
package excel

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/report"
)

// BasicSheet is the sheet of basic facts; its rows are basicRows.
const BasicSheet = "基本信息"

// basicRows are the labels of column A of BasicSheet, with the report field
// each fills.
var basicRows = []struct{ label, field string }{
	{"机关名称", "agency"},
	{"年度", "year"},
	{"格式版本", "format"},
	{"联系部门", "contact.office"},
	{"地址", "contact.address"},
	{"邮编", "contact.postcode"},
	{"电话", "contact.phone"},
	{"电子邮箱", "contact.email"},
	{"网址", "contact.website"},
	{"落款机关", "closing.agency"},
	{"成文日期", "closing.date"},
}

// SheetName is the name of the sheet of table n: 表二, 表三, 表四.
func SheetName(n int) string { return "表" + [...]string{"", "", "二", "三", "四"}[n] }

// firstRow is the worksheet row of the grid's first row: row 1 holds the
// table's heading.
const firstRow = 2

// CellName is the worksheet cell of grid slot (row, col) of a table: "D12".
func CellName(row, col int) string {
	name, _ := excelize.CoordinatesToCellName(col+1, row+firstRow)
	return name
}

// Template returns the fill-in workbook of a report in format f: a sheet of
// basic facts and one sheet per table with the official grid (merged cells,
// shaded heads, labels locked, whole-number validation on count cells,
// formulas in the 总计 cells). The sheets are protected without a password,
// so that only the value cells can be typed in.
func Template(f *form.Format, agency string, year int) ([]byte, error) {
	x := excelize.NewFile()
	defer x.Close()
	st, err := newStyles(x)
	if err != nil {
		return nil, err
	}
	if err := x.SetSheetName("Sheet1", BasicSheet); err != nil {
		return nil, err
	}
	if err := basicSheet(x, st, f, agency, year); err != nil {
		return nil, err
	}
	for _, t := range f.Tables() {
		if err := tableSheet(x, st, f, t); err != nil {
			return nil, err
		}
	}
	x.SetActiveSheet(0)
	var b bytes.Buffer
	if _, err := x.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

type styles struct {
	head, label, value, signed, total, title, note int
}

func newStyles(x *excelize.File) (*styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	font := &excelize.Font{Family: "宋体", Size: 10.5}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	left := &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}
	gray := excelize.Fill{Type: "pattern", Color: []string{"D9D9D9"}, Pattern: 1}
	light := excelize.Fill{Type: "pattern", Color: []string{"F2F2F2"}, Pattern: 1}
	var s styles
	var err error
	mk := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = x.NewStyle(st)
		return id
	}
	s.head = mk(&excelize.Style{Border: border, Font: &excelize.Font{Family: "黑体", Size: 10.5}, Alignment: center, Fill: gray, Protection: &excelize.Protection{Locked: true}})
	s.label = mk(&excelize.Style{Border: border, Font: font, Alignment: left, Protection: &excelize.Protection{Locked: true}})
	s.value = mk(&excelize.Style{Border: border, Font: font, Alignment: center, Protection: &excelize.Protection{Locked: false}})
	s.total = mk(&excelize.Style{Border: border, Font: font, Alignment: center, Fill: light, Protection: &excelize.Protection{Locked: true}})
	plus := "+0;-0;0"
	s.signed = mk(&excelize.Style{Border: border, Font: font, Alignment: center, CustomNumFmt: &plus, Protection: &excelize.Protection{Locked: false}})
	s.title = mk(&excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 14}, Alignment: &excelize.Alignment{Vertical: "center"}, Protection: &excelize.Protection{Locked: true}})
	s.note = mk(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 10, Color: "595959"}, Alignment: left, Protection: &excelize.Protection{Locked: true}})
	return &s, err
}

// protect locks a sheet; unlocked cells stay editable. No password: the
// lock keeps labels from being changed by mistake, not a secret.
func protect(x *excelize.File, sheet string) error {
	return x.ProtectSheet(sheet, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true,
	})
}

func basicSheet(x *excelize.File, st *styles, f *form.Format, agency string, year int) error {
	s := BasicSheet
	set := func(cell string, v any, style int) {
		x.SetCellValue(s, cell, v)
		x.SetCellStyle(s, cell, cell, style)
	}
	set("A1", "项目", st.head)
	set("B1", "内容", st.head)
	for i, b := range basicRows {
		row := i + 2
		set(fmt.Sprintf("A%d", row), b.label, st.label)
		var v any = ""
		switch b.field {
		case "agency":
			v = agency
		case "year":
			v = year
		case "format":
			v = f.Version
		case "closing.agency":
			v = agency
		case "closing.date":
			v = fmt.Sprintf("%d年1月31日", year+1)
		}
		set(fmt.Sprintf("B%d", row), v, st.value)
	}
	note := len(basicRows) + 3
	x.SetCellValue(s, fmt.Sprintf("A%d", note), "说明：在“表二”“表三”“表四”的白色格中填数字，没有的填 0，不要留空（空白不等于 0）；灰色的总计格自动求和。"+
		"正文（一、五、六部分）写在与本工作簿同名的 .docx 或 .yaml 文件中，nianbao 会一并读取。")
	x.MergeCell(s, fmt.Sprintf("A%d", note), fmt.Sprintf("B%d", note))
	x.SetCellStyle(s, fmt.Sprintf("A%d", note), fmt.Sprintf("B%d", note), st.note)
	x.SetRowHeight(s, note, 60)
	x.SetColWidth(s, "A", "A", 14)
	x.SetColWidth(s, "B", "B", 48)
	dv := excelize.NewDataValidation(true)
	dv.Sqref = "B3"
	if err := dv.SetRange(2008, 2100, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "年度", "请填四位数字的年度，如 2021")
	if err := x.AddDataValidation(s, dv); err != nil {
		return err
	}
	return protect(x, s)
}

// totals are the formulas of the 总计 cells of a table: by grid slot, the
// formula (without =).
func totals(f *form.Format, t *form.Table) map[[2]int]string {
	// The grid slot of each bound value.
	at := map[form.Ref][2]int{}
	for _, c := range t.Cells {
		if c.Kind == form.Value {
			at[c.Bind] = [2]int{c.Row, c.Col}
		}
	}
	out := map[[2]int]string{}
	sumRow := func(d form.DataRow) {
		first := at[form.Ref{Table: t.Number, Row: d.Key, Col: 0}]
		last := at[form.Ref{Table: t.Number, Row: d.Key, Col: d.Cols - 2}]
		out[at[form.Ref{Table: t.Number, Row: d.Key, Col: d.Cols - 1}]] = fmt.Sprintf("SUM(%s:%s)", CellName(first[0], first[1]), CellName(last[0], last[1]))
	}
	switch t.Number {
	case 3:
		for _, d := range t.Data {
			sumRow(d)
		}
		// （七）总计 = （一）…（六）, column by column.
		var from, to string
		for i, d := range t.Data {
			switch d.Key {
			case "disclosed":
				from = d.Key
			case "total":
				to = t.Data[i-1].Key
			}
		}
		for k := 0; k < 6; k++ {
			a := at[form.Ref{Table: 3, Row: from, Col: k}]
			b := at[form.Ref{Table: 3, Row: to, Col: k}]
			out[at[form.Ref{Table: 3, Row: "total", Col: k}]] = fmt.Sprintf("SUM(%s:%s)", CellName(a[0], a[1]), CellName(b[0], b[1]))
		}
	case 4:
		for _, d := range t.Data {
			sumRow(d)
		}
	}
	return out
}

func tableSheet(x *excelize.File, st *styles, f *form.Format, t *form.Table) error {
	s := SheetName(t.Number)
	if _, err := x.NewSheet(s); err != nil {
		return err
	}
	heading := ""
	for _, sec := range f.Sections {
		if sec.Table == t {
			heading = sec.Heading
		}
	}
	x.SetCellValue(s, "A1", heading)
	x.SetCellStyle(s, "A1", "A1", st.title)
	x.MergeCell(s, "A1", CellName(-1, t.Cols-1))
	x.SetRowHeight(s, 1, 28)
	sums := totals(f, t)
	var counts, signed, amounts []string
	for _, c := range t.Cells {
		from, to := CellName(c.Row, c.Col), CellName(c.Row+c.RowSpan-1, c.Col+c.ColSpan-1)
		if from != to {
			if err := x.MergeCell(s, from, to); err != nil {
				return err
			}
		}
		style := st.label
		switch c.Kind {
		case form.Header, form.Band:
			style = st.head
			x.SetCellValue(s, from, c.Text)
		case form.Label:
			x.SetCellValue(s, from, c.Text)
		case form.Value:
			style = st.value
			if formula, ok := sums[[2]int{c.Row, c.Col}]; ok {
				style = st.total
				x.SetCellFormula(s, from, formula)
				break
			}
			x.SetCellValue(s, from, 0)
			d, _ := t.DataRow(c.Bind.Row)
			switch d.Unit(c.Bind.Col) {
			case form.Change:
				signed = append(signed, from)
				style = st.signed
			case form.Amount:
				amounts = append(amounts, from)
				x.SetCellValue(s, from, "0")
			default:
				counts = append(counts, from)
			}
		}
		if c.Kind == form.Label && c.Vertical {
			// 三、本年度办理结果 reads top to bottom.
			v, _ := x.NewStyle(&excelize.Style{Border: []excelize.Border{
				{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
				{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}},
				Font: &excelize.Font{Family: "宋体", Size: 10.5}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", TextRotation: 255, WrapText: true},
				Protection: &excelize.Protection{Locked: true}})
			style = v
		}
		x.SetCellStyle(s, from, to, style)
	}
	for _, v := range []struct {
		cells    []string
		min, max any
		kind     excelize.DataValidationType
		msg      string
	}{
		{counts, 0, 1000000000000, excelize.DataValidationTypeWhole, "请填 0 或正整数（件数），没有的填 0"},
		{signed, -1000000000000, 1000000000000, excelize.DataValidationTypeWhole, "请填整数（本年增/减可为负数）"},
		{amounts, 0, 1e12, excelize.DataValidationTypeDecimal, "请填非负数（单位：万元），可含小数"},
	} {
		if len(v.cells) == 0 {
			continue
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = strings.Join(v.cells, " ")
		if err := dv.SetRange(v.min, v.max, v.kind, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "数字", v.msg)
		if err := x.AddDataValidation(s, dv); err != nil {
			return err
		}
	}
	widths := map[int][]float64{
		2: {20, 14, 14, 14},
		3: {5, 10, 34, 8, 8, 8, 8, 8, 8, 8},
	}
	if w, ok := widths[t.Number]; ok && len(w) == t.Cols {
		for k, cw := range w {
			col, _ := excelize.ColumnNumberToName(k + 1)
			x.SetColWidth(s, col, col, cw)
		}
	} else {
		last, _ := excelize.ColumnNumberToName(t.Cols)
		x.SetColWidth(s, "A", last, 9)
	}
	rowHeights(x, s, t)
	noteCell := CellName(t.Rows+1, 0)
	x.SetCellValue(s, noteCell, "白色格填数字，没有的填 0；灰色的总计格自动求和。表下注写在 .docx 或 .yaml 中。")
	x.MergeCell(s, noteCell, CellName(t.Rows+1, t.Cols-1))
	x.SetCellStyle(s, noteCell, CellName(t.Rows+1, t.Cols-1), st.note)
	// Printed on A4, one page wide: landscape for the wide Tables 三 and 四.
	orient, one, zero, fit, a4 := "portrait", 1, 0, true, 9
	if t.Cols > 5 {
		orient = "landscape"
	}
	if err := x.SetPageLayout(s, &excelize.PageLayoutOptions{Size: &a4, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	if err := x.SetSheetProps(s, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return protect(x, s)
}

// rowHeights makes each grid row tall enough for its wrapped label texts:
// a CJK character takes about two units of column width, a line 15 points.
func rowHeights(x *excelize.File, sheet string, t *form.Table) {
	lines := make([]int, t.Rows)
	for _, c := range t.Cells {
		if c.Text == "" || c.Vertical {
			continue
		}
		width := 0.0
		for k := c.Col; k < c.Col+c.ColSpan; k++ {
			col, _ := excelize.ColumnNumberToName(k + 1)
			w, _ := x.GetColWidth(sheet, col)
			width += w
		}
		need := int(2*float64(utf8.RuneCountInString(c.Text))/(width-1)) + 1
		per := (need + c.RowSpan - 1) / c.RowSpan
		for r := c.Row; r < c.Row+c.RowSpan; r++ {
			lines[r] = max(lines[r], per)
		}
	}
	for r, n := range lines {
		x.SetRowHeight(sheet, r+firstRow, float64(max(n, 1))*15+3)
	}
}

// placeOf is the position of a cell of a sheet: "表三!D12".
func placeOf(file, sheet, cell string, order int) report.Pos {
	col, row, _ := excelize.CellNameToCoordinates(cell)
	return report.Pos{File: file, Line: order*100000 + row, Col: col, Place: sheet + "!" + cell}
}
