package vnkey

import (
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestTelex(t *testing.T) {
	cases := []struct{ name, keys, want string }{
		{"circumflex and tilde on the right vowel", "nguyeenx", "nguyễn"},
		{"dd, uow and a grave tone", "ddwowngf", "đường"},
		{"capitals and three words", "Ddawsk Row Nga", "Đắk Rơ Nga"},
		{"tone typed before the final consonant moves with it", "hoaf", "hòa"},
		{"classic placement: oa without final on o", "hoaf", "hòa"},
		{"oa with a final consonant on a", "hoangf", "hoàng"},
		{"uy without final on u", "thuyr", "thủy"},
		{"uyê takes it on ê", "thuyeenf", "thuyền"},
		{"tone key anywhere in the word", "vieejt", "việt"},
		{"tone key at the end", "vieetj", "việt"},
		{"ươ in người", "nguwowif", "người"},
		{"w alone is ư", "w", "ư"},
		{"w alone then tone", "wf", "ừ"},
		{"ww undoes ư", "ww", "w"},
		{"aw is ă", "aw", "ă"},
		{"doubled tone key undoes it", "ass", "as"},
		{"doubled circumflex key undoes it", "aaa", "aa"},
		{"dd twice is dd", "ddd", "dd"},
		{"z removes the tone", "asz", "a"},
		{"words with no vowel stay as typed", "str", "str"},
		{"tone key with no vowel is a letter", "s", "s"},
		{"capital Đ", "DDa", "Đa"},
		{"all capitals", "VIEETJ NAM", "VIỆT NAM"},
		{"qu keeps u out of the cluster", "quas", "quá"},
		{"gi keeps i out of the cluster", "giaf", "già"},
		{"gi before a consonant", "gifn", "gìn"},
		{"ua without final on u", "muaf", "mùa"},
		{"ưa on ư", "luwar", "lửa"},
		{"Kon Tum names", "Tu Mow Roong", "Tu Mơ Rông"},
		{"Ngọk", "Ngojk Hoofi", "Ngọk Hồi"},
		{"punctuation kept", "Hoaf, Bifnh.", "Hòa, Bình."},
		{"hà nội", "haf nooij", "hà nội"},
		{"x is ngã", "bax", "bã"},
		{"keys past the 12th letter are typed as they are", "bbbbbbbbbbbbas", "bbbbbbbbbbbbas"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := ComposeText(c.keys, Telex); got != c.want {
				t.Errorf("%q → %q, want %q", c.keys, got, c.want)
			}
		})
	}
}

func TestVNI(t *testing.T) {
	cases := []struct{ name, keys, want string }{
		{"nguyễn", "nguye6n4", "nguyễn"},
		{"đường", "d9u7o7ng2", "đường"},
		{"uo7 is ươ", "d9uo7ng2", "đường"},
		{"Đắk Rơ Nga", "D9a8k1 Ro7 Nga", "Đắk Rơ Nga"},
		{"việt", "vie65t", "việt"},
		{"0 removes the tone", "a10", "a"},
		{"doubled tone digit undoes it", "a11", "a1"},
		{"hòa classic", "hoa2", "hòa"},
		{"digits in a word without vowels stay", "123", "123"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := ComposeText(c.keys, VNI); got != c.want {
				t.Errorf("%q → %q, want %q", c.keys, got, c.want)
			}
		})
	}
}

func TestComposedTextPassesThrough(t *testing.T) {
	// Unikey already composed these: they are kept, never composed again.
	for _, s := range []string{"Đắk Tô", "nguyễn", "hoà"} {
		if got := ComposeText(s, Telex); got != norm.NFC.String(s) {
			t.Errorf("%q → %q", s, got)
		}
	}
}

func FuzzCompose(f *testing.F) {
	for _, s := range []string{"nguyeenx", "ddwowngf", "Ddawsk Row Nga", "d9u7o7ng2", "www", "ĐắkTô", "\xff"} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, keys string, vni bool) {
		m := Telex
		if vni {
			m = VNI
		}
		out := ComposeText(keys, m)
		if !norm.NFC.IsNormalString(out) {
			t.Errorf("%q → %q is not NFC", keys, out)
		}
		if utf8.ValidString(keys) && utf8.RuneCountInString(out) > utf8.RuneCountInString(keys) {
			t.Errorf("%q → %q grew", keys, out)
		}
	})
}

func TestDecomposeRoundTrip(t *testing.T) {
	for _, w := range []string{"đường", "Đắk", "nguyễn", "hòa", "thủy", "Rơ", "việt", "người", "ư", "Ngọk", "thuyền", "quá", "già", "ĐẮK"} {
		for _, m := range []Method{Telex, VNI} {
			keys := Decompose(w, m)
			if got := Compose(keys, m); got != w {
				t.Errorf("%q → %q → %q (method %d)", w, keys, got, m)
			}
			if got := Compose(keys+map[Method]string{Telex: "s", VNI: "1"}[m], m); w == "Rơ" && got != "Rớ" {
				t.Errorf("going on from %q: %q", w, got)
			}
		}
	}
	if got := Compose(Decompose("hoà", Telex), Telex); got != "hòa" {
		t.Errorf("new-style hoà continues as %q, want the classic hòa", got)
	}
}
