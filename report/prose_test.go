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
	// Listed, not globbed, so that a fixture added for another purpose
	// does not change the golden; add reports with prose here.
	files := []string{
		"../fixtures/city-wide-2024.yaml", "../fixtures/format-2019.yaml", "../fixtures/prose-phrasings-2023.yaml",
		"../fixtures/prose-variants-2023.yaml", "../fixtures/totals-omitted-2021.yaml", "../fixtures/yueqing-sfj-2021.yaml",
		"../fixtures/published/01_shanghai_office_2025.yaml", "../fixtures/published/03_huaian_city_2024.yaml",
		"../fixtures/published/05_hongze_district_2023.yaml", "../fixtures/published/07_suqian_city_2024.yaml",
	}
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
					for _, m := range findCounts(p) {
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

// TestProseClaims puts one sentence into the long phrasing fixture (whose
// tables say 受理41, 上年结转3, 办结40, 结转4, 予以公开16, 部分公开5, 不予公开2,
// 无法提供9, 不予处理3, 其他处理5; 复议 3/0/0/1/4; 诉讼 none) and checks R7's
// warning, word for word.
func TestProseClaims(t *testing.T) {
	base, err := ReadFile("../fixtures/prose-phrasings-2023.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ text, want string }{
		{"全年共受理政府信息公开申请41件，办结40件。", ""},
		{"其中不予公开35件。", "R7 表三 （三）不予公开: 正文“不予公开35件”与表中数字 2 不符"},
		{"同意公开9件。", "R7 表三 （一）予以公开: 正文“同意公开9件”与表中数字 16 不符"},
		{"结转下年度继续办理5件。", "R7 表三 四、结转下年度继续办理: 正文“结转下年度继续办理5件”与表中数字 4 不符"},
		{"另有5件顺延到下年度答复。", "R7 表三 四、结转下年度继续办理: 正文“5件顺延到下年度答复”与表中数字 4 不符"},
		{"本年作出答复39件。", "R7 表三 （七）总计: 正文“作出答复39件”与表中数字 40 不符"},
		{"行政复议4件，其中结果维持2件。", "R7 表四 行政复议 结果维持: 正文“结果维持2件”与表中数字 3 不符"},
		{"涉及的行政诉讼数为1件。", "R7 表四 行政诉讼 总计（未经复议直接起诉+复议后起诉）: 正文“行政诉讼数为1件”与表中数字 0 不符"},
		{"未发生政府信息公开行政复议、行政诉讼案件。", "R7 表四 行政复议 总计: 正文“未发生政府信息公开行政复议、行政诉讼案件。”，但表中为 4"},
		{"较上年增加35件，2022年受理申请30件。", ""},
		{"制发规章2件，废止3件。", "R7 表二 规章: 正文“废止3件”与表中数字 1 不符"},
	}
	for _, tt := range tests {
		r := *base
		r.Other = Section{{Paragraphs: []string{"本年度未收取信息处理费。" + tt.text}}}
		var got []string
		for _, f := range Validate(&r, nil) {
			got = append(got, f.Rule+" "+f.Message)
		}
		if strings.Join(got, "\n") != tt.want {
			t.Errorf("Validate with 六 %q =\n%s\nwant\n%s", tt.text, strings.Join(got, "\n"), tt.want)
		}
	}
}

// TestRunInLead checks the full stop of run-in headings: added to a heading
// that runs in without a closing mark (and a C5 warning at its line), not
// added to one that has it, to one set on its own line, or to one without
// a paragraph to run into.
func TestRunInLead(t *testing.T) {
	tests := []struct {
		block Block
		lead  string
		warn  bool
	}{
		{Block{Heading: "（一）主动公开情况", RunIn: true, Paragraphs: []string{"正文"}}, "（一）主动公开情况。", true},
		{Block{Heading: "（一）主动公开情况　", RunIn: true, Paragraphs: []string{"正文"}}, "（一）主动公开情况。", true},
		{Block{Heading: "（一）主动公开情况。", RunIn: true, Paragraphs: []string{"正文"}}, "（一）主动公开情况。", false},
		{Block{Heading: "（一）主动公开情况：", RunIn: true, Paragraphs: []string{"正文"}}, "（一）主动公开情况：", false},
		{Block{Heading: "（一）关于“放管服”改革。”", RunIn: true, Paragraphs: []string{"正文"}}, "（一）关于“放管服”改革。”", false},
		{Block{Heading: "（一）概况（摘要）", RunIn: true, Paragraphs: []string{"正文"}}, "（一）概况（摘要）。", true},
		{Block{Heading: "（一）主动公开情况", Paragraphs: []string{"正文"}}, "（一）主动公开情况", false},
		{Block{Heading: "（一）主动公开情况", RunIn: true}, "（一）主动公开情况", false},
	}
	for _, tt := range tests {
		if got := tt.block.Lead(); got != tt.lead {
			t.Errorf("Lead(%q) = %q, want %q", tt.block.Heading, got, tt.lead)
		}
		r, err := ReadFile("../fixtures/yueqing-sfj-2021.yaml")
		if err != nil {
			t.Fatal(err)
		}
		r.Overview = append(r.Overview, tt.block)
		var c5 []Finding
		for _, f := range Validate(r, nil) {
			if f.Rule == "C5" {
				c5 = append(c5, f)
			}
		}
		if tt.warn != (len(c5) == 1) || len(c5) > 1 {
			t.Errorf("%q: C5 warnings %v, want %v", tt.block.Heading, c5, tt.warn)
		}
		if len(c5) == 1 && !strings.Contains(c5[0].Message, "已在其后加“。”") {
			t.Errorf("C5 message %q does not say what was added", c5[0].Message)
		}
	}
}
