// Package vntext holds the Vietnamese text rules of KetNghia: NFC storage, the folded search key,
// Vietnamese collation and the Vietnamese way of writing numbers, rates and dates.
package vntext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode normalisation form C with surrounding spaces trimmed and inner runs of
// white space collapsed to one space. Every text the store writes goes through it.
func NFC(s string) string {
	if tidy(s) && utf8.ValidString(s) && norm.NFC.IsNormalString(s) {
		return s // the common case: nothing to copy
	}
	s = norm.NFC.String(strings.ToValidUTF8(s, "\uFFFD"))
	if !strings.ContainsFunc(s, unicode.IsSpace) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// tidy reports whether s has no white space but single inner ASCII spaces.
func tidy(s string) bool {
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		case c < ' ' || c == 0x7f:
			return false
		case c >= 0x80:
			r, _ := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return false
			}
			prevSpace = false
		default:
			prevSpace = false
		}
	}
	return !prevSpace || s == ""
}

// Fold gives the search key of s: lower case, without diacritics, đ → d, punctuation → space, and
// spelling variants of place names merged. Both the stored key and the query are folded the same
// way, so "dak to", "Đăk Tô" and "ĐẮK TÔ" all meet "Đắk Tô", and "hoà" meets "hòa".
//
// Variants merged:
//   - tone placement (hoà/hòa, uỷ/ủy): gone with the diacritics;
//   - c/k (Ngọk/Ngọc, Dak/Đắc): Vietnamese spelling chooses between c and k by position only, so k
//     is written as c everywhere except in "kh".
func Fold(s string) string {
	d := norm.NFD.String(strings.ToValidUTF8(s, " "))
	var b strings.Builder
	b.Grow(len(d))
	space := true // drop leading spaces and collapse runs
	runes := []rune(d)
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		r = unicode.ToLower(r)
		switch {
		case r == 'đ':
			r = 'd'
		case r == 'k':
			if !nextLetterIs(runes, i, 'h') {
				r = 'c'
			}
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
			continue
		}
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// nextLetterIs reports whether the next base letter after position i (skipping combining marks) is want.
func nextLetterIs(runes []rune, i int, want rune) bool {
	for j := i + 1; j < len(runes); j++ {
		if unicode.Is(unicode.Mn, runes[j]) {
			continue
		}
		return unicode.ToLower(runes[j]) == want
	}
	return false
}

// Contains reports whether the folded form of s contains the folded form of query.
func Contains(s, query string) bool {
	return strings.Contains(Fold(s), Fold(query))
}
