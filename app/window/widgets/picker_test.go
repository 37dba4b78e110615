package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestPickerFindsWithoutAccentsAndTellsTheChoice: "dak to" lists "Huyện Đắk Tô" (and only what
// matches); choosing it in the list gives its value; a text that names no choice gives none.
func TestPickerFindsWithoutAccentsAndTellsTheChoice(t *testing.T) {
	test.NewTempApp(t)
	labels := []string{"Huyện Đắk Glei", "Huyện Đắk Tô", "Xã Đắk Tô (xã)", "Thành phố Kon Tum"}
	values := map[string]string{"Huyện Đắk Glei": "g", "Huyện Đắk Tô": "t", "Xã Đắk Tô (xã)": "x", "Thành phố Kon Tum": "k"}
	p := NewPicker("", labels, values)
	w := test.NewTempWindow(t, p)
	w.Resize(fyne.NewSize(500, 400))
	var told string
	p.OnChosen = func(v string) { told = v }
	w.Canvas().Focus(p)
	test.Type(p, "dak to")
	m := p.Matches()
	if len(m) != 2 || m[0] != "Huyện Đắk Tô" || m[1] != "Xã Đắk Tô (xã)" {
		t.Fatalf("matches of %q: %v", p.Text, m)
	}
	if _, ok := p.Chosen(); ok {
		t.Error("a half-typed name counts as a choice")
	}
	if p.popUp == nil || !p.popUp.Visible() {
		t.Fatal("the matches are not shown under the field")
	}
	p.list.Select(0)
	if v, ok := p.Chosen(); !ok || v != "t" || told != "t" || p.Text != "Huyện Đắk Tô" {
		t.Errorf("chosen %q %v, told %q, text %q", v, ok, told, p.Text)
	}
	if p.popUp.Visible() {
		t.Error("the list stays open after a choice")
	}
	if p.CursorColumn != len([]rune(p.Text)) {
		t.Errorf("after a choice the cursor is at %d of %q", p.CursorColumn, p.Text)
	}
	p.Choose("k")
	if p.Text != "Thành phố Kon Tum" {
		t.Errorf("Choose: %q", p.Text)
	}
}
