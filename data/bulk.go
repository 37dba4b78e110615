package data

import (
	"context"
	"database/sql"
	"fmt"
)

// Record is any entity the store keeps (*Unit, *Review, …). Only this package implements it.
type Record interface{ record }

// Batch writes many records in one transaction with prepared statements. Each record is normalised
// and checked by the rules it can check alone; references are checked by SQLite's foreign keys,
// and `ketnghia check` runs the full rules over everything afterwards.
type Batch struct {
	ctx   context.Context
	tx    *sql.Tx
	a     actor
	stmts map[string]*sql.Stmt
	n     map[string]int
}

// Load runs fn with a Batch: everything it adds is written, or nothing is. summary goes to the
// change history as one line, instead of a line per record.
func (s *Store) Load(ctx context.Context, summary string, fn func(b *Batch) error) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		b := &Batch{ctx: ctx, tx: tx, a: s.actor(ctx), stmts: map[string]*sql.Stmt{}, n: map[string]int{}}
		defer func() {
			for _, st := range b.stmts {
				st.Close()
			}
		}()
		if err := fn(b); err != nil {
			return err
		}
		return logChange(ctx, tx, b.a, "batch", "", "load", "", fmt.Sprintf("%s (%s)", summary, b.summary()))
	})
}

// Add writes one new record (its ID is kept when set, made when empty).
func (b *Batch) Add(r Record) error {
	if err := prepare(r); err != nil {
		return err
	}
	m := r.meta()
	if m.ID == "" {
		m.ID = newID()
	}
	m.CreatedAt, m.UpdatedAt, m.OfficeID, m.Version, m.Deleted = b.a.at, b.a.at, b.a.office, 1, false
	cs := allCols(r)
	st, ok := b.stmts[r.table()]
	if !ok {
		var err error
		st, err = b.tx.PrepareContext(b.ctx, fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", r.table(), colNames(cs), placeholders(len(cs))))
		if err != nil {
			return internal("Không chuẩn bị được lệnh ghi", err)
		}
		b.stmts[r.table()] = st
	}
	if _, err := st.ExecContext(b.ctx, values(cs)...); err != nil {
		return dbError(r.table(), err)
	}
	b.n[r.table()]++
	return nil
}

// SetSampleData marks (or unmarks) the database as holding invented demonstration figures.
func (b *Batch) SetSampleData(on bool) error {
	_, err := b.tx.ExecContext(b.ctx, "INSERT INTO settings(key, value) VALUES ('sample_data', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", boolText(on))
	return err
}

func (b *Batch) summary() string {
	out := ""
	for _, t := range []string{"units", "unit_links", "unit_moves", "classifications", "twinning_units", "assignments", "activities", "reviews", "criteria_results"} {
		if n := b.n[t]; n > 0 {
			if out != "" {
				out += ", "
			}
			out += fmt.Sprintf("%d %s", n, Noun(t))
		}
	}
	return out
}
