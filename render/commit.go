package render

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// A Commit writes files so that each appears under its final name complete
// or not at all, and makes many of them durable together (a group commit):
// Add writes each file to a temporary file beside its final name; Commit
// then syncs every temporary at once (from a pool of goroutines, so that the
// file system merges their journal commits), renames each over its final
// name, and syncs each directory once. A crash at any point leaves under a
// final name either the old file or the new one, complete: a name is
// renamed only after its data is on disk.
//
// A Commit is used by one goroutine at a time.
type Commit struct {
	files []pending
}

// pending is a file written to its temporary, not yet renamed.
type pending struct {
	tmp, path string
}

// TempPrefix starts the name of every temporary file nianbao writes; the
// process id follows, so that a later run can tell its own stale files (left
// by a run that was killed) from those of a run still going.
const TempPrefix = ".nianbao-"

// tempSuffix ends it. Prefix, pid and suffix are short so that a 255-byte
// final name still leaves room.
const tempSuffix = ".tmp"

// tempPattern is the os.CreateTemp pattern of this process.
var tempPattern = TempPrefix + strconv.Itoa(os.Getpid()) + "-*" + tempSuffix

// Add writes data to a temporary file beside path. Nothing is visible under
// path until Commit. On error nothing is left behind.
func (c *Commit) Add(path string, data []byte) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), tempPattern)
	if err != nil {
		return &FileError{Op: OpWrite, Path: path, Err: err}
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
			err = &FileError{Op: OpWrite, Path: path, Err: err}
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Chmod(0o644); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	c.files = append(c.files, pending{tmp: f.Name(), path: path})
	return nil
}

// Len is the number of files added and not yet committed.
func (c *Commit) Len() int { return len(c.files) }

// Append moves the files of o into c, after c's own, so that one Commit
// makes both durable; o is left empty.
func (c *Commit) Append(o *Commit) {
	c.files = append(c.files, o.files...)
	o.files = nil
}

// syncWorkers is how many temporaries are synced at once. ext4 and XFS
// merge concurrent fsyncs into one journal commit, so a group of files
// costs about one disk flush instead of one each; more than 16 at a time
// did not commit faster on the 2-core test machine.
const syncWorkers = 16

// Commit makes every added file durable under its final name and returns
// one error per file, in the order added (nil where the file is in place).
// A file whose data could not be synced is not renamed: its old version,
// if any, stays. c is empty afterwards.
func (c *Commit) Commit() []error {
	files := c.files
	c.files = nil
	errs := make([]error, len(files))
	if len(files) == 0 {
		return errs
	}
	// 1. Data: every temporary on disk.
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(syncWorkers, len(files)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				errs[i] = syncFile(files[i].tmp)
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	// 2. Names: each synced file replaces its final name.
	dirs := map[string]bool{}
	for i, p := range files {
		if errs[i] == nil {
			errs[i] = os.Rename(p.tmp, p.path)
		}
		if errs[i] != nil {
			os.Remove(p.tmp)
			errs[i] = &FileError{Op: OpWrite, Path: p.path, Err: errs[i]}
			continue
		}
		dirs[filepath.Dir(p.path)] = true
	}
	// 3. The renames themselves, once per directory; not every system can
	// sync a directory, and the files are in place either way.
	for dir := range dirs {
		if d, err := os.Open(dir); err == nil {
			d.Sync()
			d.Close()
		}
	}
	return errs
}

// syncFile flushes a closed file's data to disk.
func syncFile(name string) error {
	f, err := os.OpenFile(name, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Abort removes the temporaries of every file added and not committed.
func (c *Commit) Abort() {
	for _, p := range c.files {
		os.Remove(p.tmp)
	}
	c.files = nil
}

// WriteFile writes data to path atomically and durably: the file under
// path is either its old self or complete, whatever happens.
func WriteFile(path string, data []byte) error {
	var c Commit
	if err := c.Add(path, data); err != nil {
		return err
	}
	return c.Commit()[0]
}

// WriteFiles writes files (path → data) as one group commit; it returns
// the first error, and writes none of the files when one cannot be
// written to its temporary.
func WriteFiles(paths []string, data [][]byte) error {
	var c Commit
	for i, p := range paths {
		if err := c.Add(p, data[i]); err != nil {
			c.Abort()
			return err
		}
	}
	return errors.Join(c.Commit()...)
}

// staleAge is how old a temporary file without a process id (as written by
// nianbao before it named them by process) must be before RemoveStale
// takes it for stale: no run keeps a temporary for more than a few seconds.
const staleAge = time.Hour

// RemoveStale removes from dir the temporary files that nianbao runs left
// behind when they were killed: those whose process is gone. It returns
// the names removed. Temporaries of a run still going are left alone.
func RemoveStale(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, &FileError{Op: OpRead, Path: dir, Err: err}
	}
	var removed []string
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, TempPrefix) || !strings.HasSuffix(name, tempSuffix) {
			continue
		}
		if !stale(name, e) {
			continue
		}
		if err := os.Remove(filepath.Join(dir, name)); err == nil {
			removed = append(removed, name)
		}
	}
	return removed, nil
}

// stale reports whether the temporary file name belongs to no live run.
func stale(name string, e os.DirEntry) bool {
	rest := strings.TrimSuffix(strings.TrimPrefix(name, TempPrefix), tempSuffix)
	if pidText, _, ok := strings.Cut(rest, "-"); ok {
		if pid, err := strconv.Atoi(pidText); err == nil && pid > 0 {
			return pid != os.Getpid() && !processAlive(pid)
		}
	}
	fi, err := e.Info()
	return err == nil && time.Since(fi.ModTime()) > staleAge
}
