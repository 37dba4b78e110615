package widgets

import (
	"image/color"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Appearance is how the window looks: light, dark or as Windows is set, and how large the text is
// (older eyes, 125% screens). It is kept in this PC's preferences, not in the database, which
// travels between offices.
type Appearance struct {
	Variant   string  // "system", "light" or "dark"
	TextScale float32 // 1, 1.15, 1.25, 1.5
}

// Preference keys.
const (
	prefVariant   = "appearance.variant"
	prefTextScale = "appearance.text_scale"
)

// LoadAppearance reads the appearance from the preferences (defaults: as Windows, 100%).
func LoadAppearance(p fyne.Preferences) Appearance {
	a := Appearance{Variant: p.StringWithFallback(prefVariant, "system"), TextScale: float32(p.FloatWithFallback(prefTextScale, 1))}
	if a.TextScale < 0.8 || a.TextScale > 2 {
		a.TextScale = 1
	}
	return a
}

// Save writes the appearance to the preferences.
func (a Appearance) Save(p fyne.Preferences) {
	p.SetString(prefVariant, a.Variant)
	p.SetFloat(prefTextScale, float64(a.TextScale))
}

// Apply makes a the app's theme.
// A look already in use is left as it is: setting it again redraws every screen and loads the
// fonts again (18 MB each time the Cài đặt screen was opened).
func (a Appearance) Apply(app fyne.App) {
	noEmojiFont.Do(leaveOutEmojiFont)
	if t, ok := app.Settings().Theme().(*appTheme); ok && t.a == a {
		return
	}
	app.Settings().SetTheme(&appTheme{a: a})
}

var noEmojiFont sync.Once

// leaveOutEmojiFont gives Fyne's colour emoji font the content of its small symbol font. Fyne
// adds the emoji font behind the text font of every style it draws (regular, bold, italic, …) and
// parses it whole for each: 4 MB of font file became 12 MB of the window's memory, for signs the
// program never shows (every character of its texts is in the text and symbol fonts:
// TestEveryCharacterShownIsInTheProgramsFonts). A sign neither holds (an emoji typed into a note)
// is still drawn: Fyne then looks for it in the system's fonts. The build tag no_emoji would leave
// the font out of the program, but only for builds that name it.
func leaveOutEmojiFont() {
	if r, ok := theme.DefaultEmojiFont().(*fyne.StaticResource); ok {
		r.StaticContent = theme.DefaultSymbolFont().Content()
	}
}

// appTheme is Fyne's own theme with the variant forced (or left to the system) and the text sizes
// scaled.
type appTheme struct{ a Appearance }

func (t *appTheme) variant(v fyne.ThemeVariant) fyne.ThemeVariant {
	switch t.a.Variant {
	case "light":
		return theme.VariantLight
	case "dark":
		return theme.VariantDark
	}
	return v
}

// SampleInk is the sample-data banner's text: dark on its light amber in both themes.
const SampleInk fyne.ThemeColorName = "ketnghia-sample-ink"

func (t *appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == SampleInk {
		return color.NRGBA{R: 0x3e, G: 0x27, B: 0x00, A: 0xff}
	}
	return theme.DefaultTheme().Color(n, t.variant(v))
}

func (t *appTheme) Font(s fyne.TextStyle) fyne.Resource     { return theme.DefaultTheme().Font(s) }
func (t *appTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t *appTheme) Size(n fyne.ThemeSizeName) float32 {
	s := theme.DefaultTheme().Size(n)
	switch n {
	case theme.SizeNameText, theme.SizeNameCaptionText, theme.SizeNameHeadingText, theme.SizeNameSubHeadingText, theme.SizeNameInlineIcon:
		return s * t.a.TextScale
	}
	return s
}

// IsDark says whether the app currently draws dark.
func IsDark(app fyne.App) bool {
	if app == nil {
		return false
	}
	v := app.Settings().ThemeVariant()
	if th, ok := app.Settings().Theme().(*appTheme); ok {
		v = th.variant(v)
	}
	return v == theme.VariantDark
}
