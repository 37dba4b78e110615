package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// BenchmarkWholeProcess runs the built program as a person waits for it: the process started,
// the file opened, what the report prints read, the PDF laid out, compressed and written, the
// process gone. The figures are in the README ("Performance"). KETNGHIA_NATIONAL_DB names a
// national sample for one province's book on it.
func BenchmarkWholeProcess(b *testing.B) {
	exe := buildProgram(b)
	dir := b.TempDir()
	db := filepath.Join(dir, "kontum.db")
	if out, err := exec.Command(exe, "demo", "--db", db).CombinedOutput(); err != nil {
		b.Fatalf("demo: %v\n%s", err, out)
	}
	out := filepath.Join(dir, "r.pdf")
	cases := []struct {
		name string
		args []string
	}{
		{"version", []string{"--version"}},
		{"profile", []string{"report", "commune", "--db", db, "--year", "2024", "--unit", "23344", "--date", "05/03/2025", "--out", out}},
		{"book", []string{"report", "communes", "--db", db, "--year", "2024", "--date", "05/03/2025", "--out", out}},
		{"progress", []string{"report", "progress", "--db", db, "--year", "2024", "--date", "05/03/2025", "--out", out}},
	}
	if nat := os.Getenv("KETNGHIA_NATIONAL_DB"); nat != "" {
		cases = append(cases, struct {
			name string
			args []string
		}{"national/province-book", []string{"report", "communes", "--db", nat, "--year", "2024", "--unit", "62", "--date", "05/03/2025", "--out", out}})
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if out, err := exec.Command(exe, c.args...).CombinedOutput(); err != nil {
					b.Fatalf("%v: %v\n%s", c.args, err, out)
				}
			}
		})
	}
}
