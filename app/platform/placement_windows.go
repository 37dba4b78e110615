//go:build windows

package platform

import (
	"fmt"
	"unsafe"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
)

// Fyne has no window position or maximised state: on Windows they are read and set through the
// window's handle (GetWindowPlacement / SetWindowPlacement, physical pixels), and kept in the
// preferences. Windows itself moves a restored placement back onto a screen if the monitor is gone.

var (
	procGetWindowPlacement = user32.NewProc("GetWindowPlacement")
	procSetWindowPlacement = user32.NewProc("SetWindowPlacement")
)

type winPoint struct{ X, Y int32 }
type winRect struct{ Left, Top, Right, Bottom int32 }

type windowPlacement struct {
	Length     uint32
	Flags      uint32
	ShowCmd    uint32
	MinPos     winPoint
	MaxPos     winPoint
	NormalRect winRect
}

func hwndOf(w fyne.Window) uintptr {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return 0
	}
	var hwnd uintptr
	nw.RunNative(func(ctx any) {
		switch c := ctx.(type) {
		case driver.WindowsWindowContext:
			hwnd = c.HWND
		case *driver.WindowsWindowContext:
			hwnd = c.HWND
		}
	})
	return hwnd
}

// PlacementOf says where the window is and whether it is maximised ("" when Windows does not say).
func PlacementOf(w fyne.Window) string {
	hwnd := hwndOf(w)
	if hwnd == 0 {
		return ""
	}
	wp := windowPlacement{Length: uint32(unsafe.Sizeof(windowPlacement{}))}
	if ok, _, _ := procGetWindowPlacement.Call(hwnd, uintptr(unsafe.Pointer(&wp))); ok == 0 {
		return ""
	}
	r := wp.NormalRect
	return fmt.Sprintf("%d,%d,%d,%d,%d", r.Left, r.Top, r.Right, r.Bottom, wp.ShowCmd)
}

// RestorePlacement puts the window back where it was (maximised if it was).
func RestorePlacement(w fyne.Window, placement string) {
	var r winRect
	var show uint32
	if n, _ := fmt.Sscanf(placement, "%d,%d,%d,%d,%d", &r.Left, &r.Top, &r.Right, &r.Bottom, &show); n != 5 {
		return
	}
	if r.Right-r.Left < 400 || r.Bottom-r.Top < 300 {
		return
	}
	const swShowNormal, swShowMaximized = 1, 3
	if show != swShowMaximized {
		show = swShowNormal
	}
	hwnd := hwndOf(w)
	if hwnd == 0 {
		return
	}
	wp := windowPlacement{Length: uint32(unsafe.Sizeof(windowPlacement{})), ShowCmd: show, NormalRect: r}
	procSetWindowPlacement.Call(hwnd, uintptr(unsafe.Pointer(&wp)))
}
