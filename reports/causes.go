package reports

import (
	"fmt"
	"io"
	"strings"

	"ketnghia/data"
	"ketnghia/data/rules"
	"ketnghia/data/vntext"
)

// Causes reports a year's poor households by cause of poverty (the directive: "phân loại hộ nghèo
// theo từng nhóm nguyên nhân để có giải pháp hỗ trợ phù hợp"): the province's, each district's (or
// former district's) and each commune's, each cause with its households, its share of the poor and
// the change from the year before; then the communes where one cause holds half the poor or more.
func Causes(w io.Writer, in Input) error {
	x, year := in.Index, in.Year
	groups := x.DS.CauseGroups
	return render(w, in.Header, fmt.Sprintf("Báo cáo hộ nghèo theo nhóm nguyên nhân năm %d", year), func(d *doc) error {
		d.pdf.AddPage()
		d.partyHeader(fmt.Sprintf("Hộ nghèo phân theo nhóm nguyên nhân nghèo năm %d", year))
		d.noFigures(x, year)
		districts, day, former := x.Districts(year)
		communes := x.CommunesOf("", year)
		all := x.SumCauses(communes, year, false)
		before := x.SumCauses(communes, year, true)
		if !all.Known {
			d.para(fmt.Sprintf("Năm %d chưa có xã, thôn nào phân loại hộ nghèo theo nguyên nhân. Hãy nhập số hộ nghèo theo từng nhóm nguyên nhân ở màn hình Rà soát hằng năm hoặc bằng mẫu Excel, rồi lập lại báo cáo.", year))
			d.signature()
			return nil
		}
		intro := fmt.Sprintf("Năm %d, %d xã có %s hộ nghèo", year, len(communes), count(all.Poor))
		if u := all.Unclassified(); u != nil && *u > 0 {
			intro += fmt.Sprintf(", trong đó %s hộ đã được phân loại theo nguyên nhân, còn %s hộ chưa phân loại", vntext.FormatInt(int64(all.Classified())), count(u))
		} else {
			intro += ", tất cả đã được phân loại theo nguyên nhân"
		}
		if r := all.Ranked(groups); len(r) > 0 {
			intro += fmt.Sprintf("; nhóm nguyên nhân nhiều hộ nhất là %s (%s hộ, %s số hộ nghèo)",
				vntext.LowerFirst(r[0].Group.Name), vntext.FormatInt(int64(r[0].Households)), rules.PercentBeside(all.Share(r[0].Group.Code)))
		}
		d.para(intro + ". Mỗi hộ được tính vào một nhóm nguyên nhân chính; tỷ lệ tính trên tổng số hộ nghèo.")

		d.heading("I. TOÀN TỈNH")
		d.causeTable(all, before, groups, year)

		where := "HUYỆN"
		if former {
			where = "ĐỊA BÀN HUYỆN CŨ (TỪ 01/7/2025 KHÔNG CÒN CẤP HUYỆN)"
		}
		d.heading("II. THEO " + where)
		for _, dist := range districts {
			cs := x.CommunesOf(dist.ID, year)
			name := dist.Name
			if former {
				name = "Địa bàn " + vntext.LowerFirst(dist.Name) + " cũ"
			}
			c := x.SumCauses(cs, year, false)
			d.subheading(fmt.Sprintf("%s: %s hộ nghèo", name, count(c.Poor)))
			if !c.Known {
				d.para("Chưa có xã, thôn nào phân loại hộ nghèo theo nguyên nhân.")
				continue
			}
			d.causeTable(c, x.SumCauses(cs, year, true), groups, year)
		}

		d.heading("III. THEO XÃ")
		var rows [][]string
		var dominant [][]string
		for _, c := range communes {
			cc := x.UnitCauses(c, year)
			prev := x.PreviousCauses(c, year)
			change := "—"
			if cc.Poor != nil && prev.Poor != nil {
				change = signed(*cc.Poor - *prev.Poor)
			}
			main := "chưa phân loại"
			if cc.Known {
				var parts []string
				for i, r := range cc.Ranked(groups) {
					if i == 3 {
						break
					}
					parts = append(parts, fmt.Sprintf("%s %s (%s)", r.Group.Name, vntext.FormatInt(int64(r.Households)), rules.PercentBeside(cc.Share(r.Group.Code))))
				}
				main = strings.Join(parts, "; ")
				if u := cc.Unclassified(); u != nil && *u > 0 {
					main += fmt.Sprintf("; chưa phân loại %s", count(u))
				}
			}
			rows = append(rows, []string{fmt.Sprint(len(rows) + 1), c.Name, x.Place(c, day), count(cc.Poor), change, main})
			if r, ok := cc.Dominant(groups); ok {
				dominant = append(dominant, []string{fmt.Sprint(len(dominant) + 1), c.Name, x.Place(c, day), r.Group.Name,
					vntext.FormatInt(int64(r.Households)) + "/" + count(cc.Poor), rules.PercentBeside(cc.Share(r.Group.Code), 50)})
			}
		}
		d.table(cols([]string{"TT", "Xã", "Thuộc", "Hộ nghèo", fmt.Sprintf("So với %d", year-1), "Nguyên nhân chính (số hộ, tỷ lệ)"}, []float64{7, 18, 22, 11, 11, 51}, "CLLRRL"), rows, nil)

		d.heading("IV. XÃ CÓ MỘT NGUYÊN NHÂN CHIẾM TỪ MỘT NỬA SỐ HỘ NGHÈO")
		if len(dominant) == 0 {
			d.para("Không có xã nào.")
		} else {
			d.para("Ở các xã này một nhóm nguyên nhân chiếm từ 50% số hộ nghèo trở lên: giải pháp hỗ trợ cho nhóm đó cần được ưu tiên.")
			d.table(cols([]string{"TT", "Xã", "Thuộc", "Nguyên nhân", "Số hộ", "Tỷ lệ"}, []float64{7, 20, 26, 29, 10, 10}, "CLLLRR"), dominant, nil)
		}
		d.signature()
		return nil
	})
}

// causeTable writes one table of causes: each group with households, share of the poor, the year
// before and the change, the largest first, then the poor not classified and the total.
func (d *doc) causeTable(c, before rules.Causes, groups []data.CauseGroup, year int) {
	var rows [][]string
	prev := func(code string) (string, string) {
		if !before.Known {
			return "—", "—"
		}
		n := before.ByCause[code]
		return vntext.FormatInt(int64(n)), signed(c.ByCause[code] - n)
	}
	ranked := c.Ranked(groups)
	shown := map[string]bool{}
	for _, r := range ranked {
		shown[r.Group.Code] = true
		p, ch := prev(r.Group.Code)
		rows = append(rows, []string{fmt.Sprint(len(rows) + 1), r.Group.Name, vntext.FormatInt(int64(r.Households)), rules.PercentBeside(c.Share(r.Group.Code)), p, ch})
	}
	// A cause gone since the year before still shows, with its fall.
	for _, r := range before.Ranked(groups) {
		if !shown[r.Group.Code] {
			p, ch := prev(r.Group.Code)
			rows = append(rows, []string{fmt.Sprint(len(rows) + 1), r.Group.Name, "0", rules.PercentBeside(c.Share(r.Group.Code)), p, ch})
		}
	}
	bold := map[int]bool{}
	if u := c.Unclassified(); u != nil && *u > 0 {
		var pu, chu string = "—", "—"
		if b := before.Unclassified(); b != nil && before.Known {
			pu, chu = count(b), signed(*u-*b)
		}
		rows = append(rows, []string{"", "Chưa phân loại nguyên nhân", count(u), rules.PercentBeside(rules.Rate(u, c.Poor)), pu, chu})
	}
	pt, cht := count(before.Poor), "—"
	if c.Poor != nil && before.Poor != nil {
		cht = signed(*c.Poor - *before.Poor)
	}
	bold[len(rows)] = true
	rows = append(rows, []string{"", "Tổng số hộ nghèo", count(c.Poor), "100%", pt, cht})
	d.table(cols([]string{"TT", "Nhóm nguyên nhân", fmt.Sprintf("Số hộ %d", year), "Tỷ lệ", fmt.Sprintf("Số hộ %d", year-1), "Tăng (+), giảm (−)"}, []float64{7, 43, 13, 11, 13, 13}, "CLRRRR"), rows, bold)
}

// signed writes a change with its sign: +3, −2 (a true minus sign), 0.
func signed(n int) string {
	switch {
	case n > 0:
		return "+" + vntext.FormatInt(int64(n))
	case n < 0:
		return "−" + vntext.FormatInt(int64(-n))
	}
	return "0"
}
