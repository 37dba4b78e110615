package screen

import (
	"context"
	"fmt"
	"slices"

	"ketnghia/data"
)

// unitChoices are the communes (and, with villages, each commune's villages after it) open on day,
// each under a label that tells it from every other: "Xã Măng Bút", "Thôn 10, Xã Măng Bút"; when two
// still read alike, with their district (or former district), then with their code. ids gives each
// label's unit ID. except, when not "", is left out (a unit cannot be merged into itself).
func unitChoices(st *data.Store, day data.Date, villages bool, except string) (labels []string, ids map[string]string, err error) {
	ctx := context.Background()
	communes, err := st.UnitsOn(ctx, data.LevelCommune, day)
	if err != nil {
		return nil, nil, err
	}
	var all []data.YearUnit
	if villages {
		vs, err := st.UnitsOn(ctx, data.LevelVillage, day)
		if err != nil {
			return nil, nil, err
		}
		under := map[string][]data.YearUnit{}
		for _, v := range vs {
			under[v.Commune.ID] = append(under[v.Commune.ID], v)
		}
		for _, c := range communes {
			all = append(all, c)
			all = append(all, under[c.ID]...)
		}
	} else {
		all = communes
	}
	kept := all[:0:0]
	for _, u := range all {
		if u.ID != except {
			kept = append(kept, u)
		}
	}
	labels = distinctLabels(kept)
	ids = make(map[string]string, len(kept))
	for i, u := range kept {
		ids[labels[i]] = u.ID
	}
	return labels, ids, nil
}

// choicesOfLevel are the units of one level open on day but except, labelled as unitChoices
// labels them.
func choicesOfLevel(st *data.Store, level data.Level, day data.Date, except string) (labels []string, ids map[string]string, err error) {
	us, err := st.UnitsOn(context.Background(), level, day)
	if err != nil {
		return nil, nil, err
	}
	us = slices.DeleteFunc(us, func(u data.YearUnit) bool { return u.ID == except })
	labels = distinctLabels(us)
	ids = make(map[string]string, len(us))
	for i, u := range us {
		ids[labels[i]] = u.ID
	}
	return labels, ids, nil
}

// distinctLabels names each unit by its name (a village with its commune), adding its area, then its
// code or its rank, until no two read alike.
func distinctLabels(us []data.YearUnit) []string {
	labels := make([]string, len(us))
	for i, u := range us {
		labels[i] = u.Name
		if u.Commune != nil {
			labels[i] += ", " + u.Commune.Name
		}
	}
	more := []func(i int) string{
		func(i int) string {
			if us[i].AreaName == "" {
				return ""
			}
			if us[i].FormerArea {
				return ", địa bàn " + us[i].AreaName + " cũ"
			}
			return ", " + us[i].AreaName
		},
		func(i int) string {
			if us[i].Code != "" {
				return " (mã " + us[i].Code + ")"
			}
			return ""
		},
	}
	for _, add := range more {
		for _, i := range clashing(labels) {
			labels[i] += add(i)
		}
	}
	// Still alike (two villages of one name in one commune, no code): numbered in their order.
	seen := map[string]int{}
	for _, i := range clashing(labels) {
		seen[labels[i]]++
		labels[i] += fmt.Sprintf(" (thứ %d)", seen[labels[i]])
	}
	return labels
}

// clashing lists the indexes of the labels that another label repeats.
func clashing(labels []string) []int {
	n := map[string]int{}
	for _, l := range labels {
		n[l]++
	}
	var out []int
	for i, l := range labels {
		if n[l] > 1 {
			out = append(out, i)
		}
	}
	return out
}
