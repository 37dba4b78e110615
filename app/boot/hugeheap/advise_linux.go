package hugeheap

import (
	"syscall"
	"unsafe"
)

// asks: Linux gives huge pages on request (transparent huge pages, "madvise" or "always").
const asks = true

const (
	hugePage     = 2 << 20
	madvHugePage = 14 // MADV_HUGEPAGE
)

// advise asks for huge pages for the whole 2 MB pages inside b.
func advise(b []byte) bool {
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	beg := (p + hugePage - 1) &^ (hugePage - 1)
	end := (p + uintptr(len(b))) &^ (hugePage - 1)
	if end <= beg {
		return false
	}
	return syscall.Madvise(b[beg-p:end-p], madvHugePage) == nil
}
