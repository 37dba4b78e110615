package app

import (
	"testing"

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
