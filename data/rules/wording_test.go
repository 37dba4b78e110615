package rules_test

import (
	"regexp"
	"strings"
	"testing"

	"ketnghia/data"
	"ketnghia/data/rules"
)

// TestVillageScope: QĐ 33/2020 Art. 2 and Art. 6 (and NĐ 272/2025, which shares the logic) class
// only villages of the ethnic-minority area, ethnic-minority households ≥ 15% of the village's own;
// QĐ 50/2016 sets no such share.
func TestVillageScope(t *testing.T) {
	cases := []struct {
		name    string
		rule    string
		year    int
		em      *int // ethnic-minority households of 100
		status  string
		class   data.AreaClass
		outside string
	}{
		{"QĐ33 Art.2: a village with 14% ethnic-minority households is outside, whatever its poverty", "QD33-2020", 2024, i(14), rules.StatusOutside, "", "dưới 15%"},
		{"QĐ33 Art.2: exactly 15% is inside and classed by Art.6", "QD33-2020", 2024, i(15), rules.StatusDecided, data.DBKK, ""},
		{"QĐ33 Art.2: no ethnic-minority count is không đủ dữ liệu", "QD33-2020", 2024, nil, rules.StatusInsufficient, "", ""},
		{"NĐ272 (QĐ33 logic): a village with 10% is outside", "ND272-2025", 2026, i(10), rules.StatusOutside, "", "dưới 15%"},
		{"QĐ50 Art.2: no share of ethnic-minority households limits the villages", "QD50-2016", 2018, i(10), rules.StatusDecided, data.DBKK, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newWorld(t)
			v := w.village(w.commune("A"), "1")
			w.review(data.Review{UnitID: v, Year: c.year, Households: i(100), EMHouseholds: c.em, Poor: i(40), NearPoor: i(30), PoorEM: i(5),
				GridHouseholds: i(100), RoadAllYear: b(true)})
			a := w.assess(v, c.year, c.rule)
			if a.Status != c.status || a.Class != c.class {
				t.Fatalf("status %s class %q, want %s %q\n%s", a.Status, a.Class, c.status, c.class, conditionTexts(a))
			}
			if c.outside != "" {
				if !strings.Contains(a.Outside, c.outside) || !strings.Contains(a.Outside, "thôn") || a.MeetsExit != rules.Yes {
					t.Errorf("outside reason %q must name the scope condition", a.Outside)
				}
			}
		})
	}
}

// TestValuesNeverRoundAcrossThresholds: a value printed beside a threshold keeps the decimals it
// takes (QĐ 33 Art.3: 19,99% is not "20,0%: không đạt … từ 20%").
func TestValuesNeverRoundAcrossThresholds(t *testing.T) {
	cases := []struct {
		name     string
		poor     int // of 10.000 households
		want     string
		wrongOne string
	}{
		{"QĐ33 Art.3(a): 19,99% is printed 19,99%", 1999, "Tỷ lệ hộ nghèo 19,99%: không đạt (điều kiện: từ 20%)", "20,0%"},
		{"QĐ33 Art.3(b): 14,99% is printed 14,99%", 1499, "Tỷ lệ hộ nghèo 14,99%: không đạt (điều kiện: từ 15% đến dưới 20%)", "15,0%"},
		{"QĐ33 Art.3(a): exactly 20% is 20,0% and met", 2000, "Tỷ lệ hộ nghèo 20,0%: đạt (điều kiện: từ 20%)", "19,9"},
		{"QĐ33 Art.5: 9,999% is below 10%", 999, "Tỷ lệ hộ nghèo 9,99%", "10,0%"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newWorld(t)
			id := w.commune("B")
			r := communeReview(10000, c.poor)
			r.UnitID = id
			w.review(r)
			a := w.assess(id, 2024, "QD33-2020")
			all := conditionTexts(a) + "\n" + strings.Join(a.Lacks, "\n")
			if !strings.Contains(all, c.want) {
				t.Errorf("want %q in\n%s", c.want, all)
			}
			if strings.Contains(all, "hộ nghèo "+c.wrongOne) {
				t.Errorf("a rounded value crossed the threshold: %q in\n%s", c.wrongOne, all)
			}
		})
	}
}

var verdictRe = regexp.MustCompile(`: (đạt|không đạt) \(điều kiện: [^)]+\)$`)

// TestEveryConditionSaysMetOrNot: every condition sentence says đạt or không đạt and names the
// condition (QĐ 33 Art.3(b): the road of exactly 20 km is "không đạt … trên 20 km").
func TestEveryConditionSaysMetOrNot(t *testing.T) {
	w := newWorld(t)
	com := w.commune("C")
	r := communeReview(1000, 170)
	r.UnitID, r.RoadKm, r.RoadUnpavedKm = com, f(20), f(15)
	w.review(r)
	v := w.village(com, "1")
	w.review(data.Review{UnitID: v, Year: 2024, Households: i(100), EMHouseholds: i(90), Poor: i(17), PoorEM: i(10), GridHouseholds: i(60), RoadAllYear: b(false)})
	w.get(com).NTMYear = nil
	var texts []string
	for _, rule := range []string{"QD33-2020"} {
		for _, id := range []string{com, v} {
			for _, c := range w.assess(id, 2024, rule).Conditions {
				if c.Met != rules.Unknown {
					texts = append(texts, c.Text)
				}
			}
		}
	}
	q50 := newWorld(t)
	c50 := q50.commune("D")
	q50.review(data.Review{UnitID: c50, Year: 2019, Households: i(100), Poor: i(10), NearPoor: i(10)})
	for _, c := range q50.assess(c50, 2019, "QD03-2019").Conditions {
		if c.Met != rules.Unknown {
			texts = append(texts, c.Text)
		}
	}
	for _, text := range texts {
		if !verdictRe.MatchString(text) {
			t.Errorf("condition sentence without đạt / không đạt and its condition: %q", text)
		}
	}
	if !strings.Contains(strings.Join(texts, "\n"), "Đường từ trung tâm huyện đến trung tâm xã dài 20 km: không đạt (điều kiện: trên 20 km)") {
		t.Errorf("road sentence:\n%s", strings.Join(texts, "\n"))
	}
}

// TestRuleSetOutsideItsYearsIsRefused: a rule set is applied only to the years it covers
// (NĐ 272/2025 is for 2026–2030, not 2022).
func TestRuleSetOutsideItsYearsIsRefused(t *testing.T) {
	w := newWorld(t)
	id := w.commune("E")
	x := rules.NewIndex(w.ds)
	for _, c := range []struct {
		rule string
		year int
	}{{"ND272-2025", 2022}, {"QD33-2020", 2019}, {"QD50-2016", 2024}, {"QD03-2019", 2021}} {
		if _, err := x.AssessUnit(w.get(id), c.year, c.rule); err == nil {
			t.Errorf("%s applied to %d", c.rule, c.year)
		} else if msg := data.Message(err); !strings.Contains(msg, "không áp dụng cho năm") || !strings.HasSuffix(msg, ".") {
			t.Errorf("%s in %d: %q", c.rule, c.year, msg)
		}
		if _, _, err := x.Assess(c.year, rules.AssessOptions{RuleSet: c.rule}); err == nil {
			t.Errorf("Assess: %s applied to %d", c.rule, c.year)
		}
	}
}

// TestTrainingCondition: QĐ 33/2020 Art.3(b) counts employed workers without vocational training of
// three months or more, out of employed workers.
func TestTrainingCondition(t *testing.T) {
	w := newWorld(t)
	id := w.commune("F")
	r := communeReview(1000, 170)
	r.UnitID, r.EmployedWorkers, r.EmployedUntrained = id, i(1000), i(801)
	w.review(r)
	a := w.assess(id, 2024, "QD33-2020")
	var c rules.Condition
	for _, x := range a.Conditions {
		if x.Code == "short_training" {
			c = x
		}
	}
	if c.Label != "Tỷ lệ lao động có việc làm chưa qua đào tạo từ 3 tháng trở lên" || c.Met != rules.Yes || a.Class != data.KV3 {
		t.Errorf("%q met %v class %s", c.Label, c.Met, a.Class)
	}
	r2 := communeReview(1000, 170)
	r2.UnitID, r2.EmployedUntrained = w.commune("G"), nil
	r2.EMIlliterate15to60, r2.RoadKm = nil, nil
	w.review(r2)
	if a := w.assess(r2.UnitID, 2024, "QD33-2020"); !strings.Contains(strings.Join(a.Missing, ";"), "số lao động có việc làm chưa qua đào tạo từ 3 tháng trở lên") {
		t.Errorf("missing names the field as the decision does: %q", a.Missing)
	}
}

// TestNoInternalNames: what a person reads is Vietnamese and whole sentences: no threshold keys
// (em_min, kv3_rate), no fragment standing alone in brackets (QĐ 03/2019).
func TestNoInternalNames(t *testing.T) {
	w := newWorld(t)
	x := rules.NewIndex(w.ds)
	s := rules.UnverifiedSentence(x.RuleSet("ND272-2025"))
	if strings.Contains(s, "_") || !strings.Contains(s, "tỷ lệ hộ nghèo của xã khu vực III") || !strings.HasSuffix(s, ".") {
		t.Errorf("unverified thresholds: %q", s)
	}
	id := w.commune("H")
	w.review(data.Review{UnitID: id, Year: 2019, Households: i(100), Poor: i(30), NearPoor: i(10)})
	a := w.assess(id, 2019, "QD03-2019")
	for _, l := range a.Lacks {
		if strings.HasPrefix(l, "(") || strings.HasPrefix(l, "hoặc") || !strings.HasSuffix(l, ".") {
			t.Errorf("a lack that is not a whole sentence: %q", l)
		}
	}
	for _, c := range a.Conditions {
		if strings.Contains(c.Text, "_") {
			t.Errorf("internal name in %q", c.Text)
		}
	}
}

// TestPovertyFallIsAnAverage: NQ 04-NQ/TU §II.1 "giảm bình quân 6–8%/năm" is judged on the average
// fall per year from the baseline, and for the 2020 deadline over 2016–2020, not on one year.
func TestPovertyFallIsAnAverage(t *testing.T) {
	w := newWorld(t)
	c := w.commune("K")
	w.classify(c, "QD50-2016", 2016, 2020, data.KV3)
	// 2016 50% → 2020 22% (7 points a year), then 20%, 19,5%, 19%, 18,8%, 16,6%.
	for y, poor := range map[int]int{2016: 500, 2017: 430, 2018: 360, 2019: 290, 2020: 220, 2021: 200, 2022: 195, 2023: 190, 2024: 188} {
		w.review(data.Review{UnitID: c, Year: y, Households: i(1000), Poor: i(poor)})
	}
	x := rules.NewIndex(w.ds)
	p := progressOf(t, x.Progress(2024, rules.ProgressOptions{}), "NQ04-NGHEO")
	if p.Value.Value == nil || *p.Value.Value != 7 || p.Met != rules.Yes || p.Value.From != 2016 || p.Value.To != 2020 {
		t.Fatalf("2024: %v %s met %v (from %d to %d); want 7 points a year over 2016–2020, met", p.Value.Value, p.Value.Detail, p.Met, p.Value.From, p.Value.To)
	}
	for _, want := range []string{"năm 2015 chưa có số liệu nên tính từ năm 2016", "riêng năm 2024: giảm 0,2 điểm %"} {
		if !strings.Contains(p.Value.Detail, want) {
			t.Errorf("detail %q lacks %q", p.Value.Detail, want)
		}
	}
	if p.BaselineYear != 2016 || p.Baseline.Value == nil || *p.Baseline.Value != 50 || strings.Contains(p.Sentence, "?") {
		t.Errorf("baseline %d %v; sentence %q", p.BaselineYear, p.Baseline.Value, p.Sentence)
	}
	p19 := progressOf(t, x.Progress(2019, rules.ProgressOptions{}), "NQ04-NGHEO")
	if p19.Value.Value == nil || *p19.Value.Value != 7 || p19.Value.To != 2019 {
		t.Errorf("2019: %v %s", p19.Value.Value, p19.Value.Detail)
	}
}

// TestRecordedClassDifferingFromFigures: where the class worked out from the figures differs from
// the class a decision recorded, the result says so (and names the decision's class); otherwise
// it says nothing more.
func TestRecordedClassDifferingFromFigures(t *testing.T) {
	cases := []struct {
		name string
		a    rules.Assessment
		want string
	}{
		{"differs", rules.Assessment{Status: rules.StatusDecided, Class: data.KV1, Recorded: data.KV2, Year: 2025}, "Quyết định phê duyệt ghi khu vực II, khác với kết quả tính từ số liệu; hãy xem lại số liệu rà soát năm 2025."},
		{"same", rules.Assessment{Status: rules.StatusDecided, Class: data.KV3, Recorded: data.KV3, Year: 2025}, ""},
		{"none recorded", rules.Assessment{Status: rules.StatusDecided, Class: data.KV3, Year: 2025}, ""},
		{"not decided", rules.Assessment{Status: rules.StatusInsufficient, Recorded: data.KV3, Year: 2025}, ""},
	}
	for _, c := range cases {
		if got := rules.RecordedText(c.a); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

// TestAnExitIsJustifiedByWhatWasReached: the exit report's grounds say where each figure stands
// against its line and that the condition to leave is reached, never "không đạt".
func TestAnExitIsJustifiedByWhatWasReached(t *testing.T) {
	cond := func(text, line string, met rules.Tri) rules.Condition {
		return rules.Condition{Text: text, Threshold: line, Met: met}
	}
	cases := []struct {
		name string
		cs   []rules.Condition
		want string
	}{
		{"QĐ33 Art.3(a) not met: under the KV III line", []rules.Condition{cond("Tỷ lệ hộ nghèo 0,6%: không đạt (điều kiện: từ 20%)", "từ 20%", rules.No)},
			"Tỷ lệ hộ nghèo 0,6%, dưới ngưỡng 20%: đạt điều kiện ra khỏi diện ĐBKK."},
		{"QĐ33 Art.3(b) band not met: outside it", []rules.Condition{cond("Tỷ lệ hộ nghèo 2,6%: không đạt (điều kiện: từ 15% đến dưới 20%)", "từ 15% đến dưới 20%", rules.No)},
			"Tỷ lệ hộ nghèo 2,6%, ngoài khoảng từ 15% đến dưới 20%: đạt điều kiện ra khỏi diện ĐBKK."},
		{"a road over a length not met: not over it", []rules.Condition{cond("Đường từ trung tâm huyện đến trung tâm xã dài 12 km: không đạt (điều kiện: trên 20 km)", "trên 20 km", rules.No)},
			"Đường từ trung tâm huyện đến trung tâm xã dài 12 km, không quá ngưỡng 20 km: đạt điều kiện ra khỏi diện ĐBKK."},
		{"QĐ03 a condition to leave that is met: under its line", []rules.Condition{cond("Tỷ lệ hộ nghèo và cận nghèo 9,9%: đạt (điều kiện: dưới 35%)", "dưới 35%", rules.Yes)},
			"Tỷ lệ hộ nghèo và cận nghèo 9,9%, dưới ngưỡng 35%: đạt điều kiện ra khỏi diện ĐBKK."},
		{"a line not yet checked against the decision keeps its note", []rules.Condition{cond("Tỷ lệ hộ nghèo 3,0%: không đạt (điều kiện: từ 20% (ngưỡng chưa đối chiếu))", "từ 20% (ngưỡng chưa đối chiếu)", rules.No)},
			"Tỷ lệ hộ nghèo 3,0%, dưới ngưỡng 20% (ngưỡng chưa đối chiếu): đạt điều kiện ra khỏi diện ĐBKK."},
		{"several grounds, one a line, said once", []rules.Condition{
			cond("Đã được công nhận đạt chuẩn nông thôn mới năm 2022: đạt (điều kiện: được công nhận)", "được công nhận", rules.Yes),
			cond("Đường đến trung tâm xã đã đi lại được quanh năm: không đạt (điều kiện: chưa có đường đi lại được quanh năm)", "chưa có đường đi lại được quanh năm", rules.No)},
			"Đã được công nhận đạt chuẩn nông thôn mới năm 2022;\nđường đến trung tâm xã đã đi lại được quanh năm: đạt điều kiện ra khỏi diện ĐBKK."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := rules.ExitGrounds(c.cs); got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}
