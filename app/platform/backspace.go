package platform

// backspaceTracker decides which WM_CHAR 0x08 messages of a Windows window are backspaces that GLFW
// would drop (sent as characters by Unikey: no Backspace key-down before them) and which are the
// echo of a real Backspace key-down that GLFW already acted on. It is pure so that it is tested on
// every platform; backspace_windows.go feeds it the window's messages.
type backspaceTracker struct {
	// backDown: the last key-down was VK_BACK and its WM_CHAR 0x08 has not come yet.
	backDown bool
}

// Message numbers and the virtual key the tracker looks at (winuser.h).
const (
	msgKeyDown    = 0x0100
	msgKeyUp      = 0x0101
	msgChar       = 0x0102
	msgSysKeyDown = 0x0104
	keyBack       = 0x08
)

// convert is told every message in order and answers whether this one is a WM_CHAR 0x08 to turn
// into a Backspace key press. A held key repeats its key-down before each character, so auto-repeat
// passes through like a single press; Ctrl+Backspace sends WM_CHAR 0x7F, which is never converted.
func (t *backspaceTracker) convert(msg uint32, wParam uintptr) bool {
	switch msg {
	case msgKeyDown, msgSysKeyDown:
		t.backDown = wParam == keyBack
	case msgChar:
		echo := t.backDown
		t.backDown = false
		return wParam == keyBack && !echo
	}
	return false
}
