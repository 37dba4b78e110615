//go:build !windows

package app

import "fyne.io/fyne/v2"

// Elsewhere Fyne's window size (kept by NewMainWindow) is all there is to remember.
func savePlacement(fyne.Window, fyne.Preferences)    {}
func restorePlacement(fyne.Window, fyne.Preferences) {}
