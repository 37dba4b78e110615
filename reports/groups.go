package reports

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"

	"ketnghia/data"
	"ketnghia/data/rules"
	"ketnghia/data/vntext"
)

// A list of communes and villages of a province is read by district (or, from 1/7/2025, by former
// district), then commune, then village, under a heading for each district, as the offices file
// them; a list sorted by the villages' names alone scattered each district's villages over the
// whole report.

// placed is a unit of a list with where it lay on the list's day.
type placed struct {
	unit    *data.Unit
	commune *data.Unit // the unit itself for a commune
	area    *data.Unit // its district, or its former district; nil when none is known
	name    string     // its name, with the unit it came from when another of the list has the same
}

// placeAll places units on day and sorts them by area, commune, then the commune before its
// villages, then name; units of one commune with the same name are told apart by the unit each was
// under before (two "Tổ dân phố 1" of a ward merged from two).
func placeAll(x *rules.Index, units []*data.Unit, day data.Date) []placed {
	out := make([]placed, 0, len(units))
	for _, u := range units {
		p := placed{unit: u, commune: u, name: u.Name}
		if u.Level == data.LevelVillage {
			if c := x.ParentAt(u, day); c != nil {
				p.commune = c
			}
		}
		p.area = x.Area(p.commune, day)
		out = append(out, p)
	}
	key := func(u *data.Unit) []byte {
		if u == nil {
			return nil
		}
		return u.SortKey()
	}
	slices.SortStableFunc(out, func(a, b placed) int {
		return cmp.Or(
			bytes.Compare(key(a.area), key(b.area)),
			bytes.Compare(key(a.commune), key(b.commune)),
			boolRank(a.unit.Level != data.LevelCommune)-boolRank(b.unit.Level != data.LevelCommune),
			bytes.Compare(key(a.unit), key(b.unit)))
	})
	for i := range out {
		for j := range out {
			if i != j && out[i].commune == out[j].commune && out[i].unit.Name == out[j].unit.Name {
				if before := formerParent(x, out[i].unit, day); before != nil && before != out[i].commune {
					out[i].name = fmt.Sprintf("%s (trước thuộc %s)", out[i].unit.Name, before.Name)
				} else if out[i].unit.Code != "" {
					out[i].name = fmt.Sprintf("%s (mã %s)", out[i].unit.Name, out[i].unit.Code)
				}
				break
			}
		}
	}
	return out
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// formerParent is the unit a unit hung under before its last move up to day (nil: it never moved).
func formerParent(x *rules.Index, u *data.Unit, day data.Date) *data.Unit {
	var last *data.UnitMove
	moves := x.Moves(u.ID)
	for i := range moves {
		if !day.Before(moves[i].MovedOn) {
			last = &moves[i]
		}
	}
	if last == nil {
		return nil
	}
	return x.Unit(last.FromParentID)
}

// areaHeading is the heading of an area's rows: "Huyện Đắk Glei", or "Địa bàn huyện Đắk Glei cũ"
// once districts are gone.
func areaHeading(a *data.Unit, day data.Date) string {
	switch {
	case a == nil:
		return "Chưa xác định được huyện"
	case a.OpenAt(day):
		return a.Name
	}
	return "Địa bàn " + vntext.LowerFirst(a.Name) + " cũ"
}

// grouped is a table's rows under a heading row for each area, numbered on from 1 across the
// areas: row(i) gives the cells after the number of the i-th placed unit, keep says which are in
// the list. It returns the rows and which of them are headings (drawn across the table).
func grouped(ps []placed, day data.Date, keep func(i int) bool, row func(i int) []string) ([][]string, map[int]bool) {
	var rows [][]string
	heads := map[int]bool{}
	n := 0
	var area *data.Unit
	started := false
	for i := range ps {
		if !keep(i) {
			continue
		}
		if !started || ps[i].area != area {
			started, area = true, ps[i].area
			heads[len(rows)] = true
			rows = append(rows, []string{areaHeading(area, day)})
		}
		n++
		rows = append(rows, append([]string{fmt.Sprint(n)}, row(i)...))
	}
	return rows, heads
}
