package widgets

import (
	"sync"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"ketnghia/app/vnkey"
	"ketnghia/data/vntext"
)

// Typing is the program's own Vietnamese typing switch (V/E, like Unikey's) and method. It is
// shared by every text field and remembered in the preferences.
type Typing struct {
	mu     sync.Mutex
	on     bool
	method vnkey.Method
	prefs  fyne.Preferences
	notify []func(on bool)
}

// Preference keys.
const (
	prefTypingOn     = "typing.vietnamese"
	prefTypingMethod = "typing.method"
)

// CurrentTyping is the switch every entry made by NewTextEntry follows.
var CurrentTyping = &Typing{}

// LoadTyping reads the switch from the application's preferences (off by default: with the
// Windows fix, Unikey itself works; the composer is for PCs where it does not).
func (t *Typing) LoadTyping(p fyne.Preferences) {
	t.mu.Lock()
	t.prefs = p
	t.on = p.BoolWithFallback(prefTypingOn, false)
	t.method = vnkey.Telex
	if p.StringWithFallback(prefTypingMethod, "telex") == "vni" {
		t.method = vnkey.VNI
	}
	t.mu.Unlock()
	t.changed()
}

// On reports whether the composer is on (V) and which method it uses.
func (t *Typing) On() (bool, vnkey.Method) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.on, t.method
}

// Set switches the composer and remembers it.
func (t *Typing) Set(on bool, m vnkey.Method) {
	t.mu.Lock()
	t.on, t.method = on, m
	if t.prefs != nil {
		t.prefs.SetBool(prefTypingOn, on)
		name := "telex"
		if m == vnkey.VNI {
			name = "vni"
		}
		t.prefs.SetString(prefTypingMethod, name)
	}
	t.mu.Unlock()
	t.changed()
}

// Toggle flips V/E.
func (t *Typing) Toggle() {
	on, m := t.On()
	t.Set(!on, m)
}

// OnChange registers a function told of every switch.
func (t *Typing) OnChange(f func(on bool)) {
	t.mu.Lock()
	t.notify = append(t.notify, f)
	t.mu.Unlock()
}

func (t *Typing) changed() {
	on, _ := t.On()
	t.mu.Lock()
	fs := append([]func(bool){}, t.notify...)
	t.mu.Unlock()
	for _, f := range fs {
		f(on)
	}
}

// TextEntry is the program's text field: a Fyne entry that composes Vietnamese from raw Telex or
// VNI keystrokes when the switch is on, and keeps its value in NFC.
type TextEntry struct {
	widget.Entry
	typing   *Typing
	raw      string // keystrokes of the word being composed
	composed string // what they gave, as it stands before the cursor
	// keyed and lastKey tell a keystroke from a character another program sent: a desktop window
	// sends each key press to TypedKey before its rune, named after the key ("A", "1"); characters
	// that Unikey or EVKey send (SendInput KEYEVENTF_UNICODE) arrive with an empty or unrelated
	// name. A driver that sends no key events at all (tests, mobile) types keystrokes only.
	keyed   bool
	lastKey fyne.KeyName
	// Plain fields (paths, codes, numbers, dates) take keys as they are: "usbD" stays "usbD".
	Plain bool
}

// NewTextEntry is the one constructor for every text field of the program, so that what all of
// them do with Vietnamese text is done in one place.
func NewTextEntry(placeholder string) *TextEntry {
	e := &TextEntry{}
	initTextEntry(e, e, placeholder)
	return e
}

// initTextEntry makes e the program's text field inside the widget w (e itself, or a widget
// built on it such as a Picker).
func initTextEntry(e *TextEntry, w fyne.Widget, placeholder string) {
	e.typing = CurrentTyping
	e.ExtendBaseWidget(w)
	e.SetPlaceHolder(placeholder)
}

// NewPlainEntry is NewTextEntry for what is never Vietnamese words: a path, a code, a number, a
// date; the Vietnamese switch leaves its keys as they are.
func NewPlainEntry(placeholder string) *TextEntry {
	e := NewTextEntry(placeholder)
	e.Plain = true
	return e
}

// NewMultiLineTextEntry is NewTextEntry for text of several lines (notes, descriptions).
func NewMultiLineTextEntry(placeholder string) *TextEntry {
	e := NewTextEntry(placeholder)
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	return e
}

func composable(r rune) bool {
	return r <= unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func wordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// TypedRune composes: with the switch on, a raw Latin letter or digit typed on the keyboard rewrites
// the word before the cursor; anything else (a space, a letter Unikey already composed, or a plain
// letter Unikey sent while correcting a word) is typed as it is, so nothing is composed twice.
func (e *TextEntry) TypedRune(r rune) {
	fromKeyboard := !e.keyed || keyTypes(e.lastKey, r)
	e.keyed = false
	on, method := e.typing.On()
	if !on || e.Plain || !composable(r) || !fromKeyboard || e.Disabled() {
		e.raw, e.composed = "", ""
		e.Entry.TypedRune(r)
		return
	}
	if e.SelectedText() != "" {
		// Typing over a selection replaces it, as in any field; the word begins with this key.
		e.Entry.TypedRune(r)
		e.raw, e.composed = string(r), string(r)
		return
	}
	runes := []rune(e.Text)
	pos := min(e.CursorTextOffset(), len(runes))
	start := pos
	for start > 0 && wordRune(runes[start-1]) {
		start--
	}
	before := string(runes[start:pos])
	if before != e.composed || e.raw == "" {
		// The cursor moved, or the word was edited: go on from the word as it stands.
		e.raw = vnkey.Decompose(before, method)
	}
	e.raw += string(r)
	out := vnkey.Compose(e.raw, method)
	e.composed = out
	text := string(runes[:start]) + out + string(runes[pos:])
	e.Entry.SetText(text)
	e.setCursor(start + len([]rune(out)))
}

// TypedKey forgets the word being composed when the cursor moves or text is deleted. (A desktop
// window also sends letter keys here, before their runes: those change nothing.)
func (e *TextEntry) TypedKey(k *fyne.KeyEvent) {
	e.keyed, e.lastKey = true, k.Name
	switch k.Name {
	case fyne.KeyBackspace, fyne.KeyDelete, fyne.KeyLeft, fyne.KeyRight, fyne.KeyUp, fyne.KeyDown,
		fyne.KeyHome, fyne.KeyEnd, fyne.KeyPageUp, fyne.KeyPageDown, fyne.KeyReturn, fyne.KeyEnter, fyne.KeyTab:
		e.raw, e.composed = "", ""
	}
	e.Entry.TypedKey(k)
}

// keyTypes reports whether the key named name types r: the letter keys are named by their capital,
// the digit keys by their digit.
func keyTypes(name fyne.KeyName, r rune) bool {
	return string(name) == string(unicode.ToUpper(r))
}

// ToggleShortcut switches Vietnamese typing on and off (Alt+Z, as in Unikey).
var ToggleShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierAlt}

// TypedShortcut lets the V/E switch work while a field has the focus (Fyne gives shortcuts to the
// focused widget first).
func (e *TextEntry) TypedShortcut(s fyne.Shortcut) {
	if s.ShortcutName() == ToggleShortcut.ShortcutName() {
		e.typing.Toggle()
		return
	}
	e.Entry.TypedShortcut(s)
}

// setCursor puts the cursor at a rune offset of the text. The entry's rows are the rows it draws:
// a long paragraph wrapped in a multi-line field is several rows without a newline, so the row is
// found from where each drawn row begins, not by counting newlines.
func (e *TextEntry) setCursor(offset int) {
	row := 0
	for r := 1; ; r++ {
		e.CursorRow, e.CursorColumn = r, 0
		begin := e.CursorTextOffset() // 0 past the last row
		if begin == 0 || begin > offset {
			break
		}
		row = r
	}
	e.CursorRow, e.CursorColumn = row, 0
	e.CursorColumn = offset - e.CursorTextOffset()
	e.Refresh()
}

// Value is the entry's text in NFC, trimmed.
func (e *TextEntry) Value() string { return vntext.NFC(e.Text) }

// typingLabel is the V/E indicator's text, in words: "bật (V, Telex)" or "tắt (E)", as Unikey
// shows V or E; a click or Alt+Z changes it.
func typingLabel(on bool, m vnkey.Method) string {
	name := "Telex"
	if m == vnkey.VNI {
		name = "VNI"
	}
	if on {
		return "bật (V, " + name + ")"
	}
	return "tắt (E)"
}

// NewTypingSwitch is the V/E button of the window (Alt+Z does the same).
func NewTypingSwitch(t *Typing) fyne.CanvasObject {
	b := widget.NewButton("", nil)
	update := func(bool) {
		on, m := t.On()
		b.SetText("Gõ tiếng Việt: " + typingLabel(on, m))
	}
	b.OnTapped = t.Toggle
	t.OnChange(func(on bool) { fyne.Do(func() { update(on) }) })
	update(false)
	methods := widget.NewSelect([]string{"Telex", "VNI"}, func(s string) {
		on, _ := t.On()
		m := vnkey.Telex
		if s == "VNI" {
			m = vnkey.VNI
		}
		t.Set(on, m)
	})
	if _, m := t.On(); m == vnkey.VNI {
		methods.SetSelected("VNI")
	} else {
		methods.SetSelected("Telex")
	}
	return container.NewHBox(b, methods)
}
