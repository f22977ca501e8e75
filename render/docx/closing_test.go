package docx

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"os/exec"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/layout"
	"github.com/nianbao/nianbao/style"
)

// checkClosing checks the closing block in LibreOffice's PDF of a DOCX:
// on the last page, with text above it (the paragraph before it is kept
// with it), each line centred within 2 pt of where our PDF centres it.
// Before, the DOCX's indents came from an estimate of the date's width
// without Word's spacing between Han and digits: LibreOffice set the
// agency 11 pt right of the date, and format-2019's template closing
// stood alone on its last page.
func checkClosing(t *testing.T, name string, d *document.Document, s *style.Style, pages []layout.Page, pdf string, n int) {
	t.Helper()
	var closing []string
	for _, b := range d.Blocks {
		if b.Kind == document.Closing {
			closing = b.Lines
		}
	}
	if len(closing) == 0 || len(pages) == 0 {
		return
	}
	// Our PDF's closing lines: the last texts of the last page, whole
	// lines by baseline, bottom up.
	type span struct {
		text   string
		x0, x1 float64
	}
	ours := map[string]span{}
	last := pages[len(pages)-1]
	for _, tx := range last.Texts {
		if tx.Block < 0 || d.Blocks[tx.Block].Kind != document.Closing {
			continue
		}
		k := fmt.Sprint(tx.Y)
		sp, ok := ours[k]
		x1 := float64(tx.Xs[len(tx.Xs)-1]) + float64(tx.Size)
		if !ok {
			sp = span{x0: float64(tx.X), x1: x1}
		}
		sp.text += string(tx.Runes)
		sp.x0, sp.x1 = math.Min(sp.x0, float64(tx.X)), math.Max(sp.x1, x1)
		ours[k] = sp
	}
	out, err := exec.Command("pdftotext", "-bbox-layout", "-f", fmt.Sprint(n), "-l", fmt.Sprint(n), pdf, "-").Output()
	if err != nil {
		t.Errorf("%s: pdftotext -bbox-layout: %v", name, err)
		return
	}
	var doc struct {
		Lines []struct {
			XMin  float64  `xml:"xMin,attr"`
			XMax  float64  `xml:"xMax,attr"`
			Words []string `xml:"word"`
		} `xml:"body>doc>page>flow>block>line"`
	}
	if err := xml.NewDecoder(bytes.NewReader(out)).Decode(&doc); err != nil {
		t.Errorf("%s: pdftotext -bbox-layout: %v", name, err)
		return
	}
	found, nonClosing := 0, 0
	for _, l := range doc.Lines {
		text := strings.Join(l.Words, "")
		var match *span
		for _, sp := range ours {
			if strings.ReplaceAll(sp.text, " ", "") == text {
				sp := sp
				match = &sp
			}
		}
		if match == nil {
			if !strings.HasPrefix(text, "—") {
				nonClosing++ // text above the closing (not the page number)
			}
			continue
		}
		found++
		// The ink of a line ends before its last advance: compare the
		// centres of LibreOffice's text box and ours within 2 pt plus
		// half a character's side bearing.
		lo := (l.XMin + l.XMax) / 2
		pt := (match.x0 + match.x1) / 2
		if math.Abs(lo-pt) > 2+float64(s.Body.Size)/8 {
			t.Errorf("%s: closing line %q centred at %.1f pt in LibreOffice, %.1f pt in our PDF", name, text, lo, pt)
		}
	}
	if found != len(ours) {
		t.Errorf("%s: LibreOffice's last page holds %d of the %d closing lines", name, found, len(ours))
	}
	if nonClosing == 0 {
		t.Errorf("%s: LibreOffice sets the closing alone on its last page", name)
	}
}
