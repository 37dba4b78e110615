package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// A package of records for another office is a SQLite file of the same schema (packageschema.go);
// what goes into it is copied here, where the schema lives.

// CopyToPackage copies the records of the units of scope (official codes; none: every record)
// into the package file content (made by CreatePackageFile), inside SQLite (ATTACH and INSERT …
// SELECT), in one read snapshot of the store: each kind by the scope its registry entry gives it,
// with what this office last had of each record from each peer, its links and its own name.
// counts gets the records copied by table; progress is told the share done, up to 0.6.
func (s *Store) CopyToPackage(ctx context.Context, content string, scope []string, counts map[string]int, progress func(float64)) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return &Error{Kind: KindInternal, Err: err, Msg: "Không đọc được cơ sở dữ liệu để xuất gói."}
	}
	defer conn.Close()
	fail := func(err error) error {
		if de, ok := err.(*Error); ok {
			return de
		}
		return &Error{Kind: KindInternal, Err: err, Msg: "Không xuất được gói dữ liệu; cơ sở dữ liệu của bạn không bị thay đổi. Hãy thử lại."}
	}
	if _, err := conn.ExecContext(ctx, "ATTACH DATABASE ? AS pkg", content); err != nil {
		return fail(err)
	}
	defer conn.ExecContext(context.Background(), "DETACH DATABASE pkg")
	defer conn.ExecContext(context.Background(), "PRAGMA main.mmap_size = 0")
	// The package file is scratch until it is compressed, synced and renamed onto the stick: no
	// journal, no syncs, no locking round trips.
	for _, p := range []string{"PRAGMA pkg.journal_mode = OFF", "PRAGMA pkg.synchronous = OFF", "PRAGMA pkg.locking_mode = EXCLUSIVE",
		"PRAGMA main.mmap_size = 4294967296", "PRAGMA pkg.mmap_size = 4294967296"} {
		if _, err := conn.ExecContext(ctx, p); err != nil {
			return fail(err)
		}
	}
	// A scope leaves some references outside the package: they are the receiving office's to
	// resolve, so the package itself is not held to them.
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return fail(err)
	}
	defer conn.ExecContext(context.Background(), "PRAGMA foreign_keys = ON")
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		return fail(err)
	}
	defer conn.ExecContext(context.Background(), "ROLLBACK")
	if len(scope) > 0 {
		if err := scopeUnits(ctx, conn, scope); err != nil {
			return fail(err)
		}
	}
	ks := kinds
	for i, k := range ks {
		// Of the offices' records, a scoped package copies each kind by the scope the registry
		// gives it (reference data goes whole).
		w, scoped := k.ScopeFilter("IN (SELECT id FROM temp.scope_units)")
		if len(scope) == 0 || !scoped {
			w = ""
		}
		if len(scope) > 0 && !scoped && !k.Reference {
			// A kind of the offices' records that a scoped package would copy whole: never.
			return fail(fmt.Errorf("export: no scope filter for the table %s", k.Table))
		}
		cols := strings.Join(k.Columns(), ", ")
		q := fmt.Sprintf("INSERT INTO pkg.%s (%s) SELECT %s FROM main.%s", k.Table, cols, cols, k.Table)
		if w != "" {
			q += " WHERE " + w
		} else {
			// A whole table into its empty twin of the same definition: SQLite copies the stored
			// rows as they are, without reading them column by column.
			q = fmt.Sprintf("INSERT INTO pkg.%s SELECT * FROM main.%s", k.Table, k.Table)
		}
		res, err := conn.ExecContext(ctx, q)
		if err != nil {
			return fail(err)
		}
		n, _ := res.RowsAffected()
		counts[k.Table] = int(n)
		progress(0.6 * float64(i+1) / float64(len(ks)))
	}
	// What this office last had of each record from each peer, for the peer that receives it.
	baseQ := "INSERT INTO pkg.exchange_base SELECT * FROM main.exchange_base"
	if len(scope) > 0 {
		baseQ += " WHERE record_id IN (SELECT id FROM temp.scope_units) OR record_table <> 'units'"
	}
	if _, err := conn.ExecContext(ctx, baseQ); err != nil {
		return fail(err)
	}
	if _, err := conn.ExecContext(ctx, "INSERT INTO pkg.exchange_links SELECT * FROM main.exchange_links"); err != nil {
		return fail(err)
	}
	if _, err := conn.ExecContext(ctx, "INSERT INTO pkg.offices SELECT id, name FROM main.offices WHERE id = (SELECT value FROM main.settings WHERE key = 'office_id')"); err != nil {
		return fail(err)
	}
	_, err = conn.ExecContext(ctx, "COMMIT")
	if err != nil {
		return fail(err)
	}
	return nil
}

// scopeUnits fills temp.scope_units with the units of the codes, everything under them (now or
// before a move), the units their links and moves name, and every unit above all of those.
func scopeUnits(ctx context.Context, conn *sql.Conn, codes []string) error {
	stmts := []string{
		"DROP TABLE IF EXISTS temp.scope_units",
		"CREATE TEMP TABLE scope_units (id TEXT PRIMARY KEY) WITHOUT ROWID",
		"DROP TABLE IF EXISTS temp.scope_codes",
		"CREATE TEMP TABLE scope_codes (code TEXT PRIMARY KEY) WITHOUT ROWID",
	}
	for _, q := range stmts {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	for _, c := range codes {
		c = strings.TrimSpace(c)
		var n int
		if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM main.units WHERE code = ? AND deleted = 0", c).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return &Error{Kind: KindInvalid, Field: "scope", Msg: fmt.Sprintf("Không có đơn vị nào mang mã %q; hãy xem mã tỉnh, huyện hoặc xã trong danh sách đơn vị rồi thử lại.", c)}
		}
		if _, err := conn.ExecContext(ctx, "INSERT OR IGNORE INTO temp.scope_codes VALUES (?)", c); err != nil {
			return err
		}
	}
	fill := []string{
		`INSERT OR IGNORE INTO temp.scope_units
		 WITH RECURSIVE down(id) AS (
		   SELECT id FROM main.units WHERE code IN (SELECT code FROM temp.scope_codes) AND deleted = 0
		   UNION SELECT u.id FROM main.units u JOIN down d ON u.parent_id = d.id
		   UNION SELECT m.unit_id FROM main.unit_moves m JOIN down d ON m.from_parent_id = d.id)
		 SELECT id FROM down`,
		`INSERT OR IGNORE INTO temp.scope_units
		 SELECT successor_id FROM main.unit_links WHERE predecessor_id IN (SELECT id FROM temp.scope_units)
		 UNION SELECT predecessor_id FROM main.unit_links WHERE successor_id IN (SELECT id FROM temp.scope_units)
		 UNION SELECT from_parent_id FROM main.unit_moves WHERE unit_id IN (SELECT id FROM temp.scope_units)
		 UNION SELECT to_parent_id FROM main.unit_moves WHERE unit_id IN (SELECT id FROM temp.scope_units)`,
		`INSERT OR IGNORE INTO temp.scope_units
		 WITH RECURSIVE up(id) AS (
		   SELECT parent_id FROM main.units WHERE id IN (SELECT id FROM temp.scope_units) AND parent_id IS NOT NULL
		   UNION SELECT u.parent_id FROM main.units u JOIN up ON u.id = up.id WHERE u.parent_id IS NOT NULL)
		 SELECT id FROM up`,
	}
	for _, q := range fill {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}
