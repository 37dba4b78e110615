package data

import (
	"strings"
	"testing"
)

// TestEveryKindHasItsScope: every kind of the offices' records says, in its registry entry, which
// of its records belong to an area (a district's package carries those alone); reference data,
// alike in every office, has no scope and goes whole; a kind reached through others names kinds
// of the registry.
func TestEveryKindHasItsScope(t *testing.T) {
	for _, k := range kinds {
		f, ok := k.ScopeFilter("IN (…)")
		switch {
		case k.Reference && ok:
			t.Errorf("%s is reference data, alike in every office, yet has a scope", k.Table)
		case !k.Reference && (!ok || !strings.Contains(f, "IN (…)")):
			t.Errorf("%s has no scope: a district's package would carry the whole table", k.Table)
		}
		for _, v := range k.via {
			table, col, _ := strings.Cut(v, ".")
			by, found := KindOf(table)
			if !found || !strings.Contains(strings.Join(by.Columns(), " "), col) {
				t.Errorf("%s is reached through %s, which is no column of a kind", k.Table, v)
			}
		}
		for _, c := range k.unitCols {
			if !strings.Contains(" "+strings.Join(k.Columns(), " ")+" ", " "+c+" ") {
				t.Errorf("%s is scoped by %s, which is none of its columns", k.Table, c)
			}
		}
	}
}
