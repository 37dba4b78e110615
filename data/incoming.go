package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"encoding/binary"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// This file is the seam the packages under data/ (the exchange between offices, the Excel
// workbooks) stand on: they walk the kinds of record through it, read records from any SQLite
// file in our schema and write records as another office made them. Nothing outside data/ uses it.

// DBForTests is the database handle, for tests that check the file with SQL of their own; no other
// code calls it (TestNoSQLOutsideTheStore).
func (s *Store) DBForTests() *sql.DB { return s.db }

// New makes an empty record of the kind.
func (k RecordKind) New() Record { return k.newRecord() }

// Each reads the records of the kind from q (our database or a package in our schema) that match
// where ("" for all), in the order of their IDs, one at a time.
func (k RecordKind) Each(ctx context.Context, q queryer, where string, fn func(Record) error, args ...any) error {
	return k.EachIn(ctx, q, "", where, fn, args...)
}

// CountLive counts the kind's records that are not deleted.
func (k RecordKind) CountLive(ctx context.Context, q queryer) (int, error) {
	var n int
	if err := q.QueryRowContext(ctx, "SELECT count(*) FROM "+k.Table+" WHERE deleted = 0").Scan(&n); err != nil {
		return 0, internal("Không đếm được "+Noun(k.Table), err)
	}
	return n, nil
}

// EachLive reads the kind's live records (not deleted), in the order of their IDs, one at a time.
func (s *Store) EachLive(ctx context.Context, k RecordKind, fn func(Record) error) error {
	return k.Each(ctx, s.db, "deleted = 0", fn)
}

// EachLiveUnit reads the live units of the levels, in the order of their IDs, one at a time.
func (s *Store) EachLiveUnit(ctx context.Context, fn func(Record) error, levels ...Level) error {
	units, _ := KindOf("units")
	marks := make([]string, len(levels))
	args := make([]any, len(levels))
	for i, l := range levels {
		marks[i], args[i] = "?", string(l)
	}
	return units.Each(ctx, s.db, "deleted = 0 AND level IN ("+strings.Join(marks, ", ")+")", fn, args...)
}

// CountLive counts the kind's live records.
func (s *Store) CountLive(ctx context.Context, k RecordKind) (int, error) {
	return k.CountLive(ctx, s.db)
}

// EachIn is Each on the kind's table in schema ("main", or "pkg" for an attached package).
func (k RecordKind) EachIn(ctx context.Context, q queryer, schema, where string, fn func(Record) error, args ...any) error {
	table := k.Table
	if schema != "" {
		table = schema + "." + table
	}
	query := fmt.Sprintf("SELECT %s FROM %s", colNames(allCols(k.newRecord())), table)
	if where != "" {
		query += " WHERE " + where
	}
	rows, err := q.QueryContext(ctx, query+" ORDER BY id", args...)
	if err != nil {
		return internal("Không đọc được "+k.Noun, err)
	}
	defer rows.Close()
	for rows.Next() {
		r := k.newRecord()
		if err := rows.Scan(scanTargets(allCols(r))...); err != nil {
			return invalid("", "Không đọc được một bản ghi %s: dữ liệu không đúng kiểu", k.Noun)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return internal("Không đọc được "+k.Noun, err)
	}
	return nil
}

// SetDeleted marks a record deleted (or not), to be written by IncomingTx.Put.
func SetDeleted(r Record, on bool) { r.meta().Deleted = on }

// MetaOf returns a record's shared fields.
func MetaOf(r Record) Meta { return *r.meta() }

// Prepare checks a record by the rules it can check alone and puts it in its stored form (text in
// NFC, search and sort keys computed), as every save does.
func Prepare(r Record) error { return prepare(r) }

// Digest is a fingerprint of what a record says: every field but the shared ones and the derived
// keys, plus whether it is deleted. Two offices holding the same content get the same digest.
func Digest(r Record) uint64 {
	h := sha256.New()
	for _, c := range r.cols() {
		if c.derived {
			continue
		}
		v := render(c.ptr)
		fmt.Fprintf(h, "%s=%d:%s\x00", c.name, len(v), v)
	}
	if r.meta().Deleted {
		h.Write([]byte("deleted"))
	}
	return binary.BigEndian.Uint64(h.Sum(nil)[:8])
}

// FieldChange is one field two versions of a record disagree on, as the history shows it. Base
// is, in a conflict, the value both offices had before either changed it (BaseKnown: found).
type FieldChange struct {
	Field, Label, Mine, Theirs string
	Base                       string `json:",omitempty"`
	BaseKnown                  bool   `json:",omitempty"`
}

// Name is what a person calls the field: its label, else its column.
func (f FieldChange) Name() string {
	if f.Label != "" {
		return f.Label
	}
	return f.Field
}

// FillBase finds, for a conflict on the record table/id, the value each field had here when the
// two offices last exchanged it (at since): the value before the first change this office made to
// the field after since, or the value here now when this office has not changed it since. Nothing
// is found without an exchange (since zero) or for a field this office's history does not hold.
func (s *Store) FillBase(ctx context.Context, table, id string, since time.Time, fields []FieldChange) error {
	if since.IsZero() {
		return nil
	}
	for i := range fields {
		f := &fields[i]
		var before sql.NullString
		err := s.db.QueryRowContext(ctx, `SELECT old_value FROM change_log
			WHERE record_table = ? AND record_id = ? AND field = ? AND office_id = ? AND julianday(at) >= julianday(?)
			ORDER BY seq LIMIT 1`, table, id, f.Field, s.office, since.UTC().Format(time.RFC3339Nano)).Scan(&before)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			f.Base, f.BaseKnown = f.Mine, true // not changed here since: theirs is the only change
		case err != nil:
			return internal("Không đọc được lịch sử thay đổi", err)
		default:
			f.Base, f.BaseKnown = before.String, true
		}
	}
	return nil
}

// Differences lists the fields in which two versions of a record differ (deletion included).
func Differences(mine, theirs Record) []FieldChange {
	var out []FieldChange
	mc, tc := mine.cols(), theirs.cols()
	for i := range tc {
		if tc[i].derived {
			continue
		}
		if a, b := render(mc[i].ptr), render(tc[i].ptr); a != b {
			out = append(out, FieldChange{Field: tc[i].name, Label: FieldLabel(tc[i].name), Mine: a, Theirs: b})
		}
	}
	if md, td := mine.meta().Deleted, theirs.meta().Deleted; md != td {
		out = append(out, FieldChange{Field: "deleted", Label: "Đã xóa", Mine: boolText(md), Theirs: boolText(td)})
	}
	return out
}

// TakeFields copies the named fields of from onto to (both of one kind), for a person who settles
// a conflict field by field.
func TakeFields(to, from Record, fields []string) {
	want := map[string]bool{}
	for _, f := range fields {
		want[f] = true
	}
	tc, fc := to.cols(), from.cols()
	for i := range tc {
		if want[tc[i].name] {
			dst, src := reflect.ValueOf(tc[i].ptr), reflect.ValueOf(fc[i].ptr)
			if dst.Kind() == reflect.Pointer {
				dst.Elem().Set(src.Elem())
			} else if jc, ok := tc[i].ptr.(jsonCol); ok {
				reflect.ValueOf(jc.ptr).Elem().Set(reflect.ValueOf(fc[i].ptr.(jsonCol).ptr).Elem())
			} else if ns, ok := tc[i].ptr.(nullString); ok {
				*ns.p = *fc[i].ptr.(nullString).p
			}
		}
	}
	if want["deleted"] {
		to.meta().Deleted = from.meta().Deleted
	}
}

// AddedNote is the history's line for a record that came from another office.
const AddedNote = "tạo mới (nhận từ đơn vị khác)"

// IncomingTx writes records as another office made them, all in one transaction.
type IncomingTx struct {
	ctx context.Context
	tx  *sql.Tx
	a   actor
}

// Incoming runs fn in one transaction in which references are checked at the commit: every
// record fn puts is written, or none is.
func (s *Store) Incoming(ctx context.Context, fn func(t *IncomingTx) error) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return s.incoming(ctx, tx, fn) })
}

func (s *Store) incoming(ctx context.Context, tx *sql.Tx, fn func(t *IncomingTx) error) error {
	if _, err := tx.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
		return internal("Không bắt đầu được việc nhập dữ liệu", err)
	}
	if err := fn(&IncomingTx{ctx: ctx, tx: tx, a: s.actor(ctx)}); err != nil {
		return err
	}
	// The submissions that came in lock or free figures here from now on.
	return refreshLocksTx(ctx, tx)
}

// Attached is a connection to the store with a package attached, read-only and untrusted, as
// schema "pkg": for comparing and copying records inside SQLite.
type Attached struct {
	s    *Store
	Conn *sql.Conn
}

// Attach runs fn on a connection with the SQLite file at path attached as "pkg" (read-only;
// nothing of its schema runs).
func (s *Store) Attach(ctx context.Context, path string, fn func(a *Attached) error) error {
	a, err := s.OpenAttached(ctx, path)
	if err != nil {
		return err
	}
	defer a.Close()
	return fn(a)
}

// OpenAttached is Attach for a connection kept open across several steps (a review, then the
// import it shows): Close gives it back.
func (s *Store) OpenAttached(ctx context.Context, path string) (*Attached, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, internal("Không mở được kết nối cơ sở dữ liệu", err)
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA trusted_schema = OFF"); err != nil {
		conn.Close()
		return nil, internal("Không mở được gói dữ liệu", err)
	}
	if _, err := conn.ExecContext(ctx, "ATTACH DATABASE ? AS pkg", readOnlyURI(path)); err != nil {
		conn.ExecContext(context.Background(), "PRAGMA trusted_schema = ON")
		conn.Close()
		return nil, internal("Không mở được gói dữ liệu", err)
	}
	// A review and an import read every record of the package: its private copy is mapped into
	// memory (no system call per page). The database itself is not: a review reads each of its
	// records once by ID, and a national file mapped as well made the process hold 1.25 GB; with a
	// small cache the whole import stays near 660 MB and is no slower (measured, README). The
	// connection is dropped after (Close), settings and all.
	for _, p := range []string{"PRAGMA main.mmap_size = 0", "PRAGMA main.cache_size = -16384", "PRAGMA pkg.mmap_size = 4294967296"} {
		if _, err := conn.ExecContext(ctx, p); err != nil {
			conn.Raw(func(any) error { return driver.ErrBadConn })
			conn.Close()
			return nil, internal("Không mở được gói dữ liệu", err)
		}
	}
	return &Attached{s: s, Conn: conn}, nil
}

// Close detaches the package, drops the connection's temporary tables and gives the connection
// back to the pool.
func (a *Attached) Close() {
	if a == nil || a.Conn == nil {
		return
	}
	ctx := context.Background()
	a.Conn.ExecContext(ctx, "DETACH DATABASE pkg")
	a.Conn.ExecContext(ctx, "PRAGMA trusted_schema = ON")
	a.Conn.Raw(func(any) error { return driver.ErrBadConn }) // temporary tables go with the connection
	a.Conn.Close()
	a.Conn = nil
}

// Store is the store the package is attached to.
func (a *Attached) Store() *Store { return a.s }

// readOnlyURI names a file for SQLite to open read-only, whatever characters its path holds.
func readOnlyURI(path string) string {
	return "file:" + strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(filepath.ToSlash(path)) + "?mode=ro"
}

// Incoming is Store.Incoming on the attached connection: the package's rows can be copied in
// SQL within the transaction.
func (a *Attached) Incoming(ctx context.Context, fn func(t *IncomingTx) error) error {
	if a.s.readOnly {
		return errReadOnly(a.s.path)
	}
	// A national import writes a million rows in one transaction: its changed pages past this
	// cache go to the write-ahead log as it runs instead of piling up in memory (with 64 MB of cache
	// the process grew by 400 MB while it remembered the records).
	if _, err := a.Conn.ExecContext(ctx, "PRAGMA main.cache_size = -8192"); err != nil {
		return internal("Không bắt đầu được giao dịch", err)
	}
	tx, err := a.Conn.BeginTx(ctx, nil)
	if err != nil {
		return internal("Không bắt đầu được giao dịch", err)
	}
	defer tx.Rollback()
	if err := a.s.incoming(ctx, tx, fn); err != nil {
		return err
	}
	if err := commitErr(tx.Commit()); err != nil {
		return err
	}
	a.s.dataWritten()
	return nil
}

// Stamp names one state of a record: when, where and at which version it was last changed.
// Offices remember what they exchanged by it.
func Stamp(m Meta) string {
	return m.UpdatedAt.Time().Format(time.RFC3339Nano) + "|" + m.OfficeID + "|" + strconv.Itoa(m.Version)
}

// StampSQL is Stamp in SQL, of the row named alias.
func StampSQL(alias string) string {
	return fmt.Sprintf("%[1]s.updated_at || '|' || %[1]s.office_id || '|' || %[1]s.version", alias)
}

// Normalise is Prepare for a record that comes from another office, which also checks the shared
// fields another program wrote and tells whether the record changed: text not in NFC, keys out of
// date. A record that comes in unchanged can be copied as it is.
func Normalise(r Record) (changed bool, err error) {
	m := r.meta()
	switch {
	case m.Version < 1:
		return false, invalid("version", "Số phiên bản %d không hợp lệ", m.Version)
	case m.OfficeID == "":
		return false, invalid("office_id", "Không ghi đơn vị đã nhập bản ghi")
	case m.UpdatedAt.IsZero() || m.CreatedAt.IsZero():
		return false, invalid("updated_at", "Không ghi thời điểm nhập bản ghi")
	}
	cs := r.cols()
	before := textOf(cs)
	if err := prepareCols(r, cs); err != nil {
		return false, err
	}
	return !slices.Equal(before, textOf(cs)), nil
}

// Brief names a record for a person in a few words from its own fields ("Xã Đắk Blô, mã 23503",
// "năm 2024"), or "" when it has none that say which it is.
func Brief(r Record) string {
	switch v := r.(type) {
	case *Unit:
		if v.Code != "" {
			return short(v.Name) + ", mã " + short(v.Code)
		}
		return short(v.Name)
	case *Review:
		return fmt.Sprintf("năm %d", v.Year)
	case *CriteriaResult:
		return fmt.Sprintf("năm %d", v.Year)
	case *TwinningUnit:
		return short(v.Name)
	}
	return ""
}

// short cuts a name read from elsewhere to what a message can hold, with what cannot be printed
// shown as "?".
func short(s string) string {
	r := []rune(strings.Map(func(r rune) rune {
		if controlChar(r) || r == utf8.RuneError {
			return '?'
		}
		return r
	}, s))
	if len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return string(r)
}

// CopyFromPackage copies the kind's rows of the attached package whose IDs idQuery selects, as
// they are, into the database, with a line of history for each under source. The rows must have
// been checked (Normalise) first.
func (t *IncomingTx) CopyFromPackage(k RecordKind, idQuery string, source, note string) (int, error) {
	cols := colNames(allCols(k.newRecord()))
	res, err := t.tx.ExecContext(t.ctx, fmt.Sprintf("INSERT INTO main.%s (%s) SELECT %s FROM pkg.%s WHERE id IN (%s)", k.Table, cols, cols, k.Table, idQuery))
	if err != nil {
		return 0, dbError(k.Table, err)
	}
	n, _ := res.RowsAffected()
	if n == 0 {
		return 0, nil
	}
	// One line of history for the rows copied, and a short row per record pointing to it (a
	// line each made a national import grow the file by 290 MB).
	a := t.a
	a.office = source
	if err := logChange(t.ctx, t.tx, a, k.Table, "", "", "", note); err != nil {
		return 0, err
	}
	_, err = t.tx.ExecContext(t.ctx, fmt.Sprintf(`INSERT OR REPLACE INTO change_received (record_table, record_id, seq)
		SELECT ?, id, (SELECT max(seq) FROM change_log) FROM (%s)`, idQuery), k.Table)
	if err != nil {
		return 0, internal("Không ghi được lịch sử thay đổi", err)
	}
	return int(n), nil
}

// Put writes r as the office source made it: inserted when old is nil, otherwise written over
// old (the local version of the same record). The record keeps its identity, its version (at
// least one more than old's, so that an edit open on a screen meets a conflict), the office and
// time of its last change; the change history gets every changed field, under source.
func (t *IncomingTx) Put(r, old Record, source string) error {
	if err := prepare(r); err != nil {
		return err
	}
	m := r.meta()
	a := t.a
	a.office = source
	cs := allCols(r)
	if old == nil {
		q := fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", r.table(), colNames(cs), placeholders(len(cs)))
		if _, err := t.tx.ExecContext(t.ctx, q, values(cs)...); err != nil {
			return dbError(r.table(), err)
		}
		return logChange(t.ctx, t.tx, a, r.table(), m.ID, "", "", AddedNote)
	}
	om := old.meta()
	if om.Version >= m.Version {
		m.Version = om.Version + 1
	}
	sets := make([]string, len(cs))
	for i, c := range cs {
		sets[i] = c.name + " = ?"
	}
	q := fmt.Sprintf("UPDATE %s SET %s WHERE id = ?", r.table(), strings.Join(sets, ", "))
	if _, err := t.tx.ExecContext(t.ctx, q, append(values(cs), m.ID)...); err != nil {
		return dbError(r.table(), err)
	}
	for _, d := range Differences(old, r) {
		if err := logChange(t.ctx, t.tx, a, r.table(), m.ID, d.Field, d.Mine, d.Theirs); err != nil {
			return err
		}
	}
	return nil
}

// Note writes one line of history about the whole transaction (what was imported, from where).
func (t *IncomingTx) Note(table, field, text string) error {
	return logChange(t.ctx, t.tx, t.a, table, "", field, "", text)
}

// MarkSampleData marks the database as holding invented demonstration figures (records came in
// marked so), for the banner the screens show.
func (t *IncomingTx) MarkSampleData() error { return setSampleData(t.ctx, t.tx, true) }

// At is the transaction's time.
func (t *IncomingTx) At() time.Time { return t.a.at }

// Person is who runs the transaction.
func (t *IncomingTx) Person() string { return t.a.person }
