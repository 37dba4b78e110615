package startup_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ketnghia/app/cli"
	"ketnghia/app/startup"
	"ketnghia/data"
)

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := cli.Main(args, cli.Env{Stdout: &out, Stderr: &errb})
	return code, out.String(), errb.String()
}

func TestFirstStartCreatesSampleDatabase(t *testing.T) {
	home := t.TempDir()
	t.Setenv("KETNGHIA_HOME", home)
	st, warnings, err := startup.OpenForWindow(context.Background(), "", data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if len(warnings) > 0 {
		t.Errorf("warnings on a local disk: %v", warnings)
	}
	s, err := st.Stats(t.Context(), data.StatsOptions{Year: 2024})
	if err != nil || s.Communes != 102 || !s.SampleData {
		t.Errorf("first start database: %+v, %v", s, err)
	}
	if st.Path() != filepath.Join(home, "ketnghia.db") {
		t.Errorf("default database at %s", st.Path())
	}
}

// A second window (or a writing command) on a database that a window has open is refused with a
// message naming the holder, and writes nothing; commands that only read go ahead.
func TestSecondInstanceWarnsInsteadOfWriting(t *testing.T) {
	home := t.TempDir()
	t.Setenv("KETNGHIA_HOME", home)
	db := filepath.Join(home, "ketnghia.db")
	st, _, err := startup.OpenForWindow(context.Background(), "", data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if second, _, err := startup.OpenForWindow(context.Background(), db, data.Options{}); err == nil || !strings.Contains(data.Message(err), "đang được mở") {
		if second != nil {
			second.Close()
		}
		t.Errorf("a second window opened on the same database: %v", err)
	}
	if code, _, errs := runCLI(t, "demo", "--db", db); code != cli.ExitFailed || !strings.Contains(errs, "đang được mở") {
		t.Errorf("demo while the window is open = %d: %s", code, errs)
	}
	if code, out, errs := runCLI(t, "stats", "--db", db, "--json"); code != 0 || !strings.Contains(out, `"communes": 40`) {
		t.Errorf("stats while the window is open = %d: %s %s", code, out, errs)
	}
}

func TestDatabaseOnAUSBStickKeepsNoWriteAheadLog(t *testing.T) {
	home := t.TempDir()
	t.Setenv("KETNGHIA_HOME", home)
	t.Setenv("KETNGHIA_DRIVE", "removable")
	st, warnings, err := startup.OpenForWindow(context.Background(), "", data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if m, _ := st.JournalMode(t.Context()); m != "delete" {
		t.Errorf("journal mode %q on a USB stick", m)
	}
	st.Close()
	if len(warnings) != 1 || !strings.Contains(warnings[0], "rút") {
		t.Errorf("warnings %q", warnings)
	}
	if _, err := os.Stat(filepath.Join(home, "ketnghia.db-wal")); err == nil {
		t.Error("a -wal file on the USB stick")
	}
	if code, _, errs := runCLI(t, "demo", "--db", filepath.Join(home, "k2.db")); code != 0 || !strings.Contains(errs, "ổ tháo rời") {
		t.Errorf("demo on a USB stick = %d: %s", code, errs)
	}
}

// TestWindowArgs: only no argument or --db FILE opens the window; anything else is the command line.
func TestWindowArgs(t *testing.T) {
	for _, c := range []struct {
		args []string
		db   string
		ok   bool
	}{
		{nil, "", true}, {[]string{"--db", "k.db"}, "k.db", true}, {[]string{"--db=k.db"}, "k.db", true}, {[]string{"-db", "k.db"}, "k.db", true},
		{[]string{"--db"}, "", false}, {[]string{"--db", "--json"}, "", false}, {[]string{"stats"}, "", false}, {[]string{"--bogus"}, "", false},
	} {
		db, ok := cli.WindowArgs(c.args)
		if db != c.db || ok != c.ok {
			t.Errorf("%q: %q %v, want %q %v", c.args, db, ok, c.db, c.ok)
		}
	}
	if code, _, errs := runCLI(t, "--bogus"); code != cli.ExitUsage || !strings.Contains(errs, "--bogus") {
		t.Errorf("--bogus = %d %q", code, errs)
	}
}
