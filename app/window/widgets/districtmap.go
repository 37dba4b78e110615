package widgets

import (
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/image/vector"

	"ketnghia/data/geo"
)

// DistrictMap draws the districts (data/geo, the same boundaries and projection as the reports)
// shaded by a figure, with their names, a legend, and the value of the district under the mouse
// or tapped.
type DistrictMap struct {
	widget.BaseWidget
	m       *geo.Map
	values  map[string]*float64
	format  func(v float64) string
	classes geo.Classes
	info    *widget.Label
	// OnSelect is told the district tapped.
	OnSelect func(code string)
}

// Shade is the fill of band i of n, light to dark, with the same lightness steps in both themes.
func Shade(i, n int) color.NRGBA {
	if n <= 1 {
		return color.NRGBA{0xE0, 0x7B, 0x39, 0xFF}
	}
	f := float64(i) / float64(n-1)
	lerp := func(a, b uint8) uint8 { return uint8(float64(a) + (float64(b)-float64(a))*f) }
	return color.NRGBA{lerp(0xFD, 0x8C), lerp(0xE6, 0x2D), lerp(0xCC, 0x04), 0xFF}
}

var noDataShade = color.NRGBA{0xE8, 0xE8, 0xE8, 0xFF}

// NewDistrictMap makes the map; SetValues fills it.
func NewDistrictMap(m *geo.Map) *DistrictMap {
	d := &DistrictMap{m: m, info: widget.NewLabel("Di chuột hoặc bấm vào một huyện để xem số liệu.")}
	d.info.Wrapping = fyne.TextWrapWord
	d.ExtendBaseWidget(d)
	return d
}

// SetValues shades the districts by values (by district code), written with format.
func (d *DistrictMap) SetValues(values map[string]*float64, format func(float64) string) {
	d.values, d.format = values, format
	var vs []float64
	for _, v := range values {
		if v != nil {
			vs = append(vs, *v)
		}
	}
	d.classes = geo.ClassesOf(vs, 4)
	d.Refresh()
}

// Geography is the map drawn.
func (d *DistrictMap) Geography() *geo.Map { return d.m }

// ColorOf is the shade a district is painted with.
func (d *DistrictMap) ColorOf(code string) color.NRGBA {
	v := d.values[code]
	if v == nil || d.classes.N() == 0 {
		return noDataShade
	}
	return Shade(d.classes.Of(*v), d.classes.N())
}

// mapSize is the part of the widget the map takes (the legend is on its right).
func mapSize(size fyne.Size) fyne.Size {
	return fyne.NewSize(size.Width*0.72, size.Height)
}

// Projection is the map's projection for the widget's current size, in Fyne units.
func (d *DistrictMap) Projection() geo.Projection {
	s := mapSize(d.Size())
	return d.m.Fit(4, 4, float64(s.Width)-8, float64(s.Height)-8)
}

func (d *DistrictMap) describe(pos fyne.Position) {
	p := d.Projection().Invert(geo.Point{X: float64(pos.X), Y: float64(pos.Y)})
	dist := d.m.DistrictAt(p)
	if dist == nil {
		return
	}
	text := dist.Name + ": không có số liệu"
	if v := d.values[dist.Code]; v != nil && d.format != nil {
		text = dist.Name + ": " + d.format(*v)
	}
	d.info.SetText(text)
	if d.OnSelect != nil {
		d.OnSelect(dist.Code)
	}
}

// Tapped shows the tapped district's value.
func (d *DistrictMap) Tapped(e *fyne.PointEvent) { d.describe(e.Position) }

// MouseIn, MouseMoved and MouseOut show the value under the mouse.
func (d *DistrictMap) MouseIn(e *desktop.MouseEvent)    { d.describe(e.Position) }
func (d *DistrictMap) MouseMoved(e *desktop.MouseEvent) { d.describe(e.Position) }
func (d *DistrictMap) MouseOut()                        {}

// rasterize paints the districts into a w × h image (pixels).
func (d *DistrictMap) rasterize(w, h int) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	if w <= 8 || h <= 8 {
		return img
	}
	size := d.Size()
	scale := float64(w) / float64(size.Width)
	if size.Width == 0 {
		scale = 1
	}
	ms := mapSize(size)
	proj := d.m.Fit(4*scale, 4*scale, float64(ms.Width)*scale-8*scale, float64(ms.Height)*scale-8*scale)
	z := vector.NewRasterizer(w, h)
	edge := color.NRGBA{0x30, 0x30, 0x30, 0xFF}
	for _, dist := range d.m.Districts {
		z.Reset(w, h)
		for _, poly := range dist.Polygons {
			for _, ring := range poly {
				pts := proj.Ring(ring)
				z.MoveTo(float32(pts[0].X), float32(pts[0].Y))
				for _, p := range pts[1:] {
					z.LineTo(float32(p.X), float32(p.Y))
				}
				z.ClosePath()
			}
		}
		z.Draw(img, img.Bounds(), image.NewUniform(d.ColorOf(dist.Code)), image.Point{})
	}
	// Outlines: each district's own edges (neighbours share them only approximately), every edge a
	// thin quad of one path, filled at once.
	width := math.Max(1, scale)
	z.Reset(w, h)
	for _, dist := range d.m.Districts {
		for _, poly := range dist.Polygons {
			pts := proj.Ring(poly[0])
			for i := range pts {
				segmentQuad(z, pts[i], pts[(i+1)%len(pts)], width)
			}
		}
	}
	z.Draw(img, img.Bounds(), image.NewUniform(edge), image.Point{})
	return img
}

// segmentQuad adds a line of the given width between a and b to the rasterizer's path.
func segmentQuad(z *vector.Rasterizer, a, b geo.Point, width float64) {
	dx, dy := b.X-a.X, b.Y-a.Y
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	nx, ny := -dy/l*width/2, dx/l*width/2
	z.MoveTo(float32(a.X+nx), float32(a.Y+ny))
	z.LineTo(float32(b.X+nx), float32(b.Y+ny))
	z.LineTo(float32(b.X-nx), float32(b.Y-ny))
	z.LineTo(float32(a.X-nx), float32(a.Y-ny))
	z.ClosePath()
}

func (d *DistrictMap) CreateRenderer() fyne.WidgetRenderer {
	r := &mapRenderer{d: d, raster: canvas.NewRaster(d.rasterize)}
	r.legend = container.NewVBox()
	return r
}

type mapRenderer struct {
	d      *DistrictMap
	raster *canvas.Raster
	labels []fyne.CanvasObject
	legend *fyne.Container
	objs   []fyne.CanvasObject
}

func (r *mapRenderer) Layout(size fyne.Size) {
	r.raster.Resize(size)
	r.raster.Move(fyne.NewPos(0, 0))
	proj := r.d.Projection()
	// Each label at its district's label point, or moved up or down by up to two of its heights
	// where it would cover a label already placed; one that finds no room is hidden (the district
	// still says its name and value under the mouse).
	var placed []fyne.Position
	var sizes []fyne.Size
	overlaps := func(p fyne.Position, sz fyne.Size) bool {
		for k, q := range placed {
			if p.X < q.X+sizes[k].Width && q.X < p.X+sz.Width && p.Y < q.Y+sizes[k].Height && q.Y < p.Y+sz.Height {
				return true
			}
		}
		return false
	}
	for i, dist := range r.d.m.Districts {
		if i >= len(r.labels) {
			break
		}
		c := proj.Apply(dist.LabelPoint())
		l := r.labels[i]
		ls := l.MinSize()
		l.Resize(ls)
		at := fyne.NewPos(float32(c.X)-ls.Width/2, float32(c.Y)-ls.Height/2)
		l.Hide()
		for _, dy := range []float32{0, 1, -1, 2, -2} {
			p := fyne.NewPos(at.X, at.Y+dy*ls.Height*0.6)
			if !overlaps(p, ls) {
				l.Move(p)
				l.Show()
				placed, sizes = append(placed, p), append(sizes, ls)
				break
			}
		}
	}
	ms := mapSize(size)
	lw := size.Width - ms.Width
	r.legend.Resize(fyne.NewSize(lw, r.legend.MinSize().Height))
	r.legend.Move(fyne.NewPos(ms.Width, 0))
	r.d.info.Resize(fyne.NewSize(lw, r.d.info.MinSize().Height*3))
	r.d.info.Move(fyne.NewPos(ms.Width, r.legend.MinSize().Height+theme.Padding()))
}

func (r *mapRenderer) MinSize() fyne.Size { return fyne.NewSize(300, 260) }

func (r *mapRenderer) Refresh() {
	r.labels = nil
	for _, dist := range r.d.m.Districts {
		name := canvas.NewText(geo.ShortName(dist.Name), color.NRGBA{0, 0, 0, 0xFF})
		name.TextSize = theme.CaptionTextSize()
		name.TextStyle = fyne.TextStyle{Bold: true}
		name.Alignment = fyne.TextAlignCenter
		val := "—"
		if v := r.d.values[dist.Code]; v != nil && r.d.format != nil {
			val = r.d.format(*v)
		}
		value := canvas.NewText(val, color.NRGBA{0, 0, 0, 0xFF})
		value.TextSize = theme.CaptionTextSize()
		value.Alignment = fyne.TextAlignCenter
		bg := canvas.NewRectangle(color.NRGBA{0xFF, 0xFF, 0xFF, 0xD8})
		bg.CornerRadius = 3
		r.labels = append(r.labels, container.NewStack(bg, container.New(&tightVBox{}, name, value)))
	}
	r.legend.Objects = nil
	r.legend.Add(widget.NewLabelWithStyle("Chú giải", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for i := r.d.classes.N() - 1; i >= 0; i-- {
		r.legend.Add(swatch(Shade(i, r.d.classes.N()), r.d.classes.Label(i, "%")))
	}
	r.legend.Add(swatch(noDataShade, "không có số liệu"))
	r.objs = append([]fyne.CanvasObject{r.raster}, r.labels...)
	r.objs = append(r.objs, r.legend, r.d.info)
	r.raster.Refresh()
	r.Layout(r.d.Size())
	canvas.Refresh(r.d)
}

func (r *mapRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *mapRenderer) Destroy()                     {}

func swatch(c color.Color, label string) fyne.CanvasObject {
	box := canvas.NewRectangle(c)
	box.StrokeColor = color.NRGBA{0x30, 0x30, 0x30, 0xFF}
	box.StrokeWidth = 1
	box.SetMinSize(fyne.NewSize(22, 16))
	l := widget.NewLabel(label)
	l.Wrapping = fyne.TextWrapWord
	return container.NewBorder(nil, nil, container.NewCenter(box), nil, l)
}

// tightVBox stacks objects without padding (the two lines of a map label).
type tightVBox struct{}

func (tightVBox) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		m := o.MinSize()
		s.Width = max(s.Width, m.Width+6)
		s.Height += m.Height
	}
	return s
}

func (tightVBox) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		m := o.MinSize()
		o.Resize(fyne.NewSize(size.Width, m.Height))
		o.Move(fyne.NewPos(0, y))
		y += m.Height
	}
}
