package screen

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// formGuard keeps a form from losing an edit silently: dirty compares what the form holds (state)
// with what it was last filled with, and ask asks before an edit is dropped (another record
// opened, a new one begun, the screen left, the window closed).
type formGuard struct {
	win   fyne.Window
	state func() string
	clean string
}

// filled records the form as just filled from the store (or emptied for a new record).
func (g *formGuard) filled() { g.clean = g.state() }

// dirty says the form holds an edit not saved.
func (g *formGuard) dirty() bool { return g.state() != g.clean }

// ask runs next when nothing is unsaved or the person agrees to drop what is (what names it: "Xã
// Đắk Hà", "cơ quan mới"); cancel otherwise.
func (g *formGuard) ask(what string, next, cancel func()) {
	if !g.dirty() || g.win == nil {
		next()
		return
	}
	dialog.ShowConfirm("Chưa lưu thay đổi", fmt.Sprintf("Những gì vừa sửa của %s chưa được lưu và sẽ mất. Bỏ các thay đổi đó? (Chọn Không để quay lại rồi bấm Lưu.)", what), func(ok bool) {
		if ok {
			next()
		} else {
			cancel()
		}
	}, g.win)
}
