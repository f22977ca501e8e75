package memo

import (
	"sync"
	"testing"
)

func TestMap(t *testing.T) {
	m := Map[string, int]{Max: 3}
	if _, ok := m.Get("a"); ok {
		t.Fatal("empty map has a")
	}
	for i, k := range []string{"a", "b", "c"} {
		m.Put(k, i)
	}
	if v, ok := m.Get("b"); !ok || v != 1 || m.Len() != 3 {
		t.Fatalf("Get(b) = %d, %v; Len %d; want 1, true; 3", v, ok, m.Len())
	}
	m.Put("d", 3) // full: starts again empty
	if _, ok := m.Get("a"); ok || m.Len() != 1 {
		t.Fatalf("after a fourth value: a kept or Len %d, want emptied to 1", m.Len())
	}
	if v, _ := m.Get("d"); v != 3 {
		t.Fatalf("Get(d) = %d, want 3", v)
	}
}

// TestMapConcurrent runs readers and writers at once (go test -race).
func TestMapConcurrent(t *testing.T) {
	m := Map[int, int]{Max: 50}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 1000 {
				if v, ok := m.Get(i % 97); ok && v != (i%97)*2 {
					t.Errorf("Get(%d) = %d", i%97, v)
				}
				m.Put((i+g)%97, ((i+g)%97)*2)
			}
		}()
	}
	wg.Wait()
	if n := m.Len(); n > 50 {
		t.Errorf("Len %d, want at most 50", n)
	}
}

func TestFree(t *testing.T) {
	f := NewFree[*int](2)
	if _, ok := f.Get(); ok {
		t.Fatal("Get on an empty list gave something")
	}
	a, b, c := new(int), new(int), new(int)
	f.Put(a)
	f.Put(b)
	f.Put(c) // full: dropped
	got := map[*int]bool{}
	for range 3 {
		if v, ok := f.Get(); ok {
			got[v] = true
		}
	}
	if len(got) != 2 || !got[a] || !got[b] || got[c] {
		t.Errorf("got back %v, want a and b only", got)
	}
}
