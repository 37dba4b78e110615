package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

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
