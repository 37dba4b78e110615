package reports

import (
	"fmt"
	"io"
	"strings"

	"ketnghia/data"
	"ketnghia/data/rules"
	"ketnghia/data/vntext"
)

// Pilots reports the directive's pilot villages ("lựa chọn 01 thôn (làng) … làm điểm cấp tỉnh";
// "mỗi huyện … 01 thôn (làng) và … mỗi xã chọn 01 thôn (làng) làm điểm"): at each level, every pilot
// with where it stands against the village NTM criteria (recognised and when, or the criteria met
// and those it lacks), then the districts (since the reform, the former districts) and communes
// that have not chosen theirs.
func Pilots(w io.Writer, in Input) error {
	x, year := in.Index, in.Year
	day := rules.YearEnd(year)
	return render(w, in.Header, fmt.Sprintf("Báo cáo thôn, làng điểm năm %d", year), func(d *doc) error {
		d.pdf.AddPage()
		d.partyHeader(fmt.Sprintf("Thôn, làng điểm xây dựng nông thôn mới năm %d", year))
		d.noFigures(x, year)
		villages := x.UnitsAt(data.LevelVillage, day)
		byLevel := map[data.PilotLevel][]*data.Unit{}
		recognised := 0
		for _, v := range villages {
			if v.Pilot != data.PilotNone {
				byLevel[v.Pilot] = append(byLevel[v.Pilot], v)
				if rules.NTMRecognised(v, year) {
					recognised++
				}
			}
		}
		total := len(byLevel[data.PilotProvince]) + len(byLevel[data.PilotDistrict]) + len(byLevel[data.PilotCommune])
		d.para(fmt.Sprintf("Cuối năm %d có %d thôn, làng điểm (%d cấp tỉnh, %d cấp huyện, %d cấp xã); %d thôn, làng điểm đã được công nhận đạt chuẩn nông thôn mới.",
			year, total, len(byLevel[data.PilotProvince]), len(byLevel[data.PilotDistrict]), len(byLevel[data.PilotCommune]), recognised))

		status := func(v *data.Unit) string {
			if rules.NTMRecognised(v, year) {
				s := fmt.Sprintf("Đạt chuẩn năm %d", *v.NTMYear)
				if !v.NTMDate.IsZero() {
					s = fmt.Sprintf("Đạt chuẩn, công nhận ngày %s", v.NTMDate)
				}
				if v.NTMDecision != "" {
					s += " (" + v.NTMDecision + ")"
				}
				return s
			}
			st := x.VillageNTM(v, year)
			if !st.Assessed {
				return fmt.Sprintf("Chưa đánh giá theo bộ tiêu chí năm %d", year)
			}
			s := fmt.Sprintf("Đạt %d/%d tiêu chí", st.Met, st.Total)
			if names := st.UnmetNames(); len(names) > 0 {
				s += "; chưa đạt: " + strings.Join(names, "; ")
			}
			return s
		}
		table := func(vs []*data.Unit) {
			if len(vs) == 0 {
				d.para("Chưa chọn thôn, làng nào.")
				return
			}
			var rows [][]string
			for i, v := range vs {
				rows = append(rows, []string{fmt.Sprint(i + 1), v.Name, x.Place(v, day), status(v)})
			}
			d.table(cols([]string{"TT", "Thôn, làng", "Thuộc", "Tiêu chí nông thôn mới"}, []float64{7, 22, 33, 48}, "CLLL"), rows, nil)
		}
		// without lists the units of a level that have no pilot of their own among their villages.
		without := func(units []*data.Unit, level data.PilotLevel, name func(*data.Unit) string) {
			var missing []string
			for _, u := range units {
				has := false
				for _, v := range x.UnitsUnder(u.ID, data.LevelVillage, day) {
					has = has || v.Pilot == level
				}
				if !has {
					missing = append(missing, name(u))
				}
			}
			if len(missing) == 0 {
				d.para("Đơn vị nào cũng đã chọn thôn, làng điểm.")
				return
			}
			d.para(fmt.Sprintf("Chưa chọn thôn, làng điểm (%d): %s.", len(missing), strings.Join(missing, ", ")))
		}

		d.heading("I. THÔN, LÀNG ĐIỂM CẤP TỈNH")
		table(byLevel[data.PilotProvince])

		districts, _, former := x.Districts(year)
		title, name := "II. THÔN, LÀNG ĐIỂM CẤP HUYỆN", func(u *data.Unit) string { return u.Name }
		if former {
			title = "II. THÔN, LÀNG ĐIỂM CẤP HUYỆN (THEO ĐỊA BÀN HUYỆN CŨ)"
			name = func(u *data.Unit) string { return "địa bàn " + vntext.LowerFirst(u.Name) + " cũ" }
		}
		d.heading(title)
		table(byLevel[data.PilotDistrict])
		without(districts, data.PilotDistrict, name)

		d.heading("III. THÔN, LÀNG ĐIỂM CẤP XÃ")
		table(byLevel[data.PilotCommune])
		without(x.UnitsAt(data.LevelCommune, day), data.PilotCommune, func(u *data.Unit) string { return u.Name })
		d.signature()
		return nil
	})
}
