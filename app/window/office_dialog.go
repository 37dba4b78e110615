package window

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"ketnghia/app/window/widgets"
	"ketnghia/data"
)

// officeDialogIntro says why the office's name is asked for.
const officeDialogIntro = "Hãy ghi tên đơn vị dùng chương trình trên máy này, ví dụ “Văn phòng Huyện ủy Đắk Tô” hoặc “Đảng ủy xã Đăk Sao”. " +
	"Tên này được ghi vào lịch sử thay đổi, vào gói trao đổi dữ liệu và tên tệp gói, để các đơn vị nhận ra số liệu của nhau. " +
	"Sau này sửa được trong Cài đặt."

// askOfficeName asks for the office's name while nobody has given it (a database just created,
// or made by init without --office): saved, the window's title follows (done). "Để sau" asks
// again at the next start. A file opened read-only is not asked about.
func askOfficeName(st *data.Store, w fyne.Window, done func(data.Settings)) *dialog.CustomDialog {
	ctx := context.Background()
	set, err := st.Settings(ctx)
	if err != nil || set.OfficeNamed || st.ReadOnly() || w == nil {
		return nil
	}
	name := widgets.NewTextEntry("Tên đơn vị")
	name.SetText(set.OfficeName)
	message := widgets.Wrapped("")
	message.Importance = widget.DangerImportance
	var d *dialog.CustomDialog
	save := widget.NewButton("Lưu", func() {
		set.OfficeName, set.OfficeNamed = name.Value(), true
		if err := st.SaveSettings(ctx, set); err != nil {
			message.SetText(data.Message(err))
			w.Canvas().Focus(name)
			return
		}
		saved, err := st.Settings(ctx)
		if err == nil && done != nil {
			done(saved)
		}
		d.Hide()
	})
	save.Importance = widget.HighImportance
	later := widget.NewButton("Để sau", func() { d.Hide() })
	name.OnSubmitted = func(string) { save.OnTapped() }
	body := container.NewVBox(widgets.Wrapped(officeDialogIntro), widget.NewForm(widget.NewFormItem("Tên đơn vị", name)), message)
	d = dialog.NewCustomWithoutButtons("Tên đơn vị của bạn", body, w)
	d.SetButtons([]fyne.CanvasObject{later, save})
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
	w.Canvas().Focus(name)
	return d
}
