package rules

import (
	"fmt"
	"strings"

	"ketnghia/data"
	"ketnghia/data/vntext"
)

// Condition is one legal condition checked for a unit: its value, the threshold, whether it is met
// and a Vietnamese sentence saying so (or which data are missing).
type Condition struct {
	Code      string   `json:"code"`
	Label     string   `json:"label"`
	Value     *float64 `json:"value"`
	Threshold string   `json:"threshold"`
	Met       Tri      `json:"met"`
	Missing   []string `json:"missing,omitempty"`
	Text      string   `json:"text"`
}

// Assessment statuses.
const (
	StatusDecided       = "decided"        // the class follows from the data
	StatusInsufficient  = "insufficient"   // không đủ dữ liệu: Missing names what is needed
	StatusOutside       = "outside"        // not in the ethnic-minority area the rule set covers
	StatusNotApplicable = "not_applicable" // the rule set does not judge this level
)

// Assessment is a unit judged by a rule set for a year.
type Assessment struct {
	UnitID     string         `json:"id"`
	Code       string         `json:"code"`
	Name       string         `json:"name"`
	Place      string         `json:"place"` // where it lies: "Xã …, Huyện …" for a village, "Huyện …" for a commune
	Level      data.Level     `json:"level"`
	Year       int            `json:"year"`
	RuleSet    string         `json:"rule_set"`
	Class      data.AreaClass `json:"class"`          // KV1, KV2, KV3; village DBKK or NONE; "" when not decided
	Recorded   data.AreaClass `json:"recorded_class"` // the class a decision gave it, when recorded
	Status     string         `json:"status"`
	MeetsExit  Tri            `json:"meets_exit"` // off the ĐBKK list (not KV III / not an ĐBKK village / leaving conditions met)
	Conditions []Condition    `json:"conditions"`
	Missing    []string       `json:"missing,omitempty"`
	Lacks      []string       `json:"lacks,omitempty"` // what it still lacks, in Vietnamese
	// Outside says which scope condition put the unit outside the rule set (status "outside").
	Outside string `json:"outside_reason,omitempty"`
}

// AssessOptions choose the rule set and the day the units are taken on.
type AssessOptions struct {
	RuleSet string    // code; "" takes the classification rule set covering the year
	At      data.Date // units open on this day; zero: 31 December of the year
	Levels  []data.Level
}

// Assess judges every commune and village open on the day by a rule set, communes first.
func (x *Index) Assess(year int, opt AssessOptions) ([]Assessment, *data.RuleSet, error) {
	rs, err := x.pickRuleSet(opt.RuleSet, year)
	if err != nil {
		return nil, nil, err
	}
	at := opt.At
	if at.IsZero() {
		at = YearEnd(year)
	}
	levels := opt.Levels
	if len(levels) == 0 {
		levels = []data.Level{data.LevelCommune, data.LevelVillage}
	}
	as := &assessor{x: x, rs: rs, year: year, villages: map[string]Assessment{}}
	var out []Assessment
	for _, l := range levels {
		for _, u := range x.UnitsAt(l, at) {
			out = append(out, as.unit(u))
		}
	}
	return out, rs, nil
}

// AssessUnit judges one unit.
func (x *Index) AssessUnit(u *data.Unit, year int, ruleSet string) (Assessment, error) {
	rs, err := x.pickRuleSet(ruleSet, year)
	if err != nil {
		return Assessment{}, err
	}
	as := &assessor{x: x, rs: rs, year: year, villages: map[string]Assessment{}}
	return as.unit(u), nil
}

// RuleSetForYear is the rule set a report or a screen uses for a year: the one named (refused
// when it does not cover the year), or the classification set in force.
func (x *Index) RuleSetForYear(code string, year int) (*data.RuleSet, error) {
	return x.pickRuleSet(code, year)
}

func (x *Index) pickRuleSet(code string, year int) (*data.RuleSet, error) {
	if code == "" {
		if rs := x.RuleSetFor(data.PurposeClassify, year); rs != nil {
			return rs, nil
		}
		return nil, &data.Error{Kind: data.KindNotFound, Field: "rules", Msg: fmt.Sprintf("Không có bộ quy định phân định nào áp dụng cho năm %d", year)}
	}
	if rs := x.RuleSet(code); rs != nil {
		if !rs.Covers(year) {
			return nil, &data.Error{Kind: data.KindInvalid, Field: "rules", Msg: fmt.Sprintf(
				"Bộ quy định %s (%s) áp dụng cho các năm %d–%d, không áp dụng cho năm %d. Hãy chọn năm trong khoảng đó, hoặc bỏ --rules để dùng bộ quy định áp dụng cho năm %d.",
				rs.Code, ShortBasis(rs), rs.FromYear, rs.ToYear, year, year)}
		}
		return rs, nil
	}
	var codes []string
	for _, r := range x.DS.RuleSets {
		codes = append(codes, fmt.Sprintf("%s (%s, %d–%d)", r.Code, ShortBasis(&r), r.FromYear, r.ToYear))
	}
	return nil, &data.Error{Kind: data.KindNotFound, Field: "rules", Msg: fmt.Sprintf("Không có bộ quy định mang mã %q. Các bộ quy định có trong cơ sở dữ liệu: %s.", code, strings.Join(codes, "; "))}
}

type assessor struct {
	x          *Index
	rs         *data.RuleSet
	year       int
	villages   map[string]Assessment // villages judged already (a commune under QĐ 50 needs them)
	thresholds map[string]string
}

func (as *assessor) unit(u *data.Unit) Assessment {
	if u.Level == data.LevelVillage {
		if a, ok := as.villages[u.ID]; ok {
			return a
		}
	}
	a := Assessment{UnitID: u.ID, Code: u.Code, Name: u.Name, Place: as.x.Place(u, UnitDay(u, as.year)), Level: u.Level, Year: as.year, RuleSet: as.rs.Code,
		Recorded: as.x.RecordedClass(u.ID, as.rs.Code, as.year)}
	if as.x.Review(u.ID, as.year) == nil && len(as.x.ChildrenAt(u.ID, UnitDay(u, as.year))) == 0 {
		a.Missing = []string{fmt.Sprintf("số liệu rà soát năm %d", as.year)}
	}
	switch {
	case u.Level != data.LevelCommune && u.Level != data.LevelVillage:
		a.Status = StatusNotApplicable
	case as.rs.Family == data.FamilyQD33 && u.Level == data.LevelCommune:
		as.qd33Commune(&a, u)
	case as.rs.Family == data.FamilyQD33:
		as.qd33Village(&a, u)
	case as.rs.Family == data.FamilyQD50 && u.Level == data.LevelCommune:
		as.qd50Commune(&a, u)
	case as.rs.Family == data.FamilyQD50:
		as.qd50Village(&a, u)
	case as.rs.Family == data.FamilyQD03 && u.Level == data.LevelCommune:
		as.qd03Commune(&a, u)
	default:
		a.Status = StatusNotApplicable
		a.Lacks = []string{ShortBasis(as.rs) + " không quy định tiêu chí cho thôn."}
	}
	if a.Status == StatusInsufficient {
		a.Missing = missingOf(a)
		a.Lacks = []string{"Không đủ dữ liệu: thiếu " + strings.Join(a.Missing, "; ")}
	}
	if u.Level == data.LevelVillage && as.rs.Family == data.FamilyQD50 {
		as.villages[u.ID] = a
	}
	return a
}

// step is one rung of a classification ladder: when holds is Yes, the class is class.
type step struct {
	holds Tri
	class data.AreaClass
}

// decide climbs the ladder: the first step that holds gives the class; a step that cannot be
// decided stops with "không đủ dữ liệu"; when none holds, the class is otherwise. It reports
// whether a class was decided.
func (a *Assessment) decide(steps []step, otherwise data.AreaClass) bool {
	a.Class = otherwise
	for _, st := range steps {
		if st.holds == Unknown {
			a.Class, a.Status = "", StatusInsufficient
			return false
		}
		if st.holds == Yes {
			a.Class = st.class
			break
		}
	}
	a.Status, a.MeetsExit = StatusDecided, Of(a.Class != data.KV3 && a.Class != data.DBKK)
	return true
}

// missingOf gathers what the undecided conditions lack.
func missingOf(a Assessment) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range a.Missing {
		if !seen[m] {
			seen[m], out = true, append(out, m)
		}
	}
	for _, c := range a.Conditions {
		if c.Met != Unknown {
			continue
		}
		for _, m := range c.Missing {
			if !seen[m] {
				seen[m], out = true, append(out, m)
			}
		}
	}
	return out
}

func (as *assessor) p(name string) float64 { return as.rs.Params[name] }

// threshold writes a condition's threshold, marking one not checked against the legal text:
// "từ 20%", "trên 20 km (ngưỡng chưa đối chiếu)".
func (as *assessor) threshold(op string, param string, unit string) string {
	key := op + param + unit
	if t, ok := as.thresholds[key]; ok {
		return t
	}
	t := opWords[op] + " " + num(as.p(param)) + unit
	if as.rs.IsUnverified(param) {
		t += " (ngưỡng chưa đối chiếu)"
	}
	if as.thresholds == nil {
		as.thresholds = map[string]string{}
	}
	as.thresholds[key] = t
	return t
}

// compare checks value against a threshold: ">=", ">", "<", "<=". Values within vntext.Epsilon of
// the threshold are equal to it (a rate computed in floating point is never a hair off).
func compare(value *float64, op string, th float64) Tri {
	if value == nil {
		return Unknown
	}
	c := vntext.Sign(*value, th)
	switch op {
	case ">=":
		return Of(c >= 0)
	case ">":
		return Of(c > 0)
	case "<":
		return Of(c < 0)
	case "<=":
		return Of(c <= 0)
	}
	return Unknown
}

var opWords = map[string]string{">=": "từ", ">": "trên", "<": "dưới", "<=": "không quá"}

// unknownText is the sentence of a condition whose data are missing.
func unknownText(label string, missing []string) string {
	return label + ": không đủ dữ liệu (thiếu " + strings.Join(missing, ", ") + ")"
}

// rateCond is a condition "label value op threshold%". The value is written so that it does not
// round across the threshold, nor across the other thresholds given (the poverty rate of a commune
// beside the KV I line too).
func (as *assessor) rateCond(code, label string, value *float64, op, param string, missing func() []string, others ...float64) Condition {
	met := compare(value, op, as.p(param))
	c := Condition{Code: code, Label: label, Value: value, Threshold: as.threshold(op, param, "%"), Met: met}
	if met == Unknown {
		c.Missing = missing()
		c.Text = unknownText(label, c.Missing)
		return c
	}
	c.Text = sentence(label, pct(value, append(others, as.p(param))...), met, c.Threshold)
	return c
}

// bandCond is "label in [lo, hi)": the middle band of a poverty rate.
func (as *assessor) bandCond(code, label string, value *float64, lo, hi string, missing func() []string, others ...float64) Condition {
	met := compare(value, ">=", as.p(lo)).And(compare(value, "<", as.p(hi)))
	band := fmt.Sprintf("từ %s%% đến dưới %s%%", num(as.p(lo)), num(as.p(hi)))
	c := Condition{Code: code, Label: label + " " + band, Value: value, Threshold: band, Met: met}
	if as.rs.IsUnverified(lo) || as.rs.IsUnverified(hi) {
		c.Threshold += " (ngưỡng chưa đối chiếu)"
	}
	if met == Unknown {
		c.Missing = missing()
		c.Text = unknownText(label, c.Missing)
		return c
	}
	c.Text = sentence(label, pct(value, append(others, as.p(lo), as.p(hi))...), met, c.Threshold)
	return c
}

// lazyCounts names the counts a rate needs that are not known, when asked.
func lazyCounts(c Counts, fields ...figure) func() []string {
	return func() []string { return countsMissing(c, fields...) }
}

func lazyReview(r *data.Review, fields ...figure) func() []string {
	return func() []string { return reviewMissing(r, fields...) }
}

func countsMissing(c Counts, fields ...figure) []string {
	var out []string
	for _, f := range fields {
		var v *int
		switch f {
		case figHouseholds:
			v = c.Households
		case figPoor:
			v = c.Poor
		case figNearPoor:
			v = c.NearPoor
		case figEMHouseholds:
			v = c.EMHouseholds
		case figPoorEM:
			v = c.PoorEM
		case figGrid:
			v = c.GridHouseholds
		default:
			panic(fmt.Sprintf("countsMissing: %s is not a count", f))
		}
		if v == nil {
			out = append(out, f.String())
		}
	}
	if len(out) == 0 {
		out = []string{"số hộ lớn hơn 0"}
	}
	return out
}

func reviewMissing(r *data.Review, fields ...figure) []string {
	var out []string
	if r == nil {
		return []string{"số liệu rà soát cấp xã"}
	}
	known := map[figure]bool{
		figEMPeople: r.EMPeople15to60 != nil, figEMIlliterate: r.EMIlliterate15to60 != nil,
		figWorkers: r.EmployedWorkers != nil, figUntrained: r.EmployedUntrained != nil,
		figRoadKm: r.RoadKm != nil, figRoadUnpaved: r.RoadUnpavedKm != nil,
	}
	for _, f := range fields {
		k, ok := known[f]
		if !ok {
			panic(fmt.Sprintf("reviewMissing: %s is not a commune's figure", f))
		}
		if !k {
			out = append(out, f.String())
		}
	}
	if len(out) == 0 {
		out = []string{"số liệu hợp lệ (mẫu số bằng 0)"}
	}
	return out
}

// figure is a count or a measure of a review a rule needs, named by its label when it is missing.
// The rules used to name them by the label itself, and a label written twice a little apart would
// have named nothing.
type figure int

const (
	figHouseholds figure = iota
	figPoor
	figNearPoor
	figEMHouseholds
	figPoorEM
	figGrid
	figEMPeople
	figEMIlliterate
	figWorkers
	figUntrained
	figRoadKm
	figRoadUnpaved
)

var figureLabels = [...]string{
	figHouseholds:   "số hộ",
	figPoor:         "số hộ nghèo",
	figNearPoor:     "số hộ cận nghèo",
	figEMHouseholds: "số hộ DTTS",
	figPoorEM:       "số hộ nghèo DTTS",
	figGrid:         "số hộ dùng điện lưới quốc gia",
	figEMPeople:     "số người DTTS 15–60 tuổi",
	figEMIlliterate: "số người DTTS 15–60 tuổi không biết đọc, viết tiếng Việt",
	figWorkers:      "số lao động có việc làm",
	figUntrained:    "số lao động có việc làm chưa qua đào tạo từ 3 tháng trở lên",
	figRoadKm:       "chiều dài đường từ trung tâm huyện",
	figRoadUnpaved:  "chiều dài đoạn đường chưa cứng hóa",
}

func (f figure) String() string { return figureLabels[f] }

// ntmCond is "recognised as meeting the NTM standard".
func ntmCond(u *data.Unit, year int) Condition {
	ok := NTMRecognised(u, year)
	c := Condition{Code: "ntm", Label: "Được công nhận đạt chuẩn nông thôn mới", Threshold: "được công nhận", Met: Of(ok)}
	label := "Chưa được công nhận đạt chuẩn nông thôn mới"
	if ok {
		label = fmt.Sprintf("Đã được công nhận đạt chuẩn nông thôn mới năm %d", *u.NTMYear)
	}
	c.Text = sentence(label, "", c.Met, "được công nhận đạt chuẩn nông thôn mới")
	return c
}

// emScope is QĐ 33/2020/QĐ-TTg Art. 2 (and the sets that share its logic): a commune or a village
// belongs to the ethnic-minority and mountain area when ethnic-minority households are at least
// em_min % of its households. It reports the condition and, when the unit lies outside, says so
// on the assessment.
func (as *assessor) emScope(a *Assessment, c Counts, noun string) Condition {
	em := as.rateCond("em_share", "Tỷ lệ hộ dân tộc thiểu số của "+noun, c.EMShare(), ">=", "em_min", lazyCounts(c, figHouseholds, figEMHouseholds))
	if em.Met == No {
		a.Status, a.MeetsExit, a.Class = StatusOutside, Yes, ""
		a.Outside = fmt.Sprintf("Ngoài đối tượng phân định: hộ dân tộc thiểu số chiếm %s số hộ của %s, dưới %s%%, nên %s không thuộc vùng đồng bào dân tộc thiểu số và miền núi theo %s.",
			pct(c.EMShare(), as.p("em_min")), noun, num(as.p("em_min")), noun, ShortBasis(as.rs))
		a.Lacks = []string{a.Outside}
	}
	return em
}

// qd33Commune: QĐ 33/2020/QĐ-TTg Art. 2–5 (and QĐ 861/QĐ-TTg: a KV III commune recognised as NTM
// becomes KV I).
func (as *assessor) qd33Commune(a *Assessment, u *data.Unit) {
	c := as.x.UnitCounts(u, as.year)
	r := as.x.Review(u.ID, as.year)
	rate := c.PovertyRate()
	hi, lo, kv1 := as.p("kv3_rate"), as.p("kv3_rate_low"), as.p("kv1_rate")
	em := as.emScope(a, c, "xã")
	ntm := ntmCond(u, as.year)
	high := as.rateCond("poverty_rate", "Tỷ lệ hộ nghèo", rate, ">=", "kv3_rate", lazyCounts(c, figHouseholds, figPoor), lo, kv1)
	mid := as.bandCond("poverty_rate_band", "Tỷ lệ hộ nghèo", rate, "kv3_rate_low", "kv3_rate", lazyCounts(c, figHouseholds, figPoor), kv1)
	poorEM := as.rateCond("poor_em_share", "Tỷ lệ hộ nghèo DTTS trong tổng số hộ nghèo", c.PoorEMShare(), ">", "em_poor_share", lazyCounts(c, figPoor, figPoorEM))
	illit := as.rateCond("illiterate", "Tỷ lệ người DTTS 15–60 tuổi không biết đọc, viết tiếng Việt", IlliterateShare(r), ">=", "illiterate",
		lazyReview(r, figEMPeople, figEMIlliterate))
	short := as.rateCond("short_training", "Tỷ lệ lao động có việc làm chưa qua đào tạo từ 3 tháng trở lên", UntrainedShare(r), ">", "short_training",
		lazyReview(r, figWorkers, figUntrained))
	var km *float64
	if r != nil {
		km = r.RoadKm
	}
	roadKm := Condition{Code: "road_km", Label: "Chiều dài đường từ trung tâm huyện đến trung tâm xã", Value: km, Threshold: as.threshold(">", "road_km", " km"),
		Met: compare(km, ">", as.p("road_km"))}
	if roadKm.Met == Unknown {
		roadKm.Missing = reviewMissing(r, figRoadKm)
		roadKm.Text = unknownText(roadKm.Label, roadKm.Missing)
	} else {
		roadKm.Text = sentence("Đường từ trung tâm huyện đến trung tâm xã dài", numBeside(*km, as.p("road_km"))+" km", roadKm.Met, roadKm.Threshold)
	}
	unpaved := as.rateCond("road_unpaved", "Tỷ lệ đường chưa được nhựa hóa, bê tông hóa", UnpavedShare(r), ">", "road_unpaved",
		lazyReview(r, figRoadKm, figRoadUnpaved))
	a.Conditions = []Condition{em, ntm, high, mid, poorEM, illit, short, roadKm, unpaved}

	aux := poorEM.Met.Or(illit.Met).Or(short.Met).Or(roadKm.Met.And(unpaved.Met))
	recognised := ntm.Met == Yes
	kv3 := Of(!recognised).And(high.Met.Or(mid.Met.And(aux)))
	isKV1 := Of(recognised).Or(compare(rate, "<", kv1))
	switch {
	case em.Met == No:
		return
	case em.Met == Unknown && !recognised:
		a.Status = StatusInsufficient
		return
	}
	if !a.decide([]step{{kv3, data.KV3}, {isKV1, data.KV1}}, data.KV2) {
		return
	}
	if a.Class == data.KV3 {
		if high.Met == Yes {
			a.Lacks = append(a.Lacks, fmt.Sprintf("Tỷ lệ hộ nghèo %s; để ra khỏi khu vực III cần dưới %s%%, và dưới %s%% nếu còn một trong các điều kiện phụ.",
				pct(rate, hi, lo), num(hi), num(lo)))
		} else {
			var held []string
			for _, c := range []Condition{poorEM, illit, short} {
				if c.Met == Yes {
					held = append(held, c.Text)
				}
			}
			if roadKm.Met == Yes && unpaved.Met == Yes {
				held = append(held, roadKm.Text, unpaved.Text)
			}
			a.Lacks = append(a.Lacks, fmt.Sprintf("Tỷ lệ hộ nghèo %s; để ra khỏi khu vực III cần dưới %s%%, hoặc không còn điều kiện phụ nào (đang có: %s).",
				pct(rate, hi, lo), num(lo), strings.Join(held, "; ")))
		}
	}
	if a.Class != data.KV1 {
		a.Lacks = append(a.Lacks, fmt.Sprintf("Tỷ lệ hộ nghèo %s; để được công nhận khu vực I cần dưới %s%%, hoặc được công nhận đạt chuẩn nông thôn mới.",
			pct(rate, kv1, lo, hi), num(kv1)))
	}
}

// qd33Village: QĐ 33/2020/QĐ-TTg Art. 6, especially difficult villages, among the villages of the
// ethnic-minority area (Art. 2).
func (as *assessor) qd33Village(a *Assessment, u *data.Unit) {
	c := as.x.UnitCounts(u, as.year)
	r := as.x.Review(u.ID, as.year)
	rate := c.PovertyRate()
	hi, lo := as.p("village_rate"), as.p("village_rate_low")
	em := as.emScope(a, c, "thôn")
	high := as.rateCond("poverty_rate", "Tỷ lệ hộ nghèo", rate, ">=", "village_rate", lazyCounts(c, figHouseholds, figPoor), lo)
	mid := as.bandCond("poverty_rate_band", "Tỷ lệ hộ nghèo", rate, "village_rate_low", "village_rate", lazyCounts(c, figHouseholds, figPoor))
	poorEM := as.rateCond("poor_em_share", "Tỷ lệ hộ nghèo DTTS trong tổng số hộ nghèo", c.PoorEMShare(), ">", "village_em_poor", lazyCounts(c, figPoor, figPoorEM))
	road := Condition{Code: "no_road", Label: "Chưa có đường giao thông đến trung tâm xã đi lại được quanh năm", Threshold: "chưa có đường đi lại được quanh năm"}
	switch {
	case r == nil || r.RoadAllYear == nil:
		road.Met, road.Missing = Unknown, []string{"đường đến trung tâm xã đi lại được quanh năm hay không"}
		road.Text = unknownText("Đường đến trung tâm xã", road.Missing)
	case *r.RoadAllYear:
		road.Met = No
		road.Text = sentence("Đường đến trung tâm xã đã đi lại được quanh năm", "", No, road.Threshold)
	default:
		road.Met = Yes
		road.Text = sentence("Đường đến trung tâm xã chưa đi lại được quanh năm", "", Yes, road.Threshold)
	}
	grid := as.rateCond("grid_off", "Tỷ lệ hộ chưa dùng điện lưới quốc gia", c.GridOffShare(), ">", "village_grid_off", lazyCounts(c, figHouseholds, figGrid))
	a.Conditions = []Condition{em, high, mid, poorEM, road, grid}
	switch em.Met {
	case No:
		return
	case Unknown:
		a.Status = StatusInsufficient
		return
	}
	aux := poorEM.Met.Or(road.Met).Or(grid.Met)
	dbkk := high.Met.Or(mid.Met.And(aux))
	if !a.decide([]step{{dbkk, data.DBKK}}, data.NotDBKK) {
		return
	}
	if a.Class != data.DBKK {
		return
	}
	if high.Met == Yes {
		a.Lacks = append(a.Lacks, fmt.Sprintf("Tỷ lệ hộ nghèo %s; để ra khỏi diện thôn đặc biệt khó khăn cần dưới %s%%, và dưới %s%% nếu còn điều kiện phụ.",
			pct(rate, hi, lo), num(hi), num(lo)))
		return
	}
	var left []string
	if road.Met == Yes {
		left = append(left, "có đường đến trung tâm xã đi lại được quanh năm")
	}
	if grid.Met == Yes {
		left = append(left, fmt.Sprintf("hộ chưa dùng điện lưới quốc gia không quá %s%% (nay %s)", num(as.p("village_grid_off")), pct(c.GridOffShare(), as.p("village_grid_off"))))
	}
	if poorEM.Met == Yes {
		left = append(left, fmt.Sprintf("hộ nghèo DTTS không quá %s%% số hộ nghèo (nay %s)", num(as.p("village_em_poor")), pct(c.PoorEMShare(), as.p("village_em_poor"))))
	}
	a.Lacks = append(a.Lacks, fmt.Sprintf("Tỷ lệ hộ nghèo %s; để ra khỏi diện thôn đặc biệt khó khăn cần dưới %s%%, hoặc hết mọi điều kiện phụ: %s.",
		pct(rate, hi, lo), num(lo), strings.Join(left, "; ")))
}

// qd50Village: QĐ 50/2016/QĐ-TTg Art. 2, especially difficult villages 2016–2020. Its scope is the
// villages of the ethnic-minority and mountain region as listed before it, not a share of
// ethnic-minority households: every village in the database is taken to be in that region.
func (as *assessor) qd50Village(a *Assessment, u *data.Unit) {
	c := as.x.UnitCounts(u, as.year)
	pn := c.PoorNearRate()
	need := lazyCounts(c, figHouseholds, figPoor, figNearPoor)
	b1pn := as.rateCond("poor_near_rate", "Tỷ lệ hộ nghèo và cận nghèo", pn, ">=", "village_poor_near", need, as.p("village_poor_near_low"))
	b1p := as.rateCond("poverty_rate", "Tỷ lệ hộ nghèo", c.PovertyRate(), ">=", "village_poor", lazyCounts(c, figHouseholds, figPoor))
	b2 := as.rateCond("poor_near_rate_low", "Tỷ lệ hộ nghèo và cận nghèo", pn, ">=", "village_poor_near_low", need, as.p("village_poor_near"))
	factors := Condition{Code: "village_factors", Label: "Yếu tố hạ tầng (2 trong 3; thôn từ 80% hộ DTTS: 1 trong 3)", Threshold: "có", Met: Unknown,
		Missing: []string{"trục đường thôn đã cứng hóa hay chưa", "tỷ lệ phòng học mẫu giáo chưa kiên cố", "có nhà văn hóa – khu thể thao thôn hay không"}}
	factors.Text = "Yếu tố hạ tầng của thôn: không đủ dữ liệu (chương trình chưa lưu trục đường thôn, phòng học mẫu giáo, nhà văn hóa – khu thể thao thôn)"
	a.Conditions = []Condition{b1pn, b1p, b2, factors}
	dbkk := b1pn.Met.And(b1p.Met).Or(b2.Met.And(factors.Met))
	if !a.decide([]step{{dbkk, data.DBKK}}, data.NotDBKK) {
		return
	}
	if a.Class == data.DBKK {
		hi, lo, p := as.p("village_poor_near"), as.p("village_poor_near_low"), as.p("village_poor")
		a.Lacks = []string{fmt.Sprintf("Tỷ lệ hộ nghèo và cận nghèo %s; để ra khỏi diện thôn đặc biệt khó khăn cần dưới %s%%, hoặc dưới %s%% khi tỷ lệ hộ nghèo dưới %s%% và thôn không còn đủ yếu tố hạ tầng khó khăn.",
			pct(pn, hi, lo), num(lo), num(hi), num(p))}
	}
}

// qd50Commune: QĐ 50/2016/QĐ-TTg Art. 3, KV III = ĐBKK villages from 35% (required) and one of the
// two poverty criteria; the KV II / KV I line is data marked unverified. Its scope is the communes
// of the ethnic-minority and mountain region as listed before it (no share of households).
func (as *assessor) qd50Commune(a *Assessment, u *data.Unit) {
	c := as.x.UnitCounts(u, as.year)
	pn, pr := c.PoorNearRate(), c.PovertyRate()
	kids := as.x.ChildrenAt(u.ID, UnitDay(u, as.year))
	yes, unknown := 0, 0
	for _, v := range kids {
		if v.Level != data.LevelVillage {
			continue
		}
		va := as.unit(v)
		switch {
		case va.Class == data.DBKK:
			yes++
		case va.Class == data.NotDBKK:
		case va.Recorded == data.DBKK:
			yes++
		case va.Recorded != "":
		default:
			unknown++
		}
	}
	th := as.p("commune_dbkk_villages")
	villages := Condition{Code: "dbkk_villages", Label: "Tỷ lệ thôn ĐBKK", Threshold: as.threshold(">=", "commune_dbkk_villages", "%")}
	if len(kids) == 0 {
		villages.Met, villages.Missing = Unknown, []string{"danh sách thôn của xã"}
		villages.Text = unknownText(villages.Label, villages.Missing)
	} else {
		lo := float64(yes) * 100 / float64(len(kids))
		hi := float64(yes+unknown) * 100 / float64(len(kids))
		villages.Value = &lo
		switch {
		case vntext.Sign(lo, th) >= 0:
			villages.Met = Yes
		case vntext.Sign(hi, th) < 0:
			villages.Met = No
		default:
			villages.Met = Unknown
			villages.Missing = []string{fmt.Sprintf("kết quả xác định %d thôn", unknown)}
		}
		value := fmt.Sprintf("%d/%d thôn (%s)", yes, len(kids), pct(&lo, th))
		if unknown > 0 {
			value += fmt.Sprintf(", %d thôn chưa xác định được", unknown)
		}
		villages.Text = sentence("Thôn ĐBKK", value, villages.Met, villages.Threshold)
	}
	need := lazyCounts(c, figHouseholds, figPoor, figNearPoor)
	bpn := as.rateCond("poor_near_rate", "Tỷ lệ hộ nghèo và cận nghèo", pn, ">=", "commune_poor_near", need, as.p("commune_poor_near_low"))
	bp := as.rateCond("poverty_rate", "Tỷ lệ hộ nghèo", pr, ">=", "commune_poor", need, as.p("kv2_poor"))
	cpn := as.rateCond("poor_near_rate_low", "Tỷ lệ hộ nghèo và cận nghèo", pn, ">=", "commune_poor_near_low", need, as.p("commune_poor_near"))
	conds := Condition{Code: "commune_conditions", Label: "Điều kiện hạ tầng, dịch vụ của xã (3 trong 6; xã từ 60% hộ DTTS: 2 trong 6)", Threshold: "có", Met: Unknown,
		Missing: []string{"6 điều kiện hạ tầng, dịch vụ của xã theo QĐ 50/2016"}}
	conds.Text = "Điều kiện hạ tầng, dịch vụ của xã: không đủ dữ liệu (chương trình chưa lưu 6 điều kiện của QĐ 50/2016)"
	kv2v := Condition{Code: "kv2_villages", Label: "Có thôn ĐBKK", Value: villages.Value, Threshold: as.threshold(">", "kv2_dbkk_villages", "%"),
		Met: compare(villages.Value, ">", as.p("kv2_dbkk_villages")), Missing: villages.Missing}
	if villages.Met == Unknown && villages.Value != nil && *villages.Value <= as.p("kv2_dbkk_villages") && unknown > 0 {
		kv2v.Met = Unknown
	}
	if kv2v.Met == Unknown {
		kv2v.Text = unknownText(kv2v.Label, kv2v.Missing)
	} else {
		kv2v.Text = sentence("Tỷ lệ thôn ĐBKK", pct(villages.Value, as.p("kv2_dbkk_villages")), kv2v.Met, kv2v.Threshold)
	}
	kv2p := as.rateCond("kv2_poverty", "Tỷ lệ hộ nghèo", pr, ">=", "kv2_poor", need, as.p("commune_poor"))
	a.Conditions = []Condition{villages, bpn, bp, cpn, conds, kv2v, kv2p}
	kv3 := villages.Met.And(bpn.Met.And(bp.Met).Or(cpn.Met.And(conds.Met)))
	kv2 := kv2v.Met.Or(kv2p.Met)
	if !a.decide([]step{{kv3, data.KV3}, {kv2, data.KV2}}, data.KV1) {
		return
	}
	if a.Class == data.KV3 {
		low := as.p("commune_poor_near_low")
		a.Lacks = []string{fmt.Sprintf("Tỷ lệ thôn ĐBKK %s và tỷ lệ hộ nghèo và cận nghèo %s; để ra khỏi khu vực III cần tỷ lệ thôn ĐBKK dưới %s%%, hoặc tỷ lệ hộ nghèo và cận nghèo dưới %s%%.",
			pct(villages.Value, th), pct(pn, low, as.p("commune_poor_near")), num(th), num(low))}
	}
}

// qd03Commune: QĐ 03/2019/QĐ-TTg, a commune leaves the ĐBKK list when recognised as NTM, or with
// poor + near-poor under 35%, poor under 20%, the NTM road and school criteria and the commune
// health criteria met.
func (as *assessor) qd03Commune(a *Assessment, u *data.Unit) {
	a.Recorded = as.x.RecordedClass(u.ID, "", as.year)
	c := as.x.UnitCounts(u, as.year)
	need := lazyCounts(c, figHouseholds, figPoor, figNearPoor)
	ntm := ntmCond(u, as.year)
	pn := as.rateCond("poor_near_rate", "Tỷ lệ hộ nghèo và cận nghèo", c.PoorNearRate(), "<", "poor_near", need)
	pr := as.rateCond("poverty_rate", "Tỷ lệ hộ nghèo", c.PovertyRate(), "<", "poor", need)
	crit := func(code, label, param string) Condition {
		n := int(as.p(param))
		met := as.x.NTMCriterionMet(u, n, as.year)
		name := fmt.Sprintf("Tiêu chí số %d (%s) nông thôn mới", n, label)
		cd := Condition{Code: code, Label: name, Threshold: "đạt tiêu chí", Met: met}
		if met == Unknown {
			cd.Missing = []string{fmt.Sprintf("kết quả tiêu chí NTM số %d năm %d", n, as.year)}
			cd.Text = unknownText(name, cd.Missing)
		} else {
			cd.Text = sentence(name, "", met, cd.Threshold)
		}
		return cd
	}
	road := crit("ntm_road", "Giao thông", "ntm_road")
	school := crit("ntm_school", "Trường học", "ntm_school")
	hm := as.x.HealthMet(u, as.year)
	health := Condition{Code: "health", Label: "Bộ tiêu chí quốc gia về y tế xã", Threshold: "đạt Bộ tiêu chí", Met: hm}
	if hm == Unknown {
		health.Missing = []string{"điểm từng tiêu chí của Bộ tiêu chí y tế xã"}
		health.Text = unknownText(health.Label, health.Missing)
	} else {
		health.Text = sentence(health.Label, "", hm, health.Threshold)
	}
	a.Conditions = []Condition{ntm, pn, pr, road, school, health}
	leaves := ntm.Met.Or(pn.Met.And(pr.Met).And(road.Met).And(school.Met).And(health.Met))
	if leaves == Unknown {
		a.Status = StatusInsufficient
		return
	}
	a.Status, a.MeetsExit = StatusDecided, leaves
	if leaves == Yes {
		return
	}
	var lacks []string
	for _, cd := range []Condition{pn, pr} {
		if cd.Met == No {
			th := as.p(map[string]string{"poor_near_rate": "poor_near", "poverty_rate": "poor"}[cd.Code])
			lacks = append(lacks, fmt.Sprintf("%s %s, cần dưới %s%%", cd.Label, pct(cd.Value, th), num(th)))
		}
	}
	for _, cd := range []Condition{road, school, health} {
		if cd.Met == No {
			if cd.Code == "health" {
				lacks = append(lacks, "Chưa đạt "+cd.Label)
			} else {
				lacks = append(lacks, "Chưa đạt "+vntext.LowerFirst(cd.Label))
			}
		}
	}
	for _, l := range lacks {
		a.Lacks = append(a.Lacks, l+".")
	}
	a.Lacks = append(a.Lacks, "Xã được công nhận đạt chuẩn nông thôn mới thì ra khỏi diện ĐBKK mà không cần các điều kiện trên.")
}

// ResultText is an assessment's outcome in words, the same on the screens, the command line and the
// reports: the class, or why there is none, or for a rule set on leaving the list whether the unit
// meets it.
func ResultText(a Assessment, rs *data.RuleSet) string {
	switch a.Status {
	case StatusInsufficient:
		return "Không đủ dữ liệu để phân định"
	case StatusOutside:
		return "Ngoài đối tượng phân định"
	case StatusNotApplicable:
		return "Không áp dụng"
	}
	if rs != nil && rs.Purpose == data.PurposeLeave {
		if a.MeetsExit == Yes {
			return "Đủ điều kiện ra khỏi diện ĐBKK"
		}
		return "Chưa đủ điều kiện ra khỏi diện ĐBKK"
	}
	return a.Class.Label()
}

// RecordedText says, when the class worked out from the figures differs from the class a decision
// recorded for the unit that year, which one the decision gave and what to do ("" otherwise).
func RecordedText(a Assessment) string {
	if a.Status != StatusDecided || a.Class == "" || a.Recorded == "" || a.Class == a.Recorded {
		return ""
	}
	return fmt.Sprintf("Quyết định phê duyệt ghi %s, khác với kết quả tính từ số liệu; hãy xem lại số liệu rà soát năm %d.", vntext.LowerFirst(a.Recorded.Label()), a.Year)
}
