package exchange

import (
	"context"
	"testing"

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
