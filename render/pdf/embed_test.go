package pdf

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
)

// TestKeptPrograms checks that font programs kept from one document do
// not leak into another: every fixture is written with the faces' kept
// programs emptied, then again after all the others (when the programs of
// the fixed text come from the cache), and the bytes must be the same.
// Writing the fixtures twice in a row must also have hit the cache.
func TestKeptPrograms(t *testing.T) {
	fs := fixtures(t)
	clear := func() {
		faces.Range(func(_, v any) bool {
			pf := v.(*parsedFace)
			pf.mu.Lock()
			pf.kept = nil
			pf.mu.Unlock()
			return true
		})
	}
	fresh := make([][]byte, len(fs))
	for i, f := range fs {
		clear()
		fresh[i] = write(t, f, Options{Date: fixedDate})
	}
	clear()
	for range 2 {
		for i, f := range fs {
			if got := write(t, f, Options{Date: fixedDate}); !bytes.Equal(got, fresh[i]) {
				t.Errorf("%s: %d bytes after other documents, %d alone", f.name, len(got), len(fresh[i]))
			}
		}
	}
	kept := 0
	faces.Range(func(_, v any) bool {
		pf := v.(*parsedFace)
		pf.mu.Lock()
		for _, k := range pf.kept {
			if k.data != nil {
				kept++
			}
		}
		if len(pf.kept) > keptPrograms {
			t.Errorf("%s: %d programs kept, at most %d", pf.psName, len(pf.kept), keptPrograms)
		}
		pf.mu.Unlock()
		return true
	})
	if kept == 0 {
		t.Error("no font program kept")
	}
}

// TestWriteConcurrent writes the fixtures from several goroutines at once
// (the parsed faces, their kept programs and stripped glyphs are shared):
// each gives the bytes it gives alone. Run with -race.
func TestWriteConcurrent(t *testing.T) {
	fs := fixtures(t)
	want := make([][]byte, len(fs))
	for i, f := range fs {
		want[i] = write(t, f, Options{Date: fixedDate})
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for i, f := range fs {
				var buf bytes.Buffer
				if err := Write(&buf, f.pages, f.doc.Meta, Options{Date: fixedDate, Document: f.doc}); err != nil {
					t.Errorf("%s: %v", f.name, err)
					return
				}
				if !bytes.Equal(buf.Bytes(), want[i]) {
					t.Errorf("%s: written concurrently, %d bytes; alone, %d", f.name, buf.Len(), len(want[i]))
				}
			}
		})
	}
	wg.Wait()
}

// TestSortGlyphs checks sortGlyphs against slices.Sort on lists of
// distinct glyph IDs, short and long.
func TestSortGlyphs(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for _, n := range []int{0, 1, 2, 63, 64, 65, 400, 5000, 65535} {
		gids := make([]uint16, 0, n)
		for _, g := range r.Perm(65536)[:n] {
			gids = append(gids, uint16(g))
		}
		want := slices.Sorted(slices.Values(gids))
		sortGlyphs(gids)
		if !slices.Equal(gids, want) {
			t.Fatalf("%d glyphs: not in order", n)
		}
	}
}
