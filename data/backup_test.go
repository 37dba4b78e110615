package data_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ketnghia/data"
	"ketnghia/data/datatest"
)

// TestBackupIsAWholeCopy: "Sao lưu ngay" writes a copy named with the date and time that opens as
// a KetNghia database with the same records, while the original stays open.
func TestBackupIsAWholeCopy(t *testing.T) {
	s := datatest.MustOpen(t)
	tr := datatest.MustTree(t, s)
	dir := filepath.Join(t.TempDir(), "sao lưu")
	path, err := s.Backup(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(filepath.Base(path), "ketnghia-sao-luu-20250305-0830") {
		t.Errorf("backup named %s", filepath.Base(path))
	}
	again, err := s.Backup(context.Background(), dir)
	if err != nil || again == path {
		t.Errorf("a second backup the same minute: %s, %v", again, err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".dang-ghi") {
			t.Errorf("a temporary file was left: %s", e.Name())
		}
	}
	c, err := data.Open(context.Background(), path, data.Options{MustExist: true, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	u, err := c.GetUnit(context.Background(), tr.Village.ID)
	if err != nil || u.Name != tr.Village.Name {
		t.Errorf("the copy lacks the village: %v %v", u.Name, err)
	}
}

// TestABackupRestoredLeavesNothingBesideIt: a backup is one file; restoring from it (an undo does)
// leaves no -wal or -shm file in the backup folder, and the database keeps its write-ahead log.
func TestABackupRestoredLeavesNothingBesideIt(t *testing.T) {
	s := datatest.MustOpen(t)
	datatest.MustTree(t, s)
	dir := filepath.Join(t.TempDir(), "Sao lưu")
	path, err := s.Backup(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RestoreFrom(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("the backup folder holds %v", names)
	}
	var mode string
	if err := s.DBForTests().QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("the database's journal after a restore: %q %v", mode, err)
	}
}
