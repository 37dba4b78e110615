package data

import (
	"context"
	"sync"
)

// The one notice that the records changed: every write that commits and makes the change log
// grow (a save on any screen, an Excel or package import, an undo, a restore) tells every view
// registered, so that none shows a figure from before it.
type listeners struct {
	mu   sync.Mutex
	next int
	fns  map[int]func()
	seq  int64 // the change log's last line when the views were last told
}

// OnDataChanged registers fn, told after each write that changed records; fn runs on the writing
// goroutine, after the commit (a window hands it to its UI thread). The func returned unregisters.
func (s *Store) OnDataChanged(fn func()) (stop func()) {
	l := &s.listeners
	seq := s.lastChange()
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.fns == nil {
		l.fns, l.seq = map[int]func(){}, seq
	}
	id := l.next
	l.next++
	l.fns[id] = fn
	return func() {
		l.mu.Lock()
		delete(l.fns, id)
		l.mu.Unlock()
	}
}

// dataWritten tells the views when a committed write made the change log grow (settings, kept
// dashboards and other bookkeeping do not).
func (s *Store) dataWritten() {
	l := &s.listeners
	l.mu.Lock()
	if len(l.fns) == 0 {
		l.mu.Unlock()
		return
	}
	l.mu.Unlock()
	seq := s.lastChange()
	l.mu.Lock()
	if seq == l.seq {
		l.mu.Unlock()
		return
	}
	l.seq = seq
	fns := make([]func(), 0, len(l.fns))
	for _, fn := range l.fns {
		fns = append(fns, fn)
	}
	l.mu.Unlock()
	for _, fn := range fns {
		fn()
	}
}

// lastChange is the number of the change log's last line (0 when there is none or it cannot be read).
func (s *Store) lastChange() int64 {
	n, _ := s.DataStamp(context.Background())
	return n
}

// Restores counts the restores made through this store (a backup restored, an import undone). A
// state stamp (DataStamp) names the data only between two of them: a restore may bring other
// records under the same change-log number, so what was worked out before one is read again.
func (s *Store) Restores() int64 { return s.restores.Load() }
