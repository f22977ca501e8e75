package report

import (
	"testing"

	"github.com/nianbao/nianbao/form"
)

func TestReadFileYueqing(t *testing.T) {
	r, err := ReadFile("../fixtures/yueqing-sfj-2021.yaml")
	if err != nil {
		t.Fatalf("ReadFile: %v", err)
	}
	if r.Agency != "乐清市司法局" || r.Year != 2021 || r.Format != "2021" {
		t.Errorf("agency, year, format = %q, %d, %q", r.Agency, r.Year, r.Format)
	}
	if got := r.Table2.NormativeDocuments[2].N; got != 4 {
		t.Errorf("table2.normative_documents[2] = %d, want 4", got)
	}
	if got := r.Table3.Rows[T3New][T3TotalCol].N; got != 1 {
		t.Errorf("table3.new[6] = %d, want 1", got)
	}
	if len(r.Overview) != 6 || r.Overview[1].Heading != "（一）主动公开政府信息情况" {
		t.Errorf("overview = %d blocks, [1].Heading = %q", len(r.Overview), r.Overview[1].Heading)
	}
	if len(r.Problems) != 3 || len(r.Problems[2].Paragraphs) != 2 {
		t.Errorf("problems = %+v", r.Problems)
	}
	if got, want := r.Pos("table3.new[6]").String(), "../fixtures/yueqing-sfj-2021.yaml:39:51"; got != want {
		t.Errorf("Pos(table3.new[6]) = %s, want %s", got, want)
	}
}

// TestReadFile2019 reads the 2019 fixture: every binding of the 2019 form
// has a value, 本年增/减 keeps its sign as written, 采购总金额 its unit, and
// the single （六）其他处理 is stored in the row of （六）3 (see Table3).
func TestReadFile2019(t *testing.T) {
	const file = "../fixtures/format-2019.yaml"
	r, err := ReadFile(file)
	if err != nil {
		t.Fatalf("ReadFile: %v", err)
	}
	for _, tb := range form.V2019.Tables() {
		for _, c := range tb.Cells {
			if _, ok := r.Cell(c.Bind); c.Kind == form.Value && !ok {
				t.Errorf("Cell(%v): no value", c.Bind)
			}
		}
	}
	tests := []struct {
		ref  form.Ref
		want string
		ok   bool
	}{
		{form.Ref{Table: 2, Row: "regulations", Col: 0}, "6（其中修订2件）", true},
		{form.Ref{Table: 2, Row: "licensing", Col: 1}, "-4", true},
		{form.Ref{Table: 2, Row: "other_services", Col: 1}, "+7", true},
		{form.Ref{Table: 2, Row: "fees", Col: 1}, "-1", true},
		{form.Ref{Table: 2, Row: "procurement", Col: 1}, "3862.57万元", true},
		{form.Ref{Table: 3, Row: "other", Col: 6}, "10", true},
		{form.Ref{Table: 3, Row: "other_no_fee", Col: 6}, "", false}, // a 2021 row
		{form.Ref{Table: 2, Row: "fees", Col: 2}, "", false},
	}
	for _, tt := range tests {
		if got, ok := r.Cell(tt.ref); got != tt.want || ok != tt.ok {
			t.Errorf("Cell(%v) = %q, %v; want %q, %v", tt.ref, got, ok, tt.want, tt.ok)
		}
	}
	if got := r.Table3.Rows[22][T3TotalCol].N; got != 10 {
		t.Errorf("Table3.Rows[22] (（六）3, where 2019 stores （六）) 总计 = %d, want 10", got)
	}
	if got := r.Table2.Licensing; got != (Count{}) {
		t.Errorf("Table2 (2021) licensing = %+v, want it empty in a 2019 report", got)
	}
	if got, want := r.Pos("table3.other[6]").String(), file+":63:51"; got != want {
		t.Errorf("Pos(table3.other[6]) = %s, want %s", got, want)
	}
	if got := r.TableNotes(2); len(got) != 1 {
		t.Errorf("TableNotes(2) = %q, want the 2019 table's note", got)
	}
}
