//go:build windows

package app

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
	"golang.org/x/sys/windows"
)

// Unikey and EVKey correct a word by sending backspaces as WM_CHAR 0x08 and then the composed
// letter. GLFW 3.3 drops characters below 32 (glfw PR #2369), so "hà nội" arrived as "haà noôiội".
// Subclassing the window procedure turns each WM_CHAR 0x08 into a real Backspace key press, handed
// to GLFW's own procedure in order with what follows.

var (
	user32              = windows.NewLazySystemDLL("user32.dll")
	procSetWindowLongPt = user32.NewProc("SetWindowLongPtrW")
	procCallWindowProc  = user32.NewProc("CallWindowProcW")

	subclassed = map[uintptr]uintptr{} // window → its original procedure
	subMu      sync.Mutex
	wndProcCB  = windows.NewCallback(backspaceWndProc)
)

const (
	gwlpWndProc = ^uintptr(3) // GWLP_WNDPROC = -4
	wmKeyDown   = 0x0100
	wmKeyUp     = 0x0101
	wmChar      = 0x0102
	vkBack      = 0x08
	backScan    = 0x0E << 16 // the Backspace key's scan code, in lParam bits 16–23
)

// FixTypedBackspace installs the fix on a shown window (call it once the window exists).
func FixTypedBackspace(w fyne.Window) {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return
	}
	nw.RunNative(func(ctx any) {
		var hwnd uintptr
		switch c := ctx.(type) {
		case driver.WindowsWindowContext:
			hwnd = c.HWND
		case *driver.WindowsWindowContext:
			hwnd = c.HWND
		}
		if hwnd == 0 {
			return
		}
		subMu.Lock()
		defer subMu.Unlock()
		if _, done := subclassed[hwnd]; done {
			return
		}
		orig, _, _ := procSetWindowLongPt.Call(hwnd, gwlpWndProc, wndProcCB)
		if orig != 0 {
			subclassed[hwnd] = orig
		}
	})
}

func backspaceWndProc(hwnd, msg, wParam, lParam uintptr) uintptr {
	subMu.Lock()
	orig := subclassed[hwnd]
	subMu.Unlock()
	if msg == wmChar && wParam == vkBack {
		procCallWindowProc.Call(orig, hwnd, wmKeyDown, vkBack, 1|backScan)
		procCallWindowProc.Call(orig, hwnd, wmKeyUp, vkBack, 1|backScan|1<<30|1<<31)
		return 0
	}
	r, _, _ := procCallWindowProc.Call(orig, hwnd, msg, wParam, lParam)
	return r
}
