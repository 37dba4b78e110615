package cli_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ketnghia/app/cli"
	"ketnghia/data"
	"ketnghia/data/datatest"
)

func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	clock := func() time.Time { return time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC) }
	code := cli.Main(args, cli.Env{Stdout: &out, Stderr: &errb, Options: data.Options{Now: clock}})
	return code, out.String(), errb.String()
}

func TestDemoCheckStats(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kontum.db")
	if code, out, errs := run(t, "demo", "--db", db); code != 0 {
		t.Fatalf("demo = %d\n%s%s", code, out, errs)
	}
	if code, out, errs := run(t, "check", "--db", db); code != 0 || !strings.Contains(out, "không có lỗi") {
		t.Fatalf("check = %d\n%s%s", code, out, errs)
	}
	code, out, errs := run(t, "stats", "--db", db, "--json")
	if code != 0 {
		t.Fatalf("stats = %d\n%s", code, errs)
	}
	var st struct {
		Districts     int `json:"districts"`
		Communes      int `json:"communes"`
		Villages      int `json:"villages"`
		TwinningUnits int `json:"twinning_units"`
		ByStatus      map[string]struct {
			Total, Open, Closed int
		} `json:"by_status"`
		Reviews struct {
			Households int `json:"households"`
		} `json:"reviews"`
	}
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatalf("stats --json is not JSON: %v\n%s", err, out)
	}
	// Without a year the units are today's (after the 2025 reform): 40 communes, no district.
	if st.Districts != 0 || st.Communes != 40 || st.Villages != 912 || st.TwinningUnits < 40 {
		t.Errorf("stats = %+v", st)
	}
	if st.ByStatus["communes"].Open != 40 {
		t.Errorf("communes open after the 2025 reform = %d, want 40", st.ByStatus["communes"].Open)
	}
	if st.Reviews.Households == 0 {
		t.Error("no review totals")
	}
	code, out, _ = run(t, "stats", "--db", db, "--year", "2020")
	if code != 0 || !strings.Contains(out, "10 huyện, 102 xã") {
		t.Errorf("stats 2020 text = %d\n%s", code, out)
	}
	code, _, errs = run(t, "demo", "--db", db)
	if code != cli.ExitFailed || !strings.Contains(errs, "đã có đơn vị") {
		t.Errorf("second demo = %d, %s", code, errs)
	}
}

func TestCheckRefusesNonDatabase(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string][]byte{
		"notes.txt":  []byte("Danh sách xã ĐBKK\n"),
		"sheet.xlsx": append([]byte("PK\x03\x04"), bytes.Repeat([]byte{0}, 200)...),
		"empty.db":   {},
	} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, name)
			os.WriteFile(p, content, 0o644)
			code, _, errs := run(t, "check", "--db", p)
			if code != cli.ExitFailed || !strings.Contains(errs, "không phải là cơ sở dữ liệu KetNghia") {
				t.Errorf("check = %d, %q", code, errs)
			}
			after, _ := os.ReadFile(p)
			if !bytes.Equal(after, content) {
				t.Error("file changed")
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.HasSuffix(e.Name(), "-wal") || strings.HasSuffix(e.Name(), "-journal") {
					t.Errorf("left %s beside it", e.Name())
				}
			}
		})
	}
}

func TestCheckFindsBrokenRecords(t *testing.T) {
	db := filepath.Join(t.TempDir(), "k.db")
	if code, _, errs := run(t, "demo", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	// Break a record behind the store's back, as a damaged or hand-edited file would.
	datatest.Exec(t, db, "UPDATE reviews SET poor = households + 1 WHERE rowid = (SELECT min(rowid) FROM reviews)")
	code, out, _ := run(t, "check", "--db", db)
	if code != cli.ExitFailed || !strings.Contains(out, "không được vượt số hộ") {
		t.Errorf("check = %d\n%s", code, out)
	}
	code, out, _ = run(t, "check", "--db", db, "--json")
	var res struct {
		OK       bool
		Problems []data.Problem
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || res.OK || len(res.Problems) != 1 || res.Problems[0].Field != "poor" {
		t.Errorf("check --json = %d %s", code, out)
	}
}

func TestUsage(t *testing.T) {
	code, out, _ := run(t, "--help")
	if code != 0 || !strings.Contains(out, "Cách dùng") || !strings.Contains(out, "ketnghia demo") {
		t.Errorf("--help = %d\n%s", code, out)
	}
	for _, args := range [][]string{{"frobnicate"}, {"stats"}, {"stats", "--db", "x.db", "--year", "abc"}, {"demo", "--db", "x.db", "--scale", "galaxy"}, {"check", "--db", "x.db", "--nope"}} {
		code, _, errs := run(t, args...)
		if code != cli.ExitUsage || errs == "" {
			t.Errorf("%v = %d, %q; want usage error in Vietnamese", args, code, errs)
		}
	}
}

func TestInitMakesEmptyDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "sub", "new.db")
	if code, _, errs := run(t, "init", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	code, out, _ := run(t, "stats", "--db", db, "--json")
	if code != 0 || !strings.Contains(out, `"communes": 0`) {
		t.Errorf("stats of empty db = %d\n%s", code, out)
	}
	if code, _, errs := run(t, "init", "--db", db); code != cli.ExitFailed || !strings.Contains(errs, "đã có") {
		t.Errorf("init over an existing file = %d, %s", code, errs)
	}
}

func TestProgressAndAssess(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kontum.db")
	if code, _, errs := run(t, "demo", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	code, out, errs := run(t, "progress", "--db", db, "--year", "2025", "--json")
	if code != 0 {
		t.Fatalf("progress = %d, %s", code, errs)
	}
	var prog struct {
		Year    int
		Targets []struct {
			Code      string
			Value     struct{ Value *float64 }
			Threshold float64
			Met       *bool
			Districts []any
		}
		Road struct {
			Villages, Planned int
			TargetShare       float64 `json:"target_share"`
		}
	}
	if err := json.Unmarshal([]byte(out), &prog); err != nil {
		t.Fatalf("progress --json: %v\n%s", err, out)
	}
	if prog.Road.Villages == 0 || prog.Road.TargetShare != 50 {
		t.Errorf("progress --json has no road of the ethnic-minority villages: %+v", prog.Road)
	}
	if len(prog.Targets) != 6 {
		t.Fatalf("%d targets, want the six of NQ 04 and the directive", len(prog.Targets))
	}
	for _, tg := range prog.Targets {
		if tg.Value.Value == nil || tg.Met == nil || len(tg.Districts) != 10 {
			t.Errorf("target %s: value %v met %v districts %d", tg.Code, tg.Value.Value, tg.Met, len(tg.Districts))
		}
	}
	code, out, errs = run(t, "assess", "--db", db, "--year", "2025", "--json")
	if code != 0 {
		t.Fatalf("assess = %d, %s", code, errs)
	}
	var as struct {
		RuleSet struct{ Code string } `json:"rule_set"`
		Units   []struct {
			Level, Class, Status string
			Lacks                []string
		}
	}
	if err := json.Unmarshal([]byte(out), &as); err != nil {
		t.Fatal(err)
	}
	kv3, villages := 0, 0
	for _, u := range as.Units {
		if u.Class == "KV3" {
			kv3++
			if len(u.Lacks) == 0 {
				t.Error("a KV III commune must say what it lacks")
			}
		}
		if u.Level == "village" {
			villages++
		}
	}
	if as.RuleSet.Code != "QD33-2020" || kv3 == 0 || villages < 800 {
		t.Errorf("assess 2025: rules %s, %d KV III, %d villages", as.RuleSet.Code, kv3, villages)
	}
	code, out, _ = run(t, "assess", "--db", db, "--year", "2019", "--rules", "QD03-2019")
	if code != 0 || !strings.Contains(out, "Đủ điều kiện ra khỏi diện ĐBKK") || !strings.Contains(out, "QĐ 03/2019") {
		t.Errorf("assess QD03 text = %d\n%.500s", code, out)
	}
	code, out, _ = run(t, "progress", "--db", db, "--year", "2020")
	if code != 0 || !strings.Contains(out, "TIẾN ĐỘ THỰC HIỆN CHỈ TIÊU NĂM 2020") || !strings.Contains(out, "Huyện Đắk Glei") {
		t.Errorf("progress text = %d\n%.500s", code, out)
	}
	for _, args := range [][]string{{"progress", "--db", db}, {"assess", "--db", db, "--year", "1990"}} {
		if code, _, errs := run(t, args...); code != cli.ExitUsage || errs == "" {
			t.Errorf("%v = %d", args, code)
		}
	}
	if code, _, errs := run(t, "assess", "--db", db, "--year", "2024", "--rules", "QD99"); code != cli.ExitFailed || !strings.Contains(errs, "QD33-2020") {
		t.Errorf("unknown rules = %d %s", code, errs)
	}
}

// TestStatusMarksTheSampleOnce: "status" says of each commune where its figures stand, who sent
// and who decided, and marks a step of the sample once, beside its state (a sample's people were
// named "(mẫu)" and the line marked again).
func TestStatusMarksTheSampleOnce(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kontum.db")
	if code, out, errs := run(t, "demo", "--db", db); code != 0 {
		t.Fatalf("demo = %d\n%s%s", code, out, errs)
	}
	code, out, errs := run(t, "status", "--db", db, "--year", "2025", "--state", "da_duyet")
	if code != 0 {
		t.Fatalf("status = %d\n%s%s", code, out, errs)
	}
	lines := 0
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "  ") {
			continue
		}
		lines++
		if strings.Count(line, "(mẫu)") != 1 || !strings.Contains(line, ": Đã duyệt (mẫu); gửi ") || !strings.Contains(line, "bởi Cán bộ tổng hợp (") {
			t.Errorf("a sample's line: %q", line)
		}
	}
	if lines == 0 {
		t.Errorf("no accepted commune in 2025:\n%s", out)
	}
}
