package window

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"ketnghia/app/window/windowtest"
	"ketnghia/data"
	"ketnghia/data/datatest"
	"ketnghia/data/vntext"
)

// TestNavigationShowsEachScreen: the dashboard first, then every screen of the list once chosen.
func TestNavigationShowsEachScreen(t *testing.T) {
	test.NewTempApp(t)
	st := datatest.MustOpen(t)
	m := newMainContent(st, nil, nil)
	w := test.NewTempWindow(t, m.content)
	if _, ok := m.nav.stack.Objects[0].(*DashboardScreen); !ok {
		t.Fatalf("first screen %T, want the dashboard", m.nav.stack.Objects[0])
	}
	for i, s := range m.nav.screens {
		m.nav.Select(i)
		if m.nav.stack.Objects[0] != s.built || s.built == nil {
			t.Errorf("%s not shown", s.title)
		}
		if s.help == "" {
			t.Errorf("%s has no guide", s.title)
		}
		for _, english := range []string{"(Select one)", "Cancel", "Yes"} {
			if windowtest.HasText(s.built, english) {
				t.Errorf("%s shows %q", s.title, english)
			}
		}
	}
	_ = w
}

// TestUnitsListReadOnlyOnceShown: the window builds the units screen at once but reads its list
// only when it is first shown, so that opening a national-scale file is not slowed by it.
func TestUnitsListReadOnlyOnceShown(t *testing.T) {
	test.NewTempApp(t)
	st := sampleStore(t)
	m := newMainContent(st, nil, nil)
	test.NewTempWindow(t, m.content)
	done := make(chan struct{}, 4)
	m.units.loaded = func() { done <- struct{}{} }
	if m.units.started || len(m.units.Shown()) != 0 {
		t.Fatal("the units list was read before the screen was shown")
	}
	m.nav.SelectTitle(unitsTitle)
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the units list was not read when shown")
	}
	if len(m.units.Shown()) < 100 {
		t.Errorf("%d communes listed once shown", len(m.units.Shown()))
	}
}

// TestAFigureSavedInTheGridIsEverywhereAtOnce: a commune open on the Xã screen, its figure changed
// and saved in the review grid: back on the Xã screen the commune is still open and its figures
// show the new value; the dashboard is computed again the next time it is shown.
func TestAFigureSavedInTheGridIsEverywhereAtOnce(t *testing.T) {
	test.NewTempApp(t)
	st := sampleStore(t)
	ctx := context.Background()
	m := newMainContent(st, nil, nil)
	test.NewTempWindow(t, m.content)
	m.nav.SelectTitle("Xã, phường, thị trấn")
	xa, ok := m.nav.Current().(*UnitScreen)
	if !ok {
		t.Fatalf("Xã screen is %T", m.nav.Current())
	}
	cs, _, err := st.ListUnits(ctx, data.UnitFilter{Level: data.LevelCommune, At: data.YearEnd(2024), Limit: 1})
	if err != nil || len(cs) == 0 {
		t.Fatal(err)
	}
	xa.year.SetSelected("2024")
	xa.open(&cs[0])
	r, err := st.ReviewOf(ctx, cs[0].ID, 2024)
	if err != nil {
		t.Fatal(err)
	}
	households := *r.Households + 1234
	want := vntext.FormatInt(int64(households))
	if strings.Contains(xa.figures.Text, want) {
		t.Fatalf("the figures show %s before it is typed", want)
	}

	m.nav.SelectTitle("Rà soát hằng năm")
	grid, ok := m.nav.Current().(*ReviewScreen)
	if !ok {
		t.Fatalf("grid is %T", m.nav.Current())
	}
	grid.year.SetSelected("2024")
	row := -1
	for i, gr := range grid.rows {
		if gr.unit.ID == cs[0].ID {
			row = i
		}
	}
	if row < 0 {
		t.Fatal("the commune is not in the grid")
	}
	grid.setCell(row, 1, strconv.Itoa(households))
	grid.Save()
	if got, _ := st.ReviewOf(ctx, cs[0].ID, 2024); *got.Households != households {
		t.Fatalf("not saved: %s", grid.status.Text)
	}
	if m.nav.screens[0].built != nil {
		t.Error("the dashboard computed before the save was kept")
	}

	m.nav.SelectTitle("Xã, phường, thị trấn")
	if m.nav.Current() != xa || xa.Current() == nil || xa.Current().ID != cs[0].ID {
		t.Fatal("the Xã screen lost the commune it had open")
	}
	if !strings.Contains(xa.figures.Text, want) {
		t.Errorf("the commune's figures do not show %s:\n%s", want, xa.figures.Text)
	}
	if !strings.Contains(xa.history.Text, "Số liệu rà soát năm 2024") {
		t.Errorf("the commune's history lacks the change:\n%s", xa.history.Text)
	}
}

// TestOneGuideAtATimeAndEscClosesIt: F1 twice shows one guide, the present screen's; Esc closes it.
func TestOneGuideAtATimeAndEscClosesIt(t *testing.T) {
	test.NewTempApp(t)
	st := datatest.MustOpen(t)
	w := test.NewTempWindow(t, nil)
	m := newMainContent(st, w, nil)
	w.SetContent(m.content)
	m.nav.Help()
	m.nav.SelectTitle("Cài đặt")
	m.nav.Help()
	if n := len(w.Canvas().Overlays().List()); n != 1 {
		t.Fatalf("%d guides open", n)
	}
	if !windowtest.HasText(w.Canvas().Overlays().Top(), "Hướng dẫn: Cài đặt") {
		t.Error("the guide open is not the present screen's")
	}
	m.nav.CloseHelp()
	if w.Canvas().Overlays().Top() != nil {
		t.Error("Esc left the guide open")
	}
}
