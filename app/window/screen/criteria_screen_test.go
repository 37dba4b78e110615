package screen

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"ketnghia/app/window/windowtest"
	"ketnghia/data/datatest"
)

// TestCriteriaScreenSavesResultsTargetsAndThresholds: a village's NTM results, a target's deadline
// and a rule set's threshold saved through the screen are what the store holds.
func TestCriteriaScreenSavesResultsTargetsAndThresholds(t *testing.T) {
	test.NewTempApp(t)
	st := datatest.MustOpen(t)
	tr := datatest.MustTree(t, st)
	s := NewCriteriaScreen(st, nil)
	test.NewTempWindow(t, s)
	ctx := context.Background()
	for i, cs := range s.sets {
		if strings.HasPrefix(cs.Code, "NTM-THON") {
			s.set.SetSelectedIndex(i)
		}
	}
	s.year.SetSelected("2024")
	s.unit.SetText(tr.Village.Name + ", " + tr.Commune.Name)
	if len(s.scores) == 0 {
		t.Fatal("no criteria shown")
	}
	s.scores[1].SetText("1")
	s.scores[2].SetText("0")
	test.Tap(s.saveRes)
	rs, err := st.CriteriaResults(ctx, s.currentSet().ID, 2024, tr.Village.ID)
	if err != nil || len(rs) != 1 || rs[0].Scores[1] != 1 || rs[0].Scores[2] != 0 {
		t.Fatalf("results %v %v (%q)", rs, err, s.message.Text)
	}
	s.target.SetSelectedIndex(0)
	s.deadline.SetText("2030")
	test.Tap(s.saveTgt)
	targets, _ := st.Targets(ctx)
	found := false
	for _, tg := range targets {
		found = found || (tg.ID == s.targets[0].ID && tg.DeadlineYear == 2030)
	}
	if !found {
		t.Errorf("deadline not saved: %q", s.message.Text)
	}
	s.ruleYear.SetSelected("2024")
	e := s.paramIn["kv3_rate"]
	if e == nil {
		t.Fatal("the KV III threshold of QĐ 33 is not shown")
	}
	e.SetText("21")
	test.Tap(s.saveRules)
	sets, _ := st.RuleSets(ctx)
	for _, r := range sets {
		if r.Code == "QD33-2020" && r.Params["kv3_rate"] != 21 {
			t.Errorf("threshold not saved: %v", r.Params["kv3_rate"])
		}
	}
	if !windowtest.HasText(s.params, "tỷ lệ hộ nghèo của xã khu vực III") {
		t.Error("thresholds are not named in Vietnamese")
	}
}

// TestCriteriaPickerOffersTheUnitsOfTheYear: the health results of 2024 are entered for the 102
// communes of 2024, those of 2026 for the 40 communes after the reform.
func TestCriteriaPickerOffersTheUnitsOfTheYear(t *testing.T) {
	test.NewTempApp(t)
	st := windowtest.SampleStoreOn(t, datatest.Present)
	s := NewCriteriaScreen(st, nil)
	test.NewTempWindow(t, s)
	for i, cs := range s.sets {
		if strings.HasPrefix(cs.Code, "YTE") {
			s.set.SetSelectedIndex(i)
		}
	}
	for year, want := range map[string]int{"2024": 102, "2026": 40} {
		s.year.SetSelected(year)
		if n := len(s.unit.Labels()); n != want {
			t.Errorf("%s: %d communes offered, want %d", year, n, want)
		}
	}
	s.year.SetSelected("2026")
	s.unit.SetText("Xã Đăk Mar")
	if _, ok := s.unit.Chosen(); !ok {
		t.Fatal("Xã Đăk Mar is not offered in 2026")
	}
	s.year.SetSelected("2024")
	if _, ok := s.unit.Chosen(); ok || s.unit.Text != "" {
		t.Errorf("the 2026 commune stays chosen for 2024: %q", s.unit.Text)
	}
}
