package rules_test

import (
	"strings"
	"testing"

	"ketnghia/data"
	"ketnghia/data/rules"
)

// communeReview is a commune's review with ethnic-minority households at 90% and the auxiliary
// conditions of QĐ 33 Art. 3(b) all unmet, unless the case changes them.
func communeReview(households, poor int) data.Review {
	return data.Review{Year: 2024, Households: i(households), EMHouseholds: i(households * 9 / 10), Poor: i(poor), NearPoor: i(0),
		PoorEM: i(poor / 2), EMPeople15to60: i(1000), EMIlliterate15to60: i(100), EmployedWorkers: i(1000), EmployedUntrained: i(500),
		RoadKm: f(10), RoadUnpavedKm: f(1)}
}

func TestQD33Commune(t *testing.T) {
	cases := []struct {
		name   string
		edit   func(r *data.Review, u *data.Unit)
		class  data.AreaClass
		status string
		text   string // a sentence expected among the lacks or missing
	}{
		{"QĐ33 Art.3(a): 20,00% is KV III", func(r *data.Review, u *data.Unit) { *r = communeReview(10000, 2000) }, data.KV3, rules.StatusDecided, "cần dưới 20%"},
		{"QĐ33 Art.3(b): 19,99% with no auxiliary condition is KV II", func(r *data.Review, u *data.Unit) { *r = communeReview(10000, 1999) }, data.KV2, rules.StatusDecided, "để được công nhận khu vực I cần dưới 10%"},
		{"QĐ33 Art.3(b): exactly 15% + 60,7% ethnic-minority poor is KV III", func(r *data.Review, u *data.Unit) {
			*r = communeReview(1000, 150)
			r.PoorEM = i(91)
		}, data.KV3, rules.StatusDecided, "không còn điều kiện phụ"},
		{"QĐ33 Art.3(b): exactly 60% ethnic-minority poor is not more than 60%", func(r *data.Review, u *data.Unit) {
			*r = communeReview(1000, 150)
			r.PoorEM = i(90)
		}, data.KV2, rules.StatusDecided, ""},
		{"QĐ33 Art.3(b): 14,99% + every auxiliary condition is not KV III", func(r *data.Review, u *data.Unit) {
			*r = communeReview(10000, 1499)
			r.PoorEM, r.EMIlliterate15to60, r.EmployedUntrained, r.RoadKm, r.RoadUnpavedKm = i(1499), i(500), i(900), f(40), f(30)
		}, data.KV2, rules.StatusDecided, ""},
		{"QĐ33 Art.3(b): 17% + exactly 20% illiterate is KV III", func(r *data.Review, u *data.Unit) {
			*r = communeReview(1000, 170)
			r.EMIlliterate15to60 = i(200)
		}, data.KV3, rules.StatusDecided, ""},
		{"QĐ33 Art.3(b): 17% + exactly 80% short training is not more than 80%", func(r *data.Review, u *data.Unit) {
			*r = communeReview(1000, 170)
			r.EmployedUntrained = i(800)
		}, data.KV2, rules.StatusDecided, ""},
		{"QĐ33 Art.3(b): 17% + 80,1% short training is KV III", func(r *data.Review, u *data.Unit) {
			*r = communeReview(1000, 170)
			r.EmployedUntrained = i(801)
		}, data.KV3, rules.StatusDecided, ""},
		{"QĐ33 Art.3(b): 17% + road exactly 20 km with exactly 50% unpaved is not enough", func(r *data.Review, u *data.Unit) {
			*r = communeReview(1000, 170)
			r.RoadKm, r.RoadUnpavedKm = f(20), f(10)
		}, data.KV2, rules.StatusDecided, ""},
		{"QĐ33 Art.3(b): 17% + road 20,5 km with 50,5% unpaved is KV III", func(r *data.Review, u *data.Unit) {
			*r = communeReview(1000, 170)
			r.RoadKm, r.RoadUnpavedKm = f(20.5), f(20.5*0.505)
		}, data.KV3, rules.StatusDecided, ""},
		{"QĐ33 Art.3(b): 17% + long road mostly paved is not enough", func(r *data.Review, u *data.Unit) {
			*r = communeReview(1000, 170)
			r.RoadKm, r.RoadUnpavedKm = f(35), f(5)
		}, data.KV2, rules.StatusDecided, ""},
		{"QĐ33 Art.5: 9,99% is KV I", func(r *data.Review, u *data.Unit) { *r = communeReview(10000, 999) }, data.KV1, rules.StatusDecided, ""},
		{"QĐ33 Art.5: exactly 10% is KV II", func(r *data.Review, u *data.Unit) { *r = communeReview(1000, 100) }, data.KV2, rules.StatusDecided, "Tỷ lệ hộ nghèo 10,0%; để được công nhận khu vực I cần dưới 10%"},
		{"QĐ861: a commune recognised as NTM is KV I even at 30%", func(r *data.Review, u *data.Unit) {
			*r = communeReview(1000, 300)
			u.NTMYear = i(2023)
		}, data.KV1, rules.StatusDecided, ""},
		{"QĐ33 Art.3: NTM recognised after the year does not count yet", func(r *data.Review, u *data.Unit) {
			*r = communeReview(1000, 300)
			u.NTMYear = i(2025)
		}, data.KV3, rules.StatusDecided, ""},
		{"QĐ33 Art.2: under 15% ethnic-minority households is outside the area", func(r *data.Review, u *data.Unit) {
			*r = communeReview(1000, 300)
			r.EMHouseholds, r.PoorEM = i(149), i(100)
		}, "", rules.StatusOutside, "dưới 15%"},
		{"QĐ33 Art.2: exactly 15% ethnic-minority households is inside", func(r *data.Review, u *data.Unit) {
			*r = communeReview(1000, 300)
			r.EMHouseholds, r.PoorEM = i(150), i(100)
		}, data.KV3, rules.StatusDecided, ""},
		{"missing data: no poor households count is không đủ dữ liệu", func(r *data.Review, u *data.Unit) {
			*r = communeReview(1000, 0)
			r.Poor, r.PoorEM = nil, nil
		}, "", rules.StatusInsufficient, "số hộ nghèo"},
		{"missing data: 17% with the auxiliary inputs unknown is không đủ dữ liệu", func(r *data.Review, u *data.Unit) {
			*r = communeReview(1000, 170)
			r.EMIlliterate15to60, r.EmployedWorkers, r.RoadKm = nil, nil, nil
		}, "", rules.StatusInsufficient, "số lao động"},
		{"missing data: 17% with one auxiliary condition met is decided despite unknowns", func(r *data.Review, u *data.Unit) {
			*r = communeReview(1000, 170)
			r.PoorEM = i(150)
			r.EMIlliterate15to60, r.EmployedWorkers, r.RoadKm = nil, nil, nil
		}, data.KV3, rules.StatusDecided, ""},
		{"missing data: 25% is KV III whatever else is unknown", func(r *data.Review, u *data.Unit) {
			*r = data.Review{Year: 2024, Households: i(1000), EMHouseholds: i(900), Poor: i(250)}
		}, data.KV3, rules.StatusDecided, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newWorld(t)
			id := w.commune("Văn Lem")
			var r data.Review
			c.edit(&r, w.get(id))
			r.UnitID, r.Year = id, 2024
			w.review(r)
			a := w.assess(id, 2024, "QD33-2020")
			if a.Class != c.class || a.Status != c.status {
				t.Fatalf("class %q status %s, want %q %s\n%s", a.Class, a.Status, c.class, c.status, conditionTexts(a))
			}
			if want := c.class != data.KV3; c.status == rules.StatusDecided && (a.MeetsExit == rules.Yes) != want {
				t.Errorf("meets exit = %v", a.MeetsExit)
			}
			if c.text != "" && !strings.Contains(strings.Join(a.Lacks, "\n"), c.text) {
				t.Errorf("lacks %q, want a sentence with %q", a.Lacks, c.text)
			}
			if c.status == rules.StatusInsufficient && !strings.HasPrefix(a.Lacks[0], "Không đủ dữ liệu: thiếu ") {
				t.Errorf("insufficient data must say so and name the fields: %q", a.Lacks)
			}
		})
	}
}

func conditionTexts(a rules.Assessment) string {
	var out []string
	for _, c := range a.Conditions {
		out = append(out, c.Text)
	}
	return strings.Join(out, "\n")
}

func TestQD33Village(t *testing.T) {
	base := func(h, poor int) data.Review {
		return data.Review{Year: 2024, Households: i(h), EMHouseholds: i(h), Poor: i(poor), NearPoor: i(0), PoorEM: i(poor / 2),
			GridHouseholds: i(h), RoadAllYear: b(true)}
	}
	cases := []struct {
		name  string
		r     data.Review
		class data.AreaClass
	}{
		{"QĐ33 Art.6(a): 20% is an ĐBKK village", base(100, 20), data.DBKK},
		{"QĐ33 Art.6(b): 19,99% with nothing else is not", base(10000, 1999), data.NotDBKK},
		{"QĐ33 Art.6(b): exactly 15% + no all-year road is ĐBKK", func() data.Review { r := base(100, 15); r.RoadAllYear = b(false); return r }(), data.DBKK},
		{"QĐ33 Art.6(b): 15% + exactly 30% off the grid is not", func() data.Review { r := base(100, 15); r.GridHouseholds = i(70); return r }(), data.NotDBKK},
		{"QĐ33 Art.6(b): 15% + 31% off the grid is ĐBKK", func() data.Review { r := base(100, 15); r.GridHouseholds = i(69); return r }(), data.DBKK},
		{"QĐ33 Art.6(b): 15% + no grid at all is ĐBKK", func() data.Review { r := base(100, 15); r.GridHouseholds = i(0); return r }(), data.DBKK},
		{"QĐ33 Art.6(b): 15% + 61% ethnic-minority poor is ĐBKK", func() data.Review {
			r := base(1000, 150)
			r.PoorEM = i(92)
			return r
		}(), data.DBKK},
		{"QĐ33 Art.6(b): 14,9% + no road is not", func() data.Review { r := base(1000, 149); r.RoadAllYear = b(false); return r }(), data.NotDBKK},
		{"missing data: 16% without the road answer", func() data.Review { r := base(100, 16); r.RoadAllYear = nil; return r }(), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newWorld(t)
			v := w.village(w.commune("A"), "1")
			c.r.UnitID = v
			w.review(c.r)
			a := w.assess(v, 2024, "QD33-2020")
			if a.Class != c.class {
				t.Fatalf("class %q (%s), want %q\n%s", a.Class, a.Status, c.class, conditionTexts(a))
			}
			if c.class == "" && (a.Status != rules.StatusInsufficient || !strings.Contains(a.Lacks[0], "đường đến trung tâm xã")) {
				t.Errorf("missing road answer: %s %q", a.Status, a.Lacks)
			}
		})
	}
}

func TestQD03Leaving(t *testing.T) {
	cases := []struct {
		name               string
		households, poor   int
		near               int
		road, school, done bool // NTM criteria 2 and 5 met; health criteria met
		ntm                bool
		noResult           bool
		want               rules.Tri
		lack               string
	}{
		{"QĐ03: recognised NTM leaves whatever the figures", 100, 40, 20, false, false, false, true, false, rules.Yes, ""},
		{"QĐ03: 34,9% poor+near, 19,9% poor, road, school, health: leaves", 1000, 199, 150, true, true, true, false, false, rules.Yes, ""},
		{"QĐ03: exactly 35% poor+near does not leave", 1000, 199, 151, true, true, true, false, false, rules.No, "Tỷ lệ hộ nghèo và cận nghèo 35,0%, cần dưới 35%"},
		{"QĐ03: exactly 20% poor does not leave", 1000, 200, 100, true, true, true, false, false, rules.No, "cần dưới 20%"},
		{"QĐ03: school criterion unmet does not leave", 1000, 100, 100, true, false, true, false, false, rules.No, "Chưa đạt tiêu chí số 5 (Trường học)"},
		{"QĐ03: health criteria unmet does not leave", 1000, 100, 100, true, true, false, false, false, rules.No, "Chưa đạt Bộ tiêu chí quốc gia về y tế xã"},
		{"missing data: no NTM criteria results", 1000, 100, 100, true, true, true, false, true, rules.Unknown, "kết quả tiêu chí NTM số 2"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newWorld(t)
			id := w.commune("B")
			u := w.get(id)
			if c.ntm {
				u.NTMYear = i(2019)
			}
			if c.done {
				u.HealthYear = i(2018)
			}
			w.review(data.Review{UnitID: id, Year: 2019, Households: i(c.households), Poor: i(c.poor), NearPoor: i(c.near)})
			if !c.noResult {
				s := map[int]float64{}
				for n := 1; n <= 19; n++ {
					s[n] = 1
				}
				if !c.road {
					s[2] = 0
				}
				if !c.school {
					s[5] = 0
				}
				w.result(id, "NTM-XA-2016", 2019, s)
			}
			a := w.assess(id, 2019, "QD03-2019")
			if a.MeetsExit != c.want {
				t.Fatalf("meets exit %v, want %v\n%s", a.MeetsExit, c.want, conditionTexts(a))
			}
			if c.lack != "" && !strings.Contains(strings.Join(a.Lacks, "\n"), c.lack) {
				t.Errorf("lacks %q, want %q", a.Lacks, c.lack)
			}
		})
	}
}

func TestQD50(t *testing.T) {
	// Four villages; the commune is KV III when at least 35% of them are ĐBKK and its poor +
	// near-poor reach 65% with poor at 35%.
	cases := []struct {
		name     string
		dbkk     int // villages with 50% poor and 20% near-poor (ĐBKK by Art. 2(1))
		poor     int // commune-wide poor and near-poor per 100 households in the other villages
		near     int
		want     data.AreaClass
		insuffic bool
	}{
		{"QĐ50 Art.2(1) and Art.4: 2 of 4 ĐBKK villages (50%) + 65%/35% is KV III", 2, 40, 30, data.KV3, false},
		{"QĐ50 Art.4: 1 of 4 ĐBKK villages (25%) is not KV III, the others by their recorded class", 1, 34, 30, data.KV2, false},
		{"QĐ50 Art.4: 2 of 4 ĐBKK villages but 60% poor+near needs the unkept conditions", 2, 30, 15, "", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newWorld(t)
			id := w.commune("C")
			for k := 0; k < 4; k++ {
				v := w.village(id, string(rune('A'+k)))
				r := data.Review{UnitID: v, Year: 2018, Households: i(100), Poor: i(c.poor), NearPoor: i(c.near)}
				if k < c.dbkk {
					r.Poor, r.NearPoor = i(50), i(20)
				} else if c.poor+c.near >= 55 {
					// 55–65%: the village factors are not kept, so the decision's list answers.
					w.classify(v, "QD50-2016", 2016, 2020, data.NotDBKK)
				}
				w.review(r)
			}
			a := w.assess(id, 2018, "QD50-2016")
			if c.insuffic {
				if a.Status != rules.StatusInsufficient {
					t.Fatalf("status %s class %s, want insufficient\n%s", a.Status, a.Class, conditionTexts(a))
				}
				return
			}
			if a.Class != c.want {
				t.Fatalf("class %q (%s), want %q\n%s", a.Class, a.Status, c.want, conditionTexts(a))
			}
		})
	}
	t.Run("QĐ50 Art.2(1): 65% with 35% poor is ĐBKK, 64% is not", func(t *testing.T) {
		w := newWorld(t)
		c := w.commune("D")
		v1, v2 := w.village(c, "1"), w.village(c, "2")
		w.review(data.Review{UnitID: v1, Year: 2018, Households: i(100), Poor: i(35), NearPoor: i(30)})
		w.review(data.Review{UnitID: v2, Year: 2018, Households: i(100), Poor: i(35), NearPoor: i(19)})
		if a := w.assess(v1, 2018, "QD50-2016"); a.Class != data.DBKK {
			t.Errorf("65%%: %q %s", a.Class, a.Status)
		}
		if a := w.assess(v2, 2018, "QD50-2016"); a.Class != data.NotDBKK {
			t.Errorf("54%%: %q %s", a.Class, a.Status)
		}
	})
}

func TestDefaultRuleSetByYear(t *testing.T) {
	w := newWorld(t)
	x := rules.NewIndex(w.ds)
	for year, want := range map[int]string{2016: "QD50-2016", 2020: "QD50-2016", 2021: "QD33-2020", 2025: "QD33-2020", 2026: "ND272-2025"} {
		_, rs, err := x.Assess(year, rules.AssessOptions{})
		if err != nil || rs.Code != want {
			t.Errorf("%d: %v %v, want %s", year, rs, err, want)
		}
	}
	if _, _, err := x.Assess(2010, rules.AssessOptions{}); err == nil {
		t.Error("no rule set covers 2010")
	}
	if _, _, err := x.Assess(2024, rules.AssessOptions{RuleSet: "QD99"}); err == nil || !strings.Contains(data.Message(err), "QD33-2020") {
		t.Errorf("unknown rule set: %v", err)
	}
	nd := x.RuleSet("ND272-2025")
	if len(nd.Unverified) == 0 {
		t.Error("the 2026–2030 thresholds must be marked unverified")
	}
	w2 := newWorld(t)
	id := w2.commune("E")
	w2.review(data.Review{UnitID: id, Year: 2026, Households: i(100), EMHouseholds: i(100), Poor: i(25)})
	a := w2.assess(id, 2026, "")
	if !strings.Contains(a.Conditions[2].Threshold, "chưa đối chiếu") {
		t.Errorf("unverified threshold not shown: %q", a.Conditions[2].Threshold)
	}
}
