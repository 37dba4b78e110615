package screen

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ketnghia/app/window/windowtest"
	"ketnghia/data"
	"ketnghia/data/datatest"
	"ketnghia/data/vntext"
)

// TestTheSubmissionsScreenShowsAndTakesEachStep: the present (December 2026) on the sample: 2025's
// 40 communes with their states, filtered by state and by a name typed without accents; rows ticked
// by a click; sent and accepted communes of 2026, then one reopened with its reason; the grid then
// refuses an accepted commune's figures with the sentence of who accepted them and keeps what was
// typed.
func TestTheSubmissionsScreenShowsAndTakesEachStep(t *testing.T) {
	test.NewTempApp(t)
	st := windowtest.SampleStoreOn(t, datatest.Present)
	s := NewSubmissionsScreen(st, nil)
	w := test.NewTempWindow(t, s)
	w.Resize(fyne.NewSize(1280, 700))
	if s.year.Selected != "2026" {
		t.Errorf("the screen opens on %s, not the present year", s.year.Selected)
	}
	s.SetYear(2025)
	if len(s.Rows()) != 40 || !strings.Contains(s.summary.Text, "/40 xã đã được duyệt số liệu năm 2025") {
		t.Fatalf("2025: %d rows, %q", len(s.Rows()), s.summary.Text)
	}
	s.state.SetSelected(data.StateAccepted.Label())
	accepted := len(s.Rows())
	if accepted == 0 || accepted == 40 {
		t.Fatalf("%d accepted rows", accepted)
	}
	for _, r := range s.Rows() {
		if r.State != data.StateAccepted || r.DecidedOn == "" {
			t.Fatalf("a row of the filter: %+v", r)
		}
	}
	s.state.SetSelected("Tất cả")
	name := s.Rows()[0].Name
	s.search.SetText(vntext.Fold(name))
	if len(s.Rows()) == 0 || s.Rows()[0].Name != name {
		t.Fatalf("searching %q without accents: %d rows", name, len(s.Rows()))
	}
	s.search.SetText("")

	// 2026: two communes ticked by a click, sent, accepted.
	s.SetYear(2026)
	rows := s.Rows()
	if len(rows) != 40 || rows[0].State != data.StateEntering {
		t.Fatalf("2026: %d rows, first %+v", len(rows), rows[0])
	}
	if !s.buttons[data.ActAccept].Disabled() {
		t.Error("Duyệt is enabled with nothing ticked")
	}
	s.table.OnSelected(widget.TableCellID{Row: 0, Col: 2})
	s.table.OnSelected(widget.TableCellID{Row: 1, Col: 2})
	if len(s.Ticked()) != 2 || s.buttons[data.ActSubmit].Disabled() {
		t.Fatalf("ticked %d", len(s.Ticked()))
	}
	a, b := rows[0], rows[1]
	if err := s.Do(data.ActSubmit, "", a.Code, b.Code); err != nil {
		t.Fatal(err)
	}
	if err := s.Do(data.ActAccept, "", a.Code); err != nil {
		t.Fatal(err)
	}
	if s.Rows()[0].State != data.StateAccepted || s.Rows()[1].State != data.StateSent || !strings.Contains(s.summary.Text, "1/40") {
		t.Fatalf("after the steps: %+v %+v %q", s.Rows()[0], s.Rows()[1], s.summary.Text)
	}

	// The grid shows the accepted commune's figures as text and says why at the first key.
	g, ch := reviewOn(t, st)
	g.year.SetSelected("2026")
	waitList(t, ch)
	settle(t, ch)
	i, row := rowOf(t, g, a.Code, "")
	if !row.locked || !strings.Contains(g.readOnlyText(row, 0), "đã duyệt") {
		t.Fatalf("the accepted commune's row: locked %v, %q", row.locked, g.readOnlyText(row, 0))
	}
	g.setCell(i, 1, "1000")
	if !strings.Contains(g.status.Text, "đã được") || !strings.Contains(g.status.Text, "mở lại") || g.Dirty() {
		t.Errorf("typing into an accepted commune: %q (dirty %v)", g.status.Text, g.Dirty())
	}
	// A way round the grid is refused by the store with the same sentence.
	r, _ := st.ReviewOf(context.Background(), row.unit.ID, 2026)
	if r.ID == "" {
		r = data.Review{UnitID: row.unit.ID, Year: 2026}
	}
	r.Poor = datatest.Int(100)
	r.Households = datatest.Int(1000)
	if err := st.SaveReviews(context.Background(), []*data.Review{&r}); !data.IsLocked(err) {
		t.Errorf("an accepted figure was written: %v", err)
	}

	// Reopened with its reason, the grid saves it.
	if err := s.Do(data.ActReopen, "", a.Code); err == nil {
		t.Error("reopened without a reason")
	}
	if err := s.Do(data.ActReopen, "Xã đề nghị sửa số hộ nghèo", a.Code); err != nil {
		t.Fatal(err)
	}
	if s.Rows()[0].State != data.StateReopened || s.Rows()[0].Note != "Xã đề nghị sửa số hộ nghèo" {
		t.Fatalf("after reopening: %+v", s.Rows()[0])
	}
	g, ch = reviewOn(t, st)
	g.year.SetSelected("2026")
	waitList(t, ch)
	settle(t, ch)
	i, row = rowOf(t, g, a.Code, "")
	g.setCell(i, 1, "1000")
	g.setCell(i, 4, "100")
	g.Save()
	if r, _ := st.ReviewOf(context.Background(), row.unit.ID, 2026); row.locked || r.Poor == nil || *r.Poor != 100 {
		t.Errorf("the reopened figure was not written: %q", g.status.Text)
	}
}
