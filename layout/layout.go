package layout

import (
	"fmt"
	"math"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/style"
)

// cjkCentre is the height of the centre of the ideographic em box above the
// baseline, in em: the box spans −0.12 to 0.88 em in CJK fonts (the
// OpenType 'ideo' baseline at −0.12), so a line of text is centred in its
// grid line, and the page number's dashes are placed, by this centre.
const cjkCentre = 0.38

// Layout sets a document on pages in the given style. Errors name the
// report path of the text that caused them, e.g. a missing glyph:
// "overview[1].paragraphs[0]: fonts: 没有字体包含字符 “𠮷”（U+20BB7）".
func Layout(d *document.Document, s *style.Style, fs *fonts.Set) ([]Page, error) {
	if d == nil || s == nil || fs == nil {
		return nil, fmt.Errorf("layout: nil document, style or font set")
	}
	e := newEngine(s, fs)
	pm := paraPool.Get().(*paraMemory)
	e.gs, e.p, e.xs = pm.gs, pm.p, pm.xs
	defer func() {
		pm.gs, pm.p, pm.xs = e.gs, e.p, e.xs
		paraPool.Put(pm)
	}()
	bs, err := e.boxes(d)
	if err != nil {
		return nil, err
	}
	e.paginate(bs)
	e.drawTables()
	if err := e.number(); err != nil {
		return nil, err
	}
	return e.pages, nil
}

// engine holds the state of one Layout call.
type engine struct {
	s      *style.Style
	c      collector
	pitch  style.Length // line pitch of body text: the grid's, or LineSpacing × size
	cellW  style.Length // width of a full-width body character
	pages  []Page
	tables []*tableLayout
	arena  arena // the runes and xs of every text run

	// The memory of one paragraph (setParagraph, setNote), for the next.
	gs []glyph
	p  para
	xs []style.Length
}

// paraMemory is an engine's memory of one paragraph, kept in paraPool
// for the next Layout: nothing of it outlives the lines set from it.
type paraMemory struct {
	gs []glyph
	p  para
	xs []style.Length
}

var paraPool = sync.Pool{New: func() any { return new(paraMemory) }}

func newEngine(s *style.Style, fs *fonts.Set) *engine {
	e := &engine{s: s, c: collector{s: s, fs: fs}}
	e.cellW = e.c.cell(s.Body)
	e.pitch = e.lineHeight(s.Body)
	return e
}

// lineHeight is the height a line of text in font f takes: one line of the
// grid when the style has one (the title, headings and body all sit on
// it), else LineSpacing times the size.
func (e *engine) lineHeight(f style.Font) style.Length {
	if e.s.LinesPerPage > 0 {
		return e.s.BlockHeight() / style.Length(e.s.LinesPerPage)
	}
	sp := e.s.LineSpacing
	if sp == 0 {
		sp = 1.5
	}
	return f.Size * style.Length(sp)
}

// baseline is the baseline of a line of text of the given size in a line
// box of height h, centring the ideographic em box.
func baseline(h, size style.Length) style.Length {
	return h/2 + cjkCentre*size
}

// setParagraph breaks runs into lines of the measure (the first indented by
// indent) and returns one box per line.
func (e *engine) setParagraph(source string, indent style.Length, al align, runs ...run) ([]box, error) {
	gs, err := e.c.collect(e.gs[:0], source, runs...)
	if err != nil {
		return nil, err
	}
	e.gs = gs
	if len(gs) == 0 {
		return nil, nil
	}
	p := &e.p
	p.reset(gs)
	p.grid = e.s.CharsPerLine > 0
	m := e.s.Measure()
	ls := p.lines(func(k int) style.Length {
		if k == 0 {
			return m - indent
		}
		return m
	})
	h := e.lineHeight(runs[0].font)
	size := runs[0].font.Size
	bs := make([]box, 0, len(ls))
	buf := e.xs[:0] // the xs of every line
	if cap(buf) < len(gs) {
		buf = make([]style.Length, len(gs))
		e.xs = buf
	}
	buf = buf[:len(gs)]
	for k, l := range ls {
		x0 := e.s.Left
		room := m
		if k == 0 {
			x0 += indent
			room -= indent
		}
		xs := p.placeIn(buf[l.start:l.end], l, room, al, k == len(ls)-1)
		b := box{h: h, grid: true, lines: 1}
		b.texts = p.texts(&e.arena, nil, l, xs, x0, baseline(h, size))
		bs = append(bs, b)
	}
	return bs, nil
}

// setTitle sets one title line centred, broken when it is longer than
// the measure into the fewest lines, as even as they can be, at natural
// places (after an institution, before the year) where it can
// (official-format.md §7: symmetric breaks; balance.go).
func (e *engine) setTitle(source, text string) ([]box, error) {
	f := e.s.Title
	gs, err := e.c.collect(nil, source, run{text, f})
	if err != nil || len(gs) == 0 {
		return nil, err
	}
	p := newPara(gs)
	m := e.s.Measure()
	ls := p.balanced(m)
	h := e.lineHeight(f)
	var bs []box
	for _, l := range ls {
		xs := p.place(l, m, alignCenter, true)
		bs = append(bs, box{h: h, grid: true, lines: 1, keepNext: true,
			texts: p.texts(&e.arena, nil, l, xs, e.s.Left, baseline(h, f.Size))})
	}
	return bs, nil
}

// boxes turns the document into the boxes that paginate stacks.
func (e *engine) boxes(d *document.Document) ([]box, error) {
	// About eight boxes a block (lines of text, rows of tables): the
	// slice grows once or twice, not from one.
	all := make([]box, 0, 8*len(d.Blocks))
	afterTable := false
	indent := e.cellW * style.Length(e.s.Indent)
	for bi, b := range d.Blocks {
		var bs []box
		var err error
		switch b.Kind {
		case document.Title:
			for i, line := range b.Lines {
				var lb []box
				lb, err = e.setTitle(fmt.Sprintf("%s[%d]", b.Source, i), line)
				if err != nil {
					return nil, err
				}
				bs = append(bs, lb...)
			}
			// One empty line between the title and the text (GB/T 9704 §7.3.1).
			bs = append(bs, box{h: e.pitch, grid: true, lines: 1})
		case document.Heading1, document.Heading2:
			f := e.s.Heading1
			if b.Kind == document.Heading2 {
				f = e.s.Heading2
			}
			bs, err = e.setParagraph(b.Source, indent, alignJustify, run{b.Text, f})
			for i := range bs {
				bs[i].keepNext = true // a heading never ends a page
			}
			level := 1
			if b.Kind == document.Heading2 {
				level = 2
			}
			bs = marked(bs, level, b.Text)
		case document.Paragraph:
			var runs []run
			if b.Lead != "" {
				runs = append(runs, run{b.Lead, e.s.Heading2})
			}
			runs = append(runs, run{b.Text, e.s.Body})
			bs, err = e.setParagraph(b.Source, indent, alignJustify, runs...)
			if b.Lead != "" {
				bs = marked(bs, 2, b.Lead)
			}
			keepTwoLines(bs)
		case document.Note:
			bs, err = e.setNote(b, indent)
			if err == nil && len(all) > 0 && all[len(all)-1].table != nil && len(bs) > 0 {
				// A note is not left alone on the next page: the
				// table's last rows come with its first line.
				all[len(all)-1].keepNext = true
			}
		case document.Closing:
			bs, err = e.setClosing(b)
			if n := len(all); n > 0 && all[n-1].texts != nil {
				// The signature and date never stand alone on a
				// page (GB/T 9704 §7.3.5): the text's last line
				// comes with them.
				all[n-1].keepNext = true
			}
		case document.Table:
			var t *tableLayout
			t, err = e.setTable(b)
			if err == nil {
				t.block = bi
				e.tables = append(e.tables, t)
				bs = t.chunks()
			}
		}
		if err != nil {
			return nil, err
		}
		for k := range bs {
			for j := range bs[k].texts {
				bs[k].texts[j].Block = bi
			}
		}
		if afterTable && b.Kind != document.Note && b.Kind != document.Table {
			// The same gap after every table (and its notes) before the
			// text goes on: at least TableGapLines, then the next line
			// of the grid.
			all = append(all, box{h: e.pitch * TableGapLines, space: true})
		}
		if b.Kind == document.Table {
			afterTable = true
		} else if b.Kind != document.Note {
			afterTable = false
		}
		all = append(all, bs...)
	}
	return all, nil
}

// keepTwoLines applies widow and orphan control to the lines of a
// paragraph, as Word does with w:widowControl on (the DOCX sets it on
// Normal, so Word and LibreOffice break where this layout does): a page
// never ends with a paragraph's first line alone, nor begins with its last
// line alone. The first line keeps with the second and the last but one
// with the last, so paginate moves a lone first line to the next page and
// takes one more line along with a lone last line; a paragraph of two or
// three lines is never split. The page before then ends a line short.
func keepTwoLines(bs []box) {
	if n := len(bs); n >= 2 {
		bs[0].keepNext = true
		bs[n-2].keepNext = true
	}
}

// marked marks the first of a heading's boxes as where the heading of the
// given level begins.
func marked(bs []box, level int, title string) []box {
	if len(bs) > 0 {
		bs[0].marks = append(bs[0].marks, Mark{Level: level, Title: markTitle(title)})
	}
	return bs
}

// markTitle is a heading as a table of contents lists it: without the
// mark that ends a run-in heading (（一）主动公开情况。 → （一）主动公开情况)
// and without surrounding spaces.
func markTitle(s string) string {
	s = strings.TrimSpace(s)
	for _, end := range []string{"。", "：", ":", ".", "．"} {
		s = strings.TrimSuffix(s, end)
	}
	return strings.TrimSpace(s)
}

// TableGapLines is the least space between a table (or the notes under it)
// and the text after it, in lines of the body; the text then snaps to the
// next line of the grid, so the gap is between a half and one and a half
// lines. Without it a heading could touch the table's last rule.
const TableGapLines = 0.5

// noteLineSpacing is the line pitch of the notes under a table, as a
// multiple of their size: notes are set off the body's grid, as compact
// as the table they explain.
const noteLineSpacing = 1.5

// setNote sets a note under a table (注：…) in the style's Note font,
// indented like a paragraph of the body, its lines off the grid.
func (e *engine) setNote(b document.Block, indent style.Length) ([]box, error) {
	f := e.s.Note
	if f.Size == 0 {
		f = e.s.Table
	}
	gs, err := e.c.collect(e.gs[:0], b.Source, run{b.Text, f})
	if err != nil || len(gs) == 0 {
		return nil, err
	}
	e.gs = gs
	p := &e.p
	p.reset(gs)
	m := e.s.Measure()
	ls := p.lines(func(k int) style.Length {
		if k == 0 {
			return m - indent
		}
		return m
	})
	h := f.Size * noteLineSpacing
	bs := make([]box, 0, len(ls))
	for k, l := range ls {
		x0, room := e.s.Left, m
		if k == 0 {
			x0 += indent
			room -= indent
		}
		xs := p.place(l, room, alignJustify, k == len(ls)-1)
		bs = append(bs, box{h: h, lines: 1, texts: p.texts(&e.arena, nil, l, xs, x0, baseline(h, f.Size))})
	}
	return bs, nil
}

// closingIndent is the right indent of the date, in characters: 右空四字
// (GB/T 9704 §7.3.5.1).
const closingIndent = 4

// setClosing sets the closing lines: the last (the date) right-aligned four
// characters in from the right edge, the lines above it (the agency)
// centred on the date, after one empty line (GB/T 9704 §7.3.5.1). An
// agency name too wide to be centred on the date inside the 版心 (wider
// than closingRoom) is broken into even lines at natural places, all
// centred on the date; a single word wider than that still shifts left
// as far as the 版心 requires. The block is kept on one page.
func (e *engine) setClosing(b document.Block) ([]box, error) {
	f := e.s.Body
	h := e.lineHeight(f)
	sets, err := e.closing(b.Lines, b.Source)
	if err != nil || len(sets) == 0 {
		return nil, err
	}
	bs := []box{{h: h, grid: true, lines: 1, keepNext: true}}
	for i, st := range sets {
		xs := st.p.place(st.l, st.w, alignLeft, true)
		bs = append(bs, box{h: h, grid: true, lines: 1, keepNext: i < len(sets)-1,
			texts: st.p.texts(&e.arena, nil, st.l, xs, e.s.Left+st.x, baseline(h, f.Size))})
	}
	return bs, nil
}

// closingLine is a line of the closing as set: its glyphs, its width and
// its start from the left edge of the 版心.
type closingLine struct {
	p    *para
	l    span
	w, x style.Length
}

// closing sets the closing's lines (agency lines, then the date) in the
// body font and places them as setClosing describes. source names the
// block in errors.
func (e *engine) closing(lines []string, source string) ([]closingLine, error) {
	f := e.s.Body
	m := e.s.Measure()
	right := m - closingIndent*e.cellW
	var sets []closingLine
	room := m
	for k := range lines {
		i := len(lines) - 1 - k // the date first: it decides the agency's room
		gs, err := e.c.collect(nil, fmt.Sprintf("%s[%d]", source, i), run{lines[i], f})
		if err != nil {
			return nil, err
		}
		if len(gs) == 0 {
			continue
		}
		p := newPara(gs)
		p.grid = e.s.CharsPerLine > 0
		ls := []span{{start: 0, end: len(gs)}}
		if k > 0 {
			ls = p.agencyLines(room, m)
		} else {
			room = e.closingRoom(p.width(ls[0]))
		}
		var these []closingLine
		for _, l := range ls {
			these = append(these, closingLine{p: p, l: l, w: p.width(l)})
		}
		sets = append(these, sets...)
	}
	if len(sets) == 0 {
		return nil, nil
	}
	date := sets[len(sets)-1]
	centre := right - date.w/2
	var widest style.Length
	for _, st := range sets[:len(sets)-1] {
		widest = max(widest, st.w)
	}
	centre = max(min(centre, m-widest/2), widest/2)
	for i := range sets {
		st := &sets[i]
		st.x = centre - st.w/2
		if i == len(sets)-1 {
			st.x = right - st.w
		}
		st.x = max(0, min(st.x, m-st.w))
	}
	return sets, nil
}

// closingRoom is the widest agency line that can be centred on a date of
// width dateW set closingIndent characters in from the right edge: twice
// the distance from the date's centre to the edge, at most the measure.
func (e *engine) closingRoom(dateW style.Length) style.Length {
	return min(e.s.Measure(), 2*(closingIndent*e.cellW+dateW/2))
}

// pageNumberDash is the mark on either side of the page number: an em dash
// (GB/T 9704 §7.5 "— 1 —").
const pageNumberDash = '—'

// number adds the page numbers: "— N —" in the page number font — an em
// dash, a half-width space, the number in half-width digits, a half-width
// space, an em dash, all from the 宋体 face that has the dash — with the
// dashes on the line PageNumberGap below the 版心, odd pages right and even
// pages left, PageNumberInset in from the edge (GB/T 9704 §7.5).
func (e *engine) number() error {
	f := e.s.PageNumber
	face, err := e.c.fs.Face(f.Role, pageNumberDash)
	if err != nil {
		return &SourceError{Source: "page number", Err: err}
	}
	// The dash's middle sits on the line; without its outline, the middle
	// of the ideographic em box does.
	mid := cjkCentre
	if b, ok := inkOf(face, pageNumberDash); ok {
		mid = (b.y0 + b.y1) / 2
	}
	dashW := style.Length(face.Advance(pageNumberDash)) * f.Size
	half := f.Size / 2 // a half-width space: half the em of the 宋体 face
	for i := range e.pages {
		pg := &e.pages[i]
		digits := []rune(fmt.Sprint(pg.Number))
		for _, r := range digits {
			if !face.Has(r) {
				return &SourceError{Source: "page number", Err: fmt.Errorf("layout: %s has no digit %q", face.Name(), r)}
			}
		}
		t := Text{Face: face, Size: f.Size, Block: -1}
		var x style.Length
		add := func(r rune, w style.Length) {
			t.Runes = append(t.Runes, r)
			t.Xs = append(t.Xs, x)
			x += w
		}
		add(pageNumberDash, dashW)
		add(' ', half)
		for _, r := range digits {
			add(r, style.Length(face.Advance(r))*f.Size)
		}
		add(' ', half)
		add(pageNumberDash, dashW)
		w := x
		m := e.s.Measure()
		x0 := e.s.Left + (m-w)/2
		if e.s.PageNumberOutside {
			if pg.Number%2 == 1 {
				x0 = e.s.Left + m - e.s.PageNumberInset - w
			} else {
				x0 = e.s.Left + e.s.PageNumberInset
			}
		}
		for k := range t.Xs {
			t.Xs[k] += x0
		}
		t.X = t.Xs[0]
		t.Y = e.s.Top + e.s.BlockHeight() + e.s.PageNumberGap + style.Length(mid)*f.Size
		pg.Texts = append(pg.Texts, t)
	}
	return nil
}

// snap returns y moved down to the next line of the grid.
func (e *engine) snap(y style.Length) style.Length {
	if e.s.LinesPerPage == 0 {
		return y
	}
	k := math.Ceil(float64(y/e.pitch) - 1e-6)
	return style.Length(k) * e.pitch
}

// SourceError is an error about text of the report that cannot be set, such
// as a character that no font has. Source is the text's path in the report
// file ("overview[1].paragraphs[0]"), so a caller can name its position.
type SourceError struct {
	Source string
	Err    error
}

func (e *SourceError) Error() string { return e.Source + ": " + e.Err.Error() }

func (e *SourceError) Unwrap() error { return e.Err }
