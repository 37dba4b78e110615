// Package datatest gives tests a fresh KetNghia database in a temporary folder.
package datatest

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	"ketnghia/data"
)

// Clock is the fixed time test databases run at.
var Clock = time.Date(2025, 3, 5, 8, 30, 0, 0, time.UTC)

// MustOpen opens a new database file under t.TempDir() with a fixed clock; it is closed when the
// test ends.
func MustOpen(t testing.TB) *data.Store {
	t.Helper()
	return MustOpenAt(t, filepath.Join(t.TempDir(), "ketnghia.db"))
}

// Present is a day in the present the program is used in: December 2026, after the 2025 reform,
// while the 2026 review is entered.
var Present = time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)

// MustOpenAt opens (or creates) the database at path with a fixed clock.
func MustOpenAt(t testing.TB, path string) *data.Store {
	t.Helper()
	return MustOpenOn(t, path, Clock)
}

// MustOpenOn opens (or creates) the database at path with the clock stopped at now.
func MustOpenOn(t testing.TB, path string, now time.Time) *data.Store {
	t.Helper()
	s, err := data.Open(context.Background(), path, data.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// National opens, shared and never written, the national-scale sample named by
// KETNGHIA_NATIONAL_DB (built by `ketnghia demo --scale national`, ~1.1 million records); a
// benchmark is skipped without it. It is closed when the benchmark ends.
func National(b testing.TB) *data.Store { return NationalWith(b, data.Options{}) }

// NationalWith is National opened with opt (shared all the same): the window's options, say.
func NationalWith(b testing.TB, opt data.Options) *data.Store {
	b.Helper()
	f := os.Getenv("KETNGHIA_NATIONAL_DB")
	if f == "" {
		b.Skip("KETNGHIA_NATIONAL_DB names no national sample")
	}
	opt.Shared = true
	s, err := data.Open(context.Background(), f, opt)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// Int and Bool and Float make the optional fields of a Review.
func Int(n int) *int           { return &n }
func Bool(b bool) *bool        { return &b }
func Float(x float64) *float64 { return &x }

// Tree is a province with one district, one commune and one village, all open since 2010.
type Tree struct {
	Province, District, Commune, Village data.Unit
}

// MustTree saves a small tree of units.
func MustTree(t testing.TB, s *data.Store) Tree {
	t.Helper()
	ctx := context.Background()
	tr := Tree{
		Province: data.Unit{Level: data.LevelProvince, Kind: "Tỉnh", Code: "62", Name: "Tỉnh Kon Tum", OpenedOn: data.D(2010, 1, 1)},
	}
	must := func(u *data.Unit) {
		t.Helper()
		if err := s.SaveUnit(ctx, u); err != nil {
			t.Fatalf("save %s: %v", u.Name, err)
		}
	}
	must(&tr.Province)
	tr.District = data.Unit{Level: data.LevelDistrict, Kind: "Huyện", Code: "612", Name: "Huyện Đắk Tô", ParentID: tr.Province.ID, OpenedOn: data.D(2010, 1, 1)}
	must(&tr.District)
	tr.Commune = data.Unit{Level: data.LevelCommune, Kind: "Xã", Code: "23410", Name: "Xã Văn Lem", ParentID: tr.District.ID, OpenedOn: data.D(2010, 1, 1)}
	must(&tr.Commune)
	tr.Village = data.Unit{Level: data.LevelVillage, Kind: "Làng", Name: "Làng Đăk Ang", ParentID: tr.Commune.ID, OpenedOn: data.D(2010, 1, 1), EthnicMinority: true}
	must(&tr.Village)
	return tr
}

// Exec runs SQL on a database file behind the store's back, as a damaged or hand-edited file would
// be: for tests of Check and of recovery.
func Exec(t testing.TB, path, stmt string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(stmt); err != nil {
		t.Fatal(err)
	}
}

// Query runs a query on a database file behind the store's back and returns the first column of
// every row as text.
func Query(t testing.TB, path, query string) []string {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// CopyFile copies a file (a database to change without touching the original).
func CopyFile(t testing.TB, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
