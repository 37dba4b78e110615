package app

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"ketnghia/app/startup"
	"ketnghia/data/datatest"
)

// BenchmarkSearchKeystrokeNational is one keystroke in the units list's search on the national
// sample, until the list shows its answer (goal < 50 ms).
func BenchmarkSearchKeystrokeNational(b *testing.B) {
	st := datatest.NationalWith(b, startup.WindowOptions()) // as the window opens it
	test.NewTempApp(b)
	s := NewUnitsScreen(st, nil)
	test.NewTempWindow(b, s)
	shown := 0
	s.loaded = func() { shown++ }
	words := []string{"dak", "dak t", "thon 3", "ia", "xa"}
	i := 0
	for b.Loop() {
		s.search.SetText(words[i%len(words)])
		i++
	}
	if shown < i {
		b.Fatalf("%d searches, %d answers shown", i, shown)
	}
}

// BenchmarkReviewGridYearVillagesNational reads every village of a year into the review grid on the
// national sample, as choosing the year and "Thôn, làng" does (goal < 2 s), and
// BenchmarkReviewGridAreaNational then shows one district of it (goal < 100 ms).
func BenchmarkReviewGridYearVillagesNational(b *testing.B) {
	st := datatest.NationalWith(b, startup.WindowOptions()) // as the window opens it
	test.NewTempApp(b)
	s := NewReviewScreen(st, nil) // the tests' background work runs at once, in order
	test.NewTempWindow(b, s)
	s.level.SetSelected("Thôn, làng")
	for b.Loop() {
		s.load()
	}
	b.ReportMetric(float64(len(s.all)), "villages")
}

func BenchmarkReviewGridAreaNational(b *testing.B) {
	st := datatest.NationalWith(b, startup.WindowOptions())
	test.NewTempApp(b)
	s := NewReviewScreen(st, nil)
	test.NewTempWindow(b, s)
	s.level.SetSelected("Thôn, làng")
	i := 0
	for b.Loop() {
		s.area.SetSelectedIndex(1 + i%len(s.areas))
		i++
	}
	b.ReportMetric(float64(len(s.rows)), "rows")
}
