package screen

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestFileDialogNamesPlacesInVietnamese: the places on the left of the file dialogs (Fyne writes
// "Home", "Computer" in English) read in Vietnamese.
func TestFileDialogNamesPlacesInVietnamese(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel("KetNghia"))
	w.Resize(fyne.NewSize(1200, 700))
	showFileDialog(dialog.NewFileOpen(func(fyne.URIReadCloser, error) {}, w), w)
	p, ok := w.Canvas().Overlays().Top().(*widget.PopUp)
	if !ok {
		t.Fatal("no dialog shown")
	}
	var places *widget.List
	var find func(o fyne.CanvasObject)
	find = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *fyne.Container:
			for _, c := range v.Objects {
				find(c)
			}
		case *container.Split:
			if l, ok := v.Leading.(*widget.List); ok {
				places = l
			}
		}
	}
	find(p.Content)
	if places == nil {
		t.Fatal("no list of places in the dialog")
	}
	var names []string
	for i := 0; i < places.Length(); i++ {
		item := places.CreateItem()
		places.UpdateItem(i, item)
		for _, c := range item.(*fyne.Container).Objects {
			if l, ok := c.(*widget.Label); ok {
				names = append(names, l.Text)
			}
		}
	}
	if len(names) == 0 || names[0] != "Thư mục nhà" {
		t.Fatalf("places: %q", names)
	}
	for _, n := range names {
		if _, english := placeNames[n]; english {
			t.Errorf("%q is left in English among %q", n, names)
		}
	}
}
