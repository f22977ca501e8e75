package html

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/dom"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/fixtures"
	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/render/internal/chromium"
)

// page renders a fixture's document.
func page(t *testing.T, d *document.Document, opts Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, d, opts); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func documents(t *testing.T) []fixtures.Fixture {
	t.Helper()
	fx, err := fixtures.Documents()
	if err != nil {
		t.Fatal(err)
	}
	return fx
}

// TestGrid parses each table of the page back into a grid, spans and all
// (the HTML table model), and compares it slot by slot with form's grid:
// every slot shows the text of the cell that covers it.
func TestGrid(t *testing.T) {
	for _, f := range documents(t) {
		for _, frag := range []bool{false, true} {
			root, err := xhtml.Parse(bytes.NewReader(page(t, f.Doc, Options{Fragment: frag})))
			if err != nil {
				t.Fatal(err)
			}
			tables := findAll(root, atom.Table)
			var want []*document.Grid
			for _, b := range f.Doc.Blocks {
				if b.Kind == document.Table {
					want = append(want, b.Table)
				}
			}
			if len(tables) != len(want) {
				t.Fatalf("%s: %d tables, want %d", f.Name, len(tables), len(want))
			}
			for k, tb := range tables {
				g := want[k]
				got := htmlGrid(tb)
				grid := g.Form.Grid()
				if len(got) != grid.Rows {
					t.Fatalf("%s %s: %d rows, want %d", f.Name, g.Form.Name, len(got), grid.Rows)
				}
				for r := range grid.Rows {
					if len(got[r]) != grid.Cols {
						t.Fatalf("%s %s row %d: %d slots, want %d", f.Name, g.Form.Name, r, len(got[r]), grid.Cols)
					}
					for c := range grid.Cols {
						i, _ := grid.At(r, c)
						if got[r][c] != g.Texts[i] {
							t.Errorf("%s %s slot (%d,%d) = %q, want %q", f.Name, g.Form.Name, r, c, got[r][c], g.Texts[i])
						}
					}
				}
				if cap := findAll(tb, atom.Caption); len(cap) != 1 || !strings.HasPrefix(text(cap[0]), g.Form.Name) {
					t.Errorf("%s %s: no caption starting with its name", f.Name, g.Form.Name)
				}
			}
		}
	}
}

// htmlGrid lays the rows of an HTML table out as the HTML table model
// does: each cell fills the first free slot of its row, with its spans.
func htmlGrid(table *xhtml.Node) [][]string {
	var grid [][]string
	for r, tr := range findAll(table, atom.Tr) {
		for len(grid) <= r {
			grid = append(grid, nil)
		}
		c := 0
		for cell := tr.FirstChild; cell != nil; cell = cell.NextSibling {
			if cell.DataAtom != atom.Td && cell.DataAtom != atom.Th {
				continue
			}
			for c < len(grid[r]) && grid[r][c] != "\x00" {
				c++
			}
			rs, cs := span(cell, "rowspan"), span(cell, "colspan")
			for dr := range rs {
				for len(grid) <= r+dr {
					grid = append(grid, nil)
				}
				for dc := range cs {
					row := grid[r+dr]
					for len(row) <= c+dc {
						row = append(row, "\x00")
					}
					row[c+dc] = text(cell)
					grid[r+dr] = row
				}
			}
			c += cs
		}
	}
	return grid
}

func span(n *xhtml.Node, name string) int {
	for _, a := range n.Attr {
		if a.Key == name {
			if v, err := strconv.Atoi(a.Val); err == nil && v > 0 {
				return v
			}
		}
	}
	return 1
}

func findAll(n *xhtml.Node, a atom.Atom) []*xhtml.Node {
	var out []*xhtml.Node
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && n.DataAtom == a {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func text(n *xhtml.Node) string {
	var b strings.Builder
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// TestText: the page holds every heading, paragraph, note and closing
// line of the document, whole and in order, and no script or external
// resource.
func TestText(t *testing.T) {
	for _, f := range documents(t) {
		out := page(t, f.Doc, Options{})
		root, err := xhtml.Parse(bytes.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		all := text(root)
		at := 0
		for _, b := range f.Doc.Blocks {
			for _, s := range append([]string{b.Lead + b.Text}, b.Lines...) {
				if s == "" {
					continue
				}
				k := strings.Index(all[at:], s)
				if k < 0 {
					t.Errorf("%s: %s %q missing or out of order", f.Name, b.Source, s)
					continue
				}
				at += k + len(s)
			}
		}
		for _, bad := range []string{"<script", "src=", "href=", "@import", "url("} {
			if bytes.Contains(out, []byte(bad)) {
				t.Errorf("%s: page contains %q", f.Name, bad)
			}
		}
		if !bytes.Contains(out, []byte("@page { size: A4")) {
			t.Errorf("%s: no A4 print rule", f.Name)
		}
	}
}

// TestHeaders checks the headers attribute against the official grids,
// cell by cell for a few cells a reader would ask about.
func TestHeaders(t *testing.T) {
	f, _ := form.Lookup("2021")
	names := func(tb *form.Table, row, col int) []string {
		grid := tb.Grid()
		i, _ := grid.At(row, col)
		var ns []string
		for _, h := range Headers(tb)[i] {
			ns = append(ns, tb.Cells[h].Text)
		}
		return ns
	}
	tests := []struct {
		table, row, col int
		want            []string
	}{
		{2, 2, 1, []string{"第二十条第（一）项", "本年制发件数", "规章"}},
		{2, 3, 3, []string{"第二十条第（一）项", "现行有效件数", "行政规范性文件"}},
		{2, 10, 2, []string{"第二十条第（六）项", "本年处理决定数量", "行政强制"}},
		{2, 1, 2, []string{"第二十条第（一）项"}},
		{3, 3, 3, []string{"申请人情况", "自然人", "一、本年新收政府信息公开申请数量"}},
		{3, 7, 5, []string{"申请人情况", "法人或其他组织", "科研机构", "三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"}},
		{3, 27, 9, []string{"申请人情况", "总计", "四、结转下年度继续办理"}},
		{3, 2, 4, []string{"申请人情况", "法人或其他组织"}},
		{3, 8, 2, []string{"三、本年度办理结果", "（三）不予公开"}},
		{4, 3, 0, []string{"行政复议", "结果维持"}},
		{4, 3, 14, []string{"行政诉讼", "复议后起诉", "总计"}},
	}
	for _, tt := range tests {
		if got := names(f.Table(tt.table), tt.row, tt.col); !slices.Equal(got, tt.want) {
			t.Errorf("表%d (%d,%d) headers = %q, want %q", tt.table, tt.row, tt.col, got, tt.want)
		}
	}
	// Every value cell of every table of both formats names a column head
	// and, unless its table has no row labels (表四), a row label.
	for _, v := range form.Versions() {
		f, _ := form.Lookup(v)
		for _, tb := range f.Tables() {
			hs := Headers(tb)
			for i, c := range tb.Cells {
				if c.Kind != form.Value {
					continue
				}
				var col, row bool
				for _, h := range hs[i] {
					col = col || tb.Cells[h].Kind == form.Header
					row = row || tb.Cells[h].Kind == form.Label
				}
				if !col || !row && tb.Number != 4 {
					t.Errorf("%s %s cell (%d,%d): headers %v lack a column head or row label", v, tb.Name, c.Row, c.Col, hs[i])
				}
			}
		}
	}
}

// validateJS runs html-validate's "recommended" rules on pages given as
// JSON on stdin ([{name, html, inlineStyle}]) in one Node process, and
// prints one line per problem.
const validateJS = `
const {HtmlValidate} = require(process.argv[1]);
let input = "";
process.stdin.on("data", d => input += d);
process.stdin.on("end", async () => {
  let bad = 0;
  for (const p of JSON.parse(input)) {
    const rules = p.inlineStyle ? {"no-inline-style": "off"} : {};
    const hv = new HtmlValidate({extends: ["html-validate:recommended"], rules});
    const r = await hv.validateString(p.html, p.name);
    for (const res of r.results) for (const m of res.messages) {
      bad++;
      console.log(p.name + ":" + m.line + ":" + m.column + ": " + m.ruleId + ": " + m.message);
    }
  }
  process.exit(bad ? 1 : 0);
});
`

// TestValidate runs html-validate (npm, .ci/node_modules) on every
// fixture's page and on its fragment inside a minimal page; the fragment's
// inline styles are its design (a CMS column has none of our CSS), so that
// one rule is off for it.
func TestValidate(t *testing.T) {
	mod, err := filepath.Abs("../../.ci/node_modules/html-validate")
	if err != nil {
		t.Fatal(err)
	}
	node, err := exec.LookPath("node")
	if _, serr := os.Stat(mod); err != nil || serr != nil {
		if os.Getenv("NIANBAO_REQUIRE_TOOLS") != "" {
			t.Fatalf("node or html-validate not installed, and NIANBAO_REQUIRE_TOOLS is set (npm ci --prefix .ci)")
		}
		t.Skip("node or html-validate not installed (npm ci --prefix .ci)")
	}
	type input struct {
		Name        string `json:"name"`
		HTML        string `json:"html"`
		InlineStyle bool   `json:"inlineStyle"`
	}
	var in []input
	for _, f := range documents(t) {
		in = append(in, input{Name: f.Name + ".html", HTML: string(page(t, f.Doc, Options{}))})
		frag := `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>CMS</title></head><body>` +
			string(page(t, f.Doc, Options{Fragment: true})) + "</body></html>\n"
		in = append(in, input{Name: f.Name + "-fragment.html", HTML: frag, InlineStyle: true})
	}
	data, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "-e", validateJS, mod)
	cmd.Stdin = bytes.NewReader(data)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Errorf("html-validate: %v\n%s", err, out)
	}
}

// TestChromium opens every fixture's page in headless Chromium: it takes
// screenshots at a desktop and a phone width (kept in $NIANBAO_SHOTS when
// set, to look at), checks that the phone page does not scroll sideways
// (the tables scroll in their own box), and reads the accessibility tree:
// every value cell is a "cell" whose headers are column and row header
// nodes named as form's head and label cells.
func TestChromium(t *testing.T) {
	ctx := chromium.Start(t)
	dir := os.Getenv("NIANBAO_SHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	for _, f := range documents(t) {
		path := filepath.Join(t.TempDir(), f.Name+".html")
		if err := os.WriteFile(path, page(t, f.Doc, Options{}), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate("file://"+path)); err != nil {
			t.Fatal(err)
		}
		for _, v := range []struct {
			name          string
			width, height int64
			mobile        bool
		}{{"desktop", 1280, 900, false}, {"phone", 390, 844, true}} {
			opts := []chromedp.EmulateViewportOption{}
			if v.mobile {
				opts = append(opts, chromedp.EmulateMobile)
			}
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(v.width, v.height, opts...)); err != nil {
				t.Fatal(err)
			}
			shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, f.Name+"-"+v.name+".png"), shot, 0o644); err != nil {
				t.Fatal(err)
			}
			// The page is as wide as the window: a table wider than a
			// phone scrolls inside its box, the text does not.
			wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
			if err != nil {
				t.Fatal(err)
			}
			if wide {
				t.Errorf("%s at %s width: the page scrolls sideways", f.Name, v.name)
			}
		}
		checkAX(t, ctx, f)
		checkPrint(t, ctx, f, dir)
	}
}

// tableRow matches row labels of 表三 that prose does not use.
var tableRow = regexp.MustCompile(`1\.属于国家秘密|1\.本机关不掌握相关政府信息|1\.信访举报投诉类申请|（七）总计|四、结转下年度继续办理`)

// checkPrint prints the open page to PDF as a reader's browser would
// (its @page size) and checks, with pdfinfo and pdftotext, that the pages
// are A4 and that a table broken across pages repeats its head rows.
func checkPrint(t *testing.T, ctx context.Context, f fixtures.Fixture, dir string) {
	t.Helper()
	pdfinfo, err1 := exec.LookPath("pdfinfo")
	pdftotext, err2 := exec.LookPath("pdftotext")
	if err1 != nil || err2 != nil {
		if os.Getenv("NIANBAO_REQUIRE_TOOLS") != "" {
			t.Fatal("poppler-utils not installed, and NIANBAO_REQUIRE_TOOLS is set")
		}
		return
	}
	res, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) (cdppage.PrintToPDFResult, error) {
		yes := true
		return cdp.Call(ctx, tg, cdppage.PrintToPDF, cdppage.PrintToPDFParams{PreferCSSPageSize: &yes, PrintBackground: &yes})
	})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, f.Name+"-print.pdf")
	if err := os.WriteFile(path, res.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	info, err := exec.Command(pdfinfo, path).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)`).Match(info) {
		t.Errorf("%s printed: not A4:\n%s", f.Name, info)
	}
	text, err := exec.Command(pdftotext, "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	// Every page that holds rows of 表三 holds its head (申请人情况):
	// the head rows repeat (thead, display: table-header-group).
	pages := bytes.Split(text, []byte("\f"))
	heads, body := 0, 0
	for _, p := range pages {
		if bytes.Contains(p, []byte("申请人情况")) {
			heads++
		}
		if tableRow.Match(p) {
			body++
		}
	}
	if heads == 0 || heads < body {
		t.Errorf("%s printed: 表三's head on %d pages, its rows on %d", f.Name, heads, body)
	}
	t.Logf("%s printed: %d A4 pages, 表三's head on %d of them", f.Name, len(pages)-1, heads)
}

// checkAX reads Chromium's accessibility tree of the open page: each
// table is named by its caption, and each value cell, in grid order, is a
// "cell" with the document's value whose headers attribute points at
// nodes with the role columnheader or rowheader, named as form's head and
// label cells (Headers), and at least one of each (表四 has no labels).
func checkAX(t *testing.T, ctx context.Context, f fixtures.Fixture) {
	t.Helper()
	doc, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) (dom.GetDocumentResult, error) {
		depth := int64(-1)
		return cdp.Call(ctx, tg, dom.GetDocument, dom.GetDocumentParams{Depth: &depth})
	})
	if err != nil {
		t.Fatal(err)
	}
	attrs := map[cdp.BackendNodeID]map[string]string{}
	byID := map[string]cdp.BackendNodeID{}
	var walk func(n *cdp.Node)
	walk = func(n *cdp.Node) {
		m := map[string]string{}
		for i := 0; i+1 < len(n.Attributes); i += 2 {
			m[n.Attributes[i]] = n.Attributes[i+1]
		}
		attrs[n.BackendNodeID] = m
		if id := m["id"]; id != "" {
			byID[id] = n.BackendNodeID
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(doc.Root)
	tree, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) (accessibility.GetFullAXTreeResult, error) {
		return cdp.Call(ctx, tg, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
	})
	if err != nil {
		t.Fatal(err)
	}
	ax := map[cdp.BackendNodeID]*accessibility.Node{}
	var tables, cells []*accessibility.Node
	for _, n := range tree.Nodes {
		ax[n.BackendDOMNodeID] = n
		switch role(n) {
		case "table":
			tables = append(tables, n)
		case "cell", "gridcell":
			cells = append(cells, n)
		}
	}
	var grids []*document.Grid
	for _, b := range f.Doc.Blocks {
		if b.Kind == document.Table {
			grids = append(grids, b.Table)
		}
	}
	if len(tables) != len(grids) {
		t.Fatalf("%s: accessibility tree has %d tables, want %d", f.Name, len(tables), len(grids))
	}
	k := 0 // next AX cell
	for ti, g := range grids {
		if name := value(tables[ti].Name); !strings.HasPrefix(name, g.Form.Name) {
			t.Errorf("%s: table %d is named %q, want its caption", f.Name, ti, name)
		}
		tb, grid := g.Form, g.Form.Grid()
		heads := Headers(tb)
		for r := range grid.Rows {
			for c := range grid.Cols {
				i, origin := grid.At(r, c)
				if !origin || tb.Cells[i].Kind != form.Value {
					continue
				}
				if k >= len(cells) {
					t.Fatalf("%s %s: accessibility tree has only %d cells", f.Name, tb.Name, len(cells))
				}
				n := cells[k]
				k++
				where := tb.Name + " (" + strconv.Itoa(r) + "," + strconv.Itoa(c) + ")"
				if got := value(n.Name); got != g.Texts[i] {
					t.Errorf("%s %s: cell reads %q, want %q", f.Name, where, got, g.Texts[i])
				}
				var got, want []string
				var cols, rows int
				for _, id := range strings.Fields(attrs[n.BackendDOMNodeID]["headers"]) {
					h := ax[byID[id]]
					if h == nil {
						t.Errorf("%s %s: header %s is not in the accessibility tree", f.Name, where, id)
						continue
					}
					switch role(h) {
					case "columnheader":
						cols++
					case "rowheader":
						rows++
					default:
						t.Errorf("%s %s: header %s has role %q", f.Name, where, id, role(h))
					}
					got = append(got, value(h.Name))
				}
				for _, h := range heads[i] {
					want = append(want, tb.Cells[h].Text)
				}
				if !slices.Equal(got, want) {
					t.Errorf("%s %s: headers read %q, want %q", f.Name, where, got, want)
				}
				if cols == 0 || rows == 0 && tb.Number != 4 {
					t.Errorf("%s %s: %d column and %d row headers", f.Name, where, cols, rows)
				}
			}
		}
	}
	if k != len(cells) {
		t.Errorf("%s: accessibility tree has %d cells, the tables %d value cells", f.Name, len(cells), k)
	}
}

// role returns an AX node's role name.
func role(n *accessibility.Node) string {
	if n == nil || n.Role == nil {
		return ""
	}
	return value(n.Role)
}

// value returns the string in an AX value.
func value(v *accessibility.Value) string {
	if v == nil {
		return ""
	}
	var s string
	if err := json.Unmarshal(v.Value, &s); err != nil {
		return string(v.Value)
	}
	return s
}

// stress is clerk-typed text with the characters markup must escape, a
// long URL, full-width digits and a number with separators.
const stress = `链接 https://www.example.gov.cn/col/col1229/index.html?uid=5&pageNum=2 与 <申请表> & “引号” 'x' ０５７７-６１８８ 1,234,567.89万元`

// TestEscape: text with < & " ' reads back exactly from the page and the
// fragment, and the tables' texts too.
func TestEscape(t *testing.T) {
	f := documents(t)[0]
	d := *f.Doc
	d.Blocks = append([]document.Block(nil), d.Blocks...)
	for i := range d.Blocks {
		if d.Blocks[i].Kind == document.Paragraph {
			d.Blocks[i].Text = stress
			d.Blocks[i].Lead = "<b>"
			break
		}
	}
	d.Meta.Title = `"报告" & <标题>`
	for _, frag := range []bool{false, true} {
		out := page(t, &d, Options{Fragment: frag})
		root, err := xhtml.Parse(bytes.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		if got := text(root); !strings.Contains(got, "<b>"+stress) {
			t.Errorf("fragment %v: %q not read back", frag, "<b>"+stress)
		}
		if len(findAll(root, atom.B)) > 0 || bytes.Contains(out, []byte("<申请表>")) {
			t.Errorf("fragment %v: text became markup", frag)
		}
		if !frag {
			if ts := findAll(root, atom.Title); len(ts) != 1 || text(ts[0]) != d.Meta.Title {
				t.Errorf("title not read back as %q", d.Meta.Title)
			}
		}
	}
}

// TestValueNote checks that a value's note may wrap, as in the PDF:
// city-bignum's 715656（含延期答复2104件） set on one unbreakable line
// widened 自然人 to a fifth of 表三 and left its labels four characters a
// line. A fragment's cells never had white-space: nowrap.
func TestValueNote(t *testing.T) {
	var doc *document.Document
	for _, f := range documents(t) {
		if f.Name == "city-bignum-2024" {
			doc = f.Doc
		}
	}
	if doc == nil {
		t.Fatal("fixture city-bignum-2024 missing")
	}
	out := string(page(t, doc, Options{}))
	cell := regexp.MustCompile(`<td[^>]*>715656（含延期答复2104件）</td>`).FindString(out)
	if !strings.Contains(cell, `class="noted"`) {
		t.Errorf("the cell with a note is not marked to wrap: %s", cell)
	}
	if !strings.Contains(out, ".nianbao-report td.noted { white-space: normal; }") {
		t.Errorf("no rule lets a value's note wrap")
	}
	if cell := regexp.MustCompile(`<td[^>]*>922608</td>`).FindString(out); strings.Contains(cell, "noted") {
		t.Errorf("a plain number may wrap: %s", cell)
	}
}
