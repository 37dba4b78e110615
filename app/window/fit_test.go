package window

import (
	"fmt"
	"testing"

	"ketnghia/app/window/widgets"
	"ketnghia/app/window/windowtest"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// usable is what a 1366×768 laptop leaves a window: the taskbar, the title bar and the borders off.
var usable = fyne.NewSize(1350, 690)

// outside lists the visible objects under o that reach past the window's edge (what a scroll,
// a list or a table holds is theirs to show by scrolling).
func outside(o fyne.CanvasObject, win fyne.Size, path string, out *[]string) {
	if o == nil || !o.Visible() {
		return
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	size := o.Size()
	if size.Width > 0 && size.Height > 0 && (pos.X+size.Width > win.Width+1 || pos.Y+size.Height > win.Height+1 || pos.X < -1 || pos.Y < -1) {
		*out = append(*out, fmt.Sprintf("%s%T at %.0f,%.0f size %.0f×%.0f", path, o, pos.X, pos.Y, size.Width, size.Height))
		return
	}
	switch v := o.(type) {
	case *container.Scroll, *widget.List, *widget.Table, *widget.Entry, *widget.Select, *widget.Tree:
		return
	case *fyne.Container:
		for _, c := range v.Objects {
			outside(c, win, path+"  ", out)
		}
	case fyne.Widget:
		if _, ok := o.(*widgets.TextEntry); ok {
			return
		}
		for _, c := range test.WidgetRenderer(v).Objects() {
			outside(c, win, path+"  ", out)
		}
	}
}

// TestEveryScreenFitsALaptopAtEveryTextSize walks every screen at 1366×768 at each text size: the
// window never needs to be wider or taller than the screen, and no widget lies outside it.
func TestEveryScreenFitsALaptopAtEveryTextSize(t *testing.T) {
	a := test.NewTempApp(t)
	st := windowtest.SampleStore(t)
	defer widgets.Appearance{Variant: "light", TextScale: 1}.Apply(a)
	for _, scale := range []float32{1, 1.15, 1.25, 1.5} {
		widgets.Appearance{Variant: "light", TextScale: scale}.Apply(a)
		m := newMainContent(st, nil, nil)
		w := test.NewTempWindow(t, m.content)
		w.Resize(usable)
		for i, s := range m.nav.screens {
			m.nav.Select(i)
			// A screen with a form is measured with a record open in it (its form was hidden
			// while nothing was chosen).
			if o, ok := s.built.(interface{ Open(int) }); ok {
				o.Open(0)
			}
			if min := m.content.MinSize(); min.Width > usable.Width || min.Height > usable.Height {
				t.Errorf("%.0f%% %s: the window must be %.0f×%.0f, more than the %.0f×%.0f a laptop gives", scale*100, s.title, min.Width, min.Height, usable.Width, usable.Height)
				continue
			}
			var out []string
			outside(m.content, w.Canvas().Size(), "", &out)
			if len(out) > 0 {
				t.Errorf("%.0f%% %s: %d objects outside the window, first %s", scale*100, s.title, len(out), out[0])
			}
		}
	}
}
