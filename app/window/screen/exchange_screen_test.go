package screen

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ketnghia/app/window/windowtest"
	"ketnghia/data"
	"ketnghia/data/datatest"
)

// exchangeScreen builds the screen on st with its work reported on a channel.
func exchangeScreen(t *testing.T, st *data.Store) (*ExchangeScreen, chan error) {
	s := NewExchangeScreen(st, nil)
	test.NewTempWindow(t, s)
	done := make(chan error, 4)
	s.done = func(_ string, err error) { done <- err }
	return s, done
}

// reviewed waits for a review, confirming the package's key when the screen asks (an office's
// first package), as a person who compared it by phone does.
func reviewed(t *testing.T, s *ExchangeScreen, done chan error) {
	t.Helper()
	err := <-done
	if s.keyAsked != nil {
		if !strings.Contains(s.importMsg.Text, s.keyAsked.ke.Fingerprint.Digits) {
			t.Errorf("the key's fingerprint is not shown: %q", s.importMsg.Text)
		}
		s.ConfirmKey()
		err = <-done
	}
	if err != nil {
		t.Fatal(data.Message(err))
	}
}

func must(t *testing.T, done chan error) {
	t.Helper()
	if err := <-done; err != nil {
		t.Fatal(data.Message(err))
	}
}

// carry exports a's database through its screen into usb and imports it through b's screen.
func carry(t *testing.T, a *ExchangeScreen, aDone chan error, b *ExchangeScreen, bDone chan error, usb string) {
	t.Helper()
	reviewCarried(t, a, aDone, b, bDone, usb)
	test.Tap(b.applyBtn)
	must(t, bDone)
}

// reviewCarried exports a's database through its screen into usb (emptied first) and reviews it
// on b's screen.
func reviewCarried(t *testing.T, a *ExchangeScreen, aDone chan error, b *ExchangeScreen, bDone chan error, usb string) {
	t.Helper()
	os.RemoveAll(usb)
	os.MkdirAll(usb, 0o755)
	a.outDir.SetText(usb)
	test.Tap(a.exportBtn)
	must(t, aDone)
	b.pkgPath.SetText(onlyFile(t, usb))
	test.Tap(b.reviewBtn)
	reviewed(t, b, bDone)
}

func onlyFile(t *testing.T, dir string) string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil || len(es) != 1 {
		t.Fatalf("%s holds %d files, want one package", dir, len(es))
	}
	return filepath.Join(dir, es[0].Name())
}

// TestExchangeScreenCarriesWorkBothWays: the province exports through the screen, the district
// imports it, both change the same review, the district sees the conflict, takes the province's
// figure by its card, and undoes the import.
func TestExchangeScreenCarriesWorkBothWays(t *testing.T) {
	test.NewTempApp(t)
	ctx := context.Background()
	tinh, huyen := windowtest.SampleStore(t), datatest.MustOpen(t)
	a, aDone := exchangeScreen(t, tinh)
	b, bDone := exchangeScreen(t, huyen)

	if !b.undoBtn.Disabled() {
		t.Error("undo is offered before anything was imported")
	}
	usb := t.TempDir()
	a.outDir.SetText(usb)
	test.Tap(a.exportBtn)
	must(t, aDone)
	pkg := onlyFile(t, usb)
	if a.exportBar.Value != 1 || !containsFold(a.exportMsg.Text, "đã đọc lại và kiểm tra") || a.openDir.Disabled() {
		t.Errorf("after export: bar %v, %q, open folder enabled %v", a.exportBar.Value, a.exportMsg.Text, !a.openDir.Disabled())
	}

	b.pkgPath.SetText(pkg)
	test.Tap(b.reviewBtn)
	reviewed(t, b, bDone)
	if !containsFold(b.summary.Text, "thêm") || b.applyBtn.Disabled() {
		t.Fatalf("review: %q", b.summary.Text)
	}
	test.Tap(b.applyBtn)
	must(t, bDone)
	if !containsFold(b.importMsg.Text, "Đã nhập") {
		t.Fatalf("apply: %q", b.importMsg.Text)
	}
	if n := backupFiles(t, huyen); n != 1 {
		t.Errorf("%d backups after one import, want 1", n)
	}

	// Both offices change the same review.
	rs, _ := tinh.ListReviews(ctx, data.ReviewFilter{Year: 2024})
	r := rs[0]
	mine, _ := huyen.GetReview(ctx, r.ID)
	r.Households, mine.Households = datatest.Int(*r.Households+7), datatest.Int(*r.Households+9)
	if err := tinh.SaveReview(ctx, &r); err != nil {
		t.Fatal(err)
	}
	if err := huyen.SaveReview(ctx, &mine); err != nil {
		t.Fatal(err)
	}
	os.Remove(pkg)
	test.Tap(a.exportBtn)
	must(t, aDone)
	b.pkgPath.SetText(onlyFile(t, usb))
	test.Tap(b.reviewBtn)
	reviewed(t, b, bDone)
	if len(b.choices) != 1 || !windowtest.HasText(b.conflicts, "Rà soát năm 2024") {
		t.Fatalf("conflict not shown: %d choices", len(b.choices))
	}
	// The district takes the province's figure on the card.
	card := b.conflicts.Objects[0]
	radio := windowtest.FindRadio(t, card)
	radio.SetSelected("Lấy bản của đơn vị gửi")
	test.Tap(b.applyBtn)
	must(t, bDone)
	got, _ := huyen.GetReview(ctx, r.ID)
	if *got.Households != *r.Households {
		t.Errorf("households after taking theirs: %d, want %d", *got.Households, *r.Households)
	}
	// Undo: back to the district's own figure.
	if b.undoBtn.Disabled() {
		t.Fatal("undo is not offered after an import")
	}
	test.Tap(b.undoBtn)
	must(t, bDone)
	got, _ = huyen.GetReview(ctx, r.ID)
	if *got.Households != *mine.Households {
		t.Errorf("households after undo: %d, want %d", *got.Households, *mine.Households)
	}
	if !windowtest.HasText(b.history, "Hoàn tác lần nhập") {
		t.Error("the history does not show the undo")
	}
}

// TestExchangeScreenRefusesABrokenPackage: a package cut short is refused in words and nothing
// can be applied.
func TestExchangeScreenRefusesABrokenPackage(t *testing.T) {
	test.NewTempApp(t)
	s, done := exchangeScreen(t, datatest.MustOpen(t))
	p := filepath.Join(t.TempDir(), "goi.knx")
	os.WriteFile(p, []byte("KETNGHIA-KNX\n\x00\x00"), 0o644)
	s.pkgPath.SetText(p)
	test.Tap(s.reviewBtn)
	if err := <-done; err == nil {
		t.Fatal("a broken package was accepted")
	}
	if !containsFold(s.importMsg.Text, "không dùng được") || !s.applyBtn.Disabled() {
		t.Errorf("message %q, apply enabled %v", s.importMsg.Text, !s.applyBtn.Disabled())
	}
	if n := backupFiles(t, s.store); n != 0 {
		t.Errorf("a refused package left %d backups", n)
	}
}

// backupFiles counts the backups in the store's backup folder.
func backupFiles(t *testing.T, st *data.Store) int {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(st.BackupDir(), "*.db"))
	if err != nil {
		t.Fatal(err)
	}
	return len(names)
}

// TestDashboardSaysWhatTheLastImportChanged: after an import, Tổng quan lists its counts by kind
// and leads to the exchange history.
func TestDashboardSaysWhatTheLastImportChanged(t *testing.T) {
	test.NewTempApp(t)
	huyen := datatest.MustOpen(t)
	a, aDone := exchangeScreen(t, windowtest.SampleStore(t))
	b, bDone := exchangeScreen(t, huyen)
	carry(t, a, aDone, b, bDone, t.TempDir())

	d, _ := dashboardOn(t, huyen)
	opened := false
	d.OnOpenExchange = func() { opened = true }
	if !windowtest.HasText(d.lastImport, "Thay đổi từ lần nhập gói gần nhất") || !windowtest.HasText(d.lastImport, "Đơn vị hành chính: thêm 1.067") {
		t.Fatal("the dashboard does not say what the import changed")
	}
	test.Tap(windowtest.FindButton(t, d.lastImport, "Xem lịch sử trao đổi dữ liệu"))
	if !opened {
		t.Error("the button does not lead to the exchange history")
	}
}

// TestExchangeScreenLinksUnitsCreatedTwice: a commune both offices created under one code shows a
// Liên kết button; once linked, the package imports.
func TestExchangeScreenLinksUnitsCreatedTwice(t *testing.T) {
	test.NewTempApp(t)
	ctx := context.Background()
	tinh, huyen := windowtest.SampleStore(t), datatest.MustOpen(t)
	a, aDone := exchangeScreen(t, tinh)
	b, bDone := exchangeScreen(t, huyen)
	usb := t.TempDir()
	carry(t, a, aDone, b, bDone, usb)

	ps, _, _ := tinh.ListUnits(ctx, data.UnitFilter{Level: data.LevelProvince, At: data.D(2026, 1, 1)})
	for _, st := range []*data.Store{tinh, huyen} {
		u := data.Unit{Level: data.LevelCommune, Kind: "Xã", Code: "99001", Name: "Xã Thử Nghiệm", ParentID: ps[0].ID, OpenedOn: data.D(2025, 7, 1)}
		if err := st.SaveUnit(ctx, &u); err != nil {
			t.Fatal(err)
		}
	}
	os.RemoveAll(usb)
	os.MkdirAll(usb, 0o755)
	test.Tap(a.exportBtn)
	must(t, aDone)
	b.pkgPath.SetText(onlyFile(t, usb))
	test.Tap(b.reviewBtn)
	reviewed(t, b, bDone)
	if !windowtest.HasText(b.conflicts, "Đơn vị ở đây: Xã Thử Nghiệm") {
		t.Error("the link card does not show the unit here")
	}
	test.Tap(b.applyBtn) // refused: link first
	if err := <-bDone; err == nil || !containsFold(b.importMsg.Text, "hãy liên kết") {
		t.Fatalf("import before linking: %q", b.importMsg.Text)
	}
	test.Tap(b.reviewBtn)
	reviewed(t, b, bDone)
	test.Tap(windowtest.FindButton(t, b.conflicts, "Liên kết: đây là cùng một đơn vị"))
	must(t, bDone)
	if b.imp.Preview.Total.Conflicts != 0 {
		t.Fatalf("after linking: %+v", b.imp.Preview.Total)
	}
	if b.importMsg.Text != "" {
		t.Errorf("after linking the message still says: %q", b.importMsg.Text)
	}
	test.Tap(b.applyBtn)
	must(t, bDone)
	if !containsFold(b.importMsg.Text, "Đã nhập") {
		t.Errorf("import after linking: %q", b.importMsg.Text)
	}
}

// TestAReviewNotImportedLeavesNothingBehind: a package reviewed and then left (the window closes,
// or the screen is built again) takes its unpacked copy and the backup begun for it along.
func TestAReviewNotImportedLeavesNothingBehind(t *testing.T) {
	test.NewTempApp(t)
	tinh, huyen := windowtest.SampleStore(t), datatest.MustOpen(t)
	a, aDone := exchangeScreen(t, tinh)
	b, bDone := exchangeScreen(t, huyen)
	reviewCarried(t, a, aDone, b, bDone, t.TempDir())
	if b.imp == nil || !b.imp.BackingUp() {
		t.Fatal("no package reviewed, or no backup begun")
	}
	im := b.imp
	b.Release()
	if n := backupFiles(t, huyen); n != 0 || b.imp != nil || !im.Closed() {
		t.Errorf("after the screen let go: %d backups, package still held %v", n, b.imp != nil)
	}
}

// TestExchangeScopeDrawsOnlyTheUnitsInView: the units a package can be limited to are a list that
// makes check boxes only for the rows in view (a group of 700 made and kept a texture each), and
// what is ticked is what the package is limited to, in the list's order.
func TestExchangeScopeDrawsOnlyTheUnitsInView(t *testing.T) {
	st := windowtest.SampleStore(t)
	s, _ := exchangeScreen(t, st)
	opts := s.scope.Options()
	if len(opts) < 8 {
		t.Fatalf("%d units to choose from", len(opts))
	}
	// The boxes as the screen draws them: grey until a part of the database is chosen.
	drawn := func() []*widget.Check {
		var out []*widget.Check
		for _, o := range test.LaidOutObjects(s) {
			if c, ok := o.(*widget.Check); ok && c.Text != "" {
				out = append(out, c)
			}
		}
		return out
	}
	for _, c := range drawn() {
		if !c.Disabled() {
			t.Fatalf("%q answers while the whole database is chosen", c.Text)
		}
	}
	s.wholeDB.SetSelected("Chỉ các đơn vị chọn dưới đây")
	checks := 0
	for _, c := range drawn() {
		checks++
		if c.Disabled() {
			t.Errorf("%q still greyed out once a part of the database is chosen", c.Text)
		}
	}
	if checks == 0 || checks >= len(opts) {
		t.Errorf("%d check boxes made for %d units", checks, len(opts))
	}
	s.scope.SetChecked(opts[7], true)
	s.scope.SetChecked(opts[2], true)
	if got := s.scope.Selected(); len(got) != 2 || got[0] != opts[2] || got[1] != opts[7] {
		t.Errorf("selected %v", got)
	}
	// Ticking a box in view chooses its unit.
	for _, c := range drawn() {
		if c.Text == opts[0] {
			test.Tap(c)
		}
	}
	if got := s.scope.Selected(); len(got) != 3 || got[0] != opts[0] {
		t.Errorf("after ticking the first: %v", got)
	}
}
