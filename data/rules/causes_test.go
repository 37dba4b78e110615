package rules_test

import (
	"testing"

	"ketnghia/data"
	"ketnghia/data/datatest"
	"ketnghia/data/rules"
)

// TestCausesOfACommuneAreItsOwnOrItsVillages: a commune's poor households by cause are those of its
// own review when it gives them, otherwise its villages' added up; a commune where no review gives
// causes is "not classified", not zero; one cause at half the poor or more dominates.
func TestCausesOfACommuneAreItsOwnOrItsVillages(t *testing.T) {
	w := newWorld(t)
	w.ds.CauseGroups = []data.CauseGroup{{Code: "von", Name: "Thiếu vốn", Position: 1}, {Code: "dat", Name: "Thiếu đất", Position: 2}, {Code: "khac", Name: "Khác", Position: 3}}
	own := w.commune("Có Số Liệu")
	w.review(data.Review{UnitID: own, Year: 2024, Households: datatest.Int(500), Poor: datatest.Int(40), PoorByCause: map[string]int{"von": 20, "dat": 12}})
	byVillages := w.commune("Theo Thôn")
	a, b := w.village(byVillages, "A"), w.village(byVillages, "B")
	w.review(data.Review{UnitID: a, Year: 2024, Households: datatest.Int(100), Poor: datatest.Int(10), PoorByCause: map[string]int{"dat": 4, "khac": 1}})
	w.review(data.Review{UnitID: b, Year: 2024, Households: datatest.Int(120), Poor: datatest.Int(6), PoorByCause: map[string]int{"dat": 5}})
	none := w.commune("Chưa Phân Loại")
	w.review(data.Review{UnitID: none, Year: 2024, Households: datatest.Int(300), Poor: datatest.Int(30)})
	w.review(data.Review{UnitID: own, Year: 2023, Households: datatest.Int(500), Poor: datatest.Int(50), PoorByCause: map[string]int{"von": 30}})
	x := rules.NewIndex(w.ds)

	c := x.UnitCauses(w.get(own), 2024)
	if !c.Known || c.ByCause["von"] != 20 || c.Classified() != 32 || *c.Unclassified() != 8 || *c.Poor != 40 {
		t.Errorf("own review: %+v", c)
	}
	if r, ok := c.Dominant(w.ds.CauseGroups); !ok || r.Group.Code != "von" {
		t.Errorf("20 of 40 poor households lacking capital: dominant %v %v", r, ok)
	}
	v := x.UnitCauses(w.get(byVillages), 2024)
	if !v.Known || v.ByCause["dat"] != 9 || v.ByCause["khac"] != 1 || *v.Poor != 16 {
		t.Errorf("villages added up: %+v", v)
	}
	if r := v.Ranked(w.ds.CauseGroups); len(r) != 2 || r[0].Group.Code != "dat" || r[1].Group.Code != "khac" {
		t.Errorf("ranked: %v", r)
	}
	n := x.UnitCauses(w.get(none), 2024)
	if n.Known || n.Share("von") != nil {
		t.Errorf("a commune with no causes entered reads as classified: %+v", n)
	}
	if _, ok := n.Dominant(w.ds.CauseGroups); ok {
		t.Error("a commune with no causes has a dominant cause")
	}
	all := x.SumCauses([]*data.Unit{w.get(own), w.get(byVillages), w.get(none)}, 2024, false)
	if !all.Known || all.ByCause["dat"] != 21 || *all.Poor != 86 || all.Classified() != 42 {
		t.Errorf("sum: %+v", all)
	}
	prev := x.PreviousCauses(w.get(own), 2024)
	if !prev.Known || prev.ByCause["von"] != 30 || *prev.Poor != 50 {
		t.Errorf("the year before: %+v", prev)
	}
}
