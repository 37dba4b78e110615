package screen

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"ketnghia/data/rules"
	"ketnghia/data/vntext"
)

// roadSummary is the dashboard's block on the directive's road ("xác định rõ lộ trình"): the
// ethnic-minority villages recognised against their planned year, those behind it, and where the
// share will stand if the plan is kept.
func roadSummary(r rules.Road) fyne.CanvasObject {
	wrap := func(text string) *widget.Label {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	if r.Villages == 0 {
		return wrap(fmt.Sprintf("Năm %d không có thôn, làng đồng bào DTTS nào.", r.Year))
	}
	if r.Planned == 0 {
		return wrap("Chưa thôn nào có năm dự kiến đạt chuẩn nông thôn mới. Nhập ở màn hình Thôn, làng (ô \"Năm dự kiến đạt chuẩn NTM\"), " +
			"ở bảng Rà soát hằng năm khi xem Thôn, làng, hoặc qua Excel.")
	}
	n := func(v int) string { return vntext.FormatInt(int64(v)) }
	form := widget.NewForm(
		widget.NewFormItem("Đã đạt chuẩn", widget.NewLabel(fmt.Sprintf("%s/%s thôn (%s): đúng năm dự kiến %s, sớm %s, muộn %s",
			n(r.Recognised()), n(r.Villages), rules.PercentBeside(r.Share()), n(r.OnTime), n(r.Ahead), n(r.Late)))),
		widget.NewFormItem("Chưa đạt chuẩn", widget.NewLabel(fmt.Sprintf("quá năm dự kiến %s, còn trong lộ trình %s, chưa có lộ trình %s",
			n(r.Overdue), n(r.Pending), n(r.Unplanned)))),
	)
	for _, it := range form.Items {
		it.Widget.(*widget.Label).Wrapping = fyne.TextWrapWord
	}
	if o := r.Outlook(); o != "" {
		return container.NewVBox(form, wrap(o[1:]))
	}
	return form
}
