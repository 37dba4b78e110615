package screen

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
	"unsafe"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketnghia/app/window/widgets"
	"ketnghia/app/window/windowtest"
	"ketnghia/data"
	"ketnghia/data/datatest"
	"ketnghia/data/rules"
)

// communesOn opens the screen and waits for its list.
func communesOn(t *testing.T, st *data.Store) (*PlaceScreen, chan struct{}) {
	t.Helper()
	s := NewCommunesScreen(st, nil)
	ch := make(chan struct{}, 16)
	s.loaded = func() { ch <- struct{}{} }
	w := test.NewTempWindow(t, s)
	w.Resize(fyne.NewSize(1280, 700))
	s.reload()
	waitList(t, ch)
	return s, ch
}

// villagesOn opens the Thôn, làng screen and waits for its list.
func villagesOn(t *testing.T, st *data.Store) *PlaceScreen {
	t.Helper()
	s := NewVillagesScreen(st, nil)
	ch := make(chan struct{}, 16)
	s.loaded = func() { ch <- struct{}{} }
	test.NewTempWindow(t, s)
	s.reload()
	waitList(t, ch)
	return s
}

func waitList(t *testing.T, ch chan struct{}) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(30 * time.Second):
		t.Fatal("the list never filled")
	}
}

// settle waits for the reloads already started to finish.
func settle(t *testing.T, ch chan struct{}) {
	t.Helper()
	for {
		select {
		case <-ch:
		case <-time.After(400 * time.Millisecond):
			return
		}
	}
}

// TestCommunesSearchIgnoresAccents: "dak to" lists "Đắk Tô" and only names that fold to it.
func TestCommunesSearchIgnoresAccents(t *testing.T) {
	test.NewTempApp(t)
	st := windowtest.SampleStore(t)
	s, ch := communesOn(t, st)
	settle(t, ch)
	s.status.SetSelectedIndex(2) // every commune, whatever its status
	settle(t, ch)
	s.search.SetText("dak to")
	settle(t, ch)
	if len(s.shown) == 0 {
		t.Fatal("nothing found for dak to")
	}
	found := false
	for _, r := range s.shown {
		u := r.u
		found = found || strings.Contains(u.Name, "Đắk Tô")
		if !containsFold(u.Name, "dak to") {
			t.Errorf("%s does not match dak to", u.Name)
		}
	}
	if !found {
		t.Errorf("no Đắk Tô among %d", len(s.shown))
	}
}

// TestCommuneCreateEditDeleteRestore goes through the screen and reads back from the store, and
// finds the edit in the change history.
func TestCommuneCreateEditDeleteRestore(t *testing.T) {
	test.NewTempApp(t)
	st := datatest.MustOpen(t)
	datatest.MustTree(t, st)
	s, ch := communesOn(t, st)
	ctx := context.Background()

	test.Tap(s.create)
	s.name.SetText("Xã Đắk Trăm")
	s.code.SetText("23411")
	s.parent.SetText("Huyện Đắk Tô")
	s.opened.SetText("01/01/2010")
	s.ntmYear.SetText("20x4")
	test.Tap(s.save)
	if !strings.Contains(s.message.Text, "Năm đạt chuẩn NTM phải là một năm") || s.Current() != nil {
		t.Fatalf("a bad year: %q", s.message.Text)
	}
	if us, _, _ := st.ListUnits(ctx, data.UnitFilter{Query: "Đắk Trăm"}); len(us) != 0 {
		t.Fatal("a commune with a bad field was saved")
	}
	s.ntmYear.SetText("2024")
	test.Tap(s.save)
	c := s.Current()
	if c == nil {
		t.Fatalf("not saved: %q", s.message.Text)
	}
	got, err := st.GetUnit(ctx, c.ID)
	if err != nil || got.Name != "Xã Đắk Trăm" || got.Code != "23411" || got.NTMYear == nil || *got.NTMYear != 2024 {
		t.Fatalf("stored %+v %v", got, err)
	}
	settle(t, ch)

	s.name.SetText("Xã Đắk Trăm Mới")
	test.Tap(s.save)
	if got, _ := st.GetUnit(ctx, c.ID); got.Name != "Xã Đắk Trăm Mới" {
		t.Fatalf("edit not stored: %s", got.Name)
	}
	if !strings.Contains(s.history.Text, "Tên: Xã Đắk Trăm → Xã Đắk Trăm Mới") {
		t.Errorf("history:\n%s", s.history.Text)
	}
	settle(t, ch)

	s.Delete()
	if _, err := st.GetUnit(ctx, c.ID); !data.IsNotFound(err) {
		t.Fatalf("not deleted: %v", err)
	}
	settle(t, ch)
	s.status.SetSelectedIndex(3) // Đã xóa
	settle(t, ch)
	if len(s.shown) != 1 || s.shown[0].u.ID != c.ID {
		t.Fatalf("the Đã xóa view shows %d", len(s.shown))
	}
	s.list.Select(0)
	if s.restore.Disabled() {
		t.Fatal("Khôi phục is off for a deleted commune")
	}
	test.Tap(s.restore)
	if got, err := st.GetUnit(ctx, c.ID); err != nil || got.Name != "Xã Đắk Trăm Mới" {
		t.Fatalf("not restored: %v", err)
	}
	if !strings.Contains(s.history.Text, "khôi phục") || !strings.Contains(s.history.Text, "xóa") {
		t.Errorf("history:\n%s", s.history.Text)
	}
}

// TestCommuneMergeThroughTheScreen: merged into a successor, the commune closes and its villages move.
func TestCommuneMergeThroughTheScreen(t *testing.T) {
	test.NewTempApp(t)
	st := datatest.MustOpen(t)
	tr := datatest.MustTree(t, st)
	succ := data.Unit{Level: data.LevelCommune, Kind: "Xã", Code: "23412", Name: "Xã Ngọk Tụ", ParentID: tr.District.ID}
	if err := st.SaveUnit(context.Background(), &succ); err != nil {
		t.Fatal(err)
	}
	agency := data.TwinningUnit{Name: "Sở Tư pháp", Level: data.TwinProvince, Kind: data.TwinState}
	if err := st.SaveTwinningUnit(context.Background(), &agency); err != nil {
		t.Fatal(err)
	}
	running := data.Assignment{TwinningUnitID: agency.ID, UnitID: tr.Commune.ID, Start: data.D(2021, 1, 1)}
	if err := st.SaveAssignment(context.Background(), &running); err != nil {
		t.Fatal(err)
	}
	s, _ := communesOn(t, st)
	s.open(&tr.Commune)
	s.Merge(succ.ID, data.D(2025, 7, 1), "NQ 1677/NQ-UBTVQH15", data.MoveAssignments)
	v, _ := st.GetUnit(context.Background(), tr.Village.ID)
	c, _ := st.GetUnit(context.Background(), tr.Commune.ID)
	if v.ParentID != succ.ID || c.ClosedOn != data.D(2025, 7, 1) || !strings.Contains(s.message.Text, "Đã sáp nhập") {
		t.Errorf("village under %s, closed %v, message %q", v.ParentID, c.ClosedOn, s.message.Text)
	}
	// The agency that helped the commune goes on with its successor from the day of the merger.
	old, _ := st.GetAssignment(context.Background(), running.ID)
	moved, _ := st.ListAssignments(context.Background(), data.AssignmentFilter{UnitID: succ.ID})
	if old.End != data.D(2025, 6, 30) || len(moved) != 1 || moved[0].TwinningUnitID != agency.ID || moved[0].Start != data.D(2025, 7, 1) {
		t.Errorf("assignment after the merger: old ends %v, successor's %+v", old.End, moved)
	}
}

// TestAMergerEndsOrMovesTheRunningAssignments: ended, an assignment running on the day of a
// merger ends the day before and one not begun yet is dropped; the unit's others stay as they were.
func TestAMergerEndsOrMovesTheRunningAssignments(t *testing.T) {
	st := datatest.MustOpen(t)
	tr := datatest.MustTree(t, st)
	ctx := context.Background()
	succ := data.Unit{Level: data.LevelCommune, Kind: "Xã", Code: "23412", Name: "Xã Ngọk Tụ", ParentID: tr.District.ID}
	agency := data.TwinningUnit{Name: "Sở Tư pháp", Level: data.TwinProvince, Kind: data.TwinState}
	for _, err := range []error{st.SaveUnit(ctx, &succ), st.SaveTwinningUnit(ctx, &agency)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	past := data.Assignment{TwinningUnitID: agency.ID, UnitID: tr.Commune.ID, Start: data.D(2017, 1, 1), End: data.D(2019, 12, 31)}
	running := data.Assignment{TwinningUnitID: agency.ID, UnitID: tr.Commune.ID, Start: data.D(2021, 1, 1)}
	later := data.Assignment{TwinningUnitID: agency.ID, UnitID: tr.Commune.ID, Start: data.D(2025, 9, 1)}
	for _, a := range []*data.Assignment{&past, &running, &later} {
		if err := st.SaveAssignment(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	if rs, _ := st.RunningAssignments(ctx, tr.Commune.ID, data.D(2025, 7, 1)); len(rs) != 2 {
		t.Fatalf("running on the day: %d", len(rs))
	}
	if err := st.MergeUnitWith(ctx, tr.Commune.ID, succ.ID, data.D(2025, 7, 1), "NQ", data.EndAssignments); err != nil {
		t.Fatal(err)
	}
	p, _ := st.GetAssignment(ctx, past.ID)
	r, _ := st.GetAssignment(ctx, running.ID)
	_, lerr := st.GetAssignment(ctx, later.ID)
	if p.End != data.D(2019, 12, 31) || r.End != data.D(2025, 6, 30) || lerr == nil {
		t.Errorf("past ends %v, running ends %v, later: %v", p.End, r.End, lerr)
	}
	if moved, _ := st.ListAssignments(ctx, data.AssignmentFilter{UnitID: succ.ID}); len(moved) != 0 {
		t.Errorf("ended, yet moved: %+v", moved)
	}
}

// TestVillageCreateEditDeleteRestore: the villages' screen through the same steps, under a commune.
func TestVillageCreateEditDeleteRestore(t *testing.T) {
	test.NewTempApp(t)
	st := datatest.MustOpen(t)
	datatest.MustTree(t, st)
	s := villagesOn(t, st)
	ctx := context.Background()
	test.Tap(s.create)
	s.name.SetText("Làng Kon Dơ")
	s.parent.SetText("Xã Văn Lem")
	s.em.SetChecked(true)
	s.ntmYear.SetText("2023")
	test.Tap(s.save)
	v := s.Current()
	if v == nil {
		t.Fatalf("not saved: %q", s.message.Text)
	}
	got, err := st.GetUnit(ctx, v.ID)
	if err != nil || got.Level != data.LevelVillage || !got.EthnicMinority || got.NTMYear == nil || *got.NTMYear != 2023 {
		t.Fatalf("stored %+v %v", got, err)
	}
	s.name.SetText("Làng Kon Dơ Mới")
	test.Tap(s.save)
	if !strings.Contains(s.history.Text, "Tên: Làng Kon Dơ → Làng Kon Dơ Mới") {
		t.Errorf("history:\n%s", s.history.Text)
	}
	s.Delete()
	if _, err := st.GetUnit(ctx, v.ID); !data.IsNotFound(err) {
		t.Fatalf("not deleted: %v", err)
	}
	if err := st.RestoreUnit(ctx, v.ID); err != nil {
		t.Fatal(err)
	}
}

// TestVillageParentTellsAlikeCommunesApart: two communes of one name in two districts are two
// choices for a village's commune, and the village is saved under the one chosen (by name alone
// it went under the first).
func TestVillageParentTellsAlikeCommunesApart(t *testing.T) {
	test.NewTempApp(t)
	st := datatest.MustOpen(t)
	tr := datatest.MustTree(t, st)
	ctx := context.Background()
	other := data.Unit{Level: data.LevelDistrict, Kind: "Huyện", Code: "613", Name: "Huyện Ngọc Hồi", ParentID: tr.Province.ID, OpenedOn: data.D(2010, 1, 1)}
	if err := st.SaveUnit(ctx, &other); err != nil {
		t.Fatal(err)
	}
	twin := data.Unit{Level: data.LevelCommune, Kind: "Xã", Code: "23500", Name: "Xã Văn Lem", ParentID: other.ID, OpenedOn: data.D(2010, 1, 1)}
	if err := st.SaveUnit(ctx, &twin); err != nil {
		t.Fatal(err)
	}
	s := villagesOn(t, st)
	var second string
	for _, label := range s.parent.Labels() {
		if valueOf(s.parent, label) == twin.ID {
			second = label
		}
	}
	if second == "" || !strings.Contains(second, "Ngọc Hồi") || valueOf(s.parent, "Xã Văn Lem") != "" {
		t.Fatalf("the choices do not tell the two apart: %v", s.parent.Labels())
	}
	test.Tap(s.create)
	s.name.SetText("Làng Mới")
	s.parent.SetText(second)
	test.Tap(s.save)
	v := s.Current()
	if v == nil || v.ParentID != twin.ID {
		t.Fatalf("saved under %+v: %q", v, s.message.Text)
	}
	s.open(&tr.Village)
	if id, _ := s.parent.Chosen(); id != tr.Commune.ID {
		t.Errorf("the first village shows commune %q", s.parent.Text)
	}
	// A name that is no choice is refused, and says so.
	s.parent.SetText("Xã Không Có")
	test.Tap(s.save)
	if !strings.Contains(s.message.Text, "Không có xã nào tên") {
		t.Errorf("an unknown commune: %q", s.message.Text)
	}
}

// TestCommunesPrintAsShown: Ctrl+P writes the list as shown, filter and all, as a PDF.
func TestCommunesPrintAsShown(t *testing.T) {
	test.NewTempApp(t)
	t.Setenv("HOME", t.TempDir())
	st := windowtest.SampleStore(t)
	s, _ := communesOn(t, st)
	var file string
	s.printView(func(path string, err error) {
		if err != nil {
			t.Fatal(err)
		}
		file = path
	})
	if b, err := os.ReadFile(file); err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("no PDF at %q: %v", file, err)
	}
}

// TestCommuneAssessmentNamesARecordedClassThatDiffers: the assessment tab says when the class
// worked out from the figures differs from the one a decision recorded, and only then.
func TestCommuneAssessmentNamesARecordedClassThatDiffers(t *testing.T) {
	test.NewTempApp(t)
	s, ch := communesOn(t, windowtest.SampleStore(t))
	settle(t, ch)
	year := s.selectedYear()
	differs, same := 0, 0
	for _, r := range s.shown {
		u := *r.u
		ds, err := s.store.UnitDataset(context.Background(), s.tree.ds, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		x := rules.NewIndex(ds)
		a, err := x.AssessUnit(&u, year, "")
		if err != nil || a.Class == "" || a.Recorded == "" {
			continue
		}
		_, _, _, text := s.derivedTexts(x, &u, year, nil)
		says := strings.Contains(text, "Quyết định phê duyệt ghi "+strings.ToLower(a.Recorded.Label()[:1])+a.Recorded.Label()[1:])
		if a.Class != a.Recorded {
			differs++
			if !says {
				t.Errorf("%s: worked out %s, recorded %s, but the tab does not say so:\n%s", u.Name, a.Class, a.Recorded, text)
			}
		} else {
			same++
			if strings.Contains(text, "Quyết định phê duyệt ghi") {
				t.Errorf("%s: worked out as recorded, yet the tab says they differ:\n%s", u.Name, text)
			}
		}
	}
	if differs == 0 || same == 0 {
		t.Fatalf("the sample has %d communes whose class differs from the recorded one and %d where it agrees; want some of each", differs, same)
	}
}

// TestCommuneHistoryShowsItsYearlyFigures: a change of a commune's 2024 poor households made in
// the grid is in the commune's history, named by the record it was made in.
func TestCommuneHistoryShowsItsYearlyFigures(t *testing.T) {
	test.NewTempApp(t)
	st := windowtest.SampleStore(t)
	ctx := context.Background()
	cs, _, err := st.ListUnits(ctx, data.UnitFilter{Level: data.LevelCommune, At: data.YearEnd(2024), Limit: 1})
	if err != nil || len(cs) == 0 {
		t.Fatal(err)
	}
	r, err := st.ReviewOf(ctx, cs[0].ID, 2024)
	if err != nil {
		t.Fatal(err)
	}
	before := *r.Poor
	n := before + 4
	r.Poor = &n
	if err := st.SaveReview(ctx, &r); err != nil {
		t.Fatal(err)
	}
	h, err := st.UnitHistory(ctx, cs[0].ID)
	if err != nil || len(h) == 0 || h[0].Field != "poor" || h[0].About != "Số liệu rà soát năm 2024" {
		t.Fatalf("unit history: %+v %v", h, err)
	}
	s, _ := communesOn(t, st)
	s.open(&cs[0])
	want := fmt.Sprintf("Số liệu rà soát năm 2024: Số hộ nghèo: %d → %d", before, n)
	if !strings.Contains(s.history.Text, want) {
		t.Errorf("history lacks %q:\n%s", want, s.history.Text)
	}
}

// communesInWindow is the Xã screen in a window of its own (its dialogs shown there), in
// Vietnamese, its list read.
func communesInWindow(t *testing.T, st *data.Store) (*PlaceScreen, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	widgets.UseVietnamese()
	w := test.NewTempWindow(t, widget.NewLabel(""))
	s := NewCommunesScreen(st, w)
	ch := make(chan struct{}, 16)
	s.loaded = func() { ch <- struct{}{} }
	w.SetContent(s)
	w.Resize(fyne.NewSize(1280, 700))
	s.reload()
	waitList(t, ch)
	return s, w
}

// tapDialog taps the button of the dialog on top of w whose text is one of labels.
func tapDialog(t *testing.T, w fyne.Window, labels ...string) {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog")
	}
	for _, l := range labels {
		if b, ok := windowtest.FindIn(top, func(b *widget.Button) bool { return b.Text == l }); ok {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("no button %v on the dialog", labels)
}

// TestUnitFormAsksBeforeDroppingAnEdit: an edit on the Xã form is asked about before another
// commune is opened, a new one begun or the screen left; "Không" keeps the edit and the commune
// selected; a refused save keeps what is typed and marks the field.
func TestUnitFormAsksBeforeDroppingAnEdit(t *testing.T) {
	st := windowtest.SampleStore(t)
	s, w := communesInWindow(t, st)
	if len(s.shown) < 2 {
		t.Fatal("too few communes")
	}
	s.list.Select(0)
	a := s.Current()
	if a == nil || s.Dirty() {
		t.Fatalf("opened %v, dirty %v", a, s.Dirty())
	}
	s.name.SetText(a.Name + " sửa")
	s.list.Select(1)
	tapDialog(t, w, "Không", "No")
	if s.Current().ID != a.ID || s.name.Text != a.Name+" sửa" {
		t.Fatalf("the edit was dropped: %q", s.name.Text)
	}
	s.New()
	tapDialog(t, w, "Không", "No")
	if s.Current() == nil || s.name.Text != a.Name+" sửa" {
		t.Fatal("a new commune took the form over the edit")
	}
	left := true
	s.CanLeave(func(ok bool) { left = ok })
	tapDialog(t, w, "Không", "No")
	if left {
		t.Error("the screen was left over an edit")
	}

	// A refused save keeps the input and marks its field.
	s.ntmYear.SetText("20x4")
	s.Save()
	if w.Canvas().Overlays().Top() != nil {
		tapDialog(t, w, "OK", "Đồng ý")
	}
	if s.ntmYear.Text != "20x4" || s.name.Text != a.Name+" sửa" {
		t.Fatal("a refused save lost the input")
	}
	probe := test.NewTempWindow(t, s.ntmYear)
	probe.Resize(fyne.NewSize(200, 50))
	if n := pixelsOf(probe.Canvas().Capture(), fyne.CurrentApp().Settings().Theme().Color(theme.ColorNameError, fyne.CurrentApp().Settings().ThemeVariant())); n < 20 {
		t.Errorf("the refused field is not marked (%d pixels)", n)
	}
	w.SetContent(s)

	// Dropped on request: the other commune opens.
	s.list.Select(1)
	tapDialog(t, w, "Có", "Yes")
	if s.Current() == nil || s.Current().ID == a.ID || s.Dirty() {
		t.Fatal("the other commune did not open after the edit was dropped")
	}
}

// TestAUnitsProfileReadForItAloneIsTheWholeSnapshots: the figures, villages, twinning and
// assessment of a commune or a village, worked out from its own figures over the tree of units
// (what a national file can afford), are exactly those worked out from the whole snapshot, for
// every commune and village of the Kon Tum sample, before and after the 2025 reform.
func TestAUnitsProfileReadForItAloneIsTheWholeSnapshots(t *testing.T) {
	test.NewTempApp(t)
	st := windowtest.SampleStore(t)
	ctx := context.Background()
	full, err := st.Dataset(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fx := rules.NewIndex(full)
	base, err := st.StructureDataset(ctx)
	if err != nil {
		t.Fatal(err)
	}
	td, err := st.Twinning(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s := NewCommunesScreen(st, nil)
	n := 0
	for i, u := range full.Units {
		if u.Level != data.LevelCommune && (u.Level != data.LevelVillage || i%7 != 0) {
			continue
		}
		ds, err := st.UnitDataset(ctx, base, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		ux := rules.NewIndex(ds)
		for _, year := range []int{2020, 2024, 2025, 2026} {
			a1, b1, c1, d1 := s.derivedTexts(fx, fx.Unit(u.ID), year, td)
			a2, b2, c2, d2 := s.derivedTexts(ux, ux.Unit(u.ID), year, td)
			if a1 != a2 || b1 != b2 || c1 != c2 || d1 != d2 {
				t.Fatalf("%s %d differs:\nfull:\n%s\n%s\n%s\n%s\nalone:\n%s\n%s\n%s\n%s", u.Name, year, a1, b1, c1, d1, a2, b2, c2, d2)
			}
			n++
		}
	}
	if n < 400 {
		t.Errorf("only %d profiles compared", n)
	}
}

// TestDeleteSaysFirstWhatStopsIt: a commune with villages and figures is not offered for deletion
// with a question answered then refused: what stops it is said at once, with what to do.
func TestDeleteSaysFirstWhatStopsIt(t *testing.T) {
	st := windowtest.SampleStore(t)
	s, w := communesInWindow(t, st)
	s.list.Select(0)
	s.askDelete()
	top := w.Canvas().Overlays().Top()
	if top == nil || !windowtest.HasText(top, "Không xóa được") || !windowtest.HasText(top, "thôn, làng") || windowtest.HasText(top, "Có") {
		t.Fatal("the dialog does not say what stops the deletion")
	}
	if u, _ := st.GetUnit(context.Background(), s.Current().ID); u.Deleted {
		t.Error("deleted")
	}
}

// TestAVillagesFormRefusesASecondPilot: on the village form, choosing a commune's second pilot is
// refused with a sentence naming the first, nothing is saved and the choice stays on the form.
func TestAVillagesFormRefusesASecondPilot(t *testing.T) {
	test.NewTempApp(t)
	st := datatest.MustOpen(t)
	tr := datatest.MustTree(t, st)
	ctx := context.Background()
	first := tr.Village
	first.Pilot = data.PilotCommune
	if err := st.SaveUnit(ctx, &first); err != nil {
		t.Fatal(err)
	}
	second := data.Unit{Level: data.LevelVillage, Kind: "Thôn", Name: "Thôn Kon Dơ", ParentID: tr.Commune.ID, OpenedOn: data.D(2010, 1, 1)}
	if err := st.SaveUnit(ctx, &second); err != nil {
		t.Fatal(err)
	}
	s := villagesOn(t, st)
	s.open(&second)
	s.pilot.SetSelected(data.PilotCommune.Label())
	test.Tap(s.save)
	if !strings.Contains(s.message.Text, first.Name) || !strings.Contains(s.message.Text, tr.Commune.Name) {
		t.Errorf("message %q does not name the first pilot and its commune", s.message.Text)
	}
	if got, _ := st.GetUnit(ctx, second.ID); got.Pilot != data.PilotNone {
		t.Error("the second pilot was saved")
	}
	if s.pilot.Selected != data.PilotCommune.Label() || !s.Dirty() {
		t.Error("the choice was dropped from the form")
	}
	// Another level is free.
	s.pilot.SetSelected(data.PilotDistrict.Label())
	test.Tap(s.save)
	if got, _ := st.GetUnit(ctx, second.ID); got.Pilot != data.PilotDistrict {
		t.Errorf("a district pilot was not saved: %q", s.message.Text)
	}
}

// TestAVillagesFormKeepsItsPlannedNTMYear: a village's form sets, shows and clears the year it is
// planned to meet the NTM standard; a year that is not one is refused and marked, nothing saved;
// the communes' form has no such field.
func TestAVillagesFormKeepsItsPlannedNTMYear(t *testing.T) {
	test.NewTempApp(t)
	st := datatest.MustOpen(t)
	tr := datatest.MustTree(t, st)
	ctx := context.Background()
	s := villagesOn(t, st)
	v := tr.Village
	s.open(&v)
	s.planYear.SetText("hai nghìn")
	test.Tap(s.save)
	if got, _ := st.GetUnit(ctx, v.ID); got.NTMPlanYear != nil || !strings.Contains(s.message.Text, "Năm dự kiến đạt chuẩn NTM") {
		t.Fatalf("a plan that is not a year: stored %v, message %q", got.NTMPlanYear, s.message.Text)
	}
	s.planYear.SetText("2027")
	test.Tap(s.save)
	got, _ := st.GetUnit(ctx, v.ID)
	if got.NTMPlanYear == nil || *got.NTMPlanYear != 2027 {
		t.Fatalf("plan after saving %v: %q", got.NTMPlanYear, s.message.Text)
	}
	s.open(&got)
	if s.planYear.Text != "2027" {
		t.Errorf("the form shows plan %q", s.planYear.Text)
	}
	s.planYear.SetText("")
	test.Tap(s.save)
	if got, _ := st.GetUnit(ctx, v.ID); got.NTMPlanYear != nil {
		t.Error("the plan was not cleared")
	}
	if _, ok := windowtest.FindIn(fyne.CanvasObject(s), func(e *widgets.TextEntry) bool { return e == s.planYear }); !ok {
		t.Error("the villages' form does not show the planned NTM year")
	}
	c := NewCommunesScreen(st, nil)
	test.NewTempWindow(t, c)
	if _, ok := windowtest.FindIn(fyne.CanvasObject(c), func(e *widgets.TextEntry) bool { return e == c.planYear }); ok {
		t.Error("the communes' form offers a planned NTM year")
	}
}

// TestAYearBeingTypedInSaysWhatIsMissing: a commune of 2026 whose review holds its households
// only shows them, and says which figures are not entered yet, instead of blanks ("( hộ DTTS)").
func TestAYearBeingTypedInSaysWhatIsMissing(t *testing.T) {
	test.NewTempApp(t)
	st := windowtest.SampleStoreOn(t, datatest.Present)
	ctx := context.Background()
	cs, _, err := st.ListUnits(ctx, data.UnitFilter{Level: data.LevelCommune, At: data.YearEnd(2026), Limit: 1})
	if err != nil || len(cs) == 0 {
		t.Fatal(err)
	}
	households := 1500
	if err := st.SaveReview(ctx, &data.Review{UnitID: cs[0].ID, Year: 2026, Households: &households}); err != nil {
		t.Fatal(err)
	}
	s, _ := communesOn(t, st)
	s.open(&cs[0])
	if !strings.Contains(s.figures.Text, "Năm 2026: 1.500 hộ; chưa có số liệu hộ DTTS, hộ nghèo, hộ cận nghèo") {
		t.Errorf("the year being typed in reads:\n%s", s.figures.Text)
	}
	if strings.Contains(s.figures.Text, "( hộ") || strings.Contains(s.figures.Text, ";  hộ") {
		t.Errorf("blanks where figures are missing:\n%s", s.figures.Text)
	}
}

// TestLinesOfTheSamePlaceShareIt: the villages of a commune show the same place, held once (a
// national file's Thôn list held 78,000 copies of a few thousand places, 4 MB).
func TestLinesOfTheSamePlaceShareIt(t *testing.T) {
	test.NewTempApp(t)
	st := datatest.MustOpen(t)
	tr := datatest.MustTree(t, st)
	second := data.Unit{Level: data.LevelVillage, Kind: "Thôn", Name: "Thôn Kon Dơ", ParentID: tr.Commune.ID, OpenedOn: data.D(2010, 1, 1)}
	if err := st.SaveUnit(context.Background(), &second); err != nil {
		t.Fatal(err)
	}
	s := villagesOn(t, st)
	if len(s.shown) != 2 {
		t.Fatalf("%d villages listed, want 2", len(s.shown))
	}
	a, b := s.shown[0].place, s.shown[1].place
	if a != b || !strings.Contains(a, "Xã Văn Lem") {
		t.Fatalf("places %q and %q: want the commune's, twice", a, b)
	}
	if unsafe.StringData(a) != unsafe.StringData(b) {
		t.Error("two villages of one commune hold their place twice")
	}
}
