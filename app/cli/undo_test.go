package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ketnghia/app/cli"
	"ketnghia/data"
)

// TestUndoSaysWhatItWouldThrowAwayAndWorksFromAnyFolder: `import --undo` after later edits says how
// many would be lost and waits for --yes; the backup is found whatever folder the import ran in
// and the undo is asked from.
func TestUndoSaysWhatItWouldThrowAwayAndWorksFromAnyFolder(t *testing.T) {
	dir := t.TempDir()
	pkg := filepath.Join(dir, "p.knx")
	if code, _, errs := run(t, "export", "--db", sampleDB(t), "--out", pkg, "--scope", "612"); code != 0 {
		t.Fatal(errs)
	}
	office := filepath.Join(dir, "huyen")
	os.MkdirAll(office, 0o755)
	t.Chdir(office)
	if code, _, errs := run(t, "init", "--db", "d.db"); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := run(t, "import", "--db", "d.db", pkg, "--trust-key", keyOf(t, pkg)); code != 0 {
		t.Fatal(errs)
	}
	// An edit made the next day, as the window would.
	ctx := context.Background()
	s, err := data.Open(ctx, filepath.Join(office, "d.db"), data.Options{Now: func() time.Time { return time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	us, _, _ := s.ListUnits(ctx, data.UnitFilter{Level: data.LevelVillage, Limit: 1})
	us[0].Name = "Làng Sửa Sau"
	if err := s.SaveUnit(ctx, &us[0]); err != nil {
		t.Fatal(err)
	}
	s.Close()

	// The same package again changes nothing: it takes no backup and is no change to lose.
	if code, _, errs := run(t, "import", "--db", "d.db", pkg); code != 0 {
		t.Fatal(errs)
	}
	t.Chdir(dir) // another folder: the database named by another relative path
	code, out, errs := run(t, "import", "--db", "huyen/d.db", "--undo")
	if code != cli.ExitFailed || !strings.Contains(errs, "1 thay đổi") || !strings.Contains(errs, "--yes") || strings.Contains(out, "Đã hoàn tác") {
		t.Fatalf("undo without --yes after a later edit = %d: %s%s", code, out, errs)
	}
	if code, out, errs := run(t, "import", "--db", "huyen/d.db", "--undo", "--yes"); code != 0 || !strings.Contains(out, "Đã hoàn tác") {
		t.Fatalf("undo --yes from another folder = %d: %s%s", code, out, errs)
	}
}

// TestRestoreTakesOnlyThisDatabasesOwnBackups: another office's database named as a backup is
// refused in words and changes nothing; the database's own backup is restored.
func TestRestoreTakesOnlyThisDatabasesOwnBackups(t *testing.T) {
	dir := t.TempDir()
	d := filepath.Join(dir, "d.db")
	if code, _, errs := run(t, "init", "--db", d); code != 0 {
		t.Fatal(errs)
	}
	before, _ := os.ReadFile(d)
	code, out, errs := run(t, "restore", "--db", d, sampleDB(t))
	if code != cli.ExitFailed || !strings.Contains(errs, "một đơn vị khác") || strings.Contains(out, "Đã") {
		t.Errorf("restore of another office's database = %d: %s%s", code, out, errs)
	}
	if after, _ := os.ReadFile(d); string(after) != string(before) {
		t.Error("the refused restore changed the database")
	}
	ctx := context.Background()
	s, err := data.Open(ctx, d, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	own, err := s.Backup(ctx, s.BackupDir())
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	if code, out, errs := run(t, "restore", "--db", d, own); code != 0 {
		t.Errorf("restore of its own backup = %d: %s%s", code, out, errs)
	}
}

// TestInitNamesTheOffice: `init --office` names the office, so that histories, messages and
// package names tell offices apart.
func TestInitNamesTheOffice(t *testing.T) {
	dir := t.TempDir()
	d := filepath.Join(dir, "d.db")
	if code, _, errs := run(t, "init", "--db", d, "--office", "Văn phòng Huyện ủy Đắk Tô"); code != 0 {
		t.Fatal(errs)
	}
	if code, out, errs := run(t, "export", "--db", d, "--out", dir); code != 0 || !strings.Contains(out+errs, "KetNghia_van-phong-huyen-uy-dak-to_") {
		t.Errorf("export = %d: %s%s", code, out, errs)
	}
	// Named at init, the window does not ask for the name at its first start.
	s, err := data.Open(context.Background(), d, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if set, err := s.Settings(context.Background()); err != nil || !set.OfficeNamed {
		t.Errorf("init --office left the office unnamed: %+v, %v", set, err)
	}
}

// TestConflictLinesNameTheRecordAndPreferSettlesThem: the command line names a conflicting record
// as a person knows it (the review's year and village), and after --prefer lists no settled
// conflict as a conflict.
func TestConflictLinesNameTheRecordAndPreferSettlesThem(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	for _, p := range []string{a, b} {
		src, _ := os.ReadFile(sampleDB(t))
		if err := os.WriteFile(p, src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	var unit string
	for i, p := range []string{a, b} {
		s, err := data.Open(ctx, p, data.Options{})
		if err != nil {
			t.Fatal(err)
		}
		us, _, _ := s.ListUnits(ctx, data.UnitFilter{Level: data.LevelVillage, Limit: 1})
		unit = us[0].Name
		r, err := s.ReviewOf(ctx, us[0].ID, 2024)
		if err != nil {
			t.Fatal(err)
		}
		n := *r.Households + 10 + i
		r.Households = &n
		if err := s.SaveReview(ctx, &r); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	pkg := filepath.Join(dir, "a.knx")
	if code, _, errs := run(t, "export", "--db", a, "--out", pkg); code != 0 {
		t.Fatal(errs)
	}
	code, out, errs := run(t, "import", "--db", b, pkg, "--dry-run", "--trust-key", keyOf(t, pkg))
	if code != 0 || !strings.Contains(out, "Xung đột ở rà soát năm 2024 của "+unit) {
		t.Fatalf("dry run = %d:\n%s%s", code, out, errs)
	}
	code, out, errs = run(t, "import", "--db", b, pkg, "--prefer", "theirs")
	if code != 0 || !strings.Contains(out, "Đã giải quyết 1 xung đột theo --prefer theirs") || strings.Contains(out, "Xung đột ở") || !strings.Contains(out, "xung đột 0") {
		t.Errorf("import --prefer theirs = %d:\n%s%s", code, out, errs)
	}
}
