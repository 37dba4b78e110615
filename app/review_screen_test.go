package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"ketnghia/data"
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
	st := sampleStore(t)
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
	st := sampleStore(t)
	s, ch := reviewOn(t, st)
	if len(s.rows) < 2 {
		t.Fatal("need two communes")
	}
	s.PasteBlock(0, 1, "1.000\t900\t4.500\t200\t100\r\n2000\t1000\t9000\t500\t300\r\n")
	if got := s.readOnlyText(s.rows[0], len(s.fields)+1); got != "20,0%" {
		t.Errorf("poverty rate of the pasted row: %q", got)
	}
	if s.rows[1].texts[3] != "500" || s.rows[1].err != nil {
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
	st := sampleStore(t)
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
