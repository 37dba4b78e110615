package data_test

import (
	"testing"

	"golang.org/x/text/unicode/norm"
	"ketnghia/data"
	"ketnghia/data/datatest"
)

func TestSearchFoldedAcrossUnitsAndAgencies(t *testing.T) {
	s := datatest.MustOpen(t)
	tr := datatest.MustTree(t, s)
	for _, u := range []*data.Unit{
		{Level: data.LevelVillage, Kind: "Làng", Name: "Làng Ngọk Rơ Nga", ParentID: tr.Commune.ID},
		{Level: data.LevelVillage, Kind: "Thôn", Name: "Thôn Thanh Hoà", ParentID: tr.Commune.ID},
		{Level: data.LevelVillage, Kind: "Thôn", Name: norm.NFD.String("Thôn Đăk Xú"), ParentID: tr.Commune.ID},
	} {
		mustSave(t, s.SaveUnit(ctx, u))
	}
	for _, a := range []*data.TwinningUnit{
		{Name: "Ban Dân tộc tỉnh", Level: data.TwinProvince, Kind: data.TwinState},
		{Name: "Huyện đoàn Đắk Tô", Level: data.TwinDistrict, Kind: data.TwinMass},
	} {
		mustSave(t, s.SaveTwinningUnit(ctx, a))
	}
	cases := []struct {
		name  string
		query string
		want  []string
	}{
		{"no diacritics, đ → d", "dak to", []string{"Huyện Đắk Tô", "Huyện đoàn Đắk Tô"}},
		{"Ngọk is Ngọc", "ngoc ro", []string{"Làng Ngọk Rơ Nga"}},
		{"old tone placement hòa/hoà", "thanh hòa", []string{"Thôn Thanh Hoà"}},
		{"Dak is Đăk, decomposed input", norm.NFD.String("Đắk Xú"), []string{"Thôn Đăk Xú"}},
		{"two letters find a word start", "xu", []string{"Thôn Đăk Xú"}},
		{"two letters inside a word do not", "ak", nil},
		{"one letter finds word starts", "x", []string{"Thôn Đăk Xú", "Xã Văn Lem"}},
		{"agencies too", "dan toc", []string{"Ban Dân tộc tỉnh"}},
		{"nothing", "quang ngai", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			hits, err := s.Search(ctx, c.query, 10)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range hits {
				got = append(got, h.Name)
			}
			if len(got) != len(c.want) {
				t.Fatalf("Search(%q) = %v, want %v", c.query, got, c.want)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("Search(%q) = %v, want %v", c.query, got, c.want)
				}
			}
		})
	}
	// The key follows renames.
	v := tr.Village
	v.Name = "Làng Kon Gu"
	mustSave(t, s.SaveUnit(ctx, &v))
	if hits, _ := s.Search(ctx, "dak ang", 10); len(hits) != 0 {
		t.Errorf("old name still found: %v", hits)
	}
	if hits, _ := s.Search(ctx, "kon gu", 10); len(hits) != 1 {
		t.Errorf("new name not found: %v", hits)
	}
}

func TestSearchSkipsTombstones(t *testing.T) {
	s := datatest.MustOpen(t)
	tr := datatest.MustTree(t, s)
	a := data.TwinningUnit{Name: "Sở Tư pháp", Level: data.TwinProvince, Kind: data.TwinState}
	mustSave(t, s.SaveTwinningUnit(ctx, &a))
	v := data.Unit{Level: data.LevelVillage, Kind: "Thôn", Name: "Thôn Tư Pháp", ParentID: tr.Commune.ID}
	mustSave(t, s.SaveUnit(ctx, &v))
	if _, n, _ := s.ListTwinningUnits(ctx, data.TwinningFilter{Query: "tu phap"}); n != 1 {
		t.Fatalf("before delete: %d", n)
	}
	mustSave(t, s.DeleteTwinningUnit(ctx, a.ID))
	mustSave(t, s.DeleteUnit(ctx, v.ID))
	if page, n, _ := s.ListTwinningUnits(ctx, data.TwinningFilter{Query: "tu phap"}); n != 0 || len(page) != 0 {
		t.Errorf("deleted agency still found: %d", n)
	}
	if page, n, _ := s.ListUnits(ctx, data.UnitFilter{Query: "tu phap"}); n != 0 || len(page) != 0 {
		t.Errorf("deleted unit still found: %d", n)
	}
	if hits, _ := s.Search(ctx, "tu phap", 10); len(hits) != 0 {
		t.Errorf("deleted records in Search: %v", hits)
	}
}
