package screen

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketnghia/app/window/widgets"
	"ketnghia/data/rules"
	"ketnghia/data/vntext"
)

// The dashboard's part on the causes of poverty (the directive: "phân loại hộ nghèo theo từng nhóm
// nguyên nhân"): the year's largest causes of the whole file, and a window of them by district (or
// former district) and commune.

// causesShown is how many causes the dashboard lists before "…".
const causesShown = 5

// causeText is a cause's households and share of a line's poor: "1.234 hộ (35,2%)"; without the
// share while the poor households of some of the line's units are not known yet.
func causeText(l rules.CauseLine, c rules.CauseShare) string {
	text := vntext.FormatInt(int64(c.Households)) + " hộ"
	if share := l.Share(c.Households); share != nil {
		text += " (" + rules.PercentBeside(share) + ")"
	}
	return text
}

// causesSummary is the dashboard's block: the largest causes of the year, with their share of the
// poor households, those given no cause, and the way to the districts and communes.
func causesSummary(o rules.CauseOverview, more func()) fyne.CanvasObject {
	box := container.NewVBox()
	t := o.Total
	if !t.Known {
		note := widget.NewLabel(fmt.Sprintf("Năm %d chưa có xã, thôn nào phân loại hộ nghèo theo nguyên nhân; nhập ở màn hình Rà soát hằng năm (các cột \"Nghèo do …\").", o.Year))
		note.Wrapping = fyne.TextWrapWord
		box.Add(note)
		return box
	}
	form := widget.NewForm()
	for i, c := range t.Largest {
		if i == causesShown {
			break
		}
		form.Append(o.NameOf(c.Code), widget.NewLabel(causeText(t, c)))
	}
	if t.Poor == nil {
		note := widget.NewLabel(fmt.Sprintf("Chưa có số hộ nghèo của mọi xã năm %d nên chưa tính được tỷ lệ của từng nguyên nhân.", o.Year))
		note.Wrapping = fyne.TextWrapWord
		box.Add(note)
	}
	if u := t.Unclassified(); u != nil && *u > 0 {
		form.Append("Chưa rõ nguyên nhân", widget.NewLabel(vntext.FormatInt(int64(*u))+" hộ ("+rules.PercentBeside(rules.Rate(u, t.Poor))+")"))
	}
	box.Add(form)
	area := "huyện"
	if o.Former {
		area = "địa bàn huyện cũ"
	}
	box.Add(widget.NewButtonWithIcon("Xem theo từng "+area+" và từng xã", theme.ListIcon(), more))
	return box
}

// allAreasCauses is the choice of the causes window that lists the areas themselves.
const allAreasCauses = "Tất cả (so sánh các huyện)"

// showCauses opens the year's causes by area; choosing an area lists its communes, each with its
// largest causes, a cause holding half its poor households or more marked.
func showCauses(win fyne.Window, o rules.CauseOverview) {
	if win == nil {
		return
	}
	areaWord := "Huyện"
	if o.Former {
		areaWord = "Địa bàn huyện cũ"
	}
	lines := func(area string) []rules.CauseLine {
		if area == allAreasCauses || area == "" {
			out := make([]rules.CauseLine, len(o.Areas))
			for i, a := range o.Areas {
				out[i] = a.CauseLine
			}
			return out
		}
		for _, a := range o.Areas {
			if a.Name == area {
				return a.Communes
			}
		}
		return nil
	}
	shown := lines(allAreasCauses)
	// A unit's largest causes on one line: "Thiếu vốn …: 418 hộ (18,3%) · Thiếu đất …: 350 hộ (15,4%)".
	largest := func(l rules.CauseLine) string {
		if !l.Known {
			return "Chưa phân loại hộ nghèo theo nguyên nhân."
		}
		var parts []string
		for i, c := range l.Largest {
			if i == 3 {
				break
			}
			parts = append(parts, o.NameOf(c.Code)+": "+causeText(l, c))
		}
		text := strings.Join(parts, " · ")
		if d, ok := l.Dominant(); ok {
			text = "Chiếm từ một nửa số hộ nghèo: " + o.NameOf(d.Code) + ". " + text
		}
		return text
	}
	poor := func(l rules.CauseLine) string {
		if l.Poor == nil {
			return "số hộ nghèo: chưa có số liệu"
		}
		text := vntext.FormatInt(int64(*l.Poor)) + " hộ nghèo"
		if u := l.Unclassified(); u != nil && *u > 0 && l.Known {
			text += ", " + vntext.FormatInt(int64(*u)) + " hộ chưa rõ nguyên nhân"
		}
		return text
	}
	list := widget.NewList(func() int { return len(shown) },
		func() fyne.CanvasObject {
			name := widget.NewLabelWithStyle("Xã Đắk Rơ Nga", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			causes := widget.NewLabel("Thiếu vốn")
			causes.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(container.NewBorder(nil, nil, name, widget.NewLabel("1.234 hộ nghèo")), causes)
		},
		func(i widget.ListItemID, obj fyne.CanvasObject) {
			if i >= len(shown) {
				return
			}
			rows := obj.(*fyne.Container).Objects
			line := rows[0].(*fyne.Container).Objects
			l := shown[i]
			line[0].(*widget.Label).SetText(l.Name)
			line[1].(*widget.Label).SetText(poor(l))
			rows[1].(*widget.Label).SetText(largest(l))
		})
	choices := []string{allAreasCauses}
	values := map[string]string{allAreasCauses: allAreasCauses}
	for _, a := range o.Areas {
		choices = append(choices, a.Name)
		values[a.Name] = a.Name
	}
	head := widget.NewLabel("")
	head.Wrapping = fyne.TextWrapWord
	pick := widgets.NewPicker("Gõ tên để tìm (không cần dấu)", choices, values)
	open := false // the list has no scroller to move until it is shown
	choose := func(area string) {
		shown = lines(area)
		if area == allAreasCauses {
			head.SetText(fmt.Sprintf("Năm %d, mỗi %s với ba nguyên nhân có nhiều hộ nghèo nhất và tỷ lệ trên số hộ nghèo. Chọn một %s để xem từng xã.", o.Year, strings.ToLower(areaWord), strings.ToLower(areaWord)))
		} else {
			head.SetText(fmt.Sprintf("Năm %d, các xã của %s với ba nguyên nhân có nhiều hộ nghèo nhất; xã có một nguyên nhân chiếm từ một nửa số hộ nghèo cần giải pháp cho nguyên nhân ấy trước.", o.Year, area))
		}
		if open {
			list.ScrollToTop()
		}
		list.Refresh()
	}
	pick.OnChosen = choose
	pick.Put(allAreasCauses)
	choose(allAreasCauses)
	top := container.NewVBox(container.NewBorder(nil, nil, widget.NewLabel(areaWord), nil, pick), head)
	d := dialog.NewCustom(fmt.Sprintf("Hộ nghèo theo nguyên nhân năm %d", o.Year), "Đóng", container.NewBorder(top, nil, nil, nil, list), win)
	d.Resize(fitDialog(win, fyne.NewSize(1000, 560)))
	d.Show()
	open = true
}

// fitDialog is a dialog's size: the one wanted, within the window (a 1366×768 laptop at 150%).
func fitDialog(win fyne.Window, want fyne.Size) fyne.Size {
	c := win.Canvas().Size()
	if c.Width <= 0 || c.Height <= 0 {
		return want
	}
	return fyne.NewSize(min(want.Width, c.Width-2*theme.Padding()*4), min(want.Height, c.Height-2*theme.Padding()*4))
}
