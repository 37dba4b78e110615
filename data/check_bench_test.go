package data_test

import (
	"context"
	"testing"

	"ketnghia/data/datatest"
)

// BenchmarkCheckNational runs `check` over the national sample named by KETNGHIA_NATIONAL_DB
// (built by `ketnghia demo --scale national`): goal < 30 s and < 500 MB resident (`ketnghia check`
// under /usr/bin/time -v for the memory).
func BenchmarkCheckNational(b *testing.B) {
	s := datatest.National(b)
	for b.Loop() {
		ps, err := s.Check(context.Background())
		if err != nil || len(ps) != 0 {
			b.Fatal(err, ps)
		}
	}
}
