package screen

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketnghia/app/window/widgets"
	"ketnghia/data"
	"ketnghia/data/vntext"
	"ketnghia/data/xlsx"
)

// ExcelScreen (Nhập, xuất Excel) takes the office's data to Excel and back: the whole database
// as a workbook, templates to fill in (the year's review lists every commune and village), and
// the import of a workbook in steps: check first (every problem by sheet, row and column; cells
// in the old fonts converted), then write everything, or only the good rows, or nothing.
type ExcelScreen struct {
	widget.BaseWidget
	store *data.Store
	win   fyne.Window

	outDir      *widgets.TextEntry
	exportBtn   *widget.Button
	template    *widget.Select
	year        *widget.Select
	templateBtn *widget.Button
	exportMsg   *widget.Label
	openDir     *widget.Button

	path     *widgets.TextEntry
	checkBtn *widget.Button
	applyBtn *widget.Button
	goodBtn  *widget.Button
	summary  *widget.Label
	problems *widget.List
	lines    []string // the problems, notes and conversions the check found
	report   *xlsx.Report
	// Sheets not made from our templates: how the program reads their columns, to be confirmed
	// (or changed, column by column) by the person before anything is read.
	layouts []xlsx.Layout // as the person confirmed them
	checked fileState     // the file as the last check read it: Ghi writes only that
	// Stored figures the file has no column for, in the way of its own: the person's choice.
	stale                 xlsx.StalePolicy
	clearStale, keepStale *widget.Button
	layoutBox             *fyne.Container
	layoutAll             *fyne.Container // the editor, shown instead of the problems while a layout waits
	confirm               *widget.Button
	pending               []xlsx.Layout
	pendingUI             []func() xlsx.Layout

	// done is told after each piece of background work ends (tests); it runs on the UI thread.
	done func(what string, err error)
}

// ExcelTitle is the screen's name in the navigation.
const ExcelTitle = "Nhập, xuất Excel"

// NewExcelScreen builds the screen; files go to the reports folder unless another is chosen.
func NewExcelScreen(st *data.Store, w fyne.Window) *ExcelScreen {
	s := &ExcelScreen{store: st, win: w}
	s.outDir = widgets.NewPlainEntry("Thư mục lưu bảng tính")
	s.outDir.SetText(ReportsFolder(st))
	s.exportBtn = widget.NewButtonWithIcon("Xuất toàn bộ dữ liệu ra Excel", theme.DownloadIcon(), s.ExportAll)
	var titles []string
	for _, t := range xlsx.Templates {
		titles = append(titles, t.Title)
	}
	s.template = widget.NewSelect(titles, nil)
	s.template.SetSelectedIndex(len(titles) - 1)
	years, latest := yearChoices(st)
	s.year = widget.NewSelect(years, nil)
	s.year.SetSelected(strconv.Itoa(latest))
	s.templateBtn = widget.NewButtonWithIcon("Tạo mẫu để điền", theme.DocumentCreateIcon(), s.MakeTemplate)
	s.exportMsg = widgets.Wrapped("")
	s.openDir = widget.NewButtonWithIcon("Mở thư mục", theme.FolderOpenIcon(), func() {
		if !openInViewer(s.outDir.Value()) {
			s.exportMsg.SetText("Không mở được trình quản lý tệp; bảng tính nằm trong thư mục " + s.outDir.Value() + ".")
		}
	})

	s.path = widgets.NewPlainEntry("Tệp Excel (.xlsx) cần nhập")
	s.path.OnChanged = func(string) { s.pathChanged() }
	s.checkBtn = widget.NewButton("Kiểm tra (chưa ghi gì)", s.Check)
	s.checkBtn.Importance = widget.HighImportance
	s.applyBtn = widget.NewButton("Ghi vào cơ sở dữ liệu", func() { s.Apply(false) })
	s.goodBtn = widget.NewButton("Chỉ ghi các dòng đúng", func() { s.Apply(true) })
	s.applyBtn.Disable()
	s.goodBtn.Disable()
	s.clearStale = widget.NewButton("Xóa số liệu đã lưu cản trở", func() { s.stale = xlsx.StaleClear; s.Check() })
	s.keepStale = widget.NewButton("Giữ số liệu đã lưu", func() { s.stale = xlsx.StaleKeep; s.Check() })
	s.clearStale.Hide()
	s.keepStale.Hide()
	s.summary = widgets.Wrapped("Chọn tệp Excel rồi bấm \"Kiểm tra\": chương trình đọc từng dòng, cho biết dòng nào sai và vì sao, và chưa ghi gì cho đến khi bạn bấm Ghi.")
	s.problems = widget.NewList(func() int { return len(s.lines) },
		func() fyne.CanvasObject { l := widget.NewLabel(""); l.Wrapping = fyne.TextWrapWord; return l },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(s.lines[i]) })
	s.layoutBox = container.NewVBox()
	s.confirm = widget.NewButton("Xác nhận cách đọc các cột rồi kiểm tra lại", s.ConfirmLayouts)
	s.confirm.Importance = widget.HighImportance
	s.layoutAll = container.NewBorder(nil, container.NewHBox(s.confirm), nil, nil, container.NewVScroll(s.layoutBox))
	s.layoutAll.Hide()
	s.ExtendBaseWidget(s)
	if st.ReadOnly() {
		s.summary.SetText("Tệp dữ liệu đang mở chỉ để đọc: có thể kiểm tra bảng tính nhưng không ghi được.")
	}
	return s
}

func (s *ExcelScreen) finish(what string, err error) {
	if s.done != nil {
		s.done(what, err)
	}
}

func (s *ExcelScreen) fail(line *widget.Label, what string, err error) {
	showError(line, s.win, err)
	s.finish(what, err)
}

// folder is the folder chosen for new workbooks, made when missing.
func (s *ExcelScreen) folder() (string, error) {
	dir := strings.TrimSpace(s.outDir.Value())
	if dir == "" {
		return "", &data.Error{Kind: data.KindInvalid, Msg: "Chưa chọn thư mục lưu bảng tính; hãy chọn một thư mục."}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", &data.Error{Kind: data.KindInvalid, Err: err, Msg: fmt.Sprintf("Không tạo được thư mục %s; hãy chọn thư mục khác.", dir)}
	}
	return dir, nil
}

// ExportAll writes every record of the database to a workbook, a sheet per kind.
func (s *ExcelScreen) ExportAll() {
	dir, err := s.folder()
	if err != nil {
		s.fail(s.exportMsg, "export", err)
		return
	}
	path := filepath.Join(dir, "KetNghia-toan-bo-"+s.store.Today().ISO()+".xlsx")
	s.run(s.exportBtn, "export", "Đang xuất toàn bộ dữ liệu …", func() (string, error) {
		counts, err := xlsx.ExportWith(context.Background(), s.store, path, s.progressTo(s.exportMsg))
		total := 0
		for _, n := range counts {
			total += n
		}
		return fmt.Sprintf("Đã xuất %s bản ghi ra %s.", vntext.FormatInt(int64(total)), path), err
	})
}

// MakeTemplate writes the chosen template (for the chosen year) and opens it.
func (s *ExcelScreen) MakeTemplate() {
	dir, err := s.folder()
	if err != nil {
		s.fail(s.exportMsg, "template", err)
		return
	}
	t := xlsx.Templates[max(s.template.SelectedIndex(), 0)]
	year, _ := strconv.Atoi(s.year.Selected)
	path := filepath.Join(dir, fmt.Sprintf("Mau-%s-%d.xlsx", t.Name, year))
	s.run(s.templateBtn, "template", "Đang tạo mẫu …", func() (string, error) {
		n, err := xlsx.Template(context.Background(), s.store, t, year, path)
		if err == nil && !openInViewer(path) {
			return fmt.Sprintf("Đã tạo mẫu %s: %s; hãy mở tệp bằng Excel.", vntext.LowerFirst(t.Title), path), nil
		}
		if n > 0 {
			return fmt.Sprintf("Đã tạo mẫu %s năm %d với %s đơn vị: %s.", vntext.LowerFirst(t.Title), year, vntext.FormatInt(int64(n)), path), err
		}
		return fmt.Sprintf("Đã tạo mẫu %s: %s.", vntext.LowerFirst(t.Title), path), err
	})
}

// run does work off the UI thread with its button disabled, then says how it went.
func (s *ExcelScreen) run(btn *widget.Button, what, busy string, work func() (string, error)) {
	btn.Disable()
	s.exportMsg.SetText(busy)
	Background(func() {
		msg, err := work()
		fyne.Do(func() {
			btn.Enable()
			if err != nil {
				s.fail(s.exportMsg, what, err)
				return
			}
			s.exportMsg.SetText(msg)
			s.finish(what, nil)
		})
	})
}

// progressTo shows long work's steps on a line of the screen, at most a few times a second.
func (s *ExcelScreen) progressTo(line *widget.Label) func(xlsx.Progress) {
	var mu sync.Mutex
	var last time.Time
	return func(p xlsx.Progress) {
		mu.Lock()
		defer mu.Unlock()
		if time.Since(last) < 200*time.Millisecond {
			return
		}
		last = time.Now()
		text := p.String()
		fyne.Do(func() { line.SetText(text) })
	}
}

// Check reads the workbook and checks every row by the rules a save applies, writing nothing.
func (s *ExcelScreen) Check() {
	s.importWith(xlsx.Options{DryRun: true, Layouts: s.layouts, Stale: s.stale})
}

// Apply writes the workbook checked: everything (refused as a whole when a row is bad), or with
// good only the good rows. A file changed since its check (another path typed, the file saved
// again in Excel) is checked again instead, and nothing is written.
func (s *ExcelScreen) Apply(good bool) {
	if now := stateOf(s.path.Value()); now != s.checked || now.path == "" {
		s.Check()
		return
	}
	s.importWith(xlsx.Options{SkipBad: good, Layouts: s.layouts, Stale: s.stale})
}

// fileState tells a file apart from another and from itself saved again.
type fileState struct {
	path string
	size int64
	mod  int64
}

func stateOf(path string) fileState {
	path = strings.TrimSpace(path)
	fi, err := os.Stat(path)
	if err != nil {
		return fileState{}
	}
	abs, _ := filepath.Abs(path)
	return fileState{path: abs, size: fi.Size(), mod: fi.ModTime().UnixNano()}
}

// pathChanged follows the path typed or chosen: what was checked was another file, so Ghi waits
// for a check of this one.
func (s *ExcelScreen) pathChanged() {
	s.applyBtn.Disable()
	s.goodBtn.Disable()
	s.checked, s.stale = fileState{}, xlsx.StaleAsk
}

// ConfirmLayouts takes the columns as the person left them and checks the workbook again.
func (s *ExcelScreen) ConfirmLayouts() {
	for _, get := range s.pendingUI {
		l := get()
		kept := s.layouts[:0]
		for _, o := range s.layouts {
			if o.Sheet != l.Sheet {
				kept = append(kept, o)
			}
		}
		s.layouts = append(kept, l)
	}
	s.Check()
}

// showLayouts puts the guessed layouts waiting for confirmation on the screen: a choice of field
// per column and the year.
func (s *ExcelScreen) showLayouts(ls []xlsx.Layout) {
	s.layoutBox.Objects = nil
	s.pending, s.pendingUI = nil, nil
	fields := xlsx.LayoutFields()
	labels := make([]string, len(fields))
	for i, f := range fields {
		labels[i] = f[1]
	}
	for _, l := range ls {
		if l.Confirmed {
			continue
		}
		l := l
		s.pending = append(s.pending, l)
		s.layoutBox.Add(widget.NewLabelWithStyle(fmt.Sprintf("Trang %q không theo mẫu của chương trình. Chương trình đoán mỗi cột như dưới đây (tiêu đề ở dòng %d); hãy xem lại, sửa cột nào đoán sai, rồi bấm Xác nhận. Cách đọc này được nhớ cho các tệp cùng kiểu.", l.Sheet, l.HeaderRow),
			fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		s.layoutBox.Objects[len(s.layoutBox.Objects)-1].(*widget.Label).Wrapping = fyne.TextWrapWord
		form := widget.NewForm()
		selects := make([]*widget.Select, len(l.Columns))
		for i, c := range l.Columns {
			sel := widget.NewSelect(labels, nil)
			sel.SetSelected(xlsxLabel(fields, c.Field))
			selects[i] = sel
			form.Append(fmt.Sprintf("Cột %s “%s”", c.Column, vntext.Shorten(c.Heading, 40)), sel)
		}
		year := widgets.NewPlainEntry("Năm của số liệu, ví dụ 2023")
		if l.Year != 0 {
			year.SetText(strconv.Itoa(l.Year))
		}
		form.Append("Năm (khi không có cột Năm)", year)
		s.layoutBox.Add(form)
		s.pendingUI = append(s.pendingUI, func() xlsx.Layout {
			out := l
			out.Columns = append([]xlsx.LayoutColumn(nil), l.Columns...)
			for i, sel := range selects {
				out.Columns[i].Field = fields[max(sel.SelectedIndex(), 0)][0]
				out.Columns[i].Label = fields[max(sel.SelectedIndex(), 0)][1]
			}
			out.Year, _ = strconv.Atoi(strings.TrimSpace(year.Value()))
			out.Confirmed = true
			return out
		})
	}
	if len(s.pending) > 0 {
		s.layoutAll.Show()
		s.problems.Hide()
	} else {
		s.layoutAll.Hide()
		s.problems.Show()
	}
	s.layoutBox.Refresh()
}

func xlsxLabel(fields [][2]string, field string) string {
	for _, f := range fields {
		if f[0] == field {
			return f[1]
		}
	}
	return fields[0][1]
}

func (s *ExcelScreen) importWith(opt xlsx.Options) {
	path := strings.TrimSpace(s.path.Value())
	if path == "" {
		s.fail(s.summary, "import", &data.Error{Kind: data.KindInvalid, Msg: "Chưa chọn tệp Excel; hãy bấm \"Chọn tệp…\"."})
		return
	}
	s.checkBtn.Disable()
	s.applyBtn.Disable()
	s.goodBtn.Disable()
	if opt.DryRun {
		s.summary.SetText("Đang kiểm tra " + filepath.Base(path) + " …")
	} else {
		s.summary.SetText("Đang ghi " + filepath.Base(path) + " …")
	}
	state := stateOf(path)
	opt.Progress = s.progressTo(s.summary)
	Background(func() {
		rep, err := xlsx.Import(context.Background(), s.store, path, opt)
		fyne.Do(func() {
			s.checkBtn.Enable()
			if opt.DryRun && err == nil {
				s.checked = state
			}
			if err != nil {
				s.report, s.lines = nil, nil
				s.problems.Refresh()
				s.fail(s.summary, "import", err)
				return
			}
			s.showLayouts(rep.Layouts)
			s.show(rep, opt)
			s.finish("import", nil)
		})
	})
}

// show puts a report on the screen and offers what can be done next.
func (s *ExcelScreen) show(rep *xlsx.Report, opt xlsx.Options) {
	s.report = rep
	s.lines = nil
	for _, sc := range rep.Scope {
		if rep.Written {
			s.lines = append(s.lines, "Đã ghi — "+sc)
		} else if len(s.pending) == 0 {
			s.lines = append(s.lines, "Sẽ ghi — "+sc)
		}
	}
	for _, p := range rep.Problems {
		s.lines = append(s.lines, "Sai — "+p.String())
	}
	for _, c := range rep.Converted {
		s.lines = append(s.lines, c.String())
	}
	for _, n := range rep.Notes {
		s.lines = append(s.lines, "Lưu ý — "+n)
	}
	s.problems.Refresh()
	// Stored figures in the way: two ways out, offered until one is chosen.
	if rep.Stale > 0 && s.stale == xlsx.StaleAsk && !rep.Written {
		s.clearStale.Show()
		s.keepStale.Show()
	} else {
		s.clearStale.Hide()
		s.keepStale.Hide()
	}
	if rep.Stale > 0 && s.stale != xlsx.StaleAsk {
		what := "xóa số liệu đã lưu cản trở"
		if s.stale == xlsx.StaleKeep {
			what = "giữ số liệu đã lưu"
		}
		s.lines = append([]string{fmt.Sprintf("Lưu ý — %d dòng có số liệu đã lưu cản trở; theo lựa chọn của bạn, chương trình sẽ %s ở các dòng đó.", rep.Stale, what)}, s.lines...)
		s.problems.Refresh()
	}
	counts := rep.Counts()
	bad := len(rep.Problems)
	canWrite := !s.store.ReadOnly() && rep.Rows > 0
	switch {
	case len(s.pending) > 0:
		s.summary.SetText("Bảng tính không theo mẫu của chương trình: hãy xem chương trình đọc mỗi cột thế nào, sửa nếu cần, rồi bấm \"Xác nhận cách đọc các cột\". Chưa ghi gì.")
	case rep.Written && bad > 0:
		s.summary.SetText(fmt.Sprintf("Đã ghi các dòng đúng (%s); %d dòng sai được bỏ qua, xem danh sách dưới đây.", counts, bad))
	case rep.Written:
		s.summary.SetText(fmt.Sprintf("Đã ghi xong trong một lần (%s).", counts))
	case rep.Rows == 0 && bad == 0:
		s.summary.SetText("Bảng tính không có dòng nào có số liệu để ghi; hãy điền số liệu vào mẫu rồi kiểm tra lại.")
	case bad == 0:
		s.summary.SetText(fmt.Sprintf("Không có lỗi (%s). Chưa ghi gì: bấm \"Ghi vào cơ sở dữ liệu\" để ghi tất cả trong một lần.", counts))
		if canWrite {
			s.applyBtn.Enable()
		}
	default:
		s.summary.SetText(fmt.Sprintf("Có %d lỗi (%s). Chưa ghi gì: hãy sửa các ô dưới đây trong Excel rồi kiểm tra lại, hoặc bấm \"Chỉ ghi các dòng đúng\".", bad, counts))
		if canWrite && rep.Rows > 0 {
			s.goodBtn.Enable()
		}
	}
}

// Lines are what the check listed (tests).
func (s *ExcelScreen) Lines() []string { return s.lines }

func (s *ExcelScreen) chooseFile() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err == nil && r != nil {
			s.path.SetText(r.URI().Path())
			r.Close()
			s.layouts = nil
			s.Check()
		}
	}, s.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
	showFileDialog(d, s.win)
}

func (s *ExcelScreen) chooseFolder() {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err == nil && u != nil {
			s.outDir.SetText(u.Path())
		}
	}, s.win)
	showFileDialog(d, s.win)
}

func (s *ExcelScreen) CreateRenderer() fyne.WidgetRenderer {
	out := container.NewVBox(
		widgets.Wrapped("Xuất dữ liệu ra Excel (chỉ đọc, không thay đổi gì ở đây), hoặc tạo mẫu để các xã, thôn điền rồi nhập lại."),
		widget.NewForm(
			widget.NewFormItem("Lưu vào thư mục", container.NewBorder(nil, nil, nil, container.NewHBox(widget.NewButton("Chọn thư mục…", s.chooseFolder), s.openDir), s.outDir)),
			widget.NewFormItem("Mẫu để điền", container.NewBorder(nil, nil, nil, container.NewHBox(widget.NewLabel("năm"), s.year, s.templateBtn), s.template)),
		),
		container.NewHBox(s.exportBtn), s.exportMsg,
	)
	in := container.NewVBox(
		widget.NewForm(widget.NewFormItem("Tệp Excel", container.NewBorder(nil, nil, nil, widget.NewButton("Chọn tệp…", s.chooseFile), s.path))),
		widgets.NewFlow(s.checkBtn, s.applyBtn, s.goodBtn), widgets.NewFlow(s.clearStale, s.keepStale), s.summary,
	)
	tabs := container.NewAppTabs(
		container.NewTabItem("Nhập từ Excel", container.NewBorder(in, nil, nil, nil, container.NewStack(s.problems, s.layoutAll))),
		container.NewTabItem("Xuất ra Excel, mẫu để điền", container.NewVScroll(out)),
	)
	return widget.NewSimpleRenderer(tabs)
}
