package geo

import (
	"math"

	"ketnghia/data/vntext"
)

// Classes split a figure into bands of equal width with round bounds, for shading a map: the
// legend reads "từ 10% đến dưới 20%", and each district takes the shade of its band.
type Classes struct {
	Breaks []float64 // n+1 bounds, lowest first; band i is [Breaks[i], Breaks[i+1])
}

// ClassesOf makes about n bands covering the values (fewer when the values are close).
func ClassesOf(values []float64, n int) Classes {
	if len(values) == 0 || n < 1 {
		return Classes{}
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range values {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	step := niceStep((hi - lo) / float64(n))
	start := round(math.Floor(round(lo/step)) * step)
	c := Classes{Breaks: []float64{start}}
	for b := start; b <= hi; {
		b = round(b + step)
		c.Breaks = append(c.Breaks, b)
	}
	return c
}

func round(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// niceStep rounds a band width up to 1, 2 or 5 times a power of ten.
func niceStep(x float64) float64 {
	if x <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= x {
			return m * p
		}
	}
	return 10 * p
}

// N is the number of bands.
func (c Classes) N() int { return max(len(c.Breaks)-1, 0) }

// Of is the band of a value (0 … N-1).
func (c Classes) Of(v float64) int {
	for i := 1; i < len(c.Breaks)-1; i++ {
		if v < c.Breaks[i] {
			return i - 1
		}
	}
	return c.N() - 1
}

// Label writes band i for a legend: "từ 10 đến dưới 20" followed by unit.
func (c Classes) Label(i int, unit string) string {
	f := func(x float64) string { return vntext.DecimalTrim(x) + unit }
	return "từ " + f(c.Breaks[i]) + " đến dưới " + f(c.Breaks[i+1])
}

// NiceTicks is the top of a chart's axis holding max and the step of its ticks: a step of 1, 2 or
// 5 times a power of ten giving about n ticks, the top a whole number of steps (50% in steps of
// 10, never ticks at 12,5% and 37,5%), so that the report's charts and the dashboard's trend read
// alike. An axis with nothing on it goes to 10 in steps of 2.
func NiceTicks(max float64, n int) (top, step float64) {
	if max <= 0 || math.IsNaN(max) || math.IsInf(max, 0) {
		return 10, 2
	}
	raw := max / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step = 10 * mag
	for _, m := range []float64{1, 2, 5} {
		if m*mag >= raw*(1-1e-9) {
			step = m * mag
			break
		}
	}
	top = math.Ceil(max/step*(1-1e-12)) * step
	return top, step
}
