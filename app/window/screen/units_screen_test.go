package screen

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"ketnghia/app/window/windowtest"

	"fyne.io/fyne/v2/test"
)

func TestUnitsScreenSearchIgnoresDiacritics(t *testing.T) {
	test.NewTempApp(t)
	st := windowtest.SampleStore(t)
	s := NewAdminUnitsScreen(st, nil)
	s.InView()
	w := test.NewTempWindow(t, s)
	w.Resize(w.Canvas().Size().Max(s.MinSize()))
	s.level.SetSelectedIndex(0) // every level
	all := len(s.Shown())
	if all < 1000 {
		t.Fatalf("list shows %d units, want every unit", all)
	}
	test.Type(s.search, "dak to")
	got := s.Shown()
	if len(got) == 0 || len(got) >= all {
		t.Fatalf("search 'dak to' shows %d units", len(got))
	}
	for _, u := range got {
		if !containsFold(u.Name, "dak to") {
			t.Errorf("%s does not match 'dak to'", u.Name)
		}
	}
	found := false
	for _, u := range got {
		found = found || u.Name == "Huyện Đắk Tô"
	}
	if !found {
		t.Error("Huyện Đắk Tô not found by 'dak to'")
	}
	// Level filter and open-only.
	s.search.SetText("")
	s.level.SetSelectedIndex(3) // Xã
	if n := len(s.Shown()); n != 143 {
		t.Errorf("communes ever = %d, want 103 old + 40 new", n)
	}
	s.open.SetChecked(true)
	if n := len(s.Shown()); n != 102 { // the test clock is 5 Mar 2025, before the reform
		t.Errorf("communes open on 05/03/2025 = %d, want 102", n)
	}
}

// TestUnitsListPrintsAsShown: "In danh sách" writes the filtered list as a PDF table.
func TestUnitsListPrintsAsShown(t *testing.T) {
	test.NewTempApp(t)
	st := windowtest.SampleStore(t)
	s := NewAdminUnitsScreen(st, nil)
	s.InView()
	test.NewTempWindow(t, s)
	test.Type(s.search, "dak to")
	done := make(chan error, 1)
	var file string
	s.Print(t.TempDir(), func(path string, err error) { file = path; done <- err })
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the list never printed")
	}
	b, err := os.ReadFile(file)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("no PDF: %v", err)
	}
	if !strings.Contains(s.filterText(), "“dak to”") {
		t.Errorf("filter line %q", s.filterText())
	}
}
