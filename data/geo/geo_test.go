package geo

import (
	"testing"
)

func TestKonTumHasItsTenDistricts(t *testing.T) {
	m, ok := ForProvince("62")
	if !ok || len(m.Districts) != 10 {
		t.Fatalf("Kon Tum: %v, %d districts", ok, len(m.Districts))
	}
	for _, code := range []string{"608", "610", "611", "612", "613", "614", "615", "616", "617", "618"} {
		if m.District(code) == nil {
			t.Errorf("no district %s", code)
		}
	}
	if _, ok := ForProvince("01"); ok {
		t.Error("a province without boundaries must say so")
	}
}

// TestLabelPointLandsInsideItsDistrict: each district's label (its centroid) lies inside its own
// polygon on the map and in no other, before and after projection.
func TestLabelPointLandsInsideItsDistrict(t *testing.T) {
	m, _ := ForProvince("62")
	p := m.Fit(10, 20, 120, 150)
	for _, d := range m.Districts {
		c := d.LabelPoint()
		if !d.Contains(c) {
			t.Errorf("%s: label point %v outside the district", d.Name, c)
		}
		for _, o := range m.Districts {
			if o.Code != d.Code && o.Contains(c) {
				t.Errorf("%s: label point inside %s too", d.Name, o.Name)
			}
		}
		sc := p.Apply(c)
		if sc.X < 10 || sc.X > 130 || sc.Y < 20 || sc.Y > 170 {
			t.Errorf("%s: projected label %v outside the box", d.Name, sc)
		}
		var inside bool
		for _, poly := range d.Polygons {
			if Inside(sc, p.Ring(poly[0])) {
				inside = true
			}
		}
		if !inside {
			t.Errorf("%s: projected label outside the projected polygon", d.Name)
		}
	}
}

func TestProjectionKeepsNorthUpAndProportions(t *testing.T) {
	m, _ := ForProvince("62")
	p := m.Fit(0, 0, 100, 100)
	north, south := p.Apply(Point{108, 15.4}), p.Apply(Point{108, 14})
	if north.Y >= south.Y {
		t.Error("north must be up")
	}
	a, b := p.Apply(Point{108, 14.6}), p.Apply(Point{108.1, 14.6})
	c := p.Apply(Point{108, 14.7})
	ratio := (b.X - a.X) / (a.Y - c.Y)
	if ratio < 0.96 || ratio > 0.97 {
		t.Errorf("a degree east is %.3f of a degree north at 14,6°N, want cos 14,6° ≈ 0,968", ratio)
	}
}

func TestClasses(t *testing.T) {
	cases := []struct {
		name   string
		values []float64
		n      int
		breaks []float64
		of     map[float64]int
	}{
		{"poverty rates 3–37% in 4 bands of 10", []float64{3, 12.5, 20, 37}, 4, []float64{0, 10, 20, 30, 40}, map[float64]int{3: 0, 12.5: 1, 20: 2, 37: 3, 9.99: 0, 10: 1}},
		{"close values still get round bounds", []float64{14.2, 14.8}, 4, []float64{14.2, 14.4, 14.6, 14.8, 15}, map[float64]int{14.2: 0, 14.8: 3}},
		{"one value", []float64{50}, 4, []float64{50, 51}, map[float64]int{50: 0}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			k := ClassesOf(c.values, c.n)
			if len(k.Breaks) != len(c.breaks) {
				t.Fatalf("breaks %v, want %v", k.Breaks, c.breaks)
			}
			for i := range c.breaks {
				if k.Breaks[i] != c.breaks[i] {
					t.Fatalf("breaks %v, want %v", k.Breaks, c.breaks)
				}
			}
			for v, want := range c.of {
				if got := k.Of(v); got != want {
					t.Errorf("Of(%v) = %d, want %d", v, got, want)
				}
			}
		})
	}
	if l := ClassesOf([]float64{3, 37}, 4).Label(1, "%"); l != "từ 10% đến dưới 20%" {
		t.Errorf("label %q", l)
	}
}

func TestInvertUndoesTheProjection(t *testing.T) {
	m, _ := ForProvince("62")
	p := m.Fit(5, 7, 300, 200)
	for _, d := range m.Districts {
		c := d.LabelPoint()
		back := p.Invert(p.Apply(c))
		if dx, dy := back.X-c.X, back.Y-c.Y; dx*dx+dy*dy > 1e-18 {
			t.Errorf("%s: %v → %v", d.Name, c, back)
		}
		if got := m.DistrictAt(c); got == nil || got.Code != d.Code {
			t.Errorf("DistrictAt(label of %s) = %v", d.Name, got)
		}
	}
}

// TestChartTicksFallOnRoundNumbers: an axis steps by 1, 2 or 5 times a power of ten and ends on a
// step: a top of 50% ticks at 10, 20, …, never at 12,5% and 37,5%.
func TestChartTicksFallOnRoundNumbers(t *testing.T) {
	cases := []struct {
		name      string
		max       float64
		n         int
		top, step float64
	}{
		{"a top of 50% in fifths", 50, 5, 50, 10},
		{"a top of 50% in about four steps is steps of 20, not 12,5", 48.2, 4, 60, 20},
		{"a small rate", 3.4, 5, 4, 1},
		{"a rate of 100%", 100, 4, 100, 25 * 2},
		{"an axis with nothing on it", 0, 5, 10, 2},
		{"a rate just above a step", 20.1, 4, 30, 10},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			top, step := NiceTicks(c.max, c.n)
			if top != c.top || step != c.step {
				t.Errorf("NiceTicks(%v, %d) = %v, %v; want %v, %v", c.max, c.n, top, step, c.top, c.step)
			}
		})
	}
}
