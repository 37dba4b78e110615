package reports

import (
	"fmt"
	"io"
	"strings"

	"ketnghia/data"
	"ketnghia/data/rules"
)

// Villages lists the villages without a Party cell (chi bộ), those where not every household is on
// the national grid, and the ethnic-minority villages not yet recognised as new-rural villages with
// the criteria they still miss.
func Villages(w io.Writer, in Input) error {
	x, year := in.Index, in.Year
	return render(w, in.Header, fmt.Sprintf("Báo cáo thôn, làng năm %d", year), func(d *doc) error {
		d.pdf.AddPage()
		d.partyHeader(fmt.Sprintf("Thôn, làng chưa có chi bộ, chưa có điện lưới quốc gia, chưa đạt chuẩn nông thôn mới năm %d", year))
		d.noFigures(x, year)
		day := rules.YearEnd(year)
		villages := x.UnitsAt(data.LevelVillage, day)
		// By district (or former district), commune, village: each list's rows are kept by index.
		ps := placeAll(x, villages, day)
		var noCell, cellUnknown, grid, ntm []int
		gridUnknown := 0
		gridText := map[int][]string{}
		ntmText := map[int]string{}
		for i, p := range ps {
			v := p.unit
			r := x.Review(v.ID, year)
			switch {
			case r == nil || r.PartyCell == nil:
				cellUnknown = append(cellUnknown, i)
			case !*r.PartyCell:
				noCell = append(noCell, i)
			}
			if c := rules.CountsOf(r); c.Households == nil || c.GridHouseholds == nil {
				gridUnknown++
			} else if *c.GridHouseholds < *c.Households {
				off := *c.Households - *c.GridHouseholds
				grid = append(grid, i)
				gridText[i] = []string{fmt.Sprintf("%s / %s hộ", count(&off), count(c.Households)), rules.PercentBeside(c.GridShare(), 100)}
			}
			if v.EthnicMinority && !rules.NTMRecognised(v, year) {
				st := x.VillageNTM(v, year)
				status := "chưa đánh giá theo bộ tiêu chí"
				if st.Assessed {
					status = fmt.Sprintf("đạt %d/%d tiêu chí", st.Met, st.Total)
					if names := st.UnmetNames(); len(names) > 0 {
						status += "; chưa đạt: " + strings.Join(names, "; ")
					}
				}
				ntm = append(ntm, i)
				ntmText[i] = status
			}
		}
		of := func(list []int) func(int) bool {
			set := make(map[int]bool, len(list))
			for _, i := range list {
				set[i] = true
			}
			return func(i int) bool { return set[i] }
		}
		commune := func(i int) string { return ps[i].commune.Name }
		// A figure nobody entered is never counted as "none": each list says how many villages it
		// could not judge.
		known := func(n, unknown int) string {
			if unknown == 0 {
				return fmt.Sprint(n)
			}
			if unknown == len(villages) {
				return "chưa biết bao nhiêu"
			}
			return fmt.Sprintf("ít nhất %d", n)
		}
		d.para(fmt.Sprintf("Cuối năm %d, cơ sở dữ liệu có %d thôn, làng: %s thôn chưa có chi bộ (%d thôn chưa có số liệu về chi bộ năm %d), %s thôn còn hộ chưa dùng điện lưới quốc gia (%d thôn chưa có số liệu về điện lưới), %d thôn, làng vùng đồng bào DTTS chưa đạt chuẩn nông thôn mới.",
			year, len(villages), known(len(noCell), len(cellUnknown)), len(cellUnknown), year, known(len(grid), gridUnknown), gridUnknown, len(ntm)))
		none := func(unknown int, what string) {
			switch {
			case unknown == len(villages) && unknown > 0:
				d.para(fmt.Sprintf("Chưa biết: năm %d chưa thôn, làng nào có số liệu về %s. Hãy nhập ở màn hình Rà soát hằng năm (mức Thôn, làng) rồi lập lại báo cáo.", year, what))
			case unknown > 0:
				d.para(fmt.Sprintf("Không có thôn, làng nào trong số đã có số liệu; còn %d thôn, làng chưa có số liệu về %s năm %d.", unknown, what, year))
			default:
				d.para("Không có thôn, làng nào.")
			}
		}
		d.heading("I. THÔN, LÀNG CHƯA CÓ CHI BỘ")
		if len(noCell) == 0 {
			none(len(cellUnknown), "chi bộ")
		} else {
			rows, heads := grouped(ps, day, of(noCell), func(i int) []string { return []string{ps[i].name, commune(i)} })
			d.groupTable(cols([]string{"TT", "Thôn, làng", "Xã, phường"}, []float64{6, 52, 52}, "CLL"), rows, nil, heads)
			if len(cellUnknown) > 0 {
				d.para(fmt.Sprintf("Ngoài ra còn %d thôn, làng chưa có số liệu về chi bộ năm %d.", len(cellUnknown), year))
			}
		}
		d.heading("II. THÔN, LÀNG CÒN HỘ CHƯA DÙNG ĐIỆN LƯỚI QUỐC GIA")
		if len(grid) == 0 {
			none(gridUnknown, "điện lưới")
		} else {
			rows, heads := grouped(ps, day, of(grid), func(i int) []string { return append([]string{ps[i].name, commune(i)}, gridText[i]...) })
			d.groupTable(cols([]string{"TT", "Thôn, làng", "Xã, phường", "Hộ chưa có điện lưới", "Tỷ lệ hộ có điện lưới"}, []float64{6, 34, 34, 20, 16}, "CLLRR"), rows, nil, heads)
			if gridUnknown > 0 {
				d.para(fmt.Sprintf("Ngoài ra còn %d thôn, làng chưa có số liệu về điện lưới năm %d.", gridUnknown, year))
			}
		}
		d.heading("III. THÔN, LÀNG VÙNG ĐỒNG BÀO DTTS CHƯA ĐẠT CHUẨN NÔNG THÔN MỚI")
		if len(ntm) == 0 {
			d.para("Không có thôn, làng nào.")
		} else {
			rows, heads := grouped(ps, day, of(ntm), func(i int) []string { return []string{ps[i].name, commune(i), ntmText[i]} })
			d.groupTable(cols([]string{"TT", "Thôn, làng", "Xã, phường", "Tiêu chí"}, []float64{6, 28, 28, 48}, "CLLL"), rows, nil, heads)
		}
		d.signature()
		return nil
	})
}
