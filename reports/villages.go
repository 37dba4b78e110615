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
	for _, v := range villages {
		r := x.Review(v.ID, year)
		switch {
		case r == nil || r.PartyCell == nil:
			cellUnknown = append(cellUnknown, []string{v.Name, place(v)})
		case !*r.PartyCell:
			noCell = append(noCell, []string{v.Name, place(v)})
		}
		if c := rules.CountsOf(r); c.Households != nil && c.GridHouseholds != nil && *c.GridHouseholds < *c.Households {
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
	d.para(fmt.Sprintf("Cuối năm %d, cơ sở dữ liệu có %d thôn, làng: %d thôn chưa có chi bộ (%d thôn chưa có số liệu về chi bộ), %d thôn còn hộ chưa dùng điện lưới quốc gia, %d thôn, làng vùng đồng bào DTTS chưa đạt chuẩn nông thôn mới.",
		year, len(villages), len(noCell), len(cellUnknown), len(grid), len(ntm)))
	d.heading("I. THÔN, LÀNG CHƯA CÓ CHI BỘ")
	if len(noCell) == 0 {
		d.para("Không có thôn, làng nào.")
	} else {
		d.table(cols([]string{"TT", "Thôn, làng", "Thuộc"}, []float64{6, 40, 64}, "CLL"), number(noCell), nil)
	}
	d.heading("II. THÔN, LÀNG CÒN HỘ CHƯA DÙNG ĐIỆN LƯỚI QUỐC GIA")
	if len(grid) == 0 {
		d.para("Không có thôn, làng nào.")
	} else {
		d.table(cols([]string{"TT", "Thôn, làng", "Thuộc", "Hộ chưa có điện lưới", "Tỷ lệ hộ có điện lưới"}, []float64{6, 28, 44, 18, 14}, "CLLRR"), number(grid), nil)
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
