package screen

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketnghia/app/jobs"
	"ketnghia/app/window/widgets"
	"ketnghia/data"
	"ketnghia/data/vntext"
)

// SubmissionsTitle is the screen's name in the navigation.
const SubmissionsTitle = "Tình hình nộp số liệu"

// submissionColumns are the list's columns: title and width at 100%.
var submissionColumns = []struct {
	title string
	width float32
}{{"", 34}, {"Mã", 62}, {"Xã, phường", 160}, {"Địa bàn", 120}, {"Tình trạng", 128}, {"Gửi", 180}, {"Duyệt, trả lại, mở lại", 180}, {"Ghi chú", 420}}

// SubmissionsScreen shows where every commune's figures of a year stand (đang nhập, đã gửi, đã
// duyệt, trả lại, mở lại), with filters, and takes the steps of the cycle for the communes ticked:
// send them up, accept or return them (the province's office), reopen them (the office that
// accepted them), each with its note where one is needed.
type SubmissionsScreen struct {
	widget.BaseWidget
	store *data.Store
	win   fyne.Window

	year    *widget.Select
	state   *widget.Select
	search  *widgets.TextEntry
	summary *widget.Label
	line    *widget.Label
	table   *widget.Table
	buttons map[data.SubmissionAction]*widget.Button
	content fyne.CanvasObject

	status jobs.Status
	shown  []jobs.StatusRow // the rows the filters keep
	ticked map[string]bool  // by unit ID
	loads  int
}

// NewSubmissionsScreen builds the screen for the present year.
func NewSubmissionsScreen(st *data.Store, w fyne.Window) *SubmissionsScreen {
	s := &SubmissionsScreen{store: st, win: w, ticked: map[string]bool{}, buttons: map[data.SubmissionAction]*widget.Button{}}
	years, _ := yearChoices(st)
	s.year = widget.NewSelect(years, func(string) { s.ticked = map[string]bool{}; s.Reload() })
	states := []string{"Tất cả"}
	for _, st := range data.SubmissionStates() {
		states = append(states, st.Label())
	}
	s.state = widget.NewSelect(states, func(string) { s.filter() })
	s.search = widgets.NewTextEntry("Tìm xã, phường (gõ không dấu cũng được)")
	s.search.OnChanged = func(string) { s.filter() }
	s.summary = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.summary.Wrapping = fyne.TextWrapWord
	s.line = widget.NewLabel("")
	s.line.Wrapping = fyne.TextWrapWord
	s.table = widget.NewTableWithHeaders(func() (int, int) { return len(s.shown), len(submissionColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewStack(l, widget.NewIcon(nil))
		}, s.updateCell)
	s.table.ShowHeaderColumn = false
	s.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(submissionColumns[id.Col].title)
		}
	}
	s.sizeColumns()
	s.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(s.shown) {
			u := s.shown[id.Row].UnitID
			s.ticked[u] = !s.ticked[u]
			s.table.RefreshItem(widget.TableCellID{Row: id.Row, Col: 0})
			s.updateButtons()
			if r := s.shown[id.Row]; s.ticked[u] && (r.Note != "" || r.DecidedOn != "") {
				s.line.SetText(details(r)) // the whole of what the columns cut short
			}
		}
		s.table.UnselectAll()
	}
	all := widget.NewButton("Chọn các xã đang hiện", func() {
		for _, r := range s.shown {
			s.ticked[r.UnitID] = true
		}
		s.table.Refresh()
		s.updateButtons()
	})
	none := widget.NewButton("Bỏ chọn", func() { s.ticked = map[string]bool{}; s.table.Refresh(); s.updateButtons() })
	for _, act := range []data.SubmissionAction{data.ActSubmit, data.ActAccept, data.ActReturn, data.ActReopen} {
		label := act.Label()
		if act == data.ActReturn || act == data.ActReopen {
			label += "…"
		}
		s.buttons[act] = widget.NewButton(label, func() { s.ask(act) })
	}
	s.buttons[data.ActAccept].Importance = widget.HighImportance
	top := container.NewBorder(nil, nil, container.NewHBox(widget.NewLabel("Năm"), s.year, widget.NewLabel("Tình trạng"), s.state), nil, s.search)
	actions := widgets.NewFlow(all, none, s.buttons[data.ActSubmit], s.buttons[data.ActAccept], s.buttons[data.ActReturn], s.buttons[data.ActReopen])
	s.content = container.NewBorder(container.NewVBox(top, s.summary, actions, s.line), nil, nil, nil, s.table)
	s.ExtendBaseWidget(s)
	s.state.SetSelected("Tất cả")
	s.year.SetSelected(strconv.Itoa(st.Today().Year()))
	return s
}

func (s *SubmissionsScreen) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(s.content)
}

// sizeColumns gives the columns their widths at the text size in use.
func (s *SubmissionsScreen) sizeColumns() {
	scale := theme.TextSize() / 14
	for i, c := range submissionColumns {
		s.table.SetColumnWidth(i, c.width*scale)
	}
}

// Refresh follows a change of the text size.
func (s *SubmissionsScreen) Refresh() {
	s.sizeColumns()
	s.BaseWidget.Refresh()
}

// DataChanged reads the year again when any figure or submission changed (an import, another
// screen).
func (s *SubmissionsScreen) DataChanged() { s.Reload() }

// Reload reads the year's communes and their states in the background.
func (s *SubmissionsScreen) Reload() {
	year, err := strconv.Atoi(s.year.Selected)
	if err != nil {
		return
	}
	s.loads++
	load := s.loads
	Background(func() {
		st, err := jobs.SubmissionStatus(context.Background(), s.store, year)
		fyne.Do(func() {
			if load != s.loads {
				return // a newer year was chosen meanwhile
			}
			if err != nil {
				showError(s.line, nil, err)
				return
			}
			s.status = st
			s.summary.SetText("Năm " + strconv.Itoa(year) + ": " + st.Sentence())
			s.filter()
		})
	})
}

// filter keeps the rows of the state chosen whose name or code holds the search text.
func (s *SubmissionsScreen) filter() {
	want := vntext.Fold(s.search.Value())
	s.shown = s.shown[:0:0]
	for _, r := range s.status.Rows {
		if s.state.Selected != "" && s.state.Selected != "Tất cả" && r.StateLabel != s.state.Selected {
			continue
		}
		if want != "" && !strings.Contains(vntext.Fold(r.Name), want) && !strings.Contains(r.Code, want) {
			continue
		}
		s.shown = append(s.shown, r)
	}
	s.table.Refresh()
	s.updateButtons()
}

func (s *SubmissionsScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	cell := o.(*fyne.Container)
	l, icon := cell.Objects[0].(*widget.Label), cell.Objects[1].(*widget.Icon)
	icon.Hide()
	if id.Row >= len(s.shown) {
		l.SetText("")
		return
	}
	r := s.shown[id.Row]
	text := ""
	switch id.Col {
	case 0:
		res := theme.CheckButtonIcon()
		if s.ticked[r.UnitID] {
			res = theme.CheckButtonCheckedIcon()
		}
		icon.SetResource(res)
		icon.Show()
	case 1:
		text = r.Code
	case 2:
		text = r.Name
	case 3:
		text = shortArea(r.Area)
	case 4:
		text = r.StateLabel
		if r.Sample {
			text += " (mẫu)"
		}
	case 5:
		if r.SentOn != "" {
			text = r.SentOn + " · " + r.SentBy
		}
	case 6:
		if r.DecidedOn != "" {
			text = r.DecidedOn + " · " + r.DecidedBy
		}
	case 7:
		text = r.Note
	}
	l.TextStyle.Bold = id.Col == 4 && r.State == data.StateReturned
	l.SetText(text)
}

// Ticked lists the units ticked among those shown, in order.
func (s *SubmissionsScreen) Ticked() []jobs.StatusRow {
	var out []jobs.StatusRow
	for _, r := range s.shown {
		if s.ticked[r.UnitID] {
			out = append(out, r)
		}
	}
	return out
}

func (s *SubmissionsScreen) updateButtons() {
	n := len(s.Ticked())
	for _, b := range s.buttons {
		if n == 0 || s.store.ReadOnly() {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	switch {
	case s.store.ReadOnly():
		s.line.SetText("Tệp đang mở chỉ để xem nên không gửi, duyệt được số liệu.")
	case n == 0:
		s.line.SetText("Bấm vào dòng của xã (hoặc “Chọn các xã đang hiện”) để đánh dấu, rồi chọn Gửi số liệu, Duyệt, Trả lại hay Mở lại.")
	default:
		s.line.SetText(fmt.Sprintf("Đã chọn %s xã.", vntext.FormatInt(int64(n))))
	}
}

// ask takes the step act for the communes ticked, asking first (and for the note of a return or
// a reopening).
func (s *SubmissionsScreen) ask(act data.SubmissionAction) {
	rows := s.Ticked()
	if len(rows) == 0 {
		return
	}
	var names []string
	for _, r := range rows {
		names = append(names, r.Name)
	}
	list := strings.Join(names, ", ")
	if len(names) > 6 {
		list = strings.Join(names[:6], ", ") + fmt.Sprintf(" và %d xã khác", len(names)-6)
	}
	year := s.status.Year
	question := map[data.SubmissionAction]string{
		data.ActSubmit: "Gửi số liệu năm %d của %s lên văn phòng cấp tỉnh? Sau khi được duyệt, số liệu này không sửa được nữa trừ khi được mở lại.",
		data.ActAccept: "Duyệt số liệu năm %d của %s? Từ đó số liệu này không sửa được ở bất cứ đâu (ở đây và ở xã) cho đến khi văn phòng này mở lại.",
		data.ActReturn: "Trả lại số liệu năm %d của %s để xã sửa rồi gửi lại. Hãy ghi lý do:",
		data.ActReopen: "Mở lại số liệu năm %d đã duyệt của %s để sửa. Hãy ghi lý do (được ghi vào lịch sử):",
	}[act]
	text := fmt.Sprintf(question, year, list)
	do := func(note string) {
		if err := s.store.Decide(context.Background(), act, year, s.ids(rows), note); err != nil {
			showError(s.line, s.win, err)
			return
		}
		s.ticked = map[string]bool{}
		s.Reload()
	}
	if act == data.ActSubmit || act == data.ActAccept {
		if s.win == nil {
			do("")
			return
		}
		dialog.ShowConfirm(act.Label(), text, func(ok bool) {
			if ok {
				do("")
			}
		}, s.win)
		return
	}
	note := widgets.NewMultiLineTextEntry("Lý do")
	note.SetMinRowsVisible(3)
	message := widget.NewLabel("")
	message.Importance = widget.DangerImportance
	message.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(widgets.Wrapped(text), note, message)
	if s.win == nil {
		return
	}
	var d *dialog.CustomDialog
	ok := widget.NewButton(act.Label(), func() {
		if err := s.store.Decide(context.Background(), act, year, s.ids(rows), note.Value()); err != nil {
			message.SetText(data.Message(err)) // the dialog stays, with what was typed
			return
		}
		d.Hide()
		s.ticked = map[string]bool{}
		s.Reload()
	})
	ok.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons(act.Label(), body, s.win)
	d.SetButtons([]fyne.CanvasObject{widget.NewButton("Hủy", func() { d.Hide() }), ok})
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
	s.win.Canvas().Focus(note)
}

func (s *SubmissionsScreen) ids(rows []jobs.StatusRow) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.UnitID
	}
	return out
}

// SetYear chooses the year shown (tests, and the dashboard's link).
func (s *SubmissionsScreen) SetYear(year int) { s.year.SetSelected(strconv.Itoa(year)) }

// Do takes the step act for the units of codes with note, as the buttons do (tests).
func (s *SubmissionsScreen) Do(act data.SubmissionAction, note string, codes ...string) error {
	var rows []jobs.StatusRow
	for _, r := range s.status.Rows {
		for _, c := range codes {
			if r.Code == c {
				rows = append(rows, r)
			}
		}
	}
	err := s.store.Decide(context.Background(), act, s.status.Year, s.ids(rows), note)
	if err == nil {
		s.Reload()
	}
	return err
}

// Rows are the rows shown.
func (s *SubmissionsScreen) Rows() []jobs.StatusRow { return s.shown }

// shortArea is an area as its column shows it: "Đắk Glei (cũ)" for "Địa bàn huyện Đắk Glei cũ".
func shortArea(area string) string {
	for _, p := range []string{"Địa bàn huyện ", "Địa bàn thành phố ", "Huyện ", "Thành phố "} {
		if rest, ok := strings.CutPrefix(area, p); ok {
			if rest, former := strings.CutSuffix(rest, " cũ"); former {
				return rest + " (cũ)"
			}
			return rest
		}
	}
	return area
}

// details says a row whole: who sent, who decided, the note.
func details(r jobs.StatusRow) string {
	text := r.Name + ": " + r.StateLabel
	if r.Sample {
		text += " (mẫu)"
	}
	if r.SentOn != "" {
		text += "; gửi ngày " + r.SentOn + " bởi " + r.SentBy
	}
	if r.DecidedOn != "" {
		text += "; " + strings.ToLower(r.StateLabel) + " ngày " + r.DecidedOn + " bởi " + r.DecidedBy
	}
	if r.Note != "" {
		text += ". Ghi chú: " + r.Note
	}
	return text + "."
}
