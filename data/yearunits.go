package data

import (
	"bytes"
	"cmp"
	"context"
	"slices"
	"strings"
)

// YearEnd is the day a year's figures are taken at: 31 December.
func YearEnd(year int) Date { return D(year, 12, 31) }

// YearUnit is a unit of a year's review with the area it is grouped under: its district that
// year, or, in a year without districts (from 2025), the former district it came from ("địa bàn
// huyện cũ"), found through the units merged into it.
type YearUnit struct {
	*Unit            // one of the units read, not a copy: 78,000 villages of a national file
	Commune    *Unit // a village's commune at the year's end
	AreaID     string
	AreaName   string
	FormerArea bool // the area is a district that no longer existed at the year's end
}

// YearUnits lists the communes or the villages that existed at the end of year, by area, then
// commune, then name in Vietnamese order, each with its area. The review of a year is of these
// units: in 2024 the 102 communes of 10 districts, from 2025 the 40 communes made by the reform.
func (s *Store) YearUnits(ctx context.Context, level Level, year int) ([]YearUnit, error) {
	return s.UnitsOn(ctx, level, YearEnd(year))
}

// UnitsOn lists the communes or the villages open on day at, in the order and with the areas of
// YearUnits: what a picker of units of that day offers.
func (s *Store) UnitsOn(ctx context.Context, level Level, at Date) ([]YearUnit, error) {
	upper, err := listOf[Unit](ctx, s.db, "WHERE t.deleted = 0 AND t.level IN ('province', 'district', 'commune')")
	if err != nil {
		return nil, err
	}
	moves, err := listOf[UnitMove](ctx, s.db, "WHERE t.deleted = 0 ORDER BY t.moved_on")
	if err != nil {
		return nil, err
	}
	links, err := listOf[UnitLink](ctx, s.db, "WHERE t.deleted = 0")
	if err != nil {
		return nil, err
	}
	units := upper
	if level == LevelVillage {
		// Only what the grid shows and sorts by: on the national file the year's 78,000 villages.
		// A pass over the table, not the level index: that visits the rows in sort order, one look-up
		// each (three times slower here).
		units, err = listColsOf[Unit](ctx, s.db, yearUnitCols, `NOT INDEXED WHERE t.deleted = 0 AND t.level = 'village'
			AND (t.opened_on IS NULL OR t.opened_on <= ?1) AND (t.closed_on IS NULL OR t.closed_on > ?1)`, at.ISO())
		if err != nil {
			return nil, err
		}
	}
	return unitsOn(upper, units, moves, links, level, at), nil
}

// YearUnitsIn is YearUnits of a dataset already read (the window's tree of units): nothing is
// read again, and the units are the dataset's own, not copies.
func YearUnitsIn(ds *Dataset, level Level, year int) []YearUnit {
	return unitsOn(ds.Units, ds.Units, ds.Moves, ds.Links, level, YearEnd(year))
}

// unitsOn lists those of units at level open on day at, each with its commune and area found in
// the tree of upper (villages in it are passed over), in YearUnits' order.
func unitsOn(upper, units []Unit, moves []UnitMove, links []UnitLink, level Level, at Date) []YearUnit {
	t := newUnitTree(upper, moves, links)
	n := 0
	for i := range units {
		if units[i].Level == level && !units[i].Deleted && units[i].OpenAt(at) {
			n++
		}
	}
	out := make([]YearUnit, 0, n)
	for i := range units {
		u := &units[i]
		if u.Level != level || u.Deleted || !u.OpenAt(at) {
			continue
		}
		yu := YearUnit{Unit: u}
		c := yu.Unit
		if level == LevelVillage {
			c = t.units[t.parentAt(u.ID, u.ParentID, at)]
			if c == nil {
				continue // a village whose commune is gone: the data check reports it
			}
			yu.Commune = c
		}
		if a := AreaOf(t, c, at); a != nil {
			yu.AreaID, yu.AreaName, yu.FormerArea = a.ID, a.Name, !a.OpenAt(at)
		}
		out = append(out, yu)
	}
	sortKey := func(u *Unit) []byte {
		if u == nil {
			return nil
		}
		return u.sortKey
	}
	// Sorted by index: the structs are large and there may be tens of thousands of them.
	order := make([]int, len(out))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		a, b := &out[i], &out[j]
		if a.AreaID != b.AreaID {
			if c := bytes.Compare(sortKey(t.units[a.AreaID]), sortKey(t.units[b.AreaID])); c != 0 {
				return c
			}
		}
		if a.Commune != b.Commune {
			if c := bytes.Compare(sortKey(a.Commune), sortKey(b.Commune)); c != 0 {
				return c
			}
		}
		if c := bytes.Compare(a.sortKey, b.sortKey); c != 0 {
			return c
		}
		return strings.Compare(a.Code, b.Code)
	})
	// The order applied in place: a sorted copy was a third copy of 78,000 units alive at once
	// (33 MB at the peak of opening the villages' review grid of a national file).
	applyOrder(out, order)
	return out
}

// yearUnitCols are the columns of a unit the review grid needs.
var yearUnitCols = []string{"id", "created_at", "updated_at", "office_id", "version", "deleted", "sample", "level", "kind", "code", "name", "parent_id", "opened_on", "closed_on", "ethnic_minority", "sort_key"}

// UnitGraph is what finding a unit's area needs: units by ID, a unit's parent on a day, and the
// units that became it. The store's read for the review grid and the rules' index both are one.
type UnitGraph interface {
	Unit(id string) *Unit
	ParentAt(u *Unit, d Date) *Unit
	Predecessors(id string) []*Unit
}

// AreaOf is the district a commune (or a village, through its commune) lay in on day d or, when it
// lay in none (districts were abolished on 1/7/2025), its former district: that of the unit whose
// code it took, else of its first predecessor, on that unit's last day. nil when there is none.
func AreaOf(g UnitGraph, u *Unit, d Date) *Unit {
	return areaOf(g, u, d, map[string]bool{})
}

func areaOf(g UnitGraph, u *Unit, d Date, seen map[string]bool) *Unit {
	if u == nil || seen[u.ID] {
		return nil
	}
	seen[u.ID] = true
	if !u.ClosedOn.IsZero() && !d.Before(u.ClosedOn) {
		d = u.ClosedOn.AddDays(-1)
	}
	for p := g.ParentAt(u, d); p != nil; p = g.ParentAt(p, d) {
		if p.Level == LevelDistrict {
			return p
		}
		if p.Level == LevelProvince {
			break
		}
	}
	if u.Level == LevelVillage {
		return areaOf(g, g.ParentAt(u, d), d, seen)
	}
	preds := slices.Clone(g.Predecessors(u.ID))
	slices.SortStableFunc(preds, func(a, b *Unit) int { return boolRank(a.Code == u.Code) - boolRank(b.Code == u.Code) })
	for _, p := range preds {
		if a := areaOf(g, p, d, seen); a != nil {
			return a
		}
	}
	return nil
}

// unitTree is the UnitGraph of the units above villages, for the review grid.
type unitTree struct {
	units map[string]*Unit
	moves map[string][]UnitMove // by unit, oldest first
	preds map[string][]*Unit    // successor → predecessors
}

func newUnitTree(units []Unit, moves []UnitMove, links []UnitLink) *unitTree {
	t := &unitTree{units: map[string]*Unit{}, moves: map[string][]UnitMove{}, preds: map[string][]*Unit{}}
	for i := range units {
		if units[i].Level != LevelVillage {
			t.units[units[i].ID] = &units[i]
		}
	}
	for _, m := range moves {
		t.moves[m.UnitID] = append(t.moves[m.UnitID], m)
	}
	for _, ms := range t.moves {
		slices.SortStableFunc(ms, func(a, b UnitMove) int { return dateOrder(a.MovedOn, b.MovedOn) })
	}
	for _, l := range links {
		if p := t.units[l.PredecessorID]; p != nil {
			t.preds[l.SuccessorID] = append(t.preds[l.SuccessorID], p)
		}
	}
	return t
}

func (t *unitTree) Unit(id string) *Unit { return t.units[id] }

func (t *unitTree) Predecessors(id string) []*Unit { return t.preds[id] }

// ParentAt is the parent a unit had on day d: the one before its first move after d.
func (t *unitTree) ParentAt(u *Unit, d Date) *Unit { return t.units[t.parentAt(u.ID, u.ParentID, d)] }

func (t *unitTree) parentAt(id, now string, d Date) string {
	for _, m := range t.moves[id] {
		if d.Before(m.MovedOn) {
			return m.FromParentID
		}
	}
	return now
}

// boolRank sorts true first.
func boolRank(b bool) int {
	if b {
		return 0
	}
	return 1
}

// applyOrder puts s in the order given (s[i] becomes the old s[order[i]]), in place, cycle by
// cycle; order is used up.
func applyOrder[T any](s []T, order []int) {
	for i := range order {
		if order[i] < 0 {
			continue
		}
		if order[i] == i {
			order[i] = -1
			continue
		}
		held, j := s[i], i
		for {
			k := order[j]
			order[j] = -1
			if k == i {
				s[j] = held
				break
			}
			s[j] = s[k]
			j = k
		}
	}
}

// dateOrder compares two days, as slices' sort functions do.
func dateOrder(a, b Date) int {
	if c := cmp.Compare(a.Year(), b.Year()); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Month(), b.Month()); c != 0 {
		return c
	}
	return cmp.Compare(a.Day(), b.Day())
}
