package screen

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ketnghia/app/window/widgets"
	"ketnghia/app/window/windowtest"
	"ketnghia/data"
	"ketnghia/data/datatest"
)

// TestAgencyAssignmentActivityThroughTheScreen: create and edit an agency, assign it to a commune,
// hand the assignment to another agency, record an activity and see the year's total; delete and
// restore the agency; all read back from the store.
func TestAgencyAssignmentActivityThroughTheScreen(t *testing.T) {
	test.NewTempApp(t)
	st := datatest.MustOpen(t)
	tr := datatest.MustTree(t, st)
	ctx := context.Background()
	s := NewAgenciesScreen(st, nil)
	test.NewTempWindow(t, s)

	test.Tap(s.create)
	s.name.SetText("Sở Nông nghiệp và PTNT")
	s.level.SetSelectedIndex(0)
	test.Tap(s.save)
	a := s.Current()
	if a == nil {
		t.Fatalf("not saved: %q", s.message.Text)
	}
	s.phone.SetText("0260 3862 999")
	test.Tap(s.save)
	if got, _ := st.GetTwinningUnit(ctx, a.ID); got.Phone != "0260 3862 999" {
		t.Errorf("edit not stored: %q", got.Phone)
	}

	s.Assign(tr.Commune.ID, data.D(2024, 1, 1))
	as, _ := st.ListAssignments(ctx, data.AssignmentFilter{TwinningUnitID: a.ID})
	if len(as) != 1 || as[0].UnitID != tr.Commune.ID || !strings.Contains(s.assignments.Text, "Xã Văn Lem: từ 01/01/2024 đến nay") {
		t.Fatalf("assignment %v, shown %q", as, s.assignments.Text)
	}
	other := data.TwinningUnit{Name: "Ban Dân tộc tỉnh", Level: data.TwinProvince, Kind: data.TwinState}
	if err := st.SaveTwinningUnit(ctx, &other); err != nil {
		t.Fatal(err)
	}
	s.Reassign(as[0].ID, other.ID, data.D(2025, 1, 1))
	if !strings.Contains(s.assignments.Text, "đến 31/12/2024") {
		t.Errorf("the old assignment does not end the day before: %q", s.assignments.Text)
	}
	if next, _ := st.ListAssignments(ctx, data.AssignmentFilter{TwinningUnitID: other.ID}); len(next) != 1 || next[0].Start != data.D(2025, 1, 1) {
		t.Errorf("the new assignment: %v", next)
	}

	s.RecordActivity(&data.Activity{UnitID: tr.Commune.ID, On: data.D(2024, 2, 9), Kind: data.ActGift, Description: "Tặng quà Tết", CashVND: 5000000, InKindVND: 2000000})
	acts, _ := st.ListActivities(ctx, data.ActivityFilter{TwinningUnitID: a.ID})
	if len(acts) != 1 || acts[0].CashVND != 5000000 {
		t.Fatalf("activities %v", acts)
	}
	if !strings.Contains(s.totals.Text, "Năm 2024: 1 hoạt động; tiền mặt 5.000.000 đồng, hiện vật 2.000.000 đồng, cộng 7.000.000 đồng.") {
		t.Errorf("totals %q", s.totals.Text)
	}

	// An activity deleted by mistake comes back; an assignment deleted comes back; one ended keeps
	// its history.
	s.DeleteActivity(acts[0].ID)
	if left, _ := st.ListActivities(ctx, data.ActivityFilter{TwinningUnitID: a.ID}); len(left) != 0 {
		t.Fatalf("activity not deleted")
	}
	test.Tap(s.undoDelete)
	if back, _ := st.ListActivities(ctx, data.ActivityFilter{TwinningUnitID: a.ID}); len(back) != 1 {
		t.Fatalf("activity not restored: %q", s.message.Text)
	}
	s.Assign(tr.Commune.ID, data.D(2025, 3, 1))
	running, _ := st.ListAssignments(ctx, data.AssignmentFilter{TwinningUnitID: a.ID, ActiveAt: data.D(2025, 6, 1)})
	if len(running) != 1 {
		t.Fatalf("running assignments %v", running)
	}
	s.EndAssignment(running[0].ID, data.D(2025, 12, 31))
	if got, _ := st.GetAssignment(ctx, running[0].ID); got.End != data.D(2025, 12, 31) {
		t.Errorf("not ended: %v", got.End)
	}
	s.DeleteAssignment(running[0].ID)
	if _, err := st.GetAssignment(ctx, running[0].ID); !data.IsNotFound(err) {
		t.Fatalf("assignment not deleted: %v", err)
	}
	s.Undo()
	if _, err := st.GetAssignment(ctx, running[0].ID); err != nil {
		t.Fatalf("assignment not restored: %v", err)
	}

	s.Delete()
	if _, err := st.GetTwinningUnit(ctx, a.ID); !data.IsNotFound(err) {
		t.Fatalf("not deleted: %v", err)
	}
	s.showDeleted.SetChecked(true)
	if len(s.agencies) != 1 {
		t.Fatalf("Đã xóa shows %d", len(s.agencies))
	}
	s.list.Select(0)
	test.Tap(s.restore)
	if got, err := st.GetTwinningUnit(ctx, a.ID); err != nil || got.Name != "Sở Nông nghiệp và PTNT" {
		t.Errorf("not restored: %v", err)
	}
}

// TestUnitPickerFollowsTheDate: the commune of an activity is picked among the communes of its
// date — an activity of 2024 among the 102, one of 2026 among the 40 — and a unit chosen that
// existed on both days stays chosen.
func TestUnitPickerFollowsTheDate(t *testing.T) {
	test.NewTempApp(t)
	st := windowtest.SampleStoreOn(t, datatest.Present)
	s := NewAgenciesScreen(st, nil)
	names, ids, err := s.unitChoices(st.Today())
	if err != nil {
		t.Fatal(err)
	}
	unit := widgets.NewPicker("", names, ids)
	on := widgets.NewTextEntry("")
	s.followDate(unit, on)
	count := func() (communes int) {
		for _, l := range unit.Labels() {
			if !strings.Contains(l, ",") {
				communes++
			}
		}
		return
	}
	if n := count(); n != 40 {
		t.Fatalf("%d communes today, want 40", n)
	}
	on.SetText("17/01/2024")
	if n := count(); n != 102 {
		t.Errorf("%d communes on 17/01/2024, want 102", n)
	}
	if _, ok := unit.ValueOf("Xã Đắk Mar"); !ok {
		t.Error("Xã Đắk Mar of 2024 is not offered for a 2024 activity")
	}
	unit.Choose(valueOf(unit, "Xã Hà Mòn"))
	on.SetText("01/02/2024")
	if got, ok := unit.Chosen(); !ok || got == "" {
		t.Errorf("the chosen commune was dropped: %q %v", got, ok)
	}
	on.SetText("05/12/2026")
	if _, ok := unit.Chosen(); ok {
		t.Error("Xã Hà Mòn, merged in 2025, is still chosen for a 2026 activity")
	}
}

// TestAgencyFormAndActivityDialogKeepWhatIsTyped: an edit of an agency is asked about before
// another agency opens; the activity dialog refused for a bad figure comes back with everything
// typed, its message naming the box, the box marked; corrected, it records.
func TestAgencyFormAndActivityDialogKeepWhatIsTyped(t *testing.T) {
	widgets.UseVietnamese()
	test.NewTempApp(t)
	st := datatest.MustOpen(t)
	datatest.MustTree(t, st)
	ctx := context.Background()
	for _, name := range []string{"Sở Tư pháp", "Ban Dân tộc tỉnh"} {
		a := data.TwinningUnit{Name: name, Level: data.TwinProvince, Kind: data.TwinState}
		if err := st.SaveTwinningUnit(ctx, &a); err != nil {
			t.Fatal(err)
		}
	}
	w := test.NewTempWindow(t, widget.NewLabel(""))
	s := NewAgenciesScreen(st, w)
	w.SetContent(s)
	w.Resize(fyne.NewSize(1280, 700))
	s.list.Select(0)
	first := s.Current()
	s.phone.SetText("0260 111")
	s.list.Select(1)
	tapDialog(t, w, "Không", "No")
	if s.Current().ID != first.ID || s.phone.Text != "0260 111" {
		t.Fatal("the edit was dropped for another agency")
	}
	test.Tap(s.save)

	s.askActivity()
	form := w.Canvas().Overlays().Top()
	entries := map[string]*widgets.TextEntry{}
	for _, ph := range []string{"Nội dung", "đồng"} {
		if e, ok := windowtest.FindIn(form, func(e *widgets.TextEntry) bool { return e.PlaceHolder == ph }); ok {
			entries[ph] = e
		}
	}
	desc, cash := entries["Nội dung"], entries["đồng"]
	if desc == nil || cash == nil {
		t.Fatal("the activity dialog has no content or cash box")
	}
	desc.SetText("Thăm hỏi các hộ nghèo")
	cash.SetText("năm triệu")
	tapDialog(t, w, "Ghi")
	msg := w.Canvas().Overlays().Top()
	if !windowtest.HasText(msg, "Tiền mặt phải là số đồng") {
		t.Fatal("the message does not name the box")
	}
	tapDialog(t, w, "OK", "Đồng ý")
	again := w.Canvas().Overlays().Top()
	if again == nil || !windowtest.HasText(again, "Hoạt động của") || desc.Text != "Thăm hỏi các hộ nghèo" || cash.Text != "năm triệu" {
		t.Fatal("the dialog did not come back with what was typed")
	}
	if acts, _ := st.ListActivities(ctx, data.ActivityFilter{TwinningUnitID: first.ID}); len(acts) != 0 {
		t.Fatal("a refused activity was recorded")
	}
	cash.SetText("5.000.000")
	tapDialog(t, w, "Ghi")
	acts, _ := st.ListActivities(ctx, data.ActivityFilter{TwinningUnitID: first.ID})
	if len(acts) != 1 || acts[0].CashVND != 5000000 || acts[0].Description != "Thăm hỏi các hộ nghèo" {
		t.Fatalf("recorded %+v", acts)
	}
}
