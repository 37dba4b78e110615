package xlsx_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"ketnghia/data"
	"ketnghia/data/datatest"
	"ketnghia/data/xlsx"
)

// smallBook is a valid workbook of a few units and reviews of a small tree, as bytes.
func smallBook(t testing.TB, s *data.Store) []byte {
	t.Helper()
	tr := datatest.MustTree(t, s)
	ctx := context.Background()
	for y := 2020; y <= 2022; y++ {
		for _, u := range []data.Unit{tr.Commune, tr.Village} {
			r := &data.Review{UnitID: u.ID, Year: y, Households: datatest.Int(100 + y - 2020), Poor: datatest.Int(10), NearPoor: datatest.Int(5)}
			if err := s.SaveReview(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
	}
	path := filepath.Join(t.TempDir(), "small.xlsx")
	if _, err := xlsx.Export(ctx, s, path, "units", "reviews"); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// defects are the mistakes a broken workbook is certain to hold one of: each must be reported.
var defects = []struct {
	name  string
	apply func(f *excelize.File, cols map[string]int, r *rand.Rand)
}{
	{"text in a number column", func(f *excelize.File, c map[string]int, r *rand.Rand) { set(f, c, 2, "Số hộ", "một trăm") }},
	{"more poor than households", func(f *excelize.File, c map[string]int, r *rand.Rand) {
		set(f, c, 3, "Số hộ", 10)
		set(f, c, 3, "Số hộ nghèo", 50)
	}},
	{"a unit nobody has", func(f *excelize.File, c map[string]int, r *rand.Rand) { set(f, c, 2, "Đơn vị", "Xã Không Có") }},
	{"a negative count", func(f *excelize.File, c map[string]int, r *rand.Rand) { set(f, c, 4, "Số hộ cận nghèo", -3) }},
	{"a huge number", func(f *excelize.File, c map[string]int, r *rand.Rand) { set(f, c, 2, "Số nhân khẩu", 1e300) }},
	{"a fraction of a household", func(f *excelize.File, c map[string]int, r *rand.Rand) { set(f, c, 5, "Số hộ", 12.5) }},
	{"a bad yes or no", func(f *excelize.File, c map[string]int, r *rand.Rand) { set(f, c, 2, "Chi bộ", "có lẽ") }},
	{"a year that is no year", func(f *excelize.File, c map[string]int, r *rand.Rand) { set(f, c, 3, "Năm", "năm ngoái") }},
	{"a review twice", func(f *excelize.File, c map[string]int, r *rand.Rand) {
		// Row 7 repeats row 2's unit and year under a new identity.
		for h, i := range c {
			cell, _ := excelize.CoordinatesToCellName(i, 2)
			v, _ := f.GetCellValue(sheetReviews, cell)
			if strings.HasPrefix(h, "Mã bản ghi") {
				v = ""
			}
			to, _ := excelize.CoordinatesToCellName(i, 8)
			f.SetCellValue(sheetReviews, to, v)
		}
	}},
	{"a unit without a name", func(f *excelize.File, c map[string]int, r *rand.Rand) {
		f.SetCellValue(sheetUnits, "C6", "")
		f.SetCellValue(sheetUnits, "B6", "")
		f.SetCellValue(sheetUnits, "D6", "")
		f.SetCellValue(sheetUnits, "A6", "")
		f.SetCellValue(sheetUnits, "E6", "Thôn Mới")
	}},
	{"an unknown level", func(f *excelize.File, c map[string]int, r *rand.Rand) { f.SetCellValue(sheetUnits, "B3", "liên xã") }},
	{"a review of a unit given as a number", func(f *excelize.File, c map[string]int, r *rand.Rand) { set(f, c, 6, "Đơn vị", 99999) }},
}

const (
	sheetReviews = "Số liệu rà soát"
	sheetUnits   = "Đơn vị hành chính"
)

func set(f *excelize.File, cols map[string]int, row int, header string, v any) {
	cell, _ := excelize.CoordinatesToCellName(cols[header], row)
	f.SetCellValue(sheetReviews, cell, v)
}

// noise is what real workbooks carry that is no mistake of its own: merged cells, formulas,
// extra sheets and columns, blank rows, styles, long text, a column taken away.
var noise = []func(f *excelize.File, cols map[string]int, r *rand.Rand){
	func(f *excelize.File, c map[string]int, r *rand.Rand) { f.MergeCell(sheetReviews, "J2", "L4") },
	func(f *excelize.File, c map[string]int, r *rand.Rand) {
		f.SetCellFormula(sheetReviews, "F3", "=SUM(F2:F2)/0")
	},
	func(f *excelize.File, c map[string]int, r *rand.Rand) { f.NewSheet("Ghi chú") },
	func(f *excelize.File, c map[string]int, r *rand.Rand) { f.NewSheet("Trống") },
	func(f *excelize.File, c map[string]int, r *rand.Rand) {
		f.SetCellValue(sheetReviews, "AD1", "Cột lạ")
	},
	func(f *excelize.File, c map[string]int, r *rand.Rand) { f.InsertRows(sheetReviews, 3, 1+r.IntN(3)) },
	func(f *excelize.File, c map[string]int, r *rand.Rand) {
		f.SetCellValue(sheetReviews, "AE9", strings.Repeat("Đắk ", 5000))
	},
	func(f *excelize.File, c map[string]int, r *rand.Rand) { f.RemoveCol(sheetReviews, "S") },
	func(f *excelize.File, c map[string]int, r *rand.Rand) {
		f.SetCellValue(sheetReviews, "U4", "\x00\x01\x02")
	},
	func(f *excelize.File, c map[string]int, r *rand.Rand) { f.SetCellValue(sheetReviews, "E5", true) },
	func(f *excelize.File, c map[string]int, r *rand.Rand) {
		f.SetSheetName(sheetUnits, "Bảng đơn vị")
	},
	func(f *excelize.File, c map[string]int, r *rand.Rand) { f.DeleteSheet(sheetUnits) },
}

// TestThousandBrokenWorkbooksAreReportedAndWriteNothing: 1,000 workbooks each with at least one
// mistake, some damaged as files too: no panic, every one refused with a Vietnamese sentence or
// a report naming the mistakes, and the database untouched.
func TestThousandBrokenWorkbooksAreReportedAndWriteNothing(t *testing.T) {
	ctx := context.Background()
	s := datatest.MustOpen(t)
	good := smallBook(t, s)
	before := counts(t, s)
	r := rand.New(rand.NewPCG(15, 2026))
	dir := t.TempDir()
	seen := map[string]int{}
	for i := range 1000 {
		f, err := excelize.OpenReader(bytes.NewReader(good))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := f.GetRows(sheetReviews)
		cols := map[string]int{}
		for j, h := range rows[0] {
			cols[h] = j + 1
		}
		d := defects[r.IntN(len(defects))]
		var applied []int
		for range r.IntN(3) {
			k := r.IntN(len(noise))
			if k >= len(noise)-2 && (d.name == "a unit without a name" || d.name == "an unknown level") {
				continue // the mistake is in the units' sheet: keep it
			}
			applied = append(applied, k)
			noise[k](f, cols, r)
		}
		// The columns as the noise left them (a column removed moves the others left): the
		// mistake lands where it is meant to.
		if rows, _ := f.GetRows(sheetReviews); len(rows) > 0 {
			cols = map[string]int{}
			for j, h := range rows[0] {
				cols[h] = j + 1
			}
		}
		d.apply(f, cols, r)
		var buf bytes.Buffer
		if err := f.Write(&buf); err != nil {
			t.Fatal(err)
		}
		f.Close()
		b := buf.Bytes()
		if r.IntN(4) == 0 { // the file damaged too
			b = damage(r, b)
		}
		p := filepath.Join(dir, fmt.Sprintf("b%d.xlsx", i%7))
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		rep, err := xlsx.Import(ctx, s, p, xlsx.Options{})
		switch {
		case err != nil:
			if msg := data.Message(err); !strings.Contains(msg, "Excel") && !strings.Contains(msg, "KetNghia") {
				t.Fatalf("case %d (%s): %q", i, d.name, msg)
			}
			seen["refused as a file"]++
		case rep.Written:
			os.WriteFile("/tmp/case.xlsx", b, 0o644)
			t.Fatalf("case %d (%s, noise %v): written: %+v", i, d.name, applied, rep)
		case len(rep.Problems) == 0:
			t.Fatalf("case %d (%s): nothing reported: %+v", i, d.name, rep)
		default:
			for _, p := range rep.Problems {
				if p.Message == "" || strings.Contains(p.Message, "sql") || strings.Contains(p.Message, "constraint") {
					t.Fatalf("case %d (%s): problem %+v", i, d.name, p)
				}
			}
			seen[d.name]++
		}
	}
	if after := counts(t, s); !equalMaps(before, after) {
		t.Fatalf("the database changed: %v → %v", before, after)
	}
	if len(seen) < len(defects)/2 {
		t.Fatalf("too few kinds of mistake were reported: %v", seen)
	}
	t.Logf("outcomes: %v", seen)
}

func damage(r *rand.Rand, good []byte) []byte {
	b := append([]byte(nil), good...)
	switch r.IntN(3) {
	case 0:
		return b[:r.IntN(len(b))]
	case 1:
		i := r.IntN(len(b))
		b[i] ^= 1 << r.IntN(8)
	default:
		i := r.IntN(len(b))
		for j := i; j < min(len(b), i+200); j++ {
			b[j] = byte(r.IntN(256))
		}
	}
	return b
}

// FuzzImport: any bytes as a workbook: no panic, and a dry run writes nothing.
func FuzzImport(f *testing.F) {
	s := datatest.MustOpen(f)
	good := smallBook(f, s)
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte("PK\x03\x04"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte) {
		p := filepath.Join(dir, "f.xlsx")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, accept := range []bool{false, true} {
			rep, err := xlsx.Import(context.Background(), s, p, xlsx.Options{DryRun: true, AcceptLayouts: accept})
			if err == nil && rep.Written {
				t.Fatal("a dry run wrote")
			}
		}
	})
}
