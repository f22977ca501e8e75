package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/layout"
	"github.com/nianbao/nianbao/report"
	"github.com/nianbao/nianbao/style"
)

// fixture is one report of fixtures/ laid out.
type fixture struct {
	name  string
	doc   *document.Document
	pages []layout.Page
}

// fixtures lays out every fixtures/*.yaml that decodes.
func fixtures(t testing.TB) []fixture {
	t.Helper()
	fs, err := fonts.Embedded()
	if err != nil {
		t.Fatalf("fonts.Embedded: %v", err)
	}
	paths, _ := filepath.Glob("../../fixtures/*.yaml")
	var out []fixture
	for _, p := range paths {
		r, err := report.ReadFile(p)
		if err != nil {
			t.Logf("%s: skipped: %v", p, err)
			continue
		}
		report.Complete(r)
		d, err := document.Build(r)
		if err != nil {
			t.Fatalf("document.Build(%s): %v", p, err)
		}
		pages, err := layout.Layout(d, style.Gongwen, fs)
		if err != nil {
			t.Fatalf("layout.Layout(%s): %v", p, err)
		}
		out = append(out, fixture{strings.TrimSuffix(filepath.Base(p), ".yaml"), d, pages})
	}
	if len(out) == 0 {
		t.Fatal("no fixture decodes")
	}
	return out
}

var fixedDate = time.Date(2022, 1, 20, 0, 0, 0, 0, time.UTC)

func write(t testing.TB, f fixture, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, f.pages, f.doc.Meta, opts); err != nil {
		t.Fatalf("Write(%s): %v", f.name, err)
	}
	if dir := os.Getenv("NIANBAO_PDF_OUT"); dir != "" {
		os.WriteFile(filepath.Join(dir, f.name+".pdf"), buf.Bytes(), 0o644)
	}
	return buf.Bytes()
}

func tool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s not installed", name)
	}
}

// squeeze drops whitespace, which pdftotext adds at line ends and between
// Han and Latin, and layout does not print.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func TestWriteDeterministic(t *testing.T) {
	for _, f := range fixtures(t) {
		a := write(t, f, Options{})
		b := write(t, f, Options{})
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two writes differ (%d and %d bytes)", f.name, len(a), len(b))
		}
	}
}
