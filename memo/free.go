package memo

// Free is a free list: things given back by one report for the next (a
// compressor, a large buffer). Unlike a sync.Pool, which every garbage
// collection empties (and a report's allocations run several), it keeps
// what it holds; it holds at most its capacity, a few more than the cores
// that render at once.
type Free[T any] struct{ ch chan T }

// NewFree returns a free list that holds at most n things.
func NewFree[T any](n int) *Free[T] { return &Free[T]{ch: make(chan T, n)} }

// Get returns a thing given back, if there is one.
func (f *Free[T]) Get() (T, bool) {
	select {
	case v := <-f.ch:
		return v, true
	default:
		var zero T
		return zero, false
	}
}

// Put gives v back; when the list is full, v is dropped.
func (f *Free[T]) Put(v T) {
	select {
	case f.ch <- v:
	default:
	}
}
