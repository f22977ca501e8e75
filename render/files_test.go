package render

import (
	"archive/zip"
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nianbao/nianbao/fixtures"
	"github.com/nianbao/nianbao/report"
)

// TestFileErrorText: every system error a user meets is told in Chinese,
// with the path as the user named it.
func TestFileErrorText(t *testing.T) {
	tests := []struct {
		op   Op
		err  error
		want string
	}{
		{OpRead, fs.ErrNotExist, "无法读取 nonexist.yaml：文件不存在"},
		{OpRead, syscall.ENOENT, "无法读取 nonexist.yaml：文件不存在"},
		{OpWrite, syscall.ENOENT, "无法写入 nonexist.yaml：所在目录不存在"},
		{OpRead, syscall.EISDIR, "无法读取 nonexist.yaml：这是一个目录，不是文件"},
		{OpRead, syscall.EACCES, "无法读取 nonexist.yaml：没有权限"},
		{OpWrite, syscall.EPERM, "无法写入 nonexist.yaml：没有权限"},
		{OpWrite, syscall.ENOSPC, "无法写入 nonexist.yaml：磁盘已满，请清理空间后重试"},
		{OpWrite, syscall.EDQUOT, "无法写入 nonexist.yaml：超出磁盘配额，请清理空间后重试"},
		{OpWrite, syscall.EROFS, "无法写入 nonexist.yaml：所在的文件系统是只读的，请换一个可写的位置"},
		{OpMkdir, syscall.ENOTDIR, "无法创建目录 nonexist.yaml：路径上已有同名的文件，不能建为目录"},
		{OpRead, syscall.ENOTDIR, "无法读取 nonexist.yaml：路径中有一级不是目录"},
		{OpRead, syscall.ENAMETOOLONG, "无法读取 nonexist.yaml：文件名过长"},
		{OpRead, syscall.EIO, "无法读取 nonexist.yaml：系统错误（input/output error）"},
	}
	for _, tt := range tests {
		// As the os package returns it: a PathError naming a temporary file.
		err := &FileError{Op: tt.op, Path: "nonexist.yaml", Err: &fs.PathError{Op: "write", Path: ".nianbao-1-2.tmp", Err: tt.err}}
		if got := err.Error(); got != tt.want {
			t.Errorf("%s %v: %q, want %q", tt.op, tt.err, got, tt.want)
		}
	}
	// An error of the os package is found inside a wrapped error.
	_, err := os.ReadFile("nonexist.yaml")
	fe, ok := AsFileError(errors.Join(errors.New("other"), err))
	if !ok || fe.Error() != "无法读取 nonexist.yaml：文件不存在" {
		t.Errorf("AsFileError(os.ReadFile error) = %v, %v", fe, ok)
	}
	if _, ok := AsFileError(errors.New("report: 不是文件错误")); ok {
		t.Errorf("AsFileError(plain error) = true")
	}
}

// TestWriteErrorNamesTarget: a failed write names the file asked for, never
// the temporary file, and leaves none behind.
func TestWriteErrorNamesTarget(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "missing", "报告.pdf")
	err := WriteFile(target, []byte("x"))
	if want := "无法写入 " + target + "：所在目录不存在"; err == nil || err.Error() != want {
		t.Errorf("WriteFile into a missing directory = %v, want %q", err, want)
	}
	if strings.Contains(err.Error(), TempPrefix) {
		t.Errorf("error names a temporary file: %v", err)
	}
}

// TestCommit: a group of files in two directories is in place after one
// Commit, with no temporary file left; a failed Add leaves nothing.
func TestCommit(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "b"), 0o755)
	var c Commit
	want := map[string]string{}
	for i := range 40 {
		p := filepath.Join(dir, "a"+strconv.Itoa(i)+".pdf")
		if i%2 == 1 {
			p = filepath.Join(dir, "b", strconv.Itoa(i)+".docx")
		}
		want[p] = strings.Repeat(strconv.Itoa(i), i+1)
		if err := c.Add(p, []byte(want[p])); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(p); err == nil {
			t.Fatalf("%s visible before Commit", p)
		}
	}
	if err := c.Add(filepath.Join(dir, "nodir", "x.pdf"), []byte("x")); err == nil {
		t.Errorf("Add into a missing directory: no error")
	}
	if c.Len() != 40 {
		t.Errorf("Len = %d, want 40", c.Len())
	}
	for i, err := range c.Commit() {
		if err != nil {
			t.Errorf("Commit: file %d: %v", i, err)
		}
	}
	for p, w := range want {
		if got, err := os.ReadFile(p); err != nil || string(got) != w {
			t.Errorf("%s = %q, %v; want %q", p, got, err, w)
		}
		if fi, _ := os.Stat(p); fi != nil && fi.Mode().Perm() != 0o644 {
			t.Errorf("%s mode %v, want 0644", p, fi.Mode().Perm())
		}
	}
	noTemps(t, dir, filepath.Join(dir, "b"))

	// Abort removes the temporaries and leaves the old files.
	var a Commit
	p := filepath.Join(dir, "a0.pdf")
	a.Add(p, []byte("new"))
	a.Abort()
	if got, _ := os.ReadFile(p); string(got) != want[p] {
		t.Errorf("after Abort: %s = %q, want the old %q", p, got, want[p])
	}
	noTemps(t, dir)
}

func noTemps(t *testing.T, dirs ...string) {
	t.Helper()
	for _, d := range dirs {
		ents, _ := os.ReadDir(d)
		for _, e := range ents {
			if strings.HasPrefix(e.Name(), TempPrefix) {
				t.Errorf("temporary file %s left in %s", e.Name(), d)
			}
		}
	}
}

// TestRemoveStale: the temporaries of dead runs go; those of this process
// and of live processes stay, and so do other files.
func TestRemoveStale(t *testing.T) {
	dir := t.TempDir()
	// A process that has exited: its id names no live process.
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip("no true command:", err)
	}
	dead := cmd.Process.Pid
	old := time.Now().Add(-2 * staleAge)
	files := []struct {
		name  string
		old   bool
		stale bool
	}{
		{TempPrefix + strconv.Itoa(dead) + "-123.tmp", false, true},
		{TempPrefix + strconv.Itoa(os.Getpid()) + "-456.tmp", false, false}, // this run
		{TempPrefix + "1-789.tmp", false, false},                            // pid 1 lives
		{TempPrefix + "2795312.tmp", true, true},                            // an old-style name, old
		{TempPrefix + "2795313.tmp", false, false},                          // an old-style name, new
		{"报告.pdf", true, false},
		{".nianbao-notes.txt", true, false},
	}
	for _, f := range files {
		p := filepath.Join(dir, f.name)
		os.WriteFile(p, []byte("x"), 0o644)
		if f.old {
			os.Chtimes(p, old, old)
		}
	}
	removed, err := RemoveStale(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		_, err := os.Stat(filepath.Join(dir, f.name))
		if gone := err != nil; gone != f.stale {
			t.Errorf("%s: removed %v, want %v", f.name, gone, f.stale)
		}
	}
	if len(removed) != 2 {
		t.Errorf("RemoveStale = %q, want 2 names", removed)
	}
}

// TestTargets: -o is a directory, or with one format a file of that format.
func TestTargets(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	os.Mkdir("旧目录.pdf", 0o755)
	r := fixtureReport(t)
	name := func(f Format) string { n, _ := FileName("", r, f); return n }
	tests := []struct {
		out     string
		formats []Format
		want    map[Format]string
		err     string
	}{
		{"out", []Format{PDF, DOCX}, map[Format]string{PDF: filepath.Join("out", name(PDF)), DOCX: filepath.Join("out", name(DOCX))}, ""},
		{"报告.pdf", []Format{PDF}, map[Format]string{PDF: "报告.pdf"}, ""},
		{"sub/报告.DOCX", []Format{DOCX}, map[Format]string{DOCX: "sub/报告.DOCX"}, ""},
		{"旧目录.pdf", []Format{PDF}, map[Format]string{PDF: filepath.Join("旧目录.pdf", name(PDF))}, ""},
		{"报告.pdf", []Format{PDF, DOCX}, nil, "-o 报告.pdf 是一个文件名，但要生成 2 种格式（pdf、docx）：请加 --format pdf 只生成这一种，或让 -o 指向一个目录"},
		{"报告.docx", []Format{PDF}, nil, "-o 报告.docx 的扩展名是 .docx，但 --format 是 pdf：请把 -o 改为以 .pdf 结尾的文件名，或改用 --format docx"},
	}
	for _, tt := range tests {
		got, err := Targets(tt.out, "", r, tt.formats)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("Targets(%q, %v) = %v, %v; want error %q", tt.out, tt.formats, got, err, tt.err)
			}
			continue
		}
		if err != nil || len(got) != len(tt.want) {
			t.Errorf("Targets(%q, %v) = %v, %v; want %v", tt.out, tt.formats, got, err, tt.want)
			continue
		}
		for f, p := range tt.want {
			if got[f] != p {
				t.Errorf("Targets(%q, %v)[%s] = %q, want %q", tt.out, tt.formats, f, got[f], p)
			}
		}
	}
	if _, err := os.Stat("out"); err == nil {
		t.Errorf("Targets created a directory")
	}
}

// TestCheckOverwrite: a DOCX may be replaced while it is as nianbao wrote
// it; edited in Word, or not nianbao's, it is refused with its name.
func TestCheckOverwrite(t *testing.T) {
	dir := t.TempDir()
	r := fixtureReport(t)
	out, err := Report(r, Options{Formats: []Format{DOCX}})
	if err != nil {
		t.Fatal(err)
	}
	path := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if data != nil {
			os.WriteFile(p, data, 0o644)
		}
		return p
	}
	edited := rezip(t, out[DOCX], "word/document.xml", []byte("<w:t>"), []byte("<w:t>改"))
	tests := []struct {
		path string
		want string
	}{
		{path("missing.docx", nil), ""},
		{path("as-written.docx", out[DOCX]), ""},
		{path("report.pdf", []byte("%PDF-1.7 edited")), ""},
		{path("edited.docx", edited), "edited.docx 在 nianbao 生成之后被修改过（如在 Word 或 WPS 中编辑并保存）；为免丢失其中的修改，未覆盖它。确认不要这些修改请加 --force，或用 -o 把新文件存到别处"},
		{path("mine.docx", []byte("not a zip")), "mine.docx 不是 nianbao 生成的，或无法确认是否被修改过；为免丢失其中的修改，未覆盖它。确认不要这些修改请加 --force，或用 -o 把新文件存到别处"},
	}
	for _, tt := range tests {
		err := CheckOverwrite(tt.path)
		got := ""
		if err != nil {
			got = strings.TrimPrefix(err.Error(), dir+string(filepath.Separator))
		}
		if got != tt.want {
			t.Errorf("CheckOverwrite(%s) = %q, want %q", filepath.Base(tt.path), got, tt.want)
		}
	}
}

// rezip rebuilds a zip with old replaced by new in one entry, as an editor
// saving the file would.
func rezip(t *testing.T, data []byte, name string, old, new []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range zr.File {
		rc, _ := f.Open()
		var part bytes.Buffer
		part.ReadFrom(rc)
		rc.Close()
		p := part.Bytes()
		if f.Name == name {
			p = bytes.Replace(p, old, new, 1)
		}
		w, _ := zw.Create(f.Name)
		w.Write(p)
	}
	zw.Close()
	return b.Bytes()
}

func fixtureReport(t *testing.T) *report.Report {
	t.Helper()
	fs, err := fixtures.Documents()
	if err != nil {
		t.Fatal(err)
	}
	return fs[0].Report
}

// TestCheckOverwriteAfterLibreOffice: a DOCX opened and saved by an office
// suite (LibreOffice here; Word does the same: it keeps custom properties
// and rewrites the parts) is told as changed, not as someone else's file.
func TestCheckOverwriteAfterLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("NIANBAO_REQUIRE_TOOLS") != "" {
			t.Fatal("soffice not installed, and NIANBAO_REQUIRE_TOOLS is set (.ci/run installs it)")
		}
		t.Skip("soffice not installed")
	}
	dir := t.TempDir()
	out, err := Report(fixtureReport(t), Options{Formats: []Format{DOCX}})
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "in", "r.docx")
	os.MkdirAll(filepath.Dir(in), 0o755)
	os.WriteFile(in, out[DOCX], 0o644)
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "docx", "--outdir", dir, in)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	saved := filepath.Join(dir, "r.docx")
	err = CheckOverwrite(saved)
	want := saved + " 在 nianbao 生成之后被修改过（如在 Word 或 WPS 中编辑并保存）；为免丢失其中的修改，未覆盖它。确认不要这些修改请加 --force，或用 -o 把新文件存到别处"
	if err == nil || err.Error() != want {
		t.Errorf("CheckOverwrite(saved by LibreOffice) = %v, want %q", err, want)
	}
	if err := CheckOverwrite(in); err != nil {
		t.Errorf("CheckOverwrite(as written) = %v", err)
	}
}

// TestPermissionDenied writes into a directory without write permission.
// Root may write anywhere, so the test runs only as another user; the text
// is checked for every user by TestFileErrorText.
func TestPermissionDenied(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root is never denied")
	}
	dir := filepath.Join(t.TempDir(), "locked")
	os.Mkdir(dir, 0o555)
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	target := filepath.Join(dir, "报告.pdf")
	err := WriteFile(target, []byte("x"))
	if want := "无法写入 " + target + "：没有权限"; err == nil || err.Error() != want {
		t.Errorf("WriteFile into a read-only directory = %v, want %q", err, want)
	}
}
