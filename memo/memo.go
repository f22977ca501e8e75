// Package memo keeps what one report of a batch leaves for the next, in
// two shapes. Map is the bounded map of the process-wide caches: what a
// batch works out again and again for every report (the cells of the
// form's tables, the widths of its texts, the parts of a DOCX that do not
// depend on the report) is kept by what it depends on, read by concurrent
// workers, and dropped all at once when the map is full, so that it holds
// what the reports being rendered now have in common and never grows
// without bound. Free is the free list of things worth reusing
// (compressors, large buffers).
package memo

import "sync"

// Map maps keys to values, at most Max of them; the zero Map with Max set
// is ready to use. Values are shared by every reader: what is put must not
// be changed afterwards.
type Map[K comparable, V any] struct {
	Max int

	mu sync.RWMutex
	m  map[K]V
}

// Get returns the value kept for k.
func (c *Map[K, V]) Get(k K) (V, bool) {
	c.mu.RLock()
	v, ok := c.m[k]
	c.mu.RUnlock()
	return v, ok
}

// Put keeps v for k; when the map holds Max values it is emptied first.
func (c *Map[K, V]) Put(k K, v V) {
	c.mu.Lock()
	if c.m == nil || len(c.m) >= c.Max {
		c.m = make(map[K]V)
	}
	c.m[k] = v
	c.mu.Unlock()
}

// Clear drops every value.
func (c *Map[K, V]) Clear() {
	c.mu.Lock()
	c.m = nil
	c.mu.Unlock()
}

// Len returns how many values are kept.
func (c *Map[K, V]) Len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.m)
}
