package screen

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketnghia/app/window/widgets"
	"ketnghia/data"
	"ketnghia/data/rules"
	"ketnghia/data/vntext"
	"ketnghia/reports"
)

// PlaceScreen is the screen of the places the policies help, one level at a time: Xã, phường, thị
// trấn (NewCommunesScreen) or Thôn, làng (NewVillagesScreen); AdminUnitsScreen is the other one,
// the tree of administrative units. A list to search as you type (without accents too) and filter by
// district, class, status and year, in Vietnamese order; beside it the chosen unit: its attributes
// to edit, its yearly figures and rates, villages, twinning, assessment and change history.
// Create, edit, merge into a successor, delete (asked first) and restore from "Đã xóa".
type PlaceScreen struct {
	cfg unitConfig
	widget.BaseWidget
	store *data.Store
	win   fyne.Window
	// form tells an edit not saved; selecting is set while the list's selection is put back, so
	// that it opens nothing.
	form      formGuard
	selecting bool
	ready     bool // built: the boxes' changes read the list

	search   *widgets.TextEntry
	district *widget.Select
	class    *widget.Select
	status   *widget.Select
	year     *widget.Select
	count    *widget.Label
	excel    *widget.Button // the list as shown, to Excel
	list     *widget.List

	// the chosen commune's form
	name, code, opened, leftYear, ntmYear, healthYear *widgets.TextEntry
	planYear                                          *widgets.TextEntry // a village's planned NTM year (the directive's road)
	kind, pilot                                       *widget.Select
	parent                                            *widgets.Picker // among thousands of communes, several alike
	em, keyDBKK                                       *widget.Check
	closedInfo                                        *widget.Label
	save, create, merge, remove, restore              *widget.Button
	message                                           *widget.Label
	figures, villages, twinning, assess, history      *widget.Label
	detail                                            *container.AppTabs

	districts []data.Unit
	shown     []unitRow
	current   *data.Unit // nil: a new commune being entered

	loadMu  sync.Mutex // one reload at a time; the newest wins
	loadGen int
	tree    *unitTree // the window's tree of units the list was last filled from
	// derivedStale: the records changed since the figures shown were read (on the UI thread)
	derivedStale bool
	// loaded is told each time the list is filled (for tests); it runs on the UI thread.
	loaded func()
}

// unitConfig is what differs between the communes' screen and the villages'.
type unitConfig struct {
	level        data.Level
	noun, Noun   string // "xã", "Xã"
	parentLevel  data.Level
	parentLabel  string // "Thuộc huyện"
	parentHint   string // "Chọn huyện"
	namePrompt   string
	classChoices []string
	classCodes   []data.AreaClass
	emLabel      string
	commune      bool // commune-only fields and the villages tab
}

var communeConfig = unitConfig{level: data.LevelCommune, noun: "xã", Noun: "Xã", parentLevel: data.LevelDistrict,
	parentLabel: "Thuộc huyện", parentHint: "Chọn huyện", namePrompt: "Xã …",
	classChoices: []string{"Mọi khu vực", "Khu vực I", "Khu vực II", "Khu vực III", "Chưa ghi nhận"},
	classCodes:   []data.AreaClass{"", data.KV1, data.KV2, data.KV3, "none"},
	emLabel:      "Thuộc vùng đồng bào dân tộc thiểu số", commune: true}

// NewCommunesScreen is the screen of the communes (Xã, phường, thị trấn).
func NewCommunesScreen(st *data.Store, w fyne.Window) *PlaceScreen {
	return newPlaceScreen(st, w, communeConfig)
}

var (
	statusChoices = []string{"Có trong năm", "Đã giải thể, sáp nhập", "Tất cả", "Đã xóa"}
	pilotChoices  = []string{"Không", "Điểm cấp tỉnh", "Điểm cấp huyện", "Điểm cấp xã"}
	pilotCodes    = []data.PilotLevel{data.PilotNone, data.PilotProvince, data.PilotDistrict, data.PilotCommune}
)

// newPlaceScreen builds the screen of a level and fills its list off the UI thread.
func newPlaceScreen(st *data.Store, w fyne.Window, cfg unitConfig) *PlaceScreen {
	s := &PlaceScreen{store: st, win: w, cfg: cfg}
	s.form = formGuard{win: w, state: s.formState}
	ctx := context.Background()
	s.districts, _, _ = st.ListUnits(ctx, data.UnitFilter{Level: data.LevelDistrict})
	names := []string{"Mọi huyện"}
	for _, d := range s.districts {
		names = append(names, d.Name)
	}
	years, latest := yearChoices(st)
	reload := func(string) { s.reload() }
	s.search = widgets.NewTextEntry("Tìm theo tên, gõ có dấu hay không dấu (ví dụ: dak to)")
	s.search.OnChanged = reload
	s.district = widget.NewSelect(names, reload)
	s.class = widget.NewSelect(cfg.classChoices, reload)
	s.status = widget.NewSelect(statusChoices, reload)
	s.year = widget.NewSelect(years, reload)
	s.count = widget.NewLabel("")
	s.excel = widget.NewButtonWithIcon("Xuất Excel", theme.DownloadIcon(), func() { s.Export(nil) })
	s.list = widget.NewList(func() int { return len(s.shown) },
		func() fyne.CanvasObject {
			cell := func(text string) *widget.Label {
				l := widget.NewLabel(text)
				l.Truncation = fyne.TextTruncateEllipsis // the list's width is the window's to give
				return l
			}
			return container.NewGridWithColumns(3, cell("Xã Đắk Rơ Nga"), cell("Huyện Đắk Tô"), cell("Khu vực III"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(s.shown) {
				return
			}
			r := s.shown[i]
			cells := o.(*fyne.Container).Objects
			cells[0].(*widget.Label).SetText(r.u.Name)
			cells[1].(*widget.Label).SetText(r.place)
			cells[2].(*widget.Label).SetText(r.class)
		})
	s.list.OnSelected = func(i widget.ListItemID) {
		if i >= len(s.shown) || s.selecting {
			return
		}
		r := s.shown[i]
		// Edits not saved are asked about before another unit takes the form.
		s.guard(func() { s.openRow(r) }, func() { s.selectCurrent() })
	}
	s.buildForm()
	s.ExtendBaseWidget(s)
	// The boxes set before the list is read once: each would read the whole list again (five
	// reads of 78,000 villages on a national file).
	s.district.SetSelectedIndex(0)
	s.class.SetSelectedIndex(0)
	s.status.SetSelectedIndex(0)
	s.year.SetSelected(strconv.Itoa(latest))
	s.newCommune()
	s.ready = true
	s.reload()
	return s
}

// DataChanged follows a change of the records made elsewhere (the review grid, an import): the
// list, the figures and the history are read again; the form keeps what is typed in it.
func (s *PlaceScreen) DataChanged() {
	if s.current != nil {
		if u, err := s.store.GetUnit(context.Background(), s.current.ID); err == nil && u.Version != s.current.Version && !s.Dirty() {
			s.open(&u) // changed elsewhere, nothing typed here: the form shows it as it is now
		}
		s.showHistory()
		s.derivedStale = true // its figures: the tree of units is kept across a review saved
	}
	s.reload()
}

func (s *PlaceScreen) selectedYear() int {
	y, _ := strconv.Atoi(s.year.Selected)
	return y
}

// unitRow is a line of the list: its unit, and the unit's place and class in the year chosen,
// worked out as the list is read (drawing a line reads no index).
type unitRow struct {
	u            *data.Unit // the tree's (not every column), or a whole record when full
	full         bool
	place, class string
}

// unitRowOf works out a line of the list for year. places holds the places worked out so far,
// which lines of the same place share: the villages of a commune all read "Xã …,
// Tỉnh …", and 78,000 copies of a few thousand places were 4 MB of a national file's Thôn list.
func unitRowOf(x *rules.Index, u *data.Unit, year int, full bool, places map[string]string) unitRow {
	r := unitRow{u: u, full: full}
	r.place = x.Place(u, rules.YearEnd(year))
	if p, ok := places[r.place]; ok {
		r.place = p
	} else {
		places[r.place] = r.place
	}
	r.class = "Chưa ghi nhận"
	if c := x.RecordedClass(u.ID, "", year); c != "" {
		r.class = c.Label()
	}
	return r
}

// reload fills the list off the UI thread: the ids that match the search and status from the
// store, each unit with its place and class from the window's tree of units, read meanwhile when
// it is not at the records' state (a national file's in 0.7 s; reading the 78,000 villages whole
// took twice that).
func (s *PlaceScreen) reload() {
	if !s.ready {
		return
	}
	year := s.selectedYear()
	f := data.UnitFilter{Level: s.cfg.level, Query: s.search.Value(), Deleted: s.status.SelectedIndex() == 3}
	districtIdx, classIdx, statusIdx := s.district.SelectedIndex(), s.class.SelectedIndex(), s.status.SelectedIndex()
	s.loadGen++
	gen := s.loadGen
	Background(func() {
		s.loadMu.Lock()
		defer s.loadMu.Unlock()
		t, rows, err := s.rowsOf(context.Background(), f, year, districtIdx, classIdx, statusIdx)
		fyne.Do(func() {
			if gen != s.loadGen {
				return // a newer search is being read
			}
			if err != nil {
				s.count.SetText(data.Message(err))
				return
			}
			last := s.tree
			s.tree, s.shown = t, rows
			s.count.SetText(vntext.FormatInt(int64(len(rows))) + " " + s.cfg.noun)
			s.list.UnselectAll()
			s.list.Refresh()
			if s.current != nil && (last != t || s.derivedStale) {
				s.derivedStale = false
				s.showDerived() // the profile starts from the new tree, or holds changed figures
			}
			if s.loaded != nil {
				s.loaded()
			}
		})
	})
}

// rowsOf reads the lines of the list and the tree they were placed with. Only ids are read, and
// the units are the tree's; deleted units, which the tree has not, are read whole.
func (s *PlaceScreen) rowsOf(ctx context.Context, f data.UnitFilter, year, districtIdx, classIdx, statusIdx int) (*unitTree, []unitRow, error) {
	var ids []string
	var list []data.Unit
	var listErr error
	read := make(chan struct{})
	go func() {
		defer close(read)
		if f.Deleted {
			list, _, listErr = s.store.ListUnits(ctx, f)
		} else {
			ids, listErr = s.store.UnitIDs(ctx, f)
		}
	}()
	t, err := treeOf(s.store)
	<-read
	if err == nil {
		err = listErr
	}
	if err != nil {
		return nil, nil, err
	}
	var rows []unitRow
	places := map[string]string{}
	t.use(func(x *rules.Index) {
		units := make([]*data.Unit, 0, len(ids)+len(list))
		for _, id := range ids {
			if u := x.Unit(id); u != nil {
				units = append(units, u)
			}
		}
		for i := range list {
			units = append(units, &list[i])
		}
		for _, u := range units {
			if statusIdx == 1 && u.ClosedOn.IsZero() {
				continue
			}
			if statusIdx == 0 && !u.OpenAt(data.D(year, 1, 1)) && !u.OpenAt(rules.YearEnd(year)) {
				continue
			}
			if districtIdx > 0 {
				iu := x.Unit(u.ID)
				if iu == nil {
					iu = u
				}
				d := x.AncestorAt(iu, data.LevelDistrict, x.DistrictDate(year))
				if d == nil || d.ID != s.districts[districtIdx-1].ID {
					continue
				}
			}
			if classIdx > 0 {
				c := x.RecordedClass(u.ID, "", year)
				if want := s.cfg.classCodes[classIdx]; (want == "none" && c != "") || (want != "none" && c != want) {
					continue
				}
			}
			rows = append(rows, unitRowOf(x, u, year, f.Deleted, places))
		}
	})
	return t, rows, nil
}

func (s *PlaceScreen) buildForm() {
	s.name = widgets.NewTextEntry(s.cfg.namePrompt)
	s.code = widgets.NewPlainEntry("5 chữ số")
	s.opened = widgets.NewPlainEntry("dd/mm/yyyy")
	s.leftYear = widgets.NewPlainEntry("năm, ví dụ 2019")
	s.ntmYear = widgets.NewPlainEntry("năm")
	s.healthYear = widgets.NewPlainEntry("năm")
	s.planYear = widgets.NewPlainEntry("năm, theo lộ trình của Chỉ thị")
	s.kind = widget.NewSelect(data.UnitKinds[s.cfg.level], nil)
	s.kind.PlaceHolder = "Chọn loại"
	labels, ids := s.parentChoices()
	s.parent = widgets.NewPicker(s.cfg.parentHint, labels, ids)
	s.pilot = widget.NewSelect(pilotChoices, nil)
	s.em = widget.NewCheck(s.cfg.emLabel, nil)
	s.keyDBKK = widget.NewCheck("Xã trọng điểm đặc biệt khó khăn", nil)
	s.closedInfo = widget.NewLabel("")
	s.message = widget.NewLabel("")
	s.message.Wrapping = fyne.TextWrapWord
	s.save = widget.NewButtonWithIcon("Lưu (Ctrl+S)", theme.DocumentSaveIcon(), s.Save)
	s.save.Importance = widget.HighImportance
	s.create = widget.NewButtonWithIcon("Thêm "+s.cfg.noun+" (Ctrl+N)", theme.ContentAddIcon(), s.New)
	s.merge = widget.NewButtonWithIcon("Sáp nhập vào "+s.cfg.noun+" khác…", theme.MailForwardIcon(), s.askMerge)
	s.remove = widget.NewButtonWithIcon("Xóa", theme.DeleteIcon(), s.askDelete)
	s.restore = widget.NewButtonWithIcon("Khôi phục", theme.ContentUndoIcon(), s.Restore)
	label := func() *widget.Label { l := widget.NewLabel(""); l.Wrapping = fyne.TextWrapWord; return l }
	s.figures, s.villages, s.twinning, s.assess, s.history = label(), label(), label(), label(), label()
	form := widget.NewForm(
		widget.NewFormItem("Tên", s.name), widget.NewFormItem("Mã", s.code), widget.NewFormItem("Loại", s.kind),
		widget.NewFormItem(s.cfg.parentLabel, s.parent), widget.NewFormItem("Ngày thành lập", s.opened),
		widget.NewFormItem("Kết thúc hoạt động", s.closedInfo))
	if s.cfg.commune {
		form.Append("Năm ra khỏi diện ĐBKK", s.leftYear)
	}
	form.Append("Năm đạt chuẩn NTM", s.ntmYear)
	if !s.cfg.commune {
		form.Append("Năm dự kiến đạt chuẩn NTM", s.planYear)
	}
	if s.cfg.commune {
		form.Append("Năm đạt Bộ tiêu chí y tế xã", s.healthYear)
	}
	form.Append("Chọn điểm NTM", s.pilot)
	buttons := widgets.NewFlow(s.save, s.create, s.merge, s.remove, s.restore)
	// The two checks are rows of their own under the form: beside its labels they made the form
	// wider than a laptop at 150% text.
	checks := container.NewVBox(s.em)
	if s.cfg.commune {
		checks.Add(s.keyDBKK)
	}
	info := container.NewVBox(form, checks, buttons, s.message)
	scroll := func(o fyne.CanvasObject) fyne.CanvasObject { return container.NewVScroll(container.NewPadded(o)) }
	tabs := []*container.TabItem{container.NewTabItem("Thông tin", container.NewVScroll(info)),
		container.NewTabItem("Số liệu các năm", scroll(s.figures))}
	if s.cfg.commune {
		tabs = append(tabs, container.NewTabItem("Thôn, làng", scroll(s.villages)))
	}
	tabs = append(tabs, container.NewTabItem("Kết nghĩa", scroll(s.twinning)), container.NewTabItem("Phân định", scroll(s.assess)),
		container.NewTabItem("Lịch sử thay đổi", scroll(s.history)))
	s.detail = container.NewAppTabs(tabs...)
}

// newCommune empties the form for a new commune.
func (s *PlaceScreen) newCommune() {
	s.current = nil
	for _, e := range []*widgets.TextEntry{s.name, s.code, s.opened, s.leftYear, s.ntmYear, s.healthYear, s.planYear} {
		e.SetText("")
	}
	s.kind.SetSelected(data.UnitKinds[s.cfg.level][0])
	s.parent.Put("")
	s.pilot.SetSelectedIndex(0)
	s.em.SetChecked(true)
	s.keyDBKK.SetChecked(false)
	s.closedInfo.SetText("đang hoạt động")
	s.message.SetText("Nhập thông tin " + s.cfg.noun + " mới rồi bấm Lưu.")
	for _, l := range []*widget.Label{s.figures, s.villages, s.twinning, s.assess, s.history} {
		l.SetText("")
	}
	s.setButtons()
	s.detail.SelectIndex(0)
	s.marks().mark("", nil)
	s.form.filled()
}

// marks are the form's text fields by the stored field each edits.
func (s *PlaceScreen) marks() formMarks {
	return formMarks{"name": s.name, "code": s.code, "parent_id": &s.parent.TextEntry, "opened_on": s.opened, "left_dbkk_year": s.leftYear, "ntm_year": s.ntmYear, "health_year": s.healthYear, "ntm_plan_year": s.planYear}
}

// formState is what the form holds, to tell an edit not saved yet.
func (s *PlaceScreen) formState() string {
	return strings.Join([]string{s.name.Text, s.code.Text, s.kind.Selected, s.parent.Text, s.opened.Text, s.leftYear.Text,
		s.ntmYear.Text, s.healthYear.Text, s.planYear.Text, s.pilot.Selected, strconv.FormatBool(s.em.Checked), strconv.FormatBool(s.keyDBKK.Checked)}, "\x00")
}

// Dirty says the form holds an edit not saved.
func (s *PlaceScreen) Dirty() bool { return s.form.dirty() }

// guard runs next when the form holds nothing unsaved, or when the person agrees to drop it;
// cancel otherwise.
func (s *PlaceScreen) guard(next, cancel func()) {
	what := s.cfg.noun + " mới"
	if s.current != nil {
		what = s.current.Name
	}
	s.form.ask(what, next, cancel)
}

// CanLeave asks, when the form holds an edit not saved, whether to leave the screen anyway.
func (s *PlaceScreen) CanLeave(then func(ok bool)) {
	s.guard(func() { then(true) }, func() { then(false) })
}

// selectCurrent puts the list's selection back on the unit in the form (a change refused).
func (s *PlaceScreen) selectCurrent() {
	s.selecting = true
	defer func() { s.selecting = false }()
	s.list.UnselectAll()
	if s.current == nil {
		return
	}
	for i, r := range s.shown {
		if r.u.ID == s.current.ID {
			s.list.Select(i)
			return
		}
	}
}

func (s *PlaceScreen) setButtons() {
	ro := s.store.ReadOnly()
	deleted := s.current != nil && s.current.Deleted
	enable := func(b *widget.Button, on bool) {
		if on && !ro {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	enable(s.save, !deleted)
	enable(s.create, true)
	enable(s.merge, s.current != nil && !deleted && s.current.ClosedOn.IsZero())
	enable(s.remove, s.current != nil && !deleted)
	enable(s.restore, deleted)
}

// open shows a commune.
func (s *PlaceScreen) open(u *data.Unit) {
	c := *u
	s.current = &c
	s.name.SetText(u.Name)
	s.code.SetText(u.Code)
	s.kind.SetSelected(u.Kind)
	s.parent.Put("")
	s.parent.Choose(u.ParentID)
	s.opened.SetText(u.OpenedOn.String())
	s.closedInfo.SetText("đang hoạt động")
	if !u.ClosedOn.IsZero() {
		s.closedInfo.SetText("từ ngày " + u.ClosedOn.String())
	}
	s.em.SetChecked(u.EthnicMinority)
	s.keyDBKK.SetChecked(u.KeyDBKK)
	s.leftYear.SetText(yearText(u.LeftDBKKYear))
	s.ntmYear.SetText(yearText(u.NTMYear))
	s.planYear.SetText(yearText(u.NTMPlanYear))
	s.healthYear.SetText(yearText(u.HealthYear))
	for i, p := range pilotCodes {
		if p == u.Pilot {
			s.pilot.SetSelectedIndex(i)
		}
	}
	s.message.SetText("")
	if u.Deleted {
		s.message.SetText(s.cfg.Noun + " này đã bị xóa. Bấm Khôi phục để đưa trở lại.")
	}
	s.setButtons()
	s.showHistory()
	s.showDerived()
	s.marks().mark("", nil)
	s.form.filled()
}

// parentChoices are what a unit of the level can hang under, each labelled apart from the
// others: a village's communes of today with their area where names repeat (many "Xã Tân Lập" on
// a national file; a name alone moved a village into the first of them), a commune's districts,
// those before the reform included, with their code where names repeat.
func (s *PlaceScreen) parentChoices() ([]string, map[string]string) {
	if s.cfg.parentLevel != data.LevelDistrict {
		labels, ids, err := choicesOfLevel(s.store, s.cfg.parentLevel, s.store.Today(), "")
		if err != nil {
			s.message.SetText(data.Message(err))
		}
		return labels, ids
	}
	us := make([]data.YearUnit, len(s.districts))
	for i := range s.districts {
		us[i] = data.YearUnit{Unit: &s.districts[i]}
	}
	labels := distinctLabels(us) // a code where names repeat, as every picker of units
	ids := make(map[string]string, len(us))
	for i, d := range s.districts {
		ids[labels[i]] = d.ID
	}
	return labels, ids
}

// openRow opens a line of the list: the unit read whole (the tree's has only what places it).
func (s *PlaceScreen) openRow(r unitRow) {
	if r.full {
		s.open(r.u)
		return
	}
	u, err := s.store.GetUnit(context.Background(), r.u.ID)
	if err != nil {
		s.fail(err)
		return
	}
	s.open(&u)
}

// Find puts the cursor in the search field (Ctrl+F).
func (s *PlaceScreen) Find() {
	if c := fyne.CurrentApp(); c != nil && s.win != nil {
		s.win.Canvas().Focus(s.search)
	}
}

// PrintView prints the list as shown, with its filter (Ctrl+P).
func (s *PlaceScreen) PrintView() { s.printView(nil) }

func (s *PlaceScreen) printView(done func(string, error)) {
	printList(s.store, s.win, ReportsFolder(s.store), "danh-sach-"+s.cfg.noun, s.listView(), done)
}

// listView is the list as shown, with its filter, for printing and for Excel.
func (s *PlaceScreen) listView() reports.ListInput {
	filter := fmt.Sprintf("Lọc: %s; %s; %s; năm %s", s.district.Selected, s.class.Selected, strings.ToLower(s.status.Selected), s.year.Selected)
	if q := s.search.Value(); q != "" {
		filter += "; tên có “" + q + "”"
	}
	var rows [][]string
	for _, r := range s.shown {
		rows = append(rows, []string{r.u.Name, r.u.Code, r.place, r.class})
	}
	return reports.ListInput{Title: "Danh sách " + s.cfg.noun, Filter: filter,
		Columns: []string{"Tên", "Mã", "Thuộc", "Phân định"}, Widths: []float64{32, 12, 40, 20}, Rows: rows}
}

// Export writes the list as shown to an Excel workbook and opens it; done, when not nil, is told
// the file (tests).
func (s *PlaceScreen) Export(done func(string, error)) {
	exportList(s.excel, s.store, s.win, ReportsFolder(s.store), "danh-sach-"+s.cfg.noun, s.listView(), done)
}

// New starts a new commune (Ctrl+N).
func (s *PlaceScreen) New() { s.guard(s.newCommune, func() {}) }

// Current is the commune in the form (nil for a new one).
func (s *PlaceScreen) Current() *data.Unit { return s.current }

// Save writes the form: a new commune or the changes to the one shown. Anything that cannot be
// read or breaks a rule is said in Vietnamese and nothing is written.
func (s *PlaceScreen) Save() {
	u := data.Unit{Level: s.cfg.level}
	if s.current != nil {
		u = *s.current
	}
	u.Name, u.Code, u.Kind = s.name.Value(), s.code.Value(), s.kind.Selected
	if id, ok := s.parent.Chosen(); ok {
		u.ParentID = id
	} else if strings.TrimSpace(s.parent.Text) != "" {
		err := &data.Error{Kind: data.KindInvalid, Field: "parent_id", Msg: fmt.Sprintf(
			"Không có %s nào tên “%s”: hãy chọn %s trong danh sách hiện ra khi gõ tên.", strings.ToLower(s.cfg.parentLevel.Label()), s.parent.Text, strings.ToLower(s.cfg.parentLevel.Label()))}
		s.marks().mark("parent_id", err)
		s.fail(err)
		return
	}
	if u.ParentID == "" && s.current == nil {
		s.fail(&data.Error{Kind: data.KindInvalid, Msg: fmt.Sprintf("Hãy chọn %s mà %s thuộc về.", strings.ToLower(s.cfg.parentLevel.Label()), s.cfg.noun)})
		return
	}
	// A refusal keeps what is typed and marks the field it is about.
	refuse := func(field string, err error) {
		s.marks().mark(field, err)
		s.fail(err)
	}
	var err error
	if u.OpenedOn, err = dateField("Ngày thành lập", s.opened.Text); err != nil {
		refuse("opened_on", err)
		return
	}
	u.EthnicMinority, u.KeyDBKK = s.em.Checked, s.keyDBKK.Checked
	for _, f := range []struct {
		label, field string
		entry        *widgets.TextEntry
		dst          **int
	}{{"Năm ra khỏi diện ĐBKK", "left_dbkk_year", s.leftYear, &u.LeftDBKKYear}, {"Năm đạt chuẩn NTM", "ntm_year", s.ntmYear, &u.NTMYear},
		{"Năm đạt Bộ tiêu chí y tế xã", "health_year", s.healthYear, &u.HealthYear},
		{"Năm dự kiến đạt chuẩn NTM", "ntm_plan_year", s.planYear, &u.NTMPlanYear}} {
		if *f.dst, err = yearField(f.label, f.entry.Text); err != nil {
			refuse(f.field, err)
			return
		}
	}
	if i := s.pilot.SelectedIndex(); i >= 0 {
		u.Pilot = pilotCodes[i]
	}
	// A pilot chosen here is the only one of its unit and level (the directive).
	if err := s.store.PilotConflict(context.Background(), &u); err != nil {
		refuse("pilot_level", err)
		return
	}
	if err := s.store.SaveUnit(context.Background(), &u); err != nil {
		refuse(fieldOf(err), err)
		return
	}
	s.marks().mark("", nil)
	s.afterChange(&u, "Đã lưu "+u.Name+".")
}

func (s *PlaceScreen) afterChange(u *data.Unit, msg string) {
	saved, err := s.store.GetUnit(context.Background(), u.ID)
	if err == nil {
		s.open(&saved)
	}
	s.message.SetText(msg)
	s.reload()
}

func (s *PlaceScreen) fail(err error) { showError(s.message, s.win, err) }

// askDelete asks before deleting; Delete does it.
func (s *PlaceScreen) askDelete() {
	if s.current == nil {
		return
	}
	if s.win == nil {
		s.Delete()
		return
	}
	// What stops the deletion is said first, instead of a question answered then refused.
	if why, err := s.store.WhyNotDelete(context.Background(), s.current.ID); err != nil || why != "" {
		if err != nil {
			s.fail(err)
		} else {
			s.message.SetText(why)
			inform(s.win, "Không xóa được "+s.current.Name, why)
		}
		return
	}
	dialog.ShowConfirm("Xóa "+s.cfg.noun, fmt.Sprintf("Xóa %s? %s bị xóa vẫn xem và khôi phục được trong mục \"Đã xóa\".", s.current.Name, s.cfg.Noun),
		func(ok bool) {
			if ok {
				s.Delete()
			}
		}, s.win)
}

// Delete tombstones the commune shown.
func (s *PlaceScreen) Delete() {
	if s.current == nil {
		return
	}
	name := s.current.Name
	if err := s.store.DeleteUnit(context.Background(), s.current.ID); err != nil {
		s.fail(err)
		return
	}
	s.newCommune()
	s.message.SetText("Đã xóa " + name + ". Chọn trạng thái \"Đã xóa\" để xem lại hoặc khôi phục.")
	s.reload()
}

// Restore brings the deleted commune shown back.
func (s *PlaceScreen) Restore() {
	if s.current == nil {
		return
	}
	if err := s.store.RestoreUnit(context.Background(), s.current.ID); err != nil {
		s.fail(err)
		return
	}
	s.afterChange(s.current, "Đã khôi phục "+s.current.Name+".")
}

// askMerge asks for the successor and the day, then merges.
func (s *PlaceScreen) askMerge() {
	if s.current == nil || s.win == nil {
		return
	}
	names, byName, err := choicesOfLevel(s.store, s.cfg.level, s.store.Today(), s.current.ID)
	if err != nil {
		s.fail(err)
		return
	}
	succ := widgets.NewPicker("Gõ tên (không cần dấu) hoặc chọn "+s.cfg.noun+" kế thừa", names, byName)
	on := widgets.NewPlainEntry("dd/mm/yyyy")
	basis := widgets.NewTextEntry("Nghị quyết, quyết định")
	items := []*widget.FormItem{widget.NewFormItem("Sáp nhập vào", succ), widget.NewFormItem("Từ ngày", on), widget.NewFormItem("Căn cứ", basis)}
	current := s.current
	d := dialog.NewForm("Sáp nhập "+current.Name, "Sáp nhập", "Hủy", items, func(ok bool) {
		if !ok {
			return
		}
		day, err := dateField("Ngày sáp nhập", on.Text)
		if err == nil && day.IsZero() {
			err = &data.Error{Kind: data.KindInvalid, Msg: "Cần ngày sáp nhập, dạng dd/mm/yyyy."}
		}
		if err != nil {
			s.fail(err)
			return
		}
		id, found := succ.Chosen()
		if !found {
			s.fail(&data.Error{Kind: data.KindInvalid, Msg: "Hãy chọn " + s.cfg.noun + " kế thừa trong danh sách."})
			return
		}
		successor := succ.Text
		ask := func() { s.askAssignmentsOnMerge(current, id, successor, day, basis.Value()) }
		if today := s.store.Today(); today.Before(day) {
			confirm(s.win, "Ngày sáp nhập chưa tới", fmt.Sprintf("Ngày sáp nhập %s chưa tới (hôm nay là %s): từ khi ghi, %s không còn trong danh sách các năm sau ngày đó. Vẫn ghi việc sáp nhập?", day, today, current.Name), ask)
			return
		}
		ask()
	}, s.win)
	d.Resize(fyne.NewSize(680, 0)) // wide enough to read the successor's name
	d.Show()
}

// askAssignmentsOnMerge asks, when the unit merged still has twinning assignments running on the
// day, whether they go on with the successor or end the day before; then merges.
func (s *PlaceScreen) askAssignmentsOnMerge(u *data.Unit, successorID, successor string, day data.Date, basis string) {
	running, err := s.store.RunningAssignments(context.Background(), u.ID, day)
	if err != nil {
		s.fail(err)
		return
	}
	if len(running) == 0 || s.win == nil {
		s.Merge(successorID, day, basis, data.KeepAssignments)
		return
	}
	text := widgets.Wrapped(fmt.Sprintf("%s còn %d phân công kết nghĩa đang thực hiện vào ngày %s. Các cơ quan đó tiếp tục giúp %s (phân công cũ kết thúc ngày %s, phân công mới bắt đầu ngày sáp nhập), hay kết thúc phân công ngày %s?",
		u.Name, len(running), day, successor, day.AddDays(-1), day.AddDays(-1)))
	var d *dialog.CustomDialog
	move := widget.NewButton("Chuyển sang "+successor, func() { d.Hide(); s.Merge(successorID, day, basis, data.MoveAssignments) })
	move.Importance = widget.HighImportance
	end := widget.NewButton("Kết thúc phân công", func() { d.Hide(); s.Merge(successorID, day, basis, data.EndAssignments) })
	cancel := widget.NewButton("Hủy", func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons("Phân công kết nghĩa của "+u.Name, text, s.win)
	d.SetButtons([]fyne.CanvasObject{cancel, end, move})
	d.Resize(fyne.NewSize(680, 0))
	d.Show()
}

// Merge closes the commune shown on a day into its successor, moving its villages.
func (s *PlaceScreen) Merge(successorID string, on data.Date, basis string, assignments data.OnMerge) {
	if err := s.store.MergeUnitWith(context.Background(), s.current.ID, successorID, on, basis, assignments); err != nil {
		s.fail(err)
		return
	}
	s.afterChange(s.current, fmt.Sprintf("Đã sáp nhập %s từ ngày %s.", s.current.Name, on))
}

// showHistory lists who changed what and when: the unit itself and every record about it (its
// yearly figures, criteria results, twinning), newest first.
func (s *PlaceScreen) showHistory() {
	h, err := s.store.UnitHistory(context.Background(), s.current.ID)
	if err != nil {
		s.history.SetText(data.Message(err))
		return
	}
	var lines []string
	for _, c := range h {
		field := data.FieldLabel(c.Field)
		if field == "" {
			field = c.Field
		}
		who := c.Person
		if who == "" {
			who = "không ghi tên"
		}
		head := c.At.Local().Format("02/01/2006 15:04") + " · " + who + ": "
		if c.About != "" {
			head += c.About + ": "
		}
		switch c.Field {
		case "deleted":
			action := "xóa"
			if c.New == "0" {
				action = "khôi phục"
			}
			lines = append(lines, head+action)
		case "":
			lines = append(lines, head+c.New) // a note: created, received from another office
		default:
			lines = append(lines, fmt.Sprintf("%s%s: %s → %s", head, field, orDash(s.store.ValueText(context.Background(), c.Field, c.Old)), orDash(s.store.ValueText(context.Background(), c.Field, c.New))))
		}
	}
	if len(lines) == 0 {
		lines = []string{"Chưa có thay đổi nào."}
	}
	s.history.SetText(strings.Join(lines, "\n"))
}

func orDash(v string) string {
	if v == "" {
		return "(trống)"
	}
	return v
}

// showDerived fills the figures, villages, twinning and assessment of the commune shown, from the
// rules' index (off the UI thread).
func (s *PlaceScreen) showDerived() {
	if s.current == nil || s.tree == nil {
		return
	}
	id, year, base := s.current.ID, s.selectedYear(), s.tree.ds
	Background(func() {
		// The unit's own figures over the years, its villages' and its twinning, read for it alone.
		ctx := context.Background()
		var figures, villages, twinning, assess string
		ds, err := s.store.UnitDataset(ctx, base, id)
		if err == nil {
			x := rules.NewIndex(ds)
			if u := x.Unit(id); u != nil {
				ids := []string{u.ID}
				for _, v := range x.ChildrenAt(u.ID, rules.UnitDay(u, year)) {
					ids = append(ids, v.ID)
				}
				var td *data.TwinningData
				if td, err = s.store.TwinningOfUnits(ctx, ids); err == nil {
					figures, villages, twinning, assess = s.derivedTexts(x, u, year, td)
				}
			}
		}
		if err != nil {
			figures = data.Message(err)
		}
		fyne.Do(func() {
			if s.current == nil || s.current.ID != id {
				return
			}
			s.figures.SetText(figures)
			s.villages.SetText(villages)
			s.twinning.SetText(twinning)
			s.assess.SetText(assess)
		})
	})
}

func (s *PlaceScreen) derivedTexts(x *rules.Index, u *data.Unit, year int, td *data.TwinningData) (figures, villages, twinning, assess string) {
	// The profile the commune profile report prints, drawn as lines of text.
	p := x.Profile(u, year, td)
	var lines []string
	for _, py := range p.Years {
		c := py.Counts
		// The figures known, then those not yet entered (a year being typed in has some only).
		var parts, missing []string
		switch {
		case c.Households != nil && c.EMHouseholds != nil:
			parts = append(parts, fmt.Sprintf("%s hộ (%s hộ DTTS)", intText(c.Households), intText(c.EMHouseholds)))
		case c.Households != nil:
			parts, missing = append(parts, intText(c.Households)+" hộ"), append(missing, "hộ DTTS")
		default:
			missing = append(missing, "số hộ")
		}
		if c.Poor != nil {
			parts = append(parts, fmt.Sprintf("%s hộ nghèo (%s)", intText(c.Poor), rules.PercentBeside(c.PovertyRate())))
		} else {
			missing = append(missing, "hộ nghèo")
		}
		if c.NearPoor != nil {
			parts = append(parts, fmt.Sprintf("%s hộ cận nghèo (%s)", intText(c.NearPoor), rules.PercentBeside(c.NearPovertyRate())))
		} else {
			missing = append(missing, "hộ cận nghèo")
		}
		if len(missing) > 0 {
			parts = append(parts, "chưa có số liệu "+strings.Join(missing, ", "))
		}
		line := fmt.Sprintf("Năm %d: %s", py.Year, strings.Join(parts, "; "))
		if u.Level == data.LevelVillage {
			if py.PartyCell != nil {
				line += "; chi bộ: " + map[bool]string{true: "có", false: "chưa có"}[*py.PartyCell]
			}
			if g := c.GridShare(); g != nil {
				line += "; hộ có điện lưới " + rules.PercentBeside(g, 100)
			}
			if py.RoadAllYear != nil {
				line += "; đường quanh năm: " + map[bool]string{true: "có", false: "chưa"}[*py.RoadAllYear]
			}
		}
		lines = append(lines, line)
	}
	if len(p.Years) == 0 || p.Years[len(p.Years)-1].Year != year {
		lines = append(lines, fmt.Sprintf("Năm %d: chưa có số liệu rà soát.", year))
	}
	lines = append(lines, "", "Số liệu rà soát được nhập ở màn hình Rà soát hằng năm (chọn năm, mỗi xã, thôn một dòng) hoặc nhập từ Excel.")
	figures = strings.Join(lines, "\n")
	lines = nil
	for _, pv := range p.Villages {
		v, r := pv.Unit, pv.Review
		line := v.Name
		if r != nil {
			c := rules.CountsOf(r)
			line += fmt.Sprintf(": %s hộ, hộ nghèo %s", intText(c.Households), rules.PercentBeside(c.PovertyRate()))
			if r.PartyCell != nil && !*r.PartyCell {
				line += ", chưa có chi bộ"
			}
		}
		if v.NTMYear != nil && *v.NTMYear <= year {
			line += fmt.Sprintf(", đạt chuẩn NTM năm %d", *v.NTMYear)
		} else if v.NTMPlanYear != nil {
			line += fmt.Sprintf(", dự kiến đạt chuẩn NTM năm %d", *v.NTMPlanYear)
			if *v.NTMPlanYear <= year {
				line += " (đã quá năm dự kiến)"
			}
		}
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		lines = []string{"Chưa có thôn, làng."}
	}
	villages = strings.Join(lines, "\n")
	lines = nil
	if p.Twinned {
		for _, a := range p.Assignments {
			end := "nay"
			if !a.End.IsZero() {
				end = a.End.String()
			}
			lines = append(lines, fmt.Sprintf("%s giúp %s, từ %s đến %s", a.Agency, a.Helped, a.Start, end))
		}
		if len(lines) == 0 {
			lines = append(lines, fmt.Sprintf("Năm %d chưa có cơ quan, đơn vị nào được phân công giúp.", year))
		}
		t := p.Total
		lines = append(lines, fmt.Sprintf("Năm %d: %d hoạt động giúp đỡ, %s đồng tiền mặt, %s đồng hiện vật.", year, t.Count, vntext.FormatInt(t.CashVND), vntext.FormatInt(t.InKindVND)))
	}
	twinning = strings.Join(lines, "\n")
	if p.AssessErr != nil {
		return figures, villages, twinning, data.Message(p.AssessErr)
	}
	a := p.Assessment
	basis := rules.ShortBasis(x.RuleSet(a.RuleSet))
	if p.Unreviewed {
		lines = []string{fmt.Sprintf("Theo %s: chưa phân định được vì năm %d chưa có số liệu rà soát.", basis, year)}
		if r := rules.RecordedText(a); r != "" {
			lines = append(lines, r)
		}
		return figures, villages, twinning, strings.Join(lines, "\n")
	}
	lines = []string{fmt.Sprintf("Theo %s, năm %d, kết quả tính từ số liệu: %s.", basis, year, vntext.LowerFirst(rules.ResultText(a, x.RuleSet(a.RuleSet))))}
	if r := rules.RecordedText(a); r != "" {
		lines = append(lines, r)
	}
	for _, c := range a.Conditions {
		lines = append(lines, "• "+c.Text)
	}
	if len(a.Lacks) > 0 {
		lines = append(lines, "Còn thiếu:")
		for _, l := range a.Lacks {
			lines = append(lines, "• "+l)
		}
	}
	return figures, villages, twinning, strings.Join(lines, "\n")
}

func (s *PlaceScreen) CreateRenderer() fyne.WidgetRenderer {
	filters := container.NewVBox(s.search, container.NewGridWithColumns(2, s.district, s.class, s.status, s.year), container.NewBorder(nil, nil, nil, s.excel, s.count))
	left := container.NewBorder(filters, nil, nil, nil, s.list)
	split := container.NewHSplit(left, s.detail)
	split.Offset = 0.42
	return widget.NewSimpleRenderer(split)
}
