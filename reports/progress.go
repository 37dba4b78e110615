package reports

import (
	"fmt"
	"io"
	"strings"

	"ketnghia/data"
	"ketnghia/data/geo"
	"ketnghia/data/rules"
	"ketnghia/data/vntext"
)

// Progress is the report on the targets of NQ 04-NQ/TU and the new-rural village directive for a
// year: every target against its threshold and baseline, a table per district, the map of the
// districts shaded by poverty rate, a bar chart by district and the poverty rate over the years.
func Progress(w io.Writer, in Input) error {
	return render(w, in.Header, "Báo cáo tiến độ thực hiện chỉ tiêu năm "+fmt.Sprint(in.Year), func(d *doc) error {
		d.pdf.AddPage()
		d.partyHeader(progressSubject(in.Year))
		d.progressBody(in, "")
		d.signature()
		return nil
	})
}

func progressSubject(year int) string {
	return fmt.Sprintf("Kết quả thực hiện các chỉ tiêu của Nghị quyết số 04-NQ/TU về xã đặc biệt khó khăn và Chỉ thị về xây dựng thôn, làng nông thôn mới vùng đồng bào dân tộc thiểu số năm %d", year)
}

// noFigures says that a year has no review figures, so that nothing reads as a zero.
func (d *doc) noFigures(x *rules.Index, year int) {
	if !x.HasReviews(year) {
		d.notice(fmt.Sprintf("Năm %d chưa có số liệu rà soát: các số liệu tính từ rà soát ghi là \"chưa có số liệu\", không phải bằng 0.", year))
	}
}

// progressBody is the report's content; prefix numbers its headings inside the meeting pack.
func (d *doc) progressBody(in Input, prefix string) {
	x, year := in.Index, in.Year
	ps := x.Progress(year, rules.ProgressOptions{})
	d.noFigures(x, year)
	d.heading(prefix + "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU")
	d.para(rules.ProgressCounts(ps, year) + " Mọi số liệu dưới đây được chương trình tính từ số liệu rà soát và danh sách đơn vị, không nhập tay; năm gốc là năm ban hành Nghị quyết.")
	var rows [][]string
	for i, p := range ps {
		result := resultCell(p.ValueText, p.Value, year)
		if d.h.Acceptance.pending() && d.h.Acceptance.Year == year {
			result += unacceptedMark
		}
		rows = append(rows, []string{fmt.Sprint(i + 1), p.Name, fmt.Sprintf("%s\n(năm %d)", p.BaselineText, p.BaselineYear), result,
			p.ThresholdText, fmt.Sprint(p.Deadline), p.Status})
	}
	d.table(cols([]string{"TT", "Chỉ tiêu", "Năm gốc", "Kết quả", "Mức chỉ tiêu", "Hạn", "Đánh giá"},
		[]float64{8, 44, 17, 27, 18, 10, 22}, "CLCCCCL"), rows, nil)
	for _, p := range ps {
		d.bullet(p.Name + ". " + p.Sentence)
	}
	if note := x.RateNote(year); note != "" {
		d.remark(note)
	}
	if a := d.h.Acceptance; a.pending() && a.Year == year {
		d.remark(fmt.Sprintf("(*) Kết quả có tính cả số liệu chưa được duyệt: %s/%s xã, phường chưa được duyệt số liệu năm %d.",
			vntext.FormatInt(int64(a.Units-a.Accepted)), vntext.FormatInt(int64(a.Units)), year))
	}

	districts, dd, former := x.Districts(year)
	by := "huyện"
	switch {
	case former:
		by = "địa bàn huyện cũ"
		d.heading(prefix + "II. KẾT QUẢ THEO ĐỊA BÀN HUYỆN CŨ")
		d.para(fmt.Sprintf("Từ 01/7/2025 không còn cấp huyện. Để tiện theo dõi, số liệu năm %d được cộng theo địa bàn huyện cũ: mỗi xã, phường mới được tính vào địa bàn huyện cũ của xã mà nó lấy mã (hoặc của các xã cũ hợp thành).", year))
	default:
		d.heading(prefix + "II. KẾT QUẢ THEO TỪNG HUYỆN")
		if len(districts) == 0 {
			d.para(fmt.Sprintf("Năm %d không có đơn vị hành chính cấp huyện nào trong cơ sở dữ liệu, nên không có số liệu theo huyện.", year))
		} else if dd != rules.YearEnd(year) {
			d.para(fmt.Sprintf("Số liệu theo huyện năm %d tính trên các xã cũ đến ngày %s, ngày cuối cùng còn cấp huyện.", year, dd))
		}
	}
	for _, dist := range districts {
		var rows [][]string
		for _, p := range ps {
			for _, dp := range p.Districts {
				if dp.Code == dist.Code {
					rows = append(rows, []string{p.Name, resultCell(dp.ValueText, dp.Value, year), dp.Value.Detail, dp.Status})
				}
			}
		}
		name := dist.Name
		if former {
			name = "Địa bàn " + vntext.LowerFirst(dist.Name) + " cũ"
		}
		if a := d.h.Acceptance; a != nil && a.Year == year && a.Pending[dist.Name] > 0 {
			name += fmt.Sprintf(" (*: %s xã, phường chưa được duyệt số liệu)", vntext.FormatInt(int64(a.Pending[dist.Name])))
		}
		d.subheading(name)
		d.table(cols([]string{"Chỉ tiêu", "Kết quả", "Cách tính", "Đánh giá"}, []float64{70, 22, 38, 22}, "LCCL"), rows, nil)
	}

	d.road(x, year, prefix+"III. ", districts, former)

	d.heading(prefix + "IV. BẢN ĐỒ VÀ BIỂU ĐỒ")
	sums := x.DistrictSummaries(year)
	values := map[string]*float64{}
	var labels []string
	var bars []*float64
	for _, s := range sums {
		values[s.Code] = s.Summary.PovertyRate
		labels = append(labels, geo.ShortName(s.Name))
		bars = append(bars, s.Summary.PovertyRate)
	}
	m, ok := x.DistrictMapOf(year)
	mapTitle := fmt.Sprintf("Bản đồ tỷ lệ hộ nghèo theo %s năm %d", by, year)
	switch {
	case len(sums) == 0:
		d.subheading(mapTitle)
		d.notice(fmt.Sprintf("Năm %d không có huyện nào để cộng số liệu, nên không vẽ bản đồ theo huyện.", year))
	case !x.HasReviews(year):
		d.subheading(mapTitle)
		d.notice(fmt.Sprintf("Năm %d chưa có số liệu rà soát, nên chưa vẽ được bản đồ tỷ lệ hộ nghèo.", year))
	default:
		d.districtMap(m, ok, values, mapTitle)
		d.barChart(fmt.Sprintf("Tỷ lệ hộ nghèo theo %s năm %d", by, year), labels, bars, nil, "")
	}
	from := 2016
	trend := x.Trend(from, year)
	var years []int
	var rates []*float64
	for _, ts := range trend {
		years = append(years, ts.Year)
		rates = append(rates, ts.PovertyRate)
	}
	note := "Năm không có điểm là năm chưa có số liệu rà soát."
	if year >= 2025 {
		note += " Số liệu đến 30/6/2025 tính trên các xã cũ; từ 01/7/2025 trên các xã mới sau sắp xếp, cùng địa bàn."
	}
	d.lineChart(fmt.Sprintf("Tỷ lệ hộ nghèo toàn tỉnh qua các năm %d–%d (%%)", from, year), years, rates, note)
}

// resultCell is a target's value with what it is of: "100,0% (năm 2024)", or for an average fall
// "5,2 điểm %/năm (bình quân 2016–2020)" with the year's own fall under it. The column of
// values was headed "Năm 2024" and held the 2016–2020 average for the poverty target.
func resultCell(text string, v rules.Value, year int) string {
	if text == "—" || v.Value == nil {
		return text
	}
	// "điểm %" is one unit: never "%" alone on a line.
	s := strings.ReplaceAll(text, " điểm %", "\u00a0điểm\u00a0%") + "\n(" + v.Period(year) + ")"
	if v.YearFall != nil && v.From > 0 {
		word := "giảm"
		if *v.YearFall < 0 {
			word = "tăng"
		}
		s += fmt.Sprintf("\nriêng năm %d: %s %s\u00a0điểm\u00a0%%", year, word, vntext.FormatDecimal(max(*v.YearFall, -*v.YearFall), 1))
	}
	return s
}

// road is the progress report's part on the directive's road ("xác định rõ lộ trình"): the
// ethnic-minority villages recognised on time, ahead or late against their planned year, those
// behind their plan, and where the share will stand if the plan is kept; then by district.
func (d *doc) road(x *rules.Index, year int, number string, districts []*data.Unit, former bool) {
	d.heading(number + "LỘ TRÌNH ĐẠT CHUẨN NÔNG THÔN MỚI CỦA THÔN, LÀNG VÙNG ĐỒNG BÀO DTTS")
	r := x.Road(year, "")
	if r.Villages == 0 {
		d.para(fmt.Sprintf("Năm %d không có thôn, làng đồng bào dân tộc thiểu số nào trong cơ sở dữ liệu.", year))
		return
	}
	if r.Planned == 0 {
		d.para(fmt.Sprintf("Chưa thôn, làng đồng bào DTTS nào được xác định năm dự kiến đạt chuẩn nông thôn mới (lộ trình theo Chỉ thị). "+
			"Năm %d có %d/%d thôn đã đạt chuẩn (%s).", year, r.Recognised(), r.Villages, rules.PercentBeside(r.Share())))
		return
	}
	d.para(r.Summary() + r.Outlook())
	n := func(v int) string { return vntext.FormatInt(int64(v)) }
	pc := func(v int) string { return rules.PercentBeside(rules.Rate(&v, &r.Villages)) }
	rows := [][]string{
		{"1", "Đã đạt chuẩn đúng năm dự kiến", n(r.OnTime), pc(r.OnTime)},
		{"2", "Đã đạt chuẩn sớm hơn năm dự kiến", n(r.Ahead), pc(r.Ahead)},
		{"3", "Đã đạt chuẩn muộn hơn năm dự kiến", n(r.Late), pc(r.Late)},
		{"4", "Đã đạt chuẩn, chưa xác định năm dự kiến", n(r.RecognisedUnplanned), pc(r.RecognisedUnplanned)},
		{"5", fmt.Sprintf("Chưa đạt chuẩn, đã quá năm dự kiến (đến năm %d)", year), n(r.Overdue), pc(r.Overdue)},
		{"6", "Chưa đạt chuẩn, năm dự kiến còn ở phía trước", n(r.Pending), pc(r.Pending)},
		{"7", "Chưa đạt chuẩn, chưa xác định năm dự kiến", n(r.Unplanned), pc(r.Unplanned)},
		{"", "Tổng số thôn, làng đồng bào DTTS", n(r.Villages), "100%"},
	}
	d.table(cols([]string{"TT", "Tình hình so với lộ trình", "Số thôn", "Tỷ lệ"}, []float64{10, 100, 20, 20}, "CLCC"), rows, map[int]bool{len(rows) - 1: true})
	if len(r.Plan) > 1 {
		var plan [][]string
		for _, p := range r.Plan {
			plan = append(plan, []string{fmt.Sprint(p.Year), n(p.Recognised), rules.PercentBeside(&p.Share, r.TargetShare)})
		}
		d.subheading("Tỷ lệ thôn đạt chuẩn nếu mỗi thôn đạt đúng năm dự kiến")
		d.table(cols([]string{"Năm", "Số thôn đã đạt chuẩn", "Tỷ lệ"}, []float64{30, 60, 60}, "CCC"), plan, nil)
	}
	if len(r.OverdueVillages) > 0 {
		d.subheading("Các thôn chưa đạt chuẩn đã quá năm dự kiến")
		var late [][]string
		for i, v := range r.OverdueVillages {
			late = append(late, []string{fmt.Sprint(i + 1), v.Name, v.Place, fmt.Sprint(v.Plan)})
		}
		d.table(cols([]string{"TT", "Thôn, làng", "Thuộc", "Năm dự kiến"}, []float64{10, 50, 70, 20}, "CLLC"), late, nil)
	}
	if len(districts) > 1 {
		by := "Huyện"
		if former {
			by = "Địa bàn huyện cũ"
		}
		d.subheading("Theo " + vntext.LowerFirst(by))
		var rows [][]string
		for _, dist := range districts {
			dr := x.Road(year, dist.ID)
			if dr.Villages == 0 {
				continue
			}
			rows = append(rows, []string{dist.Name, n(dr.Villages), n(dr.Recognised()), n(dr.OnTime + dr.Ahead), n(dr.Late), n(dr.Overdue), n(dr.Pending), n(dr.Unplanned)})
		}
		d.table(cols([]string{by, "Thôn DTTS", "Đã đạt", "Đúng, sớm hạn", "Muộn", "Quá hạn", "Còn trong lộ trình", "Chưa có lộ trình"},
			[]float64{38, 16, 16, 18, 14, 16, 18, 16}, "LCCCCCCC"), rows, nil)
	}
}
