package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// buildProgram builds the real ketnghia (the root package, with Fyne and app/boot linked in,
// as users get it) into a temporary folder. It needs cgo, as the window does.
func buildProgram(t testing.TB) string {
	t.Helper()
	if out, err := exec.Command("go", "env", "CGO_ENABLED").Output(); err == nil && strings.TrimSpace(string(out)) == "0" {
		t.Skip("the real program needs a C compiler (CGO_ENABLED=0)")
	}
	exe := filepath.Join(t.TempDir(), "ketnghia")
	cmd := exec.Command("go", "build", "-o", exe, ".")
	cmd.Dir = filepath.Join("..", "..")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return exe
}

// TestSubcommandsPrintOnlyTheirOwnOutput: whatever the locale (C.UTF-8, C, unset), a subcommand of
// the real program prints nothing of Fyne's ("Error parsing user locale C"), on stderr or stdout.
func TestSubcommandsPrintOnlyTheirOwnOutput(t *testing.T) {
	exe := buildProgram(t)
	db := filepath.Join(t.TempDir(), "k.db")
	for _, lang := range []string{"C.UTF-8", "C", "POSIX", "", "vi_VN.UTF-8"} {
		for _, args := range []string{"init --db " + db, "stats --db " + db + " --json", "--version", "--help"} {
			cmd := exec.Command(exe, strings.Fields(args)...)
			cmd.Env = []string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH")}
			if lang != "" {
				cmd.Env = append(cmd.Env, "LANG="+lang)
			}
			var stderr strings.Builder
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil && !strings.HasPrefix(args, "init") {
				t.Errorf("LANG=%q ketnghia %s: %v\n%s", lang, args, err, stderr.String())
			}
			if strings.Contains(stderr.String()+string(out), "Fyne") || strings.Contains(stderr.String(), "locale") {
				t.Errorf("LANG=%q ketnghia %s printed Fyne's log:\n%s", lang, args, stderr.String())
			}
		}
		os.Remove(db)
	}
}
