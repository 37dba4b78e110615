//go:build !windows

package app

import "fyne.io/fyne/v2"

// Elsewhere Fyne's window size (kept by NewMainWindow) is all there is to remember.
func placementOf(fyne.Window) string       { return "" }
func restorePlacement(fyne.Window, string) {}
