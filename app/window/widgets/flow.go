package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// NewFlow is a row of widgets (buttons, filters) that starts a new line where the width runs out,
// so that a form fits a 1366-pixel laptop at any text size instead of widening the window.
func NewFlow(objects ...fyne.CanvasObject) *fyne.Container {
	return container.New(&flowLayout{}, objects...)
}

// flowLayout places objects left to right at their minimum size, wrapping. Its minimum width is the
// widest object; its height is that of the lines at the width it was last laid out in (the canvas
// asks again once the width is known).
type flowLayout struct{ width float32 }

func (f *flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	f.width = size.Width
	f.place(objs, size.Width, true)
}

func (f *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w := float32(0)
	for _, o := range objs {
		if o.Visible() {
			w = max(w, o.MinSize().Width)
		}
	}
	width := f.width
	if width <= 0 {
		width = 1 << 20 // not laid out yet: one line
	}
	return fyne.NewSize(w, f.place(objs, max(width, w), false))
}

// place lays the objects out in width (when move is set) and gives the height they take.
func (f *flowLayout) place(objs []fyne.CanvasObject, width float32, move bool) float32 {
	pad := theme.Padding()
	x, y, line := float32(0), float32(0), float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		if x > 0 && x+m.Width > width {
			x, y, line = 0, y+line+pad, 0
		}
		if move {
			o.Move(fyne.NewPos(x, y))
			o.Resize(m)
		}
		x += m.Width + pad
		line = max(line, m.Height)
	}
	return y + line
}

// Wrapped is a label whose text wraps at the width it is given.
func Wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}
