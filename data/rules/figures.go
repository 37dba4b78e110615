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
	if c, ok := x.reviewCounts(u.ID, year); ok {
		return c
	}
	key := countsKey{u.ID, year, d}
	if c, ok := x.counts[key]; ok {
		return c
	}
	kids := x.ChildrenAt(u.ID, d)
	if len(kids) == 0 {
		return Counts{}
	}
	var acc countsAcc
	for _, k := range kids {
		acc.add(x.unitCountsOn(k, year, d))
	}
	c := acc.counts()
	x.counts[key] = c
	return c
}

// reviewCounts are the counts of a unit's own review of a year; false when it has none. From the
// figures held they are seven numbers in one small block, not a whole Review kept alive by them.
func (x *Index) reviewCounts(id string, year int) (Counts, bool) {
	if r := x.reviews[unitYear{id, year}]; r != nil || x.DS.Figures == nil {
		return CountsOf(r), r != nil
	}
	vals, known, ok := x.DS.Figures.Counts(id, year)
	if !ok {
		return Counts{}, false
	}
	box := new([7]int)
	var ptrs [7]*int
	for k := range ptrs {
		if known&(1<<k) != 0 {
			box[k] = vals[k]
			ptrs[k] = &box[k]
		}
	}
	return Counts{ptrs[0], ptrs[1], ptrs[2], ptrs[3], ptrs[4], ptrs[5], ptrs[6]}, true
}

// countsAcc adds Counts up without allocating at each step: a field is known while every part
// has it.
type countsAcc struct {
	sum     [7]int
	unknown [7]bool
}

func (a *countsAcc) add(c Counts) {
	for i, v := range [7]*int{c.Households, c.EMHouseholds, c.People, c.Poor, c.NearPoor, c.PoorEM, c.GridHouseholds} {
		if v == nil {
			a.unknown[i] = true
		} else {
			a.sum[i] += *v
		}
	}
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
		acc.add(x.UnitCounts(u, year))
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
		acc.add(x.unitCountsOn(u, year-1, UnitDay(u, year)))
	}
	return acc.counts()
}
