package excel

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/report"
)

// MaxFileSize is the largest workbook read: a filled workbook is 20 KB, a
// roll-up of a thousand bureaus under 2 MB.
const MaxFileSize = 32 << 20

// open reads a workbook file.
func open(path string) (*excelize.File, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("excel: %w", err)
	}
	if fi.Size() > MaxFileSize {
		return nil, report.Findings{{Pos: report.Pos{File: path}, Message: fmt.Sprintf(
			"Excel 文件过大（%.1f MiB），上限为 %d MiB", float64(fi.Size())/(1<<20), MaxFileSize>>20)}}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("excel: %w", err)
	}
	x, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: 256 << 20, UnzipXMLSizeLimit: 64 << 20})
	if err != nil {
		return nil, report.Findings{{Pos: report.Pos{File: path}, Message: "不是 Excel 工作簿（.xlsx），无法打开；旧版 .xls 请在 Excel/WPS 中另存为 .xlsx"}}
	}
	return x, nil
}

// IsRollup says whether the workbook at path is a roll-up workbook (one row
// per bureau) rather than the fill-in workbook of one report.
func IsRollup(path string) bool {
	x, err := open(path)
	if err != nil {
		return false
	}
	defer x.Close()
	return isRollup(x)
}

func isRollup(x *excelize.File) bool {
	for _, s := range x.GetSheetList() {
		if s == SheetName(3) {
			return false
		}
	}
	return true
}

// ReadFile reads the fill-in workbook at path (as written by Template) into
// a report without prose. Errors are report.Findings at the cells.
func ReadFile(path string) (*report.Report, error) {
	x, err := open(path)
	if err != nil {
		return nil, err
	}
	defer x.Close()
	if isRollup(x) {
		return nil, report.Findings{{Pos: report.Pos{File: path}, Message: "这是汇总表（每行一个单位），不是一份年报的填报工作簿；请用 nianbao batch 读取"}}
	}
	rd := &reader{file: path, x: x, r: &report.Report{File: path}}
	rd.read()
	rd.errs.Sort()
	if rd.errs.Errors() > 0 {
		return rd.r, rd.errs
	}
	return rd.r, nil
}

type reader struct {
	file string
	x    *excelize.File
	r    *report.Report
	errs report.Findings
}

func (rd *reader) errorf(p report.Pos, format string, args ...any) {
	rd.errs = append(rd.errs, report.Finding{Pos: p, Severity: report.Error, Message: fmt.Sprintf(format, args...)})
}

// value is the text of a cell: what a formula computes, or the value as
// stored (not as formatted: 0.5 stays 0.5).
func (rd *reader) value(sheet, cell string) string {
	if f, _ := rd.x.GetCellFormula(sheet, cell); f != "" {
		if v, err := rd.x.CalcCellValue(sheet, cell, excelize.Options{RawCellValue: true}); err == nil {
			return v
		}
	}
	v, _ := rd.x.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	return v
}

func (rd *reader) read() {
	r := rd.r
	// Basic facts, found by their labels in column A.
	rows, err := rd.x.GetRows(BasicSheet)
	if err != nil {
		rd.errorf(report.Pos{File: rd.file}, "找不到工作表“%s”；请使用 nianbao init --xlsx 生成的工作簿", BasicSheet)
		return
	}
	facts := map[string]string{}
	for i, row := range rows {
		if len(row) == 0 {
			continue
		}
		label := strings.TrimSpace(row[0])
		for _, b := range basicRows {
			if label == b.label {
				cell := fmt.Sprintf("B%d", i+1)
				facts[b.field] = strings.TrimSpace(rd.value(BasicSheet, cell))
				r.SetPos(b.field, placeOf(rd.file, BasicSheet, cell, 0))
			}
		}
	}
	r.Agency = facts["agency"]
	if y := facts["year"]; y != "" {
		n, err := strconv.Atoi(y)
		if err != nil {
			rd.errorf(r.Pos("year"), "年度“%s”应为四位数字，如 2021", y)
		}
		r.Year = n
	}
	r.Format = facts["format"]
	if r.Format == "" {
		r.Format = form.Default
	}
	f, ok := form.Lookup(r.Format)
	if !ok {
		rd.errorf(r.Pos("format"), "格式版本“%s”未知（可用：%s）", r.Format, strings.Join(form.Versions(), "、"))
		return
	}
	r.Contact = report.Contact{Office: facts["contact.office"], Address: facts["contact.address"], Postcode: facts["contact.postcode"],
		Phone: facts["contact.phone"], Email: facts["contact.email"], Website: facts["contact.website"]}
	r.Closing = report.Closing{Agency: facts["closing.agency"], Date: facts["closing.date"]}

	for _, t := range f.Tables() {
		rd.table(t)
	}
}

// table reads the values of table t from its sheet, checking each row's
// label first so that a sheet from another format or edited out of shape is
// refused rather than read into the wrong rows.
func (rd *reader) table(t *form.Table) {
	s := SheetName(t.Number)
	if idx, _ := rd.x.GetSheetIndex(s); idx < 0 {
		rd.errorf(report.Pos{File: rd.file}, "找不到工作表“%s”；请使用 nianbao init --xlsx 生成的工作簿", s)
		return
	}
	rd.r.SetPos(fmt.Sprintf("table%d", t.Number), placeOf(rd.file, s, "A1", t.Number))
	for _, c := range t.Cells {
		cell := CellName(c.Row, c.Col)
		switch c.Kind {
		case form.Label, form.Header, form.Band:
			got := compact(rd.value(s, cell))
			if got != compact(c.Text) {
				rd.errorf(placeOf(rd.file, s, cell, t.Number), "此格应为“%s”，实为“%s”：工作表的格式被改动了；请使用 nianbao init --xlsx 生成的工作簿（格式版本 %s）",
					c.Text, rd.value(s, cell), rd.r.Format)
				return
			}
		}
	}
	// Numbers stored as text (typed into a text-formatted cell, pasted, or
	// in full-width digits) are made numbers first, as Excel's 转换为数字
	// does, so that the SUM formulas of the 总计 cells count them.
	for _, c := range t.Cells {
		cell := CellName(c.Row, c.Col)
		if c.Kind != form.Value {
			continue
		}
		if f, _ := rd.x.GetCellFormula(s, cell); f != "" {
			continue
		}
		if typ, _ := rd.x.GetCellType(s, cell); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
			continue
		}
		v, _ := rd.x.GetCellValue(s, cell, excelize.Options{RawCellValue: true})
		if n, err := strconv.ParseFloat(asciiDigits(v), 64); err == nil {
			rd.x.SetCellValue(s, cell, n)
		}
	}
	for _, c := range t.Cells {
		if c.Kind != form.Value {
			continue
		}
		cell := CellName(c.Row, c.Col)
		pos := placeOf(rd.file, s, cell, t.Number)
		d, _ := t.DataRow(c.Bind.Row)
		v := strings.TrimSpace(rd.value(s, cell))
		if d.Unit(c.Bind.Col) == form.Change && v != "" && v[0] >= '1' && v[0] <= '9' {
			// 本年增/减 shows a rise with its sign (number format +0;-0;0).
			v = "+" + v
		}
		if err := rd.r.SetCell(c.Bind, v, pos); err != nil {
			rd.errorf(pos, "%s %s: %v", t.Name, d.Label, err)
		}
	}
}

// asciiDigits trims a cell's text and turns full-width digits, signs and
// points into ASCII.
func asciiDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		case r == '．':
			return '.'
		case r == '－':
			return '-'
		case r == '＋':
			return '+'
		}
		return r
	}, strings.TrimSpace(strings.Trim(s, "\u3000")))
}

// compact drops white space for comparing labels.
func compact(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u3000', '\t', '\n', '\r', '\u00a0':
			return -1
		}
		return r
	}, s)
}
