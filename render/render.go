// Package render is the one place where a report becomes files: it runs
// document.Build and the PDF and DOCX writers into memory, makes output file
// names safe, decides where `-o` puts them and refuses to overwrite a DOCX
// changed since nianbao wrote it (output.go), writes files atomically and in
// group commits (commit.go), and tells file errors in Chinese with the path
// the user named (fileerror.go). Both `nianbao render` and package batch use
// it, so a report renders the same bytes either way.
//
// It owns neither the checks (report.Validate: callers decide what a finding
// means) nor any layout (layout/, render/pdf, render/docx). Report is safe
// for concurrent use: it keeps no state between calls.
package render

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/layout"
	"github.com/nianbao/nianbao/memo"
	"github.com/nianbao/nianbao/pdfdata"
	"github.com/nianbao/nianbao/render/docx"
	"github.com/nianbao/nianbao/render/html"
	"github.com/nianbao/nianbao/render/ofd"
	"github.com/nianbao/nianbao/render/pdf"
	"github.com/nianbao/nianbao/report"
	"github.com/nianbao/nianbao/style"
)

// Format is an output format; its value is also the file extension.
type Format string

// The output formats.
const (
	PDF  Format = "pdf"
	DOCX Format = "docx"
	HTML Format = "html" // a page for a government portal
	OFD  Format = "ofd"  // GB/T 33190 fixed layout, for archives
)

// Formats lists the formats written when none is asked for, in output order.
var Formats = []Format{PDF, DOCX}

// All lists every format in output order.
var All = []Format{PDF, DOCX, HTML, OFD}

// ParseFormats reads a comma-separated list such as "pdf,docx". Duplicates
// are dropped; the result keeps the order of Formats.
func ParseFormats(s string) ([]Format, error) {
	want := map[Format]bool{}
	for _, p := range strings.Split(s, ",") {
		f := Format(strings.ToLower(strings.TrimSpace(p)))
		if f == "" {
			continue
		}
		if _, ok := writers[f]; !ok {
			return nil, fmt.Errorf("render: 未知的输出格式 %q（可用：pdf、docx、html、ofd）", p)
		}
		want[f] = true
	}
	var fs []Format
	for _, f := range All {
		if want[f] {
			fs = append(fs, f)
		}
	}
	if len(fs) == 0 {
		return nil, errors.New("render: 未指定输出格式")
	}
	return fs, nil
}

// Options says how to render a report.
type Options struct {
	// HTMLFragment writes the HTML as the article alone, for a CMS column.
	// (Fonts are read by the PDF and the OFD writers.)
	HTMLFragment bool

	Style   *style.Style // nil: style.Gongwen
	Fonts   *fonts.Set   // nil: fonts.Embedded(); PDF, OFD and DOCX read fonts
	Formats []Format     // nil: every format
	Date    time.Time    // the file's creation date; zero: Date(r)
	PDFA    bool         // write the PDF as PDF/A-3B, for archives

	// DOCXFonts are the font names written into the DOCX per role; nil:
	// docx.DefaultFonts (the names Windows ships).
	DOCXFonts map[fonts.Role]docx.FontNames

	// Buffers, when set, gives the output buffers and takes them back
	// (Buffers.Put) once the caller is done with them: a batch reuses a
	// few buffers instead of allocating a 512 KB one per PDF.
	Buffers *Buffers

	data  *pdf.File     // the report's data, embedded in the PDF (pdfdata)
	pages []layout.Page // the laid-out pages, once per report for PDF and OFD
}

// writers renders one format of a built document.
var writers = map[Format]func(w io.Writer, d *document.Document, opts *Options) error{
	PDF:  writePDF,
	DOCX: writeDOCX,
	HTML: writeHTML,
	OFD:  writeOFD,
}

// pages lays the document out with the fonts of opts (the embedded ones
// when none are given), for the writers of fixed pages: PDF and OFD share
// the pages of one report.
func pages(d *document.Document, opts *Options) ([]layout.Page, error) {
	if opts.pages != nil {
		return opts.pages, nil
	}
	fs := opts.Fonts
	if fs == nil {
		var err error
		if fs, err = fonts.Embedded(); err != nil {
			return nil, err
		}
	}
	ps, err := layout.Layout(d, opts.Style, fs)
	opts.pages = ps
	return ps, err
}

// writePDF lays the document out and draws the pages.
func writePDF(w io.Writer, d *document.Document, opts *Options) error {
	ps, err := pages(d, opts)
	if err != nil {
		return err
	}
	return pdf.Write(w, ps, d.Meta, pdf.Options{Date: opts.Date, PDFA: opts.PDFA, Document: d, Data: opts.data})
}

// writeHTML writes the document as a web page; the browser lays it out.
func writeHTML(w io.Writer, d *document.Document, opts *Options) error {
	return html.Write(w, d, html.Options{Fragment: opts.HTMLFragment})
}

// writeOFD lays the document out as for the PDF and writes the same pages
// as OFD.
func writeOFD(w io.Writer, d *document.Document, opts *Options) error {
	ps, err := pages(d, opts)
	if err != nil {
		return err
	}
	return ofd.Write(w, ps, d.Meta, ofd.Options{Date: opts.Date})
}

// writeDOCX writes the document for Word, which lays it out itself.
func writeDOCX(w io.Writer, d *document.Document, opts *Options) error {
	return docx.Write(w, d, opts.Style, docx.Options{Date: opts.Date, Metrics: opts.Fonts, Fonts: opts.DOCXFonts})
}

// Report renders a completed, validated report into one buffer per format.
// It writes no files.
func Report(r *report.Report, opts Options) (map[Format][]byte, error) {
	if opts.Style == nil {
		opts.Style = style.Gongwen
	}
	if opts.Formats == nil {
		opts.Formats = Formats
	}
	if opts.Date.IsZero() {
		opts.Date = Date(r)
	}
	d, err := document.Build(r)
	if err != nil {
		return nil, err
	}
	if slices.Contains(opts.Formats, PDF) {
		data, err := pdfdata.Encode(r)
		if err != nil {
			return nil, err
		}
		opts.data = &pdf.File{Name: pdfdata.DataName, Type: pdfdata.MIME, Desc: pdfdata.Desc, Data: data}
	}
	out := make(map[Format][]byte, len(opts.Formats))
	for _, f := range opts.Formats {
		write, ok := writers[f]
		if !ok {
			return nil, fmt.Errorf("render: %s 输出尚不可用", f)
		}
		b := buffer(opts.Buffers.get(f))
		if err := write(&b, d, &opts); err != nil {
			return nil, fmt.Errorf("render: %s: %w", f, err)
		}
		out[f] = b
	}
	return out, nil
}

// sizeHint is the usual size of an output file, so that its buffer is
// allocated once: a PDF with subset CJK fonts is 250–550 KB, a DOCX 10–20 KB.
var sizeHint = map[Format]int{PDF: 512 << 10, DOCX: 32 << 10, HTML: 64 << 10, OFD: 512 << 10}

// Buffers keeps the output buffers that callers of Report have finished
// with, for the next reports: at most maxFree a format, enough for the
// workers of a batch, few enough that an idle pool holds little (a PDF's
// is ~0.5 MB). It is safe for concurrent use; the zero value is ready,
// and a nil *Buffers allocates a new buffer each time.
type Buffers struct {
	once sync.Once
	free map[Format]*memo.Free[[]byte]
}

const maxFree = 4

// list returns the free list of format f, nil for a format it has none of.
func (p *Buffers) list(f Format) *memo.Free[[]byte] {
	p.once.Do(func() {
		p.free = map[Format]*memo.Free[[]byte]{}
		for g := range sizeHint {
			p.free[g] = memo.NewFree[[]byte](maxFree)
		}
	})
	return p.free[f]
}

// get returns an empty buffer for format f.
func (p *Buffers) get(f Format) []byte {
	if p != nil && p.list(f) != nil {
		if b, ok := p.list(f).Get(); ok {
			return b[:0]
		}
	}
	return make([]byte, 0, sizeHint[f])
}

// Put gives back buffer b of format f, as returned by Report. The caller
// must hold no reference to b (nor to any part of it) afterwards: the next
// report overwrites it.
func (p *Buffers) Put(f Format, b []byte) {
	if p == nil || cap(b) == 0 || p.list(f) == nil {
		return
	}
	p.list(f).Put(b[:0])
}

// buffer is a minimal io.Writer into a byte slice.
type buffer []byte

func (b *buffer) Write(p []byte) (int, error) {
	*b = append(*b, p...)
	return len(p), nil
}

// Date is the creation date written into a report's files: its closing date
// (2022年1月20日, or 二〇二二年一月二十日), else $SOURCE_DATE_EPOCH
// (reproducible-builds.org), else 1 January of the following year. It never
// reads the clock, so the same input gives the same bytes.
func Date(r *report.Report) time.Time {
	if t, ok := parseDate(r.Closing.Date); ok {
		return t
	}
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil && n >= 0 {
			return time.Unix(n, 0).UTC()
		}
	}
	return document.Meta{Year: r.Year}.FallbackDate()
}

// parseDate reads a Chinese date: year 年 month 月 day 日, each in Arabic or
// Chinese digits (〇一二…十).
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	var n [3]int
	for i, sep := range []string{"年", "月", "日"} {
		k := strings.Index(s, sep)
		if k <= 0 {
			return time.Time{}, false
		}
		v, ok := chineseNumber(strings.TrimSpace(s[:k]))
		if !ok {
			return time.Time{}, false
		}
		n[i] = v
		s = s[k+len(sep):]
	}
	y, m, d := n[0], n[1], n[2]
	if y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d { // 2月30日
		return time.Time{}, false
	}
	return t, true
}

// chineseNumber reads "2022", "二〇二二" (digit by digit) or "二十一" (with 十).
func chineseNumber(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	digits := map[rune]int{'〇': 0, '零': 0, 'O': 0, '○': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	if strings.ContainsRune(s, '十') {
		tens, ones := 1, 0
		before, after, _ := strings.Cut(s, "十")
		if before != "" {
			v, ok := digits[[]rune(before)[0]]
			if !ok || utf8.RuneCountInString(before) != 1 {
				return 0, false
			}
			tens = v
		}
		if after != "" {
			v, ok := digits[[]rune(after)[0]]
			if !ok || utf8.RuneCountInString(after) != 1 {
				return 0, false
			}
			ones = v
		}
		return tens*10 + ones, true
	}
	n := 0
	for _, c := range s {
		v, ok := digits[c]
		if !ok {
			return 0, false
		}
		n = n*10 + v
	}
	return n, true
}

// DefaultName is the output name of `nianbao render` and `nianbao batch`.
const DefaultName = "{agency}-{year}年政府信息公开工作年度报告.{ext}"

// maxNameBytes is the longest file name that ext4, XFS, APFS and NTFS all
// accept (255 bytes; NTFS counts 255 UTF-16 units, which is more for Chinese).
const maxNameBytes = 255

// reservedNames are the device names that Windows refuses as a file name,
// with or without an extension.
var reservedNames = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true,
	"COM1": true, "COM2": true, "COM3": true, "COM4": true, "COM5": true, "COM6": true, "COM7": true, "COM8": true, "COM9": true,
	"LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true, "LPT5": true, "LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true}

// fullWidth replaces the characters that no file name may hold on some
// system by their full-width forms, so that 市/区 reads as 市／区.
var fullWidth = strings.NewReplacer(
	"/", "／", `\`, "＼", ":", "：", "*", "＊", "?", "？", `"`, "＂", "<", "＜", ">", "＞", "|", "｜",
)

// FileName makes the output name of report r in format f from tmpl, whose
// placeholders are {agency}, {year} and {ext}; a template without {ext}
// gets ".{ext}" appended. The agency name is neutralised: separators and
// Windows-reserved characters become their full-width forms, control and
// format characters are dropped, and the name is shortened (at a character
// boundary) so that the whole fits in 255 bytes. The result is always a
// plain name in the output directory: never empty, ".", "..", absolute,
// hidden or holding a separator.
func FileName(tmpl string, r *report.Report, f Format) (string, error) {
	if tmpl == "" {
		tmpl = DefaultName
	}
	if strings.ContainsAny(tmpl, `/\`) || strings.ContainsFunc(tmpl, badRune) {
		return "", fmt.Errorf("render: 文件名模板 %q 不能含路径分隔符或控制字符", tmpl)
	}
	if !strings.Contains(tmpl, "{ext}") {
		tmpl += ".{ext}"
	}
	if err := checkTemplate(tmpl); err != nil {
		return "", err
	}
	agency := cleanAgency(r.Agency)
	if agency == "" {
		return "", errors.New("render: 机关名称为空，无法生成文件名")
	}
	// The fixed part of the name, with an empty agency.
	expand := func(agency string) string {
		return strings.NewReplacer("{agency}", agency, "{year}", strconv.Itoa(r.Year), "{ext}", string(f)).Replace(tmpl)
	}
	if n := strings.Count(tmpl, "{agency}"); n > 0 {
		room := maxNameBytes - len(expand(""))
		if room < n*len("…") {
			return "", fmt.Errorf("render: 文件名模板 %q 太长", tmpl)
		}
		if len(agency)*n > room {
			agency = truncate(agency, room/n-len("…")) + "…"
		}
	}
	name := expand(agency)
	name = strings.TrimRight(name, ". ") // Windows drops trailing dots and spaces
	name = strings.TrimLeft(name, ". ")  // no hidden files, no "..": names start with a character
	if name == "" || len(name) > maxNameBytes {
		return "", fmt.Errorf("render: 无法由模板 %q 生成文件名", tmpl)
	}
	base, _, _ := strings.Cut(name, ".")
	if reservedNames[strings.ToUpper(strings.TrimSpace(base))] {
		name = "_" + name
	}
	if !filepath.IsLocal(name) || filepath.Base(name) != name {
		return "", fmt.Errorf("render: 文件名 %q 不安全", name)
	}
	return name, nil
}

// checkTemplate refuses unknown placeholders such as {agnecy}.
func checkTemplate(tmpl string) error {
	s := tmpl
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			return nil
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return fmt.Errorf("render: 文件名模板 %q 的 { 未闭合", tmpl)
		}
		switch p := s[i : i+j+1]; p {
		case "{agency}", "{year}", "{ext}":
		default:
			return fmt.Errorf("render: 文件名模板 %q 含未知占位符 %s（可用：{agency}、{year}、{ext}）", tmpl, p)
		}
		s = s[i+j+1:]
	}
}

// badRune reports characters that have no place in a file name: C0 and C1
// controls (NUL among them), format characters such as U+202E that reverse
// the text around them, line and paragraph separators.
func badRune(c rune) bool {
	return unicode.IsControl(c) || unicode.Is(unicode.Cf, c) || c == '\u2028' || c == '\u2029' || c == utf8.RuneError
}

// cleanAgency neutralises an agency name for use inside a file name.
func cleanAgency(s string) string {
	s = strings.Map(func(c rune) rune {
		if badRune(c) {
			return -1
		}
		return c
	}, s)
	s = fullWidth.Replace(s)
	return strings.Trim(s, ". ") // "..", ".hidden", "name."

}

// truncate shortens s to at most n bytes at a character boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
