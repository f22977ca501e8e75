package batch

import (
	"bytes"
	"fmt"
	"math/big"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/render"
)

// SummaryXLSX is the roll-up workbook written beside summary.csv.
const SummaryXLSX = "summary.xlsx"

var xlsxHeader = []string{"文件", "机关", "年度", "状态", "错误数", "警告数", "新收", "上年结转", "办结", "予以公开", "结转下年",
	"行政复议", "行政诉讼", "收费（万元）", "R1", "R2", "R3", "R4", "R5", "R6", "R7"}

var statusNames = map[Status]string{OK: "通过", Warned: "有警告", Failed: "失败", Skipped: "未处理"}

// writeXLSX writes summary.xlsx: one row per report with its status, the
// number of findings and the key totals, a frozen header with filters, and
// under the rows the 汇总 row (the sums over the reports that passed).
func writeXLSX(out string, s *Summary) error {
	data, err := s.XLSX()
	if err != nil {
		return fmt.Errorf("batch: summary.xlsx: %w", err)
	}
	if err := render.WriteFile(filepath.Join(out, SummaryXLSX), data); err != nil {
		return fmt.Errorf("batch: %w", err)
	}
	return nil
}

// XLSX returns the summary as a workbook.
func (s *Summary) XLSX() ([]byte, error) {
	x := excelize.NewFile()
	defer x.Close()
	sheet := "汇总"
	if err := x.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	head := make([]any, len(xlsxHeader))
	for i, h := range xlsxHeader {
		head[i] = h
	}
	if err := x.SetSheetRow(sheet, "A1", &head); err != nil {
		return nil, err
	}
	var sums [7]int64
	fees := new(big.Rat)
	feesOK := true
	passed := 0
	for i, r := range s.Rows {
		warnings := 0
		for _, p := range r.Problems {
			if strings.Contains(p, "警告：") {
				warnings++
			}
		}
		var year any = ""
		if r.Year != 0 {
			year = r.Year
		}
		f := r.Figures
		row := []any{r.File, r.Agency, year, statusNames[r.Status], len(r.Problems) - warnings, warnings}
		in := r.Status == OK || r.Status == Warned
		if in {
			passed++
		}
		for k, p := range []*int64{f.New, f.CarriedOver, f.Handled, f.Disclosed, f.CarriedForward, f.Review, f.Litigation} {
			if p == nil {
				row = append(row, "")
				continue
			}
			row = append(row, *p)
			if in {
				sums[k] += *p
			}
		}
		if v, ok := new(big.Rat).SetString(f.Fees); ok {
			row = append(row, f.Fees)
			if in {
				fees.Add(fees, v)
			}
		} else {
			row = append(row, f.Fees)
			if in && f.Fees != "" {
				feesOK = false
			}
		}
		for _, st := range r.Rules {
			row = append(row, string(st))
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := x.SetSheetRow(sheet, cell, &row); err != nil {
			return nil, err
		}
	}
	last := len(s.Rows) + 1
	name := "汇总"
	if len(s.Rollups) > 0 && s.Rollups[0].Name != "" {
		name = s.Rollups[0].Name
	}
	total := []any{"汇总", name, "", fmt.Sprintf("%d 份通过", passed), "", ""}
	for _, v := range sums {
		total = append(total, v)
	}
	if feesOK {
		total = append(total, fees.FloatString(decimals(fees)))
	} else {
		total = append(total, "")
	}
	cell, _ := excelize.CoordinatesToCellName(1, last+1)
	if err := x.SetSheetRow(sheet, cell, &total); err != nil {
		return nil, err
	}
	lastCol, _ := excelize.ColumnNumberToName(len(xlsxHeader))
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Color: []string{"D9D9D9"}, Pattern: 1}})
	if err != nil {
		return nil, err
	}
	x.SetCellStyle(sheet, "A1", lastCol+"1", bold)
	x.SetCellStyle(sheet, fmt.Sprintf("A%d", last+1), fmt.Sprintf("%s%d", lastCol, last+1), bold)
	if err := x.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	if err := x.AutoFilter(sheet, fmt.Sprintf("A1:%s%d", lastCol, last), nil); err != nil {
		return nil, err
	}
	x.SetColWidth(sheet, "A", "A", 36)
	x.SetColWidth(sheet, "B", "B", 28)
	var b bytes.Buffer
	if _, err := x.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
