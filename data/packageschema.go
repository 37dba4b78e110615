package data

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"slices"
	"sync"
	"time"
)

// A package (data/exchange) is a SQLite file in our schema without what only a working database
// needs: no indexes, no triggers, no search tables. These functions make one, say what one of a
// given schema version must hold, and bring an older one up to date.

// CreatePackageFile makes a new, empty SQLite file at path in the package form of our schema.
func CreatePackageFile(ctx context.Context, path string) error {
	return CreatePackageFileAt(ctx, path, SchemaVersion)
}

// CreatePackageFileAt is CreatePackageFile in the schema of an earlier version (what an older
// program wrote: for tests of the upgrade).
func CreatePackageFileAt(ctx context.Context, path string, version int) error {
	db, err := openRaw(path, false)
	if err != nil {
		return err
	}
	defer db.Close()
	return buildPackageSchema(ctx, db, version)
}

func openRaw(path string, readOnly bool) (*sql.DB, error) {
	q := url.Values{}
	q.Add("_pragma", "trusted_schema(0)")
	q.Add("_pragma", "foreign_keys(0)")
	if readOnly {
		q.Add("mode", "ro")
		// Not mapped: its check reads every page once, and a mapping would keep them all in the
		// process while the review maps the package again.
	}
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, internal("Không mở được tệp gói dữ liệu", err)
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

// OpenPackageFile opens a package read-only, its schema untrusted (nothing of it runs).
func OpenPackageFile(path string) (*sql.DB, error) { return openRaw(path, true) }

// OpenPackageForUpgrade opens a private copy of an older package to bring its schema up to date.
func OpenPackageForUpgrade(path string) (*sql.DB, error) { return openRaw(path, false) }

func buildPackageSchema(ctx context.Context, db *sql.DB, version int) error {
	ms, err := loadMigrations()
	if err != nil {
		return internal("Các tệp nâng cấp cấu trúc bị hỏng", err)
	}
	if version > len(ms) {
		return invalid("", "Cấu trúc số %d mới hơn chương trình này", version)
	}
	if _, err := db.ExecContext(ctx, "PRAGMA page_size = 65536"); err != nil {
		return internal("Không tạo được tệp gói dữ liệu", err)
	}
	if _, err := db.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
		return internal("Không tạo được tệp gói dữ liệu", err)
	}
	if err := runMigrations(ctx, db, ms[:version]); err != nil {
		return err
	}
	return stripToPackage(ctx, db)
}

// runMigrations applies migrations to a raw database, each in its own transaction.
func runMigrations(ctx context.Context, db *sql.DB, ms []migration) error {
	for _, m := range ms {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return internal("Không nâng cấp được cấu trúc", err)
		}
		_, err = tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
				version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`)
		if err == nil {
			_, err = tx.ExecContext(ctx, m.sql)
		}
		if err == nil {
			_, err = tx.ExecContext(ctx, "INSERT OR REPLACE INTO schema_migrations VALUES (?, ?, ?)", m.version, m.name, time.Now().UTC().Format(time.RFC3339))
		}
		if err == nil {
			_, err = tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version))
		}
		if err == nil {
			err = tx.Commit()
		}
		if err != nil {
			tx.Rollback()
			return internal(fmt.Sprintf("Nâng cấp cấu trúc %s thất bại", m.name), err)
		}
	}
	return nil
}

// stripToPackage drops the triggers, the search tables and the indexes.
func stripToPackage(ctx context.Context, db *sql.DB) error {
	for _, kind := range []string{"trigger", "index"} {
		names, err := schemaNames(ctx, db, fmt.Sprintf("type = '%s' AND sql IS NOT NULL", kind))
		if err != nil {
			return err
		}
		for _, n := range names {
			if _, err := db.ExecContext(ctx, fmt.Sprintf("DROP %s %q", kind, n)); err != nil {
				return internal("Không tạo được tệp gói dữ liệu", err)
			}
		}
	}
	virtual, err := schemaNames(ctx, db, "type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")
	if err != nil {
		return err
	}
	for _, n := range virtual {
		if _, err := db.ExecContext(ctx, fmt.Sprintf("DROP TABLE %q", n)); err != nil {
			return internal("Không tạo được tệp gói dữ liệu", err)
		}
	}
	return nil
}

func schemaNames(ctx context.Context, db *sql.DB, where string) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM sqlite_schema WHERE "+where)
	if err != nil {
		return nil, internal("Không đọc được cấu trúc", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, internal("Không đọc được cấu trúc", err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// ForeignKey is a column of a table that names a record of another table (by its column To).
type ForeignKey struct{ Column, Table, To string }

// ForeignKeys reads the foreign keys of table from the schema of the file q reads.
func ForeignKeys(ctx context.Context, q queryer, table string) ([]ForeignKey, error) {
	rows, err := q.QueryContext(ctx, `SELECT "from", "table", coalesce("to", 'id') FROM pragma_foreign_key_list(?)`, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ForeignKey
	for rows.Next() {
		var fk ForeignKey
		if err := rows.Scan(&fk.Column, &fk.Table, &fk.To); err != nil {
			return nil, err
		}
		out = append(out, fk)
	}
	return out, rows.Err()
}

// SchemaObject is one entry of a SQLite file's schema.
type SchemaObject struct{ Type, Name, SQL string }

// SchemaOf reads the schema of a SQLite file.
func SchemaOf(ctx context.Context, q queryer) (map[string]SchemaObject, error) {
	rows, err := q.QueryContext(ctx, "SELECT type, name, coalesce(sql, '') FROM sqlite_schema")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]SchemaObject{}
	for rows.Next() {
		var o SchemaObject
		if err := rows.Scan(&o.Type, &o.Name, &o.SQL); err != nil {
			return nil, err
		}
		out[o.Type+" "+o.Name] = o
	}
	return out, rows.Err()
}

var (
	schemaMu    sync.Mutex
	schemaCache = map[int]map[string]SchemaObject{}
)

// PackageSchema is the exact schema a package of schema version holds (worked out once per run;
// the map returned is shared and must not be changed).
func PackageSchema(ctx context.Context, version int) (map[string]SchemaObject, error) {
	schemaMu.Lock()
	defer schemaMu.Unlock()
	if m, ok := schemaCache[version]; ok {
		return m, nil
	}
	m, err := buildSchemaOf(ctx, version)
	if err == nil {
		schemaCache[version] = m
	}
	return m, err
}

func buildSchemaOf(ctx context.Context, version int) (map[string]SchemaObject, error) {
	db, err := sql.Open("sqlite", "file::memory:")
	if err != nil {
		return nil, internal("Không dựng được cấu trúc mẫu", err)
	}
	db.SetMaxOpenConns(1)
	defer db.Close()
	if err := buildPackageSchema(ctx, db, version); err != nil {
		return nil, err
	}
	return SchemaOf(ctx, db)
}

// UpgradePackage brings a package (a private copy) of an older schema version up to ours.
func UpgradePackage(ctx context.Context, db *sql.DB, from int) error {
	ms, err := loadMigrations()
	if err != nil {
		return internal("Các tệp nâng cấp cấu trúc bị hỏng", err)
	}
	todo := slices.Clone(ms[from:])
	for i := range todo {
		if todo[i].workingOnly {
			todo[i].sql = "" // its version is recorded, nothing of it runs
		}
	}
	if err := runMigrations(ctx, db, todo); err != nil {
		return err
	}
	return stripToPackage(ctx, db)
}

// RelinkUnit makes every record of a package (a private, writable copy) that names the unit from
// name the unit to instead: the unit itself and every column that refers to units (read from the
// schema's foreign keys), and the package's exchange memory of it. Nothing in the package runs:
// it has no triggers.
func RelinkUnit(ctx context.Context, db *sql.DB, from, to string) error {
	refs := map[string][]string{"units": {"id"}}
	for _, k := range kinds {
		fks, err := ForeignKeys(ctx, db, k.Table)
		if err != nil {
			return internal("Không đọc được cấu trúc gói", err)
		}
		for _, fk := range fks {
			if fk.Table == "units" {
				refs[k.Table] = append(refs[k.Table], fk.Column)
			}
		}
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return internal("Không sửa được bản chép của gói", err)
	}
	defer tx.Rollback()
	for table, cols := range refs {
		for _, c := range cols {
			if _, err := tx.ExecContext(ctx, fmt.Sprintf("UPDATE %s SET %s = ? WHERE %s = ?", table, c, c), to, from); err != nil {
				return internal("Không sửa được bản chép của gói", err)
			}
		}
	}
	if _, err := tx.ExecContext(ctx, "UPDATE exchange_base SET record_id = ? WHERE record_table = 'units' AND record_id = ?", to, from); err != nil {
		return internal("Không sửa được bản chép của gói", err)
	}
	return commitErr(tx.Commit())
}
