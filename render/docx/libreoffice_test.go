package docx

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/layout"
	"github.com/nianbao/nianbao/style"
)

// sofficeTimeout bounds one conversion run of every fixture: the first start
// of LibreOffice takes 10–20 s on CI, each document well under a second.
const sofficeTimeout = 3 * time.Minute

// TestLibreOffice converts the DOCX of every fixture in every style to PDF
// with LibreOffice and checks the result: the conversion succeeds, the text
// holds every paragraph, label and row of numbers, and the page count is
// within one of our own PDF's (layout.Layout with the embedded fonts).
// It is skipped when soffice or poppler is not installed (CI installs
// both) and with -short. Set NIANBAO_DOCX_KEEP=dir to keep the files.
func TestLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping LibreOffice")
	}
	for _, tool := range []string{"soffice", "pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("NIANBAO_REQUIRE_TOOLS") != "" {
				t.Fatalf("%s not installed, and NIANBAO_REQUIRE_TOOLS is set (.ci/run installs it)", tool)
			}
			t.Skipf("%s not installed", tool)
		}
	}
	soffice, _ := exec.LookPath("soffice")
	joins := joinsRunIn(t, soffice)
	dir := t.TempDir()
	if keep := os.Getenv("NIANBAO_DOCX_KEEP"); keep != "" {
		dir = keep
	}
	type conv struct {
		name  string
		doc   *document.Document
		style string
	}
	var convs []conv
	var files []string
	for _, f := range fixtures(t) {
		for _, s := range styles {
			name := f.name + "." + s.Name
			path := filepath.Join(dir, name+".docx")
			if err := os.WriteFile(path, write(t, f.doc, s, Options{}), 0o644); err != nil {
				t.Fatal(err)
			}
			convs = append(convs, conv{name, f.doc, s.Name})
			files = append(files, path)
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), sofficeTimeout)
	defer cancel()
	env := sofficeEnv(t)
	profile := "file://" + filepath.ToSlash(filepath.Join(t.TempDir(), "lo-profile"))
	args := append([]string{"-env:UserInstallation=" + profile, "--headless", "--norestore",
		"--convert-to", "pdf", "--outdir", dir}, files...)
	cmd := exec.CommandContext(ctx, soffice, args...)
	cmd.Env = env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out.String())
	}

	embedded, err := fonts.Embedded()
	if err != nil {
		t.Logf("fonts.Embedded: %v; page counts not compared", err)
	}
	for _, c := range convs {
		pdf := filepath.Join(dir, c.name+".pdf")
		if _, err := os.Stat(pdf); err != nil {
			t.Errorf("%s: no PDF from LibreOffice: %v\n%s", c.name, err, out.String())
			continue
		}
		text := pdfText(t, pdf, "-raw")
		// In content order a table cell's lines stay together; LibreOffice
		// draws glyphs from a fallback font (堃 喆 镕) after the rest of
		// their line, so prose is also read in reading order.
		read := pdfText(t, pdf)
		for _, want := range expectedTexts(c.doc) {
			if !strings.Contains(text, want) && !strings.Contains(read, want) {
				t.Errorf("%s: LibreOffice's PDF lacks %q", c.name, want)
			}
		}
		if embedded == nil {
			continue
		}
		s := styles[0]
		for _, st := range styles {
			if st.Name == c.style {
				s = st
			}
		}
		pages, err := layout.Layout(c.doc, s, embedded)
		if err != nil {
			t.Errorf("%s: layout.Layout: %v", c.name, err)
			continue
		}
		got := pdfPages(t, pdf)
		slack := 1
		if c.style == "gongwen" {
			slack = 0 // the style of the official format: page for page
		}
		if d := got - len(pages); d < -slack || d > slack {
			t.Errorf("%s: LibreOffice sets %d pages, our PDF %d; want within %d", c.name, got, len(pages), slack)
		} else {
			t.Logf("%s: LibreOffice %d pages, our PDF %d", c.name, got, len(pages))
		}
		checkTable3Break(t, c.name, c.style, c.doc, s, embedded, pages, pdfPageTexts(t, pdf, got), joins)
		checkWidows(t, c.name, c.doc, pdfPageLines(t, pdf, got))
		checkClosing(t, c.name, c.doc, s, pages, pdf, got)
		// No number wraps in a cell: each is one word on one line.
		words := pdfWords(t, pdf)
		for _, n := range numbers(c.doc) {
			if !words[n] {
				t.Errorf("%s: LibreOffice does not set %q as one word on one line (wrapped in its cell?)", c.name, n)
			}
		}
	}
	roundTrip(t, ctx, soffice, env, dir, files[0])
}

// checkTable3Break checks that LibreOffice breaks Table 三 after the same
// row as our PDF, or one row off, in the gongwen style (the template's is
// logged: its prose is not on a grid, and LibreOffice's line breaks move
// the table). A LibreOffice that does not join run-in headings to their
// paragraphs (joins false: before 25.2) is held to our layout of the
// document as it shows it, with those headings on lines of their own (see
// headingsApart): everything else must match, the lines of each paragraph,
// the rows' heights, the gaps after tables.
func checkTable3Break(t *testing.T, name, styleName string, d *document.Document, s *style.Style, fs *fonts.Set, pages []layout.Page, lo []string, joins bool) {
	t.Helper()
	a, b := table3Break(d, pageTexts(pages)), table3Break(d, lo)
	if a < 0 {
		return
	}
	want, as := a, "our PDF"
	if sep := headingsApart(d); !joins && len(sep.Blocks) != len(d.Blocks) {
		sp, err := layout.Layout(sep, s, fs)
		if err != nil {
			t.Errorf("%s: layout.Layout with the run-in headings apart: %v", name, err)
			return
		}
		want, as = table3Break(d, pageTexts(sp)), "our layout with the run-in headings on lines of their own (as LibreOffice before 25.2 sets them)"
	}
	if styleName == "gongwen" && (b < want-1 || b > want+1) {
		t.Errorf("%s: LibreOffice breaks Table 三 after row %d, %s after row %d; want within one row", name, b, as, want)
		return
	}
	t.Logf("%s: Table 三 breaks after row %d in LibreOffice, row %d in %s", name, b, want, as)
}

// joinsRunIn reports whether this LibreOffice runs a heading whose
// paragraph mark is hidden (Word's style separator) into the paragraph
// after it, as Word does: 25.2 does (an inline heading), 7.4 shows the
// heading on a line of its own. CI (.ci/run, NIANBAO_REQUIRE_TOOLS)
// installs 25.2 and must have it.
func joinsRunIn(t *testing.T, soffice string) bool {
	t.Helper()
	out, err := exec.Command(soffice, "--version").Output()
	if err != nil {
		t.Fatalf("soffice --version: %v", err)
	}
	m := regexp.MustCompile(`LibreOffice (\d+)\.(\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("soffice --version: no version in %q", out)
	}
	major, _ := strconv.Atoi(string(m[1]))
	minor, _ := strconv.Atoi(string(m[2]))
	if major > 25 || major == 25 && minor >= 2 {
		return true
	}
	if os.Getenv("NIANBAO_REQUIRE_TOOLS") != "" {
		t.Fatalf("LibreOffice %s.%s joins no run-in headings; CI needs 25.2 or later (.ci/run installs it)", m[1], m[2])
	}
	t.Logf("LibreOffice %s.%s sets run-in headings on lines of their own; Table 三's break is compared with our layout of that", m[1], m[2])
	return false
}

// pageTexts returns the squeezed text of each page of our layout.
func pageTexts(pages []layout.Page) []string {
	var out []string
	for _, p := range pages {
		var b strings.Builder
		for _, tx := range p.Texts {
			b.WriteString(string(tx.Runes))
		}
		out = append(out, squeeze(b.String()))
	}
	return out
}

// sofficeEnv is the environment of LibreOffice: a fontconfig file that
// offers it the embedded fonts of our PDF under the names the DOCX asks for
// (宋体 → FandolSong, Times New Roman → Liberation Serif, 方正小标宋简体 →
// Noto Serif SC Bold, …), so that page counts and table breaks compare
// with the same metrics on any machine.
func sofficeEnv(t *testing.T) []string {
	t.Helper()
	fontDir, err := filepath.Abs("../../fonts/embedded")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>`)
	b.WriteString("<dir>" + fontDir + "</dir><cachedir>" + filepath.Join(dir, "cache") + "</cachedir>")
	for _, a := range [][2]string{{"宋体", "FandolSong"}, {"仿宋", "FandolFang"}, {"黑体", "FandolHei"},
		{"楷体", "FandolKai"}, {"Times New Roman", "Liberation Serif"}} {
		b.WriteString(`<alias binding="same"><family>` + a[0] + `</family><prefer><family>` + a[1] + `</family></prefer></alias>`)
	}
	b.WriteString(`<match target="pattern"><test name="family"><string>方正小标宋简体</string></test>` +
		`<edit name="family" mode="assign" binding="same"><string>Noto Serif SC</string></edit>` +
		`<edit name="weight" mode="assign"><const>bold</const></edit></match></fontconfig>`)
	conf := filepath.Join(dir, "fonts.conf")
	if err := os.WriteFile(conf, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return append(os.Environ(), "FONTCONFIG_FILE="+conf)
}

// pdfPageTexts returns the squeezed text of each page of a PDF.
func pdfPageTexts(t *testing.T, path string, n int) []string {
	t.Helper()
	var out []string
	for p := 1; p <= n; p++ {
		b, err := exec.Command("pdftotext", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), "-raw", "-enc", "UTF-8", path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", path, err)
		}
		out = append(out, squeeze(string(b)))
	}
	return out
}

// table3Break returns the last grid row of Table 三 on the page where the
// table starts, or -1 when the table is on one page: its row labels are
// looked for after the table's head on that page.
func table3Break(d *document.Document, pages []string) int {
	var g *document.Grid
	for _, b := range d.Blocks {
		if b.Kind == document.Table && b.Table.Form.Number == 3 {
			g = b.Table
		}
	}
	if g == nil {
		return -1
	}
	ft := g.Form
	head := squeeze(ft.Cells[0].Text)
	head = string([]rune(head)[:6])
	for k, p := range pages {
		i := strings.Index(p, head)
		if i < 0 {
			continue
		}
		p = p[i:]
		last := -1
		for r := ft.HeadRows; r < ft.Rows; r++ {
			label := ""
			for c := ft.Cols - 1; c >= 0; c-- {
				if i, origin := ft.Grid().At(r, c); origin && ft.Cells[i].Kind == form.Label && ft.Cells[i].RowSpan == 1 {
					label = ft.Cells[i].Text
					break
				}
			}
			if rs := []rune(label); len(rs) > 6 {
				label = string(rs[:6])
			}
			if j := strings.Index(p, label); label != "" && j >= 0 {
				last = r
				p = p[j+len(label):]
			}
		}
		if last == ft.Rows-1 || k == len(pages)-1 {
			return -1
		}
		return last
	}
	return -1
}

// pdfWords returns the words pdftotext finds in a PDF, each on one line.
func pdfWords(t *testing.T, path string) map[string]bool {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox %s: %v", path, err)
	}
	words := map[string]bool{}
	for _, m := range regexp.MustCompile(`<word [^>]*>([^<]*)</word>`).FindAllSubmatch(out, -1) {
		w := string(m[1])
		words[leadingNumber(w)] = true
	}
	return words
}

// numbers lists the numbers of every table cell, without their notes.
func numbers(d *document.Document) []string {
	var out []string
	for _, b := range d.Blocks {
		if b.Kind != document.Table {
			continue
		}
		for i, c := range b.Table.Form.Cells {
			if c.Kind != form.Value {
				continue
			}
			if n := leadingNumber(b.Table.Texts[i]); n != "" {
				out = append(out, n)
			}
		}
	}
	return out
}

// leadingNumber returns the number that starts s, without a note or unit
// after it: 26 of 26（含自然失效9件）, 3862.57 of 3862.57万元.
func leadingNumber(s string) string {
	k := strings.IndexFunc(s, func(r rune) bool { return !(r >= '0' && r <= '9' || r == '.' || r == '-' || r == '+') })
	if k < 0 {
		return s
	}
	return s[:k]
}

// roundTrip opens a DOCX in LibreOffice and saves it as DOCX again, as a
// clerk would: the result has no w:charSpace outside Int32 (LibreOffice
// writes a negative one as 4294966271) and Table 四 keeps its 15 grid
// columns (alternating 589/590 widths came back with a 16th of 1 twip).
func roundTrip(t *testing.T, ctx context.Context, soffice string, env []string, dir, path string) {
	t.Helper()
	out := filepath.Join(dir, "roundtrip")
	profile := "file://" + filepath.ToSlash(filepath.Join(t.TempDir(), "lo-profile"))
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation="+profile, "--headless", "--norestore",
		"--convert-to", "docx:MS Word 2007 XML", "--outdir", out, path)
	cmd.Env = env
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice round trip: %v\n%s", err, b)
	}
	data, err := os.ReadFile(filepath.Join(out, filepath.Base(path)))
	if err != nil {
		t.Fatal(err)
	}
	parts, _ := unzip(t, data)
	doc := string(parts["word/document.xml"])
	for _, m := range regexp.MustCompile(`w:charSpace="(-?\d+)"`).FindAllStringSubmatch(doc, -1) {
		if v, err := strconv.ParseInt(m[1], 10, 64); err != nil || v > 1<<31-1 || v < -(1<<31) {
			t.Errorf("round trip: w:charSpace=%q is not an Int32", m[1])
		}
	}
	grids := regexp.MustCompile(`<w:tblGrid>(.*?)</w:tblGrid>`).FindAllStringSubmatch(doc, -1)
	if len(grids) != 3 {
		t.Fatalf("round trip: %d tables, want 3", len(grids))
	}
	if n := strings.Count(grids[2][1], "<w:gridCol "); n != 15 {
		t.Errorf("round trip: Table 四 has %d grid columns, want 15", n)
	}
}

// pageNumber is the footer as pdftotext gives it, "— 3 —".
var pageNumber = regexp.MustCompile(`—\s*\d+\s*—`)

// pdfText is the text of a PDF (in content order with -raw), without page
// numbers and white space, so that text broken over lines, cells and pages
// reads whole.
func pdfText(t *testing.T, path string, flags ...string) string {
	t.Helper()
	args := append(flags, "-enc", "UTF-8", path, "-")
	out, err := exec.Command("pdftotext", args...).Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return squeeze(pageNumber.ReplaceAllString(string(out), ""))
}

func pdfPages(t *testing.T, path string) int {
	t.Helper()
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v", path, err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo %s: no page count in\n%s", path, out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// squeeze drops all white space.
func squeeze(s string) string {
	return strings.Join(strings.Fields(s), "")
}

// expectedTexts lists what the PDF must hold, without white space: every
// title, paragraph, note and closing line; every label of every table; and
// each table row's values in order, so that a number in the wrong cell of
// its row shows.
func expectedTexts(d *document.Document) []string {
	var out []string
	add := func(s string) {
		if s = squeeze(s); s != "" {
			out = append(out, s)
		}
	}
	for _, b := range d.Blocks {
		switch b.Kind {
		case document.Title, document.Closing:
			for _, l := range b.Lines {
				add(l)
			}
		case document.Table:
			g := b.Table.Form.Grid()
			for r := 0; r < g.Rows; r++ {
				var values strings.Builder
				for c := 0; c < g.Cols; c++ {
					i, origin := g.At(r, c)
					if !origin {
						continue
					}
					if b.Table.Form.Cells[i].Kind == form.Value {
						values.WriteString(b.Table.Texts[i])
					} else {
						add(b.Table.Texts[i])
					}
				}
				add(values.String())
			}
		default:
			add(b.Lead + b.Text)
		}
	}
	return out
}

// headingsApart returns d with each run-in heading on a line of its own: a
// Heading 2 block before its paragraph, which then starts with the usual
// indent. This is how LibreOffice 7.4 lays out the DOCX: it does not
// implement Word's style separator (w:specVanish on the heading's paragraph
// mark), which Word documents as joining the two paragraphs on one line.
// Measured on city-wide-2024 (gongwen): the paragraphs of 一、总体情况 take
// 1+9, 1+10, 1+9, 1+9 and 1+6 lines in LibreOffice 7.4 against 9, 11, 9, 10
// and 6 in the PDF, so Table 二 starts page 4 and Table 三 breaks after
// row 4 there, where the PDF (and LibreOffice 25.2) break after row 12.
func headingsApart(d *document.Document) *document.Document {
	out := *d
	out.Blocks = nil
	for _, b := range d.Blocks {
		if b.Kind == document.Paragraph && b.Lead != "" {
			out.Blocks = append(out.Blocks, document.Block{Kind: document.Heading2, Text: b.Lead, Source: b.Source})
			b.Lead = ""
		}
		out.Blocks = append(out.Blocks, b)
	}
	return &out
}
