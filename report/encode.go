package report

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/form"
)

// Encode writes a filled report as the data file `nianbao init` writes: the
// same keys in the same order, with the same Chinese comments, so that a
// clerk who imported a Word or Excel file can go on in the YAML. from names
// the file the report was read from, for the heading comment ("" for none).
// The file decodes back to the same report: every count as printed (notes
// and a leading + kept, a blank cell as null), totals included.
func Encode(r *Report, from string) []byte {
	cp := *r
	Complete(&cp)
	r = &cp
	f := r.form()
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	q := quoteYAML
	w("# nianbao 年报数据文件：%s %d年政府信息公开工作年度报告\n", r.Agency, r.Year)
	if from != "" {
		w("# 来源：%s\n", from)
	}
	w("# 改完后运行 nianbao validate 检查勾稽关系；空白不等于 0，没有的填 0。\n\n")
	w("format: \"%s\"                 # 格式版本（%s）\n", f.Version, f.Source)
	w("agency: %s            # 机关名称\n", q(r.Agency))
	w("year: %d                     # 年度\n", r.Year)
	if len(r.Title) > 0 {
		w("title: %s   # 标题各行\n", flowList(r.Title))
	}
	if len(r.Preamble) == 0 {
		w("preamble: []                   # 前言（空：按联系方式自动生成）\n\n")
	} else {
		w("preamble:                      # 前言\n")
		for _, p := range r.Preamble {
			w("  - %s\n", q(p))
		}
		b.WriteString("\n")
	}

	prose := func(key string, s Section) {
		if len(s) == 0 {
			w("%s: []%s# %s\n\n", key, strings.Repeat(" ", 28-len(key)), proseLabels[key])
			return
		}
		w("%s:%s# %s\n", key, strings.Repeat(" ", 30-len(key)), proseLabels[key])
		for _, bl := range s {
			if bl.Heading == "" {
				for _, p := range bl.Paragraphs {
					w("  - %s\n", q(p))
				}
				continue
			}
			w("  - heading: %s\n", q(bl.Heading))
			if bl.RunIn {
				w("    run_in: true\n")
			}
			if len(bl.Paragraphs) == 0 {
				w("    paragraphs: []\n")
				continue
			}
			w("    paragraphs:\n")
			for _, p := range bl.Paragraphs {
				w("      - %s\n", q(p))
			}
		}
		b.WriteString("\n")
	}
	prose("overview", r.Overview)

	notes := func(ns []string, comment string) {
		if len(ns) == 0 {
			w("  notes: []                     # %s\n\n", comment)
			return
		}
		w("  notes:                        # %s\n", comment)
		for _, n := range ns {
			w("    - %s\n", q(n))
		}
		b.WriteString("\n")
	}
	row := func(t *form.Table, d form.DataRow, keyWidth, valueWidth int, comment string) {
		vals := make([]string, d.Cols)
		for k := range vals {
			vals[k] = r.yamlValue(form.Ref{Table: t.Number, Row: d.Key, Col: k})
		}
		v := vals[0]
		if d.Cols > 1 {
			v = "[" + strings.Join(vals, ", ") + "]"
		}
		pad := max(valueWidth-utf8.RuneCountInString(v), 3)
		w("  %s:%s%s%s# %s\n", d.Key, strings.Repeat(" ", max(keyWidth-len(d.Key), 1)), v, strings.Repeat(" ", pad), comment)
	}

	t2 := f.Table(2)
	w("table2:                        # %s\n", f.Sections[1].Heading)
	if t2.Columns != nil {
		w("  #                    %s\n", strings.Join(t2.Columns, " "))
	}
	for _, d := range t2.Data {
		comment := d.Label
		switch {
		case d.Columns != nil:
			comment += "：" + strings.Join(d.Columns, "、") + unitHint(d)
		case d.Decimal:
			comment += "：本年收费金额（单位：万元），可含小数"
		case d.Cols == 1:
			comment += "：本年处理决定数量"
		}
		row(t2, d, 20, 12, comment)
	}
	notes(r.TableNotes(2), "表下注")

	t3 := f.Table(3)
	w("table3:                        # %s\n", f.Sections[2].Heading)
	w("  #                            %s\n", strings.Join(t3.Columns, " "))
	for _, d := range t3.Data {
		row(t3, d, 28, 24, d.Label)
	}
	notes(r.Table3.Notes, "表下注")

	t4 := f.Table(4)
	w("table4:                        # %s\n", f.Sections[3].Heading)
	w("  #                        %s\n", strings.Join(t4.Columns, " "))
	for _, d := range t4.Data {
		row(t4, d, 24, 18, d.Label)
	}
	notes(r.Table4.Notes, "表下注，如：注：行政复议、行政诉讼数量含上年度结转数量。")

	prose("problems", r.Problems)
	prose("other", r.Other)

	if r.Closing.Agency != "" || r.Closing.Date != "" {
		w("closing:                       # 落款\n")
		if r.Closing.Agency != "" {
			w("  agency: %s      # 落款机关\n", q(r.Closing.Agency))
		}
		if r.Closing.Date != "" {
			w("  date: %s       # 成文日期\n", q(r.Closing.Date))
		}
		b.WriteString("\n")
	} else {
		w("# closing:                     # 落款（原文件中没有）：agency 落款机关，date 成文日期\n\n")
	}
	w("contact:                       # 联系方式（用于自动生成的前言）\n")
	c := r.Contact
	for _, f := range [][3]string{{"office", "联系部门", c.Office}, {"address", "地址", c.Address}, {"postcode", "邮编", c.Postcode},
		{"phone", "电话", c.Phone}, {"email", "电子邮箱", c.Email}, {"website", "网址", c.Website}} {
		w("  %s: %s%s# %s\n", f[0], q(f[2]), strings.Repeat(" ", max(14-len(f[0])-utf8.RuneCountInString(q(f[2])), 1)), f[1])
	}
	if len(r.Fonts) > 0 {
		w("\nfonts:                         # 字体文件\n")
		roles := make([]string, 0, len(r.Fonts))
		for role := range r.Fonts {
			roles = append(roles, role)
		}
		sort.Strings(roles)
		for _, role := range roles {
			w("  %s: %s\n", role, q(r.Fonts[role]))
		}
	}
	return []byte(b.String())
}

// proseLabels are the headings of the prose parts, for comments.
var proseLabels = map[string]string{"overview": "一、总体情况", "problems": "五、存在的主要问题及改进情况", "other": "六、其他需要报告的事项"}

// flowList writes strings as a YAML flow sequence: [a, b].
func flowList(ss []string) string {
	qs := make([]string, len(ss))
	for i, s := range ss {
		qs[i] = quoteYAML(s)
	}
	return "[" + strings.Join(qs, ", ") + "]"
}

// yamlValue is the value of slot ref as the data file writes it: a plain
// number, a quoted string when it carries a note or a sign, null when blank.
func (r *Report) yamlValue(ref form.Ref) string {
	c, a := r.slot(ref)
	switch {
	case c != nil && c.Blank, a != nil && a.Blank:
		return "null"
	case c != nil:
		if c.Note != "" || c.Plus {
			return fmt.Sprintf("%q", c.String())
		}
		return c.String()
	case a != nil:
		if a.Note != "" || a.Text == "" {
			return fmt.Sprintf("%q", a.String())
		}
		return a.Text
	}
	return "null"
}
