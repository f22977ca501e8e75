package subset

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

var errSFNT = errors.New("malformed font file")

// This file reads a font file's table directory and writes font files:
// the OpenType wrapper of a subset and its cmap and post tables.

type sfntTable struct {
	tag  string
	data []byte // nil: left out
}

// appendSFNT appends to dst a font file of the tables, which are sorted
// by tag and have a head table.
func appendSFNT(dst []byte, tables []sfntTable) []byte {
	tables = slices.DeleteFunc(slices.Clone(tables), func(t sfntTable) bool { return t.data == nil })
	nt := len(tables)
	start := len(dst)
	version := []byte{0, 1, 0, 0}
	if slices.ContainsFunc(tables, func(t sfntTable) bool { return t.tag == "CFF " }) {
		version = []byte("OTTO")
	}
	dst = append(append(dst, version...), byte(nt>>8), byte(nt))
	es := 0
	for 1<<(es+1) <= nt {
		es++
	}
	sr := 16 << es
	dst = binary.BigEndian.AppendUint16(dst, uint16(sr))
	dst = binary.BigEndian.AppendUint16(dst, uint16(es))
	dst = binary.BigEndian.AppendUint16(dst, uint16(16*nt-sr))
	dir := len(dst)
	dst = append(dst, make([]byte, 16*nt)...)
	headAt := -1
	for i, t := range tables {
		at := len(dst)
		if t.tag == "head" {
			headAt = at
		}
		dst = append(dst, t.data...)
		for (len(dst)-start)%4 != 0 {
			dst = append(dst, 0)
		}
		r := dst[dir+16*i:]
		copy(r, t.tag)
		binary.BigEndian.PutUint32(r[4:], checksum(dst[at:]))
		binary.BigEndian.PutUint32(r[8:], uint32(at-start))
		binary.BigEndian.PutUint32(r[12:], uint32(len(t.data)))
	}
	if headAt >= 0 {
		binary.BigEndian.PutUint32(dst[headAt+8:], 0xB1B0AFBA-checksum(dst[start:]))
	}
	return dst
}

// checksum is the OpenType table checksum of b, whose length is a
// multiple of 4.
func checksum(b []byte) uint32 {
	var s uint32
	for i := 0; i+4 <= len(b); i += 4 {
		s += binary.BigEndian.Uint32(b[i:])
	}
	return s
}

// postTable is a version 3 post table: no glyph names.
var postTable = []byte{0, 3, 0, 0, 31: 0}

// cmapTable returns a cmap that maps runes[i] to glyph i: a format 4
// subtable (Windows, BMP), one segment per character, like folio's, and
// when a rune is beyond the BMP (𠮷 from a fallback font) a format 12
// subtable (Windows, full repertoire) of every rune too.
func cmapTable(runes []rune) []byte {
	type pair struct {
		r rune
		g uint16
	}
	var all []pair
	for i, r := range runes {
		if i > 0 && r > 0 && r <= 0x10ffff {
			all = append(all, pair{r, uint16(i)})
		}
	}
	slices.SortFunc(all, func(a, b pair) int { return int(a.r - b.r) })
	all = slices.CompactFunc(all, func(a, b pair) bool { return a.r == b.r })
	ps := all
	for len(ps) > 0 && ps[len(ps)-1].r > 0xffff {
		ps = ps[:len(ps)-1]
	}
	segs := len(ps) + 1
	sub := make([]byte, 0, 16+8*segs)
	sub = binary.BigEndian.AppendUint16(sub, 4)
	sub = binary.BigEndian.AppendUint16(sub, uint16(16+8*segs))
	sub = binary.BigEndian.AppendUint16(sub, 0)
	sub = binary.BigEndian.AppendUint16(sub, uint16(2*segs))
	es := 0
	for 1<<(es+1) <= segs {
		es++
	}
	sub = binary.BigEndian.AppendUint16(sub, uint16(2<<es))
	sub = binary.BigEndian.AppendUint16(sub, uint16(es))
	sub = binary.BigEndian.AppendUint16(sub, uint16(2*segs-2<<es))
	for _, p := range ps { // endCode
		sub = binary.BigEndian.AppendUint16(sub, uint16(p.r))
	}
	sub = binary.BigEndian.AppendUint16(sub, 0xffff)
	sub = binary.BigEndian.AppendUint16(sub, 0) // reservedPad
	for _, p := range ps {                      // startCode
		sub = binary.BigEndian.AppendUint16(sub, uint16(p.r))
	}
	sub = binary.BigEndian.AppendUint16(sub, 0xffff)
	for _, p := range ps { // idDelta
		sub = binary.BigEndian.AppendUint16(sub, p.g-uint16(p.r))
	}
	sub = binary.BigEndian.AppendUint16(sub, 1)
	for range segs { // idRangeOffset
		sub = binary.BigEndian.AppendUint16(sub, 0)
	}
	if len(ps) == len(all) {
		out := []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12}
		return append(out, sub...)
	}
	out := []byte{0, 0, 0, 2, 0, 3, 0, 1, 0, 0, 0, 20, 0, 3, 0, 10}
	out = binary.BigEndian.AppendUint32(out, uint32(20+len(sub)))
	out = append(out, sub...)
	out = binary.BigEndian.AppendUint16(out, 12)
	out = binary.BigEndian.AppendUint16(out, 0)
	out = binary.BigEndian.AppendUint32(out, uint32(16+12*len(all)))
	out = binary.BigEndian.AppendUint32(out, 0) // language
	out = binary.BigEndian.AppendUint32(out, uint32(len(all)))
	for _, p := range all {
		out = binary.BigEndian.AppendUint32(out, uint32(p.r))
		out = binary.BigEndian.AppendUint32(out, uint32(p.r))
		out = binary.BigEndian.AppendUint32(out, uint32(p.g))
	}
	return out
}

// readTables returns the tables of a single-face font file by tag.
func readTables(b []byte) (map[string][]byte, error) {
	if len(b) < 12 {
		return nil, errSFNT
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	if 12+16*n > len(b) {
		return nil, errSFNT
	}
	tables := make(map[string][]byte, n)
	for i := range n {
		r := b[12+16*i:]
		off, l := uint64(binary.BigEndian.Uint32(r[8:])), uint64(binary.BigEndian.Uint32(r[12:]))
		if off+l > uint64(len(b)) {
			return nil, fmt.Errorf("%w: table %q past the end", errSFNT, r[:4])
		}
		tables[string(r[:4])] = b[off : off+l]
	}
	return tables, nil
}

// subsetHmtx returns an hmtx table with one long metric (advance, left
// side bearing) per glyph of gids, from the table of a font with
// numHMetrics long metrics (checked by the caller).
func subsetHmtx(hmtx []byte, numHMetrics int, gids []uint16) []byte {
	out := make([]byte, 4*len(gids))
	for i, g := range gids {
		m := min(int(g), numHMetrics-1)
		copy(out[4*i:], hmtx[4*m:4*m+2]) // advance
		if int(g) < numHMetrics {
			copy(out[4*i+2:], hmtx[4*m+2:4*m+4])
		} else {
			lsb := 4*numHMetrics + 2*(int(g)-numHMetrics)
			copy(out[4*i+2:], hmtx[lsb:lsb+2])
		}
	}
	return out
}

// withNumGlyphs returns copies of hhea and maxp for a font of n glyphs,
// each with a long metric.
func withNumGlyphs(hhea, maxp []byte, n int) (newHhea, newMaxp []byte) {
	newHhea = slices.Clone(hhea)
	binary.BigEndian.PutUint16(newHhea[34:], uint16(n))
	newMaxp = slices.Clone(maxp)
	binary.BigEndian.PutUint16(newMaxp[4:], uint16(n))
	return newHhea, newMaxp
}

// common holds the tables that a subset font file copies or cuts, from
// every font: their sizes are checked.
type common struct {
	head, hhea, maxp, hmtx, os2, name []byte
	numGlyphs, numHMetrics            int
}

func readCommon(tables map[string][]byte) (common, error) {
	c := common{head: tables["head"], hhea: tables["hhea"], maxp: tables["maxp"], hmtx: tables["hmtx"],
		os2: tables["OS/2"], name: tables["name"]}
	if len(c.head) < 54 || len(c.hhea) < 36 || len(c.maxp) < 6 {
		return c, fmt.Errorf("%w: missing or short head, hhea or maxp", errSFNT)
	}
	c.numGlyphs = int(binary.BigEndian.Uint16(c.maxp[4:]))
	c.numHMetrics = int(binary.BigEndian.Uint16(c.hhea[34:]))
	if c.numHMetrics < 1 || c.numHMetrics > c.numGlyphs || len(c.hmtx) < 4*c.numHMetrics+2*(c.numGlyphs-c.numHMetrics) {
		return c, fmt.Errorf("%w: hmtx", errSFNT)
	}
	return c, nil
}
