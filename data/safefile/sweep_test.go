package safefile

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestSweepRemovesWhatAKilledWriteLeft: old leftovers of the pattern go, a young one (a write
// still going on) and other files stay.
func TestSweepRemovesWhatAKilledWriteLeft(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-time.Hour)
	files := map[string]bool{ // name → swept
		".KetNghia_a_1.knx.123": true,
		".KetNghia_b_2.knx.456": false, // young
		"KetNghia_a_1.knx":      false, // a package
		"ghi-chu.txt":           false,
	}
	for name := range files {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte("x"), 0o644)
		if name != ".KetNghia_b_2.knx.456" {
			os.Chtimes(p, old, old)
		}
	}
	Sweep(dir, ".KetNghia_*.knx.*", 10*time.Minute)
	for name, swept := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if gone := os.IsNotExist(err); gone != swept {
			t.Errorf("%s: gone %v, want %v", name, gone, swept)
		}
	}
}
