package rules

import (
	"sort"

	"ketnghia/data"
)

// Overview is where the province stands in a year, at a glance: what the dashboard shows. Every
// figure of it comes from the functions of this package.
type Overview struct {
	Year       int               `json:"year"`
	HasReviews bool              `json:"has_reviews"`
	Targets    []TargetProgress  `json:"targets"`
	Counts     KeyCounts         `json:"counts"`
	Districts  []DistrictSummary `json:"districts"`
	Trend      []YearSummary     `json:"trend"`
	// DBKKTrend is the same for the baseline ĐBKK communes (QĐ 582/2017), whose poverty rate
	// NQ 04-NQ/TU wants down 6–8 points a year.
	DBKKTrend []YearSummary `json:"dbkk_trend"`
}

// Dashboard is everything the Tổng quan screen shows for a year: the overview, each district's
// poverty trend over the overview's years (for the one a person picks), and the province whose
// district map goes with it. It is kept between runs (data.Store.Derived), so it holds plain
// values only.
type Dashboard struct {
	Overview       Overview
	DistrictTrends map[string][]YearSummary // by district code
	MapProvince    string                   // "" when the year has no districts
	Causes         CauseOverview            // the poor households by cause of poverty
	Road           Road                     // the ethnic-minority villages' road to the NTM standard
}

// Dashboard computes the screen's figures of a year; td may be nil (no twinning counts).
// The year's own figures first, then the trends year by year, each year's of the province, of the
// baseline ĐBKK communes and of each district together: what the index works out for a year's day
// (the units then, their villages, their sums) serves that year only and is let go before the
// next. Kept for all eleven years it was 12 MB of a national file's computation.
func (x *Index) Dashboard(year int, td *data.TwinningData) Dashboard {
	d := Dashboard{Overview: x.overviewOfYear(year, td), MapProvince: x.DistrictProvince(year), Causes: x.CauseOverview(year), Road: x.Road(year, "")}
	from := x.trendFrom(year)
	base := x.BaselineDBKK("QD50-2016", 2016, "")
	d.DistrictTrends = map[string][]YearSummary{}
	for y := from; y <= year; y++ {
		x.forgetDays()
		d.Overview.Trend = append(d.Overview.Trend, x.unitsYear(x.CommunesOf("", y), y))
		d.Overview.DBKKTrend = append(d.Overview.DBKKTrend, x.unitsYear(base, y))
		x.districtTrendsOfYear(d.DistrictTrends, from, year, y)
	}
	x.forgetDays()
	return d
}

// KeyCounts are the dashboard's counts for a year.
type KeyCounts struct {
	CommunesDBKK     int   `json:"communes_dbkk"`       // communes a decision classes KV III that year
	VillagesDBKK     int   `json:"villages_dbkk"`       // villages a decision classes ĐBKK that year
	CommunesLeft     int   `json:"communes_left"`       // baseline ĐBKK communes that left the list that year
	VillagesNTM      int   `json:"villages_ntm"`        // villages recognised NTM that year
	AgenciesAssigned int   `json:"agencies_assigned"`   // agencies with an assignment running in the year
	Activities       int   `json:"activities"`          // activities of the year
	SupportVND       int64 `json:"support_vnd"`         // their cash and in-kind value
	SupportCashVND   int64 `json:"support_cash_vnd"`    //
	SupportInKindVND int64 `json:"support_in_kind_vnd"` //
}

// Overview computes the dashboard of a year; td may be nil (no twinning counts). The trend runs
// from the first year of the targets' baselines to the year.
func (x *Index) Overview(year int, td *data.TwinningData) Overview {
	o := x.overviewOfYear(year, td)
	from := x.trendFrom(year)
	o.Trend = x.Trend(from, year)
	o.DBKKTrend = x.UnitsTrend(x.BaselineDBKK("QD50-2016", 2016, ""), from, year)
	return o
}

// overviewOfYear is the overview without its trends.
func (x *Index) overviewOfYear(year int, td *data.TwinningData) Overview {
	o := Overview{Year: year, HasReviews: x.HasReviews(year)}
	o.Targets = x.Progress(year, ProgressOptions{})
	o.Counts = x.KeyCounts(year, td)
	o.Districts = x.DistrictSummaries(year)
	return o
}

// trendFrom is the first year of the overview's trends: the earliest of the targets' baselines.
func (x *Index) trendFrom(year int) int {
	from := year
	for _, t := range x.DS.Targets {
		from = min(from, t.BaselineYear)
	}
	return from
}

// KeyCounts counts the dashboard's figures of a year.
func (x *Index) KeyCounts(year int, td *data.TwinningData) KeyCounts {
	var k KeyCounts
	for _, c := range x.CommunesOf("", year) {
		if x.RecordedClass(c.ID, "", year) == data.KV3 {
			k.CommunesDBKK++
		}
	}
	// Left this year: on the baseline list (QĐ 582/2017), off it by the year's end, not the
	// year before, by the same test as the exit target.
	for _, c := range x.BaselineDBKK("QD50-2016", 2016, "") {
		if x.LeftDBKK(c, year) == Yes && x.LeftDBKK(c, year-1) != Yes {
			k.CommunesLeft++
		}
	}
	for _, v := range x.UnitsAt(data.LevelVillage, YearEnd(year)) {
		if x.RecordedClass(v.ID, "", year) == data.DBKK {
			k.VillagesDBKK++
		}
		if v.NTMYear != nil && *v.NTMYear == year {
			k.VillagesNTM++
		}
	}
	if td != nil {
		agencies := map[string]bool{}
		for _, a := range td.Assignments {
			if a.Start.Year() <= year && (a.End.IsZero() || a.End.Year() >= year) {
				agencies[a.TwinningUnitID] = true
			}
		}
		k.AgenciesAssigned = len(agencies)
		t := TotalActivities(td.Activities, func(a data.Activity) bool { return a.On.Year() == year })
		k.Activities, k.SupportCashVND, k.SupportInKindVND = t.Count, t.CashVND, t.InKindVND
		k.SupportVND = k.SupportCashVND + k.SupportInKindVND
	}
	return k
}

// Gap is how far a value is from a target's threshold, in the target's own unit: positive when it
// still falls short, zero or negative when met. Unknown values sort last.
func Gap(t data.Target, v *float64) *float64 {
	if v == nil {
		return nil
	}
	g := t.Threshold - *v
	if t.Comparator == data.CmpLess || t.Comparator == data.CmpLessEqual {
		g = *v - t.Threshold
	}
	return &g
}

// DistrictsByGap orders a target's districts from the furthest behind to the furthest ahead.
func DistrictsByGap(p TargetProgress) []DistrictProgress {
	out := append([]DistrictProgress(nil), p.Districts...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := Gap(p.Target, out[i].Value.Value), Gap(p.Target, out[j].Value.Value)
		switch {
		case a == nil:
			return false
		case b == nil:
			return true
		}
		return *a > *b
	})
	return out
}

// PovertyTargetPath is NQ 04-NQ/TU's path for the poverty rate: from the first year with figures
// (the baseline), 6 points a year less, to the 2020 deadline; nil outside it and when there is no
// starting figure.
func PovertyTargetPath(trend []YearSummary) []*float64 {
	out := make([]*float64, len(trend))
	start := -1
	for i, ys := range trend {
		if ys.PovertyRate != nil {
			start = i
			break
		}
	}
	if start < 0 {
		return nil
	}
	base := *trend[start].PovertyRate
	for i := start; i < len(trend) && trend[i].Year <= 2020; i++ {
		v := max(base-6*float64(trend[i].Year-trend[start].Year), 0)
		out[i] = &v
	}
	return out
}
