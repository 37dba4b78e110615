package data

import (
	"context"
	"strings"
)

// unitColumns are the columns of units that place and judge them, without their record keeping
// (times, office, notes): what a national file's 91,000 units are read with when all are needed.
var unitColumns = []string{"id", "level", "kind", "code", "name", "sort_key", "parent_id", "opened_on", "closed_on",
	"ethnic_minority", "key_dbkk", "left_dbkk_year", "ntm_year", "health_year", "pilot_level", "ntm_plan_year"}

// StructureDataset reads the tree of units as the rules see it (units, links, moves, area
// classifications, rule and criteria sets, targets) without any yearly figure or criteria result:
// what places units and names their class, for lists of a national file (a few tens of MB instead
// of the 1.3 GB of the whole snapshot).
func (s *Store) StructureDataset(ctx context.Context) (*Dataset, error) {
	return s.dataset(ctx, datasetRead{conds: structureConds, cols: map[string][]string{"units": unitColumns}})
}

// structureConds leave out of StructureDataset the records of each year.
var structureConds = map[string]string{"reviews": "0", "criteria_results": "0"}

// StructureChangedSince says whether a record StructureDataset reads (a unit, a link, a move, a
// classification, a reference record) was written since the data's state stamp (DataStamp): a
// review, an activity or a draft saved leaves the tree of units as it was, and the window need
// not read its 91,000 units again (0,6 s and 47 MB on the national sample). It reads the change
// log's lines after stamp only.
func (s *Store) StructureChangedSince(ctx context.Context, stamp int64) (bool, error) {
	var tables []any
	for _, k := range kinds {
		if k.intoDataset != nil && structureConds[k.Table] != "0" {
			tables = append(tables, k.Table)
		}
	}
	q := "SELECT EXISTS (SELECT 1 FROM change_log WHERE seq > ? AND record_table IN (?" + strings.Repeat(", ?", len(tables)-1) + "))"
	var changed bool
	if err := s.db.QueryRowContext(ctx, q, append([]any{stamp}, tables...)...).Scan(&changed); err != nil {
		return true, internal("Không đọc được trạng thái dữ liệu", err)
	}
	return changed, nil
}

// UnitDataset is what the rules need to show and judge one unit, read for it alone: from the tree
// base holds (a StructureDataset, shared, not changed), the unit's neighbourhood (itself, the units
// it was formed from and those formed from it, their children and all their ancestors, with their
// links, moves and classifications) and every reference set; with the reviews and criteria results
// of every year of the neighbourhood. An index over it answers for the unit exactly as one over
// the whole snapshot (a test compares them), in a thousandth of the memory on a national file.
func (s *Store) UnitDataset(ctx context.Context, base *Dataset, unitID string) (*Dataset, error) {
	byID := make(map[string]*Unit, len(base.Units))
	children := map[string][]string{}
	for i := range base.Units {
		u := &base.Units[i]
		byID[u.ID] = u
		children[u.ParentID] = append(children[u.ParentID], u.ID)
	}
	for _, m := range base.Moves {
		children[m.FromParentID] = append(children[m.FromParentID], m.UnitID)
		children[m.ToParentID] = append(children[m.ToParentID], m.UnitID)
	}
	// The unit and the units linked to it, each way, as far as the links go.
	core := map[string]bool{unitID: true}
	for grew := true; grew; {
		grew = false
		for _, l := range base.Links {
			if core[l.PredecessorID] != core[l.SuccessorID] {
				core[l.PredecessorID], core[l.SuccessorID], grew = true, true, true
			}
		}
	}
	ids := map[string]bool{}
	for id := range core {
		ids[id] = true
		for _, c := range children[id] {
			ids[c] = true
		}
	}
	// Every ancestor, by the parent now and by every move.
	parents := map[string][]string{}
	for _, m := range base.Moves {
		parents[m.UnitID] = append(parents[m.UnitID], m.FromParentID, m.ToParentID)
	}
	todo := make([]string, 0, len(ids))
	for id := range ids {
		todo = append(todo, id)
	}
	for len(todo) > 0 {
		id := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		var ps []string
		if u := byID[id]; u != nil && u.ParentID != "" {
			ps = append(ps, u.ParentID)
		}
		for _, p := range append(ps, parents[id]...) {
			if p != "" && !ids[p] {
				ids[p] = true
				todo = append(todo, p)
			}
		}
	}
	ds := &Dataset{CauseGroups: base.CauseGroups, CriteriaSets: base.CriteriaSets, Criteria: base.Criteria, RuleSets: base.RuleSets, Targets: base.Targets}
	for _, u := range base.Units {
		if ids[u.ID] {
			ds.Units = append(ds.Units, u)
		}
	}
	for _, l := range base.Links {
		if ids[l.PredecessorID] || ids[l.SuccessorID] {
			ds.Links = append(ds.Links, l)
		}
	}
	for _, m := range base.Moves {
		if ids[m.UnitID] {
			ds.Moves = append(ds.Moves, m)
		}
	}
	for _, c := range base.Classifications {
		if ids[c.UnitID] {
			ds.Classifications = append(ds.Classifications, c)
		}
	}
	list := make([]string, 0, len(ids))
	for id := range ids {
		list = append(list, "'"+strings.ReplaceAll(id, "'", "''")+"'")
	}
	cond := "t.deleted = 0 AND t.unit_id IN (" + strings.Join(list, ",") + ")"
	figures, err := s.dataset(ctx, datasetRead{only: []string{"reviews", "criteria_results"}, conds: map[string]string{"reviews": cond, "criteria_results": cond}})
	if err != nil {
		return nil, err
	}
	ds.Reviews, ds.CriteriaResults = figures.Reviews, figures.CriteriaResults
	return ds, nil
}
