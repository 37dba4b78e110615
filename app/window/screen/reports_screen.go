package screen

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"ketnghia/app/buildinfo"
	"ketnghia/app/jobs"
	"ketnghia/app/window/widgets"
	"ketnghia/data"
	"ketnghia/data/vntext"
	"ketnghia/reports"
)

// ReportsScreen makes the PDF reports: choose the kind and its parameters, make it with a progress
// bar (the work runs off the UI thread), then open it in the system's PDF viewer.
type ReportsScreen struct {
	widget.BaseWidget
	store    *data.Store
	win      fyne.Window
	folder   string
	kind     *widget.Select
	year     *widget.Select
	unit     *widgets.Picker // the commune of a profile, by name
	area     *widget.Select
	areas    []string // the official codes of area's options after the first ("" : the whole file)
	rules    *widget.Select
	date     *widgets.TextEntry
	make     *widget.Button
	open     *widget.Button
	bar      *widget.ProgressBar
	status   *widget.Label
	lastFile string
	// done is told each finished report (for tests); it runs on the UI thread.
	done func(path string, err error)
}

// ReportsFolder is where reports are saved by default: a "KetNghia báo cáo" folder in the user's
// Documents, or beside the database when there is none.
func ReportsFolder(st *data.Store) string {
	if home, err := os.UserHomeDir(); err == nil {
		for _, docs := range []string{"Documents", "Tài liệu"} {
			if fi, err := os.Stat(filepath.Join(home, docs)); err == nil && fi.IsDir() {
				return filepath.Join(home, docs, "KetNghia báo cáo")
			}
		}
	}
	return filepath.Join(filepath.Dir(st.Path()), "Báo cáo")
}

// NewReportsScreen builds the screen; folder is where the files go ("" : ReportsFolder).
func NewReportsScreen(st *data.Store, w fyne.Window, folder string) *ReportsScreen {
	if folder == "" {
		folder = ReportsFolder(st)
	}
	s := &ReportsScreen{store: st, win: w, folder: folder}
	var names []string
	for _, k := range reports.Kinds {
		names = append(names, k.Name)
	}
	s.kind = widget.NewSelect(names, func(string) { s.refreshParams() })
	years, latest := yearChoices(st)
	s.unit = widgets.NewPicker("Gõ tên xã (không cần dấu) rồi chọn", nil, nil)
	s.area = widget.NewSelect(nil, nil)
	s.year = widget.NewSelect(years, func(string) { s.fillCommunes(); s.fillAreas() })
	s.year.SetSelected(strconv.Itoa(latest))
	s.rules = widget.NewSelect([]string{"Bộ quy định áp dụng cho năm"}, nil)
	if rs, err := st.RuleSets(context.Background()); err == nil {
		for _, r := range rs {
			s.rules.Options = append(s.rules.Options, fmt.Sprintf("%s (%d–%d)", r.Code, r.FromYear, r.ToYear))
		}
	}
	s.rules.SetSelectedIndex(0)
	s.date = widgets.NewPlainEntry("dd/mm/yyyy")
	s.date.SetText(st.Today().String())
	s.bar = widget.NewProgressBar()
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.make = widget.NewButton("Tạo báo cáo", s.run)
	s.make.Importance = widget.HighImportance
	s.open = widget.NewButton("Mở báo cáo vừa tạo", func() { s.openFile(s.lastFile) })
	s.open.Disable()
	s.ExtendBaseWidget(s)
	s.kind.SetSelectedIndex(0)
	return s
}

// fillCommunes offers the communes of the year chosen (the 102 of 2024, the 40 after the 2025
// reform), keeping the one chosen when it existed then too.
func (s *ReportsScreen) fillCommunes() {
	year, err := strconv.Atoi(s.year.Selected)
	if err != nil {
		return
	}
	chosen, had := s.unit.Chosen()
	labels, ids, err := choicesOfLevel(s.store, data.LevelCommune, data.YearEnd(year), "")
	if err != nil {
		log.Printf("reports: communes of %d: %v", year, err)
		return
	}
	s.unit.SetChoices(labels, ids)
	if had {
		s.unit.Choose(chosen)
		if _, ok := s.unit.Chosen(); !ok {
			s.unit.Put("") // it did not exist that year
		}
	}
}

// wholeFile is the first choice of the area of a book: every commune of the file.
const wholeFile = "Toàn bộ các xã trong cơ sở dữ liệu"

// fillAreas offers the provinces and districts of the year chosen a book can be limited to (on a
// national file one province's book takes a second, the whole country's a minute), keeping the one
// chosen when the year has it too.
func (s *ReportsScreen) fillAreas() {
	year, err := strconv.Atoi(s.year.Selected)
	if err != nil {
		return
	}
	areas, err := s.store.ReportAreas(context.Background(), year)
	if err != nil {
		log.Printf("reports: areas of %d: %v", year, err)
		return
	}
	// The area chosen is kept by its code: "Huyện Đắk Hà" of 2024 is "Huyện Đắk Hà (địa bàn cũ)"
	// of 2026.
	chosen := ""
	if i := s.area.SelectedIndex(); i > 0 && i < len(s.areas) {
		chosen = s.areas[i]
	}
	options, codes := []string{wholeFile}, []string{""}
	for _, a := range areas {
		name := a.Name
		if a.Former {
			name += " (địa bàn cũ)"
		}
		options, codes = append(options, name), append(codes, a.Code)
	}
	s.area.Options, s.areas = options, codes
	s.area.SetSelectedIndex(max(0, slices.Index(codes, chosen)))
	s.area.Refresh()
}

func (s *ReportsScreen) selectedKind() reports.Kind {
	i := s.kind.SelectedIndex()
	if i < 0 {
		return reports.Kinds[0]
	}
	return reports.Kinds[i]
}

func (s *ReportsScreen) refreshParams() {
	if s.unit == nil {
		return
	}
	k := s.selectedKind()
	if k.NeedsUnit {
		s.unit.Enable()
	} else {
		s.unit.Disable()
	}
	if k.AreaUnit {
		s.area.Enable()
	} else {
		s.area.Disable()
	}
	if k.Code == "exit" || k.Code == "pack" {
		s.rules.Enable()
	} else {
		s.rules.Disable()
	}
}

// request reads the parameters, or says in Vietnamese what is wrong with them.
func (s *ReportsScreen) request() (jobs.ReportRequest, error) {
	k := s.selectedKind()
	req := jobs.ReportRequest{Kind: k.Code}
	req.Year, _ = strconv.Atoi(s.year.Selected)
	if k.NeedsUnit {
		id, ok := s.unit.Chosen()
		var u data.Unit
		var err error
		if ok {
			u, err = s.store.GetUnit(context.Background(), id)
		}
		if !ok || err != nil || u.Code == "" {
			return req, &data.Error{Kind: data.KindInvalid, Field: "unit", Msg: "Hãy chọn xã cần lập hồ sơ: gõ tên xã (không cần dấu) rồi chọn trong danh sách."}
		}
		req.UnitCode = u.Code
	}
	if i := s.area.SelectedIndex(); k.AreaUnit && i > 0 && i < len(s.areas) {
		req.UnitCode = s.areas[i]
	}
	if i := s.rules.SelectedIndex(); i > 0 && !s.rules.Disabled() {
		rs, err := s.store.RuleSets(context.Background())
		if err == nil && i-1 < len(rs) {
			req.RuleSet = rs[i-1].Code
		}
	}
	t, err := vntext.ParseDate(s.date.Value())
	if err != nil {
		return req, &data.Error{Kind: data.KindInvalid, Field: "date", Msg: "Ngày ghi trên báo cáo phải viết dạng dd/mm/yyyy, ví dụ 05/03/2025."}
	}
	req.Date = data.DateOf(t)
	return req, nil
}

// fileName is the report's file: kind, year, and the commune for a profile, in plain letters.
func fileName(req jobs.ReportRequest) string {
	name := fmt.Sprintf("bao-cao-%s-%d", req.Kind, req.Year)
	if req.UnitCode != "" {
		name += "-" + req.UnitCode
	}
	return name + ".pdf"
}

func (s *ReportsScreen) run() {
	req, err := s.request()
	if err != nil {
		s.fail(err)
		return
	}
	s.make.Disable()
	s.open.Disable()
	s.bar.SetValue(0)
	s.status.SetText("Đang tạo báo cáo …")
	path := filepath.Join(s.folder, fileName(req))
	req.Program = buildinfo.Program()
	build := func(progress func(float64)) ([]byte, error) {
		return jobs.Report(context.Background(), s.store, req, progress)
	}
	pdfJob(path, build, s.bar.SetValue, func(size int, err error) {
		s.make.Enable()
		if err != nil {
			s.bar.SetValue(0)
			s.fail(err)
		} else {
			s.lastFile = path
			s.bar.SetValue(1)
			s.status.SetText(fmt.Sprintf("Đã lưu báo cáo vào %s (%s KB).", path, vntext.FormatInt(int64(size/1024))))
			s.open.Enable()
			s.openFile(path)
		}
		if s.done != nil {
			s.done(path, err)
		}
	})
}

func (s *ReportsScreen) fail(err error) { showError(s.status, s.win, err) }

// openFile opens a PDF in the system's viewer.
func (s *ReportsScreen) openFile(path string) {
	if s.win == nil {
		return
	}
	if !openInViewer(path) {
		s.status.SetText("Đã lưu báo cáo nhưng không mở được trình xem PDF; hãy mở tệp " + path + " bằng tay.")
	}
}

func (s *ReportsScreen) CreateRenderer() fyne.WidgetRenderer {
	form := widget.NewForm(
		widget.NewFormItem("Loại báo cáo", s.kind),
		widget.NewFormItem("Năm", s.year),
		widget.NewFormItem("Xã (hồ sơ một xã)", s.unit),
		widget.NewFormItem("Phạm vi (hồ sơ các xã)", s.area),
		widget.NewFormItem("Bộ quy định", s.rules),
		widget.NewFormItem("Ngày ghi trên báo cáo", s.date),
	)
	folder := widget.NewLabel("Báo cáo được lưu vào: " + s.folder)
	folder.Wrapping = fyne.TextWrapWord
	return widget.NewSimpleRenderer(container.NewVBox(form, folder, container.NewHBox(s.make, s.open), s.bar, s.status))
}
