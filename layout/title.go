package layout

import (
	"strings"

	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/style"
)

// TitleLines returns the lines that Layout sets a line of the title on:
// the line itself when it fits the measure, else even lines broken at
// natural places (岭西市人民政府办公室 | 政务公开与大数据资源统筹管理服务中心).
// render/docx writes them as they are, so that Word and LibreOffice do not
// wrap a long agency name inside a word. Text the layout cannot set is
// returned whole, with the error.
func TitleLines(text string, s *style.Style, fs *fonts.Set) ([]string, error) {
	if s == nil || fs == nil {
		return []string{text}, nil
	}
	e := newEngine(s, fs)
	gs, err := e.c.collect(nil, "", run{text, s.Title})
	if err != nil || len(gs) == 0 {
		return []string{text}, err
	}
	rs := make([]rune, len(gs))
	for i, g := range gs {
		rs[i] = g.r
	}
	if string(rs) != text {
		// The collector changed the text (a tab, a line feed): no breaks
		// rather than a title that reads otherwise than typed.
		return []string{text}, nil
	}
	var out []string
	for _, l := range newPara(gs).balanced(s.Measure()) {
		if line := strings.TrimSpace(string(rs[l.start:l.end])); line != "" {
			out = append(out, line)
		}
	}
	if len(out) == 0 {
		return []string{text}, nil
	}
	return out, nil
}
