package startgc

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestACommandGoesAtTheUsualPaceOnceItKeepsMuch: a command keeps the start's pace while the data
// it keeps alive is small, and goes at the usual pace after the first collection that finds more
// than the limit alive, so that a large command's memory stays near twice what it keeps.
func TestACommandGoesAtTheUsualPaceOnceItKeepsMuch(t *testing.T) {
	set := make(chan int, 4)
	defer func(f func(int)) { setPercent = f }(setPercent)
	setPercent = func(p int) { set <- p }
	defer debug.SetGCPercent(debug.SetGCPercent(startPercent))

	// Little kept alive: several collections, the pace is left alone.
	watch(1 << 30)
	for range 3 {
		runtime.GC()
		time.Sleep(20 * time.Millisecond) // the finalizer's goroutine looks meanwhile
	}
	select {
	case p := <-set:
		t.Fatalf("the pace was set to %d while the command kept little", p)
	default:
	}

	// More than the limit kept alive: the next collection gives the usual pace back.
	kept := make([][]byte, 64)
	for i := range kept {
		kept[i] = make([]byte, 256<<10)
	}
	watch(8 << 20)
	runtime.GC()
	select {
	case p := <-set:
		if p != usualPercent {
			t.Errorf("the pace was set to %d, want %d", p, usualPercent)
		}
	case <-time.After(5 * time.Second):
		t.Errorf("16 MB were kept alive over a limit of 8 MB and the pace was not set back (live heap %d bytes)", liveHeap())
	}
	runtime.KeepAlive(kept)
}

func TestTheLiveHeapIsRead(t *testing.T) {
	kept := make([]byte, 8<<20)
	runtime.GC()
	if got := liveHeap(); got < 8<<20 {
		t.Errorf("live heap %d bytes with 8 MB kept alive", got)
	}
	runtime.KeepAlive(kept)
}
