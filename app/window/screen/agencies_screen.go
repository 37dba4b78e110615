package screen

import (
	"context"
	"fmt"
	"sort"
	"strings"

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

// AgenciesScreen (Cơ quan kết nghĩa): the twinning agencies, searched without accents; the chosen
// one's details to edit; its assignments to communes and villages with their dates and history
// (assign, re-assign to another agency, end); its activities with cash and in-kind values and the
// totals by year. Deleting asks first and can be undone from "Đã xóa".
type AgenciesScreen struct {
	widget.BaseWidget
	store *data.Store
	win   fyne.Window
	// form tells an edit not saved; selecting is set while the list's selection is put back.
	form      formGuard
	selecting bool

	search      *widgets.TextEntry
	showDeleted *widget.Check
	list        *widget.List
	count       *widget.Label
	excel       *widget.Button // the list as shown, to Excel
	agencies    []data.TwinningUnit

	name, head, contact, phone, note         *widgets.TextEntry
	level, kind                              *widget.Select
	save, create, remove, restore            *widget.Button
	assign, activity                         *widget.Button
	message, assignments, activities, totals *widget.Label

	current     *data.TwinningUnit
	assignList  []data.Assignment
	activityLst []data.Activity

	// acting on one assignment or activity: chosen in a list, then ended, re-assigned, edited,
	// deleted; the last deletion can be undone.
	pickAssign, pickActivity              *widget.Select
	endAssign, reassign, delAssign        *widget.Button
	editActivity, delActivity, undoDelete *widget.Button
	undo                                  func() error
}

var (
	levelLabels = []string{"Cấp tỉnh", "Cấp huyện"}
	levelCodes  = []data.TwinningLevel{data.TwinProvince, data.TwinDistrict}
	kindCodes   = []data.TwinningKind{data.TwinParty, data.TwinState, data.TwinMass, data.TwinArmed, data.TwinEnterprise}
)

// NewAgenciesScreen builds the screen.
func NewAgenciesScreen(st *data.Store, w fyne.Window) *AgenciesScreen {
	s := &AgenciesScreen{store: st, win: w}
	s.search = widgets.NewTextEntry("Tìm cơ quan theo tên, có dấu hay không dấu")
	s.search.OnChanged = func(string) { s.reload() }
	s.showDeleted = widget.NewCheck("Đã xóa", func(bool) { s.reload() })
	s.count = widget.NewLabel("")
	s.excel = widget.NewButtonWithIcon("Xuất Excel", theme.DownloadIcon(), func() { s.Export(nil) })
	s.list = widget.NewList(func() int { return len(s.agencies) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("Sở Nông nghiệp và Phát triển nông thôn")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(s.agencies) {
				o.(*widget.Label).SetText(s.agencies[i].Name + " · " + s.agencies[i].Level.Label())
			}
		})
	s.list.OnSelected = func(i widget.ListItemID) {
		if i >= len(s.agencies) || s.selecting {
			return
		}
		a := s.agencies[i]
		// Edits not saved are asked about before another agency takes the form.
		s.guard(func() { s.open(&a) }, s.selectCurrent)
	}
	s.name, s.head, s.contact, s.phone = widgets.NewTextEntry("Tên cơ quan, đơn vị"), widgets.NewTextEntry("Họ tên thủ trưởng"), widgets.NewTextEntry("Người liên hệ"), widgets.NewPlainEntry("Số điện thoại")
	s.note = widgets.NewMultiLineTextEntry("Ghi chú")
	s.level = widget.NewSelect(levelLabels, nil)
	var kinds []string
	for _, k := range kindCodes {
		kinds = append(kinds, k.Label())
	}
	s.kind = widget.NewSelect(kinds, nil)
	s.kind.PlaceHolder = "Chọn loại"
	s.save = widget.NewButtonWithIcon("Lưu (Ctrl+S)", theme.DocumentSaveIcon(), s.Save)
	s.save.Importance = widget.HighImportance
	s.create = widget.NewButtonWithIcon("Thêm cơ quan (Ctrl+N)", theme.ContentAddIcon(), s.New)
	s.remove = widget.NewButtonWithIcon("Xóa", theme.DeleteIcon(), s.askDelete)
	s.restore = widget.NewButtonWithIcon("Khôi phục", theme.ContentUndoIcon(), s.Restore)
	s.assign = widget.NewButtonWithIcon("Phân công giúp xã, thôn…", theme.ContentAddIcon(), s.askAssign)
	s.activity = widget.NewButtonWithIcon("Ghi hoạt động…", theme.ContentAddIcon(), s.askActivity)
	label := func() *widget.Label { l := widget.NewLabel(""); l.Wrapping = fyne.TextWrapWord; return l }
	s.message, s.assignments, s.activities, s.totals = label(), label(), label(), label()
	s.pickAssign = widget.NewSelect(nil, nil)
	s.pickAssign.PlaceHolder = "Chọn một phân công"
	s.pickActivity = widget.NewSelect(nil, nil)
	s.pickActivity.PlaceHolder = "Chọn một hoạt động"
	s.endAssign = widget.NewButton("Kết thúc…", s.askEnd)
	s.reassign = widget.NewButton("Phân công lại…", s.askReassign)
	s.delAssign = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		if a := s.chosenAssignment(); a != nil {
			s.DeleteAssignment(a.ID)
		}
	})
	s.editActivity = widget.NewButton("Sửa…", func() {
		if a := s.chosenActivity(); a != nil {
			s.activityForm(a)
		}
	})
	s.delActivity = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		if a := s.chosenActivity(); a != nil {
			s.DeleteActivity(a.ID)
		}
	})
	s.undoDelete = widget.NewButtonWithIcon("Hoàn tác xóa", theme.ContentUndoIcon(), s.Undo)
	s.undoDelete.Disable()
	s.form = formGuard{win: w, state: s.formState}
	s.ExtendBaseWidget(s)
	s.empty()
	s.reload()
	return s
}

// formState is what the form holds, to tell an edit not saved yet.
func (s *AgenciesScreen) formState() string {
	return strings.Join([]string{s.name.Text, s.head.Text, s.contact.Text, s.phone.Text, s.note.Text, s.level.Selected, s.kind.Selected}, "\x00")
}

// marks are the form's text fields by the stored field each edits.
func (s *AgenciesScreen) marks() formMarks {
	return formMarks{"name": s.name, "head": s.head, "contact": s.contact, "phone": s.phone, "note": s.note}
}

// Dirty says the form holds an edit not saved.
func (s *AgenciesScreen) Dirty() bool { return s.form.dirty() }

func (s *AgenciesScreen) guard(next, cancel func()) {
	what := "cơ quan mới"
	if s.current != nil {
		what = s.current.Name
	}
	s.form.ask(what, next, cancel)
}

// CanLeave asks, when the form holds an edit not saved, whether to leave the screen anyway.
func (s *AgenciesScreen) CanLeave(then func(ok bool)) {
	s.guard(func() { then(true) }, func() { then(false) })
}

// selectCurrent puts the list's selection back on the agency in the form (a change refused).
func (s *AgenciesScreen) selectCurrent() {
	s.selecting = true
	defer func() { s.selecting = false }()
	s.list.UnselectAll()
	if s.current == nil {
		return
	}
	for i, a := range s.agencies {
		if a.ID == s.current.ID {
			s.list.Select(i)
			return
		}
	}
}

func (s *AgenciesScreen) reload() {
	ctx := context.Background()
	var err error
	if s.showDeleted.Checked {
		var all []data.TwinningUnit
		all, err = s.store.DeletedTwinningUnits(ctx)
		s.agencies = nil
		for _, a := range all {
			if vntext.Contains(a.Name, s.search.Value()) {
				s.agencies = append(s.agencies, a)
			}
		}
	} else {
		s.agencies, _, err = s.store.ListTwinningUnits(ctx, data.TwinningFilter{Query: s.search.Value()})
	}
	if err != nil {
		s.count.SetText(data.Message(err))
		return
	}
	s.count.SetText(fmt.Sprintf("%d cơ quan, đơn vị", len(s.agencies)))
	s.list.UnselectAll()
	s.list.Refresh()
}

// New empties the form for a new agency (Ctrl+N), asking first about an edit not saved.
func (s *AgenciesScreen) New() { s.guard(s.empty, func() {}) }

// empty empties the form for a new agency.
func (s *AgenciesScreen) empty() {
	s.current = nil
	for _, e := range []*widgets.TextEntry{s.name, s.head, s.contact, s.phone, s.note} {
		e.SetText("")
	}
	s.level.SetSelectedIndex(0)
	s.kind.SetSelectedIndex(1)
	s.message.SetText("Nhập thông tin cơ quan, đơn vị mới rồi bấm Lưu.")
	s.assignments.SetText("")
	s.activities.SetText("")
	s.totals.SetText("")
	s.setButtons()
	s.marks().mark("", nil)
	s.form.filled()
}

// Find goes to the search field (Ctrl+F).
func (s *AgenciesScreen) Find() {
	if s.win != nil {
		s.win.Canvas().Focus(s.search)
	}
}

func (s *AgenciesScreen) setButtons() {
	ro := s.store.ReadOnly()
	deleted := s.current != nil && s.current.Deleted
	for _, b := range []struct {
		btn *widget.Button
		on  bool
	}{{s.save, !deleted}, {s.create, true}, {s.remove, s.current != nil && !deleted}, {s.restore, deleted},
		{s.assign, s.current != nil && !deleted}, {s.activity, s.current != nil && !deleted},
		{s.endAssign, s.current != nil && !deleted}, {s.reassign, s.current != nil && !deleted}, {s.delAssign, s.current != nil && !deleted},
		{s.editActivity, s.current != nil && !deleted}, {s.delActivity, s.current != nil && !deleted}} {
		if b.on && !ro {
			b.btn.Enable()
		} else {
			b.btn.Disable()
		}
	}
}

func (s *AgenciesScreen) open(a *data.TwinningUnit) {
	c := *a
	s.current = &c
	s.name.SetText(a.Name)
	s.head.SetText(a.Head)
	s.contact.SetText(a.Contact)
	s.phone.SetText(a.Phone)
	s.note.SetText(a.Note)
	for i, l := range levelCodes {
		if l == a.Level {
			s.level.SetSelectedIndex(i)
		}
	}
	for i, k := range kindCodes {
		if k == a.Kind {
			s.kind.SetSelectedIndex(i)
		}
	}
	s.message.SetText("")
	if a.Deleted {
		s.message.SetText("Cơ quan này đã bị xóa. Bấm Khôi phục để đưa trở lại.")
	}
	s.setButtons()
	s.showWork()
	s.marks().mark("", nil)
	s.form.filled()
}

// Current is the agency in the form (nil for a new one).
func (s *AgenciesScreen) Current() *data.TwinningUnit { return s.current }

// Save writes the form (Ctrl+S).
func (s *AgenciesScreen) Save() {
	a := data.TwinningUnit{}
	if s.current != nil {
		a = *s.current
	}
	a.Name, a.Head, a.Contact, a.Phone, a.Note = s.name.Value(), s.head.Value(), s.contact.Value(), s.phone.Value(), s.note.Text
	if i := s.level.SelectedIndex(); i >= 0 {
		a.Level = levelCodes[i]
	}
	if i := s.kind.SelectedIndex(); i >= 0 {
		a.Kind = kindCodes[i]
	}
	if err := s.store.SaveTwinningUnit(context.Background(), &a); err != nil {
		s.marks().mark(fieldOf(err), err) // what is typed stays; the field is marked
		s.fail(err)
		return
	}
	saved, _ := s.store.GetTwinningUnit(context.Background(), a.ID)
	s.open(&saved)
	s.message.SetText("Đã lưu " + a.Name + ".")
	s.reload()
}

func (s *AgenciesScreen) fail(err error) { showError(s.message, s.win, err) }

func (s *AgenciesScreen) askDelete() {
	if s.current == nil {
		return
	}
	if s.win == nil {
		s.Delete()
		return
	}
	dialog.ShowConfirm("Xóa cơ quan", fmt.Sprintf("Xóa %s? Có thể khôi phục trong mục \"Đã xóa\".", s.current.Name), func(ok bool) {
		if ok {
			s.Delete()
		}
	}, s.win)
}

// Delete tombstones the agency shown.
func (s *AgenciesScreen) Delete() {
	name := s.current.Name
	if err := s.store.DeleteTwinningUnit(context.Background(), s.current.ID); err != nil {
		s.fail(err)
		return
	}
	s.empty()
	s.message.SetText("Đã xóa " + name + ". Đánh dấu \"Đã xóa\" để xem lại hoặc khôi phục.")
	s.reload()
}

// Restore brings the deleted agency shown back.
func (s *AgenciesScreen) Restore() {
	if err := s.store.RestoreTwinningUnit(context.Background(), s.current.ID); err != nil {
		s.fail(err)
		return
	}
	a, _ := s.store.GetTwinningUnit(context.Background(), s.current.ID)
	s.showDeleted.SetChecked(false)
	s.open(&a)
	s.message.SetText("Đã khôi phục " + a.Name + ".")
}

// unitChoices are the communes and villages open on day, villages named with their commune, for
// the pickers.
func (s *AgenciesScreen) unitChoices(day data.Date) ([]string, map[string]string, error) {
	return unitChoices(s.store, day, true, "")
}

// followDate makes a picker offer the communes and villages that existed on the day typed in a
// date field (an activity of 2024 is of the communes before the 2025 merger), keeping the unit
// chosen when it existed then too.
func (s *AgenciesScreen) followDate(unit *widgets.Picker, date *widgets.TextEntry) {
	date.OnChanged = func(text string) {
		day, err := dateField("Ngày", text)
		if err != nil || day.IsZero() {
			return
		}
		chosen, had := unit.Chosen()
		names, ids, err := s.unitChoices(day)
		if err != nil {
			return
		}
		unit.SetChoices(names, ids)
		if had {
			unit.Choose(chosen)
		}
	}
}

// askAssign asks for the commune or village and the first day, then assigns.
func (s *AgenciesScreen) askAssign() {
	if s.current == nil || s.win == nil {
		return
	}
	names, ids, err := s.unitChoices(s.store.Today())
	if err != nil {
		s.fail(err)
		return
	}
	unit := widgets.NewPicker("Gõ tên xã, thôn (không cần dấu) rồi chọn", names, ids)
	start := widgets.NewPlainEntry("dd/mm/yyyy")
	start.SetText(s.store.Today().String())
	s.followDate(unit, start)
	items := []*widget.FormItem{widget.NewFormItem("Giúp", unit), widget.NewFormItem("Từ ngày", start)}
	dialog.ShowForm("Phân công "+s.current.Name, "Phân công", "Hủy", items, func(ok bool) {
		if !ok {
			return
		}
		id, found := unit.Chosen()
		if !found {
			s.fail(&data.Error{Kind: data.KindInvalid, Msg: "Hãy chọn xã, thôn trong danh sách."})
			return
		}
		day, err := dateField("Ngày bắt đầu", start.Text)
		if err != nil {
			s.fail(err)
			return
		}
		s.Assign(id, day)
	}, s.win)
}

// Assign twins the agency shown with a commune or village from a day.
func (s *AgenciesScreen) Assign(unitID string, start data.Date) {
	a := data.Assignment{TwinningUnitID: s.current.ID, UnitID: unitID, Start: start}
	if err := s.store.SaveAssignment(context.Background(), &a); err != nil {
		s.fail(err)
		return
	}
	s.message.SetText("Đã phân công.")
	s.showWork()
}

// Reassign hands a running assignment of the agency shown to another agency from a day; the old one
// ends the day before, so the history stays.
func (s *AgenciesScreen) Reassign(assignmentID, toAgencyID string, on data.Date) {
	if _, err := s.store.Reassign(context.Background(), assignmentID, toAgencyID, on, ""); err != nil {
		s.fail(err)
		return
	}
	s.message.SetText("Đã phân công lại.")
	s.showWork()
}

// askActivity asks for a new activity.
func (s *AgenciesScreen) askActivity() { s.activityForm(nil) }

// activityForm asks for an activity's date, place, kind, content and values (filled in from one
// already recorded, to correct it), then records it.
func (s *AgenciesScreen) activityForm(existing *data.Activity) {
	if s.current == nil || s.win == nil {
		return
	}
	day := s.store.Today()
	if existing != nil && !existing.On.IsZero() {
		day = existing.On
	}
	names, ids, err := s.unitChoices(day)
	if err != nil {
		s.fail(err)
		return
	}
	on := widgets.NewPlainEntry("dd/mm/yyyy")
	on.SetText(day.String())
	unit := widgets.NewPicker("Xã, thôn được giúp (có thể để trống)", names, ids)
	s.followDate(unit, on)
	var kinds []string
	for _, k := range data.ActivityKinds {
		kinds = append(kinds, k.Label())
	}
	kind := widget.NewSelect(kinds, nil)
	kind.SetSelectedIndex(0)
	desc := widgets.NewMultiLineTextEntry("Nội dung")
	cash, inKind := widgets.NewPlainEntry("đồng"), widgets.NewPlainEntry("đồng")
	if existing != nil {
		on.SetText(existing.On.String())
		unit.Choose(existing.UnitID)
		for i, k := range data.ActivityKinds {
			if k == existing.Kind {
				kind.SetSelectedIndex(i)
			}
		}
		desc.SetText(existing.Description)
		cash.SetText(vntext.FormatInt(existing.CashVND))
		inKind.SetText(vntext.FormatInt(existing.InKindVND))
	}
	items := []*widget.FormItem{widget.NewFormItem("Ngày", on), widget.NewFormItem("Giúp", unit), widget.NewFormItem("Hình thức", kind),
		widget.NewFormItem("Nội dung", desc), widget.NewFormItem("Tiền mặt", cash), widget.NewFormItem("Hiện vật (quy ra tiền)", inKind)}
	marks := formMarks{"on_date": on, "cash_vnd": cash, "in_kind_vnd": inKind, "description": desc}
	agency := s.current
	// A refusal shows the form again as it was typed, the field it is about marked: nothing typed
	// is lost to a mistake in one box.
	var show func()
	show = func() {
		d := dialog.NewForm("Hoạt động của "+agency.Name, "Ghi", "Hủy", items, func(ok bool) {
			if !ok {
				return
			}
			act := data.Activity{}
			if existing != nil {
				act = *existing
			}
			act.TwinningUnitID, act.Kind, act.Description = agency.ID, data.ActivityKinds[max(kind.SelectedIndex(), 0)], desc.Text
			act.UnitID, act.CashVND, act.InKindVND = "", 0, 0
			field := ""
			var err error
			if act.On, err = dateField("Ngày", on.Text); err == nil && act.On.IsZero() {
				err = &data.Error{Kind: data.KindInvalid, Msg: "Cần ngày của hoạt động, dạng dd/mm/yyyy."}
			}
			if err != nil {
				field = "on_date"
			}
			if err == nil && unit.Text != "" {
				id, found := unit.Chosen()
				if !found {
					err = &data.Error{Kind: data.KindInvalid, Msg: "Hãy chọn xã, thôn được giúp trong danh sách, hoặc để trống ô Giúp."}
				}
				act.UnitID = id
			}
			for _, v := range []struct {
				label, field, text string
				dst                *int64
			}{{"Tiền mặt", "cash_vnd", cash.Text, &act.CashVND}, {"Hiện vật (quy ra tiền)", "in_kind_vnd", inKind.Text, &act.InKindVND}} {
				if err == nil && strings.TrimSpace(v.text) != "" {
					var n int64
					if n, err = vntext.ParseInt(v.text); err != nil {
						err = &data.Error{Kind: data.KindInvalid, Msg: v.label + " phải là số đồng, ví dụ 5.000.000."}
						field = v.field
					}
					*v.dst = n
				}
			}
			if err == nil {
				act.TwinningUnitID = agency.ID
				if err = s.store.SaveActivity(context.Background(), &act); err != nil {
					field = fieldOf(err)
				}
			}
			if err != nil {
				marks.mark(field, err)
				show()
				s.fail(err)
				return
			}
			s.message.SetText("Đã ghi hoạt động.")
			s.showWork()
		}, s.win)
		d.Resize(fyne.NewSize(640, 0))
		d.Show()
	}
	show()
}

// RecordActivity saves an activity of the agency shown.
func (s *AgenciesScreen) RecordActivity(a *data.Activity) {
	a.TwinningUnitID = s.current.ID
	if err := s.store.SaveActivity(context.Background(), a); err != nil {
		s.fail(err)
		return
	}
	s.message.SetText("Đã ghi hoạt động.")
	s.showWork()
}

func (s *AgenciesScreen) chosenAssignment() *data.Assignment {
	if i := s.pickAssign.SelectedIndex(); i >= 0 && i < len(s.assignList) {
		return &s.assignList[i]
	}
	return nil
}

func (s *AgenciesScreen) chosenActivity() *data.Activity {
	if i := s.pickActivity.SelectedIndex(); i >= 0 && i < len(s.activityLst) {
		return &s.activityLst[i]
	}
	return nil
}

// askEnd asks for the last day of the chosen assignment.
func (s *AgenciesScreen) askEnd() {
	a := s.chosenAssignment()
	if a == nil || s.win == nil {
		return
	}
	day := widgets.NewPlainEntry("dd/mm/yyyy")
	day.SetText(s.store.Today().String())
	dialog.ShowForm("Kết thúc phân công", "Kết thúc", "Hủy", []*widget.FormItem{widget.NewFormItem("Ngày cuối cùng", day)}, func(ok bool) {
		if !ok {
			return
		}
		d, err := dateField("Ngày cuối cùng", day.Text)
		if err == nil && d.IsZero() {
			err = &data.Error{Kind: data.KindInvalid, Msg: "Cần ngày kết thúc, dạng dd/mm/yyyy."}
		}
		if err != nil {
			s.fail(err)
			return
		}
		s.EndAssignment(a.ID, d)
	}, s.win)
}

// EndAssignment ends an assignment on a day (its history stays).
func (s *AgenciesScreen) EndAssignment(id string, last data.Date) {
	a, err := s.store.GetAssignment(context.Background(), id)
	if err == nil {
		a.End = last
		err = s.store.SaveAssignment(context.Background(), &a)
	}
	if err != nil {
		s.fail(err)
		return
	}
	s.message.SetText("Đã kết thúc phân công ngày " + last.String() + ".")
	s.showWork()
}

// askReassign asks for the agency that takes the chosen assignment over and the day.
func (s *AgenciesScreen) askReassign() {
	a := s.chosenAssignment()
	if a == nil || s.win == nil {
		return
	}
	agencies, _, err := s.store.ListTwinningUnits(context.Background(), data.TwinningFilter{})
	if err != nil {
		s.fail(err)
		return
	}
	var names []string
	ids := map[string]string{}
	for _, o := range agencies {
		if o.ID != s.current.ID {
			names = append(names, o.Name)
			ids[o.Name] = o.ID
		}
	}
	to := widget.NewSelect(names, nil)
	to.PlaceHolder = "Chọn cơ quan nhận phân công"
	day := widgets.NewPlainEntry("dd/mm/yyyy")
	day.SetText(s.store.Today().String())
	dialog.ShowForm("Phân công lại", "Phân công lại", "Hủy", []*widget.FormItem{widget.NewFormItem("Cơ quan mới", to), widget.NewFormItem("Từ ngày", day)}, func(ok bool) {
		if !ok {
			return
		}
		d, err := dateField("Ngày", day.Text)
		if err == nil && (d.IsZero() || ids[to.Selected] == "") {
			err = &data.Error{Kind: data.KindInvalid, Msg: "Cần chọn cơ quan mới và ngày, dạng dd/mm/yyyy."}
		}
		if err != nil {
			s.fail(err)
			return
		}
		s.Reassign(a.ID, ids[to.Selected], d)
	}, s.win)
}

// DeleteAssignment deletes an assignment entered by mistake; Undo brings it back.
func (s *AgenciesScreen) DeleteAssignment(id string) {
	s.deleteWork("phân công", id, s.store.DeleteAssignment, s.store.RestoreAssignment)
}

// DeleteActivity deletes an activity; Undo brings it back.
func (s *AgenciesScreen) DeleteActivity(id string) {
	s.deleteWork("hoạt động", id, s.store.DeleteActivity, s.store.RestoreActivity)
}

// deleteWork deletes an assignment or an activity (what) and offers to undo it.
func (s *AgenciesScreen) deleteWork(what, id string, del, restore func(context.Context, string) error) {
	if err := del(context.Background(), id); err != nil {
		s.fail(err)
		return
	}
	s.setUndo(func() error { return restore(context.Background(), id) })
	s.message.SetText("Đã xóa " + what + ". Bấm \"Hoàn tác xóa\" nếu xóa nhầm.")
	s.showWork()
}

func (s *AgenciesScreen) setUndo(f func() error) {
	s.undo = f
	s.undoDelete.Enable()
}

// Undo restores what was deleted last.
func (s *AgenciesScreen) Undo() {
	if s.undo == nil {
		return
	}
	if err := s.undo(); err != nil {
		s.fail(err)
		return
	}
	s.undo = nil
	s.undoDelete.Disable()
	s.message.SetText("Đã khôi phục.")
	s.showWork()
}

// showWork lists the assignments and activities of the agency shown, with totals by year.
func (s *AgenciesScreen) showWork() {
	if s.current == nil {
		return
	}
	ctx := context.Background()
	as, err := s.store.ListAssignments(ctx, data.AssignmentFilter{TwinningUnitID: s.current.ID})
	if err != nil {
		s.assignments.SetText(data.Message(err))
		return
	}
	s.assignList = as
	name := func(id string) string {
		if id == "" {
			return "không gắn với xã, thôn"
		}
		if u, err := s.store.GetUnit(ctx, id); err == nil {
			return u.Name
		}
		return "đơn vị đã xóa"
	}
	var lines []string
	for _, a := range as {
		end := "nay"
		if !a.End.IsZero() {
			end = a.End.String()
		}
		lines = append(lines, fmt.Sprintf("%s: từ %s đến %s", name(a.UnitID), a.Start, end))
	}
	s.pickAssign.Options = append([]string(nil), lines...)
	s.pickAssign.ClearSelected()
	if len(lines) == 0 {
		lines = []string{"Chưa có phân công."}
	}
	s.assignments.SetText(strings.Join(lines, "\n"))
	acts, err := s.store.ListActivities(ctx, data.ActivityFilter{TwinningUnitID: s.current.ID})
	if err != nil {
		s.activities.SetText(data.Message(err))
		return
	}
	s.activityLst = acts
	lines = nil
	byYear := map[int]*rules.ActivityTotal{}
	for _, a := range acts {
		lines = append(lines, fmt.Sprintf("%s · %s · %s: %s (tiền mặt %s đ, hiện vật %s đ)", a.On, name(a.UnitID), a.Kind.Label(), a.Description,
			vntext.FormatInt(a.CashVND), vntext.FormatInt(a.InKindVND)))
		if byYear[a.On.Year()] == nil {
			byYear[a.On.Year()] = &rules.ActivityTotal{}
		}
		byYear[a.On.Year()].Add(a)
	}
	s.pickActivity.Options = append([]string(nil), lines...)
	s.pickActivity.ClearSelected()
	if len(lines) == 0 {
		lines = []string{"Chưa có hoạt động."}
	}
	s.activities.SetText(strings.Join(lines, "\n"))
	var years []int
	for y := range byYear {
		years = append(years, y)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(years)))
	lines = nil
	for _, y := range years {
		t := byYear[y]
		lines = append(lines, fmt.Sprintf("Năm %d: %d hoạt động; tiền mặt %s đồng, hiện vật %s đồng, cộng %s đồng.", y, t.Count,
			vntext.FormatInt(t.CashVND), vntext.FormatInt(t.InKindVND), vntext.FormatInt(t.ValueVND())))
	}
	s.totals.SetText(strings.Join(lines, "\n"))
}

// listView is the list of agencies as shown, for Excel.
func (s *AgenciesScreen) listView() reports.ListInput {
	filter := "Lọc: các cơ quan, đơn vị đang theo dõi"
	if s.showDeleted.Checked {
		filter = "Lọc: các cơ quan, đơn vị đã xóa"
	}
	if q := s.search.Value(); q != "" {
		filter += "; tên có “" + q + "”"
	}
	in := reports.ListInput{Title: "Danh sách cơ quan, đơn vị kết nghĩa", Filter: filter,
		Columns: []string{"Tên", "Cấp", "Loại", "Thủ trưởng", "Người liên hệ", "Điện thoại"}}
	for _, a := range s.agencies {
		in.Rows = append(in.Rows, []string{a.Name, a.Level.Label(), a.Kind.Label(), a.Head, a.Contact, a.Phone})
	}
	return in
}

// Export writes the list as shown to an Excel workbook and opens it; done, when not nil, is told
// the file (tests).
func (s *AgenciesScreen) Export(done func(string, error)) {
	exportList(s.excel, s.store, s.win, ReportsFolder(s.store), "co-quan-ket-nghia", s.listView(), done)
}

func (s *AgenciesScreen) CreateRenderer() fyne.WidgetRenderer {
	left := container.NewBorder(container.NewVBox(s.search, widgets.NewFlow(s.showDeleted, s.count, s.excel)), nil, nil, nil, s.list)
	form := widget.NewForm(widget.NewFormItem("Tên", s.name), widget.NewFormItem("Cấp", s.level), widget.NewFormItem("Loại", s.kind),
		widget.NewFormItem("Thủ trưởng", s.head), widget.NewFormItem("Người liên hệ", s.contact), widget.NewFormItem("Điện thoại", s.phone),
		widget.NewFormItem("Ghi chú", s.note))
	bold := func(t string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(t, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	right := container.NewVScroll(container.NewVBox(form, widgets.NewFlow(s.save, s.create, s.remove, s.restore), s.message,
		widget.NewSeparator(), container.NewBorder(nil, nil, bold("Phân công"), s.assign), s.assignments,
		container.NewBorder(nil, nil, nil, container.NewHBox(s.endAssign, s.reassign, s.delAssign), s.pickAssign),
		container.NewBorder(nil, nil, bold("Hoạt động giúp đỡ"), s.activity), s.totals, s.activities,
		container.NewBorder(nil, nil, nil, container.NewHBox(s.editActivity, s.delActivity), s.pickActivity),
		container.NewHBox(s.undoDelete)))
	split := container.NewHSplit(left, right)
	split.Offset = 0.38
	return widget.NewSimpleRenderer(split)
}
