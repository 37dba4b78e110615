//go:build !linux

package hugeheap

// asks: huge pages are asked for on Linux only.
const asks = false

// advise does nothing where the system has no huge pages to ask for.
func advise([]byte) bool { return false }
