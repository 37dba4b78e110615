// Package geo owns the district boundaries and their projection: the dashboard and the progress
// report draw the very same map from it. It knows Kon Tum's 10 districts (2015 – 30/6/2025), from
// the Government's administrative map (GSO codes), extracted and simplified by the steering side
// and embedded here (kontum-districts.geojson, beside this file); for any other province it says
// it has no boundaries, and the callers say so in place of a map.
package geo

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"
)

//go:embed kontum-districts.geojson
var kontumGeoJSON []byte

// Point is a longitude/latitude pair (WGS 84), or a projected x/y.
type Point struct{ X, Y float64 }

// District is one district's boundary: its polygons, each a list of rings (outer first).
type District struct {
	Code     string
	Name     string
	Polygons [][][]Point
}

// Map is the districts of one province.
type Map struct {
	Province  string // GSO code
	Districts []District
	// cosLat scales longitudes so that a degree east and a degree north are the same length.
	cosLat float64
}

var (
	kontumOnce sync.Once
	kontum     *Map
	kontumErr  error
)

// ForProvince returns the district map of a province by its GSO code, or false when the program
// has no boundaries for it (every province but Kon Tum, code 62).
func ForProvince(code string) (*Map, bool) {
	if code != "62" {
		return nil, false
	}
	kontumOnce.Do(func() { kontum, kontumErr = parse("62", kontumGeoJSON, 14.6) })
	if kontumErr != nil {
		return nil, false
	}
	return kontum, true
}

type featureCollection struct {
	Features []struct {
		Properties struct {
			Code string `json:"district_code"`
			Name string `json:"name"`
		} `json:"properties"`
		Geometry struct {
			Type        string          `json:"type"`
			Coordinates json.RawMessage `json:"coordinates"`
		} `json:"geometry"`
	} `json:"features"`
}

func parse(province string, b []byte, midLat float64) (*Map, error) {
	var fc featureCollection
	if err := json.Unmarshal(b, &fc); err != nil {
		return nil, err
	}
	m := &Map{Province: province, cosLat: math.Cos(midLat * math.Pi / 180)}
	for _, f := range fc.Features {
		d := District{Code: f.Properties.Code, Name: f.Properties.Name}
		var raw [][][][2]float64
		switch f.Geometry.Type {
		case "MultiPolygon":
			if err := json.Unmarshal(f.Geometry.Coordinates, &raw); err != nil {
				return nil, err
			}
		case "Polygon":
			var one [][][2]float64
			if err := json.Unmarshal(f.Geometry.Coordinates, &one); err != nil {
				return nil, err
			}
			raw = [][][][2]float64{one}
		default:
			return nil, fmt.Errorf("district %s: geometry %s", d.Code, f.Geometry.Type)
		}
		for _, poly := range raw {
			var rings [][]Point
			for _, ring := range poly {
				pts := make([]Point, len(ring))
				for i, c := range ring {
					pts[i] = Point{c[0], c[1]}
				}
				rings = append(rings, pts)
			}
			d.Polygons = append(d.Polygons, rings)
		}
		m.Districts = append(m.Districts, d)
	}
	sort.Slice(m.Districts, func(i, j int) bool { return m.Districts[i].Code < m.Districts[j].Code })
	return m, nil
}

// ShortName drops the kind from a district's name for a map label: "Đắk Tô", "TP Kon Tum".
func ShortName(name string) string {
	for _, p := range []struct{ prefix, short string }{{"Thành phố ", "TP "}, {"Huyện ", ""}, {"Thị xã ", "TX "}} {
		if rest, ok := strings.CutPrefix(name, p.prefix); ok {
			return p.short + rest
		}
	}
	return name
}

// District returns a district by code (nil when the map has none).
func (m *Map) District(code string) *District {
	for i := range m.Districts {
		if m.Districts[i].Code == code {
			return &m.Districts[i]
		}
	}
	return nil
}

// Projection turns longitude/latitude into x/y inside a box (x right, y down), keeping the map's
// proportions (x = lon·cos φ, y = −lat) and centring it.
type Projection struct {
	scale, offX, offY float64
	minX, maxY        float64
	cosLat            float64
}

// Fit is the projection that fits the whole map in a box at (x, y) of size w × h.
func (m *Map) Fit(x, y, w, h float64) Projection {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, d := range m.Districts {
		for _, poly := range d.Polygons {
			for _, p := range poly[0] {
				px, py := p.X*m.cosLat, p.Y
				minX, maxX = math.Min(minX, px), math.Max(maxX, px)
				minY, maxY = math.Min(minY, py), math.Max(maxY, py)
			}
		}
	}
	scale := math.Min(w/(maxX-minX), h/(maxY-minY))
	return Projection{scale: scale, minX: minX, maxY: maxY, cosLat: m.cosLat,
		offX: x + (w-(maxX-minX)*scale)/2, offY: y + (h-(maxY-minY)*scale)/2}
}

// Apply projects a longitude/latitude point.
func (p Projection) Apply(lonLat Point) Point {
	return Point{p.offX + (lonLat.X*p.cosLat-p.minX)*p.scale, p.offY + (p.maxY-lonLat.Y)*p.scale}
}

// Invert turns a projected x/y back into longitude/latitude (what a click on the map points at).
func (p Projection) Invert(xy Point) Point {
	return Point{((xy.X-p.offX)/p.scale + p.minX) / p.cosLat, p.maxY - (xy.Y-p.offY)/p.scale}
}

// DistrictAt is the district under a longitude/latitude point (nil outside them all).
func (m *Map) DistrictAt(p Point) *District {
	for i := range m.Districts {
		if m.Districts[i].Contains(p) {
			return &m.Districts[i]
		}
	}
	return nil
}

// Ring projects a ring.
func (p Projection) Ring(ring []Point) []Point {
	out := make([]Point, len(ring))
	for i, q := range ring {
		out[i] = p.Apply(q)
	}
	return out
}

// LabelPoint is where a district's name goes: the centroid of its largest outer ring (in
// longitude/latitude), moved inside the ring if the centroid falls outside (a crescent shape).
func (d *District) LabelPoint() Point {
	var best []Point
	bestArea := 0.0
	for _, poly := range d.Polygons {
		if a := math.Abs(area(poly[0])); a > bestArea {
			best, bestArea = poly[0], a
		}
	}
	c := centroid(best)
	if Inside(c, best) {
		return c
	}
	// Fall back to the middle of the widest horizontal chord through the ring's centre line.
	minY, maxY := math.Inf(1), math.Inf(-1)
	for _, p := range best {
		minY, maxY = math.Min(minY, p.Y), math.Max(maxY, p.Y)
	}
	y := (minY + maxY) / 2
	var xs []float64
	for i := range best {
		a, b := best[i], best[(i+1)%len(best)]
		if (a.Y > y) != (b.Y > y) {
			xs = append(xs, a.X+(y-a.Y)*(b.X-a.X)/(b.Y-a.Y))
		}
	}
	sort.Float64s(xs)
	bestW := -1.0
	for i := 0; i+1 < len(xs); i += 2 {
		if w := xs[i+1] - xs[i]; w > bestW {
			bestW, c = w, Point{(xs[i] + xs[i+1]) / 2, y}
		}
	}
	return c
}

// Contains reports whether a longitude/latitude point lies in the district.
func (d *District) Contains(p Point) bool {
	for _, poly := range d.Polygons {
		if Inside(p, poly[0]) {
			in := true
			for _, hole := range poly[1:] {
				if Inside(p, hole) {
					in = false
				}
			}
			if in {
				return true
			}
		}
	}
	return false
}

// Inside is the even-odd test of a point against a ring.
func Inside(p Point, ring []Point) bool {
	in := false
	for i, j := 0, len(ring)-1; i < len(ring); j, i = i, i+1 {
		a, b := ring[i], ring[j]
		if (a.Y > p.Y) != (b.Y > p.Y) && p.X < (b.X-a.X)*(p.Y-a.Y)/(b.Y-a.Y)+a.X {
			in = !in
		}
	}
	return in
}

func area(ring []Point) float64 {
	s := 0.0
	for i := range ring {
		a, b := ring[i], ring[(i+1)%len(ring)]
		s += a.X*b.Y - b.X*a.Y
	}
	return s / 2
}

func centroid(ring []Point) Point {
	a := area(ring)
	if a == 0 {
		return ring[0]
	}
	var cx, cy float64
	for i := range ring {
		p, q := ring[i], ring[(i+1)%len(ring)]
		f := p.X*q.Y - q.X*p.Y
		cx += (p.X + q.X) * f
		cy += (p.Y + q.Y) * f
	}
	return Point{cx / (6 * a), cy / (6 * a)}
}
