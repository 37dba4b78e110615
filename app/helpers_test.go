package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ketnghia/data/vntext"
)

func containsFold(s, q string) bool { return vntext.Contains(s, q) }

// canvasHasText walks the object tree looking for a text containing want.
func canvasHasText(o fyne.CanvasObject, want string) bool {
	switch x := o.(type) {
	case *canvas.Text:
		return strings.Contains(x.Text, want)
	case *widget.Label:
		return strings.Contains(x.Text, want)
	case *fyne.Container:
		for _, c := range x.Objects {
			if canvasHasText(c, want) {
				return true
			}
		}
	case fyne.Widget:
		r := test.WidgetRenderer(x)
		for _, c := range r.Objects() {
			if canvasHasText(c, want) {
				return true
			}
		}
	}
	return false
}

// findButton finds the button labelled text in the object tree.
func findButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if found != nil {
			return
		}
		switch x := o.(type) {
		case *widget.Button:
			if x.Text == text {
				found = x
			}
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
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}
