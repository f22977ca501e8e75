package layout

import (
	"errors"
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

// PlacedLine is a line of the closing as Layout sets it: its text, its
// start from the left edge of the 版心 and its width.
type PlacedLine struct {
	Text string
	X, W style.Length
}

// ClosingLines returns the lines that Layout sets the closing on, with
// their places: the agency broken as setClosing breaks it (a name too
// wide to be centred on the date at its natural place), its lines centred
// on the date as far as the 版心 allows, then the date 右空四字.
// render/docx writes them as they are, centred on the same axis.
func ClosingLines(lines []string, s *style.Style, fs *fonts.Set) ([]PlacedLine, error) {
	if s == nil || fs == nil {
		return nil, errors.New("layout: ClosingLines needs a style and fonts")
	}
	sets, err := newEngine(s, fs).closing(lines, "closing")
	if err != nil {
		return nil, err
	}
	out := make([]PlacedLine, len(sets))
	var got strings.Builder
	for i, st := range sets {
		rs := make([]rune, 0, st.l.end-st.l.start)
		for _, g := range st.p.gs[st.l.start:st.l.end] {
			rs = append(rs, g.r)
		}
		out[i] = PlacedLine{Text: strings.TrimSpace(string(rs)), X: st.x, W: st.w}
		got.WriteString(out[i].Text)
	}
	if noSpace(got.String()) != noSpace(strings.Join(lines, "")) {
		// The collector changed the text (a tab, a line feed): the
		// caller writes the lines as typed rather than otherwise.
		return nil, errors.New("layout: the closing reads otherwise when set")
	}
	return out, nil
}

func noSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u3000' || r == '\t' {
			return -1
		}
		return r
	}, s)
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
