package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"github.com/nianbao/nianbao/form"
)

// tableKeys are the keys of table n in the file: its data rows, then notes.
func tableKeys(t *form.Table) []string {
	keys := make([]string, 0, len(t.Data)+1)
	for _, d := range t.Data {
		keys = append(keys, d.Key)
	}
	return append(keys, "notes")
}

// rowLabel is "表三 一、本年新收政府信息公开申请数量", the subject of messages.
func rowLabel(t *form.Table, key string) string {
	row, _ := t.DataRow(key)
	return t.Name + " " + row.Label
}

// colLabel is the Chinese heading of column col of a data row.
func colLabel(t *form.Table, row form.DataRow, col int) string {
	switch {
	case col >= 0 && col < len(row.Columns):
		return row.Columns[col]
	case t.Number == 2 && row.Decimal:
		return "本年收费金额（单位：万元）"
	case t.Number == 2 && row.Cols == 1:
		return "本年处理决定数量"
	case col >= 0 && col < len(t.Columns):
		return t.Columns[col]
	}
	return strconv.Itoa(col + 1)
}

func (d *decoder) tableFields(n ast.Node, t *form.Table) map[string]field {
	d.r.SetPos(tablePaths[t.Number], d.pos(n))
	keys := tableKeys(t)
	if t == form.V2021.Table(3) {
		keys = append(keys, oneRowOther) // see oneRowOther
	}
	fs, _ := d.fieldsHint(n, d.tableName(t), keys, func(key string) string { return d.otherFormatKey(t, key) })
	return fs
}

// oneRowOther is the key of a single （六）其他处理 row in a 2021 Table 三:
// many real 2021-format reports print （六） as one row, as the 2019 trial
// format did (published 05, 洪泽区 2023). Such a report is read as 2021 with
// a warning; the row's values are the sum of （六）1–3 and are kept in
// （六）3.其他 (other_other), where the 2019 format stores its one row too
// (see Table3), while （六）1 and 2 print blank: the file does not give them.
const oneRowOther = "other"

// oneRowOtherRow is the row oneRowOther as read.
var oneRowOtherRow = form.DataRow{Key: oneRowOther, Label: "（六）其他处理", Cols: 7}

// tablePaths are the paths of the tables by number.
var tablePaths = [...]string{2: "table2", 3: "table3", 4: "table4"}

// table3OneRowOther reads a 2021 Table 三 whose （六）其他处理 is one row.
// It returns false when the table has the three rows of 2021 instead.
func (d *decoder) table3OneRowOther(fs map[string]field, t *form.Table) bool {
	f, ok := fs[oneRowOther]
	if !ok {
		return false
	}
	var both []string
	for _, key := range []string{"other_no_correction", "other_no_fee", "other_other"} {
		if _, dup := fs[key]; dup {
			both = append(both, key)
		}
	}
	if len(both) > 0 {
		d.errorf(f.kpos, "", "表三 （六）其他处理 既有一行合计“other”，又有分项“%s”：请只用一种写法（2021 格式分三行：other_no_correction、other_no_fee、other_other）",
			strings.Join(both, "、"))
		return true
	}
	rows := &d.r.Table3.Rows
	d.row(f, t, oneRowOtherRow, rows[22][:], true)
	d.r.SetPos("table3.other_other", d.r.Pos("table3.other"))
	for k := range 7 {
		d.r.SetPos(fmt.Sprintf("table3.other_other[%d]", k), d.r.Pos(fmt.Sprintf("table3.other[%d]", k)))
	}
	for i := 20; i < 22; i++ {
		for k := range rows[i] {
			rows[i][k] = Count{Blank: true}
		}
	}
	d.r.OneRowOther = true
	d.warnf(f.kpos, "表三 （六）其他处理 只有一行“other”（2019 试行格式的写法）：已按 2021 格式读取，合计计入 （六）3.其他，（六）1、2 留空；如能区分，请分别填写 other_no_correction、other_no_fee、other_other")
	return true
}

// tableName is "表二", or "2019 格式的表二" when the report is not in the
// default format, so that a message about the table's keys names the format.
func (d *decoder) tableName(t *form.Table) string {
	if f := d.r.form(); f.Version != form.Default {
		return f.Version + " 格式的" + t.Name
	}
	return t.Name
}

// otherFormatKey explains an unknown key of table t that is a row of the
// same table in another format: "2019 格式的表三没有“other_no_fee”（2021
// 格式的 （六）其他处理 2.…）", with where the value goes instead. It returns
// "" for a key of no format.
func (d *decoder) otherFormatKey(t *form.Table, key string) string {
	this := d.r.form()
	for _, v := range form.Versions() {
		f, _ := form.Lookup(v)
		ot := f.Table(t.Number)
		if f == this || ot == nil {
			continue
		}
		row, ok := ot.DataRow(key)
		if !ok {
			continue
		}
		msg := fmt.Sprintf("%s没有“%s”（%s 格式的%s）", d.tableName(t), key, v, row.Label)
		switch {
		case t.Number == 3 && strings.HasPrefix(key, "other_"):
			msg += "；2019 格式的（六）其他处理只有一行，三项之和填在“other”"
		case t.Number == 3 && key == "other":
			msg += "；2021 格式的（六）其他处理分三行：other_no_correction、other_no_fee、other_other"
		}
		switch {
		case v != form.Default && this.Version == form.Default && d.r.Year > lastYear2019:
			// The 2019 trial format ended with the 2020 reports: a 2021
			// report with a 2019 row is to be rewritten, not relabelled.
			msg += fmt.Sprintf("；%d年度的报告应按 2021 格式（%s）填写%s", d.r.Year, form.V2021.Source, t.Name)
		case v != form.Default && this.Version == form.Default:
			msg += fmt.Sprintf("；按 %s 格式填写的报告请写 format: \"%s\"", v, v)
		}
		return msg
	}
	return ""
}

// missingRow reports a row left out of a table: blank is not 0 (R6), so a
// row that is left out is not taken as zeros either.
func (d *decoder) missingRow(n ast.Node, t *form.Table, key string) {
	row, _ := t.DataRow(key)
	d.errorf(d.pos(n), "", "%s 缺少“%s”（%s）；没有数字请填 0", d.tableName(t), key, row.Label)
}

func (d *decoder) notes(fs map[string]field, table int) []string {
	f, ok := fs["notes"]
	if !ok {
		return nil
	}
	return d.strs(f.value, fmt.Sprintf("table%d.notes", table), "表下注")
}

func (d *decoder) table2(n ast.Node) {
	if d.r.is2019() {
		d.table2v2019(n)
		return
	}
	t := form.V2021.Table(2)
	fs := d.tableFields(n, t)
	if fs == nil {
		return
	}
	t2 := &d.r.Table2
	for _, row := range t.Data {
		f, ok := fs[row.Key]
		if !ok {
			d.missingRow(n, t, row.Key)
			continue
		}
		switch row.Key {
		case "regulations":
			d.row(f, t, row, t2.Regulations[:], false)
		case "normative_documents":
			d.row(f, t, row, t2.NormativeDocuments[:], false)
		case "licensing":
			t2.Licensing = d.cell(f.value, t, row, 0)
		case "penalties":
			t2.Penalties = d.cell(f.value, t, row, 0)
		case "enforcement":
			t2.Enforcement = d.cell(f.value, t, row, 0)
		case "fees":
			t2.Fees = d.amount(f.value, t, row, 0)
		}
	}
	t2.Notes = d.notes(fs, 2)
}

// table2v2019 decodes Table 二 of the 2019 trial format: every row a list,
// 本年增/减 signed, 采购总金额 an amount.
func (d *decoder) table2v2019(n ast.Node) {
	t := form.V2019.Table(2)
	fs := d.tableFields(n, t)
	if fs == nil {
		return
	}
	t2 := &d.r.Table2v2019
	rows := t2.rows()
	for _, row := range t.Data {
		f, ok := fs[row.Key]
		if !ok {
			d.missingRow(n, t, row.Key)
			continue
		}
		if row.Key == "procurement" {
			if vs := d.list(f, t, row, false); vs != nil {
				t2.Procurement.Projects = d.cell(vs[0], t, row, 0)
				t2.Procurement.Amount = d.amount(vs[1], t, row, 1)
			}
			continue
		}
		d.row(f, t, row, rows[row.Key], false)
	}
	t2.Notes = d.notes(fs, 2)
}

func (d *decoder) table3(n ast.Node) {
	t := d.r.form().Table(3)
	fs := d.tableFields(n, t)
	if fs == nil {
		return
	}
	t3 := &d.r.Table3
	oneRow := t == form.V2021.Table(3) && d.table3OneRowOther(fs, t)
	for _, row := range t.Data {
		i := d.r.rowIndex(3, row.Key)
		if oneRow && strings.HasPrefix(row.Key, "other_") {
			continue
		}
		f, ok := fs[row.Key]
		if !ok && row.Key == "total" {
			// （七）总计 left out: Complete computes it (R2).
			for k := range t3.Rows[i] {
				t3.Rows[i][k].Computed = true
			}
			continue
		}
		if !ok {
			d.missingRow(n, t, row.Key)
			continue
		}
		d.row(f, t, row, t3.Rows[i][:], true)
	}
	t3.Notes = d.notes(fs, 3)
}

func (d *decoder) table4(n ast.Node) {
	t := d.r.form().Table(4)
	fs := d.tableFields(n, t)
	if fs == nil {
		return
	}
	t4 := &d.r.Table4
	for _, row := range t.Data {
		i := d.r.rowIndex(4, row.Key)
		f, ok := fs[row.Key]
		if !ok {
			d.missingRow(n, t, row.Key)
			continue
		}
		d.row(f, t, row, t4.Rows[i][:], true)
	}
	t4.Notes = d.notes(fs, 4)
}

// row decodes a list of counts into dst. When total is set, the last value
// (总计) may be left out; it is then marked Computed.
func (d *decoder) row(f field, t *form.Table, row form.DataRow, dst []Count, total bool) {
	vs := d.list(f, t, row, total)
	for k, v := range vs {
		dst[k] = d.cell(v, t, row, k)
	}
	if vs != nil && len(vs) < row.Cols {
		dst[row.Cols-1] = Count{Computed: true}
	}
}

// list returns the values of a data row, or nil after reporting a value
// that is not a list of row.Cols values (or one fewer, when total is set).
func (d *decoder) list(f field, t *form.Table, row form.DataRow, total bool) []ast.Node {
	rowSlot, _ := rowSlots(t, row)
	d.r.setSlot(rowSlot, d.pos(f.value))
	seq, ok := unwrap(f.value).(*ast.SequenceNode)
	want := func() string {
		cols := make([]string, row.Cols)
		for k := range cols {
			cols[k] = colLabel(t, row, k)
		}
		if total {
			return fmt.Sprintf("%d 个数（%s；总计可省略）", row.Cols, strings.Join(cols, "、"))
		}
		return fmt.Sprintf("%d 个数（%s）", row.Cols, strings.Join(cols, "、"))
	}
	if !ok {
		d.errorf(d.pos(f.value), "", "%s: 应为 %s，写成 [0, 0, …]，实为%s", rowLabel(t, row.Key), want(), describe(f.value))
		return nil
	}
	n := len(seq.Values)
	if n != row.Cols && !(total && n == row.Cols-1) {
		// "[1, 0, 0，1, 2]": the count is wrong because two cells ran
		// together; say so where it happened instead of counting.
		for k, v := range seq.Values {
			text, _ := scalar(v)
			if _, err := ParseCount(text); err != nil {
				if ce, ok := err.(*CellError); ok && len(ce.Numbers) > 1 && k < row.Cols {
					d.cellError(d.pos(v), t, row, k, fmt.Sprintf("%s: %s", rowLabel(t, row.Key), colLabel(t, row, k)), err)
					return nil
				}
			}
		}
		d.errorf(d.pos(f.value), "", "%s: 应有 %s，实有 %d 个", rowLabel(t, row.Key), want(), n)
		return nil
	}
	if n == 0 {
		return []ast.Node{}
	}
	return seq.Values
}

// cell decodes one count: an integer, null or a blank text (a blank cell,
// reported by Validate under R6), or a string by the grammar of ParseCount
// ("22（其中修订16件）", "４６"). The text is read as written in the file, so
// that a YAML integer such as 0x10 or 1_000 is refused, not converted.
func (d *decoder) cell(n ast.Node, t *form.Table, row form.DataRow, col int) Count {
	p := d.pos(n)
	_, slots := rowSlots(t, row)
	d.r.setSlot(slots[col], p)
	subject := func() string { return fmt.Sprintf("%s: %s", rowLabel(t, row.Key), colLabel(t, row, col)) }
	text, ok := scalar(n)
	if _, isBool := unwrap(n).(*ast.BoolNode); !ok || isBool {
		d.errorf(p, "", "%s 应为整数，实为%s", subject(), quoteValue(n))
		return Count{}
	}
	d.control(n, text, subject)
	parse := ParseCount
	if row.Unit(col) == form.Change {
		parse = ParseChange
	}
	c, err := parse(text)
	if err != nil {
		d.cellError(p, t, row, col, subject(), err)
		return Count{}
	}
	return c
}

// cellError reports a cell that does not follow the grammar; when the text
// looks like several numbers run together, it says which columns the extra
// ones belong to.
func (d *decoder) cellError(p Pos, t *form.Table, row form.DataRow, col int, subject string, err error) {
	ce, ok := err.(*CellError)
	if !ok {
		d.errorf(p, "", "%s %v", subject, err)
		return
	}
	msg := subject + " " + ce.Message
	if len(ce.Numbers) > 1 {
		var extra []string
		for i, num := range ce.Numbers[1:] {
			k := col + 1 + i
			if k < row.Cols && row.Cols > 1 {
				extra = append(extra, fmt.Sprintf("“%s”应属于下一列“%s”", num, colLabel(t, row, k)))
			} else {
				extra = append(extra, fmt.Sprintf("“%s”多出（本行只有 %d 列）", num, row.Cols))
			}
		}
		msg += "；" + strings.Join(extra, "，")
	}
	d.errorf(p, ce.Rule, "%s", msg)
}

// amount decodes value col of a row of amounts (行政事业性收费 of 2021,
// 采购总金额 of 2019) by the grammar of ParseAmount: a non-negative decimal
// with at most 4 places, kept as written, optionally followed by 万元 or a
// note ("25.1万元").
func (d *decoder) amount(n ast.Node, t *form.Table, row form.DataRow, col int) Amount {
	p := d.pos(n)
	_, slots := rowSlots(t, row)
	d.r.setSlot(slots[col], p)
	subject := func() string { return fmt.Sprintf("%s: %s", rowLabel(t, row.Key), colLabel(t, row, col)) }
	text, ok := scalar(n)
	if _, isBool := unwrap(n).(*ast.BoolNode); !ok || isBool {
		d.errorf(p, "", "%s 应为数字，实为%s", subject(), quoteValue(n))
		return Amount{}
	}
	d.control(n, text, subject)
	a, err := ParseAmount(text)
	if err != nil {
		d.cellError(p, t, row, col, subject(), err)
		return Amount{}
	}
	return a
}
