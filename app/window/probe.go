package window

import (
	"ketnghia/app/window/widgets"
	"ketnghia/data/safefile"
)

// probeTyping writes the entry's value to path after every change (safely: a reader never sees half
// a value). It exists for the Windows typing test.
func probeTyping(e *widgets.TextEntry, path string) {
	prev := e.OnChanged
	e.OnChanged = func(s string) {
		if prev != nil {
			prev(s)
		}
		_ = safefile.Write(path, []byte(e.Value()))
	}
}
