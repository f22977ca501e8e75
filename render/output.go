package render

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/nianbao/nianbao/render/docx"
	"github.com/nianbao/nianbao/report"
)

// FormatOf is the format that a file name's extension names (报告.pdf →
// PDF), if any.
func FormatOf(path string) (Format, bool) {
	f := Format(strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), "."))
	return f, f == PDF || f == DOCX
}

// Targets says where `nianbao render` writes each format: out is a
// directory holding files named by tmpl, or, when it ends in .pdf or .docx
// and is not an existing directory, the one file to write, which needs
// exactly that one format. It creates nothing (MakeDirs does).
func Targets(out, tmpl string, r *report.Report, formats []Format) (map[Format]string, error) {
	paths := make(map[Format]string, len(formats))
	if f, ok := FormatOf(out); ok && !isDir(out) {
		switch {
		case len(formats) > 1:
			return nil, fmt.Errorf("-o %s 是一个文件名，但要生成 %d 种格式（%s）：请加 --format %s 只生成这一种，或让 -o 指向一个目录", out, len(formats), formatList(formats), f)
		case formats[0] != f:
			return nil, fmt.Errorf("-o %s 的扩展名是 .%s，但 --format 是 %s：请把 -o 改为以 .%s 结尾的文件名，或改用 --format %s", out, f, formats[0], formats[0], f)
		}
		paths[f] = out
		return paths, nil
	}
	for _, f := range formats {
		name, err := FileName(tmpl, r, f)
		if err != nil {
			return nil, err
		}
		paths[f] = filepath.Join(out, name)
	}
	return paths, nil
}

// MakeDirs creates the directories that paths are in, when missing.
func MakeDirs(paths []string) error {
	for _, p := range paths {
		if err := mkdirAll(filepath.Dir(p)); err != nil {
			return err
		}
	}
	return nil
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

func formatList(fs []Format) string {
	s := make([]string, len(fs))
	for i, f := range fs {
		s[i] = string(f)
	}
	return strings.Join(s, "、")
}

// ChangedError is a DOCX that nianbao will not overwrite: it was changed
// since nianbao wrote it (edited in Word, say), or nianbao cannot tell
// because the file holds no content hash of nianbao's.
type ChangedError struct {
	Path    string
	Unknown bool // the file holds no nianbao content hash, or is not a readable DOCX
}

func (e *ChangedError) Error() string {
	what := "在 nianbao 生成之后被修改过（如在 Word 或 WPS 中编辑并保存）"
	if e.Unknown {
		what = "不是 nianbao 生成的，或无法确认是否被修改过"
	}
	return fmt.Sprintf("%s %s；为免丢失其中的修改，未覆盖它。确认不要这些修改请加 --force，或用 -o 把新文件存到别处", e.Path, what)
}

// maxCheckSize bounds how much of an existing file CheckOverwrite reads.
const maxCheckSize = 64 << 20

// CheckOverwrite says whether path may be replaced by a new file: it may
// when it does not exist, is not a DOCX, or is a DOCX that nianbao wrote and
// nobody changed since (docx.Changed). Otherwise it returns a
// *ChangedError naming the file.
func CheckOverwrite(path string) error {
	if f, _ := FormatOf(path); f != DOCX {
		return nil
	}
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
		return nil // nothing to overwrite; making the directory will tell
	}
	if err != nil {
		return &FileError{Op: OpRead, Path: path, Err: err}
	}
	if !fi.Mode().IsRegular() || fi.Size() > maxCheckSize {
		return &ChangedError{Path: path, Unknown: true}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return &FileError{Op: OpRead, Path: path, Err: err}
	}
	changed, err := docx.Changed(data)
	switch {
	case err != nil:
		return &ChangedError{Path: path, Unknown: true}
	case changed:
		return &ChangedError{Path: path}
	}
	return nil
}
