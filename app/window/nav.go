package window

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketnghia/app/platform"
	"ketnghia/app/window/screen"
	"ketnghia/data"
)

// entry is one entry of the navigation: its title, icon, a short guide (F1), and how to build it.
// Screens are built the first time they are shown, then kept.
type entry struct {
	title string
	icon  fyne.Resource
	help  string
	make  func() fyne.CanvasObject
	built fyne.CanvasObject
	// light: nothing on it a person would miss (a choice of report, the criteria shown): it is
	// let go when left and built again when next shown, so that a long session does not keep
	// every screen ever opened in memory.
	light bool
}

// screens lists the window's screens, in the order of the navigation: the one place that knows
// them all.
func screens(st *data.Store, w fyne.Window, units *screen.AdminUnitsScreen, onSettings func(data.Settings), openExchange func()) []*entry {
	return []*entry{
		{title: "Tổng quan", icon: theme.GridIcon(), help: helpDashboard, make: func() fyne.CanvasObject {
			d := screen.NewDashboardScreen(st, w)
			d.OnOpenExchange = func() { openExchange() }
			// Once the figures are on screen, the tree of units the lists read is read while
			// the window waits: the Xã screen then shows its columns at once (1.2 s to read it
			// on a national file).
			d.OnShown = func() { screen.ReadTreeSoon(st) }
			return d
		}},
		{title: "Xã, phường, thị trấn", icon: theme.StorageIcon(), help: helpCommunes, make: func() fyne.CanvasObject { return screen.NewCommunesScreen(st, w) }},
		{title: "Thôn, làng", icon: theme.ListIcon(), help: helpVillages, make: func() fyne.CanvasObject { return screen.NewVillagesScreen(st, w) }},
		{title: "Cơ quan kết nghĩa", icon: theme.AccountIcon(), help: helpAgencies, make: func() fyne.CanvasObject { return screen.NewAgenciesScreen(st, w) }},
		{title: "Rà soát hằng năm", icon: theme.DocumentCreateIcon(), help: helpReview, make: func() fyne.CanvasObject { return screen.NewReviewScreen(st, w) }},
		{title: screen.SubmissionsTitle, icon: theme.ConfirmIcon(), help: helpSubmissions, make: func() fyne.CanvasObject { return screen.NewSubmissionsScreen(st, w) }},
		{title: "Bộ tiêu chí, chỉ tiêu", icon: theme.ListIcon(), help: helpCriteria, light: true, make: func() fyne.CanvasObject { return screen.NewCriteriaScreen(st, w) }},
		{title: unitsTitle, icon: theme.HomeIcon(), help: helpUnits, make: func() fyne.CanvasObject { return units }},
		{title: "Báo cáo", icon: theme.DocumentPrintIcon(), help: helpReports, light: true, make: func() fyne.CanvasObject { return screen.NewReportsScreen(st, w, "") }},
		{title: screen.DraftsTitle, icon: theme.FileTextIcon(), help: helpDrafts, make: func() fyne.CanvasObject {
			return screen.NewDraftsScreen(st, w, "")
		}},
		{title: screen.ExchangeTitle, icon: theme.UploadIcon(), help: helpExchange, make: func() fyne.CanvasObject {
			return screen.NewExchangeScreen(st, w)
		}},
		{title: screen.ExcelTitle, icon: theme.DownloadIcon(), help: helpExcel, make: func() fyne.CanvasObject {
			return screen.NewExcelScreen(st, w)
		}},
		{title: "Cài đặt", icon: theme.SettingsIcon(), help: helpSettings, make: func() fyne.CanvasObject {
			s := screen.NewSettingsScreen(st, fyne.CurrentApp(), w)
			s.OnSaved = onSettings
			return s
		}},
	}
}

// navigator shows one screen at a time, chosen in a list on the left.
type navigator struct {
	help    *dialog.CustomDialog // the guide open, if any
	screens []*entry
	list    *widget.List
	stack   *fyne.Container
	current int
	win     fyne.Window
}

func newNavigator(ss []*entry, w fyne.Window) *navigator {
	n := &navigator{screens: ss, stack: container.NewStack(), win: w, current: -1}
	n.list = widget.NewList(func() int { return len(ss) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel("Xã, phường, thị trấn"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container).Objects
			row[0].(*widget.Icon).SetResource(ss[i].icon)
			row[1].(*widget.Label).SetText(ss[i].title)
		})
	n.list.OnSelected = func(i widget.ListItemID) { n.show(i) }
	return n
}

// Select shows screen i.
func (n *navigator) Select(i int) { n.list.Select(i) }

// SelectTitle shows the screen with that title.
func (n *navigator) SelectTitle(title string) {
	for i, s := range n.screens {
		if s.title == title {
			n.Select(i)
		}
	}
}

// leaver is a screen that may hold unsaved work and asks before it is left.
type leaver interface{ CanLeave(then func(ok bool)) }

func (n *navigator) show(i int) {
	if i == n.current || i < 0 || i >= len(n.screens) {
		return
	}
	if l, ok := n.Current().(leaver); ok {
		from := n.current
		l.CanLeave(func(ok bool) {
			if ok {
				n.switchTo(i)
			} else {
				n.list.Select(from)
			}
		})
		return
	}
	n.switchTo(i)
}

func (n *navigator) switchTo(i int) {
	s := n.screens[i]
	if s.built == nil {
		s.built = s.make()
	}
	if n.current >= 0 && n.current != i {
		if prev := n.screens[n.current]; prev.light {
			release(prev.built)
			prev.built = nil
		}
	}
	n.current = i
	n.stack.Objects = []fyne.CanvasObject{s.built}
	n.stack.Refresh()
	// A screen that reads its data only once in view is told.
	if v, ok := s.built.(interface{ InView() }); ok {
		v.InView()
	}
	// The screen left is drawn no more: what the driver freed of its textures goes back to the
	// system once the new screen is drawn.
	time.AfterFunc(2*time.Second, platform.TrimNativeHeap)
}

// releaser is a screen that holds something outside itself (a file, a backup in the making) to let
// go of when it goes.
type releaser interface{ Release() }

// dataChanger is a screen that refreshes itself in place when the records change, keeping what a
// person chose on it.
type dataChanger interface{ DataChanged() }

// dataChanged follows the one notice that the records changed: a screen that can refreshes in
// place, every other one but the one in view is dropped, to be built again from the database the
// next time it is shown. The one in view made the change and shows it already.
func (n *navigator) dataChanged() {
	for i, s := range n.screens {
		if s.built == nil {
			continue
		}
		if d, ok := s.built.(dataChanger); ok {
			d.DataChanged()
			continue
		}
		if i != n.current {
			release(s.built)
			s.built = nil
		}
	}
}

// Release lets every screen built go of what it holds, as the window closes.
func (n *navigator) Release() {
	for _, s := range n.screens {
		release(s.built)
	}
}

func release(o fyne.CanvasObject) {
	if r, ok := o.(releaser); ok {
		r.Release()
	}
}

// Current is the screen in view.
func (n *navigator) Current() fyne.CanvasObject {
	if n.current < 0 {
		return nil
	}
	return n.screens[n.current].built
}

// Help shows the guide to the screen in view.
func (n *navigator) Help() {
	if n.win == nil || n.current < 0 {
		return
	}
	s := n.screens[n.current]
	text := widget.NewLabel(s.help + "\n\n" + helpCommon)
	text.Wrapping = fyne.TextWrapWord
	// One guide at a time: F1 again shows the present screen's in place of the one open.
	n.CloseHelp()
	d := dialog.NewCustom("Hướng dẫn: "+s.title, "Đóng (Esc)", container.NewVScroll(text), n.win)
	d.SetOnClosed(func() {
		if n.help == d {
			n.help = nil
		}
	})
	d.Resize(fyne.NewSize(640, 460))
	n.help = d
	d.Show()
}

// CloseHelp closes the guide when it is open (Esc).
func (n *navigator) CloseHelp() {
	if d := n.help; d != nil {
		n.help = nil
		d.Hide()
	}
}
