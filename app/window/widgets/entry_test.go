package widgets

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"golang.org/x/text/unicode/norm"

	"ketnghia/app/vnkey"
	"ketnghia/app/window/windowtest"
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
	if !windowtest.HasText(sw, "bật (V, VNI)") {
		t.Error("switch does not show bật (V, VNI)")
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
		// As a desktop window sends them: the key (named by its capital), then the rune.
		name := fyne.KeyName(strings.ToUpper(string(r)))
		if r == ' ' {
			name = fyne.KeySpace
		}
		e.TypedKey(&fyne.KeyEvent{Name: name})
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
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyJ})
	e.TypedRune('j')
	if e.Text != "đặk tô" {
		t.Errorf("after a tone key in the first word: %q", e.Text)
	}
}

// A key press names its key before its rune; only those runes compose. A character that another
// program sent comes without a matching key and is typed as it is.
func TestEntryComposesKeystrokesNotSentCharacters(t *testing.T) {
	typingFor(t, true, vnkey.Telex)
	e := NewTextEntry("")
	test.NewTempWindow(t, e)
	press := func(name fyne.KeyName, r rune) {
		e.TypedKey(&fyne.KeyEvent{Name: name})
		e.TypedRune(r)
	}
	press(fyne.KeyM, 'm')
	press(fyne.KeyA, 'a')
	press(fyne.KeyS, 's')
	if e.Text != "má" {
		t.Fatalf("keystrokes m a s gave %q", e.Text)
	}
	press("", 's') // sent by another program: not a tone key
	if e.Text != "más" {
		t.Errorf("a sent 's' composed: %q", e.Text)
	}
	press(fyne.KeySpace, ' ')
	press(fyne.KeyV, 'V')
	press(fyne.KeyI, 'i')
	press(fyne.Key1, '1') // VNI keys are digits, but this entry is on Telex
	if e.Text != "más Vi1" {
		t.Errorf("capital and digit keys: %q", e.Text)
	}
}

// Unikey's stream as it reaches the field once the Windows fix has made its backspaces real keys:
// letters, then Backspace and the composed letters. With the composer on or off the result is the
// same: the composer must not compose again what Unikey composed.
func TestUnikeyStreamWithBackspaces(t *testing.T) {
	for stream, want := range map[string]string{
		"hoa<à no<ôi<<ội d<đu<ưo<ơng<<<ờng": "hoà nội đường",
		"ma<á<as":    "mas", // Unikey undoing a mark: s s
		"Đa<ă<ắk":    "Đắk",
		"vie<êt<<ệt": "việt",
	} {
		testUnikeyStream(t, stream, want)
	}
}

func testUnikeyStream(t *testing.T, stream, want string) {
	t.Helper()
	for _, on := range []bool{false, true} {
		typingFor(t, on, vnkey.Telex)
		e := NewTextEntry("")
		test.NewTempWindow(t, e)
		for _, r := range stream {
			if r == '<' {
				e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
				continue
			}
			// What GLFW gives for a character sent with SendInput: a key without a name (seen
			// under wine), then the rune.
			e.TypedKey(&fyne.KeyEvent{Name: ""})
			e.TypedRune(r)
		}
		if e.Value() != want {
			t.Errorf("%s with the composer on=%v: %q, want %q", stream, on, e.Value(), want)
		}
	}
}

// TestTypingOverASelection: Ctrl+A then typing replaces the text with what is composed, the first
// word included.
func TestTypingOverASelection(t *testing.T) {
	typingFor(t, true, vnkey.Telex)
	e := NewTextEntry("")
	w := test.NewTempWindow(t, e)
	w.Canvas().Focus(e)
	e.SetText("Văn phòng Ban Chỉ đạo tỉnh")
	e.TypedShortcut(&fyne.ShortcutSelectAll{})
	test.Type(e, "Vawn phongf Huyeenj uyr")
	if e.Text != "Văn phòng Huyện ủy" {
		t.Errorf("typed over a selection: %q", e.Text)
	}
}

// TestPlainFieldsTypeAsTheyAre: paths, codes, numbers and dates are typed as they are, whatever
// the Vietnamese switch says.
func TestPlainFieldsTypeAsTheyAre(t *testing.T) {
	typingFor(t, true, vnkey.Telex)
	e := NewPlainEntry("")
	test.NewTempWindow(t, e)
	test.Type(e, `E:\usbD\goi.knx`)
	if e.Text != `E:\usbD\goi.knx` {
		t.Errorf("a path typed: %q", e.Text)
	}
}

// A word typed in the middle of a long paragraph that the field wraps over several rows lands
// where the cursor is: the cursor is put back by the rows drawn, not by counting newlines (the
// words typed into a report's paragraph were scattered over it).
func TestTypingInsideAWrappedParagraphStaysAtTheCursor(t *testing.T) {
	typingFor(t, true, vnkey.Telex)
	e := NewMultiLineTextEntry("")
	w := test.NewTempWindow(t, e)
	w.Resize(fyne.NewSize(260, 300))
	text := "Năm 2025, toàn tỉnh có 40 xã, phường với 912 thôn, làng. Theo số liệu rà soát, toàn tỉnh có 158.827 hộ.\nDòng thứ hai của đoạn văn."
	e.SetText(text)
	at := strings.Index(text, "toàn tỉnh có 158")
	offset := len([]rune(text[:at]))
	e.setCursor(offset)
	if e.CursorRow == 0 || e.CursorTextOffset() != offset {
		t.Fatalf("the cursor is at row %d, offset %d, want a wrapped row at offset %d", e.CursorRow, e.CursorTextOffset(), offset)
	}
	test.Type(e, "theem xax mowis ")
	want := strings.Replace(text, "toàn tỉnh có 158", "thêm xã mới toàn tỉnh có 158", 1)
	if e.Text != want {
		t.Errorf("typed into the wrapped row:\n%q\nwant\n%q", e.Text, want)
	}
}
