package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// NewAlertContent is the small window KetNghia shows when it cannot open its database: started
// from Explorer, the program has no console where a message could go.
func NewAlertContent(msg string, close func()) fyne.CanvasObject {
	label := widget.NewLabel(msg)
	label.Wrapping = fyne.TextWrapWord
	icon := widget.NewIcon(theme.WarningIcon())
	button := widget.NewButtonWithIcon("Đóng", theme.CancelIcon(), close)
	button.Importance = widget.HighImportance
	// In a scroller the wrapped text takes the window's width; alone, its narrowest layout (a word
	// per line) would set the window's height.
	return container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), button), container.NewPadded(icon), nil, container.NewVScroll(label))
}

// ShowAlert shows msg in a window of its own and returns when it is closed.
func ShowAlert(a fyne.App, msg string) {
	UseVietnamese()
	w := a.NewWindow("KetNghia — không mở được")
	w.SetContent(NewAlertContent(msg, w.Close))
	w.Resize(fyne.NewSize(560, 200))
	w.CenterOnScreen()
	w.ShowAndRun()
}
