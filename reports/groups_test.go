package reports

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"ketnghia/data"
	"ketnghia/data/datatest"
	"ketnghia/data/rules"
	"ketnghia/data/sample"
)

// TestListsGoByDistrictThenCommuneThenVillage: the villages' and the exit lists are sorted by
// district (from 2025 by former district), then commune, then village, each district one block
// under its heading, and two villages of one commune with the same name (a ward merged from two,
// each with its "Thôn 4") say which unit each came from.
func TestListsGoByDistrictThenCommuneThenVillage(t *testing.T) {
	st := datatest.MustOpen(t)
	if err := sample.Load(context.Background(), st, sample.Province, 1); err != nil {
		t.Fatal(err)
	}
	ds, err := st.Dataset(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	x := rules.NewIndex(ds)
	for _, c := range []struct {
		year    int
		heading string
		renamed bool
	}{{2024, "Huyện ", false}, {2026, "Địa bàn huyện ", true}} {
		day := rules.YearEnd(c.year)
		ps := placeAll(x, x.UnitsAt(data.LevelVillage, day), day)
		if len(ps) < 500 {
			t.Fatalf("%d: %d villages", c.year, len(ps))
		}
		seenArea, seenCommune := map[*data.Unit]bool{}, map[*data.Unit]bool{}
		named := map[string]bool{}
		renamed := 0
		for i, p := range ps {
			if i > 0 {
				q := ps[i-1]
				switch {
				case p.area != q.area:
					if seenArea[p.area] || bytes.Compare(q.area.SortKey(), p.area.SortKey()) > 0 {
						t.Fatalf("%d: %s after %s", c.year, p.area.Name, q.area.Name)
					}
				case p.commune != q.commune:
					if seenCommune[p.commune] || bytes.Compare(q.commune.SortKey(), p.commune.SortKey()) > 0 {
						t.Fatalf("%d: %s after %s in %s", c.year, p.commune.Name, q.commune.Name, p.area.Name)
					}
				default:
					if bytes.Compare(q.unit.SortKey(), p.unit.SortKey()) > 0 {
						t.Fatalf("%d: %s after %s in %s", c.year, p.unit.Name, q.unit.Name, p.commune.Name)
					}
				}
			}
			seenArea[p.area], seenCommune[p.commune] = true, true
			key := p.commune.ID + "/" + p.name
			if named[key] {
				t.Errorf("%d: two %q in %s", c.year, p.name, p.commune.Name)
			}
			named[key] = true
			if p.name != p.unit.Name {
				renamed++
			}
		}
		if c.renamed != (renamed > 0) {
			t.Errorf("%d: %d villages told apart by the unit they came from", c.year, renamed)
		}
		rows, heads := grouped(ps, day, func(int) bool { return true }, func(i int) []string { return []string{ps[i].name} })
		if len(heads) != len(seenArea) || len(rows) != len(ps)+len(heads) {
			t.Errorf("%d: %d headings for %d areas, %d rows", c.year, len(heads), len(seenArea), len(rows))
		}
		for i := range heads {
			if !strings.HasPrefix(rows[i][0], c.heading) && !strings.HasPrefix(rows[i][0], strings.Replace(c.heading, "Huyện", "Thành phố", 1)) &&
				!strings.HasPrefix(rows[i][0], strings.Replace(c.heading, "huyện", "thành phố", 1)) {
				t.Errorf("%d: heading %q", c.year, rows[i][0])
			}
		}
		if rows[len(rows)-1][0] != fmt.Sprint(len(ps)) {
			t.Errorf("%d: numbered to %s of %d", c.year, rows[len(rows)-1][0], len(ps))
		}
	}
}
