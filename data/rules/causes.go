package rules

import (
	"slices"

	"ketnghia/data"
)

// Causes are poor households by cause of poverty (the directive: "phân loại hộ nghèo theo từng nhóm
// nguyên nhân"), of a unit or a sum of units, for a year.
type Causes struct {
	Poor *int // poor households (UnitCounts: nil when not known)
	// ByCause is households by cause group code. Known is false when no review gives any cause:
	// then ByCause is empty and means "not classified", never "none".
	ByCause map[string]int
	Known   bool
}

// Classified is the number of poor households given a cause.
func (c Causes) Classified() int {
	n := 0
	for _, v := range c.ByCause {
		n += v
	}
	return n
}

// Unclassified is the number of poor households not given a cause (nil when the poor are not known).
func (c Causes) Unclassified() *int {
	if c.Poor == nil {
		return nil
	}
	n := max(*c.Poor-c.Classified(), 0)
	return &n
}

// Share is a cause's households / poor households × 100 (nil when not known).
func (c Causes) Share(code string) *float64 {
	if !c.Known {
		return nil
	}
	n := c.ByCause[code]
	return Rate(&n, c.Poor)
}

// UnitCauses are a unit's poor households by cause for a year: those its own review gives, or, when
// it gives none, the sum of the units under it on the day its territory is taken (a commune whose
// causes were entered village by village).
func (x *Index) UnitCauses(u *data.Unit, year int) Causes {
	return x.unitCausesOn(u, year, countsDay(u, year))
}

// PreviousCauses are a unit's causes of the year before, on the territory it has in year.
func (x *Index) PreviousCauses(u *data.Unit, year int) Causes {
	return x.unitCausesOn(u, year-1, countsDay(u, year))
}

func (x *Index) unitCausesOn(u *data.Unit, year int, d data.Date) Causes {
	c := Causes{Poor: x.unitCountsOn(u, year, d).Poor}
	if r := x.Review(u.ID, year); r != nil && len(r.PoorByCause) > 0 {
		c.ByCause, c.Known = map[string]int{}, true
		for k, v := range r.PoorByCause {
			c.ByCause[k] += v
		}
		return c
	}
	for _, k := range x.ChildrenAt(u.ID, d) {
		kc := x.unitCausesOn(k, year, d)
		if !kc.Known {
			continue
		}
		if c.ByCause == nil {
			c.ByCause, c.Known = map[string]int{}, true
		}
		for code, v := range kc.ByCause {
			c.ByCause[code] += v
		}
	}
	return c
}

// SumCauses adds up the causes of units for a year (or, previous, of the year before on the
// territory of year).
func (x *Index) SumCauses(units []*data.Unit, year int, previous bool) Causes {
	var out Causes
	for _, u := range units {
		var c Causes
		if previous {
			c = x.PreviousCauses(u, year)
		} else {
			c = x.UnitCauses(u, year)
		}
		out.add(c)
	}
	if previous {
		out.Poor = x.PreviousCounts(units, year).Poor
	} else {
		out.Poor = x.SumCounts(units, year).Poor
	}
	return out
}

// CauseRank is a cause group's households in a Causes, for listing the largest first.
type CauseRank struct {
	Group      data.CauseGroup
	Households int
}

// Ranked lists the causes with households, the largest first (the list's order among equals);
// codes not in the list of groups come last, under their code.
func (c Causes) Ranked(groups []data.CauseGroup) []CauseRank {
	var out []CauseRank
	seen := map[string]bool{}
	for _, g := range groups {
		seen[g.Code] = true
		if n := c.ByCause[g.Code]; n > 0 {
			out = append(out, CauseRank{g, n})
		}
	}
	var other []string
	for code, n := range c.ByCause {
		if !seen[code] && n > 0 {
			other = append(other, code)
		}
	}
	slices.Sort(other)
	for _, code := range other {
		out = append(out, CauseRank{data.CauseGroup{Code: code, Name: code}, c.ByCause[code]})
	}
	slices.SortStableFunc(out, func(a, b CauseRank) int { return b.Households - a.Households })
	return out
}

// Dominant is the cause that holds at least half of the poor households, if one does (the directive
// asks for support suited to each group: such a commune needs that support first).
func (c Causes) Dominant(groups []data.CauseGroup) (CauseRank, bool) {
	r := c.Ranked(groups)
	if len(r) == 0 || c.Poor == nil || *c.Poor <= 0 || 2*r[0].Households < *c.Poor {
		return CauseRank{}, false
	}
	return r[0], true
}

// CauseOverview is a year's poor households by cause of poverty as the dashboard shows them: of the
// whole file, of each district (from 2025, each former district) and of each commune in it, each
// with its causes the largest first.
type CauseOverview struct {
	Year   int         `json:"year"`
	Groups []CauseName `json:"groups"` // the cause groups, in their order
	Total  CauseLine   `json:"total"`
	Areas  []CauseArea `json:"areas"`
	Former bool        `json:"former"` // the areas are former districts
}

// CauseName is a cause group's code and name.
type CauseName struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// CauseLine is the poor households by cause of a unit or of a sum of units.
type CauseLine struct {
	Name       string       `json:"name"`
	Poor       *int         `json:"poor"`       // nil: not known
	Known      bool         `json:"known"`      // some review gives causes
	Classified int          `json:"classified"` // the poor given a cause
	Largest    []CauseShare `json:"largest"`    // the causes with households, the largest first
}

// CauseShare is a cause's households in a CauseLine.
type CauseShare struct {
	Code       string `json:"code"`
	Households int    `json:"households"`
}

// CauseArea is a district's (or former district's) line and its communes'.
type CauseArea struct {
	CauseLine
	Communes []CauseLine `json:"communes"`
}

// Share is households / the line's poor households × 100 (nil when not known).
func (l CauseLine) Share(households int) *float64 {
	if !l.Known {
		return nil
	}
	return Rate(&households, l.Poor)
}

// Unclassified is the poor households given no cause (nil when the poor are not known).
func (l CauseLine) Unclassified() *int {
	if l.Poor == nil {
		return nil
	}
	n := max(*l.Poor-l.Classified, 0)
	return &n
}

// Dominant is the cause holding at least half of the line's poor households, if one does.
func (l CauseLine) Dominant() (CauseShare, bool) {
	if len(l.Largest) == 0 || l.Poor == nil || *l.Poor <= 0 || 2*l.Largest[0].Households < *l.Poor {
		return CauseShare{}, false
	}
	return l.Largest[0], true
}

// NameOf is a cause's name (its code when no group has it).
func (o CauseOverview) NameOf(code string) string {
	for _, g := range o.Groups {
		if g.Code == code {
			return g.Name
		}
	}
	return code
}

// CauseOverview computes a year's causes of poverty by area and commune. Each commune's are its own
// review's or, when it gives none, its villages' (UnitCauses); an area's and the whole's are the
// sums of their communes', over the poor households of the same communes.
func (x *Index) CauseOverview(year int) CauseOverview {
	groups := x.DS.CauseGroups
	o := CauseOverview{Year: year}
	for _, g := range groups {
		o.Groups = append(o.Groups, CauseName{g.Code, g.Name})
	}
	districts, _, former := x.Districts(year)
	o.Former = former
	var all []*data.Unit
	total := Causes{}
	for _, d := range districts {
		cs := x.CommunesOf(d.ID, year)
		all = append(all, cs...)
		sum := Causes{}
		area := CauseArea{}
		for _, c := range cs {
			cc := x.UnitCauses(c, year)
			area.Communes = append(area.Communes, causeLine(c.Name, cc, groups))
			sum.add(cc)
			total.add(cc)
		}
		sum.Poor = x.SumCounts(cs, year).Poor
		area.CauseLine = causeLine(d.Name, sum, groups)
		o.Areas = append(o.Areas, area)
	}
	total.Poor = x.SumCounts(all, year).Poor
	o.Total = causeLine("", total, groups)
	return o
}

// add adds the causes of c to those of s (not the poor households).
func (s *Causes) add(c Causes) {
	if !c.Known {
		return
	}
	if s.ByCause == nil {
		s.ByCause, s.Known = map[string]int{}, true
	}
	for code, v := range c.ByCause {
		s.ByCause[code] += v
	}
}

func causeLine(name string, c Causes, groups []data.CauseGroup) CauseLine {
	l := CauseLine{Name: name, Poor: c.Poor, Known: c.Known, Classified: c.Classified()}
	for _, r := range c.Ranked(groups) {
		l.Largest = append(l.Largest, CauseShare{r.Group.Code, r.Households})
	}
	return l
}
