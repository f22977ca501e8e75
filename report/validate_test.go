package report

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/form"
)

func TestSkeletonValidates(t *testing.T) {
	for _, v := range form.Versions() {
		f, _ := form.Lookup(v)
		for _, agency := range []string{"乐清市司法局", "A: #机关", "2021"} {
			data := Skeleton(f, agency, 2020)
			r, err := Decode("skeleton.yaml", data)
			if err != nil {
				t.Fatalf("Decode(Skeleton(%s, %q)): %v\n%s", v, agency, err, data)
			}
			if r.Agency != agency || r.Format != v {
				t.Errorf("Skeleton(%s, %q): agency = %q, format = %q", v, agency, r.Agency, r.Format)
			}
			fs := Validate(r, nil)
			if fs.Errors() != 0 {
				t.Errorf("Validate(Skeleton(%s, %q)) = %v, want no errors", v, agency, fs)
			}
			if fs.Warnings() == 0 || !strings.Contains(fs.Error(), Placeholder) {
				t.Errorf("Validate(Skeleton(%s, %q)) = %v, want a placeholder warning", v, agency, fs)
			}
			// Every data slot of the format is in the skeleton and prints 0.
			for _, tb := range f.Tables() {
				for _, c := range tb.Cells {
					if got, ok := r.Cell(c.Bind); c.Kind == form.Value && (!ok || got != "0") {
						t.Errorf("Skeleton(%s): %v = %q, %v; want \"0\"", v, c.Bind, got, ok)
					}
				}
			}
		}
	}
}

func TestValidateYueqing(t *testing.T) {
	r, err := ReadFile("../fixtures/yueqing-sfj-2021.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if fs := Validate(r, nil); len(fs) != 0 {
		t.Errorf("Validate(yueqing) = %v, want none", fs)
	}
}

// BenchmarkValidate checks a city-wide report: R1–R7 and the content
// warnings, prose included (part of every report's cost in a batch).
func BenchmarkValidate(b *testing.B) {
	r, err := ReadFile("../fixtures/city-wide-2024.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if fs := Validate(r, nil); len(fs) != 0 {
			b.Fatal(fs)
		}
	}
}

// BenchmarkReadFile reads a city-wide report file: YAML parse, decoding
// with positions and the cell grammar (part of every report's cost in a
// batch).
func BenchmarkReadFile(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadFile("../fixtures/city-wide-2024.yaml"); err != nil {
			b.Fatal(err)
		}
	}
}
