package report

import (
	"testing"
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
