package vntext

import (
	"slices"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	cases := []struct {
		name, a, b string
	}{
		{"đ folds to d", "Đắk Tô", "dak to"},
		{"capitals and marks", "ĐẮK TÔ", "dak to"},
		{"Đăk and Đắk are one name", "Đăk Long", "Đắk Long"},
		{"Dak without marks", "Dak Long", "Đắk Long"},
		{"tone placement hoà/hòa", "Thanh Hoà", "Thanh Hòa"},
		{"tone placement Uỷ/Ủy", "Uỷ ban", "Ủy ban"},
		{"Ngọk and Ngọc are one name", "Ngọk Bay", "Ngọc Bay"},
		{"decomposed input (Unicode tổ hợp)", norm.NFD.String("Đắk Rơ Nga"), "Đắk Rơ Nga"},
		{"apostrophe and spacing", "Ia H' Drai", "Ia H'Drai"},
		{"kh is kept apart from c", "Khê", "khe"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if Fold(c.a) != Fold(c.b) {
				t.Errorf("Fold(%q)=%q, Fold(%q)=%q: want equal", c.a, Fold(c.a), c.b, Fold(c.b))
			}
		})
	}
	if Fold("Khê") == Fold("Chê") {
		t.Error("kh and ch must stay distinct")
	}
	if got := Fold("  Xã  Đắk   Tô "); got != "xa dac to" {
		t.Errorf("Fold collapses spaces: got %q", got)
	}
}

func TestContains(t *testing.T) {
	for _, c := range []struct{ s, q string }{
		{"Huyện Đắk Tô", "dak to"},
		{"Xã Ngọk Wang", "ngoc w"},
		{"Thị trấn Đắk Hà", "DAK HA"},
		{"Xã Đăk Rơ Wa", "ro wa"},
	} {
		if !Contains(c.s, c.q) {
			t.Errorf("Contains(%q, %q) = false", c.s, c.q)
		}
	}
	if Contains("Xã Ia Chim", "dak") {
		t.Error("unexpected match")
	}
}

func TestNFCSpaces(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "a": "a", " a": "a", "a ": "a", "a  b": "a b", "a\tb": "a b", "a\u00a0b": "a b", "Đắk Tô": "Đắk Tô", "x\ny": "x y",
	} {
		if got := NFC(in); got != want {
			t.Errorf("NFC(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNFC(t *testing.T) {
	in := norm.NFD.String("  Đắk   Rơ Nga ")
	got := NFC(in)
	if got != "Đắk Rơ Nga" || !norm.NFC.IsNormalString(got) {
		t.Errorf("NFC(%q) = %q", in, got)
	}
}

func TestCollation(t *testing.T) {
	cases := []struct {
		name   string
		before string
		after  string
	}{
		{"Dăk before Đăk (d before đ)", "Dăk", "Đăk"},
		{"A before Ă before Â", "An", "Ăn"},
		{"Ă before Â", "Ăn", "Ân"},
		{"o ô ơ", "Ô", "Ơ"},
		{"u before ư", "Uy", "Ưu"},
		{"ngang before huyền", "ma", "mà"},
		{"huyền before hỏi", "mà", "mả"},
		{"hỏi before ngã", "mả", "mã"},
		{"ngã before sắc", "mã", "má"},
		{"sắc before nặng", "má", "mạ"},
		{"Đ after every D", "Dương", "Đắk Blô"},
		{"numbers by value", "Thôn 2", "Thôn 10"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if Compare(c.before, c.after) >= 0 {
				t.Errorf("%q should sort before %q", c.before, c.after)
			}
			if string(SortKey(c.before)) >= string(SortKey(c.after)) {
				t.Errorf("sort key of %q should be below %q", c.before, c.after)
			}
		})
	}
	ss := []string{"Đắk Tô", "Sa Thầy", "Ngọc Hồi", "Đắk Hà", "Dăk Mar", "Ia H'Drai", "Kon Rẫy", "Kon Plông"}
	SortStrings(ss)
	want := []string{"Dăk Mar", "Đắk Hà", "Đắk Tô", "Ia H'Drai", "Kon Plông", "Kon Rẫy", "Ngọc Hồi", "Sa Thầy"}
	if !slices.Equal(ss, want) {
		t.Errorf("SortStrings = %v, want %v", ss, want)
	}
}

func TestFormat(t *testing.T) {
	for _, c := range []struct {
		got, want string
	}{
		{FormatInt(1234567), "1.234.567"},
		{FormatInt(0), "0"},
		{FormatInt(-1500000), "-1.500.000"},
		{FormatInt(999), "999"},
		{FormatRate(12.5), "12,5%"},
		{FormatRate(19.994), "20,0%"},
		{FormatDecimal(1234.56, 2), "1.234,56"},
		{FormatDate(time.Date(2025, 3, 5, 0, 0, 0, 0, time.UTC)), "05/03/2025"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestParse(t *testing.T) {
	if n, err := ParseInt("1.234.567"); err != nil || n != 1234567 {
		t.Errorf("ParseInt = %d, %v", n, err)
	}
	if x, err := ParseDecimal("12,5%"); err != nil || x != 12.5 {
		t.Errorf("ParseDecimal = %v, %v", x, err)
	}
	if d, err := ParseDate("05/03/2025"); err != nil || d.Day() != 5 || d.Month() != 3 {
		t.Errorf("ParseDate = %v, %v", d, err)
	}
	if _, err := ParseDate("31/02/2025"); err == nil {
		t.Error("31/02 must be refused")
	}
	if _, err := ParseInt("mười"); err == nil {
		t.Error("words are not numbers")
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Đắk Tô", "hoà", "Ngọk", "k\u0301h", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Fold(s)
		if Fold(k) != k {
			t.Errorf("Fold is not idempotent on %q: %q → %q", s, k, Fold(k))
		}
		n := NFC(s)
		if !norm.NFC.IsNormalString(n) {
			t.Errorf("NFC(%q) is not NFC", s)
		}
		if NFC(n) != n {
			t.Errorf("NFC is not idempotent on %q", s)
		}
	})
}

// TestRateBeside: a value printed beside a threshold never rounds onto or across it.
func TestRateBeside(t *testing.T) {
	cases := []struct {
		name string
		x    float64
		ths  []float64
		want string
	}{
		{"19,99 beside 20 is not 20,0", 19.99, []float64{20}, "19,99%"},
		{"14,99 beside 15 is not 15,0", 14.99, []float64{15}, "14,99%"},
		{"exactly 20 stays 20,0", 20, []float64{20}, "20,0%"},
		{"20,004 beside 20 is above it", 20.004, []float64{20}, "20,004%"},
		{"a hair above 50 from floating point is 50", 10.1 * 100 / 20.2, []float64{50}, "50,0%"},
		{"far from the threshold keeps one decimal", 17.26, []float64{15, 20}, "17,3%"},
		{"band edges both kept", 19.96, []float64{15, 20}, "19,96%"},
		{"no threshold: one decimal", 19.99, nil, "20,0%"},
		{"very close below rounds down", 19.9999999, []float64{20}, "19,999999%"},
		{"very close above rounds up", 20.0000001, []float64{20}, "20,000001%"},
	}
	for _, c := range cases {
		if got := RateBeside(c.x, c.ths...); got != c.want {
			t.Errorf("%s: RateBeside(%v, %v) = %q, want %q", c.name, c.x, c.ths, got, c.want)
		}
	}
}

// TestYesNoIsOneListForExcelAndTheGrid: a yes or a no is read alike wherever it is typed: the
// review grid refused "đúng" that Excel's import took, and both read "k" (không) as "có", folded
// as a place name's k.
func TestYesNoIsOneListForExcelAndTheGrid(t *testing.T) {
	cases := []struct {
		in      string
		yes, ok bool
	}{
		{"có", true, true}, {"Có", true, true}, {"co", true, true}, {"x", true, true}, {"X", true, true}, {"1", true, true},
		{"đúng", true, true}, {"Đạt", true, true}, {"yes", true, true}, {" có ", true, true},
		{"không", false, true}, {"KHÔNG", false, true}, {"0", false, true}, {"sai", false, true}, {"chưa", false, true}, {"chưa có", false, true}, {"k", false, true}, {"K", false, true},
		{"", false, false}, {"có lẽ", false, false}, {"2", false, false},
	}
	for _, c := range cases {
		yes, ok := YesNo(c.in)
		if yes != c.yes || ok != c.ok {
			t.Errorf("YesNo(%q) = %v, %v; want %v, %v", c.in, yes, ok, c.yes, c.ok)
		}
	}
}
