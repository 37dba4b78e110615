package data_test

import (
	"context"
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
		want := data.Headcount{Year: full.Year, Districts: full.Districts, Communes: full.Communes, Villages: full.Villages, TwinningUnits: full.TwinningUnits}
		if h != want {
			t.Errorf("%s: headcount %+v, stats %+v", name, h, want)
		}
	}
	if h, _ := st.Headcount(ctx); h.Communes == 0 || h.Villages == 0 || h.Districts != 10 {
		t.Errorf("sample headcount %+v", h)
	}
}
