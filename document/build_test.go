package document

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/report"
)

// small is a report with a run-in heading, a heading on its own line, a
// table note and no preamble.
func small() *report.Report {
	r := &report.Report{
		Agency: "某县司法局",
		Year:   2024,
		Overview: report.Section{
			{Paragraphs: []string{"总体情况段落。"}},
			{Heading: "（一）主动公开情况。", RunIn: true, Paragraphs: []string{"同行正文。", "第二段。"}},
			{Heading: "（二）依申请公开情况", Paragraphs: []string{"单独成行的标题下的正文。"}},
		},
		Problems: report.Section{{Paragraphs: []string{"问题。"}}},
		Other:    report.Section{{Paragraphs: []string{"无。"}}},
		Contact:  report.Contact{Phone: "0577-1234567", Email: "a@b.cn"},
		Closing:  report.Closing{Agency: "某县司法局", Date: "2025年1月20日"},
	}
	r.Table2.NormativeDocuments = [3]report.Count{{N: 1}, {N: 0}, {N: 22, Note: "（其中修订16件）"}}
	r.Table2.Fees = report.Amount{Text: "7730.28"}
	r.Table4.Notes = []string{"注：行政复议、行政诉讼数量含上年度结转数量。"}
	return r
}

// kinds lists the blocks as "kind:text" for comparison.
func kinds(d *Document) []string {
	var out []string
	for _, b := range d.Blocks {
		s := b.Kind.String()
		switch {
		case b.Lead != "":
			s += ":" + b.Lead + "|" + b.Text
		case b.Text != "":
			s += ":" + b.Text
		case b.Table != nil:
			s += ":" + b.Table.Form.Name
		default:
			s += ":" + strings.Join(b.Lines, "/")
		}
		out = append(out, s)
	}
	return out
}

func TestBuildOrder(t *testing.T) {
	d, err := Build(small())
	if err != nil {
		t.Fatal(err)
	}
	got := kinds(d)
	want := []string{
		"title:某县司法局/2024年政府信息公开工作年度报告",
		"paragraph:" + DefaultPreamble(small()),
		"heading1:一、总体情况",
		"paragraph:总体情况段落。",
		"paragraph:（一）主动公开情况。|同行正文。",
		"paragraph:第二段。",
		"heading2:（二）依申请公开情况",
		"paragraph:单独成行的标题下的正文。",
		"heading1:二、主动公开政府信息情况",
		"table:表二",
		"heading1:三、收到和处理政府信息公开申请情况",
		"table:表三",
		"heading1:四、政府信息公开行政复议、行政诉讼情况",
		"table:表四",
		"note:注：行政复议、行政诉讼数量含上年度结转数量。",
		"heading1:五、存在的主要问题及改进情况",
		"paragraph:问题。",
		"heading1:六、其他需要报告的事项",
		"paragraph:无。",
		"closing:某县司法局/2025年1月20日",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Build blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if d.Meta.Title != "某县司法局2024年政府信息公开工作年度报告" || d.Meta.Author != "某县司法局" || d.Meta.Lang != "zh-CN" {
		t.Errorf("Meta = %+v", d.Meta)
	}
}

// TestBuildTableTexts checks that every cell of a table prints its form
// label or its bound value, with the cell note and the amount as written.
func TestBuildTableTexts(t *testing.T) {
	d, err := Build(small())
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range d.Blocks {
		if b.Kind != Table || b.Table.Form.Number != 2 {
			continue
		}
		g := b.Table
		for i, c := range g.Form.Cells {
			switch {
			case c.Kind != form.Value && g.Texts[i] != c.Text:
				t.Errorf("表二 cell %d = %q, want label %q", i, g.Texts[i], c.Text)
			case c.Bind == form.Ref{Table: 2, Row: "normative_documents", Col: 2} && g.Texts[i] != "22（其中修订16件）":
				t.Errorf("表二 现行有效 = %q (source %s)", g.Texts[i], g.Sources[i])
			case c.Bind == form.Ref{Table: 2, Row: "fees", Col: 0} && (g.Texts[i] != "7730.28" || g.Sources[i] != "table2.fees"):
				t.Errorf("表二 收费 = %q (source %s)", g.Texts[i], g.Sources[i])
			}
		}
		return
	}
	t.Fatal("no 表二 block")
}

func TestDefaultPreambleNamesContact(t *testing.T) {
	p := DefaultPreamble(small())
	for _, want := range []string{"某县司法局编制", "2024年1月1日起至2024年12月31日止", "电话：0577-1234567", "电子邮箱：a@b.cn"} {
		if !strings.Contains(p, want) {
			t.Errorf("DefaultPreamble = %q, lacks %q", p, want)
		}
	}
}

func TestFallbackDate(t *testing.T) {
	for _, tt := range []struct{ year, want int }{{2021, 2022}, {0, 2000}, {99999, 2000}} {
		if got := (Meta{Year: tt.year}).FallbackDate(); got.Year() != tt.want || got.Month() != 1 || got.Day() != 1 {
			t.Errorf("Meta{Year: %d}.FallbackDate() = %v, want %d-01-01", tt.year, got, tt.want)
		}
	}
}
