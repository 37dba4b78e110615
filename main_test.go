package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain lets a test run the real program (with Fyne linked in, as users get it) in a child
// process: KETNGHIA_MAIN_CHILD=1 makes the test binary behave as ketnghia.
func TestMain(m *testing.M) {
	if os.Getenv("KETNGHIA_MAIN_CHILD") == "1" {
		os.Args = append([]string{"ketnghia"}, strings.Fields(os.Getenv("KETNGHIA_MAIN_ARGS"))...)
		main()
		return
	}
	os.Exit(m.Run())
}

// TestSubcommandsPrintOnlyTheirOwnOutput: whatever the locale (C.UTF-8, C, unset), a subcommand
// prints nothing of Fyne's ("Error parsing user locale C"), on stderr or stdout.
func TestSubcommandsPrintOnlyTheirOwnOutput(t *testing.T) {
	db := filepath.Join(t.TempDir(), "k.db")
	for _, lang := range []string{"C.UTF-8", "C", "POSIX", "", "vi_VN.UTF-8"} {
		for _, args := range []string{"init --db " + db, "stats --db " + db + " --json", "--version", "--help"} {
			cmd := exec.Command(os.Args[0])
			cmd.Env = []string{"KETNGHIA_MAIN_CHILD=1", "KETNGHIA_MAIN_ARGS=" + args, "HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH")}
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
