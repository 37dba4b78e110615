// Package app is everything a person touches: the Fyne window and its screens, one file per screen.
// It imports Fyne's widgets but not its driver, so its tests run headless.
package window

import (
	"context"
	"fmt"
	"image/color"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketnghia/app/platform"
	"ketnghia/app/window/screen"
	"ketnghia/app/window/widgets"
	"ketnghia/data"
)

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

// Preference keys of the window's size.
const (
	// prefWindow keeps the size (and on Windows the placement) in one value: written once as the
	// window closes, so the program's exit never cuts the saving in half.
	prefWindow = "window.state"
)

// windowTitle names the program, the office and the file, as the taskbar shows it.
func windowTitle(settings data.Settings, path string) string {
	return fmt.Sprintf("KetNghia — %s — %s", settings.OfficeName, filepath.Base(path))
}

// NewMainWindow builds the main window on an open store.
func NewMainWindow(a fyne.App, st *data.Store, o WindowOptions) fyne.Window {
	widgets.UseVietnamese()
	widgets.LoadAppearance(a.Preferences()).Apply(a)
	w := a.NewWindow("KetNghia")
	widgets.CurrentTyping.LoadTyping(a.Preferences())
	settings, err := st.Settings(context.Background())
	if err == nil {
		w.SetTitle(windowTitle(settings, st.Path()))
		if settings.Person == "" {
			st.UsePerson(screen.DefaultPerson())
		}
	}
	// Alt+Z switches Vietnamese typing on and off, as in Unikey.
	w.Canvas().AddShortcut(widgets.ToggleShortcut, func(fyne.Shortcut) { widgets.CurrentTyping.Toggle() })
	m := newMainContent(st, w, o.Warnings)
	w.SetContent(m.content)
	w.SetMainMenu(mainMenu(m.nav))
	w.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) {
		switch e.Name {
		case fyne.KeyF1:
			m.nav.Help()
		case fyne.KeyEscape:
			m.nav.CloseHelp()
		}
	})
	// A size that fits a 1366×768 laptop with the Windows taskbar, or the one last used.
	p := a.Preferences()
	state := parseWindowState(p.String(prefWindow))
	w.Resize(fyne.NewSize(state.width, state.height))
	w.SetCloseIntercept(func() {
		closeNow := func() {
			st := windowState{width: 1280, height: 660}
			if size := w.Canvas().Size(); size.Width >= 640 && size.Height >= 400 {
				st.width, st.height = size.Width, size.Height
			}
			// Where it is and whether it is maximised (Windows), read while the window still exists.
			st.placement = platform.PlacementOf(w)
			p.SetString(prefWindow, st.String())
			if m.stopNotice != nil {
				m.stopNotice()
			}
			m.nav.Release()
			w.Close()
		}
		// Unsaved rows of the review grid are asked about before the window closes.
		if l, ok := m.nav.Current().(leaver); ok {
			l.CanLeave(func(ok bool) {
				if ok {
					closeNow()
				}
			})
			return
		}
		closeNow()
	})
	if o.TypingProbe != "" {
		m.nav.SelectTitle(unitsTitle)
		probeTyping(m.units.Search(), o.TypingProbe)
	}
	a.Lifecycle().SetOnStarted(func() {
		// Backspaces sent by Unikey as characters reach the fields once the window exists.
		if !o.KeepTypedBackspaces {
			platform.FixTypedBackspace(w)
		}
		platform.RestorePlacement(w, state.placement)
		if o.TypingProbe != "" {
			w.Canvas().Focus(m.units.Search())
		} else {
			askOfficeName(st, w, m.settingsChanged) // first start: which office this is
		}
	})
	return w
}

// windowState is what the window remembers: its size (Fyne units) and its placement on the screen
// ("" where the system gives none).
type windowState struct {
	width, height float32
	placement     string
}

func (s windowState) String() string {
	return fmt.Sprintf("%.0f;%.0f;%s", s.width, s.height, s.placement)
}

// parseWindowState reads a kept state; anything unreadable gives the default size.
func parseWindowState(v string) windowState {
	st := windowState{width: 1280, height: 660}
	parts := strings.SplitN(v, ";", 3)
	if len(parts) == 3 {
		w, err1 := strconv.ParseFloat(parts[0], 32)
		h, err2 := strconv.ParseFloat(parts[1], 32)
		if err1 == nil && err2 == nil && w >= 640 && h >= 400 && w <= 10000 && h <= 10000 {
			st.width, st.height, st.placement = float32(w), float32(h), parts[2]
		}
	}
	return st
}

// unitsTitle names the units screen, where the typing test types.
const unitsTitle = "Đơn vị hành chính"

// What the screen in view can do for the window's shortcuts: Ctrl+S saves, Ctrl+N starts a new
// record, Ctrl+F goes to the search field, Ctrl+P prints the view.
type (
	saver   interface{ Save() }
	creator interface{ New() }
	finder  interface{ Find() }
	printer interface{ PrintView() }
)

// mainMenu gives the window its menu; its shortcuts work even while a text field has the focus.
func mainMenu(nav *navigator) *fyne.MainMenu {
	do := func(f func(fyne.CanvasObject)) func() { return func() { f(nav.Current()) } }
	item := func(label string, key fyne.KeyName, f func(fyne.CanvasObject)) *fyne.MenuItem {
		m := fyne.NewMenuItem(label, do(f))
		m.Shortcut = &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
		return m
	}
	file := fyne.NewMenu("Tệp",
		item("Lưu", fyne.KeyS, func(o fyne.CanvasObject) {
			if s, ok := o.(saver); ok {
				s.Save()
			}
		}),
		item("Thêm mới", fyne.KeyN, func(o fyne.CanvasObject) {
			if s, ok := o.(creator); ok {
				s.New()
			}
		}),
		item("Tìm", fyne.KeyF, func(o fyne.CanvasObject) {
			if s, ok := o.(finder); ok {
				s.Find()
			}
		}),
		item("In màn hình đang xem", fyne.KeyP, func(o fyne.CanvasObject) {
			if s, ok := o.(printer); ok {
				s.PrintView()
			}
		}),
	)
	help := fyne.NewMenu("Trợ giúp", fyne.NewMenuItem("Hướng dẫn (F1)", nav.Help))
	return fyne.NewMainMenu(file, help)
}

// NewMainContent is the window's content: a header (with the sample-data warning when it applies,
// and any warnings given), the navigation on the left, the screen in view, and a status line.
func NewMainContent(st *data.Store, w fyne.Window, warnings ...string) fyne.CanvasObject {
	return newMainContent(st, w, warnings).content
}

type mainContent struct {
	content fyne.CanvasObject
	nav     *navigator
	units   *screen.AdminUnitsScreen
	// settingsChanged is told the settings once saved elsewhere than on their screen.
	settingsChanged func(data.Settings)
	// stopNotice stops following the store's notice of changed records (the window closes).
	stopNotice func()
}

func newMainContent(st *data.Store, w fyne.Window, warnings []string) mainContent {
	ctx := context.Background()
	settings, err := st.Settings(ctx)
	if err != nil {
		return mainContent{content: widget.NewLabel(data.Message(err))}
	}
	title := widget.NewLabelWithStyle("KetNghia — "+settings.OfficeName, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	// Long names and paths are cut with "…" rather than widening the window past a laptop's screen.
	title.Truncation = fyne.TextTruncateEllipsis
	units := screen.NewAdminUnitsScreen(st, w)
	onSettings := func(s data.Settings) {
		title.SetText("KetNghia — " + s.OfficeName)
		if w != nil {
			w.SetTitle(windowTitle(s, st.Path()))
		}
	}
	status := widget.NewLabel("Tệp: " + st.Path())
	status.Truncation = fyne.TextTruncateEllipsis
	showStatus := func() {
		screen.Background(func() {
			text := statusText(context.Background(), st)
			fyne.Do(func() { status.SetText(text) })
		})
	}
	showStatus()
	var nav *navigator
	// The one notice that the records changed, from the store whatever wrote them: every view
	// follows (on the UI thread, after the event that wrote).
	onData := func() {
		nav.dataChanged()
		units.Reload()
		showStatus()
	}
	stopNotice := st.OnDataChanged(func() {
		fyne.Do(onData)
		// Read again now for the lists, off the writer, when the change reached the tree of units
		// (a unit, a class) or a restore brought other records: a review or a draft leaves it.
		screen.ReadTreeSoon(st)
	})
	openExchange := func() { nav.SelectTitle(screen.ExchangeTitle) }
	nav = newNavigator(screens(st, w, units, onSettings, openExchange), w)
	help := widget.NewButtonWithIcon("Hướng dẫn (F1)", theme.HelpIcon(), nav.Help)
	header := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(help, widgets.NewTypingSwitch(widgets.CurrentTyping)), title))
	for _, text := range warnings {
		header.Add(warningBanner(text))
	}
	if settings.SampleData {
		header.Add(sampleBanner())
	}
	nav.Select(0)
	side := container.NewBorder(nil, nil, nil, widget.NewSeparator(), nav.list)
	return mainContent{content: container.NewBorder(header, status, side, nil, nav.stack), nav: nav, units: units, settingsChanged: onSettings, stopNotice: stopNotice}
}

// warningBanner shows a warning about where the data is, wrapped to the window's width.
func warningBanner(text string) fyne.CanvasObject {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameError))
	label := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	label.Wrapping = fyne.TextWrapWord
	return container.NewStack(bg, container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, label))
}

// sampleBanner warns that the figures are invented.
// It is dark text on a light amber in both themes (white on orange was hard to read), and a label
// that wraps and follows the text size at once.
func sampleBanner() fyne.CanvasObject {
	bg := canvas.NewRectangle(color.NRGBA{R: 0xff, G: 0xe0, B: 0x82, A: 0xff})
	label := widget.NewRichText(&widget.TextSegment{
		Text:  "DỮ LIỆU MẪU: tên, mã đơn vị là thật; mọi số liệu khác là giả định, không dùng cho báo cáo thật.",
		Style: widget.RichTextStyle{TextStyle: fyne.TextStyle{Bold: true}, ColorName: widgets.SampleInk},
	})
	label.Wrapping = fyne.TextWrapWord
	return container.NewStack(bg, label)
}

func statusText(ctx context.Context, st *data.Store) string {
	h, err := st.Headcount(ctx)
	if err != nil {
		return data.Message(err)
	}
	units := fmt.Sprintf("%d xã, %d thôn", h.Communes, h.Villages)
	if h.Districts > 0 {
		units = fmt.Sprintf("%d huyện, %s", h.Districts, units)
	}
	return fmt.Sprintf("Tệp: %s  ·  Hôm nay (%s): %s  ·  %d cơ quan kết nghĩa", st.Path(), h.Day, units, h.TwinningUnits)
}
