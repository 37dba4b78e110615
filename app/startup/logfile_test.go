package startup

import (
	"bytes"
	"log"
	"os"
	"strings"
	"testing"
)

// TestCausesGoToTheLogNotTheScreen: the standard logger writes to ketnghia.log in the data folder,
// and a log grown past its size is started afresh with the old one kept beside it.
func TestCausesGoToTheLogNotTheScreen(t *testing.T) {
	t.Setenv("KETNGHIA_HOME", t.TempDir())
	defer log.SetOutput(os.Stderr)
	os.WriteFile(LogPath(), bytes.Repeat([]byte("x"), maxLog+1), 0o644)
	c := OpenLog()
	log.Printf("open reviews.db: no such file or directory")
	c.Close()
	b, err := os.ReadFile(LogPath())
	if err != nil || !strings.Contains(string(b), "no such file") || len(b) > 200 {
		t.Fatalf("log: %q, %v", b, err)
	}
	if st, err := os.Stat(LogPath() + ".1"); err != nil || st.Size() != maxLog+1 {
		t.Errorf("the full log was not kept as .1: %v", err)
	}
}
