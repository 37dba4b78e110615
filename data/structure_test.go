package data_test

import (
	"testing"
	"unsafe"

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

// TestTheTreesStringsLieInOneBlock: the strings the tree of units keeps (IDs, codes, names, kinds,
// collation keys) are laid together, one of each name and key, each parent ID the parent's own:
// read row by row, each lay among copies dropped at once, and the half-empty pages were 6 MB of a
// national window. A collation key cannot grow into the next.
func TestTheTreesStringsLieInOneBlock(t *testing.T) {
	s := datatest.MustOpen(t)
	tr := datatest.MustTree(t, s)
	for _, name := range []string{"Thôn 1", "Thôn 1", "Thôn 2"} {
		v := data.Unit{Level: data.LevelVillage, Kind: "Thôn", Name: name, ParentID: tr.Commune.ID, OpenedOn: data.D(2010, 1, 1)}
		if err := s.SaveUnit(ctx, &v); err != nil {
			t.Fatal(err)
		}
	}
	ds, err := s.StructureDataset(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var lo, hi uintptr
	held := map[uintptr]int{} // each string's start, and its length
	lay := func(p *byte, n int) {
		if n == 0 {
			return
		}
		at := uintptr(unsafe.Pointer(p))
		if lo == 0 || at < lo {
			lo = at
		}
		hi = max(hi, at+uintptr(n))
		held[at] = max(held[at], n)
	}
	byID := map[string]*data.Unit{}
	for i := range ds.Units {
		u := &ds.Units[i]
		byID[u.ID] = u
		lay(unsafe.StringData(u.ID), len(u.ID))
		lay(unsafe.StringData(u.Code), len(u.Code))
		lay(unsafe.StringData(u.Name), len(u.Name))
		lay(unsafe.StringData(u.Kind), len(u.Kind))
		k := u.SortKey()
		if len(k) == 0 || cap(k) != len(k) {
			t.Errorf("%s: collation key of %d bytes in %d", u.Name, len(k), cap(k))
		}
		lay(unsafe.SliceData(k), len(k))
	}
	total := 0
	for _, n := range held {
		total += n
	}
	if span := int(hi - lo); span != total {
		t.Errorf("the tree's strings span %d bytes for %d held: not one block", span, total)
	}
	var thon1 []*data.Unit
	for i := range ds.Units {
		u := &ds.Units[i]
		if u.Name == "Thôn 1" {
			thon1 = append(thon1, u)
		}
		if p := byID[u.ParentID]; u.ParentID != "" && (p == nil || unsafe.StringData(p.ID) != unsafe.StringData(u.ParentID)) {
			t.Errorf("%s: its parent ID is not its parent's own", u.Name)
		}
	}
	if len(thon1) != 2 || unsafe.StringData(thon1[0].Name) != unsafe.StringData(thon1[1].Name) ||
		unsafe.SliceData(thon1[0].SortKey()) != unsafe.SliceData(thon1[1].SortKey()) {
		t.Error("two villages of one name hold it, or its key, twice")
	}
}
