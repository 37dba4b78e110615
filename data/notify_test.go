package data_test

import (
	"path/filepath"
	"testing"

	"ketnghia/data"
	"ketnghia/data/datatest"
)

// TestOneNoticeOfChangedRecords: every write that changes records tells the views once, after
// its commit; settings and a refused write do not; a restore does; a view that stopped is not told.
func TestOneNoticeOfChangedRecords(t *testing.T) {
	s := datatest.MustOpen(t)
	tr := datatest.MustTree(t, s)
	told := 0
	stop := s.OnDataChanged(func() { told++ })
	backup, err := s.Backup(ctx, filepath.Join(t.TempDir(), "sl"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		write func() error
		want  int
	}{
		{"a unit saved", func() error { v := tr.Village; v.Note = "sửa"; return s.SaveUnit(ctx, &v) }, 1},
		{"a review saved", func() error {
			return s.SaveReview(ctx, &data.Review{UnitID: tr.Village.ID, Year: 2024, Households: datatest.Int(50)})
		}, 1},
		{"settings are not records", func() error { st, _ := s.Settings(ctx); st.Place = "Đắk Tô"; return s.SaveSettings(ctx, st) }, 0},
		{"a refused write changes nothing", func() error {
			s.SaveReview(ctx, &data.Review{UnitID: tr.Village.ID, Year: 2024, Households: datatest.Int(5), Poor: datatest.Int(9)})
			return nil
		}, 0},
		{"a restore", func() error { return s.RestoreFrom(ctx, backup) }, 1},
	}
	for _, c := range cases {
		before := told
		if err := c.write(); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := told - before; got != c.want {
			t.Errorf("%s: told %d times, want %d", c.name, got, c.want)
		}
	}
	stop()
	v := tr.Village
	v.Note = "sửa lại"
	mustSave(t, s.SaveUnit(ctx, &v))
	if told != 3 {
		t.Errorf("told after stopping: %d", told)
	}
}
