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
