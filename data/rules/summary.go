package rules

import (
	"fmt"

	"ketnghia/data"
	"ketnghia/data/geo"
	"ketnghia/data/vntext"
)

// Summary is the derived figures of a set of communes (and their villages) in a year. Every rate is
// computed here from counts; none is stored.
type Summary struct {
	Year                   int      `json:"year"`
	Communes               int      `json:"communes"`
	Villages               int      `json:"villages"`
	Counts                 Counts   `json:"counts"`
	PovertyRate            *float64 `json:"poverty_rate"`
	NearPovertyRate        *float64 `json:"near_poverty_rate"`
	PovertyChangePP        *float64 `json:"poverty_rate_change_pp"` // against the year before, same territory
	NearPovertyChangePP    *float64 `json:"near_poverty_rate_change_pp"`
	EMShare                *float64 `json:"ethnic_minority_share"`
	VillagesPartyCell      int      `json:"villages_with_party_cell"`
	VillagesPartyCellKnown int      `json:"villages_party_cell_known"`
	VillagesOnGrid         int      `json:"villages_on_grid"` // every household on the national grid
	VillagesGridKnown      int      `json:"villages_grid_known"`
	GridShare              *float64 `json:"grid_household_share"`
	EMVillages             int      `json:"ethnic_minority_villages"`
	EMVillagesNTM          int      `json:"ethnic_minority_villages_ntm"`
	CommunesHealth         int      `json:"communes_meeting_health_criteria"`
	BaselineDBKK           int      `json:"baseline_dbkk_communes"`
	LeftDBKK               int      `json:"dbkk_communes_left"`
}

// Summarise computes the figures of communes for a year; their villages are those under them on
// the day the communes' territory is taken. baselineRuleSet names the ĐBKK list the "left" count
// is measured against ("" for QD50-2016); baselineYear is that list's year.
func (x *Index) Summarise(communes []*data.Unit, year int, baselineRuleSet string, baselineYear int) Summary {
	if baselineRuleSet == "" {
		baselineRuleSet = "QD50-2016"
	}
	s := Summary{Year: year, Communes: len(communes)}
	s.Counts = x.SumCounts(communes, year)
	prev := x.PreviousCounts(communes, year)
	s.PovertyRate, s.NearPovertyRate, s.EMShare, s.GridShare = s.Counts.PovertyRate(), s.Counts.NearPovertyRate(), s.Counts.EMShare(), s.Counts.GridShare()
	s.PovertyChangePP = ChangePP(prev.PovertyRate(), s.PovertyRate)
	s.NearPovertyChangePP = ChangePP(prev.NearPovertyRate(), s.NearPovertyRate)
	for _, c := range communes {
		if x.HealthMet(c, year) == Yes {
			s.CommunesHealth++
		}
		if x.RecordedClass(c.ID, baselineRuleSet, baselineYear) == data.KV3 {
			s.BaselineDBKK++
			if x.LeftDBKK(c, year) == Yes {
				s.LeftDBKK++
			}
		}
		for _, v := range x.ChildrenAt(c.ID, UnitDay(c, year)) {
			s.Villages++
			if v.EthnicMinority {
				s.EMVillages++
				if NTMRecognised(v, year) {
					s.EMVillagesNTM++
				}
			}
			party, onGrid, gridKnown := x.villageCells(v.ID, year)
			if party != Unknown {
				s.VillagesPartyCellKnown++
				if party == Yes {
					s.VillagesPartyCell++
				}
			}
			if gridKnown {
				s.VillagesGridKnown++
				if onGrid {
					s.VillagesOnGrid++
				}
			}
		}
	}
	return s
}

// CommunesOf lists the communes under a unit (a district or the province) on the day year's
// figures are taken; "" gives every commune.
func (x *Index) CommunesOf(scope string, year int) []*data.Unit {
	return x.UnitsUnder(scope, data.LevelCommune, x.scopeDay(year, scope))
}

// DistrictSummary is a district's figures in a year.
type DistrictSummary struct {
	Code    string  `json:"code"`
	Name    string  `json:"name"`
	Former  bool    `json:"former"` // a former district: the communes made from its communes`
	Summary Summary `json:"summary"`
	// KV3Share is the share of the district's communes a decision classes KV III that year
	// (nil when none is recorded).
	KV3Share *float64 `json:"kv3_share"`
	// NTMVillageShare is the share of its ethnic-minority villages recognised NTM by the year.
	NTMVillageShare *float64 `json:"ntm_village_share"`
}

// DistrictSummaries are the figures of every district open on the year's district day (the last
// day of districts in the year they were abolished), in Vietnamese order.
func (x *Index) DistrictSummaries(year int) []DistrictSummary {
	var out []DistrictSummary
	districts, _, former := x.Districts(year)
	for _, d := range districts {
		communes := x.CommunesOf(d.ID, year)
		ds := DistrictSummary{Code: d.Code, Name: d.Name, Former: former, Summary: x.Summarise(communes, year, "", 2016)}
		kv3, decided := 0, 0
		for _, c := range communes {
			switch x.RecordedClass(c.ID, "", year) {
			case data.KV3:
				kv3++
				decided++
			case data.KV1, data.KV2:
				decided++
			}
		}
		if decided > 0 {
			s := float64(kv3) * 100 / float64(decided)
			ds.KV3Share = &s
		}
		ds.NTMVillageShare = share(ds.Summary.EMVillagesNTM, ds.Summary.EMVillages, "thôn").Value
		out = append(out, ds)
	}
	return out
}

// YearSummary is a set of communes' counts and rates in one year.
type YearSummary struct {
	Year            int      `json:"year"`
	Counts          Counts   `json:"counts"`
	PovertyRate     *float64 `json:"poverty_rate"`
	NearPovertyRate *float64 `json:"near_poverty_rate"`
}

func yearSummary(c Counts, year int) YearSummary {
	return YearSummary{Year: year, Counts: c, PovertyRate: c.PovertyRate(), NearPovertyRate: c.NearPovertyRate()}
}

// Trend is the province's counts and rates year by year, on the units of each year (the old
// communes up to 30/6/2025, the new ones after): years without reviews have no rates.
func (x *Index) Trend(from, to int) []YearSummary {
	var out []YearSummary
	for y := from; y <= to; y++ {
		out = append(out, x.unitsYear(x.CommunesOf("", y), y))
	}
	return out
}

// unitsYear is a trend's point of year y: the units' figures summed.
func (x *Index) unitsYear(units []*data.Unit, y int) YearSummary {
	return yearSummary(x.SumCounts(units, y), y)
}

// UnitsTrend is the same for a fixed set of communes (the baseline ĐBKK list).
func (x *Index) UnitsTrend(units []*data.Unit, from, to int) []YearSummary {
	var out []YearSummary
	for y := from; y <= to; y++ {
		out = append(out, x.unitsYear(units, y))
	}
	return out
}

// DistrictTrends are every district's figures year by year, on the communes it had each year, by
// district code: a year in which a district did not exist (after the districts were abolished,
// say) has no figures.
func (x *Index) DistrictTrends(from, to int) map[string][]YearSummary {
	out := map[string][]YearSummary{}
	for y := from; y <= to; y++ {
		x.districtTrendsOfYear(out, from, to, y)
	}
	return out
}

// districtTrendsOfYear puts every district's figures of year y into the trends from…to.
func (x *Index) districtTrendsOfYear(out map[string][]YearSummary, from, to, y int) {
	districts, _, _ := x.Districts(y)
	for _, d := range districts {
		t := out[d.Code]
		if t == nil {
			t = make([]YearSummary, to-from+1)
			for i := range t {
				t[i].Year = from + i
			}
			out[d.Code] = t
		}
		t[y-from] = x.unitsYear(x.CommunesOf(d.ID, y), y)
	}
}

// HasReviews reports whether the dataset holds any review of year.
func (x *Index) HasReviews(year int) bool {
	return x.reviewYears[year] || (x.DS.Figures != nil && x.DS.Figures.HasYear(year))
}

// DistrictProvince is the code of the province whose districts year's figures are broken down
// by ("" when there are no districts that year).
func (x *Index) DistrictProvince(year int) string {
	districts, day, _ := x.Districts(year)
	for _, d := range districts {
		if !d.ClosedOn.IsZero() && !day.Before(d.ClosedOn) {
			day = d.ClosedOn.AddDays(-1) // a former district: its province on its last day
		}
		if p := x.AncestorAt(d, data.LevelProvince, day); p != nil {
			return p.Code
		}
	}
	return ""
}

// DistrictMapOf is the district map (data/geo) of the province whose districts year's figures
// are broken down by; false when there are no districts that year or no boundaries for them.
func (x *Index) DistrictMapOf(year int) (*geo.Map, bool) {
	code := x.DistrictProvince(year)
	if code == "" {
		return nil, false
	}
	return geo.ForProvince(code)
}

// RateNote says, once, how the rates of a province or a district are computed, with the year's
// poverty rate as the example: the households summed over the communes, then divided (10,8% in
// 2024 on the sample), not the mean of the communes' own rates (11,1%), which would weigh a commune
// of 300 households as one of 3,000. "" when the year has no poverty rate.
func (x *Index) RateNote(year int) string {
	communes := x.CommunesOf("", year)
	c := x.SumCounts(communes, year)
	rate := c.PovertyRate()
	if rate == nil {
		return ""
	}
	sum, n := 0.0, 0
	for _, u := range communes {
		if r := x.UnitCounts(u, year).PovertyRate(); r != nil {
			sum += *r
			n++
		}
	}
	s := fmt.Sprintf("Cách tính các tỷ lệ: tỷ lệ của tỉnh, của huyện (hoặc địa bàn huyện cũ) là tổng tử số chia tổng mẫu số của các xã, "+
		"không phải trung bình cộng tỷ lệ của các xã. Năm %d, tỷ lệ hộ nghèo toàn tỉnh là %s hộ nghèo trên %s hộ của %d xã, bằng %s",
		year, vntext.FormatInt(int64(*c.Poor)), vntext.FormatInt(int64(*c.Households)), len(communes), PercentBeside(rate))
	if n > 0 {
		mean := sum / float64(n)
		s += fmt.Sprintf(" (trung bình cộng tỷ lệ của %d xã là %s)", n, PercentBeside(&mean, *rate))
	}
	return s + ". Tỷ lệ thôn có chi bộ, có điện lưới là số thôn đạt chia số thôn có số liệu; tỷ lệ xã, thôn đạt một chỉ tiêu là số đạt chia số xã, thôn thuộc chỉ tiêu đó."
}
