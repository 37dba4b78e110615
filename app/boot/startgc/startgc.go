// Package startgc lets the program start without collecting garbage it is still making.
//
// The start-up code of Fyne and the other libraries, and a report's fonts loaded meanwhile
// (boot.ketnghia/pdffonts), allocate ~10 MB in the program's first ~40 ms, most of which is kept;
// the collector, paced on a heap of 4 MB, ran two or three times in those milliseconds, on a
// heap that was nearly all in use. Until main calls Done, it waits for the heap to grow fourfold
// (GOGC=400) instead of twofold; then it goes at its usual pace. A GOGC set by the person running
// the program is left as it is. Go initialises packages in the order of their import paths, each
// after what it imports (Go 1.21+): this package imports only the standard library and sorts before
// every library's package, so its init runs before their start-up code.
package startgc

import (
	"os"
	"runtime/debug"
)

func init() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
}

// Done gives the collector its usual pace back (or the one GOGC asks for).
func Done() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(100)
	}
}
