package window

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ketnghia/app/window/widgets"
	"ketnghia/app/window/windowtest"
	"ketnghia/data"
	"ketnghia/data/datatest"
)

// TestFirstStartAsksForTheOfficeName: a database nobody has named the office of asks at start;
// an empty name is refused on the dialog with the name kept; a name saved is the window's title
// and is not asked for again.
func TestFirstStartAsksForTheOfficeName(t *testing.T) {
	test.NewTempApp(t)
	st := datatest.MustOpen(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	var told data.Settings
	d := askOfficeName(st, w, func(s data.Settings) { told = s })
	if d == nil {
		t.Fatal("an unnamed office was not asked for its name")
	}
	entry, ok := windowtest.FindIn(w.Canvas().Overlays().Top(), func(e *widgets.TextEntry) bool { return true })
	if !ok {
		t.Fatal("no name field on the dialog")
	}
	entry.SetText("   ")
	test.Tap(windowtest.FindButton(t, w.Canvas().Overlays().Top(), "Lưu"))
	if set, _ := st.Settings(context.Background()); set.OfficeNamed || w.Canvas().Overlays().Top() == nil {
		t.Fatal("an empty name was saved or closed the dialog")
	}
	if !windowtest.HasText(w.Canvas().Overlays().Top(), "không được để trống") {
		t.Error("no message for an empty name")
	}
	entry.SetText("Văn phòng Huyện ủy Đắk Tô")
	test.Tap(windowtest.FindButton(t, w.Canvas().Overlays().Top(), "Lưu"))
	set, _ := st.Settings(context.Background())
	if !set.OfficeNamed || set.OfficeName != "Văn phòng Huyện ủy Đắk Tô" || told.OfficeName != set.OfficeName {
		t.Fatalf("saved %+v, told %q", set, told.OfficeName)
	}
	if w.Canvas().Overlays().Top() != nil {
		t.Error("the dialog stayed open after saving")
	}
	if askOfficeName(st, w, nil) != nil {
		t.Error("a named office was asked again")
	}
	if !strings.Contains(windowTitle(set, st.Path()), "Đắk Tô") {
		t.Error("title")
	}
}
