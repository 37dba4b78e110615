package data_test

import (
	"context"
	"strings"
	"testing"

	"ketnghia/data"
	"ketnghia/data/datatest"
	"ketnghia/data/sample"
)

// TestYearUnitsAreTheUnitsOfThatYear: the review of 2024 is of the 102 communes in their districts;
// from 2025 of the 40 communes the reform made, each under the former district it came from, and
// their villages under them.
func TestYearUnitsAreTheUnitsOfThatYear(t *testing.T) {
	ctx := context.Background()
	st := kontumSample(t)
	cases := []struct {
		name          string
		level         data.Level
		year, want    int
		former        bool
		code, areaWas string
	}{
		{"2024: the 102 communes, by their district", data.LevelCommune, 2024, 102, false, "23512", "Huyện Đắk Hà"},
		{"2025: the 40 communes at the year's end, by former district", data.LevelCommune, 2025, 40, true, "23512", "Huyện Đắk Hà"},
		{"2026: the 40 communes, by former district", data.LevelCommune, 2026, 40, true, "23512", "Huyện Đắk Hà"},
		{"2026: every village under its new commune", data.LevelVillage, 2026, 912, true, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			us, err := st.YearUnits(ctx, c.level, c.year)
			if err != nil {
				t.Fatal(err)
			}
			if len(us) != c.want {
				t.Fatalf("%d units, want %d", len(us), c.want)
			}
			// The same list from the window's tree of units, read once for every screen.
			ds, err := st.StructureDataset(ctx)
			if err != nil {
				t.Fatal(err)
			}
			in := data.YearUnitsIn(ds, c.level, c.year)
			if len(in) != len(us) {
				t.Fatalf("from the tree: %d units, want %d", len(in), len(us))
			}
			for i := range us {
				a, b := us[i], in[i]
				if a.ID != b.ID || a.AreaID != b.AreaID || a.FormerArea != b.FormerArea || (a.Commune == nil) != (b.Commune == nil) ||
					a.Commune != nil && a.Commune.ID != b.Commune.ID {
					t.Fatalf("row %d from the tree: %s in %s, want %s in %s", i, b.Name, b.AreaName, a.Name, a.AreaName)
				}
			}
			areas := map[string]bool{}
			for _, u := range us {
				if u.AreaID == "" || u.FormerArea != c.former {
					t.Fatalf("%s: area %q former %v", u.Name, u.AreaName, u.FormerArea)
				}
				areas[u.AreaID] = true
				if c.level == data.LevelVillage && (u.Commune == nil || !u.Commune.OpenAt(data.YearEnd(c.year))) {
					t.Fatalf("%s has no commune of %d", u.Name, c.year)
				}
				if c.code != "" && u.Code == c.code && u.AreaName != c.areaWas {
					t.Errorf("%s (%s) grouped under %q, want %q", u.Name, u.Code, u.AreaName, c.areaWas)
				}
			}
			if len(areas) != 10 {
				t.Errorf("%d areas, want the 10 districts", len(areas))
			}
			for i := 1; i < len(us); i++ {
				if us[i].AreaID != us[i-1].AreaID && areasSeen(us[:i], us[i].AreaID) {
					t.Fatalf("%s: its area %s is split in the list", us[i].Name, us[i].AreaName)
				}
			}
		})
	}
}

func areasSeen(us []data.YearUnit, id string) bool {
	for _, u := range us {
		if u.AreaID == id {
			return true
		}
	}
	return false
}

// TestDescribeNamesAUnitAsItWasThen: the conflicts of an import and the check name a review under
// the commune its unit had that year, and a unit with the dates it existed, since the reform's
// new communes reuse old codes and names.
func TestDescribeNamesAUnitAsItWasThen(t *testing.T) {
	ctx := context.Background()
	st := kontumSample(t)
	units, err := st.YearUnits(ctx, data.LevelVillage, 2024)
	if err != nil {
		t.Fatal(err)
	}
	var village data.YearUnit
	for _, u := range units {
		if u.Commune.Code == "23512" {
			village = u
			break
		}
	}
	r, err := st.ReviewOf(ctx, village.ID, 2024)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := st.Describe(ctx, "reviews", r.ID), "Rà soát năm 2024 của "+village.Name+", Xã Đắk Mar"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	for _, u := range []data.Unit{*village.Commune} {
		if got := st.Describe(ctx, "units", u.ID); got != "Xã Đắk Mar, Huyện Đắk Hà (đến 30/06/2025)" {
			t.Errorf("old commune described as %q", got)
		}
	}
	now, err := st.YearUnits(ctx, data.LevelCommune, 2026)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range now {
		if u.Code == "23512" {
			if got := st.Describe(ctx, "units", u.ID); !strings.HasSuffix(got, "(từ 01/07/2025)") || !strings.HasPrefix(got, "Xã Đăk Mar") {
				t.Errorf("new commune described as %q", got)
			}
		}
	}
}

// TestAReviewOfAMergedCommuneAfterTheMergerSaysWhereItGoes: 2026 figures for Xã Hà Mòn (merged
// into Xã Đăk Hà on 1/7/2025) are refused with the commune to write them for.
func TestAReviewOfAMergedCommuneAfterTheMergerSaysWhereItGoes(t *testing.T) {
	ctx := context.Background()
	st := kontumSample(t)
	units, err := st.YearUnits(ctx, data.LevelCommune, 2024)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range units {
		if u.Code != "23521" {
			continue
		}
		err := st.SaveReview(ctx, &data.Review{UnitID: u.ID, Year: 2026, Households: datatest.Int(10)})
		if msg := data.Message(err); !strings.Contains(msg, "đã sáp nhập vào Xã Đăk Hà từ ngày 01/07/2025") || !strings.Contains(msg, "hãy ghi số liệu cho Xã Đăk Hà") {
			t.Errorf("got %q", msg)
		}
		return
	}
	t.Fatal("no Xã Hà Mòn in 2024")
}

// TestTextNoOneCanSeeIsRefused: C1 controls and bidirectional overrides are refused like C0 ones,
// and a text field past its limit is refused with the limit, by every way of saving.
func TestTextNoOneCanSeeIsRefused(t *testing.T) {
	ctx := context.Background()
	st := datatest.MustOpen(t)
	tree := datatest.MustTree(t, st)
	cases := []struct {
		name, note, want string
	}{
		{"C1 control U+009B", "ghi chú \u009b", "không in được"},
		{"bidi override U+202E", "ghi \u202echú", "không in được"},
		{"bidi isolate U+2066", "ghi \u2066chú", "không in được"},
		{"a note past 4.000 characters", strings.Repeat("a", 4001), "tối đa 4.000 ký tự"},
		{"a plain note", "Thôn đã có đường bê tông.", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := st.SaveReview(ctx, &data.Review{UnitID: tree.Village.ID, Year: 2024, Households: datatest.Int(10), Note: c.note})
			if c.want == "" && err != nil || c.want != "" && !strings.Contains(data.Message(err), c.want) {
				t.Errorf("got %v, want %q", err, c.want)
			}
			if err == nil {
				r, _ := st.ReviewOf(ctx, tree.Village.ID, 2024)
				st.DeleteReview(ctx, r.ID)
			}
		})
	}
}

// TestALinkIntoAClosedUnitIsRefused: a merger into a unit that had already ended is refused by
// every way of saving it (check runs the same rule over stored links).
func TestALinkIntoAClosedUnitIsRefused(t *testing.T) {
	ctx := context.Background()
	st := kontumSample(t)
	old, err := st.YearUnits(ctx, data.LevelCommune, 2024)
	if err != nil {
		t.Fatal(err)
	}
	now, err := st.YearUnits(ctx, data.LevelCommune, 2026)
	if err != nil {
		t.Fatal(err)
	}
	l := &data.UnitLink{PredecessorID: now[0].ID, SuccessorID: old[0].ID, EffectiveOn: data.D(2026, 1, 1), Kind: data.LinkMerge}
	if err := st.SaveUnitLink(ctx, l); !strings.Contains(data.Message(err), "đã kết thúc hoạt động") {
		t.Errorf("a merger into %s, closed in 2025, dated 2026: %v", old[0].Name, err)
	}
}

// TestValueTextNamesTheCauses: poor households by cause read with the cause groups' names, not as
// JSON, wherever a change is shown (history, conflicts).
func TestValueTextNamesTheCauses(t *testing.T) {
	ctx := context.Background()
	st := datatest.MustOpen(t)
	if got := st.ValueText(ctx, "poor_by_cause", `{"khac":12,"von":3}`); got != "Thiếu vốn sản xuất, kinh doanh: 3; Nguyên nhân khác: 12" {
		t.Errorf("got %q", got)
	}
	if got := st.ValueText(ctx, "households", "1200"); got != "1.200" {
		t.Errorf("got %q", got)
	}
}

// kontumSample is a new database holding the Kon Tum sample.
func kontumSample(t *testing.T) *data.Store {
	t.Helper()
	st := datatest.MustOpen(t)
	if err := sample.Load(context.Background(), st, sample.Province, 1); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestANewVillageWithoutAFoundingDayIsNoOlderThanItsCommune: a village added under a commune of
// the 2025 reform, its founding day left empty, is not listed in 2024; an older one keeps an
// empty day.
func TestANewVillageWithoutAFoundingDayIsNoOlderThanItsCommune(t *testing.T) {
	s := datatest.MustOpen(t)
	tr := datatest.MustTree(t, s)
	ctx := context.Background()
	commune := data.Unit{Level: data.LevelCommune, Kind: "Xã", Code: "23999", Name: "Xã Mới", ParentID: tr.District.ID, OpenedOn: data.D(2025, 7, 1)}
	mustSave(t, s.SaveUnit(ctx, &commune))
	v := data.Unit{Level: data.LevelVillage, Kind: "Thôn", Name: "Thôn Mới", ParentID: commune.ID}
	mustSave(t, s.SaveUnit(ctx, &v))
	if v.OpenedOn != data.D(2025, 7, 1) {
		t.Errorf("founded %v", v.OpenedOn)
	}
	us, err := s.YearUnits(ctx, data.LevelVillage, 2024)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range us {
		if u.ID == v.ID {
			t.Error("the new village is listed in 2024")
		}
	}
}
