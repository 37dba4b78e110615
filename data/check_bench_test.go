package data_test

import (
	"context"
	"os"
	"testing"

	"ketnghia/data"
)

// BenchmarkCheckNational runs `check` over the national sample named by KETNGHIA_NATIONAL_DB
// (built by `ketnghia demo --scale national`): goal < 30 s and < 500 MB resident (`ketnghia check`
// under /usr/bin/time -v for the memory).
func BenchmarkCheckNational(b *testing.B) {
	f := os.Getenv("KETNGHIA_NATIONAL_DB")
	if f == "" {
		b.Skip("KETNGHIA_NATIONAL_DB names no national sample")
	}
	s, err := data.Open(context.Background(), f, data.Options{Shared: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for b.Loop() {
		ps, err := s.Check(context.Background())
		if err != nil || len(ps) != 0 {
			b.Fatal(err, ps)
		}
	}
}
