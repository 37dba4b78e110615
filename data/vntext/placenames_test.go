package vntext

import (
	"encoding/csv"
	"os"
	"strings"
	"testing"
	"unicode"
)

// TestPlaceNamesGuessedWithoutAFont: every commune and district name of Kon Tum ("Xã Đăk Long",
// "Xã Đắk Blô": a final k, as in the Central Highlands' place names), written in VNI or in TCVN3
// with no font to tell, is guessed and read back exactly ("Xaõ Ñaêk Long" was left as it was: the
// syllable check took "xaõ" for a syllable and had no final k).
func TestPlaceNamesGuessedWithoutAFont(t *testing.T) {
	f, err := os.Open("../sample/kontum-units-2025.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, r := range rows[1:] {
		for _, v := range r {
			if HasUnicodeVietnamese(v) {
				names[v] = true
			}
		}
	}
	if len(names) < 50 {
		t.Fatalf("only %d names read", len(names))
	}
	for name := range names {
		for _, e := range []Encoding{VNI, TCVN3} {
			raw := Encode(name, e)
			if got := Guess(raw); got != e {
				t.Errorf("%q in %s (%q) guessed as %s", name, e, raw, got)
				continue
			}
			if got := Decode(raw, e); got != name {
				t.Errorf("%q in %s read back as %q", name, e, got)
			}
		}
	}
}

// TestCapitalsOfALostCapitalFontAreGuessed: a heading typed in capitals with .VnTimeH reads, in
// an ordinary font, as capitals with small accented letters ("HUYÖN" → "HUYệN"): it is guessed
// as the capital font's text and read in capitals.
func TestCapitalsOfALostCapitalFontAreGuessed(t *testing.T) {
	for _, want := range []string{"HUYỆN ĐẮK HÀ", "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", "BẢNG TỔNG HỢP KẾT QUẢ RÀ SOÁT"} {
		// As a typist with .VnTimeH: plain letters in capitals, accented ones the small bytes.
		raw := strings.Map(func(r rune) rune {
			if r < 0x80 {
				return unicode.ToUpper(r)
			}
			return r
		}, Encode(strings.ToLower(want), TCVN3))
		if g := Guess(raw); g != TCVN3Capitals {
			t.Errorf("%q (%q) guessed as %s", want, raw, g)
			continue
		}
		if got := Decode(raw, TCVN3Capitals); got != want {
			t.Errorf("%q read as %q", raw, got)
		}
	}
}
