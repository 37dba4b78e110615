package exchange

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ketnghia/data"
	"ketnghia/data/datatest"
)

// renameVillage gives the first village under the Đắk Tô district scope a new name, as the
// program's own forms do, and returns its ID.
func renameVillage(t *testing.T, s *data.Store, id, name string) string {
	t.Helper()
	ctx := context.Background()
	if id == "" {
		vs, _, err := s.ListUnits(ctx, data.UnitFilter{Level: data.LevelVillage, Limit: 1})
		if err != nil || len(vs) == 0 {
			t.Fatalf("no village: %v", err)
		}
		id = vs[0].ID
	}
	u, err := s.GetUnit(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	u.Name = name
	if err := s.SaveUnit(ctx, &u); err != nil {
		t.Fatal(err)
	}
	return id
}

func nameOf(t *testing.T, s *data.Store, id string) string {
	t.Helper()
	u, err := s.GetUnit(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return u.Name
}

// TestAnOlderPackageNeverTakesDataBack: the province imports a district's new package, then the
// same district's older one (a stick mixed up, a file sent twice): nothing goes back, and the
// review says the package is older. Between three offices too: a commune's older package reaching
// the province directly after its newer state came through the district.
func TestAnOlderPackageNeverTakesDataBack(t *testing.T) {
	p := province(t)
	d := datatest.MustOpen(t)
	importInto(t, d, export(t, p, "612"), ApplyOptions{})
	id := renameVillage(t, d, "", "Làng Tên Hai")
	old := export(t, d)
	renameVillage(t, d, id, "Làng Tên Ba")
	newer := export(t, d)

	importInto(t, p, newer, ApplyOptions{})
	if got := nameOf(t, p, id); got != "Làng Tên Ba" {
		t.Fatalf("after the new package: %q", got)
	}
	rv, res := importInto(t, p, old, ApplyOptions{})
	if got := nameOf(t, p, id); got != "Làng Tên Ba" {
		t.Errorf("the older package took the name back: %q", got)
	}
	if res.Updated != 0 || rv.Superseded == 0 || !strings.Contains(rv.OlderNote(), "Gói này cũ hơn số liệu đã có ở đây") {
		t.Errorf("older package: updated %d, superseded %d, note %q", res.Updated, rv.Superseded, rv.OlderNote())
	}

	// Three offices: commune C edits, its newer state reaches the province through D, then C's
	// older package reaches the province directly.
	c := datatest.MustOpen(t)
	importInto(t, c, export(t, d), ApplyOptions{})
	renameVillage(t, c, id, "Làng Tên Bốn")
	cOld := export(t, c)
	renameVillage(t, c, id, "Làng Tên Năm")
	importInto(t, d, export(t, c), ApplyOptions{})
	importInto(t, p, export(t, d), ApplyOptions{})
	if got := nameOf(t, p, id); got != "Làng Tên Năm" {
		t.Fatalf("through the district: %q", got)
	}
	rv, res = importInto(t, p, cOld, ApplyOptions{})
	if got := nameOf(t, p, id); got != "Làng Tên Năm" || res.Updated != 0 || res.Conflicts != 0 {
		t.Errorf("the commune's older package directly: %q, updated %d, conflicts %d", got, res.Updated, res.Conflicts)
	}
	// And the district, which has the newest, ignores the older package as well.
	importInto(t, d, cOld, ApplyOptions{})
	if got := nameOf(t, d, id); got != "Làng Tên Năm" {
		t.Errorf("the district took the commune's older name: %q", got)
	}
}

// TestAPackageNeverReplacesAnother: two exports into one folder in the same minute keep both
// packages; the name carries the scope and the office's name as it is spelt.
func TestAPackageNeverReplacesAnother(t *testing.T) {
	ctx := context.Background()
	s := province(t)
	set, err := s.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.OfficeName = "Văn phòng Huyện ủy Đắk Tô"
	if err := s.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var paths []string
	for _, scope := range [][]string{{"612"}, {"612"}, nil} {
		out, err := PathIn(ctx, s, dir, scope)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Export(ctx, s, out, ExportOptions{Scope: scope, Program: "test"}); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, filepath.Base(out))
	}
	want := []string{"KetNghia_van-phong-huyen-uy-dak-to_612_20250305-0830.knx", "KetNghia_van-phong-huyen-uy-dak-to_612_20250305-0830-2.knx", "KetNghia_van-phong-huyen-uy-dak-to_20250305-0830.knx"}
	for i := range want {
		if paths[i] != want[i] {
			t.Errorf("package %d named %q, want %q", i, paths[i], want[i])
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		t.Errorf("%d files in the folder, want the 3 packages", len(entries))
	}
}

// TestAManifestClaimingMoreThanTheContentCanHoldWritesNothing: a manifest that claims 15 GB of
// content behind a few kilobytes is refused before anything is written to the temporary folder.
func TestAManifestClaimingMoreThanTheContentCanHoldWritesNothing(t *testing.T) {
	pkg := export(t, datatest.MustOpen(t))
	f, err := os.Open(pkg)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, headLen, _, err := readHead(pkg, bufio.NewReader(f))
	if err != nil {
		t.Fatal(err)
	}
	m.ContentSize = 15 << 30
	to := filepath.Join(t.TempDir(), "c.db")
	err = unpack(f, headLen, to, m)
	if !strings.Contains(data.Message(err), "quá lớn so với nội dung nén") {
		t.Errorf("got %v", err)
	}
	if _, err := os.Stat(to); !os.IsNotExist(err) {
		t.Error("something was written")
	}
}

// TestBackupsArePrunedButNeverTheOneAnUndoNeeds: after many imports the backup folder keeps the
// newest few, the newest of each month and the undo's; an import that changes nothing takes none,
// and undo still takes back the last import that changed something.
func TestBackupsArePrunedButNeverTheOneAnUndoNeeds(t *testing.T) {
	ctx := context.Background()
	p := province(t)
	d := datatest.MustOpen(t)
	set, _ := d.Settings(ctx)
	set.BackupsKeep = 2
	if err := d.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	dir := d.BackupDir()
	pkg := export(t, p, "612")
	importInto(t, d, pkg, ApplyOptions{BackupDir: dir})
	// Old backups of months gone by, and of this one.
	for i, when := range []time.Time{time.Date(2024, 1, 5, 0, 0, 0, 0, time.UTC), time.Date(2024, 1, 20, 0, 0, 0, 0, time.UTC), time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)} {
		b, err := d.Backup(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		old := filepath.Join(dir, fmt.Sprintf("ketnghia-sao-luu-old-%d.db", i))
		os.Rename(b, old)
		os.Chtimes(old, when, when)
	}
	vs, err := p.YearUnits(ctx, data.LevelVillage, 2024)
	if err != nil {
		t.Fatal(err)
	}
	var id string
	for _, v := range vs {
		if v.AreaName == "Huyện Đắk Tô" {
			id = v.ID
			break
		}
	}
	renameVillage(t, p, id, "Làng Đổi Tên")
	_, res := importInto(t, d, export(t, p, "612"), ApplyOptions{BackupDir: dir})
	if res.Backup == "" {
		t.Fatal("an import that changes a record took no backup")
	}
	names := func() []string {
		es, _ := os.ReadDir(dir)
		var out []string
		for _, e := range es {
			out = append(out, e.Name())
		}
		return out
	}
	got := strings.Join(names(), " ")
	for _, want := range []string{"old-1", "old-2", filepath.Base(res.Backup)} { // Jan's newest, Feb's, the undo's
		if !strings.Contains(got, want) {
			t.Errorf("%s was removed: %s", want, got)
		}
	}
	if strings.Contains(got, "old-0") {
		t.Errorf("an old backup of a month with a newer one was kept: %s", got)
	}
	// The same package again changes nothing and takes no backup.
	before := len(names())
	_, res = importInto(t, d, export(t, p, "612"), ApplyOptions{BackupDir: dir})
	if res.Backup != "" || len(names()) != before {
		t.Errorf("an import that changed nothing took a backup: %q", res.Backup)
	}
	if _, err := Undo(ctx, d); err != nil {
		t.Fatalf("undo of the last import that changed something: %v", err)
	}
	if got := nameOf(t, d, id); got == "Làng Đổi Tên" {
		t.Error("undo did not take back the last import that changed something")
	}
}

// TestAConflictSaysWhoWroteEachSide: a conflict's two sides carry who last wrote them and when, for
// the person deciding.
func TestAConflictSaysWhoWroteEachSide(t *testing.T) {
	at := time.Date(2026, 12, 1, 8, 30, 0, 0, time.UTC)
	it := Item{mine: data.Stamp(data.Meta{UpdatedAt: data.MomentOf(at), OfficeID: "tinh", Version: 4}), theirs: data.Stamp(data.Meta{UpdatedAt: data.MomentOf(at.Add(time.Hour)), OfficeID: "huyen", Version: 5})}
	mine, theirs := it.Sides()
	if !mine.At.Equal(at) || mine.OfficeID != "tinh" || mine.Version != 4 || theirs.OfficeID != "huyen" || !theirs.At.Equal(at.Add(time.Hour)) {
		t.Errorf("sides %+v %+v", mine, theirs)
	}
}
