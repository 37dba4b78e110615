package widgets

import (
	_ "embed"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

//go:embed translations/vi.json
var fyneVietnamese []byte

var translateOnce sync.Once

// UseVietnamese makes Fyne's own words (dialog buttons, the entry's menu, the file dialog) read in
// Vietnamese: Fyne ships no Vietnamese, and the office PCs may run an English Windows. The same
// strings are given for the system's language, since everything else the program says is Vietnamese.
func UseVietnamese() {
	translateOnce.Do(func() {
		_ = lang.AddTranslationsForLocale(fyneVietnamese, fyne.Locale("vi"))
		_ = lang.AddTranslationsForLocale(fyneVietnamese, lang.SystemLocale())
	})
}
