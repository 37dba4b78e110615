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
	d := newDoc(in.Header, fmt.Sprintf("Báo cáo thôn, làng năm %d", year))
	d.pdf.AddPage()
	d.partyHeader(fmt.Sprintf("Thôn, làng chưa có chi bộ, chưa có điện lưới quốc gia, chưa đạt chuẩn nông thôn mới năm %d", year))
	d.noFigures(x, year)
	day := rules.YearEnd(year)
	villages := x.UnitsAt(data.LevelVillage, day)
	place := func(v *data.Unit) string { return x.Place(v, day) }
	var noCell, cellUnknown, grid, ntm [][]string
	gridUnknown := 0
	for _, v := range villages {
		r := x.Review(v.ID, year)
		switch {
		case r == nil || r.PartyCell == nil:
			cellUnknown = append(cellUnknown, []string{v.Name, place(v)})
		case !*r.PartyCell:
			noCell = append(noCell, []string{v.Name, place(v)})
		}
		if c := rules.CountsOf(r); c.Households == nil || c.GridHouseholds == nil {
			gridUnknown++
		} else if *c.GridHouseholds < *c.Households {
			off := *c.Households - *c.GridHouseholds
			grid = append(grid, []string{v.Name, place(v), fmt.Sprintf("%s / %s hộ", count(&off), count(c.Households)),
				rules.PercentBeside(c.GridShare(), 100)})
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
			ntm = append(ntm, []string{v.Name, place(v), status})
		}
	}
	number := func(rows [][]string) [][]string {
		for i := range rows {
			rows[i] = append([]string{fmt.Sprint(i + 1)}, rows[i]...)
		}
		return rows
	}
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
		d.table(cols([]string{"TT", "Thôn, làng", "Thuộc"}, []float64{6, 40, 64}, "CLL"), number(noCell), nil)
		if len(cellUnknown) > 0 {
			d.para(fmt.Sprintf("Ngoài ra còn %d thôn, làng chưa có số liệu về chi bộ năm %d.", len(cellUnknown), year))
		}
	}
	d.heading("II. THÔN, LÀNG CÒN HỘ CHƯA DÙNG ĐIỆN LƯỚI QUỐC GIA")
	if len(grid) == 0 {
		none(gridUnknown, "điện lưới")
	} else {
		d.table(cols([]string{"TT", "Thôn, làng", "Thuộc", "Hộ chưa có điện lưới", "Tỷ lệ hộ có điện lưới"}, []float64{6, 28, 44, 18, 14}, "CLLRR"), number(grid), nil)
		if gridUnknown > 0 {
			d.para(fmt.Sprintf("Ngoài ra còn %d thôn, làng chưa có số liệu về điện lưới năm %d.", gridUnknown, year))
		}
	}
	d.heading("III. THÔN, LÀNG VÙNG ĐỒNG BÀO DTTS CHƯA ĐẠT CHUẨN NÔNG THÔN MỚI")
	if len(ntm) == 0 {
		d.para("Không có thôn, làng nào.")
	} else {
		d.table(cols([]string{"TT", "Thôn, làng", "Thuộc", "Tiêu chí"}, []float64{6, 26, 38, 40}, "CLLL"), number(ntm), nil)
	}
	d.signature()
	return d.write(w)
}
