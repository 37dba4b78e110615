package rules_test

import (
	"context"
	"fmt"
	"testing"

	"ketnghia/data"
	"ketnghia/data/datatest"
	"ketnghia/data/rules"
)

// world is a small hand-made dataset: the seeded rule sets, criteria sets and targets of a real
// database, plus units and reviews built in memory for each case.
type world struct {
	t  *testing.T
	ds *data.Dataset
	n  int
}

var refDS *data.Dataset

func newWorld(t *testing.T) *world {
	t.Helper()
	if refDS == nil {
		s := datatest.MustOpen(t)
		ds, err := s.Dataset(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		refDS = ds
	}
	ds := &data.Dataset{RuleSets: refDS.RuleSets, CriteriaSets: refDS.CriteriaSets, Criteria: refDS.Criteria, Targets: refDS.Targets}
	w := &world{t: t, ds: ds}
	w.unit(data.LevelProvince, "Tỉnh", "Tỉnh Kon Tum", "", data.Date{})
	w.unit(data.LevelDistrict, "Huyện", "Huyện Đắk Tô", w.ds.Units[0].ID, data.Date{})
	return w
}

func (w *world) id() string { w.n++; return fmt.Sprintf("00000000-0000-0000-0000-%012d", w.n) }

func (w *world) unit(level data.Level, kind, name, parent string, closed data.Date) string {
	u := data.Unit{Level: level, Kind: kind, Name: name, ParentID: parent, ClosedOn: closed}
	u.ID = w.id()
	w.ds.Units = append(w.ds.Units, u)
	return u.ID
}

func (w *world) district() string { return w.ds.Units[1].ID }

func (w *world) commune(name string) string {
	return w.unit(data.LevelCommune, "Xã", "Xã "+name, w.district(), data.Date{})
}

func (w *world) village(commune, name string) string {
	return w.unit(data.LevelVillage, "Thôn", "Thôn "+name, commune, data.Date{})
}

func (w *world) review(r data.Review) {
	r.ID = w.id()
	w.ds.Reviews = append(w.ds.Reviews, r)
}

func (w *world) get(id string) *data.Unit {
	for i := range w.ds.Units {
		if w.ds.Units[i].ID == id {
			return &w.ds.Units[i]
		}
	}
	w.t.Fatalf("no unit %s", id)
	return nil
}

func (w *world) setID(code string) string {
	for _, s := range w.ds.CriteriaSets {
		if s.Code == code {
			return s.ID
		}
	}
	w.t.Fatalf("no criteria set %s", code)
	return ""
}

func (w *world) result(unit, set string, year int, scores map[int]float64) {
	r := data.CriteriaResult{UnitID: unit, SetID: w.setID(set), Year: year, Scores: scores}
	r.ID = w.id()
	w.ds.CriteriaResults = append(w.ds.CriteriaResults, r)
}

func (w *world) classify(unit, rule string, from, to int, class data.AreaClass) {
	c := data.Classification{UnitID: unit, RuleSet: rule, FromYear: from, ToYear: to, Class: class}
	c.ID = w.id()
	w.ds.Classifications = append(w.ds.Classifications, c)
}

func (w *world) assess(unit string, year int, rule string) rules.Assessment {
	w.t.Helper()
	a, err := rules.NewIndex(w.ds).AssessUnit(w.get(unit), year, rule)
	if err != nil {
		w.t.Fatal(err)
	}
	return a
}

func i(n int) *int         { return &n }
func b(v bool) *bool       { return &v }
func f(x float64) *float64 { return &x }
