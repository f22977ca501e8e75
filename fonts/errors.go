package fonts

import "fmt"

// MissingGlyphError reports a character that no font of a role's chain
// has. Callers add where in the report the character appears.
type MissingGlyphError struct {
	Rune rune
	Role Role
}

func (e *MissingGlyphError) Error() string {
	return fmt.Sprintf("fonts: 没有字体包含字符 “%c”（U+%04X）", e.Rune, e.Rune)
}

// EmbeddingError reports a font whose licence (OS/2 fsType) forbids
// embedding it in a PDF.
type EmbeddingError struct {
	Name   string // the font's full name
	Path   string
	FSType uint16
}

func (e *EmbeddingError) Error() string {
	return fmt.Sprintf("fonts: 字体 %s（%s）的授权禁止嵌入 PDF（OS/2 fsType %#04x），请换用其他字体 / "+
		"font %s forbids embedding (OS/2 fsType %#04x): choose another font",
		e.Name, e.Path, e.FSType, e.Name, e.FSType)
}
