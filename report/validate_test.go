package report

import (
	"strings"
	"testing"
)

func TestSkeletonValidates(t *testing.T) {
	for _, agency := range []string{"乐清市司法局", "A: #机关", "2021"} {
		data := Skeleton(agency, 2021)
		r, err := Decode("skeleton.yaml", data)
		if err != nil {
			t.Fatalf("Decode(Skeleton(%q)): %v\n%s", agency, err, data)
		}
		if r.Agency != agency {
			t.Errorf("Skeleton(%q): agency = %q", agency, r.Agency)
		}
		fs := Validate(r, nil)
		if fs.Errors() != 0 {
			t.Errorf("Validate(Skeleton(%q)) = %v, want no errors", agency, fs)
		}
		if fs.Warnings() == 0 || !strings.Contains(fs.Error(), Placeholder) {
			t.Errorf("Validate(Skeleton(%q)) = %v, want a placeholder warning", agency, fs)
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
