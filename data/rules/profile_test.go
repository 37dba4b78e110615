package rules_test

import (
	"context"
	"testing"

	"ketnghia/data"
	"ketnghia/data/datatest"
	"ketnghia/data/rules"
	"ketnghia/data/sample"
)

// TestAProfileIsTheOneTheScreenAndTheReportDraw: a unit's profile for a year holds the years with
// figures, the villages under it on its day, the agencies helping it during that year only (an
// assignment ended before or begun after is not the year's), the year's activities with their
// total, and says when the unit has no review that year (not assessed from figures).
func TestAProfileIsTheOneTheScreenAndTheReportDraw(t *testing.T) {
	ctx := context.Background()
	st := datatest.MustOpen(t)
	if err := sample.Load(ctx, st, sample.Province, 1); err != nil {
		t.Fatal(err)
	}
	ds, td, err := st.ReportData(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	x := rules.NewIndex(ds)
	checked := 0
	for _, year := range []int{2020, 2024, 2026} {
		for _, u := range x.UnitsAt(data.LevelCommune, rules.YearEnd(year)) {
			p := x.Profile(u, year, td)
			checked++
			if len(p.Years) > 0 && p.Years[len(p.Years)-1].Year > year {
				t.Fatalf("%s %d: a year after the profile's", u.Name, year)
			}
			here := map[string]bool{u.ID: true}
			for _, v := range p.Villages {
				here[v.Unit.ID] = true
				if v.Unit.Level != data.LevelVillage || x.ParentAt(v.Unit, p.Day) != u {
					t.Errorf("%s %d: %s is not one of its villages on %s", u.Name, year, v.Unit.Name, p.Day)
				}
			}
			want := 0
			for _, a := range td.Assignments {
				if here[a.UnitID] && a.Start.Year() <= year && (a.End.IsZero() || a.End.Year() >= year) {
					want++
				}
			}
			if len(p.Assignments) != want {
				t.Errorf("%s %d: %d assignments, %d were in force that year", u.Name, year, len(p.Assignments), want)
			}
			var total rules.ActivityTotal
			for _, a := range p.Activities {
				if a.On.Year() != year || !here[a.UnitID] {
					t.Errorf("%s %d: an activity of %s for another unit", u.Name, year, a.On)
				}
				total.Add(a)
			}
			if total != p.Total {
				t.Errorf("%s %d: total %+v, the activities add up to %+v", u.Name, year, p.Total, total)
			}
			if p.Unreviewed != (p.AssessErr == nil && p.Assessment.Status == rules.StatusInsufficient && x.Review(u.ID, year) == nil) {
				t.Errorf("%s %d: unreviewed %v", u.Name, year, p.Unreviewed)
			}
		}
	}
	if checked < 100 {
		t.Fatalf("only %d profiles", checked)
	}
}
