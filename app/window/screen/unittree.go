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
	ds    *data.Dataset // not changed once read
	stamp int64         // the change log's last line it was read at
	mu    sync.Mutex    // the index keeps what it worked out: one goroutine at a time
	x     *rules.Index
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
	st    *data.Store
	stamp int64
	done  chan struct{}
	t     *unitTree
	err   error
}

// currentTree is the tree when it is at the records' state stamp; nil when it must be read.
func currentTree(st *data.Store, stamp int64) *unitTree {
	trees.mu.Lock()
	defer trees.mu.Unlock()
	if trees.st == st && trees.cur != nil && trees.cur.stamp == stamp {
		return trees.cur
	}
	return nil
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
	trees.mu.Lock()
	if trees.st == st && trees.cur != nil && trees.cur.stamp == stamp {
		t := trees.cur
		trees.mu.Unlock()
		return t, nil
	}
	if r := trees.loading; r != nil && r.st == st && r.stamp == stamp {
		trees.mu.Unlock()
		<-r.done
		return r.t, r.err
	}
	r := &treeRead{st: st, stamp: stamp, done: make(chan struct{})}
	trees.loading = r
	if trees.st != st {
		trees.st, trees.cur = st, nil // another file's tree is of no more use
	}
	trees.mu.Unlock()

	heavy.Lock()
	ds, err := st.StructureDataset(context.Background())
	if err == nil {
		r.t = &unitTree{ds: ds, stamp: stamp, x: rules.NewIndex(ds)}
	}
	heavy.Unlock()
	r.err = err
	trees.mu.Lock()
	if trees.loading == r {
		trees.loading = nil
	}
	if err == nil && trees.st == st && (trees.cur == nil || trees.cur.stamp <= stamp) {
		trees.cur = r.t
	}
	trees.mu.Unlock()
	close(r.done)
	return r.t, r.err
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
