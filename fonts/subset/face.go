package subset

import (
	"fmt"
	"sync"

	"github.com/nianbao/nianbao/fonts"
)

// faceFont is the parsed font of one face, made once.
type faceFont struct {
	once sync.Once
	font *Font
	err  error
}

// faces holds the parsed font of every face a process has subset: the PDF
// and OFD writers, and every report of a batch, share one parse per face.
var faces sync.Map // *fonts.Face → *faceFont

// Of returns the font of face f parsed for subsetting, parsing it on the
// first call for f only. It checks that the outlines have as many glyphs
// as the metrics that layout used, so that glyph IDs mean the same.
func Of(f *fonts.Face) (*Font, error) {
	v, _ := faces.LoadOrStore(f, &faceFont{})
	ff := v.(*faceFont)
	ff.once.Do(func() {
		ff.font, ff.err = Parse(f.SFNT())
		if ff.err == nil && ff.font.NumGlyphs() != f.NumGlyphs() {
			ff.err = fmt.Errorf("%d glyphs in the outlines, %d in the metrics", ff.font.NumGlyphs(), f.NumGlyphs())
		}
		if ff.err != nil {
			ff.err = fmt.Errorf("subset: font %s: %w", f.Name(), ff.err)
		}
	})
	return ff.font, ff.err
}
