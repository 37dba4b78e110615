package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"boot.ketnghia/hugeheap"
	"boot.ketnghia/pdffonts"
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

// TestAReportsFontsAreLoadedWhileTheProgramStarts: for a report, the fonts start loading before
// Fyne's and the other libraries' start-up code runs (app/boot/pdffonts), which only holds while
// that package imports nothing that sorts after them; and only a command that writes a PDF asks
// for it.
func TestAReportsFontsAreLoadedWhileTheProgramStarts(t *testing.T) {
	for _, c := range []struct {
		args string
		want bool
	}{
		{"report commune --db k.db --unit 23503 --out h.pdf", true},
		{"report communes --db k.db --out so.pdf", true},
		{"report document --db k.db --year 2026 --out bao-cao.pdf", true},
		{"report document --db k.db --year 2026 --out bao-cao.DOCX", false},
		{"report --help", false},
		{"report communes --help", false},
		{"report", false},
		{"stats --db k.db", false},
		{"", false},
		{"--db k.db", false},
	} {
		if got := pdffonts.LoadsEarly(strings.Fields(c.args)); got != c.want {
			t.Errorf("ketnghia %s: fonts loaded at start %v, want %v", c.args, got, c.want)
		}
	}

	exe := buildProgram(t)
	cmd := exec.Command(exe, "report", "communes", "--db", filepath.Join(t.TempDir(), "none.db"), "--out", filepath.Join(t.TempDir(), "so.pdf"))
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, _ := cmd.CombinedOutput() // the file does not exist: the start is what is looked at
	order := map[string]int{}
	for i, line := range strings.Split(string(out), "\n") {
		if f := strings.Fields(line); len(f) > 1 && f[0] == "init" {
			order[f[1]] = i + 1
		}
	}
	fonts := order["boot.ketnghia/pdffonts"]
	if fonts == 0 {
		t.Fatalf("the fonts' package was not initialised:\n%s", out)
	}
	for _, later := range []string{"fyne.io/fyne/v2/lang", "github.com/xuri/excelize/v2", "modernc.org/sqlite"} {
		if n := order[later]; n == 0 || n < fonts {
			t.Errorf("%s started (line %d) before the fonts began to load (line %d)", later, n, fonts)
		}
	}
}

// TestTheProgramStartsWithoutCollectingGarbage: while the libraries' start-up code runs (and a
// report's fonts load), the garbage collector does not run (app/boot/startgc); it ran three times
// there, on a heap nearly all in use, and Fyne's own start took three times as long.
func TestTheProgramStartsWithoutCollectingGarbage(t *testing.T) {
	exe := buildProgram(t)
	cmd := exec.Command(exe, "report", "communes", "--db", filepath.Join(t.TempDir(), "none.db"), "--out", filepath.Join(t.TempDir(), "so.pdf"))
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1,gctrace=1")
	cmd.Env = slices.DeleteFunc(cmd.Env, func(v string) bool { return strings.HasPrefix(v, "GOGC=") })
	out, _ := cmd.CombinedOutput() // the file does not exist: the start is what is looked at
	lines := strings.Split(string(out), "\n")
	lastInit := -1
	for i, line := range lines {
		if strings.HasPrefix(line, "init ") {
			lastInit = i
		}
	}
	if lastInit < 0 {
		t.Fatalf("no start-up code was traced:\n%s", out)
	}
	// The collections that free the object which laid the heap in huge pages
	// (app/boot/hugeheap) come first, inside that package's start: none after it.
	laid := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "init boot.ketnghia/hugeheap ") })
	if laid < 0 {
		t.Fatalf("the heap was not laid in huge pages:\n%s", out)
	}
	for _, line := range lines[laid:lastInit] {
		if strings.HasPrefix(line, "gc ") {
			t.Errorf("garbage was collected while the program started: %s", line)
		}
	}
}

// TestACommandsHeapIsLaidInHugePagesFirst: for a command, the heap is laid in huge pages
// (app/boot/hugeheap) before the libraries' start-up code and a report's fonts allocate, so that
// what they take lies in it; --version costs nothing of it.
func TestACommandsHeapIsLaidInHugePagesFirst(t *testing.T) {
	exe := buildProgram(t)
	trace := func(args ...string) (order map[string]int, bytes map[string]int64, out string) {
		cmd := exec.Command(exe, args...)
		cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
		raw, _ := cmd.CombinedOutput() // the start is what is looked at
		order, bytes = map[string]int{}, map[string]int64{}
		for i, line := range strings.Split(string(raw), "\n") {
			// init PKG @T ms, C ms clock, B bytes, N allocs
			if f := strings.Fields(line); len(f) > 8 && f[0] == "init" {
				order[f[1]] = i + 1
				bytes[f[1]], _ = strconv.ParseInt(f[7], 10, 64)
			}
		}
		return order, bytes, string(raw)
	}

	order, bytes, out := trace("report", "communes", "--db", filepath.Join(t.TempDir(), "none.db"), "--out", filepath.Join(t.TempDir(), "so.pdf"))
	laid := order["boot.ketnghia/hugeheap"]
	if laid == 0 || bytes["boot.ketnghia/hugeheap"] < hugeheap.Size {
		t.Fatalf("a report's heap was not laid in huge pages (%d bytes taken):\n%s", bytes["boot.ketnghia/hugeheap"], out)
	}
	for _, later := range []string{"boot.ketnghia/pdffonts", "fyne.io/fyne/v2/lang", "github.com/xuri/excelize/v2", "modernc.org/sqlite"} {
		if n := order[later]; n == 0 || n < laid {
			t.Errorf("%s started (line %d) before the heap was laid in huge pages (line %d)", later, n, laid)
		}
	}

	_, bytes, out = trace("--version")
	if b := bytes["boot.ketnghia/hugeheap"]; b != 0 {
		t.Errorf("--version took %d bytes to lay a heap it does not need:\n%s", b, out)
	}
}
