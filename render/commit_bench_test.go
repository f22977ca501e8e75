package render

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

var benchDir = flag.String("benchdir", "", "directory the write benchmarks write into (default: a temporary directory; try /dev/shm for tmpfs)")

// benchFiles is one group as batch makes it: 32 reports, a 320 KB PDF and
// a 13 KB DOCX each.
func benchFiles(b *testing.B) (dir string, paths []string, data [][]byte) {
	dir = b.TempDir()
	if *benchDir != "" {
		var err error
		if dir, err = os.MkdirTemp(*benchDir, "nianbao-bench-"); err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { os.RemoveAll(dir) })
	}
	pdf, docx := make([]byte, 320<<10), make([]byte, 13<<10)
	for i := range 32 {
		paths = append(paths, filepath.Join(dir, strconv.Itoa(i)+".pdf"), filepath.Join(dir, strconv.Itoa(i)+".docx"))
		data = append(data, pdf, docx)
	}
	return dir, paths, data
}

// BenchmarkWriteOneByOne writes the group as nianbao did before group
// commit: each file synced, renamed and its directory synced in turn.
func BenchmarkWriteOneByOne(b *testing.B) {
	_, paths, data := benchFiles(b)
	for b.Loop() {
		for i, p := range paths {
			if err := WriteFile(p, data[i]); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(paths)/2)/1000, "ms/report")
}

// BenchmarkWriteGroup writes the same files as one group commit.
func BenchmarkWriteGroup(b *testing.B) {
	_, paths, data := benchFiles(b)
	for b.Loop() {
		if err := WriteFiles(paths, data); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(paths)/2)/1000, "ms/report")
}
