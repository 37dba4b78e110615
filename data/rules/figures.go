package rules

import (
	"ketnghia/data"
)

// Counts are the additive counts of a review, or of a sum of reviews. nil: not known (a sum with
// one unknown part is unknown: never a guess).
type Counts struct {
	Households     *int `json:"households"`
	EMHouseholds   *int `json:"ethnic_minority_households"`
	People         *int `json:"people"`
	Poor           *int `json:"poor"`
	NearPoor       *int `json:"near_poor"`
	PoorEM         *int `json:"poor_ethnic_minority"`
	GridHouseholds *int `json:"grid_households"`
}

// CountsOf takes the counts of one review.
func CountsOf(r *data.Review) Counts {
	if r == nil {
		return Counts{}
	}
	return Counts{r.Households, r.EMHouseholds, r.People, r.Poor, r.NearPoor, r.PoorEM, r.GridHouseholds}
}

// Add sums two Counts field by field.
func (c Counts) Add(o Counts) Counts {
	add := func(a, b *int) *int {
		if a == nil || b == nil {
			return nil
		}
		n := *a + *b
		return &n
	}
	return Counts{add(c.Households, o.Households), add(c.EMHouseholds, o.EMHouseholds), add(c.People, o.People),
		add(c.Poor, o.Poor), add(c.NearPoor, o.NearPoor), add(c.PoorEM, o.PoorEM), add(c.GridHouseholds, o.GridHouseholds)}
}

// Rate is part / whole × 100: nil when either is unknown or whole is zero. Every rate of the
// program comes from here.
func Rate(part, whole *int) *float64 {
	if part == nil || whole == nil || *whole <= 0 {
		return nil
	}
	r := float64(*part) * 100 / float64(*whole)
	return &r
}

func sum(a, b *int) *int {
	if a == nil || b == nil {
		return nil
	}
	n := *a + *b
	return &n
}

func diff(a, b *int) *int {
	if a == nil || b == nil {
		return nil
	}
	n := *a - *b
	return &n
}

// PovertyRate is poor households / households × 100 (QĐ 24/2021/QĐ-TTg).
func (c Counts) PovertyRate() *float64 { return Rate(c.Poor, c.Households) }

// NearPovertyRate is near-poor households / households × 100.
func (c Counts) NearPovertyRate() *float64 { return Rate(c.NearPoor, c.Households) }

// PoorNearRate is (poor + near-poor) / households × 100.
func (c Counts) PoorNearRate() *float64 { return Rate(sum(c.Poor, c.NearPoor), c.Households) }

// EMShare is ethnic-minority households / households × 100.
func (c Counts) EMShare() *float64 { return Rate(c.EMHouseholds, c.Households) }

// PoorEMShare is ethnic-minority poor households / poor households × 100 (0 when none is poor).
func (c Counts) PoorEMShare() *float64 {
	if c.Poor != nil && *c.Poor == 0 && c.PoorEM != nil {
		z := 0.0
		return &z
	}
	return Rate(c.PoorEM, c.Poor)
}

// GridShare is households on the national grid / households × 100.
func (c Counts) GridShare() *float64 { return Rate(c.GridHouseholds, c.Households) }

// GridOffShare is households not on the national grid / households × 100.
func (c Counts) GridOffShare() *float64 {
	return Rate(diff(c.Households, c.GridHouseholds), c.Households)
}

// IlliterateShare is ethnic-minority people 15–60 who cannot read and write Vietnamese / all of them × 100.
func IlliterateShare(r *data.Review) *float64 {
	if r == nil {
		return nil
	}
	return Rate(r.EMIlliterate15to60, r.EMPeople15to60)
}

// UntrainedShare is employed workers without vocational training of 3 months or more / employed
// workers × 100 (QĐ 33/2020/QĐ-TTg Art. 3(b)).
func UntrainedShare(r *data.Review) *float64 {
	if r == nil {
		return nil
	}
	return Rate(r.EmployedUntrained, r.EmployedWorkers)
}

// UnpavedShare is the share of the road from the district centre not asphalt or concrete, × 100.
func UnpavedShare(r *data.Review) *float64 {
	if r == nil || r.RoadKm == nil || r.RoadUnpavedKm == nil || *r.RoadKm <= 0 {
		return nil
	}
	s := *r.RoadUnpavedKm * 100 / *r.RoadKm
	return &s
}

// ChangePP is the change from before to after in percentage points (after − before).
func ChangePP(before, after *float64) *float64 {
	if before == nil || after == nil {
		return nil
	}
	d := *after - *before
	return &d
}

// UnitDay is the day on which a unit is measured for a year (its territory taken, its parent and
// villages read): the year's end, or the unit's last day when it closed before. The profile on the
// screen, the printed profile and the figures all take this one.
func UnitDay(u *data.Unit, year int) data.Date {
	d := YearEnd(year)
	if !u.ClosedOn.IsZero() && !d.Before(u.ClosedOn) {
		return u.ClosedOn.AddDays(-1)
	}
	return d
}

// UnitCounts are a unit's counts for a year: its own review when it has one, otherwise the sum of
// the units under it on the day its territory is taken (a commune closed in the 2025 reform is the
// sum of its villages' 2025 reviews).
func (x *Index) UnitCounts(u *data.Unit, year int) Counts {
	return x.unitCountsOn(u, year, UnitDay(u, year))
}

// unitCountsOn is UnitCounts with the territory taken on day d: a unit's counts of an earlier year
// on today's territory are the sum of the reviews of the villages it has today.
func (x *Index) unitCountsOn(u *data.Unit, year int, d data.Date) Counts {
	if r := x.reviews[unitYear{u.ID, year}]; r != nil {
		return CountsOf(r) // the review's own figures: nothing made
	}
	return x.unitTallyOn(u, year, d).counts()
}

// unitTallyOn is unitCountsOn as numbers, with nothing made: the dashboard adds up every unit of
// the country for each year it shows, and a Counts made for each unit and kept in the cache was
// 40 MB of small objects for one computation on a national file.
func (x *Index) unitTallyOn(u *data.Unit, year int, d data.Date) tally {
	if t, ok := x.reviewTally(u.ID, year); ok {
		return t
	}
	key := countsKey{u.ID, year, d}
	if t, ok := x.counts[key]; ok {
		return t
	}
	kids := x.ChildrenAt(u.ID, d)
	if len(kids) == 0 {
		return tally{}
	}
	var acc countsAcc
	for _, k := range kids {
		acc.addTally(x.unitTallyOn(k, year, d))
	}
	t := acc.tally()
	x.counts[key] = t
	return t
}

// reviewTally are the counts of a unit's own review of a year; false when it has none.
func (x *Index) reviewTally(id string, year int) (tally, bool) {
	if r := x.reviews[unitYear{id, year}]; r != nil || x.DS.Figures == nil {
		return tallyOf(CountsOf(r)), r != nil
	}
	vals, known, ok := x.DS.Figures.Counts(id, year)
	return tally{vals, known}, ok
}

// villageCells is what a village's review of a year says of its chi bộ (Unknown: no review, or
// the cell left empty) and of its grid (onGrid: every household on the national grid; gridKnown:
// both counts given), with nothing made: the dashboard asks it of every village of the country
// for each year it shows, and a Review made each time was 7 MB more while it computed.
func (x *Index) villageCells(id string, year int) (party Tri, onGrid, gridKnown bool) {
	party = Unknown
	if r := x.reviews[unitYear{id, year}]; r != nil || x.DS.Figures == nil {
		if r != nil && r.PartyCell != nil {
			party = Of(*r.PartyCell)
		}
	} else if cell, known := x.DS.Figures.PartyCell(id, year); known {
		party = Of(cell)
	}
	t, _ := x.reviewTally(id, year)
	const households, grid = 0, 6 // in the order of Counts' fields
	if t.known&(1<<households) != 0 && t.known&(1<<grid) != 0 {
		return party, t.v[grid] >= t.v[households], true
	}
	return party, false, false
}

// tally is Counts held as numbers: the seven counts in the order of Counts' fields, and known, whose
// bit i says the i-th is known.
type tally struct {
	v     [7]int
	known uint8
}

func tallyOf(c Counts) tally {
	var t tally
	for i, p := range [7]*int{c.Households, c.EMHouseholds, c.People, c.Poor, c.NearPoor, c.PoorEM, c.GridHouseholds} {
		if p != nil {
			t.v[i], t.known = *p, t.known|1<<i
		}
	}
	return t
}

// counts makes the Counts of a tally (one allocation for the seven).
func (t tally) counts() Counts {
	if t.known == 0 {
		return Counts{}
	}
	box := new([7]int)
	var ptrs [7]*int
	for i := range ptrs {
		if t.known&(1<<i) != 0 {
			box[i] = t.v[i]
			ptrs[i] = &box[i]
		}
	}
	return Counts{ptrs[0], ptrs[1], ptrs[2], ptrs[3], ptrs[4], ptrs[5], ptrs[6]}
}

// poor is the poor households of a tally (nil when unknown).
func (t tally) poor() *int {
	const poor = 3 // in the order of Counts' fields
	if t.known&(1<<poor) == 0 {
		return nil
	}
	n := t.v[poor]
	return &n
}

// countsAcc adds Counts up without allocating at each step: a field is known while every part
// has it.
type countsAcc struct {
	sum     [7]int
	unknown [7]bool
}

// addTally adds a tally: a count unknown in it is unknown in the sum.
func (a *countsAcc) addTally(t tally) {
	for i := range a.sum {
		if t.known&(1<<i) == 0 {
			a.unknown[i] = true
		} else {
			a.sum[i] += t.v[i]
		}
	}
}

// tally is the sum as a tally.
func (a *countsAcc) tally() tally {
	t := tally{v: a.sum}
	for i := range a.sum {
		if !a.unknown[i] {
			t.known |= 1 << i
		}
	}
	return t
}

func (a *countsAcc) counts() Counts {
	var vals [7]*int
	ints := a.sum // one allocation for all seven
	for i := range vals {
		if !a.unknown[i] {
			vals[i] = &ints[i]
		}
	}
	return Counts{vals[0], vals[1], vals[2], vals[3], vals[4], vals[5], vals[6]}
}

// countsKey caches the sums of units without a review of their own.
type countsKey struct {
	id   string
	year int
	day  data.Date
}

// SumCounts adds up the counts of units for a year.
func (x *Index) SumCounts(units []*data.Unit, year int) Counts {
	if len(units) == 0 {
		return Counts{}
	}
	var acc countsAcc
	for _, u := range units {
		acc.addTally(x.unitTallyOn(u, year, UnitDay(u, year)))
	}
	return acc.counts()
}

// PreviousCounts are the units' counts of the year before, on the territory they have in year.
func (x *Index) PreviousCounts(units []*data.Unit, year int) Counts {
	if len(units) == 0 {
		return Counts{}
	}
	var acc countsAcc
	for _, u := range units {
		acc.addTally(x.unitTallyOn(u, year-1, UnitDay(u, year)))
	}
	return acc.counts()
}
