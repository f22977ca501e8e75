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
	return balancedLines(text, s, fs, s.Title, false, s.Measure())
}

// ClosingLines returns the lines that Layout sets the closing on: each
// agency line too wide to be centred on the date (see setClosing) broken
// into even lines at natural places, then the date. render/docx writes
// them as they are.
func ClosingLines(lines []string, s *style.Style, fs *fonts.Set) ([]string, error) {
	if s == nil || fs == nil || len(lines) < 2 {
		return lines, nil
	}
	e := newEngine(s, fs)
	room := s.Measure()
	date := lines[len(lines)-1]
	gs, err := e.c.collect(nil, "", run{date, s.Body})
	if err != nil {
		return lines, err
	}
	if len(gs) > 0 {
		p := newPara(gs)
		p.grid = s.CharsPerLine > 0
		room = e.closingRoom(p.width(span{start: 0, end: len(gs)}))
	}
	var out []string
	for _, l := range lines[:len(lines)-1] {
		ls, err := brokenLines(l, e, s.Body, s.CharsPerLine > 0, func(p *para) []span { return p.agencyLines(room, s.Measure()) })
		if err != nil {
			return lines, err
		}
		out = append(out, ls...)
	}
	return append(out, date), nil
}

// balancedLines breaks text set in font f into lines of at most room as
// Layout breaks the title.
func balancedLines(text string, s *style.Style, fs *fonts.Set, f style.Font, grid bool, room style.Length) ([]string, error) {
	return brokenLines(text, newEngine(s, fs), f, grid, func(p *para) []span { return p.balanced(room) })
}

// brokenLines sets text in font f and returns the lines that breaks
// chooses.
func brokenLines(text string, e *engine, f style.Font, grid bool, breaks func(*para) []span) ([]string, error) {
	gs, err := e.c.collect(nil, "", run{text, f})
	if err != nil || len(gs) == 0 {
		return []string{text}, err
	}
	rs := make([]rune, len(gs))
	for i, g := range gs {
		rs[i] = g.r
	}
	if string(rs) != text {
		// The collector changed the text (a tab, a line feed): no breaks
		// rather than a line that reads otherwise than typed.
		return []string{text}, nil
	}
	p := newPara(gs)
	p.grid = grid
	var out []string
	for _, l := range breaks(p) {
		if line := strings.TrimSpace(string(rs[l.start:l.end])); line != "" {
			out = append(out, line)
		}
	}
	if len(out) == 0 {
		return []string{text}, nil
	}
	return out, nil
}
