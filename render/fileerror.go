package render

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// FileError is a file operation that failed, told the way a user reads it:
// what nianbao tried, the path the user named (never a temporary file's
// name), and why, in Chinese:
//
//	无法读取 nonexist.yaml：文件不存在
//	无法写入 out/某局-2021年政府信息公开工作年度报告.pdf：磁盘已满
type FileError struct {
	Op   Op     // what was tried
	Path string // the path as the user named it
	Err  error  // the system's error
}

// Op is what nianbao tried to do with a file.
type Op string

// The operations a FileError names.
const (
	OpRead  Op = "读取"
	OpWrite Op = "写入"
	OpMkdir Op = "创建目录"
)

func (e *FileError) Error() string {
	return "无法" + string(e.Op) + " " + e.Path + "：" + e.reason()
}

func (e *FileError) Unwrap() error { return e.Err }

// reason says why, in Chinese; an error it does not know keeps the
// system's own text after a Chinese gloss.
func (e *FileError) reason() string {
	err := e.Err
	switch {
	case errors.Is(err, fs.ErrNotExist) && e.Op == OpRead:
		return "文件不存在"
	case errors.Is(err, fs.ErrNotExist):
		return "所在目录不存在"
	case errors.Is(err, syscall.EISDIR):
		return "这是一个目录，不是文件"
	case errors.Is(err, syscall.ENOTDIR) && e.Op == OpMkdir:
		return "路径上已有同名的文件，不能建为目录"
	case errors.Is(err, syscall.ENOTDIR):
		return "路径中有一级不是目录"
	case errors.Is(err, syscall.ENOSPC), isDiskFull(err):
		return "磁盘已满，请清理空间后重试"
	case errors.Is(err, syscall.EDQUOT):
		return "超出磁盘配额，请清理空间后重试"
	case errors.Is(err, syscall.EROFS), isWriteProtected(err):
		return "所在的文件系统是只读的，请换一个可写的位置"
	case isInUse(err):
		return "文件正被其他程序（如 Word、WPS）打开，请先关闭它"
	case errors.Is(err, fs.ErrPermission):
		return "没有权限"
	case errors.Is(err, syscall.ENAMETOOLONG):
		return "文件名过长"
	case errors.Is(err, syscall.ELOOP):
		return "符号链接循环"
	case errors.Is(err, fs.ErrExist):
		return "文件已存在"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return "系统错误（" + err.Error() + "）"
}

// AsFileError finds the file operation that failed inside err and tells
// it as a FileError: one made by this package as it is, or an *fs.PathError
// (from os.Open, os.ReadFile, os.MkdirAll …) with its path and operation.
func AsFileError(err error) (*FileError, bool) {
	var fe *FileError
	if errors.As(err, &fe) {
		return fe, true
	}
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		return nil, false
	}
	op := OpRead
	switch pe.Op {
	case "mkdir":
		op = OpMkdir
	case "write", "sync", "close", "chmod", "truncate", "rename", "createtemp", "remove":
		op = OpWrite
	case "open":
		// os.Create and os.OpenFile for writing also say "open"; a missing
		// file then means a missing directory, told by reason.
	}
	return &FileError{Op: op, Path: pe.Path, Err: pe.Err}, true
}

// mkdirAll is os.MkdirAll with the error told as a FileError.
func mkdirAll(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return &FileError{Op: OpMkdir, Path: dir, Err: err}
	}
	return nil
}
