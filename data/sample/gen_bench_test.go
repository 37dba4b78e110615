package sample_test

import (
	"testing"
	"time"

	"ketnghia/data"
	"ketnghia/data/sample"
)

// BenchmarkGenerateNational is the generator alone (no database), to separate its cost from the load's.
func BenchmarkGenerateNational(b *testing.B) {
	at := time.Now()
	for b.Loop() {
		n := 0
		err := sample.Generate(sample.National, 7, nil, nil, func(r data.Record) error {
			n++
			_, _, _, err := data.Flatten(r, "office", at)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(n), "rows")
	}
}
