package screen

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketnghia/app/jobs"
	"ketnghia/app/window/widgets"
	"ketnghia/data"
	"ketnghia/data/exchange"
	"ketnghia/data/vntext"
)

// ExchangeScreen (Trao đổi dữ liệu) carries the office's work to another office on a USB stick
// and brings theirs in: export a package (the whole database or chosen units) into a folder;
// import one in steps (check, review with conflicts to decide, apply after a backup); undo the
// last import; the history of exchanges. The work runs off the UI thread.
type ExchangeScreen struct {
	widget.BaseWidget
	store *data.Store
	win   fyne.Window

	keyAsked *keyQuestion // a package whose signing key waits for a person's confirmation

	// export
	wholeDB   *widget.RadioGroup
	scope     *widgets.CheckList
	scopeCode map[string]string // label → official code
	outDir    *widgets.TextEntry
	exportBtn *widget.Button
	exportBar *widget.ProgressBar
	exportMsg *widget.Label
	openDir   *widget.Button

	// import
	pkgPath   *widgets.TextEntry
	reviewBtn *widget.Button
	applyBtn  *widget.Button
	prefer    *widget.Select
	summary   *widget.Label
	kinds     *fyne.Container
	conflicts *fyne.Container
	importMsg *widget.Label
	imp       *jobs.Import // the package looked over, its automatic backup copied meanwhile
	choices   map[string]func() (exchange.Choice, bool)

	// history
	history  *fyne.Container
	undoBtn  *widget.Button
	undoNote *widget.Label

	// done is told after each piece of background work ends (for tests); it runs on the UI thread.
	done func(what string, err error)
}

// ExchangeTitle is the screen's name in the navigation.
const ExchangeTitle = "Trao đổi dữ liệu"

// preferChoices are the ways to settle the conflicts a person has not decided one by one.
var preferChoices = []string{"Để lại, quyết định sau (giữ nguyên bản của mình)", "Giữ bản của mình", "Lấy bản của đơn vị gửi"}

// NewExchangeScreen builds the screen; the export folder starts at the user's Documents.
func NewExchangeScreen(st *data.Store, w fyne.Window) *ExchangeScreen {
	s := &ExchangeScreen{store: st, win: w, scopeCode: map[string]string{}}
	s.wholeDB = widget.NewRadioGroup([]string{"Toàn bộ cơ sở dữ liệu", "Chỉ các đơn vị chọn dưới đây"}, func(string) { s.refreshScope() })
	s.wholeDB.SetSelected("Toàn bộ cơ sở dữ liệu")
	s.scope = widgets.NewCheckList(s.scopeOptions())
	s.outDir = widgets.NewPlainEntry("Thư mục (ví dụ ổ USB E:\\)")
	s.outDir.SetText(filepath.Dir(ReportsFolder(st)))
	s.exportBtn = widget.NewButton("Xuất gói", s.Export)
	s.exportBtn.Importance = widget.HighImportance
	s.exportBar = widget.NewProgressBar()
	s.exportMsg = widgets.Wrapped("")
	s.openDir = widget.NewButtonWithIcon("Mở thư mục chứa gói", theme.FolderOpenIcon(), func() {
		if !openInViewer(s.outDir.Value()) {
			s.exportMsg.SetText("Không mở được trình quản lý tệp; gói nằm trong thư mục " + s.outDir.Value() + ".")
		}
	})
	s.openDir.Disable()

	s.pkgPath = widgets.NewPlainEntry("Tệp gói .knx của đơn vị khác")
	s.reviewBtn = widget.NewButton("Kiểm tra và đối chiếu", s.Review)
	s.reviewBtn.Importance = widget.HighImportance
	s.applyBtn = widget.NewButton("Nhập vào cơ sở dữ liệu", s.Apply)
	s.applyBtn.Disable()
	s.prefer = widget.NewSelect(preferChoices, nil)
	s.prefer.SetSelectedIndex(0)
	s.summary = widgets.Wrapped("Chọn tệp gói rồi bấm \"Kiểm tra và đối chiếu\": chương trình kiểm tra gói và cho biết sẽ thêm, sửa, xóa gì trước khi ghi.")
	s.kinds = container.NewVBox()
	s.conflicts = container.NewVBox()
	s.importMsg = widgets.Wrapped("")

	s.history = container.NewVBox()
	s.undoBtn = widget.NewButton("Hoàn tác lần nhập gần nhất", s.Undo)
	s.undoNote = widgets.Wrapped("")
	s.ExtendBaseWidget(s)
	s.refreshScope()
	s.loadHistory()
	if st.ReadOnly() {
		s.applyBtn.Disable()
		s.undoBtn.Disable()
	}
	return s
}

// scopeOptions are the units one level below the province open today: districts, or the
// communes once districts are gone.
func (s *ExchangeScreen) scopeOptions() []string {
	ctx := context.Background()
	today := s.store.Today()
	var opts []string
	for _, level := range []data.Level{data.LevelDistrict, data.LevelCommune} {
		us, _, err := s.store.ListUnits(ctx, data.UnitFilter{Level: level, At: today})
		if err != nil || len(us) == 0 {
			continue
		}
		for _, u := range us {
			if u.Code == "" {
				continue
			}
			label := fmt.Sprintf("%s (mã %s)", u.Name, u.Code)
			s.scopeCode[label] = u.Code
			opts = append(opts, label)
		}
		break
	}
	return opts
}

func (s *ExchangeScreen) refreshScope() {
	if s.scope == nil {
		return
	}
	if s.wholeDB.Selected == "Toàn bộ cơ sở dữ liệu" {
		s.scope.Disable()
	} else {
		s.scope.Enable()
	}
}

func (s *ExchangeScreen) finish(what string, err error) {
	if s.done != nil {
		s.done(what, err)
	}
}

// Export writes a package into the chosen folder.
func (s *ExchangeScreen) Export() {
	dir := strings.TrimSpace(s.outDir.Value())
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		s.fail(s.exportMsg, &data.Error{Kind: data.KindInvalid, Msg: fmt.Sprintf("Không có thư mục %q; hãy cắm ổ USB hoặc chọn một thư mục có thật.", dir)})
		s.finish("export", fmt.Errorf("no folder"))
		return
	}
	var scope []string
	if s.wholeDB.Selected != "Toàn bộ cơ sở dữ liệu" {
		for _, label := range s.scope.Selected() {
			scope = append(scope, s.scopeCode[label])
		}
		if len(scope) == 0 {
			s.fail(s.exportMsg, &data.Error{Kind: data.KindInvalid, Msg: "Chưa chọn đơn vị nào để xuất; hãy đánh dấu ít nhất một đơn vị, hoặc chọn xuất toàn bộ."})
			s.finish("export", fmt.Errorf("no scope"))
			return
		}
	}
	s.exportBtn.Disable()
	s.exportBar.SetValue(0)
	s.exportMsg.SetText("Đang xuất gói …")
	progress := func(f float64) { fyne.Do(func() { s.exportBar.SetValue(f) }) }
	Background(func() {
		out, m, err := jobs.ExportPackage(context.Background(), s.store, dir, scope, progress)
		fyne.Do(func() {
			s.exportBtn.Enable()
			if err != nil {
				s.exportBar.SetValue(0)
				s.fail(s.exportMsg, err)
			} else {
				s.exportBar.SetValue(1)
				s.openDir.Enable()
				s.exportMsg.SetText(fmt.Sprintf("Đã xuất %s bản ghi vào %s, đã đọc lại và kiểm tra. Hãy rút ổ USB an toàn trước khi mang đi.", vntext.FormatInt(int64(m.Total())), out))
				s.loadHistory()
			}
			s.finish("export", err)
		})
	})
}

// Review checks the chosen package and shows what importing it would do.
func (s *ExchangeScreen) Review() {
	path := strings.TrimSpace(s.pkgPath.Value())
	if path == "" {
		s.fail(s.importMsg, &data.Error{Kind: data.KindInvalid, Msg: "Chưa chọn tệp gói; hãy bấm \"Chọn tệp…\" hoặc gõ đường dẫn tệp .knx."})
		s.finish("review", fmt.Errorf("no file"))
		return
	}
	s.closePackage()
	s.reviewBtn.Disable()
	s.applyBtn.Disable()
	s.importMsg.SetText("")
	s.summary.SetText("Đang kiểm tra gói và đối chiếu với cơ sở dữ liệu …")
	Background(func() {
		ctx := context.Background()
		im, err := jobs.OpenImport(ctx, s.store, path, true)
		var names map[string]string
		if err == nil {
			names = im.ConflictNames(ctx)
		}
		fyne.Do(func() {
			s.reviewBtn.Enable()
			if ke, ok := exchange.AsKeyError(err); ok && !s.store.ReadOnly() {
				s.summary.SetText("")
				s.importMsg.SetText(ke.Message())
				s.askKey(path, ke)
			} else if err != nil {
				s.summary.SetText("")
				s.fail(s.importMsg, err)
			} else {
				s.imp = im
				s.showReview(names)
				if !s.store.ReadOnly() {
					s.applyBtn.Enable()
				}
			}
			s.finish("review", err)
		})
	})
}

// askKey shows the fingerprint of the key that signed a package from an office not yet known by
// that key, to be compared by phone; confirmed, the key is kept and the package reviewed again.
func (s *ExchangeScreen) askKey(path string, ke *exchange.KeyError) {
	s.keyAsked = &keyQuestion{path: path, ke: ke}
	if s.win == nil {
		return
	}
	office := ke.OfficeName
	if office == "" {
		office = "văn phòng gửi"
	}
	intro := fmt.Sprintf("Đây là gói đầu tiên nhận từ %s. Gói được ký bằng khóa có mã nhận dạng:", office)
	if ke.Trust == exchange.KeyChanged {
		intro = fmt.Sprintf("Gói ghi là của %s nhưng được ký bằng một khóa KHÁC với khóa đã biết của văn phòng đó. Đây có thể là gói giả; cũng có thể văn phòng đó đã cài lại máy hoặc dùng máy khác. Mã nhận dạng của khóa mới:", office)
	}
	words := widget.NewLabelWithStyle(ke.Fingerprint.Words, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	digits := widget.NewLabelWithStyle(ke.Fingerprint.Digits, fyne.TextAlignCenter, fyne.TextStyle{Bold: true, Monospace: true})
	how := widgets.Wrapped(fmt.Sprintf("Hãy gọi điện cho %s, nhờ họ mở Cài đặt và đọc mã nhận dạng khóa ký của họ. Chỉ khi các chữ và các chữ số giống hệt mới xác nhận; nếu khác, đừng nhập gói này.", office))
	agree := widget.NewCheck("Tôi đã gọi điện đối chiếu: mã giống hệt", nil)
	body := container.NewVBox(widgets.Wrapped(intro), words, digits, how, agree)
	var d *dialog.CustomDialog
	ok := widget.NewButton("Xác nhận khóa và đối chiếu gói", func() {
		if !agree.Checked {
			s.importMsg.SetText("Hãy đánh dấu “Tôi đã gọi điện đối chiếu” khi mã đọc qua điện thoại giống hệt.")
			return
		}
		d.Hide()
		s.ConfirmKey()
	})
	ok.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons("Xác nhận khóa ký của văn phòng gửi", body, s.win)
	d.SetButtons([]fyne.CanvasObject{widget.NewButton("Không nhập", func() { d.Hide() }), ok})
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

// keyQuestion is a package waiting for a person to confirm the key that signed it.
type keyQuestion struct {
	path string
	ke   *exchange.KeyError
}

// ConfirmKey keeps the key of the package asked about (the person compared its fingerprint by
// phone and ticked that it matched) and reviews the package again.
func (s *ExchangeScreen) ConfirmKey() {
	q := s.keyAsked
	if q == nil {
		return
	}
	s.keyAsked = nil
	if err := jobs.TrustPackageKey(context.Background(), s.store, q.path, q.ke.Fingerprint.Digits); err != nil {
		s.fail(s.importMsg, err)
		return
	}
	s.Review()
	s.importMsg.SetText("Đã ghi nhận khóa ký " + q.ke.Fingerprint.String() + " của " + q.ke.OfficeName + ".")
}

// Link treats the package's unit theirs as the unit ours here and reviews the package again.
func (s *ExchangeScreen) Link(theirs, ours string) {
	im := s.imp
	if im == nil {
		return
	}
	s.reviewBtn.Disable()
	s.applyBtn.Disable()
	s.summary.SetText("Đang liên kết và đối chiếu lại …")
	Background(func() {
		ctx := context.Background()
		err := im.Link(ctx, theirs, ours)
		var names map[string]string
		if err == nil {
			names = im.ConflictNames(ctx)
		}
		fyne.Do(func() {
			s.reviewBtn.Enable()
			if err != nil {
				s.fail(s.importMsg, err)
			} else {
				s.importMsg.SetText("") // the "link them first" of a refused import no longer holds
				s.showReview(names)
				if !s.store.ReadOnly() {
					s.applyBtn.Enable()
				}
			}
			s.finish("link", err)
		})
	})
}

// Release lets go of a package reviewed but not imported as the screen goes (the window closes, or
// the screen is built again): its unpacked copy and the backup taken for it are removed, once the
// backup is copied.
func (s *ExchangeScreen) Release() {
	if s.imp != nil {
		s.imp.Close()
		s.imp = nil
	}
	s.closePackage()
}

func (s *ExchangeScreen) closePackage() {
	if im := s.imp; im != nil {
		go im.Close() // not imported: the backup goes, once copied
	}
	s.imp = nil
	s.kinds.Objects, s.conflicts.Objects = nil, nil
	s.kinds.Refresh()
	s.conflicts.Refresh()
}

// maxConflictCards is how many conflicts are shown one by one; the rest follow the choice for
// the undecided ones.
const maxConflictCards = 200

func (s *ExchangeScreen) showReview(names map[string]string) {
	rv := s.imp.Preview
	m := rv.Manifest
	n := func(x int) string { return vntext.FormatInt(int64(x)) }
	text := fmt.Sprintf("Gói của %s, xuất lúc %s (%s bản ghi). Nếu nhập: thêm %s, cập nhật %s, xóa %s, không đổi %s, xung đột %s.",
		m.OfficeName, m.ExportedAt.Local().Format("15:04 02/01/2006"), n(m.Total()), n(rv.Total.Added), n(rv.Total.Updated), n(rv.Total.Deleted), n(rv.Total.Unchanged), n(rv.Total.Conflicts))
	if note := rv.OlderNote(); note != "" {
		text += " " + note
	}
	if rv.FromCopy {
		text += " " + exchange.FromCopyNote
	}
	s.summary.SetText(text)
	grid := container.New(layout.NewFormLayout())
	for _, k := range rv.Kinds {
		if k.Added+k.Updated+k.Deleted+k.Unchanged+k.Conflicts == 0 {
			continue
		}
		grid.Add(widget.NewLabelWithStyle(vntext.UpperFirst(k.Noun), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		grid.Add(widget.NewLabel(fmt.Sprintf("thêm %s · cập nhật %s · xóa %s · không đổi %s · xung đột %s", n(k.Added), n(k.Updated), n(k.Deleted), n(k.Unchanged), n(k.Conflicts))))
	}
	s.kinds.Objects = []fyne.CanvasObject{grid}
	s.kinds.Refresh()
	s.choices = map[string]func() (exchange.Choice, bool){}
	s.conflicts.Objects = nil
	cs := rv.Conflicts()
	for i, it := range cs {
		if i == maxConflictCards {
			s.conflicts.Add(widgets.Wrapped(fmt.Sprintf("… và %s xung đột khác: chúng theo cách chọn cho các xung đột chưa quyết định ở trên.", n(len(cs)-i))))
			break
		}
		s.conflicts.Add(s.conflictCard(it, names[it.ID]))
	}
	s.conflicts.Refresh()
}

// whoWrote says who last wrote each side of a conflict and when, for a person deciding.
func (s *ExchangeScreen) whoWrote(it exchange.Item) string {
	mine, theirs := it.Sides()
	side := func(sd exchange.Side) string {
		if sd.At.IsZero() {
			return "không rõ"
		}
		text := "sửa lúc " + sd.At.Local().Format("15:04 02/01/2006")
		if name := s.store.OfficeName(context.Background(), sd.OfficeID); name != "" {
			text += " tại " + name
		}
		return text
	}
	return fmt.Sprintf("Bản của mình: %s. Bản của đơn vị gửi: %s.", side(mine), side(theirs))
}

// fieldValue is a value of a changed field as a person reads it ("(trống)" for none).
func (s *ExchangeScreen) fieldValue(f data.FieldChange, v string) string {
	return shown(s.store.ValueText(context.Background(), f.Field, v))
}

// fieldDiffs says each field in which an item's two sides differ: "Số hộ: ở đây 86, <theirs> 90".
func (s *ExchangeScreen) fieldDiffs(it exchange.Item, theirs string) []string {
	var diffs []string
	for _, f := range it.Fields {
		diffs = append(diffs, fmt.Sprintf("%s: ở đây %s, %s %s", f.Name(), s.fieldValue(f, f.Mine), theirs, s.fieldValue(f, f.Theirs)))
	}
	return diffs
}

// conflictCard shows one conflict: the fields on both sides and the person's choice.
func (s *ExchangeScreen) conflictCard(it exchange.Item, name string) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	if it.Action == exchange.Held {
		note := widgets.Wrapped("Không nhập: " + it.Reason)
		diffs := s.fieldDiffs(it, "trong gói")
		objs := []fyne.CanvasObject{title, note}
		if len(diffs) > 0 {
			objs = append(objs, widgets.Wrapped("Gói muốn đổi: "+strings.Join(diffs, "; ")+"."))
		}
		return widget.NewCard("", "", container.NewVBox(objs...))
	}
	if !it.CanTakeTheirs() {
		note := widgets.Wrapped("Đơn vị gửi đã tạo riêng một đơn vị hành chính trùng mã chính thức với đơn vị này. Nếu đó là cùng một đơn vị, bấm Liên kết: mọi số liệu của họ về đơn vị đó được gộp vào đơn vị của mình (chương trình nhớ liên kết cho các lần sau). Nếu không, hãy thống nhất với đơn vị gửi rồi sửa mã ở một nơi; gói chưa nhập được khi còn đơn vị trùng mã.")
		link := widget.NewButton("Liên kết: đây là cùng một đơn vị", func() { s.Link(it.ID, it.ClashID) })
		details := "Đơn vị ở đây: " + s.store.Describe(context.Background(), "units", it.ClashID) + "."
		diffs := s.fieldDiffs(it, "của đơn vị gửi")
		if len(diffs) > 0 {
			details += " Đơn vị của đơn vị gửi khác ở: " + strings.Join(diffs, "; ") + "."
		} else {
			details += " Đơn vị của đơn vị gửi ghi giống hệt."
		}
		return widget.NewCard("", "", container.NewVBox(title, widgets.Wrapped(details), note, container.NewHBox(link)))
	}
	why := "Cả hai nơi đều đã sửa bản ghi này từ lần trao đổi trước:"
	if it.Action == exchange.Clash {
		why = "Hai nơi đã nhập riêng cùng một bản ghi (cùng đơn vị, cùng năm). Lấy bản của đơn vị gửi thì bản của mình được xóa (hoàn tác được); hai bản khác nhau ở:"
	}
	fields := container.NewVBox()
	if who := s.whoWrote(it); who != "" {
		fields.Add(widgets.Wrapped(who))
	}
	checks := map[string]*widget.Check{}
	const byField = "Chọn từng mục (đánh dấu ở trên mục lấy của đơn vị gửi)"
	var choice *widget.RadioGroup
	for _, f := range it.Fields {
		text := fmt.Sprintf("%s — của mình: %s; của đơn vị gửi: %s", f.Name(), s.fieldValue(f, f.Mine), s.fieldValue(f, f.Theirs))
		if f.BaseKnown {
			text += "; trước đó cả hai là: " + s.fieldValue(f, f.Base)
		}
		c := widget.NewCheck(text, func(on bool) {
			if on && choice.Selected != byField {
				choice.SetSelected(byField)
			}
		})
		checks[f.Field] = c
		fields.Add(c)
	}
	choice = widget.NewRadioGroup([]string{"Giữ bản của mình", "Lấy bản của đơn vị gửi", byField}, func(v string) {
		if v != byField {
			for _, c := range checks {
				c.SetChecked(false)
			}
		}
	})
	choice.Horizontal = false
	s.choices[it.ID] = func() (exchange.Choice, bool) {
		switch {
		case choice.Selected == "Giữ bản của mình":
			return exchange.Choice{}, true
		case choice.Selected == "Lấy bản của đơn vị gửi":
			return exchange.Choice{Theirs: true}, true
		case choice.Selected == byField:
			var ch exchange.Choice
			for f, c := range checks {
				if c.Checked {
					ch.Fields = append(ch.Fields, f)
				}
			}
			return ch, true
		}
		return exchange.Choice{}, false
	}
	return widget.NewCard("", "", container.NewVBox(title, widgets.Wrapped(why), fields, choice))
}

func shown(v string) string {
	if v == "" {
		return "(trống)"
	}
	return v
}

// Choose settles a conflict as a person would on its card (for tests): "mine", "theirs" or a list
// of fields to take from theirs.
func (s *ExchangeScreen) choicesNow() map[string]exchange.Choice {
	out := map[string]exchange.Choice{}
	for id, get := range s.choices {
		if ch, ok := get(); ok {
			out[id] = ch
		}
	}
	return out
}

// Apply imports the reviewed package, after an automatic backup.
func (s *ExchangeScreen) Apply() {
	im := s.imp
	if im == nil {
		return
	}
	prefer := []string{"", "mine", "theirs"}[max(s.prefer.SelectedIndex(), 0)]
	opt := exchange.ApplyOptions{Prefer: prefer, Choices: s.choicesNow()}
	s.applyBtn.Disable()
	s.reviewBtn.Disable()
	s.importMsg.SetText("Đang sao lưu rồi nhập …")
	Background(func() {
		res, err := im.Apply(context.Background(), opt)
		fyne.Do(func() {
			s.reviewBtn.Enable()
			if err != nil {
				s.applyBtn.Enable()
				s.fail(s.importMsg, err)
			} else {
				n := func(x int) string { return vntext.FormatInt(int64(x)) }
				text := fmt.Sprintf("Đã nhập: thêm %s, cập nhật %s, xóa %s; %s xung đột để lại. Bản sao lưu trước khi nhập: %s.", n(res.Added), n(res.Updated), n(res.Deleted), n(res.Conflicts), res.Backup)
				s.closePackage() // the import's backup is kept
				s.summary.SetText("")
				s.importMsg.SetText(text)
				s.loadHistory()
			}
			s.finish("apply", err)
		})
	})
}

// Undo brings the database back to before the last import, after asking.
func (s *ExchangeScreen) Undo() {
	last, later, err := exchange.LastImportToUndo(context.Background(), s.store)
	if err != nil {
		s.fail(s.undoNote, err)
		return
	}
	lost := "Không có thay đổi nào được làm sau lần nhập đó."
	if later > 0 {
		lost = fmt.Sprintf("%s thay đổi được làm sau lần nhập đó cũng sẽ mất.", vntext.FormatInt(int64(later)))
	}
	question := fmt.Sprintf("Đưa cơ sở dữ liệu về như trước lần nhập gói của %s lúc %s? %s Bản hiện tại được sao lưu trước.",
		last.OfficeName, last.At.Local().Format("15:04 02/01/2006"), lost)
	confirm(s.win, "Hoàn tác lần nhập", question, s.undoNow)
}

func (s *ExchangeScreen) undoNow() {
	s.undoBtn.Disable()
	s.undoNote.SetText("Đang hoàn tác …")
	Background(func() {
		last, err := exchange.Undo(context.Background(), s.store)
		fyne.Do(func() {
			s.loadHistory() // the button follows what is left to undo
			if err != nil {
				s.fail(s.undoNote, err)
			} else {
				s.undoNote.SetText(fmt.Sprintf("Đã hoàn tác lần nhập gói của %s; cơ sở dữ liệu trở về như trước lần nhập đó.", last.OfficeName))
				s.loadHistory()
			}
			s.finish("undo", err)
		})
	})
}

// confirm asks a yes/no question (yes runs at once without a window, as in tests).
// inform tells a person something in a dialog whose text wraps at a readable width.
func inform(win fyne.Window, title, text string) {
	if win == nil {
		return
	}
	d := dialog.NewCustom(title, "Đóng", widgets.Wrapped(text), win)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

func confirm(win fyne.Window, title, question string, yes func()) {
	if win == nil {
		yes()
		return
	}
	d := dialog.NewConfirm(title, question, func(ok bool) {
		if ok {
			yes()
		}
	}, win)
	d.SetConfirmText("Đồng ý")
	d.SetDismissText("Thôi")
	d.Show()
}

func (s *ExchangeScreen) loadHistory() {
	hs, err := exchange.History(context.Background(), s.store)
	s.history.Objects = nil
	if err != nil {
		s.history.Add(widgets.Wrapped(data.Message(err)))
	}
	if len(hs) == 0 && err == nil {
		s.history.Add(widgets.Wrapped("Chưa có lần xuất, nhập gói nào."))
	}
	for i, h := range hs {
		if i == 50 {
			break
		}
		line := fmt.Sprintf("%s — %s", h.At.Local().Format("15:04 02/01/2006"), h.Describe(filepath.Base(h.File)))
		if h.Person != "" {
			line += " (" + h.Person + ")"
		}
		s.history.Add(widgets.Wrapped(line))
	}
	s.history.Refresh()
	// Undo is offered only when there is an import to undo.
	if _, ok := exchange.LastImport(hs); ok && err == nil && !s.store.ReadOnly() {
		s.undoBtn.Enable()
	} else {
		s.undoBtn.Disable()
	}
}

func (s *ExchangeScreen) fail(line *widget.Label, err error) { showError(line, s.win, err) }

// chooseFolder and chooseFile open Fyne's own dialogs, in Vietnamese.
func (s *ExchangeScreen) chooseFolder() {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err == nil && u != nil {
			s.outDir.SetText(u.Path())
		}
	}, s.win)
	if l, err := storage.ListerForURI(storage.NewFileURI(s.outDir.Value())); err == nil {
		d.SetLocation(l)
	}
	showFileDialog(d, s.win)
}

func (s *ExchangeScreen) chooseFile() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err == nil && r != nil {
			s.pkgPath.SetText(r.URI().Path())
			r.Close()
			s.Review()
		}
	}, s.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".knx"}))
	showFileDialog(d, s.win)
}

func (s *ExchangeScreen) CreateRenderer() fyne.WidgetRenderer {
	exportTab := container.NewVBox(
		widgets.Wrapped("Xuất gói dữ liệu để mang sang đơn vị khác bằng ổ USB. Gói chỉ được đọc từ cơ sở dữ liệu, không thay đổi gì ở đây."),
		s.wholeDB,
		container.NewGridWrap(fyne.NewSize(420, 160), s.scope.View()),
		widget.NewForm(widget.NewFormItem("Lưu vào thư mục", container.NewBorder(nil, nil, nil, widget.NewButton("Chọn thư mục…", s.chooseFolder), s.outDir))),
		container.NewBorder(nil, nil, nil, s.openDir, s.exportBtn), s.exportBar, s.exportMsg,
	)
	importTop := container.NewVBox(
		widgets.Wrapped("Nhập gói của đơn vị khác: gói được kiểm tra, đối chiếu, rồi chỉ ghi khi bạn bấm Nhập; trước khi ghi, cơ sở dữ liệu được sao lưu tự động."),
		widget.NewForm(widget.NewFormItem("Tệp gói", container.NewBorder(nil, nil, nil, widget.NewButton("Chọn tệp…", s.chooseFile), s.pkgPath))),
		s.reviewBtn, s.summary,
	)
	importBottom := container.NewVBox(widget.NewForm(widget.NewFormItem("Các xung đột chưa chọn", s.prefer)), s.applyBtn, s.importMsg)
	importTab := container.NewBorder(importTop, importBottom, nil, nil, container.NewVScroll(container.NewVBox(s.conflicts, s.kinds)))
	historyTab := container.NewBorder(container.NewVBox(container.NewHBox(s.undoBtn), s.undoNote), nil, nil, nil, container.NewVScroll(s.history))
	tabs := container.NewAppTabs(
		container.NewTabItem("Xuất gói", container.NewVScroll(exportTab)),
		container.NewTabItem("Nhập gói", importTab),
		container.NewTabItem("Lịch sử, hoàn tác", historyTab),
	)
	return widget.NewSimpleRenderer(tabs)
}
