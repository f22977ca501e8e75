package pdf

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/form"
)

// qpdfObjects is a PDF as qpdf --json gives it: objects by "N 0 R", and
// the trailer.
type qpdfObjects struct {
	objs    map[string]any
	trailer map[string]any
}

func loadQPDF(t *testing.T, path string) *qpdfObjects {
	t.Helper()
	out, err := exec.Command("qpdf", "--json", "--json-key=qpdf", path).Output()
	if err != nil {
		t.Fatalf("qpdf --json %s: %v", path, err)
	}
	var doc struct {
		QPDF []map[string]any `json:"qpdf"`
	}
	if err := json.Unmarshal(out, &doc); err != nil || len(doc.QPDF) < 2 {
		t.Fatalf("qpdf --json %s: %v", path, err)
	}
	q := &qpdfObjects{objs: map[string]any{}}
	for k, v := range doc.QPDF[1] {
		m, _ := v.(map[string]any)
		if k == "trailer" {
			q.trailer, _ = m["value"].(map[string]any)
			continue
		}
		if val, ok := m["value"]; ok {
			q.objs[strings.TrimPrefix(k, "obj:")] = val
		} else if st, ok := m["stream"].(map[string]any); ok {
			q.objs[strings.TrimPrefix(k, "obj:")] = st["dict"]
		}
	}
	return q
}

// get resolves a reference ("12 0 R") or returns v.
func (q *qpdfObjects) get(v any) any {
	if s, ok := v.(string); ok && strings.HasSuffix(s, " 0 R") {
		return q.objs[s]
	}
	return v
}

func (q *qpdfObjects) dict(v any) map[string]any {
	d, _ := q.get(v).(map[string]any)
	return d
}

func (q *qpdfObjects) array(v any) []any {
	a, _ := q.get(v).([]any)
	return a
}

func (q *qpdfObjects) catalog() map[string]any { return q.dict(q.trailer["/Root"]) }

// node is a structure element as the test reads it back.
type node struct {
	ref   string
	typ   string
	attrs map[string]any
	id    string
	kids  []*node
	mcids [][2]int // page index, MCID
}

// structTree reads the structure tree back from the file.
func (q *qpdfObjects) structTree(t *testing.T) (*node, map[string]*node) {
	t.Helper()
	pageIndex := map[string]int{}
	for i, p := range q.array(q.dict(q.catalog()["/Pages"])["/Kids"]) {
		pageIndex[p.(string)] = i
	}
	root := q.dict(q.catalog()["/StructTreeRoot"])
	if root == nil {
		t.Fatal("no /StructTreeRoot")
	}
	byRef := map[string]*node{}
	var walk func(ref string, depth int) *node
	walk = func(ref string, depth int) *node {
		if depth > 20 {
			t.Fatal("structure tree too deep")
		}
		d := q.dict(ref)
		n := &node{ref: ref, typ: strings.TrimPrefix(fmt.Sprint(d["/S"]), "/")}
		n.attrs, _ = d["/A"].(map[string]any)
		if id, ok := d["/ID"].(string); ok {
			n.id = strings.TrimPrefix(id, "u:")
		}
		byRef[ref] = n
		pg, _ := d["/Pg"].(string)
		kids := []any{d["/K"]}
		if a, ok := d["/K"].([]any); ok {
			kids = a
		}
		for _, k := range kids {
			switch k := k.(type) {
			case nil:
			case float64:
				n.mcids = append(n.mcids, [2]int{pageIndex[pg], int(k)})
			case string:
				n.kids = append(n.kids, walk(k, depth+1))
			case map[string]any:
				mp, _ := k["/Pg"].(string)
				n.mcids = append(n.mcids, [2]int{pageIndex[mp], int(k["/MCID"].(float64))})
			}
		}
		return n
	}
	return walk(root["/K"].(string), 0), byRef
}

// writeFile writes f's tagged PDF (PDF/A with its data, as `render --pdfa`
// does when pdfa is set) into a temporary file.
func writeFile(t *testing.T, f fixture, pdfa bool) string {
	t.Helper()
	opts := Options{Date: fixedDate, PDFA: pdfa}
	if pdfa {
		opts.Data = &File{Name: "nianbao-report.json", Type: "application/json", Desc: "数据", Data: []byte(`{"schema":"nianbao-report"}`)}
	}
	path := filepath.Join(t.TempDir(), f.name+".pdf")
	if err := os.WriteFile(path, write(t, f, opts), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestTaggedPDFInfo(t *testing.T) {
	tool(t, "pdfinfo")
	for _, f := range fixtures(t) {
		out, err := exec.Command("pdfinfo", writeFile(t, f, false)).CombinedOutput()
		if err != nil {
			t.Fatalf("%s: pdfinfo: %v\n%s", f.name, err, out)
		}
		if !regexp.MustCompile(`(?m)^Tagged:\s+yes$`).Match(out) {
			t.Errorf("%s: pdfinfo does not say Tagged: yes\n%s", f.name, out)
		}
	}
}

// TestStructureTree walks the structure tree of every fixture's PDF as
// qpdf reads it and finds, in the document's order, every heading, every
// paragraph and every table with its head cells; every data cell of a
// table names heads that exist, by /ID; the ParentTree maps each MCID
// back to its element.
func TestStructureTree(t *testing.T) {
	tool(t, "qpdf")
	for _, f := range fixtures(t) {
		q := loadQPDF(t, writeFile(t, f, false))
		cat := q.catalog()
		if got := cat["/Lang"]; got != "u:zh-CN" {
			t.Errorf("%s: /Lang = %v", f.name, got)
		}
		if mi := q.dict(cat["/MarkInfo"]); mi["/Marked"] != true {
			t.Errorf("%s: /MarkInfo = %v", f.name, mi)
		}
		if vp := q.dict(cat["/ViewerPreferences"]); vp["/DisplayDocTitle"] != true {
			t.Errorf("%s: /ViewerPreferences = %v", f.name, vp)
		}
		root, byRef := q.structTree(t)
		if root.typ != "Document" {
			t.Fatalf("%s: root element %s, want Document", f.name, root.typ)
		}
		// The document's blocks, as the element types they must give.
		var want []string
		var tables []*document.Block
		for i := range f.doc.Blocks {
			b := &f.doc.Blocks[i]
			switch b.Kind {
			case document.Title, document.Heading1:
				want = append(want, "H1")
			case document.Heading2:
				want = append(want, "H2")
			case document.Paragraph:
				if b.Lead != "" {
					want = append(want, "H2")
				}
				want = append(want, "P")
			case document.Note:
				want = append(want, "P")
			case document.Closing:
				for range b.Lines {
					want = append(want, "P")
				}
			case document.Table:
				want = append(want, "Table")
				tables = append(tables, b)
			}
		}
		var got []string
		for _, k := range root.kids {
			got = append(got, k.typ)
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: Document's elements\n got %v\nwant %v", f.name, got, want)
		}
		if len(tables) != 3 {
			t.Errorf("%s: %d tables in the document, want 3", f.name, len(tables))
		}
		ids := map[string]*node{}
		names := q.array(q.dict(q.dict(cat["/StructTreeRoot"])["/IDTree"])["/Names"])
		for i := 0; i+1 < len(names); i += 2 {
			ids[strings.TrimPrefix(names[i].(string), "u:")] = byRef[names[i+1].(string)]
		}
		k := 0
		for _, el := range root.kids {
			if el.typ != "Table" {
				// Every heading and paragraph has content.
				if len(el.mcids) == 0 {
					t.Errorf("%s: %s element without marked content", f.name, el.typ)
				}
				continue
			}
			checkTable(t, f.name, el, tables[k].Table.Form, ids)
			k++
		}
		// ParentTree: page → MCID → element.
		pt := q.array(q.dict(q.dict(cat["/StructTreeRoot"])["/ParentTree"])["/Nums"])
		parents := map[[2]int]string{}
		for i := 0; i+1 < len(pt); i += 2 {
			for m, ref := range q.array(pt[i+1]) {
				parents[[2]int{int(pt[i].(float64)), m}] = ref.(string)
			}
		}
		n := 0
		for ref, el := range byRef {
			for _, mc := range el.mcids {
				n++
				if parents[mc] != ref {
					t.Errorf("%s: ParentTree maps page %d MCID %d to %s, want %s", f.name, mc[0], mc[1], parents[mc], ref)
				}
			}
		}
		if n != len(parents) {
			t.Errorf("%s: %d MCIDs in the tree, %d in the ParentTree", f.name, n, len(parents))
		}
		for i, p := range q.array(q.dict(cat["/Pages"])["/Kids"]) {
			if sp, ok := q.dict(p)["/StructParents"].(float64); !ok || int(sp) != i {
				t.Errorf("%s: page %d /StructParents = %v", f.name, i+1, q.dict(p)["/StructParents"])
			}
		}
	}
}

// checkTable checks a Table element against its form: THead with the head
// rows, TBody with the others, one TH per head or label cell with /Scope
// and an /ID, one TD per value cell whose /Headers name THs, among them a
// column head, and a row label where the form gives one.
func checkTable(t *testing.T, name string, el *node, ft *form.Table, ids map[string]*node) {
	t.Helper()
	var rows []*node
	for _, g := range el.kids {
		if g.typ != "THead" && g.typ != "TBody" {
			t.Errorf("%s: 表%d: %s inside Table", name, ft.Number, g.typ)
		}
		if g.typ == "THead" && len(g.kids) != ft.HeadRows {
			t.Errorf("%s: 表%d: THead has %d rows, want %d", name, ft.Number, len(g.kids), ft.HeadRows)
		}
		rows = append(rows, g.kids...)
	}
	if len(rows) != ft.Rows {
		t.Fatalf("%s: 表%d: %d TR, want %d", name, ft.Number, len(rows), ft.Rows)
	}
	var th, td, withRow int
	heads := map[string]bool{}
	for _, c := range ft.Cells {
		if c.Kind != form.Value {
			heads[c.Text] = true
		}
	}
	for _, tr := range rows {
		if tr.typ != "TR" {
			t.Errorf("%s: 表%d: %s where a TR belongs", name, ft.Number, tr.typ)
		}
		for _, c := range tr.kids {
			switch c.typ {
			case "TH":
				th++
				if c.id == "" || ids[c.id] != c {
					t.Errorf("%s: 表%d: TH without an /ID in the IDTree", name, ft.Number)
				}
				if s := c.attrs["/Scope"]; s != "/Column" && s != "/Row" {
					t.Errorf("%s: 表%d: TH /Scope %v", name, ft.Number, s)
				}
				if len(c.mcids) == 0 {
					t.Errorf("%s: 表%d: TH %s without content", name, ft.Number, c.id)
				}
			case "TD":
				td++
				hs, _ := c.attrs["/Headers"].([]any)
				var col, row bool
				for _, h := range hs {
					n := ids[strings.TrimPrefix(h.(string), "u:")]
					if n == nil || n.typ != "TH" {
						t.Errorf("%s: 表%d: TD names %v, which is no TH", name, ft.Number, h)
						continue
					}
					col = col || n.attrs["/Scope"] == "/Column"
					row = row || n.attrs["/Scope"] == "/Row"
				}
				if !col {
					t.Errorf("%s: 表%d: TD %v names no column head", name, ft.Number, hs)
				}
				if row {
					withRow++
				}
			default:
				t.Errorf("%s: 表%d: %s inside TR", name, ft.Number, c.typ)
			}
		}
	}
	var wantTH, wantTD int
	for _, c := range ft.Cells {
		if c.Kind == form.Value {
			wantTD++
		} else {
			wantTH++
		}
	}
	if th != wantTH || td != wantTD {
		t.Errorf("%s: 表%d: %d TH and %d TD, want %d and %d", name, ft.Number, th, td, wantTH, wantTD)
	}
	// Tables 二 and 三 label their rows; Table 四's rows are its groups of
	// columns, named by the column heads.
	if ft.Number != 4 && withRow != td {
		t.Errorf("%s: 表%d: %d of %d TD name a row label", name, ft.Number, withRow, td)
	}
}

// TestMarkedContent checks every page's content: each text object is
// inside exactly one marked-content sequence, a structure element's (with
// an MCID) or an artifact; marked content is balanced; rules and fills are
// artifacts.
func TestMarkedContent(t *testing.T) {
	tool(t, "qpdf")
	for _, f := range fixtures(t) {
		path := writeFile(t, f, false)
		qdf := path + ".qdf"
		if out, err := exec.Command("qpdf", "--qdf", "--object-streams=disable", path, qdf).CombinedOutput(); err != nil {
			t.Fatalf("qpdf --qdf: %v\n%s", err, out)
		}
		data, err := os.ReadFile(qdf)
		if err != nil {
			t.Fatal(err)
		}
		// qdf marks each page's content stream with a comment.
		parts := regexp.MustCompile(`%% Contents for page \d+`).Split(string(data), -1)
		if len(parts) != len(f.pages)+1 {
			t.Fatalf("%s: %d content streams, want %d", f.name, len(parts)-1, len(f.pages))
		}
		for p, part := range parts[1:] {
			s := part[strings.Index(part, "stream\n")+7 : strings.Index(part, "endstream")]
			var stack []string
			texts, artifacts := 0, 0
			for _, line := range strings.Split(s, "\n") {
				switch {
				case strings.HasSuffix(line, " BDC") || strings.HasSuffix(line, " BMC"):
					stack = append(stack, line)
				case line == "EMC":
					if len(stack) == 0 {
						t.Fatalf("%s page %d: EMC without BDC", f.name, p+1)
					}
					stack = stack[:len(stack)-1]
				case line == "BT", strings.HasSuffix(line, " re"), strings.HasSuffix(line, " m"):
					if len(stack) == 0 {
						t.Errorf("%s page %d: %q outside marked content", f.name, p+1, line)
						continue
					}
					// The sequence that owns the text: the outermost
					// one that is not an /ActualText span.
					outer := stack[0]
					if strings.HasPrefix(outer, "/Span <</ActualText") && len(stack) > 1 {
						outer = stack[1]
					}
					switch {
					case strings.HasPrefix(outer, "/Artifact"):
						artifacts++
					case line != "BT":
						t.Errorf("%s page %d: a rule or fill inside %s", f.name, p+1, outer)
					case regexp.MustCompile(`^/\w+ <</MCID \d+>> BDC$`).MatchString(outer):
						texts++
					default:
						t.Errorf("%s page %d: text inside %s", f.name, p+1, outer)
					}
				}
			}
			if len(stack) != 0 {
				t.Errorf("%s page %d: %d marked-content sequences left open", f.name, p+1, len(stack))
			}
			if texts == 0 || artifacts == 0 {
				t.Errorf("%s page %d: %d tagged texts, %d artifacts", f.name, p+1, texts, artifacts)
			}
		}
	}
}

// TestDeterministicTagged: the same input gives the same bytes, with the
// structure tree and the data file.
func TestDeterministicTagged(t *testing.T) {
	f := fixtures(t)[0]
	opts := Options{Date: fixedDate, PDFA: true, Data: &File{Name: "d.json", Type: "application/json", Data: []byte("{}")}}
	if a, b := write(t, f, opts), write(t, f, opts); !bytes.Equal(a, b) {
		t.Errorf("%s: two writes differ", f.name)
	}
}

// pdftotextFlat returns what pdftotext gives back for a PDF, with the
// line breaks removed and the page numbers ("— 3 —") and page breaks
// dropped: the document's text, as a reader's copy-paste would give it.
func pdftotextFlat(t *testing.T, pdf []byte, args ...string) string {
	t.Helper()
	cmd := exec.Command("pdftotext", append(args, "-", "-")...)
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	var b strings.Builder
	for _, line := range strings.Split(strings.ReplaceAll(string(out), "\f", "\n"), "\n") {
		if pageNumberLine.MatchString(line) {
			continue
		}
		b.WriteString(line)
	}
	return b.String()
}

var pageNumberLine = regexp.MustCompile(`^\s*— \d+ —\s*$`)

// TestTextIdentity checks that pdftotext gives back the input text
// exactly, only its line breaks removed: every heading and paragraph
// (no space added between Han and Latin, as in "2021年"), and as many
// spaces in the whole text as the input has.
func TestTextIdentity(t *testing.T) {
	tool(t, "pdftotext")
	for _, f := range fixtures(t) {
		pdf := write(t, f, Options{Date: fixedDate})
		flat := pdftotextFlat(t, pdf)
		prose, cells := docText(f.doc)
		for _, b := range f.doc.Blocks {
			if b.Kind == document.Closing {
				prose = append(prose, b.Lines...)
			}
		}
		for _, p := range prose {
			if !strings.Contains(flat, p) {
				t.Errorf("%s: pdftotext does not give back\n%q\nin\n%q", f.name, p, flat)
			}
		}
		_ = cells
		checkWords(t, f, pdf)
	}
}

// bboxWord is a word as pdftotext -bbox gives it.
type bboxWord struct {
	XMin float64 `xml:"xMin,attr"`
	YMin float64 `xml:"yMin,attr"`
	XMax float64 `xml:"xMax,attr"`
	YMax float64 `xml:"yMax,attr"`
	Text string  `xml:",chardata"`
}

// checkWords checks, with pdftotext -bbox, that no line of text (of a
// paragraph, a heading, a table cell) is read as more words than its
// spaces make: a word break where the text has none is a space that
// pdftotext and copy-paste add.
func checkWords(t *testing.T, f fixture, pdf []byte) {
	t.Helper()
	cmd := exec.Command("pdftotext", "-bbox", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	var doc struct {
		Pages []struct {
			Words []bboxWord `xml:"word"`
		} `xml:"body>doc>page"`
	}
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	if len(doc.Pages) != len(f.pages) {
		t.Fatalf("%s: pdftotext -bbox gives %d pages, want %d", f.name, len(doc.Pages), len(f.pages))
	}
	for p, pg := range f.pages {
		ts := pg.Texts
		for i := 0; i < len(ts); {
			j := i + 1
			for j < len(ts) && ts[j].Y == ts[i].Y && ts[j].Block == ts[i].Block && ts[j].Cell == ts[i].Cell {
				j++
			}
			line := ts[i:j]
			i = j
			if line[0].Block < 0 {
				continue // the page number
			}
			if g := f.doc.Blocks[line[0].Block].Table; g != nil && line[0].Cell >= 0 && g.Form.Cells[line[0].Cell].Vertical {
				// 三、本年度办理结果 stands one character a line, the 、
				// in the upper right of its own half line: pdftotext
				// reads a column of text across its neighbours whatever
				// is done (its words are the cell's TD in the tags).
				continue
			}
			var text []rune
			for _, tx := range line {
				text = append(text, tx.Runes...)
			}
			size := float64(line[0].Size)
			x0 := float64(line[0].Xs[0])
			last := line[len(line)-1]
			x1 := float64(last.Xs[len(last.Xs)-1]) + float64(last.Size)
			y := float64(line[0].Y)
			var words []string
			for _, w := range doc.Pages[p].Words {
				cx, cy := (w.XMin+w.XMax)/2, (w.YMin+w.YMax)/2
				if cx > x0 && cx < x1 && cy > y-0.9*size && cy < y+0.4*size {
					words = append(words, w.Text)
				}
			}
			if want := len(strings.Fields(string(text))); len(words) > want {
				t.Errorf("%s page %d: %q is read as %d words %q", f.name, p+1, string(text), len(words), words)
			}
		}
	}
}

// TestElementText checks the mapping from the laid-out texts to the
// structure elements: the content of each heading, paragraph, closing line
// and table cell is exactly its text in the document, once (a table's head
// repeated on a new page is an artifact, not content).
func TestElementText(t *testing.T) {
	for _, f := range fixtures(t) {
		tg := newTagger(f.doc, &file{})
		if elems, parts := count(f.doc); elems != len(tg.pool) || parts != len(tg.parts) {
			t.Errorf("%s: count says %d elements, %d parts; newTagger made %d, %d", f.name, elems, parts, len(tg.pool), len(tg.parts))
		}
		got := map[*elem]string{}
		for i := range f.pages {
			for _, it := range tg.items(&f.pages[i], nil) {
				if it.kind == content && it.e != nil {
					got[it.e] += string(it.t.Runes)
				}
			}
		}
		check := func(k key, want string) {
			t.Helper()
			e := tg.part(k)
			if e == nil {
				t.Errorf("%s: no element for block %d part %d (%q)", f.name, k.block, k.part, want)
				return
			}
			norm := func(s string) string { return strings.TrimLeft(strings.Map(layoutSpace, s), " \u3000") }
			if norm(got[e]) != norm(want) {
				t.Errorf("%s: %s of block %d part %d holds %q, want %q", f.name, e.name(), k.block, k.part, got[e], want)
			}
			delete(got, e)
		}
		for i, b := range f.doc.Blocks {
			switch b.Kind {
			case document.Title:
				check(key{i, 0}, strings.Join(b.Lines, ""))
			case document.Heading1, document.Heading2, document.Note:
				check(key{i, 0}, b.Text)
			case document.Paragraph:
				if b.Lead != "" {
					check(key{i, 0}, b.Lead)
					check(key{i, 1}, b.Text)
				} else {
					check(key{i, 0}, b.Text)
				}
			case document.Closing:
				for k, l := range b.Lines {
					check(key{i, k}, l)
				}
			case document.Table:
				for c, text := range b.Table.Texts {
					check(key{i, c}, text)
				}
			}
		}
		for e, s := range got {
			t.Errorf("%s: %s holds %q, which no block has", f.name, e.name(), s)
		}
	}
}

// layoutSpace maps the runes that layout sets as a space.
func layoutSpace(r rune) rune {
	if r == '\n' || r == '\t' {
		return ' '
	}
	return r
}

// TestUntagged: without a document the PDF has no structure tree and its
// content no structure marks, only balanced /ActualText spans.
func TestUntagged(t *testing.T) {
	tool(t, "qpdf")
	for _, f := range fixtures(t) {
		var buf bytes.Buffer
		if err := Write(&buf, f.pages, f.doc.Meta, Options{Date: fixedDate}); err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		in, qdf := filepath.Join(dir, "a.pdf"), filepath.Join(dir, "q.pdf")
		os.WriteFile(in, buf.Bytes(), 0o644)
		if out, err := exec.Command("qpdf", "--qdf", "--object-streams=disable", in, qdf).CombinedOutput(); err != nil {
			t.Fatalf("%s: qpdf: %v\n%s", f.name, err, out)
		}
		data, _ := os.ReadFile(qdf)
		if bytes.Contains(data, []byte("/StructTreeRoot")) || bytes.Contains(data, []byte("/MCID")) || bytes.Contains(data, []byte("/Artifact")) {
			t.Errorf("%s: untagged PDF has structure", f.name)
		}
		if b, e := bytes.Count(data, []byte(" BDC\n")), bytes.Count(data, []byte("\nEMC\n")); b != e {
			t.Errorf("%s: %d BDC, %d EMC", f.name, b, e)
		}
	}
}
