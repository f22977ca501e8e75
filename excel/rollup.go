package excel

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/report"
)

// A roll-up workbook has one row per bureau under a header row. The header
// names accepted (RollupHeaders lists them for a format):
//
//   - 机关名称 (or 单位名称, 单位, 机关), 年度; 格式版本 may be given (2021 if not);
//   - one column per value of Tables 二–四, named "row·column": 规章·本年制发件数,
//     行政规范性文件·现行有效件数, 行政许可, 行政事业性收费（万元）,
//     一、本年新收政府信息公开申请数量·自然人, （三）不予公开 1.属于国家秘密·商业企业,
//     （七）总计·总计, 行政复议·结果维持, 行政诉讼 复议后起诉·总计;
//   - or the same in two header rows: the row label in the first (merged over
//     its columns) and the column label in the second;
//   - 序号, 备注, 联系人, 联系电话 are ignored. Any other column is refused.
//
// Spaces, full-width or half-width brackets and 其它/其他 do not matter.

// ignoredHeaders are columns a roll-up may have that hold no report value.
var ignoredHeaders = []string{"序号", "备注", "联系人", "联系电话", "电话", "填报人", "状态"}

// agencyHeaders name the agency column.
var agencyHeaders = []string{"机关名称", "单位名称", "单位", "机关"}

// slotHeader is the roll-up header of value col of data row d of table t.
func slotHeader(t *form.Table, d form.DataRow, col int) string {
	switch {
	case d.Cols == 1 && d.Decimal:
		return d.Label + "（万元）"
	case d.Cols == 1:
		return d.Label
	case col < len(d.Columns):
		return d.Label + "·" + d.Columns[col]
	}
	return d.Label + "·" + t.Columns[col]
}

// RollupHeaders lists the value columns of a roll-up workbook in format f,
// in table order, with the slot each fills.
func RollupHeaders(f *form.Format) ([]string, []form.Ref) {
	var hs []string
	var refs []form.Ref
	for _, t := range f.Tables() {
		for _, d := range t.Data {
			for k := 0; k < d.Cols; k++ {
				hs = append(hs, slotHeader(t, d, k))
				refs = append(refs, form.Ref{Table: t.Number, Row: d.Key, Col: k})
			}
		}
	}
	return hs, refs
}

// headerKey reduces a header for comparing.
func headerKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == ' ' || r == '\u3000' || r == '\t' || r == '\n' || r == '\r' || r == '\u00a0':
			continue
		case r >= '！' && r <= '～':
			r = r - '！' + '!'
		case r == '•' || r == '・':
			r = '·'
		}
		b.WriteRune(r)
	}
	return strings.ReplaceAll(b.String(), "其它", "其他")
}

// Rollup is one bureau's row of a roll-up workbook.
type Rollup struct {
	Row    int // the worksheet row, 1-based
	Report *report.Report
}

// ReadRollup reads every bureau's row of the roll-up workbook at path into a
// report without prose. A header it does not know, a missing column or a
// cell that is not a number is an error at its cell.
func ReadRollup(path string) ([]Rollup, error) {
	x, err := open(path)
	if err != nil {
		return nil, err
	}
	defer x.Close()
	sheet := x.GetSheetList()[0]
	rows, err := x.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, report.Findings{{Pos: report.Pos{File: path}, Message: "汇总表无法读取：" + err.Error()}}
	}
	var errs report.Findings
	errorf := func(cell string, format string, args ...any) {
		errs = append(errs, report.Finding{Pos: placeOf(path, sheet, cell, 0), Message: fmt.Sprintf(format, args...)})
	}
	// The header row: the first of the first ten with an agency column.
	head := -1
	for i := 0; i < len(rows) && i < 10 && head < 0; i++ {
		for _, c := range rows[i] {
			for _, h := range agencyHeaders {
				if headerKey(c) == h {
					head = i
				}
			}
		}
	}
	if head < 0 {
		return nil, report.Findings{{Pos: report.Pos{File: path, Place: sheet}, Message: "汇总表前 10 行中找不到表头“机关名称”（或“单位名称”）；每个单位一行，列名见 nianbao 的说明"}}
	}
	headers := append([]string(nil), rows[head]...)
	first := head + 1
	// A second header row: column labels under merged row labels.
	if head+1 < len(rows) && isSubHeader(rows[head+1]) {
		sub := rows[head+1]
		group := ""
		for k := 0; k < len(headers) || k < len(sub); k++ {
			h, s := "", ""
			if k < len(headers) {
				h = headers[k]
			}
			if k < len(sub) {
				s = sub[k]
			}
			if strings.TrimSpace(h) != "" {
				group = h
			}
			switch {
			case strings.TrimSpace(s) != "":
				h = group + "·" + s
			case strings.TrimSpace(h) == "":
				h = ""
			}
			if k < len(headers) {
				headers[k] = h
			} else {
				headers = append(headers, h)
			}
		}
		first = head + 2
	}
	format := form.V2021
	col := map[string]int{} // header key → column
	for k, h := range headers {
		if h = headerKey(h); h != "" {
			if _, dup := col[h]; dup {
				cell, _ := excelize.CoordinatesToCellName(k+1, head+1)
				errorf(cell, "列名“%s”重复", headers[k])
			}
			col[h] = k
		}
	}
	if k, ok := col["格式版本"]; ok && first < len(rows) && k < len(rows[first]) {
		if f, ok := form.Lookup(strings.TrimSpace(rows[first][k])); ok {
			format = f
		}
	}
	names, refs := RollupHeaders(format)
	slot := map[int]form.Ref{}
	known := map[string]bool{"年度": true, "格式版本": true}
	for _, h := range agencyHeaders {
		known[h] = true
	}
	for _, h := range ignoredHeaders {
		known[h] = true
	}
	var missing []string
	for i, n := range names {
		k, ok := col[headerKey(n)]
		if !ok {
			missing = append(missing, n)
			continue
		}
		slot[k] = refs[i]
		known[headerKey(n)] = true
	}
	for k, h := range headers {
		if key := headerKey(h); key != "" && !known[key] {
			cell, _ := excelize.CoordinatesToCellName(k+1, head+1)
			errorf(cell, "不认识的列“%s”；列名应为“行·列”，如“一、本年新收政府信息公开申请数量·自然人”", h)
		}
	}
	if len(missing) > 0 {
		more := ""
		if len(missing) > 5 {
			more = fmt.Sprintf(" 等 %d 列", len(missing))
			missing = missing[:5]
		}
		errorf("A1", "汇总表缺少列：%s%s；每个数字都要有一列（格式版本 %s）", strings.Join(missing, "、"), more, format.Version)
	}
	agencyCol, yearCol := -1, -1
	for _, h := range agencyHeaders {
		if k, ok := col[h]; ok && agencyCol < 0 {
			agencyCol = k
		}
	}
	if k, ok := col["年度"]; ok {
		yearCol = k
	} else {
		errorf("A1", "汇总表缺少列“年度”")
	}
	if errs.Errors() > 0 {
		errs.Sort()
		return nil, errs
	}
	var out []Rollup
	for i := first; i < len(rows); i++ {
		row := rows[i]
		get := func(k int) string {
			if k < len(row) {
				return strings.TrimSpace(row[k])
			}
			return ""
		}
		empty := true
		for _, c := range row {
			if strings.TrimSpace(c) != "" {
				empty = false
			}
		}
		if empty {
			continue
		}
		cellAt := func(k int) string {
			c, _ := excelize.CoordinatesToCellName(k+1, i+1)
			return c
		}
		agency := get(agencyCol)
		if agency == "" {
			errorf(cellAt(agencyCol), "这一行有数字却没有机关名称")
			continue
		}
		if agency == "合计" || agency == "总计" || agency == "汇总" {
			continue // a sums row of the workbook itself
		}
		r := &report.Report{File: path, Agency: agency, Format: format.Version}
		r.SetPos("agency", placeOf(path, sheet, cellAt(agencyCol), 0))
		r.SetPos("year", placeOf(path, sheet, cellAt(yearCol), 0))
		y, err := strconv.Atoi(get(yearCol))
		if err != nil {
			errorf(cellAt(yearCol), "年度“%s”应为四位数字，如 2021", get(yearCol))
		}
		r.Year = y
		for k, ref := range slot {
			pos := placeOf(path, sheet, cellAt(k), 0)
			if err := r.SetCell(ref, get(k), pos); err != nil {
				errorf(cellAt(k), "%s %s: %v", agency, headers[k], err)
			}
		}
		out = append(out, Rollup{Row: i + 1, Report: r})
	}
	if errs.Errors() > 0 {
		errs.Sort()
		return out, errs
	}
	return out, nil
}

// isSubHeader says whether a row holds column labels (the second of two
// header rows).
func isSubHeader(row []string) bool {
	for _, c := range row {
		switch headerKey(c) {
		case "自然人", "结果维持", "本年制发件数", "本年新制作数量":
			return true
		}
	}
	return false
}

// WriteRollup returns a roll-up workbook of the reports, one row per report,
// with the header names that ReadRollup reads (one header row).
func WriteRollup(f *form.Format, reports []*report.Report) ([]byte, error) {
	x := excelize.NewFile()
	defer x.Close()
	sheet := "汇总表"
	if err := x.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	names, refs := RollupHeaders(f)
	head := append([]any{"机关名称", "年度"}, toAny(names)...)
	if err := x.SetSheetRow(sheet, "A1", &head); err != nil {
		return nil, err
	}
	for i, r := range reports {
		c := *r
		report.Complete(&c)
		row := []any{c.Agency, c.Year}
		for _, ref := range refs {
			v, _ := c.Cell(ref)
			if n, err := strconv.ParseInt(v, 10, 64); err == nil {
				row = append(row, n)
			} else {
				row = append(row, v)
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := x.SetSheetRow(sheet, cell, &row); err != nil {
			return nil, err
		}
	}
	if err := x.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight"}); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if _, err := x.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
