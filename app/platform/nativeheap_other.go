//go:build !linux || !cgo

package platform

// TrimNativeHeap: other C libraries give freed memory back themselves.
func TrimNativeHeap() {}
