package docx

import (
	"bytes"
	"fmt"
	"sync"
	"testing"

	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/style"
)

// TestKeptParts checks that parts kept deflated from one package never
// stand in for another's: every fixture in both styles, with the default
// and with overridden font names (which change styles.xml and
// fontTable.xml), is written with nothing kept, then again after all the
// others (most parts from the cache), and from several goroutines at once
// (run with -race): the bytes must be the same each time. The cache must
// have been used and stay within its bound.
func TestKeptParts(t *testing.T) {
	clearKept := keptParts.Clear
	override := Options{Fonts: map[fonts.Role]FontNames{fonts.Body: {EastAsia: "仿宋_GB2312"}, fonts.Latin: {Latin: "Arial"}}}
	type job struct {
		name string
		f    fixture
		s    *style.Style
		opts Options
	}
	var jobs []job
	for _, f := range fixtures(t) {
		for _, s := range styles {
			for k, opts := range []Options{{}, override} {
				jobs = append(jobs, job{fmt.Sprintf("%s/%s/%d", f.name, s.Name, k), f, s, opts})
			}
		}
	}
	fresh := make([][]byte, len(jobs))
	for i, j := range jobs {
		clearKept()
		fresh[i] = write(t, j.f.doc, j.s, j.opts)
	}
	clearKept()
	for range 2 {
		for i, j := range jobs {
			if got := write(t, j.f.doc, j.s, j.opts); !bytes.Equal(got, fresh[i]) {
				t.Errorf("%s: %d bytes after other packages, %d alone", j.name, len(got), len(fresh[i]))
			}
		}
	}
	n := keptParts.Len()
	if n == 0 || n > maxKeptParts {
		t.Errorf("%d parts kept, want 1…%d", n, maxKeptParts)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := g % 2; i < len(jobs); i += 2 {
				var b bytes.Buffer
				if err := Write(&b, jobs[i].f.doc, jobs[i].s, jobs[i].opts); err != nil {
					t.Errorf("%s: %v", jobs[i].name, err)
					continue
				}
				if !bytes.Equal(b.Bytes(), fresh[i]) {
					t.Errorf("%s: written concurrently, %d bytes; alone %d", jobs[i].name, b.Len(), len(fresh[i]))
				}
			}
		})
	}
	wg.Wait()
}
