package jobs_test

import (
	"context"
	"path/filepath"
	"runtime"
	"testing"

	"ketnghia/app/jobs"
	"ketnghia/app/startup"
	"ketnghia/data/datatest"
)

// BenchmarkDashboardComputeNational computes the dashboard of 2024 on the national sample from
// the file, as the first opening after a change does: reading the communes' history and the
// villages' reviews of the years it reads, indexing them and computing (data/rules).
func BenchmarkDashboardComputeNational(b *testing.B) {
	s := datatest.National(b)
	var ms runtime.MemStats
	for b.Loop() {
		d, err := jobs.ComputeDashboard(context.Background(), s, 2024)
		if err != nil || len(d.Overview.Targets) != 6 {
			b.Fatal(err)
		}
		runtime.ReadMemStats(&ms)
	}
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MB")
}

// BenchmarkDashboardKeptNational opens the dashboard of 2024 on a copy of the national sample
// after it was computed once: what every opening shows until the data changes.
func BenchmarkDashboardKeptNational(b *testing.B) {
	src := datatest.National(b).Path()
	path := filepath.Join(b.TempDir(), "national.db")
	datatest.CopyFile(b, src, path)
	s := datatest.MustOpenAt(b, path)
	if _, err := jobs.Dashboard(context.Background(), s, 2024); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if d, err := jobs.Dashboard(context.Background(), s, 2024); err != nil || len(d.Overview.Districts) < 600 {
			b.Fatal(err)
		}
	}
}

// BenchmarkDashboardComputeNationalWindow is BenchmarkDashboardComputeNational as the window
// opens the file (a small page cache, the file not mapped into memory).
func BenchmarkDashboardComputeNationalWindow(b *testing.B) {
	s := datatest.NationalWith(b, startup.WindowOptions())
	for b.Loop() {
		d, err := jobs.ComputeDashboard(context.Background(), s, 2024)
		if err != nil || len(d.Overview.Targets) != 6 {
			b.Fatal(err)
		}
	}
}
