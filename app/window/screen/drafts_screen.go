package screen

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketnghia/app/buildinfo"
	"ketnghia/app/jobs"
	"ketnghia/app/window/widgets"
	"ketnghia/data"
	"ketnghia/data/vntext"
	"ketnghia/reports"
)

// DraftsTitle is the screen's name in the navigation.
const DraftsTitle = "Báo cáo tổng hợp"

// DraftsScreen (Báo cáo tổng hợp): the committee's whole reports being written. On the left the
// drafts and the open draft's outline; on the right its header and its sections, each paragraph
// an entry (Vietnamese typing as everywhere), the paragraphs drafted from the figures marked as
// such. "Tạo bản thảo" drafts a new one from the figures, "Cập nhật số liệu" shows each paragraph
// the figures now word otherwise before anything is written, "Bản cho kỳ sau" starts next year's
// from the one open; the PDF (with its annexes) and the Word file are written into the reports'
// folder.
type DraftsScreen struct {
	widget.BaseWidget
	store  *data.Store
	win    fyne.Window
	folder string

	drafts  []data.Draft
	list    *widget.List
	outline *widget.List

	current *data.Draft // the draft in the form (a new one has no ID yet)
	form    formGuard
	// The form: the header, the annexes, the paragraphs' entries by section.
	period     *widget.Label
	subject    *widgets.TextEntry
	number     *widgets.TextEntry
	place      *widgets.TextEntry
	dated      *widgets.TextEntry
	signer     *widgets.TextEntry
	recipients *widgets.TextEntry
	annexes    *widget.CheckGroup
	sections   *fyne.Container
	entries    [][]*widgets.TextEntry
	heads      []fyne.CanvasObject // each section's heading, to scroll to from the outline
	scroll     *container.Scroll
	editor     fyne.CanvasObject
	empty      *widget.Label

	save, refresh, next, pdf, word, remove *widget.Button
	status                                 *widget.Label
	content                                fyne.CanvasObject

	// Done, when set (tests), is told when a background step has finished.
	Done func()
}

// NewDraftsScreen builds the screen; folder is where the files go ("" : ReportsFolder).
func NewDraftsScreen(st *data.Store, w fyne.Window, folder string) *DraftsScreen {
	if folder == "" {
		folder = ReportsFolder(st)
	}
	s := &DraftsScreen{store: st, win: w, folder: folder}
	s.form = formGuard{win: w, state: s.state}
	s.list = widget.NewList(func() int { return len(s.drafts) },
		func() fyne.CanvasObject {
			return widget.NewLabel("Báo cáo tổng kết giai đoạn 2021–2025\nsửa 05/12/2026 17:23")
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			d := s.drafts[i]
			o.(*widget.Label).SetText(d.Title() + "\n" + "sửa " + d.UpdatedAt.Time().Local().Format("02/01/2006 15:04"))
		})
	s.list.OnSelected = func(i widget.ListItemID) {
		if s.current != nil && s.current.ID == s.drafts[i].ID {
			return
		}
		d := s.drafts[i]
		s.form.ask(s.what(), func() { s.open(d) }, s.selectCurrent)
	}
	s.outline = widget.NewList(func() int {
		if s.current == nil {
			return 0
		}
		return len(s.current.Sections)
	}, func() fyne.CanvasObject {
		l := widget.NewLabel("III. PHƯƠNG HƯỚNG, NHIỆM VỤ (12 đoạn)")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(s.outlineLine(i)) })
	s.outline.OnSelected = func(i widget.ListItemID) {
		if i < len(s.heads) {
			s.scroll.Offset = fyne.NewPos(0, s.heads[i].Position().Y)
			s.scroll.Refresh()
		}
		s.outline.UnselectAll()
	}

	s.period = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.subject = widgets.NewMultiLineTextEntry("Để trống: trích yếu theo loại và kỳ báo cáo")
	s.subject.SetMinRowsVisible(2)
	s.number = widgets.NewPlainEntry("Để trống: ghi tay sau khi in")
	s.place = widgets.NewTextEntry("Để trống: theo Cài đặt")
	s.dated = widgets.NewPlainEntry("dd/mm/yyyy; để trống: ngày in")
	s.signer = widgets.NewTextEntry("Để trống: theo Cài đặt")
	s.recipients = widgets.NewMultiLineTextEntry("Mỗi nơi nhận một dòng; để trống: theo Cài đặt")
	s.recipients.SetMinRowsVisible(3)
	var annexNames []string
	for _, code := range data.AnnexKinds() {
		annexNames = append(annexNames, reports.AnnexName(code))
	}
	s.annexes = widget.NewCheckGroup(annexNames, nil)
	s.sections = container.NewVBox()
	header := widget.NewForm(
		widget.NewFormItem("Trích yếu", s.subject),
		widget.NewFormItem("Số", s.number),
		widget.NewFormItem("Địa danh", s.place),
		widget.NewFormItem("Ngày", s.dated),
		widget.NewFormItem("Người ký", s.signer),
		widget.NewFormItem("Nơi nhận", s.recipients),
	)
	acc := widget.NewAccordion(
		widget.NewAccordionItem("Thông tin đầu văn bản, người ký, nơi nhận", header),
		widget.NewAccordionItem("Phụ lục in kèm (báo cáo của chương trình)", s.annexes),
	)
	acc.MultiOpen = true
	s.scroll = container.NewVScroll(container.NewVBox(s.period, acc, widget.NewSeparator(), s.sections))

	s.save = widget.NewButtonWithIcon("Lưu", theme.DocumentSaveIcon(), s.Save)
	s.save.Importance = widget.HighImportance
	s.refresh = widget.NewButtonWithIcon("Cập nhật số liệu", theme.ViewRefreshIcon(), s.RefreshFigures)
	s.next = widget.NewButtonWithIcon("Bản cho kỳ sau", theme.ContentCopyIcon(), s.Next)
	s.pdf = widget.NewButtonWithIcon("In PDF", theme.DocumentPrintIcon(), func() { s.write(".pdf") })
	s.word = widget.NewButtonWithIcon("Xuất Word", theme.FileTextIcon(), func() { s.write(".docx") })
	s.remove = widget.NewButtonWithIcon("Xóa", theme.DeleteIcon(), s.Delete)
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	buttons := container.NewHBox(s.save, s.refresh, s.next, s.pdf, s.word, s.remove)
	s.empty = widgets.Wrapped("Chọn một bản thảo ở bên trái, hoặc bấm \"Tạo bản thảo\" để chương trình soạn báo cáo năm, sơ kết, tổng kết từ số liệu.")
	s.editor = container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), container.NewHScroll(buttons), s.status), nil, nil, s.scroll)

	create := widget.NewButtonWithIcon("Tạo bản thảo…", theme.ContentAddIcon(), s.askNew)
	create.Importance = widget.HighImportance
	left := container.NewVSplit(
		container.NewBorder(container.NewVBox(create, widget.NewLabelWithStyle("Các bản thảo", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})), nil, nil, nil, s.list),
		container.NewBorder(widget.NewLabelWithStyle("Dàn ý (bấm để đến mục)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, s.outline))
	left.Offset = 0.45
	split := container.NewHSplit(left, container.NewStack(s.empty, s.editor))
	split.Offset = 0.27
	s.content = split
	s.ExtendBaseWidget(s)
	s.show(nil)
	s.reload()
	return s
}

// CreateRenderer draws the screen's layout.
func (s *DraftsScreen) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(s.content)
}

// reload lists the drafts again and keeps the one in the form selected.
func (s *DraftsScreen) reload() {
	ds, err := s.store.ListDrafts(context.Background())
	if err != nil {
		showError(s.status, nil, err)
		return
	}
	s.drafts = ds
	s.list.Refresh()
	s.selectCurrent()
}

// what names the draft in the form for the unsaved-changes question.
func (s *DraftsScreen) what() string {
	if s.current == nil {
		return "bản thảo"
	}
	return "bản thảo " + vntext.LowerFirst(s.current.Title())
}

// selectCurrent puts the list's selection back on the draft in the form.
func (s *DraftsScreen) selectCurrent() {
	for i, d := range s.drafts {
		if s.current != nil && d.ID == s.current.ID {
			s.list.Select(i)
			return
		}
	}
	s.list.UnselectAll()
}

// open shows a draft in the form.
func (s *DraftsScreen) open(d data.Draft) {
	s.show(&d)
	s.status.SetText(fmt.Sprintf("%s: các đoạn ghi \"số liệu\" bên trái được soạn từ số liệu; sửa thoải mái, \"Cập nhật số liệu\" sẽ hỏi trước khi thay đoạn đã sửa.", d.Title()))
}

// show fills the form with d (nil: nothing open).
func (s *DraftsScreen) show(d *data.Draft) {
	s.current = d
	if d == nil {
		s.editor.Hide()
		s.empty.Show()
	} else {
		s.empty.Hide()
		s.editor.Show()
	}
	s.sections.Objects, s.entries, s.heads = nil, nil, nil
	if d == nil {
		s.form.filled()
		s.outline.Refresh()
		s.Refresh()
		return
	}
	s.period.SetText(d.Title())
	s.subject.SetText(d.Subject)
	s.number.SetText(d.Number)
	s.place.SetText(d.Place)
	s.dated.SetText("")
	if !d.Dated.IsZero() {
		s.dated.SetText(d.Dated.String())
	}
	s.signer.SetText(d.SignerName)
	s.recipients.SetText(strings.Join(d.Recipients, "\n"))
	var chosen []string
	for _, code := range d.Annexes {
		chosen = append(chosen, reports.AnnexName(code))
	}
	s.annexes.SetSelected(chosen)
	for i, sec := range d.Sections {
		head := widget.NewLabelWithStyle(sec.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		if sec.Level == 0 {
			head.SetText(sec.Title + " (không in tên mục)")
			head.TextStyle = fyne.TextStyle{Italic: true}
		}
		head.Wrapping = fyne.TextWrapWord
		s.heads = append(s.heads, head)
		s.sections.Add(head)
		if sec.Prompt != "" {
			prompt := widget.NewLabel(sec.Prompt)
			prompt.Wrapping = fyne.TextWrapWord
			prompt.Importance = widget.LowImportance
			s.sections.Add(prompt)
		}
		var es []*widgets.TextEntry
		for _, p := range sec.Paragraphs {
			e := s.paragraphEntry(i, p)
			es = append(es, e)
			s.sections.Add(s.paragraphRow(e, p))
		}
		s.entries = append(s.entries, es)
		add := widget.NewButtonWithIcon("Thêm đoạn", theme.ContentAddIcon(), func() { s.addParagraph(i) })
		add.Importance = widget.LowImportance
		s.sections.Add(container.NewHBox(add))
	}
	s.sections.Refresh()
	s.scroll.ScrollToTop()
	s.form.filled()
	s.outline.Refresh()
	s.Refresh()
}

// paragraphEntry is the entry of a paragraph; typing in it keeps the outline's counts live.
func (s *DraftsScreen) paragraphEntry(section int, p data.DraftParagraph) *widgets.TextEntry {
	e := widgets.NewMultiLineTextEntry("Viết đoạn văn ở đây")
	e.SetText(p.Text)
	e.SetMinRowsVisible(3)
	e.OnChanged = func(string) { s.outline.RefreshItem(section) }
	return e
}

// paragraphRow is a paragraph's entry, with "số liệu" beside it when it was drafted from the
// figures (a refresh may redraft it).
func (s *DraftsScreen) paragraphRow(e *widgets.TextEntry, p data.DraftParagraph) fyne.CanvasObject {
	if p.Source == "" {
		return e
	}
	mark := widget.NewLabel("số liệu")
	mark.Importance = widget.SuccessImportance
	return container.NewBorder(nil, nil, mark, nil, e)
}

// addParagraph adds an empty paragraph a person writes at the end of section i.
func (s *DraftsScreen) addParagraph(i int) {
	d := s.edited()
	d.Sections[i].Paragraphs = append(d.Sections[i].Paragraphs, data.DraftParagraph{})
	clean := s.form.clean
	s.show(&d)
	s.form.clean = clean // the new paragraph is an edit not saved yet
	if es := s.entries[i]; len(es) > 0 {
		s.win.Canvas().Focus(es[len(es)-1])
	}
}

// outlineLine is a section's line in the outline: its title and how many paragraphs and words
// it holds now.
func (s *DraftsScreen) outlineLine(i int) string {
	sec := s.current.Sections[i]
	paragraphs, words := 0, 0
	if i < len(s.entries) {
		for _, e := range s.entries[i] {
			if t := strings.TrimSpace(e.Text); t != "" {
				paragraphs++
				words += len(strings.Fields(t))
			}
		}
	}
	indent := ""
	if sec.Level == 2 {
		indent = "    "
	}
	if paragraphs == 0 {
		return indent + sec.Title + " (chưa viết)"
	}
	return fmt.Sprintf("%s%s (%d đoạn, %d chữ)", indent, sec.Title, paragraphs, words)
}

// edited is the draft as the form holds it now.
func (s *DraftsScreen) edited() data.Draft {
	d := *s.current
	d.Subject = strings.TrimSpace(s.subject.Value())
	d.Number = strings.TrimSpace(s.number.Value())
	d.Place = strings.TrimSpace(s.place.Value())
	d.SignerName = strings.TrimSpace(s.signer.Value())
	d.Recipients = nil
	for _, line := range strings.Split(s.recipients.Value(), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			d.Recipients = append(d.Recipients, line)
		}
	}
	d.Annexes = nil
	for _, code := range data.AnnexKinds() {
		for _, name := range s.annexes.Selected {
			if name == reports.AnnexName(code) {
				d.Annexes = append(d.Annexes, code)
			}
		}
	}
	d.Sections = make([]data.DraftSection, len(s.current.Sections))
	for i, sec := range s.current.Sections {
		sec.Paragraphs = append([]data.DraftParagraph(nil), sec.Paragraphs...)
		for j := range sec.Paragraphs {
			if i < len(s.entries) && j < len(s.entries[i]) {
				sec.Paragraphs[j].Text = strings.TrimSpace(s.entries[i][j].Value())
			}
		}
		d.Sections[i] = sec
	}
	return d
}

// state is what the form holds, for the unsaved-changes guard.
func (s *DraftsScreen) state() string {
	if s.current == nil {
		return ""
	}
	d := s.edited()
	var b strings.Builder
	fmt.Fprintf(&b, "%q|%q|%q|%q|%q|%q|%v", d.Subject, d.Number, d.Place, s.dated.Text, d.SignerName, d.Recipients, d.Annexes)
	for _, sec := range d.Sections {
		for _, p := range sec.Paragraphs {
			b.WriteString("|" + p.Text)
		}
	}
	return b.String()
}

// Save writes the draft in the form; a refused save keeps the input and says why.
func (s *DraftsScreen) Save() {
	if s.current == nil {
		return
	}
	d := s.edited()
	d.Dated = data.Date{}
	if text := strings.TrimSpace(s.dated.Value()); text != "" {
		t, err := vntext.ParseDate(text)
		if err != nil {
			showError(s.status, s.win, &data.Error{Kind: data.KindInvalid, Field: "dated", Msg: fmt.Sprintf("Ngày \"%s\" không đọc được; hãy viết dạng dd/mm/yyyy, ví dụ 05/03/2026, hoặc để trống để lấy ngày in.", text)})
			return
		}
		d.Dated = data.DateOf(t)
	}
	if err := s.store.SaveDraft(context.Background(), &d); err != nil {
		showError(s.status, s.win, err)
		return
	}
	s.current = &d
	s.form.filled()
	s.reload()
	s.status.SetText(fmt.Sprintf("Đã lưu %s; mỗi thay đổi có trong lịch sử thay đổi.", vntext.LowerFirst(d.Title())))
}

// Delete removes the draft in the form, after asking.
func (s *DraftsScreen) Delete() {
	if s.current == nil {
		return
	}
	d := *s.current
	if d.ID == "" { // a new draft not saved: dropping it asks as leaving it does
		s.form.ask(s.what(), func() { s.show(nil) }, func() {})
		return
	}
	dialog.ShowConfirm("Xóa bản thảo", fmt.Sprintf("Xóa %s? Bản thảo đã xóa vẫn có trong lịch sử thay đổi và bản sao lưu.", vntext.LowerFirst(d.Title())), func(ok bool) {
		if !ok {
			return
		}
		if err := s.store.DeleteDraft(context.Background(), d.ID); err != nil {
			showError(s.status, s.win, err)
			return
		}
		s.show(nil)
		s.reload()
		s.status.SetText("Đã xóa " + vntext.LowerFirst(d.Title()) + ".")
	}, s.win)
}

// askNew asks the kind and years of a new draft (and its province, in a file of several), then
// drafts it from the figures.
func (s *DraftsScreen) askNew() {
	s.form.ask(s.what(), func() {
		years, latest := yearChoices(s.store)
		kinds := make([]string, len(data.DraftKinds))
		for i, k := range data.DraftKinds {
			kinds[i] = k.Label()
		}
		kind := widget.NewSelect(kinds, nil)
		kind.SetSelectedIndex(0)
		from, to := widget.NewSelect(years, nil), widget.NewSelect(years, nil)
		from.SetSelected(strconv.Itoa(latest))
		to.SetSelected(strconv.Itoa(latest))
		// A file of several provinces (the national sample) drafts one province's report, among
		// the provinces of the last year chosen.
		var codes []string
		province := widget.NewSelect(nil, nil)
		fillProvinces := func() {
			year, _ := strconv.Atoi(to.Selected)
			chosen := ""
			if i := province.SelectedIndex(); i >= 0 && i < len(codes) {
				chosen = codes[i]
			}
			province.Options, codes = nil, nil
			if ps, err := jobs.Provinces(context.Background(), s.store, year); err == nil && len(ps) > 1 {
				for _, p := range ps {
					province.Options, codes = append(province.Options, p.Name), append(codes, p.Code)
				}
			}
			province.SetSelectedIndex(max(0, slices.Index(codes, chosen)))
			province.Refresh()
		}
		fillProvinces()
		kind.OnChanged = func(string) {
			if kind.SelectedIndex() == 0 {
				from.SetSelected(to.Selected)
			}
		}
		to.OnChanged = func(string) {
			if kind.SelectedIndex() == 0 {
				from.SetSelected(to.Selected)
			}
			fillProvinces()
		}
		items := []*widget.FormItem{widget.NewFormItem("Loại báo cáo", kind), widget.NewFormItem("Từ năm", from), widget.NewFormItem("Đến năm", to)}
		if len(codes) > 0 {
			items = append(items, widget.NewFormItem("Tỉnh", province))
		}
		dialog.ShowForm("Tạo bản thảo từ số liệu", "Soạn", "Thôi", items, func(ok bool) {
			if !ok {
				return
			}
			f, _ := strconv.Atoi(from.Selected)
			t, _ := strconv.Atoi(to.Selected)
			code := ""
			if i := province.SelectedIndex(); i >= 0 && i < len(codes) {
				code = codes[i]
			}
			s.draftNew(data.DraftKinds[max(kind.SelectedIndex(), 0)], f, t, code)
		}, s.win)
	}, s.selectCurrent)
}

// draftNew drafts a new draft of a province ("": the file's one) off the UI thread and opens it, not saved yet.
func (s *DraftsScreen) draftNew(kind data.DraftKind, from, to int, province string) {
	s.status.SetText(fmt.Sprintf("Đang soạn bản thảo từ số liệu %d–%d …", from, to))
	s.busy(true)
	Background(func() {
		d, err := largeJob(func() (data.Draft, error) {
			return jobs.NewDraft(context.Background(), s.store, kind, from, to, province)
		})
		fyne.Do(func() {
			s.busy(false)
			defer s.finished()
			if err != nil {
				showError(s.status, s.win, err)
				return
			}
			s.list.UnselectAll()
			s.show(&d)
			s.form.clean = "" // a new draft is unsaved until Lưu
			s.status.SetText(fmt.Sprintf("Đã soạn %s từ số liệu (chưa lưu): đọc, sửa, viết các mục II–IV, rồi bấm Lưu.", vntext.LowerFirst(d.Title())))
		})
	})
}

// Next starts the next period's draft from the one open (not saved yet).
func (s *DraftsScreen) Next() {
	if s.current == nil {
		return
	}
	prev := s.edited()
	s.form.ask(s.what(), func() {
		s.status.SetText("Đang soạn bản thảo cho kỳ sau …")
		s.busy(true)
		Background(func() {
			d, err := largeJob(func() (data.Draft, error) {
				return jobs.NextDraft(context.Background(), s.store, prev)
			})
			fyne.Do(func() {
				s.busy(false)
				defer s.finished()
				if err != nil {
					showError(s.status, s.win, err)
					return
				}
				s.list.UnselectAll()
				s.show(&d)
				s.form.clean = ""
				s.status.SetText(fmt.Sprintf("Đã soạn %s từ số liệu, giữ các đoạn tự viết của %s (chưa lưu).", vntext.LowerFirst(d.Title()), vntext.LowerFirst(prev.Title())))
			})
		})
	}, func() {})
}

// RefreshFigures drafts the period again and shows each paragraph that would change, before writing
// anything into the form; paragraphs a person edited are replaced only when they tick it.
func (s *DraftsScreen) RefreshFigures() {
	if s.current == nil {
		return
	}
	d := s.edited()
	s.status.SetText("Đang so với số liệu hiện nay …")
	s.busy(true)
	Background(func() {
		r, err := largeJob(func() (jobs.DraftRefresh, error) {
			return jobs.RefreshDraft(context.Background(), s.store, d)
		})
		fyne.Do(func() {
			s.busy(false)
			defer s.finished()
			if err != nil {
				showError(s.status, s.win, err)
				return
			}
			if len(r.Changes) == 0 {
				s.status.SetText("Các đoạn soạn từ số liệu đã đúng với số liệu hiện nay; không có gì phải cập nhật.")
				return
			}
			s.status.SetText(fmt.Sprintf("%d đoạn sẽ thay đổi theo số liệu hiện nay; xem và chọn trong hộp thoại.", len(r.Changes)))
			s.showChanges(d, r)
		})
	})
}

// showChanges lists the changes a refresh would make and applies them when agreed.
func (s *DraftsScreen) showChanges(d data.Draft, r jobs.DraftRefresh) {
	edited := 0
	rows := container.NewVBox()
	for _, c := range r.Changes {
		rows.Add(widget.NewLabelWithStyle(c.Section, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		if c.Edited {
			edited++
			note := widget.NewLabel("Đoạn này đã được sửa tay: chỉ thay khi đánh dấu ô bên dưới.")
			note.Importance = widget.WarningImportance
			note.Wrapping = fyne.TextWrapWord
			rows.Add(note)
		}
		if c.Old != "" {
			rows.Add(widgets.Wrapped("Hiện nay: " + c.Old))
		}
		if c.New != "" {
			n := widgets.Wrapped("Sẽ thành: " + c.New)
			n.Importance = widget.SuccessImportance
			rows.Add(n)
		} else {
			rows.Add(widgets.Wrapped("Sẽ bỏ đoạn này (số liệu không còn cho đoạn này)."))
		}
		rows.Add(widget.NewSeparator())
	}
	replace := widget.NewCheck(fmt.Sprintf("Thay cả %d đoạn đã sửa tay", edited), nil)
	if edited == 0 {
		replace.Hide()
	}
	scroll := container.NewVScroll(rows)
	size := s.win.Canvas().Size()
	scroll.SetMinSize(fyne.NewSize(min(size.Width*0.8, 900), size.Height*0.55))
	body := container.NewBorder(widgets.Wrapped(fmt.Sprintf("%d đoạn sẽ thay đổi theo số liệu hiện nay. Chưa có gì được ghi: bấm \"Cập nhật\" để đưa vào bản thảo, rồi Lưu.", len(r.Changes))), replace, nil, nil, scroll)
	dialog.ShowCustomConfirm("Cập nhật số liệu", "Cập nhật", "Thôi", body, func(ok bool) {
		if !ok {
			return
		}
		clean := s.form.clean
		updated := r.Apply(d, replace.Checked)
		s.show(&updated)
		s.form.clean = clean // applied, not saved
		s.status.SetText("Đã cập nhật các đoạn theo số liệu hiện nay (chưa lưu); bấm Lưu để giữ.")
	}, s.win)
}

// write makes the PDF (with its annexes) or the Word file of the draft as the form holds it.
func (s *DraftsScreen) write(ext string) {
	if s.current == nil {
		return
	}
	if s.form.dirty() || s.current.ID == "" {
		s.status.SetText("Hãy bấm Lưu trước: tệp được in từ bản thảo đã lưu.")
		return
	}
	d := *s.current
	name := fmt.Sprintf("bao-cao-tong-hop-%s-%d", d.Kind, d.ToYear)
	if d.FromYear != d.ToYear {
		name = fmt.Sprintf("bao-cao-tong-hop-%s-%d-%d", d.Kind, d.FromYear, d.ToYear)
	}
	path := filepath.Join(s.folder, name+ext)
	req := jobs.DocumentRequest{DraftID: d.ID, Program: buildinfo.Program()}
	build := jobs.Document
	if ext == ".docx" {
		build = jobs.DocumentWord
	}
	s.status.SetText("Đang tạo " + filepath.Base(path) + " …")
	s.busy(true)
	pdfJob(path, func(func(float64)) ([]byte, error) {
		return largeJob(func() ([]byte, error) { return build(context.Background(), s.store, req) })
	}, nil, func(size int, err error) {
		s.busy(false)
		defer s.finished()
		if err != nil {
			showError(s.status, s.win, err)
			return
		}
		s.status.SetText(fmt.Sprintf("Đã ghi %s (%s KB).", path, vntext.FormatInt(int64(size/1024))))
		if ext == ".pdf" {
			showPDF(s.win, path)
		} else {
			openInViewer(path)
		}
	})
}

// busy disables the buttons while a background step runs.
func (s *DraftsScreen) busy(on bool) {
	for _, b := range []*widget.Button{s.save, s.refresh, s.next, s.pdf, s.word, s.remove} {
		if on {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

func (s *DraftsScreen) finished() {
	if s.Done != nil {
		s.Done()
	}
}

// Open opens the i-th draft of the list, as a click on it does.
func (s *DraftsScreen) Open(i int) { s.list.Select(i) }

// CanLeave asks, when the form holds an edit not saved, whether to leave the screen anyway.
func (s *DraftsScreen) CanLeave(then func(ok bool)) {
	s.form.ask(s.what(), func() { then(true) }, func() { then(false) })
}

// Current is the draft in the form as it holds it now (tests).
func (s *DraftsScreen) Current() (data.Draft, bool) {
	if s.current == nil {
		return data.Draft{}, false
	}
	return s.edited(), true
}
