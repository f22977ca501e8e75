// Package subset cuts font files down to the glyphs a document uses. It
// reads CID-keyed CFF (OpenType .otf, the Fandol fonts) and TrueType (glyf
// outlines: Noto Serif SC, Liberation Serif) fonts and writes, for a list
// of glyphs, either the bare font program that a PDF embeds (Program) or a
// complete OpenType font file (File) for formats that embed whole files,
// such as OFD.
//
// Glyphs are renumbered in the order given: glyph i of the subset is
// gids[i] of the font, gids[0] must be 0 (.notdef). In a CFF subset glyph
// i has CID i, so with Identity-H a PDF content stream's code is the new
// glyph ID; a TrueType subset appends after them the components that
// composite glyphs need. A Font is parsed once and is safe for concurrent
// use; Program and File do not change it.
package subset

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// Font is a font parsed for subsetting.
type Font struct {
	common
	cff *cffFont // CID-keyed CFF outlines …
	tt  *ttFont  // … or TrueType
}

// Parse parses a single-face font file (not a collection): OpenType with
// CID-keyed CFF outlines, or TrueType. data must not change while the Font
// is in use: the Font keeps slices of it.
func Parse(data []byte) (*Font, error) {
	tables, err := readTables(data)
	if err != nil {
		return nil, err
	}
	c, err := readCommon(tables)
	if err != nil {
		return nil, err
	}
	f := &Font{common: c}
	if b, ok := tables["CFF "]; ok {
		f.cff, err = parseCFF(b)
		if err == nil && f.cff.charStrings.count() != c.numGlyphs {
			err = fmt.Errorf("%w: %d charstrings, maxp says %d glyphs", errCFF, f.cff.charStrings.count(), c.numGlyphs)
		}
	} else if _, ok := tables["CFF2"]; ok {
		err = errors.New("CFF2 outlines are not supported")
	} else {
		f.tt, err = parseTrueType(c, tables)
	}
	if err != nil {
		return nil, err
	}
	return f, nil
}

// CFF reports whether the font has CFF outlines: its Program is then a
// CFF font program (PDF: FontFile3 /CIDFontType0C), else a TrueType file
// (FontFile2).
func (f *Font) CFF() bool { return f.cff != nil }

// NumGlyphs returns the number of glyphs in the font.
func (f *Font) NumGlyphs() int { return f.numGlyphs }

// check reports whether gids is a list that Program and File accept.
func (f *Font) check(gids []uint16, runes []rune) error {
	if len(runes) > len(gids) {
		return fmt.Errorf("subset: %d characters for %d glyphs", len(runes), len(gids))
	}
	if len(gids) == 0 || gids[0] != 0 {
		return errors.New("subset: the glyph list must start with glyph 0 (.notdef)")
	}
	if len(gids) > 0xffff {
		return fmt.Errorf("subset: %d glyphs, at most 65535", len(gids))
	}
	for _, g := range gids {
		if int(g) >= f.numGlyphs {
			return fmt.Errorf("subset: glyph %d of a font with %d", g, f.numGlyphs)
		}
	}
	return nil
}

// Program appends to dst the font program that a PDF embeds for the
// glyphs gids: a CID-keyed CFF program (CIDs 0…len(gids)-1) or a TrueType
// file. runes[i] is the character of glyph i (0: none), for a TrueType
// file's cmap; a CFF program ignores it.
func (f *Font) Program(dst []byte, gids []uint16, runes []rune) ([]byte, error) {
	if err := f.check(gids, runes); err != nil {
		return dst, err
	}
	if f.cff != nil {
		return f.cff.subset(dst, gids), nil
	}
	return f.tt.subset(dst, gids, runes), nil
}

// File appends to dst a complete OpenType font file holding the glyphs
// gids: for a CFF font an .otf (CFF, cmap, head, hhea, hmtx, maxp, name,
// OS/2, post), for a TrueType font the same file as Program. Its cmap maps
// runes[i] to glyph i (runes in the BMP; 0: none). Layout tables (GSUB,
// GPOS, vertical metrics) are left out: they name glyphs of the whole font.
func (f *Font) File(dst []byte, gids []uint16, runes []rune) ([]byte, error) {
	if err := f.check(gids, runes); err != nil {
		return dst, err
	}
	if f.tt != nil {
		return f.tt.subset(dst, gids, runes), nil
	}
	cff := f.cff.subset(nil, gids)
	head := slices.Clone(f.head)
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment, set by appendSFNT
	hhea, maxp := withNumGlyphs(f.hhea, f.maxp, len(gids))
	return appendSFNT(dst, []sfntTable{ // sorted by tag
		{"CFF ", cff},
		{"OS/2", f.os2},
		{"cmap", cmapTable(runes)},
		{"head", head},
		{"hhea", hhea},
		{"hmtx", subsetHmtx(f.hmtx, f.numHMetrics, gids)},
		{"maxp", maxp},
		{"name", f.name},
		{"post", postTable},
	}), nil
}
