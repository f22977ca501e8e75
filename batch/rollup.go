package batch

import (
	"bufio"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/render"
	"github.com/nianbao/nianbao/report"
	"github.com/nianbao/nianbao/source"
)

// Rollup is the 汇总 report of a run: the sums of the tables of every
// report that passed its checks (Table 二's 现行有效件数 summed too), written
// as a data file to complete with prose and render.
type Rollup struct {
	Name     string          // the 汇总 report's agency, given with --rollup
	Year     int             // the year summed: a run over several years has one Rollup a year
	File     string          // the data file written into Out
	Bureaus  int             // reports summed
	Left     []string        // reports not summed (failed their checks), by file
	Findings report.Findings // the 汇总 report's own checks (R1–R4 …)
	Problems []string        // the roll-up check: differences with the region's own report, bureaus with no report
}

// sums adds the tables of reports as they pass, one sum a year; safe for
// concurrent use.
type sums struct {
	mu     sync.Mutex
	years  map[int]*sum
	agency map[string]bool
}

func newSums() *sums { return &sums{years: map[int]*sum{}, agency: map[string]bool{}} }

func (ss *sums) add(r *report.Report) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	ss.agency[r.Agency] = true
	s := ss.years[r.Year]
	if s == nil {
		s = newSum()
		ss.years[r.Year] = s
	}
	s.add(r)
}

// sum is the sum of one year's reports.
type sum struct {
	r       *report.Report
	amounts map[form.Ref]*big.Rat // 行政事业性收费 of 2021 (万元), 采购总金额 of 2019
	units   map[form.Ref]string   // the unit written after an amount
	err     error
	n       int
}

func newSum() *sum {
	return &sum{amounts: map[form.Ref]*big.Rat{}, units: map[form.Ref]string{}}
}

// add adds a completed report's tables.
func (s *sum) add(r *report.Report) {
	if s.err != nil {
		return
	}
	f, err := r.Form()
	if err != nil {
		return
	}
	if s.r == nil {
		s.r = &report.Report{Format: f.Version, Year: r.Year}
	}
	if fs, _ := s.r.Form(); fs != f {
		s.err = fmt.Errorf("%s 是 %s 格式，其他报告是 %s 格式；汇总只能合计同一格式", r.File, f.Version, s.r.Format)
		return
	}
	s.n++
	for _, t := range f.Tables() {
		for _, d := range t.Data {
			for k := 0; k < d.Cols; k++ {
				ref := form.Ref{Table: t.Number, Row: d.Key, Col: k}
				v, _ := r.Cell(ref)
				have, _ := s.r.Cell(ref)
				if d.Unit(k) == form.Amount {
					num, unit := splitAmount(v)
					if s.n > 1 && unit != s.units[ref] {
						s.err = fmt.Errorf("%s 的%s 单位“%s”与其他报告的“%s”不同，无法合计", r.File, d.Label, unit, s.units[ref])
						return
					}
					s.units[ref] = unit
					x, ok := new(big.Rat).SetString(num)
					if !ok {
						s.err = fmt.Errorf("%s 的%s “%s”不是数字，无法合计", r.File, d.Label, v)
						return
					}
					total := s.amounts[ref]
					if total == nil {
						total = new(big.Rat)
						s.amounts[ref] = total
					}
					total.Add(total, x)
					s.r.SetCell(ref, total.FloatString(decimals(total))+unit, report.Pos{})
					continue
				}
				a, b := leadingInt(have), leadingInt(v)
				text := fmt.Sprint(a + b)
				if d.Unit(k) == form.Change && a+b > 0 {
					text = "+" + text
				}
				s.r.SetCell(ref, text, report.Pos{})
			}
		}
	}
}

// splitAmount splits "25.1万元" into "25.1" and "万元".
func splitAmount(s string) (string, string) {
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
		i++
	}
	return s[:i], s[i:]
}

// decimals is how many decimals print a sum of amounts exactly (at most 6).
func decimals(x *big.Rat) int {
	for d := 0; d < 6; d++ {
		if y, ok := new(big.Rat).SetString(x.FloatString(d)); ok && y.Cmp(x) == 0 {
			return d
		}
	}
	return 6
}

// leadingInt reads the number at the start of a printed cell: its note is
// not summed (22（其中修订16件） counts 22).
func leadingInt(s string) int64 {
	var n int64
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimLeft(s, "+-")
	for _, c := range s {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		return -n
	}
	return n
}

// rollupReport is the 汇总 report: the sums, prose to write, the name.
func (s *sum) report(name string) (*report.Report, error) {
	if s.err != nil {
		return nil, s.err
	}
	if s.r == nil {
		return nil, fmt.Errorf("没有通过检查的报告，无法汇总")
	}
	r := *s.r
	r.Agency = name
	r.File = name
	placeholder := report.Section{{Paragraphs: []string{report.Placeholder}}}
	r.Overview, r.Problems, r.Other = placeholder, placeholder, placeholder
	r.Closing = report.Closing{Agency: name, Date: fmt.Sprintf("%d年1月31日", r.Year+1)}
	report.Complete(&r)
	return &r, nil
}

// finishRollup writes the 汇总 report of each year into the output
// directory, checks it, and runs the roll-up check against the region's own
// report and the list of bureaus when given.
func finishRollup(opts Options, s *Summary, all *sums) error {
	var years []int
	for y := range all.years {
		years = append(years, y)
	}
	sort.Ints(years)
	var left []string
	for _, row := range s.Rows {
		if row.Status == Failed || row.Status == Skipped {
			left = append(left, row.File)
		}
	}
	if len(years) == 0 {
		s.Rollups = append(s.Rollups, &Rollup{Name: opts.Rollup, Left: left, Problems: []string{"无法汇总：没有通过检查的报告"}})
	}
	var own *report.Report
	if opts.RollupCheck != "" {
		var err error
		if own, err = source.Read(opts.RollupCheck); err != nil {
			return fmt.Errorf("batch: 本级汇总报告 %s 无法读取：\n%v", opts.RollupCheck, err)
		}
	}
	for _, y := range years {
		total := all.years[y]
		ru := &Rollup{Name: opts.Rollup, Year: y, Bureaus: total.n}
		if len(s.Rollups) == 0 {
			ru.Left = left
		}
		s.Rollups = append(s.Rollups, ru)
		r, err := total.report(opts.Rollup)
		if err != nil {
			ru.Problems = append(ru.Problems, "无法汇总："+err.Error())
			continue
		}
		name, err := render.FileName("{agency}-{year}年汇总数据.{ext}", r, "yaml")
		if err != nil {
			return fmt.Errorf("batch: --rollup: %w", err)
		}
		ru.File = name
		data := report.Encode(r, fmt.Sprintf("nianbao batch 合计 %d 个单位的报告（--rollup）", total.n))
		if err := render.WriteFile(filepath.Join(opts.Out, name), data); err != nil {
			return fmt.Errorf("batch: %w", err)
		}
		back, err := report.Decode(filepath.Join(opts.Out, name), data)
		if err != nil {
			return fmt.Errorf("batch: 汇总报告无法读回：%w", err)
		}
		for _, f := range report.Validate(back, nil) {
			// The numbers' checks (R1–R7); not the prose checks (C1…),
			// as the 汇总 report's prose is still the placeholder.
			if strings.HasPrefix(f.Rule, "R") || f.Severity == report.Error {
				ru.Findings = append(ru.Findings, f)
			}
		}
		if own != nil && own.Year == y {
			ru.Problems = append(ru.Problems, compare(own, back, total.n)...)
		}
	}
	if own != nil && all.years[own.Year] == nil {
		return fmt.Errorf("batch: 本级汇总报告 %s 是 %d 年度的，本次没有该年度通过检查的报告", opts.RollupCheck, own.Year)
	}
	if opts.Bureaus != "" {
		names, err := readNames(opts.Bureaus)
		if err != nil {
			return fmt.Errorf("batch: --bureaus: %w", err)
		}
		var missing []string
		for _, n := range names {
			if !all.agency[n] {
				missing = append(missing, fmt.Sprintf("%s：没有报告", n))
			}
		}
		if len(s.Rollups) > 0 {
			s.Rollups[0].Problems = append(s.Rollups[0].Problems, missing...)
		}
	}
	return nil
}

// compare lists the cells where a region's own 汇总 report differs from the
// sum of its bureaus' reports.
func compare(own, sum *report.Report, n int) []string {
	report.Complete(own)
	f, _ := sum.Form()
	if fo, _ := own.Form(); fo != f {
		return []string{fmt.Sprintf("%s 是 %s 格式，各单位报告是 %s 格式，无法比较", own.File, fo.Version, f.Version)}
	}
	var out []string
	for _, t := range f.Tables() {
		for _, d := range t.Data {
			for k := 0; k < d.Cols; k++ {
				ref := form.Ref{Table: t.Number, Row: d.Key, Col: k}
				a, _ := own.Cell(ref)
				b, _ := sum.Cell(ref)
				if d.Unit(k) == form.Amount {
					x, _ := new(big.Rat).SetString(strings.TrimRight(a, "万元"))
					y, _ := new(big.Rat).SetString(strings.TrimRight(b, "万元"))
					if x != nil && y != nil && x.Cmp(y) == 0 {
						continue
					}
				} else if leadingInt(a) == leadingInt(b) {
					continue
				}
				col := t.Columns
				label := d.Label
				if d.Cols > 1 && k < len(col) {
					label += " " + col[k]
				}
				if k < len(d.Columns) {
					label = d.Label + " " + d.Columns[k]
				}
				out = append(out, fmt.Sprintf("%s: %s %s 为 %s，%d 个单位合计为 %s", own.Pos(ref.Path(d.Cols)), t.Name, label, a, n, b))
			}
		}
	}
	return out
}

// readNames reads the list of bureaus expected: a text file with one name
// a line (# starts a comment), or a roll-up workbook's agency column.
func readNames(path string) ([]string, error) {
	if strings.EqualFold(filepath.Ext(path), ".xlsx") {
		var names []string
		for _, p := range source.Group([]string{path}) {
			r, err := source.Read(p)
			if err != nil {
				return nil, err
			}
			names = append(names, r.Agency)
		}
		return names, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return names(f)
}

func names(r io.Reader) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		l := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		if l == "" || strings.HasPrefix(l, "#") || seen[l] {
			continue
		}
		seen[l] = true
		out = append(out, l)
	}
	sort.Strings(out)
	return out, sc.Err()
}

// printRollup writes the 汇总 part of the closing summary.
func (ru *Rollup) print(w io.Writer) {
	if ru == nil {
		return
	}
	if ru.File != "" {
		fmt.Fprintf(w, "%d年汇总报告：%s（%d 个单位合计，请补写正文后用 nianbao render 生成）\n", ru.Year, ru.File, ru.Bureaus)
	}
	if len(ru.Left) > 0 {
		fmt.Fprintf(w, "未计入汇总（未通过检查）：%s\n", strings.Join(ru.Left, "、"))
	}
	for _, f := range ru.Findings {
		fmt.Fprintln(w, "  汇总检查："+f.String())
	}
	if len(ru.Problems) > 0 {
		fmt.Fprintln(w, "汇总核对：")
		for _, p := range ru.Problems {
			fmt.Fprintln(w, "  "+p)
		}
	}
}
