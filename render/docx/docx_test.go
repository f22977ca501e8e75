package docx

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/report"
	"github.com/nianbao/nianbao/style"
)

// fixtures returns the documents of every fixture that decodes, by name.
func fixtures(t testing.TB) map[string]*document.Document {
	t.Helper()
	paths, _ := filepath.Glob("../../fixtures/*.yaml")
	out := map[string]*document.Document{}
	for _, p := range paths {
		r, err := report.ReadFile(p)
		if err != nil {
			continue
		}
		report.Complete(r)
		d, err := document.Build(r)
		if err != nil {
			t.Fatalf("document.Build(%s): %v", p, err)
		}
		out[filepath.Base(p)] = d
	}
	if len(out) == 0 {
		t.Fatal("no fixture decodes")
	}
	return out
}

func TestDump(t *testing.T) {
	dir := os.Getenv("DOCX_DUMP")
	if dir == "" {
		t.Skip()
	}
	for name, d := range fixtures(t) {
		for _, s := range []*style.Style{style.Gongwen, style.Template} {
			var b bytes.Buffer
			if err := Write(&b, d, s, Options{}); err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(dir, name+"."+s.Name+".docx"), b.Bytes(), 0o644)
		}
	}
}
