package report

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
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

// FuzzParseCount checks the cell grammar: no text makes it panic; a text it
// accepts prints back as typed (number and note, or the blank); a count is
// never negative and the number read is the digits typed; a refusal says
// why, in Chinese.
func FuzzParseCount(f *testing.F) {
	for _, s := range []string{"0", "22（其中修订16件）", "４６（其中修订2件）", "3件", "/", "—", "", "0，1", "0 0", "12 3",
		"1e3", "2万", "1,234", "1,234.5", "7730.28", "59237.2449", "12.34567", "+3", "-4", "2（含", "1.5万元", "０．５"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, signed := range []bool{false, true} {
			c, err := parseCount(s, signed)
			if err != nil {
				if ce, ok := err.(*CellError); !ok || ce.Message == "" {
					t.Fatalf("parseCount(%q) error %v, want a *CellError with a message", s, err)
				}
				continue
			}
			if got := c.String(); got != strings.TrimSpace(s) {
				t.Fatalf("parseCount(%q).String() = %q, want the text as typed", s, got)
			}
			if !c.Blank {
				if c.N < 0 && !signed || c.N > maxCount || c.N < -maxCount {
					t.Fatalf("parseCount(%q, %v) = %d", s, signed, c.N)
				}
				_, num, _ := scanNumber(strings.TrimSpace(s))
				if want, _ := strconv.ParseInt(asciiDigits(num), 10, 64); want != c.N && want != -c.N {
					t.Fatalf("parseCount(%q) = %d, want the digits typed %q", s, c.N, num)
				}
			}
		}
		a, err := ParseAmount(s)
		if err != nil {
			if ce, ok := err.(*CellError); !ok || ce.Message == "" {
				t.Fatalf("ParseAmount(%q) error %v, want a *CellError with a message", s, err)
			}
			return
		}
		if got := a.String(); got != strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "+")) {
			t.Fatalf("ParseAmount(%q).String() = %q, want the text as typed", s, got)
		}
		if n := a.Number(); !a.Blank {
			if _, err := strconv.ParseFloat(n, 64); err != nil || strings.HasPrefix(n, "-") {
				t.Fatalf("ParseAmount(%q).Number() = %q, want a non-negative decimal", s, n)
			}
		}
	})
}

// BenchmarkDecodeHostile decodes files that once cost the YAML parser
// seconds and gigabytes: 10⁵ nested lists (200 KB), 10⁵ "- " on one line,
// and 99,000 values. prescan refuses each before parsing.
func BenchmarkDecodeHostile(b *testing.B) {
	inputs := []struct {
		name string
		data []byte
	}{
		{"nested-1e5", []byte("a: " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n")},
		{"dashes-1e5", []byte("a: " + strings.Repeat("- ", 100000) + "x\n")},
		{"values-99000", []byte("a: [" + strings.Repeat("0,", 98999) + "0]\n")},
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Decode("hostile.yaml", in.data); err == nil {
					b.Fatal("Decode accepted a hostile file")
				}
			}
		})
	}
}
