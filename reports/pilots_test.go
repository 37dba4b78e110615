package reports_test

import (
	"fmt"
	"strings"
	"testing"

	"ketnghia/data"
)

// TestPilotsReportCountsEveryPilot: the pilot villages of each level open at the end of 2024 and
// those recognised, counted here from the units without the rules, are the report's; each is
// listed under its level with its recognition, and a level without a pilot in some unit says which.
func TestPilotsReportCountsEveryPilot(t *testing.T) {
	needPoppler(t)
	in := kontum(t)
	end := data.YearEnd(in.Year)
	count := map[data.PilotLevel]int{}
	recognised := 0
	var anyPilot *data.Unit
	for i := range in.Index.DS.Units {
		u := &in.Index.DS.Units[i]
		if u.Level != data.LevelVillage || u.Pilot == data.PilotNone || !u.OpenAt(end) {
			continue
		}
		count[u.Pilot]++
		if u.NTMYear != nil && *u.NTMYear <= in.Year {
			recognised++
		}
		if u.Pilot == data.PilotDistrict {
			anyPilot = u
		}
	}
	total := count[data.PilotProvince] + count[data.PilotDistrict] + count[data.PilotCommune]
	if total == 0 || anyPilot == nil {
		t.Fatal("the sample has no pilot villages")
	}
	txt := text(t, build(t, "pilots", in))
	want := fmt.Sprintf("Cuối năm %d có %d thôn, làng điểm (%d cấp tỉnh, %d cấp huyện, %d cấp xã); %d thôn, làng điểm đã được công nhận đạt chuẩn nông thôn mới.",
		in.Year, total, count[data.PilotProvince], count[data.PilotDistrict], count[data.PilotCommune], recognised)
	if !strings.Contains(txt, want) {
		t.Errorf("want %q in\n%.600s", want, txt)
	}
	district := txt[strings.Index(txt, "II. THÔN, LÀNG ĐIỂM CẤP HUYỆN"):strings.Index(txt, "III. THÔN, LÀNG ĐIỂM CẤP XÃ")]
	if !strings.Contains(district, anyPilot.Name) {
		t.Errorf("the district pilot %s is not under its level", anyPilot.Name)
	}
	if anyPilot.NTMYear != nil && *anyPilot.NTMYear <= in.Year && !strings.Contains(district, fmt.Sprintf("Đạt chuẩn năm %d", *anyPilot.NTMYear)) {
		t.Errorf("the district pilot's recognition in %d is not said", *anyPilot.NTMYear)
	}
	if !strings.Contains(txt, "Chưa chọn thôn, làng điểm") && !strings.Contains(txt, "Đơn vị nào cũng đã chọn thôn, làng điểm") {
		t.Error("the units without a pilot are not said")
	}
}
