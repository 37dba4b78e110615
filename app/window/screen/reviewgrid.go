package screen

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// gridEntry is one editable cell of the review grid: Tab and Shift+Tab move right and left, Enter
// and Shift+Enter and the Up and Down arrows move down and up, and a block pasted from Excel (tabs
// and lines) fills the cells from this one.
type gridEntry struct {
	widget.Entry
	grid     *ReviewScreen
	row, col int
	binding  bool // setting the text from the model, not typed
	shift    bool
}

func newGridEntry(g *ReviewScreen) *gridEntry {
	e := &gridEntry{grid: g, row: -1}
	// The cell a refused row's message is about is marked (the theme's error colour, red in both
	// themes) from the moment it is known, without waiting for the cell to be left; with no
	// validator, a good cell shows no tick.
	e.AlwaysShowValidationError = true
	e.ExtendBaseWidget(e)
	e.OnChanged = func(text string) {
		if !e.binding && e.row >= 0 {
			g.setCell(e.row, e.col, text)
		}
	}
	return e
}

// AcceptsTab lets Tab reach TypedKey instead of moving Fyne's focus.
func (e *gridEntry) AcceptsTab() bool { return true }

// KeyDown and KeyUp follow Shift (a key event carries no modifiers).
func (e *gridEntry) KeyDown(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		e.shift = true
	}
	e.Entry.KeyDown(k)
}

func (e *gridEntry) KeyUp(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		e.shift = false
	}
	e.Entry.KeyUp(k)
}

func (e *gridEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyTab:
		if e.shift {
			e.grid.moveFocus(e.row, e.col, 0, -1)
		} else {
			e.grid.moveFocus(e.row, e.col, 0, 1)
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if e.shift {
			e.grid.moveFocus(e.row, e.col, -1, 0)
		} else {
			e.grid.moveFocus(e.row, e.col, 1, 0)
		}
	case fyne.KeyDown:
		e.grid.moveFocus(e.row, e.col, 1, 0)
	case fyne.KeyUp:
		e.grid.moveFocus(e.row, e.col, -1, 0)
	default:
		e.Entry.TypedKey(k)
	}
}

// TypedShortcut pastes a block copied from Excel across the cells; a single value pastes as usual.
func (e *gridEntry) TypedShortcut(s fyne.Shortcut) {
	if p, ok := s.(*fyne.ShortcutPaste); ok && p.Clipboard != nil {
		text := p.Clipboard.Content()
		if strings.ContainsAny(strings.TrimRight(text, "\r\n"), "\t\n") {
			e.grid.PasteBlock(e.row, e.col, text)
			return
		}
	}
	e.Entry.TypedShortcut(s)
}

// parseBlock splits text copied from a spreadsheet into rows of cells.
func parseBlock(text string) [][]string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.TrimRight(text, "\n")
	var out [][]string
	for _, line := range strings.Split(text, "\n") {
		out = append(out, strings.Split(line, "\t"))
	}
	return out
}
