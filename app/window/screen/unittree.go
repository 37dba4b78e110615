package screen

import (
	"context"
	"sync"

	"ketnghia/data"
	"ketnghia/data/rules"
)

// unitTree is the tree of units, with no yearly figure, that the lists of units read their
// places and classes from, and a unit's profile starts from. The window holds one, at the
// records' present state, shared by the screens that list units: on a national file it is
// 50 MB, and each screen read its own before.
type unitTree struct {
	ds       *data.Dataset // not changed once read
	stamp    int64         // the change log's last line it was read at (or is known to stand at)
	restores int64         // the store's restores before it was read (data.Store.Restores)
	mu       sync.Mutex    // the index keeps what it worked out: one goroutine at a time
	x        *rules.Index
}

// use runs fn with the tree's index, alone.
func (t *unitTree) use(fn func(x *rules.Index)) {
	t.mu.Lock()
	defer t.mu.Unlock()
	fn(t.x)
}

// trees holds the one tree (of the store last asked about) and the read in progress, if any.
var trees struct {
	mu      sync.Mutex
	st      *data.Store
	cur     *unitTree
	loading *treeRead
}

type treeRead struct {
	st       *data.Store
	stamp    int64
	restores int64
	done     chan struct{}
	t        *unitTree
	err      error
}

// currentTree is the tree when it is at the records' state stamp, or when nothing it was read
// from has been written since (a review, a draft saved); nil when it must be read.
func currentTree(st *data.Store, stamp int64) *unitTree {
	trees.mu.Lock()
	t := trees.cur
	if trees.st != st || t == nil || t.stamp > stamp || t.restores != st.Restores() {
		trees.mu.Unlock()
		return nil
	}
	at := t.stamp
	trees.mu.Unlock()
	if at == stamp {
		return t
	}
	if changed, err := st.StructureChangedSince(context.Background(), at); err != nil || changed {
		return nil
	}
	trees.mu.Lock()
	defer trees.mu.Unlock()
	if trees.cur != t {
		return nil
	}
	if t.stamp < stamp {
		t.stamp = stamp // the same tree, at the later state
	}
	return t
}

// heavy lets one large read of a national-scale file run at a time in the window (the tree of
// units, a year's dashboard computed afresh): each holds 50–130 MB while it reads, and the two at
// once took the window past 300 MB after an edit.
var heavy sync.Mutex

// treeOf returns the tree at the records' present state, reading it when it is not: one read at
// a time, which every screen asking meanwhile waits for. Off the UI thread.
func treeOf(st *data.Store) (*unitTree, error) {
	stamp, err := st.DataStamp(context.Background())
	if err != nil {
		return nil, err
	}
	if t := currentTree(st, stamp); t != nil {
		return t, nil
	}
	trees.mu.Lock()
	restores := st.Restores()
	if r := trees.loading; r != nil && r.st == st && r.stamp == stamp && r.restores == restores {
		trees.mu.Unlock()
		<-r.done
		return r.t, r.err
	}
	r := &treeRead{st: st, stamp: stamp, restores: restores, done: make(chan struct{})}
	trees.loading = r
	if trees.st != st {
		trees.st, trees.cur = st, nil // another file's tree is of no more use
	} else if c := trees.cur; c != nil && (c.stamp < stamp || c.restores != restores) && len(c.ds.Units) >= largeTree {
		trees.cur = nil // out of date: a large one is let go before the next is read
	}
	trees.mu.Unlock()

	heavy.Lock()
	ds, err := st.StructureDataset(context.Background())
	if err == nil {
		r.t = &unitTree{ds: ds, stamp: stamp, restores: restores, x: rules.NewIndex(ds)}
	}
	heavy.Unlock()
	r.err = err
	trees.mu.Lock()
	if trees.loading == r {
		trees.loading = nil
	}
	if c := trees.cur; err == nil && trees.st == st && (c == nil || c.stamp <= stamp || c.restores != restores) {
		trees.cur = r.t
	}
	trees.mu.Unlock()
	close(r.done)
	return r.t, r.err
}

// largeTree is the number of units from which an out-of-date tree is let go before a large read:
// a national-scale file's (91,000 units, 41–47 MB with its index); a province's (1,000) is kept.
var largeTree = 20_000

// largeJob runs job as one of the window's large reads (a year's dashboard computed afresh, a
// committee document, a draft drafted from the figures, the tree of units): one at a time, each
// holding 20–130 MB while it reads on a national-scale file; two at once took the window past
// 300 MB. A current tree is kept through it: the lists hold its units, so letting it go only made
// the tree be read a second time beside them (two trees, 350–360 MB after a review was saved).
func largeJob[T any](job func() (T, error)) (T, error) {
	heavy.Lock()
	defer heavy.Unlock()
	return job()
}

// dropLargeTree lets the tree of st go when it is large: for a tree out of date, before a large
// read that does not use it.
func dropLargeTree(st *data.Store) {
	trees.mu.Lock()
	defer trees.mu.Unlock()
	if trees.st == st && trees.cur != nil && len(trees.cur.ds.Units) >= largeTree {
		trees.cur = nil
	}
}

// ReadTreeSoon reads the tree of units of st off the UI thread, when it is not read at the data's
// present state: the lists then show their columns at once when opened.
func ReadTreeSoon(st *data.Store) { Background(func() { _, _ = treeOf(st) }) }

// ForgetTree drops the tree of st: after a restore the change log's last line may be the same
// number over other records.
func ForgetTree(st *data.Store) {
	trees.mu.Lock()
	defer trees.mu.Unlock()
	if trees.st == st {
		trees.cur = nil
	}
}
