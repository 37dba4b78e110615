package data_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoSQLOutsideTheStore: the window, the command line, the use cases, the reports, the rules,
// Excel and the exchange reach the file through the store's methods alone: none of their code
// writes SQL or asks the store for its handle (the exchange holds a package file's handle, opened
// by the store, to give back to it).
func TestNoSQLOutsideTheStore(t *testing.T) {
	checked := 0
	for _, root := range []string{"../app", "../reports", "xlsx", "rules", "vntext", "geo", "sample", "exchange"} {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			checked++
			src := string(b)
			bads := []string{`"database/sql"`, "DBForTests()", "data.Queryer", "ExecContext(", "QueryContext(", "QueryRowContext("}
			if strings.HasPrefix(filepath.ToSlash(p), "exchange/") {
				bads = bads[1:] // a package file's handle, as a type
			}
			for _, bad := range bads {
				if strings.Contains(src, bad) {
					t.Errorf("%s holds %s: SQL belongs to the store (data)", p, bad)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if checked < 50 {
		t.Fatalf("only %d files read", checked)
	}
}
