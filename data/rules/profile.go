package rules

import (
	"ketnghia/data"
)

// Profile is a commune's (or a village's) profile for a year, computed once: what the Xã and Thôn
// screens show of a unit and the commune profile report prints. Each draws it in its own way (lines
// of text, tables); what it holds, which years, which villages, which agencies, which assessment,
// is decided here alone.
type Profile struct {
	Unit *data.Unit
	Year int
	Day  data.Date // the day the unit is measured on for the year (UnitDay)
	// Years are the years from 2016 to Year that have figures, the unit's own or its villages'.
	Years []ProfileYear
	// Villages are the villages under the unit on Day, in Vietnamese order, with their review of
	// the year (nil when none).
	Villages []ProfileVillage
	// Twinned says whether twinning records were read (a report of no twinning has none);
	// Agencies names the agencies by ID.
	Twinned  bool
	Agencies map[string]string
	// Assignments are the agencies helping the unit or one of its villages during the year.
	Assignments []ProfileAssignment
	// Activities are the year's activities for the unit or its villages, with their total.
	Activities []data.Activity
	Total      ActivityTotal
	// Assessment is the unit's assessment for the year under the rule set in force; AssessErr
	// says why there is none. Unreviewed: the unit itself has no review that year, so that its
	// class is not worked out from figures.
	Assessment Assessment
	AssessErr  error
	Unreviewed bool
}

// ProfileYear is one year of a unit's figures; a village's also its party cell, its grid and its
// road.
type ProfileYear struct {
	Year        int
	Counts      Counts
	PartyCell   *bool
	RoadAllYear *bool
}

// ProfileVillage is a village of the unit with its review of the year (nil when none).
type ProfileVillage struct {
	Unit   *data.Unit
	Review *data.Review
}

// ProfileAssignment is an agency's assignment to help the unit or one of its villages.
type ProfileAssignment struct {
	data.Assignment
	Agency string // the agency's name
	Helped string // the unit it helps, by name
}

// Profile makes a unit's profile for a year from the index and the twinning records (nil: none
// read).
func (x *Index) Profile(u *data.Unit, year int, td *data.TwinningData) Profile {
	p := Profile{Unit: u, Year: year, Day: UnitDay(u, year)}
	for y := 2016; y <= year; y++ {
		c := x.UnitCounts(u, y)
		if c.Households == nil && c.Poor == nil {
			continue
		}
		py := ProfileYear{Year: y, Counts: c}
		if r := x.Review(u.ID, y); r != nil && u.Level == data.LevelVillage {
			py.PartyCell, py.RoadAllYear = r.PartyCell, r.RoadAllYear
		}
		p.Years = append(p.Years, py)
	}
	here := map[string]bool{u.ID: true}
	for _, v := range x.ChildrenAt(u.ID, p.Day) {
		if v.Level != data.LevelVillage {
			continue
		}
		here[v.ID] = true
		p.Villages = append(p.Villages, ProfileVillage{Unit: v, Review: x.Review(v.ID, year)})
	}
	if td != nil {
		p.Twinned = true
		p.Agencies = make(map[string]string, len(td.Units))
		for _, a := range td.Units {
			p.Agencies[a.ID] = a.Name
		}
		for _, a := range td.Assignments {
			if !here[a.UnitID] || a.Start.Year() > year || (!a.End.IsZero() && a.End.Year() < year) {
				continue
			}
			helped := "đơn vị đã xóa"
			if h := x.Unit(a.UnitID); h != nil {
				helped = h.Name
			}
			p.Assignments = append(p.Assignments, ProfileAssignment{Assignment: a, Agency: p.Agencies[a.TwinningUnitID], Helped: helped})
		}
		for _, a := range td.Activities {
			if here[a.UnitID] && a.On.Year() == year {
				p.Activities = append(p.Activities, a)
				p.Total.Add(a)
			}
		}
	}
	p.Assessment, p.AssessErr = x.AssessUnit(u, year, "")
	p.Unreviewed = p.AssessErr == nil && p.Assessment.Status == StatusInsufficient && x.Review(u.ID, year) == nil
	return p
}
