package screen

import (
	"context"
	"image"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ketnghia/app/window/widgets"
	"ketnghia/app/window/windowtest"
	"ketnghia/data"
	"ketnghia/data/datatest"
	"ketnghia/data/geo"
	"ketnghia/data/rules"
)

// dashboardOn opens the dashboard on the Kon Tum sample and waits for its first year.
func dashboardOn(t *testing.T, st *data.Store) (*DashboardScreen, chan rules.Overview) {
	t.Helper()
	s := NewDashboardScreen(st, nil)
	ch := make(chan rules.Overview, 8)
	s.shown = func(o rules.Overview) { ch <- o }
	if s.overview.Year == 0 {
		waitShown(t, ch)
	}
	return s, ch
}

func waitShown(t *testing.T, ch chan rules.Overview) rules.Overview {
	t.Helper()
	select {
	case o := <-ch:
		return o
	case <-time.After(60 * time.Second):
		t.Fatal("the dashboard never showed the year")
	}
	return rules.Overview{}
}

// TestDashboardShowsTheRulesFigures: for 2020 and 2024, every bar, count and district breakdown is
// what data/rules computes for the sample database.
func TestDashboardShowsTheRulesFigures(t *testing.T) {
	test.NewTempApp(t)
	st := windowtest.SampleStore(t)
	s, ch := dashboardOn(t, st)
	w := test.NewTempWindow(t, s)
	w.Resize(fyne.NewSize(1366, 768))
	ds, err := st.Dataset(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	td, _ := st.Twinning(context.Background())
	x := rules.NewIndex(ds)
	for _, year := range []int{2020, 2024} {
		s.year.SetSelected(strconv.Itoa(year))
		o := waitShown(t, ch)
		want := x.Overview(year, td)
		if o.Year != year || len(s.targets.Objects) != 2*len(want.Targets) {
			t.Fatalf("%d: %d target rows for %d targets", year, len(s.targets.Objects)/2, len(want.Targets))
		}
		for i, p := range want.Targets {
			row := s.targets.Objects[2*i].(*widgets.TargetRow)
			if row.P.ValueText != p.ValueText || row.P.Status != p.Status || row.P.BaselineText != p.BaselineText {
				t.Errorf("%d %s: bar shows %q %q, rules say %q %q", year, p.Code, row.P.ValueText, row.P.Status, p.ValueText, p.Status)
			}
			if !windowtest.HasText(row, p.Status) || !windowtest.HasText(row, p.ValueText) {
				t.Errorf("%d %s: the row does not read %q (%s)", year, p.Code, p.Status, p.ValueText)
			}
			got := rules.DistrictsByGap(row.P)
			for k, d := range rules.DistrictsByGap(p) {
				if got[k].Code != d.Code || got[k].ValueText != d.ValueText {
					t.Errorf("%d %s: district %d is %s %s, want %s %s", year, p.Code, k, got[k].Name, got[k].ValueText, d.Name, d.ValueText)
				}
			}
		}
		if o.Counts != want.Counts {
			t.Errorf("%d: counts %+v, rules say %+v", year, o.Counts, want.Counts)
		}
		for _, c := range []int{want.Counts.CommunesDBKK, want.Counts.VillagesDBKK, want.Counts.AgenciesAssigned} {
			if !windowtest.HasText(s.counts, strconv.Itoa(c)) {
				t.Errorf("%d: the count %d is not on screen", year, c)
			}
		}
	}
}

// TestDashboardMapColoursEachDistrictByItsClass: on screen, a point inside each district (away from
// its label) has the shade of the district's class of the poverty rate, and the label point
// projects inside the district's polygon.
func TestDashboardMapColoursEachDistrictByItsClass(t *testing.T) {
	s, m, w := kontumMap(t)
	w.Resize(fyne.NewSize(700, 500))
	img := w.Canvas().Capture()
	scale := float64(img.Bounds().Dx()) / float64(w.Canvas().Size().Width)
	off := m.Position() // the map is the window's content, placed inside its padding
	proj := m.Projection()
	var vals []float64
	for _, d := range s.overview.Districts {
		if r := d.Summary.PovertyRate; r != nil {
			vals = append(vals, *r)
		}
	}
	classes := geo.ClassesOf(vals, 4)
	for _, d := range s.overview.Districts {
		dist := m.Geography().District(d.Code)
		label := proj.Apply(dist.LabelPoint())
		var ring []geo.Point
		for _, poly := range dist.Polygons {
			ring = append(ring, proj.Ring(poly[0])...)
		}
		inside := false
		for _, poly := range dist.Polygons {
			if geo.Inside(label, proj.Ring(poly[0])) {
				inside = true
			}
		}
		if !inside {
			t.Errorf("%s: its label point is outside its polygon on screen", d.Name)
		}
		want := widgets.Shade(classes.Of(*d.Summary.PovertyRate), classes.N())
		if m.ColorOf(d.Code) != want {
			t.Errorf("%s: painted %v, its class is %v", d.Name, m.ColorOf(d.Code), want)
		}
		var labels []geo.Point
		for _, o := range m.Geography().Districts {
			labels = append(labels, proj.Apply(o.LabelPoint()))
		}
		p, ok := pointInside(dist, proj, labels)
		if !ok {
			t.Errorf("%s: no free point inside it on screen", d.Name)
			continue
		}
		px := img.At(int((p.X+float64(off.X))*scale), int((p.Y+float64(off.Y))*scale))
		r, g, b, _ := px.RGBA()
		wr, wg, wb, _ := want.RGBA()
		if diff(r, wr) > 0x0800 || diff(g, wg) > 0x0800 || diff(b, wb) > 0x0800 {
			t.Errorf("%s: screen pixel at %v is %v, want %v", d.Name, p, px, want)
		}
	}
}

func diff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

// pointInside finds a point of the district on screen clear of every label box and 4 units from its
// edges (a grid scan of its bounding box).
func pointInside(d *geo.District, proj geo.Projection, labels []geo.Point) (geo.Point, bool) {
	var rings [][]geo.Point
	for _, poly := range d.Polygons {
		rings = append(rings, proj.Ring(poly[0]))
	}
	b := image.Rectangle{}
	for _, r := range rings {
		for _, p := range r {
			b = b.Union(image.Rect(int(p.X), int(p.Y), int(p.X)+1, int(p.Y)+1))
		}
	}
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			p := geo.Point{X: float64(x), Y: float64(y)}
			ok := true
			for _, l := range labels {
				if math.Abs(p.X-l.X) < 50 && math.Abs(p.Y-l.Y) < 24 {
					ok = false
				}
			}
			for _, off := range []geo.Point{{X: 0, Y: 0}, {X: 4, Y: 0}, {X: -4, Y: 0}, {X: 0, Y: 4}, {X: 0, Y: -4}} {
				q := geo.Point{X: p.X + off.X, Y: p.Y + off.Y}
				in := false
				for _, r := range rings {
					if geo.Inside(q, r) {
						in = true
					}
				}
				ok = ok && in
			}
			if ok {
				return p, true
			}
		}
	}
	return geo.Point{}, false
}

// TestDashboardYearWithoutFiguresSaysSo: no reviews, no zeros.
func TestDashboardYearWithoutFiguresSaysSo(t *testing.T) {
	test.NewTempApp(t)
	st := windowtest.SampleStore(t)
	s, ch := dashboardOn(t, st)
	test.NewTempWindow(t, s)
	s.load(2030)
	o := waitShown(t, ch)
	if o.HasReviews || !containsFold(s.status.Text, "Năm 2030 chưa có số liệu rà soát") {
		t.Errorf("status %q", s.status.Text)
	}
	if !windowtest.HasText(s.targets, "chưa có số liệu") {
		t.Error("the targets do not say they cannot be computed")
	}
	if !windowtest.HasText(s.mapArea, "không còn cấp huyện") {
		t.Error("the map does not say why it is missing")
	}
}

// TestTheDashboardSaysNothingOfAYearBeforeItIsComputed: while the first year's figures are worked
// out (seconds on a national file), the map's place says nothing of a "year 0"; the year's map
// comes with its figures.
func TestTheDashboardSaysNothingOfAYearBeforeItIsComputed(t *testing.T) {
	test.NewTempApp(t)
	st := windowtest.SampleStore(t)
	held := make(chan func(), 4)
	Background = func(work func()) { held <- work }
	defer func() { Background = func(work func()) { work() } }()
	s := NewDashboardScreen(st, nil)
	ch := make(chan rules.Overview, 8)
	s.shown = func(o rules.Overview) { ch <- o }
	test.NewTempWindow(t, s)
	if windowtest.HasText(s, "Năm 0") || windowtest.HasText(s.mapArea, "không có huyện") {
		t.Error("the dashboard speaks of a year before computing one")
	}
	(<-held)()
	waitShown(t, ch)
	if s.dmap == nil || len(s.mapArea.Objects) == 0 || s.mapArea.Objects[0] != s.dmap {
		t.Error("the year's map is not shown once its figures are")
	}
}

// kontumMap is the dashboard of the Kon Tum sample and its map, alone in a window.
func kontumMap(t *testing.T) (*DashboardScreen, *widgets.DistrictMap, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	s, _ := dashboardOn(t, windowtest.SampleStore(t))
	if s.dmap == nil {
		t.Fatal("no map for Kon Tum")
	}
	return s, s.dmap, test.NewTempWindow(t, s.dmap)
}

// TestDashboardListsTheLargestCausesOfPoverty: the dashboard of 2024 lists the province's largest
// causes of poverty with their households as the rules count them; its button opens them by
// district, and choosing a district lists its communes; from 2025 the areas are former districts.
func TestDashboardListsTheLargestCausesOfPoverty(t *testing.T) {
	test.NewTempApp(t)
	st := windowtest.SampleStoreOn(t, datatest.Present)
	s, ch := dashboardOn(t, st)
	w := test.NewTempWindow(t, s)
	w.Resize(fyne.NewSize(1366, 768))
	s.win = w
	ds, err := st.Dataset(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := rules.NewIndex(ds).CauseOverview(2024)
	s.year.SetSelected("2024")
	waitShown(t, ch)
	if len(want.Total.Largest) == 0 {
		t.Fatal("the sample has no causes of poverty in 2024")
	}
	first := want.Total.Largest[0]
	if !windowtest.HasText(s.causes, want.NameOf(first.Code)) || !windowtest.HasText(s.causes, causeText(want.Total, first)) {
		t.Fatalf("the dashboard does not read the largest cause %q, %s", want.NameOf(first.Code), causeText(want.Total, first))
	}
	var more *widget.Button
	var find func(o fyne.CanvasObject)
	find = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Button:
			if strings.HasPrefix(x.Text, "Xem theo từng huyện") {
				more = x
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				find(c)
			}
		}
	}
	find(s.causes)
	if more == nil {
		t.Fatal("no button to the causes by district")
	}
	test.Tap(more)
	top := w.Canvas().Overlays().Top()
	if top == nil || !windowtest.HasText(top, want.Areas[0].Name) {
		t.Fatalf("the causes window does not list %s", want.Areas[0].Name)
	}
	pick, ok := windowtest.FindIn(top, func(*widgets.Picker) bool { return true })
	if !ok {
		t.Fatal("no box to choose a district in the causes window")
	}
	area := want.Areas[0]
	pick.SetText(area.Name)
	if !windowtest.HasText(top, area.Communes[0].Name) {
		t.Fatalf("choosing %s does not list its commune %s", area.Name, area.Communes[0].Name)
	}
	// The present: a 2026 review of one of the reform's communes, its causes entered.
	cs, err := st.YearUnits(context.Background(), data.LevelCommune, 2026)
	if err != nil || len(cs) != 40 {
		t.Fatalf("%d communes in 2026, %v", len(cs), err)
	}
	r := &data.Review{UnitID: cs[0].ID, Year: 2026, Households: datatest.Int(200), Poor: datatest.Int(10), PoorByCause: map[string]int{"von": 6, "dat": 1}}
	if err := st.SaveReview(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	s.year.SetSelected("2026")
	waitShown(t, ch)
	if !windowtest.HasText(s.causes, "Xem theo từng địa bàn huyện cũ") || !windowtest.HasText(s.causes, "6 hộ") {
		t.Errorf("2026 does not show the commune's causes by former district: %+v %v", s.causeData.Total, s.causeData.Former)
	}
}
