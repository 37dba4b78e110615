package xlsx_test

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"ketnghia/data/datatest"
	"ketnghia/data/xlsx"
)

// BenchmarkImportReviews10k imports a workbook of 10,000 review rows into a database holding the
// province sample's units (goal < 2 s): reading, checking every row by the save rules, writing in
// one transaction with the change history.
func BenchmarkImportReviews10k(b *testing.B) {
	ctx := context.Background()
	src := sampleStore(b)
	dir := b.TempDir()
	all := filepath.Join(dir, "all.xlsx")
	if _, err := xlsx.Export(ctx, src, all, "reviews"); err != nil {
		b.Fatal(err)
	}
	// The first 10,000 rows, as numbers, the way Excel keeps them.
	f, err := excelize.OpenFile(all)
	if err != nil {
		b.Fatal(err)
	}
	rows, err := f.GetRows("Số liệu rà soát", excelize.Options{RawCellValue: true})
	f.Close()
	if err != nil || len(rows) < 10001 {
		b.Fatalf("%d rows, %v", len(rows), err)
	}
	out := excelize.NewFile()
	out.SetSheetName("Sheet1", "Số liệu rà soát")
	sw, _ := out.NewStreamWriter("Số liệu rà soát")
	for i, r := range rows[:10001] {
		vals := make([]any, len(r))
		for j, v := range r {
			if x, err := strconv.ParseFloat(v, 64); err == nil && i > 0 {
				vals[j] = x
			} else {
				vals[j] = v
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		sw.SetRow(cell, vals)
	}
	sw.Flush()
	book := filepath.Join(dir, "10k.xlsx")
	if err := out.SaveAs(book); err != nil {
		b.Fatal(err)
	}
	units := emptyWithUnits(b)
	unitsFile, err := units.Backup(ctx, filepath.Join(dir, "b"))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		path := filepath.Join(dir, "target.db")
		datatest.CopyFile(b, unitsFile, path)
		s := datatest.MustOpenAt(b, path)
		b.StartTimer()
		rep, err := xlsx.Import(ctx, s, book, xlsx.Options{})
		b.StopTimer()
		if err != nil || !rep.Written || rep.Added != 10000 {
			b.Fatalf("%+v %v", rep, err)
		}
		s.Close()
		b.StartTimer()
	}
}

// BenchmarkImportProvinceWorkbook imports the province sample's whole-database workbook (21,371
// records of every kind) into an empty database (goal ≤ 2 s): what an office does to take over
// another's records by Excel.
func BenchmarkImportProvinceWorkbook(b *testing.B) {
	ctx := context.Background()
	src := sampleStore(b)
	dir := b.TempDir()
	book := filepath.Join(dir, "all.xlsx")
	if _, err := xlsx.Export(ctx, src, book); err != nil {
		b.Fatal(err)
	}
	empty := datatest.MustOpen(b)
	emptyFile, err := empty.Backup(ctx, filepath.Join(dir, "b"))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		b.StopTimer()
		path := filepath.Join(dir, "target.db")
		datatest.CopyFile(b, emptyFile, path)
		s := datatest.MustOpenAt(b, path)
		b.StartTimer()
		rep, err := xlsx.Import(ctx, s, book, xlsx.Options{})
		b.StopTimer()
		if err != nil || !rep.Written || rep.Added < 20000 {
			b.Fatalf("%+v %v", rep, err)
		}
		s.Close()
		b.StartTimer()
	}
}
