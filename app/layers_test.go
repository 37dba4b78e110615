package app

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLayersImportOnlyWhatTheyMay: the layers of the house, from the import graph of the module
// (go list): data imports nothing of the window, the command line, the reports or Fyne; reports
// imports nothing of app or Fyne; the window's screens do not reach into the command line.
func TestLayersImportOnlyWhatTheyMay(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, "ketnghia/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	rules := []struct {
		layer     string // import paths that start so
		forbidden []string
	}{
		{"ketnghia/data", []string{"ketnghia/app", "ketnghia/reports", "fyne.io/"}},
		{"ketnghia/reports", []string{"ketnghia/app", "fyne.io/"}},
		{"ketnghia/app", []string{"ketnghia/app/cli"}}, // the window's own package (exact)
	}
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		pkg := fields[0]
		for _, r := range rules {
			in := strings.HasPrefix(pkg, r.layer+"/") || pkg == r.layer
			if r.layer == "ketnghia/app" {
				in = pkg == r.layer
			}
			if !in {
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
