package render

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// mountTmpfs mounts a small tmpfs on a new directory, or skips the test
// where this process may not mount (not root, no CAP_SYS_ADMIN).
func mountTmpfs(t *testing.T, opts string) string {
	t.Helper()
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, opts); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v): the messages are checked by TestFileErrorText", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
	return dir
}

// TestDiskFullAndReadOnly writes to a real full disk and a real read-only
// file system: the message names the file asked for, in Chinese, and no
// temporary file or partial file is left.
func TestDiskFullAndReadOnly(t *testing.T) {
	full := mountTmpfs(t, "size=64k")
	target := filepath.Join(full, "报告.pdf")
	err := WriteFile(target, make([]byte, 256<<10))
	if want := "无法写入 " + target + "：磁盘已满，请清理空间后重试"; err == nil || err.Error() != want {
		t.Errorf("WriteFile on a full disk = %v, want %q", err, want)
	}
	ents, _ := os.ReadDir(full)
	if len(ents) != 0 {
		t.Errorf("full disk holds %d files after the failed write, want none", len(ents))
	}

	ro := mountTmpfs(t, "size=64k")
	if err := os.WriteFile(filepath.Join(ro, "old.docx"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("", ro, "", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Skipf("cannot remount read-only: %v", err)
	}
	target = filepath.Join(ro, "old.docx")
	err = WriteFiles([]string{filepath.Join(ro, "new.pdf"), target}, [][]byte{[]byte("%PDF"), []byte("PK")})
	if want := "无法写入 " + filepath.Join(ro, "new.pdf") + "：所在的文件系统是只读的，请换一个可写的位置"; err == nil || err.Error() != want {
		t.Errorf("WriteFiles on a read-only file system = %v, want %q", err, want)
	}
	if got, _ := os.ReadFile(target); string(got) != "old" {
		t.Errorf("%s = %q after the failed write, want the old file", target, got)
	}
	if err != nil && strings.Contains(err.Error(), TempPrefix) {
		t.Errorf("error names a temporary file: %v", err)
	}
}
