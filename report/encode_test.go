package report

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/nianbao/nianbao/form"
)

// TestEncodeRoundTrip checks that Encode writes a file that decodes back to
// the same report, for every valid fixture and the skeletons.
func TestEncodeRoundTrip(t *testing.T) {
	files, _ := filepath.Glob("../fixtures/*.yaml")
	more, _ := filepath.Glob("../fixtures/published/*.yaml")
	files = append(files, more...)
	var reports []*Report
	for _, file := range files {
		r, err := ReadFile(file)
		if err != nil {
			t.Fatalf("ReadFile(%s): %v", file, err)
		}
		reports = append(reports, r)
	}
	for _, f := range []*form.Format{form.V2021, form.V2019} {
		r, err := Decode("skeleton.yaml", Skeleton(f, "测试局", 2023))
		if err != nil {
			t.Fatal(err)
		}
		reports = append(reports, r)
	}
	for _, r := range reports {
		data := Encode(r, "test")
		back, err := Decode("encoded.yaml", data)
		if err != nil {
			t.Errorf("%s: Encode does not decode: %v\n%s", r.File, err, data)
			continue
		}
		if !sameReport(r, back) {
			t.Errorf("%s: Encode → Decode differs:\n%s", r.File, data)
		}
		if fs, want := Validate(back, nil), Validate(r, nil); len(fs) != len(want) {
			t.Errorf("%s: %d findings after Encode, %d before:\n%v", r.File, len(fs), len(want), fs)
		}
	}
}

// sameReport compares two reports' data, completed, without positions.
func sameReport(a, b *Report) bool {
	x, y := *a, *b
	Complete(&x)
	Complete(&y)
	for _, r := range []*Report{&x, &y} {
		r.File, r.pos, r.cells, r.notes = "", nil, nil, nil
		for i := range r.Table3.Rows {
			for k := range r.Table3.Rows[i] {
				r.Table3.Rows[i][k].Computed = false
			}
		}
		for i := range r.Table4.Rows {
			for k := range r.Table4.Rows[i] {
				r.Table4.Rows[i][k].Computed = false
			}
		}
	}
	return reflect.DeepEqual(x, y)
}

func TestSetCell(t *testing.T) {
	for _, c := range []struct {
		ref  form.Ref
		text string
		want string
		err  bool
	}{
		{form.Ref{Table: 3, Row: "new", Col: 0}, " ２２（其中修订16件） ", "２２（其中修订16件）", false},
		{form.Ref{Table: 3, Row: "new", Col: 0}, "\u3000", "", false},
		{form.Ref{Table: 3, Row: "new", Col: 0}, "十二", "", true},
		{form.Ref{Table: 3, Row: "new", Col: 0}, "－3", "", true},
		{form.Ref{Table: 3, Row: "new", Col: 0}, "1.5", "", true},
		{form.Ref{Table: 2, Row: "fees", Col: 0}, "７７３０．２８", "７７３０．２８", false},
		{form.Ref{Table: 2, Row: "fees", Col: 0}, "约一万", "", true},
	} {
		r := &Report{}
		err := r.SetCell(c.ref, c.text, Pos{Place: "x"})
		got, _ := r.Cell(c.ref)
		if (err != nil) != c.err || got != c.want {
			t.Errorf("SetCell(%q) = %q, %v; want %q, error %v", c.text, got, err, c.want, c.err)
		}
	}
}
