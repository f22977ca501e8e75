package render

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/fixtures"
	"github.com/nianbao/nianbao/report"
)

func TestFileName(t *testing.T) {
	long := strings.Repeat("很长的机关名称", 30) // 630 bytes
	tests := []struct {
		tmpl, agency string
		year         int
		f            Format
		want         string // "" means an error is expected
	}{
		{"", "乐清市司法局", 2021, PDF, "乐清市司法局-2021年政府信息公开工作年度报告.pdf"},
		{DefaultName, "乐清市司法局", 2021, DOCX, "乐清市司法局-2021年政府信息公开工作年度报告.docx"},
		{"{year}-{agency}", "司法局", 2021, PDF, "2021-司法局.pdf"},
		{"{agency}.{ext}", "../../etc/x", 2021, PDF, "／..／etc／x.pdf"},
		{"{agency}.{ext}", "/abs", 2021, PDF, "／abs.pdf"},
		{"{agency}.{ext}", "a/b", 2021, PDF, "a／b.pdf"},
		{"{agency}.{ext}", `a\b`, 2021, PDF, "a＼b.pdf"},
		{"{agency}.{ext}", "C:x*?\"<>|", 2021, PDF, "C：x＊？＂＜＞｜.pdf"},
		{"{agency}.{ext}", "a\x00b\nc\u202e", 2021, PDF, "abc.pdf"},
		{"{agency}.{ext}", "CON", 2021, PDF, "_CON.pdf"},
		{"{agency}", "..", 2021, PDF, ""},
		{"{agency}", ".hidden", 2021, PDF, "hidden.pdf"},
		{"{agency}.{ext}", "\x00", 2021, PDF, ""},
		{"{agency}.{ext}", "", 2021, PDF, ""},
		{"../{agency}.{ext}", "司法局", 2021, PDF, ""},
		{"/tmp/{agency}.{ext}", "司法局", 2021, PDF, ""},
		{"{agnecy}.{ext}", "司法局", 2021, PDF, ""},
	}
	for _, tt := range tests {
		got, err := FileName(tt.tmpl, &report.Report{Agency: tt.agency, Year: tt.year}, tt.f)
		if tt.want == "" {
			if err == nil {
				t.Errorf("FileName(%q, %q) = %q, want an error", tt.tmpl, tt.agency, got)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("FileName(%q, %q) = %q, %v; want %q", tt.tmpl, tt.agency, got, err, tt.want)
		}
	}

	got, err := FileName(DefaultName, &report.Report{Agency: long, Year: 2021}, DOCX)
	if err != nil {
		t.Fatalf("FileName(long) error: %v", err)
	}
	if len(got) > maxNameBytes || !strings.HasSuffix(got, "…-2021年政府信息公开工作年度报告.docx") || !strings.HasPrefix(got, "很长的机关名称") {
		t.Errorf("FileName(long) = %q (%d bytes), want ≤ %d bytes ending in …-2021年…docx", got, len(got), maxNameBytes)
	}
}

// TestFileNameNeverEscapes feeds hostile names through every template and
// checks the result is a plain, local name.
func TestFileNameNeverEscapes(t *testing.T) {
	names := []string{"../../etc/x", "/abs", "a/b", "..", ".", "...", "\x00", "a\x00/../b", `..\..\win`,
		"C:\\Windows", "~/x", " ../x ", strings.Repeat("../", 200), strings.Repeat("局", 300), ".hidden"}
	for _, tmpl := range []string{DefaultName, "{agency}", "{agency}.{ext}", "{agency}{agency}.{ext}"} {
		for _, a := range names {
			got, err := FileName(tmpl, &report.Report{Agency: a, Year: 2021}, PDF)
			if err != nil {
				continue
			}
			if !filepath.IsLocal(got) || strings.ContainsAny(got, `/\`+"\x00") || strings.HasPrefix(got, ".") || len(got) > maxNameBytes {
				t.Errorf("FileName(%q, %q) = %q: not a plain local name", tmpl, a, got)
			}
		}
	}
}

func TestDate(t *testing.T) {
	tests := []struct {
		date string
		year int
		env  string
		want time.Time
	}{
		{"2022年1月20日", 2021, "", time.Date(2022, 1, 20, 0, 0, 0, 0, time.UTC)},
		{"二〇二二年一月二十日", 2021, "", time.Date(2022, 1, 20, 0, 0, 0, 0, time.UTC)},
		{"2022年2月30日", 2021, "", time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"", 2021, "", time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"", 2021, "1700000000", time.Unix(1700000000, 0).UTC()},
		{"2022年1月20日", 2021, "1700000000", time.Date(2022, 1, 20, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Setenv("SOURCE_DATE_EPOCH", tt.env)
		got := Date(&report.Report{Year: tt.year, Closing: report.Closing{Date: tt.date}})
		if !got.Equal(tt.want) {
			t.Errorf("Date(%q, %d, SOURCE_DATE_EPOCH=%q) = %v, want %v", tt.date, tt.year, tt.env, got, tt.want)
		}
	}
}

func TestParseFormats(t *testing.T) {
	tests := []struct {
		in   string
		want string // joined, or "error"
	}{
		{"pdf,docx", "pdf docx"},
		{"docx,pdf,pdf", "pdf docx"},
		{" DOCX ", "docx"},
		{"ofd,html,pdf", "pdf html ofd"},
		{"odt", "error"},
		{",", "error"},
	}
	for _, tt := range tests {
		fs, err := ParseFormats(tt.in)
		got := "error"
		if err == nil {
			var s []string
			for _, f := range fs {
				s = append(s, string(f))
			}
			got = strings.Join(s, " ")
		}
		if got != tt.want {
			t.Errorf("ParseFormats(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.pdf")
	for _, data := range []string{"first", "second, longer"} {
		if err := WriteFile(path, []byte(data)); err != nil {
			t.Fatalf("WriteFile: %v", err)
		}
		got, err := os.ReadFile(path)
		if err != nil || string(got) != data {
			t.Errorf("after WriteFile(%q): file holds %q, %v", data, got, err)
		}
	}
	// A target that cannot be replaced (a non-empty directory) fails and leaves
	// no temporary file behind.
	sub := filepath.Join(dir, "sub")
	os.MkdirAll(filepath.Join(sub, "x"), 0o755)
	if err := WriteFile(sub, []byte("x")); err == nil {
		t.Errorf("WriteFile over a directory: no error")
	}
	if err := WriteFile(filepath.Join(dir, "missing", "a.pdf"), nil); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("WriteFile into a missing directory = %v, want ErrNotExist", err)
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

// TestReportPDFA checks that Options.PDFA reaches the PDF writer: the file
// declares PDF/A-3B in its XMP metadata, and only when asked.
func TestReportPDFA(t *testing.T) {
	fs, err := fixtures.Documents()
	if err != nil {
		t.Fatal(err)
	}
	r := fs[0].Report
	for _, pdfa := range []bool{false, true} {
		out, err := Report(r, Options{Formats: []Format{PDF}, PDFA: pdfa})
		if err != nil {
			t.Fatal(err)
		}
		if got := bytes.Contains(out[PDF], []byte("<pdfaid:part>3</pdfaid:part>")); got != pdfa {
			t.Errorf("PDFA %v: PDF declares PDF/A-3: %v", pdfa, got)
		}
	}
}

// TestBuffers renders reports one after another through one Buffers, each
// giving its buffers back, and checks that every output equals the one
// rendered without Buffers (a reused buffer carries nothing over) and that
// the buffers are in fact reused.
func TestBuffers(t *testing.T) {
	fs, err := fixtures.Documents()
	if err != nil {
		t.Fatal(err)
	}
	var bufs Buffers
	var last []byte
	reused := false
	for _, f := range fs[:min(3, len(fs))] {
		want, err := Report(f.Report, Options{})
		if err != nil {
			t.Fatal(err)
		}
		got, err := Report(f.Report, Options{Buffers: &bufs})
		if err != nil {
			t.Fatal(err)
		}
		for _, format := range Formats {
			if !bytes.Equal(got[format], want[format]) {
				t.Errorf("%s %s: differs when rendered into a reused buffer", f.Name, format)
			}
		}
		if last != nil && &got[PDF][:1][0] == &last[:1][0] {
			reused = true
		}
		last = got[PDF]
		for format, b := range got {
			bufs.Put(format, b)
		}
	}
	if !reused {
		t.Error("the PDF buffer given back was not reused")
	}
}
