package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"ketnghia/data/geo"
)

// TestMapLabelsNeverCoverEachOther: at the sizes a laptop gives the map, no two district labels
// shown overlap, and most districts keep theirs.
func TestMapLabelsNeverCoverEachOther(t *testing.T) {
	test.NewTempApp(t)
	pm, ok := geo.ForProvince("62")
	if !ok {
		t.Fatal("no map of Kon Tum")
	}
	m := NewDistrictMap(pm)
	w := test.NewTempWindow(t, m)
	for _, size := range []fyne.Size{fyne.NewSize(420, 300), fyne.NewSize(560, 380), fyne.NewSize(700, 500)} {
		w.Resize(size)
		r := test.WidgetRenderer(m).(*mapRenderer)
		r.Layout(m.Size())
		shown := 0
		for i, a := range r.labels {
			if !a.Visible() {
				continue
			}
			shown++
			for _, b := range r.labels[i+1:] {
				if !b.Visible() {
					continue
				}
				p, q := a.Position(), b.Position()
				if p.X < q.X+b.Size().Width && q.X < p.X+a.Size().Width && p.Y < q.Y+b.Size().Height && q.Y < p.Y+a.Size().Height {
					t.Errorf("%v: two labels overlap at %v and %v", size, p, q)
				}
			}
		}
		if shown < len(r.labels)/2 {
			t.Errorf("%v: only %d of %d labels shown", size, shown, len(r.labels))
		}
	}
}
