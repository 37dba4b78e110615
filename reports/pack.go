package reports

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"ketnghia/data"
)

// Pack is the meeting pack: a cover, the contents with page numbers, then the progress, exit and
// twinning reports in one file, numbered through.
func Pack(w io.Writer, in Input) error {
	rs, err := exitRuleSet(in)
	if err != nil {
		return err
	}
	// The contents need the parts' first pages: lay the pack out to learn them, then again with
	// them (the contents page is one page either way), and again while a layout moves a page
	// break (layout.go) and with it a part's first page.
	var starts []int
	breaks := map[int]bool{}
	for pass := 0; ; pass++ {
		d, found := buildPack(in, rs, starts, breaks)
		if (slices.Equal(found, starts) && len(d.want) == 0) || pass == 4 {
			if laidOut != nil {
				laidOut(d)
			}
			return d.write(w)
		}
		starts = found
		breaks = nextBreaks(breaks, d.want)
	}
}

var packParts = []string{
	"Phần I. Kết quả thực hiện các chỉ tiêu",
	"Phần II. Xã, thôn đủ điều kiện ra khỏi diện đặc biệt khó khăn",
	"Phần III. Phân công kết nghĩa và hoạt động giúp đỡ",
}

func buildPack(in Input, rs *data.RuleSet, starts []int, breaks map[int]bool) (*doc, []int) {
	d := newDoc(in.Header, fmt.Sprintf("Tài liệu họp Ban Chỉ đạo năm %d", in.Year))
	d.breaks = breaks
	pdf, s := d.pdf, in.Settings
	// Cover.
	pdf.AddPage()
	d.topBlock(false)
	pdf.SetY(100)
	d.font("B", 20)
	pdf.MultiCell(textW, lineH(20), t("TÀI LIỆU PHỤC VỤ HỌP BAN CHỈ ĐẠO"), "", "C", false)
	pdf.Ln(4)
	d.font("B", 15)
	pdf.MultiCell(textW, lineH(15), t(fmt.Sprintf("Đánh giá kết quả thực hiện Nghị quyết số 04-NQ/TU về xã đặc biệt khó khăn và Chỉ thị về xây dựng thôn, làng nông thôn mới năm %d", in.Year)), "", "C", false)
	if s.SampleData {
		pdf.Ln(8)
		d.notice("DỮ LIỆU MẪU: tên và mã đơn vị là thật; mọi số liệu khác là giả định, không dùng cho báo cáo thật.")
	}
	pdf.Ln(4)
	d.noFigures(in.Index, in.Year)
	pdf.SetY(pageH - marginB - 12)
	d.font("B", 14)
	pdf.CellFormat(textW, lineH(14), t(fmt.Sprintf("%s, tháng %d năm %d", s.Place, int(in.Date.Month()), in.Date.Year())), "", 1, "C", false, 0, "")
	// Contents.
	pdf.AddPage()
	d.font("B", 15)
	pdf.CellFormat(textW, lineH(15), t("MỤC LỤC"), "", 1, "C", false, 0, "")
	pdf.Ln(6)
	for i, part := range packParts {
		page := "…"
		if starts != nil {
			page = fmt.Sprint(starts[i])
		}
		d.font("", bodySize)
		name := t(part)
		nameW := pdf.GetStringWidth(name)
		pageW := pdf.GetStringWidth(page)
		dots := strings.Repeat(".", max(int((textW-nameW-pageW-4)/pdf.GetStringWidth(".")), 3))
		pdf.CellFormat(textW, lineH(bodySize)+2, name+" "+dots+" "+page, "", 1, "L", false, 0, "")
	}
	var found []int
	part := func(i int, body func()) {
		if i > 0 {
			d.endPart()
		}
		pdf.AddPage()
		found = append(found, pdf.PageNo())
		pdf.Bookmark(t(packParts[i]), 0, -1)
		d.font("B", 15)
		pdf.MultiCell(textW, lineH(15), t(strings.ToUpper(packParts[i])), "", "C", false)
		pdf.Ln(3)
		d.startPart()
		body()
	}
	part(0, func() { d.progressBody(in, "") })
	part(1, func() { d.exitBody(in, rs, "") })
	part(2, func() { d.twinningBody(in, "") })
	d.signature()
	return d, found
}
