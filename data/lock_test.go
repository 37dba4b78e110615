package data_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ketnghia/data"
)

func TestInstanceLockRefusesASecondWriter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.db")
	first, err := data.Open(ctx, path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	second, err := data.Open(ctx, path, data.Options{})
	if err == nil {
		second.Close()
		t.Fatal("a second writer opened a database that is already open")
	}
	if !data.IsConflict(err) || !strings.Contains(data.Message(err), "đang được mở") {
		t.Errorf("error = %v", err)
	}
	host, _ := os.Hostname()
	if !strings.Contains(data.Message(err), host) {
		t.Errorf("the message does not say which computer holds it: %s", data.Message(err))
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("the refused open changed the file")
	}
	// Readers may look while the window has it open.
	reader, err := data.Open(ctx, path, data.Options{Shared: true, MustExist: true})
	if err != nil {
		t.Fatalf("a shared reader was refused: %v", err)
	}
	if _, err := reader.Settings(ctx); err != nil {
		t.Error(err)
	}
	reader.Close()
	first.Close()
	again, err := data.Open(ctx, path, data.Options{})
	if err != nil {
		t.Fatalf("after the first closed: %v", err)
	}
	again.Close()
}

// A process that dies holding the lock does not leave the database locked.
func TestInstanceLockGoesWithACrashedProcess(t *testing.T) {
	if os.Getenv("KETNGHIA_LOCK_HELPER") != "" {
		s, err := data.Open(ctx, os.Getenv("KETNGHIA_LOCK_HELPER"), data.Options{})
		if err != nil {
			os.Exit(3)
		}
		_ = s
		os.Stdout.WriteString("held\n")
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	path := filepath.Join(t.TempDir(), "k.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestInstanceLockGoesWithACrashedProcess$")
	cmd.Env = append(os.Environ(), "KETNGHIA_LOCK_HELPER="+path)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 5)
	if _, err := out.Read(buf); err != nil || string(buf[:4]) != "held" {
		t.Fatalf("helper: %q %v", buf, err)
	}
	if _, err := data.Open(ctx, path, data.Options{}); !data.IsConflict(err) {
		t.Fatalf("while the other process holds it: %v", err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	s, err := data.Open(ctx, path, data.Options{})
	if err != nil {
		t.Fatalf("after the holder died: %v", err)
	}
	s.Close()
}

func TestNoWALKeepsARollbackJournalOnRemovableDrives(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.db")
	s, err := data.Open(ctx, path, data.Options{NoWAL: true})
	if err != nil {
		t.Fatal(err)
	}
	if m, _ := s.JournalMode(ctx); m != "delete" {
		t.Errorf("journal mode %q on a removable drive", m)
	}
	if err := s.SaveSettings(ctx, mustSettings(t, s)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Error("a -wal file beside a database on a removable drive")
	}
	s.Close()
	// Back on a local disk, the log returns.
	s, err = data.Open(ctx, path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if m, _ := s.JournalMode(ctx); m != "wal" {
		t.Errorf("journal mode %q on a local disk", m)
	}
}

func mustSettings(t *testing.T, s *data.Store) data.Settings {
	t.Helper()
	st, err := s.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return st
}
