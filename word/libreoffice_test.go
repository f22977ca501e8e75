package word

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/fixtures"
	"github.com/nianbao/nianbao/render"
	"github.com/nianbao/nianbao/report"
)

// TestLibreOfficeRoundTrip renders every fixture to DOCX, has LibreOffice
// re-save it (its own styles, no nianbao properties), imports that and
// renders it: the PDF must be the same bytes as the fixture's.
func TestLibreOfficeRoundTrip(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("NIANBAO_REQUIRE_TOOLS") != "" {
			t.Fatal("soffice not found")
		}
		t.Skip("soffice not found")
	}
	fxs, err := fixtures.Documents()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o755)
	pdfs := map[string][]byte{}
	var args []string
	for i := range fxs {
		fxs[i].Report = printed(fxs[i].Report)
	}
	for _, fx := range fxs {
		out, err := render.Report(fx.Report, render.Options{})
		if err != nil {
			t.Fatal(err)
		}
		pdfs[fx.Name] = out[render.PDF]
		p := filepath.Join(in, fx.Name+".docx")
		os.WriteFile(p, out[render.DOCX], 0o644)
		args = append(args, p)
	}
	cmd := exec.Command(soffice, append([]string{"-env:UserInstallation=file://" + dir + "/profile", "--headless", "--convert-to", "docx", "--outdir", dir}, args...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for _, fx := range fxs {
		t.Run(fx.Name, func(t *testing.T) {
			r, err := ReadFile(filepath.Join(dir, fx.Name+".docx"))
			if err != nil {
				t.Fatal(err)
			}
			if fs := report.Validate(r, nil); fs.Errors() > 0 {
				t.Errorf("findings:\n%v", fs)
			}
			report.Complete(r)
			unprinted(r, fx.Report)
			out, err := render.Report(r, render.Options{Formats: []render.Format{render.PDF}})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out[render.PDF], pdfs[fx.Name]) {
				t.Errorf("the LibreOffice re-save imports to another PDF:\n%s", report.Encode(r, ""))
			}
		})
	}
}
