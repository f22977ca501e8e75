package excel

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/report"
)

// TestLibreOfficeResave fills the workbook, has LibreOffice Calc re-save it
// (its own shared strings, styles and cached formula results), and reads it
// back: the same numbers, the 总计 cells as Calc computed them.
func TestLibreOfficeResave(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if _, calc := os.Stat("/usr/lib/libreoffice/program/libsclo.so"); err != nil || calc != nil {
		if os.Getenv("NIANBAO_REQUIRE_TOOLS") != "" {
			t.Fatal("LibreOffice Calc not installed (libreoffice-calc-nogui)")
		}
		t.Skip("LibreOffice Calc not installed")
	}
	dir := t.TempDir()
	want, err := report.ReadFile("../fixtures/city-wide-2024.yaml")
	if err != nil {
		t.Fatal(err)
	}
	report.Complete(want)
	in := filepath.Join(dir, "in", "淮安.xlsx")
	os.MkdirAll(filepath.Dir(in), 0o755)
	fill(t, in, want)
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+dir+"/profile", "--headless", "--convert-to", "xlsx", "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	got, err := ReadFile(filepath.Join(dir, "淮安.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range form.V2021.Tables() {
		for _, c := range tb.Cells {
			if c.Kind != form.Value {
				continue
			}
			a, _ := got.Cell(c.Bind)
			b, _ := want.Cell(c.Bind)
			if a != b {
				t.Errorf("%s: %q, want %q", got.Pos(c.Bind.Path(2)), a, b)
			}
		}
	}
	if fs := report.Validate(got, nil); fs.Errors() > 0 {
		t.Errorf("findings:\n%v", fs)
	}
}
