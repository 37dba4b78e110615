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

// WindowOptions are what the main window is told besides the store.
type WindowOptions struct {
	// Warnings are shown above the screens (a database on a USB stick or a network drive).
	Warnings []string
	// TypingProbe, for the Windows typing test: the search field has the focus at start, and after
	// every change its value (NFC) is written to this file, which the test reads back.
	TypingProbe string
	// KeepTypedBackspaces leaves out the fix for Unikey's backspaces, so the typing test can show
	// what GLFW does without it.
	KeepTypedBackspaces bool
}

// NewMainWindow builds the main window on an open store.
func NewMainWindow(a fyne.App, st *data.Store, o WindowOptions) fyne.Window {
	w := a.NewWindow("KetNghia — Kết nghĩa xây dựng xã đặc biệt khó khăn")
	CurrentTyping.LoadTyping(a.Preferences())
	// Alt+Z switches Vietnamese typing on and off, as in Unikey.
	w.Canvas().AddShortcut(ToggleShortcut, func(fyne.Shortcut) { CurrentTyping.Toggle() })
	content, units := newMainContent(st, w, o.Warnings)
	w.SetContent(content)
	w.Resize(fyne.NewSize(1100, 720))
	if o.TypingProbe != "" {
		probeTyping(units.search, o.TypingProbe)
	}
	a.Lifecycle().SetOnStarted(func() {
		// Backspaces sent by Unikey as characters reach the fields once the window exists.
		if !o.KeepTypedBackspaces {
			FixTypedBackspace(w)
		}
		if o.TypingProbe != "" {
			w.Canvas().Focus(units.search)
		}
	})
	return w
}

// NewMainContent is the window's content: a header (with the sample-data warning when it applies,
// and any warnings given) above the screens.
func NewMainContent(st *data.Store, w fyne.Window, warnings ...string) fyne.CanvasObject {
	c, _ := newMainContent(st, w, warnings)
	return c
}

func newMainContent(st *data.Store, w fyne.Window, warnings []string) (fyne.CanvasObject, *UnitsScreen) {
	ctx := context.Background()
	settings, err := st.Settings(ctx)
	if err != nil {
		return widget.NewLabel(data.Message(err)), nil
	}
	title := widget.NewLabelWithStyle("KetNghia — "+settings.OfficeName, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	header := container.NewVBox(container.NewBorder(nil, nil, nil, NewTypingSwitch(CurrentTyping), title))
	for _, text := range warnings {
		header.Add(warningBanner(text))
	}
	if settings.SampleData {
		header.Add(sampleBanner())
	}
	units := NewUnitsScreen(st, w)
	tabs := container.NewAppTabs(
		container.NewTabItemWithIcon("Tổng quan", theme.GridIcon(), NewDashboardScreen(st, w)),
		container.NewTabItemWithIcon("Đơn vị hành chính", theme.HomeIcon(), units),
		container.NewTabItemWithIcon("Báo cáo", theme.DocumentPrintIcon(), NewReportsScreen(st, w, "")),
	)
	status := widget.NewLabel(statusText(ctx, st))
	return container.NewBorder(header, status, nil, nil, tabs), units
}

// warningBanner shows a warning about where the data is, wrapped to the window's width.
func warningBanner(text string) fyne.CanvasObject {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameError))
	label := widget.NewLabelWithStyle("⚠ "+text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	label.Wrapping = fyne.TextWrapWord
	return container.NewStack(bg, label)
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
