package data

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"time"

	sqlite "modernc.org/sqlite"

	"ketnghia/data/safefile"
)

// BackupDir is where the database's backups go: the folder "Sao lưu" beside it.
func (s *Store) BackupDir() string { return BackupDirOf(s.path) }

// BackupDirOf is the backup folder of the database at path, as an absolute path: the history
// remembers it, and an undo may be asked from another folder.
func BackupDirOf(path string) string {
	dir := filepath.Dir(path)
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	return filepath.Join(dir, "Sao lưu")
}

// OfficeOf is the office identity of the database at path (a backup, say), read without changing it.
// The file is opened immutable: nothing is written beside it (no -wal, no -shm).
func OfficeOf(ctx context.Context, path string) (string, error) {
	db, err := sql.Open("sqlite", readOnlyURI(path)+"&immutable=1")
	if err != nil {
		return "", err
	}
	defer db.Close()
	var id string
	if err := db.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = 'office_id'").Scan(&id); err != nil {
		return "", err
	}
	return id, nil
}

// ChangesSince counts the changes written to records after t (the lines of the change history;
// the notes of later imports and exports change no record): what undoing an import made at t would
// throw away.
func (s *Store) ChangesSince(ctx context.Context, t time.Time) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM change_log WHERE record_id <> '' AND julianday(at) > julianday(?)", t.UTC().Format(time.RFC3339Nano)).Scan(&n)
	if err != nil {
		return 0, internal("Không đọc được lịch sử thay đổi", err)
	}
	return n, nil
}

// ProvisionalBackup ends the name of a backup taken for an import that has not used it yet.
const ProvisionalBackup = ".chua-dung"

// Backup copies the database, as it is at this moment and while it stays open, into a new file in
// dir named with the date and time ("ketnghia-sao-luu-20250305-0830.db"), through SQLite's online
// backup API. The copy is written under a temporary name, synced, checked and then renamed, so a
// backup file is whole or absent. It returns the file's path.
func (s *Store) Backup(ctx context.Context, dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", &Error{Kind: KindInvalid, Field: "dir", Err: err, Msg: fmt.Sprintf("Không tạo được thư mục sao lưu %s. Hãy chọn thư mục khác.", dir)}
	}
	name := "ketnghia-sao-luu-" + s.now().Format("20060102-1504") + ".db"
	path := filepath.Join(dir, name)
	for i := 2; ; i++ {
		_, err := os.Stat(path)
		_, perr := os.Stat(path + ProvisionalBackup) // an import's, to take this name when used
		if os.IsNotExist(err) && os.IsNotExist(perr) {
			break
		}
		path = filepath.Join(dir, fmt.Sprintf("ketnghia-sao-luu-%s-%d.db", s.now().Format("20060102-1504"), i))
	}
	tmp := path + ".dang-ghi"
	os.Remove(tmp)
	// A backup killed half-way left its file being copied (and its journal): gone with the next one.
	safefile.Sweep(dir, "ketnghia-sao-luu-*.dang-ghi*", 10*time.Minute)
	safefile.Sweep(dir, "ketnghia-sao-luu-*.db"+ProvisionalBackup, 10*time.Minute) // an import's, never used
	fail := func(err error) (string, error) {
		os.Remove(tmp)
		return "", &Error{Kind: KindInternal, Err: err, Msg: fmt.Sprintf("Không sao lưu được vào %s (ổ đầy hoặc không có quyền ghi); không có tệp sao lưu dở nào được để lại.", dir)}
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fail(err)
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		b, err := dc.(interface {
			NewBackup(string) (*sqlite.Backup, error)
		}).NewBackup(tmp)
		if err != nil {
			return err
		}
		for more := true; more; {
			if more, err = b.Step(256); err != nil {
				b.Finish()
				return err
			}
		}
		return b.Finish()
	})
	if err != nil {
		return fail(err)
	}
	// One file, with no write-ahead log of its own: opened later to be read (a restore, an undo)
	// it leaves no -wal and -shm files beside it in the backup folder.
	if err := journalDelete(tmp); err != nil {
		return fail(err)
	}
	// The copy must be whole before it takes its name.
	f, err := os.OpenFile(tmp, os.O_RDWR, 0)
	if err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fail(err)
	}
	f.Close()
	if err := os.Rename(tmp, path); err != nil {
		return fail(err)
	}
	return path, nil
}

// RestoreFrom puts the content of a backup file in place of the database's, while it stays open,
// through SQLite's backup API in one step: the database holds the backup whole, or stays as it
// was. The backup must be a KetNghia database of this program's schema.
func (s *Store) RestoreFrom(ctx context.Context, backup string) error {
	if s.readOnly {
		return errReadOnly(s.path)
	}
	b, err := Open(ctx, backup, Options{ReadOnly: true, MustExist: true, Shared: true})
	if err != nil {
		return err
	}
	var version int
	err = b.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version)
	theirs, serr := b.Settings(ctx)
	b.Close()
	if err != nil {
		return internal("Không đọc được bản sao lưu", err)
	}
	// Only this database's own backups: another office's file put in its place would make this
	// one a plain copy of that office (its identity and all), which the exchange exists to avoid.
	if mine, err := s.Settings(ctx); serr == nil && err == nil && theirs.OfficeID != "" && theirs.OfficeID != mine.OfficeID {
		return invalid("backup", "Tệp %s là cơ sở dữ liệu của %s, một đơn vị khác, không phải bản sao lưu của cơ sở dữ liệu này; khôi phục nó sẽ biến tệp này thành bản chép của đơn vị đó nên chương trình không làm. Để lấy số liệu của đơn vị đó, hãy xuất gói ở đó rồi nhập gói ở đây (Trao đổi dữ liệu).", filepath.Base(backup), theirs.OfficeName)
	}
	if version != SchemaVersion {
		return invalid("backup", "Bản sao lưu %s có cấu trúc số %d, khác với chương trình này (số %d); hãy mở nó bằng ketnghia --db rồi sao lưu lại trước khi khôi phục.", filepath.Base(backup), version, SchemaVersion)
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return internal("Không mở được kết nối cơ sở dữ liệu", err)
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		r, err := dc.(interface {
			NewRestore(string) (*sqlite.Backup, error)
		}).NewRestore(readOnlyURI(backup))
		if err != nil {
			return err
		}
		if _, err := r.Step(-1); err != nil {
			r.Finish()
			return err
		}
		return r.Finish()
	})
	if err != nil {
		return &Error{Kind: KindInternal, Err: err, Msg: fmt.Sprintf("Không khôi phục được từ %s; cơ sở dữ liệu vẫn như trước. Hãy đóng các cửa sổ KetNghia khác đang mở tệp này rồi thử lại.", backup)}
	}
	if err := s.loadIdentity(ctx); err != nil {
		return err
	}
	// The whole file changed: every view is told, whatever number the change log ends at now.
	s.restores.Add(1)
	s.listeners.mu.Lock()
	s.listeners.seq = -1
	s.listeners.mu.Unlock()
	s.dataWritten()
	return nil
}

// BackupMark names the state of everything a backup holds that a person or an import changes: the
// last change to a record, the last exchange and the settings. A backup taken while the mark stayed
// the same is the database as it still is while the mark is unchanged.
func (s *Store) BackupMark(ctx context.Context) (string, error) {
	var mark string
	err := s.db.QueryRowContext(ctx, `SELECT
		coalesce((SELECT seq || '@' || at FROM change_log ORDER BY seq DESC LIMIT 1), '') || '|' ||
		coalesce((SELECT seq || '@' || at FROM exchange_history ORDER BY seq DESC LIMIT 1), '') || '|' ||
		coalesce((SELECT group_concat(key || '=' || value, ';') FROM (SELECT key, value FROM settings ORDER BY key)), '')`).Scan(&mark)
	if err != nil {
		return "", internal("Không đọc được trạng thái dữ liệu", err)
	}
	return mark, nil
}

// journalDelete puts the file at path in rollback-journal mode.
func journalDelete(path string) error {
	db, err := openRaw(path, false)
	if err != nil {
		return err
	}
	defer db.Close()
	var mode string
	return db.QueryRow("PRAGMA journal_mode = DELETE").Scan(&mode)
}
