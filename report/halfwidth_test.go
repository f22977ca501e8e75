package report

import (
	"strings"
	"testing"
)

func TestHalfWidth(t *testing.T) {
	tests := []struct{ in, want string }{
		{"２０２４年，本中心", "2024年，本中心"},
		{"较上年增长２３．５％，访问量１５．６万", "较上年增长23.5%，访问量15.6万"},
		{"电话：０５７７－６１８８９６０３；（０５７７）６１８８９６０２", "电话：0577-61889603；（0577）61889602"},
		{"时间９：００—１２：００", "时间9:00—12:00"},
		{"１０２４条。其他：见附件", "1024条。其他：见附件"}, // ： not between digits stays
		{"百分之百％；－５", "百分之百％；－5"},         // ％ after no digit stays, and － not between digits
		{"2024年已是半角", "2024年已是半角"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := HalfWidth(tt.in); got != tt.want {
			t.Errorf("HalfWidth(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestHalfWidthWarning checks C6: one warning for a paragraph typed with
// full-width digits, quoting it as typed and as printed, and none for
// table cells (numbers, printed in their usual form).
func TestHalfWidthWarning(t *testing.T) {
	r, err := ReadFile("../fixtures/yueqing-sfj-2021.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r.Overview[0].Paragraphs[0] = "２０２１年，本单位共主动公开信息１２３条。"
	r.Table3.Rows[0][0].Text = "１"
	r.Table3.Rows[0][6].Text = "１"
	var c6 []Finding
	for _, f := range Validate(r, nil) {
		if f.Rule == "C6" {
			c6 = append(c6, f)
		}
	}
	if len(c6) != 1 {
		t.Fatalf("C6 findings %v, want 1 (the paragraph)", c6)
	}
	if !strings.Contains(c6[0].Message, "“２０２１年，本单位共主动”印为“2021年，本单位共主动”") {
		t.Errorf("paragraph: %q", c6[0].Message)
	}
}
