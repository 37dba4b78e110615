package exchange

import (
	"testing"

	"ketnghia/data"
)

// TestEveryKindHasItsScope: every kind of the offices' records in the registry has the condition a
// scoped package keeps its records by; a kind added to the registry without one would have been
// copied whole into a district's package (now the export refuses, and this test names it first).
func TestEveryKindHasItsScope(t *testing.T) {
	filters := scopeFilters("IN (…)")
	for _, k := range data.Kinds() {
		if k.Reference {
			if filters[k.Table] != "" {
				t.Errorf("%s is reference data, alike in every office, yet has a scope", k.Table)
			}
			continue
		}
		if filters[k.Table] == "" {
			t.Errorf("%s has no scope: a district's package would carry the whole table", k.Table)
		}
	}
	for table := range filters {
		if _, ok := data.KindOf(table); !ok {
			t.Errorf("a scope for %s, which is no kind of the registry", table)
		}
	}
}
