package exchange

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"ketnghia/data"
	"ketnghia/data/datatest"
)

func benchExport(b *testing.B, s *data.Store, scope ...string) string {
	out := filepath.Join(b.TempDir(), "goi.knx")
	var m Manifest
	for b.Loop() {
		var err error
		if m, err = Export(context.Background(), s, out, ExportOptions{Scope: scope}); err != nil {
			b.Fatal(err)
		}
	}
	st, _ := os.Stat(out)
	b.ReportMetric(float64(st.Size())/(1<<20), "MB")
	b.ReportMetric(float64(m.Total()), "records")
	return out
}

// BenchmarkExportNational writes the whole national sample into a package, read back and checked
// (goal < 3 s, < 150 MB).
func BenchmarkExportNational(b *testing.B) { benchExport(b, datatest.National(b)) }

// BenchmarkExportDistrictNational writes one district's package from the national file: what
// offices carry most.
func BenchmarkExportDistrictNational(b *testing.B) {
	s := datatest.National(b)
	ds, _, err := s.ListUnits(context.Background(), data.UnitFilter{Level: data.LevelDistrict, Limit: 1})
	if err != nil || len(ds) == 0 {
		b.Fatal(err)
	}
	benchExport(b, s, ds[0].Code)
}

// BenchmarkOpenAndReviewNational opens (unpacks, checks) the national package and reviews it
// against a copy of the database it came from held by another office: every record the same.
func BenchmarkOpenAndReviewNational(b *testing.B) {
	s := datatest.National(b)
	pkg := filepath.Join(b.TempDir(), "goi.knx")
	if _, err := Export(context.Background(), s, pkg, ExportOptions{}); err != nil {
		b.Fatal(err)
	}
	other := otherOffice(b, s, b.TempDir())
	b.Cleanup(func() { other.Close() })
	for b.Loop() {
		o, err := Open(context.Background(), pkg)
		if err != nil {
			b.Fatal(err)
		}
		rv, err := Inspect(context.Background(), other, o)
		if err != nil || rv.Total.Unchanged != o.Manifest.Total() {
			b.Fatal(err, rv.Total)
		}
		o.Close()
	}
}

// otherOffice is a copy of s under another office's identity, in dir.
func otherOffice(b *testing.B, s *data.Store, dir string) *data.Store {
	path := filepath.Join(dir, "other.db")
	if _, err := s.DBForTests().Exec("VACUUM INTO ?", path); err != nil {
		b.Fatal(err)
	}
	o, err := data.Open(context.Background(), path, data.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := o.DBForTests().Exec("UPDATE settings SET value = 'another-office' WHERE key = 'office_id'"); err != nil {
		b.Fatal(err)
	}
	o.Close()
	if o, err = data.Open(context.Background(), path, data.Options{}); err != nil {
		b.Fatal(err)
	}
	// The copy just made goes to disk now, not while the import is timed.
	if f, err := os.Open(path); err == nil {
		f.Sync()
		f.Close()
	}
	return o
}

// benchImport times what an import does, into a database into(dir) makes in a folder of its own
// for each run; the folder goes after the run (untimed), so runs do not wait on each other's
// writing.
func benchImport(b *testing.B, into func(dir string) *data.Store) {
	s := datatest.National(b)
	pkg := filepath.Join(b.TempDir(), "goi.knx")
	if _, err := Export(context.Background(), s, pkg, ExportOptions{}); err != nil {
		b.Fatal(err)
	}
	var res Result
	for b.Loop() {
		b.StopTimer()
		dir, err := os.MkdirTemp("", "ketnghia-bench-")
		if err != nil {
			b.Fatal(err)
		}
		target := into(dir)
		b.StartTimer()
		// As the command and the screen do: the backup is copied while the package is opened and
		// reviewed.
		backup := StartBackup(context.Background(), target, filepath.Join(dir, "Sao lưu"))
		o, err := Open(context.Background(), pkg)
		if err != nil {
			b.Fatal(err)
		}
		rv, err := Inspect(context.Background(), target, o)
		if err != nil {
			b.Fatal(err)
		}
		if res, err = Apply(context.Background(), target, o, rv, ApplyOptions{Backup: backup}); err != nil {
			b.Fatal(err)
		}
		o.Close()
		b.StopTimer()
		target.Close()
		os.RemoveAll(dir)
		b.StartTimer()
	}
	b.ReportMetric(float64(res.Added), "added")
	b.ReportMetric(float64(res.Unchanged), "unchanged")
}

// BenchmarkImportNationalSame imports the national package into another office's copy of the
// same records: open, check, review, back up, remember (goal < 10 s).
func BenchmarkImportNationalSame(b *testing.B) {
	s := datatest.National(b)
	benchImport(b, func(dir string) *data.Store { return otherOffice(b, s, dir) })
}

// BenchmarkImportNationalIntoEmpty imports the national package into a new database: every
// record added.
func BenchmarkImportNationalIntoEmpty(b *testing.B) {
	benchImport(b, func(dir string) *data.Store {
		s, err := data.Open(context.Background(), filepath.Join(dir, "moi.db"), data.Options{})
		if err != nil {
			b.Fatal(err)
		}
		return s
	})
}
