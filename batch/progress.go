package batch

import (
	"fmt"
	"io"
	"path/filepath"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progress shows how far a run is: a bar on a terminal, one line per report
// otherwise ("[12/300] 乐清市司法局 2021 成功"), so that logs of a run read well.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	bar   *progressbar.ProgressBar
	n, of int
}

// barThrottle keeps the bar from redrawing for every report of a fast run.
const barThrottle = 100 * time.Millisecond

func newProgress(w io.Writer, terminal bool, of int) *progress {
	p := &progress{w: w, of: of}
	if w != nil && terminal {
		p.bar = progressbar.NewOptions(of,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription("生成报告"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(barThrottle),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionClearOnFinish(),
		)
	}
	return p
}

// done records one finished report.
func (p *progress) done(r *Row) {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n++
	if p.bar != nil {
		p.bar.Add(1)
		return
	}
	name := r.Agency
	if name == "" {
		name = filepath.Base(r.File)
	}
	year := ""
	if r.Year != 0 {
		year = fmt.Sprintf(" %d", r.Year)
	}
	fmt.Fprintf(p.w, "[%d/%d] %s%s %s\n", p.n, p.of, name, year, statusText[r.Status])
}

func (p *progress) finish() {
	if p.bar != nil {
		p.mu.Lock()
		p.bar.Finish()
		p.mu.Unlock()
	}
}
