package rules_test

import (
	"strings"
	"testing"

	"ketnghia/data/rules"
)

// TestTheRoadComparesPlanAndRecognition: each ethnic-minority village recognised in its planned
// year is on time, before it ahead, after it late; one not recognised once its year has passed is
// overdue and named; the plan's share year by year reaches the directive's 50% in the year the
// planned villages make it, and by the deadline when it is still ahead. Other villages are left out.
func TestTheRoadComparesPlanAndRecognition(t *testing.T) {
	w := newWorld(t)
	c := w.commune("Lộ Trình")
	village := func(name string, plan, ntm int) {
		v := w.get(w.village(c, name))
		v.EthnicMinority = true
		if plan > 0 {
			v.NTMPlanYear = &plan
		}
		if ntm > 0 {
			v.NTMYear = &ntm
		}
	}
	village("Đúng Hạn", 2024, 2024)
	village("Sớm", 2025, 2023)
	village("Chậm", 2022, 2024)
	village("Không Lộ Trình Đã Đạt", 0, 2020)
	village("Quá Hạn", 2025, 0)
	village("Sáu", 2027, 0)
	village("Bảy", 2027, 0)
	village("Tám", 2028, 0)
	village("Chưa Có Lộ Trình", 0, 0)
	village("Mười", 2030, 0)
	other := w.get(w.village(c, "Kinh"))
	plan := 2024
	other.NTMPlanYear = &plan
	x := rules.NewIndex(w.ds)

	r := x.Road(2026, "")
	if r.Villages != 10 || r.Planned != 8 {
		t.Fatalf("%d villages, %d planned; want 10 and 8 (the village not of ethnic minorities left out)", r.Villages, r.Planned)
	}
	if r.OnTime != 1 || r.Ahead != 1 || r.Late != 1 || r.RecognisedUnplanned != 1 || r.Overdue != 1 || r.Pending != 4 || r.Unplanned != 1 {
		t.Errorf("2026: %+v", r)
	}
	if len(r.OverdueVillages) != 1 || r.OverdueVillages[0].Name != "Thôn Quá Hạn" || r.OverdueVillages[0].Plan != 2025 {
		t.Errorf("overdue: %+v", r.OverdueVillages)
	}
	if r.TargetShare != 50 || r.Deadline == 0 {
		t.Fatalf("target %v by %d: the directive's 50%% target is not found", r.TargetShare, r.Deadline)
	}
	if r.ReachYear != 2027 || len(r.Plan) != 5 || r.Plan[1].Recognised != 6 || r.Plan[4].Year != 2030 || r.Plan[4].Recognised != 8 {
		t.Errorf("2026 plan reaches 50%% in %d: %+v", r.ReachYear, r.Plan)
	}
	if r.ShareAtDeadline != nil {
		t.Errorf("a deadline passed has a share on the plan: %v", *r.ShareAtDeadline)
	}
	if o := r.Outlook(); !strings.Contains(o, "chưa đạt") || !strings.Contains(o, "vào năm 2027") {
		t.Errorf("2026 outlook: %q", o)
	}
	if s := r.Summary(); !strings.Contains(s, "4/10 thôn") || !strings.Contains(s, "1 thôn chưa đạt dù đã quá năm dự kiến") {
		t.Errorf("2026 summary: %q", s)
	}

	r = x.Road(2024, "")
	if r.Overdue != 0 || r.Pending != 5 || r.Recognised() != 4 {
		t.Errorf("2024: %+v", r)
	}
	if r.Deadline != 2025 || (r.ShareAtDeadline == nil || *r.ShareAtDeadline != 50 || r.ReachYear != 2025) {
		t.Errorf("2024: by the 2025 deadline the plan gives %v, reaching 50%% in %d", r.ShareAtDeadline, r.ReachYear)
	}
	if o := r.Outlook(); !strings.Contains(o, "đến năm 2025") || !strings.Contains(o, "50%") {
		t.Errorf("2024 outlook: %q", o)
	}
}
