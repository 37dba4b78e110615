package xlsx_test

import (
	"context"
	"fmt"
	"path/filepath"
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

func review(t *testing.T, s *data.Store, unit string, year int) *data.Review {
	t.Helper()
	k, _ := data.KindOf("reviews")
	var out *data.Review
	k.Each(context.Background(), s.RawDB(), "deleted = 0 AND unit_id = ? AND year = ?", func(r data.Record) error { out = r.(*data.Review); return nil }, unit, year)
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
