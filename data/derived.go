package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"runtime/debug"
	"strings"
	"sync"
)

// Figures derived from the whole file (the dashboard of a year) take seconds to compute on a
// national-scale file. They are kept in the file beside the data they were computed from, with the
// state of the data at the time: the number of the last line of the change log, which every write
// of a record adds to in the same transaction and nothing ever removes. A kept value is only given
// back while the data is in that state and the program is the one that computed it, so it is never
// stale: any edit, import or restore, or a new program, makes it be computed again. It is a cache,
// not data: it is not in the schema's migrations, never travels in a package, and may be dropped.

const derivedTable = `CREATE TABLE IF NOT EXISTS derived_cache (
    key     TEXT PRIMARY KEY,
    stamp   INTEGER NOT NULL,  -- the data's state: max(change_log.seq) when it was computed
    program TEXT NOT NULL,     -- the program that computed it
    value   BLOB NOT NULL
)`

// ensureDerived creates the cache table in a file opened for writing.
func (s *Store) ensureDerived(ctx context.Context) error {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE name = 'derived_cache'").Scan(&n); err != nil || n > 0 {
		return err
	}
	_, err := s.db.ExecContext(ctx, derivedTable)
	return err
}

// DataStamp names the state of the data: it changes with every write of a record.
func (s *Store) DataStamp(ctx context.Context) (int64, error) {
	var n int64
	if err := s.db.QueryRowContext(ctx, "SELECT coalesce(max(seq), 0) FROM change_log").Scan(&n); err != nil {
		return 0, internal("Không đọc được trạng thái dữ liệu", err)
	}
	return n, nil
}

// Derived gives back the value kept under key, if the data is still in the state it was computed
// from and this program computed it; ok is false otherwise.
func (s *Store) Derived(ctx context.Context, key string) (value []byte, ok bool, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT value FROM derived_cache
		WHERE key = ? AND program = ? AND stamp = (SELECT coalesce(max(seq), 0) FROM change_log)`, key, programID()).Scan(&value)
	switch {
	case err == nil:
		return value, true, nil
	case err == sql.ErrNoRows, isNoTable(err):
		return nil, false, nil
	}
	return nil, false, internal("Không đọc được số liệu đã tính sẵn", err)
}

// KeepDerived keeps value under key as computed from the data in state stamp (read by DataStamp
// before the data it was computed from). Nothing is kept when the data has changed since, nor in a
// file opened read-only; the data and its change log are never touched.
func (s *Store) KeepDerived(ctx context.Context, key string, stamp int64, value []byte) error {
	if s.readOnly {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return internal("Không lưu được số liệu đã tính sẵn", err)
	}
	defer tx.Rollback()
	_, err = tx.ExecContext(ctx, `INSERT OR REPLACE INTO derived_cache (key, stamp, program, value)
		SELECT ?, ?, ?, ? WHERE (SELECT coalesce(max(seq), 0) FROM change_log) = ?`, key, stamp, programID(), value, stamp)
	if err != nil {
		return internal("Không lưu được số liệu đã tính sẵn", err)
	}
	return commitErr(tx.Commit())
}

func isNoTable(err error) bool {
	return err != nil && strings.Contains(err.Error(), "no such table")
}

var (
	programOnce sync.Once
	programName string
)

// programID names this build of the program: its module version and source revision where the
// build recorded them, and the executable's size and time, so that a new build (with other rules)
// never takes what an older one computed.
func programID() string {
	programOnce.Do(func() {
		h := sha256.New()
		if bi, ok := debug.ReadBuildInfo(); ok {
			fmt.Fprint(h, bi.Main.Version, bi.GoVersion)
			for _, st := range bi.Settings {
				if st.Key == "vcs.revision" || st.Key == "vcs.modified" || st.Key == "vcs.time" {
					fmt.Fprint(h, st.Key, st.Value)
				}
			}
		}
		if exe, err := os.Executable(); err == nil {
			if st, err := os.Stat(exe); err == nil {
				fmt.Fprint(h, st.Size(), st.ModTime().UnixNano())
			}
		}
		programName = hex.EncodeToString(h.Sum(nil)[:12])
	})
	return programName
}
