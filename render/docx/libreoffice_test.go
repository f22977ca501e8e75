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
	profile := "file://" + filepath.ToSlash(filepath.Join(t.TempDir(), "lo-profile"))
	args := append([]string{"-env:UserInstallation=" + profile, "--headless", "--norestore",
		"--convert-to", "pdf", "--outdir", dir}, files...)
	cmd := exec.CommandContext(ctx, soffice, args...)
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
		text := pdfText(t, pdf)
		for _, want := range expectedTexts(c.doc) {
			if !strings.Contains(text, want) {
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
		if d := got - len(pages); d < -1 || d > 1 {
			t.Errorf("%s: LibreOffice sets %d pages, our PDF %d; want within one", c.name, got, len(pages))
		} else {
			t.Logf("%s: LibreOffice %d pages, our PDF %d", c.name, got, len(pages))
		}
	}
}

// pageNumber is the footer as pdftotext gives it, "— 3 —".
var pageNumber = regexp.MustCompile(`—\s*\d+\s*—`)

// pdfText is the text of a PDF in content order (pdftotext -raw), without
// page numbers and white space, so that text broken over lines, cells and
// pages reads whole.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", path, "-").Output()
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
