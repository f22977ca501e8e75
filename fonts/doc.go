// Package fonts owns the fonts of a report: which font file serves each
// role (GB/T 9704: title 小标宋, body 仿宋, heading1 黑体, heading2 楷体,
// table 宋体, latin a Times-like serif), the fallback chain per character,
// and the metrics that layout needs. It does not shape, break lines or
// write PDF: layout asks it for advances, and the PDF renderer takes glyph
// IDs, widths and descriptor values (Face.Glyph, GlyphWidth, Descriptor)
// from the same parse and subsets Face.SFNT with package fonts/subset.
//
// Resolution, per role: the user's explicit file > an installed font
// found by family name > the embedded free font (go:embed, see README.md).
// A font whose licence (OS/2 fsType) forbids embedding is refused when
// chosen explicitly and skipped when installed.
//
// Fallback: Set.Face returns, for each character, the first face of the
// role's chain that has it; ASCII letters, digits and punctuation use the
// latin face in every role but the title. When no face has a character,
// the error is a *MissingGlyphError: never a blank box.
//
// Bold: the roles are regular weights (GB/T 9704 sets no bold). Where a
// style asks for bold and Face.Bold is false (仿宋 and 楷体 have no bold
// weight), the PDF renderer synthesises it by filling and stroking the
// outlines.
//
// Units: lengths are in em; multiply by the font size. Fonts are parsed
// once per process; a Face and a Set never change after they are built and
// are safe for concurrent use.
package fonts
