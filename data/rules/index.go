// Package rules answers the committee's questions from the data: derived figures (rates are
// computed here and nowhere else), the targets of NQ 04-NQ/TU and the directive, the legal rule sets
// of area classification and of leaving the ĐBKK list, and criteria sets. Pure functions over a
// data.Dataset: the screens, the reports, the Excel export and the command line all call them.
package rules

import (
	"bytes"
	"slices"
	"strings"

	"ketnghia/data"
	"ketnghia/data/vntext"
)

// Index arranges a Dataset for lookups by unit, year and date.
type Index struct {
	DS      *data.Dataset
	units   map[string]*data.Unit
	moves   map[string][]data.UnitMove // by unit, oldest first
	kids    map[string][]*data.Unit    // every unit that ever hung under a unit
	reviews map[unitYear]*data.Review
	// reviewYears are the years with at least one review.
	reviewYears map[int]bool
	succ        map[string][]*data.UnitLink
	pred        map[string][]*data.UnitLink // by successor
	classes     map[string][]*data.Classification
	results     map[resultKey]*data.CriteriaResult
	sets        map[string]*data.CriteriaSet // by ID
	criteria    map[string][]data.Criterion  // by set ID, by number
	ruleSets    map[string]*data.RuleSet     // by code
	// sorted is every unit in Vietnamese order (sortUnits), nil when some unit has no sort key:
	// a list of units is then picked in order, not sorted again.
	sorted []*data.Unit

	// Caches: an Index is for one goroutine at a time.
	unitsAt    map[levelDay][]*data.Unit
	childrenAt map[unitDay][]*data.Unit
	baselines  map[baselineKey][]*data.Unit
	// baselineScopes files each baseline list by the units above its communes.
	baselineScopes map[baselineKey]map[string][]*data.Unit
	counts         map[countsKey]tally
	onArea         map[levelDay]map[string][]*data.Unit // former district → units on its area
	districts      map[int]yearDistricts
}

type yearDistricts struct {
	units  []*data.Unit
	day    data.Date
	former bool
}

type levelDay struct {
	level data.Level
	day   data.Date
}

type unitDay struct {
	id  string
	day data.Date
}

type resultKey struct {
	unit, set string
	year      int
}

// NewIndex builds the lookups of a Dataset.
func NewIndex(ds *data.Dataset) *Index { return NewIndexOn(nil, ds) }

// NewIndexOn builds the lookups of ds, sharing with base (nil: none) those of the parts ds shares
// with base.DS: the same units (and moves), links, classifications and sets are looked up in the
// same maps. A year's dashboard computed over the window's tree of units builds only the lookups of
// its figures this way: on a national file the units' own were 8 MB more while it computed. What is
// shared is not changed once built, so base may be in use by another goroutine meanwhile; what an
// index works out as it is asked (its caches) is its own.
func NewIndexOn(base *Index, ds *data.Dataset) *Index {
	x := &Index{DS: ds, reviews: make(map[unitYear]*data.Review, len(ds.Reviews)), reviewYears: map[int]bool{},
		results: map[resultKey]*data.CriteriaResult{},
		unitsAt: map[levelDay][]*data.Unit{}, childrenAt: map[unitDay][]*data.Unit{}, baselines: map[baselineKey][]*data.Unit{},
		baselineScopes: map[baselineKey]map[string][]*data.Unit{}, counts: map[countsKey]tally{},
		onArea: map[levelDay]map[string][]*data.Unit{}, districts: map[int]yearDistricts{}}
	var was *data.Dataset
	if base != nil {
		was = base.DS
	}
	if was != nil && same(ds.Units, was.Units) && same(ds.Moves, was.Moves) {
		x.units, x.sorted, x.kids, x.moves = base.units, base.sorted, base.kids, base.moves
	} else {
		x.indexUnits()
	}
	if was != nil && same(ds.Links, was.Links) {
		x.succ, x.pred = base.succ, base.pred
	} else {
		x.succ, x.pred = map[string][]*data.UnitLink{}, map[string][]*data.UnitLink{}
		for i := range ds.Links {
			l := &ds.Links[i]
			x.succ[l.PredecessorID] = append(x.succ[l.PredecessorID], l)
			x.pred[l.SuccessorID] = append(x.pred[l.SuccessorID], l)
		}
	}
	if was != nil && same(ds.Classifications, was.Classifications) {
		x.classes = base.classes
	} else {
		x.classes = map[string][]*data.Classification{}
		for i := range ds.Classifications {
			c := &ds.Classifications[i]
			x.classes[c.UnitID] = append(x.classes[c.UnitID], c)
		}
	}
	if was != nil && same(ds.CriteriaSets, was.CriteriaSets) && same(ds.Criteria, was.Criteria) && same(ds.RuleSets, was.RuleSets) {
		x.sets, x.criteria, x.ruleSets = base.sets, base.criteria, base.ruleSets
	} else {
		x.sets, x.criteria, x.ruleSets = map[string]*data.CriteriaSet{}, map[string][]data.Criterion{}, map[string]*data.RuleSet{}
		for i := range ds.CriteriaSets {
			x.sets[ds.CriteriaSets[i].ID] = &ds.CriteriaSets[i]
		}
		for _, c := range ds.Criteria {
			x.criteria[c.SetID] = append(x.criteria[c.SetID], c)
		}
		for i := range ds.RuleSets {
			x.ruleSets[ds.RuleSets[i].Code] = &ds.RuleSets[i]
		}
	}
	for i := range ds.Reviews {
		r := &ds.Reviews[i]
		x.reviews[unitYear{r.UnitID, r.Year}] = r
		x.reviewYears[r.Year] = true
	}
	for i := range ds.CriteriaResults {
		r := &ds.CriteriaResults[i]
		x.results[resultKey{r.UnitID, r.SetID, r.Year}] = r
	}
	return x
}

// forgetDays lets go of what the index worked out for days (the units then, their children and
// areas, their sums): for a computation that is done with a day and goes on to the next.
func (x *Index) forgetDays() {
	// New maps: a map cleared keeps its room.
	x.unitsAt, x.childrenAt = map[levelDay][]*data.Unit{}, map[unitDay][]*data.Unit{}
	x.onArea, x.counts = map[levelDay]map[string][]*data.Unit{}, map[countsKey]tally{}
}

// same reports whether two slices are the same memory (not only equal).
func same[T any](a, b []T) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// indexUnits builds the lookups of the units and their moves.
func (x *Index) indexUnits() {
	ds := x.DS
	x.units = map[string]*data.Unit{} // grown: made for all at once it took 6 MB, not 4, for a national file
	x.moves, x.kids = map[string][]data.UnitMove{}, map[string][]*data.Unit{}
	keyed := true
	for i := range ds.Units {
		u := &ds.Units[i]
		x.units[u.ID] = u
		keyed = keyed && len(u.SortKey()) > 0
	}
	if keyed {
		x.sorted = make([]*data.Unit, len(ds.Units))
		for i := range ds.Units {
			x.sorted[i] = &ds.Units[i]
		}
		sortUnits(x.sorted)
	}
	for i := range ds.Units {
		u := &ds.Units[i]
		if u.ParentID != "" {
			x.kids[u.ParentID] = append(x.kids[u.ParentID], u)
		}
	}
	for _, m := range ds.Moves {
		x.moves[m.UnitID] = append(x.moves[m.UnitID], m)
		if u := x.units[m.UnitID]; u != nil && !slices.Contains(x.kids[m.FromParentID], u) {
			x.kids[m.FromParentID] = append(x.kids[m.FromParentID], u)
		}
	}
	for _, ms := range x.moves {
		slices.SortFunc(ms, func(a, b data.UnitMove) int { return strings.Compare(a.MovedOn.ISO(), b.MovedOn.ISO()) })
	}
}

// YearEnd is the day a year's figures are taken at: 31 December.
func YearEnd(year int) data.Date { return data.YearEnd(year) }

// Unit returns a unit by ID (nil when unknown).
func (x *Index) Unit(id string) *data.Unit { return x.units[id] }

// Moves are a unit's moves from one parent to another, oldest first.
func (x *Index) Moves(id string) []data.UnitMove { return x.moves[id] }

// Review returns a unit's review of a year (nil when there is none in the dataset).
func (x *Index) Review(unitID string, year int) *data.Review {
	if r := x.reviews[unitYear{unitID, year}]; r != nil || x.DS.Figures == nil {
		return r
	}
	return x.DS.Figures.Review(unitID, year)
}

type unitYear struct {
	id   string
	year int
}

// ParentAt is the unit's parent on day d, following its moves.
func (x *Index) ParentAt(u *data.Unit, d data.Date) *data.Unit {
	for _, m := range x.moves[u.ID] {
		if d.Before(m.MovedOn) {
			return x.units[m.FromParentID]
		}
	}
	return x.units[u.ParentID]
}

// ChildrenAt lists the units open on day d that hung under id on that day, in Vietnamese order.
func (x *Index) ChildrenAt(id string, d data.Date) []*data.Unit {
	if out, ok := x.childrenAt[unitDay{id, d}]; ok {
		return out
	}
	if len(x.kids[id]) == 0 {
		// A unit that never had any (a village): nothing to keep. On a national file the 78,000
		// villages' empty lists took 8 MB of the cache while the dashboard was computed.
		return nil
	}
	var out []*data.Unit
	for _, k := range x.kids[id] {
		if k.OpenAt(d) {
			if p := x.ParentAt(k, d); p != nil && p.ID == id {
				out = append(out, k)
			}
		}
	}
	sortUnits(out)
	x.childrenAt[unitDay{id, d}] = out
	return out
}

// UnitsUnder lists the units of a level under scope on day d (every one of the level when scope
// is ""), in Vietnamese order within each parent.
//
// A district scope on a day after the district ended (districts were abolished on 1/7/2025) is its
// area: the units made from its communes (Area).
func (x *Index) UnitsUnder(scope string, level data.Level, d data.Date) []*data.Unit {
	if scope == "" {
		return x.UnitsAt(level, d)
	}
	if s := x.units[scope]; s != nil && s.Level == data.LevelDistrict && !s.ClosedOn.IsZero() && !d.Before(s.ClosedOn) {
		return x.unitsOnArea(level, d)[scope]
	}
	var out []*data.Unit
	var walk func(id string)
	walk = func(id string) {
		for _, k := range x.ChildrenAt(id, d) {
			if k.Level == level {
				out = append(out, k)
			} else {
				walk(k.ID)
			}
		}
	}
	walk(scope)
	return out
}

// unitsOnArea files the units of a level open on day d under their former district.
func (x *Index) unitsOnArea(level data.Level, d data.Date) map[string][]*data.Unit {
	if m, ok := x.onArea[levelDay{level, d}]; ok {
		return m
	}
	m := map[string][]*data.Unit{}
	for _, u := range x.UnitsAt(level, d) {
		if a := x.Area(u, d); a != nil {
			m[a.ID] = append(m[a.ID], u)
		}
	}
	x.onArea[levelDay{level, d}] = m
	return m
}

// Districts are the districts a year's figures are broken down by and the day they are taken on:
// those open on the year's district day (DistrictDate); in a year without districts (from 2026) the
// former districts as areas, each with the communes made from its communes (former true), at the
// year's end. In Vietnamese order.
func (x *Index) Districts(year int) ([]*data.Unit, data.Date, bool) {
	if yd, ok := x.districts[year]; ok {
		return yd.units, yd.day, yd.former
	}
	yd := yearDistricts{day: x.DistrictDate(year)}
	yd.units = x.UnitsAt(data.LevelDistrict, yd.day)
	if len(yd.units) == 0 {
		yd.day, yd.former = YearEnd(year), true
		areas := x.unitsOnArea(data.LevelCommune, yd.day)
		for i := range x.DS.Units {
			if u := &x.DS.Units[i]; u.Level == data.LevelDistrict && len(areas[u.ID]) > 0 {
				yd.units = append(yd.units, u)
			}
		}
		sortUnits(yd.units)
	}
	x.districts[year] = yd
	return yd.units, yd.day, yd.former
}

// UnitsAt lists the units of a level open on day d, in Vietnamese order.
func (x *Index) UnitsAt(level data.Level, d data.Date) []*data.Unit {
	if out, ok := x.unitsAt[levelDay{level, d}]; ok {
		return out
	}
	var out []*data.Unit
	if x.sorted != nil {
		for _, u := range x.sorted {
			if u.Level == level && u.OpenAt(d) {
				out = append(out, u)
			}
		}
	} else {
		for i := range x.DS.Units {
			u := &x.DS.Units[i]
			if u.Level == level && u.OpenAt(d) {
				out = append(out, u)
			}
		}
		sortUnits(out)
	}
	x.unitsAt[levelDay{level, d}] = out
	return out
}

// AncestorAt is the unit's ancestor of a level on day d (nil when it has none).
func (x *Index) AncestorAt(u *data.Unit, level data.Level, d data.Date) *data.Unit {
	for p := x.ParentAt(u, d); p != nil; p = x.ParentAt(p, d) {
		if p.Level == level {
			return p
		}
	}
	return nil
}

// Place says where a unit lies on day d, as a person names it: "Xã Đắk Rơ Nga, Huyện Đắk Tô" for a
// village, "Huyện Đắk Tô" for a commune; once districts are gone, the province and the former
// district as an area: "Tỉnh Quảng Ngãi, địa bàn huyện Đắk Tô cũ" for a commune, "Xã Đăk Rơ Nga,
// địa bàn huyện Đắk Tô cũ" for a village.
func (x *Index) Place(u *data.Unit, d data.Date) string {
	var parts []string
	district := false
	for p := x.ParentAt(u, d); p != nil; p = x.ParentAt(p, d) {
		parts = append(parts, p.Name)
		district = district || p.Level == data.LevelDistrict
		if p.Level == data.LevelDistrict || p.Level == data.LevelProvince || len(parts) == 2 {
			break
		}
	}
	if !district && len(parts) > 0 {
		if a := x.Area(u, d); a != nil && !a.OpenAt(d) {
			area := "địa bàn " + vntext.LowerFirst(a.Name) + " cũ"
			if len(parts) == 2 {
				parts[1] = area
			} else {
				parts = append(parts, area)
			}
		}
	}
	return strings.Join(parts, ", ")
}

// DistrictDate is the day on which year's figures are broken down by district: 31 December, or,
// in a year whose districts were abolished (2025), their last day.
func (x *Index) DistrictDate(year int) data.Date {
	end := YearEnd(year)
	if len(x.UnitsAt(data.LevelDistrict, end)) > 0 {
		return end
	}
	var last data.Date
	for i := range x.DS.Units {
		u := &x.DS.Units[i]
		if u.Level == data.LevelDistrict && u.ClosedOn.Year() == year && last.Before(u.ClosedOn) {
			last = u.ClosedOn
		}
	}
	if last.IsZero() {
		return end
	}
	return last.AddDays(-1)
}

// Predecessors are the units that became a unit (merged into it, renamed or upgraded to it).
func (x *Index) Predecessors(id string) []*data.Unit {
	return x.linked(x.pred[id], func(l *data.UnitLink) string { return l.PredecessorID })
}

// Area is the district a unit lay in on day d, or its former district once districts are gone
// (data.AreaOf).
func (x *Index) Area(u *data.Unit, d data.Date) *data.Unit { return data.AreaOf(x, u, d) }

// Successors are the units a unit became.
func (x *Index) Successors(id string) []*data.Unit {
	return x.linked(x.succ[id], func(l *data.UnitLink) string { return l.SuccessorID })
}

// linked are the units at the other end of links.
func (x *Index) linked(ls []*data.UnitLink, other func(*data.UnitLink) string) []*data.Unit {
	var out []*data.Unit
	for _, l := range ls {
		if u := x.units[other(l)]; u != nil {
			out = append(out, u)
		}
	}
	return out
}

// RecordedClass is the class a decision gave the unit for year under a rule set ("" when none);
// ruleSet "" takes any rule set covering the year.
func (x *Index) RecordedClass(unitID, ruleSet string, year int) data.AreaClass {
	for _, c := range x.classes[unitID] {
		if (ruleSet == "" || c.RuleSet == ruleSet) && c.FromYear <= year && year <= c.ToYear {
			return c.Class
		}
	}
	return ""
}

// RuleSet returns a rule set by code (nil when unknown).
func (x *Index) RuleSet(code string) *data.RuleSet { return x.ruleSets[code] }

// RuleSetFor is the rule set of a purpose that covers year (nil when none does).
func (x *Index) RuleSetFor(purpose data.RulePurpose, year int) *data.RuleSet {
	for i := range x.DS.RuleSets {
		r := &x.DS.RuleSets[i]
		if r.Purpose == purpose && r.Covers(year) {
			return r
		}
	}
	return nil
}

// sortUnits puts units in Vietnamese order: by the collation keys the store keeps, or by computing
// them for units made in memory.
func sortUnits(us []*data.Unit) {
	for _, u := range us {
		if len(u.SortKey()) == 0 {
			vntext.SortFunc(us, func(u *data.Unit) string { return u.ShortName() + " \x00" + u.Kind })
			return
		}
	}
	slices.SortStableFunc(us, func(a, b *data.Unit) int {
		if c := bytes.Compare(a.SortKey(), b.SortKey()); c != 0 {
			return c
		}
		return strings.Compare(a.Code, b.Code)
	})
}
