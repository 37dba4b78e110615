package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Record is any entity the store keeps (*Unit, *Review, …). Only this package implements it.
type Record interface{ record }

// Batch writes many records in one transaction with prepared statements. Each record is normalised
// and checked by the rules it can check alone; references are checked by SQLite's foreign keys,
// and `ketnghia check` runs the full rules over everything afterwards.
type Batch struct {
	ctx     context.Context
	tx      *sql.Tx
	a       actor
	stmts   map[string]*sql.Stmt // table → INSERT of batchRows rows
	pending map[string][]any     // table → values of rows not yet written
	cols    map[string][]col
	n       map[string]int
}

// batchRows rows go in one INSERT: far fewer statement executions for the same rows.
const batchRows = 64

// Load runs fn with a Batch: everything it adds is written, or nothing is. summary goes to the
// change history as one line, instead of a line per record.
func (s *Store) Load(ctx context.Context, summary string, fn func(b *Batch) error) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		// Rows are written in groups per table, so a child may reach SQLite before its parent:
		// references are checked once, at commit (and a broken one still rolls everything back).
		if _, err := tx.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
			return internal("Không bắt đầu được việc nạp dữ liệu", err)
		}
		b := &Batch{ctx: ctx, tx: tx, a: s.actor(ctx), stmts: map[string]*sql.Stmt{}, pending: map[string][]any{},
			cols: map[string][]col{}, n: map[string]int{}}
		defer func() {
			for _, st := range b.stmts {
				st.Close()
			}
		}()
		if err := fn(b); err != nil {
			return err
		}
		if err := b.flushAll(); err != nil {
			return err
		}
		return logChange(ctx, tx, b.a, "batch", "", "load", "", fmt.Sprintf("%s (%s)", summary, b.summary()))
	})
}

// stamp prepares a new record for writing: checked, normalised, with its identity filled in.
func stamp(r Record, office string, at time.Time) ([]col, error) {
	if err := prepare(r); err != nil {
		return nil, err
	}
	m := r.meta()
	if m.ID == "" {
		m.ID = newID()
	}
	m.CreatedAt, m.UpdatedAt, m.OfficeID, m.Version, m.Deleted = MomentOf(at), MomentOf(at), office, 1, false
	return allCols(r), nil
}

// Flatten gives the table, the columns and the values a Batch would write for a new record r, for
// exports and for benchmarks that load the same rows by other means.
func Flatten(r Record, office string, at time.Time) (table string, cols []string, vals []any, err error) {
	cs, err := stamp(r, office, at)
	if err != nil {
		return "", nil, nil, err
	}
	for _, c := range cs {
		cols = append(cols, c.name)
	}
	return r.table(), cols, values(cs), nil
}

// Add writes one new record (its ID is kept when set, made when empty). Rows are written in groups;
// every row is written by the time Load returns.
func (b *Batch) Add(r Record) error {
	cs, err := stamp(r, b.a.office, b.a.at)
	if err != nil {
		return err
	}
	t := r.table()
	if _, ok := b.cols[t]; !ok {
		b.cols[t] = cs
	}
	b.pending[t] = append(b.pending[t], values(cs)...)
	b.n[t]++
	if len(b.pending[t]) >= batchRows*len(cs) {
		return b.flushThrough(t)
	}
	return nil
}

// flushThrough writes the pending rows of table and, first, of every table its rows may refer to,
// so that a parent always reaches SQLite before its children. (A child before its parent would make
// SQLite search the children of every later parent until the count of broken references is zero.)
func (b *Batch) flushThrough(table string) error {
	for _, t := range tableNames() {
		if len(b.pending[t]) > 0 {
			if err := b.flush(t); err != nil {
				return err
			}
		}
		if t == table {
			return nil
		}
	}
	return nil
}

// flush writes the pending rows of a table: full groups with the prepared statement, the rest one
// statement for all.
func (b *Batch) flush(table string) error {
	vals, cs := b.pending[table], b.cols[table]
	per := len(cs)
	for len(vals) > 0 {
		n := min(len(vals)/per, batchRows)
		st, err := b.stmt(table, cs, n)
		if err != nil {
			return err
		}
		if _, err := st.ExecContext(b.ctx, vals[:n*per]...); err != nil {
			return dbError(table, err)
		}
		vals = vals[n*per:]
	}
	b.pending[table] = b.pending[table][:0]
	return nil
}

func (b *Batch) stmt(table string, cs []col, rows int) (*sql.Stmt, error) {
	key := fmt.Sprintf("%s/%d", table, rows)
	if st, ok := b.stmts[key]; ok {
		return st, nil
	}
	group := "(" + placeholders(len(cs)) + ")"
	groups := strings.TrimSuffix(strings.Repeat(group+", ", rows), ", ")
	st, err := b.tx.PrepareContext(b.ctx, fmt.Sprintf("INSERT INTO %s (%s) VALUES %s", table, colNames(cs), groups))
	if err != nil {
		return nil, internal("Không chuẩn bị được lệnh ghi", err)
	}
	b.stmts[key] = st
	return st, nil
}

// flushAll writes everything pending, parents' tables first.
func (b *Batch) flushAll() error { return b.flushThrough("") }

// SetSampleData marks (or unmarks) the database as holding invented demonstration figures.
func (b *Batch) SetSampleData(on bool) error { return setSampleData(b.ctx, b.tx, on) }

func setSampleData(ctx context.Context, tx *sql.Tx, on bool) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO settings(key, value) VALUES ('sample_data', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", boolText(on))
	return err
}

func (b *Batch) summary() string {
	out := ""
	for _, t := range tableNames() {
		if n := b.n[t]; n > 0 {
			if out != "" {
				out += ", "
			}
			out += fmt.Sprintf("%d %s", n, Noun(t))
		}
	}
	return out
}
