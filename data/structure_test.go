package data_test

import (
	"testing"

	"ketnghia/data"
	"ketnghia/data/datatest"
)

// TestTheTreeOfUnitsChangesOnlyWithWhatItIsReadFrom: StructureChangedSince tells a write of what
// StructureDataset reads (a unit, a classification) from one it does not read (a review, a draft),
// so that the window keeps its tree of units across the others.
func TestTheTreeOfUnitsChangesOnlyWithWhatItIsReadFrom(t *testing.T) {
	s := datatest.MustOpen(t)
	tr := datatest.MustTree(t, s)
	cases := []struct {
		name    string
		write   func() error
		changed bool
	}{
		{"a review saved", func() error {
			return s.SaveReview(ctx, &data.Review{UnitID: tr.Commune.ID, Year: 2024, Households: datatest.Int(500), Poor: datatest.Int(50)})
		}, false},
		{"a draft saved", func() error {
			return s.SaveDraft(ctx, &data.Draft{UnitID: tr.Province.ID, Kind: data.DraftKinds[0], FromYear: 2024, ToYear: 2024})
		}, false},
		{"nothing written", func() error { return nil }, false},
		{"a unit saved", func() error { v := tr.Village; v.Note = "sửa"; return s.SaveUnit(ctx, &v) }, true},
		{"a commune's class saved", func() error {
			return s.SaveClassification(ctx, &data.Classification{UnitID: tr.Commune.ID, RuleSet: "QD33-2020", FromYear: 2021, ToYear: 2025, Class: data.KV3})
		}, true},
	}
	for _, c := range cases {
		before, err := s.DataStamp(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.write(); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		changed, err := s.StructureChangedSince(ctx, before)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if changed != c.changed {
			t.Errorf("%s: the tree of units changed %v, want %v", c.name, changed, c.changed)
		}
	}
}
