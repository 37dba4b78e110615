package exchange

import (
	"context"
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
		if h.Note != "" {
			line += " (" + h.Note + ")"
		}
	case "export":
		line += fmt.Sprintf(": %s bản ghi vào %s", n(h.Added), h.File)
	default:
		line += ": " + file
	}
	return line
}

// event is the entry as the store keeps it.
func (h HistoryEntry) event() data.ExchangeEvent {
	kinds, _ := json.Marshal(h.Kinds)
	return data.ExchangeEvent{Seq: h.Seq, At: h.At, Person: h.Person, Action: h.Action, OfficeID: h.OfficeID, OfficeName: h.OfficeName,
		File: h.File, Backup: h.Backup, Added: h.Added, Updated: h.Updated, Deleted: h.Deleted, Unchanged: h.Unchanged,
		Conflicts: h.Conflicts, Note: h.Note, Kinds: string(kinds)}
}

// entryOf is the store's line of history as an entry.
func entryOf(e data.ExchangeEvent) HistoryEntry {
	h := HistoryEntry{Seq: e.Seq, At: e.At, Person: e.Person, Action: e.Action, OfficeID: e.OfficeID, OfficeName: e.OfficeName,
		File: e.File, Backup: e.Backup, Added: e.Added, Updated: e.Updated, Deleted: e.Deleted, Unchanged: e.Unchanged,
		Conflicts: e.Conflicts, Note: e.Note}
	json.Unmarshal([]byte(e.Kinds), &h.Kinds)
	return h
}

// RecordExport writes an export into the history.
func RecordExport(ctx context.Context, s *data.Store, file string, m Manifest) error {
	return s.AddExchangeEvent(ctx, HistoryEntry{At: s.Now(), Action: "export", OfficeID: m.OfficeID, OfficeName: m.OfficeName,
		File: file, Added: m.Total(), Note: strings.Join(m.Scope, ",")}.event())
}

// History lists the exports, imports, undos and restores, newest first.
func History(ctx context.Context, s *data.Store) ([]HistoryEntry, error) {
	es, err := s.ExchangeEvents(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]HistoryEntry, len(es))
	for i, e := range es {
		out[i] = entryOf(e)
	}
	return out, nil
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
	es := make([]data.ExchangeEvent, len(hs))
	for i, h := range hs {
		es[i] = h.event()
	}
	return s.Incoming(ctx, func(t *data.IncomingTx) error {
		if err := t.ReplaceExchangeEvents(es); err != nil {
			return err
		}
		return t.AddExchangeEvent(add.event())
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
