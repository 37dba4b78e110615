package data

import (
	"context"
	"database/sql"
	"time"
)

// ExchangeEvent is one line of the exchange history kept in the file: an export, an import, an
// undo or a restore (data/exchange says what each means and shows it).
type ExchangeEvent struct {
	Seq        int
	At         time.Time
	Person     string
	Action     string // export, import, undo, restore
	OfficeID   string
	OfficeName string
	File       string
	Backup     string
	Added      int
	Updated    int
	Deleted    int
	Unchanged  int
	Conflicts  int
	Note       string
	Kinds      string // an import's counts by kind of record, as JSON
}

const exchangeEventColumns = "at, person, action, office_id, office_name, file, backup, added, updated, deleted, unchanged, conflicts, note, kinds"

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func addExchangeEvent(ctx context.Context, q execer, e ExchangeEvent, withSeq bool) error {
	cols, marks, args := exchangeEventColumns, "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?", []any{e.At.UTC().Format(time.RFC3339Nano), e.Person, e.Action,
		e.OfficeID, e.OfficeName, e.File, e.Backup, e.Added, e.Updated, e.Deleted, e.Unchanged, e.Conflicts, e.Note, e.Kinds}
	if withSeq {
		cols, marks, args = "seq, "+cols, "?, "+marks, append([]any{e.Seq}, args...)
	}
	if _, err := q.ExecContext(ctx, "INSERT INTO exchange_history ("+cols+") VALUES ("+marks+")", args...); err != nil {
		return internal("Không ghi được lịch sử trao đổi dữ liệu", err)
	}
	return nil
}

// AddExchangeEvent writes a line of the exchange history (an export: the data is not touched).
func (s *Store) AddExchangeEvent(ctx context.Context, e ExchangeEvent) error {
	if s.readOnly {
		return nil
	}
	return addExchangeEvent(ctx, s.db, e, false)
}

// AddExchangeEvent writes a line of the exchange history in the transaction, at its time and by
// its person.
func (t *IncomingTx) AddExchangeEvent(e ExchangeEvent) error {
	e.At, e.Person = t.At(), t.Person()
	return addExchangeEvent(t.ctx, t.tx, e, false)
}

// ReplaceExchangeEvents puts back the exchange history es (newest first) in the transaction,
// each line under its own number: what a restored older file had lost of it.
func (t *IncomingTx) ReplaceExchangeEvents(es []ExchangeEvent) error {
	if _, err := t.tx.ExecContext(t.ctx, "DELETE FROM exchange_history"); err != nil {
		return internal("Không ghi được lịch sử trao đổi dữ liệu", err)
	}
	for i := len(es) - 1; i >= 0; i-- {
		if err := addExchangeEvent(t.ctx, t.tx, es[i], true); err != nil {
			return err
		}
	}
	return nil
}

// ExchangeEvents lists the exchange history, newest first.
func (s *Store) ExchangeEvents(ctx context.Context) ([]ExchangeEvent, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT seq, "+exchangeEventColumns+" FROM exchange_history ORDER BY seq DESC")
	if err != nil {
		return nil, internal("Không đọc được lịch sử trao đổi dữ liệu", err)
	}
	defer rows.Close()
	var out []ExchangeEvent
	for rows.Next() {
		var e ExchangeEvent
		var at string
		if err := rows.Scan(&e.Seq, &at, &e.Person, &e.Action, &e.OfficeID, &e.OfficeName, &e.File, &e.Backup, &e.Added, &e.Updated,
			&e.Deleted, &e.Unchanged, &e.Conflicts, &e.Note, &e.Kinds); err != nil {
			return nil, internal("Không đọc được lịch sử trao đổi dữ liệu", err)
		}
		e.At, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, internal("Không đọc được lịch sử trao đổi dữ liệu", err)
	}
	return out, nil
}
