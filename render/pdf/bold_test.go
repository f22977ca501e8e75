package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/layout"
	"github.com/nianbao/nianbao/style"
)

// TestSyntheticBoldDoesNotLeak checks that a bold run in a face without a
// bold weight (仿宋) is stroked (render mode 2), and that the text after it
// is filled only: the mode is graphics state that outlives ET.
func TestSyntheticBoldDoesNotLeak(t *testing.T) {
	tool(t, "qpdf")
	fs, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	body := fs.Primary(fonts.Body)
	if body.Bold() {
		t.Fatalf("%s is bold: the test needs a regular face", body.Name())
	}
	run := func(y style.Length, bold bool, text string) layout.Text {
		rs := []rune(text)
		xs := make([]style.Length, len(rs))
		for i := range xs {
			xs[i] = style.Mm(28) + style.Length(i)*16
		}
		return layout.Text{Y: y, Face: body, Size: 16, Bold: bold, Runes: rs, Xs: xs}
	}
	page := layout.Page{Width: style.Mm(210), Height: style.Mm(297), Number: 1,
		Texts: []layout.Text{run(style.Mm(50), true, "加粗"), run(style.Mm(60), false, "正文")}}
	var pdf bytes.Buffer
	if err := Write(&pdf, []layout.Page{page}, document.Meta{Title: "t", Lang: "zh-CN"}, Options{}); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(t.TempDir(), "bold.pdf")
	if err := os.WriteFile(in, pdf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("qpdf", "--qdf", "--object-streams=disable", in, "-")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("qpdf --qdf: %v\n%s", err, stderr.Bytes())
	}
	bold := regexp.MustCompile(`(?s)q\nBT\n[^\n]*Tf\n2 Tr [0-9.]+ w\n.*?ET\nQ\nBT\n`)
	if !bold.Match(out) {
		t.Errorf("content does not stroke the bold run inside q … Q before the next text:\n%s", contentOf(out))
	}
	if n := bytes.Count(out, []byte(" Tr ")); n != 1 {
		t.Errorf("%d text render mode changes, want 1", n)
	}
}

// contentOf returns the part of a QDF file around its first text object,
// for a failure message.
func contentOf(qdf []byte) []byte {
	i := bytes.Index(qdf, []byte("BT\n"))
	if i < 0 {
		return qdf[:min(len(qdf), 400)]
	}
	return qdf[max(0, i-40):min(len(qdf), i+400)]
}
