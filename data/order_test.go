package data

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestApplyOrderIsACopyInOrder: putting a list in an order in place gives what a copy in that
// order gives, for every kind of permutation (identity, one cycle, many, random).
func TestApplyOrderIsACopyInOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 26))
	for n := range 40 {
		for round := range 20 {
			order := make([]int, n)
			for i := range order {
				order[i] = i
			}
			if round > 0 {
				r.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
			}
			s := make([]string, n)
			for i := range s {
				s[i] = string(rune('a' + i))
			}
			want := make([]string, n)
			for i, k := range order {
				want[i] = s[k]
			}
			applyOrder(s, slices.Clone(order))
			if !slices.Equal(s, want) {
				t.Fatalf("%v: got %v, want %v", order, s, want)
			}
		}
	}
}
