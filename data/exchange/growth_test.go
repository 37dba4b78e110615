package exchange

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"ketnghia/data"
	"ketnghia/data/datatest"
)

// TestRecordsAddedInBulkKeepAShortHistory: an office's first import of the province's package
// adds every record; each record's history still starts with where it came from, but the history
// does not take a line per record (a national import grew the file from 650 to 940 MB).
func TestRecordsAddedInBulkKeepAShortHistory(t *testing.T) {
	ctx := context.Background()
	p := province(t)
	d := datatest.MustOpen(t)
	before, err := d.Stats(ctx, data.StatsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, res := importInto(t, d, export(t, p), ApplyOptions{})
	if res.Added < 1000 {
		t.Fatalf("added only %d records", res.Added)
	}
	after, err := d.Stats(ctx, data.StatsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if grew := after.ChangeLogLines - before.ChangeLogLines; grew > 50 {
		t.Errorf("the history took %d lines for %d records added", grew, res.Added)
	}

	vs, _, err := d.ListUnits(ctx, data.UnitFilter{Level: data.LevelVillage, Limit: 1})
	if err != nil || len(vs) == 0 {
		t.Fatal(err)
	}
	h, err := d.History(ctx, "units", vs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 1 || h[0].New != data.AddedNote || h[0].OfficeID != p.OfficeID() || h[0].RecordID != vs[0].ID {
		t.Fatalf("history of a village added by the import: %+v", h)
	}

	// An edit after it comes after the line of its arrival.
	renameVillage(t, d, vs[0].ID, "Làng Đổi Tên")
	h, err = d.History(ctx, "units", vs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) < 2 || h[0].New != data.AddedNote || h[len(h)-1].New != "Làng Đổi Tên" {
		t.Fatalf("history after an edit: %+v", h)
	}
}

// TestAConflictShowsTheValueBothHadBefore: a person deciding a conflict sees, per field, what
// each side holds and what both held at their last exchange; the command line says it too.
func TestAConflictShowsTheValueBothHadBefore(t *testing.T) {
	a := province(t)
	b := datatest.MustOpen(t)
	importInto(t, b, export(t, a), ApplyOptions{})
	id := reviewIDs(t, a, 1)[0]
	was := fmt.Sprint(*reviewOf(t, b, id).Households)
	setHouseholds(t, a, id, 3003)
	setHouseholds(t, b, id, 3333)
	setHouseholds(t, b, id, 3334) // two edits here: the value before the first is the base

	rv, _ := importInto(t, b, export(t, a), ApplyOptions{})
	cs := rv.Conflicts()
	if len(cs) != 1 || len(cs[0].Fields) != 1 {
		t.Fatalf("conflicts: %+v", cs)
	}
	f := cs[0].Fields[0]
	if f.Mine != "3334" || f.Theirs != "3003" || !f.BaseKnown || f.Base != was {
		t.Errorf("field: %+v, the value both had: %s", f, was)
	}

	// Without an exchange before, nothing is claimed about a value both had.
	fresh := []data.FieldChange{{Field: f.Field, Mine: f.Mine, Theirs: f.Theirs}}
	if err := b.FillBase(context.Background(), "reviews", id, time.Time{}, fresh); err != nil || fresh[0].BaseKnown {
		t.Errorf("a base without an exchange: %+v, %v", fresh[0], err)
	}
}

// TestABackupNoImportUsedLeavesNoBackupBehind: the early backup of an import is provisional until
// the import uses it; one left by a process that died is swept by the next backup, and a backup
// taken meanwhile never takes its name.
func TestABackupNoImportUsedLeavesNoBackupBehind(t *testing.T) {
	ctx := context.Background()
	s := datatest.MustOpen(t)
	dir := t.TempDir()
	b := StartBackup(ctx, s, dir)
	<-b.done
	if !strings.HasSuffix(b.path, data.ProvisionalBackup) {
		t.Fatalf("early backup %q is not provisional", b.path)
	}
	// Another backup in the same minute takes another name.
	other, err := s.Backup(ctx, dir)
	if err != nil || other == b.final {
		t.Fatalf("a backup meanwhile: %q %v", other, err)
	}
	// Used by the import: its final name.
	path, err := b.take(ctx, s)
	if err != nil || path != b.final {
		t.Fatalf("taken %q %v", path, err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	// A process that died: the provisional file is swept by the next backup once old.
	dead := StartBackup(ctx, s, dir)
	<-dead.done
	old := time.Now().Add(-time.Hour)
	os.Chtimes(dead.path, old, old)
	if _, err := s.Backup(ctx, dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dead.path); !os.IsNotExist(err) {
		t.Errorf("the backup of an import that never happened is still there: %v", err)
	}
}
