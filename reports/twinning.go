package reports

import (
	"fmt"
	"io"

	"ketnghia/data"
	"ketnghia/data/rules"
	"ketnghia/data/vntext"
)

// Twinning is the assignment table of a year, by district and commune, with dates, and a summary of
// the activities and their values by agency and by kind.
func Twinning(w io.Writer, in Input) error {
	return render(w, in.Header, fmt.Sprintf("Báo cáo kết nghĩa năm %d", in.Year), func(d *doc) error {
		d.pdf.AddPage()
		d.partyHeader(fmt.Sprintf("Phân công cơ quan, đơn vị kết nghĩa giúp xã, thôn đặc biệt khó khăn và kết quả hoạt động năm %d", in.Year))
		d.twinningBody(in, "")
		d.signature()
		return nil
	})
}

func activeInYear(a data.Assignment, year int) bool {
	return a.Start.Year() <= year && (a.End.IsZero() || a.End.Year() >= year)
}

// endedInYear: the assignment ran in year and ended before its last day.
func endedInYear(a data.Assignment, year int) bool {
	return activeInYear(a, year) && !a.End.IsZero() && a.End.Before(rules.YearEnd(year))
}

// endText is an assignment's end as a report of year shows it: a date after the year is not known
// yet then, so the assignment is running ("nay").
func endText(a data.Assignment, year int) string {
	if a.End.IsZero() || rules.YearEnd(year).Before(a.End) {
		return "nay"
	}
	return a.End.String()
}

// groupOf names where a commune lay for the twinning table: its district, or once districts are
// gone its former district as an area.
func groupOf(x *rules.Index, commune *data.Unit, day data.Date) string {
	if dist := x.AncestorAt(commune, data.LevelDistrict, day); dist != nil {
		return dist.Name
	}
	if a := x.Area(commune, day); a != nil {
		return "Địa bàn " + vntext.LowerFirst(a.Name) + " cũ"
	}
	if prov := x.AncestorAt(commune, data.LevelProvince, day); prov != nil {
		return prov.Name
	}
	return "Các xã không thuộc huyện nào"
}

func (d *doc) twinningBody(in Input, prefix string) {
	x, year, td := in.Index, in.Year, in.Twinning
	if td == nil {
		td = &data.TwinningData{}
	}
	agency := map[string]data.TwinningUnit{}
	for _, a := range td.Units {
		agency[a.ID] = a
	}
	day := x.DistrictDate(year)
	// Each assignment under the commune it helps (a village's under its commune) and that commune's
	// district on the year's district day.
	type line struct {
		group, commune string
		row            []string
	}
	var lines []line
	active, ended := 0, 0
	for _, a := range td.Assignments {
		if !activeInYear(a, year) {
			continue
		}
		if endedInYear(a, year) {
			ended++
		} else {
			active++
		}
		u := x.Unit(a.UnitID)
		if u == nil {
			continue
		}
		commune := u
		if u.Level == data.LevelVillage {
			if p := x.ParentAt(u, day); p != nil {
				commune = p
			}
		}
		group := groupOf(x, commune, day)
		helped := u.Name
		if u.Level == data.LevelVillage {
			helped = u.Name + ", " + commune.Name
		}
		ag := agency[a.TwinningUnitID]
		lines = append(lines, line{group, commune.Name, []string{helped, ag.Name, ag.Level.Label(), a.Start.String(), endText(a, year)}})
	}
	d.heading(prefix + "I. PHÂN CÔNG KẾT NGHĨA")
	running := fmt.Sprintf("Năm %d có %d phân công đang thực hiện của %d cơ quan, đơn vị kết nghĩa", year, active, countAgencies(td, year))
	if ended > 0 {
		running = fmt.Sprintf("Năm %d có %d phân công của %d cơ quan, đơn vị kết nghĩa: %d phân công còn thực hiện đến cuối năm, %d phân công đã kết thúc trong năm (ghi ngày kết thúc trong bảng)",
			year, active+ended, countAgencies(td, year), active, ended)
	}
	d.para(running + ".")
	vntext.SortFunc(lines, func(l line) string { return l.group + "\x00" + l.commune + "\x00" + l.row[0] })
	for i := 0; i < len(lines); {
		j := i
		var rows [][]string
		for ; j < len(lines) && lines[j].group == lines[i].group; j++ {
			rows = append(rows, lines[j].row)
		}
		d.subheading(lines[i].group)
		d.table(cols([]string{"Xã, thôn được giúp", "Cơ quan, đơn vị kết nghĩa", "Cấp", "Từ ngày", "Đến ngày"}, []float64{30, 40, 10, 14, 14}, "LLCCC"), rows, nil)
		i = j
	}

	d.heading(prefix + "II. HOẠT ĐỘNG GIÚP ĐỠ")
	byAgency, byKind := map[string]*rules.ActivityTotal{}, map[data.ActivityKind]*rules.ActivityTotal{}
	total := rules.ActivityTotal{}
	for _, a := range td.Activities {
		if a.On.Year() != year {
			continue
		}
		if byAgency[a.TwinningUnitID] == nil {
			byAgency[a.TwinningUnitID] = &rules.ActivityTotal{}
		}
		if byKind[a.Kind] == nil {
			byKind[a.Kind] = &rules.ActivityTotal{}
		}
		for _, s := range []*rules.ActivityTotal{byAgency[a.TwinningUnitID], byKind[a.Kind], &total} {
			s.Add(a)
		}
	}
	if total.Count == 0 {
		d.para(fmt.Sprintf("Năm %d chưa ghi nhận hoạt động giúp đỡ nào.", year))
		return
	}
	d.para(fmt.Sprintf("Năm %d các cơ quan, đơn vị kết nghĩa đã thực hiện %d hoạt động, giá trị %s đồng tiền mặt và %s đồng hiện vật.",
		year, total.Count, money(total.CashVND), money(total.InKindVND)))
	var ids []string
	for id := range byAgency {
		ids = append(ids, id)
	}
	names := func(id string) string { return agency[id].Name }
	vntext.SortFunc(ids, names)
	var rows [][]string
	for _, id := range ids {
		s := byAgency[id]
		rows = append(rows, []string{names(id), fmt.Sprint(s.Count), money(s.CashVND), money(s.InKindVND), money(s.ValueVND())})
	}
	rows = append(rows, []string{"Cộng", fmt.Sprint(total.Count), money(total.CashVND), money(total.InKindVND), money(total.ValueVND())})
	d.subheading("Theo cơ quan, đơn vị (đồng)")
	d.table(cols([]string{"Cơ quan, đơn vị", "Số hoạt động", "Tiền mặt", "Hiện vật", "Tổng giá trị"}, []float64{40, 11, 17, 17, 18}, "LRRRR"), rows, map[int]bool{len(rows) - 1: true})
	rows = nil
	for _, k := range data.ActivityKinds {
		if s := byKind[k]; s != nil {
			rows = append(rows, []string{k.Label(), fmt.Sprint(s.Count), money(s.CashVND), money(s.InKindVND), money(s.ValueVND())})
		}
	}
	rows = append(rows, []string{"Cộng", fmt.Sprint(total.Count), money(total.CashVND), money(total.InKindVND), money(total.ValueVND())})
	d.subheading("Theo hình thức (đồng)")
	d.table(cols([]string{"Hình thức", "Số hoạt động", "Tiền mặt", "Hiện vật", "Tổng giá trị"}, []float64{40, 11, 17, 17, 18}, "LRRRR"), rows, map[int]bool{len(rows) - 1: true})
}

func countAgencies(td *data.TwinningData, year int) int {
	seen := map[string]bool{}
	for _, a := range td.Assignments {
		if activeInYear(a, year) {
			seen[a.TwinningUnitID] = true
		}
	}
	return len(seen)
}
