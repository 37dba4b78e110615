//go:build !linux || !cgo

package app

// trimNativeHeap: other C libraries give freed memory back themselves.
func trimNativeHeap() {}
