package data_test

import (
	"context"
	"strings"
	"testing"

	"ketnghia/data"
	"ketnghia/data/datatest"
)

// countRows is how many records (tombstones included) and change-log lines the database holds, to
// prove that a refused input wrote nothing.
func countRows(t *testing.T, s *data.Store) int {
	t.Helper()
	st, err := s.Stats(context.Background(), data.StatsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return st.AllRecords + st.ChangeLogLines
}

func TestValidationRules(t *testing.T) {
	i := datatest.Int
	cases := []struct {
		name  string
		field string
		save  func(s *data.Store, tr datatest.Tree) error
	}{
		{"poor + near-poor ≤ households", "poor", func(s *data.Store, tr datatest.Tree) error {
			return s.SaveReview(ctx, &data.Review{UnitID: tr.Village.ID, Year: 2024, Households: i(100), Poor: i(60), NearPoor: i(41)})
		}},
		{"ethnic-minority households ≤ households", "em_households", func(s *data.Store, tr datatest.Tree) error {
			return s.SaveReview(ctx, &data.Review{UnitID: tr.Village.ID, Year: 2024, Households: i(100), EMHouseholds: i(101)})
		}},
		{"poor ethnic-minority ≤ poor", "poor_em", func(s *data.Store, tr datatest.Tree) error {
			return s.SaveReview(ctx, &data.Review{UnitID: tr.Village.ID, Year: 2024, Households: i(100), Poor: i(10), PoorEM: i(11)})
		}},
		{"counts ≥ 0 (households)", "households", func(s *data.Store, tr datatest.Tree) error {
			return s.SaveReview(ctx, &data.Review{UnitID: tr.Village.ID, Year: 2024, Households: i(-1)})
		}},
		{"counts ≥ 0 (poor)", "poor", func(s *data.Store, tr datatest.Tree) error {
			return s.SaveReview(ctx, &data.Review{UnitID: tr.Village.ID, Year: 2024, Poor: i(-3)})
		}},
		{"counts ≥ 0 (activity value)", "cash_vnd", func(s *data.Store, tr datatest.Tree) error {
			tw := data.TwinningUnit{Name: "Sở Y tế", Level: data.TwinProvince, Kind: data.TwinState}
			if err := s.SaveTwinningUnit(ctx, &tw); err != nil {
				return err
			}
			return s.SaveActivity(ctx, &data.Activity{TwinningUnitID: tw.ID, On: data.D(2024, 1, 1), Kind: data.ActGift, CashVND: -5})
		}},
		{"year 2000–2100 (1999)", "year", func(s *data.Store, tr datatest.Tree) error {
			return s.SaveReview(ctx, &data.Review{UnitID: tr.Village.ID, Year: 1999})
		}},
		{"year 2000–2100 (2101)", "year", func(s *data.Store, tr datatest.Tree) error {
			return s.SaveReview(ctx, &data.Review{UnitID: tr.Village.ID, Year: 2101})
		}},
		{"assignment end ≥ start", "end_on", func(s *data.Store, tr datatest.Tree) error {
			tw := data.TwinningUnit{Name: "Sở Y tế", Level: data.TwinProvince, Kind: data.TwinState}
			if err := s.SaveTwinningUnit(ctx, &tw); err != nil {
				return err
			}
			return s.SaveAssignment(ctx, &data.Assignment{TwinningUnitID: tw.ID, UnitID: tr.Commune.ID, Start: data.D(2020, 5, 1), End: data.D(2020, 4, 30)})
		}},
		{"province code has 2 digits", "code", func(s *data.Store, tr datatest.Tree) error {
			return s.SaveUnit(ctx, &data.Unit{Level: data.LevelProvince, Kind: "Tỉnh", Code: "620", Name: "Tỉnh X"})
		}},
		{"district code has 3 digits", "code", func(s *data.Store, tr datatest.Tree) error {
			return s.SaveUnit(ctx, &data.Unit{Level: data.LevelDistrict, Kind: "Huyện", Code: "61", Name: "Huyện X", ParentID: tr.Province.ID})
		}},
		{"commune code has 5 digits", "code", func(s *data.Store, tr datatest.Tree) error {
			return s.SaveUnit(ctx, &data.Unit{Level: data.LevelCommune, Kind: "Xã", Code: "2341", Name: "Xã X", ParentID: tr.District.ID})
		}},
		{"commune code is digits only", "code", func(s *data.Store, tr datatest.Tree) error {
			return s.SaveUnit(ctx, &data.Unit{Level: data.LevelCommune, Kind: "Xã", Code: "2341A", Name: "Xã X", ParentID: tr.District.ID})
		}},
		{"village hangs under a commune", "parent_id", func(s *data.Store, tr datatest.Tree) error {
			return s.SaveUnit(ctx, &data.Unit{Level: data.LevelVillage, Kind: "Thôn", Name: "Thôn 1", ParentID: tr.District.ID})
		}},
		{"village hangs under a commune open at that date", "parent_id", func(s *data.Store, tr datatest.Tree) error {
			closed := data.Unit{Level: data.LevelCommune, Kind: "Xã", Code: "23999", Name: "Xã Cũ", ParentID: tr.District.ID,
				OpenedOn: data.D(2010, 1, 1), ClosedOn: data.D(2019, 9, 1)}
			if err := s.SaveUnit(ctx, &closed); err != nil {
				return err
			}
			return s.SaveUnit(ctx, &data.Unit{Level: data.LevelVillage, Kind: "Thôn", Name: "Thôn Mới", ParentID: closed.ID, OpenedOn: data.D(2020, 1, 1)})
		}},
		{"no two open units share a code", "code", func(s *data.Store, tr datatest.Tree) error {
			return s.SaveUnit(ctx, &data.Unit{Level: data.LevelCommune, Kind: "Xã", Code: tr.Commune.Code, Name: "Xã Trùng Mã", ParentID: tr.District.ID})
		}},
		{"closing date after opening date", "closed_on", func(s *data.Store, tr datatest.Tree) error {
			return s.SaveUnit(ctx, &data.Unit{Level: data.LevelCommune, Kind: "Xã", Code: "23998", Name: "Xã Y", ParentID: tr.District.ID,
				OpenedOn: data.D(2020, 1, 1), ClosedOn: data.D(2019, 1, 1)})
		}},
		{"kind fits the level", "kind", func(s *data.Store, tr datatest.Tree) error {
			return s.SaveUnit(ctx, &data.Unit{Level: data.LevelCommune, Kind: "Thôn", Code: "23997", Name: "Xã Z", ParentID: tr.District.ID})
		}},
		{"one review per unit and year", "year", func(s *data.Store, tr datatest.Tree) error {
			if err := s.SaveReview(ctx, &data.Review{UnitID: tr.Village.ID, Year: 2023, Households: i(10)}); err != nil {
				return err
			}
			return s.SaveReview(ctx, &data.Review{UnitID: tr.Village.ID, Year: 2023, Households: i(11)})
		}},
		{"grid households ≤ households", "grid_households", func(s *data.Store, tr datatest.Tree) error {
			return s.SaveReview(ctx, &data.Review{UnitID: tr.Village.ID, Year: 2024, Households: i(50), GridHouseholds: i(51)})
		}},
		{"unpaved road ≤ whole road", "road_unpaved_km", func(s *data.Store, tr datatest.Tree) error {
			return s.SaveReview(ctx, &data.Review{UnitID: tr.Commune.ID, Year: 2024, RoadKm: datatest.Float(20), RoadUnpavedKm: datatest.Float(20.5)})
		}},
		{"criterion score is met (1) or not (0)", "scores", func(s *data.Store, tr datatest.Tree) error {
			sets, _ := s.CriteriaSets(ctx)
			for _, set := range sets {
				if set.Code == "NTM-XA-2021" {
					return s.SaveCriteriaResult(ctx, &data.CriteriaResult{UnitID: tr.Commune.ID, SetID: set.ID, Year: 2024, Scores: map[int]float64{3: 2}})
				}
			}
			return nil
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := datatest.MustOpen(t)
			tr := datatest.MustTree(t, s)
			err := c.save(s, tr)
			if err == nil {
				t.Fatal("accepted; want refused")
			}
			var e *data.Error
			if !asError(err, &e) || (e.Kind != data.KindInvalid && e.Kind != data.KindConflict) {
				t.Fatalf("error %v is not an invalid/conflict data.Error", err)
			}
			if e.Field != c.field {
				t.Errorf("field = %q, want %q (message: %s)", e.Field, c.field, e.Msg)
			}
			if e.Msg == "" || !isVietnamese(e.Msg) {
				t.Errorf("message %q is not a Vietnamese sentence", e.Msg)
			}
			// The refused input wrote nothing: the same save again still fails the same way and
			// nothing beyond the setup exists.
			before := countRows(t, s)
			_ = c.save(s, tr)
			if after := countRows(t, s); after > before+3 { // setup records a case makes itself (twinning unit …)
				t.Errorf("rows grew from %d to %d", before, after)
			}
		})
	}
}

func TestRefusedSaveChangesNothing(t *testing.T) {
	s := datatest.MustOpen(t)
	tr := datatest.MustTree(t, s)
	r := data.Review{UnitID: tr.Village.ID, Year: 2024, Households: datatest.Int(100), Poor: datatest.Int(10)}
	mustSave(t, s.SaveReview(ctx, &r))
	before := countRows(t, s)
	bad := r
	bad.Poor = datatest.Int(500)
	if err := s.SaveReview(ctx, &bad); !data.IsInvalid(err) {
		t.Fatalf("save = %v", err)
	}
	got, _ := s.GetReview(ctx, r.ID)
	if *got.Poor != 10 || got.Version != 1 {
		t.Errorf("stored review changed: poor=%d version=%d", *got.Poor, got.Version)
	}
	if after := countRows(t, s); after != before {
		t.Errorf("rows changed from %d to %d", before, after)
	}
}

func asError(err error, e **data.Error) bool {
	x, ok := err.(*data.Error)
	if ok {
		*e = x
	}
	return ok
}

func isVietnamese(s string) bool {
	return strings.ContainsAny(s, "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ")
}

func TestCauseCodes(t *testing.T) {
	s := datatest.MustOpen(t)
	tr := datatest.MustTree(t, s)
	err := s.SaveReview(ctx, &data.Review{UnitID: tr.Village.ID, Year: 2024, Poor: datatest.Int(5), PoorByCause: map[string]int{"khong-co": 2}})
	if !data.IsInvalid(err) {
		t.Errorf("unknown cause code = %v, want refused", err)
	}
	mustSave(t, s.SaveReview(ctx, &data.Review{UnitID: tr.Village.ID, Year: 2024, Poor: datatest.Int(5), PoorByCause: map[string]int{"von": 2}}))
	causes, _ := s.CauseGroups(ctx)
	von := causes[0]
	von.Code = "von2"
	if err := s.SaveCauseGroup(ctx, &von); !data.IsConflict(err) {
		t.Errorf("renaming a used code = %v, want refused", err)
	}
	von = causes[0]
	von.Name = "Thiếu vốn"
	mustSave(t, s.SaveCauseGroup(ctx, &von))
}
