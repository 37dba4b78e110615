package data_test

import (
	"context"
	"strings"
	"testing"

	"ketnghia/data"
	"ketnghia/data/datatest"
)

// TestDeleteAndRestoreUnit: a deleted unit leaves the lists, shows in the "Đã xóa" view, and comes
// back with its history telling both.
func TestDeleteAndRestoreUnit(t *testing.T) {
	ctx := context.Background()
	s := datatest.MustOpen(t)
	tr := datatest.MustTree(t, s)
	v := tr.Village
	if err := s.DeleteUnit(ctx, v.ID); err != nil {
		t.Fatal(err)
	}
	live, _, _ := s.ListUnits(ctx, data.UnitFilter{Level: data.LevelVillage})
	gone, _, _ := s.ListUnits(ctx, data.UnitFilter{Level: data.LevelVillage, Deleted: true})
	if len(live) != 0 || len(gone) != 1 || gone[0].ID != v.ID {
		t.Fatalf("live %d, deleted %d", len(live), len(gone))
	}
	if err := s.RestoreUnit(ctx, v.ID); err != nil {
		t.Fatal(err)
	}
	if u, err := s.GetUnit(ctx, v.ID); err != nil || u.Name != v.Name {
		t.Fatalf("restored: %v %v", u, err)
	}
	h, _ := s.History(ctx, "units", v.ID)
	var deletes []string
	for _, c := range h {
		if c.Field == "deleted" {
			deletes = append(deletes, c.Old+"→"+c.New)
		}
	}
	if strings.Join(deletes, ",") != "0→1,1→0" {
		t.Errorf("history of deleted: %v", deletes)
	}
	if err := s.RestoreUnit(ctx, v.ID); !data.IsNotFound(err) {
		t.Errorf("restoring a live unit: %v", err)
	}
}

// TestMergeUnit: NQ 1677-style merge: the commune closes, its villages move to the successor, the
// link is recorded; all or nothing.
func TestMergeUnit(t *testing.T) {
	ctx := context.Background()
	s := datatest.MustOpen(t)
	tr := datatest.MustTree(t, s)
	succ := data.Unit{Level: data.LevelCommune, Kind: "Xã", Code: "23411", Name: "Xã Đắk Tô Mới", ParentID: tr.District.ID, OpenedOn: data.D(2010, 1, 1)}
	if err := s.SaveUnit(ctx, &succ); err != nil {
		t.Fatal(err)
	}
	on := data.D(2025, 7, 1)
	if err := s.MergeUnit(ctx, tr.Commune.ID, tr.Commune.ID, on, ""); !data.IsInvalid(err) {
		t.Errorf("merge into itself: %v", err)
	}
	if err := s.MergeUnit(ctx, tr.Commune.ID, tr.Village.ID, on, ""); !data.IsInvalid(err) {
		t.Errorf("merge a commune into a village: %v", err)
	}
	if err := s.MergeUnit(ctx, tr.Commune.ID, succ.ID, on, "NQ 1677/NQ-UBTVQH15"); err != nil {
		t.Fatal(err)
	}
	c, _ := s.GetUnit(ctx, tr.Commune.ID)
	v, _ := s.GetUnit(ctx, tr.Village.ID)
	links, _ := s.Successors(ctx, tr.Commune.ID)
	if c.ClosedOn != on || v.ParentID != succ.ID || len(links) != 1 || links[0].SuccessorID != succ.ID {
		t.Errorf("closed %v, village under %s, links %v", c.ClosedOn, v.ParentID, links)
	}
	if p, err := s.ParentAt(ctx, tr.Village.ID, data.D(2024, 12, 31)); err != nil || p.ID != tr.Commune.ID {
		t.Errorf("before the merge the village was under its old commune: %v %v", p.Name, err)
	}
	if err := s.MergeUnit(ctx, tr.Commune.ID, succ.ID, on, ""); !data.IsConflict(err) {
		t.Errorf("merging a closed commune again: %v", err)
	}
}
