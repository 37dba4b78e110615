package xlsx_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"ketnghia/data"
	"ketnghia/data/datatest"
	"ketnghia/data/rules"
	"ketnghia/data/sample"
	"ketnghia/data/xlsx"
)

func sampleStore(t testing.TB) *data.Store {
	t.Helper()
	s := datatest.MustOpen(t)
	if err := sample.Load(context.Background(), s, sample.Province, 1); err != nil {
		t.Fatal(err)
	}
	return s
}

// figures is everything the rules derive for some years, as JSON: two stores with the same data
// give the same text.
func figures(t testing.TB, s *data.Store, years ...int) string {
	t.Helper()
	ds, err := s.Dataset(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	td, err := s.Twinning(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	x := rules.NewIndex(ds)
	var out []any
	for _, y := range years {
		as, _, err := x.Assess(y, rules.AssessOptions{})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, x.Overview(y, td), as)
	}
	b, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func counts(t testing.TB, s *data.Store) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, k := range data.Kinds() {
		n := 0
		if err := k.Each(context.Background(), s.DBForTests(), "deleted = 0", func(data.Record) error { n++; return nil }); err != nil {
			t.Fatal(err)
		}
		out[k.Table] = n
	}
	return out
}

// Round trip: the sample database exported, imported into an empty database, gives the same
// records and the same figures.
func TestWholeDatabaseRoundTripGivesTheSameFigures(t *testing.T) {
	ctx := context.Background()
	src := sampleStore(t)
	book := filepath.Join(t.TempDir(), "all.xlsx")
	if _, err := xlsx.Export(ctx, src, book); err != nil {
		t.Fatal(err)
	}
	dst := datatest.MustOpen(t)
	rep, err := xlsx.Import(ctx, dst, book, xlsx.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) > 0 || !rep.Written {
		t.Fatalf("problems: %v (first of %d)", rep.Problems[:min(5, len(rep.Problems))], len(rep.Problems))
	}
	// The submissions sheet is there to be read: sending and accepting figures is done step by
	// step in the program, never by a workbook.
	a, b := counts(t, src), counts(t, dst)
	if a["submissions"] == 0 || b["submissions"] != 0 {
		t.Errorf("submissions: %d in the file, %d taken from the workbook", a["submissions"], b["submissions"])
	}
	delete(a, "submissions")
	delete(b, "submissions")
	if !equalMaps(a, b) {
		t.Fatalf("records: %v, after the round trip %v", a, b)
	}
	if a, b := figures(t, src, 2016, 2020, 2024), figures(t, dst, 2016, 2020, 2024); a != b {
		t.Fatal("the figures differ after the round trip")
	}
	// A second import of the same workbook changes nothing.
	rep, err = xlsx.Import(ctx, dst, book, xlsx.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 0 || rep.Updated != 0 || rep.Unchanged != rep.Rows {
		t.Fatalf("second import: %+v", rep)
	}
}

func equalMaps(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

var uuidRe = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-`)

// TestExportedSheetsDeclareTheirSizeAndFilter: every sheet of the whole-database workbook declares
// the range it fills (a reader that trusts the declaration saw one row: "A1") and has a filter on
// its header row.
func TestExportedSheetsDeclareTheirSizeAndFilter(t *testing.T) {
	ctx := context.Background()
	src := sampleStore(t)
	book := filepath.Join(t.TempDir(), "all.xlsx")
	counts, err := xlsx.Export(ctx, src, book)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	filters := map[string]bool{}
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm._FilterDatabase" {
			filters[d.Scope] = true
		}
	}
	for _, k := range data.Kinds() {
		sheet := xlsx.SheetName(k)
		dim, err := f.GetSheetDimension(sheet)
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := f.GetRows(sheet)
		_, last, err := excelize.CellNameToCoordinates(strings.Split(dim, ":")[len(strings.Split(dim, ":"))-1])
		if err != nil || last != counts[k.Table]+1 || last != len(rows) {
			t.Errorf("%s declares %q for %d records (%d rows)", sheet, dim, counts[k.Table], len(rows))
		}
		if !filters[sheet] {
			t.Errorf("%s has no filter on its header", sheet)
		}
		// Every cell as a person reads it: no JSON, no comparison signs, and a unit (but in the
		// sheets of moves and links, read before any other names it) never by its identity.
		if k.Table != "unit_moves" && k.Table != "unit_links" {
			for i, r := range rows[1:] {
				for j, v := range r[1:] {
					if uuidRe.MatchString(v) {
						t.Errorf("%s, row %d, column %d: a unit by its identity %q", sheet, i+2, j+2, v)
						break
					}
				}
			}
		}
		for i, r := range rows[1:] {
			for _, v := range r {
				if strings.HasPrefix(v, "{") || v == ">=" || v == "<=" || v == ">" || v == "<" || v == "classify" || v == "leave" || v == "qd33" || v == "qd50" {
					t.Errorf("%s, row %d: %q", sheet, i+2, v)
				}
			}
		}
	}
}

// TestLongExcelWorkTellsItsProgress: an export and an import of the province's workbook tell
// each step, and how many rows of how many are written.
func TestLongExcelWorkTellsItsProgress(t *testing.T) {
	ctx := context.Background()
	src := sampleStore(t)
	book := filepath.Join(t.TempDir(), "all.xlsx")
	var steps []xlsx.Progress
	if _, err := xlsx.ExportWith(ctx, src, book, func(p xlsx.Progress) { steps = append(steps, p) }); err != nil {
		t.Fatal(err)
	}
	counted := false
	for _, p := range steps {
		counted = counted || (p.Total > 5000 && p.Done > 0 && strings.HasPrefix(p.Stage, "Đang xuất trang"))
	}
	if !counted {
		t.Errorf("the export told no count of rows: %v", steps)
	}
	steps = nil
	rep, err := xlsx.Import(ctx, datatest.MustOpen(t), book, xlsx.Options{Progress: func(p xlsx.Progress) { steps = append(steps, p) }})
	if err != nil || !rep.Written {
		t.Fatalf("%+v %v", rep, err)
	}
	written := false
	for _, p := range steps {
		written = written || (p.Stage == "Đang ghi" && p.Total == rep.Rows && p.Done > 0)
	}
	if !written || !strings.Contains(steps[len(steps)-1].String(), "dòng (") {
		t.Errorf("the import told: %v", steps)
	}
}
