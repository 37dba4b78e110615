package cli_test

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"ketnghia/app/cli"
	"ketnghia/data/datatest"
	"ketnghia/data/exchange"
)

type importJSON struct {
	Added     int  `json:"added"`
	Updated   int  `json:"updated"`
	Deleted   int  `json:"deleted"`
	Unchanged int  `json:"unchanged"`
	Conflicts int  `json:"conflicts"`
	FromCopy  bool `json:"from_copy"`
}

func importJSONOf(t *testing.T, args ...string) importJSON {
	t.Helper()
	code, out, errs := run(t, append([]string{"import", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("import %v = %d\n%s%s", args, code, out, errs)
	}
	var s importJSON
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("import --json is not JSON: %v\n%s", err, out)
	}
	return s
}

// keyOf is the fingerprint's digits of the key that signed the package, as the sending office
// reads them over the phone.
func keyOf(t *testing.T, pkg string) string {
	t.Helper()
	m, err := exchange.ReadManifest(pkg)
	if err != nil {
		t.Fatal(err)
	}
	return exchange.KeyFingerprint(m.SignKey).Digits
}

// TestAFirstPackageWaitsForItsKeyToBeConfirmed: an office's first package is refused with the
// key's fingerprint and the way to confirm it; digits that are not the key's confirm nothing; the
// right digits record the key, and the next package of that office is taken without asking.
func TestAFirstPackageWaitsForItsKeyToBeConfirmed(t *testing.T) {
	dir := t.TempDir()
	pkg := filepath.Join(dir, "goi.knx")
	if code, _, errs := run(t, "export", "--db", sampleDB(t), "--out", pkg, "--scope", "612"); code != 0 {
		t.Fatal(errs)
	}
	db := filepath.Join(dir, "xa.db")
	if code, _, errs := run(t, "init", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	digits := keyOf(t, pkg)
	code, _, errs := run(t, "import", "--db", db, pkg)
	if code == 0 || !strings.Contains(errs, "gói đầu tiên") || !strings.Contains(errs, "--trust-key \""+digits+"\"") {
		t.Fatalf("a first package = %d: %s", code, errs)
	}
	if code, _, errs := run(t, "import", "--db", db, pkg, "--trust-key", "1111 2222 3333 4444"); code == 0 || !strings.Contains(errs, "không khớp") {
		t.Fatalf("wrong digits = %d: %s", code, errs)
	}
	if n := datatest.Query(t, db, "SELECT count(*) FROM reviews"); n[0] != "0" {
		t.Fatalf("a refused package wrote %s reviews", n[0])
	}
	if code, out, errs := run(t, "import", "--db", db, pkg, "--trust-key", strings.ReplaceAll(digits, " ", "")); code != 0 || !strings.Contains(out, "Đã ghi nhận khóa ký") {
		t.Fatalf("the right digits = %d: %s%s", code, out, errs)
	}
	if code, _, errs := run(t, "import", "--db", db, pkg); code != 0 {
		t.Fatalf("the office's next package = %d: %s", code, errs)
	}
}

// TestExportThenImportTwice: the sample exported and imported into an empty database; the second
// import of the same package changes nothing; a dry run writes nothing; a truncated package is
// refused and the database still passes check.
func TestExportThenImportTwice(t *testing.T) {
	dir := t.TempDir()
	pkg := filepath.Join(dir, "goi.knx")
	if code, out, errs := run(t, "export", "--db", sampleDB(t), "--out", pkg); code != 0 || !strings.Contains(out, "đã đọc lại và kiểm tra") {
		t.Fatalf("export = %d\n%s%s", code, out, errs)
	}
	db := filepath.Join(dir, "huyen.db")
	if code, _, errs := run(t, "init", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	dry := importJSONOf(t, "--db", db, pkg, "--dry-run", "--trust-key", keyOf(t, pkg))
	if dry.Added == 0 {
		t.Fatalf("dry run: %+v", dry)
	}
	if n := datatest.Query(t, db, "SELECT count(*) FROM reviews"); n[0] != "0" {
		t.Fatalf("a dry run wrote %s reviews", n[0])
	}
	first := importJSONOf(t, "--db", db, pkg)
	if first.Added != dry.Added || first.Conflicts != 0 {
		t.Fatalf("import: %+v, dry run said %+v", first, dry)
	}
	second := importJSONOf(t, "--db", db, pkg)
	if second.Added+second.Updated+second.Deleted+second.Conflicts != 0 || second.Unchanged == 0 {
		t.Fatalf("second import: %+v", second)
	}
	_, a, _ := run(t, "stats", "--db", sampleDB(t), "--year", "2024", "--json")
	_, b, _ := run(t, "stats", "--db", db, "--year", "2024", "--json")
	if a != b {
		t.Errorf("figures differ after import:\n%s\n%s", a, b)
	}
	whole, _ := os.ReadFile(pkg)
	cut := filepath.Join(dir, "cut.knx")
	os.WriteFile(cut, whole[:len(whole)/2], 0o644)
	code, _, errs := run(t, "import", "--db", db, cut)
	if code != cli.ExitFailed || !strings.Contains(errs, "cắt cụt") || !strings.Contains(errs, "không bị thay đổi") {
		t.Errorf("truncated package = %d: %s", code, errs)
	}
	if code, out, _ := run(t, "check", "--db", db); code != 0 {
		t.Errorf("check after a refused import = %d\n%s", code, out)
	}
	if code, out, _ := run(t, "backups", "--db", db); code != 0 || !strings.Contains(out, "trước khi nhập gói của") {
		t.Errorf("backups = %d\n%s", code, out)
	}
	if code, out, errs := run(t, "import", "--db", db, "--undo"); code != 0 || !strings.Contains(out, "Đã hoàn tác") {
		t.Errorf("undo = %d\n%s%s", code, out, errs)
	}
	for _, args := range [][]string{
		{"import", "--db", db},
		{"import", "--db", db, pkg, "--prefer", "both"},
		{"export", "--db", db},
	} {
		if code, _, errs := run(t, args...); code != cli.ExitUsage || englishRe.MatchString(errs) {
			t.Errorf("%v = %d: %s", args, code, errs)
		}
	}
}

// TestImportIntoAFileCopyTwice: the sample exported and imported into a plain copy of its file (the
// same office), twice: both imports add nothing and say the package came from a copy.
func TestImportIntoAFileCopyTwice(t *testing.T) {
	dir := t.TempDir()
	pkg := filepath.Join(dir, "goi.knx")
	if code, out, errs := run(t, "export", "--db", sampleDB(t), "--out", pkg); code != 0 {
		t.Fatalf("export = %d\n%s%s", code, out, errs)
	}
	db := filepath.Join(dir, "ban-chep.db")
	datatest.CopyFile(t, sampleDB(t), db)
	before := state(t, db)
	for i := range 2 {
		s := importJSONOf(t, "--db", db, pkg, "--trust-key", keyOf(t, pkg))
		if s.Added+s.Updated+s.Deleted+s.Conflicts != 0 || s.Unchanged == 0 || !s.FromCopy {
			t.Fatalf("import %d into a copy: %+v", i+1, s)
		}
	}
	if after := state(t, db); strings.Split(after, " ")[1] != strings.Split(before, " ")[1] {
		t.Errorf("reviews before and after: %s / %s", before, after)
	}
	if code, out, _ := run(t, "import", "--db", db, pkg, "--dry-run"); code != 0 || !strings.Contains(out, "bản chép") {
		t.Errorf("the text summary does not say the package came from a copy: %d\n%s", code, out)
	}
}

// state is what a database holds, in counts: records by kind, imports remembered, history.
func state(t *testing.T, db string) string {
	t.Helper()
	if ok := datatest.Query(t, db, "PRAGMA integrity_check"); len(ok) != 1 || ok[0] != "ok" {
		t.Fatalf("integrity_check: %v", ok)
	}
	var parts []string
	for _, table := range []string{"units", "reviews", "activities", "criteria_results", "exchange_base", "exchange_history"} {
		parts = append(parts, table+"="+datatest.Query(t, db, "SELECT count(*) FROM "+table)[0])
	}
	return strings.Join(parts, " ")
}

// TestKilledExchangeLeavesBeforeOrAfter kills the program (SIGKILL) at random moments of an
// export and of an import, 100 times each: the database always passes integrity_check and holds
// the state before or after, never between; the package is whole or absent.
func TestKilledExchangeLeavesBeforeOrAfter(t *testing.T) {
	if testing.Short() {
		t.Skip("200 runs of the program")
	}
	dir := t.TempDir()
	exe := filepath.Join(dir, "cli.test")
	datatest.CopyFile(t, os.Args[0], exe)
	os.Chmod(exe, 0o755)
	// A killed program leaves its temporary folders; they go with the test's.
	tmp := filepath.Join(dir, "tmp")
	os.MkdirAll(tmp, 0o755)
	child := func(args ...string) *exec.Cmd {
		cmd := exec.Command(exe)
		cmd.Env = append(os.Environ(), "KETNGHIA_CLI_CHILD="+strings.Join(args, "\n"), "HOME="+dir, "KETNGHIA_HOME="+dir, "TMPDIR="+tmp, "TMP="+tmp, "TEMP="+tmp)
		return cmd
	}
	timed := func(args ...string) time.Duration {
		start := time.Now()
		if out, err := child(args...).CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
		return time.Since(start)
	}
	killAfter := func(d time.Duration, args ...string) {
		cmd := child(args...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(d)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
	}
	r := rand.New(rand.NewPCG(14, 2026))

	// Export: the package is whole (it imports) or absent.
	// One district's package: what offices carry most, and quick enough for 200 runs.
	src := filepath.Join(dir, "tinh.db")
	datatest.CopyFile(t, sampleDB(t), src)
	district := datatest.Query(t, src, "SELECT code FROM units WHERE level = 'district' AND code <> '' ORDER BY code LIMIT 1")[0]
	exportTook := timed("export", "--db", src, "--out", filepath.Join(dir, "first.knx"), "--scope", district)
	took := exportTook
	whole, absent := 0, 0
	for i := range 100 {
		out := filepath.Join(dir, "usb", "goi.knx")
		os.RemoveAll(filepath.Dir(out))
		os.MkdirAll(filepath.Dir(out), 0o755)
		killAfter(time.Duration(r.Int64N(int64(took))), "export", "--db", src, "--out", out, "--scope", district)
		if _, err := os.Stat(out); err != nil {
			absent++
			continue
		}
		if code, _, errs := run(t, "import", "--db", filepath.Join(dir, "check.db"), out, "--dry-run"); code != 0 && !strings.Contains(errs, "check.db") {
			t.Fatalf("trial %d: a package left by a killed export does not open: %s", i, errs)
		}
		whole++
	}
	// Import: before or after.
	empty := filepath.Join(dir, "empty.db")
	if code, _, errs := run(t, "init", "--db", empty); code != 0 {
		t.Fatal(errs)
	}
	pkg := filepath.Join(dir, "first.knx")
	target := filepath.Join(dir, "huyen.db")
	datatest.CopyFile(t, empty, target)
	before := state(t, target)
	took = timed("import", "--db", target, pkg, "--trust-key", keyOf(t, pkg))
	after := state(t, target)
	if before == after {
		t.Fatal("the import changed nothing")
	}
	seen := map[string]int{}
	for i := range 100 {
		for _, side := range []string{"", "-wal", "-shm", ".lock"} {
			os.Remove(target + side)
		}
		datatest.CopyFile(t, empty, target)
		killAfter(time.Duration(r.Int64N(int64(took))), "import", "--db", target, pkg)
		switch got := state(t, target); got {
		case before:
			seen["before"]++
		case after:
			seen["after"]++
		default:
			t.Fatalf("trial %d: a killed import left the database between:\n%s\nbefore %s\nafter  %s", i, got, before, after)
		}
	}
	t.Logf("export: %d whole, %d absent; import: %v (export %v, import %v)", whole, absent, seen, exportTook, took)
}
