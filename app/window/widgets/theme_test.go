package widgets

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// TestTheColourEmojiFontIsNotLoaded: once the window's look is applied, the font Fyne adds behind
// the text font of every style holds no more than the small symbol font (the colour emoji font,
// parsed whole for each style, held 12 MB of the window's memory), and text is still measured.
func TestTheColourEmojiFontIsNotLoaded(t *testing.T) {
	a := test.NewTempApp(t)
	Appearance{Variant: "light", TextScale: 1}.Apply(a)
	if n := len(theme.DefaultEmojiFont().Content()); n > len(theme.DefaultSymbolFont().Content()) {
		t.Errorf("the emoji font behind the text holds %d KB", n/1024)
	}
	if s := NewTextEntry("Tên xã"); s.MinSize().Width <= 0 {
		t.Error("a text field has no width")
	}
}
