package widgets

import (
	"fmt"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketnghia/data/rules"
)

// TargetRow shows one target for a year: its name, a bar of the value against the threshold (with
// the baseline marked), the year's sentence, and its status in words, with a sign and a colour
// (readable without the colour). Tapping it opens the breakdown by district.
type TargetRow struct {
	widget.BaseWidget
	P      rules.TargetProgress
	OnTap  func(rules.TargetProgress)
	status *canvas.Text
	mark   *widget.Icon
	name   *widget.Label
	detail *widget.Label
	bar    *targetBar
}

// NewTargetRow makes the row of a target.
func NewTargetRow(p rules.TargetProgress, onTap func(rules.TargetProgress)) *TargetRow {
	r := &TargetRow{P: p, OnTap: onTap}
	r.name = widget.NewLabelWithStyle(p.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.name.Wrapping = fyne.TextWrapWord
	r.detail = widget.NewLabel(fmt.Sprintf("Năm gốc %d: %s · chỉ tiêu %s, hạn năm %d · %s", p.BaselineYear, p.BaselineText, p.ThresholdText, p.Deadline, p.Value.Detail))
	r.detail.Wrapping = fyne.TextWrapWord
	r.status = canvas.NewText(p.Status+" ("+p.ValueText+")", statusTextColor(p))
	r.status.TextStyle = fyne.TextStyle{Bold: true}
	r.mark = widget.NewIcon(StatusMark(p))
	r.bar = newTargetBar(p)
	r.ExtendBaseWidget(r)
	return r
}

// StatusMark is the sign beside a status, so that it reads without colour: a tick when met, a
// cross when overdue, three dots when not yet met within the time, a question mark when unknown.
// Drawn as icons: the program's fonts have no such signs, and a sign drawn as text made the window
// load the system's fallback fonts (~14 MB of memory for two glyphs).
func StatusMark(p rules.TargetProgress) fyne.Resource {
	switch {
	case p.Met == rules.Yes:
		return theme.NewColoredResource(theme.ConfirmIcon(), theme.ColorNameSuccess)
	case p.Overdue:
		return theme.NewColoredResource(theme.CancelIcon(), theme.ColorNameError)
	case p.Met == rules.No:
		return theme.NewColoredResource(theme.MoreHorizontalIcon(), theme.ColorNameWarning)
	}
	return theme.QuestionIcon()
}

// statusTextColor is statusColor made dark enough to read on a light background, light enough on
// a dark one.
func statusTextColor(p rules.TargetProgress) color.Color {
	dark := IsDark(fyne.CurrentApp())
	pick := func(light, onDark color.NRGBA) color.Color {
		if dark {
			return onDark
		}
		return light
	}
	switch {
	case p.Met == rules.Yes:
		return pick(color.NRGBA{0x1B, 0x6E, 0x20, 0xFF}, color.NRGBA{0x81, 0xC7, 0x84, 0xFF})
	case p.Overdue:
		return pick(color.NRGBA{0xB7, 0x1C, 0x1C, 0xFF}, color.NRGBA{0xEF, 0x9A, 0x9A, 0xFF})
	case p.Met == rules.No:
		return pick(color.NRGBA{0x9A, 0x4A, 0x00, 0xFF}, color.NRGBA{0xFF, 0xB7, 0x4D, 0xFF})
	}
	return theme.Color(theme.ColorNameForeground)
}

func statusColor(p rules.TargetProgress) color.Color {
	switch {
	case p.Met == rules.Yes:
		return theme.Color(theme.ColorNameSuccess)
	case p.Overdue:
		return theme.Color(theme.ColorNameError)
	case p.Met == rules.No:
		return theme.Color(theme.ColorNameWarning)
	}
	return theme.Color(theme.ColorNameDisabled)
}

// Tapped opens the breakdown.
func (r *TargetRow) Tapped(*fyne.PointEvent) {
	if r.OnTap != nil {
		r.OnTap(r.P)
	}
}

func (r *TargetRow) CreateRenderer() fyne.WidgetRenderer {
	hint := canvas.NewText("Bấm để xem theo từng huyện", theme.Color(theme.ColorNamePlaceHolder))
	hint.TextSize = theme.CaptionTextSize()
	return widget.NewSimpleRenderer(container.NewVBox(r.name, container.NewHBox(r.mark, r.status), r.bar, r.detail, hint))
}

// targetBar draws the value against the threshold: the filled part is the value, the dark tick the
// threshold (a band for 6–8), the light tick the baseline.
type targetBar struct {
	widget.BaseWidget
	p rules.TargetProgress
}

func newTargetBar(p rules.TargetProgress) *targetBar {
	b := &targetBar{p: p}
	b.ExtendBaseWidget(b)
	return b
}

// scaleMax is the value at the bar's right end: 100 for a share, otherwise a little past the
// threshold or the value.
func (b *targetBar) scaleMax() float64 {
	if b.p.Comparator != "between" && b.p.Target.ThresholdHi == nil && b.p.Threshold <= 100 && b.p.Metric != rules.MetricPovertyFall {
		return 100
	}
	m := b.p.Threshold * 1.25
	if b.p.Target.ThresholdHi != nil {
		m = math.Max(m, *b.p.Target.ThresholdHi*1.25)
	}
	if v := b.p.Value.Value; v != nil {
		m = math.Max(m, *v)
	}
	return m
}

func (b *targetBar) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	bg.StrokeWidth = 1
	fill := canvas.NewRectangle(statusColor(b.p))
	th := canvas.NewRectangle(theme.Color(theme.ColorNameForeground))
	thHi := canvas.NewRectangle(theme.Color(theme.ColorNameForeground))
	base := canvas.NewRectangle(theme.Color(theme.ColorNamePlaceHolder))
	return &targetBarRenderer{b: b, bg: bg, fill: fill, th: th, thHi: thHi, base: base}
}

type targetBarRenderer struct {
	b                        *targetBar
	bg, fill, th, thHi, base *canvas.Rectangle
}

func (r *targetBarRenderer) Layout(size fyne.Size) {
	h := float32(14)
	y := (size.Height - h) / 2
	r.bg.Resize(fyne.NewSize(size.Width, h))
	r.bg.Move(fyne.NewPos(0, y))
	max := r.b.scaleMax()
	at := func(v float64) float32 {
		return float32(math.Min(math.Max(v/max, 0), 1)) * size.Width
	}
	w := float32(0)
	if v := r.b.p.Value.Value; v != nil {
		w = at(*v)
	}
	r.fill.Resize(fyne.NewSize(w, h))
	r.fill.Move(fyne.NewPos(0, y))
	r.th.Resize(fyne.NewSize(3, h+8))
	r.th.Move(fyne.NewPos(at(r.b.p.Threshold)-1.5, y-4))
	r.thHi.Hidden = r.b.p.Target.ThresholdHi == nil
	if !r.thHi.Hidden {
		r.thHi.Resize(fyne.NewSize(3, h+8))
		r.thHi.Move(fyne.NewPos(at(*r.b.p.Target.ThresholdHi)-1.5, y-4))
	}
	r.base.Hidden = r.b.p.Baseline.Value == nil || r.b.p.Metric == rules.MetricPovertyFall
	if !r.base.Hidden {
		r.base.Resize(fyne.NewSize(2, h))
		r.base.Move(fyne.NewPos(at(*r.b.p.Baseline.Value)-1, y))
	}
}

func (r *targetBarRenderer) MinSize() fyne.Size { return fyne.NewSize(200, 24) }
func (r *targetBarRenderer) Refresh() {
	r.fill.FillColor = statusColor(r.b.p)
	r.Layout(r.b.Size())
	canvas.Refresh(r.b)
}
func (r *targetBarRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.fill, r.base, r.th, r.thHi}
}
func (r *targetBarRenderer) Destroy() {}
