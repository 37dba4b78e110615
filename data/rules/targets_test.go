package rules_test

import (
	"context"
	"math"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"ketnghia/data"
	"ketnghia/data/datatest"
	"ketnghia/data/rules"
	"ketnghia/data/sample"
)

func progressOf(t *testing.T, ps []rules.TargetProgress, code string) rules.TargetProgress {
	t.Helper()
	for _, p := range ps {
		if p.Code == code {
			return p
		}
	}
	t.Fatalf("no target %s", code)
	return rules.TargetProgress{}
}

func TestTargetsByHand(t *testing.T) {
	w := newWorld(t)
	// Four baseline ĐBKK communes (QĐ 582/2017 list) and one that never was.
	var kv3 []string
	for _, n := range []string{"A", "B", "C", "D"} {
		id := w.commune(n)
		w.classify(id, "QD50-2016", 2016, 2020, data.KV3)
		kv3 = append(kv3, id)
	}
	other := w.commune("E")
	w.classify(other, "QD50-2016", 2016, 2020, data.KV1)
	w.get(kv3[0]).LeftDBKKYear = i(2019)                  // left by decision in 2019
	w.classify(kv3[1], "QD33-2020", 2021, 2025, data.KV2) // not on the 2021 list
	w.get(kv3[2]).NTMYear = i(2024)                       // NTM in 2024
	// Poverty of the four: 2019 40%, 2020 33,5% → a fall of 6,5 points.
	for k, id := range kv3 {
		w.review(data.Review{UnitID: id, Year: 2019, Households: i(100), Poor: i(40)})
		w.review(data.Review{UnitID: id, Year: 2020, Households: i(100), Poor: i([]int{34, 33, 34, 33}[k])})
	}
	// Health: three of five communes by 2020.
	for _, id := range []string{kv3[0], kv3[1], other} {
		w.get(id).HealthYear = i(2018)
	}
	// Villages: 3 with a chi bộ of 4 known; 2 of 3 ethnic-minority villages NTM by 2025.
	for k, pc := range []bool{true, true, false, true} {
		v := w.village(kv3[k], "1")
		w.review(data.Review{UnitID: v, Year: 2020, PartyCell: b(pc)})
		if k < 3 {
			w.get(v).EthnicMinority = true
		}
		if k < 2 {
			w.get(v).NTMYear = i(2022)
		}
	}
	x := rules.NewIndex(w.ds)
	p2020 := x.Progress(2020, rules.ProgressOptions{})
	cases := []struct {
		code  string
		value float64
		met   rules.Tri
	}{
		{"NQ04-DBKK-2020", 25, rules.No},  // 1/4 left by 2020: not above 30%
		{"NQ04-NGHEO", 6.5, rules.Yes},    // 40% → 33,5%
		{"NQ04-YTE-2020", 60, rules.No},   // 3/5
		{"NQ04-CHIBO-2020", 75, rules.No}, // 3/4
		{"CT-NTM-THON-2025", 0, rules.No}, // none by 2020
	}
	for _, c := range cases {
		p := progressOf(t, p2020, c.code)
		if p.Value.Value == nil || math.Abs(*p.Value.Value-c.value) > 1e-9 || p.Met != c.met {
			t.Errorf("%s 2020 = %v (%s) met %v; want %v met %v", c.code, p.Value.Value, p.Value.Detail, p.Met, c.value, c.met)
		}
	}
	p2025 := x.Progress(2025, rules.ProgressOptions{})
	if p := progressOf(t, p2025, "NQ04-DBKK-2025"); *p.Value.Value != 75 || p.Met != rules.Yes {
		t.Errorf("2025: %s met %v; want 3/4 (decision, 2021 list, NTM) above 50%%", p.Value.Detail, p.Met)
	}
	if p := progressOf(t, p2025, "CT-NTM-THON-2025"); math.Abs(*p.Value.Value-200.0/3) > 1e-9 || p.Met != rules.Yes {
		t.Errorf("NTM villages 2025 = %s", p.Value.Detail)
	}
	if p := progressOf(t, p2025, "NQ04-YTE-2020"); !p.Overdue || progressOf(t, p2025, "NQ04-DBKK-2020").Overdue {
		t.Error("a 2020 target still unmet in 2025 is overdue")
	}
	p := progressOf(t, p2020, "NQ04-DBKK-2020")
	if p.Baseline.Detail != "0/4 xã" || p.BaselineYear != 2016 {
		t.Errorf("baseline = %+v", p.Baseline)
	}
	if len(p.Districts) != 1 || p.Districts[0].Value.Detail != "1/4 xã" {
		t.Errorf("by district = %+v", p.Districts)
	}
}

func TestMergeFollowedThroughSuccessors(t *testing.T) {
	w := newWorld(t)
	prov := w.ds.Units[0].ID
	old1, old2 := w.commune("Cũ Một"), w.commune("Cũ Hai")
	merge := data.D(2025, 7, 1)
	for _, id := range []string{old1, old2, w.district()} {
		w.get(id).ClosedOn = merge
	}
	w.classify(old1, "QD50-2016", 2016, 2020, data.KV3)
	w.classify(old1, "QD33-2020", 2021, 2025, data.KV3)
	nu := w.unit(data.LevelCommune, "Xã", "Xã Mới", prov, data.Date{})
	w.get(nu).OpenedOn = merge
	w.get(nu).NTMYear = i(2025) // the new commune is recognised NTM in 2025
	for _, id := range []string{old1, old2} {
		l := data.UnitLink{PredecessorID: id, SuccessorID: nu, EffectiveOn: merge, Kind: data.LinkMerge}
		l.ID = w.id()
		w.ds.Links = append(w.ds.Links, l)
	}
	// Villages: two under each old commune, moved to the new one on 1/7/2025.
	var vs []string
	for _, c := range []string{old1, old2} {
		for k := 0; k < 2; k++ {
			v := w.village(c, string(rune('1'+k)))
			mv := data.UnitMove{UnitID: v, FromParentID: c, ToParentID: nu, MovedOn: merge}
			mv.ID = w.id()
			w.ds.Moves = append(w.ds.Moves, mv)
			w.get(v).ParentID = nu
			w.review(data.Review{UnitID: v, Year: 2024, Households: i(100), Poor: i(30)})
			w.review(data.Review{UnitID: v, Year: 2025, Households: i(100), Poor: i(20 + 5*k)})
			vs = append(vs, v)
		}
	}
	w.review(data.Review{UnitID: old1, Year: 2024, Households: i(200), Poor: i(60)})
	w.review(data.Review{UnitID: old2, Year: 2024, Households: i(200), Poor: i(60)})
	w.review(data.Review{UnitID: nu, Year: 2025, Households: i(400), Poor: i(90)})
	x := rules.NewIndex(w.ds)

	if got := x.LeftDBKK(w.get(old1), 2024); got != rules.No {
		t.Errorf("2024: old commune still KV III, got %v", got)
	}
	if got := x.LeftDBKK(w.get(old1), 2025); got != rules.Yes {
		t.Errorf("2025: merged into an NTM commune, so it has left; got %v", got)
	}
	// Figures on the old units: a closed commune is the sum of the villages it had.
	c := x.UnitCounts(w.get(old1), 2025)
	if *c.Households != 200 || *c.Poor != 45 {
		t.Errorf("old commune 2025 = %d/%d, want 45/200 from its villages", *c.Poor, *c.Households)
	}
	// …and on the new one: its own review.
	if c := x.UnitCounts(w.get(nu), 2025); *c.Poor != 90 {
		t.Errorf("new commune 2025 poor = %d", *c.Poor)
	}
	// The year before, on the new commune's territory: its villages' 2024 reviews.
	s := x.Summarise([]*data.Unit{w.get(nu)}, 2025, "", 2016)
	if s.PovertyChangePP == nil || math.Abs(*s.PovertyChangePP-(22.5-30)) > 1e-9 {
		t.Errorf("change on the new territory = %v, want -7,5 points", s.PovertyChangePP)
	}
	if s.Villages != 4 {
		t.Errorf("new commune has %d villages", s.Villages)
	}
	if p := x.ParentAt(w.get(vs[0]), data.D(2025, 6, 30)); p.ID != old1 {
		t.Errorf("parent on 30/6/2025 = %s", p.Name)
	}
	if d := x.DistrictDate(2025); d != data.D(2025, 6, 30) {
		t.Errorf("district date 2025 = %s", d)
	}
	olds := x.CommunesOf(w.district(), 2025)
	if len(olds) != 2 {
		t.Errorf("communes of the abolished district in 2025 = %d, want the 2 old ones", len(olds))
	}
}

func TestCriteriaCounting(t *testing.T) {
	w := newWorld(t)
	id := w.commune("F")
	// Health (QĐ 1300): 10 criteria of 10 points; met at 80 in total and 5 in each.
	all8 := map[int]float64{}
	oneLow := map[int]float64{}
	for n := 1; n <= 10; n++ {
		all8[n], oneLow[n] = 8, 10
	}
	oneLow[3] = 4 // 94 points but one criterion under half
	w.result(id, "YTE-XA-2030", 2023, all8)
	w.result(id, "YTE-XA-2030", 2024, oneLow)
	x := rules.NewIndex(w.ds)
	if st := x.Criteria(id, "YTE-XA-2030", 2023); st.Passed != rules.Yes || st.Met != 10 || *st.Points != 80 {
		t.Errorf("QĐ1300: 80 points, all ≥ 50%%: %+v", st)
	}
	st := x.Criteria(id, "YTE-XA-2030", 2024)
	if st.Passed != rules.No || st.Met != 9 || len(st.Unmet) != 1 || st.Unmet[0].Number != 3 {
		t.Errorf("QĐ1300: one criterion under 50%% fails: %+v", st)
	}
	if x.HealthMet(w.get(id), 2023) != rules.Yes || x.HealthMet(w.get(id), 2024) != rules.No {
		t.Error("HealthMet must follow the points")
	}
	w.result(id, "NTM-XA-2021", 2024, map[int]float64{1: 1, 2: 0, 3: 1})
	x = rules.NewIndex(w.ds)
	nt := x.Criteria(id, "NTM-XA-2021", 2024)
	if nt.Total != 19 || nt.Met != 2 || len(nt.Unmet) != 1 || len(nt.Unknown) != 16 || nt.Passed != rules.No {
		t.Errorf("NTM 2024: %+v", nt)
	}
	if names := nt.UnmetNames(); len(names) != 1 || names[0] != "2. Giao thông" {
		t.Errorf("unmet = %v", names)
	}
}

// TestRatesStayInRange: over generated valid reviews, no rate is below 0 or above 100, and sums of
// counts are the sums of their parts.
func TestRatesStayInRange(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 2000; trial++ {
		n := 1 + rng.IntN(8)
		var parts []rules.Counts
		total := 0
		for k := 0; k < n; k++ {
			h := rng.IntN(500)
			poor := rng.IntN(h + 1)
			near := rng.IntN(h - poor + 1)
			em := rng.IntN(h + 1)
			pem := rng.IntN(min(poor, em) + 1)
			grid := rng.IntN(h + 1)
			total += h
			parts = append(parts, rules.CountsOf(&data.Review{Households: i(h), Poor: i(poor), NearPoor: i(near), EMHouseholds: i(em), PoorEM: i(pem), GridHouseholds: i(grid)}))
		}
		sum := parts[0]
		for _, p := range parts[1:] {
			sum = sum.Add(p)
		}
		if *sum.Households != total {
			t.Fatalf("sum of households %d, want %d", *sum.Households, total)
		}
		for _, c := range append(parts, sum) {
			for name, r := range map[string]*float64{"poverty": c.PovertyRate(), "near": c.NearPovertyRate(), "poor+near": c.PoorNearRate(),
				"em": c.EMShare(), "poor em": c.PoorEMShare(), "grid": c.GridShare(), "grid off": c.GridOffShare()} {
				if r != nil && (*r < 0 || *r > 100 || math.IsNaN(*r)) {
					t.Fatalf("%s rate %v out of range for %+v", name, *r, c)
				}
			}
			if *c.Households == 0 && c.PovertyRate() != nil {
				t.Fatal("a rate over zero households must be unknown, not a number")
			}
		}
	}
}

func TestAggregatesEqualTheSumOfTheirParts(t *testing.T) {
	s := datatest.MustOpen(t)
	ctx := context.Background()
	if err := sample.Load(ctx, s, sample.Province, 3); err != nil {
		t.Fatal(err)
	}
	ds, err := s.Dataset(ctx)
	if err != nil {
		t.Fatal(err)
	}
	x := rules.NewIndex(ds)
	for _, year := range []int{2016, 2020, 2024, 2025} {
		province := x.Summarise(x.CommunesOf("", year), year, "", 2016)
		var households, poor, villages, communes, left int
		for _, d := range x.UnitsAt(data.LevelDistrict, x.DistrictDate(year)) {
			ds := x.Summarise(x.CommunesOf(d.ID, year), year, "", 2016)
			households += *ds.Counts.Households
			poor += *ds.Counts.Poor
			villages += ds.Villages
			communes += ds.Communes
			left += ds.LeftDBKK
		}
		if households != *province.Counts.Households || poor != *province.Counts.Poor || villages != province.Villages {
			t.Errorf("%d: districts add to %d households, %d poor, %d villages; province %d, %d, %d",
				year, households, poor, villages, *province.Counts.Households, *province.Counts.Poor, province.Villages)
		}
		if year < 2025 && (communes != province.Communes || left != province.LeftDBKK) {
			t.Errorf("%d: districts add to %d communes (%d left), province %d (%d)", year, communes, left, province.Communes, province.LeftDBKK)
		}
		if year == 2025 && (province.Communes != 40 || communes != 102) {
			t.Errorf("2025: %d new communes overall, %d old ones by district; want 40 and 102", province.Communes, communes)
		}
		if province.PovertyRate == nil || *province.PovertyRate <= 0 || *province.PovertyRate >= 100 {
			t.Errorf("%d: province poverty rate %v", year, province.PovertyRate)
		}
	}
	ps := x.Progress(2025, rules.ProgressOptions{})
	if len(ps) != 6 {
		t.Fatalf("%d targets", len(ps))
	}
	for _, p := range ps {
		if p.Value.Value == nil {
			t.Errorf("%s has no value in 2025: %s", p.Code, p.Value.Detail)
		}
		if len(p.Districts) != 10 {
			t.Errorf("%s: %d districts in 2025 (the old ones)", p.Code, len(p.Districts))
		}
	}
	as, _, err := x.Assess(2025, rules.AssessOptions{})
	if err != nil {
		t.Fatal(err)
	}
	kv3 := 0
	for _, a := range as {
		if a.Class == data.KV3 {
			kv3++
		}
	}
	if kv3 == 0 {
		t.Error("the sample should have KV III communes in 2025")
	}
}

// TestHealthAfterTheReform: a commune without a result of the year keeps its latest one; a commune
// the 2025 merger made takes that of the communes merged into it until it has its own; one with
// nothing to go on is unknown, and the target is then not judged "not met".
func TestHealthAfterTheReform(t *testing.T) {
	w := newWorld(t)
	all8 := map[int]float64{}
	low := map[int]float64{}
	for n := 1; n <= 10; n++ {
		all8[n], low[n] = 8, 2
	}
	reform := data.D(2025, 7, 1)
	a := w.unit(data.LevelCommune, "Xã", "Xã A", w.district(), reform)
	b := w.unit(data.LevelCommune, "Xã", "Xã B", w.district(), reform)
	c := w.unit(data.LevelCommune, "Xã", "Xã C", w.district(), reform)
	w.result(a, "YTE-XA-2030", 2024, all8)
	w.result(b, "YTE-XA-2030", 2024, all8)
	w.result(c, "YTE-XA-2030", 2024, low)
	newUnit := func(name string, preds ...string) string {
		id := w.unit(data.LevelCommune, "Xã", name, w.ds.Units[0].ID, data.Date{})
		w.get(id).OpenedOn = reform
		for _, p := range preds {
			w.ds.Links = append(w.ds.Links, data.UnitLink{Meta: data.Meta{ID: w.id()}, PredecessorID: p, SuccessorID: id, EffectiveOn: reform, Kind: data.LinkMerge})
		}
		return id
	}
	ab := newUnit("Xã AB", a, b)
	withC := newUnit("Xã AC", c)
	own := newUnit("Xã Riêng")
	bare := newUnit("Xã Trống")
	w.result(own, "YTE-XA-2030", 2025, all8)
	x := rules.NewIndex(w.ds)
	cases := []struct {
		name      string
		unit      string
		year      int
		met       rules.Tri
		from      int
		inherited bool
	}{
		{"merged from two that met: met, inherited", ab, 2026, rules.Yes, 0, true},
		{"merged from one that did not: not met, inherited", withC, 2025, rules.No, 0, true},
		{"own 2025 result carried to 2026", own, 2026, rules.Yes, 2025, false},
		{"own result of the year", own, 2025, rules.Yes, 0, false},
		{"nothing to go on: unknown, never not met", bare, 2026, rules.Unknown, 0, false},
		{"an old commune keeps its last result to its end", a, 2025, rules.Yes, 2024, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := x.Health(w.get(c.unit), c.year)
			if h.Met != c.met || h.From != c.from || h.Inherited != c.inherited {
				t.Errorf("%+v, want met %v from %d inherited %v", h, c.met, c.from, c.inherited)
			}
		})
	}
	// The province's four new communes in 2026: 2 met, 1 not, 1 unknown → not "not met" while the
	// unknown one could still decide nothing (100% is out of reach with one not met).
	p := progressOf(t, x.Progress(2026, rules.ProgressOptions{}), "NQ04-YTE-2020")
	if p.Value.Unknown != 1 || p.Value.Num != 2 || p.Value.Den != 3 || p.Met != rules.No || !strings.Contains(p.Value.Detail, "1 xã chưa có kết quả") {
		t.Errorf("health 2026: %+v", p.Value)
	}
}

// TestTheYearsTargetsAreCountedByWhetherTheyAreDue: the progress report's first sentence counts
// the targets due by the year apart from those not yet due ("0 trong 6 chỉ tiêu đã đạt" read as a
// failure in a year when none was due), and a target missed in its deadline year is "chưa đạt khi
// đến hạn", not "còn trong hạn".
func TestTheYearsTargetsAreCountedByWhetherTheyAreDue(t *testing.T) {
	tp := func(deadline int, met rules.Tri) rules.TargetProgress {
		return rules.TargetProgress{Deadline: deadline, Met: met}
	}
	cases := []struct {
		name string
		year int
		ps   []rules.TargetProgress
		want string
	}{
		{"none due, none met early", 2018, []rules.TargetProgress{tp(2020, rules.No), tp(2025, rules.No)},
			"Năm 2018, 2 chỉ tiêu chưa đến hạn (hạn năm 2020, 2025): chưa chỉ tiêu nào đạt sớm."},
		{"due and not due, some met", 2024, []rules.TargetProgress{tp(2020, rules.Yes), tp(2020, rules.No), tp(2025, rules.Yes)},
			"Năm 2024, 2 chỉ tiêu đã đến hạn (hạn năm 2020): 1 đã đạt, 1 chưa đạt; 1 chỉ tiêu chưa đến hạn (hạn năm 2025): đã đạt."},
		{"every due target met", 2025, []rules.TargetProgress{tp(2020, rules.Yes), tp(2025, rules.Yes)},
			"Năm 2025, 2 chỉ tiêu đã đến hạn (hạn năm 2020, 2025): cả 2 đều đã đạt."},
		{"due, none met", 2020, []rules.TargetProgress{tp(2020, rules.No), tp(2020, rules.Unknown)},
			"Năm 2020, 2 chỉ tiêu đã đến hạn (hạn năm 2020): chưa chỉ tiêu nào đạt."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := rules.ProgressCounts(c.ps, c.year); got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}

	ds := provinceDataset(t)
	x := rules.NewIndex(ds)
	for _, p := range x.Progress(2020, rules.ProgressOptions{}) {
		if p.Deadline == 2020 && p.Met == rules.No && p.Status != "Chưa đạt khi đến hạn" {
			t.Errorf("2020, %s due in 2020 and missed: %q", p.Name, p.Status)
		}
		if p.Deadline > 2020 && p.Met == rules.No && p.Status != "Chưa đạt, còn trong hạn" {
			t.Errorf("2020, %s due in %d: %q", p.Name, p.Deadline, p.Status)
		}
	}
	for _, p := range x.Progress(2024, rules.ProgressOptions{}) {
		if p.Metric == rules.MetricPovertyFall {
			if p.Value.Period(2024) != "bình quân 2016–2020" || p.Value.YearFall == nil || math.Abs(*p.Value.YearFall-2.2) > 0.05 {
				t.Errorf("2024 poverty fall: %s, year's fall %v", p.Value.Period(2024), p.Value.YearFall)
			}
		} else if p.Value.Period(2024) != "năm 2024" {
			t.Errorf("2024 %s: %s", p.Name, p.Value.Period(2024))
		}
	}
}

// TestTheRateNoteSumsBeforeItDivides: the note on how rates are computed gives the province's
// poverty rate as the poor summed over the communes divided by their households summed (10,8% in
// 2024 on the sample) beside the mean of the communes' rates (11,1%), both recomputed here.
func TestTheRateNoteSumsBeforeItDivides(t *testing.T) {
	ds := provinceDataset(t)
	communes := map[string]bool{}
	for _, u := range ds.Units {
		if u.Level == data.LevelCommune {
			communes[u.ID] = true
		}
	}
	var poor, households int
	var sum float64
	n := 0
	for _, r := range ds.Reviews {
		if r.Year == 2024 && communes[r.UnitID] && r.Poor != nil && r.Households != nil {
			poor += *r.Poor
			households += *r.Households
			sum += float64(*r.Poor) * 100 / float64(*r.Households)
			n++
		}
	}
	pc := func(x float64) string { return strings.Replace(strconv.FormatFloat(x, 'f', 1, 64), ".", ",", 1) + "%" }
	note := rules.NewIndex(ds).RateNote(2024)
	for _, want := range []string{pc(float64(poor) * 100 / float64(households)), "trung bình cộng tỷ lệ của " + strconv.Itoa(n) + " xã là " + pc(sum/float64(n))} {
		if !strings.Contains(note, want) {
			t.Errorf("note lacks %q:\n%s", want, note)
		}
	}
}

// provinceDataset is the whole snapshot of the Kon Tum sample.
func provinceDataset(t *testing.T) *data.Dataset {
	t.Helper()
	st := datatest.MustOpen(t)
	if err := sample.Load(context.Background(), st, sample.Province, 1); err != nil {
		t.Fatal(err)
	}
	ds, err := st.Dataset(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// TestTheDashboardIsTheOverviewAndTrendsComputedApart: the dashboard, which works out the trends
// year by year and lets each year's working go before the next, gives the overview and the
// districts' trends that are computed apart, each on a fresh index.
func TestTheDashboardIsTheOverviewAndTrendsComputedApart(t *testing.T) {
	ds := provinceDataset(t)
	for _, year := range []int{2016, 2020, 2024, 2025, 2026} {
		d := rules.NewIndex(ds).Dashboard(year, nil)
		o := rules.NewIndex(ds).Overview(year, nil)
		if !reflect.DeepEqual(d.Overview, o) {
			t.Errorf("%d: the dashboard's overview differs from the overview", year)
		}
		if len(o.Trend) == 0 {
			t.Fatalf("%d: no trend", year)
		}
		if dt := rules.NewIndex(ds).DistrictTrends(o.Trend[0].Year, year); !reflect.DeepEqual(d.DistrictTrends, dt) || len(dt) == 0 {
			t.Errorf("%d: the dashboard's district trends differ from the trends computed apart (%d districts, %d)", year, len(d.DistrictTrends), len(dt))
		}
	}
}
