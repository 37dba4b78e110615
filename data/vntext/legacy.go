package vntext

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Old Vietnamese encodings, as office spreadsheets typed before Unicode hold them. The bytes were
// typed with a font whose glyphs are Vietnamese letters, and Excel keeps each byte as the Latin-1
// character of that code: "Hµ Néi" in a .VnTime cell reads "Hà Nội".
//
//   - TCVN3 (TCVN 5712:1993 VN3, "ABC", fonts .VnTime, .VnArial…): one byte per letter. It has no
//     accented capitals: a heading is typed in the same bytes with a capital font (.VnTimeH), so
//     the font decides the case.
//   - VNI-Windows (fonts VNI-Times, VNI-Helve…): a base letter followed by a mark byte ("chaøo"),
//     except ơ ư đ and the accented i, which have bytes of their own.

// Encoding names a legacy encoding.
type Encoding int

const (
	Unicode Encoding = iota // not legacy text: left as it is
	TCVN3
	TCVN3Capitals // TCVN3 in a capital font (.VnTimeH)
	VNI
)

func (e Encoding) String() string {
	switch e {
	case TCVN3:
		return "TCVN3"
	case TCVN3Capitals:
		return "TCVN3 (phông chữ hoa)"
	case VNI:
		return "VNI-Windows"
	}
	return "Unicode"
}

// tcvn3 maps the bytes of TCVN3 above 0x7f to letters.
var tcvn3 = map[rune]rune{
	0xA1: 'Ă', 0xA2: 'Â', 0xA3: 'Ê', 0xA4: 'Ô', 0xA5: 'Ơ', 0xA6: 'Ư', 0xA7: 'Đ',
	0xA8: 'ă', 0xA9: 'â', 0xAA: 'ê', 0xAB: 'ô', 0xAC: 'ơ', 0xAD: 'ư', 0xAE: 'đ',
	0xB5: 'à', 0xB6: 'ả', 0xB7: 'ã', 0xB8: 'á', 0xB9: 'ạ',
	0xBB: 'ằ', 0xBC: 'ẳ', 0xBD: 'ẵ', 0xBE: 'ắ', 0xC6: 'ặ',
	0xC7: 'ầ', 0xC8: 'ẩ', 0xC9: 'ẫ', 0xCA: 'ấ', 0xCB: 'ậ',
	0xCC: 'è', 0xCE: 'ẻ', 0xCF: 'ẽ', 0xD0: 'é', 0xD1: 'ẹ',
	0xD2: 'ề', 0xD3: 'ể', 0xD4: 'ễ', 0xD5: 'ế', 0xD6: 'ệ',
	0xD7: 'ì', 0xD8: 'ỉ', 0xDC: 'ĩ', 0xDD: 'í', 0xDE: 'ị',
	0xDF: 'ò', 0xE1: 'ỏ', 0xE2: 'õ', 0xE3: 'ó', 0xE4: 'ọ',
	0xE5: 'ồ', 0xE6: 'ổ', 0xE7: 'ỗ', 0xE8: 'ố', 0xE9: 'ộ',
	0xEA: 'ờ', 0xEB: 'ở', 0xEC: 'ỡ', 0xED: 'ớ', 0xEE: 'ợ',
	0xEF: 'ù', 0xF1: 'ủ', 0xF2: 'ũ', 0xF3: 'ú', 0xF4: 'ụ',
	0xF5: 'ừ', 0xF6: 'ử', 0xF7: 'ữ', 0xF8: 'ứ', 0xF9: 'ự',
	0xFA: 'ỳ', 0xFB: 'ỷ', 0xFC: 'ỹ', 0xFD: 'ý', 0xFE: 'ỵ',
}

// VNI-Windows: the letters with a byte of their own, and the mark bytes that follow a base letter.
var (
	vniLetters = map[rune]rune{
		0xF1: 'đ', 0xD1: 'Đ', 0xF4: 'ơ', 0xD4: 'Ơ', 0xF6: 'ư', 0xD6: 'Ư',
		0xEC: 'ì', 0xCC: 'Ì', 0xED: 'í', 0xCD: 'Í', 0xE6: 'ỉ', 0xC6: 'Ỉ', 0xF3: 'ĩ', 0xD3: 'Ĩ', 0xF2: 'ị', 0xD2: 'Ị',
		0xEE: 'ỵ', 0xCE: 'Ỵ',
	}
	// vniMarks: a mark byte (lower case; the capital form is 0x20 less) → the combining marks it adds.
	vniMarks = map[rune]string{
		0xF8: "\u0300", 0xF9: "\u0301", 0xFB: "\u0309", 0xF5: "\u0303", 0xEF: "\u0323", // huyền sắc hỏi ngã nặng
		0xE2: "\u0302", 0xEA: "\u0306", // mũ (â ê ô), trăng (ă)
		0xE0: "\u0302\u0300", 0xE1: "\u0302\u0301", 0xE5: "\u0302\u0309", 0xE3: "\u0302\u0303", 0xE4: "\u0302\u0323",
		0xE8: "\u0306\u0300", 0xE9: "\u0306\u0301", 0xFA: "\u0306\u0309", 0xFC: "\u0306\u0303", 0xEB: "\u0306\u0323",
	}
)

func vniMark(r rune) (string, bool) {
	if m, ok := vniMarks[r]; ok {
		return m, true
	}
	if r >= 0xC0 && r <= 0xDF {
		m, ok := vniMarks[r+0x20]
		return m, ok
	}
	return "", false
}

// Decode turns text in a legacy encoding into Unicode NFC.
func Decode(s string, e Encoding) string {
	switch e {
	case TCVN3, TCVN3Capitals:
		var b strings.Builder
		for _, r := range s {
			if v, ok := tcvn3[r]; ok {
				r = v
			}
			b.WriteRune(r)
		}
		out := b.String()
		if e == TCVN3Capitals {
			out = strings.ToUpper(out)
		}
		return norm.NFC.String(out)
	case VNI:
		var b strings.Builder
		prevBase := false // the last rune written is a base vowel a mark may follow
		for _, r := range s {
			if m, ok := vniMark(r); ok && prevBase {
				b.WriteString(m) // a mark byte carries every mark the letter has: none follows it
				prevBase = false
				continue
			}
			if v, ok := vniLetters[r]; ok {
				b.WriteRune(v)
				prevBase = v == 'ơ' || v == 'Ơ' || v == 'ư' || v == 'Ư'
				continue
			}
			b.WriteRune(r)
			prevBase = strings.ContainsRune("aeiouyAEIOUY", r)
		}
		return norm.NFC.String(b.String())
	}
	return s
}

// Encode writes Unicode text in a legacy encoding, as an old spreadsheet holds it (TCVN3Capitals:
// the capital font's bytes, lower-case letters). Letters the encoding has no code for are kept.
func Encode(s string, e Encoding) string {
	var b strings.Builder
	switch e {
	case TCVN3, TCVN3Capitals:
		back := map[rune]rune{}
		for k, v := range tcvn3 {
			back[v] = k
		}
		if e == TCVN3Capitals {
			s = strings.ToLower(s)
		}
		for _, r := range norm.NFC.String(s) {
			if k, ok := back[r]; ok {
				r = k
			} else if k, ok := back[unicode.ToLower(r)]; ok && unicode.IsUpper(r) {
				// No accented capitals in TCVN3: the small letter, as a typist with .VnTime had to.
				r = k
			}
			b.WriteRune(r)
		}
	case VNI:
		letters := map[rune]rune{}
		for k, v := range vniLetters {
			letters[v] = k
		}
		marks := map[string]rune{}
		for k, v := range vniMarks {
			// In the marks' canonical order, as NFD gives them: dot below before circumflex.
			marks[string([]rune(norm.NFD.String("a" + v))[1:])] = k
		}
		for _, r := range norm.NFC.String(s) {
			if k, ok := letters[r]; ok {
				b.WriteRune(k)
				continue
			}
			d := []rune(norm.NFD.String(string(r)))
			base := d[0]
			if len(d) > 1 && d[1] == 0x31B {
				// ơ ư with a tone: their own byte, then the tone.
				b.WriteRune(letters[[]rune(norm.NFC.String(string(d[:2])))[0]])
				if k, ok := marks[string(d[2:])]; ok && len(d) > 2 {
					b.WriteRune(caseMark(k, base))
				}
				continue
			}
			if len(d) == 1 {
				b.WriteRune(r)
				continue
			}
			k, ok := marks[string(d[1:])]
			if !ok {
				b.WriteRune(r)
				continue
			}
			b.WriteRune(base)
			b.WriteRune(caseMark(k, base))
		}
	default:
		return s
	}
	return b.String()
}

func caseMark(k, base rune) rune {
	if unicode.IsUpper(base) {
		return k - 0x20
	}
	return k
}

// EncodingOfFont says which legacy encoding a font name implies: ".VnTime" TCVN3, ".VnTimeH"
// TCVN3 in capitals, "VNI-Times" VNI; Unicode for any other font.
func EncodingOfFont(font string) Encoding {
	f := strings.TrimSpace(font)
	switch {
	case strings.HasPrefix(f, ".Vn") || strings.HasPrefix(f, ".VN"):
		if strings.HasSuffix(f, "H") {
			return TCVN3Capitals
		}
		return TCVN3
	case strings.HasPrefix(strings.ToUpper(f), "VNI-") || strings.HasPrefix(strings.ToUpper(f), "VNI "):
		return VNI
	}
	return Unicode
}

// Guess says which legacy encoding text without a font to tell is most likely in: the one whose
// decoding reads as the most Vietnamese syllables, when it reads better than the text as it is.
// Plain ASCII and proper Unicode Vietnamese are Unicode.
func Guess(s string) Encoding {
	legacyish := vniFollowsVowel(s)
	for _, r := range s {
		if r >= 0xA0 && r <= 0xFF && !isUnicodeVietnamese(r) {
			legacyish = true
			break
		}
	}
	if !legacyish {
		return Unicode
	}
	best, bestScore := Unicode, syllableScore(s)
	for _, e := range []Encoding{TCVN3, VNI} {
		if sc := syllableScore(Decode(s, e)); sc > bestScore {
			best, bestScore = e, sc
		}
	}
	if best == TCVN3 && capitalsTyped(Decode(s, TCVN3)) {
		// Capitals typed with a capital font (.VnTimeH), its font lost: "HUYÖN" reads "HUYệN".
		return TCVN3Capitals
	}
	return best
}

// capitalsTyped: a word of upper-case plain letters whose accented letters came out small, as
// TCVN3 written for a capital font reads in the ordinary one.
func capitalsTyped(decoded string) bool {
	upper, lowerAccented := 0, 0
	for _, w := range strings.Fields(decoded) {
		u, l := 0, 0
		for _, r := range w {
			switch {
			case r < 0x80 && unicode.IsUpper(r):
				u++
			case r < 0x80 && unicode.IsLower(r):
				l = -1 << 20 // a small plain letter: typed in small letters
			case r >= 0x80 && unicode.IsLower(r):
				l++
			}
		}
		if u > 1 && l > 0 { // two capitals at least: "Xã", "Pờ" are a capital and small letters
			upper++
			lowerAccented++
		} else if l < 0 {
			return false
		}
	}
	return upper > 0 && lowerAccented > 0
}

// HasUnicodeVietnamese reports whether s holds a letter or tone mark only Unicode Vietnamese
// writes (ă, đ, ơ, ư, ạ … ỹ and their capitals, or a combining tone): no legacy encoding's bytes
// read as one, so such text is never legacy, whatever the font of its cell says.
func HasUnicodeVietnamese(s string) bool {
	for _, r := range s {
		switch {
		case r >= 0x1EA0 && r <= 0x1EF9, r == 0x0300 || r == 0x0301 || r == 0x0303 || r == 0x0309 || r == 0x0323:
			return true
		case strings.ContainsRune("ĂăĐđĨĩŨũƠơƯư", r):
			return true
		}
	}
	return false
}

// isUnicodeVietnamese: the Latin-1 letters Vietnamese uses as they are.
func isUnicodeVietnamese(r rune) bool {
	return strings.ContainsRune("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý", r)
}

// vniFollowsVowel: a VNI mark right after a vowel ("chaøo", "Vieät"), even when the mark is a
// Latin-1 letter Vietnamese also uses.
func vniFollowsVowel(s string) bool {
	prev := rune(0)
	for _, r := range s {
		if _, ok := vniMark(r); ok && strings.ContainsRune("aeiouyAEIOUY", prev) {
			return true
		}
		prev = r
	}
	return false
}

// ReadsWorse reports whether decoded, the text converted from an old encoding, reads as fewer
// Vietnamese syllables than raw as it is: a cell in an old font holding Unicode text ("Có rà
// soát") reads worse converted ("Cú rà soỏt") and is left as it is.
func ReadsWorse(decoded, raw string) bool { return syllableScore(decoded) < syllableScore(raw) }

// syllableScore counts the words of s that are Vietnamese syllables, less those that are not.
func syllableScore(s string) int {
	score := 0
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) }) {
		if IsSyllable(w) {
			score++
		} else {
			score--
		}
	}
	return score
}

// IsSyllable reports whether w is one written Vietnamese syllable (any case): an initial
// consonant, a vowel group with at most one tone mark, on a vowel that can carry it, and a final
// consonant ("k" too, as in the place names Đắk, Đăk of the Central Highlands). "xaõ" (VNI read
// as Latin-1) is none: the tone of "ao" sits on the a.
func IsSyllable(w string) bool {
	d := []rune(norm.NFD.String(strings.ToLower(w)))
	tones, toneAt := 0, -1 // toneAt: the letter (counted in NFC) the tone is on
	var plain []rune
	letters := 0
	for _, r := range d {
		switch r {
		case 0x300, 0x301, 0x303, 0x309, 0x323:
			tones++
			toneAt = letters - 1
			continue
		}
		if !unicode.Is(unicode.Mn, r) {
			letters++
		}
		plain = append(plain, r)
	}
	if tones > 1 || len(plain) == 0 {
		return false
	}
	p := norm.NFC.String(string(plain))
	for _, ini := range initials {
		rest, ok := strings.CutPrefix(p, ini)
		if !ok {
			continue
		}
		for _, fin := range finals {
			nucleus, ok := strings.CutSuffix(rest, fin)
			if ok && nuclei[nucleus] && (fin == "" || !glideEnded(nucleus)) && (toneAt < 0 || toneFits([]rune(nucleus), toneAt-len([]rune(ini)), fin != "")) {
				return true
			}
		}
	}
	return false
}

// glideEnded: a vowel group that ends in a glide (ai, ao, iu, ôi …) and so takes no final
// consonant ("traỏn" is no syllable); uy does ("huynh").
func glideEnded(nucleus string) bool {
	r := []rune(nucleus)
	return len(r) > 1 && strings.ContainsRune("iouy", r[len(r)-1]) && nucleus != "uy"
}

// toneFits reports whether a tone on the vowel at index at of nucleus is where Vietnamese writes
// it: on the vowel with a mark of its own (ơ of ươ, ê of iê); else on the only vowel, on the last
// before a final consonant, on the middle of three, on the first of two (oa, oe, uy either way).
func toneFits(nucleus []rune, at int, final bool) bool {
	if at < 0 || at >= len(nucleus) {
		return false
	}
	for i := len(nucleus) - 1; i >= 0; i-- {
		if strings.ContainsRune("ăâêôơư", nucleus[i]) {
			if nucleus[i] == 'ư' && i+1 < len(nucleus) && nucleus[i+1] == 'ơ' {
				continue
			}
			return at == i
		}
	}
	switch {
	case len(nucleus) == 1:
		return true
	case final:
		return at == len(nucleus)-1
	case len(nucleus) == 3:
		return at == 1
	case slices.Contains([]string{"oa", "oe", "uy"}, string(nucleus)):
		return true
	}
	return at == 0
}

var (
	initials = []string{"ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu", "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", ""}
	finals   = []string{"ch", "ng", "nh", "c", "k", "m", "n", "p", "t", ""}
	nuclei   = func() map[string]bool {
		m := map[string]bool{}
		for _, n := range strings.Fields(`a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi
			ua uâ uê ui uô uơ ưa ưi ươ ưu uy yê iêu oai oao oay oeo uây uôi ươi ươu uya uyê uyu yêu`) {
			m[n] = true
		}
		return m
	}()
)
