package rules

import (
	"fmt"

	"ketnghia/data"
)

// Metrics a target can measure (data.Target.Metric).
const (
	MetricDBKKExit      = "dbkk_exit_share"           // % of the baseline ĐBKK communes that have left the list
	MetricPovertyFall   = "poverty_rate_fall_pp"      // fall of the poverty rate of the baseline ĐBKK communes, points a year
	MetricHealth        = "health_criteria_share"     // % of communes meeting the commune health criteria
	MetricPartyCell     = "villages_party_cell_share" // % of villages with a chi bộ
	MetricEMVillagesNTM = "em_villages_ntm_share"     // % of ethnic-minority villages recognised NTM
)

// MetricLabels name the metrics in Vietnamese.
var MetricLabels = map[string]string{
	MetricDBKKExit:      "Tỷ lệ xã ĐBKK đã thoát khỏi tình trạng ĐBKK",
	MetricPovertyFall:   "Mức giảm tỷ lệ hộ nghèo các xã ĐBKK (điểm %)",
	MetricHealth:        "Tỷ lệ xã đạt Bộ tiêu chí quốc gia về y tế xã",
	MetricPartyCell:     "Tỷ lệ thôn, làng có chi bộ",
	MetricEMVillagesNTM: "Tỷ lệ thôn, làng vùng DTTS đạt chuẩn nông thôn mới",
}

// ProgressOptions tune Progress.
type ProgressOptions struct {
	// BaselineRuleSet is the rule set whose KV III list is "the ĐBKK communes" (default QD50-2016,
	// the list in force when NQ 04-NQ/TU was adopted).
	BaselineRuleSet string
	// Scope limits the figures to the units under this one (a district, say); "" is everything.
	Scope string
}

// Value is a figure with how it was counted.
type Value struct {
	Value  *float64 `json:"value"`
	Num    int      `json:"numerator"`
	Den    int      `json:"denominator"`
	Detail string   `json:"detail"`
}

// DistrictProgress is a target's figure in one district.
type DistrictProgress struct {
	Code  string `json:"code"`
	Name  string `json:"name"`
	Value Value  `json:"value"`
	Met   Tri    `json:"met"`
}

// TargetProgress is where a target stands in a year.
type TargetProgress struct {
	Target        data.Target        `json:"-"`
	Code          string             `json:"code"`
	Name          string             `json:"name"`
	Metric        string             `json:"metric"`
	Year          int                `json:"year"`
	Value         Value              `json:"value"`
	Comparator    string             `json:"comparator"`
	Threshold     float64            `json:"threshold"`
	ThresholdText string             `json:"threshold_text"`
	Deadline      int                `json:"deadline"`
	Met           Tri                `json:"met"`
	Overdue       bool               `json:"overdue"` // past the deadline and not met
	BaselineYear  int                `json:"baseline_year"`
	Baseline      Value              `json:"baseline"`
	Districts     []DistrictProgress `json:"districts"`
}

// Progress evaluates every target for a year, overall and by district.
func (x *Index) Progress(year int, opt ProgressOptions) []TargetProgress {
	if opt.BaselineRuleSet == "" {
		opt.BaselineRuleSet = "QD50-2016"
	}
	var out []TargetProgress
	for _, t := range x.DS.Targets {
		p := TargetProgress{Target: t, Code: t.Code, Name: t.Name, Metric: t.Metric, Year: year, Comparator: string(t.Comparator),
			Threshold: t.Threshold, ThresholdText: thresholdText(t), Deadline: t.DeadlineYear, BaselineYear: t.BaselineYear}
		p.Value = x.Metric(t.Metric, year, t.BaselineYear, opt)
		p.Met = meets(t, p.Value.Value)
		p.Overdue = year > t.DeadlineYear && p.Met == No
		p.Baseline = x.Metric(t.Metric, t.BaselineYear, t.BaselineYear, opt)
		dd := x.DistrictDate(year)
		if opt.Scope == "" {
			for _, d := range x.UnitsAt(data.LevelDistrict, dd) {
				o := opt
				o.Scope = d.ID
				v := x.Metric(t.Metric, year, t.BaselineYear, o)
				p.Districts = append(p.Districts, DistrictProgress{Code: d.Code, Name: d.Name, Value: v, Met: meets(t, v.Value)})
			}
		}
		out = append(out, p)
	}
	return out
}

func thresholdText(t data.Target) string {
	unit := "%"
	if t.Metric == MetricPovertyFall {
		unit = " điểm %/năm"
	}
	if t.ThresholdHi != nil && (t.Comparator == data.CmpBetween || t.Comparator == data.CmpGreaterEqual) {
		return fmt.Sprintf("%s–%s%s", num(t.Threshold), num(*t.ThresholdHi), unit)
	}
	return opWords[string(t.Comparator)] + " " + num(t.Threshold) + unit
}

func meets(t data.Target, v *float64) Tri {
	if v == nil {
		return Unknown
	}
	switch t.Comparator {
	case data.CmpBetween:
		return Of(*v >= t.Threshold && *v <= *t.ThresholdHi)
	default:
		return compare(v, string(t.Comparator), t.Threshold)
	}
}

// inScope says whether u lies under scope on day d ("" scope: everywhere).
func (x *Index) inScope(u *data.Unit, scope string, d data.Date) bool {
	if scope == "" || u.ID == scope {
		return true
	}
	for p := x.ParentAt(u, d); p != nil; p = x.ParentAt(p, d) {
		if p.ID == scope {
			return true
		}
	}
	return false
}

// scopeDay is the day units are taken on for year: the year's end, or for a district scope the
// last day of districts in a year that abolished them.
func (x *Index) scopeDay(year int, scope string) data.Date {
	if scope != "" {
		return x.DistrictDate(year)
	}
	return YearEnd(year)
}

// Metric computes one metric for a year.
func (x *Index) Metric(metric string, year, baselineYear int, opt ProgressOptions) Value {
	if opt.BaselineRuleSet == "" {
		opt.BaselineRuleSet = "QD50-2016"
	}
	d := x.scopeDay(year, opt.Scope)
	switch metric {
	case MetricDBKKExit:
		base := x.BaselineDBKK(opt.BaselineRuleSet, baselineYear, opt.Scope)
		left := 0
		for _, c := range base {
			if x.LeftDBKK(c, year) == Yes {
				left++
			}
		}
		return share(left, len(base), "xã")
	case MetricPovertyFall:
		base := x.BaselineDBKK(opt.BaselineRuleSet, baselineYear, opt.Scope)
		now, before := x.SumCounts(base, year).PovertyRate(), x.PreviousCounts(base, year).PovertyRate()
		v := Value{Detail: fmt.Sprintf("%s năm %d → %s năm %d", pct(before), year-1, pct(now), year)}
		if ch := ChangePP(before, now); ch != nil {
			fall := -*ch
			v.Value = &fall
		}
		return v
	case MetricHealth:
		n, met := 0, 0
		for _, c := range x.UnitsUnder(opt.Scope, data.LevelCommune, d) {
			n++
			if x.HealthMet(c, year) == Yes {
				met++
			}
		}
		return share(met, n, "xã")
	case MetricPartyCell:
		n, with := 0, 0
		for _, v := range x.UnitsUnder(opt.Scope, data.LevelVillage, d) {
			if r := x.Review(v.ID, year); r != nil && r.PartyCell != nil {
				n++
				if *r.PartyCell {
					with++
				}
			}
		}
		return share(with, n, "thôn")
	case MetricEMVillagesNTM:
		n, ntm := 0, 0
		for _, v := range x.UnitsUnder(opt.Scope, data.LevelVillage, d) {
			if v.EthnicMinority {
				n++
				if NTMRecognised(v, year) {
					ntm++
				}
			}
		}
		return share(ntm, n, "thôn")
	}
	return Value{Detail: "Không có cách tính cho số liệu " + metric}
}

func share(part, whole int, noun string) Value {
	v := Value{Num: part, Den: whole, Detail: fmt.Sprintf("%d/%d %s", part, whole, noun)}
	if whole > 0 {
		r := float64(part) * 100 / float64(whole)
		v.Value = &r
	}
	return v
}

// BaselineDBKK lists the communes that a rule set's recorded list put in KV III in the baseline
// year, within scope (by where they were that year).
func (x *Index) BaselineDBKK(ruleSet string, baselineYear int, scope string) []*data.Unit {
	key := baselineKey{ruleSet, baselineYear}
	all, ok := x.baselines[key]
	if !ok {
		for i := range x.DS.Units {
			u := &x.DS.Units[i]
			if u.Level == data.LevelCommune && x.RecordedClass(u.ID, ruleSet, baselineYear) == data.KV3 {
				all = append(all, u)
			}
		}
		sortUnits(all)
		x.baselines[key] = all
	}
	if scope == "" {
		return all
	}
	d := YearEnd(baselineYear)
	var out []*data.Unit
	for _, u := range all {
		if x.inScope(u, scope, d) {
			out = append(out, u)
		}
	}
	return out
}

type baselineKey struct {
	ruleSet string
	year    int
}

// LeftDBKK says whether a commune of the baseline list had left the ĐBKK list by year: by the year
// recorded on it, by a later recorded class that is not KV III, or, once it was merged away,
// through what it became.
func (x *Index) LeftDBKK(c *data.Unit, year int) Tri {
	return x.leftDBKK(c, year, map[string]bool{})
}

func (x *Index) leftDBKK(c *data.Unit, year int, seen map[string]bool) Tri {
	if seen[c.ID] {
		return No
	}
	seen[c.ID] = true
	if c.LeftDBKKYear != nil && *c.LeftDBKKYear <= year {
		return Yes
	}
	if NTMRecognised(c, year) {
		return Yes
	}
	if !c.ClosedOn.IsZero() && c.ClosedOn.Year <= year {
		// Merged away: left when what it became has left (or was never on the list).
		for _, s := range x.Successors(c.ID) {
			if x.leftDBKK(s, year, seen) == Yes {
				return Yes
			}
		}
	}
	switch x.RecordedClass(c.ID, "", year) {
	case data.KV1, data.KV2:
		return Yes
	}
	return No
}
