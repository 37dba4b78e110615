//go:build !windows

package platform

import "fyne.io/fyne/v2"

// FixTypedBackspace is needed on Windows only (see backspace_windows.go).
func FixTypedBackspace(fyne.Window) {}
