package batch

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/render"
)

// The roll-up files written into the output directory.
const (
	SummaryCSV  = "summary.csv"
	SummaryJSON = "summary.json"
)

// utf8BOM starts summary.csv: without it Excel reads the file as the
// system code page (GBK on Chinese Windows) and garbles every name.
const utf8BOM = "\ufeff"

var csvHeader = []string{"文件", "机关", "年度", "状态", "新收", "上年结转", "办结", "予以公开", "结转下年",
	"行政复议", "行政诉讼", "收费（万元）", "R1", "R2", "R3", "R4", "R5", "R6", "R7", "输出文件", "问题"}

// writeSummary writes summary.csv and summary.json into out, each
// atomically. Rows are in input order and hold no times, so the same
// inputs give the same bytes.
func writeSummary(out string, s *Summary) error {
	var b bytes.Buffer
	if err := s.WriteCSV(&b); err != nil {
		return err
	}
	if err := render.WriteFile(filepath.Join(out, SummaryCSV), b.Bytes()); err != nil {
		return fmt.Errorf("batch: %w", err)
	}
	b.Reset()
	if err := s.WriteJSON(&b); err != nil {
		return err
	}
	if err := render.WriteFile(filepath.Join(out, SummaryJSON), b.Bytes()); err != nil {
		return fmt.Errorf("batch: %w", err)
	}
	return writeXLSX(out, s)
}

// WriteCSV writes the roll-up table, UTF-8 with a byte order mark.
func (s *Summary) WriteCSV(w io.Writer) error {
	io.WriteString(w, utf8BOM)
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // Excel's own line ends
	cw.Write(csvHeader)
	for _, r := range s.Rows {
		f := r.Figures
		year := ""
		if r.Year != 0 {
			year = strconv.Itoa(r.Year)
		}
		rec := []string{cell(r.File), cell(r.Agency), year, statusText[r.Status],
			num(f.New), num(f.CarriedOver), num(f.Handled), num(f.Disclosed), num(f.CarriedForward),
			num(f.Review), num(f.Litigation), cell(f.Fees)}
		for _, st := range r.Rules {
			rec = append(rec, ruleText[st])
		}
		rec = append(rec, cell(strings.Join(r.Outputs, "\n")), cell(strings.Join(r.Problems, "\n")))
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

// ruleText is how summary.csv names a rule's status.
var ruleText = map[RuleStatus]string{RuleOK: "通过", RuleError: "错误", RuleWarning: "警告", RuleSkipped: "未检查"}

// cell neutralises text that Excel, WPS or LibreOffice would take for a
// formula (an agency named "=HYPERLINK(…)" or "-1+2"): a cell starting with
// = + - @, a tab or a carriage return gets a leading apostrophe, as OWASP's
// advice on CSV injection says, and shows as text.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func num(p *int64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatInt(*p, 10)
}

// WriteJSON writes the counts and the rows as JSON.
func (s *Summary) WriteJSON(w io.Writer) error {
	v := struct {
		OK          int      `json:"ok"`
		Failed      int      `json:"failed"`
		Warned      int      `json:"warned"`
		Skipped     int      `json:"skipped"`
		Interrupted bool     `json:"interrupted"`
		Notes       []string `json:"notes"`
		Reports     []Row    `json:"reports"`
	}{s.OK, s.Failed, s.Warned, s.Skipped, s.Interrupted, s.Notes, s.Rows}
	if v.Notes == nil {
		v.Notes = []string{}
	}
	for i := range v.Reports {
		if v.Reports[i].Outputs == nil {
			v.Reports[i].Outputs = []string{}
		}
		if v.Reports[i].Problems == nil {
			v.Reports[i].Problems = []string{}
		}
	}
	e := json.NewEncoder(w)
	e.SetIndent("", "  ")
	e.SetEscapeHTML(false)
	return e.Encode(v)
}

// Print writes the closing summary for a person: the counts and time, then
// every failed report with each of its reasons.
func (s *Summary) Print(w io.Writer) {
	fmt.Fprintf(w, "成功 %d、失败 %d、有警告 %d", s.OK, s.Failed, s.Warned)
	if s.Skipped > 0 {
		fmt.Fprintf(w, "、未处理 %d", s.Skipped)
	}
	fmt.Fprintf(w, "，用时 %.1f s\n", s.Elapsed.Seconds())
	if s.Interrupted {
		fmt.Fprintf(w, "已中断：%d 份报告未处理，见 %s 与 %s 中状态为“未处理”的行\n", s.Skipped, SummaryCSV, SummaryJSON)
	}
	for _, n := range s.Notes {
		fmt.Fprintln(w, n)
	}
	for _, ru := range s.Rollups {
		ru.print(w)
	}
	if len(s.PrevProblems) > 0 {
		fmt.Fprintln(w, "上年报告有问题，相关机关未做跨年度校验（R5）：")
		for _, p := range s.PrevProblems {
			fmt.Fprintln(w, "  "+p)
		}
	}
	if s.Failed == 0 {
		return
	}
	fmt.Fprintln(w, "失败的报告：")
	for _, r := range s.Rows {
		if r.Status != Failed {
			continue
		}
		fmt.Fprintln(w, "  "+r.File)
		for _, p := range r.Problems {
			fmt.Fprintln(w, "    "+p)
		}
	}
}
