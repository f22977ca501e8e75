package ofd

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
	"golang.org/x/image/font/sfnt"

	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/fixtures"
	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/layout"
	"github.com/nianbao/nianbao/render/internal/chromium"
	"github.com/nianbao/nianbao/render/pdf"
	"github.com/nianbao/nianbao/style"
)

// sample is one fixture laid out, with its OFD.
type sample struct {
	name  string
	doc   *document.Document
	pages []layout.Page
	ofd   []byte
}

var (
	samplesOnce sync.Once
	samplesList []sample
	samplesErr  error
)

// samples lays out every fixture in both styles and writes its OFD.
func samples(t testing.TB) []sample {
	t.Helper()
	samplesOnce.Do(func() {
		fx, err := fixtures.Documents()
		if err != nil {
			samplesErr = err
			return
		}
		fs, err := fonts.Embedded()
		if err != nil {
			samplesErr = err
			return
		}
		for _, f := range fx {
			for _, st := range []*style.Style{style.Gongwen, style.Template} {
				pages, err := layout.Layout(f.Doc, st, fs)
				if err != nil {
					samplesErr = fmt.Errorf("%s: %w", f.Name, err)
					return
				}
				var b bytes.Buffer
				if err := Write(&b, pages, f.Doc.Meta, Options{}); err != nil {
					samplesErr = fmt.Errorf("%s: %w", f.Name, err)
					return
				}
				samplesList = append(samplesList, sample{f.Name + "-" + st.Name, f.Doc, pages, b.Bytes()})
			}
		}
	})
	if samplesErr != nil {
		t.Fatal(samplesErr)
	}
	return samplesList
}

// TestSchema checks every fixture's OFD against the schema subset of
// schema_test.go: structure, attribute types, unique IDs ≤ MaxUnitID and
// every reference resolved.
func TestSchema(t *testing.T) {
	for _, s := range samples(t) {
		for _, p := range checkPackage(s.ofd) {
			t.Errorf("%s: %s", s.name, p)
		}
	}
}

// TestSchemaCatches makes sure the checker finds what it is meant to
// find, on broken copies of a good package.
func TestSchemaCatches(t *testing.T) {
	good := samples(t)[0].ofd
	// A page with text and rules.
	content := ""
	for name, b := range unzip(t, good) {
		if strings.HasPrefix(name, "Doc_0/Pages/") && bytes.Contains(b, []byte("AbbreviatedData")) && bytes.Contains(b, []byte("DeltaX")) {
			content = name
			break
		}
	}
	tests := []struct {
		name, file, old, new, want string
	}{
		{"duplicate ID", content, `<ofd:Layer ID="`, `<ofd:Layer ID="1" X="`, "already used"},
		{"ID above MaxUnitID", "Doc_0/Document.xml", `<ofd:MaxUnitID>\d+`, "<ofd:MaxUnitID>3", "> MaxUnitID"},
		{"undefined font", "Doc_0/PublicRes.xml", `<ofd:Font ID="`, `<ofd:Font ID="9999`, "not defined"},
		{"missing page file", "Doc_0/Document.xml", `BaseLoc="Pages/Page_0/`, `BaseLoc="Pages/Page_X/`, "not in the package"},
		{"missing font file", "Doc_0/PublicRes.xml", `<ofd:FontFile>`, `<ofd:FontFile>x`, "not in the package"},
		{"order", "OFD.xml", "<ofd:Title>", "<ofd:Creator>x</ofd:Creator><ofd:Title>", "not allowed here"},
		{"unknown element", content, "<ofd:Layer", "<ofd:Layr/><ofd:Layer", "not allowed here"},
		{"unknown attribute", content, "<ofd:TextObject ", `<ofd:TextObject Colour="red" `, "not in the schema"},
		{"no Font", content, ` Font="`, ` Fnt="`, "no Font attribute"},
		{"namespace", "Doc_0/PublicRes.xml", `xmlns:ofd="http://www.ofdspec.org/2016"`, `xmlns:ofd="urn:x"`, "namespace"},
		{"bad box", content, `Boundary="`, `Boundary="x `, "not a valid Boundary"},
		{"bad colour", content, `Value="0 0 0"`, `Value="0 0 300"`, "not a valid Value"},
		{"bad date", "OFD.xml", "<ofd:CreationDate>", "<ofd:CreationDate>0", "not a valid CreationDate"},
		{"bad path", content, "<ofd:AbbreviatedData>M ", "<ofd:AbbreviatedData>Z ", "not a valid AbbreviatedData"},
		{"DeltaX too long", content, `DeltaX="`, `DeltaX="g 500 1 `, "DeltaX for"},
		{"outline page", "Doc_0/Document.xml", `PageID="`, `PageID="9999`, "does not exist"},
	}
	for _, tt := range tests {
		ps := checkPackage(rewrite(t, good, tt.file, tt.old, tt.new))
		if !strings.Contains(strings.Join(ps, "\n"), tt.want) {
			t.Errorf("%s: problems %q, want one with %q", tt.name, ps, tt.want)
		}
	}
}

// rewrite replaces the first old (a regular expression if it has \d)
// with new in one file of the package.
func rewrite(t *testing.T, data []byte, file, old, new string) []byte {
	t.Helper()
	files := unzip(t, data)
	s := string(files[file])
	re := regexp.MustCompile(old)
	if !strings.Contains(old, `\d`) {
		re = regexp.MustCompile(regexp.QuoteMeta(old))
	}
	loc := re.FindStringIndex(s)
	if loc == nil {
		t.Fatalf("%s has no %q", file, old)
	}
	files[file] = []byte(s[:loc[0]] + new + s[loc[1]:])
	return rezip(t, files)
}

var order []string // entry order of the last unzip

func unzip(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	order = order[:0]
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name] = b
		order = append(order, f.Name)
	}
	return files
}

func rezip(t *testing.T, files map[string][]byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, name := range order {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(files[name])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestSameBytes: the same pages give the same file.
func TestSameBytes(t *testing.T) {
	s := samples(t)[0]
	var b bytes.Buffer
	if err := Write(&b, s.pages, s.doc.Meta, Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), s.ofd) {
		t.Errorf("%s: two writes differ", s.name)
	}
}

// TestText: each page's TextCodes, in order, are the layout's runs.
func TestText(t *testing.T) {
	for _, s := range samples(t) {
		files := unzip(t, s.ofd)
		for i, pg := range s.pages {
			var want []string
			for _, tx := range pg.Texts {
				want = append(want, string(tx.Runes))
			}
			root, err := parseXML(files[fmt.Sprintf("Doc_0/Pages/Page_%d/Content.xml", i)])
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			var walk func(n *node)
			walk = func(n *node) {
				if n.name == "TextCode" {
					got = append(got, n.text)
				}
				for _, c := range n.children {
					walk(c)
				}
			}
			walk(root)
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("%s page %d: text\n%q\nwant\n%q", s.name, i+1, got, want)
			}
		}
	}
}

// TestRefuse: empty input is refused with a message, not written.
func TestRefuse(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, nil, document.Meta{}, Options{}); err == nil {
		t.Error("Write of no pages: no error")
	}
}

// TestBeyondBMP lays out a paragraph with 𠮷 (U+20BB7, CJK Ext-B, which
// only the embedded fallback font LXGW WenKai has), writes the OFD and
// checks that the font file of the TextObject drawing 𠮷 maps U+20BB7 to
// a glyph: a reader that looks the code up in the cmap finds it.
func TestBeyondBMP(t *testing.T) {
	const r = '𠮷'
	fs, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	d := &document.Document{
		Meta: document.Meta{Title: "测试", Lang: "zh-CN", Year: 2021},
		Blocks: []document.Block{
			{Kind: document.Heading1, Text: "一、总体情况"},
			{Kind: document.Paragraph, Text: "本机关收到姓" + string(r) + "的申请人提出的申请1件。"},
		},
	}
	pages, err := layout.Layout(d, style.Gongwen, fs)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Write(&b, pages, d.Meta, Options{}); err != nil {
		t.Fatalf("Write with %c: %v", r, err)
	}
	files := unzip(t, b.Bytes())
	// The Font of the TextObject whose TextCode holds 𠮷.
	font := regexp.MustCompile(`^[^>]* Font="(\d+)"`)
	fontID := ""
	for name, data := range files {
		if !strings.HasSuffix(name, "/Content.xml") {
			continue
		}
		for _, obj := range strings.Split(string(data), "<ofd:TextObject ")[1:] {
			obj, _, _ = strings.Cut(obj, "</ofd:TextObject>")
			if m := font.FindStringSubmatch(obj); m != nil && strings.ContainsRune(obj, r) {
				fontID = m[1]
			}
		}
	}
	if fontID == "" {
		t.Fatalf("no TextObject draws %c", r)
	}
	res := string(files["Doc_0/PublicRes.xml"])
	m := regexp.MustCompile(`<ofd:Font ID="` + fontID + `"[^>]*><ofd:FontFile>([^<]+)</ofd:FontFile>`).FindStringSubmatch(res)
	if m == nil {
		t.Fatalf("font %s not in PublicRes.xml:\n%s", fontID, res)
	}
	file, ok := files["Doc_0/Res/"+m[1]]
	if !ok {
		t.Fatalf("font file %s not in the package", m[1])
	}
	f, err := sfnt.Parse(file)
	if err != nil {
		t.Fatalf("font file %s: %v", m[1], err)
	}
	gid, err := f.GlyphIndex(nil, r)
	if err != nil || gid == 0 {
		t.Errorf("font file %s maps U+%04X to glyph %d (%v), want a glyph", m[1], r, gid, err)
	}
}

// TestChromium reads every fixture's OFD in headless Chromium with the
// reader of testdata/view.html (served with the package's files on a
// loopback server): it loads the embedded fonts into the browser and
// draws each page at 100 dpi. Each page is compared with the PDF of the
// same layout pages drawn by pdftoppm: ink (gray below inkLevel) of one image that
// has no ink within 1 px in the other may be at most maxInkDiff of all
// ink. Images go to $NIANBAO_SHOTS when set, to look at.
//
// The npm package ofd.js 1.5.0 was meant to be the reader here, but its
// WebAssembly core refuses every file without a commercial licence key:
// parseOfdDocument fails with "授权信息错误" (code 10001) for file://,
// 127.0.0.1 and localhost pages alike (see DLTech21/ofd.js issue #108), so
// it is no longer installed. The reader in testdata/view.html stands in
// for it.
func TestChromium(t *testing.T) {
	pdftoppm, err := exec.LookPath("pdftoppm")
	if err != nil {
		if os.Getenv("NIANBAO_REQUIRE_TOOLS") != "" {
			t.Fatal("pdftoppm not installed, and NIANBAO_REQUIRE_TOOLS is set")
		}
		t.Skip("pdftoppm not installed")
	}
	ctx := chromium.Start(t)
	view, err := os.ReadFile("testdata/view.html")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var files map[string][]byte
	mux := http.NewServeMux()
	mux.HandleFunc("/view.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(view)
	})
	mux.HandleFunc("/ofd/", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		b, ok := files[strings.TrimPrefix(r.URL.Path, "/ofd/")]
		mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write(b)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	shots := os.Getenv("NIANBAO_SHOTS")
	const dpi = 100
	// read has the browser read a package's files and returns its pages
	// as PNG data URLs.
	read := func(fs map[string][]byte) []string {
		mu.Lock()
		files = fs
		mu.Unlock()
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/view.html")); err != nil {
			t.Fatal(err)
		}
		urls, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](fmt.Sprintf("ofdPages(%d)", dpi), chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("the reader failed: %v", err)
		}
		return urls
	}
	for k, s := range samples(t) {
		urls := read(unzip(t, s.ofd))
		if len(urls) != len(s.pages) {
			t.Fatalf("%s: %d pages read, want %d", s.name, len(urls), len(s.pages))
		}
		// The PDF of the same pages, drawn by poppler.
		dir := t.TempDir()
		var pb bytes.Buffer
		if err := pdf.Write(&pb, s.pages, s.doc.Meta, pdf.Options{}); err != nil {
			t.Fatal(err)
		}
		pdfPath := filepath.Join(dir, "x.pdf")
		if err := os.WriteFile(pdfPath, pb.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(pdftoppm, "-r", fmt.Sprint(dpi), "-gray", "-png", pdfPath, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v\n%s", err, out)
		}
		for i, u := range urls {
			ofdImg := decodeURL(t, u)
			pdfImg := readPNG(t, pageFile(t, dir, i+1, len(urls)))
			diff, inkDiff, ink := compare(ofdImg, pdfImg)
			ratio := float64(inkDiff) / float64(max(ink, 1))
			t.Logf("%s page %d: %d of %d ink pixels apart (%.2f%%)", s.name, i+1, inkDiff, ink, 100*ratio)
			if ratio > maxInkDiff {
				t.Errorf("%s page %d: %.2f%% of the ink differs from the PDF's (bound %.1f%%)", s.name, i+1, 100*ratio, 100*maxInkDiff)
			}
			if shots != "" {
				writePNG(t, filepath.Join(shots, fmt.Sprintf("ofd-%s-%d.png", s.name, i+1)), ofdImg)
				writePNG(t, filepath.Join(shots, fmt.Sprintf("ofd-%s-%d-diff.png", s.name, i+1)), diff)
			}
		}
		if k > 0 {
			continue
		}
		// The comparison can fail: the first page with every character
		// moved 0.4 mm to the right differs by more than the bound.
		fs := unzip(t, s.ofd)
		const page1 = "Doc_0/Pages/Page_0/Content.xml"
		fs[page1] = regexp.MustCompile(`<ofd:TextCode X="[0-9.]+`).ReplaceAllFunc(fs[page1], func(m []byte) []byte {
			x, _ := strconv.ParseFloat(string(m[len(`<ofd:TextCode X="`):]), 64)
			return []byte(`<ofd:TextCode X="` + strconv.FormatFloat(x+0.4, 'f', 3, 64))
		})
		moved := read(fs)
		_, inkDiff, ink := compare(decodeURL(t, moved[0]), readPNG(t, pageFile(t, dir, 1, len(urls))))
		if ratio := float64(inkDiff) / float64(max(ink, 1)); ratio <= maxInkDiff {
			t.Errorf("%s page 1 with text moved 0.4 mm: %.2f%% of the ink differs, within the bound", s.name, 100*ratio)
		} else {
			t.Logf("%s page 1 with text moved 0.4 mm: %.2f%% of the ink differs", s.name, 100*ratio)
		}
	}
}

// maxInkDiff bounds the share of ink pixels of the OFD page and the PDF
// page that have no ink within 1 px in the other image. Two rasterisers
// (Skia, poppler's Splash) antialias differently; a glyph misplaced by
// 0.3 mm or a missing character, rule or font shows up as far more.
const maxInkDiff = 0.015

// compare returns a picture of the differences (red: ink only in a, blue:
// ink only in b, gray: ink in both), the number of ink pixels of either
// image with no ink within 1 px in the other, and the number of ink
// pixels in both images.
func compare(a, b image.Image) (*image.RGBA, int, int) {
	r := a.Bounds().Intersect(b.Bounds())
	inkA, inkB := inkMask(a, r), inkMask(b, r)
	w, h := r.Dx(), r.Dy()
	near := func(m []bool, x, y int) bool {
		for dy := -1; dy <= 1; dy++ {
			for dx := -1; dx <= 1; dx++ {
				xx, yy := x+dx, y+dy
				if xx >= 0 && yy >= 0 && xx < w && yy < h && m[yy*w+xx] {
					return true
				}
			}
		}
		return false
	}
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	diff, ink := 0, 0
	for y := range h {
		for x := range w {
			c := color.RGBA{255, 255, 255, 255}
			a, b := inkA[y*w+x], inkB[y*w+x]
			if a {
				ink++
				c = color.RGBA{160, 160, 160, 255}
				if !near(inkB, x, y) {
					diff++
					c = color.RGBA{255, 0, 0, 255}
				}
			}
			if b {
				ink++
				if !near(inkA, x, y) {
					diff++
					c = color.RGBA{0, 0, 255, 255}
				}
			}
			out.Set(x, y, c)
		}
	}
	return out, diff, ink
}

// inkLevel is the gray below which a pixel is ink: light enough to count
// a 0.5 pt rule that Skia antialiases over two pixels at 100 dpi (poppler
// draws it one pixel wide and black).
const inkLevel = 200

func inkMask(img image.Image, r image.Rectangle) []bool {
	m := make([]bool, r.Dx()*r.Dy())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			g := color.GrayModel.Convert(img.At(x, y)).(color.Gray)
			m[(y-r.Min.Y)*r.Dx()+(x-r.Min.X)] = g.Y < inkLevel
		}
	}
	return m
}

// decodeURL decodes a PNG data URL.
func decodeURL(t *testing.T, u string) image.Image {
	t.Helper()
	data, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(u, "data:image/png;base64,"))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// pageFile is pdftoppm's name for page n of total: p-1.png, p-01.png …
func pageFile(t *testing.T, dir string, n, total int) string {
	t.Helper()
	for _, w := range []int{1, 2, 3} {
		p := filepath.Join(dir, fmt.Sprintf("p-%0*d.png", w, n))
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Fatalf("pdftoppm wrote no page %d of %d", n, total)
	return ""
}

func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// TestEscape: a paragraph with < & " ' , a long URL and full-width digits
// is laid out, written and read back: the package stays valid and its
// TextCodes hold the text.
func TestEscape(t *testing.T) {
	const stress = `链接 https://www.example.gov.cn/col/col1229/index.html?uid=5&pageNum=2 与 <申请表> & “引号” 'x' ０５７７-６１８８ 1,234,567.89万元`
	fx, err := fixtures.Documents()
	if err != nil {
		t.Fatal(err)
	}
	d := *fx[0].Doc
	d.Blocks = append([]document.Block(nil), d.Blocks...)
	for i := range d.Blocks {
		if d.Blocks[i].Kind == document.Paragraph {
			d.Blocks[i].Text = stress
			break
		}
	}
	d.Meta.Title = `"报告" & <标题>`
	fs, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	pages, err := layout.Layout(&d, style.Gongwen, fs)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Write(&b, pages, d.Meta, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, p := range checkPackage(b.Bytes()) {
		t.Error(p)
	}
	files := unzip(t, b.Bytes())
	var all strings.Builder
	for i := range pages {
		root, err := parseXML(files[fmt.Sprintf("Doc_0/Pages/Page_%d/Content.xml", i)])
		if err != nil {
			t.Fatal(err)
		}
		var walk func(n *node)
		walk = func(n *node) {
			if n.name == "TextCode" {
				all.WriteString(n.text)
			}
			for _, c := range n.children {
				walk(c)
			}
		}
		walk(root)
	}
	if !strings.Contains(all.String(), stress) {
		t.Errorf("TextCodes do not hold %q", stress)
	}
	entry, err := parseXML(files["OFD.xml"])
	if err != nil {
		t.Fatal(err)
	}
	if got := entry.children[0].children[0].children[1].text; got != d.Meta.Title {
		t.Errorf("DocInfo Title = %q, want %q", got, d.Meta.Title)
	}
}
