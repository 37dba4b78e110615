package screen

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"ketnghia/app/window/windowtest"
	"ketnghia/data"
	"ketnghia/data/datatest"
)

// TestReportsScreenMakesAPDF: choose the twinning report, make it: the PDF lands in the folder, the
// progress bar is full and the status names the file.
func TestReportsScreenMakesAPDF(t *testing.T) {
	test.NewTempApp(t)
	st := windowtest.SampleStore(t)
	dir := filepath.Join(t.TempDir(), "báo cáo")
	s := NewReportsScreen(st, nil, dir)
	test.NewTempWindow(t, s)
	done := make(chan error, 1)
	s.done = func(path string, err error) { done <- err }
	s.kind.SetSelectedIndex(3) // twinning
	s.year.SetSelected("2024")
	test.Tap(s.make)
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("the report never finished")
	}
	b, err := os.ReadFile(filepath.Join(dir, "bao-cao-twinning-2024.pdf"))
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("no PDF written: %v", err)
	}
	if s.bar.Value != 1 || !containsFold(s.status.Text, "Đã lưu báo cáo") || s.open.Disabled() {
		t.Errorf("bar %v, status %q, open disabled %v", s.bar.Value, s.status.Text, s.open.Disabled())
	}
}

// TestReportsScreenRefusesABadDate: a date that is not dd/mm/yyyy is explained and nothing is made.
func TestReportsScreenRefusesABadDate(t *testing.T) {
	test.NewTempApp(t)
	st := datatest.MustOpen(t)
	dir := t.TempDir()
	s := NewReportsScreen(st, nil, dir)
	test.NewTempWindow(t, s)
	s.date.SetText("32/13/2025")
	test.Tap(s.make)
	if !containsFold(s.status.Text, "dd/mm/yyyy") {
		t.Errorf("status %q", s.status.Text)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Error("a file was written")
	}
}

// TestReportsScreenAsksForTheCommuneOnlyForAProfile: the commune field is on for "Hồ sơ một xã" only.
func TestReportsScreenAsksForTheCommuneOnlyForAProfile(t *testing.T) {
	test.NewTempApp(t)
	s := NewReportsScreen(datatest.MustOpen(t), nil, t.TempDir())
	test.NewTempWindow(t, s)
	if !s.unit.Disabled() {
		t.Error("the commune field is on for the progress report")
	}
	s.kind.SetSelectedIndex(1)
	if s.unit.Disabled() {
		t.Error("the commune field is off for a commune profile")
	}
}

// TestReportsScreenPicksTheCommuneByName: a profile's commune is chosen by its name typed without
// accents, among the communes of the year; a name not chosen is refused with a sentence.
func TestReportsScreenPicksTheCommuneByName(t *testing.T) {
	test.NewTempApp(t)
	st := windowtest.SampleStoreOn(t, datatest.Present)
	s := NewReportsScreen(st, nil, t.TempDir())
	test.NewTempWindow(t, s)
	s.kind.SetSelectedIndex(1)
	s.year.SetSelected("2024")
	if n := len(s.unit.Labels()); n != 102 {
		t.Errorf("2024 offers %d communes", n)
	}
	s.unit.SetText("xa dak ha")
	if _, err := s.request(); err == nil || !strings.Contains(data.Message(err), "Hãy chọn xã") {
		t.Errorf("a commune not chosen: %v", err)
	}
	s.unit.Choose(valueOf(s.unit, s.unit.Labels()[0]))
	req, err := s.request()
	if err != nil || len(req.UnitCode) != 5 {
		t.Fatalf("request %+v, %v", req, err)
	}
	s.year.SetSelected("2026")
	if n := len(s.unit.Labels()); n != 40 {
		t.Errorf("2026 offers %d communes", n)
	}
}

// TestReportsScreenLimitsTheBookToAnArea: the book of communes may be limited to a province or a
// district of the year (in 2026 to the districts gone on 1/7/2025, as former territories); the
// choice is off for the other reports, and the book made holds that area's communes alone.
func TestReportsScreenLimitsTheBookToAnArea(t *testing.T) {
	test.NewTempApp(t)
	st := windowtest.SampleStoreOn(t, datatest.Present)
	dir := t.TempDir()
	s := NewReportsScreen(st, nil, dir)
	test.NewTempWindow(t, s)
	if !s.area.Disabled() {
		t.Error("the area is on for the progress report")
	}
	s.kind.SetSelectedIndex(2) // the book of communes
	if s.area.Disabled() {
		t.Fatal("the area is off for the book of communes")
	}
	s.year.SetSelected("2024")
	if s.area.Selected != wholeFile || len(s.area.Options) != 1+2+10 || !slices.Contains(s.area.Options, "Huyện Đắk Glei") {
		t.Errorf("2024: %q of %v", s.area.Selected, s.area.Options)
	}
	s.year.SetSelected("2026")
	if !slices.Contains(s.area.Options, "Huyện Đắk Glei (địa bàn cũ)") || !slices.Contains(s.area.Options, "Tỉnh Kon Tum (địa bàn cũ)") || !slices.Contains(s.area.Options, "Tỉnh Quảng Ngãi") {
		t.Errorf("2026 offers %v", s.area.Options)
	}
	s.year.SetSelected("2024")
	s.area.SetSelected("Huyện Đắk Glei")
	s.year.SetSelected("2026") // the same district, now a former one, stays chosen
	if s.area.Selected != "Huyện Đắk Glei (địa bàn cũ)" {
		t.Errorf("2026 after Đắk Glei in 2024: %q", s.area.Selected)
	}
	s.year.SetSelected("2024")
	req, err := s.request()
	if err != nil || req.UnitCode != "610" {
		t.Fatalf("request %+v, %v", req, err)
	}
	done := make(chan error, 1)
	s.done = func(path string, err error) { done <- err }
	test.Tap(s.make)
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("the book never finished")
	}
	if _, err := os.Stat(filepath.Join(dir, "bao-cao-communes-2024-610.pdf")); err != nil {
		t.Errorf("the book of the district: %v", err)
	}
}
