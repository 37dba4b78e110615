package vntext

import (
	"strings"
	"testing"
)

// Lines of the two source documents and of the office's sheets, as the old fonts held them.
var legacyLines = []string{
	"Đảng bộ tỉnh Kon Tum",
	"Nghị quyết về công tác giúp đỡ các xã đặc biệt khó khăn",
	"Xã Đắk Rơ Nga, huyện Đắk Tô",
	"Thôn Kon Hra Chót có chi bộ, điện lưới quốc gia và đường đi lại được quanh năm",
	"Tỷ lệ hộ nghèo giảm bình quân từ 6 đến 8% mỗi năm",
	"Xây dựng thôn, làng nông thôn mới vùng đồng bào dân tộc thiểu số",
	"Số hộ cận nghèo; người không biết đọc, viết tiếng Việt; được; ưu tiên; ỷ lại; tuyệt vời",
	"Ủy ban nhân dân xã Ngọk Tem",
}

func TestLegacyRoundTrip(t *testing.T) {
	for _, line := range legacyLines {
		// TCVN3 has no accented capitals: a typist in .VnTime writes them small.
		want := line
		if enc := Encode(line, TCVN3); Decode(enc, TCVN3) != decodeExpectTCVN3(want) {
			t.Errorf("TCVN3 %q: encoded %q, decoded %q", line, enc, Decode(enc, TCVN3))
		}
		up := strings.ToUpper(line)
		if enc := Encode(up, TCVN3Capitals); Decode(enc, TCVN3Capitals) != up {
			t.Errorf("TCVN3 capitals %q: encoded %q, decoded %q", up, enc, Decode(enc, TCVN3Capitals))
		}
		for _, l := range []string{line, up} {
			if enc := Encode(l, VNI); Decode(enc, VNI) != l {
				t.Errorf("VNI %q: encoded %q, decoded %q", l, enc, Decode(enc, VNI))
			}
		}
	}
}

// decodeExpectTCVN3 is what TCVN3 can keep of a line: accented capitals other than Ă Â Ê Ô Ơ Ư Đ
// become small.
func decodeExpectTCVN3(s string) string {
	var b strings.Builder
	for _, r := range s {
		if _, ok := tcvn3Code(r); !ok && r > 0x7f {
			r = []rune(strings.ToLower(string(r)))[0]
		}
		b.WriteRune(r)
	}
	return b.String()
}

func tcvn3Code(r rune) (rune, bool) {
	for k, v := range tcvn3 {
		if v == r {
			return k, true
		}
	}
	return 0, false
}

func TestLegacyKnownBytes(t *testing.T) {
	cases := []struct {
		name, in string
		enc      Encoding
		want     string
	}{
		{"TCVN3 as a .VnTime cell holds it", "Hµ Néi", TCVN3, "Hà Nội"},
		{"TCVN3 capitals come from the font", "céng hoµ x· héi chñ nghÜa viÖt nam", TCVN3Capitals, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
		{"TCVN3 capitals of its own", "§¾k T«", TCVN3, "Đắk Tô"},
		{"VNI as the domain's example", "Xin chaøo", VNI, "Xin chào"},
		{"VNI with ơ ư đ", "ñöôïc öu tieân", VNI, "được ưu tiên"},
		{"VNI capitals", "SUY THAÄN CAÁP", VNI, "SUY THẬN CẤP"},
		{"VNI accented i", "Thò", VNI, "Thị"},
		{"Unicode left alone", "Đắk Tô", Unicode, "Đắk Tô"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Decode(c.in, c.enc); got != c.want {
				t.Fatalf("Decode(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestGuessLegacyEncoding(t *testing.T) {
	for _, line := range legacyLines {
		if g := Guess(line); g != Unicode {
			t.Errorf("Unicode %q guessed %v", line, g)
		}
		if enc := Encode(line, TCVN3); enc != line {
			if g := Guess(enc); g != TCVN3 {
				t.Errorf("TCVN3 %q guessed %v", enc, g)
			}
		}
		if enc := Encode(line, VNI); enc != line {
			if g := Guess(enc); g != VNI {
				t.Errorf("VNI %q guessed %v", enc, g)
			}
		}
	}
	for _, s := range []string{"", "Thon 1", "123", "hoà bình", "Hoá", "café", "Ia H'Drai"} {
		if g := Guess(s); g != Unicode {
			t.Errorf("%q guessed %v", s, g)
		}
	}
}

func TestEncodingOfFont(t *testing.T) {
	for font, want := range map[string]Encoding{".VnTime": TCVN3, ".VnTimeH": TCVN3Capitals, ".VnArial NarrowH": TCVN3Capitals,
		"VNI-Times": VNI, "VNI-Helve": VNI, "Times New Roman": Unicode, "Calibri": Unicode, "": Unicode} {
		if got := EncodingOfFont(font); got != want {
			t.Errorf("%q: %v, want %v", font, got, want)
		}
	}
}

func FuzzDecodeLegacy(f *testing.F) {
	for _, l := range legacyLines {
		f.Add(Encode(l, TCVN3))
		f.Add(Encode(l, VNI))
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, e := range []Encoding{TCVN3, TCVN3Capitals, VNI} {
			_ = Decode(s, e)
		}
		_ = Guess(s)
	})
}

func TestShortenKeepsWholeLetters(t *testing.T) {
	for in, want := range map[string]string{"Đắk Tô": "Đắk Tô", "Hộ nghèo dân tộc thiểu số": "Hộ nghèo…", "": ""} {
		if got := Shorten(in, 9); got != want {
			t.Errorf("Shorten(%q) = %q, want %q", in, got, want)
		}
	}
}
