package widgets

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// TestTrendChartReformNoteEndsAtItsLine: the note on the year of reform is written just left of
// its vertical line, not a text's width further away.
func TestTrendChartReformNoteEndsAtItsLine(t *testing.T) {
	test.NewTempApp(t)
	v := 30.0
	c := NewTrendChart()
	c.ReformYear, c.ReformNote = 2025, "01/7/2025: sắp xếp đơn vị hành chính"
	c.Set([]int{2016, 2020, 2025}, []Series{{Name: "Toàn tỉnh", Values: []*float64{&v, &v, &v}}})
	w := test.NewWindow(c)
	defer w.Close()
	w.Resize(fyne.NewSize(600, 300))
	var lineX float32 = -1
	var note *canvas.Text
	for _, o := range test.WidgetRenderer(c).Objects() {
		switch o := o.(type) {
		case *canvas.Line:
			if o.Position1.X == o.Position2.X && o.Position1.Y != o.Position2.Y && lineX < 0 {
				lineX = o.Position1.X
			}
		case *canvas.Text:
			if o.Text == c.ReformNote {
				note = o
			}
		}
	}
	if lineX < 0 || note == nil {
		t.Fatal("the chart has no line or no note for the year of reform")
	}
	right := note.Position().X + note.MinSize().Width
	if note.Alignment == fyne.TextAlignTrailing {
		right = note.Position().X + note.Size().Width
	}
	if gap := lineX - right; gap < 0 || gap > 12 {
		t.Errorf("the note ends %.0f px left of its line, want 0–12", gap)
	}
}

// TestTrendChartLegendStaysInside: on a narrow chart the legend takes more rows instead of running
// past the edge.
func TestTrendChartLegendStaysInside(t *testing.T) {
	test.NewTempApp(t)
	v := 30.0
	c := NewTrendChart()
	vals := []*float64{&v, &v}
	c.Set([]int{2016, 2025}, []Series{{Name: "Toàn tỉnh", Values: vals}, {Name: "Xã ĐBKK (danh sách 2017)", Values: vals}, {Name: "Lộ trình giảm 6 điểm %/năm", Values: vals, Dashed: true}})
	w := test.NewWindow(c)
	defer w.Close()
	w.Resize(fyne.NewSize(360, 300))
	seen := 0
	for _, o := range test.WidgetRenderer(c).Objects() {
		if txt, ok := o.(*canvas.Text); ok && len(txt.Text) > 8 {
			seen++
			if right := txt.Position().X + txt.MinSize().Width; right > c.Size().Width {
				t.Errorf("%q ends at %.0f, past the chart's width %.0f", txt.Text, right, c.Size().Width)
			}
		}
	}
	if seen < 3 {
		t.Fatalf("only %d legend entries drawn", seen)
	}
}

// TestTrendChartLabelsDoNotOverlap: ten years on a narrow chart (the dashboard at 1280 px and
// 125% text) label as many years and values as fit, none over another nor over the note on the
// year of reform, the last year always.
func TestTrendChartLabelsDoNotOverlap(t *testing.T) {
	test.NewTempApp(t)
	c := NewTrendChart()
	var years []int
	var vals []*float64
	for y := 2016; y <= 2025; y++ {
		v := 50 - 2.5*float64(y-2016)
		years, vals = append(years, y), append(vals, &v)
	}
	c.ReformYear, c.ReformNote = 2025, "01/7/2025: sắp xếp đơn vị hành chính" // over the values at 150% text
	c.Set(years, []Series{{Name: "Toàn tỉnh", Values: vals}})
	w := test.NewWindow(c)
	defer w.Close()
	for _, width := range []float32{300, 360, 600} {
		w.Resize(fyne.NewSize(width, 260))
		var texts []*canvas.Text
		lastYear := false
		for _, o := range test.WidgetRenderer(c).Objects() {
			if t, ok := o.(*canvas.Text); ok {
				texts = append(texts, t)
				lastYear = lastYear || t.Text == "2025"
			}
		}
		if !lastYear {
			t.Errorf("%v px: the last year is not labelled", width)
		}
		for i, a := range texts {
			for _, b := range texts[i+1:] {
				ax, ay, bx, by := a.Position().X, a.Position().Y, b.Position().X, b.Position().Y
				aw, ah, bw, bh := a.MinSize().Width, a.MinSize().Height, b.MinSize().Width, b.MinSize().Height
				if ax < bx+bw && bx < ax+aw && ay < by+bh && by < ay+ah {
					t.Errorf("%v px: %q over %q", width, a.Text, b.Text)
				}
			}
		}
	}
}

// TestTrendChartValueAxisFitsItsLabels: at 150% text the value axis is as wide as its widest
// label ("37,5%" was cut to "7,5%" at a fixed 44 px), and no label starts left of the chart.
func TestTrendChartValueAxisFitsItsLabels(t *testing.T) {
	a := test.NewTempApp(t)
	Appearance{TextScale: 1.5}.Apply(a)
	v := 95.0
	c := NewTrendChart()
	c.Set([]int{2016, 2025}, []Series{{Name: "Toàn tỉnh", Values: []*float64{&v, &v}}})
	w := test.NewWindow(c)
	defer w.Close()
	w.Resize(fyne.NewSize(400, 260))
	seen := false
	for _, o := range test.WidgetRenderer(c).Objects() {
		if txt, ok := o.(*canvas.Text); ok {
			if txt.Text == "100%" {
				seen = true
			}
			if txt.Position().X < 0 {
				t.Errorf("%q starts at %.0f, left of the chart", txt.Text, txt.Position().X)
			}
		}
	}
	if !seen {
		t.Fatal("no 100% on the value axis")
	}
}

// TestTrendChartTicksFallOnRoundNumbers: the value axis of Kon Tum's poverty rates (48,2% at most)
// goes to 50% in steps of 10, as the reports' charts do, not by quarters of 50 (12,5%, 37,5%).
func TestTrendChartTicksFallOnRoundNumbers(t *testing.T) {
	test.NewTempApp(t)
	a, b := 48.2, 9.6
	c := NewTrendChart()
	c.Set([]int{2016, 2025}, []Series{{Name: "Xã ĐBKK", Values: []*float64{&a, &b}}})
	w := test.NewWindow(c)
	defer w.Close()
	w.Resize(fyne.NewSize(500, 300))
	var got []string
	for _, o := range test.WidgetRenderer(c).Objects() {
		if txt, ok := o.(*canvas.Text); ok && strings.HasSuffix(txt.Text, "%") && txt.Position().X < 60 {
			got = append(got, txt.Text)
		}
	}
	want := []string{"0%", "10%", "20%", "30%", "40%", "50%"}
	if !slices.Equal(got, want) {
		t.Errorf("the value axis reads %v, want %v", got, want)
	}
}
