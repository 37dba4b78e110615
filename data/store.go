package data

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	_ "modernc.org/sqlite"
)

// ApplicationID marks a SQLite file as KetNghia's ("KNG1").
const ApplicationID = 0x4B4E4731

//go:embed migrations/*.sql
var migrationFiles embed.FS

// SchemaVersion is the number of the newest migration this build knows.
var SchemaVersion = len(mustMigrations())

type migration struct {
	version int
	name    string
	sql     string
	// workingOnly: the migration touches only what a package does not hold (triggers, search
	// indexes), so an older package is brought up to date without running it. Its file says so
	// on its first line: "-- working database only".
	workingOnly bool
}

func mustMigrations() []migration {
	ms, err := loadMigrations()
	if err != nil {
		panic(err)
	}
	return ms
}

func loadMigrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with its number", e.Name())
		}
		b, err := migrationFiles.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(b), workingOnly: strings.HasPrefix(string(b), "-- working database only")})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: expected number %d", m.name, i+1)
		}
	}
	return ms, nil
}

// Store is KetNghia's database: one SQLite file.
type Store struct {
	db       *sql.DB
	path     string
	now      func() time.Time
	office   string
	person   string
	lock     *instanceLock
	noWAL    bool
	shared   bool
	unmapped bool
	// readOnly: the file or its folder cannot be written (a CD, a write-protected stick, a
	// read-only share): it was opened to be read only, and every write is refused with a message.
	readOnly bool
	// listeners are the views told when the records change (OnDataChanged).
	listeners listeners
	// restores counts the restores made through this store (Restores).
	restores atomic.Int64
}

// Options tune Open.
type Options struct {
	// Now is the clock (time.Now when nil); tests and reports inject a fixed one.
	Now func() time.Time
	// MustExist refuses to create a new file.
	MustExist bool
	// ReadOnly opens without writing anything (no migration).
	ReadOnly bool
	// ReadOnlyOK opens a file that cannot be written (it or its folder is read-only) for reading
	// instead of failing: the window shows it as "chỉ xem", the reading commands work as usual.
	ReadOnlyOK bool
	// Shared opens without the instance lock, for commands that only read (check, stats, progress,
	// assess): they may run while a window has the file open. Every other open takes the lock, and
	// a second writer is refused with a Vietnamese message.
	Shared bool
	// NoWAL keeps a rollback journal with every commit synced (synchronous FULL), for a file on a
	// removable or network drive: SQLite's write-ahead log needs shared memory that network file
	// systems do not give, and a USB stick pulled out loses what a log had not yet copied back.
	NoWAL bool
	// CacheMB is each connection's page cache (0: 64 MB, what bulk work on a national-scale file
	// wants). The window takes less: its reads are small, and it opens several connections.
	CacheMB int
	// Unmapped reads large parts of the file through system calls rather than by mapping it
	// into memory: for the window, where a mapped read of a national-scale file counted the
	// whole file (550 MB) in the program's memory while it read. Bulk commands map it (faster).
	Unmapped bool
}

// Open opens the database at path, creating it (with an empty schema) when there is no file yet.
// A file that is not a KetNghia database, or that a newer version of the program wrote, is refused
// with a Vietnamese message and left exactly as it was.
func Open(ctx context.Context, path string, opt Options) (*Store, error) {
	if err := inspectFile(path, opt.MustExist); err != nil {
		return nil, err
	}
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "busy_timeout(10000)")
	cacheMB := opt.CacheMB
	if cacheMB <= 0 {
		cacheMB = 64 // national-scale indexes fit
	}
	q.Add("_pragma", fmt.Sprintf("cache_size(%d)", -cacheMB*1024))
	if opt.NoWAL {
		q.Add("_pragma", "synchronous(FULL)")
	} else {
		q.Add("_pragma", "synchronous(NORMAL)") // with WAL: durable at checkpoints, never corrupt
	}
	q.Add("_txlock", "immediate")
	readOnlyMedium := false
	if opt.ReadOnlyOK && !opt.ReadOnly && cannotWrite(path) {
		opt.ReadOnly, readOnlyMedium = true, true
	}
	if opt.ReadOnly {
		q.Add("mode", "ro")
	}
	if readOnlyMedium {
		// Nothing can be written beside the file, not even the shared-memory file a WAL database
		// needs to be read: SQLite must take the file as it is.
		q.Add("immutable", "1")
	}
	dsn := "file:" + filepath.ToSlash(path) + "?" + q.Encode()
	var lock *instanceLock
	if !opt.ReadOnly && !opt.Shared {
		l, err := lockInstance(path)
		if err != nil {
			return nil, err
		}
		lock = l
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		lock.release()
		return nil, internal("Không mở được cơ sở dữ liệu", err)
	}
	s := &Store{db: db, path: path, now: opt.Now, lock: lock, noWAL: opt.NoWAL, shared: opt.Shared, readOnly: opt.ReadOnly, unmapped: opt.Unmapped}
	if s.now == nil {
		s.now = time.Now
	}
	if err := s.setup(ctx, opt.ReadOnly); err != nil {
		db.Close()
		lock.release()
		return nil, err
	}
	return s, nil
}

// inspectFile reads the SQLite header (without opening the file through SQLite, which could write
// to it) and refuses what is not ours.
func inspectFile(path string, mustExist bool) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		if mustExist {
			return &Error{Kind: KindNotFound, Field: "db", Msg: fmt.Sprintf("Không tìm thấy tệp cơ sở dữ liệu %s. Hãy kiểm tra lại tên tệp và thư mục; một cơ sở dữ liệu mới được tạo bằng lệnh init hoặc khi mở chương trình.", path), Err: err}
		}
		return nil
	}
	if err != nil {
		return internal(fmt.Sprintf("Không đọc được tệp %s", path), err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return internal(fmt.Sprintf("Không đọc được tệp %s", path), err)
	}
	if st.IsDir() {
		return invalid("db", "%s là một thư mục, không phải tệp cơ sở dữ liệu", path)
	}
	if st.Size() == 0 {
		if mustExist {
			return invalid("db", "Tệp %s rỗng, không phải là cơ sở dữ liệu KetNghia", path)
		}
		return nil
	}
	head := make([]byte, 100)
	if _, err := io.ReadFull(f, head); err != nil || !bytes.HasPrefix(head, []byte("SQLite format 3\x00")) {
		return invalid("db", "Tệp %s không phải là cơ sở dữ liệu KetNghia (không phải tệp SQLite). Tệp được giữ nguyên, không bị thay đổi.", path)
	}
	userVersion := int(binary.BigEndian.Uint32(head[60:64]))
	appID := binary.BigEndian.Uint32(head[68:72])
	if appID != ApplicationID {
		return invalid("db", "Tệp %s là cơ sở dữ liệu SQLite của chương trình khác, không phải của KetNghia. Tệp được giữ nguyên, không bị thay đổi.", path)
	}
	if userVersion > SchemaVersion {
		return invalid("db", "Tệp %s được tạo bởi phiên bản KetNghia mới hơn (cấu trúc số %d, phiên bản này chỉ hiểu đến số %d). Hãy cập nhật chương trình; tệp được giữ nguyên.", path, userVersion, SchemaVersion)
	}
	return nil
}

func (s *Store) setup(ctx context.Context, readOnly bool) error {
	var appID, version int
	if err := s.db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		// The header was read and is ours (inspectFile): SQLite could not open it for another
		// reason, which must not be called "not a KetNghia database".
		if isReadOnlyErr(err) || strings.Contains(err.Error(), "readonly") {
			return &Error{Kind: KindInvalid, Field: "db", Err: err, Msg: fmt.Sprintf(
				"Không mở được tệp %s vì nó hoặc thư mục chứa nó không ghi được. Hãy chép tệp sang một thư mục ghi được (ví dụ Tài liệu) rồi mở bản chép.", s.path)}
		}
		return &Error{Kind: KindInternal, Field: "db", Err: err, Msg: fmt.Sprintf(
			"Không đọc được tệp %s: tệp có thể đang bị chương trình khác khoá, bị hỏng hoặc không có quyền đọc. Hãy đóng các chương trình khác rồi thử lại, hoặc dùng một bản sao lưu.", s.path)}
	}
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return internal("Không đọc được phiên bản cơ sở dữ liệu", err)
	}
	// The header check ran before SQLite saw the file; SQLite's own answer is the authority.
	if appID != 0 && appID != ApplicationID {
		return invalid("db", "Tệp %s không phải là cơ sở dữ liệu KetNghia. Tệp được giữ nguyên.", s.path)
	}
	if appID == 0 {
		var n int
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&n); err != nil {
			return internal("Không đọc được cấu trúc cơ sở dữ liệu", err)
		}
		if n > 0 {
			return invalid("db", "Tệp %s là cơ sở dữ liệu của chương trình khác. Tệp được giữ nguyên.", s.path)
		}
	}
	if version > SchemaVersion {
		return invalid("db", "Tệp %s được tạo bởi phiên bản KetNghia mới hơn. Hãy cập nhật chương trình; tệp được giữ nguyên.", s.path)
	}
	if readOnly {
		if version < SchemaVersion {
			return invalid("db", "Tệp %s do phiên bản KetNghia cũ hơn tạo ra và cần được nâng cấp, nhưng nằm ở nơi chỉ đọc được. Hãy chép tệp sang một thư mục ghi được (ví dụ Tài liệu) rồi mở bản chép.", s.path)
		}
		return s.loadIdentity(ctx)
	}
	if appID == 0 {
		if _, err := s.db.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
			return internal("Không ghi được dấu nhận dạng cơ sở dữ liệu", err)
		}
	}
	if err := s.migrate(ctx, version); err != nil {
		return err
	}
	if err := s.ensureDerived(ctx); err != nil {
		// Only a cache: without it figures are computed each time.
		log.Printf("derived_cache not created in %s: %v", s.path, err)
	}
	journal := "WAL"
	if s.noWAL {
		journal = "DELETE"
	}
	// A shared reader leaves the mode to the writer that may have the file open.
	if !s.shared {
		if _, err := s.db.ExecContext(ctx, "PRAGMA journal_mode = "+journal); err != nil {
			return internal("Không đặt được chế độ nhật ký "+journal, err)
		}
	}
	if err := s.ensureIdentity(ctx); err != nil {
		return err
	}
	return s.loadIdentity(ctx)
}

func (s *Store) migrate(ctx context.Context, from int) error {
	ms, err := loadMigrations()
	if err != nil {
		return internal("Các tệp nâng cấp cấu trúc bị hỏng", err)
	}
	for _, m := range ms[from:] {
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
				version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations VALUES (?, ?, ?)",
				m.version, m.name, s.now().UTC().Format(time.RFC3339)); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version))
			return err
		})
		if err != nil {
			return internal(fmt.Sprintf("Nâng cấp cấu trúc %s thất bại", m.name), err)
		}
	}
	return nil
}

// ensureIdentity gives a new database its office UUID and default settings, and every database the
// reference records it lacks.
func (s *Store) ensureIdentity(ctx context.Context) error {
	// A file opened again has them all: that is read without taking the file for writing, which
	// would wait for a window writing to it (a report run beside it) and cost every command ~100
	// queries.
	var id string
	if err := s.db.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = 'office_id'").Scan(&id); err == nil {
		if missing, err := missingReference(ctx, s.db); err == nil && len(missing) == 0 {
			return nil
		}
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var id string
		err := tx.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = 'office_id'").Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			id = uuid.NewString()
			def := DefaultSettings()
			def.OfficeID = id
			if err := writeSettings(ctx, tx, def); err != nil {
				return err
			}
			if _, err = tx.ExecContext(ctx, "INSERT INTO offices(id, name) VALUES (?, ?)", id, def.OfficeName); err != nil {
				return err
			}
		} else if err != nil {
			return err
		}
		return seedReference(ctx, tx, actor{office: id, person: "KetNghia", at: s.now().UTC()})
	})
}

func (s *Store) loadIdentity(ctx context.Context) error {
	st, err := s.Settings(ctx)
	if err != nil {
		return err
	}
	s.office, s.person = st.OfficeID, st.Person
	return nil
}

// Close checkpoints the write-ahead log and closes the file.
func (s *Store) Close() error {
	if !s.noWAL && !s.shared {
		_, _ = s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	}
	err := s.db.Close()
	s.lock.release()
	return err
}

// JournalMode is SQLite's journal mode for this file: "wal", or "delete" on removable and network
// drives.
func (s *Store) JournalMode(ctx context.Context) (string, error) {
	var m string
	err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&m)
	return m, err
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// ReadOnly reports whether the store was opened to be read only: nothing can be saved.
func (s *Store) ReadOnly() bool { return s.readOnly }

// OfficeID is this database's office identity.
func (s *Store) OfficeID() string { return s.office }

// Now is the store's clock.
func (s *Store) Now() time.Time { return s.now() }

// Today is the store's clock as a Date.
func (s *Store) Today() Date { return DateOf(s.now()) }

type personKey struct{}

// WithPerson names who is making the changes done with ctx, for the change history.
func WithPerson(ctx context.Context, person string) context.Context {
	return context.WithValue(ctx, personKey{}, person)
}

// UsePerson names who makes the changes of this session when the settings name nobody (the window
// passes the Windows user name).
func (s *Store) UsePerson(name string) {
	if s.person == "" {
		s.person = name
	}
}

func (s *Store) personOf(ctx context.Context) string {
	if p, ok := ctx.Value(personKey{}).(string); ok && p != "" {
		return p
	}
	return s.person
}

// inTx runs fn in one transaction: committed when fn returns nil, rolled back otherwise.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if s.readOnly {
		return errReadOnly(s.path)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return internal("Không bắt đầu được giao dịch", err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := commitErr(tx.Commit()); err != nil {
		return err
	}
	s.dataWritten()
	return nil
}

// commitErr says what a failed commit means: nothing was written.
func commitErr(err error) error {
	switch {
	case err == nil:
		return nil
	case strings.Contains(err.Error(), "FOREIGN KEY"):
		return &Error{Kind: KindInvalid, Msg: "Dữ liệu tham chiếu đến bản ghi không tồn tại; không có gì được ghi", Err: err}
	}
	return internal("Không lưu được thay đổi", err)
}

// queryer is what both *sql.DB and *sql.Tx offer for reading.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// txer is what writing a record needs of a transaction.
type txer interface {
	queryer
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// stmtCache is a transaction that prepares each statement once: writing thousands of records
// in one transaction (an import) then parses its few statements once, not once per record.
type stmtCache struct {
	tx    preparer // a transaction, or the database for reading
	stmts map[string]*sql.Stmt
}

type preparer interface {
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func newStmtCache(tx preparer) *stmtCache { return &stmtCache{tx: tx, stmts: map[string]*sql.Stmt{}} }

func (c *stmtCache) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := c.stmts[query]; ok {
		return st, nil
	}
	st, err := c.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.stmts[query] = st
	return st, nil
}

func (c *stmtCache) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (c *stmtCache) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (c *stmtCache) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return c.tx.QueryRowContext(ctx, query, args...) // carries the same error to Scan
	}
	return st.QueryRowContext(ctx, args...)
}

func (c *stmtCache) Close() {
	for _, st := range c.stmts {
		st.Close()
	}
}
