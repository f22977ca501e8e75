package report

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestFixtures checks that the good fixtures validate with no findings
// but those listed here: the stress fixture types numbers in full-width
// digits on purpose, which are printed half width with a C6 warning each.
func TestFixtures(t *testing.T) {
	allowed := map[string]map[string]int{"stress-prose-2024.yaml": {"C6": 5}}
	files, _ := filepath.Glob("../fixtures/*.yaml")
	more, _ := filepath.Glob("../fixtures/published/0[13]_*.yaml")
	files = append(files, more...)
	if len(files) < 4 {
		t.Fatalf("fixtures = %v, want at least 4", files)
	}
	for _, file := range files {
		r, err := ReadFile(file)
		if err != nil {
			t.Errorf("ReadFile(%s): %v", file, err)
			continue
		}
		fs := Validate(r, nil)
		count := map[string]int{}
		for _, f := range fs {
			count[f.Rule]++
		}
		want := allowed[filepath.Base(file)]
		if len(want) == 0 {
			want = map[string]int{}
		}
		if !maps.Equal(count, want) {
			t.Errorf("Validate(%s) =\n%v\nwant findings %v", file, fs, want)
		}
	}
}

// expectRE matches the expected findings at the top of a broken fixture:
//
//	# Error: 42:42 R4 表四 行政复议: 总计 应为 11（…），实为 0
//	# Warning: 7:9 R7 …
var expectRE = regexp.MustCompile(`(?m)^# (Error|Warning): (\d+:\d+) (.*)$`)

// TestBrokenFixtures checks each fixture in fixtures/broken (and the
// published ones that break a rule) against the findings written at its top:
// the same messages at the same positions, and nothing else. A file named
// r5*.yaml is checked against r5-prev.yaml.
func TestBrokenFixtures(t *testing.T) {
	files, _ := filepath.Glob("../fixtures/broken/*.yaml")
	files = append(files, "../fixtures/published/05_hongze_district_2023.yaml", "../fixtures/published/07_suqian_city_2024.yaml")
	prev, err := ReadFile("../fixtures/broken/r5-prev.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rules := map[string]bool{}
	for _, file := range files {
		if strings.HasSuffix(file, "r5-prev.yaml") {
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(data) {
			data, _ = simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		}
		var want []string
		for _, m := range expectRE.FindAllStringSubmatch(string(data), -1) {
			sev := ""
			if m[1] == "Warning" {
				sev = "警告："
			}
			want = append(want, file+":"+m[2]+": "+sev+strings.ReplaceAll(m[3], "$PREV", prev.File))
			if r := regexp.MustCompile(`^R\d`).FindString(m[3]); r != "" {
				rules[r] = true
			}
		}
		var p *Report
		if strings.HasPrefix(filepath.Base(file), "r5") {
			p = prev
		}
		var got Findings
		r, err := ReadFile(file)
		if !errors.As(err, &got) {
			if err != nil {
				t.Fatalf("ReadFile(%s): %v", file, err)
			}
			got = Validate(r, p)
		}
		gotLines := make([]string, len(got))
		for i, f := range got {
			gotLines[i] = f.String()
		}
		if strings.Join(gotLines, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: findings\n%s\nwant\n%s", file, strings.Join(gotLines, "\n"), strings.Join(want, "\n"))
		}
	}
	for _, r := range []string{"R1", "R2", "R3", "R4", "R5", "R6", "R7"} {
		if !rules[r] {
			t.Errorf("no broken fixture expects a finding of rule %s", r)
		}
	}
}
