package window

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"ketnghia/app/window/screen"
	"ketnghia/app/window/windowtest"
	"ketnghia/data"
	"ketnghia/data/datatest"
)

// TestNavigationShowsEachScreen: the dashboard first, then every screen of the list once chosen.
func TestNavigationShowsEachScreen(t *testing.T) {
	test.NewTempApp(t)
	st := datatest.MustOpen(t)
	m := newMainContent(st, nil, nil)
	w := test.NewTempWindow(t, m.content)
	if _, ok := m.nav.stack.Objects[0].(*screen.DashboardScreen); !ok {
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
	st := windowtest.SampleStore(t)
	m := newMainContent(st, nil, nil)
	test.NewTempWindow(t, m.content)
	if len(m.units.Shown()) != 0 {
		t.Fatal("the units list was read before the screen was shown")
	}
	m.nav.SelectTitle(unitsTitle) // read at once: the tests' Background runs the work in order
	if len(m.units.Shown()) < 100 {
		t.Errorf("%d communes listed once shown", len(m.units.Shown()))
	}
}

// TestAChangeIsEverywhereAtOnce: the one notice that the records changed reaches every screen
// built: one that refreshes in place (the Xã screen) is kept and refreshed, the dashboard (which
// keeps figures) is let go of, to be computed again the next time it is shown. What the Xã screen
// then shows is the screen package's test TestAFigureSavedInTheGridIsOnTheXaScreenAtOnce.
func TestAChangeIsEverywhereAtOnce(t *testing.T) {
	test.NewTempApp(t)
	st := windowtest.SampleStore(t)
	ctx := context.Background()
	m := newMainContent(st, nil, nil)
	defer m.stopNotice()
	test.NewTempWindow(t, m.content)
	m.nav.SelectTitle("Xã, phường, thị trấn")
	xa, ok := m.nav.Current().(*screen.PlaceScreen)
	if !ok {
		t.Fatalf("Xã screen is %T", m.nav.Current())
	}
	if m.nav.screens[0].built == nil {
		t.Fatal("the dashboard was not built first")
	}
	cs, _, err := st.ListUnits(ctx, data.UnitFilter{Level: data.LevelCommune, At: data.YearEnd(2024), Limit: 1})
	if err != nil || len(cs) == 0 {
		t.Fatal(err)
	}
	r, err := st.ReviewOf(ctx, cs[0].ID, 2024)
	if err != nil {
		t.Fatal(err)
	}
	*r.Households += 1234
	if err := st.SaveReview(ctx, &r); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for m.nav.screens[0].built != nil && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if m.nav.screens[0].built != nil {
		t.Error("the dashboard computed before the save was kept")
	}
	if m.nav.screens[1].built != xa {
		t.Error("the Xã screen, which refreshes in place, was let go of")
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
