package screen

import (
	"runtime"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"ketnghia/app/startup"
	"ketnghia/data"
	"ketnghia/data/datatest"
)

// BenchmarkSearchKeystrokeNational is one keystroke in the units list's search on the national
// sample, until the list shows its answer (goal < 50 ms).
func BenchmarkSearchKeystrokeNational(b *testing.B) {
	st := datatest.NationalWith(b, startup.WindowOptions()) // as the window opens it
	test.NewTempApp(b)
	s := NewAdminUnitsScreen(st, nil)
	s.InView()
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
		s.chooseArea(s.areas[i%len(s.areas)])
		i++
	}
	b.ReportMetric(float64(len(s.rows)), "rows")
}

// BenchmarkCommunesScreenNational opens the Xã screen on the national sample until its list shows
// every column (name, district, class) for its 10,479 communes (goal < 1 s), with the tree of
// units read already (the window reads it once the dashboard shows: BenchmarkUnitTreeNational),
// and reports the heap it holds then (goal: the window under 300 MB whatever screen is open).
func BenchmarkCommunesScreenNational(b *testing.B) { benchPlaceScreen(b, NewCommunesScreen) }

// BenchmarkVillagesScreenNational is the same for the Thôn, làng screen's 78,488 villages.
func BenchmarkVillagesScreenNational(b *testing.B) { benchPlaceScreen(b, NewVillagesScreen) }

func benchPlaceScreen(b *testing.B, screen func(*data.Store, fyne.Window) *PlaceScreen) {
	st := datatest.NationalWith(b, startup.WindowOptions()) // as the window opens it
	test.NewTempApp(b)
	if _, err := treeOf(st); err != nil {
		b.Fatal(err)
	}
	var s *PlaceScreen
	for b.Loop() {
		s = screen(st, nil) // the tests' background work runs at once: the list and its columns
		if s.tree == nil || len(s.shown) < 1000 || s.shown[0].place == "" {
			b.Fatalf("the list is not filled: %d rows", len(s.shown))
		}
	}
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(m.HeapAlloc>>20), "MB-heap-held")
	// One unit opened: its profile read for it alone.
	s.openRow(s.shown[len(s.shown)/2])
	if !strings.Contains(s.figures.Text, "Năm ") {
		b.Fatalf("no figures: %q", s.figures.Text)
	}
	runtime.KeepAlive(s)
}

// BenchmarkUnitTreeNational reads the window's tree of units on the national sample (91,000 units
// with their classifications, moves and links) and indexes it: what the window does once the
// dashboard shows and after each change.
func BenchmarkUnitTreeNational(b *testing.B) {
	st := datatest.NationalWith(b, startup.WindowOptions())
	for b.Loop() {
		ForgetTree(st)
		if t, err := treeOf(st); err != nil || len(t.ds.Units) < 80000 {
			b.Fatal(err)
		}
	}
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(m.HeapAlloc>>20), "MB-heap-held")
}
