package data_test

import (
	"context"
	"strings"
	"testing"

	"ketnghia/data"
	"ketnghia/data/datatest"
)

// TestASecondPilotOfAUnitAndLevelIsRefused: one pilot village per commune, per district (after the
// 2025 reform, per former district) and per province; choosing a second is refused with a sentence
// naming the first, a choice at another level or in another unit is not, and a choice already
// stored (two old communes' pilots in one merged commune) stands.
func TestASecondPilotOfAUnitAndLevelIsRefused(t *testing.T) {
	ctx := context.Background()
	s := datatest.MustOpen(t)
	tr := datatest.MustTree(t, s)
	save := func(u *data.Unit) {
		t.Helper()
		if err := s.SaveUnit(ctx, u); err != nil {
			t.Fatalf("%s: %v", u.Name, err)
		}
	}
	village := func(name, parent string, opened ...data.Date) *data.Unit {
		v := &data.Unit{Level: data.LevelVillage, Kind: "Thôn", Name: name, ParentID: parent, OpenedOn: data.D(2010, 1, 1)}
		if len(opened) > 0 {
			v.OpenedOn = opened[0]
		}
		save(v)
		return v
	}
	c2 := &data.Unit{Level: data.LevelCommune, Kind: "Xã", Code: "23411", Name: "Xã Đắk Rơ Nga", ParentID: tr.District.ID, OpenedOn: data.D(2010, 1, 1)}
	save(c2)
	v1 := &tr.Village
	v2, v3, v4 := village("Thôn Hai", c2.ID), village("Thôn Ba", tr.Commune.ID), village("Thôn Bốn", tr.Commune.ID)

	choose := func(v *data.Unit, p data.PilotLevel) error {
		t.Helper()
		c := *v
		c.Pilot = p
		err := s.PilotConflict(ctx, &c)
		if err == nil {
			save(&c)
			*v = c
		}
		return err
	}
	refused := func(err error, names ...string) {
		t.Helper()
		if err == nil {
			t.Fatalf("a second pilot was taken, want it refused naming %v", names)
		}
		var de *data.Error
		if e, ok := err.(*data.Error); ok {
			de = e
		}
		if de == nil || de.Field != "pilot_level" {
			t.Errorf("the refusal is not about the pilot's level: %v", err)
		}
		for _, n := range names {
			if !strings.Contains(data.Message(err), n) {
				t.Errorf("%q does not name %s", data.Message(err), n)
			}
		}
	}
	if err := choose(v1, data.PilotDistrict); err != nil {
		t.Fatal(err)
	}
	refused(choose(v2, data.PilotDistrict), v1.Name, tr.District.Name)
	if err := choose(v2, data.PilotCommune); err != nil {
		t.Errorf("the pilot of another commune: %v", err)
	}
	if err := choose(v3, data.PilotCommune); err != nil {
		t.Errorf("the first commune pilot of %s: %v", tr.Commune.Name, err)
	}
	refused(choose(v4, data.PilotCommune), v3.Name, tr.Commune.Name)
	if err := choose(v4, data.PilotProvince); err != nil {
		t.Fatal(err)
	}
	refused(choose(v2, data.PilotProvince), v4.Name, tr.Province.Name)
	// Already stored as a second pilot (as the merger left them): kept when saved again.
	v4.Pilot = data.PilotCommune
	save(v4)
	if err := s.PilotConflict(ctx, v4); err != nil {
		t.Errorf("a choice already stored is refused: %v", err)
	}

	// After 1/7/2025: a commune of the province made of the district's commune; its villages'
	// district pilot is the former district's.
	reform := data.D(2025, 7, 1)
	tr.District.ClosedOn = reform
	save(&tr.District)
	merged := &data.Unit{Level: data.LevelCommune, Kind: "Xã", Code: "23412", Name: "Xã Ngọc Tụ", ParentID: tr.Province.ID, OpenedOn: reform}
	save(merged)
	if err := s.SaveUnitLink(ctx, &data.UnitLink{PredecessorID: c2.ID, SuccessorID: merged.ID, EffectiveOn: reform, Kind: data.LinkMerge}); err != nil {
		t.Fatal(err)
	}
	a, b := village("Thôn Năm", merged.ID, reform), village("Thôn Sáu", merged.ID, reform)
	if err := choose(a, data.PilotDistrict); err == nil {
		t.Error("the former district's second pilot was taken")
	} else {
		refused(err, v1.Name, "địa bàn huyện Đắk Tô cũ")
	}
	v1.Pilot = data.PilotNone
	save(v1)
	if err := choose(a, data.PilotDistrict); err != nil {
		t.Fatal(err)
	}
	refused(choose(b, data.PilotDistrict), a.Name, "địa bàn huyện Đắk Tô cũ")
}
