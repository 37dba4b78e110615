package exchange

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"ketnghia/data"
	"ketnghia/data/vntext"
)

// BackupDir is where imports put their automatic backups.
func BackupDir(s *data.Store) string { return s.BackupDir() }

// HistoryEntry is one export, import, undo or restore.
type HistoryEntry struct {
	Seq        int       `json:"seq"`
	At         time.Time `json:"at"`
	Person     string    `json:"person"`
	Action     string    `json:"action"` // export, import, undo, restore
	OfficeID   string    `json:"office_id"`
	OfficeName string    `json:"office_name"`
	File       string    `json:"file"`
	Backup     string    `json:"backup"`
	Added      int       `json:"added"`
	Updated    int       `json:"updated"`
	Deleted    int       `json:"deleted"`
	Unchanged  int       `json:"unchanged"`
	Conflicts  int       `json:"conflicts"`
	Note       string    `json:"note"`
	// Kinds are an import's counts by kind of record (only kinds it changed or left in conflict).
	Kinds []KindCounts `json:"kinds,omitempty"`
}

// ActionLabel says the entry's action in Vietnamese.
func (h HistoryEntry) ActionLabel() string {
	return map[string]string{"export": "Xuất gói", "import": "Nhập gói", "undo": "Hoàn tác lần nhập", "restore": "Khôi phục bản sao lưu"}[h.Action]
}

// Describe says the entry in Vietnamese after its time: the action and its counts ("Nhập gói
// của Huyện Đắk Tô: thêm 3, …"); file is how the restored file is to be named.
func (h HistoryEntry) Describe(file string) string {
	n := func(x int) string { return vntext.FormatInt(int64(x)) }
	line := h.ActionLabel()
	switch h.Action {
	case "import":
		line += fmt.Sprintf(" của %s: thêm %s, cập nhật %s, xóa %s, xung đột %s", h.OfficeName, n(h.Added), n(h.Updated), n(h.Deleted), n(h.Conflicts))
	case "export":
		line += fmt.Sprintf(": %s bản ghi vào %s", n(h.Added), h.File)
	default:
		line += ": " + file
	}
	return line
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func addHistory(ctx context.Context, q execer, t *data.IncomingTx, h HistoryEntry) error {
	if t != nil {
		h.At, h.Person = t.At(), t.Person()
	}
	kinds, _ := json.Marshal(h.Kinds)
	_, err := q.ExecContext(ctx, `INSERT INTO exchange_history (at, person, action, office_id, office_name, file, backup, added, updated, deleted, unchanged, conflicts, note, kinds)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, h.At.UTC().Format(time.RFC3339Nano), h.Person, h.Action, h.OfficeID, h.OfficeName, h.File, h.Backup,
		h.Added, h.Updated, h.Deleted, h.Unchanged, h.Conflicts, h.Note, string(kinds))
	if err != nil {
		return internalErr(err)
	}
	return nil
}

// RecordExport writes an export into the history.
func RecordExport(ctx context.Context, s *data.Store, file string, m Manifest) error {
	return addHistory(ctx, s.RawDB(), nil, HistoryEntry{At: s.Now(), Action: "export", OfficeID: m.OfficeID, OfficeName: m.OfficeName,
		File: file, Added: m.Total(), Note: strings.Join(m.Scope, ",")})
}

// History lists the exports, imports, undos and restores, newest first.
func History(ctx context.Context, s *data.Store) ([]HistoryEntry, error) {
	rows, err := s.RawDB().QueryContext(ctx, `SELECT seq, at, person, action, office_id, office_name, file, backup, added, updated, deleted, unchanged, conflicts, note, kinds
		FROM exchange_history ORDER BY seq DESC`)
	if err != nil {
		return nil, internalErr(err)
	}
	defer rows.Close()
	var out []HistoryEntry
	for rows.Next() {
		var h HistoryEntry
		var at, kinds string
		if err := rows.Scan(&h.Seq, &at, &h.Person, &h.Action, &h.OfficeID, &h.OfficeName, &h.File, &h.Backup, &h.Added, &h.Updated,
			&h.Deleted, &h.Unchanged, &h.Conflicts, &h.Note, &kinds); err != nil {
			return nil, internalErr(err)
		}
		json.Unmarshal([]byte(kinds), &h.Kinds)
		h.At, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, h)
	}
	return out, rows.Err()
}

// LastImport is the newest import not undone yet (false when there is none).
func LastImport(hs []HistoryEntry) (HistoryEntry, bool) {
	for _, h := range hs { // newest first
		switch {
		case h.Action == "undo" || h.Action == "restore":
			return HistoryEntry{}, false
		case h.Action == "import" && h.Backup == "" && h.Added+h.Updated+h.Deleted == 0:
			// An import that changed nothing took no backup: there is nothing of it to undo.
		case h.Action == "import":
			return h, true
		}
	}
	return HistoryEntry{}, false
}

// Prune removes the automatic backups a person no longer needs: it keeps the newest keep of them,
// the newest of each month, and the one an undo of the last import would restore (never the only
// copy before an import). It returns the files removed.
func Prune(ctx context.Context, s *data.Store, keep int) ([]string, error) {
	hs, err := History(ctx, s)
	if err != nil {
		return nil, err
	}
	bs, err := Backups(ctx, s.Path(), hs) // newest first
	if err != nil {
		return nil, err
	}
	protect := map[string]bool{}
	if last, ok := LastImport(hs); ok && last.Backup != "" {
		protect[filepath.Base(BackupOf(s, last))] = true
	}
	months := map[string]bool{}
	var removed []string
	for i, b := range bs {
		month := b.At.Local().Format("2006-01")
		newestOfMonth := !months[month]
		months[month] = true
		if i < keep || newestOfMonth || protect[filepath.Base(b.Path)] {
			continue
		}
		// Two databases in one folder share the backup folder: only this one's backups go.
		if office, err := data.OfficeOf(ctx, b.Path); err != nil || office != s.OfficeID() {
			continue
		}
		if err := os.Remove(b.Path); err == nil {
			removed = append(removed, b.Path)
			for _, side := range []string{"-wal", "-shm", "-journal"} {
				os.Remove(b.Path + side)
			}
		}
	}
	return removed, nil
}

// BackupFile is one backup of the database.
type BackupFile struct {
	Path string    `json:"path"`
	Size int64     `json:"size"`
	At   time.Time `json:"at"`
	// Before says what it was taken before ("nhập gói của …"), when the history knows.
	Before string `json:"before"`
}

// Backups lists the backups in the database's backup folder, newest first.
func Backups(ctx context.Context, dbPath string, hs []HistoryEntry) ([]BackupFile, error) {
	dir := data.BackupDirOf(dbPath)
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		return nil, &data.Error{Kind: data.KindInvalid, Err: err, Msg: fmt.Sprintf("Không đọc được thư mục sao lưu %s.", dir)}
	}
	why := map[string]string{}
	for _, h := range hs {
		if h.Backup != "" {
			switch h.Action {
			case "import":
				why[filepath.Base(h.Backup)] = "trước khi nhập gói của " + h.OfficeName
			case "undo":
				why[filepath.Base(h.Backup)] = "trước khi hoàn tác lần nhập gói"
			case "restore":
				why[filepath.Base(h.Backup)] = "trước khi khôi phục " + filepath.Base(h.File)
			}
		}
	}
	var out []BackupFile
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".db") {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, BackupFile{Path: filepath.Join(dir, e.Name()), Size: info.Size(), At: info.ModTime(), Before: strings.TrimSpace(why[e.Name()])})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].At.After(out[j].At) })
	return out, nil
}

// Restore puts a backup in the place of the database's content, while it stays open: the
// database as it is goes first into a backup of its own, so a restore can be undone too. The
// history of exchanges is kept across it, with the restore added. It returns the backup taken.
func Restore(ctx context.Context, s *data.Store, backup, action string) (string, error) {
	hs, err := History(ctx, s)
	if err != nil {
		return "", err
	}
	safety, err := s.Backup(ctx, s.BackupDir())
	if err != nil {
		return "", err
	}
	if err := s.RestoreFrom(ctx, backup); err != nil {
		return "", err
	}
	return safety, keepHistory(ctx, s, hs, HistoryEntry{At: s.Now(), Action: action, File: backup, Backup: safety})
}

// keepHistory writes back the exchange history a restore would have lost, and the restore itself.
func keepHistory(ctx context.Context, s *data.Store, hs []HistoryEntry, add HistoryEntry) error {
	return s.Incoming(ctx, func(t *data.IncomingTx) error {
		tx := t.Tx()
		if _, err := tx.ExecContext(ctx, "DELETE FROM exchange_history"); err != nil {
			return internalErr(err)
		}
		for i := len(hs) - 1; i >= 0; i-- {
			h := hs[i]
			kinds, _ := json.Marshal(h.Kinds)
			if _, err := tx.ExecContext(ctx, `INSERT INTO exchange_history (seq, at, person, action, office_id, office_name, file, backup, added, updated, deleted, unchanged, conflicts, note, kinds)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, h.Seq, h.At.UTC().Format(time.RFC3339Nano), h.Person, h.Action, h.OfficeID, h.OfficeName, h.File, h.Backup,
				h.Added, h.Updated, h.Deleted, h.Unchanged, h.Conflicts, h.Note, string(kinds)); err != nil {
				return internalErr(err)
			}
		}
		return addHistory(ctx, tx, t, add)
	})
}

// Undo brings the database back to how it was before its last import (from that import's backup).
func Undo(ctx context.Context, s *data.Store) (HistoryEntry, error) {
	hs, err := History(ctx, s)
	if err != nil {
		return HistoryEntry{}, err
	}
	last, ok := LastImport(hs)
	if !ok {
		return HistoryEntry{}, &data.Error{Kind: data.KindInvalid, Msg: "Chưa có lần nhập gói nào để hoàn tác (hoặc lần nhập cuối đã được hoàn tác)."}
	}
	backup := BackupOf(s, last)
	if _, err := os.Stat(backup); err != nil {
		return HistoryEntry{}, &data.Error{Kind: data.KindInvalid, Err: err, Msg: fmt.Sprintf("Không còn bản sao lưu %s của lần nhập cuối nên không hoàn tác được.", last.Backup)}
	}
	_, err = Restore(ctx, s, backup, "undo")
	return last, err
}

// BackupOf is where an import's backup is: the path the history remembers or, for an entry written
// with a path relative to where that import ran (before paths were kept whole), the file of that
// name in the database's backup folder.
func BackupOf(s *data.Store, h HistoryEntry) string {
	if filepath.IsAbs(h.Backup) {
		return h.Backup
	}
	if _, err := os.Stat(h.Backup); err == nil {
		if abs, err := filepath.Abs(h.Backup); err == nil {
			return abs
		}
	}
	return filepath.Join(BackupDir(s), filepath.Base(h.Backup))
}

// LastImportToUndo is the import an undo would take back and how many changes made after it
// would be lost with it.
func LastImportToUndo(ctx context.Context, s *data.Store) (HistoryEntry, int, error) {
	hs, err := History(ctx, s)
	if err != nil {
		return HistoryEntry{}, 0, err
	}
	last, ok := LastImport(hs)
	if !ok {
		return HistoryEntry{}, 0, &data.Error{Kind: data.KindInvalid, Msg: "Chưa có lần nhập gói nào để hoàn tác (hoặc lần nhập cuối đã được hoàn tác)."}
	}
	n, err := s.ChangesSince(ctx, last.At)
	return last, n, err
}
