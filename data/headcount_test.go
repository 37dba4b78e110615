package data_test

import (
	"context"
	"path/filepath"
	"testing"

	"ketnghia/data"
	"ketnghia/data/datatest"
	"ketnghia/data/sample"
)

// TestHeadcountIsWhatStatsCounts: the window's status line says what `stats` says, for the
// Kon Tum sample (units open on 1 January of the latest year with reviews) and for an empty file.
func TestHeadcountIsWhatStatsCounts(t *testing.T) {
	ctx := context.Background()
	empty := datatest.MustOpen(t)
	st := datatest.MustOpen(t)
	if err := sample.Load(ctx, st, sample.Province, 1); err != nil {
		t.Fatal(err)
	}
	for name, s := range map[string]*data.Store{"sample": st, "empty": empty} {
		h, err := s.Headcount(ctx)
		if err != nil {
			t.Fatal(err)
		}
		full, err := s.Stats(ctx, data.StatsOptions{})
		if err != nil {
			t.Fatal(err)
		}
		want := data.Headcount{Day: s.Today(), Year: full.Year, Districts: full.Districts, Communes: full.Communes, Villages: full.Villages, TwinningUnits: full.TwinningUnits}
		if h != want {
			t.Errorf("%s: headcount %+v, stats %+v", name, h, want)
		}
	}
	// The clock of the test files is 5 March 2025: before the reform.
	if h, _ := st.Headcount(ctx); h.Communes != 102 || h.Villages == 0 || h.Districts != 10 {
		t.Errorf("sample headcount %+v", h)
	}
	now := datatest.MustOpenOn(t, filepath.Join(t.TempDir(), "now.db"), datatest.Present)
	if err := sample.Load(ctx, now, sample.Province, 1); err != nil {
		t.Fatal(err)
	}
	if h, _ := now.Headcount(ctx); h.Communes != 40 || h.Villages != 912 || h.Districts != 0 || h.Day != data.D(2026, 12, 5) {
		t.Errorf("headcount in December 2026 %+v, want today's 40 communes, no district", h)
	}
}
