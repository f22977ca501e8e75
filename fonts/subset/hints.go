package subset

// This file drops the hints of Type 2 charstrings (Adobe TN #5177): the
// stem hints (hstem, vstem, hstemhm, vstemhm) and hint masks (hintmask,
// cntrmask) with their operands. Hints move outline points to whole device
// pixels at small sizes on screens; a printed page (600 dpi and more: a
// 16 pt em is 133 dots) and the PDF viewers' anti-aliased rasterisers
// (poppler does not hint) draw the same without them. The outline
// operators and numbers are copied byte for byte.
//
// A charstring that calls a subroutine is copied whole: its hints may sit
// in the subroutine, or in the caller with the subroutine counting them.
// So are charstrings with operators this file does not know (the
// deprecated arithmetic ones) and malformed ones, such as one without
// endchar.

// Type 2 charstring operators that this file treats specially.
const (
	csHstem     = 1
	csVstem     = 3
	csVmoveto   = 4
	csCallsubr  = 10
	csReturn    = 11
	csEscape    = 12
	csEndchar   = 14
	csHstemhm   = 18
	csHintmask  = 19
	csCntrmask  = 20
	csRmoveto   = 21
	csHmoveto   = 22
	csVstemhm   = 23
	csShortint  = 28
	csCallgsubr = 29
)

// maxStack is the Type 2 argument stack limit.
const maxStack = 48

// numLen is the length of a charstring number by its first byte; 0 for
// an operator.
var numLen = func() (t [256]uint8) {
	t[csShortint] = 3
	for c := 32; c <= 246; c++ {
		t[c] = 1
	}
	for c := 247; c <= 254; c++ {
		t[c] = 2
	}
	t[255] = 5
	return t
}()

// appendUnhinted appends cs without its hints to dst, and reports whether
// it could; when not, dst is returned as it was.
//
// Stem hints come before the first moveto (TN #5177 §4.3); after it only
// hint masks may appear, with no operands. The head is read operand by
// operand, to drop the stems and move the width; the rest is copied in
// runs between the masks.
func appendUnhinted(dst, cs []byte) ([]byte, bool) {
	start := len(dst)
	var (
		args      [maxStack]int // start of each operand on the stack, in cs
		nargs     int
		argsStart int    // where the stack's operands begin in cs
		stems     int    // hints declared so far, for the mask length
		first     = true // no stack-clearing operator seen yet
		width     []byte // the width operand, until it is written
		i         int
	)
head:
	for i < len(cs) {
		c := cs[i]
		if l := int(numLen[c]); l > 0 {
			if nargs == maxStack {
				return dst[:start], false
			}
			if nargs == 0 {
				argsStart = i
			}
			args[nargs] = i
			nargs++
			i += l
			continue
		}
		if c == csEscape {
			return dst[:start], false // no flex before a moveto
		}
		// The first stack-clearing operator may carry the glyph's width
		// before its own operands.
		operands, n := argsStart, nargs
		if n == 0 {
			operands = i
		}
		if first {
			hasWidth := false
			switch c {
			case csHstem, csVstem, csHstemhm, csVstemhm, csHintmask, csCntrmask:
				hasWidth = n%2 == 1
			case csRmoveto:
				hasWidth = n > 2
			case csHmoveto, csVmoveto:
				hasWidth = n > 1
			case csEndchar:
				hasWidth = n == 1 || n == 5
			default:
				return dst[:start], false // a path operator before any moveto
			}
			first = false
			if hasWidth {
				end := i
				if n > 1 {
					end = args[1]
				}
				width = cs[args[0]:end]
				n--
				operands = end
			}
		}
		switch c {
		case csHstem, csVstem, csHstemhm, csVstemhm:
			stems += n / 2
			i++
		case csHintmask, csCntrmask:
			stems += n / 2 // operands before the first mask are vstems
			i += 1 + (stems+7)/8
		case csRmoveto, csHmoveto, csVmoveto, csEndchar:
			dst = append(dst, width...)
			dst = append(dst, cs[operands:i+1]...)
			i++
			if c == csEndchar {
				return dst, true
			}
			break head
		default:
			return dst[:start], false
		}
		nargs = 0
	}
	if first || i > len(cs) {
		return dst[:start], false
	}
	// A charstring ends with endchar (a subroutine would end with return,
	// but a glyph calling one is not stripped).
	// The path: copied in runs, skipping each mask.
	run := i
	nargs = 0
	for i < len(cs) {
		c := cs[i]
		if l := int(numLen[c]); l > 0 {
			i += l
			nargs++
			continue
		}
		switch c {
		case csHintmask, csCntrmask:
			if nargs > 0 {
				return dst[:start], false
			}
			dst = append(dst, cs[run:i]...)
			i += 1 + (stems+7)/8
			run = i
		case csCallsubr, csCallgsubr, csReturn, csHstem, csVstem, csHstemhm, csVstemhm:
			return dst[:start], false
		case csEscape:
			if i+1 >= len(cs) || cs[i+1] < 34 || cs[i+1] > 37 { // not a flex
				return dst[:start], false
			}
			i += 2
		case csEndchar:
			i++
			if nargs > 0 && nargs != 4 { // 4: seac's operands, kept as they are
				return dst[:start], false
			}
			return append(dst, cs[run:i]...), true
		default:
			if c == 0 || c == 2 || c == 9 || c == 13 || c == 15 || c == 16 || c == 17 || c == 29 {
				return dst[:start], false // reserved
			}
			i++
		}
		nargs = 0
	}
	return dst[:start], false // no endchar
}
