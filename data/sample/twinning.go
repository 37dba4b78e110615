package sample

import (
	"fmt"
	"slices"
	"time"

	"ketnghia/data"
)

// Provincial agencies of the kinds that are twinned with communes. The names are generic public
// bodies; which commune each one helps, and everything it did, is invented.
var provinceAgencies = []struct {
	name string
	kind data.TwinningKind
}{
	{"Văn phòng Tỉnh ủy", data.TwinParty}, {"Ban Tổ chức Tỉnh ủy", data.TwinParty}, {"Ban Tuyên giáo Tỉnh ủy", data.TwinParty},
	{"Ban Dân vận Tỉnh ủy", data.TwinParty}, {"Ủy ban Kiểm tra Tỉnh ủy", data.TwinParty}, {"Ban Nội chính Tỉnh ủy", data.TwinParty},
	{"Đảng ủy Khối các cơ quan tỉnh", data.TwinParty}, {"Trường Chính trị tỉnh", data.TwinParty}, {"Báo Kon Tum", data.TwinParty},
	{"Văn phòng Đoàn ĐBQH và HĐND tỉnh", data.TwinState}, {"Văn phòng UBND tỉnh", data.TwinState},
	{"Sở Kế hoạch và Đầu tư", data.TwinState}, {"Sở Tài chính", data.TwinState}, {"Sở Nông nghiệp và Phát triển nông thôn", data.TwinState},
	{"Sở Giáo dục và Đào tạo", data.TwinState}, {"Sở Y tế", data.TwinState}, {"Sở Xây dựng", data.TwinState},
	{"Sở Giao thông vận tải", data.TwinState}, {"Sở Công Thương", data.TwinState}, {"Sở Lao động - Thương binh và Xã hội", data.TwinState},
	{"Sở Tư pháp", data.TwinState}, {"Sở Nội vụ", data.TwinState}, {"Sở Tài nguyên và Môi trường", data.TwinState},
	{"Sở Văn hóa, Thể thao và Du lịch", data.TwinState}, {"Sở Khoa học và Công nghệ", data.TwinState},
	{"Sở Thông tin và Truyền thông", data.TwinState}, {"Ban Dân tộc tỉnh", data.TwinState}, {"Thanh tra tỉnh", data.TwinState},
	{"Kho bạc Nhà nước tỉnh", data.TwinState}, {"Cục Thuế tỉnh", data.TwinState}, {"Bảo hiểm xã hội tỉnh", data.TwinState},
	{"Đài Phát thanh - Truyền hình tỉnh", data.TwinState}, {"Ngân hàng Chính sách xã hội chi nhánh tỉnh", data.TwinState},
	{"Ủy ban MTTQ Việt Nam tỉnh", data.TwinMass}, {"Hội Liên hiệp Phụ nữ tỉnh", data.TwinMass}, {"Tỉnh đoàn", data.TwinMass},
	{"Hội Nông dân tỉnh", data.TwinMass}, {"Hội Cựu chiến binh tỉnh", data.TwinMass}, {"Liên đoàn Lao động tỉnh", data.TwinMass},
	{"Bộ Chỉ huy Quân sự tỉnh", data.TwinArmed}, {"Công an tỉnh", data.TwinArmed}, {"Bộ Chỉ huy Bộ đội Biên phòng tỉnh", data.TwinArmed},
	{"Công ty Điện lực Kon Tum", data.TwinEnterprise}, {"Agribank chi nhánh tỉnh Kon Tum", data.TwinEnterprise},
	{"Viettel Kon Tum", data.TwinEnterprise},
}

var districtAgencies = []string{"Ban Tuyên giáo Huyện ủy", "Phòng Nông nghiệp và PTNT", "Huyện đoàn"}

var givenNames = []string{"Nguyễn Văn Hùng", "Trần Thị Hoa", "Lê Văn Minh", "Y Thị Ngọc", "A Sang", "Phạm Văn Tâm", "Võ Thị Lan",
	"Hoàng Văn Bình", "Y Nhung", "A Tuấn", "Đặng Thị Thu", "Bùi Văn Quang", "Nguyễn Thị Hằng", "A Khoa", "Y Hiên"}

func (g *gen) person() string { return givenNames[g.rng.IntN(len(givenNames))] }

func (g *gen) phone() string {
	return fmt.Sprintf("0%d %03d %04d", g.between(90, 98)*10+g.between(0, 9)/10, g.between(100, 999), g.between(0, 9999))
}

// konTumTwinning writes the agencies, their assignments (with a re-assignment in 2021 and the
// hand-over to the new communes in 2025) and their activities.
func (g *gen) konTumTwinning(models []*communeModel, districts map[string]*data.Unit, newOf map[string]*data.Unit, mangDen *data.Unit) error {
	var prov []*data.TwinningUnit
	for _, a := range provinceAgencies {
		t := &data.TwinningUnit{Name: a.name, Level: data.TwinProvince, Kind: a.kind, Head: g.person(), Contact: g.person(), Phone: g.phone(),
			Note: "Phân công và hoạt động là giả định (dữ liệu mẫu)"}
		t.ID, t.Sample = g.id(), true
		if err := g.add(t); err != nil {
			return err
		}
		prov = append(prov, t)
	}
	var kv3 []*communeModel
	for _, m := range models {
		if m.class == data.KV3 {
			kv3 = append(kv3, m)
		}
	}
	type running struct {
		a     *data.Assignment
		agent *data.TwinningUnit
	}
	var all []running
	start := data.D(2016, 9, 1)
	for i, m := range kv3 {
		agent := prov[i%len(prov)]
		a := &data.Assignment{TwinningUnitID: agent.ID, UnitID: m.unit.ID, Start: start, End: mergeDay.AddDays(-1),
			Note: "Phân công theo NQ 04-NQ/TU (giả định)"}
		if i%6 == 5 { // re-assigned from 2021: the first agency's work ends, another takes over
			a.End = data.D(2020, 12, 31)
			next := prov[(i+17)%len(prov)]
			b := &data.Assignment{TwinningUnitID: next.ID, UnitID: m.unit.ID, Start: data.D(2021, 1, 1), End: mergeDay.AddDays(-1),
				Note: "Phân công lại năm 2021 (giả định)"}
			all = append(all, running{a, agent}, running{b, next})
			continue
		}
		all = append(all, running{a, agent})
	}
	// From 1/7/2025 each agency goes on with the new commune that took in its old one.
	seen := map[string]bool{}
	for _, r := range slices.Clone(all) {
		if r.a.End != mergeDay.AddDays(-1) {
			continue
		}
		var code string
		for _, m := range kv3 {
			if m.unit.ID == r.a.UnitID {
				code = m.unit.Code
			}
		}
		nu := newOf[code]
		if seen[r.agent.ID+nu.ID] {
			continue
		}
		seen[r.agent.ID+nu.ID] = true
		all = append(all, running{&data.Assignment{TwinningUnitID: r.agent.ID, UnitID: nu.ID, Start: mergeDay,
			Note: "Tiếp tục kết nghĩa với xã mới sau sắp xếp (giả định)"}, r.agent})
	}
	// District agencies help two especially difficult villages each in their district.
	for _, code := range []string{"610", "613", "616", "617", "618"} {
		d := districts[code]
		var cands []*villageModel
		for _, m := range models {
			if m.unit.ParentID == d.ID && m.class == data.KV3 {
				cands = append(cands, m.villages...)
			}
		}
		for j, name := range districtAgencies {
			t := &data.TwinningUnit{Name: name + " " + shortName(d.Name), Level: data.TwinDistrict, Kind: []data.TwinningKind{data.TwinParty, data.TwinState, data.TwinMass}[j],
				Head: g.person(), Contact: g.person(), Phone: g.phone(), DistrictID: d.ID, Note: "Phân công và hoạt động là giả định (dữ liệu mẫu)"}
			t.ID, t.Sample = g.id(), true
			if err := g.add(t); err != nil {
				return err
			}
			for k := 0; k < 2 && len(cands) > 0; k++ {
				v := cands[g.rng.IntN(len(cands))]
				all = append(all, running{&data.Assignment{TwinningUnitID: t.ID, UnitID: v.unit.ID, Start: data.D(2017, 1, 1),
					Note: "Giúp đỡ thôn, làng ĐBKK (giả định)"}, t})
			}
		}
	}
	for _, r := range all {
		r.a.ID, r.a.Sample = g.id(), true
		if err := g.add(r.a); err != nil {
			return err
		}
		if err := g.activities(r.a); err != nil {
			return err
		}
	}
	return nil
}

// activities writes two to four things an agency did each year of an assignment.
func (g *gen) activities(a *data.Assignment) error {
	end := a.End
	if end.IsZero() {
		end = data.D(LastYear, 12, 31)
	}
	for y := a.Start.Year(); y <= end.Year(); y++ {
		plan := []data.ActivityKind{data.ActGift, data.ActVisit}
		extra := []data.ActivityKind{data.ActTraining, data.ActEconomy, data.ActInfrastructure, data.ActRelief}
		for i := g.between(0, 2); i > 0; i-- {
			plan = append(plan, extra[g.rng.IntN(len(extra))])
		}
		for _, k := range plan {
			on := data.D(y, time.Month([]int{1, 1, 2, 4, 6, 8, 9, 10, 11}[g.rng.IntN(9)]), 1+g.rng.IntN(27))
			if k == data.ActGift {
				on = data.D(y, 1, 15+g.rng.IntN(14))
			}
			if on.Before(a.Start) || end.Before(on) {
				continue
			}
			act := &data.Activity{TwinningUnitID: a.TwinningUnitID, UnitID: a.UnitID, On: on, Kind: k}
			switch k {
			case data.ActGift:
				act.Description, act.CashVND, act.InKindVND = "Thăm, tặng quà Tết cho hộ nghèo", int64(g.between(5, 30))*1_000_000, int64(g.between(2, 20))*1_000_000
			case data.ActVisit:
				act.Description = "Làm việc với cấp ủy, chính quyền, nắm tình hình"
			case data.ActTraining:
				act.Description, act.CashVND = "Tập huấn kỹ thuật trồng trọt, chăn nuôi", int64(g.between(5, 25))*1_000_000
			case data.ActEconomy:
				act.Description, act.InKindVND = "Hỗ trợ bò giống, cây giống cho hộ nghèo", int64(g.between(20, 150))*1_000_000
			case data.ActInfrastructure:
				act.Description, act.CashVND = "Hỗ trợ làm đường bê tông nội thôn, nhà văn hóa", int64(g.between(50, 400))*1_000_000
			case data.ActRelief:
				act.Description, act.CashVND, act.InKindVND = "Hỗ trợ khắc phục thiệt hại do mưa lũ", int64(g.between(10, 60))*1_000_000, int64(g.between(5, 30))*1_000_000
			}
			act.Description += " (giả định)"
			act.ID, act.Sample = g.id(), true
			if err := g.add(act); err != nil {
				return err
			}
		}
	}
	return nil
}
