package app

import (
	"os"
	"path/filepath"
)

// probeTyping writes the entry's value to path after every change, through a temporary file and a
// rename so that a reader never sees half a value. It exists for the Windows typing test.
func probeTyping(e *TextEntry, path string) {
	prev := e.OnChanged
	e.OnChanged = func(s string) {
		if prev != nil {
			prev(s)
		}
		_ = writeProbe(path, e.Value())
	}
}

func writeProbe(path, value string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".probe-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(value); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
