package report

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/prose-corpus.golden")

// TestProseCorpus changes each count that the prose of the corpus states
// (the good fixtures, the published reports and the long phrasing fixture)
// by one, and records whether Validate notices: a new R7 finding at that
// paragraph. testdata/prose-corpus.golden lists every count as "noticed" or
// "ignored"; every count of Tables 二–四 must be noticed, and the ignored
// ones are counts of things the tables do not hold (条 of information,
// training sessions, documents reviewed). Rewrite it with -update after
// reading the diff.
func TestProseCorpus(t *testing.T) {
	files, _ := filepath.Glob("../fixtures/*.yaml")
	more, _ := filepath.Glob("../fixtures/published/*.yaml")
	files = append(files, more...)
	var out strings.Builder
	noticed, total := 0, 0
	for _, file := range files {
		r, err := ReadFile(file)
		if err != nil {
			t.Fatalf("ReadFile(%s): %v", file, err)
		}
		base := r7Messages(Validate(r, nil))
		for _, sec := range []struct {
			key string
			sec *Section
		}{{"overview", &r.Overview}, {"problems", &r.Problems}, {"other", &r.Other}} {
			for i, b := range *sec.sec {
				for j, p := range b.Paragraphs {
					path := fmt.Sprintf("%s[%d].paragraphs[%d]", sec.key, i, j)
					for _, m := range countRE.FindAllStringSubmatchIndex(p, -1) {
						n, err := strconv.ParseInt(strings.ReplaceAll(asciiDigits(p[m[2]:m[3]]), ",", ""), 10, 64)
						if err != nil {
							t.Fatal(err)
						}
						changed := p[:m[2]] + strconv.FormatInt(n+1, 10) + p[m[3]:]
						c := *r
						blocks := append(Section(nil), *sec.sec...)
						blocks[i].Paragraphs = append([]string(nil), b.Paragraphs...)
						blocks[i].Paragraphs[j] = changed
						switch sec.key {
						case "overview":
							c.Overview = blocks
						case "problems":
							c.Problems = blocks
						case "other":
							c.Other = blocks
						}
						got := "ignored"
						if r7Messages(Validate(&c, nil)) != base {
							got = "noticed"
							noticed++
						}
						total++
						from := max(0, m[0]-24)
						for from > 0 && !utf8Start(p[from]) {
							from--
						}
						fmt.Fprintf(&out, "%s %s %s …%s\n", got, filepath.Base(file), path, p[from:m[1]])
					}
				}
			}
		}
	}
	fmt.Fprintf(&out, "# %d of %d counts noticed\n", noticed, total)
	const golden = "testdata/prose-corpus.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if out.String() != string(want) {
		t.Errorf("prose corpus differs from %s (rerun with -update and read the diff):\n%s", golden, out.String())
	}
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// r7Messages is the R7 findings of fs, one per line.
func r7Messages(fs Findings) string {
	var b strings.Builder
	for _, f := range fs {
		if f.Rule == "R7" {
			b.WriteString(f.String() + "\n")
		}
	}
	return b.String()
}
