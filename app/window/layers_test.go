package window

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestLayersImportOnlyWhatTheyMay: the layers of the house, from the import graph of the module
// (go list): data imports nothing of app, the reports or Fyne; reports nothing of app or Fyne; the
// use cases (jobs) and the command line nothing of the window; the window nothing of the command
// line; build information and the platform's hooks nothing of ours (ARCHITECTURE.md).
func TestLayersImportOnlyWhatTheyMay(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, "ketnghia/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	rules := []struct {
		layer     string // the package and those under it
		forbidden []string
	}{
		{"ketnghia/data", []string{"ketnghia/app", "ketnghia/reports", "fyne.io/"}},
		{"ketnghia/reports", []string{"ketnghia/app", "fyne.io/"}},
		{"ketnghia/app/jobs", []string{"ketnghia/app/window", "ketnghia/app/cli", "fyne.io/"}}, // the use cases both faces call
		{"ketnghia/app/cli", []string{"ketnghia/app/window", "fyne.io/"}},
		{"ketnghia/app/window", []string{"ketnghia/app/cli"}},
		{"ketnghia/app/window/widgets", []string{"ketnghia/app/window/screen", "ketnghia/app/jobs"}}, // they draw values, they do no work
		{"ketnghia/app/buildinfo", []string{"ketnghia/", "fyne.io/"}},
		{"ketnghia/app/platform", []string{"ketnghia/", "fyne.io/fyne/v2/widget", "fyne.io/fyne/v2/container"}},
	}
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		pkg := fields[0]
		for _, r := range rules {
			if !strings.HasPrefix(pkg, r.layer+"/") && pkg != r.layer {
				continue
			}
			checked++
			for _, imp := range fields[1:] {
				for _, f := range r.forbidden {
					if imp == f || strings.HasPrefix(imp, f) && (strings.HasSuffix(f, "/") || strings.HasPrefix(imp, f+"/")) {
						t.Errorf("%s imports %s, which its layer must not", pkg, imp)
					}
				}
			}
		}
	}
	if checked < 10 {
		t.Fatalf("only %d packages checked: the module was not listed", checked)
	}
}

// TestAppHoldsOnlyItsParts: app/ is folders only (window, cli, jobs, startup, platform, buildinfo,
// vnkey, boot), each a layer a newcomer sees from its name; no code lies loose beside them.
func TestAppHoldsOnlyItsParts(t *testing.T) {
	loose, err := filepath.Glob("../*.go")
	if err != nil {
		t.Fatal(err)
	}
	if len(loose) > 0 {
		t.Errorf("code directly in app/: %v", loose)
	}
}
