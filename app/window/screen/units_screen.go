package screen

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketnghia/app/window/widgets"
	"ketnghia/data"
	"ketnghia/data/vntext"
	"ketnghia/reports"
)

// AdminUnitsScreen finds administrative units: search ignoring diacritics, filter by level and by
// whether they still exist, in Vietnamese order.
type AdminUnitsScreen struct {
	widget.BaseWidget
	store  *data.Store
	search *widgets.TextEntry
	level  *widget.Select
	open   *widget.Check
	list   *widget.List
	count  *widget.Label
	print  *widget.Button
	excel  *widget.Button
	win    fyne.Window
	units  []data.Unit
	names  map[string]string // unit ID → name, for the parent column
	// gen counts the searches asked for; a search's answer is shown only if no newer one was
	// asked meanwhile. loaded is told after each answer is shown (for tests and benchmarks).
	gen    int
	loaded func()
	// started: the list has been read once. The window builds this screen at once (Ctrl+F finds
	// it) but reads it only when first shown, so that opening a national-scale file is not slowed.
	started bool
}

var levelChoices = []struct {
	label string
	level data.Level
}{
	{"Tất cả các cấp", ""}, {"Tỉnh", data.LevelProvince}, {"Huyện", data.LevelDistrict}, {"Xã", data.LevelCommune}, {"Thôn (làng)", data.LevelVillage},
}

// InView reads the list the first time the screen is in view (the navigator tells it).
func (s *AdminUnitsScreen) InView() {
	if s.started {
		return
	}
	s.started = true
	s.loadNames()
	s.level.SetSelectedIndex(3) // communes; triggers the first load
}

// NewAdminUnitsScreen builds the screen on a store without reading anything yet: its list is read
// when it is first in view (InView, which the navigator calls).
func NewAdminUnitsScreen(st *data.Store, w fyne.Window) *AdminUnitsScreen {
	s := &AdminUnitsScreen{store: st, win: w, names: map[string]string{}}
	s.search = widgets.NewTextEntry("Tìm theo tên (gõ không dấu cũng được, ví dụ: dak to)")
	s.search.OnChanged = func(string) { s.Reload() }
	var labels []string
	for _, c := range levelChoices {
		labels = append(labels, c.label)
	}
	s.level = widget.NewSelect(labels, func(string) { s.Reload() })
	s.open = widget.NewCheck("Chỉ đơn vị đang hoạt động", func(bool) { s.Reload() })
	s.count = widget.NewLabel("")
	s.print = widget.NewButtonWithIcon("In danh sách", theme.DocumentPrintIcon(), func() { s.Print(ReportsFolder(st), nil) })
	s.excel = widget.NewButtonWithIcon("Xuất Excel", theme.DownloadIcon(), func() { s.Export(ReportsFolder(st), nil) })
	s.list = widget.NewList(
		func() int { return len(s.units) },
		func() fyne.CanvasObject {
			return container.NewGridWithColumns(3, widget.NewLabel("Tên đơn vị"), widget.NewLabel("Mã, loại"), widget.NewLabel("Thuộc"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(s.units) {
				return
			}
			u := s.units[i]
			cells := o.(*fyne.Container).Objects
			cells[0].(*widget.Label).SetText(u.Name)
			cells[1].(*widget.Label).SetText(unitDetail(u))
			cells[2].(*widget.Label).SetText(s.names[u.ParentID])
		},
	)
	s.ExtendBaseWidget(s)
	return s
}

func unitDetail(u data.Unit) string {
	d := u.Kind
	if u.Code != "" {
		d += ", mã " + u.Code
	}
	if !u.ClosedOn.IsZero() {
		d += fmt.Sprintf(" (đến %s)", u.ClosedOn)
	}
	if u.Sample {
		d += " · mẫu"
	}
	return d
}

// loadNames takes the names of the units that can be parents (for the list's parent column) from
// the window's tree of units, off the UI thread, and shows them: a read of their own of 11,000 whole
// units took the window past 300 MB for a moment on a national file.
func (s *AdminUnitsScreen) loadNames() {
	Background(func() {
		t, err := treeOf(s.store)
		if err != nil {
			return
		}
		names := map[string]string{}
		for i := range t.ds.Units {
			if u := &t.ds.Units[i]; u.Level != data.LevelVillage {
				names[u.ID] = u.Name
			}
		}
		fyne.Do(func() {
			s.names = names
			s.list.Refresh()
		})
	})
}

// reload searches off the UI thread (a keystroke never waits for the database) and shows the
// answer of the newest search through fyne.Do.
// Reload reads the list again, as filtered (the records changed).
func (s *AdminUnitsScreen) Reload() {
	if s.list == nil || !s.started {
		return
	}
	f := data.UnitFilter{Query: s.search.Value(), Limit: 5000}
	if i := s.level.SelectedIndex(); i > 0 {
		f.Level = levelChoices[i].level
	}
	if s.open.Checked {
		f.At = s.store.Today()
	}
	s.gen++
	gen := s.gen
	Background(func() {
		units, total, err := s.store.ListUnits(context.Background(), f)
		fyne.Do(func() {
			if gen != s.gen {
				return // the person typed on; a newer search is coming
			}
			if err != nil {
				s.count.SetText(data.Message(err))
				return
			}
			s.units = units
			s.count.SetText(fmt.Sprintf("%s đơn vị", vntext.FormatInt(int64(total))))
			s.list.UnselectAll()
			s.list.Refresh()
			if s.loaded != nil {
				s.loaded()
			}
		})
	})
}

// filterText says what the list shows, as the printed list's first line.
func (s *AdminUnitsScreen) filterText() string {
	parts := []string{"Cấp: " + strings.ToLower(s.level.Selected)}
	if q := s.search.Value(); q != "" {
		parts = append(parts, "tên có “"+q+"”")
	}
	if s.open.Checked {
		parts = append(parts, "chỉ đơn vị đang hoạt động ngày "+s.store.Today().String())
	}
	return "Lọc: " + strings.Join(parts, "; ")
}

// Print writes the list as shown (filter and order) as a PDF table into folder and opens it; done,
// when not nil, is told the file (for tests).
func (s *AdminUnitsScreen) Print(folder string, done func(path string, err error)) {
	s.print.Disable()
	printList(s.store, s.win, folder, "danh-sach-don-vi", s.listView(), func(path string, err error) {
		s.print.Enable()
		if done != nil {
			done(path, err)
		}
	})
}

// listView is the list as shown, for printing and for Excel.
func (s *AdminUnitsScreen) listView() reports.ListInput {
	in := reports.ListInput{Title: "Danh sách đơn vị hành chính", Filter: s.filterText(),
		Columns: []string{"Tên đơn vị", "Mã, loại", "Thuộc"}, Widths: []float64{40, 30, 40}}
	for _, u := range s.units {
		in.Rows = append(in.Rows, []string{u.Name, unitDetail(u), s.names[u.ParentID]})
	}
	return in
}

// Export writes the list as shown to an Excel workbook in folder and opens it.
func (s *AdminUnitsScreen) Export(folder string, done func(path string, err error)) {
	exportList(s.excel, s.store, s.win, folder, "danh-sach-don-vi", s.listView(), done)
}

// PrintView prints the list as shown (Ctrl+P).
func (s *AdminUnitsScreen) PrintView() { s.Print(ReportsFolder(s.store), nil) }

// Search is the field the list is searched with.
func (s *AdminUnitsScreen) Search() *widgets.TextEntry { return s.search }

// Shown is how many units the list holds (for tests and the status line).
func (s *AdminUnitsScreen) Shown() []data.Unit { return s.units }

func (s *AdminUnitsScreen) CreateRenderer() fyne.WidgetRenderer {
	filters := container.NewBorder(nil, nil, nil, container.NewHBox(s.level, s.open, s.count, s.print, s.excel), s.search)
	return widget.NewSimpleRenderer(container.NewBorder(filters, nil, nil, nil, s.list))
}
