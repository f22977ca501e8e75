package main

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// nianbao runs the command in this process, in dir.
func nianbao(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Chdir(dir)
	var o, e bytes.Buffer
	code = run(context.Background(), append([]string{"nianbao"}, args...), strings.NewReader(""), &o, &e)
	return code, o.String(), e.String()
}

// TestRenderRefusesEditedDOCX: a DOCX that nianbao wrote and a clerk then
// changed (here: one table cell, the way Word rewrites document.xml) is not
// overwritten by the next render; --force overwrites it.
func TestRenderRefusesEditedDOCX(t *testing.T) {
	dir := t.TempDir()
	sample, _ := filepath.Abs("../../fixtures/yueqing-sfj-2021.yaml")
	if code, _, stderr := nianbao(t, dir, "render", sample, "-o", "out"); code != 0 {
		t.Fatalf("first render: exit %d\n%s", code, stderr)
	}
	docx := filepath.Join("out", "乐清市司法局-2021年政府信息公开工作年度报告.docx")
	data, err := os.ReadFile(filepath.Join(dir, docx))
	if err != nil {
		t.Fatal(err)
	}
	edited := editZip(t, data, "word/document.xml", "<w:t>", "<w:t>（已核）")
	os.WriteFile(filepath.Join(dir, docx), edited, 0o644)

	code, _, stderr := nianbao(t, dir, "render", sample, "-o", "out")
	want := "nianbao render: " + docx + " 在 nianbao 生成之后被修改过（如在 Word 或 WPS 中编辑并保存）；为免丢失其中的修改，未覆盖它。确认不要这些修改请加 --force，或用 -o 把新文件存到别处\n未生成文件\n"
	if code != exitFindings || stderr != want {
		t.Errorf("render over an edited DOCX: exit %d, stderr\n%s\nwant exit 1, stderr\n%s", code, stderr, want)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, docx)); !bytes.Equal(got, edited) {
		t.Errorf("the edited DOCX was overwritten")
	}
	if code, _, stderr := nianbao(t, dir, "render", sample, "-o", "out", "--force"); code != 0 {
		t.Fatalf("render --force: exit %d\n%s", code, stderr)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, docx)); !bytes.Equal(got, data) {
		t.Errorf("render --force did not write the DOCX anew")
	}
}

// editZip replaces old by new once in one part of a zip.
func editZip(t *testing.T, data []byte, part, old, new string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range zr.File {
		rc, _ := f.Open()
		var p bytes.Buffer
		p.ReadFrom(rc)
		rc.Close()
		s := p.String()
		if f.Name == part {
			s = strings.Replace(s, old, new, 1)
		}
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: f.Modified})
		w.Write([]byte(s))
	}
	zw.Close()
	return b.Bytes()
}

// TestDOCXFonts: --docx-fonts gb2312 names 仿宋_GB2312 and 楷体_GB2312 in the
// DOCX (render and batch), with 仿宋 and 楷体 as their stand-ins in the font
// table; the default names 仿宋 and 楷体; an unknown value is refused.
func TestDOCXFonts(t *testing.T) {
	sample, _ := filepath.Abs("../../fixtures/yueqing-sfj-2021.yaml")
	const name = "乐清市司法局-2021年政府信息公开工作年度报告.docx"
	tests := []struct {
		args      []string
		want, not []string
	}{
		{[]string{"render", sample, "-o", "out", "--format", "docx", "--docx-fonts", "gb2312"},
			[]string{`w:eastAsia="仿宋_GB2312"`, `w:eastAsia="楷体_GB2312"`, `<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>`, `<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>`},
			[]string{`w:eastAsia="仿宋"`, `w:eastAsia="楷体"`}},
		{[]string{"batch", sample, "-o", "out", "--format", "docx", "--docx-fonts", "GB2312"},
			[]string{`w:eastAsia="仿宋_GB2312"`, `w:eastAsia="楷体_GB2312"`},
			[]string{`w:eastAsia="仿宋"`, `w:eastAsia="楷体"`}},
		{[]string{"render", sample, "-o", "out", "--format", "docx"},
			[]string{`w:eastAsia="仿宋"`, `w:eastAsia="楷体"`},
			[]string{"_GB2312"}},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		if code, _, stderr := nianbao(t, dir, tt.args...); code != 0 {
			t.Fatalf("%v: exit %d\n%s", tt.args, code, stderr)
		}
		xml := docxXML(t, filepath.Join(dir, "out", name))
		for _, w := range tt.want {
			if !strings.Contains(xml, w) {
				t.Errorf("%v: the DOCX has no %s", tt.args, w)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(xml, w) {
				t.Errorf("%v: the DOCX has %s", tt.args, w)
			}
		}
	}
	code, _, stderr := nianbao(t, t.TempDir(), "render", sample, "-o", "out", "--docx-fonts", "方正")
	if want := `--docx-fonts "方正"：应为 windows 或 gb2312`; code != exitUsage || !strings.Contains(stderr, want) {
		t.Errorf("--docx-fonts 方正: exit %d, stderr %q; want exit %d and %q", code, stderr, exitUsage, want)
	}
}

// docxXML returns the XML parts of a DOCX, one after another.
func docxXML(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var b strings.Builder
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var p bytes.Buffer
		p.ReadFrom(rc)
		rc.Close()
		b.Write(p.Bytes())
	}
	return b.String()
}
