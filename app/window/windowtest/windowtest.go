// Package windowtest helps the window's headless tests read what a screen shows: find a text, a
// button, a radio group in the tree of objects as Fyne's test renderer draws it.
package windowtest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ketnghia/data"
	"ketnghia/data/datatest"
	"ketnghia/data/sample"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// HasText walks the object tree looking for a text containing want.
func HasText(o fyne.CanvasObject, want string) bool {
	switch x := o.(type) {
	case *canvas.Text:
		return strings.Contains(x.Text, want)
	case *widget.Label:
		return strings.Contains(x.Text, want)
	case *fyne.Container:
		for _, c := range x.Objects {
			if HasText(c, want) {
				return true
			}
		}
	case fyne.Widget:
		r := test.WidgetRenderer(x)
		for _, c := range r.Objects() {
			if HasText(c, want) {
				return true
			}
		}
	}
	return false
}

// FindIn finds the first object of type T in the tree for which ok says yes.
func FindIn[T fyne.CanvasObject](o fyne.CanvasObject, ok func(T) bool) (T, bool) {
	var found T
	var done bool
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if done {
			return
		}
		if x, is := o.(T); is && ok(x) {
			found, done = x, true
			return
		}
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return found, done
}

// FindButton finds the button labelled text in the object tree.
func FindButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	b, ok := FindIn(o, func(b *widget.Button) bool { return b.Text == text })
	if !ok {
		t.Fatalf("no button %q", text)
	}
	return b
}

// FindRadio finds the first radio group in the object tree.
func FindRadio(t *testing.T, o fyne.CanvasObject) *widget.RadioGroup {
	t.Helper()
	r, ok := FindIn(o, func(*widget.RadioGroup) bool { return true })
	if !ok {
		t.Fatal("no radio group")
	}
	return r
}

// SampleStore is a new file of the Kon Tum sample under t.TempDir(), its clock stopped at
// datatest.Clock.
func SampleStore(t *testing.T) *data.Store {
	t.Helper()
	return SampleStoreOn(t, datatest.Clock)
}

// SampleStoreOn is the Kon Tum sample with the clock stopped at now (datatest.Present: the present).
func SampleStoreOn(t *testing.T, now time.Time) *data.Store {
	t.Helper()
	st := datatest.MustOpenOn(t, filepath.Join(t.TempDir(), "ketnghia.db"), now)
	if err := sample.Load(context.Background(), st, sample.Province, 1); err != nil {
		t.Fatal(err)
	}
	return st
}
