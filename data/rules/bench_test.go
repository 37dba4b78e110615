package rules_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"ketnghia/data"
	"ketnghia/data/rules"
	"ketnghia/data/sample"
)

var (
	natOnce  sync.Once
	natStore *data.Store
	natErr   error
)

// national opens (building once per run) the national-scale sample: ~10,600 communes and
// ~80,000 villages with ten years of reviews. KETNGHIA_NATIONAL_DB names a file built before
// (by `ketnghia demo --scale national`) to spare the two minutes of building it; it is only read.
func national(b *testing.B) *data.Store {
	natOnce.Do(func() {
		if f := os.Getenv("KETNGHIA_NATIONAL_DB"); f != "" {
			natStore, natErr = data.Open(context.Background(), f, data.Options{})
			return
		}
		dir, err := os.MkdirTemp("", "ketnghia-rules-bench-")
		if err != nil {
			natErr = err
			return
		}
		natStore, natErr = data.Open(context.Background(), filepath.Join(dir, "national.db"), data.Options{})
		if natErr == nil {
			natErr = sample.Load(context.Background(), natStore, sample.National, 7)
		}
	})
	if natErr != nil {
		b.Fatal(natErr)
	}
	return natStore
}

func nationalIndex(b *testing.B, years ...int) *rules.Index {
	ds, err := national(b).Dataset(context.Background(), years...)
	if err != nil {
		b.Fatal(err)
	}
	return rules.NewIndex(ds)
}

// BenchmarkAssessNational judges every commune and village of the national sample for 2024.
func BenchmarkAssessNational(b *testing.B) {
	x := nationalIndex(b, 2024)
	for b.Loop() {
		as, _, err := x.Assess(2024, rules.AssessOptions{})
		if err != nil || len(as) < 80000 {
			b.Fatalf("%d assessments, %v", len(as), err)
		}
	}
}

// BenchmarkProgressNational evaluates the six targets for 2020, overall and for each of the ~700
// districts.
func BenchmarkProgressNational(b *testing.B) {
	x := nationalIndex(b, 2015, 2016, 2019, 2020)
	for b.Loop() {
		if ps := x.Progress(2020, rules.ProgressOptions{}); len(ps) != 6 {
			b.Fatal(len(ps))
		}
	}
}

// BenchmarkProgressNationalOverall is the six targets for the whole country, no district breakdown.
func BenchmarkProgressNationalOverall(b *testing.B) {
	x := nationalIndex(b, 2015, 2016, 2019, 2020)
	for b.Loop() {
		for _, t := range x.DS.Targets {
			x.Metric(t.Metric, 2020, t.BaselineYear, rules.ProgressOptions{})
		}
	}
}

// BenchmarkDatasetOneYear reads what assessing one year needs from the national file.
func BenchmarkDatasetOneYear(b *testing.B) {
	s := national(b)
	for b.Loop() {
		if _, err := s.Dataset(context.Background(), 2024); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOverviewNational computes the dashboard of 2024 for the whole country (goal < 1 s),
// from an index of every year (the screen keeps it between year changes).
func BenchmarkOverviewNational(b *testing.B) {
	x := nationalIndex(b)
	for b.Loop() {
		if o := x.Overview(2024, nil); len(o.Targets) != 6 {
			b.Fatal("no targets")
		}
	}
}

// BenchmarkOverviewProvince computes the dashboard of 2024 for the Kon Tum sample (goal < 300 ms
// with the reading of the snapshot).
func BenchmarkOverviewProvince(b *testing.B) {
	dir := b.TempDir()
	s, err := data.Open(context.Background(), filepath.Join(dir, "kontum.db"), data.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if err := sample.Load(context.Background(), s, sample.Province, 1); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		ds, err := s.Dataset(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		td, err := s.Twinning(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		if o := rules.NewIndex(ds).Overview(2024, td); len(o.Districts) != 10 {
			b.Fatal("no districts")
		}
	}
}
