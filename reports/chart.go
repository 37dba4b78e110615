package reports

import (
	"fmt"
	"math"

	"github.com/jung-kurt/gofpdf"

	"ketnghia/data/geo"
	"ketnghia/data/vntext"
)

// Charts print in grey: shades from light to dark stand for low to high, so that a black-and-white
// printer keeps every distinction.

// grey is the shade of band i of n: 235 (light) … 90 (dark).
func grey(i, n int) int {
	if n <= 1 {
		return 160
	}
	return 235 - i*(235-90)/(n-1)
}

// districtMap draws the districts shaded by a figure, with their names and values and a legend;
// without boundaries for the province, it says so in place of the map.
func (d *doc) districtMap(m *geo.Map, ok bool, values map[string]*float64, title string) {
	pdf := d.pdf
	const mapH = 125.0
	if !ok || m == nil {
		d.subheading(title)
		d.notice("Chương trình chưa có bản đồ ranh giới huyện của tỉnh này, nên không vẽ được bản đồ.")
		return
	}
	d.needSpace(mapH + 16)
	d.begin(false, 0)
	d.subheading(title)
	top := pdf.GetY() + 2
	mapW := textW * 0.68
	proj := m.Fit(marginL, top, mapW, mapH)
	var vals []float64
	for _, v := range values {
		if v != nil {
			vals = append(vals, *v)
		}
	}
	classes := geo.ClassesOf(vals, 4)
	d.lineWidth(0.25)
	pdf.SetDrawColor(40, 40, 40)
	for _, dist := range m.Districts {
		v := values[dist.Code]
		if v == nil {
			pdf.SetFillColor(255, 255, 255)
		} else {
			g := grey(classes.Of(*v), classes.N())
			pdf.SetFillColor(g, g, g)
		}
		for _, poly := range dist.Polygons {
			pts := proj.Ring(poly[0])
			gp := make([]gofpdf.PointType, len(pts))
			for i, p := range pts {
				gp[i] = gofpdf.PointType{X: p.X, Y: p.Y}
			}
			pdf.Polygon(gp, "FD")
		}
	}
	// Names and values on white tags, readable on any shade.
	for _, dist := range m.Districts {
		c := proj.Apply(dist.LabelPoint())
		name := t(geo.ShortName(dist.Name))
		val := "không có số liệu"
		if v := values[dist.Code]; v != nil {
			val = vntext.FormatRate(*v)
		}
		d.font("B", 7.5)
		w := max(pdf.GetStringWidth(name), func() float64 { d.font("", 7.5); return pdf.GetStringWidth(t(val)) }()) + 2
		pdf.SetFillColor(255, 255, 255)
		d.lineWidth(0.1)
		pdf.Rect(c.X-w/2, c.Y-3.6, w, 7.2, "FD")
		d.font("B", 7.5)
		pdf.SetXY(c.X-w/2, c.Y-3.5)
		pdf.CellFormat(w, 3.4, name, "", 0, "C", false, 0, "")
		d.font("", 7.5)
		pdf.SetXY(c.X-w/2, c.Y)
		pdf.CellFormat(w, 3.4, t(val), "", 0, "C", false, 0, "")
	}
	// Legend beside the map.
	lx := marginL + mapW + 6
	ly := top + 4
	d.font("B", 10)
	pdf.SetXY(lx, ly)
	pdf.CellFormat(textW-mapW-6, 5, t("Chú giải"), "", 1, "L", false, 0, "")
	ly += 7
	d.font("", 9.5)
	for i := classes.N() - 1; i >= 0; i-- {
		g := grey(i, classes.N())
		pdf.SetFillColor(g, g, g)
		d.lineWidth(0.2)
		pdf.Rect(lx, ly, 7, 5, "FD")
		pdf.SetXY(lx+9, ly)
		pdf.MultiCell(textW-mapW-15, 5, t(classes.Label(i, "%")), "", "L", false)
		ly = max(ly+7, pdf.GetY()+2)
	}
	pdf.SetFillColor(255, 255, 255)
	pdf.Rect(lx, ly, 7, 5, "FD")
	pdf.SetXY(lx+9, ly)
	pdf.MultiCell(textW-mapW-15, 5, t("không có số liệu"), "", "L", false)
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetY(top + mapH + 4)
}

// barChart draws one horizontal bar per label, values in percent, with an optional target line.
func (d *doc) barChart(title string, labels []string, values []*float64, target *float64, targetLabel string) {
	pdf := d.pdf
	rowH := 6.0
	h := rowH*float64(len(labels)) + 12
	d.needSpace(h + 16)
	d.begin(false, 0)
	d.subheading(title)
	top := pdf.GetY() + 2
	labelW := 38.0
	barX := marginL + labelW
	barW := textW - labelW - 22
	hi := 0.0
	for _, v := range values {
		if v != nil {
			hi = math.Max(hi, *v)
		}
	}
	if target != nil {
		hi = math.Max(hi, *target)
	}
	hi, step := geo.NiceTicks(hi, 5)
	scale := barW / hi
	// Axis and grid at round numbers.
	d.lineWidth(0.1)
	pdf.SetDrawColor(150, 150, 150)
	d.font("", 8)
	for k := 0; float64(k)*step <= hi+step/1e6; k++ {
		x := barX + float64(k)*step*scale
		pdf.Line(x, top, x, top+rowH*float64(len(labels)))
		pdf.SetXY(x-8, top+rowH*float64(len(labels))+0.5)
		pdf.CellFormat(16, 4, t(vntext.DecimalTrim(float64(k)*step)+"%"), "", 0, "C", false, 0, "")
	}
	pdf.SetDrawColor(0, 0, 0)
	for i, l := range labels {
		y := top + float64(i)*rowH
		d.font("", 9)
		pdf.SetXY(marginL, y+0.8)
		pdf.CellFormat(labelW-2, rowH-1.6, t(l), "", 0, "R", false, 0, "")
		if values[i] == nil {
			pdf.SetXY(barX+1, y+0.8)
			pdf.CellFormat(60, rowH-1.6, t("không có số liệu"), "", 0, "L", false, 0, "")
			continue
		}
		pdf.SetFillColor(120, 120, 120)
		pdf.Rect(barX, y+1, *values[i]*scale, rowH-2, "F")
		pdf.SetXY(barX+*values[i]*scale+1, y+0.8)
		pdf.CellFormat(20, rowH-1.6, t(vntext.FormatRate(*values[i])), "", 0, "L", false, 0, "")
	}
	if target != nil {
		x := barX + *target*scale
		d.lineWidth(0.4)
		pdf.SetDashPattern([]float64{1.5, 1}, 0)
		pdf.Line(x, top-1, x, top+rowH*float64(len(labels))+1)
		pdf.SetDashPattern([]float64{}, 0)
		d.font("I", 8)
		pdf.SetXY(x-20, top+rowH*float64(len(labels))+4.5)
		pdf.CellFormat(40, 4, t(targetLabel), "", 0, "C", false, 0, "")
	}
	pdf.SetY(top + h)
}

// lineChart draws a figure over the years; years without figures break the line.
func (d *doc) lineChart(title string, years []int, values []*float64, note string) {
	pdf := d.pdf
	const h = 60.0
	d.needSpace(h + 32)
	d.begin(false, 0)
	d.subheading(title)
	top := pdf.GetY() + 3
	left := marginL + 14
	w := textW - 20
	hi := 0.0
	for _, v := range values {
		if v != nil {
			hi = math.Max(hi, *v)
		}
	}
	hi, step := geo.NiceTicks(hi, 4)
	x := func(i int) float64 {
		if len(years) == 1 {
			return left + w/2
		}
		return left + float64(i)*w/float64(len(years)-1)
	}
	y := func(v float64) float64 { return top + h - v*h/hi }
	d.lineWidth(0.1)
	pdf.SetDrawColor(160, 160, 160)
	d.font("", 8)
	for k := 0; float64(k)*step <= hi+step/1e6; k++ {
		gy := y(float64(k) * step)
		pdf.Line(left, gy, left+w, gy)
		pdf.SetXY(marginL, gy-2)
		pdf.CellFormat(13, 4, t(vntext.DecimalTrim(float64(k)*step)+"%"), "", 0, "R", false, 0, "")
	}
	pdf.SetDrawColor(0, 0, 0)
	for i, yr := range years {
		pdf.SetXY(x(i)-6, top+h+1)
		pdf.CellFormat(12, 4, fmt.Sprint(yr), "", 0, "C", false, 0, "")
	}
	d.lineWidth(0.5)
	for i := 1; i < len(values); i++ {
		if values[i-1] != nil && values[i] != nil {
			pdf.Line(x(i-1), y(*values[i-1]), x(i), y(*values[i]))
		}
	}
	d.font("", 7.5)
	for i, v := range values {
		if v == nil {
			continue
		}
		pdf.SetFillColor(0, 0, 0)
		pdf.Circle(x(i), y(*v), 0.8, "F")
		pdf.SetXY(x(i)-8, y(*v)-5)
		pdf.CellFormat(16, 3.5, t(vntext.FormatDecimal(*v, 1)), "", 0, "C", false, 0, "")
	}
	pdf.SetY(top + h + 7)
	if note != "" {
		d.font("I", 10)
		pdf.SetX(marginL)
		pdf.MultiCell(textW, lineH(10), t(note), "", "L", false)
	}
	pdf.Ln(2)
}
