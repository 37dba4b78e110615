package screen

import (
	"errors"
	"net/url"
	"path/filepath"
	"testing"

	"ketnghia/app/window/windowtest"

	"fyne.io/fyne/v2/test"
)

// TestPrintedFileIsNamedWhenNoViewerOpensIt: a list printed on a machine where no PDF viewer
// opens says where the file was saved, instead of nothing happening.
func TestPrintedFileIsNamedWhenNoViewerOpensIt(t *testing.T) {
	test.NewTempApp(t)
	saved := openURL
	openURL = func(*url.URL) error { return errors.New("xdg-open: not found") }
	t.Cleanup(func() { openURL = saved })
	st := windowtest.SampleStore(t)
	s := NewAdminUnitsScreen(st, nil)
	s.InView()
	w := test.NewTempWindow(t, s)
	s.win = w
	folder := t.TempDir()
	done := make(chan string, 1)
	s.Print(folder, func(path string, err error) {
		if err != nil {
			t.Error(err)
		}
		done <- path
	})
	path := <-done
	if filepath.Dir(path) != folder {
		t.Fatalf("written to %s, not into %s", path, folder)
	}
	top := w.Canvas().Overlays().Top()
	if top == nil || !windowtest.HasText(top, path) || !windowtest.HasText(top, "không mở được trình xem PDF") {
		t.Fatal("no message says where the printed list was saved")
	}
	if s.print.Disabled() {
		t.Error("the print button stayed disabled")
	}
}
