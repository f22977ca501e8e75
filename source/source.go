// Package source reads a report from whatever file a clerk has: the YAML or
// JSON data file, a Word file (.docx), the fill-in workbook (.xlsx) alone or
// joined with the .docx/.yaml of the same name that holds the prose, or one
// bureau's row of a roll-up workbook ("汇总表.xlsx#5").
//
// It owns the choice of reader by file type and the joining of a workbook
// with its prose; the readers are report (YAML/JSON), word and excel.
package source

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/excel"
	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/pdfdata"
	"github.com/nianbao/nianbao/report"
	"github.com/nianbao/nianbao/word"
)

// Extensions are the file types read, lower case.
var Extensions = []string{".yaml", ".yml", ".json", ".docx", ".xlsx"}

// IsReport says whether a file found in a directory is a report file by its
// name: a known extension, not an Office lock file (~$…).
func IsReport(path string) bool {
	base := filepath.Base(path)
	if strings.HasPrefix(base, "~$") {
		return false
	}
	ext := strings.ToLower(filepath.Ext(base))
	for _, e := range Extensions {
		if ext == e {
			return true
		}
	}
	return false
}

// Read reads the report at path by its type.
func Read(path string) (*report.Report, error) {
	if file, row, ok := splitRow(path); ok {
		return rollupRow(file, row)
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".docx":
		return word.ReadFile(path)
	case ".xlsx":
		return workbook(path)
	case ".doc", ".wps":
		return nil, report.Findings{{Pos: report.Pos{File: path}, Message: "旧版 Word/WPS 文件（.doc/.wps）无法读取；请在 Word 或 WPS 中“另存为” .docx 后再试"}}
	case ".xls", ".et":
		return nil, report.Findings{{Pos: report.Pos{File: path}, Message: "旧版 Excel/WPS 表格文件（.xls/.et）无法读取；请“另存为” .xlsx 后再试"}}
	}
	// YAML or JSON, a nianbao PDF (the data it carries) or the data file
	// taken out of one: pdfdata tells them by their first bytes.
	return pdfdata.ReadFile(path)
}

// Companion returns the file holding the prose of the workbook at path: the
// .yaml, .yml, .json or .docx of the same name beside it, or "".
func Companion(path string) string {
	base := strings.TrimSuffix(path, filepath.Ext(path))
	for _, ext := range []string{".yaml", ".yml", ".json", ".docx"} {
		if fi, err := os.Stat(base + ext); err == nil && !fi.IsDir() {
			return base + ext
		}
	}
	return ""
}

// workbook reads a fill-in workbook and joins it with its companion.
func workbook(path string) (*report.Report, error) {
	if excel.IsRollup(path) {
		if f := readRollup(path); f.err != nil {
			return nil, f.err
		}
		return nil, report.Findings{{Pos: report.Pos{File: path}, Message: "这是汇总表（每行一个单位），不是一份年报；请用 nianbao batch 读取，每行生成一份报告"}}
	}
	x, err := excel.ReadFile(path)
	if err != nil {
		return x, err
	}
	c := Companion(path)
	if c == "" {
		return x, nil
	}
	var prose *report.Report
	if strings.HasSuffix(strings.ToLower(c), ".docx") {
		prose, err = word.ReadProse(c)
	} else {
		prose, err = report.ReadFile(c)
	}
	if err != nil {
		return prose, err
	}
	return join(prose, x, c, path)
}

// join puts the tables of workbook x into the report prose read from the
// companion file. The basic facts must agree; tables filled in both must be
// the same (a number belongs in one place).
func join(prose, x *report.Report, proseFile, xFile string) (*report.Report, error) {
	var fs report.Findings
	bad := func(path, format string, args ...any) {
		fs = append(fs, report.Finding{Pos: x.Pos(path), Message: fmt.Sprintf(format, args...)})
	}
	fp, _ := prose.Form()
	fx, err := x.Form()
	if err != nil {
		return x, err
	}
	if fp != fx {
		bad("format", "格式版本 %s 与 %s 的 %s 不同", fx.Version, proseFile, fp.Version)
	}
	if prose.Agency != "" && prose.Agency != x.Agency {
		bad("agency", "机关名称“%s”与 %s 中的“%s”不同；请改为一致", x.Agency, proseFile, prose.Agency)
	}
	if prose.Year != 0 && prose.Year != x.Year {
		bad("year", "年度 %d 与 %s 中的 %d 不同；请改为一致", x.Year, proseFile, prose.Year)
	}
	if len(fs) > 0 {
		return x, fs
	}
	r := *prose
	r.Format, r.Agency, r.Year = fx.Version, x.Agency, x.Year
	if r.Contact == (report.Contact{}) {
		r.Contact = x.Contact
	}
	if r.Closing == (report.Closing{}) {
		r.Closing = x.Closing
	}
	for _, t := range fx.Tables() {
		r.SetPos(fmt.Sprintf("table%d", t.Number), x.Pos(fmt.Sprintf("table%d", t.Number)))
		for _, d := range t.Data {
			for k := 0; k < d.Cols; k++ {
				ref := form.Ref{Table: t.Number, Row: d.Key, Col: k}
				path := ref.Path(d.Cols)
				v, _ := x.Cell(ref)
				if w, _ := prose.Cell(ref); w != "" && w != "0" && w != v {
					bad(path, "%s 中此格为 %s，而 %s 中为 %s：数字只应填在一处；请清空 %s 中的表格数字，或使二者一致",
						xFile, v, proseFile, w, proseFile)
					continue
				}
				r.SetPos(path, x.Pos(path))
			}
		}
	}
	if len(fs) > 0 {
		fs.Sort()
		return x, fs
	}
	// The tables themselves: copy them from the workbook, notes from the prose.
	notes := [5][]string{2: prose.TableNotes(2), 3: prose.TableNotes(3), 4: prose.TableNotes(4)}
	r.Table2, r.Table2v2019, r.Table3, r.Table4 = x.Table2, x.Table2v2019, x.Table3, x.Table4
	r.Table2.Notes, r.Table2v2019.Notes, r.Table3.Notes, r.Table4.Notes = notes[2], notes[2], notes[3], notes[4]
	return &r, nil
}

// Row paths name one bureau's row of a roll-up workbook: "汇总表.xlsx#5".
func RowPath(file string, row int) string { return file + "#" + strconv.Itoa(row) }

func splitRow(path string) (string, int, bool) {
	i := strings.LastIndex(path, "#")
	if i < 0 || !strings.EqualFold(filepath.Ext(path[:i]), ".xlsx") {
		return "", 0, false
	}
	if _, err := os.Stat(path); err == nil {
		return "", 0, false // a file really named so
	}
	n, err := strconv.Atoi(path[i+1:])
	if err != nil || n < 1 {
		return "", 0, false
	}
	return path[:i], n, true
}

// rollups caches the rows of roll-up workbooks: batch reads every row of one
// workbook, and parsing it once per row would cost quadratic time.
var rollups = struct {
	sync.Mutex
	m map[string]*rollupFile
}{m: map[string]*rollupFile{}}

type rollupFile struct {
	once sync.Once
	rows map[int]*report.Report
	err  error
}

func readRollup(file string) *rollupFile {
	rollups.Lock()
	f, ok := rollups.m[file]
	if !ok {
		f = &rollupFile{}
		rollups.m[file] = f
	}
	rollups.Unlock()
	f.once.Do(func() {
		rs, err := excel.ReadRollup(file)
		f.err = err
		f.rows = map[int]*report.Report{}
		for _, r := range rs {
			f.rows[r.Row] = r.Report
		}
	})
	return f
}

func rollupRow(file string, row int) (*report.Report, error) {
	f := readRollup(file)
	if f.err != nil {
		return nil, f.err
	}
	r, ok := f.rows[row]
	if !ok {
		return nil, fmt.Errorf("%s 第 %d 行没有单位的数据", file, row)
	}
	c := *r
	return &c, nil
}

// Group turns the report files found into the inputs of a run: a roll-up
// workbook becomes one input per bureau's row, and the .yaml/.docx beside a
// fill-in workbook is left out (the workbook reads it). A roll-up that
// cannot be read stays one input, so that its error is reported.
func Group(paths []string) []string {
	has := map[string]bool{}
	for _, p := range paths {
		has[p] = true
	}
	var out []string
	for _, p := range paths {
		ext := strings.ToLower(filepath.Ext(p))
		base := strings.TrimSuffix(p, filepath.Ext(p))
		if ext != ".xlsx" && (has[base+".xlsx"] || has[base+".XLSX"]) && !excel.IsRollup(base+".xlsx") {
			continue
		}
		if ext == ".xlsx" && excel.IsRollup(p) {
			f := readRollup(p)
			if f.err != nil || len(f.rows) == 0 {
				out = append(out, p)
				continue
			}
			rows := make([]int, 0, len(f.rows))
			for n := range f.rows {
				rows = append(rows, n)
			}
			sort.Ints(rows)
			for _, n := range rows {
				out = append(out, RowPath(p, n))
			}
			continue
		}
		out = append(out, p)
	}
	return out
}
