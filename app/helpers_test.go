package app

import (
	"strings"

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
