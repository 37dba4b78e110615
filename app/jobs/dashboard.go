package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"log"

	"ketnghia/data"
	"ketnghia/data/rules"
)

// Dashboard is the Tổng quan screen's figures of a year. They are computed from the store
// (data/rules) the first time and kept in the file (data.Store.KeepDerived) until the data
// changes, so that the screen opens at once on a national-scale file that takes seconds to compute.
func Dashboard(ctx context.Context, st *data.Store, year int) (rules.Dashboard, error) {
	return DashboardOn(ctx, st, year, nil, 0)
}

// DashboardOn is Dashboard for a caller that holds the tree of units (the index of a
// StructureDataset read at the data's state treeStamp): when the figures must be computed and the
// data is still in that state, the tree's units and their lookups are used rather than read and
// built a second time (rules.NewIndexOn). The tree's index may be in use meanwhile.
func DashboardOn(ctx context.Context, st *data.Store, year int, tree *rules.Index, treeStamp int64) (rules.Dashboard, error) {
	if d, ok := KeptDashboard(ctx, st, year); ok {
		return d, nil
	}
	key := fmt.Sprintf("dashboard/%d", year)
	stamp, err := st.DataStamp(ctx)
	if err != nil {
		return rules.Dashboard{}, err
	}
	if tree != nil && treeStamp != stamp {
		tree = nil // read before the last change
	}
	d, err := computeDashboard(ctx, st, year, tree)
	if err != nil {
		return d, err
	}
	k := kept{Version: keptVersion, Dashboard: d}
	for _, p := range d.Overview.Targets {
		k.Targets = append(k.Targets, p.Target)
	}
	b, err := json.Marshal(k)
	if err != nil {
		log.Printf("dashboard %d: not kept: %v", year, err)
		return d, nil
	}
	if err := st.KeepDerived(ctx, key, stamp, b); err != nil {
		// Only the next opening is slower: the figures shown are right.
		log.Printf("dashboard %d: not kept: %v", year, err)
	}
	return d, nil
}

// KeptDashboard gives back a year's dashboard as kept in the file, when the data has not changed
// since it was computed (false: it must be computed).
func KeptDashboard(ctx context.Context, st *data.Store, year int) (rules.Dashboard, bool) {
	b, ok, err := st.Derived(ctx, fmt.Sprintf("dashboard/%d", year))
	if err != nil || !ok {
		return rules.Dashboard{}, false
	}
	var k kept
	if err := json.Unmarshal(b, &k); err != nil || k.Version != keptVersion || len(k.Targets) != len(k.Dashboard.Overview.Targets) {
		log.Printf("dashboard %d: kept figures unreadable, computing again: %v", year, err)
		return rules.Dashboard{}, false
	}
	for i := range k.Targets {
		k.Dashboard.Overview.Targets[i].Target = k.Targets[i]
	}
	return k.Dashboard, true
}

// kept is a dashboard as kept in the file: JSON (a pointer to zero stays a zero, not "unknown"),
// with the targets the progress bars are measured against (not part of the JSON of a progress).
type kept struct {
	Version   int // keptVersion: a dashboard kept by an earlier program lacks what came since
	Dashboard rules.Dashboard
	Targets   []data.Target
}

// keptVersion is the version of what a kept dashboard holds: 2 with the causes of poverty, 3 with
// the villages' road to the NTM standard.
const keptVersion = 3

// ComputeDashboard computes a year's dashboard from the store, without what was kept: the
// communes' history of every year, the villages' reviews and criteria results of the years the
// overview reads (the year, the year before, the targets' baselines and the years before them),
// and the year's twinning.
func ComputeDashboard(ctx context.Context, st *data.Store, year int) (rules.Dashboard, error) {
	return computeDashboard(ctx, st, year, nil)
}

func computeDashboard(ctx context.Context, st *data.Store, year int, tree *rules.Index) (rules.Dashboard, error) {
	years := []int{year, year - 1}
	targets, err := st.Targets(ctx)
	if err != nil {
		return rules.Dashboard{}, err
	}
	for _, t := range targets {
		years = append(years, t.BaselineYear, t.BaselineYear-1)
	}
	var ds *data.Dataset
	if tree != nil {
		ds, err = st.OverviewDatasetOn(ctx, tree.DS, years...)
	} else {
		ds, err = st.OverviewDataset(ctx, years...)
	}
	if err != nil {
		return rules.Dashboard{}, err
	}
	td, err := st.TwinningOfYear(ctx, year)
	if err != nil {
		return rules.Dashboard{}, err
	}
	return rules.NewIndexOn(tree, ds).Dashboard(year, td), nil
}
