package sample_test

import (
	"bufio"
	"context"
	"database/sql/driver"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"ketnghia/data"
	"ketnghia/data/sample"
)

// The national-scale database is built once per benchmark run and shared.
var (
	nationalOnce sync.Once
	nationalPath string
	nationalErr  error
)

func nationalDB(b *testing.B) string {
	b.Helper()
	nationalOnce.Do(func() {
		dir, err := os.MkdirTemp("", "ketnghia-bench-")
		if err != nil {
			nationalErr = err
			return
		}
		nationalPath = filepath.Join(dir, "national.db")
		s, err := data.Open(context.Background(), nationalPath, data.Options{})
		if err != nil {
			nationalErr = err
			return
		}
		defer s.Close()
		nationalErr = sample.Load(context.Background(), s, sample.National, 7)
	})
	if nationalErr != nil {
		b.Fatal(nationalErr)
	}
	return nationalPath
}

// BenchmarkLoadNational loads the national-scale sample (generation included) into a new file,
// and, side by side, has the sqlite3 command-line tool import the very same rows from CSV into a
// file with the same schema. The issue asks the store to stay within 2× of the CLI.
func BenchmarkLoadNational(b *testing.B) {
	sqlite3, err := exec.LookPath("sqlite3")
	if err != nil {
		b.Skip("sqlite3 CLI not installed (apt-get install sqlite3)")
	}
	dir := b.TempDir()
	rows, err := writeNationalCSV(dir)
	if err != nil {
		b.Fatal(err)
	}
	var storeTime, cliTime time.Duration
	for i := 0; b.Loop(); i++ {
		p := filepath.Join(dir, fmt.Sprintf("store-%d.db", i))
		t0 := time.Now()
		s, err := data.Open(context.Background(), p, data.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := sample.Load(context.Background(), s, sample.National, 7); err != nil {
			b.Fatal(err)
		}
		s.Close()
		storeTime += time.Since(t0)

		b.StopTimer()
		q := filepath.Join(dir, fmt.Sprintf("cli-%d.db", i))
		empty, err := data.Open(context.Background(), q, data.Options{})
		if err != nil {
			b.Fatal(err)
		}
		empty.Close()
		b.StartTimer()
		t1 := time.Now()
		cmd := exec.Command(sqlite3, q)
		cmd.Stdin = strings.NewReader(importScript(dir))
		if out, err := cmd.CombinedOutput(); err != nil || len(out) > 0 {
			b.Fatalf("sqlite3 import: %v\n%.2000s", err, out)
		}
		cliTime += time.Since(t1)
	}
	n := float64(b.N)
	b.ReportMetric(float64(rows), "rows")
	b.ReportMetric(storeTime.Seconds()/n, "store-s")
	b.ReportMetric(cliTime.Seconds()/n, "sqlite3cli-s")
	b.ReportMetric(storeTime.Seconds()/cliTime.Seconds(), "ratio")
}

var csvTables = []string{"units", "unit_links", "unit_moves", "classifications", "twinning_units", "assignments", "activities", "reviews", "criteria_results"}

func importScript(dir string) string {
	var sb strings.Builder
	for _, t := range csvTables {
		p := filepath.Join(dir, t+".csv")
		if _, err := os.Stat(p); err == nil {
			fmt.Fprintf(&sb, ".import --csv --skip 1 %s %s\n", p, t)
		}
	}
	return sb.String()
}

// writeNationalCSV writes the national sample as one CSV per table, row for row what the store
// writes (a BLOB column goes as hex text: CSV has no bytes).
func writeNationalCSV(dir string) (int, error) {
	ctx := context.Background()
	ref, err := data.Open(ctx, filepath.Join(dir, "ref.db"), data.Options{})
	if err != nil {
		return 0, err
	}
	causes, _ := ref.CauseGroups(ctx)
	sets, _ := ref.CriteriaSets(ctx)
	office := ref.OfficeID()
	ref.Close()
	writers := map[string]*csv.Writer{}
	var files []*os.File
	var bufs []*bufio.Writer
	rows := 0
	seq := map[string]int{}
	at := time.Now().UTC()
	err = sample.Generate(sample.National, 7, causes, sets, func(r data.Record) error {
		table, cols, vals, err := data.Flatten(r, office, at)
		if err != nil {
			return err
		}
		w, ok := writers[table]
		if !ok {
			f, err := os.Create(filepath.Join(dir, table+".csv"))
			if err != nil {
				return err
			}
			bw := bufio.NewWriterSize(f, 1<<20)
			files, bufs = append(files, f), append(bufs, bw)
			w = csv.NewWriter(bw)
			writers[table] = w
			if rowidTables[table] {
				cols = append([]string{"seq"}, cols...)
			}
			if err := w.Write(cols); err != nil {
				return err
			}
		}
		var rec []string
		if rowidTables[table] {
			seq[table]++
			rec = append(rec, strconv.Itoa(seq[table]))
		}
		for _, v := range vals {
			rec = append(rec, csvValue(v))
		}
		rows++
		return w.Write(rec)
	})
	for _, w := range writers {
		w.Flush()
	}
	for i, f := range files {
		bufs[i].Flush()
		f.Close()
	}
	return rows, err
}

// rowidTables have an INTEGER PRIMARY KEY seq before their columns (the search index's rowid).
var rowidTables = map[string]bool{"units": true, "twinning_units": true}

func csvValue(v any) string {
	if vr, ok := v.(driver.Valuer); ok {
		v, _ = vr.Value()
	}
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []byte:
		return hex.EncodeToString(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		if x {
			return "1"
		}
		return "0"
	}
	return fmt.Sprint(v)
}

// BenchmarkSearchNational is one folded-substring search over the ~91,000 units of the national
// sample, as the search box asks it (first page of 100, and the total).
func BenchmarkSearchNational(b *testing.B) {
	path := nationalDB(b)
	s, err := data.Open(context.Background(), path, data.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for _, q := range []string{"dak", "tan son", "xa ngoc", "phu thinh", "lang kon", "thon 3", "ia", "hoa binh", "kon dao", "truong"} {
		b.Run(strings.ReplaceAll(q, " ", "_"), func(b *testing.B) {
			for b.Loop() {
				if _, _, err := s.ListUnits(context.Background(), data.UnitFilter{Query: q, Limit: 100}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkOpenFirstList opens the national-scale file and lists the first page of communes.
func BenchmarkOpenFirstList(b *testing.B) {
	path := nationalDB(b)
	for b.Loop() {
		s, err := data.Open(context.Background(), path, data.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := s.ListUnits(context.Background(), data.UnitFilter{Level: data.LevelCommune, Limit: 100}); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}
