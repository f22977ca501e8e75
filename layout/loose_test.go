package layout

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/report"
	"github.com/nianbao/nianbao/style"
)

// publishedFixtures lays out the published reports of fixtures/published,
// whose prose has the addresses, phone numbers and e-mails of real reports.
// They are printed as published, so they are not validated.
func publishedFixtures(t *testing.T, s *style.Style) []fixture {
	t.Helper()
	fs, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	paths, err := filepath.Glob("../fixtures/published/*.yaml")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no published fixtures: %v", err)
	}
	var out []fixture
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		r, err := report.Decode(p, data)
		if err != nil {
			t.Fatalf("report.Decode(%s): %v", p, err)
		}
		report.Complete(r)
		d, err := document.Build(r)
		if err != nil {
			t.Fatalf("document.Build(%s): %v", p, err)
		}
		pages, err := Layout(d, s, fs)
		if err != nil {
			t.Fatalf("Layout(%s): %v", p, err)
		}
		out = append(out, fixture{strings.TrimSuffix(filepath.Base(p), ".yaml"), d, pages})
	}
	return out
}

// widestGap returns the largest space justification puts between a
// full-width character and the one after it on a body line, in em of the
// body, and that line.
func widestGap(s *style.Style, fs []fixture) (worst float64, where string) {
	cell := s.Body.Size
	if s.CharsPerLine > 0 {
		cell = s.Measure() / style.Length(s.CharsPerLine)
	}
	for _, f := range fs {
		for _, l := range bodyLines(s, f.pages) {
			for i := 1; i < len(l.runes); i++ {
				// After a mark the cell may be squeezed; Han and
				// other full-width characters keep theirs.
				if a, b := classOf(l.runes[i-1]), classOf(l.runes[i]); !a.wide() || a.mark() || !b.wide() {
					continue
				}
				if g := float64((l.xs[i] - l.xs[i-1] - cell) / s.Body.Size); g > worst {
					worst, where = g, f.name+" page "+itoa(l.page)+": "+string(l.runes)
				}
			}
		}
	}
	return worst, where
}

// TestNoLooseLineBeforeLongToken bounds the space between characters on
// every body line of every fixture and published report, in both styles,
// at looseEm: a line before an e-mail address, a phone number or a URL
// that does not fit is tightened by breaking the URL, by taking characters
// from the line before, or by squeezing its marks. Before these remedies
// the widest gaps were 0.309 em (gongwen, 淮安 …邮编：223001，电话：) and
// 0.488 em (template, 乐清 …联系（电话：0577-61889607，电子邮件：).
func TestNoLooseLineBeforeLongToken(t *testing.T) {
	for _, s := range []*style.Style{style.Gongwen, style.Template} {
		fs := append(loadFixtures(t, s), publishedFixtures(t, s)...)
		g, where := widestGap(s, fs)
		t.Logf("%s: widest gap %.3f em, in %s", s.Name, g, where)
		if g > looseEm+1e-6 {
			t.Errorf("%s: %.3f em between two characters, want ≤ %.2f em: %s", s.Name, g, looseEm, where)
		}
	}
}

// TestURLBreaksAfterSlashNotDot checks that a URL that leaves the line
// before it loose breaks after a slash, not after the dot of
// "http://www." as the first-fit breaker did.
func TestURLBreaksAfterSlashNotDot(t *testing.T) {
	got, _, _ := breakString("报告的电子版可在网站http://www.yueqing.gov.cn/上下载", 17)
	want := []string{"报告的电子版可在网站http://", "www.yueqing.gov.cn/上下载"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Break = %q, want %q", got, want)
	}
}

// TestLooseLineSqueezesMarks checks the sample's contact line in the
// template style: the e-mail address joins the phone number on its line,
// the line's marks set in half their cells, rather than leave the line
// spread half an em between characters.
func TestLooseLineSqueezesMarks(t *testing.T) {
	s := style.Template
	for _, f := range loadFixtures(t, s) {
		if f.name != sample {
			continue
		}
		for _, l := range bodyLines(s, f.pages) {
			if text := string(l.runes); strings.Contains(text, "0577-61889607") && !strings.Contains(text, "yqsfj2013@163.com") {
				t.Errorf("%s: the phone number's line %q leaves the e-mail address to the next", f.name, text)
			}
		}
	}
}
