package app

import (
	"context"
	"testing"

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

// BenchmarkReviewGridLargestDistrictNational opens the review grid of the district with the most
// villages on the national sample, villages level (goal < 300 ms).
func BenchmarkReviewGridLargestDistrictNational(b *testing.B) {
	st := datatest.NationalWith(b, startup.WindowOptions()) // as the window opens it
	test.NewTempApp(b)
	s := NewReviewScreen(st, nil)
	test.NewTempWindow(b, s)
	ctx := context.Background()
	largest, most := 0, -1
	for i, d := range s.districts {
		communes, _, _ := st.ListUnits(ctx, data.UnitFilter{Level: data.LevelCommune, ParentID: d.ID})
		n := 0
		for _, c := range communes {
			_, total, _ := st.ListUnits(ctx, data.UnitFilter{Level: data.LevelVillage, ParentID: c.ID, Limit: 1})
			n += total
		}
		if n > most {
			largest, most = i, n
		}
		if i > 60 {
			break // the national sample's districts are alike; a sample of them finds a large one
		}
	}
	s.level.SetSelected("Thôn, làng")
	loads := 0
	s.loaded = func() { loads++ }
	for b.Loop() {
		s.district.SetSelectedIndex(largest)
		s.district.ClearSelected()
	}
	b.ReportMetric(float64(most), "villages")
	b.ReportMetric(float64(len(s.rows)), "rows")
}
