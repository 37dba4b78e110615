package rules

import (
	"fmt"
	"slices"
	"strings"

	"ketnghia/data"
	"ketnghia/data/vntext"
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
	// Deadline is the target's deadline year: an average over the years (the poverty fall) is
	// judged up to it; 0 is the year asked.
	Deadline int
}

// Value is a figure with how it was counted.
type Value struct {
	Value  *float64 `json:"value"`
	Num    int      `json:"numerator"`
	Den    int      `json:"denominator"`
	Detail string   `json:"detail"`
	// From and To are the years an average runs over (the poverty fall), 0 otherwise.
	From int `json:"from_year,omitempty"`
	To   int `json:"to_year,omitempty"`
	// Unknown are the units of the denominator with no data behind them: counted in Den, never as
	// "not met"; a target they could still decide is not judged until they are known.
	Unknown int `json:"unknown,omitempty"`
	// YearFall is, beside an average fall, the fall of the year itself in points (negative: a
	// rise); nil when the year or the one before has no rate.
	YearFall *float64 `json:"year_fall,omitempty"`
}

// Period says what a value is of: "năm 2024", or for an average "bình quân 2016–2020".
func (v Value) Period(year int) string {
	if v.From > 0 && v.To > 0 {
		return fmt.Sprintf("bình quân %d–%d", v.From, v.To)
	}
	return fmt.Sprintf("năm %d", year)
}

// DistrictProgress is a target's figure in one district.
type DistrictProgress struct {
	Code      string `json:"code"`
	Name      string `json:"name"`
	Value     Value  `json:"value"`
	ValueText string `json:"value_text"` // the value as printed beside the threshold
	Met       Tri    `json:"met"`
	Status    string `json:"status"` // in words: đạt, chưa đạt, không có đơn vị nào để tính …
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
	Status        string             `json:"status"`  // met / not yet / overdue, in words
	ValueText     string             `json:"value_text"`
	BaselineYear  int                `json:"baseline_year"`
	Baseline      Value              `json:"baseline"`
	BaselineText  string             `json:"baseline_text"`
	Sentence      string             `json:"sentence"` // the year's value against the target, in one sentence
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
		o := opt
		o.Deadline = t.DeadlineYear
		p.Value = x.Metric(t.Metric, year, t.BaselineYear, o)
		p.Met = meetsValue(t, p.Value)
		p.Overdue = year > t.DeadlineYear && p.Met == No
		if t.Metric == MetricPovertyFall {
			// The baseline of an average fall is the poverty rate it starts from.
			p.Baseline, p.BaselineYear = x.povertyRateValue(t.BaselineYear, opt)
		} else {
			p.Baseline = x.Metric(t.Metric, t.BaselineYear, t.BaselineYear, o)
		}
		p.ValueText = valueText(t, p.Value.Value)
		p.Status = statusText(p)
		p.BaselineText = PercentBeside(p.Baseline.Value)
		p.Sentence = progressSentence(p)
		if opt.Scope == "" {
			districts, _, _ := x.Districts(year)
			for _, d := range districts {
				od := o
				od.Scope = d.ID
				v := x.Metric(t.Metric, year, t.BaselineYear, od)
				dp := DistrictProgress{Code: d.Code, Name: d.Name, Value: v, ValueText: valueText(t, v.Value), Met: meetsValue(t, v)}
				dp.Status = dp.Met.Label()
				if v.Value == nil && v.Den == 0 && v.Num == 0 && v.From == 0 {
					dp.ValueText, dp.Status = "—", "Không áp dụng"
				}
				p.Districts = append(p.Districts, dp)
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

// thresholdsOf are the figures a target's value is printed beside.
func thresholdsOf(t data.Target) []float64 {
	ths := []float64{t.Threshold}
	if t.ThresholdHi != nil {
		ths = append(ths, *t.ThresholdHi)
	}
	return ths
}

// valueText writes a target's value so that it never reads as meeting a threshold it misses.
func valueText(t data.Target, v *float64) string {
	if v == nil {
		return "chưa có số liệu"
	}
	if t.Metric == MetricPovertyFall {
		return vntext.DecimalBeside(*v, 1, thresholdsOf(t)...) + " điểm %/năm"
	}
	return PercentBeside(v, thresholdsOf(t)...)
}

// ProgressCounts says, in one sentence, where a year's targets stand: those due by the year and
// those not yet due, each with how many are met. "0 trong 6 chỉ tiêu đã đạt" read as a failure in a
// year when none was due.
func ProgressCounts(ps []TargetProgress, year int) string {
	var due, dueMet, ahead, aheadMet int
	var dueYears, aheadYears []int
	for _, p := range ps {
		if p.Deadline <= year {
			due++
			if p.Met == Yes {
				dueMet++
			}
			if !slices.Contains(dueYears, p.Deadline) {
				dueYears = append(dueYears, p.Deadline)
			}
			continue
		}
		ahead++
		if p.Met == Yes {
			aheadMet++
		}
		if !slices.Contains(aheadYears, p.Deadline) {
			aheadYears = append(aheadYears, p.Deadline)
		}
	}
	years := func(ys []int) string {
		slices.Sort(ys)
		out := make([]string, len(ys))
		for i, y := range ys {
			out[i] = fmt.Sprint(y)
		}
		return strings.Join(out, ", ")
	}
	of := func(met, n int, none string) string {
		switch {
		case met == n && n > 1:
			return fmt.Sprintf("cả %d đều đã đạt", n)
		case met == n:
			return "đã đạt"
		case met == 0:
			return none
		}
		return fmt.Sprintf("%d đã đạt, %d chưa đạt", met, n-met)
	}
	var parts []string
	if due > 0 {
		parts = append(parts, fmt.Sprintf("%d chỉ tiêu đã đến hạn (hạn năm %s): %s", due, years(dueYears), of(dueMet, due, "chưa chỉ tiêu nào đạt")))
	}
	if ahead > 0 {
		parts = append(parts, fmt.Sprintf("%d chỉ tiêu chưa đến hạn (hạn năm %s): %s", ahead, years(aheadYears), of(aheadMet, ahead, "chưa chỉ tiêu nào đạt sớm")))
	}
	if len(parts) == 0 {
		return fmt.Sprintf("Năm %d không có chỉ tiêu nào để đánh giá.", year)
	}
	return fmt.Sprintf("Năm %d, %s.", year, strings.Join(parts, "; "))
}

// statusText says where a target stands, in words that need no colour.
func statusText(p TargetProgress) string {
	switch {
	case p.Met == Yes:
		return "Đạt"
	case p.Overdue:
		return "Chưa đạt, đã quá hạn"
	case p.Met == No && p.Year == p.Deadline:
		return "Chưa đạt khi đến hạn"
	case p.Met == No:
		return "Chưa đạt, còn trong hạn"
	}
	return "Chưa đủ số liệu để đánh giá"
}

// progressSentence is the one sentence of a target for a year, printed alike by the command line,
// the screens and the reports.
func progressSentence(p TargetProgress) string {
	return fmt.Sprintf("Năm %d: %s (%s); chỉ tiêu %s, hạn năm %d: %s.", p.Year, p.ValueText, p.Value.Detail, p.ThresholdText, p.Deadline, vntext.LowerFirst(p.Status))
}

// meetsValue judges a share that has units with no data: met when it would be even if none of the
// unknown units counted, not met when it would not be even if all of them did, else undecided.
func meetsValue(t data.Target, v Value) Tri {
	if v.Unknown == 0 || v.Value == nil {
		return meets(t, v.Value)
	}
	all := float64(v.Den + v.Unknown)
	worst, best := float64(v.Num)*100/all, float64(v.Num+v.Unknown)*100/all
	switch {
	case meets(t, &worst) == Yes:
		return Yes
	case meets(t, &best) == No:
		return No
	}
	return Unknown
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
		return x.povertyFall(year, baselineYear, opt)
	case MetricHealth:
		n, met, unknown, carried, inherited := 0, 0, 0, 0, 0
		from := 0
		for _, c := range x.UnitsUnder(opt.Scope, data.LevelCommune, d) {
			n++
			h := x.Health(c, year)
			switch h.Met {
			case Yes:
				met++
			case Unknown:
				unknown++
				continue
			}
			if h.Inherited {
				inherited++
			} else if h.From > 0 {
				carried++
				from = max(from, h.From)
			}
		}
		v := shareKnown(met, n, unknown, "xã", "kết quả Bộ tiêu chí y tế xã")
		if carried > 0 {
			v.Detail += fmt.Sprintf("; %d xã chưa có kết quả năm %d nên lấy theo kết quả gần nhất (đến năm %d)", carried, year, from)
		}
		if inherited > 0 {
			v.Detail += fmt.Sprintf("; %d xã mới chưa có kết quả riêng nên lấy theo các xã cũ hợp thành", inherited)
		}
		return v
	case MetricPartyCell:
		n, with, unknown := 0, 0, 0
		for _, v := range x.UnitsUnder(opt.Scope, data.LevelVillage, d) {
			n++
			switch party, _, _ := x.villageCells(v.ID, year); party {
			case Unknown:
				unknown++
			case Yes:
				with++
			}
		}
		return shareKnown(with, n, unknown, "thôn", "số liệu về chi bộ")
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

// povertyFall is NQ 04-NQ/TU's "giảm bình quân 6–8%/năm": the average fall per year of the poverty
// rate of the baseline ĐBKK communes, from the year before the baseline (so that the baseline
// year's own fall counts) to the year asked, or to the deadline once it has passed. Where the
// starting year has no figures it starts from the first year that has them, and says so. The
// year's own fall is written beside it.
func (x *Index) povertyFall(year, baselineYear int, opt ProgressOptions) Value {
	base := x.BaselineDBKK(opt.BaselineRuleSet, baselineYear, opt.Scope)
	if len(base) == 0 {
		return Value{Detail: "không có xã ĐBKK nào để tính"}
	}
	end := year
	if opt.Deadline > 0 && opt.Deadline < end {
		end = opt.Deadline
	}
	start, note := baselineYear-1, ""
	if x.SumCounts(base, start).PovertyRate() == nil {
		for y := baselineYear; y <= end; y++ {
			if x.SumCounts(base, y).PovertyRate() != nil {
				start = y
				break
			}
		}
		note = fmt.Sprintf(" (năm %d chưa có số liệu nên tính từ năm %d)", baselineYear-1, start)
	}
	from, to := x.SumCounts(base, start).PovertyRate(), x.SumCounts(base, end).PovertyRate()
	v := Value{From: start, To: end}
	if from == nil || to == nil || end <= start {
		v.Detail = fmt.Sprintf("cần tỷ lệ hộ nghèo của ít nhất hai năm từ năm %d đến năm %d", baselineYear-1, end)
	} else {
		avg := (*from - *to) / float64(end-start)
		v.Value = &avg
		v.Detail = fmt.Sprintf("bình quân mỗi năm từ năm %d (%s) đến năm %d (%s)%s", start, pct(from), end, pct(to), note)
	}
	now, before := x.SumCounts(base, year).PovertyRate(), x.PreviousCounts(base, year).PovertyRate()
	if ch := ChangePP(before, now); ch != nil {
		fall := -*ch
		v.YearFall = &fall
		word := "giảm"
		if *ch > 0 {
			word = "tăng"
		}
		v.Detail += fmt.Sprintf("; riêng năm %d: %s %s điểm %% (%s → %s)", year, word, vntext.FormatDecimal(abs(*ch), 1), pct(before), pct(now))
	}
	return v
}

// povertyRateValue is the poverty rate of the baseline ĐBKK communes in the first year with figures
// from the year before the baseline year, with that year.
func (x *Index) povertyRateValue(baselineYear int, opt ProgressOptions) (Value, int) {
	base := x.BaselineDBKK(opt.BaselineRuleSet, baselineYear, opt.Scope)
	for y := baselineYear - 1; y <= baselineYear+10; y++ {
		c := x.SumCounts(base, y)
		if r := c.PovertyRate(); r != nil {
			return Value{Value: r, Num: *c.Poor, Den: *c.Households, Detail: fmt.Sprintf("tỷ lệ hộ nghèo các xã ĐBKK năm %d", y)}, y
		}
	}
	return Value{Detail: "chưa có số liệu hộ nghèo các xã ĐBKK"}, baselineYear
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// shareKnown is share with some units of the whole unknown: the value is counted on the units
// known (Den) and says how many are unknown; with none known there is no value.
func shareKnown(part, whole, unknown int, noun, what string) Value {
	if unknown == 0 {
		return share(part, whole, noun)
	}
	v := share(part, whole-unknown, noun)
	v.Unknown = unknown
	switch {
	case unknown == whole:
		v.Detail = fmt.Sprintf("cả %d %s chưa có %s", whole, noun, what)
	default:
		v.Detail = fmt.Sprintf("%d/%d %s đã có số liệu; %d %s chưa có %s", part, whole-unknown, noun, unknown, noun, what)
	}
	return v
}

func share(part, whole int, noun string) Value {
	v := Value{Num: part, Den: whole, Detail: fmt.Sprintf("%d/%d %s", part, whole, noun)}
	if whole == 0 {
		v.Detail = "không có " + noun + " nào để tính"
	}
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
	// By scope: every unit filed once under each of its ancestors on the baseline day, so that a
	// district's list is a look-up (the dashboard asks for ~700 districts × 6 targets).
	by, ok := x.baselineScopes[key]
	if !ok {
		by = map[string][]*data.Unit{}
		d := YearEnd(baselineYear)
		for _, u := range all {
			for p := x.ParentAt(u, d); p != nil; p = x.ParentAt(p, d) {
				by[p.ID] = append(by[p.ID], u)
			}
		}
		x.baselineScopes[key] = by
	}
	if u := x.units[scope]; u != nil && u.Level == data.LevelCommune {
		for _, b := range all {
			if b.ID == scope {
				return []*data.Unit{b}
			}
		}
		return nil
	}
	return by[scope]
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
	if !c.ClosedOn.IsZero() && c.ClosedOn.Year() <= year {
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
