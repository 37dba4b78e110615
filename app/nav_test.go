package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"ketnghia/data/datatest"
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
			if canvasHasText(s.built, english) {
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
