package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The whole sample exported to Excel and imported into a database `init` made gives the same
// figures (the progress of 2024 and the assessment of 2020, as JSON).
func TestXLSXRoundTripThroughTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	src, dst, book := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db"), filepath.Join(dir, "Toàn bộ.xlsx")
	if code, out, errs := run(t, "demo", "--db", src); code != 0 {
		t.Fatalf("demo = %d\n%s%s", code, out, errs)
	}
	if code, out, errs := run(t, "xlsx", "export", "--db", src, "--out", book); code != 0 || !strings.Contains(out, "Đã xuất") {
		t.Fatalf("export = %d\n%s%s", code, out, errs)
	}
	if code, out, errs := run(t, "init", "--db", dst); code != 0 {
		t.Fatalf("init = %d\n%s%s", code, out, errs)
	}
	// A dry run first: the report, nothing written.
	code, out, errs := run(t, "xlsx", "import", "--db", dst, book, "--dry-run", "--json")
	if code != 0 {
		t.Fatalf("dry run = %d\n%s%s", code, out, errs)
	}
	var rep struct {
		Rows, Added int
		Written     bool
		Problems    []any
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.Written || rep.Added == 0 || len(rep.Problems) > 0 {
		t.Fatalf("dry run report %+v (%v)\n%s", rep, err, out)
	}
	if code, out, errs := run(t, "stats", "--db", dst, "--json"); code != 0 || strings.Contains(out, `"communes": 1`) {
		t.Fatalf("after the dry run = %d\n%s%s", code, out, errs)
	}
	if code, out, errs := run(t, "xlsx", "import", "--db", dst, book); code != 0 || !strings.Contains(out, "Đã ghi xong") {
		t.Fatalf("import = %d\n%s%s", code, out, errs)
	}
	for _, args := range [][]string{{"progress", "--year", "2024", "--json"}, {"assess", "--year", "2020", "--json"}} {
		_, a, _ := run(t, append(args, "--db", src)...)
		_, b, _ := run(t, append(args, "--db", dst)...)
		if a == "" || a != b {
			t.Fatalf("%v differs after the round trip", args)
		}
	}
}

func TestXLSXTemplatesAndMistakes(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	if code, _, errs := run(t, "demo", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	for _, kind := range []string{"xa", "thon", "coquan", "hoatdong", "rasoat"} {
		out := filepath.Join(dir, kind+".xlsx")
		if code, stdout, errs := run(t, "xlsx", "template", kind, "--db", db, "--out", out, "--year", "2024"); code != 0 {
			t.Fatalf("template %s = %d\n%s%s", kind, code, stdout, errs)
		}
		if st, err := os.Stat(out); err != nil || st.Size() == 0 {
			t.Fatalf("template %s: %v", kind, err)
		}
		// A template imported as it is changes nothing and says so (a blank one has no row; one
		// prefilled with what exists has every row unchanged).
		code, stdout, errs := run(t, "xlsx", "import", "--db", db, out)
		if code != 0 || !strings.Contains(stdout, "không có dòng nào") && !strings.Contains(stdout, ": 0 thêm mới, 0 cập nhật,") {
			t.Fatalf("blank template %s = %d\n%s%s", kind, code, stdout, errs)
		}
	}
	notBook := filepath.Join(dir, "ghi-chu.xlsx")
	os.WriteFile(notBook, []byte("không phải bảng tính"), 0o644)
	cases := []struct {
		name string
		args []string
		code int
		says string
	}{
		{"no task", []string{"xlsx", "--db", db}, 2, "cần biết làm gì"},
		{"unknown task", []string{"xlsx", "xoa", "--db", db}, 2, "không có việc"},
		{"unknown template", []string{"xlsx", "template", "tinh", "--db", db, "--out", filepath.Join(dir, "t.xlsx")}, 2, "Không có mẫu"},
		{"no output", []string{"xlsx", "export", "--db", db}, 2, "--out"},
		{"not .xlsx", []string{"xlsx", "export", "--db", db, "--out", filepath.Join(dir, "a.xls")}, 2, ".xlsx"},
		{"no such file", []string{"xlsx", "import", "--db", db, filepath.Join(dir, "khong-co.xlsx")}, 1, "Không có tệp"},
		{"not a workbook", []string{"xlsx", "import", "--db", db, notBook}, 1, "không phải là bảng tính Excel"},
		{"a folder that cannot be written", []string{"xlsx", "export", "--db", db, "--out", "/proc/nope/a.xlsx"}, 1, "không ghi được"},
	}
	for _, c := range cases {
		code, out, errs := run(t, c.args...)
		if code != c.code || !strings.Contains(out+errs, c.says) {
			t.Errorf("%s: %d\n%s%s", c.name, code, out, errs)
		}
	}
}
