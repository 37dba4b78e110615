package screen

import (
	"context"
	"image"
	"image/color"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketnghia/app/window/widgets"
	"ketnghia/app/window/windowtest"
	"ketnghia/data"
	"ketnghia/data/datatest"
	"ketnghia/data/rules"
	"ketnghia/data/vntext"
)

func reviewOn(t *testing.T, st *data.Store) (*ReviewScreen, chan struct{}) {
	t.Helper()
	s := NewReviewScreen(st, nil)
	ch := make(chan struct{}, 16)
	s.loaded = func() { ch <- struct{}{} }
	w := test.NewTempWindow(t, s)
	w.Resize(fyne.NewSize(1280, 700))
	s.year.SetSelected("2024")
	waitList(t, ch)
	settle(t, ch)
	return s, ch
}

// TestReviewGridRefusesPoorAboveHouseholds: a row with more poor households than households shows
// the message on its cell and nothing is saved.
func TestReviewGridRefusesPoorAboveHouseholds(t *testing.T) {
	test.NewTempApp(t)
	st := windowtest.SampleStore(t)
	s, _ := reviewOn(t, st)
	if len(s.rows) == 0 {
		t.Fatal("no communes in the grid")
	}
	row := s.rows[0]
	before, _ := st.ReviewOf(context.Background(), row.unit.ID, 2024)
	s.setCell(0, 1, "100")
	s.setCell(0, 4, "150")
	if row.err == nil || row.errCol == 0 || !strings.Contains(data.Message(row.err), "hộ nghèo") {
		t.Fatalf("error %v in column %d", row.err, row.errCol)
	}
	// The cell is marked in the error colour, in both themes, and the unit's name too.
	for _, variant := range []string{"light", "dark"} {
		widgets.Appearance{Variant: variant, TextScale: 1}.Apply(fyne.CurrentApp())
		cell := s.createCell()
		s.updateCell(widget.TableCellID{Row: 0, Col: row.errCol}, cell)
		if s.cellError(0, row.errCol) == nil {
			t.Errorf("%s: the cell holds no error", variant)
		}
		w := test.NewTempWindow(t, cell)
		w.Resize(fyne.NewSize(160, 60))
		if n := pixelsOf(w.Canvas().Capture(), fyne.CurrentApp().Settings().Theme().Color(theme.ColorNameError, fyne.CurrentApp().Settings().ThemeVariant())); n < 40 {
			t.Errorf("%s: the cell in error has %d pixels of the error colour", variant, n)
		}
		name := s.createCell()
		s.updateCell(widget.TableCellID{Row: 0, Col: 0}, name)
		if l := name.(*fyne.Container).Objects[0].(*widget.Label); l.Importance != widget.DangerImportance {
			t.Errorf("%s: the unit of a refused row is not marked", variant)
		}
	}
	s.Save()
	if !strings.Contains(s.status.Text, "Chưa lưu gì") {
		t.Errorf("status %q", s.status.Text)
	}
	after, _ := st.ReviewOf(context.Background(), row.unit.ID, 2024)
	if *after.Households != *before.Households || *after.Poor != *before.Poor {
		t.Error("a refused row was written")
	}
}

// TestReviewGridPasteAndSave: a block pasted from Excel fills the cells, the rates follow, and the
// rows are saved together.
func TestReviewGridPasteAndSave(t *testing.T) {
	test.NewTempApp(t)
	st := windowtest.SampleStore(t)
	s, ch := reviewOn(t, st)
	if len(s.rows) < 2 {
		t.Fatal("need two communes")
	}
	s.PasteBlock(0, 1, "1.000\t900\t4.500\t200\t100\r\n2000\t1000\t9000\t500\t300\r\n")
	if got := s.readOnlyText(s.rows[0], len(s.fields)+1); got != "20,0%" {
		t.Errorf("poverty rate of the pasted row: %q", got)
	}
	if s.text(s.rows[1], 3) != "500" || s.rows[1].err != nil {
		t.Fatalf("second row %v %v", s.rows[1].texts, s.rows[1].err)
	}
	s.Save()
	waitList(t, ch)
	ctx := context.Background()
	r0, _ := st.ReviewOf(ctx, s.rows[0].unit.ID, 2024)
	r1, _ := st.ReviewOf(ctx, s.rows[1].unit.ID, 2024)
	if *r0.Households != 1000 || *r0.Poor != 200 || *r1.Households != 2000 || *r1.NearPoor != 300 {
		t.Errorf("stored %v/%v and %v/%v", *r0.Households, *r0.Poor, *r1.Households, *r1.NearPoor)
	}
	if s.Dirty() {
		t.Error("rows still marked unsaved")
	}
	time.Sleep(10 * time.Millisecond)
}

// TestReviewGridVillageFields: villages have the chi bộ and the road as có / không.
func TestReviewGridVillageFields(t *testing.T) {
	test.NewTempApp(t)
	st := windowtest.SampleStore(t)
	s, ch := reviewOn(t, st)
	s.level.SetSelected("Thôn, làng")
	waitList(t, ch)
	settle(t, ch)
	col := 0
	for i, f := range s.fields {
		if f.key == "party_cell" {
			col = i + 1
		}
	}
	if col == 0 || len(s.rows) == 0 {
		t.Fatal("no chi bộ column or no villages")
	}
	s.setCell(0, col, "chắc có")
	if s.rows[0].err == nil || s.rows[0].errCol != col {
		t.Errorf("a bad yes/no: %v", s.rows[0].err)
	}
	s.setCell(0, col, "không")
	if s.rows[0].err != nil {
		t.Errorf("không refused: %v", s.rows[0].err)
	}
}

// rowOf finds the row of a unit by code (and the village's name), or fails.
func rowOf(t *testing.T, s *ReviewScreen, code, village string) (int, *gridRow) {
	t.Helper()
	for i, row := range s.rows {
		if village == "" && row.unit.Code == code || village != "" && row.unit.Name == village && strings.Contains(row.label(), code) {
			return i, row
		}
	}
	t.Fatalf("no row %s %s among %d", code, village, len(s.rows))
	return 0, nil
}

func colOf(t *testing.T, s *ReviewScreen, key string) int {
	t.Helper()
	for i, f := range s.fields {
		if f.key == key {
			return i + 1
		}
	}
	t.Fatalf("no column %s", key)
	return 0
}

// TestReviewGridSavesOnlyIntoTheYearShown: the sequence seen by a clerk — 2024, Huyện Tu Mơ Rông,
// switch to 2026, change a figure, save — writes 2026's review of a new commune and leaves 2024
// as it was; the grid never shows one year's rows under another year's label.
func TestReviewGridSavesOnlyIntoTheYearShown(t *testing.T) {
	test.NewTempApp(t)
	st := windowtest.SampleStoreOn(t, datatest.Present)
	ctx := context.Background()
	s, ch := reviewOn(t, st)
	s.chooseArea("Huyện Tu Mơ Rông")
	if len(s.rows) == 0 || s.areaLabel.Text != "Huyện" {
		t.Fatalf("2024, Tu Mơ Rông: %d rows, area label %q", len(s.rows), s.areaLabel.Text)
	}
	_, old := rowOf(t, s, "23425", "") // Xã Đắk Hà of Tu Mơ Rông, closed in 2025
	before, err := st.ReviewOf(ctx, old.unit.ID, 2024)
	if err != nil {
		t.Fatal(err)
	}
	s.year.SetSelected("2026")
	waitList(t, ch)
	settle(t, ch)
	if s.shown.year != 2026 || len(s.all) != 40 {
		t.Fatalf("2026 shows year %d with %d communes, want the 40 communes", s.shown.year, len(s.all))
	}
	if s.areaLabel.Text != "Địa bàn huyện cũ" || s.areaSel != "Huyện Tu Mơ Rông" {
		t.Errorf("area %q %q, want the former district kept", s.areaLabel.Text, s.areaSel)
	}
	for _, row := range s.all {
		u, err := st.GetUnit(ctx, row.unit.ID)
		if err != nil || row.review().Year != 2026 || !u.OpenAt(data.YearEnd(2026)) {
			t.Fatalf("%s: a row of %d, open in 2026: %v (%v)", row.label(), row.review().Year, u.OpenAt(data.YearEnd(2026)), err)
		}
	}
	r, row := rowOf(t, s, "23425", "")
	s.setCell(r, colOf(t, s, "em_illiterate_15_60"), "92")
	s.Save()
	waitList(t, ch)
	after, err := st.ReviewOf(ctx, old.unit.ID, 2024)
	if err != nil || *after.EMIlliterate15to60 != *before.EMIlliterate15to60 || after.Version != before.Version {
		t.Fatalf("2024 review changed: %v → %v (%v)", before.Version, after.Version, err)
	}
	got, err := st.ReviewOf(ctx, row.unit.ID, 2026)
	if err != nil || got.EMIlliterate15to60 == nil || *got.EMIlliterate15to60 != 92 {
		t.Fatalf("2026 review of %s: %+v %v", row.label(), got, err)
	}
}

// TestReviewGridTakesNothingWhileAYearIsRead: between choosing a year and its rows arriving, there
// is nothing to type into and a save writes nothing.
func TestReviewGridTakesNothingWhileAYearIsRead(t *testing.T) {
	test.NewTempApp(t)
	st := windowtest.SampleStore(t)
	s, ch := reviewOn(t, st)
	s.setCell(0, 1, "1234")
	held := make(chan func(), 1)
	Background = func(work func()) { held <- work }
	defer func() { Background = func(work func()) { work() } }()
	s.load()
	if len(s.rows) != 0 || s.Dirty() {
		t.Fatalf("%d rows on screen, dirty %v, while a year is read", len(s.rows), s.Dirty())
	}
	s.setCell(0, 1, "99")
	s.Save()
	if !strings.Contains(s.status.Text, "Chưa lưu") {
		t.Errorf("status while reading: %q", s.status.Text)
	}
	(<-held)()
	waitList(t, ch)
	if s.Dirty() {
		t.Error("a cell typed while reading was kept")
	}
}

// TestReviewGridEntersThe2026ReviewOfAVillage: a village of a new commune is entered in 2026 and
// saved under it; the filter finds it without accents.
func TestReviewGridEntersThe2026ReviewOfAVillage(t *testing.T) {
	test.NewTempApp(t)
	st := windowtest.SampleStoreOn(t, datatest.Present)
	s, ch := reviewOn(t, st)
	s.year.SetSelected("2026")
	waitList(t, ch)
	s.level.SetSelected("Thôn, làng")
	waitList(t, ch)
	settle(t, ch)
	if len(s.all) != 912 {
		t.Fatalf("%d villages in 2026, want 912", len(s.all))
	}
	s.chooseArea(allAreas)
	s.filter.SetText("dak mar")
	if len(s.rows) == 0 || len(s.rows) == len(s.all) {
		t.Fatalf("filter dak mar: %d rows of %d", len(s.rows), len(s.all))
	}
	row := s.rows[0]
	if !strings.Contains(row.label(), "Đăk Mar") {
		t.Fatalf("first row %q", row.label())
	}
	s.setCell(0, colOf(t, s, "households"), "120")
	s.setCell(0, colOf(t, s, "poor"), "30")
	s.setCell(0, colOf(t, s, "party_cell"), "có")
	if got := s.readOnlyText(row, len(s.fields)+1); got != "25,0%" {
		t.Errorf("poverty rate %q", got)
	}
	s.filter.SetText("")
	if !s.Dirty() {
		t.Fatal("the edit was lost when the filter changed")
	}
	s.Save()
	if !strings.Contains(s.status.Text, "Đã lưu") {
		t.Fatalf("status after saving: %q", s.status.Text)
	}
	got, err := st.ReviewOf(context.Background(), row.unit.ID, 2026)
	if err != nil || *got.Households != 120 || *got.Poor != 30 || !*got.PartyCell {
		t.Fatalf("2026 review of %s: %+v %v", row.label(), got, err)
	}
	// What was entered is what the 2026 figures count.
	ds, err := st.Dataset(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	x := rules.NewIndex(ds)
	for _, p := range x.Progress(2026, rules.ProgressOptions{}) {
		if p.Metric == rules.MetricPartyCell && (p.Value.Num != 1 || p.Value.Den != 1 || p.Value.Unknown != 911) {
			t.Errorf("chi bộ 2026: %+v", p.Value)
		}
	}
	a, err := x.AssessUnit(x.Unit(row.unit.ID), 2026, "")
	if err != nil || a.Status == rules.StatusInsufficient && slices.Contains(a.Missing, "số hộ") {
		t.Errorf("assessment of %s in 2026: %+v %v", row.label(), a, err)
	}
}

// drawAll draws every cell and header of the grid as the table would, and uses every cell's
// keys: nothing a half-done load leaves may make it panic.
func drawAll(t *testing.T, s *ReviewScreen, maxCols int) {
	t.Helper()
	rows, cols := s.size()
	for _, r := range []int{0, 1, 2, rows - 1, rows} { // the first rows, the last, one past it
		if r < 0 {
			continue
		}
		for c := 0; c < max(cols, maxCols); c++ {
			id := widget.TableCellID{Row: r, Col: c}
			s.updateCell(id, s.createCell())
			s.columnTitle(c)
			s.setCell(r, c, "7")
			s.moveFocus(r, c, 0, 1)
			s.moveFocus(r, c, 1, 0)
		}
	}
	s.PasteBlock(0, 1, strings.Repeat("5\t", maxCols))
	s.table.Refresh()
}

// TestReviewGridNeverDrawsHalfALoad is the crash of village mode scrolled right, the text made
// bigger, then "Xã": with the load held back, every cell of either column list is drawn and
// typed into, before and after the rows come, in both directions.
func TestReviewGridNeverDrawsHalfALoad(t *testing.T) {
	a := test.NewTempApp(t)
	st := windowtest.SampleStore(t)
	s, ch := reviewOn(t, st)
	wide := 2 + len(fieldsOf(false, make([]data.CauseGroup, 10))) + 3
	for _, level := range []string{"Thôn, làng", "Xã", "Thôn, làng"} {
		held := make(chan func(), 1)
		Background = func(work func()) { held <- work }
		s.table.ScrollTo(widget.TableCellID{Row: 0, Col: s.columns() - 1})
		s.level.SetSelected(level)
		widgets.Appearance{Variant: "light", TextScale: 1.25}.Apply(a)
		drawAll(t, s, wide) // the new level chosen, its rows not read yet
		Background = func(work func()) { work() }
		(<-held)()
		waitList(t, ch)
		settle(t, ch)
		if len(s.rows) == 0 {
			t.Fatalf("%s: no rows after the load", level)
		}
		for _, row := range s.rows {
			if row.nfields != len(s.fields) {
				t.Fatalf("%s: a row of %d cells under %d columns", level, row.nfields, len(s.fields))
			}
		}
		drawAll(t, s, wide)
		for _, row := range s.rows {
			row.dirty = false // typed by drawAll: not to be asked about
		}
		widgets.Appearance{Variant: "light", TextScale: 1}.Apply(a)
	}
}

// pixelsOf counts the pixels of img within a small distance of colour c.
func pixelsOf(img image.Image, c color.Color) int {
	r0, g0, b0, _ := c.RGBA()
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if absDiff(r, r0) < 0x1800 && absDiff(g, g0) < 0x1800 && absDiff(bl, b0) < 0x1800 {
				n++
			}
		}
	}
	return n
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

// TestReviewGridOfAReadOnlyFileShowsFiguresAsText: a file that cannot be written shows its figures
// as plain text in the normal ink, and nothing can be saved.
func TestReviewGridOfAReadOnlyFileShowsFiguresAsText(t *testing.T) {
	test.NewTempApp(t)
	st := windowtest.SampleStore(t)
	path := st.Path()
	st.Close()
	ro, err := data.Open(context.Background(), path, data.Options{ReadOnly: true, Shared: true, Now: func() time.Time { return datatest.Clock }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ro.Close() })
	s, _ := reviewOn(t, ro)
	if !s.save.Disabled() {
		t.Error("Lưu tất cả is on for a read-only file")
	}
	cell := s.createCell()
	s.updateCell(widget.TableCellID{Row: 0, Col: 1}, cell)
	objs := cell.(*fyne.Container).Objects
	l, e := objs[0].(*widget.Label), objs[1].(*gridEntry)
	if e.Visible() || !l.Visible() || l.Text == "" || l.Importance != widget.MediumImportance {
		t.Errorf("a figure of a read-only file: entry shown %v, text %q", e.Visible(), l.Text)
	}
}

// TestReviewGridEntersPoorByCause: a commune's poor households by cause are a column per cause
// group after the poor households, filled by a block pasted from Excel; the households not yet
// given a cause are shown as typed; causes above the poor are refused on the first cause's cell
// and nothing is saved; a good row is stored, a cause left blank is no figure.
func TestReviewGridEntersPoorByCause(t *testing.T) {
	test.NewTempApp(t)
	st := windowtest.SampleStore(t)
	groups, err := st.CauseGroups(context.Background())
	if err != nil || len(groups) < 3 {
		t.Fatalf("%d groups, %v", len(groups), err)
	}
	s, ch := reviewOn(t, st)
	poor, first := colOf(t, s, "poor"), colOf(t, s, "poor_by_cause/"+groups[0].Code)
	if first != colOf(t, s, "poor_em")+1 || s.columnTitle(first) != "Nghèo do "+vntext.LowerFirst(groups[0].Name) {
		t.Fatalf("the first cause is column %d (%q)", first, s.columnTitle(first))
	}
	unclassified := len(s.fields) + 3
	if s.columnTitle(unclassified) != "Hộ nghèo chưa rõ nguyên nhân" {
		t.Fatalf("last column %q", s.columnTitle(unclassified))
	}
	s.setCell(0, poor, "40")
	for i := range groups {
		s.setCell(0, first+i, "") // the sample's causes taken out
	}
	// A block from Excel: the ethnic-minority poor, then the causes (a blank one).
	s.PasteBlock(0, first-1, "10\t30\t\t35\r\n")
	if s.rows[0].err == nil || s.rows[0].errCol != first || !strings.Contains(data.Message(s.rows[0].err), "(65)") {
		t.Fatalf("65 households by cause of 40 poor: %v in column %d", s.rows[0].err, s.rows[0].errCol)
	}
	s.Save()
	if r, _ := st.ReviewOf(context.Background(), s.rows[0].unit.ID, 2024); *r.Poor == 40 {
		t.Fatal("a row with causes above the poor was saved")
	}
	s.PasteBlock(0, first, "30\t\t4\r\n")
	if s.rows[0].err != nil {
		t.Fatalf("30 + 4 of 40: %v", s.rows[0].err)
	}
	if got := s.readOnlyText(s.rows[0], unclassified); got != "6" {
		t.Errorf("households not yet given a cause: %q, want 6", got)
	}
	s.Save()
	waitList(t, ch)
	r, err := st.ReviewOf(context.Background(), s.rows[0].unit.ID, 2024)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{groups[0].Code: 30, groups[2].Code: 4}
	if *r.Poor != 40 || len(r.PoorByCause) != 2 || r.PoorByCause[groups[0].Code] != 30 || r.PoorByCause[groups[2].Code] != 4 {
		t.Errorf("stored %d poor, causes %v, want %v", *r.Poor, r.PoorByCause, want)
	}
	if s.text(s.rows[0], first) != "" || s.text(s.rows[0], first-1) != "30" {
		t.Errorf("read back: %q %q", s.text(s.rows[0], first-1), s.text(s.rows[0], first))
	}
}

// TestReviewGridReadsVillagesAreaByArea: with many villages (a national file's 78,000; here the
// threshold is lowered), a year's reviews are read for the area shown only, the next area's when it
// is chosen, and an edit there is saved over the stored review, never over blanks.
func TestReviewGridReadsVillagesAreaByArea(t *testing.T) {
	test.NewTempApp(t)
	readAllUpTo = 50
	defer func() { readAllUpTo = 2000 }()
	st := windowtest.SampleStore(t)
	s, ch := reviewOn(t, st)
	s.level.SetSelected("Thôn, làng")
	waitList(t, ch)
	settle(t, ch)
	if len(s.areas) < 2 || s.areaSel != s.areas[0] {
		t.Fatalf("areas %v, chosen %q", s.areas, s.areaSel)
	}
	unread := 0
	for _, r := range s.all {
		if r.area == s.areas[0] && !r.read {
			t.Fatalf("%s of the area shown is not read", r.label())
		}
		if !r.read {
			unread++
		}
	}
	if unread == 0 {
		t.Fatal("every area was read at once")
	}
	s.chooseArea(s.areas[1])
	waitList(t, ch)
	settle(t, ch)
	var row *gridRow
	for i, r := range s.rows {
		if !r.read {
			t.Fatalf("%s of the area chosen is not read", r.label())
		}
		if r.stored != nil && r.stored.Households != nil && row == nil {
			row = s.rows[i]
			near := colOf(t, s, "near_poor")
			if got, want := s.text(row, colOf(t, s, "households")-1), vntext.FormatInt(int64(*r.stored.Households)); got != want {
				t.Fatalf("households shown %q, stored %q", got, want)
			}
			s.setCell(i, near, "3")
		}
	}
	if row == nil {
		t.Fatal("no stored review in the second area")
	}
	for _, r := range s.all {
		if r.area == s.areas[0] && r.read {
			t.Fatalf("%s of the area left still holds its stored figures", r.label())
		}
	}
	want := *row.stored.Households
	// Away to another area and the edit is kept, then saved from there.
	s.chooseArea(s.areas[0])
	waitList(t, ch)
	settle(t, ch)
	if !row.read || !row.dirty || s.text(row, colOf(t, s, "near_poor")-1) != "3" {
		t.Fatal("an edit in an area left was dropped")
	}
	s.Save()
	waitList(t, ch)
	settle(t, ch)
	r, err := st.ReviewOf(context.Background(), row.unit.ID, 2024)
	if err != nil || r.NearPoor == nil || *r.NearPoor != 3 || r.Households == nil || *r.Households != want {
		t.Fatalf("stored after the edit: %+v %v", r, err)
	}
}

// TestReviewGridReadsEveryVillageAsItIsScrolledTo: every area chosen ("Tất cả") on a file of many
// villages reads the top of the list, and the rows further down when they are drawn.
func TestReviewGridReadsEveryVillageAsItIsScrolledTo(t *testing.T) {
	test.NewTempApp(t)
	readAllUpTo, readChunk = 50, 100
	defer func() { readAllUpTo, readChunk = 2000, 2000 }()
	st := windowtest.SampleStore(t)
	s, ch := reviewOn(t, st)
	s.level.SetSelected("Thôn, làng")
	waitList(t, ch)
	settle(t, ch)
	s.chooseArea(allAreas)
	waitList(t, ch)
	settle(t, ch)
	if len(s.rows) < 300 {
		t.Fatalf("%d rows", len(s.rows))
	}
	for i, r := range s.rows {
		if i < 100 && !r.read {
			t.Fatalf("row %d at the top is not read", i)
		}
		if i >= 200 && r.read {
			t.Fatalf("row %d, far down, was read before it was drawn", i)
		}
	}
	s.updateCell(widget.TableCellID{Row: 250, Col: 1}, s.createCell()) // scrolled to
	waitList(t, ch)
	settle(t, ch)
	if !s.rows[250].read || !s.rows[200].read || !s.rows[299].read || s.rows[150].read {
		t.Errorf("after drawing row 250, its hundred rows are read and not the hundred before: rows 150, 200, 250, 299 read: %v %v %v %v",
			s.rows[150].read, s.rows[200].read, s.rows[250].read, s.rows[299].read)
	}
}

// TestReviewGridEntersAVillagesPlannedNTMYear: in the present year's grid of villages the planned
// year to meet the NTM standard is a column of its own; typed alone it is saved to the village
// without writing a review of the year; a year that is not one is refused on its cell and nothing
// is written; the progress figures read the plan.
func TestReviewGridEntersAVillagesPlannedNTMYear(t *testing.T) {
	test.NewTempApp(t)
	st := windowtest.SampleStoreOn(t, datatest.Present)
	ctx := context.Background()
	s, ch := reviewOn(t, st)
	s.year.SetSelected("2026")
	waitList(t, ch)
	s.level.SetSelected("Thôn, làng")
	waitList(t, ch)
	settle(t, ch)
	s.chooseArea(allAreas)
	col := colOf(t, s, "ntm_plan_year")
	if s.columnTitle(col) != "Năm dự kiến đạt chuẩn NTM" {
		t.Errorf("column %d is %q", col, s.columnTitle(col))
	}
	var r int
	var row *gridRow
	for i, rw := range s.rows {
		u, err := st.GetUnit(ctx, rw.unit.ID)
		if err == nil && u.EthnicMinority && (u.NTMYear == nil || *u.NTMYear > 2026) {
			if old, _ := st.ReviewOf(ctx, rw.unit.ID, 2026); old.ID == "" {
				r, row = i, rw
				break
			}
		}
	}
	if row == nil {
		t.Fatal("no ethnic-minority village without a 2026 review and not yet recognised")
	}
	s.setCell(r, col, "20x7")
	if row.err == nil || row.errCol != col {
		t.Fatalf("a year that is not one: %v in column %d", row.err, row.errCol)
	}
	s.Save()
	if u, _ := st.GetUnit(ctx, row.unit.ID); u.NTMPlanYear != nil {
		t.Fatal("a refused plan was written")
	}
	s.setCell(r, col, "2028")
	if row.err != nil {
		t.Fatalf("2028 refused: %v", row.err)
	}
	s.Save()
	waitList(t, ch)
	if !strings.Contains(s.status.Text, "năm dự kiến đạt chuẩn nông thôn mới của 1 thôn") {
		t.Errorf("status after saving: %q", s.status.Text)
	}
	u, err := st.GetUnit(ctx, row.unit.ID)
	if err != nil || u.NTMPlanYear == nil || *u.NTMPlanYear != 2028 {
		t.Fatalf("the village's plan after saving: %v %v", u.NTMPlanYear, err)
	}
	if got, _ := st.ReviewOf(ctx, row.unit.ID, 2026); got.ID != "" {
		t.Errorf("a plan alone wrote a 2026 review: %+v", got)
	}
	ds, err := st.Dataset(ctx)
	if err != nil {
		t.Fatal(err)
	}
	road := rules.NewIndex(ds).Road(2026, "")
	if road.Planned != 1 || road.Pending != 1 || len(road.Plan) == 0 || road.Plan[len(road.Plan)-1].Year != 2028 {
		t.Errorf("the road after one plan: %+v", road)
	}
	settle(t, ch)
	for _, rw := range s.all {
		if rw.unit.ID == row.unit.ID && yearText(rw.plan) != "2028" {
			t.Errorf("the grid read again shows plan %q", yearText(rw.plan))
		}
	}
}

// TestAFigureSavedInTheGridIsOnTheXaScreenAtOnce: a commune open on the Xã screen, its figure
// changed and saved in the review grid: told of the change as the window tells it (the store's one
// notice), the Xã screen keeps the commune open and its figures and history show the new value.
func TestAFigureSavedInTheGridIsOnTheXaScreenAtOnce(t *testing.T) {
	test.NewTempApp(t)
	st := windowtest.SampleStore(t)
	ctx := context.Background()
	xa := NewCommunesScreen(st, nil)
	test.NewTempWindow(t, xa)
	grid := NewReviewScreen(st, nil)
	test.NewTempWindow(t, grid)
	stop := st.OnDataChanged(func() { fyne.Do(xa.DataChanged) })
	defer stop()
	cs, _, err := st.ListUnits(ctx, data.UnitFilter{Level: data.LevelCommune, At: data.YearEnd(2024), Limit: 1})
	if err != nil || len(cs) == 0 {
		t.Fatal(err)
	}
	xa.year.SetSelected("2024")
	xa.open(&cs[0])
	r, err := st.ReviewOf(ctx, cs[0].ID, 2024)
	if err != nil {
		t.Fatal(err)
	}
	households := *r.Households + 1234
	want := vntext.FormatInt(int64(households))
	if strings.Contains(xa.figures.Text, want) {
		t.Fatalf("the figures show %s before it is typed", want)
	}

	grid.year.SetSelected("2024")
	row := -1
	for i, gr := range grid.rows {
		if gr.unit.ID == cs[0].ID {
			row = i
		}
	}
	if row < 0 {
		t.Fatal("the commune is not in the grid")
	}
	grid.setCell(row, 1, strconv.Itoa(households))
	grid.Save()
	if got, _ := st.ReviewOf(ctx, cs[0].ID, 2024); *got.Households != households {
		t.Fatalf("not saved: %s", grid.status.Text)
	}
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(xa.figures.Text, want) && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if xa.Current() == nil || xa.Current().ID != cs[0].ID {
		t.Fatal("the Xã screen lost the commune it had open")
	}
	if !strings.Contains(xa.figures.Text, want) {
		t.Errorf("the commune's figures do not show %s:\n%s", want, xa.figures.Text)
	}
	if !strings.Contains(xa.history.Text, "Số liệu rà soát năm 2024") {
		t.Errorf("the commune's history lacks the change:\n%s", xa.history.Text)
	}
}

// TestTypingAfterASaveGoesIntoTheSameCell: a clerk types a commune's figures, saves with Ctrl+S
// and goes on typing. The grid is read again after the save and its boxes are given to its cells
// anew: the box being typed into showed another commune's cell (Xã Xốp's poor ethnic-minority
// households, for Xã Đăk Long's near-poor ones), and what was typed next went there. What is typed
// after a save goes into the cell that was being typed into, or nowhere.
func TestTypingAfterASaveGoesIntoTheSameCell(t *testing.T) {
	test.NewTempApp(t)
	st := windowtest.SampleStore(t)
	s := NewReviewScreen(st, nil)
	ch := make(chan struct{}, 16)
	s.loaded = func() { ch <- struct{}{} }
	w := test.NewTempWindow(t, s)
	s.win = w
	w.Resize(fyne.NewSize(1280, 700))
	s.year.SetSelected("2026") // the present year, shown first
	s.load()
	waitList(t, ch)
	settle(t, ch)
	w.Canvas().Capture() // the grid's boxes drawn: its rows in view are read
	settle(t, ch)
	w.Canvas().Capture()
	r := -1 // a row in view
	for id := range s.cells {
		if id.Col == 1 && (r < 0 || id.Row < r) {
			r = id.Row
		}
	}
	if r < 0 {
		t.Fatal("no box of the grid is drawn")
	}
	unit := s.rows[r].unit.ID
	for col, figure := range []string{"", "1000", "900", "4000", "600"} {
		if col == 0 {
			continue
		}
		s.moveFocus(r, col, 0, 0)
		e, ok := w.Canvas().Focused().(*gridEntry)
		if !ok || e.row != r || e.col != col {
			t.Fatalf("column %d: the focus is on %v", col, w.Canvas().Focused())
		}
		e.SetText("")
		test.Type(e, figure)
	}
	s.moveFocus(r, 5, 0, 0) // Tab after the last figure typed
	s.Save()
	if !strings.Contains(s.status.Text, "Đã lưu") {
		t.Fatalf("the save: %q", s.status.Text)
	}
	settle(t, ch)
	if f := w.Canvas().Focused(); f != nil {
		test.Type(f, "7")
	}
	for i, row := range s.rows {
		if row.dirty && row.unit.ID != unit {
			t.Errorf("typing after the save changed %s (row %d)", row.label(), i)
		}
	}
	if e, ok := w.Canvas().Focused().(*gridEntry); ok && (s.rows[e.row].unit.ID != unit || e.col != 5) {
		t.Errorf("after the save the focus is on %s, column %d; it was on %s, column 5", s.rows[e.row].label(), e.col, s.rows[r].label())
	}
}
