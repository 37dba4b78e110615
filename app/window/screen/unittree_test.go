package screen

import (
	"context"
	"testing"

	"ketnghia/data"
	"ketnghia/data/datatest"
)

// TestTheTreeOfUnitsIsKeptUntilWhatItIsReadFromChanges: a review or a draft saved leaves the
// window's tree of units as it is (on the national sample it is 91,000 units, 0,6 s and 47 MB to
// read again, and the dashboard computed afresh read its own units beside it); a unit saved gives a
// new tree, which holds the change.
func TestTheTreeOfUnitsIsKeptUntilWhatItIsReadFromChanges(t *testing.T) {
	ctx := context.Background()
	st := datatest.MustOpen(t)
	tr := datatest.MustTree(t, st)
	first, err := treeOf(st)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveReview(ctx, &data.Review{UnitID: tr.Commune.ID, Year: 2024, Households: datatest.Int(500), Poor: datatest.Int(50)}); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveDraft(ctx, &data.Draft{UnitID: tr.Province.ID, Kind: data.DraftKinds[0], FromYear: 2024, ToYear: 2024}); err != nil {
		t.Fatal(err)
	}
	again, err := treeOf(st)
	if err != nil {
		t.Fatal(err)
	}
	if again != first {
		t.Error("the tree of units was read again after a review and a draft were saved")
	}
	stamp, _ := st.DataStamp(ctx)
	if currentTree(st, stamp) != first {
		t.Error("the tree is not current at the data's state after a review and a draft were saved")
	}

	v := tr.Village
	v.Name = "Thôn Kon Rế"
	if err := st.SaveUnit(ctx, &v); err != nil {
		t.Fatal(err)
	}
	stamp, _ = st.DataStamp(ctx)
	if currentTree(st, stamp) != nil {
		t.Error("the tree read before a unit was renamed is given as current")
	}
	after, err := treeOf(st)
	if err != nil {
		t.Fatal(err)
	}
	if after == first {
		t.Fatal("the tree was not read again after a unit was renamed")
	}
	found := false
	for _, u := range after.ds.Units {
		found = found || u.ID == v.ID && u.Name == "Thôn Kon Rế"
	}
	if !found {
		t.Error("the new tree does not hold the renamed village")
	}
}

// TestALargeJobLetsALargeTreeGoAndReadsItAfter: while a committee document or a draft is made on a
// national-scale file the tree of units is not held (the two took the window past 300 MB); it is
// read again once the job is done. A province's tree is kept.
func TestALargeJobLetsALargeTreeGoAndReadsItAfter(t *testing.T) {
	st := datatest.MustOpen(t)
	datatest.MustTree(t, st)
	before, err := treeOf(st)
	if err != nil {
		t.Fatal(err)
	}
	stamp, _ := st.DataStamp(context.Background())

	held, _ := largeJob(st, func() (bool, error) { return currentTree(st, stamp) != nil, nil })
	if !held {
		t.Error("a tree smaller than largeTree was let go for a large job")
	}

	defer func(n int) { largeTree = n }(largeTree)
	largeTree = len(before.ds.Units) // this one counts as large
	held, _ = largeJob(st, func() (bool, error) { return currentTree(st, stamp) != nil, nil })
	if held {
		t.Error("a large tree was held while a large job ran")
	}
	after := currentTree(st, stamp)
	if after == nil {
		t.Fatal("the tree was not read again after the large job")
	}
	if after == before || len(after.ds.Units) != len(before.ds.Units) {
		t.Errorf("the tree after the job: %d units (before %d), read again %v", len(after.ds.Units), len(before.ds.Units), after != before)
	}
}

// TestADashboardComputedOnALargeFileReadsItsOwnUnits: a year's dashboard computed afresh on a
// national-scale file does not hold the tree of units beside its own read (the two took the window
// past 300 MB after a review was saved); the tree is read again after it. A kept dashboard leaves
// the tree alone.
func TestADashboardComputedOnALargeFileReadsItsOwnUnits(t *testing.T) {
	ctx := context.Background()
	st := datatest.MustOpen(t)
	tr := datatest.MustTree(t, st)
	if err := st.SaveReview(ctx, &data.Review{UnitID: tr.Commune.ID, Year: 2024, Households: datatest.Int(500), Poor: datatest.Int(50)}); err != nil {
		t.Fatal(err)
	}
	before, err := treeOf(st)
	if err != nil {
		t.Fatal(err)
	}
	defer func(n int) { largeTree = n }(largeTree)
	largeTree = len(before.ds.Units)

	if _, err := dashboardOf(st, 2024); err != nil {
		t.Fatal(err)
	}
	stamp, _ := st.DataStamp(ctx)
	computed := currentTree(st, stamp)
	if computed == nil || computed == before {
		t.Fatalf("after a dashboard computed afresh the tree is %v (read again: %v); want it read again", computed != nil, computed != before)
	}
	if _, err := dashboardOf(st, 2024); err != nil {
		t.Fatal(err)
	}
	if currentTree(st, stamp) != computed {
		t.Error("a kept dashboard let the tree of units go")
	}
}
