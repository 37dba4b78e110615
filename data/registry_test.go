package data_test

import (
	"context"
	"strings"
	"testing"

	"ketnghia/data"
	"ketnghia/data/datatest"
	"ketnghia/data/sample"
)

// storeTables are the tables of the schema that hold no kind of record: the store's own (the
// change log, the settings, what an exchange remembers, kept figures, the search indexes).
var storeTables = map[string]bool{
	"change_log": true, "change_received": true, "derived_cache": true, "exchange_base": true, "exchange_history": true,
	"exchange_links": true, "figure_locks": true, "office_keys": true, "offices": true, "schema_migrations": true, "settings": true,
}

// TestEveryTableIsAKindAndEveryKindIsWhole: every table of the schema is a kind of the registry
// or one of the store's own (named in this test), and every kind says in its entry what a person
// calls one and each of its fields, how a person knows one (the check's problems and an import's
// conflicts name a record
// of each kind of the Kon Tum sample by its own words, not by its ID), and which of its records
// belong to an area (or that it is reference data, held whole).
func TestEveryTableIsAKindAndEveryKindIsWhole(t *testing.T) {
	ctx := context.Background()
	st := datatest.MustOpen(t)
	if err := sample.Load(ctx, st, sample.Province, 1); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]data.RecordKind{}
	for _, k := range data.Kinds() {
		kinds[k.Table] = k
	}
	rows, err := st.DBForTests().QueryContext(ctx, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%'")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var table string
		if err := rows.Scan(&table); err != nil {
			t.Fatal(err)
		}
		if _, ok := kinds[table]; !ok && !storeTables[table] {
			t.Errorf("the table %s is no kind of the registry and none of the store's own", table)
		}
	}
	rows.Close()
	for _, k := range kinds {
		if k.Noun == "" || k.Noun == k.Table {
			t.Errorf("%s: no word for one of its records", k.Table)
		}
		for _, f := range k.Fields() {
			if data.FieldLabel(f.Name) == "" {
				t.Errorf("%s: the field %s has no label (a screen, a workbook's heading and a change's line name it)", k.Table, f.Name)
			}
		}
		if _, scoped := k.ScopeFilter("IN (…)"); scoped == k.Reference {
			t.Errorf("%s: reference %v, scoped %v", k.Table, k.Reference, scoped)
		}
		var id string
		if err := st.DBForTests().QueryRowContext(ctx, "SELECT id FROM "+k.Table+" WHERE deleted = 0 LIMIT 1").Scan(&id); err != nil {
			t.Errorf("%s: the sample holds none", k.Table)
			continue
		}
		if d := st.Describe(ctx, k.Table, id); strings.Contains(d, id) || strings.Contains(d, "mã bản ghi") || d == "" {
			t.Errorf("%s: a record is named %q", k.Table, d)
		}
	}
}
