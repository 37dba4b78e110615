package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"golang.org/x/text/unicode/norm"

	"ketnghia/app/vnkey"
)

func typingFor(t *testing.T, on bool, m vnkey.Method) {
	t.Helper()
	a := test.NewTempApp(t)
	CurrentTyping.LoadTyping(a.Preferences())
	CurrentTyping.Set(on, m)
	t.Cleanup(func() { CurrentTyping.Set(false, vnkey.Telex) })
}

func TestEntryComposesTelex(t *testing.T) {
	typingFor(t, true, vnkey.Telex)
	e := NewTextEntry("")
	test.NewTempWindow(t, e)
	test.Type(e, "Ddawsk Row Nga, hoaf nooij ddwowngf")
	if e.Text != "Đắk Rơ Nga, hòa nội đường" {
		t.Errorf("typed %q", e.Text)
	}
	if !norm.NFC.IsNormalString(e.Text) {
		t.Error("entry text not NFC")
	}
}

func TestEntryComposesVNI(t *testing.T) {
	typingFor(t, true, vnkey.VNI)
	e := NewTextEntry("")
	test.NewTempWindow(t, e)
	test.Type(e, "nguye6n4 d9u7o7ng2")
	if e.Text != "nguyễn đường" {
		t.Errorf("typed %q", e.Text)
	}
}

func TestEntryOffKeepsKeystrokes(t *testing.T) {
	typingFor(t, false, vnkey.Telex)
	e := NewTextEntry("")
	test.NewTempWindow(t, e)
	test.Type(e, "nguyeenx")
	if e.Text != "nguyeenx" {
		t.Errorf("with E, typed %q", e.Text)
	}
}

func TestEntryKeepsUnikeyText(t *testing.T) {
	// Unikey on and the composer on: composed letters arrive and are kept as they are.
	typingFor(t, true, vnkey.Telex)
	e := NewTextEntry("")
	test.NewTempWindow(t, e)
	test.Type(e, "Đắk Tô")
	if e.Text != "Đắk Tô" {
		t.Errorf("typed %q", e.Text)
	}
}

func TestEntryComposesInTheMiddle(t *testing.T) {
	typingFor(t, true, vnkey.Telex)
	e := NewTextEntry("")
	test.NewTempWindow(t, e)
	e.SetText("Xã  Hà")
	e.CursorColumn = 3 // between the two spaces
	test.Type(e, "Vawn")
	if e.Text != "Xã Văn Hà" {
		t.Errorf("typed %q", e.Text)
	}
	// A moved cursor starts a new word; backspace forgets the word.
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	test.Type(e, "m")
	if e.Text != "Xã Vămn Hà" && e.Text != "Xã Văm Hà" {
		t.Errorf("after backspace %q", e.Text)
	}
}

func TestTypingSwitchRemembered(t *testing.T) {
	a := test.NewTempApp(t)
	CurrentTyping.LoadTyping(a.Preferences())
	CurrentTyping.Set(true, vnkey.VNI)
	defer CurrentTyping.Set(false, vnkey.Telex)
	other := &Typing{}
	other.LoadTyping(a.Preferences())
	if on, m := other.On(); !on || m != vnkey.VNI {
		t.Errorf("preferences gave %v %v", on, m)
	}
	sw := NewTypingSwitch(CurrentTyping)
	test.NewTempWindow(t, sw)
	if !canvasHasText(sw, "V (VNI)") {
		t.Error("switch does not show V (VNI)")
	}
}

func TestAltZInAField(t *testing.T) {
	typingFor(t, false, vnkey.Telex)
	e := NewTextEntry("")
	test.NewTempWindow(t, e)
	e.TypedShortcut(ToggleShortcut)
	test.Type(e, "Vieetj")
	if e.Text != "Việt" {
		t.Errorf("after Alt+Z typed %q", e.Text)
	}
}

// TestEntryWithKeyEvents types the way a desktop window delivers keys: a key event, then the rune.
func TestEntryWithKeyEvents(t *testing.T) {
	typingFor(t, true, vnkey.Telex)
	e := NewTextEntry("")
	test.NewTempWindow(t, e)
	for _, r := range "ddawsk too" {
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyName(string(r))})
		e.TypedRune(r)
	}
	if e.Text != "đắk tô" {
		t.Errorf("typed %q", e.Text)
	}
	// Back into a finished word: it goes on composing from what is on screen.
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	e.TypedRune('j')
	if e.Text != "đặk tô" {
		t.Errorf("after a tone key in the first word: %q", e.Text)
	}
}
