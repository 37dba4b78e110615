package reports_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"ketnghia/data"
)

// TestCausesReportIsTheSumOfTheReviews: the province's households by cause of 2024 and 2023, and
// the communes where one cause holds half the poor, as printed, are those the communes' reviews
// give, added up here without the rules.
func TestCausesReportIsTheSumOfTheReviews(t *testing.T) {
	needPoppler(t)
	in := kontum(t)
	ds := in.Index.DS
	type sums struct {
		poor    int
		byCause map[string]int
	}
	communes := func(year int) map[string]*data.Unit {
		out := map[string]*data.Unit{}
		for i := range ds.Units {
			if u := &ds.Units[i]; u.Level == data.LevelCommune && u.OpenAt(data.YearEnd(year)) {
				out[u.ID] = u
			}
		}
		return out
	}
	total := func(year int) (sums, map[string]sums) {
		open := communes(2024) // the 2023 figures on 2024's communes (the same in the sample)
		all := sums{byCause: map[string]int{}}
		each := map[string]sums{}
		for _, r := range ds.Reviews {
			if r.Year != year || open[r.UnitID] == nil || r.Poor == nil {
				continue
			}
			s := sums{poor: *r.Poor, byCause: r.PoorByCause}
			each[r.UnitID] = s
			all.poor += s.poor
			for k, v := range r.PoorByCause {
				all.byCause[k] += v
			}
		}
		return all, each
	}
	now, each := total(2024)
	before, _ := total(2023)
	if now.poor == 0 || len(now.byCause) == 0 {
		t.Fatal("the sample has no causes in 2024")
	}
	pdf := build(t, "causes", in)
	txt := text(t, pdf, "-layout")
	province := txt[strings.Index(txt, "I. TOÀN TỈNH"):strings.Index(txt, "II. THEO")]
	for _, g := range ds.CauseGroups {
		n, p := now.byCause[g.Code], before.byCause[g.Code]
		change := fmt.Sprintf("+%s", fmtInt(int64(n-p)))
		if n < p {
			change = "−" + fmtInt(int64(p-n))
		} else if n == p {
			change = "0"
		}
		want := fmt.Sprintf("%s %s %s %s %s", g.Name, fmtInt(int64(n)), vntextRate(float64(n)*100/float64(now.poor)), fmtInt(int64(p)), change)
		if !strings.Contains(province, want) {
			t.Errorf("the province's line for %s: want %q in\n%s", g.Code, want, province)
		}
	}
	if want := fmt.Sprintf("Tổng số hộ nghèo %s 100%% %s", fmtInt(int64(now.poor)), fmtInt(int64(before.poor))); !strings.Contains(province, want) {
		t.Errorf("total: want %q", want)
	}
	plain := text(t, pdf) // a name that wraps in its cell reads whole in reading order
	dominant := plain[strings.Index(plain, "IV. XÃ CÓ MỘT NGUYÊN NHÂN"):]
	want := 0
	for id, s := range each {
		top := 0
		for _, v := range s.byCause {
			top = max(top, v)
		}
		if s.poor > 0 && 2*top >= s.poor {
			want++
			if !strings.Contains(dominant, ds.Units[indexOf(ds.Units, id)].Name) {
				t.Errorf("%s, where one cause holds %d of %d poor households, is not listed", ds.Units[indexOf(ds.Units, id)].Name, top, s.poor)
			}
		}
	}
	if got := len(regexp.MustCompile(`[\d.]+/[\d.]+ `).FindAllString(dominant, -1)); got != want {
		t.Errorf("%d communes listed where one cause dominates, want %d", got, want)
	}
}

func indexOf(us []data.Unit, id string) int {
	for i := range us {
		if us[i].ID == id {
			return i
		}
	}
	return -1
}

// TestCausesReportOfAYearWithoutCausesSaysSo: a year whose reviews classify no poor household says
// so and how to enter them, without a table of zeros.
func TestCausesReportOfAYearWithoutCausesSaysSo(t *testing.T) {
	needPoppler(t)
	in := kontum(t)
	in.Year = 2026
	txt := text(t, build(t, "causes", in))
	if !strings.Contains(txt, "chưa có xã, thôn nào phân loại hộ nghèo theo nguyên nhân") || strings.Contains(txt, "I. TOÀN TỈNH") {
		t.Errorf("2026: %s", txt)
	}
}
