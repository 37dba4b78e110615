package data

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"testing"
	"unsafe"
)

// TestTheUnitsAreReadIntoOneListOfTheirSize: a dataset's units are counted and read straight into
// one list of that size. Read in chunks and then copied into one list, the national tree of
// 91,000 units (376 bytes each) was held twice at the end of its read: 34 MB more at the window's
// peak. What reading them allocates is measured, for the list and for everything else a unit
// holds, against the list's own size.
func TestTheUnitsAreReadIntoOneListOfTheirSize(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "k.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	const villages = 6000
	err = s.Load(ctx, "thử", func(b *Batch) error {
		p := &Unit{Level: LevelProvince, Kind: "Tỉnh", Code: "62", Name: "Tỉnh Kon Tum", OpenedOn: D(2004, 1, 1)}
		if err := b.Add(p); err != nil {
			return err
		}
		c := &Unit{Level: LevelCommune, Kind: "Xã", Code: "23401", Name: "Xã Hà Mòn", ParentID: p.ID, OpenedOn: D(2004, 1, 1)}
		if err := b.Add(c); err != nil {
			return err
		}
		for i := range villages {
			if err := b.Add(&Unit{Level: LevelVillage, Kind: "Thôn", Name: fmt.Sprintf("Thôn %d", i+1), ParentID: c.ID, OpenedOn: D(2004, 1, 1)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	read := func() (*Dataset, uint64) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		var ds Dataset
		err := s.inReadTx(ctx, func(q queryer) error { return kinds[0].intoDataset(ctx, q, &ds, "t.deleted = 0", unitColumns) })
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatal(err)
		}
		return &ds, after.TotalAlloc - before.TotalAlloc
	}
	read() // statements prepared
	ds, allocated := read()
	if len(ds.Units) != villages+2 || cap(ds.Units) != len(ds.Units) {
		t.Fatalf("%d units in a list of %d, want %d in one of their size", len(ds.Units), cap(ds.Units), villages+2)
	}
	list := uint64(len(ds.Units)) * uint64(unsafe.Sizeof(Unit{}))
	// A unit's strings (its ID, name, parent, collation key) and the driver's reading take ~390
	// bytes beside its 288 (6,002 units: 4 MB in all for a list of 1.7 MB); the chunks copied into
	// a list at the end made it a list more.
	if allocated > list+uint64(len(ds.Units))*480 {
		t.Errorf("reading %d units allocated %d KB, for a list of %d KB: the list is made more than once", len(ds.Units), allocated/1024, list/1024)
	}
}
