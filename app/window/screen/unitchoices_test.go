package screen

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"ketnghia/app/window/windowtest"
	"ketnghia/data"
	"ketnghia/data/datatest"
)

// TestUnitLabelsTellEveryUnitApart: alike names take their commune, then their area, then their
// code, then a rank, until no two read alike.
func TestUnitLabelsTellEveryUnitApart(t *testing.T) {
	c1 := &data.Unit{Name: "Xã Măng Bút"}
	cases := []struct {
		name  string
		units []data.YearUnit
		want  []string
	}{
		{"a name alone when it is the only one",
			[]data.YearUnit{{Unit: &data.Unit{Name: "Xã Đăk Hà"}, AreaName: "Huyện Đăk Hà"}}, []string{"Xã Đăk Hà"}},
		{"a village with its commune",
			[]data.YearUnit{{Unit: &data.Unit{Name: "Thôn 10"}, Commune: c1}}, []string{"Thôn 10, Xã Măng Bút"}},
		{"two communes of one name take their districts",
			[]data.YearUnit{{Unit: &data.Unit{Name: "Xã Đăk Long"}, AreaName: "Huyện Đăk Glei"}, {Unit: &data.Unit{Name: "Xã Đăk Long"}, AreaName: "Huyện Kon Plông"}},
			[]string{"Xã Đăk Long, Huyện Đăk Glei", "Xã Đăk Long, Huyện Kon Plông"}},
		{"a former district says so",
			[]data.YearUnit{{Unit: &data.Unit{Name: "Xã A"}, AreaName: "Huyện B", FormerArea: true}, {Unit: &data.Unit{Name: "Xã A"}, AreaName: "Huyện C"}},
			[]string{"Xã A, địa bàn Huyện B cũ", "Xã A, Huyện C"}},
		{"then their codes",
			[]data.YearUnit{{Unit: &data.Unit{Name: "Thôn 10", Code: "01"}, Commune: c1}, {Unit: &data.Unit{Name: "Thôn 10", Code: "02"}, Commune: c1}},
			[]string{"Thôn 10, Xã Măng Bút (mã 01)", "Thôn 10, Xã Măng Bút (mã 02)"}},
		{"then a rank",
			[]data.YearUnit{{Unit: &data.Unit{Name: "Thôn 10"}, Commune: c1}, {Unit: &data.Unit{Name: "Thôn 10"}, Commune: c1}},
			[]string{"Thôn 10, Xã Măng Bút (thứ 1)", "Thôn 10, Xã Măng Bút (thứ 2)"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := distinctLabels(c.units)
			for i := range c.want {
				if got[i] != c.want[i] {
					t.Errorf("got %q, want %q", got, c.want)
				}
			}
		})
	}
}

// TestPickersOfferEveryUnitOnce: every commune and village of the Kon Tum sample open on a day is
// offered under a label of its own (none lost to another of the same name), before and after the
// 2025 reform.
func TestPickersOfferEveryUnitOnce(t *testing.T) {
	test.NewTempApp(t)
	st := windowtest.SampleStoreOn(t, datatest.Present)
	for _, day := range []data.Date{data.D(2024, 12, 31), data.D(2026, 12, 5)} {
		labels, ids, err := unitChoices(st, day, true, "")
		if err != nil {
			t.Fatal(err)
		}
		cs, _ := st.UnitsOn(context.Background(), data.LevelCommune, day)
		vs, _ := st.UnitsOn(context.Background(), data.LevelVillage, day)
		if len(labels) != len(cs)+len(vs) || len(ids) != len(labels) {
			t.Errorf("%s: %d labels, %d distinct, for %d communes and %d villages", day, len(labels), len(ids), len(cs), len(vs))
		}
	}
}
