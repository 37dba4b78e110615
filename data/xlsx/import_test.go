package xlsx_test

import (
	"context"
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

// book is a workbook open for a test to fill in, found by header.
type book struct {
	t     testing.TB
	f     *excelize.File
	sheet string
	cols  map[string]int
}

func openBook(t testing.TB, path, sheet string) *book {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	rows, err := f.GetRows(sheet)
	if err != nil || len(rows) == 0 {
		t.Fatalf("sheet %q: %v", sheet, err)
	}
	b := &book{t: t, f: f, sheet: sheet, cols: map[string]int{}}
	for i, h := range rows[0] {
		b.cols[h] = i + 1
	}
	return b
}

func (b *book) col(header string) int {
	if i, ok := b.cols[header]; ok {
		return i
	}
	for h, i := range b.cols {
		if strings.HasPrefix(h, header) {
			return i
		}
	}
	b.t.Fatalf("no column %q in %v", header, b.cols)
	return 0
}

func (b *book) get(row int, header string) string {
	cell, _ := excelize.CoordinatesToCellName(b.col(header), row)
	v, _ := b.f.GetCellValue(b.sheet, cell)
	return v
}

func (b *book) set(row int, header string, v any) {
	cell, _ := excelize.CoordinatesToCellName(b.col(header), row)
	if err := b.f.SetCellValue(b.sheet, cell, v); err != nil {
		b.t.Fatal(err)
	}
}

func (b *book) save(path string) {
	if err := b.f.SaveAs(path); err != nil {
		b.t.Fatal(err)
	}
}

func reviewTemplate(t testing.TB, s *data.Store, year int) string {
	t.Helper()
	tk, _ := xlsx.TemplateNamed("rasoat")
	path := filepath.Join(t.TempDir(), "rs.xlsx")
	n, err := xlsx.Template(context.Background(), s, tk, year, path)
	if err != nil || n == 0 {
		t.Fatalf("%d rows, %v", n, err)
	}
	return path
}

// emptyWithUnits is a database holding the sample's units and nothing else of theirs.
func emptyWithUnits(t testing.TB) *data.Store {
	t.Helper()
	src := sampleStore(t)
	path := filepath.Join(t.TempDir(), "units.xlsx")
	if _, err := xlsx.Export(context.Background(), src, path, "units"); err != nil {
		t.Fatal(err)
	}
	s := datatest.MustOpen(t)
	rep, err := xlsx.Import(context.Background(), s, path, xlsx.Options{})
	if err != nil || !rep.Written {
		t.Fatalf("%+v %v", rep, err)
	}
	return s
}

func TestReviewTemplateFilledInIsImported(t *testing.T) {
	ctx := context.Background()
	s := emptyWithUnits(t)
	path := reviewTemplate(t, s, 2024)
	b := openBook(t, path, "Số liệu rà soát")
	unit := b.get(2, "Tên đơn vị")
	if unit == "" || b.get(2, "Năm") != "2024" || b.get(2, "Số hộ nghèo") != "" {
		t.Fatalf("the template's first row: unit %q, year %q, poor %q", unit, b.get(2, "Năm"), b.get(2, "Số hộ nghèo"))
	}
	b.set(2, "Số hộ", 120)
	b.set(2, "Số hộ nghèo", "12") // typed as text
	b.set(2, "Chi bộ", "có")
	b.set(3, "Số hộ", "1.234") // the Vietnamese way, as text
	filled := filepath.Join(t.TempDir(), "filled.xlsx")
	b.save(filled)

	rep, err := xlsx.Import(ctx, s, filled, xlsx.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Written || rep.Added != 2 || len(rep.Problems) > 0 {
		t.Fatalf("report %+v", rep)
	}
	k, _ := data.KindOf("reviews")
	var got []*data.Review
	k.Each(ctx, s.DBForTests(), "deleted = 0 AND year = 2024", func(r data.Record) error { got = append(got, r.(*data.Review)); return nil })
	if len(got) != 2 {
		t.Fatalf("%d reviews stored, want 2", len(got))
	}
	sum := 0
	for _, r := range got {
		if r.Households == nil {
			t.Fatalf("a review without households: %+v", r)
		}
		sum += *r.Households
	}
	if sum != 120+1234 {
		t.Fatalf("households %d, want 1354", sum)
	}

	// The same template filled again: the blank cells leave the stored figures as they are.
	b2 := openBook(t, path, "Số liệu rà soát")
	b2.set(2, "Số hộ cận nghèo", 7)
	again := filepath.Join(t.TempDir(), "again.xlsx")
	b2.save(again)
	rep, err = xlsx.Import(ctx, s, again, xlsx.Options{})
	if err != nil || rep.Updated != 1 || rep.Added != 0 {
		t.Fatalf("second import %+v %v", rep, err)
	}
	got = nil
	k.Each(ctx, s.DBForTests(), "deleted = 0 AND year = 2024 AND near_poor = 7", func(r data.Record) error { got = append(got, r.(*data.Review)); return nil })
	if len(got) != 1 || got[0].Households == nil || *got[0].Households != 120 || *got[0].Poor != 12 {
		t.Fatalf("after the second import: %+v", got)
	}

	// A change to a stored review beside a wrong row: with SkipBad the change is written (the
	// second pass, with a savepoint per row, starts from the records as read).
	b3 := openBook(t, path, "Số liệu rà soát")
	b3.set(2, "Số hộ cận nghèo", 8)
	b3.set(4, "Số hộ", 5)
	b3.set(4, "Số hộ nghèo", 50)
	third := filepath.Join(t.TempDir(), "third.xlsx")
	b3.save(third)
	rep, err = xlsx.Import(ctx, s, third, xlsx.Options{SkipBad: true})
	if err != nil || !rep.Written || rep.Updated != 1 || len(rep.Problems) != 1 || rep.Problems[0].Row != 4 {
		t.Fatalf("third import %+v %v", rep, err)
	}
	got = nil
	k.Each(ctx, s.DBForTests(), "deleted = 0 AND year = 2024 AND near_poor = 8", func(r data.Record) error { got = append(got, r.(*data.Review)); return nil })
	if len(got) != 1 || got[0].Version != 3 {
		t.Fatalf("after the third import: %+v", got)
	}
}

// A review with more poor households than households is refused with its sheet, row and column,
// and nothing of the workbook is written; with SkipBad the good rows are.
func TestBadRowStopsTheImportUnlessSkipped(t *testing.T) {
	ctx := context.Background()
	s := emptyWithUnits(t)
	path := reviewTemplate(t, s, 2023)
	b := openBook(t, path, "Số liệu rà soát")
	b.set(2, "Số hộ", 100)
	b.set(2, "Số hộ nghèo", 10)
	b.set(3, "Số hộ", 50)
	b.set(3, "Số hộ nghèo", 80) // more poor than households
	b.set(4, "Số hộ", "nhiều")  // not a number
	bad := filepath.Join(t.TempDir(), "bad.xlsx")
	b.save(bad)
	before := counts(t, s)

	for _, opt := range []xlsx.Options{{}, {DryRun: true}, {DryRun: true, SkipBad: true}} {
		rep, err := xlsx.Import(ctx, s, bad, opt)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Written || len(rep.Problems) != 2 {
			t.Fatalf("%+v: written %v, problems %v", opt, rep.Written, rep.Problems)
		}
		rows := map[int]bool{}
		for _, p := range rep.Problems {
			rows[p.Row] = true
			if p.Sheet != "Số liệu rà soát" || p.Message == "" {
				t.Fatalf("problem %+v", p)
			}
		}
		if !rows[3] || !rows[4] {
			t.Fatalf("problems on rows %v, want 3 and 4", rows)
		}
		if after := counts(t, s); !equalMaps(before, after) {
			t.Fatalf("%+v wrote something: %v → %v", opt, before, after)
		}
	}
	rep, err := xlsx.Import(ctx, s, bad, xlsx.Options{SkipBad: true})
	if err != nil || !rep.Written || rep.Added != 1 {
		t.Fatalf("skip bad: %+v %v", rep, err)
	}
	if after := counts(t, s); after["reviews"] != before["reviews"]+1 {
		t.Fatalf("reviews %d → %d", before["reviews"], after["reviews"])
	}
}

// Units are found by code, by name without accents or kind, by full name; a name several units
// share is reported, never guessed.
func TestUnitsMatchByCodeOrNameAndAmbiguityIsReported(t *testing.T) {
	ctx := context.Background()
	s := emptyWithUnits(t)
	path := reviewTemplate(t, s, 2022)
	b := openBook(t, path, "Số liệu rà soát")
	// Find a commune with a code, and a village whose name other villages share but whose full
	// name is its own.
	paths := map[string]int{}
	for r := 2; r < 1200; r++ {
		paths[b.get(r, "Tên đơn vị")]++
	}
	var communeRow, villageRow int
	for r := 2; r < 1200 && (communeRow == 0 || villageRow == 0); r++ {
		u := b.get(r, "Đơn vị")
		name := b.get(r, "Tên đơn vị")
		if len(u) == 5 && communeRow == 0 {
			communeRow = r
		}
		if strings.HasPrefix(name, "Thôn 1,") && paths[name] == 1 && villageRow == 0 {
			villageRow = r
		}
	}
	if communeRow == 0 || villageRow == 0 {
		t.Fatal("no commune or village row found")
	}
	full := b.get(villageRow, "Tên đơn vị")
	communeName := strings.SplitN(b.get(communeRow, "Tên đơn vị"), ", ", 2)[0]

	b.set(communeRow, "Đơn vị", vntext.Fold(strings.TrimPrefix(communeName, "Xã "))) // "dak ro nga"
	b.set(communeRow, "Số hộ", 10)
	b.set(villageRow, "Đơn vị", "Thôn 1")
	b.set(villageRow, "Số hộ", 10)
	amb := filepath.Join(t.TempDir(), "amb.xlsx")
	b.save(amb)
	rep, err := xlsx.Import(ctx, s, amb, xlsx.Options{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) != 1 || rep.Problems[0].Row != villageRow || !strings.Contains(rep.Problems[0].Message, "có thể là") {
		t.Fatalf("problems %v, want one: Thôn 1 is ambiguous (row %d); commune %q", rep.Problems, villageRow, communeName)
	}
	b.set(villageRow, "Đơn vị", strings.ToUpper(full))
	b.save(amb)
	rep, err = xlsx.Import(ctx, s, amb, xlsx.Options{})
	if err != nil || len(rep.Problems) > 0 || rep.Added != 2 {
		t.Fatalf("with the full name: %+v %v", rep, err)
	}
}

// Cells typed in the old fonts come in as Unicode: by the cell's font (.VnTime, .VnTimeH for
// capitals, VNI-Times), or by the text alone; the report lists each conversion.
func TestOldEncodingsAreConverted(t *testing.T) {
	ctx := context.Background()
	s := datatest.MustOpen(t)
	tk, _ := xlsx.TemplateNamed("coquan")
	path := filepath.Join(t.TempDir(), "cq.xlsx")
	if _, err := xlsx.Template(ctx, s, tk, 2024, path); err != nil {
		t.Fatal(err)
	}
	b := openBook(t, path, "Cơ quan, đơn vị kết nghĩa")
	cases := []struct {
		name, font string
		enc        vntext.Encoding
	}{
		{"Ban Tuyên giáo Tỉnh ủy", ".VnTime", vntext.TCVN3},
		{"SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", ".VnTimeH", vntext.TCVN3Capitals},
		{"Bộ Chỉ huy Quân sự tỉnh", "VNI-Times", vntext.VNI},
		{"Hội Liên hiệp Phụ nữ tỉnh", "Times New Roman", vntext.VNI},    // no font to tell: guessed
		{"Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Arial", vntext.TCVN3}, // guessed
	}
	for i, c := range cases {
		row := i + 2
		st, err := b.f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: c.font}})
		if err != nil {
			t.Fatal(err)
		}
		b.set(row, "Tên", vntext.Encode(c.name, c.enc))
		b.set(row, "Cấp", data.TwinProvince.Label())
		b.set(row, "Loại", "cơ quan đảng") // a list's word, case aside
		cell, _ := excelize.CoordinatesToCellName(b.col("Tên"), row)
		b.f.SetCellStyle(b.sheet, cell, cell, st)
	}
	legacy := filepath.Join(t.TempDir(), "legacy.xlsx")
	b.save(legacy)
	rep, err := xlsx.Import(ctx, s, legacy, xlsx.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) > 0 || !rep.Written {
		t.Fatalf("problems %v", rep.Problems)
	}
	if len(rep.Converted) != len(cases) {
		t.Fatalf("%d conversions reported, want %d: %+v", len(rep.Converted), len(cases), rep.Converted)
	}
	guessed := 0
	for _, c := range rep.Converted {
		if c.Guessed {
			guessed++
			if !strings.Contains(c.String(), "hãy xem lại ô này") {
				t.Errorf("a guess is not flagged for a person: %s", c)
			}
		}
	}
	if guessed != 2 { // the two cells with no old font
		t.Errorf("%d conversions flagged as guessed, want 2: %v", guessed, rep.Converted)
	}
	k, _ := data.KindOf("twinning_units")
	names := map[string]bool{}
	k.Each(ctx, s.DBForTests(), "deleted = 0", func(r data.Record) error { names[data.FieldValue(r, "name").(string)] = true; return nil })
	for _, c := range cases {
		if !names[c.name] {
			t.Errorf("%q (%s in %s) not stored as Unicode; stored: %v", c.name, c.enc, c.font, names)
		}
	}
}

// TestFormulaWithoutValueIsReported: a workbook saved by a program that does not compute
// formulas holds formulas with no value; each is reported by its cell (in the middle of a row and
// at its end) and nothing is written, instead of the row going in without that figure.
func TestFormulaWithoutValueIsReported(t *testing.T) {
	ctx := context.Background()
	s := emptyWithUnits(t)
	b := openBook(t, reviewTemplate(t, s, 2024), "Số liệu rà soát")
	b.set(2, "Số hộ", 120)
	poor, _ := excelize.CoordinatesToCellName(b.col("Số hộ nghèo"), 2)
	if err := b.f.SetCellFormula(b.sheet, poor, "D2*10%"); err != nil {
		t.Fatal(err)
	}
	b.set(3, "Số hộ", 80)
	end, _ := excelize.CoordinatesToCellName(b.col("Ghi chú"), 3)
	if err := b.f.SetCellFormula(b.sheet, end, "\"rà soát \"&D3"); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "formulas.xlsx")
	b.save(file)
	rep, err := xlsx.Import(ctx, s, file, xlsx.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Written || len(rep.Problems) != 2 {
		t.Fatalf("written %v, problems %v", rep.Written, rep.Problems)
	}
	for i, cell := range []string{poor, end} {
		if p := rep.Problems[i]; !strings.Contains(p.Message, "ô "+cell+" có công thức") {
			t.Errorf("problem %d: %v", i, p)
		}
	}
}

// TestDecimalNumberInAWholeNumberColumnIsReported: 1.234 typed as a number (one and a bit) in
// a whole-number column is refused and said so; typed as text it is a thousand and more.
func TestDecimalNumberInAWholeNumberColumnIsReported(t *testing.T) {
	ctx := context.Background()
	s := emptyWithUnits(t)
	b := openBook(t, reviewTemplate(t, s, 2024), "Số liệu rà soát")
	b.set(2, "Số hộ", 1.234)   // a number cell
	b.set(3, "Số hộ", "1.234") // text, the Vietnamese way
	file := filepath.Join(t.TempDir(), "decimal.xlsx")
	b.save(file)
	rep, err := xlsx.Import(ctx, s, file, xlsx.Options{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) != 1 || rep.Problems[0].Row != 2 || !strings.Contains(rep.Problems[0].Message, "số thập phân 1,234") {
		t.Fatalf("problems %v", rep.Problems)
	}
}

// TestUnicodeInAnOldFontIsKept: text typed in Unicode in a cell whose font is an old one is
// stored as typed and listed as no conversion ("Đã rà soát lại, số hộ nghèo giảm" in .VnTime
// was stored as "Đó rà soỏt lại, số hộ nghốo giảm"), beside a true .VnTime cell converted.
func TestUnicodeInAnOldFontIsKept(t *testing.T) {
	ctx := context.Background()
	s := datatest.MustOpen(t)
	tk, _ := xlsx.TemplateNamed("coquan")
	path := filepath.Join(t.TempDir(), "cq.xlsx")
	if _, err := xlsx.Template(ctx, s, tk, 2024, path); err != nil {
		t.Fatal(err)
	}
	b := openBook(t, path, "Cơ quan, đơn vị kết nghĩa")
	vn, err := b.f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: ".VnTime"}})
	if err != nil {
		t.Fatal(err)
	}
	rows := []struct{ name, note, want string }{
		{"Ban Dân vận Tỉnh ủy", "Đã rà soát lại, số hộ nghèo giảm", "Đã rà soát lại, số hộ nghèo giảm"},
		{"Sở Y tế", "Có rà soát", "Có rà soát"},                                     // Latin-1 letters only, Unicode all the same
		{"Sở Tài chính", vntext.Encode("Đã bàn giao", vntext.TCVN3), "Đã bàn giao"}, // truly .VnTime
	}
	for i, r := range rows {
		row := i + 2
		b.set(row, "Tên", r.name)
		b.set(row, "Cấp", data.TwinProvince.Label())
		b.set(row, "Loại", "cơ quan đảng")
		b.set(row, "Ghi chú", r.note)
		cell, _ := excelize.CoordinatesToCellName(b.col("Ghi chú"), row)
		b.f.SetCellStyle(b.sheet, cell, cell, vn)
	}
	file := filepath.Join(t.TempDir(), "notes.xlsx")
	b.save(file)
	rep, err := xlsx.Import(ctx, s, file, xlsx.Options{})
	if err != nil || !rep.Written {
		t.Fatalf("%+v %v", rep, err)
	}
	if len(rep.Converted) != 1 || rep.Converted[0].To != "Đã bàn giao" {
		t.Errorf("conversions: %v", rep.Converted)
	}
	k, _ := data.KindOf("twinning_units")
	notes := map[string]string{}
	k.Each(ctx, s.DBForTests(), "deleted = 0", func(r data.Record) error {
		notes[data.FieldValue(r, "name").(string)] = data.FieldValue(r, "note").(string)
		return nil
	})
	for _, r := range rows {
		if notes[r.name] != r.want {
			t.Errorf("%s: stored %q, want %q", r.name, notes[r.name], r.want)
		}
	}
}

// A screen's list goes out with its title and filter; figures become numbers Excel can add up,
// codes stay text.
func TestListExportKeepsCodesAsTextAndFiguresAsNumbers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ds.xlsx")
	err := xlsx.WriteList(path, xlsx.List{Title: "Danh sách xã", Filter: "Lọc: tất cả", Columns: []string{"Tên", "Mã", "Số hộ", "Tỷ lệ hộ nghèo"},
		Rows: [][]string{{"Xã Văn Lem", "23410", "1.234", "12,5"}, {"Xã Đắk Rơ Nga", "23413", "87", ""}}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	if v, _ := f.GetCellValue(sheet, "A1"); v != "Danh sách xã" {
		t.Fatalf("title %q", v)
	}
	if h, _ := f.GetCellValue(sheet, "B3"); h != "Mã" {
		t.Fatalf("header %q", h)
	}
	for cell, number := range map[string]bool{"B4": false, "C4": true, "D4": true} {
		ty, _ := f.GetCellType(sheet, cell)
		if isNumber := ty == excelize.CellTypeUnset || ty == excelize.CellTypeNumber; isNumber != number {
			t.Errorf("%s: type %v, number %v", cell, ty, number)
		}
	}
	if v, _ := f.GetCellValue(sheet, "C4", excelize.Options{RawCellValue: true}); v != "1234" {
		t.Errorf("C4 = %q, want 1234", v)
	}
	if v, _ := f.GetCellValue(sheet, "D4", excelize.Options{RawCellValue: true}); v != "12.5" {
		t.Errorf("D4 = %q, want 12.5", v)
	}
}

func TestTemplatesAnswerToTheirNames(t *testing.T) {
	for name, want := range map[string]string{"rasoat": "rasoat", "rà soát": "rasoat", "reviews": "rasoat", "XA": "xa", "communes": "xa",
		"thôn, làng": "thon", "villages": "thon", "agencies": "coquan", "hoạt động": "hoatdong", "activities": "hoatdong"} {
		if tk, ok := xlsx.TemplateNamed(name); !ok || tk.Name != want {
			t.Errorf("%q → %q %v, want %q", name, tk.Name, ok, want)
		}
	}
	if _, ok := xlsx.TemplateNamed("tinh"); ok {
		t.Error("a template nobody has was found")
	}
}

// Every row of a year's template names its unit so that the import finds it again: units with
// a code by code, villages by the full name they had that year (before and after the 2025 moves),
// twins in one commune by identity.
func TestEveryTemplateRowFindsItsUnit(t *testing.T) {
	ctx := context.Background()
	s := emptyWithUnits(t)
	for _, year := range []int{2019, 2025} {
		path := reviewTemplate(t, s, year)
		b := openBook(t, path, "Số liệu rà soát")
		rows, _ := b.f.GetRows(b.sheet)
		for r := 2; r <= len(rows); r++ {
			b.set(r, "Ghi chú", "đã rà soát")
		}
		filled := filepath.Join(t.TempDir(), "all.xlsx")
		b.save(filled)
		rep, err := xlsx.Import(ctx, s, filled, xlsx.Options{DryRun: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Problems) > 0 || rep.Added != len(rows)-1 {
			t.Fatalf("%d: %d rows, %d added, problems %v", year, len(rows)-1, rep.Added, rep.Problems[:min(3, len(rep.Problems))])
		}
	}
}

// TestDropdownListsKeepLabelsWithCommas: every dropdown of every template reads its choices from
// the hidden sheet of lists (an inline list is split by Excel at each comma: "Thăm hỏi, nắm tình
// hình" was offered as "Thăm hỏi" and " nắm tình hình"), each choice whole, and each imports.
func TestDropdownListsKeepLabelsWithCommas(t *testing.T) {
	s := sampleStore(t)
	ctx := context.Background()
	commas := 0
	for _, tk := range xlsx.Templates {
		path := filepath.Join(t.TempDir(), tk.Name+".xlsx")
		if _, err := xlsx.Template(ctx, s, tk, 2024, path); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := f.GetSheetVisible(xlsx.ListsSheet); v && len(f.GetSheetList()) > len(tk.Tables) {
			t.Errorf("%s: the sheet of lists is shown", tk.Name)
		}
		for _, table := range tk.Tables {
			k, _ := data.KindOf(table)
			sheet := xlsx.SheetName(k)
			dvs, err := f.GetDataValidations(sheet)
			if err != nil {
				t.Fatal(err)
			}
			header, _ := f.GetRows(sheet)
			for _, dv := range dvs {
				if dv.Type != "list" {
					continue
				}
				col, _, _ := excelize.SplitCellName(strings.Split(strings.Fields(dv.Sqref)[0], ":")[0])
				n, _ := excelize.ColumnNameToNumber(col)
				label := header[0][n-1]
				var field data.Field
				for _, fl := range k.Fields() {
					if fl.Label == label || strings.HasPrefix(label, fl.Label) {
						field = fl
					}
				}
				if len(field.Choices) == 0 {
					continue // có/không
				}
				ref := strings.Trim(dv.Formula1, "=")
				if !strings.Contains(ref, xlsx.ListsSheet) {
					t.Errorf("%s, %s: an inline list %q", tk.Name, label, dv.Formula1)
					continue
				}
				lc := strings.Split(strings.Split(ref, "!")[1], ":")[0]
				lc = strings.Trim(strings.TrimRight(lc, "0123456789"), "$")
				cols, _ := f.GetCols(xlsx.ListsSheet)
				ln, _ := excelize.ColumnNameToNumber(lc)
				got := cols[ln-1]
				for len(got) > 0 && got[len(got)-1] == "" {
					got = got[:len(got)-1] // the sheet's other lists are longer
				}
				if !slices.Equal(got, field.Choices) {
					t.Errorf("%s, %s: the list holds %q, want %q", tk.Name, label, got, field.Choices)
				}
				for _, v := range got {
					commas += strings.Count(v, ",")
					if err := data.SetField(k.New(), field.Name, v); err != nil {
						t.Errorf("%s, %s: %q does not import: %v", tk.Name, label, v, err)
					}
				}
			}
		}
		f.Close()
	}
	if commas == 0 {
		t.Error("no choice with a comma was checked")
	}
}

// TestTemplatesAreEachKindsOwn: the communes' and the villages' templates are each their own,
// prefilled with the communes (or villages) there are and names wide enough to read; the code
// says what a code is; required headings are marked, columns for reading only grey and locked,
// the sheet protected; the activities' money and date columns carry their formats down the blank
// rows.
func TestTemplatesAreEachKindsOwn(t *testing.T) {
	ctx := context.Background()
	s := sampleStore(t)
	made := map[string]*excelize.File{}
	for _, name := range []string{"xa", "thon", "hoatdong"} {
		tk, _ := xlsx.TemplateNamed(name)
		path := filepath.Join(t.TempDir(), name+".xlsx")
		if _, err := xlsx.Template(ctx, s, tk, 2026, path); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		made[name] = f
	}
	units, _ := data.KindOf("units")
	sheet := xlsx.SheetName(units)
	levels := map[string]map[string]int{}
	for _, name := range []string{"xa", "thon"} {
		rows, _ := made[name].GetRows(sheet)
		levels[name] = map[string]int{}
		col := map[string]int{}
		for i, h := range rows[0] {
			col[h] = i
		}
		for _, r := range rows[1:] {
			if len(r) > col[data.FieldLabel("level")] {
				levels[name][r[col[data.FieldLabel("level")]]]++
			}
		}
		nameCol, _ := excelize.ColumnNumberToName(col[data.FieldLabel("name")] + 1)
		if w, _ := made[name].GetColWidth(sheet, nameCol); w < 16 {
			t.Errorf("%s: the name column is %.0f wide", name, w)
		}
		dvs, _ := made[name].GetDataValidations(sheet)
		for _, dv := range dvs {
			codeCol, _ := excelize.ColumnNumberToName(col[data.FieldLabel("code")] + 1)
			if strings.HasPrefix(dv.Sqref, codeCol+"2:") && (dv.Prompt == nil || strings.Contains(*dv.Prompt, "Chữ tiếng Việt")) {
				t.Errorf("%s: the code's hint %v", name, dv.Prompt)
			}
		}
		// The identity column: grey, locked; the name: unlocked; the sheet protected.
		idStyle, _ := made[name].GetColStyle(sheet, "A")
		if st, _ := made[name].GetStyle(idStyle); st == nil || st.Fill.Color == nil || st.Protection != nil && !st.Protection.Locked {
			t.Errorf("%s: the identity column is not grey and locked: %+v", name, st)
		}
		if st, _ := made[name].GetStyle(mustColStyle(t, made[name], sheet, nameCol)); st == nil || st.Protection == nil || st.Protection.Locked {
			t.Errorf("%s: the name column is not open to typing", name)
		}
		if p, err := made[name].GetSheetProtection(sheet); err != nil || !p.SelectUnlockedCells {
			t.Errorf("%s: the sheet is not protected: %+v %v", name, p, err)
		}
		heading, _ := excelize.CoordinatesToCellName(col[data.FieldLabel("parent_id")]+1, 1)
		plain, _ := made[name].GetCellStyle(sheet, "A1")
		if marked, _ := made[name].GetCellStyle(sheet, heading); marked == plain {
			t.Errorf("%s: the required “%s” heading is not marked", name, data.FieldLabel("parent_id"))
		}
	}
	if levels["xa"][data.LevelCommune.Label()] == 0 || levels["xa"][data.LevelVillage.Label()] != 0 ||
		levels["thon"][data.LevelVillage.Label()] == 0 || levels["thon"][data.LevelCommune.Label()] != 0 {
		t.Errorf("prefilled levels: %v", levels)
	}
	acts, _ := data.KindOf("activities")
	asheet := xlsx.SheetName(acts)
	rows, _ := made["hoatdong"].GetRows(asheet)
	found := 0
	for i, h := range rows[0] {
		if h != "Ngày" && h != "Giá trị tiền mặt" {
			continue
		}
		found++
		c, _ := excelize.ColumnNumberToName(i + 1)
		st, _ := made["hoatdong"].GetStyle(mustColStyle(t, made["hoatdong"], asheet, c))
		if st == nil || (st.NumFmt == 0 && st.CustomNumFmt == nil) {
			t.Errorf("activities: column %q is General", h)
		}
	}
	if found != 2 {
		t.Errorf("the activities' day and money columns not found among %q", rows[0])
	}
}

func mustColStyle(t *testing.T, f *excelize.File, sheet, col string) int {
	t.Helper()
	id, err := f.GetColStyle(sheet, col)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// TestACauseTakenOutOfItsCellIsTakenOut: the cell of poor households by cause is the whole list: a
// cause a clerk deletes from "von: 5; dat: 3" is gone after the import (the cell was added to the
// stored causes, so a deleted cause stayed).
func TestACauseTakenOutOfItsCellIsTakenOut(t *testing.T) {
	ctx := context.Background()
	s := datatest.MustOpen(t)
	tr := datatest.MustTree(t, s)
	r := &data.Review{UnitID: tr.Village.ID, Year: 2024, Households: datatest.Int(100), Poor: datatest.Int(10), PoorByCause: map[string]int{"von": 5, "dat": 3}}
	if err := s.SaveReview(ctx, r); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "rs.xlsx")
	if _, err := xlsx.Export(ctx, s, path, "reviews"); err != nil {
		t.Fatal(err)
	}
	b := openBook(t, path, "Số liệu rà soát")
	if von, dat := b.get(2, "Hộ nghèo do thiếu vốn"), b.get(2, "Hộ nghèo do thiếu đất"); von != "5" || dat != "3" {
		t.Fatalf("exported causes: capital %q, land %q", von, dat)
	}
	b.set(2, "Hộ nghèo do thiếu vốn", 6)
	b.set(2, "Hộ nghèo do thiếu đất", "")
	b.save(path)
	rep, err := xlsx.Import(ctx, s, path, xlsx.Options{})
	if err != nil || !rep.Written || rep.Updated != 1 {
		t.Fatalf("%+v %v", rep, err)
	}
	got, err := s.GetReview(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.PoorByCause) != 1 || got.PoorByCause["von"] != 6 {
		t.Fatalf("stored causes %v, want only von: 6", got.PoorByCause)
	}
}

// TestEachCauseOfPovertyHasItsColumn: the export and the template write the poor households of
// each cause group under its name; a sheet of an older workbook, with them all in one cell
// ("von: 5; dat: 3"), is read as before; a cell that is not a number of households is refused
// with its cell named, and nothing is written.
func TestEachCauseOfPovertyHasItsColumn(t *testing.T) {
	ctx := context.Background()
	s := datatest.MustOpen(t)
	tr := datatest.MustTree(t, s)
	r := &data.Review{UnitID: tr.Village.ID, Year: 2024, Households: datatest.Int(100), Poor: datatest.Int(10), PoorByCause: map[string]int{"von": 5, "dat": 3}}
	if err := s.SaveReview(ctx, r); err != nil {
		t.Fatal(err)
	}
	groups, err := s.CauseGroups(ctx)
	if err != nil || len(groups) < 2 {
		t.Fatalf("%d cause groups, %v", len(groups), err)
	}
	path := filepath.Join(t.TempDir(), "rs.xlsx")
	if _, err := xlsx.Export(ctx, s, path, "reviews"); err != nil {
		t.Fatal(err)
	}
	b := openBook(t, path, "Số liệu rà soát")
	for _, g := range groups {
		if _, ok := b.cols[g.Heading()]; !ok {
			t.Fatalf("no column %q in the export", g.Heading())
		}
	}
	if _, ok := b.cols["Hộ nghèo theo nguyên nhân"]; ok {
		t.Fatal("the export still writes the causes in one cell")
	}

	t.Run("the template has a column per cause", func(t *testing.T) {
		tb := openBook(t, reviewTemplate(t, s, 2024), "Số liệu rà soát")
		for _, g := range groups {
			if _, ok := tb.cols[g.Heading()]; !ok {
				t.Fatalf("no column %q in the template", g.Heading())
			}
		}
	})

	t.Run("an older workbook's single column is read", func(t *testing.T) {
		old := filepath.Join(t.TempDir(), "old.xlsx")
		ob := openBook(t, path, "Số liệu rà soát")
		for i := len(groups) - 1; i >= 0; i-- {
			name, _ := excelize.ColumnNumberToName(ob.cols[groups[i].Heading()])
			if err := ob.f.RemoveCol(ob.sheet, name); err != nil {
				t.Fatal(err)
			}
		}
		rows, _ := ob.f.GetRows(ob.sheet)
		last := len(rows[0]) + 1
		h, _ := excelize.CoordinatesToCellName(last, 1)
		v, _ := excelize.CoordinatesToCellName(last, 2)
		ob.f.SetCellValue(ob.sheet, h, "Hộ nghèo theo nguyên nhân")
		ob.f.SetCellValue(ob.sheet, v, "von: 7; dat: 2")
		ob.save(old)
		rep, err := xlsx.Import(ctx, s, old, xlsx.Options{})
		if err != nil || !rep.Written || rep.Updated != 1 {
			t.Fatalf("%+v %v", rep, err)
		}
		got, _ := s.GetReview(ctx, r.ID)
		if len(got.PoorByCause) != 2 || got.PoorByCause["von"] != 7 || got.PoorByCause["dat"] != 2 {
			t.Fatalf("stored causes %v, want von: 7, dat: 2", got.PoorByCause)
		}
	})

	t.Run("a cell that is not households is refused", func(t *testing.T) {
		before, _ := s.GetReview(ctx, r.ID)
		bad := filepath.Join(t.TempDir(), "bad.xlsx")
		bb := openBook(t, path, "Số liệu rà soát")
		bb.set(2, groups[0].Heading(), "năm hộ")
		bb.save(bad)
		rep, err := xlsx.Import(ctx, s, bad, xlsx.Options{})
		if err != nil || rep.Written || len(rep.Problems) != 1 {
			t.Fatalf("%+v %v", rep, err)
		}
		if p := rep.Problems[0]; p.Column != groups[0].Heading() || !strings.Contains(p.Message, "năm hộ") || !strings.Contains(p.Message, "số nguyên") {
			t.Fatalf("problem %+v", p)
		}
		after, _ := s.GetReview(ctx, r.ID)
		if after.Version != before.Version {
			t.Fatal("a refused workbook changed the review")
		}
	})
}

// TestTheVillagesTemplateCarriesTheirPlannedNTMYear: the villages' template has the column of the
// year each village is planned to meet the NTM standard; filled in, it is imported onto the village;
// given to a commune it is refused with a sentence and nothing is written.
func TestTheVillagesTemplateCarriesTheirPlannedNTMYear(t *testing.T) {
	ctx := context.Background()
	s := datatest.MustOpen(t)
	tr := datatest.MustTree(t, s)
	tk, _ := xlsx.TemplateNamed("thon")
	path := filepath.Join(t.TempDir(), "thon.xlsx")
	if _, err := xlsx.Template(ctx, s, tk, 0, path); err != nil {
		t.Fatal(err)
	}
	units, _ := data.KindOf("units")
	b := openBook(t, path, xlsx.SheetName(units))
	label := data.FieldLabel("ntm_plan_year")
	if _, ok := b.cols[label]; !ok {
		t.Fatalf("no column %q in the villages' template", label)
	}
	row := 0
	for r := 2; r < 10 && row == 0; r++ {
		if b.get(r, data.FieldLabel("name")) == tr.Village.Name {
			row = r
		}
	}
	if row == 0 {
		t.Fatalf("%s is not in the template", tr.Village.Name)
	}
	b.set(row, label, 2027)
	b.save(path)
	rep, err := xlsx.Import(ctx, s, path, xlsx.Options{})
	if err != nil || !rep.Written {
		t.Fatalf("%+v %v", rep, err)
	}
	got, _ := s.GetUnit(ctx, tr.Village.ID)
	if got.NTMPlanYear == nil || *got.NTMPlanYear != 2027 {
		t.Fatalf("the village's plan after the import: %v", got.NTMPlanYear)
	}
	c := tr.Commune
	y := 2030
	c.NTMPlanYear = &y
	if err := s.SaveUnit(ctx, &c); err == nil || !strings.Contains(data.Message(err), "Chỉ thôn, làng") {
		t.Errorf("a commune's plan: %v", err)
	}
}
