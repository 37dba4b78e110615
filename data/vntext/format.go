package vntext

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
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

// DecimalTrim writes x with up to two decimals and none that are zero: 20, 12,5, 7,25.
func DecimalTrim(x float64) string {
	s := FormatDecimal(x, 2)
	if strings.Contains(s, ",") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ",")
	}
	return s
}

// FormatRate writes a percentage with one decimal: 12,5%.
func FormatRate(pct float64) string {
	return FormatDecimal(pct, 1) + "%"
}

// Epsilon is how close two figures must be to count as equal: rates computed in floating point
// (10,1 km of 20,2 km) land a hair off the exact value, which must not tip a comparison.
const Epsilon = 1e-9

// Sign compares x with t: -1 below, 0 equal (within Epsilon), +1 above.
func Sign(x, t float64) int {
	switch d := x - t; {
	case d > Epsilon:
		return 1
	case d < -Epsilon:
		return -1
	}
	return 0
}

// DecimalBeside writes x with at least minDecimals decimals, and with as many more as it takes for
// the written value to stand on the same side of every threshold as x does: 19,99 (never 20,0)
// beside a threshold of 20, 15 beside 15. Past six decimals it rounds towards x's side.
func DecimalBeside(x float64, minDecimals int, thresholds ...float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "—"
	}
	for _, t := range thresholds {
		if Sign(x, t) == 0 {
			x = t // equal: write the threshold itself, not a hair beside it
		}
	}
	const most = 6
	for d := minDecimals; d <= most; d++ {
		r, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', d, 64), 64)
		same := true
		for _, t := range thresholds {
			if Sign(r, t) != Sign(x, t) {
				same = false
				break
			}
		}
		if same {
			return FormatDecimal(x, d)
		}
	}
	scale := math.Pow(10, most)
	for _, t := range thresholds {
		switch Sign(x, t) {
		case -1:
			return FormatDecimal(math.Floor(x*scale)/scale, most)
		case 1:
			return FormatDecimal(math.Ceil(x*scale)/scale, most)
		}
	}
	return FormatDecimal(x, most)
}

// RateBeside is DecimalBeside for a percentage, one decimal at least: 19,99%.
func RateBeside(pct float64, thresholds ...float64) string {
	return DecimalBeside(pct, 1, thresholds...) + "%"
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

// LowerFirst puts a sentence's first letter in lower case, to carry it into another sentence.
func LowerFirst(s string) string {
	for i, r := range s {
		return string(unicode.ToLower(r)) + s[i+utf8.RuneLen(r):]
	}
	return s
}

// UpperFirst puts the first letter in upper case, to start a sentence.
func UpperFirst(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+utf8.RuneLen(r):]
	}
	return s
}

// Shorten cuts s to at most n letters, the last one an ellipsis when it was longer.
func Shorten(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// YesNo reads a yes or a no as offices write it, in a cell of Excel or of the review grid alike:
// "có"/"không" with or without accents, x, 1/0, đúng/sai, đạt/chưa, true/false, yes/no and their
// first letters. ok is false for anything else (and for an empty text).
//
// Not through Fold: it writes k as c for place names, and "k", short for "không", read as "có".
func YesNo(s string) (yes, ok bool) {
	switch strings.ToLower(NFC(strings.TrimSpace(s))) {
	case "có", "co", "c", "x", "1", "true", "đúng", "dung", "đạt", "dat", "yes", "y":
		return true, true
	case "không", "khong", "k", "0", "false", "sai", "chưa", "chua", "chưa có", "chua co", "no", "n":
		return false, true
	}
	return false, false
}
