package data

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"

	"ketnghia/data/vntext"
)

// Problem is one thing Check found wrong. Record names it as a person knows it ("Rà soát năm 2024
// của Xã Đắk Rơ Nga, Huyện Đắk Tô"); Table, ID and Field are for scripts and support.
type Problem struct {
	Table      string `json:"table"`
	ID         string `json:"id"`
	Record     string `json:"record"`
	Year       int    `json:"year,omitempty"`
	Field      string `json:"field"`
	FieldLabel string `json:"field_label,omitempty"`
	Detail     string `json:"detail"`
}

func (p Problem) String() string {
	where := p.Record
	if where == "" {
		where = Noun(p.Table)
	}
	if p.FieldLabel != "" {
		where += ", " + vntext.LowerFirst(p.FieldLabel)
	}
	return where + ": " + p.Detail
}

// Check runs SQLite's integrity and foreign-key checks and every validation rule over every stored
// record. It changes nothing.
func (s *Store) Check(ctx context.Context) ([]Problem, error) {
	// SQLite's own checks and each kind's records are separate pieces of work, run side by side on
	// as many cores as there are (each on its own connection), the largest first; the problems
	// come out in the same order whatever finished first.
	// The search indexes' check is written as a write: on a file with a rollback journal (a
	// network drive) it runs first and alone, as it would wait for the readers below and make them
	// wait; with the write-ahead log it runs beside them.
	var out []Problem
	if s.noWAL {
		var err error
		if out, err = s.checkSearch(ctx); err != nil {
			return nil, err
		}
	}
	ctx = withLookups(ctx)
	lookupsOf(ctx).units = sync.OnceValue(func() error { return s.preloadUnits(ctx) })
	workers := max(runtime.NumCPU(), 2)
	tasks := []func() ([]Problem, error){func() ([]Problem, error) { return s.checkFile(ctx) }}
	order := []int{0} // SQLite's own checks are the longest piece that cannot be cut: first
	if !s.noWAL {
		tasks = append(tasks, func() ([]Problem, error) { return s.checkSearch(ctx) })
		order = append(order, 1)
	}
	for _, k := range kinds {
		// A large table is cut into row ranges, one per core.
		var lo, hi, n int64
		if err := s.db.QueryRowContext(ctx, "SELECT coalesce(min(rowid), 0), coalesce(max(rowid), 0), count(*) FROM "+k.Table).Scan(&lo, &hi, &n); err != nil {
			return nil, internal("Không đọc được "+k.Noun, err)
		}
		parts := int64(1)
		if n > 50_000 {
			parts = int64(2 * workers) // smaller pieces even out the cores' loads at the end
		}
		step := (hi-lo)/parts + 1
		for p := range parts {
			from, to := lo+p*step, lo+(p+1)*step-1
			cond := fmt.Sprintf("rowid BETWEEN %d AND %d", from, to)
			if parts == 1 {
				cond = ""
			}
			if n > 50_000 {
				order = append(order, len(tasks)) // the large ones first
			}
			tasks = append(tasks, func() ([]Problem, error) { return k.check(ctx, s, cond) })
		}
	}
	for i := range tasks {
		if !slices.Contains(order, i) {
			order = append(order, i)
		}
	}
	results := make([][]Problem, len(tasks))
	errs := make([]error, len(tasks))
	next := make(chan int, len(tasks))
	for _, i := range order {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range max(runtime.NumCPU(), 2) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i], errs[i] = tasks[i]()
			}
		}()
	}
	wg.Wait()
	for i := range tasks {
		if errs[i] != nil {
			return nil, errs[i]
		}
		out = append(out, results[i]...)
	}
	for i := range out {
		if err := s.nameProblem(ctx, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// checkFile runs SQLite's integrity and foreign-key checks.
func (s *Store) checkFile(ctx context.Context) ([]Problem, error) {
	var out []Problem
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, internal("Không kiểm tra được tính toàn vẹn", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA cache_size = -16384"); err != nil {
		return nil, internal("Không kiểm tra được tính toàn vẹn", err)
	}
	defer conn.ExecContext(context.Background(), "PRAGMA cache_size = -65536")
	rows, err := conn.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return nil, internal("Không kiểm tra được tính toàn vẹn", err)
	}
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			rows.Close()
			return nil, internal("Không kiểm tra được tính toàn vẹn", err)
		}
		if msg != "ok" {
			out = append(out, Problem{Table: "sqlite", Detail: "Tệp bị hỏng: " + msg})
		}
	}
	rows.Close()
	fk, err := conn.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return nil, internal("Không kiểm tra được khóa ngoại", err)
	}
	defer fk.Close()
	for fk.Next() {
		var table, parent string
		var rowid, idx any
		if err := fk.Scan(&table, &rowid, &parent, &idx); err != nil {
			return nil, internal("Không kiểm tra được khóa ngoại", err)
		}
		out = append(out, Problem{Table: table, Detail: fmt.Sprintf("Dòng %v tham chiếu đến %s không tồn tại", rowid, Noun(parent))})
	}
	return out, fk.Err()
}

// searchIndexes are the trigram indexes over the folded names, with the tables they index.
var searchIndexes = []struct{ table, fts, what string }{
	{"units", "units_fts", "đơn vị hành chính"},
	{"twinning_units", "twinning_fts", "cơ quan kết nghĩa"},
}

// checkSearch runs FTS5's own integrity check of each search index against its table. The check is
// written as an INSERT and changes nothing, but needs a file it could write: a read-only one skips it.
func (s *Store) checkSearch(ctx context.Context) ([]Problem, error) {
	if s.readOnly {
		return nil, nil
	}
	var out []Problem
	for _, ix := range searchIndexes {
		_, err := s.db.ExecContext(ctx, fmt.Sprintf("INSERT INTO %[1]s(%[1]s, rank) VALUES ('integrity-check', 1)", ix.fts))
		switch {
		case err == nil:
		case strings.Contains(err.Error(), "malformed") || strings.Contains(err.Error(), "corrupt"):
			out = append(out, Problem{Table: "sqlite", Detail: fmt.Sprintf("Chỉ mục tìm kiếm %s không khớp với danh sách (có %s gõ tên vào ô tìm sẽ không thấy); hãy chạy ketnghia check --repair --db TỆP để dựng lại chỉ mục", ix.what, ix.what)})
		case strings.Contains(err.Error(), "readonly"):
			return out, nil // a file that cannot be written after all
		default:
			return nil, internal("Không kiểm tra được chỉ mục tìm kiếm (tệp đang bận?); hãy thử lại", err)
		}
	}
	return out, nil
}

// RepairSearch rebuilds the search indexes from their tables (what check --repair does when the
// check finds one that does not match).
func (s *Store) RepairSearch(ctx context.Context) error {
	if s.readOnly {
		return errReadOnly(s.path)
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, ix := range searchIndexes {
			if _, err := tx.ExecContext(ctx, fmt.Sprintf("INSERT INTO %[1]s(%[1]s) VALUES ('rebuild')", ix.fts)); err != nil {
				return internal("Không dựng lại được chỉ mục tìm kiếm", err)
			}
		}
		return nil
	})
	// FTS5 keeps what it read of an index with each connection: a pooled connection that had
	// searched before the rebuild was once seen (CI, not reproduced in many runs) to report the
	// rebuilt index as corrupt to the check that followed, as check --repair runs it. The
	// connections left idle go; the next reads open fresh ones.
	s.db.SetMaxIdleConns(0)
	s.db.SetMaxIdleConns(2)
	return err
}

// lookups remember, for the length of one check, the records the rules look up again and again
// (a review's unit, a result's criteria set): the check reads each once instead of once per record
// that refers to it. With lookups in the context the rules also leave out what the schema's unique
// indexes already guarantee (and integrity_check verifies).
type lookups struct {
	mu      sync.Mutex
	records map[string]any // table/id → a copy of the record, or nil when there is none
	values  map[string]any // other answers, by query and arguments
	// units reads every live unit into records, once, when a rule first looks one up (while
	// SQLite's own checks run on another core).
	units func() error
}

type lookupsKey struct{}

func withLookups(ctx context.Context) context.Context {
	return context.WithValue(ctx, lookupsKey{}, &lookups{records: map[string]any{}, values: map[string]any{}})
}

func lookupsOf(ctx context.Context) *lookups {
	l, _ := ctx.Value(lookupsKey{}).(*lookups)
	return l
}

// preloadUnits reads every live unit into the check's lookups in one pass: the records that
// refer to units (a million reviews on a national file) then find theirs in memory instead of
// asking the database once per unit (a statement prepared each time: 5 s of a 17 s check).
func (s *Store) preloadUnits(ctx context.Context) error {
	l := lookupsOf(ctx)
	var zero Unit
	rows, err := s.db.QueryContext(ctx, fmt.Sprintf("SELECT %s FROM units WHERE deleted = 0", colNames(allCols(&zero))))
	if err != nil {
		return internal("Không đọc được đơn vị", err)
	}
	defer rows.Close()
	read := map[string]any{}
	for rows.Next() {
		u := new(Unit)
		if err := rows.Scan(scanTargets(allCols(u))...); err != nil {
			return internal("Không đọc được đơn vị", err)
		}
		read["units/"+u.ID] = u
	}
	if err := rows.Err(); err != nil {
		return internal("Không đọc được đơn vị", err)
	}
	l.mu.Lock()
	maps.Copy(l.records, read)
	l.mu.Unlock()
	return nil
}

// uniqueByIndex says the uniqueness a unique index enforces need not be asked again (a check).
func uniqueByIndex(ctx context.Context) bool { return lookupsOf(ctx) != nil }

// writeMemoKey keeps, while many records are written in one transaction (an import), the
// answers of look-ups that the records written before cannot change for the ones after (a cause
// group's code, a criteria set's criteria: their kinds are written first).
type writeMemoKey struct{}

func withWriteMemo(ctx context.Context) context.Context {
	return context.WithValue(ctx, writeMemoKey{}, &lookups{values: map[string]any{}, records: map[string]any{}})
}

// remembered answers a look-up once per check, or per import: get computes it the first time.
func remembered[T any](ctx context.Context, key string, get func() (T, error)) (T, error) {
	l := lookupsOf(ctx)
	if l == nil {
		l, _ = ctx.Value(writeMemoKey{}).(*lookups)
	}
	if l == nil {
		return get()
	}
	l.mu.Lock()
	v, ok := l.values[key]
	l.mu.Unlock()
	if ok {
		return v.(T), nil
	}
	out, err := get()
	if err == nil {
		l.mu.Lock()
		l.values[key] = out
		l.mu.Unlock()
	}
	return out, err
}

// nameProblem fills in how a person knows the record a problem is about.
func (s *Store) nameProblem(ctx context.Context, p *Problem) error {
	p.FieldLabel = FieldLabel(p.Field)
	if p.ID == "" {
		if p.Table == "sqlite" {
			p.Record = "Tệp cơ sở dữ liệu"
		} else {
			p.Record = "Bảng " + Noun(p.Table)
		}
		return nil
	}
	if k, ok := KindOf(p.Table); ok && k.describe != nil {
		k.describe(ctx, s, k.Noun, p)
	}
	if p.Record == "" {
		p.Record = Noun(p.Table) + " (mã bản ghi " + p.ID + ")"
	}
	return nil
}

// checkAll runs every rule over every live record of T, streaming them.
func checkAll[T any, PT interface {
	*T
	record
}](ctx context.Context, s *Store, cond string) ([]Problem, error) {
	var zero T
	table := PT(&zero).table()
	cs := allCols(PT(&zero))
	where := "deleted = 0"
	if cond != "" {
		where += " AND " + cond
	}
	// A connection of its own with a small page cache: a table is read once, front to back, and
	// several are read side by side.
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, internal("Không đọc được "+Noun(table), err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA cache_size = -4096"); err != nil {
		return nil, internal("Không đọc được "+Noun(table), err)
	}
	defer conn.ExecContext(context.Background(), "PRAGMA cache_size = -65536")
	rows, err := conn.QueryContext(ctx, fmt.Sprintf("SELECT %s FROM %s WHERE %s", colNames(cs), table, where))
	if err != nil {
		return nil, internal("Không đọc được "+Noun(table), err)
	}
	defer rows.Close()
	// One record at a time: the national file's reviews do not fit in memory at once.
	var out []Problem
	// One record read into again and again, its columns listed once: a million reviews made a
	// million listings for the garbage collector.
	var item T
	r := PT(&item)
	targets := scanTargets(allCols(r))
	for rows.Next() {
		item = zero
		if err := rows.Scan(targets...); err != nil {
			return nil, internal("Không đọc được "+Noun(table), err)
		}
		id := r.meta().ID
		changed, err := Normalise(r)
		if err != nil {
			out = append(out, problemOf(table, id, err))
			continue
		}
		if changed {
			out = append(out, Problem{Table: table, ID: id, Detail: "Văn bản chưa ở dạng chuẩn Unicode NFC hoặc khóa tìm kiếm đã cũ"})
		}
		if v, ok := any(r).(dbValidator); ok {
			if err := v.validateDB(ctx, s.db); err != nil {
				out = append(out, problemOf(table, id, err))
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, internal("Không đọc được "+Noun(table), err)
	}
	return out, nil
}

// textOf is a record's text: what putting it in stored form (NFC, search and sort keys) may
// change, and all of it.
func textOf(cs []col) []string {
	var out []string
	for _, c := range cs {
		switch p := c.ptr.(type) {
		case *string:
			out = append(out, *p)
		case *[]byte:
			out = append(out, string(*p))
		default:
			if v := reflect.ValueOf(c.ptr); v.Kind() == reflect.Pointer && v.Elem().Kind() == reflect.String {
				out = append(out, v.Elem().String())
			}
		}
	}
	return out
}

func problemOf(table, id string, err error) Problem {
	p := Problem{Table: table, ID: id, Detail: Message(err)}
	if e, ok := err.(*Error); ok {
		p.Field = e.Field
	}
	return p
}

// Describe names a record as a person knows it ("Rà soát năm 2024 của Xã Đắk Rơ Nga, Huyện Đắk Tô"),
// for the screens that list records of many kinds (the exchange's conflicts).
func (s *Store) Describe(ctx context.Context, table, id string) string {
	p := Problem{Table: table, ID: id}
	if err := s.nameProblem(ctx, &p); err != nil || p.Record == "" {
		return vntext.UpperFirst(Noun(table))
	}
	return p.Record
}

// forgetMemo empties the write memo's records (after a savepoint rolled back).
func forgetMemo(ctx context.Context) {
	if m, _ := ctx.Value(writeMemoKey{}).(*lookups); m != nil && m.records != nil {
		m.mu.Lock()
		clear(m.records)
		m.mu.Unlock()
	}
}
