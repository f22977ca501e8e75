package batch

import (
	"context"
	"sync"

	"github.com/nianbao/nianbao/render"
)

// committer makes the outputs of many reports durable in groups (a group
// commit): a worker writes a report's files to their temporaries and hands
// them over; the committer takes everything handed over while its last
// group was being synced, and commits it as one render.Commit — one pass of
// parallel fsyncs, the renames, one directory sync. A worker never waits on
// the disk, and the disk sees a few large flushes instead of one flush and
// one directory sync per file.
//
// When ctx is cancelled, groups not yet started are aborted: their
// temporaries are removed and their reports told so.
type committer struct {
	ctx     context.Context
	mu      sync.Mutex
	waiting []commitJob
	wake    chan struct{} // a job is waiting
	closed  bool
	done    chan struct{} // the loop has finished every job
}

// commitJob is one report's files and what to do when they are in place
// (errs: one per file, nil when it is in place) or aborted.
type commitJob struct {
	files  *render.Commit
	finish func(errs []error, aborted bool)
}

// maxGroup bounds a group, so that its temporaries stay few: a group is at
// most maxGroup files held open by the sync pool one after another.
const maxGroup = 256

func newCommitter(ctx context.Context) *committer {
	c := &committer{ctx: ctx, wake: make(chan struct{}, 1), done: make(chan struct{})}
	go c.loop()
	return c
}

// submit hands a report's files over.
func (c *committer) submit(j commitJob) {
	c.mu.Lock()
	c.waiting = append(c.waiting, j)
	c.mu.Unlock()
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// close waits until every job submitted is committed or aborted.
func (c *committer) close() {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	select {
	case c.wake <- struct{}{}:
	default:
	}
	<-c.done
}

func (c *committer) loop() {
	defer close(c.done)
	for {
		c.mu.Lock()
		jobs, closed := c.take()
		c.mu.Unlock()
		if len(jobs) == 0 {
			if closed {
				return
			}
			<-c.wake
			continue
		}
		c.commit(jobs)
	}
}

// take removes the next group from the waiting jobs; c.mu is held.
func (c *committer) take() ([]commitJob, bool) {
	n, files := 0, 0
	for n < len(c.waiting) && (n == 0 || files+c.waiting[n].files.Len() <= maxGroup) {
		files += c.waiting[n].files.Len()
		n++
	}
	jobs := c.waiting[:n:n]
	c.waiting = c.waiting[n:]
	return jobs, c.closed && len(c.waiting) == 0
}

// commit makes one group durable and tells each job its outcome.
func (c *committer) commit(jobs []commitJob) {
	if c.ctx.Err() != nil {
		for _, j := range jobs {
			j.files.Abort()
			j.finish(nil, true)
		}
		return
	}
	var group render.Commit
	sizes := make([]int, len(jobs))
	for i, j := range jobs {
		sizes[i] = j.files.Len()
		group.Append(j.files)
	}
	errs := group.Commit()
	for i, j := range jobs {
		j.finish(errs[:sizes[i]], false)
		errs = errs[sizes[i]:]
	}
}
