package subset

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
)

// This file subsets a CID-keyed CFF font program (Adobe TN #5176, the
// Fandol fonts): it keeps the charstrings of the glyphs a document uses,
// renumbered 1…n in the order given (0 is .notdef), with a charset
// that maps glyph i to CID i, so that with Identity-H the code of a glyph
// in the content stream is its new glyph ID, and without hints where the
// charstring allows (hints.go). The global and local
// subroutines are kept whole: they are the same for every document, so
// they are parsed once per process (see Parse).

var errCFF = errors.New("malformed CFF")

// cffIndex is a parsed CFF INDEX: the data of object i is
// data[off[i]:off[i+1]].
type cffIndex struct {
	start, end int // the INDEX's bytes in the font program
	off        []uint32
	data       []byte
}

func (x *cffIndex) count() int { return max(len(x.off)-1, 0) }

func (x *cffIndex) object(i int) []byte { return x.data[x.off[i]:x.off[i+1]] }

// readIndex parses the INDEX at pos of b.
func readIndex(b []byte, pos int) (cffIndex, error) {
	if pos < 0 || pos+2 > len(b) {
		return cffIndex{}, errCFF
	}
	n := int(binary.BigEndian.Uint16(b[pos:]))
	if n == 0 {
		return cffIndex{start: pos, end: pos + 2}, nil
	}
	if pos+3 > len(b) {
		return cffIndex{}, errCFF
	}
	offSize := int(b[pos+2])
	if offSize < 1 || offSize > 4 {
		return cffIndex{}, errCFF
	}
	offs := pos + 3
	dataStart := offs + (n+1)*offSize - 1 // offsets count from 1
	if dataStart >= len(b) {
		return cffIndex{}, errCFF
	}
	off := make([]uint32, n+1)
	for i := range off {
		var v uint32
		for _, c := range b[offs+i*offSize : offs+(i+1)*offSize] {
			v = v<<8 | uint32(c)
		}
		if v < 1 || (i > 0 && v < off[i-1]+1) {
			return cffIndex{}, errCFF
		}
		off[i] = v - 1
	}
	end := dataStart + 1 + int(off[n])
	if end > len(b) {
		return cffIndex{}, errCFF
	}
	return cffIndex{start: pos, end: end, off: off, data: b[dataStart+1 : end]}, nil
}

// appendIndex appends an INDEX of the given objects to b.
func appendIndex(b []byte, objs [][]byte) []byte {
	if len(objs) == 0 {
		return append(b, 0, 0)
	}
	total := 1
	for _, o := range objs {
		total += len(o)
	}
	offSize := offSizeFor(total)
	b = append(b, byte(len(objs)>>8), byte(len(objs)), byte(offSize))
	b = appendOffset(b, 1, offSize)
	at := 1
	for _, o := range objs {
		at += len(o)
		b = appendOffset(b, at, offSize)
	}
	for _, o := range objs {
		b = append(b, o...)
	}
	return b
}

func offSizeFor(n int) int {
	switch {
	case n < 1<<8:
		return 1
	case n < 1<<16:
		return 2
	case n < 1<<24:
		return 3
	}
	return 4
}

func appendOffset(b []byte, v, size int) []byte {
	for i := size - 1; i >= 0; i-- {
		b = append(b, byte(v>>(8*i)))
	}
	return b
}

// dictEntry is one operator of a CFF DICT with its operands' bytes.
type dictEntry struct {
	op       int // 0–21, or 1200+n for the two-byte operators 12 n
	operands []byte
	args     []int // integer operands (reals read as 0)
}

// Operators of the Top and Private DICTs that this file reads or rewrites.
const (
	opCharset     = 15
	opCharStrings = 17
	opPrivate     = 18
	opSubrs       = 19
	opROS         = 1230
	opCIDCount    = 1234
	opFDArray     = 1236
	opFDSelect    = 1237
)

// parseDict splits a DICT into its entries.
func parseDict(b []byte) ([]dictEntry, error) {
	var out []dictEntry
	start := 0
	var args []int
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c <= 21:
			op := int(c)
			i++
			if c == 12 {
				if i >= len(b) {
					return nil, errCFF
				}
				op = 1200 + int(b[i])
				i++
			}
			out = append(out, dictEntry{op: op, operands: b[start:i], args: args})
			args = nil
			start = i
		case c == 28:
			if i+3 > len(b) {
				return nil, errCFF
			}
			args = append(args, int(int16(binary.BigEndian.Uint16(b[i+1:]))))
			i += 3
		case c == 29:
			if i+5 > len(b) {
				return nil, errCFF
			}
			args = append(args, int(int32(binary.BigEndian.Uint32(b[i+1:]))))
			i += 5
		case c == 30: // real: nibbles up to 0xf
			i++
			for i < len(b) && b[i]&0x0f != 0x0f && b[i]>>4 != 0x0f {
				i++
			}
			i++
			args = append(args, 0)
		case c >= 32 && c <= 246:
			args = append(args, int(c)-139)
			i++
		case c >= 247 && c <= 250:
			if i+2 > len(b) {
				return nil, errCFF
			}
			args = append(args, (int(c)-247)*256+int(b[i+1])+108)
			i += 2
		case c >= 251 && c <= 254:
			if i+2 > len(b) {
				return nil, errCFF
			}
			args = append(args, -(int(c)-251)*256-int(b[i+1])-108)
			i += 2
		default:
			return nil, fmt.Errorf("%w: DICT byte %d", errCFF, c)
		}
	}
	return out, nil
}

func dictArgs(es []dictEntry, op int) []int {
	for _, e := range es {
		if e.op == op {
			return e.args
		}
	}
	return nil
}

// appendInt5 appends v as a 5-byte DICT integer: a fixed width, so a DICT's
// size does not depend on the offsets it holds.
func appendInt5(b []byte, v int) []byte {
	return append(b, 29, byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
}

func appendOp(b []byte, op int) []byte {
	if op >= 1200 {
		return append(b, 12, byte(op-1200))
	}
	return append(b, byte(op))
}

// cffFont is a CID-keyed CFF font program parsed once per process.
type cffFont struct {
	head        []byte   // header and Name INDEX, copied
	top         []byte   // the Top DICT's entries that are copied
	strGsubrs   []byte   // String INDEX and Global Subr INDEX, copied
	charStrings cffIndex // one charstring per glyph
	fdOf        []uint8  // FDSelect: the font dict of each glyph
	fds         [][]byte // each Font DICT's entries but Private
	privates    [][]byte // each Private DICT's entries but Subrs
	subrs       [][]byte // each font dict's Local Subr INDEX, or nil
	cidCount    int

	stripOnce sync.Once
	stripped  []atomic.Pointer[[]byte] // per glyph: its charstring unhinted, once made

	coding cffZlib // for ProgramZlib (zlib.go)
}

// parseCFF reads what subsetting needs from a CID-keyed CFF font program.
func parseCFF(b []byte) (*cffFont, error) {
	if len(b) < 4 || b[0] != 1 {
		return nil, fmt.Errorf("%w: not CFF version 1", errCFF)
	}
	name, err := readIndex(b, int(b[2]))
	if err != nil {
		return nil, err
	}
	top, err := readIndex(b, name.end)
	if err != nil || top.count() != 1 {
		return nil, errCFF
	}
	str, err := readIndex(b, top.end)
	if err != nil {
		return nil, err
	}
	gsubrs, err := readIndex(b, str.end)
	if err != nil {
		return nil, err
	}
	es, err := parseDict(top.object(0))
	if err != nil {
		return nil, err
	}
	if len(es) == 0 || es[0].op != opROS {
		return nil, fmt.Errorf("%w: not CID-keyed", errCFF)
	}
	f := &cffFont{head: b[:name.end], strGsubrs: b[str.start:gsubrs.end], cidCount: 8720}
	for _, e := range es {
		switch e.op {
		case opCharset, opCharStrings, opFDArray, opFDSelect, opCIDCount,
			13, 14: // UniqueID, XUID: the subset is another font
		default:
			f.top = append(f.top, e.operands...)
		}
	}
	csAt, fdaAt, fdsAt := dictArgs(es, opCharStrings), dictArgs(es, opFDArray), dictArgs(es, opFDSelect)
	if len(csAt) != 1 || len(fdaAt) != 1 || len(fdsAt) != 1 {
		return nil, fmt.Errorf("%w: Top DICT lacks CharStrings, FDArray or FDSelect", errCFF)
	}
	if f.charStrings, err = readIndex(b, csAt[0]); err != nil {
		return nil, err
	}
	fda, err := readIndex(b, fdaAt[0])
	if err != nil || fda.count() == 0 || fda.count() > 256 {
		return nil, errCFF
	}
	for i := range fda.count() {
		fes, err := parseDict(fda.object(i))
		if err != nil {
			return nil, err
		}
		var fd []byte
		for _, e := range fes {
			if e.op != opPrivate {
				fd = append(fd, e.operands...)
			}
		}
		var priv, subrs []byte
		if p := dictArgs(fes, opPrivate); len(p) == 2 {
			if p[0] < 0 || p[1] < 0 || p[1]+p[0] > len(b) {
				return nil, errCFF
			}
			pes, err := parseDict(b[p[1] : p[1]+p[0]])
			if err != nil {
				return nil, err
			}
			for _, e := range pes {
				if e.op != opSubrs {
					priv = append(priv, e.operands...)
				}
			}
			if s := dictArgs(pes, opSubrs); len(s) == 1 {
				x, err := readIndex(b, p[1]+s[0])
				if err != nil {
					return nil, err
				}
				subrs = b[x.start:x.end]
			}
		}
		f.fds = append(f.fds, fd)
		f.privates = append(f.privates, priv)
		f.subrs = append(f.subrs, subrs)
	}
	n := f.charStrings.count()
	f.fdOf = make([]uint8, n)
	at := fdsAt[0]
	if at < 0 || at >= len(b) {
		return nil, errCFF
	}
	switch b[at] {
	case 0:
		if at+1+n > len(b) {
			return nil, errCFF
		}
		copy(f.fdOf, b[at+1:])
	case 3:
		if at+3 > len(b) {
			return nil, errCFF
		}
		nr := int(binary.BigEndian.Uint16(b[at+1:]))
		if at+3+3*nr+2 > len(b) {
			return nil, errCFF
		}
		for k := range nr {
			r := b[at+3+3*k:]
			first, fd := int(binary.BigEndian.Uint16(r)), r[2]
			next := int(binary.BigEndian.Uint16(r[3:]))
			for g := first; g < next && g < n; g++ {
				f.fdOf[g] = fd
			}
		}
	default:
		return nil, fmt.Errorf("%w: FDSelect format %d", errCFF, b[at])
	}
	for _, fd := range f.fdOf {
		if int(fd) >= len(f.fds) {
			return nil, errCFF
		}
	}
	return f, nil
}

// subset appends to dst a CFF font program holding the glyphs gids of f
// (gids[0] must be 0, .notdef) as glyphs 0…len(gids)-1 with CIDs equal to
// their glyph IDs.
func (f *cffFont) subset(dst []byte, gids []uint16) []byte {
	pre, post := f.frame(gids)
	size := len(pre) + len(post)
	for _, g := range gids {
		size += len(f.unhinted(g))
	}
	dst = slices.Grow(dst, size)
	dst = append(dst, pre...)
	for _, g := range gids {
		dst = append(dst, f.unhinted(g)...)
	}
	return append(dst, post...)
}

// frame returns the bytes of the subset of glyphs gids before its
// charstrings (header to the CharStrings INDEX's offsets) and after them
// (FDArray, Private DICTs, Local Subrs). The charstrings, without their
// hints where that can be done (see hints.go), go between.
func (f *cffFont) frame(gids []uint16) (pre, post []byte) {
	n := len(gids)
	csData := 0
	for _, g := range gids {
		csData += len(f.unhinted(g))
	}
	// Top DICT: the copied entries, then CIDCount and four offsets, each a
	// 5-byte integer so the Top DICT's size is known before the offsets.
	top := f.topDict(nil, n, 0, 0, 0, 0)
	topIndexLen := 2 + 1 + 2*offSizeFor(len(top)+1) + len(top)
	charsetAt := len(f.head) + topIndexLen + len(f.strGsubrs)
	charsetLen := 1
	if n > 1 {
		charsetLen = 5
	}
	fdSelectAt := charsetAt + charsetLen
	// FDSelect format 3: one range per run of glyphs in one font dict.
	ranges := 1
	for i := 1; i < n; i++ {
		if f.fdOf[gids[i]] != f.fdOf[gids[i-1]] {
			ranges++
		}
	}
	charStringsAt := fdSelectAt + 3 + 3*ranges + 2
	csOffSize := offSizeFor(csData + 1)
	fdArrayAt := charStringsAt + 3 + (n+1)*csOffSize + csData

	pre = make([]byte, 0, charStringsAt+3+(n+1)*csOffSize)
	pre = append(pre, f.head...)
	top = f.topDict(top[:0], n, charsetAt, fdSelectAt, charStringsAt, fdArrayAt)
	pre = appendIndex(pre, [][]byte{top})
	pre = append(pre, f.strGsubrs...)
	// charset format 2: glyphs 1…n-1 are CIDs 1…n-1.
	if n > 1 {
		pre = append(pre, 2, 0, 1, byte((n-2)>>8), byte(n-2))
	} else {
		pre = append(pre, 0)
	}
	pre = append(pre, 3, byte(ranges>>8), byte(ranges))
	for i := range n {
		if i == 0 || f.fdOf[gids[i]] != f.fdOf[gids[i-1]] {
			pre = append(pre, byte(i>>8), byte(i), f.fdOf[gids[i]])
		}
	}
	pre = append(pre, byte(n>>8), byte(n))
	// The CharStrings INDEX's count and offsets; its data follows.
	pre = append(pre, byte(n>>8), byte(n), byte(csOffSize))
	pre = appendOffset(pre, 1, csOffSize)
	at := 1
	for _, g := range gids {
		at += len(f.unhinted(g))
		pre = appendOffset(pre, at, csOffSize)
	}

	// FDArray: each font dict with its Private DICT's size and offset.
	fdLens := 0
	for _, fd := range f.fds {
		fdLens += len(fd) + 5 + 5 + 1
	}
	fdArrayLen := 3 + (len(f.fds)+1)*offSizeFor(fdLens+1) + fdLens
	pos := fdArrayAt + fdArrayLen
	fds := make([][]byte, len(f.fds))
	for i, fd := range f.fds {
		privLen := len(f.privates[i])
		if f.subrs[i] != nil {
			privLen += 6
		}
		d := make([]byte, 0, len(fd)+11)
		d = appendInt5(append(d, fd...), privLen)
		d = appendOp(appendInt5(d, pos), opPrivate)
		fds[i] = d
		pos += privLen + len(f.subrs[i])
	}
	post = appendIndex(nil, fds)
	for i, p := range f.privates {
		post = append(post, p...)
		if f.subrs[i] != nil {
			// The Local Subr INDEX follows its Private DICT.
			post = appendOp(appendInt5(post, len(p)+6), opSubrs)
			post = append(post, f.subrs[i]...)
		}
	}
	return pre, post
}

// unhinted returns glyph g's charstring without hints, or as it is when
// it cannot be stripped. Each is stripped once per process: a batch
// subsets the same glyphs for every report.
func (f *cffFont) unhinted(g uint16) []byte {
	f.stripOnce.Do(func() { f.stripped = make([]atomic.Pointer[[]byte], f.charStrings.count()) })
	if p := f.stripped[g].Load(); p != nil {
		return *p
	}
	cs := f.charStrings.object(int(g))
	if un, ok := appendUnhinted(make([]byte, 0, len(cs)), cs); ok {
		cs = un
	}
	f.stripped[g].Store(&cs)
	return cs
}

// topDict appends the subset's Top DICT to b.
func (f *cffFont) topDict(b []byte, n, charset, fdSelect, charStrings, fdArray int) []byte {
	b = append(b, f.top...)
	b = appendOp(appendInt5(b, n), opCIDCount)
	b = appendOp(appendInt5(b, charset), opCharset)
	b = appendOp(appendInt5(b, fdSelect), opFDSelect)
	b = appendOp(appendInt5(b, charStrings), opCharStrings)
	return appendOp(appendInt5(b, fdArray), opFDArray)
}
