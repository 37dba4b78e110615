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
