package screen

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketnghia/app/window/widgets"
	"ketnghia/data"
	"ketnghia/data/rules"
	"ketnghia/data/vntext"
	"ketnghia/reports"
)

// ReviewScreen (Rà soát hằng năm): one year, the units that existed at its end (the communes of
// 10 districts to 2024, the 40 communes the 2025 reform made after), a row per commune or village
// and a column per review field, moved through like a spreadsheet (Tab, Enter, arrows; a block
// pasted from Excel fills the cells). The rows are grouped by district, or in a year without
// districts by the former district each commune came from, and filtered by name. Each invalid cell
// is marked with its message, the rates are computed as figures are typed, all rows are saved in
// one transaction or none, and unsaved rows are guarded when leaving.
//
// The rows on screen are always the year's shown in the year box: changing the year or the level
// empties the grid at once and nothing can be typed or saved until the new year's rows are in.
type ReviewScreen struct {
	widget.BaseWidget
	store     *data.Store
	win       fyne.Window
	year      *widget.Select
	area      *widgets.Picker // the district or former district shown: 700 on a national file, typed to narrow
	areaSel   string          // the one chosen (allAreas: every one)
	areaLabel *widget.Label
	top       *fyne.Container // the boxes: laid out again when the area's label changes
	filter    *widgets.TextEntry
	level     *widget.RadioGroup
	table     *widget.Table
	status    *widget.Label
	save      *widget.Button
	excel     *widget.Button // the grid as shown, to Excel

	fields []reviewField
	all    []*gridRow                        // every unit of the year shown, with what was typed
	rows   []*gridRow                        // those of the area and the filter, on screen
	areas  []string                          // the area box's choices after "every area"
	cells  map[widget.TableCellID]*gridEntry // the cells on screen, for moving the focus
	// shown is the year and level whose rows are in all; loading is set while another is read.
	shown, want gridKey
	loading     bool
	saved       string // what the last save did, said until the next edit
	reverting   bool   // the boxes are being set back after a refused change: no reload
	loadMu      sync.Mutex
	loadGen     int
	inFlight    map[int]bool // the chunks of the rows in view being read
	// loaded is told each time the grid is filled (for tests); it runs on the UI thread.
	loaded func()
}

// gridKey is what the rows of the grid are: a year's communes or villages.
type gridKey struct {
	year     int
	villages bool
}

const allAreas = "Tất cả"

// gridRow is one unit's review being edited. A national file's year has 78,000 villages: a row
// keeps of its unit only what the grid names it by, and its cells' texts only once one is edited
// (until then they are the stored review's): 95 MB less for the villages of a year.
type gridRow struct {
	unit       gridUnit
	commune    string // a village's commune ("" for a commune)
	area       string // its district, or former district
	formerArea bool
	key        string       // folded name and commune, for the filter
	stored     *data.Review // as stored (nil when there is none yet: the present year's 78,000)
	plan       *int         // a village's planned NTM year as stored (a unit's, not the year's review's)
	// read: stored is what the file holds. A year's villages are read area by area as they are
	// shown (a national file's 78,000 reviews took 120 MB); a row not read yet can be neither
	// shown nor typed in.
	read    bool
	year    int
	nfields int      // the number of columns the row was read for
	texts   []string // one per field, as typed; nil while none was edited
	err     error    // what is wrong with the row, if anything
	errCol  int      // the column it is in (-1: the row as a whole)
	dirty   bool
	locked  bool // its figures of the year are accepted: shown, not typed in
}

// gridUnit is what a row keeps of its unit: the strings of the window's tree of units, shared.
type gridUnit struct {
	ID, Code, Name string
}

// label is the unit as the first column names it: a village with its commune.
func (row *gridRow) label() string {
	if row.commune == "" {
		return row.unit.Name
	}
	return row.unit.Name + " – " + row.commune
}

// text is the text of a row's cell of field i: as typed, or the stored figure.
func (s *ReviewScreen) text(row *gridRow, i int) string {
	if row.texts != nil {
		return row.texts[i]
	}
	if s.fields[i].plan {
		return yearText(row.plan)
	}
	if row.stored == nil {
		return s.fields[i].get(&noReview)
	}
	return s.fields[i].get(row.stored)
}

// noReview is what a unit without a review shows (read only).
var noReview data.Review

// review is the row's review as stored, or an empty one of its unit and year.
func (row *gridRow) review() data.Review {
	if row.stored == nil {
		return data.Review{UnitID: row.unit.ID, Year: row.year}
	}
	return *row.stored
}

// reviewField is one column: its title, the stored field it edits, and how text goes in and out.
type reviewField struct {
	key   string
	title string
	get   func(r *data.Review) string
	set   func(r *data.Review, text string) error
	// plan: the column of the village's planned NTM year, a field of the unit (get and set nil).
	plan bool
}

// planField is the villages' column of their planned year to meet the NTM standard (the
// directive's road): it belongs to the village, not to the year's review, and is saved with it.
var planField = reviewField{key: "ntm_plan_year", title: "Năm dự kiến đạt chuẩn NTM", plan: true}

func intField(key, title string, ptr func(r *data.Review) **int) reviewField {
	return reviewField{key: key, title: title,
		get: func(r *data.Review) string { return intText(*ptr(r)) },
		set: func(r *data.Review, text string) error {
			text = strings.TrimSpace(text)
			if text == "" {
				*ptr(r) = nil
				return nil
			}
			n, err := vntext.ParseInt(text)
			if err != nil {
				return &data.Error{Kind: data.KindInvalid, Field: key, Msg: fmt.Sprintf("%s phải là số nguyên, không phải %q.", title, text)}
			}
			v := int(n)
			*ptr(r) = &v
			return nil
		}}
}

func boolField(key, title string, ptr func(r *data.Review) **bool) reviewField {
	return reviewField{key: key, title: title,
		get: func(r *data.Review) string {
			switch b := *ptr(r); {
			case b == nil:
				return ""
			case *b:
				return "có"
			}
			return "không"
		},
		set: func(r *data.Review, text string) error {
			if strings.TrimSpace(text) == "" {
				*ptr(r) = nil
				return nil
			}
			yes, ok := vntext.YesNo(text) // the words Excel's import takes, the same list
			if !ok {
				return &data.Error{Kind: data.KindInvalid, Field: key, Msg: fmt.Sprintf("%s ghi \"có\" hoặc \"không\", không phải %q.", title, text)}
			}
			*ptr(r) = &yes
			return nil
		}}
}

func kmField(key, title string, ptr func(r *data.Review) **float64) reviewField {
	return reviewField{key: key, title: title,
		get: func(r *data.Review) string {
			if *ptr(r) == nil {
				return ""
			}
			return vntext.DecimalTrim(**ptr(r))
		},
		set: func(r *data.Review, text string) error {
			text = strings.TrimSpace(text)
			if text == "" {
				*ptr(r) = nil
				return nil
			}
			x, err := vntext.ParseDecimal(text)
			if err != nil {
				return &data.Error{Kind: data.KindInvalid, Field: key, Msg: fmt.Sprintf("%s phải là số (ví dụ 12,5), không phải %q.", title, text)}
			}
			*ptr(r) = &x
			return nil
		}}
}

var commonFields = []reviewField{
	intField("households", "Số hộ", func(r *data.Review) **int { return &r.Households }),
	intField("em_households", "Hộ DTTS", func(r *data.Review) **int { return &r.EMHouseholds }),
	intField("people", "Nhân khẩu", func(r *data.Review) **int { return &r.People }),
	intField("poor", "Hộ nghèo", func(r *data.Review) **int { return &r.Poor }),
	intField("near_poor", "Hộ cận nghèo", func(r *data.Review) **int { return &r.NearPoor }),
	intField("poor_em", "Hộ nghèo DTTS", func(r *data.Review) **int { return &r.PoorEM }),
}

var communeFields = append(append([]reviewField{}, commonFields...),
	intField("em_people_15_60", "DTTS 15–60 tuổi", func(r *data.Review) **int { return &r.EMPeople15to60 }),
	intField("em_illiterate_15_60", "Không biết chữ", func(r *data.Review) **int { return &r.EMIlliterate15to60 }),
	intField("employed_workers", "LĐ có việc làm", func(r *data.Review) **int { return &r.EmployedWorkers }),
	intField("employed_untrained", "Chưa ĐT từ 3 tháng trở lên", func(r *data.Review) **int { return &r.EmployedUntrained }),
	kmField("road_km", "Đường (km)", func(r *data.Review) **float64 { return &r.RoadKm }),
	kmField("road_unpaved_km", "Chưa cứng (km)", func(r *data.Review) **float64 { return &r.RoadUnpavedKm }),
)

var villageFields = append(append([]reviewField{}, commonFields...),
	boolField("party_cell", "Chi bộ", func(r *data.Review) **bool { return &r.PartyCell }),
	intField("grid_households", "Hộ có điện lưới", func(r *data.Review) **int { return &r.GridHouseholds }),
	boolField("road_all_year", "Đường quanh năm", func(r *data.Review) **bool { return &r.RoadAllYear }),
)

// causeField is the column of one cause of poverty: the poor households the review puts under it
// (the directive: "phân loại hộ nghèo theo từng nhóm nguyên nhân"). A blank cell is no figure.
func causeField(g data.CauseGroup) reviewField {
	title := "Nghèo do " + vntext.LowerFirst(g.Name)
	key := "poor_by_cause/" + g.Code // the check's "poor_by_cause" marks the first of them
	return reviewField{key: key, title: title,
		get: func(r *data.Review) string {
			if n, ok := r.PoorByCause[g.Code]; ok {
				return vntext.FormatInt(int64(n))
			}
			return ""
		},
		set: func(r *data.Review, text string) error {
			text = strings.TrimSpace(text)
			if text == "" {
				delete(r.PoorByCause, g.Code)
				return nil
			}
			n, err := vntext.ParseInt(text)
			if err != nil || n < 0 {
				return &data.Error{Kind: data.KindInvalid, Field: key, Msg: fmt.Sprintf("Số hộ nghèo do %s phải là số nguyên không âm, không phải %q.", vntext.LowerFirst(g.Name), text)}
			}
			if r.PoorByCause == nil {
				r.PoorByCause = map[string]int{}
			}
			r.PoorByCause[g.Code] = int(n)
			return nil
		}}
}

// fieldsOf are the grid's columns for communes or villages: the causes of poverty after the poor
// households, one column per group of the list (Excel's order, to paste a block).
func fieldsOf(villages bool, groups []data.CauseGroup) []reviewField {
	base := communeFields
	if villages {
		base = villageFields
	}
	var out []reviewField
	for _, f := range base {
		out = append(out, f)
		if f.key == "poor_em" {
			for _, g := range groups {
				out = append(out, causeField(g))
			}
		}
	}
	if villages {
		out = append(out, planField)
	}
	return out
}

// NewReviewScreen builds the screen; the grid fills off the UI thread. It opens on the year whose
// review is under way: this year from 1 September (the review window of QĐ 24/2021), else the
// newest year with figures.
func NewReviewScreen(st *data.Store, w fyne.Window) *ReviewScreen {
	s := &ReviewScreen{store: st, win: w, cells: map[widget.TableCellID]*gridEntry{}, fields: communeFields}
	years, latest := yearChoices(st)
	if today := st.Today(); today.Month() >= 9 && today.Year() > latest {
		latest = today.Year()
	}
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.save = widget.NewButtonWithIcon("Lưu tất cả (Ctrl+S)", theme.DocumentSaveIcon(), s.Save)
	s.excel = widget.NewButtonWithIcon("Xuất Excel", theme.DownloadIcon(), func() { s.Export(nil) })
	s.save.Importance = widget.HighImportance
	reload := func(string) {
		if !s.reverting {
			s.guard(s.load, s.revert)
		}
	}
	s.year = widget.NewSelect(years, reload)
	s.areaLabel = widget.NewLabel("Huyện")
	s.area = widgets.NewPicker("Chọn địa bàn (gõ tên để tìm)", nil, nil)
	s.area.OnChosen = func(a string) {
		if !s.reverting && a != s.areaSel {
			s.areaSel = a
			s.applyFilter()
		}
	}
	s.filter = widgets.NewTextEntry("Lọc theo tên xã, thôn (gõ có dấu hay không dấu)")
	s.filter.OnChanged = func(string) { s.applyFilter() }
	s.level = widget.NewRadioGroup([]string{"Xã", "Thôn, làng"}, reload)
	s.level.Horizontal = true
	s.table = widget.NewTableWithHeaders(s.size, s.createCell, s.updateCell)
	s.table.ShowHeaderColumn = false
	s.table.StickyColumnCount = 1
	s.table.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabelWithStyle("Chưa ĐT từ 3 tháng trở lên", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(s.columnTitle(id.Col)) }
	s.ExtendBaseWidget(s)
	s.reverting = true
	s.year.SetSelected(strconv.Itoa(latest))
	s.level.SetSelected("Xã")
	s.reverting = false
	s.load()
	return s
}

// columnWidth is a column's width at the text size in use: the figures' columns hold their title's
// longest word on a line (two lines at most) and a six-digit figure.
func (s *ReviewScreen) columnWidth(col int, villages bool) float32 {
	scale := theme.TextSize() / 14
	if col == 0 {
		if villages {
			return 280 * scale
		}
		return 200 * scale
	}
	w := float32(112) * scale
	style := fyne.TextStyle{Bold: true}
	for _, word := range strings.Fields(s.columnTitle(col)) {
		w = max(w, fyne.MeasureText(word, theme.TextSize(), style).Width+4*theme.Padding())
	}
	// Three lines of header at most ("Nghèo do thiếu phương tiện sản xuất, kinh doanh"); a line
	// breaks between words, so a third of the title is not quite enough.
	if part := fyne.MeasureText(s.columnTitle(col), theme.TextSize(), style).Width/2.5 + 4*theme.Padding(); part > w {
		w = part
	}
	return w
}

// chosen is the year and level the boxes show.
func (s *ReviewScreen) chosen() gridKey {
	year, _ := strconv.Atoi(s.year.Selected)
	return gridKey{year: year, villages: s.level.Selected == "Thôn, làng"}
}

// revert sets the boxes back to the rows on screen when a change was refused (rows unsaved).
func (s *ReviewScreen) revert() {
	s.reverting = true
	defer func() { s.reverting = false }()
	s.year.SetSelected(strconv.Itoa(s.shown.year))
	if s.shown.villages {
		s.level.SetSelected("Thôn, làng")
	} else {
		s.level.SetSelected("Xã")
	}
}

// columns: the unit, the fields, and what is computed from them (the two rates, the poor not yet
// given a cause).
func (s *ReviewScreen) columns() int { return 1 + len(s.fields) + 3 }

// size is the table's: the columns and a blank one as wide as the unit's, which stays under the
// sticky first column (without it the last column could not be scrolled into view: it was cut at
// the window's edge).
func (s *ReviewScreen) size() (int, int) { return len(s.rows), s.columns() + 1 }

func (s *ReviewScreen) columnTitle(col int) string {
	switch {
	case col == 0:
		return "Đơn vị"
	case col <= len(s.fields):
		return s.fields[col-1].title
	case col == len(s.fields)+1:
		return "Tỷ lệ hộ nghèo"
	case col == len(s.fields)+2:
		return "Tỷ lệ cận nghèo"
	case col == len(s.fields)+3:
		return "Hộ nghèo chưa rõ nguyên nhân"
	}
	return ""
}

func (s *ReviewScreen) createCell() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return container.NewStack(l, newGridEntry(s))
}

func (s *ReviewScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	objs := o.(*fyne.Container).Objects
	l, e := objs[0].(*widget.Label), objs[1].(*gridEntry)
	if s.win != nil && (e.row != id.Row || e.col != id.Col) && s.win.Canvas().Focused() == fyne.Focusable(e) {
		// The box being typed into is given to another cell (the grid scrolled): what is typed
		// next must not go into that cell.
		s.win.Canvas().Unfocus()
	}
	if old, ok := s.cells[widget.TableCellID{Row: e.row, Col: e.col}]; ok && old == e {
		delete(s.cells, widget.TableCellID{Row: e.row, Col: e.col})
	}
	if id.Row < len(s.rows) && !s.rows[id.Row].read && s.rows[id.Row].nfields == len(s.fields) {
		s.readFrom(id.Row) // scrolled to rows not read yet
	}
	if id.Row >= len(s.rows) || id.Col > s.columns()-1 || s.rows[id.Row].nfields != len(s.fields) || (!s.rows[id.Row].read && id.Col > 0) {
		e.Hide()
		l.Show()
		l.SetText("")
		return
	}
	row := s.rows[id.Row]
	if (s.store.ReadOnly() || row.locked) && id.Col > 0 && id.Col <= len(s.fields) {
		// A file that cannot be written, or figures accepted, show as text in the normal ink (a
		// disabled box greys them until they are hard to read).
		e.Hide()
		l.Show()
		l.TextStyle.Bold = false
		l.Importance = widget.MediumImportance
		l.SetText(s.text(row, id.Col-1))
		return
	}
	if id.Col == 0 || id.Col > len(s.fields) {
		e.Hide()
		l.Show()
		l.TextStyle.Bold = id.Col == 0
		// A row refused as a whole (causes above the poor, say) has its unit's name in red.
		l.Importance = widget.MediumImportance
		if id.Col == 0 && row.err != nil {
			l.Importance = widget.DangerImportance
		}
		l.SetText(s.readOnlyText(row, id.Col))
		return
	}
	l.Hide()
	e.Show()
	e.row, e.col = id.Row, id.Col
	s.cells[id] = e
	e.binding = true
	e.SetText(s.text(row, id.Col-1))
	e.binding = false
	e.SetValidationError(s.cellError(id.Row, id.Col))
	if s.store.ReadOnly() {
		e.Disable()
	}
}

func (s *ReviewScreen) readOnlyText(row *gridRow, col int) string {
	if col == 0 {
		mark := ""
		if row.dirty {
			mark = " •"
		}
		if row.locked {
			mark = " (đã duyệt)"
		}
		return row.label() + mark
	}
	r, err := s.reviewOf(row)
	if err != nil {
		return "—"
	}
	c := rules.CountsOf(&r)
	switch col {
	case len(s.fields) + 1:
		return rules.PercentBeside(c.PovertyRate())
	case len(s.fields) + 2:
		return rules.PercentBeside(c.NearPovertyRate())
	}
	causes := rules.Causes{Poor: r.Poor, ByCause: r.PoorByCause, Known: len(r.PoorByCause) > 0}
	if !causes.Known {
		return ""
	}
	if u := causes.Unclassified(); u != nil {
		return vntext.FormatInt(int64(*u))
	}
	return "—"
}

// reviewOf is the row's review with the texts typed (not yet checked).
func (s *ReviewScreen) reviewOf(row *gridRow) (data.Review, error) {
	r := row.review()
	if r.PoorByCause != nil {
		m := make(map[string]int, len(r.PoorByCause))
		for k, v := range r.PoorByCause {
			m[k] = v
		}
		r.PoorByCause = m
	}
	if row.texts == nil {
		return r, nil // nothing edited: the review as stored
	}
	for i, f := range s.fields {
		if f.plan {
			continue
		}
		if err := f.set(&r, row.texts[i]); err != nil {
			return r, err
		}
	}
	return r, nil
}

// planOf is the row's planned NTM year with the text typed (the stored one when none is).
func (s *ReviewScreen) planOf(row *gridRow) (*int, error) {
	for i, f := range s.fields {
		if f.plan && row.texts != nil {
			p, err := yearField(f.title, row.texts[i])
			if err != nil {
				err.(*data.Error).Field = f.key
			}
			return p, err
		}
	}
	return row.plan, nil
}

// reviewEdited says whether a row's figures of the year differ from those stored (an edit of the
// plan alone writes no review: 78,000 villages of the present year have none).
func (s *ReviewScreen) reviewEdited(row *gridRow) bool {
	if row.texts == nil {
		return false
	}
	stored := row.stored
	if stored == nil {
		stored = &noReview
	}
	for i, f := range s.fields {
		if !f.plan && row.texts[i] != f.get(stored) {
			return true
		}
	}
	return false
}

// check re-reads a row and finds what is wrong with it, and in which column.
func (s *ReviewScreen) check(row *gridRow) {
	row.err, row.errCol = nil, -1
	r, err := s.reviewOf(row)
	if err == nil {
		err = data.CheckReview(&r)
	}
	if err == nil {
		_, err = s.planOf(row)
	}
	if err == nil {
		return
	}
	row.err = err
	var de *data.Error
	field := ""
	if e, ok := err.(*data.Error); ok {
		de = e
		field = de.Field
	}
	for i, f := range s.fields {
		if row.errCol < 0 && (f.key == field || (field == "poor_by_cause" && strings.HasPrefix(f.key, "poor_by_cause/"))) {
			row.errCol = i + 1
		}
	}
}

// cellError is the message of the row at r when it is about the cell in column c (nil otherwise).
func (s *ReviewScreen) cellError(r, c int) error {
	if r < 0 || r >= len(s.rows) {
		return nil
	}
	if row := s.rows[r]; row.err != nil && row.errCol == c {
		return fmt.Errorf("%s", data.Message(row.err))
	}
	return nil
}

// setCell takes what was typed in a cell: the row is checked and its rates computed at once.
func (s *ReviewScreen) setCell(r, c int, text string) {
	if r >= len(s.rows) || c < 1 || c > len(s.fields) {
		return
	}
	row := s.rows[r]
	if !row.read {
		return // its stored figures are not read yet: typing would put blanks over them
	}
	if row.locked {
		// Accepted: said at once, not after a page of typing refused at the save.
		if l, ok, err := s.store.LockOf(context.Background(), row.unit.ID, row.year); err == nil && ok {
			s.status.SetText(l.Sentence())
		}
		return
	}
	if s.text(row, c-1) == text {
		return
	}
	if row.texts == nil {
		texts := make([]string, len(s.fields)) // the stored figures, before the row holds texts
		for i := range s.fields {
			texts[i] = s.text(row, i)
		}
		row.texts = texts
	}
	row.texts[c-1] = text
	row.dirty = true
	s.check(row)
	s.showStatus()
	for _, col := range []int{0, len(s.fields) + 1, len(s.fields) + 2, len(s.fields) + 3} {
		s.table.RefreshItem(widget.TableCellID{Row: r, Col: col})
	}
	// The mark follows the row's message to whichever of its cells it is now about.
	for col := 1; col <= len(s.fields); col++ {
		if e := s.cells[widget.TableCellID{Row: r, Col: col}]; e != nil {
			e.SetValidationError(s.cellError(r, col))
		}
	}
}

// PasteBlock fills the cells from (r, c) with a block copied from a spreadsheet.
func (s *ReviewScreen) PasteBlock(r, c int, text string) {
	for i, line := range parseBlock(text) {
		for j, v := range line {
			if r+i < len(s.rows) && c+j <= len(s.fields) {
				s.setCell(r+i, c+j, strings.TrimSpace(v))
			}
		}
	}
	s.table.Refresh()
}

// focusedCell is the unit and the column of the cell being typed into ("" when none is).
func (s *ReviewScreen) focusedCell() (string, int) {
	if s.win == nil {
		return "", 0
	}
	e, ok := s.win.Canvas().Focused().(*gridEntry)
	if !ok || e.row >= len(s.rows) {
		return "", 0
	}
	return s.rows[e.row].unit.ID, e.col
}

// focusCell puts the focus in a unit's cell of the column, when the unit is shown.
func (s *ReviewScreen) focusCell(unit string, col int) {
	for r, row := range s.rows {
		if row.unit.ID == unit {
			s.moveFocus(r, col, 0, 0)
			return
		}
	}
}

// moveFocus moves from a cell by rows and columns, wrapping to the next row at the end of one.
func (s *ReviewScreen) moveFocus(r, c, dr, dc int) {
	r, c = r+dr, c+dc
	if c > len(s.fields) {
		r, c = r+1, 1
	}
	if c < 1 {
		r, c = r-1, len(s.fields)
	}
	if r < 0 || r >= len(s.rows) {
		return
	}
	id := widget.TableCellID{Row: r, Col: c}
	s.table.ScrollTo(id)
	if e := s.cells[id]; e != nil && s.win != nil {
		s.win.Canvas().Focus(e)
	}
}

func (s *ReviewScreen) showStatus() {
	dirty, bad := 0, 0
	var first string
	for _, row := range s.rows {
		if row.dirty {
			dirty++
		}
		if row.err != nil {
			bad++
			if first == "" {
				first = row.unit.Name + ": " + data.Message(row.err)
			}
		}
	}
	text := fmt.Sprintf("%d đơn vị; %d dòng đã sửa chưa lưu.", len(s.rows), dirty)
	if dirty > 0 {
		s.saved = ""
	}
	if s.saved != "" {
		text = s.saved + " " + text
	}
	if bad > 0 {
		text += fmt.Sprintf(" %d dòng có lỗi (ô đánh dấu đỏ), ví dụ %s", bad, first)
	}
	s.status.SetText(text)
}

// Dirty reports whether rows were changed and not saved.
func (s *ReviewScreen) Dirty() bool {
	for _, row := range s.all {
		if row.dirty {
			return true
		}
	}
	return false
}

// guard runs next, asking first when rows would be lost; cancel runs when the person keeps them.
func (s *ReviewScreen) guard(next, cancel func()) {
	if !s.Dirty() || s.win == nil {
		next()
		return
	}
	dialog.ShowConfirm("Còn số liệu chưa lưu", fmt.Sprintf("Các dòng rà soát năm %d đã sửa chưa được lưu sẽ mất. Bỏ các thay đổi đó?", s.shown.year), func(ok bool) {
		if ok {
			next()
		} else {
			cancel()
		}
	}, s.win)
}

// CanLeave asks, when rows are unsaved, whether to leave the screen anyway.
func (s *ReviewScreen) CanLeave(then func(ok bool)) {
	if !s.Dirty() || s.win == nil {
		then(true)
		return
	}
	dialog.ShowConfirm("Còn số liệu chưa lưu", "Các dòng rà soát đã sửa chưa được lưu. Rời màn hình này và bỏ các thay đổi đó?", then, s.win)
}

// load reads the units of the year and level chosen and their reviews, off the UI thread. The
// grid is emptied first, so that no row of another year stays on screen under this year's label.
func (s *ReviewScreen) load() {
	if s.level == nil || s.table == nil {
		return
	}
	want := s.chosen()
	if want != s.shown {
		s.saved = ""
	}
	// The box being typed into is given to another cell as the rows are read again: the focus
	// leaves it, and comes back to the same cell when the same grid is read again (after a save).
	unit, col := s.focusedCell()
	if unit != "" {
		s.win.Canvas().Unfocus()
	}
	again := want == s.shown
	s.want, s.loading = want, true
	s.all, s.rows = nil, nil
	s.cells = map[widget.TableCellID]*gridEntry{}
	s.table.Refresh()
	s.save.Disable()
	s.status.SetText(fmt.Sprintf("Đang đọc số liệu rà soát năm %d …", want.year))
	s.loadGen++
	gen := s.loadGen
	area := s.areaSel
	Background(func() {
		s.loadMu.Lock()
		defer s.loadMu.Unlock()
		rows, fields, err := s.readRows(want, area)
		fyne.Do(func() {
			if gen != s.loadGen {
				return // a newer choice is being read
			}
			s.loading = false
			if err != nil {
				s.status.SetText(data.Message(err))
				return
			}
			s.shown, s.all, s.fields = want, rows, fields
			s.fillAreas()
			for col := 0; col < s.columns(); col++ {
				s.table.SetColumnWidth(col, s.columnWidth(col, want.villages))
			}
			s.table.SetColumnWidth(s.columns(), s.columnWidth(0, want.villages))
			// The header row three lines tall, so that the longer titles ("Chưa ĐT từ 3 tháng trở lên", the
			// causes of poverty) wrap instead of being cut (a taller header template would make
			// every row as tall).
			three := widget.NewLabelWithStyle("a\nb\nc", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
			s.table.SetRowHeight(-1, three.MinSize().Height)
			if !s.store.ReadOnly() {
				s.save.Enable()
			}
			s.applyFilter()
			if unit != "" && again {
				s.focusCell(unit, col)
			}
			if s.loaded != nil {
				s.loaded()
			}
		})
	})
}

// fillAreas offers the areas of the rows read, keeping the one chosen when the new year has it.
func (s *ReviewScreen) fillAreas() {
	s.areas = nil
	former := false
	for _, row := range s.all {
		if len(s.areas) == 0 || s.areas[len(s.areas)-1] != row.area {
			s.areas = append(s.areas, row.area)
		}
		former = former || row.formerArea
	}
	label := "Huyện"
	if former {
		label = "Địa bàn huyện cũ"
	}
	if s.areaLabel.Text != label {
		s.areaLabel.SetText(label)
		if s.top != nil {
			s.top.Refresh()
		}
	}
	keep := s.areaSel
	s.reverting = true
	defer func() { s.reverting = false }()
	choices := append([]string{allAreas}, s.areas...)
	values := make(map[string]string, len(choices))
	for _, a := range choices {
		values[a] = a
	}
	s.area.SetChoices(choices, values)
	switch {
	case keep != "" && slices.Contains(s.areas, keep):
		s.areaSel = keep
	case len(s.all) <= 400 || len(s.areas) == 0:
		s.areaSel = allAreas
	default:
		s.areaSel = s.areas[0]
	}
	s.area.Put(s.areaSel)
}

// chooseArea shows the rows of area a (allAreas: of every area), as choosing it in the box does.
func (s *ReviewScreen) chooseArea(a string) {
	s.area.Put(a)
	if s.areaSel != a {
		s.areaSel = a
		s.applyFilter()
	}
}

// applyFilter shows the rows of the area chosen whose name holds the filter's words; rows that are
// hidden keep what was typed in them.
func (s *ReviewScreen) applyFilter() {
	if s.table == nil {
		return
	}
	area := s.areaSel
	words := strings.Fields(vntext.Fold(s.filter.Text))
	s.rows = s.rows[:0:0]
	for _, row := range s.all {
		if area != "" && area != allAreas && row.area != area {
			continue
		}
		if len(words) > 0 && row.key == "" {
			row.key = vntext.Fold(row.label()) // folded when first filtered: 78,000 villages on a national file
		}
		ok := true
		for _, w := range words {
			ok = ok && strings.Contains(row.key, w)
		}
		if ok {
			s.rows = append(s.rows, row)
		}
	}
	s.cells = map[widget.TableCellID]*gridEntry{}
	s.inFlight = nil // chunks are of the rows in view: new rows, new chunks
	if s.shown.villages && len(s.all) > readAllUpTo {
		// Only the rows in view (and those edited) keep their stored figures: the memory of a
		// national file's villages stays that of one area however many are looked at.
		inView := make(map[*gridRow]bool, len(s.rows))
		for _, r := range s.rows {
			inView[r] = true
		}
		for _, r := range s.all {
			if r.read && !r.dirty && !inView[r] {
				r.stored, r.read, r.texts = nil, false, nil
			}
		}
	}
	s.table.Refresh()
	s.showStatus()
	s.readShown()
}

func (s *ReviewScreen) readRows(k gridKey, area string) ([]*gridRow, []reviewField, error) {
	ctx := context.Background()
	level := data.LevelCommune
	if k.villages {
		level = data.LevelVillage
	}
	groups, err := s.store.CauseGroups(ctx)
	if err != nil {
		return nil, nil, err
	}
	fields := fieldsOf(k.villages, groups)
	// The year's units from the window's tree, read once for every screen: on a national file a
	// read of its own held 50 MB more while the villages were read.
	tree, err := treeOf(s.store)
	if err != nil {
		return nil, nil, err
	}
	units := data.YearUnitsIn(tree.ds, level, k.year)
	locked, err := s.store.LockedUnits(ctx, k.year)
	if err != nil {
		return nil, nil, err
	}
	rows := make([]*gridRow, 0, len(units))
	for _, u := range units {
		row := &gridRow{unit: gridUnit{ID: u.ID, Code: u.Code, Name: u.Name},
			area: u.AreaName, formerArea: u.FormerArea, year: k.year, nfields: len(fields), errCol: -1, locked: locked[u.ID]}
		if u.Commune != nil {
			row.commune = u.Commune.Name
		}
		if k.villages {
			row.plan = u.NTMPlanYear
		}
		rows = append(rows, row)
	}
	if !k.villages || len(rows) <= readAllUpTo {
		return rows, fields, s.readReviews(k.year, rows, level)
	}
	// The villages of the area shown first (the one kept, else the first when there are many).
	if !slices.ContainsFunc(rows, func(r *gridRow) bool { return r.area == area }) {
		area = rows[0].area
	}
	var first []*gridRow
	for _, r := range rows {
		if r.area == area {
			first = append(first, r)
		}
	}
	return rows, fields, s.readReviews(k.year, first, "")
}

// readAllUpTo is the number of villages whose reviews are read at once; above it, area by area.
var readAllUpTo = 2000

// readReviews reads the stored reviews of rows of a year (those of a level, or of the rows' units).
func (s *ReviewScreen) readReviews(year int, rows []*gridRow, level data.Level) error {
	ctx := context.Background()
	byUnit := make(map[string]*gridRow, len(rows))
	var ids []string
	for _, r := range rows {
		if !r.read {
			byUnit[r.unit.ID] = r
			ids = append(ids, r.unit.ID)
		}
	}
	take := func(f data.ReviewFilter) error {
		reviews, err := s.store.ListReviews(ctx, f)
		if err != nil {
			return err
		}
		for i := range reviews {
			if r := byUnit[reviews[i].UnitID]; r != nil {
				r.stored = &reviews[i]
			}
		}
		return nil
	}
	if level != "" {
		if err := take(data.ReviewFilter{Year: year, Level: level}); err != nil {
			return err
		}
	} else {
		for start := 0; start < len(ids); start += 500 {
			if err := take(data.ReviewFilter{Year: year, UnitIDs: ids[start:min(len(ids), start+500)]}); err != nil {
				return err
			}
		}
	}
	for _, r := range byUnit {
		r.read = true
	}
	return nil
}

// readShown reads, off the UI thread, the reviews of the rows shown that are not read yet, and
// shows them.
func (s *ReviewScreen) readShown() { s.readFrom(0) }

// readChunk is how many rows in view are read at a time: every village of a national file listed
// ("Tất cả") is read as it is scrolled to, not all at once (360 MB).
var readChunk = 2000

// readFrom reads the reviews of the rows in view from row first on, a chunk of them, unless that
// chunk is being read already.
func (s *ReviewScreen) readFrom(first int) {
	chunk := first / readChunk
	if s.inFlight == nil {
		s.inFlight = map[int]bool{}
	}
	if s.inFlight[chunk] {
		return
	}
	var missing []*gridRow
	for _, r := range s.rows[min(chunk*readChunk, len(s.rows)):min((chunk+1)*readChunk, len(s.rows))] {
		if !r.read {
			missing = append(missing, r)
		}
	}
	if len(missing) == 0 {
		return
	}
	s.inFlight[chunk] = true
	gen, year := s.loadGen, s.shown.year
	s.status.SetText(fmt.Sprintf("Đang đọc số liệu rà soát năm %d của %d thôn …", year, len(missing)))
	Background(func() {
		s.loadMu.Lock()
		defer s.loadMu.Unlock()
		// Read into copies: the rows are the UI thread's.
		copies := make([]*gridRow, len(missing))
		for i, r := range missing {
			copies[i] = &gridRow{unit: r.unit}
		}
		err := s.readReviews(year, copies, "")
		fyne.Do(func() {
			delete(s.inFlight, chunk)
			if gen != s.loadGen {
				return // another year or level since
			}
			if err != nil {
				s.status.SetText(data.Message(err))
				return
			}
			for i, r := range missing {
				if !r.read {
					r.stored, r.read = copies[i].stored, true
				}
			}
			s.table.Refresh()
			s.showStatus()
			if s.loaded != nil {
				s.loaded()
			}
		})
	})
}

// Save writes every changed row of the year shown in one transaction; with a row in error nothing
// is written and the rows in error are named.
func (s *ReviewScreen) Save() {
	if s.loading || s.shown != s.chosen() {
		s.status.SetText(fmt.Sprintf("Chưa lưu: đang đọc số liệu năm %s, hãy chờ bảng hiện xong rồi lưu.", s.year.Selected))
		return
	}
	var changed []*data.Review
	plans := map[string]*int{}
	var bad []string
	for _, row := range s.all {
		if !row.dirty {
			continue
		}
		s.check(row)
		if row.err != nil {
			bad = append(bad, row.label()+": "+data.Message(row.err))
			continue
		}
		if p, _ := s.planOf(row); !samePlan(p, row.plan) {
			plans[row.unit.ID] = p
		}
		if !s.reviewEdited(row) {
			continue
		}
		r, _ := s.reviewOf(row)
		if r.Year != s.shown.year {
			// Cannot happen: the rows are the year's; never write another year's figures.
			s.fail(&data.Error{Kind: data.KindInternal, Msg: "Chưa lưu gì: bảng có dòng không thuộc năm đang xem; hãy chọn lại năm rồi nhập lại."})
			return
		}
		changed = append(changed, &r)
	}
	if len(bad) > 0 {
		s.table.Refresh()
		s.fail(&data.Error{Kind: data.KindInvalid, Msg: fmt.Sprintf("Chưa lưu gì: %d dòng có lỗi. %s", len(bad), strings.Join(bad, "; "))})
		return
	}
	if len(changed) == 0 && len(plans) == 0 {
		s.status.SetText("Không có dòng nào thay đổi.")
		return
	}
	if err := s.store.SaveReviewsAndPlans(context.Background(), changed, plans); err != nil {
		s.fail(err)
		return
	}
	for _, row := range s.all {
		row.dirty = false
	}
	s.saved = fmt.Sprintf("Đã lưu số liệu rà soát năm %d của %d đơn vị.", s.shown.year, len(changed))
	switch {
	case len(plans) > 0 && len(changed) == 0:
		s.saved = fmt.Sprintf("Đã lưu năm dự kiến đạt chuẩn nông thôn mới của %d thôn.", len(plans))
	case len(plans) > 0:
		s.saved = fmt.Sprintf("Đã lưu số liệu rà soát năm %d của %d đơn vị và năm dự kiến đạt chuẩn nông thôn mới của %d thôn.", s.shown.year, len(changed), len(plans))
	}
	s.load()
	s.status.SetText(s.saved)
}

func (s *ReviewScreen) fail(err error) { showError(s.status, s.win, err) }

// listView is the grid as shown (the figures as typed, the rates), for Excel.
func (s *ReviewScreen) listView() reports.ListInput {
	filter := fmt.Sprintf("%s: %s; %s", s.areaLabel.Text, s.areaSel, strings.ToLower(s.level.Selected))
	if t := strings.TrimSpace(s.filter.Text); t != "" {
		filter += fmt.Sprintf("; tên có %q", t)
	}
	in := reports.ListInput{Title: fmt.Sprintf("Số liệu rà soát năm %d", s.shown.year), Filter: filter}
	for c := range s.columns() {
		in.Columns = append(in.Columns, s.columnTitle(c))
	}
	for _, row := range s.rows {
		line := []string{row.label()}
		for i := range s.fields {
			line = append(line, s.text(row, i))
		}
		line = append(line, s.readOnlyText(row, len(s.fields)+1), s.readOnlyText(row, len(s.fields)+2), s.readOnlyText(row, len(s.fields)+3))
		in.Rows = append(in.Rows, line)
	}
	return in
}

// Export writes the grid as shown to an Excel workbook and opens it; done, when not nil, is told
// the file (tests).
func (s *ReviewScreen) Export(done func(string, error)) {
	for _, row := range s.rows {
		if !row.read {
			err := &data.Error{Kind: data.KindInvalid, Msg: "Chưa xuất: số liệu của các dòng đang hiện còn đang được đọc; hãy chờ bảng hiện đủ số liệu rồi xuất lại."}
			if done != nil {
				done("", err)
				return
			}
			s.fail(err)
			return
		}
	}
	exportList(s.excel, s.store, s.win, ReportsFolder(s.store), "ra-soat-"+strconv.Itoa(s.shown.year), s.listView(), done)
}

func (s *ReviewScreen) CreateRenderer() fyne.WidgetRenderer {
	area := container.NewGridWrap(fyne.NewSize(230, s.area.MinSize().Height), s.area) // wide enough for "Thành phố Kon Tum"
	// The buttons go on the filter's line: at 125–150% text the boxes alone fill a 1366-pixel laptop.
	top := container.NewHBox(widget.NewLabel("Năm"), s.year, s.level, s.areaLabel, area)
	s.top = top
	filter := container.NewBorder(nil, nil, widget.NewLabel("Lọc"), container.NewHBox(s.save, s.excel), s.filter)
	hint := widget.NewLabel("Tab, Enter, mũi tên để di chuyển; dán khối số liệu chép từ Excel vào một ô để điền nhiều ô; tỷ lệ được tính ngay khi gõ.")
	hint.Wrapping = fyne.TextWrapWord
	return widget.NewSimpleRenderer(container.NewBorder(container.NewVBox(top, filter, hint), s.status, nil, nil, s.table))
}

// samePlan says whether two planned years are the same (nil: none).
func samePlan(a, b *int) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }
