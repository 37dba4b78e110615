package rules

import (
	"context"
	"reflect"
	"testing"

	"ketnghia/data"
	"ketnghia/data/datatest"
)

// treeAndFigures is a small tree of units (a province, a district, two communes, a village moved
// from one to the other, a merge, a class) and a dataset of a year's figures over the same units,
// as the window's dashboard is computed over its tree.
func treeAndFigures() (tree, figures *data.Dataset) {
	unit := func(id string, level data.Level, name, parent string) data.Unit {
		return data.Unit{Meta: data.Meta{ID: id}, Level: level, Kind: level.Label(), Name: name, ParentID: parent, OpenedOn: data.D(2000, 1, 1)}
	}
	tree = &data.Dataset{
		Units: []data.Unit{
			unit("p", data.LevelProvince, "Tỉnh A", ""),
			unit("d", data.LevelDistrict, "Huyện B", "p"),
			unit("c1", data.LevelCommune, "Xã C", "d"),
			unit("c2", data.LevelCommune, "Xã D", "d"),
			unit("v", data.LevelVillage, "Thôn E", "c2"),
		},
		Moves:           []data.UnitMove{{UnitID: "v", FromParentID: "c1", ToParentID: "c2", MovedOn: data.D(2020, 1, 1)}},
		Links:           []data.UnitLink{{PredecessorID: "c1", SuccessorID: "c2", EffectiveOn: data.D(2025, 7, 1), Kind: data.LinkMerge}},
		Classifications: []data.Classification{{UnitID: "c2", RuleSet: "QD33-2020", FromYear: 2021, ToYear: 2025, Class: data.AreaClass("III")}},
		CriteriaSets:    []data.CriteriaSet{{Meta: data.Meta{ID: "s"}, Code: "YTE-2022", Level: data.LevelCommune, FromYear: 2022, ToYear: 2030}},
	}
	tree.Units[2].ClosedOn = data.D(2025, 7, 1)
	f := *tree
	f.CriteriaResults = []data.CriteriaResult{{UnitID: "c2", SetID: "s", Year: 2024, Scores: map[int]float64{1: 1}}}
	return tree, &f
}

// TestAnIndexOnATreeSharesTheTreesLookups: a year's figures indexed over the window's tree of
// units look their units, moves, links, classes and sets up in the tree's own maps (on a national
// file 8 MB that were built a second time while a dashboard was computed), and find what a new
// index finds.
func TestAnIndexOnATreeSharesTheTreesLookups(t *testing.T) {
	tree, figures := treeAndFigures()
	base := NewIndex(tree)
	x := NewIndexOn(base, figures)
	for _, m := range []struct {
		name       string
		got, there any
	}{
		{"units", x.units, base.units}, {"kids", x.kids, base.kids}, {"moves", x.moves, base.moves},
		{"successors", x.succ, base.succ}, {"predecessors", x.pred, base.pred}, {"classes", x.classes, base.classes},
		{"sets", x.sets, base.sets}, {"rule sets", x.ruleSets, base.ruleSets},
	} {
		if reflect.ValueOf(m.got).UnsafePointer() != reflect.ValueOf(m.there).UnsafePointer() {
			t.Errorf("the %s are looked up in a map of their own", m.name)
		}
	}
	if len(base.sorted) > 0 && (len(x.sorted) == 0 || &x.sorted[0] != &base.sorted[0]) {
		t.Error("the units are sorted a second time")
	}
	alone := NewIndex(figures)
	for _, id := range []string{"p", "d", "c1", "c2", "v"} {
		if x.Unit(id) != alone.Unit(id) {
			t.Errorf("unit %s: not the same record as a new index finds", id)
		}
	}
	if got, want := len(x.ChildrenAt("c1", data.D(2019, 6, 1))), len(alone.ChildrenAt("c1", data.D(2019, 6, 1))); got != want || got != 1 {
		t.Errorf("children of c1 in 2019: %d, a new index %d (want 1: the village before its move)", got, want)
	}
	if got, want := x.Successors("c1"), alone.Successors("c1"); !reflect.DeepEqual(got, want) || len(got) != 1 {
		t.Errorf("successors of c1: %v, a new index %v", got, want)
	}
	if got, want := x.RecordedClass("c2", "", 2024), alone.RecordedClass("c2", "", 2024); got != want || got == "" {
		t.Errorf("class of c2 in 2024: %q, a new index %q", got, want)
	}
	if x.results[resultKey{"c2", "s", 2024}] == nil || base.results[resultKey{"c2", "s", 2024}] != nil {
		t.Error("the figures' own criteria results are not the index's own")
	}
}

// TestAnIndexOnATreeBuildsWhatItsDatasetHasOfItsOwn: units, links or classes read apart from the
// tree (another slice, even if equal) are indexed from the dataset, not taken from the tree.
func TestAnIndexOnATreeBuildsWhatItsDatasetHasOfItsOwn(t *testing.T) {
	tree, figures := treeAndFigures()
	base := NewIndex(tree)
	figures.Units = append([]data.Unit(nil), tree.Units...)
	figures.Units[3].Name = "Xã D Mới"
	figures.Links = nil
	figures.Classifications = append([]data.Classification(nil), tree.Classifications...)
	figures.Classifications[0].Class = data.AreaClass("II")
	x := NewIndexOn(base, figures)
	if got := x.Unit("c2").Name; got != "Xã D Mới" {
		t.Errorf("unit c2 is %q: the tree's record, not the dataset's", got)
	}
	if got := x.Successors("c1"); len(got) != 0 {
		t.Errorf("c1 has successors %v from the tree's links: the dataset has none", got)
	}
	if got := x.RecordedClass("c2", "", 2024); got != data.AreaClass("II") {
		t.Errorf("class of c2 in 2024 is %q: the tree's", got)
	}
	if len(x.ChildrenAt("d", data.D(2024, 1, 1))) != 2 {
		t.Error("the dataset's units are not placed under their parents")
	}
}

// TestAVillagesCellsAreReadWithoutAReviewMade: what the dashboard asks of every village (its chi
// bộ, its grid) is the same from the figures the overview holds as from whole reviews, and asking
// makes nothing (a Review made for each of a national file's villages was 7 MB more).
func TestAVillagesCellsAreReadWithoutAReviewMade(t *testing.T) {
	st := datatest.MustOpen(t)
	ctx := context.Background()
	tr := datatest.MustTree(t, st)
	type cellCase struct {
		year        int
		party       *bool
		households  *int
		grid        *int
		wantParty   Tri
		wantOnGrid  bool
		wantGridSet bool
	}
	cases := []cellCase{
		{2019, datatest.Bool(true), datatest.Int(40), datatest.Int(40), Yes, true, true},
		{2020, datatest.Bool(false), datatest.Int(40), datatest.Int(39), No, false, true},
		{2021, nil, datatest.Int(40), nil, Unknown, false, false},
		{2022, datatest.Bool(true), nil, datatest.Int(12), Yes, false, false},
	}
	for _, c := range cases {
		r := &data.Review{UnitID: tr.Village.ID, Year: c.year, PartyCell: c.party, Households: c.households, GridHouseholds: c.grid}
		if err := st.SaveReview(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	whole, err := st.Dataset(ctx)
	if err != nil {
		t.Fatal(err)
	}
	held, err := st.OverviewDataset(ctx, 2019, 2020, 2021, 2022, 2023)
	if err != nil {
		t.Fatal(err)
	}
	if held.Figures == nil || len(held.Reviews) != 0 {
		t.Fatal("the overview's dataset holds whole reviews")
	}
	for name, x := range map[string]*Index{"whole reviews": NewIndex(whole), "figures held": NewIndex(held)} {
		for _, c := range append(cases, cellCase{year: 2023, wantParty: Unknown}) { // no review
			party, onGrid, gridKnown := x.villageCells(tr.Village.ID, c.year)
			if party != c.wantParty || onGrid != c.wantOnGrid || gridKnown != c.wantGridSet {
				t.Errorf("%s, %d: chi bộ %v, on the grid %v (known %v); want %v, %v (%v)", name, c.year, party, onGrid, gridKnown, c.wantParty, c.wantOnGrid, c.wantGridSet)
			}
		}
	}
	x := NewIndex(held)
	if n := testing.AllocsPerRun(100, func() { x.villageCells(tr.Village.ID, 2020) }); n != 0 {
		t.Errorf("asking a village's cells made %v objects", n)
	}
}

// TestADashboardLetsEachDaysWorkingGo: what the index works out for a day (units then, children,
// areas, sums) is let go once the dashboard is done with the day: kept for the eleven years of
// the trends it was 12 MB of a national file's computation.
func TestADashboardLetsEachDaysWorkingGo(t *testing.T) {
	tree, figures := treeAndFigures()
	x := NewIndexOn(NewIndex(tree), figures)
	x.ChildrenAt("c2", data.D(2024, 12, 31)) // as a screen might have asked before
	x.Dashboard(2026, nil)
	if n := len(x.unitsAt) + len(x.childrenAt) + len(x.onArea) + len(x.counts); n != 0 {
		t.Errorf("%d days' workings kept after the dashboard", n)
	}
}
