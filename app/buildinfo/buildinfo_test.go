package buildinfo

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// The name, ID and version are those FyneApp.toml gives the Windows package.
func TestTheProgramIsWhatFyneAppTomlSays(t *testing.T) {
	toml, err := os.ReadFile(filepath.Join("..", "..", "FyneApp.toml"))
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"Name": Name, "ID": AppID, "Version": Version} {
		m := regexp.MustCompile(`(?m)^` + key + ` = "([^"]+)"`).FindSubmatch(toml)
		if m == nil || string(m[1]) != want {
			t.Errorf("FyneApp.toml's %s is %q, the program's %q", key, m, want)
		}
	}
}
