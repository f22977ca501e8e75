package fonts

// This file reads the few sfnt tables that nianbao needs: the table
// directory (also inside a TrueType Collection), cmap, hmtx, hhea, head,
// maxp, OS/2, post and name. Outlines are never read here: package
// fonts/subset reads them when it subsets a font. All offsets and lengths are checked, so a
// damaged file is an error and never a panic.
//
// References: OpenType 1.9 (https://learn.microsoft.com/typography/opentype/spec/),
// chapters "The OpenType font file", cmap, hmtx, hhea, head, OS/2 and name.

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Limits that keep a damaged or hostile file from costing much time or memory.
const (
	// maxTables: fonts carry about 10–25 tables; 256 is far more than any real font.
	maxTables = 256
	// maxFaces: the largest collections seen (Noto Sans CJK TTC, Hiragino) hold under 40 faces.
	maxFaces = 64
	// maxCmapGroups: a format-12 subtable of a full-Unicode font (e.g. LXGW WenKai) has
	// about 30 000 groups; 1<<20 bounds it without refusing real fonts.
	maxCmapGroups = 1 << 20
)

var (
	errTruncated = errors.New("truncated data")
	errNoCmap    = errors.New("no Unicode cmap subtable")
)

type tag uint32

func mkTag(s string) tag { return tag(binary.BigEndian.Uint32([]byte(s))) }

var (
	tagTTCF = mkTag("ttcf")
	tagCmap = mkTag("cmap")
	tagHead = mkTag("head")
	tagHhea = mkTag("hhea")
	tagHmtx = mkTag("hmtx")
	tagMaxp = mkTag("maxp")
	tagName = mkTag("name")
	tagOS2  = mkTag("OS/2")
	tagPost = mkTag("post")
)

// sfnt versions accepted for one face.
const (
	sfntTrueType = 0x00010000
	sfntOTTO     = 0x4F54544F // "OTTO": CFF outlines
	sfntTrue     = 0x74727565 // "true": old Apple TrueType
)

type table struct {
	tag         tag
	off, length uint32
}

// faceOffsets returns the offset of each face's table directory: one entry
// for a plain font, one per face for a TrueType Collection.
func faceOffsets(data []byte) ([]uint32, error) {
	if len(data) < 12 {
		return nil, errTruncated
	}
	switch v := binary.BigEndian.Uint32(data); v {
	case sfntTrueType, sfntOTTO, sfntTrue:
		return []uint32{0}, nil
	case uint32(tagTTCF):
		n := binary.BigEndian.Uint32(data[8:])
		if n == 0 || n > maxFaces {
			return nil, fmt.Errorf("collection with %d faces", n)
		}
		if len(data) < 12+4*int(n) {
			return nil, errTruncated
		}
		offs := make([]uint32, n)
		for i := range offs {
			offs[i] = binary.BigEndian.Uint32(data[12+4*i:])
		}
		return offs, nil
	default:
		return nil, fmt.Errorf("not a TrueType/OpenType font (signature %#08x)", v)
	}
}

// tableDir reads the table directory that starts at off.
func tableDir(data []byte, off uint32) ([]table, error) {
	if uint64(off)+12 > uint64(len(data)) {
		return nil, errTruncated
	}
	switch binary.BigEndian.Uint32(data[off:]) {
	case sfntTrueType, sfntOTTO, sfntTrue:
	default:
		return nil, fmt.Errorf("face at offset %d is not a TrueType/OpenType face", off)
	}
	n := int(binary.BigEndian.Uint16(data[off+4:]))
	if n > maxTables {
		return nil, fmt.Errorf("%d tables", n)
	}
	if uint64(off)+12+16*uint64(n) > uint64(len(data)) {
		return nil, errTruncated
	}
	ts := make([]table, n)
	for i := range ts {
		rec := data[int(off)+12+16*i:]
		ts[i] = table{
			tag:    tag(binary.BigEndian.Uint32(rec)),
			off:    binary.BigEndian.Uint32(rec[8:]),
			length: binary.BigEndian.Uint32(rec[12:]),
		}
		if uint64(ts[i].off)+uint64(ts[i].length) > uint64(len(data)) {
			return nil, fmt.Errorf("table %s: %w", tagString(ts[i].tag), errTruncated)
		}
	}
	return ts, nil
}

// find returns the bytes of table t, or nil when the face has no such table.
func find(data []byte, ts []table, t tag) ([]byte, error) {
	for _, e := range ts {
		if e.tag != t {
			continue
		}
		end := uint64(e.off) + uint64(e.length)
		if end > uint64(len(data)) {
			return nil, fmt.Errorf("table %s: %w", tagString(t), errTruncated)
		}
		return data[e.off:end], nil
	}
	return nil, nil
}

func tagString(t tag) string {
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], uint32(t))
	return string(b[:])
}

// metrics is what the head, hhea, maxp and OS/2 tables say about a face.
type metrics struct {
	unitsPerEm       uint16
	macStyle         uint16
	ascent, descent  int16 // descent as stored: negative below the baseline
	numHMetrics      uint16
	numGlyphs        uint16
	fsType           uint16
	weightClass      uint16
	hasOS2           bool
	typoAsc, typoDes int16
	useTypo          bool

	// For the PDF font descriptor (see Descriptor).
	bbox        [4]int16 // head xMin, yMin, xMax, yMax
	italicAngle float64  // post, degrees
	fixedPitch  bool     // post isFixedPitch
	familyClass int16    // OS/2 sFamilyClass
	fsSelection uint16
	capHeight   int16 // OS/2 version 2 and later, else 0
}

func readMetrics(data []byte, ts []table) (metrics, error) {
	var m metrics
	head, err := find(data, ts, tagHead)
	if err != nil {
		return m, err
	}
	if len(head) < 54 {
		return m, errors.New("missing or short head table")
	}
	m.unitsPerEm = binary.BigEndian.Uint16(head[18:])
	m.macStyle = binary.BigEndian.Uint16(head[44:])
	for i := range m.bbox {
		m.bbox[i] = int16(binary.BigEndian.Uint16(head[36+2*i:]))
	}
	if m.unitsPerEm < 16 || m.unitsPerEm > 16384 {
		return m, fmt.Errorf("head: unitsPerEm %d", m.unitsPerEm)
	}
	hhea, err := find(data, ts, tagHhea)
	if err != nil {
		return m, err
	}
	if len(hhea) < 36 {
		return m, errors.New("missing or short hhea table")
	}
	m.ascent = int16(binary.BigEndian.Uint16(hhea[4:]))
	m.descent = int16(binary.BigEndian.Uint16(hhea[6:]))
	m.numHMetrics = binary.BigEndian.Uint16(hhea[34:])
	maxp, err := find(data, ts, tagMaxp)
	if err != nil {
		return m, err
	}
	if len(maxp) < 6 {
		return m, errors.New("missing or short maxp table")
	}
	m.numGlyphs = binary.BigEndian.Uint16(maxp[4:])
	os2, err := find(data, ts, tagOS2)
	if err != nil {
		return m, err
	}
	if len(os2) >= 78 {
		m.hasOS2 = true
		m.weightClass = binary.BigEndian.Uint16(os2[4:])
		m.fsType = binary.BigEndian.Uint16(os2[8:])
		fsSelection := binary.BigEndian.Uint16(os2[62:])
		m.useTypo = fsSelection&(1<<7) != 0 // USE_TYPO_METRICS
		m.typoAsc = int16(binary.BigEndian.Uint16(os2[68:]))
		m.typoDes = int16(binary.BigEndian.Uint16(os2[70:]))
		m.familyClass = int16(binary.BigEndian.Uint16(os2[30:]))
		m.fsSelection = fsSelection
		if binary.BigEndian.Uint16(os2) >= 2 && len(os2) >= 90 {
			m.capHeight = int16(binary.BigEndian.Uint16(os2[88:]))
		}
	}
	post, err := find(data, ts, tagPost)
	if err != nil {
		return m, err
	}
	if len(post) >= 16 {
		m.italicAngle = float64(int32(binary.BigEndian.Uint32(post[4:]))) / 65536
		m.fixedPitch = binary.BigEndian.Uint32(post[12:]) != 0
	}
	return m, nil
}

// readAdvances returns the advance width of every glyph in font units.
// hmtx stores numHMetrics advances; the glyphs after them repeat the last one.
func readAdvances(data []byte, ts []table, m metrics) ([]uint16, error) {
	hmtx, err := find(data, ts, tagHmtx)
	if err != nil {
		return nil, err
	}
	n := int(m.numHMetrics)
	if n == 0 || len(hmtx) < 4*n {
		return nil, errors.New("missing or short hmtx table")
	}
	total := max(int(m.numGlyphs), n)
	adv := make([]uint16, total)
	for i := range n {
		adv[i] = binary.BigEndian.Uint16(hmtx[4*i:])
	}
	for i := n; i < total; i++ {
		adv[i] = adv[n-1]
	}
	return adv, nil
}

// cmap maps runes to glyph IDs: a two-level table for the Basic Multilingual
// Plane (a 256-entry page is allocated only when the font maps a rune in it)
// and a map for the supplementary planes. Lookups do not allocate.
type cmap struct {
	bmp  [256]*[256]uint16
	supp map[rune]uint16
	n    int // runes mapped
}

func (c *cmap) glyph(r rune) uint16 {
	if uint32(r) < 0x10000 {
		if p := c.bmp[r>>8]; p != nil {
			return p[r&0xFF]
		}
		return 0
	}
	return c.supp[r] // a nil map reads as 0
}

func (c *cmap) set(r rune, g uint16) {
	if g == 0 || r < 0 || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF) {
		return
	}
	if r < 0x10000 {
		p := c.bmp[r>>8]
		if p == nil {
			p = new([256]uint16)
			c.bmp[r>>8] = p
		}
		if p[r&0xFF] == 0 {
			c.n++
		}
		p[r&0xFF] = g
		return
	}
	if c.supp == nil {
		c.supp = make(map[rune]uint16)
	}
	if _, ok := c.supp[r]; !ok {
		c.n++
	}
	c.supp[r] = g
}

// setRange maps runes first…last to glyphs g, g+1, …, each below
// numGlyphs (checked per rune: the glyph IDs of a format 4 segment wrap
// around at 65536). It fills a page at a time: a CJK font maps some
// 30,000 runes, most in long runs.
func (c *cmap) setRange(first, last rune, g uint32, numGlyphs uint16) {
	if first < 0 || last > 0x10FFFF || first > last {
		return
	}
	for r := first; r <= last; {
		if r >= 0xD800 && r <= 0xDFFF { // surrogates are not characters
			g += uint32(min(last, 0xDFFF) - r + 1)
			r = min(last, 0xDFFF) + 1
			continue
		}
		if r >= 0x10000 {
			for ; r <= last; r, g = r+1, g+1 {
				if id := uint16(g); id < numGlyphs {
					c.set(r, id)
				}
			}
			return
		}
		p := c.bmp[r>>8]
		if p == nil {
			p = new([256]uint16)
			c.bmp[r>>8] = p
		}
		end := min(last, r|0xFF, 0xFFFF)
		if r <= 0xDFFF && end >= 0xD800 {
			end = 0xD7FF
		}
		for ; r <= end; r, g = r+1, g+1 {
			id := uint16(g)
			if id == 0 || id >= numGlyphs {
				continue
			}
			if p[r&0xFF] == 0 {
				c.n++
			}
			p[r&0xFF] = id
		}
	}
}

// readCmap builds the rune lookup from the best Unicode subtable: a full
// repertoire one (format 12, platform 3 encoding 10 or platform 0) when
// present, else a BMP one (format 4).
func readCmap(data []byte, ts []table, numGlyphs uint16) (*cmap, error) {
	t, err := find(data, ts, tagCmap)
	if err != nil {
		return nil, err
	}
	if len(t) < 4 {
		return nil, errNoCmap
	}
	n := int(binary.BigEndian.Uint16(t[2:]))
	if len(t) < 4+8*n {
		return nil, fmt.Errorf("cmap: %w", errTruncated)
	}
	var best []byte
	bestScore := 0
	for i := range n {
		rec := t[4+8*i:]
		pid, eid := binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[2:])
		off := binary.BigEndian.Uint32(rec[4:])
		if uint64(off)+2 > uint64(len(t)) {
			continue
		}
		sub := t[off:]
		format := binary.BigEndian.Uint16(sub)
		score := 0
		switch {
		case format == 12 && (pid == 3 && eid == 10 || pid == 0):
			score = 3
		case format == 4 && (pid == 3 && eid == 1 || pid == 0):
			score = 2
		case format == 4 && pid == 3 && eid == 0: // symbol fonts
			score = 1
		}
		if score > bestScore {
			best, bestScore = sub, score
		}
	}
	if best == nil {
		return nil, errNoCmap
	}
	c := new(cmap)
	switch binary.BigEndian.Uint16(best) {
	case 4:
		err = readCmap4(c, best, numGlyphs)
	case 12:
		err = readCmap12(c, best, numGlyphs)
	}
	if err != nil {
		return nil, fmt.Errorf("cmap: %w", err)
	}
	return c, nil
}

func readCmap4(c *cmap, b []byte, numGlyphs uint16) error {
	if len(b) < 14 {
		return errTruncated
	}
	segs := int(binary.BigEndian.Uint16(b[6:])) / 2
	if len(b) < 16+8*segs {
		return errTruncated
	}
	ends := b[14:]
	starts := b[16+2*segs:]
	deltas := b[16+4*segs:]
	rangeOffs := b[16+6*segs:]
	for i := range segs {
		end := binary.BigEndian.Uint16(ends[2*i:])
		start := binary.BigEndian.Uint16(starts[2*i:])
		delta := binary.BigEndian.Uint16(deltas[2*i:])
		ro := int(binary.BigEndian.Uint16(rangeOffs[2*i:]))
		if start > end {
			continue
		}
		if ro == 0 {
			last := rune(end)
			if end == 0xFFFF {
				last--
			}
			c.setRange(rune(start), last, uint32(start+delta), numGlyphs)
			continue
		}
		for r := int(start); r <= int(end) && r != 0xFFFF; r++ {
			var g uint16
			if ro == 0 {
				g = uint16(r) + delta
			} else {
				// The offset is relative to the idRangeOffset entry itself.
				at := 16 + 6*segs + 2*i + ro + 2*(r-int(start))
				if at+2 > len(b) {
					return errTruncated
				}
				g = binary.BigEndian.Uint16(b[at:])
				if g != 0 {
					g += delta
				}
			}
			if g < numGlyphs {
				c.set(rune(r), g)
			}
		}
	}
	return nil
}

func readCmap12(c *cmap, b []byte, numGlyphs uint16) error {
	if len(b) < 16 {
		return errTruncated
	}
	n := binary.BigEndian.Uint32(b[12:])
	if n > maxCmapGroups || uint64(len(b)) < 16+12*uint64(n) {
		return errTruncated
	}
	for i := range int(n) {
		g := b[16+12*i:]
		start, end := binary.BigEndian.Uint32(g), binary.BigEndian.Uint32(g[4:])
		gid := binary.BigEndian.Uint32(g[8:])
		if start > end || end > 0x10FFFF {
			continue
		}
		if gid >= uint32(numGlyphs) {
			continue
		}
		end = min(end, start+uint32(numGlyphs)-1-gid) // glyph IDs past the font
		c.setRange(rune(start), rune(end), gid, numGlyphs)
	}
	return nil
}

// Name IDs read from the name table.
const (
	nameFamily       = 1
	nameFull         = 4
	namePostScript   = 6
	nameTypoFamily   = 16
	langEnglishUS    = 0x0409
	platformUnicode  = 0
	platformMac      = 1
	platformWindows  = 3
	macEncodingRoman = 0
	macEncodingGB    = 25 // Simplified Chinese, EUC-CN
	winEncodingPRC   = 3  // GB2312 stored in 16-bit units
)

// names holds the family names of a face in every language the name table
// carries, English first.
type names struct {
	family   string   // the English typographic family (ID 16), else family (ID 1)
	full     string   // the English full name (ID 4)
	ps       string   // the PostScript name (ID 6)
	families []string // every family name (IDs 1 and 16, every platform and language)
}

func readNames(t []byte) names {
	var nm names
	if len(t) < 6 {
		return nm
	}
	count := int(binary.BigEndian.Uint16(t[2:]))
	strOff := int(binary.BigEndian.Uint16(t[4:]))
	if len(t) < 6+12*count {
		count = (len(t) - 6) / 12
	}
	var fam1, fam16 string
	rank1, rank16, rankFull := 0, 0, 0
	for i := range count {
		rec := t[6+12*i:]
		pid := binary.BigEndian.Uint16(rec)
		eid := binary.BigEndian.Uint16(rec[2:])
		lang := binary.BigEndian.Uint16(rec[4:])
		id := binary.BigEndian.Uint16(rec[6:])
		if id != nameFamily && id != nameTypoFamily && id != nameFull && id != namePostScript {
			continue
		}
		length := int(binary.BigEndian.Uint16(rec[8:]))
		off := strOff + int(binary.BigEndian.Uint16(rec[10:]))
		if off+length > len(t) {
			continue
		}
		s := decodeName(pid, eid, t[off:off+length])
		if s == "" {
			continue
		}
		// Rank the English names: Windows US English first, then Mac Roman.
		rank := 0
		switch {
		case pid == platformWindows && lang == langEnglishUS:
			rank = 3
		case pid == platformMac && eid == macEncodingRoman && lang == 0:
			rank = 2
		case pid == platformUnicode:
			rank = 1
		}
		switch id {
		case nameFamily:
			nm.families = appendUnique(nm.families, s)
			if rank > rank1 {
				fam1, rank1 = s, rank
			}
		case nameTypoFamily:
			nm.families = appendUnique(nm.families, s)
			if rank > rank16 {
				fam16, rank16 = s, rank
			}
		case namePostScript:
			if nm.ps == "" {
				nm.ps = s
			}
		case nameFull:
			if rank > rankFull {
				nm.full, rankFull = s, rank
			}
		}
	}
	nm.family = fam16
	if nm.family == "" {
		nm.family = fam1
	}
	if nm.family == "" && len(nm.families) > 0 {
		nm.family = nm.families[0]
	}
	return nm
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// decodeName decodes one name record; it returns "" for encodings it does not know.
func decodeName(pid, eid uint16, b []byte) string {
	switch {
	case pid == platformUnicode || pid == platformWindows && eid != winEncodingPRC:
		if len(b)%2 != 0 {
			return ""
		}
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = binary.BigEndian.Uint16(b[2*i:])
		}
		return strings.TrimSpace(string(utf16.Decode(u)))
	case pid == platformWindows && eid == winEncodingPRC:
		// GB2312 bytes stored in 16-bit units: drop the zero high bytes.
		var gb []byte
		for i := 0; i+1 < len(b); i += 2 {
			if b[i] != 0 {
				gb = append(gb, b[i])
			}
			gb = append(gb, b[i+1])
		}
		return decodeGB(gb)
	case pid == platformMac && eid == macEncodingGB:
		return decodeGB(b)
	case pid == platformMac && eid == macEncodingRoman:
		for _, c := range b {
			if c >= 0x80 {
				return "" // not ASCII: Mac Roman names are never needed for matching
			}
		}
		return strings.TrimSpace(string(b))
	}
	return ""
}

func decodeGB(b []byte) string {
	s, err := simplifiedchinese.GBK.NewDecoder().Bytes(b)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(s))
}
