//go:build !windows

package platform

import "fyne.io/fyne/v2"

// Elsewhere Fyne's window size (kept by NewMainWindow) is all there is to remember.
func PlacementOf(fyne.Window) string       { return "" }
func RestorePlacement(fyne.Window, string) {}
