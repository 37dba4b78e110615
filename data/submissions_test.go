package data_test

import (
	"strings"
	"testing"

	"ketnghia/data"
	"ketnghia/data/datatest"
	"ketnghia/data/sample"
)

// TestAcceptedFiguresAreRefusedByEveryWayOfWriting: the sample's accepted 2025 communes; their
// figures, their villages' figures and statuses, and their criteria results are refused by each
// way the store writes them (the grid's save, a form's, a delete, a raw statement that bypasses the
// store), with the sentence of who accepted them; the other communes' figures are written; once
// reopened, they are written too.
func TestAcceptedFiguresAreRefusedByEveryWayOfWriting(t *testing.T) {
	s := datatest.MustOpenOn(t, t.TempDir()+"/ketnghia.db", datatest.Present)
	if err := sample.Load(ctx, s, sample.Province, 1); err != nil {
		t.Fatal(err)
	}
	subs, err := s.SubmissionsOf(ctx, 2025)
	if err != nil {
		t.Fatal(err)
	}
	var accepted, open string
	for _, u := range mustYearUnits(t, s, data.LevelCommune) {
		switch subs[u.ID].State {
		case data.StateAccepted:
			accepted = u.ID
		case data.StateEntering, data.StateSent:
			open = u.ID
		}
	}
	if accepted == "" || open == "" {
		t.Fatal("the sample has no accepted or no open commune of 2025")
	}
	var village data.Unit
	for _, v := range mustYearUnits(t, s, data.LevelVillage) {
		if v.Commune != nil && v.Commune.ID == accepted {
			village = *v.Unit
		}
	}
	review := func(unit string) *data.Review {
		r, err := s.ReviewOf(ctx, unit, 2025)
		if err != nil {
			t.Fatal(err)
		}
		r.NearPoor = datatest.Int(3)
		return &r
	}
	lockedWrites := map[string]func() error{
		"the grid's save of a commune":       func() error { return s.SaveReviews(ctx, []*data.Review{review(accepted)}) },
		"the grid's save of its village":     func() error { return s.SaveReviews(ctx, []*data.Review{review(village.ID)}) },
		"the grid's save beside an open row": func() error { return s.SaveReviews(ctx, []*data.Review{review(open), review(accepted)}) },
		"a form's save":                      func() error { return s.SaveReview(ctx, review(accepted)) },
		"a delete":                           func() error { return s.DeleteReview(ctx, review(accepted).ID) },
		"a village's NTM status of the year": func() error { v := village; v.NTMYear = datatest.Int(2025); return s.SaveUnit(ctx, &v) },
	}
	for name, write := range lockedWrites {
		t.Run(name, func(t *testing.T) {
			err := write()
			if !data.IsLocked(err) || !strings.Contains(data.Message(err), "duyệt ngày") || !strings.Contains(data.Message(err), "đề nghị") {
				t.Errorf("got %v, want the refusal of accepted figures", err)
			}
		})
	}
	if r, _ := s.ReviewOf(ctx, open, 2025); r.NearPoor != nil && *r.NearPoor == 3 {
		t.Error("the open row beside the refused one was written")
	}
	// A statement that bypasses the store meets the schema's triggers.
	if _, err := s.DBForTests().Exec("UPDATE reviews SET near_poor = 4 WHERE unit_id = ? AND year = 2025", accepted); err == nil || !strings.Contains(err.Error(), "figures accepted") {
		t.Errorf("a raw update of accepted figures: %v", err)
	}
	// A village's other fields and other years stay open.
	v := village
	v.Note = "Ghi chú mới"
	if err := s.SaveUnit(ctx, &v); err != nil {
		t.Errorf("a village's note: %v", err)
	}
	if err := s.SaveReviews(ctx, []*data.Review{review(open)}); err != nil {
		t.Errorf("an open commune's figures: %v", err)
	}
	// Reopened by the office that accepted them, they are written.
	if err := s.Decide(ctx, data.ActReopen, 2025, []string{accepted}, ""); err == nil {
		t.Error("reopened without a reason")
	}
	if err := s.Decide(ctx, data.ActReopen, 2025, []string{accepted}, "Xã xin sửa"); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveReviews(ctx, []*data.Review{review(accepted), review(village.ID)}); err != nil {
		t.Errorf("reopened figures: %v", err)
	}
}

func mustYearUnits(t *testing.T, s *data.Store, level data.Level) []data.YearUnit {
	t.Helper()
	us, err := s.YearUnits(ctx, level, 2025)
	if err != nil {
		t.Fatal(err)
	}
	return us
}

// BenchmarkTheCycleOfAYear sends, accepts and reopens the 2025 figures of the sample's 40
// communes, each step working the locks out again (the national figures are in the README).
func BenchmarkTheCycleOfAYear(b *testing.B) {
	s := datatest.MustOpenOn(b, b.TempDir()+"/ketnghia.db", datatest.Present)
	if err := sample.Load(ctx, s, sample.Province, 1); err != nil {
		b.Fatal(err)
	}
	us, err := s.YearUnits(ctx, data.LevelCommune, 2026)
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]string, len(us))
	for i, u := range us {
		ids[i] = u.ID
	}
	b.ResetTimer()
	for b.Loop() {
		for _, step := range []struct {
			act  data.SubmissionAction
			note string
		}{{data.ActSubmit, ""}, {data.ActAccept, ""}, {data.ActReopen, "Mở lại để đo"}} {
			if err := s.Decide(ctx, step.act, 2026, ids, step.note); err != nil {
				b.Fatal(err)
			}
		}
	}
}
