package screen

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// placeNames are the Vietnamese names of the places Fyne's file dialog lists on its left, which
// it writes in English whatever the language ("Home", "Computer": dialog/file.go does not pass
// them through its translations).
var placeNames = map[string]string{
	"Home": "Thư mục nhà", "Computer": "Máy tính", "App Files": "Tệp ứng dụng", "Desktop": "Màn hình",
	"Documents": "Tài liệu", "Downloads": "Tải về", "Music": "Nhạc", "Pictures": "Ảnh", "Videos": "Video",
	"Movies": "Phim",
}

// showFileDialog shows one of Fyne's file dialogs at a size to read it on a laptop, with its
// places named in Vietnamese.
func showFileDialog(d *dialog.FileDialog, w fyne.Window) {
	d.Resize(fyne.NewSize(900, 560))
	d.Show()
	if w == nil {
		return
	}
	if top := w.Canvas().Overlays().Top(); top != nil {
		if p, ok := top.(*widget.PopUp); ok {
			translatePlaces(p.Content)
		}
	}
}

// translatePlaces finds the list of places in the dialog's tree (the left of its split) and names
// each place in Vietnamese as the list draws it.
func translatePlaces(o fyne.CanvasObject) bool {
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			if translatePlaces(c) {
				return true
			}
		}
	case *container.Split:
		if l, ok := v.Leading.(*widget.List); ok && l.UpdateItem != nil {
			update := l.UpdateItem
			l.UpdateItem = func(id widget.ListItemID, item fyne.CanvasObject) {
				update(id, item)
				if row, ok := item.(*fyne.Container); ok {
					for _, c := range row.Objects {
						if label, ok := c.(*widget.Label); ok {
							if vi, ok := placeNames[label.Text]; ok {
								label.SetText(vi)
							}
						}
					}
				}
			}
			l.Refresh()
			return true
		}
		return translatePlaces(v.Leading) || translatePlaces(v.Trailing)
	case *container.Scroll:
		return translatePlaces(v.Content)
	}
	return false
}
