package xlsx_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"ketnghia/data"
	"ketnghia/data/datatest"
	"ketnghia/data/vntext"
	"ketnghia/data/xlsx"
)

// oldYearlyFile is a sheet as district offices kept them before KetNghia: a title with the year,
// merged headings over sub-headings, a row of column numbers, the commune on a row of its own
// above its villages, a village name typed in .VnTime, rates beside the counts, a total row.
func oldYearlyFile(t *testing.T, year int, households int) string {
	t.Helper()
	f := excelize.NewFile()
	sh := "Sheet1"
	f.SetSheetName(sh, "Tong hop")
	set := func(cell string, v any) { f.SetCellValue("Tong hop", cell, v) }
	sh = "Tong hop"
	set("A1", fmt.Sprintf("BẢNG TỔNG HỢP KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM %d", year))
	set("A2", "Huyện Đắk Tô")
	// The headings typed in .VnTime too, as such files were.
	vn, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: ".VnTime"}})
	for cell, h := range map[string]string{"A4": "TT", "B4": "Tên xã", "C4": "Tên thôn, làng", "D4": "Tổng số hộ", "E4": "Hộ nghèo", "G4": "Hộ cận nghèo", "I4": "Ghi chú",
		"E5": "Số hộ", "F5": "Tỷ lệ (%)", "G5": "Số hộ", "H5": "Tỷ lệ (%)"} {
		set(cell, vntext.Encode(h, vntext.TCVN3))
		f.SetCellStyle(sh, cell, cell, vn)
	}
	f.MergeCell(sh, "E4", "F4")
	f.MergeCell(sh, "G4", "H4")
	for i := 1; i <= 9; i++ {
		c, _ := excelize.CoordinatesToCellName(i, 6)
		set(c, i)
	}
	set("A7", "I")
	set("B7", "Văn Lem")
	set("A8", 1)
	set("C8", vntext.Encode("Làng Đăk Ang", vntext.TCVN3))
	st, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: ".VnTime"}})
	f.SetCellStyle(sh, "C8", "C8", st)
	set("D8", households)
	set("E8", 12)
	set("F8", 10.0)
	set("G8", 5)
	set("H8", 4.2)
	set("B9", "Tổng cộng")
	set("D9", households)
	path := filepath.Join(t.TempDir(), fmt.Sprintf("RaSoat%d.xlsx", year))
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// A workbook of another layout: the program guesses its columns and writes nothing until a
// person confirms; confirmed, it is imported and remembered, and the next year's file of the
// same layout goes in without asking.
func TestOldLayoutIsGuessedConfirmedAndRemembered(t *testing.T) {
	ctx := context.Background()
	s := datatest.MustOpen(t)
	tr := datatest.MustTree(t, s)
	first := oldYearlyFile(t, 2023, 120)

	rep, err := xlsx.Import(ctx, s, first, xlsx.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Written || len(rep.Layouts) != 1 || rep.Layouts[0].Confirmed || len(rep.Problems) != 1 {
		t.Fatalf("first look: %+v", rep)
	}
	lay := rep.Layouts[0]
	got := map[string]string{}
	for _, c := range lay.Columns {
		got[c.Column] = c.Field
	}
	want := map[string]string{"B": "commune_name", "C": "village_name", "D": "households", "E": "poor", "F": "", "G": "near_poor", "H": "", "I": "note"}
	for col, f := range want {
		if got[col] != f {
			t.Errorf("column %s guessed %q, want %q (%+v)", col, got[col], f, lay.Columns)
		}
	}
	if lay.Year != 2023 || lay.HeaderRow != 4 || lay.HeaderRows != 2 {
		t.Fatalf("layout %+v", lay)
	}

	rep, err = xlsx.Import(ctx, s, first, xlsx.Options{Layouts: []xlsx.Layout{lay}})
	if err != nil || !rep.Written || rep.Added != 1 || len(rep.Problems) > 0 {
		t.Fatalf("confirmed: %+v %v", rep, err)
	}
	if len(rep.Converted) != 1 || rep.Converted[0].To != "Làng Đăk Ang" {
		t.Fatalf("conversions %+v", rep.Converted)
	}
	r := review(t, s, tr.Village.ID, 2023)
	if r == nil || *r.Households != 120 || *r.Poor != 12 || *r.NearPoor != 5 {
		t.Fatalf("review %+v", r)
	}

	next := oldYearlyFile(t, 2024, 130)
	rep, err = xlsx.Import(ctx, s, next, xlsx.Options{})
	if err != nil || !rep.Written || rep.Added != 1 || !rep.Layouts[0].Confirmed {
		t.Fatalf("next year's file: %+v %v", rep, err)
	}
	if r := review(t, s, tr.Village.ID, 2024); r == nil || *r.Households != 130 {
		t.Fatalf("2024: %+v", r)
	}
}

// TestASecondFileIsReadWithItsOwnYear: the layout a person confirmed on a 2024 file, handed in
// again with a 2023 file whose sheet has the same name (as the Excel screen did), does not read
// the second file: that one is read afresh with its own year, and the check says which year and
// which units its rows change before anything is written. 2024 is left as it was.
func TestASecondFileIsReadWithItsOwnYear(t *testing.T) {
	ctx := context.Background()
	s := datatest.MustOpen(t)
	tr := datatest.MustTree(t, s)
	first := oldYearlyFile(t, 2024, 120)
	rep, err := xlsx.Import(ctx, s, first, xlsx.Options{DryRun: true})
	if err != nil || len(rep.Layouts) != 1 {
		t.Fatalf("first look: %+v %v", rep, err)
	}
	lay := rep.Layouts[0]
	lay.Confirmed = true
	rep, err = xlsx.Import(ctx, s, first, xlsx.Options{Layouts: []xlsx.Layout{lay}})
	if err != nil || !rep.Written {
		t.Fatalf("2024: %+v %v", rep, err)
	}

	second := oldYearlyFile(t, 2023, 90) // same sheet name, same headings, titled NĂM 2023
	rep, err = xlsx.Import(ctx, s, second, xlsx.Options{DryRun: true, Layouts: []xlsx.Layout{lay}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Layouts) != 1 || rep.Layouts[0].Year != 2023 {
		t.Fatalf("the second file is read as year %d: %+v", rep.Layouts[0].Year, rep.Layouts)
	}
	if len(rep.Scope) != 1 || !strings.Contains(rep.Scope[0], "NĂM 2023") || !strings.Contains(rep.Scope[0], "Làng Đăk Ang") {
		t.Fatalf("the check does not say the year and the units: %q", rep.Scope)
	}
	rep, err = xlsx.Import(ctx, s, second, xlsx.Options{Layouts: []xlsx.Layout{lay}})
	if err != nil || !rep.Written {
		t.Fatalf("2023: %+v %v", rep, err)
	}
	if r := review(t, s, tr.Village.ID, 2024); r == nil || *r.Households != 120 {
		t.Fatalf("2024 was changed: %+v", r)
	}
	if r := review(t, s, tr.Village.ID, 2023); r == nil || *r.Households != 90 {
		t.Fatalf("2023: %+v", r)
	}

	// A remembered layout never carries a year over to a file that names none: it is asked for.
	untitled := oldYearlyFile(t, 2022, 80)
	f, err := excelize.OpenFile(untitled)
	if err != nil {
		t.Fatal(err)
	}
	f.SetCellValue("Tong hop", "A1", "BẢNG TỔNG HỢP KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO")
	plain := filepath.Join(t.TempDir(), "TongHop.xlsx")
	if err := f.SaveAs(plain); err != nil {
		t.Fatal(err)
	}
	rep, err = xlsx.Import(ctx, s, plain, xlsx.Options{})
	if err != nil || rep.Written || len(rep.Layouts) != 1 || rep.Layouts[0].Confirmed || rep.Layouts[0].Year != 0 {
		t.Fatalf("a file with no year: %+v %v", rep, err)
	}
}

// TestStoredFiguresTheFileDoesNotCarry: an old district file updates the poor households (12)
// of a village whose stored causes of poverty add up to 15; the file has no cause columns. The
// check names the stored figure and both ways out; --stale clear clears the causes of that row;
// --stale keep keeps the stored poor count.
func TestStoredFiguresTheFileDoesNotCarry(t *testing.T) {
	ctx := context.Background()
	for _, policy := range []xlsx.StalePolicy{xlsx.StaleAsk, xlsx.StaleClear, xlsx.StaleKeep} {
		s := datatest.MustOpen(t)
		tr := datatest.MustTree(t, s)
		if err := s.SaveReview(ctx, &data.Review{UnitID: tr.Village.ID, Year: 2024, Households: datatest.Int(100), Poor: datatest.Int(15), PoorByCause: map[string]int{"von": 15}}); err != nil {
			t.Fatal(err)
		}
		file := oldYearlyFile(t, 2024, 100) // 12 poor households, no causes
		rep, err := xlsx.Import(ctx, s, file, xlsx.Options{AcceptLayouts: true, Stale: policy})
		if err != nil {
			t.Fatal(err)
		}
		r := review(t, s, tr.Village.ID, 2024)
		switch policy {
		case xlsx.StaleAsk:
			if rep.Written || rep.Stale != 1 || len(rep.Problems) != 1 {
				t.Fatalf("asked: %+v", rep)
			}
			m := rep.Problems[0].Message
			for _, want := range []string{"(15)", "--stale clear", "--stale keep", "nguyên nhân"} {
				if !strings.Contains(m, want) {
					t.Errorf("the message %q does not say %q", m, want)
				}
			}
			if *r.Poor != 15 {
				t.Errorf("changed without a choice: %+v", r)
			}
		case xlsx.StaleClear:
			if !rep.Written || *r.Poor != 12 || len(r.PoorByCause) != 0 || *r.NearPoor != 5 {
				t.Errorf("cleared: %+v %+v", rep, r)
			}
		case xlsx.StaleKeep:
			if !rep.Written || *r.Poor != 15 || r.PoorByCause["von"] != 15 || *r.NearPoor != 5 {
				t.Errorf("kept: %+v %+v", rep, r)
			}
		}
	}
}

// TestOldLayoutsTitleYearAndRenamedSheets: a date in the subtitle ("Kèm theo Báo cáo … ngày
// 15/01/2025") leaves the title's "NĂM 2024" the year; a sheet of our own template renamed is
// read as ours by its headings, not guessed as another layout.
func TestOldLayoutsTitleYearAndRenamedSheets(t *testing.T) {
	ctx := context.Background()
	s := datatest.MustOpen(t)
	tr := datatest.MustTree(t, s)
	file := oldYearlyFile(t, 2024, 100)
	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatal(err)
	}
	f.SetCellValue("Tong hop", "A2", "Kèm theo Báo cáo số 12/BC-UBND ngày 15/01/2025 của UBND huyện Đắk Tô")
	dated := filepath.Join(t.TempDir(), "dated.xlsx")
	if err := f.SaveAs(dated); err != nil {
		t.Fatal(err)
	}
	rep, err := xlsx.Import(ctx, s, dated, xlsx.Options{DryRun: true})
	if err != nil || len(rep.Layouts) != 1 || rep.Layouts[0].Year != 2024 {
		t.Fatalf("the title's year: %+v %v", rep.Layouts, err)
	}

	tk, _ := xlsx.TemplateNamed("rasoat")
	tpl := filepath.Join(t.TempDir(), "rs.xlsx")
	if _, err := xlsx.Template(ctx, s, tk, 2024, tpl); err != nil {
		t.Fatal(err)
	}
	g, err := excelize.OpenFile(tpl)
	if err != nil {
		t.Fatal(err)
	}
	k, _ := data.KindOf("reviews")
	if err := g.SetSheetName(xlsx.SheetName(k), "Xã Văn Lem"); err != nil {
		t.Fatal(err)
	}
	rows, _ := g.GetRows("Xã Văn Lem")
	col := -1
	for i, h := range rows[0] {
		if h == data.FieldLabel("households") {
			col = i + 1
		}
	}
	for r := 2; r <= len(rows); r++ {
		cell, _ := excelize.CoordinatesToCellName(col, r)
		g.SetCellValue("Xã Văn Lem", cell, 77)
	}
	renamed := filepath.Join(t.TempDir(), "renamed.xlsx")
	if err := g.SaveAs(renamed); err != nil {
		t.Fatal(err)
	}
	rep, err = xlsx.Import(ctx, s, renamed, xlsx.Options{})
	if err != nil || !rep.Written || len(rep.Layouts) != 0 || len(rep.Problems) != 0 {
		t.Fatalf("a renamed sheet of ours: %+v %v", rep, err)
	}
	if r := review(t, s, tr.Village.ID, 2024); r == nil || *r.Households != 77 {
		t.Fatalf("stored %+v", r)
	}
}

func review(t *testing.T, s *data.Store, unit string, year int) *data.Review {
	t.Helper()
	k, _ := data.KindOf("reviews")
	var out *data.Review
	k.Each(context.Background(), s.DBForTests(), "deleted = 0 AND unit_id = ? AND year = ?", func(r data.Record) error { out = r.(*data.Review); return nil }, unit, year)
	return out
}

// Headings are read with or without accents, the longest match winning, rates left aside.
func TestHeadingsNameFields(t *testing.T) {
	for h, want := range map[string]string{"Tổng số hộ": "households", "TONG SO HO": "households", "Số hộ nghèo": "poor", "Hộ nghèo Số hộ": "poor",
		"Số hộ cận nghèo": "near_poor", "Tỷ lệ hộ nghèo (%)": "", "Hộ nghèo DTTS": "poor_em", "Số nhân khẩu": "people", "Ghi chú": "note",
		"Tên thôn": "village_name", "Xã": "commune_name", "Có chi bộ": "party_cell", "Năm": "year", "STT": ""} {
		if got := xlsx.FieldOfHeading(h); got != want {
			t.Errorf("%q → %q, want %q", h, got, want)
		}
	}
}

// districtSheet is an old district office's own sheet: its title names the year and the district,
// its rows name the communes by name only, as they were called then.
func districtSheet(t *testing.T, title string, communes []string) string {
	t.Helper()
	f := excelize.NewFile()
	sh := "Sheet1"
	f.SetCellValue(sh, "A1", title)
	for cell, h := range map[string]string{"A3": "STT", "B3": "Tên xã", "C3": "Tổng số hộ", "D3": "Hộ nghèo"} {
		f.SetCellValue(sh, cell, h)
	}
	for i, c := range communes {
		f.SetCellValue(sh, fmt.Sprintf("A%d", i+4), i+1)
		f.SetCellValue(sh, fmt.Sprintf("B%d", i+4), c)
		f.SetCellValue(sh, fmt.Sprintf("C%d", i+4), 9000+i)
		f.SetCellValue(sh, fmt.Sprintf("D%d", i+4), 2000+i)
	}
	path := filepath.Join(t.TempDir(), "huyen.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestAUnitIsReadAsItWasOnTheDayTheRowSpeaksOf: after the 2025 reform a new commune reuses the code
// and often the name of an old one. A row names the unit that existed in its year: an old
// district's 2024 sheet names the old communes (its title's district narrows the names), a 2026
// row by code names the new commune, and a row that still fits several lists them in full.
func TestAUnitIsReadAsItWasOnTheDayTheRowSpeaksOf(t *testing.T) {
	ctx := context.Background()
	s := sampleStore(t)
	x := unitsByCode(t, s)
	names := []string{"Đăk PXi", "Đăk Long", "Đăk Ui", "Đăk Mar", "Ngọk Réo", "Hà Mòn", "Đăk Ngọk", "Đắk HRing", "Ngok Wang", "Đăk La"}
	cases := []struct {
		name, title string
		year        int
	}{
		{"2024 sheet of Huyện Đăk Hà: the old communes", "BIỂU TỔNG HỢP KẾT QUẢ RÀ SOÁT NĂM 2024 – HUYỆN ĐĂK HÀ", 2024},
		{"2023 sheet, district on its own line", "KẾT QUẢ RÀ SOÁT HỘ NGHÈO NĂM 2023\nUBND HUYỆN ĐẮK HÀ", 2023},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := districtSheet(t, c.title, names)
			rep, err := xlsx.Import(ctx, s, path, xlsx.Options{AcceptLayouts: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Problems) > 0 || !rep.Written {
				t.Fatalf("problems: %+v", rep.Problems)
			}
			if rep.Layouts[0].Year != c.year || rep.Layouts[0].Area != "huyen dac ha" {
				t.Errorf("layout year %d area %q", rep.Layouts[0].Year, rep.Layouts[0].Area)
			}
			for _, code := range []string{"23503", "23504", "23509", "23512", "23518"} {
				u := x[code][0] // the old commune: opened first
				if r := review(t, s, u.ID, c.year); r == nil || r.Households == nil {
					t.Errorf("%s (%s) has no %d review from the sheet", u.Name, code, c.year)
				}
			}
		})
	}
	t.Run("2026 row by code: the new commune", func(t *testing.T) {
		path := reviewTemplate(t, s, 2026)
		b := openBook(t, path, "Số liệu rà soát")
		b.set(2, "Đơn vị", "23512")
		b.set(2, "Số hộ", 5000)
		b.save(path)
		rep, err := xlsx.Import(ctx, s, path, xlsx.Options{})
		if err != nil || len(rep.Problems) > 0 {
			t.Fatalf("%+v %v", rep.Problems, err)
		}
		newer := x["23512"][len(x["23512"])-1]
		if r := review(t, s, newer.ID, 2026); r == nil || *r.Households != 5000 {
			t.Errorf("the 2026 review of %s: %+v", newer.Name, r)
		}
	})
	t.Run("a name that fits two units on no day lists both", func(t *testing.T) {
		path := reviewTemplate(t, s, 2026)
		b := openBook(t, path, "Số liệu rà soát")
		b.set(2, "Đơn vị", "Đăk Mar")
		b.set(2, "Năm", "")
		b.set(2, "Số hộ", 5000)
		b.save(path)
		rep, err := xlsx.Import(ctx, s, path, xlsx.Options{DryRun: true})
		if err != nil {
			t.Fatal(err)
		}
		msg := fmt.Sprint(rep.Problems)
		if !strings.Contains(msg, "Xã Đắk Mar, Huyện Đắk Hà") || !strings.Contains(msg, "Xã Đăk Mar") {
			t.Errorf("the candidates are not written out: %s", msg)
		}
	})
}

// unitsByCode is every unit of the store by official code, oldest first.
func unitsByCode(t *testing.T, s *data.Store) map[string][]data.Unit {
	t.Helper()
	us, _, err := s.ListUnits(context.Background(), data.UnitFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]data.Unit{}
	for _, u := range us {
		if u.Code != "" {
			out[u.Code] = append(out[u.Code], u)
		}
	}
	for _, us := range out {
		slices.SortFunc(us, func(a, b data.Unit) int { return strings.Compare(a.OpenedOn.ISO(), b.OpenedOn.ISO()) })
	}
	return out
}
