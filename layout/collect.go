package layout

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/style"
)

// collect turns runs of text into glyphs: the face of every rune (with the
// fonts' fallback), its width and its class. It is the first stage of
// paragraph layout: collect → linebreak → finalize.

// class is what a rune is to the line breaker and the justifier.
type class uint8

const (
	clsWide   class = iota // Han, kana, full-width forms: one cell of the grid
	clsOpen                // full-width opening punctuation （《“…: never ends a line
	clsClose               // full-width closing punctuation ，。、）》”…: never starts a line
	clsDash                // ——, ……, ·: full-width marks that are not split in pairs
	clsNarrow              // Latin letters, digits, ASCII punctuation: proportional
	clsSpace               // spaces: break opportunities, never stretched
)

// wide reports whether c takes a full cell of the grid.
func (c class) wide() bool { return c <= clsDash }

// mark reports whether c is full-width opening or closing punctuation.
func (c class) mark() bool { return c == clsOpen || c == clsClose }

// run is a piece of text in one font.
type run struct {
	text string
	font style.Font
}

// glyph is one rune ready to be set. The fields are ordered so that a
// glyph takes 40 bytes: a paragraph's glyphs are read again and again by
// the line breaker.
type glyph struct {
	r     rune
	class class
	// blank is the half of its cell that a full-width mark leaves empty,
	// which it may give up (see squeezePairs and loose.go); paired says it
	// gives it up on every line because another mark is beside it.
	blank  side
	paired bool
	bold   bool
	face   *fonts.Face
	size   style.Length
	// w is the width the rune takes on the line: its cell (the grid pitch,
	// or the size without a grid) for a wide rune, its advance otherwise.
	w style.Length
	// ink is where the glyph starts inside its cell: a quote mark whose
	// font gives it a proportional advance hugs the text it opens.
	ink style.Length
}

// side is a half of a full-width cell.
type side uint8

const (
	noSide    side = iota
	rightHalf      // a closing mark's: its ink sits left, as in ，。）
	leftHalf       // an opening mark's: its ink sits right, as in （《“
)

// autospaceEm is the space between Han and Latin letters or digits, in em
// of the smaller size: official-format.md §8 ("up to 1/4 em"), as Word's
// autoSpaceDE/autoSpaceDN.
const autospaceEm = 0.25

// proportionalWide is the advance, in em, below which a rune the font
// draws narrow (a proportional “ or ·) is centred or hugged inside its
// full-width cell instead of being drawn at the cell's left edge.
const proportionalWide = 0.9

// collector makes glyphs for one style and font set.
type collector struct {
	s  *style.Style
	fs *fonts.Set
}

// cell is the width of a full-width rune of font f: the grid pitch when the
// style has a character grid and f is of the body size (headings and body
// share the grid, GB/T 9704 §5.2.2), else the size itself.
func (c collector) cell(f style.Font) style.Length {
	if c.s.CharsPerLine > 0 && f.Size == c.s.Body.Size {
		return c.s.Measure() / style.Length(c.s.CharsPerLine)
	}
	return f.Size
}

// collect appends the glyphs of runs to gs. source names the text in the
// report for errors.
func (c collector) collect(gs []glyph, source string, runs ...run) ([]glyph, error) {
	n := 0
	for _, rn := range runs {
		n += utf8.RuneCountInString(rn.text)
	}
	gs = slices.Grow(gs, n)
	for _, rn := range runs {
		cell := c.cell(rn.font)
		for _, r := range rn.text {
			if r == '\n' || r == '\t' {
				r = ' '
			}
			face, err := c.fs.Face(rn.font.Role, r)
			if err != nil {
				if source == "" {
					return nil, err
				}
				return nil, &SourceError{Source: source, Err: err}
			}
			g := glyph{r: r, face: face, size: rn.font.Size, bold: rn.font.Bold, class: classOf(r)}
			adv := style.Length(face.Advance(r)) * rn.font.Size
			if g.class.wide() {
				g.w = cell
				if adv < proportionalWide*rn.font.Size {
					switch g.class {
					case clsOpen:
						g.ink = cell - adv
					case clsDash, clsWide:
						g.ink = (cell - adv) / 2
					}
				}
			} else {
				g.w = adv
			}
			gs = append(gs, g)
		}
	}
	return gs, nil
}

// Punctuation classes (official-format.md §8, GB/T 15834, clreq §3.1.7).
const (
	// opening marks never end a line.
	openingMarks = "“‘「『（〔【《〈〖［｛"
	// closing marks never start a line.
	closingMarks = "、，；：。！？”’」』）〕】》〉〗］｝～％"
	// pairedMarks are set in pairs that are never split: —— and …….
	pairedMarks = "—…"
)

// classOf is the class of r. The cases spell out the lists above, which
// TestClassOfEveryRune checks rune by rune: a switch on runes is a binary
// search, scanning the lists decodes them on every call.
func classOf(r rune) class {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF:
		return clsWide // CJK Unified Ideographs: no mark among them
	case r < 0x2010 && r != ' ' && r != '\u00a0' && r != '·':
		return clsNarrow // no mark nor space below U+2010 but these
	}
	switch r {
	case ' ', '\u00a0':
		return clsSpace
	case '“', '‘', '「', '『', '（', '〔', '【', '《', '〈', '〖', '［', '｛': // openingMarks
		return clsOpen
	case '、', '，', '；', '：', '。', '！', '？', '”', '’', '」', '』', '）', '〕', '】', '》', '〉', '〗', '］', '｝', '～', '％': // closingMarks
		return clsClose
	case '—', '…', '·', '・': // pairedMarks, and the middle dots
		return clsDash
	}
	if r < 0x2E80 || r >= 0xFF61 && r <= 0xFFDC {
		return clsNarrow
	}
	return clsWide
}

// isHan reports whether r is an ideograph or kana, the runes that get an
// autospace next to Latin letters and digits.
func isHan(r rune) bool {
	switch {
	case r < 0x2E80:
		return false // no Han nor kana below the CJK Radicals
	case r >= 0x4E00 && r <= 0x9FFF:
		return true // CJK Unified Ideographs
	}
	return unicode.Is(unicode.Han, r) || unicode.In(r, unicode.Hiragana, unicode.Katakana)
}

// isAlnum reports whether r is a Latin letter or a digit.
func isAlnum(r rune) bool {
	return r < 0x2E80 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
