//go:build windows

package platform

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
	"golang.org/x/sys/windows"
)

// Unikey and EVKey correct a word by sending backspaces as characters (SendInput with
// KEYEVENTF_UNICODE: WM_KEYDOWN VK_PACKET, then WM_CHAR 0x08) and then the composed letter. GLFW 3.3
// drops characters below 32 (glfw PR #2369), so "hà nội" arrived as "haà noôiội". Subclassing the
// window procedure turns such a WM_CHAR 0x08 into a real Backspace key press, handed to GLFW's own
// procedure in order with what follows.
//
// A real Backspace key (and input methods that send VK_BACK key events) arrives as WM_KEYDOWN
// VK_BACK, which GLFW acts on, and then, through TranslateMessage, as WM_CHAR 0x08 too: that one
// must pass through untouched, or one press deletes two characters. So the procedure remembers,
// per window, whether the last key-down was VK_BACK and not yet followed by its character.

var (
	user32              = windows.NewLazySystemDLL("user32.dll")
	procSetWindowLongPt = user32.NewProc("SetWindowLongPtrW")
	procCallWindowProc  = user32.NewProc("CallWindowProcW")

	subclassed = map[uintptr]*subclass{} // window → its original procedure and key state
	subMu      sync.Mutex
	wndProcCB  = windows.NewCallback(backspaceWndProc)
)

type subclass struct {
	orig    uintptr
	tracker backspaceTracker
}

const (
	gwlpWndProc = ^uintptr(3) // GWLP_WNDPROC = -4
	backScan    = 0x0E << 16  // the Backspace key's scan code, in lParam bits 16–23
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
			subclassed[hwnd] = &subclass{orig: orig}
		}
	})
}

func backspaceWndProc(hwnd, msg, wParam, lParam uintptr) uintptr {
	subMu.Lock()
	sc := subclassed[hwnd]
	convert := sc.tracker.convert(uint32(msg), wParam)
	subMu.Unlock()
	if convert {
		procCallWindowProc.Call(sc.orig, hwnd, msgKeyDown, keyBack, 1|backScan)
		procCallWindowProc.Call(sc.orig, hwnd, msgKeyUp, keyBack, 1|backScan|1<<30|1<<31)
		return 0
	}
	r, _, _ := procCallWindowProc.Call(sc.orig, hwnd, msg, wParam, lParam)
	return r
}
