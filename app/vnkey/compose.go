// Package vnkey is KetNghia's own Vietnamese typing composer (Telex and VNI), for PCs where the
// system's Unikey/EVKey cannot reach the window correctly: staff switch Unikey to E and type here.
// Pure Go: it turns the raw Latin keystrokes of one word into the composed word, in NFC, with tone
// marks placed in the classic style of official names (hòa, thủy, but hoàng, thuyền).
package vnkey

import (
	"slices"
	"strings"
	"unicode"

	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Method is a typing method.
type Method int

const (
	Telex Method = iota
	VNI
)

// Tones, in the order of the combining marks below.
const (
	toneNone = iota
	toneAcute
	toneGrave
	toneHook
	toneTilde
	toneDot
)

var toneMarks = []rune{0, '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'}

// Letter marks.
const (
	markNone       = iota
	markCircumflex // â ê ô
	markBreve      // ă
	markHorn       // ơ ư
	markStroke     // đ
)

type letter struct {
	base   rune // lower-case ASCII letter, or any other rune kept as it is
	upper  bool
	mark   int
	wAlone bool // an ư typed as a lone "w": undoing it leaves the w
}

// word is the state of the word being composed.
type word struct {
	letters []letter
	tone    int
	// lastTone and lastMark remember which key made the last change, so that pressing it again
	// undoes the change and types the key itself (Unikey's "ass" → "as").
	lastToneKey rune
	lastMarkKey rune
}

func isVowel(r rune) bool { return strings.ContainsRune("aeiouy", r) }

// Compose turns the raw keystrokes of one word into the Vietnamese word.
func Compose(raw string, m Method) string {
	var w word
	for _, k := range raw {
		w.key(k, m)
	}
	return w.render()
}

func (w *word) literal(k rune) {
	w.letters = append(w.letters, letter{base: unicode.ToLower(k), upper: unicode.IsUpper(k)})
	w.lastToneKey, w.lastMarkKey = 0, 0
}

func (w *word) hasVowel() bool {
	for _, l := range w.letters {
		if isVowel(l.base) {
			return true
		}
	}
	return false
}

// maxWord is the longest run of keys composed: no Vietnamese syllable has more than 7 letters, so a
// longer run (an address, a code) is typed as it is, and composing stays linear.
const maxWord = 12

func (w *word) key(k rune, m Method) {
	lk := unicode.ToLower(k)
	if k > unicode.MaxASCII || !(unicode.IsLetter(k) || unicode.IsDigit(k)) || len(w.letters) >= maxWord {
		w.literal(k)
		return
	}
	if tone, ok := toneKey(lk, m); ok && w.hasVowel() && w.placeable() {
		if w.lastToneKey == lk {
			w.tone, w.lastToneKey = toneNone, 0
			w.literal(k)
			w.lastToneKey = -1 // the key was typed literally: a third press is just a letter again
			return
		}
		if tone == toneNone && w.tone == toneNone {
			w.literal(k)
			return
		}
		w.tone, w.lastToneKey = tone, lk
		return
	}
	if w.markKey(k, lk, m) {
		return
	}
	w.literal(k)
}

func toneKey(k rune, m Method) (int, bool) {
	keys := "zsfrxj"
	if m == VNI {
		keys = "012345"
	}
	i := strings.IndexRune(keys, k)
	return i, i >= 0
}

// placeable says whether a tone can go on the word: its vowels are followed by at most a final
// consonant cluster of Vietnamese (c ch m n ng nh p t).
func (w *word) placeable() bool {
	last := -1
	for i, l := range w.letters {
		if isVowel(l.base) {
			last = i
		}
	}
	var tail strings.Builder
	for _, l := range w.letters[last+1:] {
		tail.WriteRune(l.base)
	}
	switch tail.String() {
	case "", "c", "ch", "m", "n", "ng", "nh", "p", "t", "k": // k: Đắk, Ngọk in minority place names
		return true
	}
	return false
}

// markKey applies a letter mark (â ă ê ô ơ ư đ) when the key is one; it reports whether it did.
func (w *word) markKey(k, lk rune, m Method) bool {
	switch {
	case m == Telex && (lk == 'a' || lk == 'e' || lk == 'o'):
		return w.toggle(k, lk, func(l letter) bool { return l.base == lk }, markCircumflex)
	case m == Telex && lk == 'w':
		if w.toggleHorn(k, lk) {
			return true
		}
		if !w.hasVowel() {
			// "w" alone is ư.
			w.letters = append(w.letters, letter{base: 'u', upper: unicode.IsUpper(k), mark: markHorn, wAlone: true})
			w.lastToneKey, w.lastMarkKey = 0, lk
			return true
		}
		return false
	case m == Telex && lk == 'd', m == VNI && lk == '9':
		return w.toggle(k, lk, func(l letter) bool { return l.base == 'd' }, markStroke)
	case m == VNI && lk == '6':
		return w.toggle(k, lk, func(l letter) bool { return l.base == 'a' || l.base == 'e' || l.base == 'o' }, markCircumflex)
	case m == VNI && lk == '8':
		return w.toggle(k, lk, func(l letter) bool { return l.base == 'a' }, markBreve)
	case m == VNI && lk == '7':
		return w.toggleHorn(k, lk)
	}
	return false
}

// toggle gives the last letter that fits the mark, or takes it away again on a repeated key.
func (w *word) toggle(k, lk rune, fits func(letter) bool, mark int) bool {
	for i := len(w.letters) - 1; i >= 0; i-- {
		l := &w.letters[i]
		if !fits(*l) {
			continue
		}
		if mark == markStroke && i != 0 {
			return false // only a word's first d becomes đ
		}
		switch {
		case l.mark == markNone:
			l.mark = mark
			w.lastMarkKey = lk
			return true
		case l.mark == mark && w.lastMarkKey == lk:
			l.mark = markNone
			w.literal(k)
			return true
		}
		return false
	}
	return false
}

// toggleHorn puts the horn on u / o (both of "uo": ươ) or the breve on a.
func (w *word) toggleHorn(k, lk rune) bool {
	idx := -1
	for i := len(w.letters) - 1; i >= 0; i-- {
		if b := w.letters[i].base; b == 'u' || b == 'o' || b == 'a' {
			idx = i
			break
		}
	}
	if idx < 0 {
		return false
	}
	l := &w.letters[idx]
	want := markHorn
	if l.base == 'a' {
		want = markBreve
	}
	if l.mark == want && w.lastMarkKey == lk {
		if l.wAlone {
			upper := l.upper
			w.letters = w.letters[:idx]
			w.literal(k)
			w.letters[len(w.letters)-1].upper = upper
			return true
		}
		l.mark = markNone
		if idx > 0 && w.letters[idx-1].base == 'u' && w.letters[idx-1].mark == markHorn && l.base == 'o' {
			w.letters[idx-1].mark = markNone
		}
		w.literal(k)
		return true
	}
	if l.mark != markNone && l.mark != want {
		return false
	}
	l.mark = want
	// "uo" + horn is "ươ" (except after q: "quơ").
	if l.base == 'o' && idx > 0 && w.letters[idx-1].base == 'u' && !(idx > 1 && w.letters[idx-2].base == 'q') {
		w.letters[idx-1].mark = markHorn
	}
	if l.base == 'u' && idx+1 < len(w.letters) && w.letters[idx+1].base == 'o' && w.letters[idx+1].mark == markNone {
		w.letters[idx+1].mark = markHorn
	}
	w.lastMarkKey = lk
	return true
}

// tonePosition is the index of the letter that carries the tone.
func (w *word) tonePosition() int {
	ls := w.letters
	// The vowel cluster, leaving out the u of "qu" and the i of "gi" before a vowel.
	start, end := -1, -1
	for i, l := range ls {
		if !isVowel(l.base) {
			if start >= 0 {
				break
			}
			continue
		}
		if start < 0 {
			if l.base == 'u' && i > 0 && ls[i-1].base == 'q' {
				continue
			}
			if l.base == 'i' && i == 1 && ls[0].base == 'g' && i+1 < len(ls) && isVowel(ls[i+1].base) {
				continue
			}
			start = i
		}
		end = i
	}
	if start < 0 {
		return -1
	}
	// A marked vowel takes the tone (the last one: ươ → ơ).
	for i := end; i >= start; i-- {
		if ls[i].mark == markCircumflex || ls[i].mark == markBreve || ls[i].mark == markHorn {
			return i
		}
	}
	n := end - start + 1
	switch {
	case n == 1:
		return start
	case n >= 3:
		return start + 1
	case end+1 < len(ls): // two vowels and a final consonant: the second (hoàng, thuyền)
		return end
	}
	return start // two vowels, no final consonant: the first, classic style (hòa, thủy, mùa)
}

var precomposed = map[letter]rune{
	{base: 'a', mark: markCircumflex}: 'â', {base: 'a', mark: markBreve}: 'ă', {base: 'e', mark: markCircumflex}: 'ê',
	{base: 'o', mark: markCircumflex}: 'ô', {base: 'o', mark: markHorn}: 'ơ', {base: 'u', mark: markHorn}: 'ư', {base: 'd', mark: markStroke}: 'đ',
}

func (w *word) render() string {
	var b strings.Builder
	pos := -1
	if w.tone != toneNone {
		pos = w.tonePosition()
	}
	for i, l := range w.letters {
		r := l.base
		if p, ok := precomposed[letter{base: l.base, mark: l.mark}]; ok {
			r = p
		}
		if l.upper {
			r = unicode.ToUpper(r)
		}
		b.WriteRune(r)
		if i == pos {
			b.WriteRune(toneMarks[w.tone])
		}
	}
	return norm.NFC.String(b.String())
}

// ComposeText composes a whole stream of keystrokes: words are composed one by one, everything
// between them (spaces, punctuation, already composed Vietnamese letters) is kept as typed.
func ComposeText(keys string, m Method) string {
	var out, raw strings.Builder
	flush := func() {
		out.WriteString(Compose(raw.String(), m))
		raw.Reset()
	}
	for _, k := range keys {
		if k <= unicode.MaxASCII && (unicode.IsLetter(k) || unicode.IsDigit(k)) {
			raw.WriteRune(k)
			continue
		}
		flush()
		out.WriteRune(k)
	}
	flush()
	return norm.NFC.String(out.String())
}

// Decompose gives keystrokes that compose to word: the way to go on composing a word that is already
// on screen (the cursor came back to it, or it was typed earlier). Runes that are not Vietnamese
// letters are kept as they are.
func Decompose(word string, m Method) string {
	var keys strings.Builder
	tone := rune(0)
	for _, r := range norm.NFD.String(word) {
		switch r {
		case '\u0302': // circumflex
			if m == VNI {
				keys.WriteRune('6')
			} else if prev := lastRune(keys.String()); prev != 0 {
				keys.WriteRune(unicode.ToLower(prev))
			}
		case '\u0306', '\u031B': // breve, horn
			switch {
			case m == VNI && r == '\u0306':
				keys.WriteRune('8')
			case m == VNI:
				keys.WriteRune('7')
			default:
				keys.WriteRune('w')
			}
		case '\u0301', '\u0300', '\u0309', '\u0303', '\u0323':
			tone = r
		case 'đ', 'Đ':
			base := 'd'
			if r == 'Đ' {
				base = 'D'
			}
			keys.WriteRune(base)
			if m == VNI {
				keys.WriteRune('9')
			} else {
				keys.WriteRune('d')
			}
		default:
			keys.WriteRune(r)
		}
	}
	if tone != 0 {
		i := slices.Index(toneMarks, tone)
		if m == VNI {
			keys.WriteRune(rune("012345"[i]))
		} else {
			keys.WriteRune(rune("zsfrxj"[i]))
		}
	}
	return keys.String()
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	if r == utf8.RuneError {
		return 0
	}
	return r
}
