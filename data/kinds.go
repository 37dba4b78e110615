package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// RecordKind is one kind of stored record, as everything that walks every kind sees it: the check, the
// counts, the bulk load, the exchange between offices and the Excel workbooks. A new kind of record
// is added here, once.
type RecordKind struct {
	Table string // its table
	Noun  string // what a person calls one ("số liệu rà soát")
	// Reference kinds (rule sets, criteria sets, targets …) are seeded alike in every database
	// with stable IDs.
	Reference bool
	// key is the natural key a live record holds alone (the unique indexes of the schema):
	// columns, and when it applies (a condition on the record's own columns).
	key       []string
	keyWhen   string
	newRecord func() record
	check     func(ctx context.Context, s *Store) ([]Problem, error)
}

// kindOf makes the registry entry of a record type.
func kindOf[T any, PT interface {
	*T
	record
}](reference bool, key ...string) RecordKind {
	var zero T
	table := PT(&zero).table()
	return RecordKind{Table: table, Noun: Noun(table), Reference: reference, key: key,
		newRecord: func() record { var v T; return PT(&v) },
		check:     func(ctx context.Context, s *Store) ([]Problem, error) { return checkAll[T, PT](ctx, s) }}
}

// kinds lists every kind, parents before the kinds that refer to them: the order rows are written
// in, so that a reference always finds its record.
var kinds = []RecordKind{
	withKeyWhen(kindOf[Unit](false, "level", "code"), "closed_on IS NULL AND code <> ''"),
	kindOf[UnitLink](false),
	kindOf[UnitMove](false),
	kindOf[Classification](false),
	kindOf[TwinningUnit](false),
	kindOf[Assignment](false),
	kindOf[Activity](false),
	kindOf[CauseGroup](true, "code"),
	kindOf[Review](false, "unit_id", "year"),
	kindOf[CriteriaSet](true),
	kindOf[Criterion](true),
	kindOf[CriteriaResult](false, "unit_id", "set_id", "year"),
	kindOf[Target](true),
	kindOf[RuleSet](true, "code"),
}

func withKeyWhen(k RecordKind, when string) RecordKind { k.keyWhen = when; return k }

// Kinds lists every kind of record, parents first.
func Kinds() []RecordKind { return append([]RecordKind(nil), kinds...) }

// KindOf returns the kind stored in table (false when there is none).
func KindOf(table string) (RecordKind, bool) {
	for _, k := range kinds {
		if k.Table == table {
			return k, true
		}
	}
	return RecordKind{}, false
}

// Columns are the kind's stored columns in table order of the record: the shared ones (id,
// created_at, updated_at, office_id, version, deleted, sample) first.
func (k RecordKind) Columns() []string {
	cs := allCols(k.newRecord())
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.name
	}
	return out
}

// DerivedColumns are the columns computed from others (search and sort keys): not changes of
// their own, and recomputed by the database that stores the record.
func (k RecordKind) DerivedColumns() map[string]bool {
	out := map[string]bool{}
	for _, c := range allCols(k.newRecord()) {
		if c.derived {
			out[c.name] = true
		}
	}
	return out
}

func tableNames() []string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = k.Table
	}
	return out
}

// Clash finds the live record in q that holds r's natural key (an official code, a unit's review
// of a year …) under another ID: "" when there is none or the kind has no natural key.
func (k RecordKind) Clash(ctx context.Context, q Queryer, r Record) (string, error) {
	if len(k.key) == 0 || r.meta().Deleted {
		return "", nil
	}
	byName := map[string]any{}
	for _, c := range allCols(r) {
		byName[c.name] = value(c.ptr)
	}
	var conds []string
	var args []any
	for _, c := range k.key {
		conds = append(conds, c+" = ?")
		args = append(args, byName[c])
	}
	where := strings.Join(conds, " AND ") + " AND deleted = 0 AND id <> ?"
	args = append(args, r.meta().ID)
	if k.keyWhen != "" {
		// The condition holds for r too, or the key is not unique for it.
		var n int
		check := fmt.Sprintf("SELECT count(*) FROM (SELECT %s) WHERE %s", selectValues(byName, k.keyWhen), k.keyWhen)
		if err := q.QueryRowContext(ctx, check, valuesFor(byName, k.keyWhen)...).Scan(&n); err != nil {
			return "", internal("Không đối chiếu được "+k.Noun, err)
		}
		if n == 0 {
			return "", nil
		}
		where += " AND " + k.keyWhen
	}
	var id string
	err := q.QueryRowContext(ctx, fmt.Sprintf("SELECT id FROM %s WHERE %s LIMIT 1", k.Table, where), args...).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", internal("Không đối chiếu được "+k.Noun, err)
	}
	return id, nil
}

// KeyColumns are the columns of the kind's natural key (none: it has none).
func (k RecordKind) KeyColumns() []string { return append([]string(nil), k.key...) }

// selectValues and valuesFor put the columns a condition names into a one-row SELECT, so that
// SQLite judges the condition on a record that is not stored.
func selectValues(byName map[string]any, cond string) string {
	var parts []string
	for _, n := range condColumns(byName, cond) {
		parts = append(parts, "? AS "+n)
	}
	return strings.Join(parts, ", ")
}

func valuesFor(byName map[string]any, cond string) []any {
	var out []any
	for _, n := range condColumns(byName, cond) {
		out = append(out, byName[n])
	}
	return out
}

func condColumns(byName map[string]any, cond string) []string {
	var out []string
	for n := range byName {
		if containsWord(cond, n) {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

func containsWord(s, w string) bool {
	for i := strings.Index(s, w); i >= 0; {
		end := i + len(w)
		before := i == 0 || !isWordByte(s[i-1])
		after := end == len(s) || !isWordByte(s[end])
		if before && after {
			return true
		}
		j := strings.Index(s[i+1:], w)
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

func isWordByte(b byte) bool { return b == '_' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' }
