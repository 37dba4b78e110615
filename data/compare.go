package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// The SQL of comparing a package attached as "pkg" with this file, and of importing it: what
// data/exchange decides by (which rows differ, what each office remembers, which keys clash), and
// what it writes with. The rule of what an import does stays there; the queries are here, where the
// schema is.
//
// A review marks, for each kind, the IDs of the package's rows not the same here (MarkDiffering),
// in a temporary table of the attached connection that the import, on the same connection, reads
// again.

// diffTable is the temporary table of the IDs of the kind's package rows not the same here.
func diffTable(k RecordKind) string { return "temp.diff_" + k.Table }

// diffIDs selects those IDs.
func diffIDs(k RecordKind) string { return "SELECT id FROM " + diffTable(k) }

// MarkDiffering marks the kind's package rows that are not the same here in every column (the
// rest need no look in Go), and gives how many are the same.
func (a *Attached) MarkDiffering(ctx context.Context, k RecordKind) (same int, err error) {
	c := a.Conn
	diff := diffTable(k)
	if _, err := c.ExecContext(ctx, "DROP TABLE IF EXISTS "+diff); err != nil {
		return 0, err
	}
	if _, err := c.ExecContext(ctx, "CREATE TEMP TABLE "+strings.TrimPrefix(diff, "temp.")+" (id TEXT PRIMARY KEY) WITHOUT ROWID"); err != nil {
		return 0, err
	}
	var conds []string
	for _, col := range k.Columns() {
		conds = append(conds, fmt.Sprintf("p.%[1]s IS m.%[1]s", col))
	}
	differing := fmt.Sprintf("SELECT p.id FROM pkg.%[1]s p LEFT JOIN main.%[1]s m ON m.id = p.id WHERE m.id IS NULL OR NOT (%[2]s)", k.Table, strings.Join(conds, " AND "))
	if _, err := c.ExecContext(ctx, "INSERT INTO "+diff+" "+differing); err != nil {
		return 0, err
	}
	err = c.QueryRowContext(ctx, "SELECT (SELECT count(*) FROM pkg."+k.Table+") - (SELECT count(*) FROM "+diff+")").Scan(&same)
	return same, err
}

// MissingRefs counts the differing package rows of the kind that name a record of refTable that
// is neither in the package nor here (the first such reference; 0 when there is none).
func (a *Attached) MissingRefs(ctx context.Context, k RecordKind) (n int, refTable string, err error) {
	refs, err := ForeignKeys(ctx, a.Conn, k.Table)
	if err != nil {
		return 0, "", err
	}
	for _, r := range refs {
		err := a.Conn.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*) FROM pkg.%[1]s p WHERE p.id IN (SELECT id FROM %[2]s) AND p.%[3]s IS NOT NULL
			AND NOT EXISTS (SELECT 1 FROM pkg.%[4]s WHERE %[5]s = p.%[3]s) AND NOT EXISTS (SELECT 1 FROM main.%[4]s WHERE %[5]s = p.%[3]s)`,
			k.Table, diffTable(k), r.Column, r.Table, r.To)).Scan(&n)
		if err != nil {
			return 0, "", err
		}
		if n > 0 {
			return n, r.Table, nil
		}
	}
	return 0, "", nil
}

// MisplacedUnit finds a differing unit of the package hung under a unit (in the package or here)
// of a level it may not hang under; false when there is none.
func (a *Attached) MisplacedUnit(ctx context.Context) (name string, parentLevel Level, parentName string, found bool, err error) {
	units, _ := KindOf("units")
	rows, err := a.Conn.QueryContext(ctx, `SELECT p.level, p.name, coalesce(pp.level, mp.level), coalesce(pp.name, mp.name) FROM pkg.units p
		LEFT JOIN pkg.units pp ON pp.id = p.parent_id LEFT JOIN main.units mp ON mp.id = p.parent_id
		WHERE p.id IN (`+diffIDs(units)+`) AND p.parent_id IS NOT NULL`)
	if err != nil {
		return "", "", "", false, err
	}
	defer rows.Close()
	for rows.Next() {
		var level, pl string
		if err := rows.Scan(&level, &name, &pl, &parentName); err != nil {
			return "", "", "", false, err
		}
		if !ParentLevelAllowed(Level(level), Level(pl)) {
			return name, Level(pl), parentName, true, nil
		}
	}
	return "", "", "", false, rows.Err()
}

// DuplicateKey finds a differing live row of the package whose natural key another live row of
// the package holds too; false when there is none.
func (a *Attached) DuplicateKey(ctx context.Context, k RecordKind) (id string, found bool, err error) {
	q := k.DuplicateQuery(diffIDs(k))
	if q == "" {
		return "", false, nil
	}
	var other string
	switch err := a.Conn.QueryRowContext(ctx, q).Scan(&id, &other); {
	case errors.Is(err, sql.ErrNoRows):
		return "", false, nil
	case err != nil:
		return "", false, err
	}
	return id, true, nil
}

// ExchangeMemory is what one office remembers of a record from its last import from another: the
// state of the other's version it received, and of its own just after (state keys, ShortKey).
type ExchangeMemory struct {
	Received, After string
}

// Memories are what an office remembers of the differing records of the kind from peer: this
// office's memory (inPackage false) or the sending office's, carried in the package.
func (a *Attached) Memories(ctx context.Context, k RecordKind, inPackage bool, peer string) (map[string]ExchangeMemory, error) {
	table := "main.exchange_base"
	if inPackage {
		table = "pkg.exchange_base"
	}
	rows, err := a.Conn.QueryContext(ctx, fmt.Sprintf("SELECT record_id, theirs, coalesce(mine, theirs) FROM %s WHERE peer = ? AND record_table = ? AND record_id IN (%s)",
		table, diffIDs(k)), ShortKey(peer), k.Table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]ExchangeMemory{}
	for rows.Next() {
		var id string
		var received, after []byte
		if err := rows.Scan(&id, &received, &after); err != nil {
			return nil, err
		}
		out[id] = ExchangeMemory{Received: string(received), After: string(after)}
	}
	return out, rows.Err()
}

// Clashes are the differing package rows of the kind whose natural key a live record here holds
// under another ID: package ID → local ID.
func (a *Attached) Clashes(ctx context.Context, k RecordKind) (map[string]string, error) {
	out := map[string]string{}
	q := k.ClashQuery()
	if q == "" {
		return out, nil
	}
	rows, err := a.Conn.QueryContext(ctx, q+" WHERE p.id IN ("+diffIDs(k)+")")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var p, m string
		if err := rows.Scan(&p, &m); err != nil {
			return nil, err
		}
		out[p] = m
	}
	return out, rows.Err()
}

// schemaOf is the schema of the package (inPackage) or of this file.
func schemaOf(inPackage bool) string {
	if inPackage {
		return "pkg"
	}
	return "main"
}

// EachDiffering reads the kind's differing records, the package's (inPackage) or their local
// versions, in the order of their IDs.
func (a *Attached) EachDiffering(ctx context.Context, k RecordKind, inPackage bool, fn func(Record) error) error {
	return k.EachIn(ctx, a.Conn, schemaOf(inPackage), "id IN ("+diffIDs(k)+")", fn)
}

// oneRecord reads one record of the kind by ID from the package (inPackage) or this file.
func oneRecord(ctx context.Context, q queryer, k RecordKind, inPackage bool, id string) (Record, error) {
	var out Record
	err := k.EachIn(ctx, q, schemaOf(inPackage), "id = ?", func(r Record) error { out = r; return nil }, id)
	if err == nil && out == nil {
		err = fmt.Errorf("record %s.%s/%s vanished", schemaOf(inPackage), k.Table, id)
	}
	return out, err
}

// Record reads one record of the kind by ID from the package (inPackage) or this file.
func (a *Attached) Record(ctx context.Context, k RecordKind, inPackage bool, id string) (Record, error) {
	return oneRecord(ctx, a.Conn, k, inPackage, id)
}

// Record reads one record of the kind by ID, in the import's transaction, from the package
// (inPackage) or this file.
func (t *IncomingTx) Record(k RecordKind, inPackage bool, id string) (Record, error) {
	return oneRecord(t.ctx, t.tx, k, inPackage, id)
}

// Remember writes what both offices hold of a record after an import from peer, as states
// (Stamp); mine "" says there is no record of it here.
func (t *IncomingTx) Remember(peer, table, id, theirs, mine string) error {
	var after []byte // NULL: the same
	if mine != theirs {
		after = ShortKey(mine)
	}
	_, err := t.tx.ExecContext(t.ctx, "INSERT OR REPLACE INTO main.exchange_base (peer, record_table, record_id, theirs, mine) VALUES (?, ?, ?, ?, ?)",
		ShortKey(peer), table, id, ShortKey(theirs), after)
	return err
}

// rememberAll writes the memory of the rows query selects (id, theirs, mine as state keys; mine
// NULL when the same), rewriting only what changed.
func (t *IncomingTx) rememberAll(k RecordKind, peer, query string) error {
	_, err := t.tx.ExecContext(t.ctx, fmt.Sprintf(`INSERT INTO main.exchange_base (peer, record_table, record_id, theirs, mine)
		SELECT ?, ?, q.* FROM (%s) q WHERE true
		ON CONFLICT (peer, record_table, record_id) DO UPDATE SET theirs = excluded.theirs, mine = excluded.mine
		WHERE theirs IS NOT excluded.theirs OR mine IS NOT excluded.mine`, query), ShortKey(peer), k.Table)
	return err
}

// RememberSame remembers every package row of the kind that is the same here (not marked as
// differing), in SQL.
func (t *IncomingTx) RememberSame(k RecordKind, peer string) error {
	return t.rememberAll(k, peer, fmt.Sprintf("SELECT p.id, %[2]s, NULL FROM pkg.%[1]s p WHERE p.id NOT IN (SELECT id FROM %[3]s)", k.Table, StateSQL("p"), diffTable(k)))
}

// CopyNew copies, in SQL, the kind's differing package rows that have no local row of their ID,
// but those of skip (new rows whose key another local record holds) and those already put in
// one by one, and remembers them. It gives how many of those copied are live.
func (t *IncomingTx) CopyNew(k RecordKind, peer string, skip []string) (live int, err error) {
	for _, q := range []string{"DROP TABLE IF EXISTS temp.skip", "CREATE TEMP TABLE skip (id TEXT PRIMARY KEY) WITHOUT ROWID", "DROP TABLE IF EXISTS temp.adds"} {
		if _, err := t.tx.ExecContext(t.ctx, q); err != nil {
			return 0, err
		}
	}
	for _, id := range skip {
		if _, err := t.tx.ExecContext(t.ctx, "INSERT OR IGNORE INTO temp.skip VALUES (?)", id); err != nil {
			return 0, err
		}
	}
	_, err = t.tx.ExecContext(t.ctx, fmt.Sprintf(`CREATE TEMP TABLE adds AS SELECT d.id FROM %[2]s d
		WHERE NOT EXISTS (SELECT 1 FROM main.%[1]s m WHERE m.id = d.id) AND d.id NOT IN (SELECT id FROM temp.skip)`, k.Table, diffTable(k)))
	if err != nil {
		return 0, err
	}
	if _, err := t.CopyFromPackage(k, "SELECT id FROM temp.adds", peer, AddedNote); err != nil {
		return 0, err
	}
	if err := t.tx.QueryRowContext(t.ctx, fmt.Sprintf("SELECT count(*) FROM pkg.%s WHERE id IN (SELECT id FROM temp.adds) AND deleted = 0", k.Table)).Scan(&live); err != nil {
		return 0, err
	}
	return live, t.rememberAll(k, peer, fmt.Sprintf("SELECT p.id, %[2]s, NULL FROM pkg.%[1]s p WHERE p.id IN (SELECT id FROM temp.adds)", k.Table, StateSQL("p")))
}

// PackageHasSample tells whether the package holds live sample records of the kind.
func (t *IncomingTx) PackageHasSample(k RecordKind) (bool, error) {
	var n int
	err := t.tx.QueryRowContext(t.ctx, fmt.Sprintf("SELECT EXISTS (SELECT 1 FROM pkg.%s WHERE sample = 1 AND deleted = 0)", k.Table)).Scan(&n)
	return n == 1, err
}

// RememberOffice keeps the name of the office peer, and the units of it this office takes as its
// own (their ID → our ID), for every later package from it.
func (t *IncomingTx) RememberOffice(peer, name string, links map[string]string) error {
	if _, err := t.tx.ExecContext(t.ctx, "INSERT OR IGNORE INTO offices (id, name) VALUES (?, ?)", peer, name); err != nil {
		return err
	}
	for their, our := range links {
		if _, err := t.tx.ExecContext(t.ctx, "INSERT OR REPLACE INTO main.exchange_links (peer, their_id, our_id) VALUES (?, ?, ?)", peer, their, our); err != nil {
			return err
		}
	}
	return nil
}
