package rules

import (
	"encoding/json"
	"fmt"
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
	return x.unitCausesOn(u, year, UnitDay(u, year))
}

// PreviousCauses are a unit's causes of the year before, on the territory it has in year.
func (x *Index) PreviousCauses(u *data.Unit, year int) Causes {
	return x.unitCausesOn(u, year-1, UnitDay(u, year))
}

func (x *Index) unitCausesOn(u *data.Unit, year int, d data.Date) Causes {
	c := Causes{Poor: x.unitTallyOn(u, year, d).poor()}
	if own := x.reviewCauses(u.ID, year); len(own) > 0 {
		c.ByCause, c.Known = map[string]int{}, true
		for k, v := range own {
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
	for _, l := range c.largest(groups, 0) {
		g := data.CauseGroup{Code: l.Code, Name: l.Code}
		for _, gg := range groups {
			if gg.Code == l.Code {
				g = gg
				break
			}
		}
		out = append(out, CauseRank{g, l.Households})
	}
	return out
}

// largest is Ranked by code alone, at most limit of them (0: all): no copy of the groups, for the
// 10,000 communes of a national file.
func (c Causes) largest(groups []data.CauseGroup, limit int) []CauseShare {
	var out []CauseShare
	seen := make(map[string]bool, len(groups))
	for _, g := range groups {
		seen[g.Code] = true
		if n := c.ByCause[g.Code]; n > 0 {
			out = append(out, CauseShare{g.Code, n})
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
		out = append(out, CauseShare{code, c.ByCause[code]})
	}
	slices.SortStableFunc(out, func(a, b CauseShare) int { return b.Households - a.Households })
	if limit > 0 && len(out) > limit {
		out = slices.Clone(out[:limit])
	}
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
			area.Communes = append(area.Communes, causeLine(c.Name, cc, groups, communeCauses))
			sum.add(cc)
			total.add(cc)
		}
		sum.Poor = x.SumCounts(cs, year).Poor
		area.CauseLine = causeLine(d.Name, sum, groups, 0)
		o.Areas = append(o.Areas, area)
	}
	total.Poor = x.SumCounts(all, year).Poor
	o.Total = causeLine("", total, groups, 0)
	return o
}

// communeCauses is how many of its largest causes a commune's line keeps: what the dashboard
// shows (a national file has 10,000 communes).
const communeCauses = 3

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

// causeLine is the line of c, its largest causes (at most limit, 0: all).
func causeLine(name string, c Causes, groups []data.CauseGroup, limit int) CauseLine {
	return CauseLine{Name: name, Poor: c.Poor, Known: c.Known, Classified: c.Classified(), Largest: c.largest(groups, limit)}
}

// reviewCauses is the poor households by cause of a unit's review of a year (nil when none): from
// the figures of a lean read without making the whole review (10,000 communes of a national file).
func (x *Index) reviewCauses(unitID string, year int) map[string]int {
	if r := x.reviews[unitYear{unitID, year}]; r != nil || x.DS.Figures == nil {
		if r == nil {
			return nil
		}
		return r.PoorByCause
	}
	return x.DS.Figures.CausesOf(unitID, year)
}

// MarshalJSON writes a line as a short array (["Xã A", 120, true, 100, "von", 40, "dat", 30]): a
// year's dashboard keeps the lines of every commune, 10,000 on a national file (2.4 MB as objects).
func (l CauseLine) MarshalJSON() ([]byte, error) {
	a := make([]any, 0, 4+2*len(l.Largest))
	a = append(a, l.Name, l.Poor, l.Known, l.Classified)
	for _, c := range l.Largest {
		a = append(a, c.Code, c.Households)
	}
	return json.Marshal(a)
}

// UnmarshalJSON reads a line MarshalJSON wrote.
func (l *CauseLine) UnmarshalJSON(b []byte) error {
	var a []json.RawMessage
	if err := json.Unmarshal(b, &a); err != nil {
		return err
	}
	if len(a) < 4 || len(a)%2 != 0 {
		return fmt.Errorf("a cause line of %d items", len(a))
	}
	*l = CauseLine{}
	for i, p := range []any{&l.Name, &l.Poor, &l.Known, &l.Classified} {
		if err := json.Unmarshal(a[i], p); err != nil {
			return err
		}
	}
	for i := 4; i < len(a); i += 2 {
		var c CauseShare
		if err := json.Unmarshal(a[i], &c.Code); err != nil {
			return err
		}
		if err := json.Unmarshal(a[i+1], &c.Households); err != nil {
			return err
		}
		l.Largest = append(l.Largest, c)
	}
	return nil
}

// areaJSON is how an area is kept: its line and its communes' (the line's own short form would
// otherwise stand for the whole area, its communes dropped).
type areaJSON struct {
	Line     CauseLine   `json:"line"`
	Communes []CauseLine `json:"communes"`
}

// MarshalJSON writes the area's line and its communes'.
func (a CauseArea) MarshalJSON() ([]byte, error) {
	return json.Marshal(areaJSON{a.CauseLine, a.Communes})
}

// UnmarshalJSON reads what MarshalJSON wrote.
func (a *CauseArea) UnmarshalJSON(b []byte) error {
	var j areaJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	a.CauseLine, a.Communes = j.Line, j.Communes
	return nil
}
