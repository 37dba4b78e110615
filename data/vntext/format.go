package vntext

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// FormatInt writes n the Vietnamese way: 1.234.567.
func FormatInt(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// FormatDecimal writes x with the given number of decimals, comma as decimal mark and dots between
// thousands: 1.234,5.
func FormatDecimal(x float64, decimals int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "—"
	}
	s := strconv.FormatFloat(x, 'f', decimals, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	n, _ := strconv.ParseInt(intPart, 10, 64)
	out := FormatInt(n)
	if n == 0 && strings.HasPrefix(intPart, "-") {
		out = "-0"
	}
	if frac != "" {
		out += "," + frac
	}
	return out
}

// FormatRate writes a percentage with one decimal: 12,5%.
func FormatRate(pct float64) string {
	return FormatDecimal(pct, 1) + "%"
}

// FormatDate writes t as dd/mm/yyyy; the zero time gives "".
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%02d/%04d", t.Day(), int(t.Month()), t.Year())
}

// ParseDate reads dd/mm/yyyy (also d/m/yyyy, with "-" or "." as separator) or the ISO yyyy-mm-dd.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"02/01/2006", "2/1/2006", "02-01-2006", "2-1-2006", "02.01.2006", "2.1.2006", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("ngày %q không đúng dạng dd/mm/yyyy", s)
}

// ParseInt reads a whole number written the Vietnamese way (1.234.567, or plain 1234567).
func ParseInt(s string) (int64, error) {
	t := strings.ReplaceAll(strings.TrimSpace(s), ".", "")
	t = strings.ReplaceAll(t, " ", "")
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q không phải là số nguyên", s)
	}
	return n, nil
}

// ParseDecimal reads a decimal written the Vietnamese way (1.234,5 or 12,5).
func ParseDecimal(s string) (float64, error) {
	t := strings.TrimSuffix(strings.TrimSpace(s), "%")
	t = strings.ReplaceAll(t, ".", "")
	t = strings.ReplaceAll(t, ",", ".")
	x, err := strconv.ParseFloat(strings.TrimSpace(t), 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, fmt.Errorf("%q không phải là số", s)
	}
	return x, nil
}
