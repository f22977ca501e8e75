package layout

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/fixtures"
	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/style"
)

// TestOptimalSameAsRef breaks every paragraph, heading and note of the
// fixtures and of 100 synthetic reports in both styles at three measures,
// and random text (mixed sizes, marks, addresses; in fake glyphs and in
// the fonts of both styles), with optimal and with optimalRef: the lines
// must be the same.
func TestOptimalSameAsRef(t *testing.T) {
	fs, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	all, err := fixtures.Documents()
	if err != nil {
		t.Fatal(err)
	}
	docs := synthDocs(t, 100)
	for _, f := range all {
		docs = append(docs, f.Doc)
	}
	n, opens := 0, 0
	check := func(name string, gs []glyph, grid bool, m0, m1 style.Length) {
		p := newPara(gs)
		p.grid = grid
		for i := 1; i < len(gs); i++ {
			if p.brk[i] && gs[i].blank == leftHalf && gs[i].paired {
				opens++
				break
			}
		}
		ms := func(k int) style.Length {
			if k == 0 {
				return m0
			}
			return m1
		}
		want := p.optimalRef(ms)
		got := p.optimal(ms)
		n++
		if !slices.Equal(got, want) {
			t.Fatalf("%s (grid %v, %v/%v): optimal %v, optimalRef %v", name, grid, m0, m1, got, want)
		}
	}
	for _, s := range []*style.Style{style.Gongwen, style.Template} {
		e := newEngine(s, fs)
		indent := e.cellW * style.Length(s.Indent)
		m := s.Measure()
		for _, d := range docs {
			for _, b := range d.Blocks {
				var runs []run
				switch b.Kind {
				case document.Heading1:
					runs = []run{{b.Text, s.Heading1}}
				case document.Heading2:
					runs = []run{{b.Text, s.Heading2}}
				case document.Paragraph:
					if b.Lead != "" {
						runs = append(runs, run{b.Lead, s.Heading2})
					}
					runs = append(runs, run{b.Text, s.Body})
				case document.Note:
					runs = []run{{b.Text, s.Table}}
				default:
					continue
				}
				for _, k := range []style.Length{1, 0.83, 0.61} {
					gs, err := e.c.collect(nil, b.Source, runs...)
					if err != nil || len(gs) == 0 {
						continue
					}
					check(b.Source, gs, s.CharsPerLine > 0 && k == 1, m*k-indent, m*k)
				}
			}
		}
	}
	engines := map[*style.Style]*engine{style.Gongwen: newEngine(style.Gongwen, fs), style.Template: newEngine(style.Template, fs)}
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"一", "二三", "公开", "，", "。", "、", "“", "”", "《", "》", "（", "）", "——", "……", "：", "；",
		"abc", " ", "2024", "１２３", "http://www.example.gov.cn/a/b?x=1&y=2", "a.b@c.com", "0577-61889607",
		"国办发〔2019〕60号", "《政府信息公开条例》", "？", "！", "？“", "：“", "！（", "：《", "\u3000", "-", "_", "/", ".", "www.", "Ａ"}
	for i := range 12000 {
		var gs []glyph
		for range 1 + rng.IntN(120) {
			for _, r := range pieces[rng.IntN(len(pieces))] {
				size := style.Length(10)
				if i%5 == 1 {
					size = style.Length(8 + rng.IntN(3))
				}
				g := glyph{r: r, size: size, class: classOf(r), w: size}
				if !g.class.wide() {
					g.w = size / 2
				}
				gs = append(gs, g)
			}
		}
		m := style.Length(20 + rng.IntN(300))
		check(itoa(i), gs, i%2 == 0, m-style.Length(rng.IntN(3))*10, m)
		// The same text in the fonts of a style: the marks' blank halves
		// read from their outlines.
		s := style.Gongwen
		if i%2 == 1 {
			s = style.Template
		}
		var text []rune
		for _, g := range gs {
			text = append(text, g.r)
		}
		rgs, err := engines[s].c.collect(nil, "random", run{string(text), s.Body})
		if err != nil || len(rgs) == 0 {
			continue
		}
		m = s.Measure() * style.Length(0.3+rng.Float64())
		check(itoa(i)+"/"+s.Name, rgs, s.CharsPerLine > 0 && i%3 != 0, m-style.Length(rng.IntN(3))*s.Body.Size, m)
	}
	t.Logf("%d paragraphs, %d with a line that may start with an opening mark that keeps its cell", n, opens)
}

// BenchmarkOptimalSynth breaks the paragraphs of 100 synthetic reports
// (gongwen) with optimal and with optimalRef, alternately.
func BenchmarkOptimalSynth(b *testing.B) {
	fs, err := fonts.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	s := style.Gongwen
	e := newEngine(s, fs)
	indent := e.cellW * style.Length(s.Indent)
	m := s.Measure()
	var paras [][]glyph
	for _, d := range synthDocs(b, 100) {
		for _, bl := range d.Blocks {
			if bl.Kind != document.Paragraph {
				continue
			}
			gs, err := e.c.collect(nil, bl.Source, run{bl.Text, s.Body})
			if err == nil && len(gs) > 0 {
				paras = append(paras, gs)
			}
		}
	}
	ms := func(k int) style.Length {
		if k == 0 {
			return m - indent
		}
		return m
	}
	ps := make([]*para, len(paras))
	for i, gs := range paras {
		ps[i] = newPara(gs)
		ps[i].grid = true
	}
	var tNew, tRef time.Duration
	for i := 0; b.Loop(); i++ {
		t0 := time.Now()
		for _, p := range ps {
			p.optimal(ms)
		}
		t1 := time.Now()
		for _, p := range ps {
			p.optimalRef(ms)
		}
		tNew += t1.Sub(t0)
		tRef += time.Since(t1)
	}
	b.ReportMetric(float64(tNew.Microseconds())/float64(b.N)/100, "new-µs/report")
	b.ReportMetric(float64(tRef.Microseconds())/float64(b.N)/100, "ref-µs/report")
}

// TestShortcutsAsMeasured checks the arithmetic optimal does without
// measure or stretched against them, on every line between two places of
// random paragraphs (fake glyphs and the fonts of both styles, marks that
// pair, addresses, mixed sizes): tooWide against measure of the line set
// half and squeezed, isCapped against stretched, and the cells weigh
// reads from plain against measure.
func TestShortcutsAsMeasured(t *testing.T) {
	fs, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	e := newEngine(style.Gongwen, fs)
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"一", "二三", "，", "。", "“", "”", "《", "》", "（", "）", "：“", "！（", "abc", " ", "2024",
		"http://a.gov.cn/b", "——", "\u3000", "》，", "。”"}
	checked := 0
	for i := range 3000 {
		var text []rune
		for range 1 + rng.IntN(40) {
			text = append(text, []rune(pieces[rng.IntN(len(pieces))])...)
		}
		var gs []glyph
		if i%2 == 0 {
			for _, r := range text {
				size := style.Length(10)
				g := glyph{r: r, size: size, class: classOf(r), w: size}
				if !g.class.wide() {
					g.w = size / 2
				}
				gs = append(gs, g)
			}
		} else {
			gs, err = e.c.collect(nil, "random", run{string(text), style.Gongwen.Body})
			if err != nil {
				t.Fatal(err)
			}
		}
		p := newPara(gs)
		p.grid = i%3 != 0
		room := style.Length(20 + rng.IntN(200))
		sc := new(scratch)
		sm, cands, pen, nodes := p.candidates(sc, room, room)
		var en ending
		for ci := 1; ci < len(cands); ci++ {
			p.ending(&en, sm, cands[ci], pen[cands[ci]], room, room)
			for cj := 0; cj < ci; cj++ {
				nd := &nodes[cj]
				l := span{start: int(nd.s), end: en.e}
				lo := p.measure(sm, span{start: l.start, end: l.end, half: true, squeeze: true})
				if got, want := p.tooWide(sm, nd, false, &en), lo.w-lo.shrink > room+eps; got != want {
					t.Fatalf("%q [%d,%d) in %v: tooWide %v, measure says %v", string(text), l.start, l.end, room, got, want)
				}
				m := p.plain(sm, nd, &en)
				if en.t-1 > l.start && m.places > 0 && !nd.open {
					want := stretched(room-m.w, m.places, nd.size, room) == maxBadness
					if got := p.isCapped(nd, &en); got != want {
						t.Fatalf("%q [%d,%d) in %v: isCapped %v, stretched says %v", string(text), l.start, l.end, room, got, want)
					}
				}
				if l.end-1 > l.start && p.compressible(l.end-1) {
					h := p.measure(sm, span{start: l.start, end: l.end, half: true})
					if c := m.cells - p.gs[l.end-1].w/2; c != h.cells {
						t.Fatalf("%q [%d,%d): cells set half %v, measure says %v", string(text), l.start, l.end, c, h.cells)
					}
				}
				checked++
			}
		}
	}
	t.Logf("%d lines", checked)
}
