package reports_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"ketnghia/data"
	"ketnghia/data/datatest"
	"ketnghia/data/rules"
	"ketnghia/reports"
)

// TestTheYearsAfterTheReform: every report of 2025 and 2026 on the sample (2026 has no reviews yet)
// speaks of the province as it now is and never turns an unknown into a zero or a "not met".
func TestTheYearsAfterTheReform(t *testing.T) {
	needPoppler(t)
	base := kontum(t)
	base.Date = data.D(2026, 12, 5)
	base.UnitCode = "23512" // Xã Đăk Mar in 2025–2026, Xã Đắk Mar before
	firstPage := func(t *testing.T, pdf []byte) string { return text(t, pdf, "-l", "1") }
	for _, year := range []int{2025, 2026} {
		in := base
		in.Year = year
		for _, k := range reports.Kinds {
			t.Run(fmt.Sprintf("%s %d", k.Code, year), func(t *testing.T) {
				pdf := build(t, k.Code, in)
				txt := text(t, pdf)
				if regexp.MustCompile(`\b0/40 xã`).MatchString(txt) {
					t.Error("0/40 communes printed where nothing is known")
				}
				if year == 2026 && k.Code != "twinning" { // twinning is not counted from reviews
					if !strings.Contains(firstPage(t, pdf), "Năm 2026 chưa có số liệu rà soát") {
						t.Error("the first page does not say 2026 has no reviews yet")
					}
					// "trước thuộc Thị trấn Đắk Tô": a village's former unit, told to tell it from another.
					if regexp.MustCompile(`(?i)thị trấn|xếp theo huyện|bản đồ ranh giới huyện của tỉnh này`).MatchString(strings.ReplaceAll(txt, "trước thuộc Thị trấn", "")) {
						t.Errorf("speaks of towns or districts that no longer exist:\n%s", regexp.MustCompile(`(?i).*(thị trấn|xếp theo huyện|bản đồ ranh giới).*`).FindString(txt))
					}
				}
			})
		}
	}
	in := base
	in.Year = 2026
	t.Run("exit 2026 without reviews is short", func(t *testing.T) {
		pdf := build(t, "exit", in)
		if n := pages(t, pdf); n > 2 {
			t.Errorf("%d pages for a year without reviews", n)
		}
		if !strings.Contains(text(t, pdf), "chưa đánh giá được 40 xã và 912 thôn") {
			t.Error("does not say what could not be judged")
		}
	})
	t.Run("progress 2026: health carried, chi bộ unknown, by former district", func(t *testing.T) {
		txt := text(t, build(t, "progress", in))
		for _, want := range []string{"KẾT QUẢ THEO ĐỊA BÀN HUYỆN CŨ", "Địa bàn huyện Đắk Hà cũ", "lấy theo kết quả gần nhất", "cả 912 thôn chưa có số liệu về chi bộ"} {
			if !strings.Contains(strings.Join(strings.Fields(txt), " "), want) {
				t.Errorf("no %q", want)
			}
		}
	})
	t.Run("villages 2026: unknown is not none", func(t *testing.T) {
		txt := strings.Join(strings.Fields(text(t, build(t, "villages", in))), " ")
		if !strings.Contains(txt, "Chưa biết: năm 2026 chưa thôn, làng nào có số liệu về chi bộ") || strings.Contains(txt, "0 thôn chưa có chi bộ") {
			t.Errorf("villages 2026 reads unknown as none:\n%s", txt[:min(len(txt), 1500)])
		}
	})
	t.Run("twinning 2025 counts the assignments that ended as ended", func(t *testing.T) {
		ended := 0
		for _, a := range in.Twinning.Assignments {
			if !a.End.IsZero() && a.End.Year() == 2025 && a.End.Before(data.D(2025, 12, 31)) {
				ended++
			}
		}
		if ended == 0 {
			t.Fatal("the sample has no assignment ended in 2025")
		}
		in := in
		in.Year = 2025
		txt := strings.Join(strings.Fields(text(t, build(t, "twinning", in))), " ")
		if !strings.Contains(txt, fmt.Sprintf("%d phân công đã kết thúc trong năm", ended)) {
			t.Errorf("twinning 2025 does not count %d ended assignments", ended)
		}
	})
}

// TestNoLaterYearInAnEarlierReport: a 2024 profile dated in 2024 shows no year after 2024 (a
// village recognised NTM in 2025 is "chưa" in 2024; an assignment ending in 2025 is running).
func TestNoLaterYearInAnEarlierReport(t *testing.T) {
	needPoppler(t)
	in := kontum(t)
	in.Year, in.Date = 2024, data.D(2024, 12, 31)
	x := in.Index
	code := ""
	for _, c := range x.UnitsAt(data.LevelCommune, rules.YearEnd(2024)) {
		for _, v := range x.ChildrenAt(c.ID, rules.YearEnd(2024)) {
			if v.NTMYear != nil && *v.NTMYear == 2025 {
				code = c.Code
			}
		}
	}
	if code == "" {
		t.Fatal("no commune of 2024 with a village recognised in 2025")
	}
	in.UnitCode = code
	txt := text(t, build(t, "commune", in))
	if i := strings.Index(txt, "2025"); i >= 0 {
		t.Errorf("the 2024 profile of %s shows 2025: …%s…", code, txt[max(0, i-120):min(len(txt), i+40)])
	}
}

// TestA2026ReviewReachesTheReports: a 2026 review entered for a new commune and one of its villages
// is what the 2026 reports count.
func TestA2026ReviewReachesTheReports(t *testing.T) {
	needPoppler(t)
	in := kontum(t)
	ds := *in.Index.DS
	ds.Reviews = append([]data.Review(nil), ds.Reviews...)
	x := in.Index
	var commune, village *data.Unit
	for _, c := range x.UnitsAt(data.LevelCommune, rules.YearEnd(2026)) {
		if c.Code == "23512" {
			commune = c
			village = x.ChildrenAt(c.ID, rules.YearEnd(2026))[0]
		}
	}
	if commune == nil {
		t.Fatal("no Xã Đăk Mar in 2026")
	}
	ds.Reviews = append(ds.Reviews,
		data.Review{UnitID: commune.ID, Year: 2026, Households: datatest.Int(2000), EMHouseholds: datatest.Int(1500), Poor: datatest.Int(300), PoorEM: datatest.Int(280)},
		data.Review{UnitID: village.ID, Year: 2026, Households: datatest.Int(100), Poor: datatest.Int(20), PartyCell: datatest.Bool(false)})
	in.Index, in.Year, in.UnitCode = rules.NewIndex(&ds), 2026, "23512"
	progress := strings.Join(strings.Fields(text(t, build(t, "progress", in))), " ")
	if !strings.Contains(progress, "0,0% (0/1 thôn đã có số liệu; 911 thôn chưa có số liệu về chi bộ)") {
		t.Errorf("progress 2026 does not count the one village known:\n%s", progress[:min(len(progress), 3000)])
	}
	villages := strings.Join(strings.Fields(text(t, build(t, "villages", in))), " ")
	if !strings.Contains(villages, village.Name) || !strings.Contains(villages, "911 thôn, làng chưa có số liệu về chi bộ năm 2026") {
		t.Errorf("villages 2026 does not list %s without a chi bộ", village.Name)
	}
	exit := build(t, "exit", in)
	if n := pages(t, exit); n > 3 {
		t.Errorf("exit 2026 with one commune reviewed: %d pages, want the units without a review said in a few lines", n)
	}
	if txt := strings.Join(strings.Fields(text(t, exit)), " "); !strings.Contains(txt, "39 xã chưa có số liệu rà soát năm 2026") || !strings.Contains(txt, "Địa bàn huyện Đắk Hà cũ 1 "+commune.Name) {
		t.Errorf("exit 2026 does not separate the commune reviewed from those without a review:\n%s", txt)
	}
	profile := strings.Join(strings.Fields(text(t, build(t, "commune", in))), " ")
	if !strings.Contains(profile, "2026 2.000 1.500 300 15,0%") {
		t.Errorf("the 2026 profile does not show the 2026 figures")
	}
}
