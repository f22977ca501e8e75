package fonts

import (
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Face is one parsed font: a font file, or one face of a TrueType
// Collection. It holds the metrics that layout needs (rune → glyph →
// advance) and the file bytes that the PDF renderer embeds. Lengths are in
// em: multiply by the font size. A Face is parsed once per process, never
// changes after that and is safe for concurrent use.
type Face struct {
	name     string   // English family name
	fullName string   // English full name, e.g. "Noto Serif SC Bold"
	families []string // every family name in the name table (English and Chinese)
	path     string   // file path, or "embedded:FILE"
	data     []byte   // the whole file; a TTC's whole collection
	index    int      // face index in a TTC

	cmap    *cmap
	adv     []uint16 // advance per glyph ID, font units
	upem    float64  // units per em
	ascent  float64  // em, positive
	descent float64  // em, positive
	fsType  uint16
	bold    bool
	desc    Descriptor

	sfntOnce sync.Once
	sfnt     []byte // SFNT's result
}

// Name returns the face's family name, e.g. "FandolFang" or "Noto Serif SC".
func (f *Face) Name() string { return f.name }

// FullName returns the face's full name, e.g. "Noto Serif SC Bold".
func (f *Face) FullName() string { return f.fullName }

// Families returns every family name of the face, English and Chinese
// (name IDs 1 and 16), e.g. ["SimSun", "宋体"].
func (f *Face) Families() []string { return append([]string(nil), f.families...) }

// Path returns the font file's path, or "embedded:FILE" for an embedded font.
func (f *Face) Path() string { return f.path }

// Data returns the bytes of the font file: for a TTC, the whole
// collection (see Index). The caller must not modify them.
func (f *Face) Data() []byte { return f.data }

// SFNT returns the face as a single font file: the same bytes as Data for a
// .ttf or .otf file; for a face of a TTC, a new file holding that face's
// tables, made on the first call. The PDF renderer embeds from it (folio
// parses the first face of a collection only). The caller must not modify it.
func (f *Face) SFNT() []byte {
	f.sfntOnce.Do(func() {
		f.sfnt = f.data
		if binary.BigEndian.Uint32(f.data) == uint32(tagTTCF) {
			offs, _ := faceOffsets(f.data) // parseFace checked it
			ts, _ := tableDir(f.data, offs[f.index])
			f.sfnt = extractFace(f.data, offs[f.index], ts)
		}
	})
	return f.sfnt
}

// extractFace copies the face whose table directory is at off out of a
// collection: its offset table, then its tables, each 4-byte aligned, with
// the directory's offsets moved. Table checksums stay valid: the table bytes
// do not change.
func extractFace(data []byte, off uint32, ts []table) []byte {
	dirLen := 12 + 16*len(ts)
	size := dirLen
	for _, t := range ts {
		size += (int(t.length) + 3) &^ 3
	}
	out := make([]byte, dirLen, size)
	copy(out, data[off:int(off)+dirLen])
	for i, t := range ts {
		binary.BigEndian.PutUint32(out[12+16*i+8:], uint32(len(out)))
		out = append(out, data[t.off:t.off+t.length]...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}

// Index returns the face's index inside a TrueType Collection, and 0 for a
// single font file.
func (f *Face) Index() int { return f.index }

// Has reports whether the face maps r to a glyph.
func (f *Face) Has(r rune) bool { return f.cmap.glyph(r) != 0 }

// Glyphs returns how many runes the face maps to a glyph.
func (f *Face) Glyphs() int { return f.cmap.n }

// Advance returns the advance width of r in em. For a rune the face lacks
// it returns the width of the .notdef glyph; check Has first.
// It does not allocate.
func (f *Face) Advance(r rune) float64 {
	g := int(f.cmap.glyph(r))
	if g >= len(f.adv) {
		g = len(f.adv) - 1
	}
	return float64(f.adv[g]) / f.upem
}

// Ascent returns the distance from the baseline to the top of the line box,
// in em, positive. It is OS/2 sTypoAscender when the font sets
// USE_TYPO_METRICS, else hhea ascender.
func (f *Face) Ascent() float64 { return f.ascent }

// Descent returns the distance from the baseline to the bottom of the line
// box, in em, positive. It is OS/2 sTypoDescender when the font sets
// USE_TYPO_METRICS, else hhea descender.
func (f *Face) Descent() float64 { return f.descent }

// Bold reports whether the face itself is a bold weight: OS/2 usWeightClass
// of 600 or more, or the bold bit of head.macStyle. Where a style asks for
// bold and Bold is false (仿宋 and 楷体 have no bold weight), the PDF
// renderer synthesises it by filling and stroking the outlines.
func (f *Face) Bold() bool { return f.bold }

// FSType returns the face's OS/2 fsType: its embedding permissions.
func (f *Face) FSType() uint16 { return f.fsType }

// Embedding permissions in OS/2 fsType (OpenType spec, OS/2 table, fsType).
const (
	fsRestricted = 0x0002 // Restricted License embedding: must not be embedded
	fsPreview    = 0x0004 // Preview & Print embedding
	fsEditable   = 0x0008 // Editable embedding
	fsNoSubset   = 0x0100 // No subsetting
	fsBitmapOnly = 0x0200 // Bitmap embedding only: no outlines may be embedded
)

// Permission describes the face's embedding permission in words, for
// `nianbao fonts`: "installable", "preview & print", "editable",
// "restricted", or "bitmap only", with ", no subsetting" when that bit is set.
func (f *Face) Permission() string {
	var s string
	switch {
	case f.fsType&fsRestricted != 0 && f.fsType&(fsPreview|fsEditable) == 0:
		s = "restricted"
	case f.fsType&fsBitmapOnly != 0:
		s = "bitmap only"
	case f.fsType&fsEditable != 0:
		s = "editable"
	case f.fsType&fsPreview != 0:
		s = "preview & print"
	default:
		s = "installable"
	}
	if f.fsType&fsNoSubset != 0 {
		s += ", no subsetting"
	}
	return s
}

// Embeddable returns nil when the face may be embedded in a PDF, or an
// *EmbeddingError naming the font when OS/2 fsType forbids it: the
// Restricted License bit (0x0002) without a less restrictive bit (the spec
// says the least restrictive bit wins), or Bitmap embedding only (0x0200),
// since the PDF renderer embeds outlines.
func (f *Face) Embeddable() error {
	switch p := f.Permission(); {
	case strings.HasPrefix(p, "restricted"), strings.HasPrefix(p, "bitmap only"):
		return &EmbeddingError{Name: f.fullNameOrName(), Path: f.path, FSType: f.fsType}
	}
	return nil
}

func (f *Face) fullNameOrName() string {
	if f.fullName != "" {
		return f.fullName
	}
	return f.name
}

func (f *Face) String() string {
	return fmt.Sprintf("%s (%s)", f.fullNameOrName(), f.path)
}

// parseFace parses face index of data. path names the file in messages.
func parseFace(data []byte, index int, path string) (*Face, error) {
	offs, err := faceOffsets(data)
	if err != nil {
		return nil, err
	}
	if index < 0 || index >= len(offs) {
		return nil, fmt.Errorf("face %d of %d", index, len(offs))
	}
	ts, err := tableDir(data, offs[index])
	if err != nil {
		return nil, err
	}
	m, err := readMetrics(data, ts)
	if err != nil {
		return nil, err
	}
	adv, err := readAdvances(data, ts, m)
	if err != nil {
		return nil, err
	}
	cm, err := readCmap(data, ts, uint16(len(adv)))
	if err != nil {
		return nil, err
	}
	nameTable, err := find(data, ts, tagName)
	if err != nil {
		return nil, err
	}
	nm := readNames(nameTable)
	if nm.family == "" {
		nm.family = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	asc, des := m.ascent, m.descent
	if m.hasOS2 && m.useTypo || asc == 0 && des == 0 {
		asc, des = m.typoAsc, m.typoDes
	}
	upem := float64(m.unitsPerEm)
	ascent, descent := float64(asc)/upem, math.Abs(float64(des))/upem // FandolSong stores descent positive
	return &Face{
		name:     nm.family,
		fullName: nm.full,
		families: nm.families,
		path:     path,
		data:     data,
		index:    index,
		cmap:     cm,
		adv:      adv,
		upem:     upem,
		ascent:   ascent,
		descent:  descent,
		fsType:   m.fsType,
		bold:     m.weightClass >= 600 || m.macStyle&1 != 0,
		desc:     descriptor(m, nm, cm.glyph('A') != 0, ascent, descent),
	}, nil
}

// Parse parses one face of a font file's bytes: TrueType (.ttf), OpenType
// with CFF outlines (.otf) or a TrueType Collection (.ttc). For a
// collection, index selects the face; index -1 selects the Simplified
// Chinese face (see pickFace). path names the file in messages and is what
// Path returns.
func Parse(data []byte, index int, path string) (*Face, error) {
	if index < 0 {
		index = pickFace(data)
	}
	f, err := parseFace(data, index, path)
	if err != nil {
		return nil, fmt.Errorf("fonts: %s: %w", path, err)
	}
	return f, nil
}

// pickFace returns the index of the face of a collection to use for
// Simplified Chinese: the first face whose family names carry an SC token
// ("Noto Serif CJK SC", "Source Han Sans SC", "Songti SC"), else face 0,
// which is the zh-CN face of the collections Windows ships (simsun.ttc:
// SimSun before NSimSun).
func pickFace(data []byte) int {
	offs, err := faceOffsets(data)
	if err != nil || len(offs) < 2 {
		return 0
	}
	for i, off := range offs {
		ts, err := tableDir(data, off)
		if err != nil {
			continue
		}
		t, err := find(data, ts, tagName)
		if err != nil {
			continue
		}
		for _, fam := range readNames(t).families {
			if hasSCToken(fam) {
				return i
			}
		}
	}
	return 0
}

// hasSCToken reports whether a family name marks Simplified Chinese.
func hasSCToken(family string) bool {
	for _, w := range strings.FieldsFunc(family, func(r rune) bool { return r == ' ' || r == '-' || r == '_' }) {
		switch strings.ToUpper(w) {
		case "SC", "HANS", "CN", "GB", "PRC":
			return true
		}
	}
	return false
}

// The faces parsed from files, by path and face index: a file is read and
// parsed once per process however many Sets use it.
var fileCache struct {
	sync.Mutex
	faces map[fileKey]*Face
}

type fileKey struct {
	path  string
	index int
}

// loadFile parses face index of the file at path (index -1: the Simplified
// Chinese face of a collection), once per process.
func loadFile(path string, index int) (*Face, error) {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	fileCache.Lock()
	defer fileCache.Unlock()
	if f, ok := fileCache.faces[fileKey{path, index}]; ok {
		return f, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("fonts: %w", err)
	}
	f, err := Parse(data, index, path)
	if err != nil {
		return nil, err
	}
	if fileCache.faces == nil {
		fileCache.faces = make(map[fileKey]*Face)
	}
	fileCache.faces[fileKey{path, index}] = f
	fileCache.faces[fileKey{path, f.index}] = f
	return f, nil
}
