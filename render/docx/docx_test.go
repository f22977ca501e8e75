package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/columns"
	"github.com/nianbao/nianbao/document"
	nbfixtures "github.com/nianbao/nianbao/fixtures"
	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/layout"
	"github.com/nianbao/nianbao/style"
)

var styles = []*style.Style{style.Gongwen, style.Template}

// fixture is one report of fixtures/ built into a document.
type fixture struct {
	name string
	doc  *document.Document
}

// fixtures returns the document of every valid report of fixtures/, sorted
// by name.
func fixtures(t testing.TB) []fixture {
	t.Helper()
	all, err := nbfixtures.Documents()
	if err != nil {
		t.Fatal(err)
	}
	var out []fixture
	for _, f := range all {
		out = append(out, fixture{f.Name, f.Doc})
	}
	return out
}

// sample is the sample report (乐清市司法局 2021).
func sample(t testing.TB) *document.Document {
	t.Helper()
	for _, f := range fixtures(t) {
		if f.name == nbfixtures.Sample {
			return f.doc
		}
	}
	t.Fatalf("no fixture %s", nbfixtures.Sample)
	return nil
}

func write(t testing.TB, d *document.Document, s *style.Style, opts Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, d, s, opts); err != nil {
		t.Fatalf("Write(%s): %v", s.Name, err)
	}
	return b.Bytes()
}

// unzip returns the parts of a package by name, and their names in order.
func unzip(t testing.TB, data []byte) (map[string][]byte, []string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("zip.NewReader: %v", err)
	}
	parts := map[string][]byte{}
	var names []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("open %s: %v", f.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("read %s: %v", f.Name, err)
		}
		parts[f.Name] = b
		names = append(names, f.Name)
	}
	return parts, names
}

// The parts of word/document.xml that the tests read back.
type (
	xDocument struct {
		Body xBody `xml:"body"`
	}
	xBody struct {
		Items []xItem `xml:",any"`
	}
	// xItem is a w:p or a w:tbl of the body, in order.
	xItem struct {
		XMLName xml.Name
		Style   xVal      `xml:"pPr>pStyle"`
		Mark    *struct{} `xml:"pPr>rPr>specVanish"` // a hidden paragraph mark: runs into the next
		Vanish  *struct{} `xml:"pPr>rPr>vanish"`
		Indent  *xVal     `xml:"pPr>ind"`
		Jc      xVal      `xml:"pPr>jc"`
		Keep    *struct{} `xml:"pPr>keepNext"`
		Spacing *xVal     `xml:"pPr>spacing"`
		CellTop xVal      `xml:"tblPr>tblCellMar>top"`
		CellBot xVal      `xml:"tblPr>tblCellMar>bottom"`
		Runs    []xRun    `xml:"r"`
		Grid    []xVal    `xml:"tblGrid>gridCol"`
		Width   xVal      `xml:"tblPr>tblW"`
		Rows    []xRow    `xml:"tr"`
	}
	xRow struct {
		CantSplit *struct{} `xml:"trPr>cantSplit"`
		Header    *struct{} `xml:"trPr>tblHeader"`
		Cells     []xCell   `xml:"tc"`
	}
	xCell struct {
		Span      *xVal       `xml:"tcPr>gridSpan"`
		VMerge    *xVal       `xml:"tcPr>vMerge"`
		Shade     *xVal       `xml:"tcPr>shd"`
		Direction *xVal       `xml:"tcPr>textDirection"`
		Paras     []xCellPara `xml:"p"`
	}
	xCellPara struct {
		KeepNext *struct{} `xml:"pPr>keepNext"`
		Jc       xVal      `xml:"pPr>jc"`
		Runs     []xRun    `xml:"r"`
	}
	xRun struct {
		Style xVal      `xml:"rPr>rStyle"`
		Texts []string  `xml:"t"`
		Break *struct{} `xml:"br"`
	}
	xVal struct {
		Before string `xml:"before,attr"`
		Right  string `xml:"right,attr"`
		Left   string `xml:"left,attr"`
		Val    string `xml:"val,attr"`
		W      string `xml:"w,attr"`
		Fill   string `xml:"fill,attr"`
		First  string `xml:"firstLine,attr"`
		FirstC string `xml:"firstLineChars,attr"`
	}
)

func (c *xCell) text() string {
	var s strings.Builder
	for _, p := range c.Paras {
		for _, r := range p.Runs {
			s.WriteString(strings.Join(r.Texts, ""))
		}
	}
	return s.String()
}

// breakAfter returns the text before the paragraph's first w:br, or "".
func (p *xCellPara) breakAfter() string {
	var s strings.Builder
	for _, r := range p.Runs {
		if r.Break != nil {
			return s.String()
		}
		s.WriteString(strings.Join(r.Texts, ""))
	}
	return ""
}

func (it *xItem) text() string {
	var s strings.Builder
	for _, r := range it.Runs {
		s.WriteString(strings.Join(r.Texts, ""))
	}
	return s.String()
}

func parseDocument(t testing.TB, data []byte) []xItem {
	t.Helper()
	parts, _ := unzip(t, data)
	var d xDocument
	if err := xml.Unmarshal(parts["word/document.xml"], &d); err != nil {
		t.Fatalf("word/document.xml: %v", err)
	}
	return d.Body.Items
}

// TestTablesFollowForm reads every table back and checks it slot by slot
// against form's grid: rows, grid columns and their widths, w:gridSpan,
// w:vMerge restart/continue, head rows, cantSplit, keepNext of the Keep
// ranges, band shading, and the text of every cell.
func TestTablesFollowForm(t *testing.T) {
	for _, f := range fixtures(t) {
		for _, s := range styles {
			items := parseDocument(t, write(t, f.doc, s, Options{}))
			var tables []xItem
			for _, it := range items {
				if it.XMLName.Local == "tbl" {
					tables = append(tables, it)
				}
			}
			var want []*document.Grid
			for _, b := range f.doc.Blocks {
				if b.Kind == document.Table {
					want = append(want, b.Table)
				}
			}
			if len(tables) != len(want) {
				t.Fatalf("%s/%s: %d tables, want %d", f.name, s.Name, len(tables), len(want))
			}
			for k := range want {
				checkTable(t, f.name+"/"+s.Name, s, &tables[k], want[k])
			}
		}
	}
}

func checkTable(t *testing.T, name string, s *style.Style, got *xItem, want *document.Grid) {
	ft := want.Form
	g := ft.Grid()
	name += " " + ft.Name
	if len(got.Grid) != g.Cols {
		t.Errorf("%s: %d grid columns, want %d", name, len(got.Grid), g.Cols)
	}
	// The grid is package columns' plan, the PDF's widths, twip for twip,
	// adding up to the table width.
	fs, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	plan := columns.Fit(want, s, fs)
	total := 0
	for c, gc := range got.Grid {
		total += atoi(gc.W)
		if c < len(plan.Widths) && float64(atoi(gc.W)) != plan.Widths[c].Pt()*20 {
			t.Errorf("%s: grid column %d is %s twips, columns.Fit says %.2f", name, c, gc.W, plan.Widths[c].Pt()*20)
		}
	}
	if w := s.TableWidth.Twips(); total != w || atoi(got.Width.W) != w {
		t.Errorf("%s: columns add up to %d twips, tblW %s, want %d", name, total, got.Width.W, w)
	}
	if len(got.Rows) != g.Rows {
		t.Fatalf("%s: %d rows, want %d", name, len(got.Rows), g.Rows)
	}
	// Rows keep with the next as the PDF's (columns.KeepWithNext).
	keep := columns.KeepWithNext(ft, s, plan.Size)
	for r, row := range got.Rows {
		if row.CantSplit == nil {
			t.Errorf("%s row %d: no w:cantSplit", name, r)
		}
		if (row.Header != nil) != (r < ft.HeadRows) {
			t.Errorf("%s row %d: w:tblHeader %v, want %v", name, r, row.Header != nil, r < ft.HeadRows)
		}
		c := 0
		for j, tc := range row.Cells {
			if c >= g.Cols {
				t.Errorf("%s row %d: cell %d starts past the %d grid columns", name, r, j, g.Cols)
				break
			}
			i, _ := g.At(r, c)
			cell := &ft.Cells[i]
			at := func() string { return name + " (" + itoa(r) + "," + itoa(c) + ")" }
			if cell.Col != c {
				t.Errorf("%s: w:tc starts inside cell %q at column %d", at(), cell.Text, cell.Col)
			}
			span := 1
			if tc.Span != nil {
				span = atoi(tc.Span.Val)
			}
			if span != cell.ColSpan {
				t.Errorf("%s: gridSpan %d, want %d", at(), span, cell.ColSpan)
			}
			var merge, wantMerge string
			if tc.VMerge != nil {
				merge = "continue"
				if tc.VMerge.Val != "" {
					merge = tc.VMerge.Val
				}
			}
			if cell.RowSpan > 1 {
				wantMerge = "continue"
				if r == cell.Row {
					wantMerge = "restart"
				}
			}
			if merge != wantMerge {
				t.Errorf("%s: vMerge %q, want %q", at(), merge, wantMerge)
			}
			wantText := ""
			if r == cell.Row {
				wantText = want.Texts[i]
			}
			if got := tc.text(); got != wantText {
				t.Errorf("%s: text %q, want %q", at(), got, wantText)
			}
			if (tc.Shade != nil) != (cell.Kind == form.Band) {
				t.Errorf("%s: shaded %v, want %v", at(), tc.Shade != nil, cell.Kind == form.Band)
			}
			if (tc.Direction != nil) != cell.Vertical || cell.Vertical && tc.Direction.Val != "tbRlV" {
				t.Errorf("%s: textDirection %v, want tbRlV only in the vertical cell", at(), tc.Direction)
			}
			if cell.Kind == form.Label && r == cell.Row && len(tc.Paras) > 0 {
				if br := tc.Paras[0].breakAfter(); br != "" && br != string([]rune(cell.Text)[:columns.Enumerator(cell.Text)]) {
					t.Errorf("%s: label breaks after %q, want after its enumerator or not at all", at(), br)
				}
			}
			if cell.Kind == form.Value && r == cell.Row && len(tc.Paras) > 0 {
				if br := tc.Paras[0].breakAfter(); br != "" && !strings.HasPrefix(want.Texts[i][len(br):], "（") {
					t.Errorf("%s: value %q breaks after %q, want only before its note's （", at(), want.Texts[i], br)
				}
			}
			for _, p := range tc.Paras {
				if wantKeep := keep[r] || r < ft.HeadRows; (p.KeepNext != nil) != wantKeep {
					t.Errorf("%s: keepNext %v, want %v", at(), p.KeepNext != nil, wantKeep)
				}
			}
			c += span
		}
		if c != g.Cols {
			t.Errorf("%s row %d: cells span %d grid columns, want %d", name, r, c, g.Cols)
		}
	}
}

// TestTableThreeShape pins the facts of official-format.md §4–§5 that do not
// depend on reading form/: a mistake there shows here too.
func TestTableThreeShape(t *testing.T) {
	items := parseDocument(t, write(t, sample(t), style.Gongwen, Options{}))
	var tables []xItem
	for _, it := range items {
		if it.XMLName.Local == "tbl" {
			tables = append(tables, it)
		}
	}
	if len(tables) != 3 {
		t.Fatalf("%d tables, want 3", len(tables))
	}
	t2, t3, t4 := tables[0], tables[1], tables[2]
	if len(t2.Rows) != 14 || len(t3.Rows) != 28 || len(t4.Rows) != 4 {
		t.Fatalf("rows %d, %d, %d; want 14, 28, 4", len(t2.Rows), len(t3.Rows), len(t4.Rows))
	}
	if got := t2.Rows[0].Cells[0].Shade; got == nil || got.Fill != "D9D9D9" {
		t.Errorf("表二 band shading %+v, want fill D9D9D9 (gray 0.85)", got)
	}
	// 三、本年度办理结果: c1, rows 5–26, vertical text in one piece (Ctrl+F
	// finds it, a paste gives one line), not a character per line.
	first := t3.Rows[5].Cells[0]
	if first.VMerge == nil || first.VMerge.Val != "restart" || first.text() != "三、本年度办理结果" {
		t.Errorf("表三 (5,0) = %q merge %+v, want 三、本年度办理结果 restart", first.text(), first.VMerge)
	}
	if r := first.Paras[0].Runs; len(r) != 1 || len(r[0].Texts) != 1 || r[0].Break != nil {
		t.Errorf("表三 vertical cell in runs %+v, want one w:t and no w:br", r)
	}
	if first.Direction == nil || first.Direction.Val != "tbRlV" {
		t.Errorf("表三 vertical cell textDirection %+v, want tbRlV", first.Direction)
	}
	// Centred along its line, the cell's height, as in the PDF (LibreOffice
	// set it at the top of the cell when it was left-aligned).
	if jc := first.Paras[0].Jc.Val; jc != "center" {
		t.Errorf("表三 vertical cell jc %q, want center", jc)
	}
	// Group labels break after their enumerator, as the PDF does.
	for _, row := range []int{7, 15, 18, 23} {
		c := t3.Rows[row].Cells[1]
		if got := c.Paras[0].breakAfter(); !strings.HasPrefix(c.text(), got) || len([]rune(got)) != 3 {
			t.Errorf("表三 (%d,1) %q breaks after %q, want after its （N）", row, c.text(), got)
		}
	}
	for r := 6; r <= 26; r++ {
		if c := t3.Rows[r].Cells[0]; c.VMerge == nil || c.VMerge.Val != "" {
			t.Errorf("表三 (%d,0): vMerge %+v, want continue", r, c.VMerge)
		}
	}
	if c := t3.Rows[27].Cells[0]; c.VMerge != nil || c.Span == nil || c.Span.Val != "3" {
		t.Errorf("表三 row 27 (四、结转下年度继续办理): merge %+v span %+v, want none and 3", c.VMerge, c.Span)
	}
	if n := len(t4.Rows[3].Cells); n != 15 {
		t.Errorf("表四 value row has %d cells, want 15", n)
	}
}

// TestEveryTextPresent checks that every paragraph, heading, note and
// closing line of the document is in document.xml, in order and whole.
func TestEveryTextPresent(t *testing.T) {
	for _, f := range fixtures(t) {
		items := parseDocument(t, write(t, f.doc, style.Gongwen, Options{}))
		var paras []string
		joined, title, closing := false, false, false
		for _, it := range items {
			if it.XMLName.Local != "p" {
				continue
			}
			// The title's lines and the closing's are compared as one
			// text: a line too long for the measure is written as the
			// PDF breaks it.
			if joined || title && it.Style.Val == "Title" || closing && it.Style.Val == "Closing" {
				paras[len(paras)-1] += it.text()
			} else {
				paras = append(paras, it.text())
			}
			joined = it.Mark != nil
			title, closing = it.Style.Val == "Title", it.Style.Val == "Closing"
		}
		var want []string
		for _, b := range f.doc.Blocks {
			switch b.Kind {
			case document.Title, document.Closing:
				want = append(want, strings.Join(b.Lines, ""))
			case document.Table:
			default:
				want = append(want, b.Lead+b.Text)
			}
		}
		if !slices.Equal(paras, want) {
			t.Errorf("%s: paragraphs\n%q\nwant\n%q", f.name, paras, want)
		}
	}
}

func TestStyles(t *testing.T) {
	parts, _ := unzip(t, write(t, sample(t), style.Gongwen, Options{}))
	var st struct {
		Styles []struct {
			ID      string `xml:"styleId,attr"`
			Name    xVal   `xml:"name"`
			Outline *xVal  `xml:"pPr>outlineLvl"`
			Fonts   struct {
				EastAsia string `xml:"eastAsia,attr"`
				ASCII    string `xml:"ascii,attr"`
			} `xml:"rPr>rFonts"`
			Size    xVal  `xml:"rPr>sz"`
			Spacing *xVal `xml:"rPr>spacing"`
			Widow   *xVal `xml:"pPr>widowControl"`
		} `xml:"style"`
	}
	if err := xml.Unmarshal(parts["word/styles.xml"], &st); err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		name, outline, eastAsia, size string
	}{
		"Normal":    {"Normal", "", "仿宋", "32"},
		"Title":     {"Title", "", "方正小标宋简体", "44"},
		"Heading1":  {"heading 1", "0", "黑体", "32"},
		"Heading2":  {"heading 2", "1", "楷体", "32"},
		"TableText": {"Table Text", "", "宋体", "21"},
	}
	latin := map[string]string{"Title": "方正小标宋简体"} // the title's digits heavy, as in the PDF
	for _, s := range st.Styles {
		w, ok := want[s.ID]
		if !ok {
			continue
		}
		delete(want, s.ID)
		outline := ""
		if s.Outline != nil {
			outline = s.Outline.Val
		}
		wantLatin := latin[s.ID]
		if wantLatin == "" {
			wantLatin = "Times New Roman"
		}
		if s.Name.Val != w.name || outline != w.outline || s.Fonts.EastAsia != w.eastAsia || s.Size.Val != w.size || (s.Fonts.ASCII != "" && s.Fonts.ASCII != wantLatin) {
			t.Errorf("style %s = %q outline %q font %q/%q size %q; want %q outline %q font %q/%s size %q",
				s.ID, s.Name.Val, outline, s.Fonts.EastAsia, s.Fonts.ASCII, s.Size.Val, w.name, w.outline, w.eastAsia, wantLatin, w.size)
		}
	}
	for id := range want {
		t.Errorf("style %s missing", id)
	}
	// Normal's tracking (28 characters a line) stays with the body size:
	// the styles at other sizes reset it. Widow control is on for the
	// prose (Normal and the styles based on it), off for table text and
	// notes, as layout/ paginates (keepTwoLines).
	for _, s := range st.Styles {
		widow := "inherited"
		if s.Widow != nil {
			widow = "on"
			if s.Widow.Val == "0" || s.Widow.Val == "false" {
				widow = "off"
			}
		}
		want := map[string]string{"Normal": "on", "TableText": "off", "Note": "off"}[s.ID]
		if want == "" {
			want = "inherited"
		}
		if widow != want {
			t.Errorf("style %s: widow control %s, want %s", s.ID, widow, want)
		}
		switch s.ID {
		case "TableText", "Note", "Title", "Footer":
			if s.Spacing == nil || s.Spacing.Val != "0" {
				t.Errorf("style %s: letter spacing %+v, want 0 (not Normal's)", s.ID, s.Spacing)
			}
		}
	}
}

// TestRunInHeading checks that a run-in level-2 heading is a Heading 2
// paragraph with a hidden mark (w:vanish + w:specVanish) followed by its
// paragraph, so that Word runs them together and lists the heading in the
// navigation pane; the paragraph after it has no first-line indent of its
// own.
func TestRunInHeading(t *testing.T) {
	for _, f := range fixtures(t) {
		items := parseDocument(t, write(t, f.doc, style.Gongwen, Options{}))
		leads := 0
		for _, b := range f.doc.Blocks {
			if b.Lead != "" {
				leads++
			}
		}
		n := 0
		for k, it := range items {
			if it.Mark == nil {
				continue
			}
			n++
			if it.Style.Val != "Heading2" || it.Vanish == nil || k+1 == len(items) || items[k+1].Style.Val != "" || items[k+1].XMLName.Local != "p" {
				t.Errorf("%s: hidden-mark paragraph %q style %q vanish %v, want Heading2 with w:vanish before a Normal paragraph", f.name, it.text(), it.Style.Val, it.Vanish != nil)
				continue
			}
			// The line starts at the heading's indent: the paragraph it
			// runs into has none (LibreOffice 25.2 would add it).
			if in := items[k+1].Indent; in == nil || in.First != "0" || in.FirstC != "0" {
				t.Errorf("%s: the paragraph after run-in heading %q has indent %+v, want firstLine 0 and firstLineChars 0", f.name, it.text(), in)
			}
		}
		if n != leads {
			t.Errorf("%s: %d run-in headings, want %d", f.name, n, leads)
		}
	}
}

// TestClosingCentredOverDate checks the closing block in both styles: the
// agency in the lines the PDF sets it on (layout.ClosingLines), each a
// centred paragraph between indents symmetric about the axis the PDF
// centres it on, kept with the date; the date keeps the Closing style
// (right-aligned, 右空四字). Word's own width of a line (its spacing
// between Han and digits) then cannot move the centre: the indents worked
// out from an estimate of the date's width left the agency 11 pt right
// of the date in LibreOffice.
func TestClosingCentredOverDate(t *testing.T) {
	fs, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []*style.Style{style.Gongwen, style.Template} {
		for _, f := range fixtures(t) {
			var closing []string
			for _, b := range f.doc.Blocks {
				if b.Kind == document.Closing {
					closing = b.Lines
				}
			}
			if len(closing) < 2 {
				continue
			}
			placed, err := layout.ClosingLines(closing, s, fs)
			if err != nil {
				t.Fatal(err)
			}
			g := newGen(f.doc, s, Options{})
			var cl []xItem
			for _, it := range parseDocument(t, write(t, f.doc, s, Options{})) {
				if it.Style.Val == "Closing" {
					cl = append(cl, it)
				}
			}
			if len(cl) != len(placed) {
				t.Fatalf("%s %s: %d closing paragraphs, the PDF sets %d lines", s.Name, f.name, len(cl), len(placed))
			}
			date := cl[len(cl)-1]
			if date.Indent != nil || date.Jc.Val != "" {
				t.Errorf("%s %s: date has its own indent %+v or alignment %q, want the style's", s.Name, f.name, date.Indent, date.Jc.Val)
			}
			for i, it := range cl[:len(cl)-1] {
				if it.text() != placed[i].Text {
					t.Errorf("%s %s: agency line %q, the PDF's %q", s.Name, f.name, it.text(), placed[i].Text)
				}
				if it.Keep == nil || it.Jc.Val != "center" || it.Indent == nil {
					t.Errorf("%s %s: agency line %q: keepNext %v, jc %q, indent %+v; want kept with the date, centred between indents", s.Name, f.name, it.text(), it.Keep != nil, it.Jc.Val, it.Indent)
					continue
				}
				axis := (atoi(it.Indent.Left) + g.measure - atoi(it.Indent.Right)) // twice the axis
				if want := (2*placed[i].X + placed[i].W).Twips(); axis-want > 1 || want-axis > 1 {
					t.Errorf("%s %s: agency line %q centred at %d/2 twips, the PDF at %d/2", s.Name, f.name, it.text(), axis, want)
				}
			}
		}
	}
}

func TestPageSetup(t *testing.T) {
	tests := []struct {
		s       *style.Style
		sect    []string
		footers int
		even    bool
	}{
		{style.Gongwen, []string{`<w:pgSz w:w="11906" w:h="16838"/>`, `<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"`,
			`<w:docGrid w:type="lines" w:linePitch="579"/>`}, 2, true},
		{style.Template, []string{`<w:pgSz w:w="11906" w:h="16838"/>`, `<w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800"`,
			`<w:docGrid w:linePitch="360"/>`}, 1, false},
	}
	for _, tt := range tests {
		parts, _ := unzip(t, write(t, sample(t), tt.s, Options{}))
		doc := string(parts["word/document.xml"])
		for _, w := range tt.sect {
			if !strings.Contains(doc, w) {
				t.Errorf("%s: document.xml lacks %s", tt.s.Name, w)
			}
		}
		if even := strings.Contains(string(parts["word/settings.xml"]), "<w:evenAndOddHeaders/>"); even != tt.even {
			t.Errorf("%s: evenAndOddHeaders %v, want %v", tt.s.Name, even, tt.even)
		}
		// Punctuation compressed as in the Word template and the PDF.
		if w := `<w:characterSpacingControl w:val="compressPunctuation"/>`; !strings.Contains(string(parts["word/settings.xml"]), w) {
			t.Errorf("%s: settings.xml lacks %s", tt.s.Name, w)
		}
		if strings.Contains(doc, "w:charSpace") {
			t.Errorf("%s: document.xml has a w:charSpace (negative on the 28-character grid)", tt.s.Name)
		}
		n := 0
		for name, p := range parts {
			if strings.HasPrefix(name, "word/footer") {
				n++
				f := string(p)
				if !strings.Contains(f, `<w:instrText xml:space="preserve"> PAGE </w:instrText>`) || !strings.Contains(f, "— </w:t>") || !strings.Contains(f, "> —</w:t>") {
					t.Errorf("%s: %s has no — PAGE — field", tt.s.Name, name)
				}
			}
		}
		if n != tt.footers {
			t.Errorf("%s: %d footers, want %d", tt.s.Name, n, tt.footers)
		}
	}
	// Odd pages right, even pages left, one character in (GB/T 9704 §7.5).
	parts, _ := unzip(t, write(t, sample(t), style.Gongwen, Options{}))
	for name, want := range map[string]string{
		"word/footer1.xml": `<w:ind w:left="0" w:right="320" w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="right"/>`,
		"word/footer2.xml": `<w:ind w:left="320" w:right="0" w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="left"/>`,
	} {
		if !strings.Contains(string(parts[name]), want) {
			t.Errorf("%s lacks %s", name, want)
		}
	}
}

// TestPackage checks the parts, their order, that each is well-formed XML,
// and the core properties.
func TestPackage(t *testing.T) {
	date := time.Date(2022, 1, 20, 0, 0, 0, 0, time.UTC)
	parts, names := unzip(t, write(t, sample(t), style.Gongwen, Options{Date: date}))
	want := []string{"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml", "word/document.xml",
		"word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml", "word/fontTable.xml", "word/footer1.xml", "word/footer2.xml", "docProps/custom.xml"}
	if !slices.Equal(names, want) {
		t.Errorf("parts %q, want %q", names, want)
	}
	for name, p := range parts {
		d := xml.NewDecoder(bytes.NewReader(p))
		for {
			_, err := d.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Errorf("%s: %v", name, err)
				break
			}
		}
	}
	var core struct {
		Title    string `xml:"title"`
		Creator  string `xml:"creator"`
		Language string `xml:"language"`
		Created  string `xml:"created"`
		Modified string `xml:"modified"`
	}
	if err := xml.Unmarshal(parts["docProps/core.xml"], &core); err != nil {
		t.Fatal(err)
	}
	if core.Title != "乐清市司法局2021年政府信息公开工作年度报告" || core.Creator != "乐清市司法局" || core.Language != "zh-CN" ||
		core.Created != "2022-01-20T00:00:00Z" || core.Modified != core.Created {
		t.Errorf("core properties %+v", core)
	}
}

func TestDeterministic(t *testing.T) {
	d := sample(t)
	for _, s := range styles {
		a, b := write(t, d, s, Options{}), write(t, d, s, Options{})
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two writes differ", s.Name)
		}
		c := write(t, d, s, Options{Date: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
		if bytes.Equal(a, c) {
			t.Errorf("%s: Options.Date changes nothing", s.Name)
		}
	}
}

func TestFontOverride(t *testing.T) {
	opts := Options{Fonts: map[fonts.Role]FontNames{
		fonts.Body:  {EastAsia: "仿宋_GB2312"},
		fonts.Latin: {Latin: "Arial & Co"},
	}}
	parts, _ := unzip(t, write(t, sample(t), style.Gongwen, opts))
	st, ft := string(parts["word/styles.xml"]), string(parts["word/fontTable.xml"])
	for _, want := range []string{`w:eastAsia="仿宋_GB2312"`, `w:ascii="Arial &amp; Co"`, `w:eastAsia="黑体"`} {
		if !strings.Contains(st, want) {
			t.Errorf("styles.xml lacks %s", want)
		}
	}
	for _, want := range []string{`<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>`, `<w:font w:name="Arial &amp; Co">`} {
		if !strings.Contains(ft, want) {
			t.Errorf("fontTable.xml lacks %s", want)
		}
	}
	if strings.Contains(st, "Times New Roman") {
		t.Errorf("styles.xml still names Times New Roman")
	}
}

// TestEscaping writes XML specials everywhere a clerk can type text and
// reads them back unchanged.
func TestEscaping(t *testing.T) {
	d := sample(t)
	nasty := `A&B <公司> "引" 'x' ]]> &amp;`
	d.Meta.Author = nasty
	d.Meta.Title = nasty
	for i := range d.Blocks {
		b := &d.Blocks[i]
		switch b.Kind {
		case document.Paragraph:
			b.Text = nasty + b.Text + "\t末尾 "
		case document.Table:
			for j := range b.Table.Texts {
				b.Table.Texts[j] = nasty + b.Table.Texts[j]
			}
		}
	}
	data := write(t, d, style.Gongwen, Options{})
	items := parseDocument(t, data)
	found := 0
	for _, it := range items {
		if strings.HasPrefix(it.text(), nasty) {
			found++
		}
		for _, r := range it.Rows {
			for _, c := range r.Cells {
				if strings.HasPrefix(c.text(), nasty) {
					found++
				}
			}
		}
	}
	if found < 20 {
		t.Errorf("%d texts read back with %q intact, want every paragraph and cell", found, nasty)
	}
	parts, _ := unzip(t, data)
	var core struct {
		Creator string `xml:"creator"`
	}
	if err := xml.Unmarshal(parts["docProps/core.xml"], &core); err != nil || core.Creator != nasty {
		t.Errorf("dc:creator = %q, %v; want %q", core.Creator, err, nasty)
	}
}

// TestControlCharacterRejected: a control character cannot go into XML;
// the error names where it is.
func TestControlCharacterRejected(t *testing.T) {
	tests := []struct {
		set  func(d *document.Document)
		want string
	}{
		{func(d *document.Document) { d.Blocks[1].Text = "前言\x07" }, "preamble[0]: 第3个字符是控制字符 U+0007"},
		{func(d *document.Document) { d.Meta.Author = "司法局\x00" }, "agency: 第4个字符是控制字符 U+0000"},
		{func(d *document.Document) { d.Blocks[1].Text = "坏\xff" }, "preamble[0]: 第2个字符不是有效的 UTF-8 编码"},
		{func(d *document.Document) {
			for i := range d.Blocks {
				if d.Blocks[i].Kind == document.Table {
					g := d.Blocks[i].Table
					for j := range g.Texts {
						if g.Sources[j] != "" {
							g.Texts[j] = "1\x1b"
							return
						}
					}
				}
			}
		}, "table2.regulations[0]: 第2个字符是控制字符 U+001B"},
	}
	for _, tt := range tests {
		d := sample(t)
		tt.set(d)
		err := Write(io.Discard, d, style.Gongwen, Options{})
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "docx: ") {
			t.Errorf("Write = %v, want an error with %q", err, tt.want)
		}
	}
}

func BenchmarkWrite(b *testing.B) {
	d := sample(b)
	for _, s := range styles {
		b.Run(s.Name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := Write(io.Discard, d, s, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func itoa(n int) string { return strconv.Itoa(n) }

// FuzzWrite: any text in a paragraph or the agency name either is refused
// with an error or reads back from document.xml unchanged (tabs and line
// breaks aside); Write never panics.
func FuzzWrite(f *testing.F) {
	for _, s := range []string{"", "正文", "A&B <x> \"q\" 'a'", "行\n一\t二\r\n", "\x00", "\xff\xfe", "\u0085", "\ufffe", "𠮷 ]]>"} {
		f.Add(s)
	}
	d := sample(f)
	// para is the first plain paragraph; at is its index among the w:p.
	para, at := -1, 0
	for i, b := range d.Blocks {
		if b.Kind == document.Paragraph && b.Lead == "" {
			para = i
			break
		}
		switch b.Kind {
		case document.Title, document.Closing:
			at += len(b.Lines)
		case document.Table:
		default:
			at++
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := *d
		d.Blocks = slices.Clone(d.Blocks)
		d.Blocks[para].Text = s
		d.Meta.Author = s
		var b bytes.Buffer
		if err := Write(&b, &d, style.Gongwen, Options{}); err != nil {
			if !strings.HasPrefix(err.Error(), "docx: ") {
				t.Fatalf("error %q lacks the docx: prefix", err)
			}
			return
		}
		items := parseDocument(t, b.Bytes())
		want := strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(s)
		n := 0
		for _, it := range items {
			if it.XMLName.Local == "p" {
				if n == at && it.text() != want {
					t.Fatalf("paragraph %q reads back as %q", want, it.text())
				}
				n++
			}
		}
	})
}

// TestTitleBrokenAsPDF checks that a title line too long for the measure
// is written as the PDF's lines: LibreOffice wrapped city-bignum's agency
// at the measure, 资源|统筹 in gongwen and 统筹管|理 in the template.
func TestTitleBrokenAsPDF(t *testing.T) {
	want := []string{"岭西市人民政府办公室政务公开与大数据资源统筹管理服务中心", "2024年政府信息公开工作年度报告"}
	broken := regexp.MustCompile(`岭西市人民政府办公室</w:t></w:r><w:r><w:br/></w:r><w:r>(<w:rPr>.*?</w:rPr>)?<w:t[^>]*>政务公开与大数据资源统筹管理服务中心<`)
	for _, f := range fixtures(t) {
		if f.name != "city-bignum-2024" {
			continue
		}
		for _, s := range styles {
			data := write(t, f.doc, s, Options{})
			var got []string
			for _, it := range parseDocument(t, data) {
				if it.Style.Val == "Title" {
					got = append(got, it.text())
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s: title paragraphs %q, want %q (one a line of the title)", s.Name, got, want)
			}
			parts, _ := unzip(t, data)
			if !broken.Match(parts["word/document.xml"]) {
				t.Errorf("%s: the first title line is not broken after 岭西市人民政府办公室 by a w:br", s.Name)
			}
		}
		return
	}
	t.Fatal("fixture city-bignum-2024 missing")
}

// TestClosingBrokenAsPDF checks that an agency too long for the measure
// is written as the PDF's lines: LibreOffice wrapped stress-prose's at
// 综合管|理服务中心.
func TestClosingBrokenAsPDF(t *testing.T) {
	want := []string{"东川省临江市安平县人民政府办公室", "政务公开与数据资源综合管理服务中心", "2025年1月18日"}
	for _, f := range fixtures(t) {
		if f.name != "stress-prose-2024" {
			continue
		}
		var got []string
		for _, it := range parseDocument(t, write(t, f.doc, style.Gongwen, Options{})) {
			if it.Style.Val == "Closing" {
				got = append(got, it.text())
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("closing paragraphs %q, want %q", got, want)
		}
		return
	}
	t.Fatal("fixture stress-prose-2024 missing")
}

// TestTableRowsAndGapsAsPDF checks the two vertical measures that make a
// DOCX paginate like the PDF: a cell's top and bottom margins are the
// style's padding less half a rule (Word and LibreOffice add the rules to a
// row's height, the PDF does not), and the paragraph after a table and its
// notes has layout.TableGapLines of the body's line pitch before it.
func TestTableRowsAndGapsAsPDF(t *testing.T) {
	for _, f := range fixtures(t) {
		for _, s := range styles {
			g := newGen(f.doc, s, Options{})
			rule := ruleSize(s.TableRuleWidth) * 20 / 8
			gap := strconv.Itoa(int(math.Round(layout.TableGapLines * float64(g.linePitch))))
			items := parseDocument(t, write(t, f.doc, s, Options{}))
			tables, after := 0, false
			for _, it := range items {
				if it.XMLName.Local == "tbl" {
					tables++
					after = true
					for side, w := range map[string]string{"top": it.CellTop.W, "bottom": it.CellBot.W} {
						m, _ := strconv.Atoi(w)
						if d := 2*m + rule - 2*s.TableCellPadY.Twips(); d < -1 || d > 1 {
							t.Errorf("%s %s: table %d: cell %s margin %d twips with %d-twip rules, want a row as high as the PDF's (padding %d)",
								f.name, s.Name, tables, side, m, rule, s.TableCellPadY.Twips())
						}
					}
					continue
				}
				if it.Style.Val == "Note" {
					continue
				}
				before := ""
				if it.Spacing != nil {
					before = it.Spacing.Before
				}
				switch {
				case after && before != gap:
					t.Errorf("%s %s: %q after table %d: space before %q, want %s twips (layout.TableGapLines)", f.name, s.Name, it.text(), tables, before, gap)
				case !after && before != "" && it.Style.Val != "Title" && it.Style.Val != "Closing":
					t.Errorf("%s %s: %q: space before %q, want none (not after a table)", f.name, s.Name, it.text(), before)
				}
				after = false
			}
			if tables != 3 {
				t.Errorf("%s %s: %d tables, want 3", f.name, s.Name, tables)
			}
		}
	}
}
