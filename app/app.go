// Package app is everything a person touches: the Fyne window and its screens, one file per screen.
// It imports Fyne's widgets but not its driver, so its tests run headless.
package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketnghia/data"
)

// AppID is the application's identity for Fyne (preferences, storage).
const AppID = "vn.ketnghia.app"

// NewMainWindow builds the main window on an open store.
func NewMainWindow(a fyne.App, st *data.Store) fyne.Window {
	w := a.NewWindow("KetNghia — Kết nghĩa xây dựng xã đặc biệt khó khăn")
	CurrentTyping.LoadTyping(a.Preferences())
	// Alt+Z switches Vietnamese typing on and off, as in Unikey.
	w.Canvas().AddShortcut(ToggleShortcut, func(fyne.Shortcut) { CurrentTyping.Toggle() })
	w.SetContent(NewMainContent(st, w))
	w.Resize(fyne.NewSize(1100, 720))
	// Backspaces sent by Unikey as characters reach the fields once the window exists.
	a.Lifecycle().SetOnStarted(func() { FixTypedBackspace(w) })
	return w
}

// NewMainContent is the window's content: a header (with the sample-data warning when it applies)
// above the screens.
func NewMainContent(st *data.Store, w fyne.Window) fyne.CanvasObject {
	ctx := context.Background()
	settings, err := st.Settings(ctx)
	if err != nil {
		return widget.NewLabel(data.Message(err))
	}
	title := widget.NewLabelWithStyle("KetNghia — "+settings.OfficeName, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	header := container.NewVBox(container.NewBorder(nil, nil, nil, NewTypingSwitch(CurrentTyping), title))
	if settings.SampleData {
		header.Add(sampleBanner())
	}
	units := NewUnitsScreen(st, w)
	tabs := container.NewAppTabs(
		container.NewTabItemWithIcon("Đơn vị hành chính", theme.HomeIcon(), units),
	)
	status := widget.NewLabel(statusText(ctx, st))
	return container.NewBorder(header, status, nil, nil, tabs)
}

// sampleBanner warns that the figures are invented.
func sampleBanner() fyne.CanvasObject {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameWarning))
	text := canvas.NewText("DỮ LIỆU MẪU: tên, mã đơn vị là thật; mọi số liệu khác là giả định, không dùng cho báo cáo thật.", theme.Color(theme.ColorNameForeground))
	text.TextStyle = fyne.TextStyle{Bold: true}
	return container.NewStack(bg, container.NewPadded(text))
}

func statusText(ctx context.Context, st *data.Store) string {
	s, err := st.Stats(ctx, data.StatsOptions{})
	if err != nil {
		return data.Message(err)
	}
	return fmt.Sprintf("Tệp: %s  ·  Ngày 01/01/%d: %d huyện, %d xã, %d thôn  ·  %d cơ quan kết nghĩa",
		st.Path(), s.Year, s.Districts, s.Communes, s.Villages, s.TwinningUnits)
}
