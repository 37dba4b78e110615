package cli_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"

	"ketnghia/app/buildinfo"
	"ketnghia/app/cli"
	"ketnghia/app/startup"
	"ketnghia/data"
	"ketnghia/data/datatest"
)

// TestMain lets a test run the command line in a child process (as another user, for the
// read-only folder): KETNGHIA_CLI_CHILD holds the arguments, one per line.
func TestMain(m *testing.M) {
	if args := os.Getenv("KETNGHIA_CLI_CHILD"); args != "" {
		words := strings.Split(args, "\n")
		if db, ok := cli.WindowArgs(words); ok {
			// The window stand-in opens what the window would and says what it would show.
			st, warnings, err := startup.OpenForWindow(context.Background(), db, data.Options{})
			if err != nil {
				os.Stdout.WriteString(data.Message(err) + "\n")
				os.Exit(1)
			}
			for _, w := range warnings {
				os.Stdout.WriteString("CẢNH BÁO: " + w + "\n")
			}
			if st.ReadOnly() {
				os.Stdout.WriteString("CHỈ ĐỌC\n")
			}
			st.Close()
			os.Exit(0)
		}
		os.Exit(cli.Main(words, cli.Env{Stdout: os.Stdout, Stderr: os.Stderr}))
	}
	code := m.Run()
	if demoDB != "" {
		os.RemoveAll(filepath.Dir(demoDB))
	}
	os.Exit(code)
}

var (
	demoOnce sync.Once
	demoDB   string
)

// sampleDB is one Kon Tum sample database shared by the tests that only read it; copy it to write.
func sampleDB(t *testing.T) string {
	t.Helper()
	demoOnce.Do(func() {
		dir, err := os.MkdirTemp("", "ketnghia-cli-*")
		if err != nil {
			t.Fatal(err)
		}
		demoDB = filepath.Join(dir, "kontum.db")
		if code, _, errs := run(t, "demo", "--db", demoDB); code != 0 {
			t.Fatal(errs)
		}
	})
	return demoDB
}

var uuidRe = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

// englishRe catches what Go's flag and os packages would have said.
var englishRe = regexp.MustCompile(`(?i)invalid|flag|parse|permission denied|no such file|not defined|Lỗi: Lỗi`)

func TestArgumentsAreAnsweredInVietnamese(t *testing.T) {
	db := sampleDB(t)
	blocker := filepath.Join(t.TempDir(), "tệp")
	if err := os.WriteFile(blocker, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"--year abc is not a year", []string{"stats", "--db", db, "--year", "abc"}, cli.ExitUsage, "năm phải là một số"},
		{"--year 0 is refused, not taken as the default", []string{"stats", "--db", db, "--year", "0"}, cli.ExitUsage, "từ 2000 đến 2100"},
		{"--year 1999 is outside the range", []string{"assess", "--db", db, "--year", "1999"}, cli.ExitUsage, "từ 2000 đến 2100"},
		{"assess without --year asks for it", []string{"assess", "--db", db}, cli.ExitUsage, "--year NĂM"},
		{"an unknown option", []string{"check", "--db", db, "--nope"}, cli.ExitUsage, "không có tùy chọn --nope"},
		{"a folder that cannot be made names the path and what to do", []string{"demo", "--db", filepath.Join(blocker, "con", "k.db")}, cli.ExitFailed, "Hãy chọn một thư mục khác"},
		{"a rule set outside its years", []string{"assess", "--db", db, "--year", "2022", "--rules", "ND272-2025"}, cli.ExitFailed, "không áp dụng cho năm 2022"},
		{"an unknown command", []string{"frobnicate"}, cli.ExitUsage, "Không có lệnh"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, errs := run(t, c.args...)
			if code != c.code || !strings.Contains(errs, c.want) {
				t.Fatalf("exit %d, want %d; stderr %q lacks %q", code, c.code, errs, c.want)
			}
			// One line, in Vietnamese: the cause behind it goes to the log.
			msg := strings.TrimSpace(errs)
			if englishRe.MatchString(msg) || uuidRe.MatchString(msg) || strings.Contains(msg, "\n") || !strings.HasSuffix(msg, ".") {
				t.Errorf("the message a person reads is not one Vietnamese sentence: %q", msg)
			}
		})
	}
	if code, out, _ := run(t, "--version"); code != 0 || !strings.HasPrefix(out, buildinfo.Program()) {
		t.Errorf("--version = %d %q", code, out)
	}
}

// TestStatsOfAYearDescribesThatYear: the status lines of stats --year 2019 are those of 1/1/2019
// (102 communes open), not of today (40 after the 2025 reform).
func TestStatsOfAYearDescribesThatYear(t *testing.T) {
	db := sampleDB(t)
	var st data.Stats
	code, out, errs := run(t, "stats", "--db", db, "--year", "2019", "--json")
	if code != 0 || json.Unmarshal([]byte(out), &st) != nil {
		t.Fatalf("stats = %d %s", code, errs)
	}
	if c := st.ByStatus["communes"]; c.OpenNow != 102 || c.Closed != 0 || st.StatusOn != "01/01/2019" {
		t.Errorf("communes on 1/1/2019: %+v (status on %s)", c, st.StatusOn)
	}
	if d := st.ByStatus["districts"]; d.OpenNow != 10 {
		t.Errorf("districts on 1/1/2019: %+v", d)
	}
	_, out, _ = run(t, "stats", "--db", db)
	if !strings.Contains(out, "Xã: 143 đã ghi nhận, 40 đang hoạt động") {
		t.Errorf("today's status:\n%s", out)
	}
}

// TestCheckNamesRecordsAsAPersonKnowsThem: no UUID; the unit, its district, the year and the field.
func TestCheckNamesRecordsAsAPersonKnowsThem(t *testing.T) {
	db := filepath.Join(t.TempDir(), "k.db")
	datatest.CopyFile(t, sampleDB(t), db)
	datatest.Exec(t, db, `UPDATE reviews SET poor = households + 1 WHERE id = (SELECT r.id FROM reviews r JOIN units u ON u.id = r.unit_id
		WHERE u.code = '23503' AND r.year = 2024)`)
	code, out, _ := run(t, "check", "--db", db)
	if code != cli.ExitFailed || uuidRe.MatchString(out) || !strings.Contains(out, "Rà soát năm 2024 của Xã Đắk PXi, Huyện Đắk Hà, số hộ nghèo:") {
		t.Errorf("check = %d\n%s", code, out)
	}
	_, out, _ = run(t, "check", "--db", db, "--json")
	var res struct{ Problems []data.Problem }
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res.Problems) != 1 {
		t.Fatalf("%v %s", err, out)
	}
	if p := res.Problems[0]; p.Year != 2024 || p.FieldLabel != "Số hộ nghèo" || !strings.HasPrefix(p.Record, "Rà soát năm 2024 của Xã Đắk PXi") {
		t.Errorf("problem = %+v", p)
	}
}

// TestAssessTellsVillagesApart: thirteen villages called "Thôn 1" are told apart by their commune
// and district; thresholds are named in Vietnamese.
func TestAssessTellsVillagesApart(t *testing.T) {
	db := sampleDB(t)
	code, out, errs := run(t, "assess", "--db", db, "--year", "2024")
	if code != 0 {
		t.Fatal(errs)
	}
	villages := strings.SplitN(out, "\nTHÔN", 2)
	if len(villages) != 2 {
		t.Fatalf("no village section:\n%s", out)
	}
	seen := map[string]bool{}
	for _, line := range strings.Split(villages[1], "\n") {
		if !strings.HasPrefix(line, "  ") || strings.HasPrefix(line, "   ") {
			continue
		}
		name, _, _ := strings.Cut(line, ": ")
		if !strings.Contains(name, ", Xã ") && !strings.Contains(name, ", Phường ") && !strings.Contains(name, ", Thị trấn ") {
			t.Errorf("a village line without its commune: %q", line)
		}
		if seen[name] {
			t.Errorf("two village lines read the same: %q", name)
		}
		seen[name] = true
	}
	_, out, _ = run(t, "assess", "--db", db, "--year", "2026")
	if strings.Contains(out, "em_min") || strings.Contains(out, "kv3_rate") || !strings.Contains(out, "chưa được đối chiếu với NĐ 272/2025/NĐ-CP") {
		t.Errorf("unverified thresholds not in Vietnamese:\n%.600s", out)
	}
}

// TestOnlyInventedUnitsAreMarkedSample: the official communes of the sample are real; only the
// invented villages carry the sample mark.
func TestOnlyInventedUnitsAreMarkedSample(t *testing.T) {
	db := filepath.Join(t.TempDir(), "k.db")
	datatest.CopyFile(t, sampleDB(t), db)
	counts := datatest.Query(t, db, "SELECT level || ':' || sample || ':' || count(*) FROM units GROUP BY level, sample ORDER BY 1")
	for _, c := range counts {
		if strings.HasPrefix(c, "commune:1") || strings.HasPrefix(c, "district:1") || strings.HasPrefix(c, "province:1") {
			t.Errorf("real units marked as sample: %s", c)
		}
	}
	if !slicesContainsPrefix(counts, "village:1:") {
		t.Errorf("the invented villages must stay marked: %v", counts)
	}
}

func slicesContainsPrefix(xs []string, p string) bool {
	for _, x := range xs {
		if strings.HasPrefix(x, p) {
			return true
		}
	}
	return false
}

// TestReadOnlyFolderIsReadNotRefused: a valid database where nothing can be written (a CD, a
// write-protected stick, a read-only share) is read by the reading commands and opened by the
// window to be read only; writing commands say why they cannot. Run as an unprivileged user, since
// root writes through folder permissions.
func TestReadOnlyFolderIsReadNotRefused(t *testing.T) {
	base := t.TempDir()
	for _, d := range []string{filepath.Dir(base), base} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	ro := filepath.Join(base, "cd")
	if err := os.Mkdir(ro, 0o755); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(ro, "ketnghia.db")
	datatest.CopyFile(t, sampleDB(t), db)
	if err := os.Chmod(db, 0o444); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(ro, 0o755) })
	exe := filepath.Join(base, "cli.test")
	datatest.CopyFile(t, os.Args[0], exe)
	if err := os.Chmod(exe, 0o755); err != nil {
		t.Fatal(err)
	}
	child := func(args ...string) (int, string) {
		cmd := exec.Command(exe)
		cmd.Env = append(os.Environ(), "KETNGHIA_CLI_CHILD="+strings.Join(args, "\n"), "HOME="+base, "KETNGHIA_HOME="+base)
		if os.Getuid() == 0 {
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		}
		out, _ := cmd.CombinedOutput()
		return cmd.ProcessState.ExitCode(), string(out)
	}
	for _, args := range [][]string{
		{"check", "--db", db}, {"stats", "--db", db, "--json"}, {"progress", "--db", db, "--year", "2024"}, {"assess", "--db", db, "--year", "2024"},
	} {
		if code, out := child(args...); code != 0 || strings.Contains(out, "không phải là cơ sở dữ liệu") {
			t.Errorf("%v in a read-only folder = %d:\n%.400s", args, code, out)
		}
	}
	if code, out := child("--db", db); code != 0 || !strings.Contains(out, "CHỈ ĐỌC") || !strings.Contains(out, "CẢNH BÁO: CHỈ XEM") {
		t.Errorf("window on a read-only folder = %d:\n%s", code, out)
	}
	if code, out := child("demo", "--db", db); code != cli.ExitFailed || !strings.Contains(out, "chép tệp sang một thư mục ghi được") {
		t.Errorf("demo into a read-only folder = %d:\n%s", code, out)
	}
	if _, err := os.Stat(db + "-wal"); err == nil {
		t.Error("a -wal file appeared beside a read-only database")
	}
}

// TestReportCommand: every kind is written, the same --date gives the same bytes, and what cannot
// be done is said in Vietnamese with nothing left half-written.
func TestReportCommand(t *testing.T) {
	db := sampleDB(t)
	dir := t.TempDir()
	for _, kind := range []string{"progress", "commune", "communes", "twinning", "exit", "villages", "pack"} {
		out := filepath.Join(dir, kind+".pdf")
		args := []string{"report", kind, "--db", db, "--out", out, "--year", "2024", "--date", "05/03/2025"}
		if kind == "commune" {
			args = append(args, "--unit", "23503") // only a commune's profile is of one commune
		}
		code, stdout, errs := run(t, args...)
		if code != 0 || !strings.Contains(stdout, "Đã ghi báo cáo") {
			t.Fatalf("report %s = %d: %s", kind, code, errs)
		}
	}
	again := filepath.Join(dir, "again.pdf")
	run(t, "report", "--db", db, "--out", again, "--year", "2024", "--date", "05/03/2025", "progress")
	a, _ := os.ReadFile(filepath.Join(dir, "progress.pdf"))
	b, _ := os.ReadFile(again)
	if len(a) == 0 || string(a) != string(b) {
		t.Error("the same data and --date gave different files")
	}
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no kind", []string{"report", "--db", db, "--out", "x.pdf"}, cli.ExitUsage, "cần loại báo cáo"},
		{"an unknown kind", []string{"report", "budget", "--db", db, "--out", "x.pdf"}, cli.ExitUsage, "Không có loại báo cáo"},
		{"no --out", []string{"report", "progress", "--db", db}, cli.ExitUsage, "--out"},
		{"a profile without --unit", []string{"report", "commune", "--db", db, "--out", filepath.Join(dir, "c.pdf")}, cli.ExitFailed, "--unit"},
		{"an unknown commune", []string{"report", "commune", "--db", db, "--out", filepath.Join(dir, "c.pdf"), "--unit", "99999"}, cli.ExitFailed, "99999"},
		{"a bad date", []string{"report", "progress", "--db", db, "--out", filepath.Join(dir, "c.pdf"), "--date", "2025-13-45"}, cli.ExitUsage, "dd/mm/yyyy"},
		{"a folder that does not exist", []string{"report", "progress", "--db", db, "--out", filepath.Join(dir, "no", "such", "p.pdf")}, cli.ExitFailed, "không có tệp nào bị ghi dở"},
		// Each says what is wrong, as every error does ("Lỗi: …").
		{"--out a folder", []string{"report", "progress", "--db", db, "--out", dir}, cli.ExitUsage, "Lỗi: --out " + dir + " là một thư mục"},
		{"--out not a PDF", []string{"report", "progress", "--db", db, "--out", filepath.Join(dir, "c.txt")}, cli.ExitUsage, "phải có đuôi .pdf, ví dụ --out " + filepath.Join(dir, "c.pdf")},
		{"a day no calendar has", []string{"report", "progress", "--db", db, "--out", filepath.Join(dir, "c.pdf"), "--date", "31/02/2025"}, cli.ExitUsage, "không có ngày 31/02/2025 (tháng 2 năm 2025 chỉ có 28 ngày)"},
		{"a month that is none", []string{"report", "progress", "--db", db, "--out", filepath.Join(dir, "c.pdf"), "--date", "05/13/2025"}, cli.ExitUsage, "tháng chỉ từ 1 đến 12"},
		{"--unit to a report of no commune", []string{"report", "progress", "--db", db, "--out", filepath.Join(dir, "c.pdf"), "--unit", "23503"}, cli.ExitUsage, "không dùng --unit"},
		{"a usage error says Lỗi", []string{"report", "budget", "--db", db, "--out", "x.pdf"}, cli.ExitUsage, "Lỗi: Không có loại báo cáo"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, errs := run(t, c.args...)
			if code != c.code || !strings.Contains(errs, c.want) {
				t.Errorf("exit %d (want %d): %q lacks %q", code, c.code, errs, c.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "c.pdf")); err == nil {
		t.Error("a failed report left a file")
	}
}
