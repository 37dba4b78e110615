package reports

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"ketnghia/data"
	"ketnghia/data/rules"
	"ketnghia/data/vntext"
)

// Commune is one commune's profile for a year: the unit and its history, its yearly figures and
// rates, its villages, the agencies twinned with it and what they did, and its assessment under
// the rule set in force, with what it still lacks.
func Commune(w io.Writer, in Input) error {
	u, err := communeByCode(in.Index, in.UnitCode, in.Year)
	if err != nil {
		return err
	}
	return render(w, in.Header, fmt.Sprintf("Hồ sơ %s năm %d", u.Name, in.Year), func(d *doc) error {
		d.pdf.AddPage()
		d.partyHeader(fmt.Sprintf("Tình hình %s, %s năm %d", u.Name, in.Index.Place(u, rules.YearEnd(in.Year)), in.Year))
		d.noFigures(in.Index, in.Year)
		d.signs = true
		d.communeBody(in, u)
		d.signature()
		return nil
	})
}

// Communes is every commune's profile in one file, each from a new page, with a bookmark per
// district and commune.
func Communes(w io.Writer, in Input) error {
	communes := CommunesOfYear(in.Index, in.Year)
	of := ""
	if in.UnitCode != "" {
		area, err := areaByCode(in.Index, in.UnitCode)
		if err != nil {
			return err
		}
		communes = slices.DeleteFunc(communes, func(c *data.Unit) bool { return !within(in.Index, c, area, rules.UnitDay(c, in.Year)) })
		of = " " + areaName(area)
	}
	words := communeWords(communes)
	return render(w, in.Header, fmt.Sprintf("Hồ sơ các xã%s năm %d", of, in.Year), func(d *doc) error {
		d.pdf.AddPage()
		d.partyHeader(fmt.Sprintf("Hồ sơ các %s%s năm %d", words, of, in.Year))
		d.noFigures(in.Index, in.Year)
		order := "xếp theo huyện và theo thứ tự chữ cái"
		if len(in.Index.UnitsAt(data.LevelDistrict, in.Index.DistrictDate(in.Year))) == 0 {
			order = "xếp theo địa bàn huyện cũ (cấp huyện kết thúc hoạt động từ 01/7/2025) và theo thứ tự chữ cái"
		}
		d.para(fmt.Sprintf("Tập hồ sơ gồm %d %s%s có trong năm %d, mỗi đơn vị bắt đầu từ một trang mới, %s.", len(communes), words, of, in.Year, order))
		group := ""
		for i, c := range communes {
			d.endPart()
			d.signs = i == len(communes)-1
			d.pdf.AddPage()
			if g := in.Index.Place(c, rules.UnitDay(c, in.Year)); g != group {
				group = g
				d.pdf.Bookmark(t(g), 0, -1)
			}
			d.pdf.Bookmark(t(c.Name), 1, -1)
			d.font("B", 14)
			d.pdf.MultiCell(textW, lineH(14), t(strings.ToUpper(c.Name)), "", "C", false)
			d.font("I", 12)
			d.pdf.MultiCell(textW, lineH(12), t(in.Index.Place(c, rules.UnitDay(c, in.Year))), "", "C", false)
			d.pdf.Ln(2)
			d.startPart()
			d.communeBody(in, c)
		}
		d.signature()
		return nil
	})
}

// CommunesOfYear are the communes that existed at some time in year, grouped by where they lay and
// in Vietnamese order (in 2025 the old communes up to 30/6 and the new ones after); communes of no
// district are grouped by their former district.
func CommunesOfYear(x *rules.Index, year int) []*data.Unit {
	seen := map[string]bool{}
	var out []*data.Unit
	for _, day := range []data.Date{x.DistrictDate(year), rules.YearEnd(year)} {
		for _, dist := range x.UnitsAt(data.LevelDistrict, day) {
			for _, c := range x.ChildrenAt(dist.ID, day) {
				if c.Level == data.LevelCommune && !seen[c.ID] {
					seen[c.ID] = true
					out = append(out, c)
				}
			}
		}
		for _, p := range x.UnitsAt(data.LevelProvince, day) {
			var cs []*data.Unit
			for _, c := range x.ChildrenAt(p.ID, day) {
				if c.Level == data.LevelCommune && !seen[c.ID] {
					seen[c.ID] = true
					cs = append(cs, c)
				}
			}
			area := func(c *data.Unit) []byte {
				if a := x.Area(c, day); a != nil {
					return a.SortKey()
				}
				return nil
			}
			slices.SortStableFunc(cs, func(a, b *data.Unit) int { return bytes.Compare(area(a), area(b)) })
			out = append(out, cs...)
		}
	}
	return out
}

// areaByCode is the province or district of an official code (the latest of that code).
func areaByCode(x *rules.Index, code string) (*data.Unit, error) {
	var found *data.Unit
	for i := range x.DS.Units {
		u := &x.DS.Units[i]
		if u.Code == code && (u.Level == data.LevelProvince || u.Level == data.LevelDistrict) {
			if found == nil || found.OpenedOn.Before(u.OpenedOn) {
				found = u
			}
		}
	}
	if found == nil {
		return nil, &data.Error{Kind: data.KindNotFound, Field: "unit", Msg: fmt.Sprintf("Không có tỉnh, huyện nào mang mã %q. Tập hồ sơ các xã nhận mã tỉnh (2 chữ số) hoặc mã huyện (3 chữ số); hồ sơ một xã là báo cáo commune.", code)}
	}
	return found, nil
}

// areaName is a province's or district's name as a title ends with it, "tỉnh Kon Tum" (with "cũ"
// once it is gone).
func areaName(a *data.Unit) string {
	name := vntext.LowerFirst(a.Name)
	if !a.ClosedOn.IsZero() {
		name += " cũ"
	}
	return name
}

// within reports whether u lay within area on day: under it, or, once districts are gone, in a
// former district that is the area or lay under it.
func within(x *rules.Index, u, area *data.Unit, day data.Date) bool {
	under := func(u *data.Unit, day data.Date) bool {
		for p := x.ParentAt(u, day); p != nil; p = x.ParentAt(p, day) {
			if p.ID == area.ID {
				return true
			}
		}
		return false
	}
	if under(u, day) {
		return true
	}
	a := x.Area(u, day)
	if a == nil || a.OpenAt(day) {
		return false
	}
	return a.ID == area.ID || under(a, a.ClosedOn.AddDays(-1))
}

// communeWords names the kinds of commune-level units a list holds: "xã, phường, thị trấn" while
// towns existed, "xã, phường" after the 2025 reform made none.
func communeWords(communes []*data.Unit) string {
	has := map[string]bool{}
	for _, c := range communes {
		has[c.Kind] = true
	}
	words := []string{"xã"}
	for _, k := range []string{"Phường", "Thị trấn"} {
		if has[k] {
			words = append(words, vntext.LowerFirst(k))
		}
	}
	return strings.Join(words, ", ")
}

// upTo is a year recorded on a unit as a report of year may show it: a later year is not known yet.
func upTo(y *int, year int, none string) string {
	if y == nil || *y > year {
		return none
	}
	return fmt.Sprint(*y)
}

// communeByCode finds the commune with a code, open in year if one is.
func communeByCode(x *rules.Index, code string, year int) (*data.Unit, error) {
	// A code passes from a commune to the one it became (23332: Xã Chư Hreng, then from 1/7/2025
	// Xã Đăk Rơ Wa): the one of the end of the year, else of its start, else any.
	var found *data.Unit
	rank := func(u *data.Unit) int {
		switch {
		case u.OpenAt(rules.YearEnd(year)):
			return 2
		case u.OpenAt(data.D(year, 1, 1)):
			return 1
		}
		return 0
	}
	for i := range x.DS.Units {
		u := &x.DS.Units[i]
		if u.Level == data.LevelCommune && u.Code == code && (found == nil || rank(u) > rank(found)) {
			found = u
		}
	}
	if found == nil {
		return nil, &data.Error{Kind: data.KindNotFound, Field: "unit", Msg: fmt.Sprintf("Không có xã, phường, thị trấn nào mang mã %q. Hãy xem mã (5 chữ số) trong danh sách xã của chương trình.", code)}
	}
	return found, nil
}

func yesNo(b bool) string {
	if b {
		return "Có"
	}
	return "Không"
}

func count(n *int) string {
	if n == nil {
		return "—"
	}
	return vntext.FormatInt(int64(*n))
}

func money(n int64) string { return vntext.FormatInt(n) }

func (d *doc) communeBody(in Input, u *data.Unit) {
	x, year := in.Index, in.Year
	day := rules.UnitDay(u, year)
	d.heading("1. Đơn vị hành chính")
	info := [][]string{
		{"Tên, mã", fmt.Sprintf("%s, mã %s", u.Name, u.Code)},
		{"Thuộc", x.Place(u, day)},
	}
	if !u.OpenedOn.IsZero() {
		info = append(info, []string{"Thành lập", u.OpenedOn.String()})
	}
	if !u.ClosedOn.IsZero() && !rules.YearEnd(year).Before(u.ClosedOn) {
		var succ []string
		for _, s := range x.Successors(u.ID) {
			succ = append(succ, s.Name)
		}
		info = append(info, []string{"Kết thúc hoạt động", u.ClosedOn.String() + " (nay là " + strings.Join(succ, ", ") + ")"})
	}
	class := x.RecordedClass(u.ID, "", year)
	classText := "chưa ghi nhận"
	if class != "" {
		classText = class.Label()
	}
	info = append(info,
		[]string{fmt.Sprintf("Khu vực năm %d (theo quyết định)", year), classText},
		[]string{"Xã trọng điểm ĐBKK", yesNo(u.KeyDBKK)},
		[]string{"Năm ra khỏi diện ĐBKK", upTo(u.LeftDBKKYear, year, "chưa")},
		[]string{"Năm đạt chuẩn nông thôn mới", upTo(u.NTMYear, year, "chưa")},
		[]string{fmt.Sprintf("Bộ tiêu chí quốc gia về y tế xã năm %d", year), x.HealthText(u, year)})
	d.table(cols([]string{"Nội dung", "Thông tin"}, []float64{40, 60}, "LL"), info, nil)

	p := x.Profile(u, year, in.Twinning)
	d.heading("2. Số liệu rà soát qua các năm")
	var rows [][]string
	for _, py := range p.Years {
		c := py.Counts
		rows = append(rows, []string{fmt.Sprint(py.Year), count(c.Households), count(c.EMHouseholds), count(c.Poor),
			rules.PercentBeside(c.PovertyRate()), count(c.NearPoor), rules.PercentBeside(c.NearPovertyRate())})
	}
	if len(rows) == 0 {
		d.para("Chưa có số liệu rà soát của xã.")
	} else {
		d.table(cols([]string{"Năm", "Số hộ", "Hộ DTTS", "Hộ nghèo", "Tỷ lệ hộ nghèo", "Hộ cận nghèo", "Tỷ lệ hộ cận nghèo"},
			[]float64{10, 14, 14, 14, 16, 14, 18}, "CRRRRRR"), rows, nil)
	}

	d.heading(fmt.Sprintf("3. Thôn, làng (năm %d)", year))
	rows = nil
	for _, pv := range p.Villages {
		v, r := pv.Unit, pv.Review
		cell, grid, road := "—", "—", "—"
		if r != nil {
			if r.PartyCell != nil {
				cell = yesNo(*r.PartyCell)
			}
			grid = rules.PercentBeside(rules.CountsOf(r).GridShare(), 100)
			if r.RoadAllYear != nil {
				road = yesNo(*r.RoadAllYear)
			}
		}
		rows = append(rows, []string{v.Name, yesNo(v.EthnicMinority), cell, grid, road, upTo(v.NTMYear, year, "chưa"), v.Pilot.Label()})
	}
	if len(rows) == 0 {
		d.para("Xã chưa có danh sách thôn, làng.")
	} else {
		d.table(cols([]string{"Thôn, làng", "Thôn DTTS", "Chi bộ", "Hộ có điện lưới", "Đường quanh năm", "Đạt chuẩn NTM", "Chọn điểm"},
			[]float64{30, 12, 11, 15, 14, 13, 15}, "LCCRCCL"), rows, nil)
	}

	d.heading("4. Cơ quan, đơn vị kết nghĩa")
	d.twinningOf(p)

	// The last part, planned before it is drawn so that the profile's last page holds enough of it.
	end := []ending{{kind: 'h', text: fmt.Sprintf("5. Phân định năm %d", year)}}
	defer func() { d.closing(end) }()
	a := p.Assessment
	if p.AssessErr != nil {
		end = append(end, ending{'p', data.Message(p.AssessErr)})
		return
	}
	rs := x.RuleSet(a.RuleSet)
	if p.Unreviewed {
		end = append(end, ending{'p', fmt.Sprintf("Theo %s: chưa phân định được vì năm %d xã chưa có số liệu rà soát.", rules.ShortBasis(rs), year)})
		if r := rules.RecordedText(a); r != "" {
			end = append(end, ending{'p', r})
		}
		return
	}
	end = append(end, ending{'p', fmt.Sprintf("Theo %s, kết quả tính từ số liệu: %s.", rules.ShortBasis(rs), vntext.LowerFirst(rules.ResultText(a, rs)))})
	if r := rules.RecordedText(a); r != "" {
		end = append(end, ending{'p', r})
	}
	for _, c := range a.Conditions {
		end = append(end, ending{'b', c.Text})
	}
	if len(a.Lacks) > 0 {
		end = append(end, ending{'s', "Còn thiếu:"})
		for _, l := range a.Lacks {
			end = append(end, ending{'b', l})
		}
	}
}

// twinningOf lists the agencies twinned with a commune or its villages and their activities of the
// year, with totals.
func (d *doc) twinningOf(p rules.Profile) {
	year := p.Year
	if !p.Twinned {
		d.para("Không có số liệu kết nghĩa trong báo cáo này.")
		return
	}
	var rows [][]string
	for _, a := range p.Assignments {
		rows = append(rows, []string{a.Agency, a.Helped, a.Start.String(), endText(a.Assignment, year)})
	}
	if len(rows) == 0 {
		d.para(fmt.Sprintf("Năm %d chưa có cơ quan, đơn vị nào được phân công giúp xã.", year))
	} else {
		d.table(cols([]string{"Cơ quan, đơn vị", "Giúp", "Từ ngày", "Đến ngày"}, []float64{50, 28, 16, 16}, "LLCC"), rows, nil)
	}
	rows = nil
	for _, a := range p.Activities {
		rows = append(rows, []string{a.On.String(), p.Agencies[a.TwinningUnitID], a.Kind.Label(), a.Description, money(a.CashVND), money(a.InKindVND)})
	}
	if len(rows) == 0 {
		d.para(fmt.Sprintf("Năm %d chưa ghi nhận hoạt động giúp đỡ nào.", year))
		return
	}
	total := p.Total
	rows = append(rows, []string{"", "Cộng", "", fmt.Sprintf("%d hoạt động", total.Count), money(total.CashVND), money(total.InKindVND)})
	d.subheading(fmt.Sprintf("Hoạt động giúp đỡ năm %d (đồng)", year))
	d.table(cols([]string{"Ngày", "Cơ quan, đơn vị", "Hình thức", "Nội dung", "Tiền mặt", "Hiện vật"}, []float64{12, 24, 13, 23, 14, 14}, "CLLLRR"), rows, map[int]bool{len(rows) - 1: true})
}
