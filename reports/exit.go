package reports

import (
	"fmt"
	"io"
	"strings"

	"ketnghia/data"
	"ketnghia/data/rules"
	"ketnghia/data/vntext"
)

// Exit lists the communes and villages on the especially-difficult list that meet the conditions
// to leave it under a rule set, and for the others what each still lacks.
func Exit(w io.Writer, in Input) error {
	rs, err := exitRuleSet(in)
	if err != nil {
		return err
	}
	return render(w, in.Header, fmt.Sprintf("Báo cáo xã, thôn ra khỏi diện ĐBKK năm %d", in.Year), func(d *doc) error {
		d.pdf.AddPage()
		d.partyHeader(fmt.Sprintf("Xã, thôn đủ điều kiện ra khỏi diện đặc biệt khó khăn năm %d theo %s", in.Year, rules.ShortBasis(rs)))
		d.exitBody(in, rs, "")
		d.signature()
		return nil
	})
}

// exitRuleSet is the rule set chosen, or the one for leaving the list that covers the year, or the
// classification in force.
func exitRuleSet(in Input) (*data.RuleSet, error) {
	x := in.Index
	code := in.RuleSet
	if code == "" {
		if rs := x.RuleSetFor(data.PurposeLeave, in.Year); rs != nil {
			code = rs.Code
		}
	}
	return x.RuleSetForYear(code, in.Year)
}

func (d *doc) exitBody(in Input, rs *data.RuleSet, prefix string) {
	x, year := in.Index, in.Year
	d.noFigures(x, year)
	as, _, err := x.Assess(year, rules.AssessOptions{RuleSet: rs.Code})
	if err != nil {
		d.para(data.Message(err))
		return
	}
	// The units on the list: those a decision classed KV III or ĐBKK for the year.
	var listed []rules.Assessment
	for _, a := range as {
		switch x.RecordedClass(a.UnitID, "", year) {
		case data.KV3, data.DBKK:
			listed = append(listed, a)
		}
	}
	scope := "các xã khu vực III và thôn đặc biệt khó khăn theo quyết định đã ghi nhận cho năm " + fmt.Sprint(year)
	if len(listed) == 0 {
		listed = as
		scope = "mọi xã, thôn (chưa ghi nhận quyết định phân định nào cho năm " + fmt.Sprint(year) + ")"
	}
	var meet, lack, unknown []rules.Assessment
	for _, a := range listed {
		switch {
		case a.Status == rules.StatusInsufficient:
			unknown = append(unknown, a)
		case a.MeetsExit == rules.Yes:
			meet = append(meet, a)
		default:
			lack = append(lack, a)
		}
	}
	d.para(fmt.Sprintf("Đánh giá theo %s (%s) cho %s: %d đơn vị đủ điều kiện ra khỏi diện đặc biệt khó khăn, %d đơn vị chưa đủ, %d đơn vị chưa đủ số liệu để đánh giá.",
		rules.ShortBasis(rs), rs.Name, scope, len(meet), len(lack), len(unknown)))
	if u := rules.UnverifiedSentence(rs); u != "" {
		d.para(u)
	}
	if !x.HasReviews(year) {
		// Nothing can be judged: say so once instead of listing every unit as lacking figures.
		communes := 0
		for _, a := range listed {
			if a.Level == data.LevelCommune {
				communes++
			}
		}
		d.para(fmt.Sprintf("Năm %d chưa có số liệu rà soát nào, nên chưa đánh giá được %d xã và %d thôn. Hãy nhập số liệu rà soát năm %d (màn hình Rà soát hằng năm, hoặc nhập từ Excel) rồi lập lại báo cáo này.",
			year, communes, len(listed)-communes, year))
		return
	}
	// By district (or former district), commune, then the commune's villages, under a heading for
	// each district.
	day := rules.YearEnd(year)
	sorted := func(list []rules.Assessment) ([]placed, []rules.Assessment) {
		units := make([]*data.Unit, 0, len(list))
		byID := map[string]rules.Assessment{}
		for _, a := range list {
			if u := x.Unit(a.UnitID); u != nil {
				units = append(units, u)
				byID[u.ID] = a
			}
		}
		ps := placeAll(x, units, day)
		out := make([]rules.Assessment, len(ps))
		for i, p := range ps {
			out[i] = byID[p.unit.ID]
		}
		return ps, out
	}
	name := func(p placed) string {
		if p.unit.Level == data.LevelVillage && p.commune != p.unit {
			return p.name + ", " + p.commune.Name
		}
		return p.name
	}
	all := func(int) bool { return true }
	d.heading(prefix + "I. ĐỦ ĐIỀU KIỆN RA KHỎI DIỆN ĐẶC BIỆT KHÓ KHĂN")
	if len(meet) == 0 {
		d.para("Không có đơn vị nào.")
	} else {
		ps, meet := sorted(meet)
		rows, heads := grouped(ps, day, all, func(i int) []string {
			a := meet[i]
			// The grounds: for leaving the list, the conditions met; for a classification, the
			// conditions of the difficult class that the unit no longer meets.
			var held []rules.Condition
			for _, c := range a.Conditions {
				switch {
				case rs.Purpose == data.PurposeLeave && c.Met == rules.Yes,
					rs.Purpose != data.PurposeLeave && c.Code == "ntm" && c.Met == rules.Yes,
					rs.Purpose != data.PurposeLeave && c.Code != "ntm" && c.Code != "em_share" && c.Met == rules.No:
					held = append(held, c)
				}
			}
			grounds := rules.ExitGrounds(held)
			if a.Outside != "" {
				grounds = a.Outside
			}
			return []string{name(ps[i]), rules.ResultText(a, rs), grounds}
		})
		d.groupTable(cols([]string{"TT", "Xã, thôn", "Kết quả", "Căn cứ"}, []float64{6, 34, 14, 56}, "CLLL"), rows, nil, heads)
	}
	d.heading(prefix + "II. CHƯA ĐỦ ĐIỀU KIỆN: CÒN THIẾU")
	if len(lack) == 0 {
		d.para("Không có đơn vị nào.")
	} else {
		ps, lack := sorted(lack)
		rows, heads := grouped(ps, day, all, func(i int) []string { return []string{name(ps[i]), strings.Join(lack[i].Lacks, "\n")} })
		d.groupTable(cols([]string{"TT", "Xã, thôn", "Còn thiếu"}, []float64{6, 34, 70}, "CLL"), rows, nil, heads)
	}
	if len(unknown) > 0 {
		d.heading(prefix + "III. CHƯA ĐỦ SỐ LIỆU ĐỂ ĐÁNH GIÁ")
		// The units with no review of the year at all are said in a few lines, by commune; the
		// table is of those whose review lacks some figure.
		var partial []rules.Assessment
		var noCommunes []string
		noVillages := map[string]int{}
		var villageCommunes []string
		for _, a := range unknown {
			switch {
			case x.Review(a.UnitID, year) != nil:
				partial = append(partial, a)
			case a.Level == data.LevelCommune:
				noCommunes = append(noCommunes, a.Name)
			default:
				c := a.Place
				if i := strings.Index(c, ", "); i >= 0 {
					c = c[:i]
				}
				if noVillages[c] == 0 {
					villageCommunes = append(villageCommunes, c)
				}
				noVillages[c]++
			}
		}
		if len(noCommunes) > 0 {
			d.para(fmt.Sprintf("%d xã chưa có số liệu rà soát năm %d: %s.", len(noCommunes), year, strings.Join(noCommunes, ", ")))
		}
		if len(villageCommunes) > 0 {
			vntext.SortFunc(villageCommunes, func(c string) string { return c })
			var parts []string
			n := 0
			for _, c := range villageCommunes {
				parts = append(parts, fmt.Sprintf("%s (%d)", c, noVillages[c]))
				n += noVillages[c]
			}
			d.para(fmt.Sprintf("%d thôn, làng chưa có số liệu rà soát năm %d, theo xã: %s.", n, year, strings.Join(parts, ", ")))
		}
		if len(partial) > 0 {
			ps, partial := sorted(partial)
			rows, heads := grouped(ps, day, all, func(i int) []string { return []string{name(ps[i]), strings.Join(partial[i].Missing, "; ")} })
			d.groupTable(cols([]string{"TT", "Xã, thôn", "Số liệu còn thiếu"}, []float64{6, 34, 70}, "CLL"), rows, nil, heads)
		}
	}
}
