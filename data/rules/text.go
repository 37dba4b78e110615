package rules

import (
	"strconv"

	"ketnghia/data/vntext"
)

func itoa(n int) string { return strconv.Itoa(n) }

// pct writes a rate the Vietnamese way (12,5%); "?" when unknown.
func pct(x *float64) string {
	if x == nil {
		return "?"
	}
	return vntext.FormatRate(*x)
}

// num writes a threshold without needless decimals (20, 12,5).
func num(x float64) string {
	if x == float64(int64(x)) {
		return vntext.FormatInt(int64(x))
	}
	return vntext.FormatDecimal(x, 1)
}

func fp(x float64) *float64 { return &x }
