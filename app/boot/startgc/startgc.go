// Package startgc sets the pace of the garbage collector while the program starts and, for a
// command run without the window, while what the command keeps is small.
//
// The start-up code of Fyne and the other libraries, and a report's fonts loaded meanwhile
// (boot.ketnghia/pdffonts), allocate ~10 MB in the program's first ~40 ms, most of which is kept;
// the collector, paced on a heap of 4 MB, ran two or three times in those milliseconds, on a
// heap that was nearly all in use. Until main calls Done, it waits for the heap to grow fourfold
// (GOGC=400) instead of twofold. A command then keeps that pace while the data it keeps alive
// stays under SmallLive (a report keeps at most ~22 MB alive: the 2024 book of the Kon Tum sample,
// or a province's book of the national sample); with its heap in huge pages
// (boot.ketnghia/hugeheap) a larger heap costs little more: the 2024 book 0,17 → 0,15 s, a profile
// 0,071 → 0,064 s. Past SmallLive (the national sample's checks and exchanges) it goes at the
// usual pace, so that a large command's memory stays near twice what it keeps. A GOGC set by the
// program is left as it is. Go initialises packages in the order of their import paths, each after
// what it imports (Go 1.21+): this package imports only the standard library and sorts before
// every library's package, so its init runs before their start-up code.
package startgc

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// The collector's pace while the program starts and while a command keeps little, and after.
const (
	startPercent = 400
	usualPercent = 100
)

// SmallLive is the live heap (bytes) up to which a command keeps the start's pace.
const SmallLive = 32 << 20

func init() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(startPercent)
	}
}

// Done ends the start. For the window (command false) the collector goes at its usual pace (the
// window then sets its own); for a command, at the start's pace until the data it keeps alive
// passes SmallLive, then at the usual pace.
func Done(command bool) {
	if os.Getenv("GOGC") != "" {
		return
	}
	if !command {
		debug.SetGCPercent(usualPercent)
		return
	}
	watch(SmallLive)
}

// sentinel is an object made only to be collected: its finalizer runs after each collection. It
// holds a pointer so that it is not packed with other small objects (whose finalizers may never
// run).
type sentinel struct{ _ *byte }

// watch looks at the live heap after every collection and gives the collector its usual pace
// back once it passes limit.
func watch(limit uint64) {
	runtime.SetFinalizer(&sentinel{}, func(*sentinel) {
		if liveHeap() > limit {
			setPercent(usualPercent)
			return
		}
		watch(limit)
	})
}

// setPercent sets the collector's pace (a test looks at it).
var setPercent = func(p int) { debug.SetGCPercent(p) }

// liveHeap is the heap the last collection found alive (bytes).
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
