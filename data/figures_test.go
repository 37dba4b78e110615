package data_test

import (
	"context"
	"testing"

	"ketnghia/data"
	"ketnghia/data/datatest"
)

// TestOverviewFiguresGiveBackEachReview: the overview's compact reviews give back every figure it
// adds up as saved (an empty figure stays empty), only for the years read and the units that
// have them, and each call a Review of its own.
func TestOverviewFiguresGiveBackEachReview(t *testing.T) {
	ctx := context.Background()
	s := datatest.MustOpen(t)
	tr := datatest.MustTree(t, s)
	saved := []*data.Review{
		{UnitID: tr.Village.ID, Year: 2024, Households: datatest.Int(120), People: datatest.Int(480), Poor: datatest.Int(30), NearPoor: datatest.Int(9), PoorEM: datatest.Int(28), EMHouseholds: datatest.Int(110), GridHouseholds: datatest.Int(100), PartyCell: datatest.Bool(true),
			PoorByCause: map[string]int{"von": 10, "dat": 5}},
		{UnitID: tr.Village.ID, Year: 2023, Households: datatest.Int(118), Poor: datatest.Int(35), PoorByCause: map[string]int{"von": 20}},
		{UnitID: tr.Village.ID, Year: 2019, Households: datatest.Int(100), Poor: datatest.Int(50)},
		{UnitID: tr.Commune.ID, Year: 2019, Households: datatest.Int(900), Poor: datatest.Int(300), PartyCell: datatest.Bool(false)},
		// Beyond 32 bits: held aside, given back whole.
		{UnitID: tr.Commune.ID, Year: 2024, Households: datatest.Int(3_000_000_000), People: datatest.Int(9_000_000_000), Poor: datatest.Int(5)},
	}
	for _, r := range saved {
		if err := s.SaveReview(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	ds, err := s.OverviewDataset(ctx, 2024, 2023)
	if err != nil {
		t.Fatal(err)
	}
	f := ds.Figures
	if f == nil || len(ds.Reviews) != 0 {
		t.Fatalf("figures %v, reviews %d", f, len(ds.Reviews))
	}
	// The village's 2019 review is of a year not asked; the commune's years are all read.
	if f.Len() != 4 || !f.HasYear(2024) || !f.HasYear(2019) || f.HasYear(2022) {
		t.Fatalf("%d figures", f.Len())
	}
	same := func(a, b *int) bool { return (a == nil && b == nil) || (a != nil && b != nil && *a == *b) }
	for _, want := range []*data.Review{saved[0], saved[1], saved[3], saved[4]} {
		got := f.Review(want.UnitID, want.Year)
		if got == nil {
			t.Fatalf("%s %d: none", want.UnitID, want.Year)
		}
		if !same(got.Households, want.Households) || !same(got.People, want.People) || !same(got.Poor, want.Poor) || !same(got.NearPoor, want.NearPoor) ||
			!same(got.PoorEM, want.PoorEM) || !same(got.EMHouseholds, want.EMHouseholds) || !same(got.GridHouseholds, want.GridHouseholds) ||
			(got.PartyCell == nil) != (want.PartyCell == nil) || (got.PartyCell != nil && *got.PartyCell != *want.PartyCell) {
			t.Errorf("%s %d: got %+v, want %+v", want.UnitID, want.Year, got, want)
		}
	}
	// The causes of poverty of the first year asked, the dashboard's, and of no other.
	if c := f.CausesOf(tr.Village.ID, 2024); len(c) != 2 || c["von"] != 10 || c["dat"] != 5 {
		t.Errorf("causes of 2024: %v", c)
	}
	if c := f.CausesOf(tr.Village.ID, 2023); c != nil {
		t.Errorf("causes of 2023, a year not the dashboard's: %v", c)
	}
	if f.Review(tr.Village.ID, 2019) != nil || f.Review(tr.Village.ID, 2022) != nil || f.Review("no-such-unit", 2024) != nil {
		t.Error("a review not read was given")
	}
	a, b := f.Review(tr.Village.ID, 2024), f.Review(tr.Village.ID, 2024)
	*a.Poor = 0
	if *b.Poor != 30 {
		t.Error("two calls share their figures")
	}
}
