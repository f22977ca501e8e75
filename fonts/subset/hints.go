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
// deprecated arithmetic ones) and malformed ones.

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

// appendUnhinted appends cs without its hints to dst, and reports whether
// it could; when not, dst is returned as it was.
func appendUnhinted(dst, cs []byte) ([]byte, bool) {
	start := len(dst)
	var (
		args      [maxStack]int // start of each operand on the stack, in cs
		nargs     int
		argsStart int    // where the stack's operands begin in cs
		stems     int    // hints declared so far, for the mask length
		first     = true // no stack-clearing operator seen yet
		width     []byte // the width operand, until it is written
	)
	for i := 0; i < len(cs); {
		c := cs[i]
		if c >= 32 || c == csShortint {
			if nargs == maxStack {
				return dst[:start], false
			}
			if nargs == 0 {
				argsStart = i
			}
			args[nargs] = i
			nargs++
			switch {
			case c == csShortint:
				i += 3
			case c <= 246:
				i++
			case c <= 254:
				i += 2
			default:
				i += 5
			}
			if i > len(cs) {
				return dst[:start], false
			}
			continue
		}
		op := int(c)
		opEnd := i + 1
		if c == csEscape {
			if i+1 >= len(cs) {
				return dst[:start], false
			}
			op = 1200 + int(cs[i+1])
			opEnd = i + 2
		}
		// The first stack-clearing operator may carry the glyph's width
		// before its own operands.
		operands := argsStart
		n := nargs
		if first {
			var hasWidth bool
			switch op {
			case csHstem, csVstem, csHstemhm, csVstemhm, csHintmask, csCntrmask:
				hasWidth = n%2 == 1
			case csRmoveto:
				hasWidth = n > 2
			case csHmoveto, csVmoveto:
				hasWidth = n > 1
			case csEndchar:
				hasWidth = n == 1 || n == 5
			}
			switch op {
			case csHstem, csVstem, csHstemhm, csVstemhm, csHintmask, csCntrmask,
				csRmoveto, csHmoveto, csVmoveto, csEndchar:
				first = false
				if hasWidth {
					end := i
					if n > 1 {
						end = args[1]
					}
					width = cs[args[0]:end]
					n--
					if n > 0 {
						operands = args[1]
					} else {
						operands = i
					}
				}
			}
		}
		switch op {
		case csHstem, csVstem, csHstemhm, csVstemhm:
			stems += n / 2
		case csHintmask, csCntrmask:
			stems += n / 2 // operands before the first mask are vstems
			opEnd += (stems + 7) / 8
			if opEnd > len(cs) {
				return dst[:start], false
			}
		case csCallsubr, csCallgsubr, csReturn:
			return dst[:start], false
		case 5, 6, 7, 8, 24, 25, 26, 27, 30, 31, // lines and curves
			csRmoveto, csHmoveto, csVmoveto, csEndchar,
			1234, 1235, 1236, 1237: // hflex, flex, hflex1, flex1
			if width != nil {
				dst = append(dst, width...)
				width = nil
			}
			if nargs > 0 {
				dst = append(dst, cs[operands:i]...)
			}
			dst = append(dst, cs[i:opEnd]...)
		default:
			return dst[:start], false
		}
		nargs = 0
		i = opEnd
		if op == csEndchar {
			break
		}
	}
	if nargs > 0 || width != nil {
		return dst[:start], false // operands left over, or no outline operator
	}
	return dst, true
}
