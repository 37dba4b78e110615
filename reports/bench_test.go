package reports_test

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"testing"
	"time"

	"ketnghia/reports"
)

// BenchmarkCommunesBook: the profiles of Kon Tum's 102 communes of 2024 in one PDF (goal < 1 s).
func BenchmarkCommunesBook(b *testing.B) {
	in := kontum(b)
	in.UnitCode = "" // the whole province: the fixture's commune is the profile's
	b.ReportAllocs()
	pages := 0
	for b.Loop() {
		var buf bytes.Buffer
		if err := reports.Communes(&buf, in); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(buf.Len())/1024, "KB")
		pages = pagesOf(buf.Bytes())
	}
	b.ReportMetric(float64(pages), "pages")
}

// BenchmarkProgressReport: the progress report with its map and charts for 2024.
func BenchmarkProgressReport(b *testing.B) {
	in := kontum(b)
	for b.Loop() {
		if err := reports.Progress(io.Discard, in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkThousandPages: a list of 22,000 villages printed from a screen, about 1,000 pages
// (goal < 3 s and < 200 MB); peak-heap-MB is the largest heap seen while it ran.
func BenchmarkThousandPages(b *testing.B) {
	in := kontum(b)
	rows := make([][]string, 22000)
	for i := range rows {
		rows[i] = []string{fmt.Sprintf("Thôn %d", i%40+1), fmt.Sprintf("Xã Đắk Rơ Nga %d", i/9), fmt.Sprintf("Huyện Đắk Tô %d", i/90), "Khu vực III"}
	}
	li := reports.ListInput{Header: in.Header, Title: "Danh sách thôn, làng toàn quốc", Columns: []string{"Thôn", "Xã", "Huyện", "Khu vực"}, Rows: rows}
	var peak uint64
	stop := make(chan struct{})
	go func() {
		var ms runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapAlloc)
			}
		}
	}()
	pages := 0
	for b.Loop() {
		var buf bytes.Buffer
		if err := reports.List(&buf, li); err != nil {
			b.Fatal(err)
		}
		pages = pagesOf(buf.Bytes())
	}
	close(stop)
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

// pagesOf counts the page objects of a PDF written by gofpdf.
func pagesOf(pdf []byte) int {
	return bytes.Count(pdf, []byte("/Type /Page\n")) + bytes.Count(pdf, []byte("/Type /Page "))
}
