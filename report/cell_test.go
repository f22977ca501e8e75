package report

import "testing"

// TestParseCount reads the cells of the issue that nianbao used to accept
// wrongly: each is refused with the typo named, or read as typed.
func TestParseCount(t *testing.T) {
	tests := []struct {
		in      string
		n       int64
		printed string
		err     string
	}{
		{in: "22（其中修订16件）", n: 22, printed: "22（其中修订16件）"},
		{in: "４６（其中修订2件）", n: 46, printed: "４６（其中修订2件）"},
		{in: " 3件 ", n: 3, printed: "3件"},
		{in: "5 (含上年结转)", n: 5, printed: "5 (含上年结转)"},
		{in: "/", printed: "/"},
		{in: "—", printed: "—"},
		{in: "－", printed: "－"},
		{in: "0，1", err: "“0，1”中有全角逗号“，”：一个单元格只能填一个数，列表中的数要用英文逗号“,”加空格隔开"},
		{in: "0 0", err: "“0 0”是两个数连在一起，缺少逗号：一个单元格只能填一个数，列表中的数要用英文逗号“,”加空格隔开"},
		{in: "12 3", err: "“12 3”是两个数连在一起，缺少逗号：一个单元格只能填一个数，列表中的数要用英文逗号“,”加空格隔开"},
		{in: "1e3", err: "“1e3”是科学计数法，请写成 1000"},
		{in: "2万", err: "“2万”带有单位“万”：件数不用“万”，请写成完整的数字 20000"},
		{in: "1,234", err: "“1,234”中的逗号是千位分隔符，请去掉，写成 1234"},
		{in: "22（其中修订16件）多", err: "“22（其中修订16件）多”的括号注释后面还有文字“多”：注释要整个写在括号里"},
		{in: "2（含自然失效1件", err: "“2（含自然失效1件”中的注释缺少右括号“）”：注释写在括号里，如“22（其中修订16件）”"},
		{in: "1.5", err: "应为整数（件数），实为 1.5"},
		{in: "-3", err: "不能为负数，实为 -3"},
		{in: "0x10", err: "应为整数，或整数后加括号注释，如“22（其中修订16件）”，实为“0x10”"},
		{in: "1_000", err: "应为整数，或整数后加括号注释，如“22（其中修订16件）”，实为“1_000”"},
	}
	for _, tt := range tests {
		c, err := ParseCount(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("ParseCount(%q) = %+v, %v; want error %q", tt.in, c, err, tt.err)
			}
			continue
		}
		if err != nil || c.N != tt.n || c.String() != tt.printed {
			t.Errorf("ParseCount(%q) = %d %q, %v; want %d %q", tt.in, c.N, c.String(), err, tt.n, tt.printed)
		}
	}
}

func TestParseAmount(t *testing.T) {
	tests := []struct{ in, printed, number, err string }{
		{in: "7730.28", printed: "7730.28", number: "7730.28"},
		{in: "59237.2449", printed: "59237.2449", number: "59237.2449"},
		{in: "７７３０．２８", printed: "７７３０．２８", number: "7730.28"},
		{in: "25.1万元", printed: "25.1万元", number: "25.1"},
		{in: "/", printed: "/"},
		{in: "1e3", err: "“1e3”是科学计数法，请写成 1000"},
		{in: "1,234.5", err: "“1,234.5”中的逗号是千位分隔符，请去掉，写成 1234.5"},
		{in: "2万", err: "“2万”带有单位“万”：本列单位已是万元，只填数字；若是元，请换算为万元"},
		{in: "12.34567", err: "最多 4 位小数（万元精确到元），实为“12.34567”"},
		{in: "3940元", err: "“3940元”的单位是元：本列单位为万元，请换算（1 万元 = 10000 元）"},
	}
	for _, tt := range tests {
		a, err := ParseAmount(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("ParseAmount(%q) = %+v, %v; want error %q", tt.in, a, err, tt.err)
			}
			continue
		}
		if err != nil || a.String() != tt.printed || a.Number() != tt.number {
			t.Errorf("ParseAmount(%q) = %q %q, %v; want %q %q", tt.in, a.String(), a.Number(), err, tt.printed, tt.number)
		}
	}
}
