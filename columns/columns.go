// Package columns chooses, for one report, the column widths and the type
// size of each official table: the form's weights give the look, and the
// report's own values and the header words say what must fit. Fixed layout
// (layout/, the PDF) and Word output (render/docx) both call Fit with the
// same table, style and fonts, so the PDF and the DOCX set the same widths.
//
// The order of remedies when the form's proportions do not hold a report's
// numbers (issue 9): widen the columns that need it, each number with
// NumberPad (4.25 pt) beside it, taking the width from every column with
// room to spare in proportion to its room (label columns wrap, down to
// labelFloorEm a line); a note wraps under its number rather than widen
// its column by more than noteWhole, and stays on two lines there if the
// numbers keep notePad (3.25 pt) for it; if the table width still cannot hold
// them, set the table smaller in SizeStep steps down to MinSize; then
// share what is left evenly between the numbers' padding, down to the
// cell padding (Plan.Pad); only then does a number wrap (Plan.Fits is
// false). Table 四's 15 data columns hold at most 5-digit counts at 9 pt
// in the 156 mm 版心, with 3.3 pt beside them. Label columns are narrowed
// to a whole number of em so that their lines fill.
//
// It owns the widths, which rows keep together (KeepWithNext) and where a
// cell may break its lines (Breaks); it
// does not break lines or draw. Lengths are style.Length points; every
// width is a whole number of twips (1/20 pt, Word's unit), so the DOCX
// grid adds up to the table width exactly.
package columns

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/memo"
	"github.com/nianbao/nianbao/style"
)

// Plan is how one table is set.
type Plan struct {
	// Size is the type size of the table: the style's, or smaller when the
	// values need it (SizeStep down to MinSize).
	Size style.Length
	// Widths are the grid columns' widths, each a whole number of twips,
	// adding up to the table width.
	Widths []style.Length
	// Fits says that every number and header word fits its column on one
	// line at Size. When it is false even MinSize could not hold them and
	// some cell wraps inside a number, the last resort.
	Fits bool
	// NoteWraps says that a value's note (（其中修订203418件）) may wrap
	// inside; otherwise it stays whole on the line below its number.
	NoteWraps bool
	// Pad is the least room between a number and each of its rules'
	// inner edges when it is centred in its column: NumberPad, or less
	// when the table cannot give that, never less than the style's cell
	// padding.
	Pad style.Length
}

// Width returns the table's width, the sum of its columns.
func (p Plan) Width() style.Length {
	var w style.Length
	for _, c := range p.Widths {
		w += c
	}
	return w
}

// MinSize is the smallest type size a table is reduced to so that its
// numbers fit: 小五 (9 pt), still read without effort in print.
const MinSize = style.SizeS5

// SizeStep is how much the type size goes down per try.
const SizeStep = style.Length(0.5)

// labelFloorEm is the narrowest a label column that wraps gives its
// width down to, in em of the table size: 1.属于国家秘密 on two lines.
const labelFloorEm = 6

// shortLabel is the longest label text, after its enumerator, that is one
// word and never wraps: 不予公开, 无法提供 (a group label of Table 三 reads
// （三）/不予公开, not （三）不/予公开).
const shortLabel = 4

// headerWord is the longest header text that is one word: 自然人, 总计.
// Longer headers break between words of two characters: 社会/公益/组织,
// 结果/维持.
const headerWord = 3

// airPt is the room left beside the widest piece of a column, so that a
// number does not touch its rules and a reader rounding widths to its own
// units does not wrap it.
const airPt = style.Length(0.25)

// autospaceEm is the space between Han and a Latin letter or digit, in em
// (layout's autospace, official-format.md §8).
const autospaceEm = 0.25

// NumberPad is the room a number wants between its ink box and each of
// its rules' inner edges: 1.5 mm (4.25 pt), so that a 9-digit count reads
// as its own column and not as part of its neighbour's (Word's default
// cell margin is 5.4 pt, the style's padding 1 mm). A table too narrow
// for it at MinSize shares what it has so that every number gets the same
// part of it, down to the style's padding TableCellPadX (Plan.Pad says
// how much each number got).
const NumberPad = style.Length(4.25)

// noteWhole is how much wider than the width it would have anyway a
// column may grow to keep a note whole on its line under the number, or
// on two lines (（含延期答/复2104件）); a note that needs more wraps as its
// column allows, rather than make its column much wider than the others.
const noteWhole = 1.3

// Fit returns the plan of table t set in style s, measuring text with the
// table role of fs. It never fails: text that fs cannot set is measured
// at one em a character.
//
// The type size is the largest at which every number has NumberPad beside
// it; when no size gives that, the largest at which it has the style's
// padding, the rest shared out evenly. A note wraps under its number when
// keeping it whole would widen its column by more than noteWhole; kept on
// two lines, it may take the numbers' room down to notePad.
//
// A report's PDF layout and its DOCX ask for the same tables one after the
// other: the last few plans are kept (fitted), so each is worked out once.
func Fit(t *document.Grid, s *style.Style, fs *fonts.Set) Plan {
	key := fitKey(t, s, fs)
	if p, ok := fitted.get(key); ok {
		return p
	}
	p := fit(t, s, fs)
	fitted.put(key, p)
	return p
}

// fitCache holds the last plans Fit made, by what they depend on: the
// form table, the style, the fonts and every cell's text.
type fitCache struct {
	sync.Mutex
	keys  [8]string
	plans [8]Plan
	next  int
}

var fitted fitCache

func fitKey(t *document.Grid, s *style.Style, fs *fonts.Set) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%p %p %p", t.Form, s, fs)
	for _, x := range t.Texts {
		b.WriteByte(0)
		b.WriteString(x)
	}
	return b.String()
}

func (c *fitCache) get(key string) (Plan, bool) {
	c.Lock()
	defer c.Unlock()
	for i, k := range c.keys {
		if k == key {
			p := c.plans[i]
			p.Widths = slices.Clone(p.Widths) // the caller's to keep
			return p, true
		}
	}
	return Plan{}, false
}

func (c *fitCache) put(key string, p Plan) {
	c.Lock()
	defer c.Unlock()
	p.Widths = slices.Clone(p.Widths)
	c.keys[c.next], c.plans[c.next] = key, p
	c.next = (c.next + 1) % len(c.keys)
}

// fit works out the plan of Fit.
func fit(t *document.Grid, s *style.Style, fs *fonts.Set) Plan {
	ft := t.Form
	total := s.TableWidth
	if total == 0 {
		total = s.Measure()
	}
	totalTw := total.Twips()
	m := measurer{fs: fs, role: s.Table.Role, line: s.TableLineGap}
	sizes := []style.Length{s.Table.Size}
	for z := s.Table.Size - SizeStep; z >= MinSize-1e-9; z -= SizeStep {
		sizes = append(sizes, z)
	}
	// What a cell needs beyond its text: its padding, and its rules, of
	// which Word and LibreOffice count half into the cell on each side,
	// with a quarter point of air. A number wants NumberPad.
	floor := s.TableCellPadX + airPt/2
	pad := func(p style.Length) style.Length { return 2*p + s.TableRuleWidth }
	// Widths scale with the size: measure each cell once, in em, with its
	// note whole and wrapped.
	whole := make([]style.Length, len(ft.Cells))
	wrapped := make([]style.Length, len(ft.Cells))
	halves := make([]style.Length, len(ft.Cells))
	for i, c := range ft.Cells {
		whole[i], wrapped[i], halves[i] = m.cellWidths(c, text(t, i))
	}
	base := formWidths(ft, totalTw)
	at := func(size style.Length, notes bool) try {
		need := needs(ft, wrapped, size, pad(floor), pad(floor))
		want := needs(ft, wrapped, size, pad(floor), pad(max(floor, NumberPad)))
		full := needs(ft, whole, size, pad(floor), pad(max(floor, NumberPad)))
		two := needs(ft, halves, size, pad(floor), pad(max(floor, NumberPad)))
		// The same at the cell padding: what a note kept whole or on
		// two lines needs when the numbers give up their NumberPad.
		fullAt := needs(ft, whole, size, pad(floor), pad(floor))
		twoAt := needs(ft, halves, size, pad(floor), pad(floor))
		wraps, noted := false, false
		for c := range want {
			if !notes {
				wraps = wraps || full[c] > want[c]+0.5
				continue
			}
			if full[c] <= want[c]+0.5 {
				continue
			}
			limit := noteWhole * math.Max(want[c], base[c])
			switch {
			case full[c] <= limit:
				want[c] = full[c]
				need[c] = math.Max(need[c], fullAt[c])
				noted = true
			case two[c] <= limit:
				// The note on two lines under its number, not four.
				want[c] = math.Max(want[c], two[c])
				need[c] = math.Max(need[c], twoAt[c])
				wraps, noted = true, true
			default:
				wraps = true
			}
		}
		return try{need, want, wraps, noted}
	}
	for _, size := range sizes {
		// A note whole or on two lines if the size allows it, else
		// wrapped as its column's width allows: the size does not go
		// down for a note.
		for _, notes := range []bool{true, false} {
			tr := at(size, notes)
			if sum(tr.want) <= float64(totalTw) {
				return Plan{Size: size, NoteWraps: tr.wraps, Fits: true, Pad: max(floor, NumberPad),
					Widths: quantize(snap(ft, s, size, share(base, tr.want), tr.want), tr.want, totalTw)}
			}
			if !tr.noted {
				break
			}

			// A note on two lines rather than four is worth a little of
			// the numbers' room, down to notePad.
			if w, got, ok := spread(tr, floor, max(floor, NumberPad), totalTw); ok && got >= notePad {
				return Plan{Size: size, NoteWraps: true, Fits: true, Pad: got,
					Widths: quantize(snap(ft, s, size, w, tr.need), tr.need, totalTw)}
			}
		}
	}
	for _, size := range sizes {
		tr := at(size, false)
		if w, got, ok := spread(tr, floor, max(floor, NumberPad), totalTw); ok {
			return Plan{Size: size, NoteWraps: true, Fits: true, Pad: got,
				Widths: quantize(snap(ft, s, size, w, tr.need), tr.need, totalTw)}
		}
	}
	// Even MinSize cannot hold them: every column in proportion to what it
	// needs, and the breaker wraps what does not fit.
	size := sizes[len(sizes)-1]
	need := at(size, false).need
	k := float64(totalTw) / sum(need)
	for c := range need {
		need[c] *= k
	}
	return Plan{Size: size, NoteWraps: true, Widths: quantize(need, need, totalTw), Fits: false}
}

// try is what the columns need at one size: with numbers at the cell
// padding (need), with NumberPad beside them (want), and whether a note
// wraps inside.
type try struct {
	need, want []float64
	wraps      bool
	noted      bool // a column is wider to keep a note whole or on two lines
}

// notePad is the least room beside the numbers that a table gives up
// NumberPad for, to keep a note on two lines (3.25 pt).
const notePad = style.Length(3.25)

// spread returns widths between what the columns of tr need (numbers at
// the cell padding floor) and what they want (at pad), each column the
// same part k of the way, and the padding the numbers then get; ok is
// false when the table cannot hold even what they need.
func spread(tr try, floor, pad style.Length, totalTw int) (w []float64, got style.Length, ok bool) {
	if sum(tr.need) > float64(totalTw) {
		return nil, 0, false
	}
	k := 1.0
	if d := sum(tr.want) - sum(tr.need); d > 0 {
		k = math.Min(1, (float64(totalTw)-sum(tr.need))/d)
	}
	w = make([]float64, len(tr.need))
	for c := range w {
		w[c] = tr.need[c] + k*(tr.want[c]-tr.need[c])
	}
	// Less a twip: rounding to whole twips may take half of one.
	return w, floor + style.Length(k)*(pad-floor) - 0.05, true
}

// needs returns the width each column needs at size, in twips: the widest
// piece of any single-column cell in it plus the cell's padding (pad, or
// valuePad in a value cell); then cells that span columns add what they
// lack to their last column.
func needs(ft *form.Table, em []style.Length, size, pad, valuePad style.Length) []float64 {
	need := make([]float64, ft.Cols)
	cellNeed := func(i int) float64 {
		p := pad
		if ft.Cells[i].Kind == form.Value {
			p = valuePad
		}
		return float64(em[i]*size*20) + float64(p*20)
	}
	for i, c := range ft.Cells {
		if c.ColSpan == 1 {
			need[c.Col] = math.Max(need[c.Col], cellNeed(i))
		}
	}
	for i, c := range ft.Cells {
		if c.ColSpan == 1 {
			continue
		}
		have := sum(need[c.Col : c.Col+c.ColSpan])
		if want := cellNeed(i); want > have {
			need[c.Col+c.ColSpan-1] += want - have
		}
	}
	return need
}

// formWidths returns the columns' widths in the form's proportions, in
// twips.
func formWidths(ft *form.Table, totalTw int) []float64 {
	var wsum float64
	for _, w := range ft.Weights {
		wsum += w
	}
	w := make([]float64, ft.Cols)
	for c := range w {
		w[c] = ft.Weights[c] / wsum * float64(totalTw)
	}
	return w
}

// share gives the columns the form's proportions (base) when they hold
// what they need. A column that needs more gets it from the others' slack,
// label and data columns alike, each in proportion to its slack: no column
// gives all its room while another keeps a lot (a label column wrapping
// to one character a line beside wide number columns).
func share(base, need []float64) []float64 {
	w := append([]float64(nil), base...)
	var deficit float64
	for c := range w {
		if need[c] > w[c] {
			deficit += need[c] - w[c]
			w[c] = need[c]
		}
	}
	if deficit > 0 {
		var slack float64
		for c := range w {
			slack += math.Max(0, w[c]-need[c])
		}
		if slack > 0 {
			take := math.Min(deficit, slack)
			for c := range w {
				w[c] -= take * math.Max(0, w[c]-need[c]) / slack
			}
		}
	}
	return w
}

// snap narrows each column of row labels to a whole number of em of text
// at size, and gives what it frees to the data columns in proportion to
// their widths: a label's lines then fill their room character for
// character (1.属于国家秘/密 set 0.19 em apart in a room of 6.9 em
// otherwise). Widths are in twips; a column never goes below need.
func snap(ft *form.Table, s *style.Style, size style.Length, w, need []float64) []float64 {
	w = append([]float64(nil), w...)
	labels := make([]bool, ft.Cols)
	data := make([]bool, ft.Cols)
	for _, c := range ft.Cells {
		switch {
		case c.Kind == form.Label && c.ColSpan == 1 && !c.Vertical:
			labels[c.Col] = true
		case c.Kind == form.Value && c.ColSpan == 1:
			data[c.Col] = true
		}
	}
	padTw := float64(2 * s.TableCellPadX * 20)
	emTw := float64(size * 20)
	var freed, dataW float64
	for c := range w {
		if data[c] {
			dataW += w[c]
		}
		if !labels[c] || data[c] {
			continue
		}
		// One twip over the whole em, against rounding.
		room := math.Floor((w[c]-padTw)/emTw+1e-3)*emTw + 1
		if nw := math.Max(room+padTw, need[c]); nw < w[c] {
			freed += w[c] - nw
			w[c] = nw
		}
	}
	if dataW == 0 {
		return w
	}
	for c := range w {
		if data[c] {
			w[c] += freed * w[c] / dataW
		}
	}
	return w
}

// quantize rounds widths down to whole twips, never below need, and gives what
// rounding leaves over to the column with the most room to spare, so that
// columns of equal width stay equal (no 589/590 alternation that a
// LibreOffice round trip turns into an extra column) and the sum is total.
func quantize(w, need []float64, total int) []style.Length {
	tw := make([]int, len(w))
	sum := 0
	for c := range w {
		tw[c] = int(math.Floor(w[c] + 1e-6))
		if n := int(math.Ceil(need[c] - 1e-6)); tw[c] < n && float64(n) <= w[c]+1 {
			tw[c] = n
		}
		sum += tw[c]
	}
	best := 0
	for c := range tw {
		if float64(tw[c])-need[c] > float64(tw[best])-need[best] {
			best = c
		}
	}
	tw[best] += total - sum
	out := make([]style.Length, len(tw))
	for c, v := range tw {
		out[c] = style.Length(v) / 20
	}
	return out
}

func sum(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x
	}
	return s
}

func text(t *document.Grid, i int) string {
	if i < len(t.Texts) {
		return t.Texts[i]
	}
	return ""
}

// measurer measures table text the way layout/ sets it: a full-width
// character takes one em, anything else its advance in the font that sets
// it, with a quarter em between Han and a Latin letter or digit.
type measurer struct {
	fs   *fonts.Set
	role fonts.Role
	line float64 // line pitch in em: the width a line of vertical text takes
}

func (m measurer) advance(r rune) float64 {
	if wide(r) {
		return 1
	}
	if m.fs != nil {
		if f, err := m.fs.Face(m.role, r); err == nil {
			return f.Advance(r)
		}
	}
	return 0.5
}

// width is the width of s at size, on one line.
func (m measurer) width(s string, size style.Length) style.Length {
	var em float64
	var prev rune
	for i, r := range s {
		em += m.advance(r)
		if i > 0 && (isHan(prev) && isAlnum(r) || isAlnum(prev) && isHan(r)) {
			em += autospaceEm
		}
		prev = r
	}
	return style.Length(em) * size
}

// widest returns the width of the widest piece of a cell's text: what
// must stay on one line.
func (m measurer) widest(p Plan, c form.Cell, s string) style.Length {
	size := p.Size
	if c.Vertical {
		// A line of vertical text is as wide as a line is high: Word and
		// LibreOffice set tbRlV text at the line pitch across the column
		// and show nothing when the column is narrower.
		return max(style.Length(m.line), 1) * size
	}
	rs := []rune(s)
	brk := p.Breaks(c, s)
	if c.Kind == form.Label {
		// A long label wraps: its floor, not its whole width.
		e := enumerator(rs)
		w := m.width(string(rs[:e]), size)
		rest := m.width(string(rs[e:]), size)
		if len(rs)-e > shortLabel {
			rest = min(rest, labelFloorEm*size)
		}
		return max(w, rest)
	}
	var w style.Length
	start := 0
	for i := 1; i <= len(rs); i++ {
		if i == len(rs) || brk[i] {
			w = max(w, m.width(string(rs[start:i]), size))
			start = i
		}
	}
	return w
}

// cellWidths returns, in em, the widest piece of a cell's text s with its
// note whole and wrapped, and the widest when the note is on two lines.
// A value without a note is one piece; the widths of the form's own texts
// (labels, headers, bands) are kept from one table to the next
// (measured).
func (m measurer) cellWidths(c form.Cell, s string) (whole, wrapped, halves style.Length) {
	if c.Kind == form.Value && !c.Vertical && !strings.ContainsAny(s, "（(") {
		w := m.width(s, 1)
		return w, w, w
	}
	key := measuredKey{m, c.Kind, c.Vertical, s}
	if c.Kind != form.Value {
		if ws, ok := measured.Get(key); ok {
			return ws[0], ws[1], ws[2]
		}
	}
	whole = m.widest(Plan{Size: 1}, c, s)
	wrapped = m.widest(Plan{Size: 1, NoteWraps: true}, c, s)
	halves = max(wrapped, m.noteInTwo(c, s))
	if c.Kind != form.Value {
		measured.Put(key, [3]style.Length{whole, wrapped, halves})
	}
	return whole, wrapped, halves
}

// measuredKey is what the widths of a cell's text depend on.
type measuredKey struct {
	m        measurer
	kind     form.Kind
	vertical bool
	text     string
}

// maxMeasured bounds the widths kept: the texts of a few forms. When it is
// full it starts again empty.
const maxMeasured = 2048

// measured holds the widths of the cells measured before, process-wide.
var measured = memo.Map[measuredKey, [3]style.Length]{Max: maxMeasured}

// noteInTwo returns the width, in em, that a value's note needs to be set
// on two lines under its number, broken where Breaks lets it wrap; 0 for a
// cell without a note.
func (m measurer) noteInTwo(c form.Cell, s string) style.Length {
	rs := []rune(s)
	k := 0
	for i, r := range rs {
		if r == '（' || r == '(' {
			k = i
			break
		}
	}
	if c.Kind != form.Value || k == 0 {
		return 0
	}
	brk := Plan{NoteWraps: true}.Breaks(c, s)
	best := m.width(string(rs[k:]), 1)
	for i := k + 1; i < len(rs); i++ {
		if brk[i] {
			best = min(best, max(m.width(string(rs[k:i]), 1), m.width(string(rs[i:]), 1)))
		}
	}
	return best
}

// Breaks returns, for each rune i of a cell's text, whether a line may
// break before it by the table's rules; the line breaker adds its own
// (禁则, no break inside a number) on top. brk[0] is false.
//
//   - A value cell breaks only before a note's "（" (1234567（其中修订
//     203418件）), and inside the note only when NoteWraps; never in the
//     number.
//   - A header breaks between words: a header of up to headerWord
//     characters is one word, a longer one is words of two characters.
//   - A label breaks after its enumerator （三）; what follows is one word
//     when it is short (不予公开), else it may break anywhere (and its
//     column may narrow down to labelFloorEm a line).
func (p Plan) Breaks(c form.Cell, s string) []bool {
	rs := []rune(s)
	brk := make([]bool, len(rs))
	switch c.Kind {
	case form.Value:
		note := -1
		for i, r := range rs {
			if r == '（' || r == '(' {
				note = i
				break
			}
		}
		if note < 0 {
			return brk
		}
		if note > 0 {
			brk[note] = true
		}
		for i := note + 1; i < len(rs) && p.NoteWraps; i++ {
			brk[i] = between(rs[i-1], rs[i])
		}
	case form.Header, form.Band:
		hanWords(rs, brk)
	case form.Label:
		e := enumerator(rs)
		if e > 0 && e < len(rs) {
			brk[e] = true
		}
		if len(rs)-e > shortLabel {
			for i := e + 1; i < len(rs); i++ {
				brk[i] = true
			}
		}
	}
	return brk
}

// hanWords marks the breaks of a header: between its pieces, and inside
// a run of Han characters longer than headerWord every two characters.
func hanWords(rs []rune, brk []bool) {
	const start, word = 0, 2
	for i := start; i < len(rs); {
		j := i
		for j < len(rs) && isHan(rs[j]) {
			j++
		}
		if j == i {
			if i > start && i < len(rs) && between(rs[i-1], rs[i]) {
				brk[i] = true
			}
			i++
			continue
		}
		if i > start && between(rs[i-1], rs[i]) {
			brk[i] = true
		}
		if j-i > headerWord {
			for k := i + word; k < j; k += word {
				if j-k >= word {
					brk[k] = true
				}
			}
		}
		i = j
	}
}

// between reports whether a line may break between a and b as far as the
// pieces go: not inside a run of Latin letters and digits, not after an
// opening mark or before a closing one.
func between(a, b rune) bool {
	switch {
	case isAlnum(a) && isAlnum(b):
		return false
	case isOpen(a), isClose(b):
		return false
	}
	return true
}

// enumerator returns the length of the enumerator （三） that starts a
// label, or 0.
func enumerator(rs []rune) int {
	if len(rs) == 0 || rs[0] != '（' {
		return 0
	}
	for k := 1; k < len(rs)-1 && k <= 4; k++ {
		if rs[k] == '）' {
			return k + 1
		}
	}
	return 0
}

func isOpen(r rune) bool { return strings.ContainsRune("“‘「『（〔【《〈〖［｛(", r) }
func isClose(r rune) bool {
	return strings.ContainsRune("、，；：。！？”’」』）〕】》〉〗］｝～％)%", r)
}

// wide reports whether r takes a full em: Han, kana, full-width forms and
// punctuation (layout's wide classes).
func wide(r rune) bool {
	return r >= 0x2E80 && !(r >= 0xFF61 && r <= 0xFFDC) || r == '“' || r == '”' || r == '‘' || r == '’' || r == '—' || r == '…' || r == '·'
}

func isHan(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.In(r, unicode.Hiragana, unicode.Katakana)
}

func isAlnum(r rune) bool {
	return r < 0x2E80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) || r == '.' || r == ',' || r == '-' || r == '+' || r == '%'
}

// minSplitSpan is the fewest rows a cell must span before its first and
// last rows are kept from standing alone on a page: a label 三 over a
// single row at the foot of a page, 属于国家秘密 alone at the top of the
// next. A cell of two rows split in two leaves one row on each page, which
// its label then names on both.
const minSplitSpan = 3

// KeepWithNext returns, for each row of table t set in style s at size,
// whether it must stay on the page of the next row: the rows of a Keep
// range but its last (Table 二's bands with their rows), the head rows and
// the first body row (a table never breaks right under its head), the
// first and the second-to-last row of a cell spanning minSplitSpan rows or
// more, and the first rows of a vertical cell, as many as its text needs
// at one line a row (Word and LibreOffice draw a merged cell's vertical
// text in its first part; the PDF then prints it there too). The PDF
// (layout's row chunks) and the DOCX (w:keepNext) break tables by it.
func KeepWithNext(t *form.Table, s *style.Style, size style.Length) []bool {
	keep := make([]bool, t.Rows)
	mark := func(r int) {
		if r >= 0 && r < t.Rows-1 {
			keep[r] = true
		}
	}
	for _, k := range t.Keep {
		for r := k[0]; r < k[1]; r++ {
			mark(r)
		}
	}
	for r := 0; r < t.HeadRows; r++ {
		mark(r)
	}
	row := size*style.Length(max(s.TableLineGap, 1)) + 2*s.TableCellPadY
	for _, c := range t.Cells {
		if c.RowSpan >= minSplitSpan {
			mark(c.Row)
			mark(c.Row + c.RowSpan - 2)
		}
		if c.Vertical {
			need := style.Length(len([]rune(c.Text)))*size + 2*s.TableCellPadY
			n := int(math.Ceil(float64(need/row) - 1e-9))
			for r := c.Row; r < c.Row+min(n, c.RowSpan)-1; r++ {
				mark(r)
			}
		}
	}
	return keep
}

// Width returns the width of text on one line, set in the table role of
// fs at size, as Fit measures it.
func Width(fs *fonts.Set, s *style.Style, text string, size style.Length) style.Length {
	return measurer{fs: fs, role: s.Table.Role}.width(text, size)
}

// Enumerator returns the length in runes of the enumerator （三） that
// starts a label, or 0: a label that does not fit its line breaks after it.
func Enumerator(text string) int { return enumerator([]rune(text)) }

// ValueRoom returns the room for the text of a value cell over columns
// [col, col+span): the columns' width less Pad on each side and a rule,
// so that a note wrapped under its number keeps the same room from the
// rules as the number. layout/ and render/docx break notes by it.
func (p Plan) ValueRoom(s *style.Style, col, span int) style.Length {
	var w style.Length
	for _, c := range p.Widths[col : col+span] {
		w += c
	}
	return w - 2*max(p.Pad, s.TableCellPadX) - s.TableRuleWidth
}

// NotesUnder reports whether some value of table t does not fit its room
// on one line with its note: then every note of the table goes on the
// line under its number, so that one column does not read 1（其中修订1件）
// and the next 26 over （含自然失效9件）.
func (p Plan) NotesUnder(t *document.Grid, s *style.Style, fs *fonts.Set) bool {
	for i, c := range t.Form.Cells {
		v := text(t, i)
		if c.Kind != form.Value || !hasNote(v) {
			continue
		}
		if Width(fs, s, v, p.Size) > p.ValueRoom(s, c.Col, c.ColSpan) {
			return true
		}
	}
	return false
}

func hasNote(v string) bool {
	for i, r := range []rune(v) {
		if r == '（' || r == '(' {
			return i > 0
		}
	}
	return false
}
