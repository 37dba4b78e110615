//go:build linux && cgo

package platform

/*
#include <malloc.h>
*/
import "C"

// TrimNativeHeap hands back to the system the memory the C side (the OpenGL driver, GLFW) has
// freed: glibc keeps it in its heap otherwise, and the window's memory only grew screen by screen.
func TrimNativeHeap() { C.malloc_trim(0) }
