package screen

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"ketnghia/app/window/windowtest"
	"ketnghia/data"
	"ketnghia/data/datatest"
)

func excelScreen(t *testing.T, st *data.Store) (*ExcelScreen, chan error) {
	s := NewExcelScreen(st, nil)
	test.NewTempWindow(t, s)
	done := make(chan error, 4)
	s.done = func(_ string, err error) { done <- err }
	return s, done
}

// noViewer makes handing a file to the system fail, as on a machine without Excel, for the test.
func noViewer(t *testing.T) {
	saved := openURL
	openURL = func(*url.URL) error { return errors.New("no viewer") }
	t.Cleanup(func() { openURL = saved })
}

func reviewsOf(t *testing.T, st *data.Store, year int) int {
	t.Helper()
	k, _ := data.KindOf("reviews")
	n := 0
	if err := k.Each(context.Background(), st.DBForTests(), "deleted = 0 AND year = ?", func(data.Record) error { n++; return nil }, year); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestExcelScreenChecksThenWritesTheGoodRows: a template made on the screen, filled in with one
// good row and one wrong one; the check lists the wrong one by sheet, row and column and writes
// nothing; "Chỉ ghi các dòng đúng" writes the good one.
func TestExcelScreenChecksThenWritesTheGoodRows(t *testing.T) {
	test.NewTempApp(t)
	st := windowtest.SampleStore(t)
	s, done := excelScreen(t, st)
	dir := t.TempDir()
	s.outDir.SetText(dir)
	s.year.SetSelected(s.year.Options[0]) // the newest year offered
	year, _ := strconv.Atoi(s.year.Selected)
	s.template.SetSelected("Số liệu rà soát hằng năm")
	noViewer(t)
	test.Tap(s.templateBtn)
	must(t, done)
	book := filepath.Join(dir, fmt.Sprintf("Mau-rasoat-%d.xlsx", year))
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetList()[0]
	head, _ := f.GetRows(sheet)
	col := map[string]string{}
	for i, h := range head[0] {
		name, _ := excelize.ColumnNumberToName(i + 1)
		col[h] = name
	}
	f.SetCellValue(sheet, col["Số hộ"]+"2", 120)
	f.SetCellValue(sheet, col["Số hộ nghèo"]+"2", 12)
	f.SetCellValue(sheet, col["Số hộ"]+"3", 40)
	f.SetCellValue(sheet, col["Số hộ nghèo"]+"3", 90)
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	before := reviewsOf(t, st, year)
	s.path.SetText(book)
	test.Tap(s.checkBtn)
	must(t, done)
	if len(s.report.Problems) != 1 || s.report.Problems[0].Row != 3 || !s.applyBtn.Disabled() || s.goodBtn.Disabled() {
		t.Fatalf("check: %+v; apply disabled %v, good disabled %v", s.report.Problems, s.applyBtn.Disabled(), s.goodBtn.Disabled())
	}
	if !strings.Contains(strings.Join(s.Lines(), "\n"), "dòng 3") || reviewsOf(t, st, year) != before {
		t.Fatalf("lines %v; reviews %d → %d", s.Lines(), before, reviewsOf(t, st, year))
	}
	changed := false
	stop := st.OnDataChanged(func() { changed = true })
	defer stop()
	test.Tap(s.goodBtn)
	must(t, done)
	if got := reviewsOf(t, st, year); got != before+1 || !changed || !s.report.Written {
		t.Fatalf("after writing the good rows: %d reviews (was %d), told %v", got, before, changed)
	}
}

// TestCommunesExportAsShown: the list's "Xuất Excel" writes the rows shown, under their title and
// filter.
func TestCommunesExportAsShown(t *testing.T) {
	test.NewTempApp(t)
	t.Setenv("HOME", t.TempDir())
	noViewer(t)
	s, _ := communesOn(t, windowtest.SampleStore(t))
	var file string
	s.Export(func(path string, err error) {
		if err != nil {
			t.Fatal(err)
		}
		file = path
	})
	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatalf("no workbook at %q: %v", file, err)
	}
	defer f.Close()
	rows, _ := f.GetRows(f.GetSheetList()[0])
	if len(rows) != len(s.shown)+3 || rows[0][0] != "Danh sách xã" || rows[3][0] != s.shown[0].u.Name {
		t.Fatalf("%d rows for %d communes; first lines %v", len(rows), len(s.shown), rows[:min(4, len(rows))])
	}
}

// TestExcelScreenConfirmsTheColumnsOfAnOldSheet: a district's own sheet, not from our template;
// the screen shows how it reads each column, the person corrects one and confirms, then writes.
func TestExcelScreenConfirmsTheColumnsOfAnOldSheet(t *testing.T) {
	test.NewTempApp(t)
	st := datatest.MustOpen(t)
	tr := datatest.MustTree(t, st)
	f := excelize.NewFile()
	for cell, v := range map[string]any{"A1": "Số liệu năm 2022", "A2": "Xã", "B2": "Thôn", "C2": "Số hộ", "D2": "Số hộ nghèo", "E2": "Hộ mới thoát nghèo",
		"A3": "Văn Lem", "B3": "Làng Đăk Ang", "C3": 90, "D3": 9, "E3": 2} {
		f.SetCellValue("Sheet1", cell, v)
	}
	book := filepath.Join(t.TempDir(), "xa.xlsx")
	if err := f.SaveAs(book); err != nil {
		t.Fatal(err)
	}
	s, done := excelScreen(t, st)
	s.path.SetText(book)
	test.Tap(s.checkBtn)
	must(t, done)
	if len(s.pending) != 1 || !s.problems.Hidden || s.layoutAll.Hidden || !s.applyBtn.Disabled() {
		t.Fatalf("pending %d, editor shown %v", len(s.pending), !s.layoutAll.Hidden)
	}
	// "Hộ mới thoát nghèo" names no field the program knows; the person says this district
	// wrote its near-poor households there.
	form := s.layoutBox.Objects[1].(*widget.Form)
	for _, it := range form.Items {
		if strings.Contains(it.Text, "thoát nghèo") {
			it.Widget.(*widget.Select).SetSelected(data.FieldLabel("near_poor"))
		}
	}
	test.Tap(s.confirm)
	must(t, done)
	if len(s.report.Problems) > 0 || s.applyBtn.Disabled() || !s.layoutAll.Hidden {
		t.Fatalf("after confirming: %+v", s.report.Problems)
	}
	test.Tap(s.applyBtn)
	must(t, done)
	k, _ := data.KindOf("reviews")
	var r *data.Review
	k.Each(context.Background(), st.DBForTests(), "deleted = 0 AND unit_id = ? AND year = 2022", func(rec data.Record) error { r = rec.(*data.Review); return nil }, tr.Village.ID)
	if r == nil || *r.Households != 90 || *r.Poor != 9 || r.NearPoor == nil || *r.NearPoor != 2 {
		t.Fatalf("stored %+v", r)
	}

	// Another file typed in: Ghi waits for its check, which reads it afresh, with its own year
	// (it was read through the first file's layout, as 2022, and written over 2022).
	f.SetCellValue("Sheet1", "A1", "Số liệu năm 2021")
	f.SetCellValue("Sheet1", "C3", 70)
	other := filepath.Join(t.TempDir(), "xa-2021.xlsx")
	if err := f.SaveAs(other); err != nil {
		t.Fatal(err)
	}
	s.path.SetText(other)
	if !s.applyBtn.Disabled() {
		t.Fatal("Ghi is offered for a file not checked")
	}
	s.Apply(false) // as if the button were still there: it checks instead
	must(t, done)
	if reviewsOf(t, st, 2021) != 0 || s.report.Written {
		t.Fatal("a file was written without its check")
	}
	joined := strings.Join(s.lines, "\n")
	if len(s.pending) == 1 && s.pending[0].Year != 2021 {
		t.Fatalf("the second file is read as %d", s.pending[0].Year)
	}
	if len(s.pending) == 0 && !strings.Contains(joined, "NĂM 2021") {
		t.Fatalf("the check does not say the year: %s", joined)
	}
	k.Each(context.Background(), st.DBForTests(), "deleted = 0 AND unit_id = ? AND year = 2022", func(rec data.Record) error { r = rec.(*data.Review); return nil }, tr.Village.ID)
	if *r.Households != 90 {
		t.Fatalf("2022 changed: %+v", r)
	}
}

// TestReviewGridAndAgenciesExportAsShown: the review grid's and the agencies list's "Xuất Excel"
// write what the screen shows.
func TestReviewGridAndAgenciesExportAsShown(t *testing.T) {
	test.NewTempApp(t)
	t.Setenv("HOME", t.TempDir())
	noViewer(t)
	st := windowtest.SampleStore(t)
	r, _ := reviewOn(t, st)
	a := NewAgenciesScreen(st, nil)
	test.NewTempWindow(t, a)
	a.reload()
	for _, c := range []struct {
		name   string
		export func(func(string, error))
		rows   int
		first  string
	}{
		{"review grid", r.Export, len(r.rows), r.rows[0].unit.Name},
		{"agencies", a.Export, len(a.agencies), a.agencies[0].Name},
	} {
		var file string
		c.export(func(path string, err error) {
			if err != nil {
				t.Fatal(err)
			}
			file = path
		})
		f, err := excelize.OpenFile(file)
		if err != nil {
			t.Fatalf("%s: no workbook at %q: %v", c.name, file, err)
		}
		rows, _ := f.GetRows(f.GetSheetList()[0])
		f.Close()
		if c.rows == 0 || len(rows) != c.rows+3 || rows[3][0] != c.first {
			t.Fatalf("%s: %d rows for %d shown; %v", c.name, len(rows), c.rows, rows[:min(4, len(rows))])
		}
	}
}

// TestExcelScreenOffersWaysPastStoredFigures: a file without cause columns lowers the poor count
// below the stored causes' sum; the screen names the figure and offers to clear it or keep the
// stored count, and the choice is what is written.
func TestExcelScreenOffersWaysPastStoredFigures(t *testing.T) {
	test.NewTempApp(t)
	st := datatest.MustOpen(t)
	tr := datatest.MustTree(t, st)
	ctx := context.Background()
	if err := st.SaveReview(ctx, &data.Review{UnitID: tr.Village.ID, Year: 2022, Households: datatest.Int(90), Poor: datatest.Int(15), PoorByCause: map[string]int{"von": 15}}); err != nil {
		t.Fatal(err)
	}
	f := excelize.NewFile()
	for cell, v := range map[string]any{"A1": "Số liệu năm 2022", "A2": "Xã", "B2": "Thôn", "C2": "Số hộ", "D2": "Số hộ nghèo",
		"A3": "Văn Lem", "B3": "Làng Đăk Ang", "C3": 90, "D3": 9} {
		f.SetCellValue("Sheet1", cell, v)
	}
	book := filepath.Join(t.TempDir(), "xa.xlsx")
	if err := f.SaveAs(book); err != nil {
		t.Fatal(err)
	}
	s, done := excelScreen(t, st)
	s.path.SetText(book)
	test.Tap(s.checkBtn)
	must(t, done)
	test.Tap(s.confirm)
	must(t, done)
	if s.clearStale.Hidden || s.keepStale.Hidden || !s.applyBtn.Disabled() {
		t.Fatalf("no way past the stored causes offered: %v", s.lines)
	}
	test.Tap(s.clearStale)
	must(t, done)
	if s.applyBtn.Disabled() || !s.clearStale.Hidden {
		t.Fatalf("after the choice: %v", s.lines)
	}
	test.Tap(s.applyBtn)
	must(t, done)
	k, _ := data.KindOf("reviews")
	var r *data.Review
	k.Each(ctx, st.DBForTests(), "deleted = 0 AND unit_id = ? AND year = 2022", func(rec data.Record) error { r = rec.(*data.Review); return nil }, tr.Village.ID)
	if r == nil || *r.Poor != 9 || len(r.PoorByCause) != 0 {
		t.Fatalf("stored %+v", r)
	}
}
