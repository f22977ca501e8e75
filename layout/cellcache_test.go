package layout

import (
	"reflect"
	"sync"
	"testing"

	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/fixtures"
	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/style"
)

// cacheDocs is the fixtures and 20 synthetic reports.
func cacheDocs(t *testing.T) []*document.Document {
	all, err := fixtures.Documents()
	if err != nil {
		t.Fatal(err)
	}
	ds := synthDocs(t, 20)
	for _, f := range all {
		ds = append(ds, f.Doc)
	}
	return ds
}

// TestCellCacheSameLayout lays out each document with the cell cache
// empty, then all of them again one after the other, each with the cells
// the others left in the cache, then again from several goroutines at
// once: the pages must be the same, to the bit.
func TestCellCacheSameLayout(t *testing.T) {
	fs, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	ds := cacheDocs(t)
	for _, s := range []*style.Style{style.Gongwen, style.Template} {
		cold := make([][]Page, len(ds))
		for i, d := range ds {
			cells.Clear()
			if cold[i], err = Layout(d, s, fs); err != nil {
				t.Fatal(err)
			}
		}
		for i, d := range ds {
			warm, err := Layout(d, s, fs)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(warm, cold[i]) {
				t.Fatalf("%s: document %d laid out with the cells of the others differs from laid out alone", s.Name, i)
			}
		}
		cells.Clear()
		var wg sync.WaitGroup
		for g := range 4 {
			wg.Go(func() {
				for k := range ds {
					i := (k + g*len(ds)/4) % len(ds)
					pages, err := Layout(ds[i], s, fs)
					if err != nil {
						t.Error(err)
						return
					}
					if !reflect.DeepEqual(pages, cold[i]) {
						t.Errorf("%s: document %d laid out concurrently differs from laid out alone", s.Name, i)
					}
				}
			})
		}
		wg.Wait()
	}
}

// TestCellCacheBounded fills the cache with more distinct cells than it
// keeps: it never holds more than maxCachedCells.
func TestCellCacheBounded(t *testing.T) {
	defer cells.Clear()
	ct := cellText{p: newPara(fakeGlyphs("12"))}
	for i := range maxCachedCells + 10 {
		keepCell(cellKey{text: itoa(i), kind: form.Value}, ct)
		if n := cells.Len(); n > maxCachedCells {
			t.Fatalf("after %d cells the cache holds %d, more than %d", i+1, n, maxCachedCells)
		}
	}
	if _, ok := cells.Get(cellKey{text: itoa(maxCachedCells + 9), kind: form.Value}); !ok {
		t.Errorf("the last cell put is not in the cache")
	}
}
