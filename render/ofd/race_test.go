package ofd

import (
	"bytes"
	"sync"
	"testing"
)

// TestConcurrent writes the same pages from several goroutines, as a
// batch does: parsed fonts and compressors are shared, the results equal.
func TestConcurrent(t *testing.T) {
	s := samples(t)[0]
	var wg sync.WaitGroup
	out := make([][]byte, 4)
	for i := range out {
		wg.Go(func() {
			var b bytes.Buffer
			if err := Write(&b, s.pages, s.doc.Meta, Options{}); err != nil {
				t.Error(err)
			}
			out[i] = b.Bytes()
		})
	}
	wg.Wait()
	for i := range out {
		if !bytes.Equal(out[i], s.ofd) {
			t.Errorf("goroutine %d wrote different bytes", i)
		}
	}
}
