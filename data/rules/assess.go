package rules

import (
	"fmt"
	"strings"

	"ketnghia/data"
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

func (x *Index) pickRuleSet(code string, year int) (*data.RuleSet, error) {
	if code == "" {
		if rs := x.RuleSetFor(data.PurposeClassify, year); rs != nil {
			return rs, nil
		}
		return nil, &data.Error{Kind: data.KindNotFound, Field: "rules", Msg: fmt.Sprintf("Không có bộ quy định phân định nào áp dụng cho năm %d", year)}
	}
	if rs := x.RuleSet(code); rs != nil {
		return rs, nil
	}
	var codes []string
	for _, r := range x.DS.RuleSets {
		codes = append(codes, r.Code)
	}
	return nil, &data.Error{Kind: data.KindNotFound, Field: "rules", Msg: fmt.Sprintf("Không có bộ quy định %q (có: %s)", code, strings.Join(codes, ", "))}
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
	a := Assessment{UnitID: u.ID, Code: u.Code, Name: u.Name, Level: u.Level, Year: as.year, RuleSet: as.rs.Code,
		Recorded: as.x.RecordedClass(u.ID, as.rs.Code, as.year)}
	if as.x.Review(u.ID, as.year) == nil && len(as.x.ChildrenAt(u.ID, countsDay(u, as.year))) == 0 {
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
		a.Lacks = []string{"Bộ quy định " + as.rs.Code + " không áp dụng cho thôn"}
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

// threshold writes a threshold, marking one not checked against the legal text.
func (as *assessor) threshold(op string, param string, unit string) string {
	key := op + param + unit
	if t, ok := as.thresholds[key]; ok {
		return t
	}
	t := op + " " + num(as.p(param)) + unit
	if as.rs.IsUnverified(param) {
		t += " (ngưỡng chưa đối chiếu)"
	}
	if as.thresholds == nil {
		as.thresholds = map[string]string{}
	}
	as.thresholds[key] = t
	return t
}

// compare checks value against a threshold: ">=", ">", "<", "<=".
func compare(value *float64, op string, th float64) Tri {
	if value == nil {
		return Unknown
	}
	v := *value
	switch op {
	case ">=":
		return Of(v >= th)
	case ">":
		return Of(v > th)
	case "<":
		return Of(v < th)
	case "<=":
		return Of(v <= th)
	}
	return Unknown
}

var opWords = map[string]string{">=": "từ", ">": "trên", "<": "dưới", "<=": "không quá"}

// rateCond is a condition "label value op threshold%".
func (as *assessor) rateCond(code, label string, value *float64, op, param string, missing func() []string) Condition {
	met := compare(value, op, as.p(param))
	c := Condition{Code: code, Label: label, Value: value, Threshold: as.threshold(op, param, "%"), Met: met}
	switch met {
	case Unknown:
		c.Missing = missing()
		c.Text = label + ": không đủ dữ liệu (thiếu " + strings.Join(c.Missing, ", ") + ")"
	case Yes:
		c.Text = label + " " + pct(value) + ": thỏa điều kiện " + opWords[op] + " " + num(as.p(param)) + "%"
	default:
		c.Text = label + " " + pct(value) + ": không thỏa điều kiện " + opWords[op] + " " + num(as.p(param)) + "%"
	}
	return c
}

// bandCond is "label in [lo, hi)": the middle band of a poverty rate.
func (as *assessor) bandCond(code, label string, value *float64, lo, hi string, missing func() []string) Condition {
	met := compare(value, ">=", as.p(lo)).And(compare(value, "<", as.p(hi)))
	band := fmt.Sprintf("từ %s%% đến dưới %s%%", num(as.p(lo)), num(as.p(hi)))
	c := Condition{Code: code, Label: label + " " + band, Value: value, Threshold: num(as.p(lo)) + "–" + num(as.p(hi)) + "%", Met: met}
	if as.rs.IsUnverified(lo) || as.rs.IsUnverified(hi) {
		c.Threshold += " (ngưỡng chưa đối chiếu)"
	}
	switch met {
	case Unknown:
		c.Missing = missing()
		c.Text = label + ": không đủ dữ liệu (thiếu " + strings.Join(c.Missing, ", ") + ")"
	case Yes:
		c.Text = fmt.Sprintf("%s %s: trong khoảng %s", label, pct(value), band)
	default:
		c.Text = fmt.Sprintf("%s %s: ngoài khoảng %s", label, pct(value), band)
	}
	return c
}

// countsMissing names the counts a rate needs that are not known.
func lazyCounts(c Counts, fields ...string) func() []string {
	return func() []string { return countsMissing(c, fields...) }
}

func lazyReview(r *data.Review, fields ...string) func() []string {
	return func() []string { return reviewMissing(r, fieldSet(fields...)) }
}

func countsMissing(c Counts, fields ...string) []string {
	var out []string
	for _, f := range fields {
		var v *int
		switch f {
		case "số hộ":
			v = c.Households
		case "số hộ nghèo":
			v = c.Poor
		case "số hộ cận nghèo":
			v = c.NearPoor
		case "số hộ DTTS":
			v = c.EMHouseholds
		case "số hộ nghèo DTTS":
			v = c.PoorEM
		case "số hộ dùng điện lưới quốc gia":
			v = c.GridHouseholds
		}
		if v == nil {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		out = []string{"số hộ lớn hơn 0"}
	}
	return out
}

func reviewMissing(r *data.Review, fields map[string]bool) []string {
	var out []string
	if r == nil {
		return []string{"số liệu rà soát cấp xã"}
	}
	for _, f := range []struct {
		name string
		nil_ bool
	}{
		{"số người DTTS 15–60 tuổi", r.EMPeople15to60 == nil}, {"số người DTTS 15–60 tuổi không biết đọc, viết tiếng Việt", r.EMIlliterate15to60 == nil},
		{"số lao động", r.Workers == nil}, {"số lao động qua đào tạo dưới 3 tháng", r.WorkersShortTraining == nil},
		{"chiều dài đường từ trung tâm huyện", r.RoadKm == nil}, {"chiều dài đoạn đường chưa cứng hóa", r.RoadUnpavedKm == nil},
	} {
		if fields[f.name] && f.nil_ {
			out = append(out, f.name)
		}
	}
	if len(out) == 0 {
		out = []string{"số liệu hợp lệ (mẫu số bằng 0)"}
	}
	return out
}

func fieldSet(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

// ntmCond is "recognised as meeting the NTM standard".
func ntmCond(u *data.Unit, year int) Condition {
	ok := NTMRecognised(u, year)
	c := Condition{Code: "ntm", Label: "Được công nhận đạt chuẩn nông thôn mới", Threshold: "có", Met: Of(ok)}
	if ok {
		c.Text = fmt.Sprintf("Đã được công nhận đạt chuẩn nông thôn mới năm %d", *u.NTMYear)
	} else {
		c.Text = "Chưa được công nhận đạt chuẩn nông thôn mới"
	}
	return c
}

// qd33Commune: QĐ 33/2020/QĐ-TTg Art. 3–5 (and QĐ 861/QĐ-TTg: a KV III commune recognised as NTM
// becomes KV I).
func (as *assessor) qd33Commune(a *Assessment, u *data.Unit) {
	c := as.x.UnitCounts(u, as.year)
	r := as.x.Review(u.ID, as.year)
	rate := c.PovertyRate()
	em := as.rateCond("em_share", "Tỷ lệ hộ DTTS", c.EMShare(), ">=", "em_min", lazyCounts(c, "số hộ", "số hộ DTTS"))
	ntm := ntmCond(u, as.year)
	high := as.rateCond("poverty_rate", "Tỷ lệ hộ nghèo", rate, ">=", "kv3_rate", lazyCounts(c, "số hộ", "số hộ nghèo"))
	mid := as.bandCond("poverty_rate_band", "Tỷ lệ hộ nghèo", rate, "kv3_rate_low", "kv3_rate", lazyCounts(c, "số hộ", "số hộ nghèo"))
	poorEM := as.rateCond("poor_em_share", "Tỷ lệ hộ nghèo DTTS trong tổng số hộ nghèo", c.PoorEMShare(), ">", "em_poor_share", lazyCounts(c, "số hộ nghèo", "số hộ nghèo DTTS"))
	illit := as.rateCond("illiterate", "Tỷ lệ người DTTS 15–60 tuổi không biết đọc, viết tiếng Việt", IlliterateShare(r), ">=", "illiterate",
		lazyReview(r, "số người DTTS 15–60 tuổi", "số người DTTS 15–60 tuổi không biết đọc, viết tiếng Việt"))
	short := as.rateCond("short_training", "Tỷ lệ lao động qua đào tạo dưới 3 tháng", ShortTrainingShare(r), ">", "short_training",
		lazyReview(r, "số lao động", "số lao động qua đào tạo dưới 3 tháng"))
	var km *float64
	if r != nil {
		km = r.RoadKm
	}
	roadKm := Condition{Code: "road_km", Label: "Đường từ trung tâm huyện đến trung tâm xã", Value: km, Threshold: as.threshold(">", "road_km", " km"),
		Met: compare(km, ">", as.p("road_km"))}
	switch roadKm.Met {
	case Unknown:
		roadKm.Missing = reviewMissing(r, fieldSet("chiều dài đường từ trung tâm huyện"))
		roadKm.Text = "Chiều dài đường từ trung tâm huyện: không đủ dữ liệu"
	default:
		roadKm.Text = fmt.Sprintf("Đường từ trung tâm huyện dài %s km (điều kiện: trên %s km)", num(*km), num(as.p("road_km")))
	}
	unpaved := as.rateCond("road_unpaved", "Tỷ lệ đường chưa được nhựa hóa, bê tông hóa", UnpavedShare(r), ">", "road_unpaved",
		lazyReview(r, "chiều dài đường từ trung tâm huyện", "chiều dài đoạn đường chưa cứng hóa"))
	a.Conditions = []Condition{em, ntm, high, mid, poorEM, illit, short, roadKm, unpaved}

	aux := poorEM.Met.Or(illit.Met).Or(short.Met).Or(roadKm.Met.And(unpaved.Met))
	recognised := ntm.Met == Yes
	kv3 := Of(!recognised).And(high.Met.Or(mid.Met.And(aux)))
	kv1 := Of(recognised).Or(compare(rate, "<", as.p("kv1_rate")))
	switch {
	case em.Met == No:
		a.Status, a.MeetsExit = StatusOutside, Yes
		a.Lacks = []string{fmt.Sprintf("Không thuộc diện phân định: hộ DTTS %s, dưới %s%%", pct(c.EMShare()), num(as.p("em_min")))}
		return
	case em.Met == Unknown && !recognised:
		a.Status = StatusInsufficient
		return
	}
	if !a.decide([]step{{kv3, data.KV3}, {kv1, data.KV1}}, data.KV2) {
		return
	}
	if a.Class == data.KV3 {
		if high.Met == Yes {
			a.Lacks = append(a.Lacks, fmt.Sprintf("Tỷ lệ hộ nghèo %s, cần dưới %s%% (và dưới %s%% nếu còn một trong các điều kiện phụ) để ra khỏi khu vực III",
				pct(rate), num(as.p("kv3_rate")), num(as.p("kv3_rate_low"))))
		} else {
			var held []string
			for _, c := range []Condition{poorEM, illit, short} {
				if c.Met == Yes {
					held = append(held, c.Text)
				}
			}
			if roadKm.Met == Yes && unpaved.Met == Yes {
				held = append(held, unpaved.Text+" trên tuyến dài "+num(*km)+" km")
			}
			a.Lacks = append(a.Lacks, fmt.Sprintf("Tỷ lệ hộ nghèo %s, cần dưới %s%%, hoặc không còn điều kiện phụ nào (đang có: %s), để ra khỏi khu vực III",
				pct(rate), num(as.p("kv3_rate_low")), strings.Join(held, "; ")))
		}
	}
	if a.Class != data.KV1 {
		a.Lacks = append(a.Lacks, fmt.Sprintf("Tỷ lệ hộ nghèo %s, cần dưới %s%% để được công nhận khu vực I (hoặc được công nhận đạt chuẩn nông thôn mới)",
			pct(rate), num(as.p("kv1_rate"))))
	}
}

// qd33Village: QĐ 33/2020/QĐ-TTg Art. 6, especially difficult villages.
func (as *assessor) qd33Village(a *Assessment, u *data.Unit) {
	c := as.x.UnitCounts(u, as.year)
	r := as.x.Review(u.ID, as.year)
	rate := c.PovertyRate()
	high := as.rateCond("poverty_rate", "Tỷ lệ hộ nghèo", rate, ">=", "village_rate", lazyCounts(c, "số hộ", "số hộ nghèo"))
	mid := as.bandCond("poverty_rate_band", "Tỷ lệ hộ nghèo", rate, "village_rate_low", "village_rate", lazyCounts(c, "số hộ", "số hộ nghèo"))
	poorEM := as.rateCond("poor_em_share", "Tỷ lệ hộ nghèo DTTS trong tổng số hộ nghèo", c.PoorEMShare(), ">", "village_em_poor", lazyCounts(c, "số hộ nghèo", "số hộ nghèo DTTS"))
	road := Condition{Code: "no_road", Label: "Chưa có đường giao thông đến trung tâm xã đi lại được quanh năm", Threshold: "có"}
	switch {
	case r == nil || r.RoadAllYear == nil:
		road.Met, road.Missing = Unknown, []string{"đường đến trung tâm xã đi lại được quanh năm hay không"}
		road.Text = "Đường đến trung tâm xã: không đủ dữ liệu"
	case *r.RoadAllYear:
		road.Met, road.Text = No, "Đã có đường đến trung tâm xã đi lại được quanh năm"
	default:
		road.Met, road.Text = Yes, "Chưa có đường đến trung tâm xã đi lại được quanh năm"
	}
	grid := as.rateCond("grid_off", "Tỷ lệ hộ chưa dùng điện lưới quốc gia", c.GridOffShare(), ">", "village_grid_off", lazyCounts(c, "số hộ", "số hộ dùng điện lưới quốc gia"))
	a.Conditions = []Condition{high, mid, poorEM, road, grid}
	aux := poorEM.Met.Or(road.Met).Or(grid.Met)
	dbkk := high.Met.Or(mid.Met.And(aux))
	if !a.decide([]step{{dbkk, data.DBKK}}, data.NotDBKK) {
		return
	}
	if a.Class == data.DBKK {
		if high.Met == Yes {
			a.Lacks = append(a.Lacks, fmt.Sprintf("Tỷ lệ hộ nghèo %s, cần dưới %s%% (và dưới %s%% nếu còn điều kiện phụ) để ra khỏi diện thôn ĐBKK",
				pct(rate), num(as.p("village_rate")), num(as.p("village_rate_low"))))
		} else {
			a.Lacks = append(a.Lacks, fmt.Sprintf("Tỷ lệ hộ nghèo %s, cần dưới %s%% để ra khỏi diện thôn ĐBKK, hoặc hết các điều kiện phụ:", pct(rate), num(as.p("village_rate_low"))))
			if road.Met == Yes {
				a.Lacks = append(a.Lacks, "cần có đường đến trung tâm xã đi lại được quanh năm")
			}
			if grid.Met == Yes {
				a.Lacks = append(a.Lacks, fmt.Sprintf("hộ chưa dùng điện lưới quốc gia %s, cần không quá %s%%", pct(c.GridOffShare()), num(as.p("village_grid_off"))))
			}
			if poorEM.Met == Yes {
				a.Lacks = append(a.Lacks, fmt.Sprintf("hộ nghèo DTTS chiếm %s số hộ nghèo (trên %s%%)", pct(c.PoorEMShare()), num(as.p("village_em_poor"))))
			}
		}
	}
}

// qd50Village: QĐ 50/2016/QĐ-TTg, especially difficult villages 2016–2020.
func (as *assessor) qd50Village(a *Assessment, u *data.Unit) {
	c := as.x.UnitCounts(u, as.year)
	pn := c.PoorNearRate()
	need := lazyCounts(c, "số hộ", "số hộ nghèo", "số hộ cận nghèo")
	b1pn := as.rateCond("poor_near_rate", "Tỷ lệ hộ nghèo và cận nghèo", pn, ">=", "village_poor_near", need)
	b1p := as.rateCond("poverty_rate", "Tỷ lệ hộ nghèo", c.PovertyRate(), ">=", "village_poor", lazyCounts(c, "số hộ", "số hộ nghèo"))
	b2 := as.rateCond("poor_near_rate_low", "Tỷ lệ hộ nghèo và cận nghèo", pn, ">=", "village_poor_near_low", need)
	factors := Condition{Code: "village_factors", Label: "Yếu tố hạ tầng (2 trong 3; thôn từ 80% hộ DTTS: 1 trong 3)", Threshold: "có", Met: Unknown,
		Missing: []string{"trục đường thôn đã cứng hóa hay chưa", "tỷ lệ phòng học mẫu giáo chưa kiên cố", "có nhà văn hóa – khu thể thao thôn hay không"},
		Text:    "Các yếu tố hạ tầng của thôn chưa được lưu trong chương trình"}
	a.Conditions = []Condition{b1pn, b1p, b2, factors}
	dbkk := b1pn.Met.And(b1p.Met).Or(b2.Met.And(factors.Met))
	if !a.decide([]step{{dbkk, data.DBKK}}, data.NotDBKK) {
		return
	}
	if a.Class == data.DBKK {
		a.Lacks = []string{fmt.Sprintf("Tỷ lệ hộ nghèo và cận nghèo %s, cần dưới %s%% (hoặc dưới %s%% khi hộ nghèo dưới %s%% và đủ yếu tố hạ tầng) để ra khỏi diện thôn ĐBKK",
			pct(pn), num(as.p("village_poor_near_low")), num(as.p("village_poor_near")), num(as.p("village_poor")))}
	}
}

// qd50Commune: QĐ 50/2016/QĐ-TTg, KV III = ĐBKK villages from 35% (required) and one of the two
// poverty criteria; the KV II / KV I line is data marked unverified.
func (as *assessor) qd50Commune(a *Assessment, u *data.Unit) {
	c := as.x.UnitCounts(u, as.year)
	pn, pr := c.PoorNearRate(), c.PovertyRate()
	kids := as.x.ChildrenAt(u.ID, countsDay(u, as.year))
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
	villages := Condition{Code: "dbkk_villages", Label: "Tỷ lệ thôn ĐBKK", Threshold: as.threshold(">=", "commune_dbkk_villages", "%")}
	if len(kids) == 0 {
		villages.Met, villages.Missing, villages.Text = Unknown, []string{"danh sách thôn của xã"}, "Xã chưa có danh sách thôn"
	} else {
		lo := float64(yes) * 100 / float64(len(kids))
		hi := float64(yes+unknown) * 100 / float64(len(kids))
		villages.Value = &lo
		th := as.p("commune_dbkk_villages")
		switch {
		case lo >= th:
			villages.Met = Yes
		case hi < th:
			villages.Met = No
		default:
			villages.Met = Unknown
			villages.Missing = []string{fmt.Sprintf("kết quả xác định %d thôn", unknown)}
		}
		villages.Text = fmt.Sprintf("%d/%d thôn ĐBKK (%s)", yes, len(kids), pct(&lo))
		if unknown > 0 {
			villages.Text += fmt.Sprintf(", %d thôn chưa xác định được", unknown)
		}
	}
	need := lazyCounts(c, "số hộ", "số hộ nghèo", "số hộ cận nghèo")
	bpn := as.rateCond("poor_near_rate", "Tỷ lệ hộ nghèo và cận nghèo", pn, ">=", "commune_poor_near", need)
	bp := as.rateCond("poverty_rate", "Tỷ lệ hộ nghèo", pr, ">=", "commune_poor", need)
	cpn := as.rateCond("poor_near_rate_low", "Tỷ lệ hộ nghèo và cận nghèo", pn, ">=", "commune_poor_near_low", need)
	conds := Condition{Code: "commune_conditions", Label: "Điều kiện hạ tầng, dịch vụ của xã (3 trong 6; xã từ 60% hộ DTTS: 2 trong 6)", Threshold: "có", Met: Unknown,
		Missing: []string{"6 điều kiện hạ tầng, dịch vụ của xã theo QĐ 50/2016"}, Text: "Các điều kiện hạ tầng của xã chưa được lưu trong chương trình"}
	kv2v := Condition{Code: "kv2_villages", Label: "Có thôn ĐBKK", Value: villages.Value, Threshold: as.threshold(">", "kv2_dbkk_villages", "%"),
		Met: compare(villages.Value, ">", as.p("kv2_dbkk_villages")), Missing: villages.Missing}
	if villages.Met == Unknown && villages.Value != nil && *villages.Value <= as.p("kv2_dbkk_villages") && unknown > 0 {
		kv2v.Met = Unknown
	}
	kv2p := as.rateCond("kv2_poverty", "Tỷ lệ hộ nghèo", pr, ">=", "kv2_poor", need)
	a.Conditions = []Condition{villages, bpn, bp, cpn, conds, kv2v, kv2p}
	kv3 := villages.Met.And(bpn.Met.And(bp.Met).Or(cpn.Met.And(conds.Met)))
	kv2 := kv2v.Met.Or(kv2p.Met)
	if !a.decide([]step{{kv3, data.KV3}, {kv2, data.KV2}}, data.KV1) {
		return
	}
	if a.Class == data.KV3 {
		a.Lacks = []string{
			fmt.Sprintf("Tỷ lệ thôn ĐBKK %s, cần dưới %s%% để ra khỏi khu vực III", pct(villages.Value), num(as.p("commune_dbkk_villages"))),
			fmt.Sprintf("hoặc tỷ lệ hộ nghèo và cận nghèo %s, cần dưới %s%%", pct(pn), num(as.p("commune_poor_near_low"))),
		}
	}
}

// qd03Commune: QĐ 03/2019/QĐ-TTg, a commune leaves the ĐBKK list when recognised as NTM, or with
// poor + near-poor under 35%, poor under 20%, the NTM road and school criteria and the commune
// health criteria met.
func (as *assessor) qd03Commune(a *Assessment, u *data.Unit) {
	a.Recorded = as.x.RecordedClass(u.ID, "", as.year)
	c := as.x.UnitCounts(u, as.year)
	need := lazyCounts(c, "số hộ", "số hộ nghèo", "số hộ cận nghèo")
	ntm := ntmCond(u, as.year)
	pn := as.rateCond("poor_near_rate", "Tỷ lệ hộ nghèo và cận nghèo", c.PoorNearRate(), "<", "poor_near", need)
	pr := as.rateCond("poverty_rate", "Tỷ lệ hộ nghèo", c.PovertyRate(), "<", "poor", need)
	crit := func(code, label, param string) Condition {
		n := int(as.p(param))
		met := as.x.NTMCriterionMet(u, n, as.year)
		cd := Condition{Code: code, Label: fmt.Sprintf("Đạt tiêu chí số %d (%s) nông thôn mới", n, label), Threshold: "đạt", Met: met}
		switch met {
		case Yes:
			cd.Text = fmt.Sprintf("Đạt tiêu chí số %d (%s)", n, label)
		case No:
			cd.Text = fmt.Sprintf("Chưa đạt tiêu chí số %d (%s) nông thôn mới", n, label)
		default:
			cd.Missing = []string{fmt.Sprintf("kết quả tiêu chí NTM số %d năm %d", n, as.year)}
			cd.Text = fmt.Sprintf("Tiêu chí số %d (%s): chưa có kết quả đánh giá", n, label)
		}
		return cd
	}
	road := crit("ntm_road", "Giao thông", "ntm_road")
	school := crit("ntm_school", "Trường học", "ntm_school")
	hm := as.x.HealthMet(u, as.year)
	health := Condition{Code: "health", Label: "Đạt Bộ tiêu chí quốc gia về y tế xã", Threshold: "đạt", Met: hm}
	switch hm {
	case Yes:
		health.Text = "Đạt Bộ tiêu chí quốc gia về y tế xã"
	case No:
		health.Text = "Chưa đạt Bộ tiêu chí quốc gia về y tế xã"
	default:
		health.Missing, health.Text = []string{"điểm Bộ tiêu chí y tế xã"}, "Bộ tiêu chí y tế xã: chưa đủ điểm từng tiêu chí"
	}
	a.Conditions = []Condition{ntm, pn, pr, road, school, health}
	leaves := ntm.Met.Or(pn.Met.And(pr.Met).And(road.Met).And(school.Met).And(health.Met))
	if leaves == Unknown {
		a.Status = StatusInsufficient
		return
	}
	a.Status, a.MeetsExit = StatusDecided, leaves
	if leaves == No {
		for _, cd := range []Condition{pn, pr} {
			if cd.Met == No {
				a.Lacks = append(a.Lacks, fmt.Sprintf("%s %s, cần %s", cd.Label, pct(cd.Value), strings.Replace(cd.Threshold, "<", "dưới", 1)))
			}
		}
		for _, cd := range []Condition{road, school, health} {
			if cd.Met == No {
				a.Lacks = append(a.Lacks, cd.Text)
			}
		}
		a.Lacks = append(a.Lacks, "(hoặc được công nhận đạt chuẩn nông thôn mới)")
	}
}
