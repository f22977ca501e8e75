// Package batch renders and checks the reports of many agencies in one run:
// it finds the report files, reads, completes and validates each one (with
// last year's report for R5 when given), renders the valid ones through
// package render into one output directory, and rolls every report up into
// summary.csv and summary.json.
//
// It owns the run: the worker pool, the order in which output names are
// claimed, progress and the roll-up. It owns no rule (report.Validate) and
// no output format (render.Report). Memory stays flat in the number of
// reports: a worker holds one report at a time and the run keeps one small
// Row per input.
package batch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/pdfdata"
	"github.com/nianbao/nianbao/render"
	"github.com/nianbao/nianbao/report"
	"github.com/nianbao/nianbao/source"
)

// Options says what to run.
type Options struct {
	Inputs []string // report files, directories (searched recursively) and globs
	Out    string   // output directory, created when missing
	Jobs   int      // reports rendered at once; ≤ 0 means runtime.NumCPU()
	// Render says how each report is rendered: formats (nil: every
	// format), style (nil: style.Gongwen), fonts (nil: the embedded fonts;
	// shared by every worker), PDF/A. Its Date is ignored: each report's
	// own date is used.
	Render   render.Options
	Prev     []string // last year's reports, for R5, matched by agency name
	FailFast bool     // stop at the first failed report
	// Rollup, when set, is the name of the 汇总 report written into Out:
	// the sums of the tables of every report that passed its checks.
	Rollup string
	// RollupCheck is the region's own 汇总 report, compared with the sums;
	// Bureaus lists the bureaus expected (a text file, one name a line, or a
	// roll-up workbook), so that those with no report are named.
	RollupCheck, Bureaus string
	NameTemplate         string // "" means render.DefaultName
	Force                bool   // overwrite DOCX files changed since nianbao wrote them

	Progress   io.Writer // where progress goes; nil for none
	IsTerminal bool      // Progress is a terminal: draw a bar instead of lines

	sum *sums // the 汇总 sums, when Rollup is set

	// render replaces render.Report in tests.
	render func(*report.Report, render.Options) (map[render.Format][]byte, error)
}

// Status is the outcome of one report.
type Status string

const (
	OK      Status = "ok"      // rendered, no findings
	Warned  Status = "warning" // rendered, with warnings
	Failed  Status = "failed"  // not rendered: unreadable, an error finding, or a render or write error
	Skipped Status = "skipped" // not processed (未处理): the run stopped first (--fail-fast, Ctrl-C, SIGTERM)
)

// statusText is how summary.csv and the progress lines name a status.
var statusText = map[Status]string{OK: "成功", Warned: "有警告", Failed: "失败", Skipped: "未处理"}

// RuleStatus is the outcome of one consistency rule for one report.
type RuleStatus string

const (
	RuleOK      RuleStatus = "ok"
	RuleError   RuleStatus = "error"
	RuleWarning RuleStatus = "warning"
	RuleSkipped RuleStatus = "skipped" // not checked: R5 without last year's report, or the file could not be read
)

// RuleNames names the consistency rules of official-format.md §6, in the
// order of Row.Rules.
var RuleNames = [7]string{"R1", "R2", "R3", "R4", "R5", "R6", "R7"}

// RuleStatuses is the status of R1–R7; JSON writes it as {"R1": "ok", …}.
type RuleStatuses [7]RuleStatus

// MarshalJSON writes the statuses keyed by rule name, in rule order.
func (st RuleStatuses) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for k, name := range RuleNames {
		if k > 0 {
			b = append(b, ',')
		}
		b = fmt.Appendf(b, "%q:%q", name, st[k])
	}
	return append(b, '}'), nil
}

// allSkipped is the rule status of a report that was not checked.
var allSkipped = RuleStatuses{RuleSkipped, RuleSkipped, RuleSkipped, RuleSkipped, RuleSkipped, RuleSkipped, RuleSkipped}

// Figures are a report's key numbers; nil is a blank cell or an unread file.
type Figures struct {
	New            *int64 `json:"new"`             // 新收: 表三 一、本年新收 总计
	CarriedOver    *int64 `json:"carried_over"`    // 上年结转
	Handled        *int64 `json:"handled"`         // 办结: 表三 （七）总计 总计
	Disclosed      *int64 `json:"disclosed"`       // 予以公开
	CarriedForward *int64 `json:"carried_forward"` // 结转下年
	Review         *int64 `json:"review"`          // 行政复议 总计
	Litigation     *int64 `json:"litigation"`      // 行政诉讼 总计: 未经复议直接起诉 + 复议后起诉
	Fees           string `json:"fees"`            // 收费（万元）, as written
}

// Row is one report in the summary.
type Row struct {
	File     string       `json:"file"`
	Agency   string       `json:"agency"`
	Year     int          `json:"year"`
	Status   Status       `json:"status"`
	Figures  Figures      `json:"figures"`
	Rules    RuleStatuses `json:"rules"`
	Outputs  []string     `json:"outputs"`  // file names in Out
	Problems []string     `json:"problems"` // every finding, and any read, render or write error, one line each
}

// Summary is the outcome of a run.
type Summary struct {
	Rows               []Row // one per input, sorted by path
	OK, Failed, Warned int   // Warned reports are rendered and also counted in OK
	Skipped            int
	Elapsed            time.Duration
	PrevProblems       []string  // last year's files that could not be read or repeat an agency
	Notes              []string  // files passed over (FIFOs, devices) and stale temporaries removed
	Interrupted        bool      // the context was cancelled before the end
	Rollups            []*Rollup // the 汇总 reports (one a year), when Options.Rollup is set
}

// ErrNoInputs is returned when the inputs name no report file.
var ErrNoInputs = errors.New("batch: 没有找到报告文件")

// Run renders and checks every report of opts.Inputs. It returns an error
// only when the run itself cannot go on (no inputs, the output directory
// cannot be made, the context is cancelled); failed reports are in the
// Summary. When ctx is cancelled, workers stop, temporary files are removed
// and no partial file is left; reports already written stay.
func Run(ctx context.Context, opts Options) (*Summary, error) {
	start := time.Now()
	if opts.Jobs <= 0 {
		opts.Jobs = runtime.NumCPU()
	}
	if opts.render == nil {
		opts.render = render.Report
	}
	if opts.Out == "" {
		return nil, errors.New("batch: 未指定输出目录")
	}
	// Check the template once, not once per report.
	if _, err := render.FileName(opts.NameTemplate, &report.Report{Agency: "x", Year: 2021}, render.PDF); err != nil {
		return nil, fmt.Errorf("batch: %w", err)
	}
	paths, notes, err := Expand(opts.Inputs, opts.Out)
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, ErrNoInputs
	}
	if err := os.MkdirAll(opts.Out, 0o755); err != nil {
		return nil, fmt.Errorf("batch: %w", &render.FileError{Op: render.OpMkdir, Path: opts.Out, Err: err})
	}
	// Temporaries that an earlier run left when it was killed (kill -9, a
	// power cut): the files they were for are whole under their old names.
	if stale, err := render.RemoveStale(opts.Out); err == nil && len(stale) > 0 {
		notes = append(notes, fmt.Sprintf("%s: 已删除以前中断的运行留下的 %d 个临时文件（%s 等）", opts.Out, len(stale), stale[0]))
	}
	if opts.Render.Fonts == nil && readsFonts(opts.Render.Formats) {
		if opts.Render.Fonts, err = fonts.Embedded(); err != nil {
			return nil, fmt.Errorf("batch: %w", err)
		}
	}
	defer tuneGC()()
	if opts.Render.Buffers == nil {
		// The workers' output buffers, reused from report to report.
		opts.Render.Buffers = new(render.Buffers)
	}
	s := &Summary{Rows: make([]Row, len(paths)), Notes: notes}
	prev, err := readPrev(ctx, opts, s)
	if err != nil {
		return nil, err
	}
	commits := newCommitter(ctx)

	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	if opts.Rollup != "" {
		opts.sum = newSums()
	}
	p := newProgress(opts.Progress, opts.IsTerminal, len(paths))
	names := newClaims(len(paths))
	defer context.AfterFunc(runCtx, names.wake)()
	// Claims are made in input order, so the inputs are handed out in order
	// and those never handed out are released: a worker never waits on an
	// input that no worker holds.
	forEach(runCtx, opts.Jobs, len(paths), func(i int) {
		row := &s.Rows[i]
		var files *render.Commit
		var r *report.Report
		*row, files, r = one(runCtx, opts, paths[i], i, prev, names)
		p.done(row)
		if row.Status == Failed && opts.FailFast {
			stop()
		}
		if files != nil {
			// The row is final once its files are in place; the committer
			// writes it, and Run reads it only after commits.close. The 汇总
			// counts a report only once its files are in place.
			commits.submit(commitJob{files, func(errs []error, aborted bool) {
				if committed(row, errs, aborted) && opts.sum != nil {
					opts.sum.add(r)
				}
			}})
		}
	}, func(from int) {
		for j := from; j < len(paths); j++ {
			names.skip(j)
		}
	})
	commits.close()
	p.finish()

	for i := range s.Rows {
		r := &s.Rows[i]
		if r.Status == "" { // never handed out
			*r = Row{File: paths[i], Status: Skipped, Rules: allSkipped}
		}
		switch r.Status {
		case OK:
			s.OK++
		case Warned:
			s.OK++
			s.Warned++
		case Failed:
			s.Failed++
		case Skipped:
			s.Skipped++
		}
	}
	s.Elapsed = time.Since(start)
	// The summary is written also when the run was interrupted: it says
	// which reports were done and which were not (未处理). A 汇总 report
	// of an interrupted run would be a sum of some bureaus only: none is
	// written.
	s.Interrupted = ctx.Err() != nil
	if !s.Interrupted && opts.sum != nil {
		if err := finishRollup(opts, s, opts.sum); err != nil {
			return s, err
		}
	}
	if err := writeSummary(opts.Out, s); err != nil {
		return s, err
	}
	if s.Interrupted {
		return s, fmt.Errorf("batch: 已中断：%w", ctx.Err())
	}
	return s, nil
}

// committed records the outcome of writing a report's files: a report whose
// files could not all be put in place failed; one whose files were dropped
// because the run was interrupted was not processed. It says whether every
// file is in place.
func committed(row *Row, errs []error, aborted bool) bool {
	if aborted {
		row.Status, row.Outputs = Skipped, nil
		return false
	}
	var outputs []string
	for i, err := range errs {
		if err != nil {
			row.Status = Failed
			row.Problems = append(row.Problems, problemLines(row.File, err)...)
			continue
		}
		outputs = append(outputs, row.Outputs[i])
	}
	row.Outputs = outputs
	return row.Status != Failed
}

// readsFonts: every format but HTML reads the fonts (PDF and OFD lay the
// pages out with them, DOCX measures its table columns), so they are loaded
// once for the run, not on the first report.
func readsFonts(fs []render.Format) bool {
	return fs == nil || slices.ContainsFunc(fs, func(f render.Format) bool { return f != render.HTML })
}

// one reads, checks and renders input i, and writes its files to their
// temporaries; the returned Commit puts them in place, and the report is
// the one they are of. The row's status is what it will be once they are.
func one(ctx context.Context, opts Options, path string, i int, prev map[prevKey]*report.Report, names *claims) (Row, *render.Commit, *report.Report) {
	row := Row{File: path, Rules: allSkipped}
	claimed := false
	defer func() {
		if !claimed {
			names.skip(i)
		}
	}()
	fail := func(err error) (Row, *render.Commit, *report.Report) {
		row.Status = Failed
		row.Problems = append(row.Problems, problemLines(path, err)...)
		return row, nil, nil
	}
	skip := func() (Row, *render.Commit, *report.Report) {
		row.Status, row.Outputs = Skipped, nil
		return row, nil, nil
	}
	if ctx.Err() != nil {
		return skip()
	}
	r, err := source.Read(path)
	if err != nil {
		return fail(err)
	}
	report.Complete(r)
	row.Agency, row.Year, row.Figures = r.Agency, r.Year, figures(r)
	last := prev[prevKey{r.Agency, r.Year - 1}]
	fs := report.Validate(r, last)
	row.Rules = ruleStatus(fs, last != nil)
	for _, f := range fs {
		row.Problems = append(row.Problems, f.String())
	}
	if fs.Errors() > 0 {
		row.Status = Failed
		return row, nil, nil
	}

	// Claim the names in input order, so that of two reports with the same
	// name the first input always wins, whatever -j is.
	var files []string
	for _, f := range formats(opts.Render.Formats) {
		name, err := render.FileName(opts.NameTemplate, r, f)
		if err != nil {
			return fail(err)
		}
		files = append(files, name)
	}
	claimed = true
	if other, ok := names.claim(ctx, i, path, files); !ok {
		if ctx.Err() != nil {
			return skip()
		}
		return fail(fmt.Errorf("batch: 输出文件名 %s 与 %s 重复（同一机关同一年度的报告只能有一份）", files[0], other))
	}
	if !opts.Force {
		for _, name := range files {
			if err := render.CheckOverwrite(filepath.Join(opts.Out, name)); err != nil {
				return fail(err)
			}
		}
	}

	ro := opts.Render
	ro.Formats, ro.Date = formats(ro.Formats), time.Time{}
	out, err := opts.render(r, ro)
	if err != nil {
		return fail(err)
	}
	c := new(render.Commit)
	for k, f := range formats(opts.Render.Formats) {
		if ctx.Err() != nil {
			c.Abort()
			return skip()
		}
		if err := c.Add(filepath.Join(opts.Out, files[k]), out[f]); err != nil {
			c.Abort()
			return fail(err)
		}
		row.Outputs = append(row.Outputs, files[k])
		ro.Buffers.Put(f, out[f]) // written to its temporary: no longer referenced
		delete(out, f)
	}
	row.Status = OK
	if fs.Warnings() > 0 {
		row.Status = Warned
	}
	return row, c, r
}

func formats(fs []render.Format) []render.Format {
	if fs == nil {
		return render.Formats
	}
	return fs
}

// problemLines turns an error into one line per finding, each naming the file.
func problemLines(path string, err error) []string {
	var fs report.Findings
	if errors.As(err, &fs) {
		var lines []string
		for _, f := range fs {
			lines = append(lines, f.String())
		}
		return lines
	}
	msg := err.Error()
	if fe, ok := render.AsFileError(err); ok {
		msg = fe.Error()
	}
	if !strings.Contains(msg, path) {
		msg = path + ": " + msg
	}
	return strings.Split(msg, "\n")
}

// ruleStatus is the status of each rule R1–R7 from the findings; R5 is
// skipped without last year's report.
func ruleStatus(fs report.Findings, havePrev bool) RuleStatuses {
	var st RuleStatuses
	for k := range st {
		st[k] = RuleOK
	}
	if !havePrev {
		st[4] = RuleSkipped
	}
	for _, f := range fs {
		k := ruleIndex(f.Rule)
		if k < 0 {
			continue
		}
		if f.Severity == report.Error {
			st[k] = RuleError
		} else if st[k] != RuleError {
			st[k] = RuleWarning
		}
	}
	return st
}

func ruleIndex(rule string) int {
	for k, name := range RuleNames {
		if rule == name {
			return k
		}
	}
	return -1
}

func figures(r *report.Report) Figures {
	t3 := &r.Table3.Rows
	t4 := &r.Table4.Rows
	n := func(c report.Count) *int64 {
		if c.Blank {
			return nil
		}
		v := c.N
		return &v
	}
	f := Figures{
		New:            n(t3[report.T3New][report.T3TotalCol]),
		CarriedOver:    n(t3[report.T3CarriedOver][report.T3TotalCol]),
		Handled:        n(t3[report.T3Total][report.T3TotalCol]),
		Disclosed:      n(t3[report.T3Disclosed][report.T3TotalCol]),
		CarriedForward: n(t3[report.T3CarriedForward][report.T3TotalCol]),
		Review:         n(t4[report.T4Review][4]),
	}
	direct, after := t4[report.T4LitigationDirect][4], t4[report.T4LitigationAfterReview][4]
	if !direct.Blank || !after.Blank {
		v := direct.N + after.N
		f.Litigation = &v
	}
	if !r.Table2.Fees.Blank {
		f.Fees = r.Table2.Fees.Text
	}
	return f
}

// Expand turns inputs (files, directories searched recursively, globs) into
// a sorted list of distinct report files. Inside directories it takes
// report files (source.IsReport: YAML, JSON, Word, Excel) and skips hidden entries and the output
// directory out; a file named directly is taken whatever its extension.
// Inside directories, an entry that is not a regular file once symbolic
// links are followed (a FIFO, a device, a socket) is passed over with a
// note: reading a FIFO with no writer would wait for ever.
func Expand(inputs []string, out string) (paths, notes []string, err error) {
	return expand(inputs, out, source.IsReport)
}

// expand is Expand taking, inside directories, the files that accept
// takes.
func expand(inputs []string, out string, accept func(path string) bool) (paths, notes []string, err error) {
	outAbs, _ := filepath.Abs(out)
	seen := map[string]bool{}
	add := func(p string) {
		abs, err := filepath.Abs(p)
		if err != nil {
			abs = p
		}
		if !seen[abs] {
			seen[abs] = true
			paths = append(paths, p)
		}
	}
	for _, in := range inputs {
		matches := []string{in}
		if _, err := os.Stat(in); err != nil && strings.ContainsAny(in, "*?[") {
			if matches, err = filepath.Glob(in); err != nil {
				return nil, nil, fmt.Errorf("batch: %q: %w", in, err)
			}
			if len(matches) == 0 {
				return nil, nil, fmt.Errorf("batch: %s: 没有匹配的文件", in)
			}
		}
		for _, m := range matches {
			fi, err := os.Stat(m)
			if err != nil {
				return nil, nil, fmt.Errorf("batch: %w", &render.FileError{Op: render.OpRead, Path: m, Err: err})
			}
			if !fi.IsDir() {
				add(m)
				continue
			}
			err = filepath.WalkDir(m, func(p string, d os.DirEntry, err error) error {
				if err != nil {
					return err
				}
				if p != m && strings.HasPrefix(d.Name(), ".") {
					if d.IsDir() {
						return filepath.SkipDir
					}
					return nil
				}
				if d.IsDir() {
					if abs, _ := filepath.Abs(p); abs == outAbs && p != m {
						return filepath.SkipDir
					}
					return nil
				}
				if !accept(p) {
					return nil
				}
				if abs, _ := filepath.Abs(filepath.Dir(p)); abs == outAbs && strings.HasPrefix(filepath.Base(p), "summary.") {
					return nil // this run's own summary.json and summary.xlsx
				}
				if note := special(p, d); note != "" {
					notes = append(notes, note)
					return nil
				}
				add(p)
				return nil
			})
			if err != nil {
				if fe, ok := render.AsFileError(err); ok {
					err = fe
				}
				return nil, nil, fmt.Errorf("batch: %w", err)
			}
		}
	}
	sort.Strings(paths)
	return source.Group(paths), notes, nil
}

// special says why the directory entry p is not read as a report: it is,
// or a symbolic link leads to, something other than a regular file. It
// returns "" for a regular file.
func special(p string, d os.DirEntry) string {
	mode := d.Type()
	if mode&os.ModeSymlink != 0 {
		fi, err := os.Stat(p)
		if err != nil {
			return fmt.Sprintf("%s: 是符号链接，指向的文件不存在或无法读取，已跳过", p)
		}
		mode = fi.Mode().Type()
	}
	var what string
	switch {
	case mode.IsRegular():
		return ""
	case mode&os.ModeNamedPipe != 0:
		what = "命名管道（FIFO）"
	case mode&os.ModeSocket != 0:
		what = "套接字"
	case mode&os.ModeDevice != 0:
		what = "设备文件"
	case mode.IsDir():
		what = "目录"
	default:
		what = "特殊文件"
	}
	return fmt.Sprintf("%s: 不是普通文件而是%s，已跳过", p, what)
}

// prevKey finds last year's report of an agency.
type prevKey struct {
	agency string
	year   int
}

// readPrev reads last year's reports, keeping of each only what R5 needs.
// An unreadable one is noted in the summary and its agencies go unchecked.
//
// A directory of last year's reports is often last year's batch output:
// each report as PDF and DOCX under one name, and summary files. Of the
// files of one name, the data file (YAML, JSON, a workbook) is read; else
// the PDF (nianbao's carries the exact data); else the DOCX. A PDF that
// carries no data (not written by nianbao, or before it embedded data) is
// noted, and the DOCX of the same name is read instead.
func readPrev(ctx context.Context, opts Options, s *Summary) (map[prevKey]*report.Report, error) {
	if len(opts.Prev) == 0 {
		return nil, nil
	}
	paths, notes, err := expand(opts.Prev, opts.Out, isPrevFile)
	if err != nil {
		return nil, err
	}
	s.Notes = append(s.Notes, notes...)
	groups := prevGroups(paths)
	type result struct {
		path     string         // the file read
		r        *report.Report // nil: no file of the group could be read
		problems []string       // when r is nil: each file's problems
		notes    []string       // when r is set: the files passed over for it
	}
	res := make([]result, len(groups))
	forEach(ctx, opts.Jobs, len(groups), func(i int) {
		var failed []string
		var errs []error
		for _, p := range groups[i] {
			r, err := source.Read(p)
			if err != nil {
				failed, errs = append(failed, p), append(errs, err)
				continue
			}
			report.Complete(r)
			kept := &report.Report{Format: r.Format, Agency: r.Agency, Year: r.Year, File: r.File,
				Table3: report.Table3{Rows: r.Table3.Rows}}
			// Where R5's values are, for its findings to name the line
			// (in a PDF: of the data file it carries).
			for k := range 7 {
				path := form.Ref{Table: 3, Row: "carried_forward", Col: k}.Path(7)
				kept.SetPos(path, r.Pos(path))
			}
			res[i] = result{path: p, r: kept}
			for k, f := range failed {
				msg := strings.Join(problemLines(f, errs[k]), "；")
				if errors.Is(errs[k], pdfdata.ErrNoData) {
					msg = f + ": 此 PDF 中没有内嵌的年报数据（不是 nianbao 生成的，或由较早的版本生成）"
				}
				res[i].notes = append(res[i].notes, fmt.Sprintf("%s；已改读同名的 %s", msg, p))
			}
			return
		}
		res[i] = result{path: failed[len(failed)-1]}
		for k, f := range failed {
			err := errs[k]
			if errors.Is(err, pdfdata.ErrNoData) {
				err = fmt.Errorf("%s: 此 PDF 中没有内嵌的年报数据（不是 nianbao 生成的，或由较早的版本生成），读不出上年的数字；"+
					"请把该单位上年报告的数据文件（.yaml 或 .json）、nianbao 生成的 PDF 或 Word 文件（.docx）放在 %s 中", f, filepath.Dir(f))
			}
			res[i].problems = append(res[i].problems, problemLines(f, err)...)
		}
	}, nil)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("batch: 已中断：%w", err)
	}
	prev := map[prevKey]*report.Report{}
	for _, res := range res {
		if res.r == nil {
			s.PrevProblems = append(s.PrevProblems, res.problems...)
			continue
		}
		s.Notes = append(s.Notes, res.notes...)
		k := prevKey{res.r.Agency, res.r.Year}
		if first, ok := prev[k]; ok {
			s.PrevProblems = append(s.PrevProblems, fmt.Sprintf("%s: %s %d年 的上年报告重复（已用 %s）", res.path, res.r.Agency, res.r.Year, first.File))
			continue
		}
		prev[k] = res.r
	}
	return prev, nil
}

// isPrevFile says whether a file found in a directory of last year's
// reports is read: a report file, or a PDF; not a batch's summary files.
func isPrevFile(path string) bool {
	switch filepath.Base(path) {
	case SummaryJSON, SummaryXLSX:
		return false
	}
	return source.IsReport(path) || strings.EqualFold(filepath.Ext(path), ".pdf")
}

// prevGroups groups last year's files by name (the path without its
// extension) and orders each group by what to read first: the data file
// (YAML, JSON, a workbook, a roll-up row) alone; else the PDF, then the
// DOCX if the PDF carries no data.
func prevGroups(paths []string) [][]string {
	rank := func(p string) int {
		switch strings.ToLower(filepath.Ext(p)) {
		case ".pdf":
			return 1
		case ".docx":
			return 2
		}
		return 0
	}
	stem := func(p string) string {
		if rank(p) == 0 {
			return p // every data file stands alone
		}
		return strings.TrimSuffix(p, filepath.Ext(p))
	}
	var order []string
	byStem := map[string][]string{}
	data := map[string]bool{} // stems that have a data file
	for _, p := range paths {
		if rank(p) == 0 {
			data[strings.TrimSuffix(p, filepath.Ext(p))] = true
		}
		k := stem(p)
		if _, ok := byStem[k]; !ok {
			order = append(order, k)
		}
		byStem[k] = append(byStem[k], p)
	}
	var groups [][]string
	for _, k := range order {
		g := byStem[k]
		if rank(g[0]) > 0 && data[k] {
			continue // the data file of the same name is read
		}
		slices.SortStableFunc(g, func(a, b string) int { return rank(a) - rank(b) })
		groups = append(groups, g)
	}
	return groups
}

// claims hands out output names in input order. Input i may claim only
// after every input before it has claimed or given up (skip), so the same
// inputs give the same winner of a clash with any number of workers. A
// worker waits only on inputs handed out before its own, which other
// workers hold and finish without waiting on later ones: no deadlock.
type claims struct {
	mu    sync.Mutex
	cond  *sync.Cond
	next  int            // the input whose turn it is
	done  []bool         // inputs that claimed or gave up, ahead of their turn
	owner map[string]int // lower-cased name → input that holds it
	files []string       // input index → path, for messages
}

func newClaims(n int) *claims {
	c := &claims{done: make([]bool, n), owner: map[string]int{}, files: make([]string, n)}
	c.cond = sync.NewCond(&c.mu)
	return c
}

// claim takes names for input i (path), waiting for its turn. It returns
// false and the path of the holder when a name is taken. Names are compared
// case-insensitively, as on Windows and macOS file systems.
func (c *claims) claim(ctx context.Context, i int, path string, names []string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for c.next < i && ctx.Err() == nil {
		c.cond.Wait()
	}
	defer c.finish(i)
	if ctx.Err() != nil {
		return "", false
	}
	for _, n := range names {
		if j, ok := c.owner[strings.ToLower(n)]; ok {
			return c.files[j], false
		}
	}
	c.files[i] = path
	for _, n := range names {
		c.owner[strings.ToLower(n)] = i
	}
	return "", true
}

// skip marks input i as claiming nothing.
func (c *claims) skip(i int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.finish(i)
}

// finish marks i done and advances the turn; c.mu is held.
func (c *claims) finish(i int) {
	c.done[i] = true
	for c.next < len(c.done) && c.done[c.next] {
		c.next++
	}
	c.cond.Broadcast()
}

// wake lets waiters see a cancelled context.
func (c *claims) wake() {
	c.mu.Lock()
	c.cond.Broadcast()
	c.mu.Unlock()
}

// forEach runs work(i) for i = 0 … n-1 on up to workers goroutines, handing
// the indices out in order, and returns when every handed-out call has
// returned. When ctx is done it stops handing out and, before waiting,
// calls stopped (if not nil) with the first index not handed out.
func forEach(ctx context.Context, workers, n int, work func(i int), stopped func(from int)) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				work(i)
			}
		}()
	}
	for i := range n {
		select {
		case jobs <- i:
			continue
		case <-ctx.Done():
		}
		if stopped != nil {
			stopped(i)
		}
		break
	}
	close(jobs)
	wg.Wait()
}
