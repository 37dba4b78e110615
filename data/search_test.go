package data_test

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
	"ketnghia/data"
	"ketnghia/data/datatest"
)

func TestSearchFoldedAcrossUnitsAndAgencies(t *testing.T) {
	s := datatest.MustOpen(t)
	tr := datatest.MustTree(t, s)
	for _, u := range []*data.Unit{
		{Level: data.LevelVillage, Kind: "Làng", Name: "Làng Ngọk Rơ Nga", ParentID: tr.Commune.ID},
		{Level: data.LevelVillage, Kind: "Thôn", Name: "Thôn Thanh Hoà", ParentID: tr.Commune.ID},
		{Level: data.LevelVillage, Kind: "Thôn", Name: norm.NFD.String("Thôn Đăk Xú"), ParentID: tr.Commune.ID},
	} {
		mustSave(t, s.SaveUnit(ctx, u))
	}
	for _, a := range []*data.TwinningUnit{
		{Name: "Ban Dân tộc tỉnh", Level: data.TwinProvince, Kind: data.TwinState},
		{Name: "Huyện đoàn Đắk Tô", Level: data.TwinDistrict, Kind: data.TwinMass},
	} {
		mustSave(t, s.SaveTwinningUnit(ctx, a))
	}
	cases := []struct {
		name  string
		query string
		want  []string
	}{
		{"no diacritics, đ → d", "dak to", []string{"Huyện Đắk Tô", "Huyện đoàn Đắk Tô"}},
		{"Ngọk is Ngọc", "ngoc ro", []string{"Làng Ngọk Rơ Nga"}},
		{"old tone placement hòa/hoà", "thanh hòa", []string{"Thôn Thanh Hoà"}},
		{"Dak is Đăk, decomposed input", norm.NFD.String("Đắk Xú"), []string{"Thôn Đăk Xú"}},
		{"two letters find a word start", "xu", []string{"Thôn Đăk Xú"}},
		{"two letters inside a word do not", "ak", nil},
		{"one letter finds word starts", "x", []string{"Thôn Đăk Xú", "Xã Văn Lem"}},
		{"agencies too", "dan toc", []string{"Ban Dân tộc tỉnh"}},
		{"nothing", "quang ngai", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			hits, err := s.Search(ctx, c.query, 10)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range hits {
				got = append(got, h.Name)
			}
			if len(got) != len(c.want) {
				t.Fatalf("Search(%q) = %v, want %v", c.query, got, c.want)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("Search(%q) = %v, want %v", c.query, got, c.want)
				}
			}
		})
	}
	// The key follows renames.
	v := tr.Village
	v.Name = "Làng Kon Gu"
	mustSave(t, s.SaveUnit(ctx, &v))
	if hits, _ := s.Search(ctx, "dak ang", 10); len(hits) != 0 {
		t.Errorf("old name still found: %v", hits)
	}
	if hits, _ := s.Search(ctx, "kon gu", 10); len(hits) != 1 {
		t.Errorf("new name not found: %v", hits)
	}
}

func TestSearchSkipsTombstones(t *testing.T) {
	s := datatest.MustOpen(t)
	tr := datatest.MustTree(t, s)
	a := data.TwinningUnit{Name: "Sở Tư pháp", Level: data.TwinProvince, Kind: data.TwinState}
	mustSave(t, s.SaveTwinningUnit(ctx, &a))
	v := data.Unit{Level: data.LevelVillage, Kind: "Thôn", Name: "Thôn Tư Pháp", ParentID: tr.Commune.ID}
	mustSave(t, s.SaveUnit(ctx, &v))
	if _, n, _ := s.ListTwinningUnits(ctx, data.TwinningFilter{Query: "tu phap"}); n != 1 {
		t.Fatalf("before delete: %d", n)
	}
	mustSave(t, s.DeleteTwinningUnit(ctx, a.ID))
	mustSave(t, s.DeleteUnit(ctx, v.ID))
	if page, n, _ := s.ListTwinningUnits(ctx, data.TwinningFilter{Query: "tu phap"}); n != 0 || len(page) != 0 {
		t.Errorf("deleted agency still found: %d", n)
	}
	if page, n, _ := s.ListUnits(ctx, data.UnitFilter{Query: "tu phap"}); n != 0 || len(page) != 0 {
		t.Errorf("deleted unit still found: %d", n)
	}
	if hits, _ := s.Search(ctx, "tu phap", 10); len(hits) != 0 {
		t.Errorf("deleted records in Search: %v", hits)
	}
}

// TestSearchKeepsARecordSavedWithAnyChange: a unit or an agency saved with a change that leaves
// its name alone (a note, a date), or renamed to a name sharing letters with the old one, is still
// found by every part of its name; check runs the search index's own integrity check and
// --repair rebuilds an index that went wrong.
func TestSearchKeepsARecordSavedWithAnyChange(t *testing.T) {
	s := datatest.MustOpen(t)
	tr := datatest.MustTree(t, s)
	v := data.Unit{Level: data.LevelVillage, Kind: "Thôn", Name: "Thôn Hà Mòn", ParentID: tr.Commune.ID}
	mustSave(t, s.SaveUnit(ctx, &v))
	a := data.TwinningUnit{Name: "Sở Tư pháp", Level: data.TwinProvince, Kind: data.TwinState}
	mustSave(t, s.SaveTwinningUnit(ctx, &a))

	v.Note = "Sửa ghi chú"
	mustSave(t, s.SaveUnit(ctx, &v))
	a.Note = "Sửa ghi chú"
	mustSave(t, s.SaveTwinningUnit(ctx, &a))
	for _, q := range []string{"ha mon", "hà mòn", "mon"} {
		if _, n, err := s.ListUnits(ctx, data.UnitFilter{Query: q}); err != nil || n != 1 {
			t.Errorf("unit saved with a new note: %q finds %d (%v)", q, n, err)
		}
	}
	if _, n, _ := s.ListTwinningUnits(ctx, data.TwinningFilter{Query: "tu phap"}); n != 1 {
		t.Errorf("agency saved with a new note: found %d", n)
	}
	// Renamed to a name sharing letters: the shared ones still find it.
	v.Name = "Thôn Hà Mòn Mới"
	mustSave(t, s.SaveUnit(ctx, &v))
	if hits, _ := s.Search(ctx, "ha mon", 10); len(hits) != 1 {
		t.Errorf("renamed unit: %v", hits)
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) != 0 {
		t.Errorf("check after saves: %v %v", problems, err)
	}

	// An index that went wrong (a row taken out behind the program's back) is found, and repaired.
	if _, err := s.DBForTests().Exec("INSERT INTO units_fts(units_fts, rowid, name_key) SELECT 'delete', seq, name_key FROM units WHERE id = ?", v.ID); err != nil {
		t.Fatal(err)
	}
	problems, err := s.Check(ctx)
	if err != nil || len(problems) != 1 || !strings.Contains(problems[0].Detail, "check --repair") {
		t.Fatalf("check of a broken index: %v %v", problems, err)
	}
	mustSave(t, s.RepairSearch(ctx))
	if _, n, _ := s.ListUnits(ctx, data.UnitFilter{Query: "ha mon"}); n != 1 {
		t.Errorf("after repair: %d", n)
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) != 0 {
		t.Errorf("check after repair: %v %v", problems, err)
	}
}

// TestOpeningAnOlderFileRebuildsItsSearchIndex: a file of the program before the fix, whose
// index lost the units saved since, finds them again once opened by this one.
func TestOpeningAnOlderFileRebuildsItsSearchIndex(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cu.db")
	s := datatest.MustOpenAt(t, path)
	tr := datatest.MustTree(t, s)
	v := data.Unit{Level: data.LevelVillage, Kind: "Thôn", Name: "Thôn Hà Mòn", ParentID: tr.Commune.ID}
	mustSave(t, s.SaveUnit(ctx, &v))
	// Back to schema 6 with its two update triggers, then the edit that lost the unit.
	for _, q := range []string{
		"DROP TRIGGER units_fts_au",
		`CREATE TRIGGER units_fts_au_old AFTER UPDATE OF name_key, deleted ON units WHEN old.deleted = 0 BEGIN
			INSERT INTO units_fts(units_fts, rowid, name_key) VALUES ('delete', old.seq, old.name_key); END`,
		`CREATE TRIGGER units_fts_au_new AFTER UPDATE OF name_key, deleted ON units WHEN new.deleted = 0 BEGIN
			INSERT INTO units_fts(rowid, name_key) VALUES (new.seq, new.name_key); END`,
		"DROP TRIGGER twinning_fts_au",
		`CREATE TRIGGER twinning_fts_au_old AFTER UPDATE OF name_key, deleted ON twinning_units WHEN old.deleted = 0 BEGIN
			INSERT INTO twinning_fts(twinning_fts, rowid, name_key) VALUES ('delete', old.seq, old.name_key); END`,
		`CREATE TRIGGER twinning_fts_au_new AFTER UPDATE OF name_key, deleted ON twinning_units WHEN new.deleted = 0 BEGIN
			INSERT INTO twinning_fts(rowid, name_key) VALUES (new.seq, new.name_key); END`,
		"DELETE FROM schema_migrations WHERE version >= 7",
		"ALTER TABLE units DROP COLUMN ntm_plan_year",                                                                                                                                                                                                                                                                                                                                    // schema 8
		"DROP TABLE report_drafts",                                                                                                                                                                                                                                                                                                                                                       // schema 9
		"DROP TABLE submissions", "DROP TABLE figure_locks", "DROP TABLE office_keys", "DROP TRIGGER reviews_locked_insert", "DROP TRIGGER reviews_locked_update", "DROP TRIGGER reviews_locked_delete", "DROP TRIGGER criteria_results_locked_insert", "DROP TRIGGER criteria_results_locked_update", "DROP TRIGGER criteria_results_locked_delete", "DROP TRIGGER units_status_locked", // schema 10
		"PRAGMA user_version = 6",
		"UPDATE units SET name_key = name_key WHERE id = '" + v.ID + "'",
	} {
		if _, err := s.DBForTests().Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if _, n, _ := s.ListUnits(ctx, data.UnitFilter{Query: "ha mon"}); n != 0 {
		t.Fatalf("the old triggers kept the unit in the index (%d): the test does not show the fault", n)
	}
	s.Close()
	s = datatest.MustOpenAt(t, path)
	if _, n, _ := s.ListUnits(ctx, data.UnitFilter{Query: "ha mon"}); n != 1 {
		t.Errorf("after opening with this program: %d", n)
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) != 0 {
		t.Errorf("check: %v %v", problems, err)
	}
}

// TestCheckOfASearchIndexWithARollbackJournal: on a file kept with a rollback journal (a network
// drive), the search indexes' check runs alone and the readers beside it never fail; a broken
// index is still found.
func TestCheckOfASearchIndexWithARollbackJournal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "n.db")
	s, err := data.Open(ctx, path, data.Options{NoWAL: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tr := datatest.MustTree(t, s)
	if problems, err := s.Check(ctx); err != nil || len(problems) != 0 {
		t.Fatalf("check of a sound file: %v %v", problems, err)
	}
	if _, err := s.DBForTests().Exec("INSERT INTO units_fts(units_fts, rowid, name_key) SELECT 'delete', seq, name_key FROM units WHERE id = ?", tr.Village.ID); err != nil {
		t.Fatal(err)
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) != 1 {
		t.Errorf("check of a broken index: %v %v", problems, err)
	}
}
