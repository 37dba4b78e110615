package widgets

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketnghia/data/geo"
	"ketnghia/data/vntext"
)

// Series is one line of a trend chart: a value per year (nil: no figures that year).
type Series struct {
	Name   string
	Color  color.Color
	Values []*float64
	Dashed bool // drawn as separate short strokes (a target path)
}

// TrendChart draws percentages over the years: lines with markers and values, a legend, and a
// mark on a year of reform.
type TrendChart struct {
	widget.BaseWidget
	Years  []int
	Series []Series
	// ReformYear is marked with a vertical line and ReformNote (0: none).
	ReformYear int
	ReformNote string
}

// NewTrendChart makes an empty chart.
func NewTrendChart() *TrendChart {
	c := &TrendChart{}
	c.ExtendBaseWidget(c)
	return c
}

// Set replaces the chart's years and lines.
func (c *TrendChart) Set(years []int, series []Series) {
	c.Years, c.Series = years, series
	c.Refresh()
}

func (c *TrendChart) CreateRenderer() fyne.WidgetRenderer { return &trendRenderer{c: c} }

type trendRenderer struct {
	c    *TrendChart
	objs []fyne.CanvasObject
}

func (r *trendRenderer) MinSize() fyne.Size { return fyne.NewSize(300, 230) }
func (r *trendRenderer) Refresh()           { r.Layout(r.c.Size()); canvas.Refresh(r.c) }
func (r *trendRenderer) Destroy()           {}
func (r *trendRenderer) Objects() []fyne.CanvasObject {
	return r.objs
}

// chartText is a text of the given colour and size.
func chartText(s string, col color.Color, size float32) *canvas.Text {
	t := canvas.NewText(s, col)
	t.TextSize = size
	return t
}

func (r *trendRenderer) Layout(size fyne.Size) {
	c := r.c
	r.objs = nil
	fg := theme.Color(theme.ColorNameForeground)
	grid := theme.Color(theme.ColorNameSeparator)
	small := theme.CaptionTextSize()
	left, right, top := float32(44), float32(12), float32(8)
	// The note on the year of reform has a band of its own above the plot: over the plot it lay
	// across the values' labels of a narrow chart (150% text).
	var note *canvas.Text
	if c.ReformNote != "" && slices.Contains(c.Years, c.ReformYear) {
		note = chartText(c.ReformNote, theme.Color(theme.ColorNamePlaceHolder), small)
		top = 4 + note.MinSize().Height + 4
	}
	// Legend entries in rows: a short stroke and the name each, a new row when one does not fit.
	legend := make([]fyne.Position, len(c.Series))
	lx, row := left, float32(0)
	for i, s := range c.Series {
		tw := chartText(s.Name, fg, small).MinSize().Width
		if lx > left && lx+26+tw > size.Width-right {
			lx, row = left, row+18
		}
		legend[i] = fyne.NewPos(lx, row)
		lx += 26 + tw + 18
	}
	legendH := 22 + row
	bottom := float32(22) + legendH
	w, h := size.Width-left-right, size.Height-top-bottom
	if w <= 10 || h <= 10 || len(c.Years) == 0 {
		return
	}
	hi := 0.0
	for _, s := range c.Series {
		for _, v := range s.Values {
			if v != nil {
				hi = math.Max(hi, *v)
			}
		}
	}
	// Ticks at round numbers, as the reports' charts have them (0, 10, … 50%, not 12,5%); the
	// value axis is as wide as its widest label ("37,5%" at 150% text was cut at 44 px).
	hi, step := geo.NiceTicks(hi, 5)
	steps := int(math.Round(hi / step))
	ticks := make([]*canvas.Text, steps+1)
	for k := range ticks {
		ticks[k] = chartText(vntext.DecimalTrim(step*float64(k))+"%", fg, small)
		left = max(left, ticks[k].MinSize().Width+8)
	}
	w = size.Width - left - right
	x := func(i int) float32 {
		if len(c.Years) == 1 {
			return left + w/2
		}
		return left + float32(i)*w/float32(len(c.Years)-1)
	}
	y := func(v float64) float32 { return top + h - float32(v/hi)*h }
	for k := range ticks {
		gy := top + h - float32(k)*h/float32(steps)
		l := canvas.NewLine(grid)
		l.Position1, l.Position2 = fyne.NewPos(left, gy), fyne.NewPos(left+w, gy)
		t := ticks[k]
		t.Move(fyne.NewPos(left-t.MinSize().Width-4, gy-t.MinSize().Height/2))
		r.objs = append(r.objs, l, t)
	}
	// As many years are labelled as the width holds side by side, the last always; the values on
	// the points likewise (a narrow window had "2016201720182019…").
	for _, t := range spacedLabels(len(c.Years), func(i int) (*canvas.Text, float32) {
		return chartText(fmt.Sprint(c.Years[i]), fg, small), x(i)
	}, left, size.Width) {
		t.Move(fyne.NewPos(t.Position().X, top+h+3))
		r.objs = append(r.objs, t)
	}
	for i, yr := range c.Years {
		if yr == c.ReformYear {
			l := canvas.NewLine(theme.Color(theme.ColorNamePlaceHolder))
			l.StrokeWidth = 1
			l.Position1, l.Position2 = fyne.NewPos(x(i), top), fyne.NewPos(x(i), top+h)
			l.Position1 = fyne.NewPos(x(i), 4) // up through the note's band
			r.objs = append(r.objs, l)
			if note != nil { // ends just left of the line, within the chart
				nx := max(min(x(i)-note.MinSize().Width-4, size.Width-right-note.MinSize().Width), left)
				note.Move(fyne.NewPos(nx, 4))
				r.objs = append(r.objs, note)
			}
		}
	}
	for si, s := range c.Series {
		for i := 1; i < len(s.Values); i++ {
			a, b := s.Values[i-1], s.Values[i]
			if a == nil || b == nil {
				continue
			}
			p1, p2 := fyne.NewPos(x(i-1), y(*a)), fyne.NewPos(x(i), y(*b))
			if s.Dashed {
				p2 = fyne.NewPos(p1.X+(p2.X-p1.X)*0.6, p1.Y+(p2.Y-p1.Y)*0.6)
			}
			l := canvas.NewLine(s.Color)
			l.StrokeWidth = 2.5
			l.Position1, l.Position2 = p1, p2
			r.objs = append(r.objs, l)
		}
		var points []int // the values known, each a dot
		for i, v := range s.Values {
			if v == nil || s.Dashed {
				continue
			}
			dot := canvas.NewCircle(s.Color)
			dot.Resize(fyne.NewSize(7, 7))
			dot.Move(fyne.NewPos(x(i)-3.5, y(*v)-3.5))
			r.objs = append(r.objs, dot)
			points = append(points, i)
		}
		for _, t := range spacedLabels(len(points), func(k int) (*canvas.Text, float32) {
			t := chartText(vntext.FormatDecimal(*s.Values[points[k]], 1), fg, small*0.9)
			ty := y(*s.Values[points[k]]) - t.MinSize().Height - 3 // above its point
			if ty < top {
				ty = y(*s.Values[points[k]]) + 5 // below it, out of the note's band
			}
			t.Move(fyne.NewPos(0, ty))
			return t, x(points[k])
		}, left, size.Width-right) {
			r.objs = append(r.objs, t)
		}
		lx, ly := legend[si].X, size.Height-legendH+8+legend[si].Y
		l := canvas.NewLine(s.Color)
		l.StrokeWidth = 2.5
		l.Position1, l.Position2 = fyne.NewPos(lx, ly), fyne.NewPos(lx+22, ly)
		t := chartText(s.Name, fg, small)
		t.Move(fyne.NewPos(lx+26, ly-t.MinSize().Height/2))
		r.objs = append(r.objs, l, t)
	}
}

// spacedLabels places n labels, each centred on its x but kept between left and right, from the
// first, leaving out those that would touch the one before; the last is always kept, in place of
// those it would touch.
func spacedLabels(n int, label func(i int) (*canvas.Text, float32), left, right float32) []*canvas.Text {
	const gap = 6
	var out []*canvas.Text
	for i := 0; i < n; i++ {
		t, cx := label(i)
		w := t.MinSize().Width
		tx := min(max(cx-w/2, left), right-w)
		touches := func() bool {
			p := out[len(out)-1]
			return tx < p.Position().X+p.MinSize().Width+gap
		}
		if len(out) > 0 && touches() {
			if i < n-1 {
				continue
			}
			for len(out) > 0 && touches() {
				out = out[:len(out)-1]
			}
		}
		t.Move(fyne.NewPos(tx, t.Position().Y))
		out = append(out, t)
	}
	return out
}
