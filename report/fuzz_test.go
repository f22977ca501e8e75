package report

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/form"
)

// FuzzDecode checks that no input makes Decode, Complete or Validate panic,
// and that a report that decodes without error keeps every finding at a
// position in its file. Seeds are the fixtures, so `go test` runs them.
func FuzzDecode(f *testing.F) {
	for _, pattern := range []string{"../fixtures/*.yaml", "../fixtures/broken/*.yaml", "../fixtures/published/*.yaml"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Add([]byte(`{"agency": "甲", "year": 2021, "table2": {}, "table3": {"new": [1]}, "table4": null}`))
	f.Add([]byte("a: &x [1]\nb: *x\n"))
	f.Add(Skeleton(form.V2021, "乐清市司法局", 2021))
	f.Add(Skeleton(form.V2019, "乐清市司法局", 2020))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Decode("fuzz.yaml", data)
		if r == nil {
			t.Fatalf("Decode returned a nil report (err %v)", err)
		}
		if err != nil {
			if fs, ok := err.(Findings); !ok || fs.Errors() == 0 {
				t.Fatalf("Decode error %T %v, want Findings with errors", err, err)
			}
			return
		}
		Complete(r)
		for _, fi := range Validate(r, r) {
			if fi.Pos.File != "fuzz.yaml" || fi.Message == "" {
				t.Fatalf("finding %q has no position or message", fi)
			}
		}
	})
}
