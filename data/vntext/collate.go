package vntext

import (
	"slices"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// A collate.Collator keeps buffers between calls, so each goroutine borrows its own.
var collators = sync.Pool{New: func() any { return newCollator() }}

// newCollator sorts Vietnamese, with numbers by value ("Thôn 2" before "Thôn 10").
func newCollator() *collate.Collator { return collate.New(language.Vietnamese, collate.Numeric) }

// Compare orders a and b in Vietnamese alphabetical order (a ă â b c d đ e ê …; tones ngang,
// huyền, hỏi, ngã, sắc, nặng).
func Compare(a, b string) int {
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	return c.CompareString(a, b)
}

// SortKey returns bytes that sort, compared as bytes, in Vietnamese order. The store keeps it in
// an indexed column so that SQLite can answer sorted lists without help from Go.
func SortKey(s string) []byte {
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	var buf collate.Buffer
	k := c.KeyFromString(&buf, NFC(s))
	return append([]byte(nil), k...)
}

// SortStrings sorts ss in Vietnamese order.
func SortStrings(ss []string) {
	SortFunc(ss, func(s string) string { return s })
}

// SortFunc sorts items in Vietnamese order of the text that key gives for each (stable). Each key
// is computed once.
func SortFunc[T any](items []T, key func(T) string) {
	c := newCollator()
	var buf collate.Buffer
	type keyed struct {
		item T
		k    []byte
	}
	ks := make([]keyed, len(items))
	for i, it := range items {
		ks[i] = keyed{it, append([]byte(nil), c.KeyFromString(&buf, key(it))...)}
		buf.Reset()
	}
	slices.SortStableFunc(ks, func(a, b keyed) int { return bytesCompare(a.k, b.k) })
	for i := range ks {
		items[i] = ks[i].item
	}
}

func bytesCompare(a, b []byte) int {
	return slices.Compare(a, b)
}
