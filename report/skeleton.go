package report

import (
	"fmt"
	"strings"

	"github.com/nianbao/nianbao/form"
)

// Skeleton returns the report file in format f that `nianbao init` writes:
// every field present with its Chinese label in a comment, every count 0 and
// every piece of prose the placeholder （文字描述）. It decodes and validates
// without errors; Validate warns that placeholders remain.
func Skeleton(f *form.Format, agency string, year int) []byte {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	q := quoteYAML
	w("# nianbao 年报数据文件：%s %d年政府信息公开工作年度报告\n", agency, year)
	w("# 填写说明：把每处“%s”换成实际内容，把表中的 0 换成实际数字；没有的填 0，不要留空（空白不等于 0）。\n", Placeholder)
	w("# 写完后运行 nianbao validate 检查勾稽关系。\n\n")
	w("format: \"%s\"                 # 格式版本（%s）\n", f.Version, f.Source)
	w("agency: %s            # 机关名称\n", q(agency))
	w("year: %d                     # 年度\n", year)
	w("title: [%s, %s]   # 标题各行（可省略：机关名称 + 年度标题）\n", q(agency), q(fmt.Sprintf("%d年政府信息公开工作年度报告", year)))
	w("preamble:                      # 前言（可省略：按联系方式自动生成）\n  - %s\n\n", Placeholder)

	prose := func(key string, headings []string) {
		w("%s:%s# %s\n", key, strings.Repeat(" ", 30-len(key)), fieldLabels[key])
		w("  - %s                  # 不带标题的段落\n", Placeholder)
		for i, h := range headings {
			w("  - heading: %s", h)
			if i == 0 {
				w("      # 二级标题；加 run_in: true 则标题与正文同行")
			}
			w("\n    paragraphs:\n      - %s\n", Placeholder)
		}
		b.WriteString("\n")
	}
	prose("overview", []string{"（一）主动公开政府信息情况", "（二）依申请公开情况", "（三）政府信息管理情况", "（四）政府信息公开平台建设情况", "（五）监督保障情况"})

	t2 := f.Table(2)
	w("table2:                        # %s\n", f.Sections[1].Heading)
	if t2.Columns != nil {
		w("  #                    %s\n", strings.Join(t2.Columns, " "))
	}
	for _, row := range t2.Data {
		pad := strings.Repeat(" ", 20-len(row.Key))
		switch {
		case row.Columns != nil:
			zeros := strings.TrimSuffix(strings.Repeat("0, ", row.Cols), ", ")
			w("  %s:%s[%s]%s# %s：%s%s\n", row.Key, pad, zeros, strings.Repeat(" ", 12-3*row.Cols), row.Label,
				strings.Join(row.Columns, "、"), unitHint(row))
		case row.Cols == 3:
			w("  %s:%s[0, 0, 0]   # %s\n", row.Key, pad, row.Label)
		case row.Decimal:
			w("  %s:%s0           # %s：本年收费金额（单位：万元），可含小数\n", row.Key, pad, row.Label)
		default:
			w("  %s:%s0           # %s：本年处理决定数量\n", row.Key, pad, row.Label)
		}
	}
	w("  notes: []                     # 表下注\n\n")

	t3 := f.Table(3)
	w("table3:                        # %s\n", f.Sections[2].Heading)
	w("  #                            %s\n", strings.Join(t3.Columns, " "))
	w("  # 每行 7 个数；总计可省略（写 6 个数），（七）总计整行可省略，由程序计算。\n")
	for _, row := range t3.Data {
		w("  %s:%s[0, 0, 0, 0, 0, 0, 0]   # %s\n", row.Key, strings.Repeat(" ", 28-len(row.Key)), row.Label)
	}
	w("  notes: []                     # 表下注\n\n")

	t4 := f.Table(4)
	w("table4:                        # %s\n", f.Sections[3].Heading)
	w("  #                        %s\n", strings.Join(t4.Columns, " "))
	for _, row := range t4.Data {
		w("  %s:%s[0, 0, 0, 0, 0]   # %s\n", row.Key, strings.Repeat(" ", 24-len(row.Key)), row.Label)
	}
	w("  notes: []                     # 表下注，如：注：行政复议、行政诉讼数量含上年度结转数量。\n\n")

	prose("problems", []string{"（一）存在的主要问题", "（二）改进情况"})
	prose("other", nil)

	w("closing:                       # 落款（可省略）\n")
	w("  agency: %s      # 落款机关\n", q(agency))
	w("  date: %s       # 成文日期，如 %d年1月20日\n\n", q(fmt.Sprintf("%d年1月31日", year+1)), year+1)
	w("contact:                       # 联系方式（用于自动生成的前言）\n")
	for _, f := range [][2]string{{"office", "联系部门"}, {"address", "地址"}, {"postcode", "邮编"}, {"phone", "电话"}, {"email", "电子邮箱"}, {"website", "网址"}} {
		w("  %s: \"\"%s# %s\n", f[0], strings.Repeat(" ", 12-len(f[0])), f[1])
	}
	w("\n# fonts:                       # 可选：指定字体文件\n#   body: /path/to/simfang.ttf\n")
	return []byte(b.String())
}

// unitHint tells the clerk which values of a row are not plain counts.
func unitHint(row form.DataRow) string {
	var hints []string
	for k := 0; k < row.Cols; k++ {
		switch row.Unit(k) {
		case form.Change:
			hints = append(hints, row.Columns[k]+"可为负数")
		case form.Amount:
			hints = append(hints, row.Columns[k]+"可含小数，单位写在数字后，如 \"25.1万元\"")
		}
	}
	if len(hints) == 0 {
		return ""
	}
	return "（" + strings.Join(hints, "；") + "）"
}

// quoteYAML writes s as a YAML scalar: plain when that is safe, otherwise
// double-quoted.
func quoteYAML(s string) string {
	if s == "" || strings.ContainsAny(s, ":#{}[],&*!|>'\"%@`\\\n\t") || strings.TrimSpace(s) != s ||
		strings.HasPrefix(s, "-") || strings.HasPrefix(s, "?") || isYAMLWord(s) {
		return fmt.Sprintf("%q", s)
	}
	return s
}

// isYAMLWord says whether a plain scalar would not be read as a string.
func isYAMLWord(s string) bool {
	switch strings.ToLower(s) {
	case "null", "~", "true", "false", "yes", "no", "on", "off", ".nan", ".inf":
		return true
	}
	return s[0] >= '0' && s[0] <= '9' || s[0] == '+' || s[0] == '.'
}
