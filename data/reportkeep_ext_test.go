package data_test

import (
	"context"
	"reflect"
	"testing"

	"ketnghia/data"
	"ketnghia/data/datatest"
	"ketnghia/data/sample"
)

// TestTheReportDataKeptIsTheDataRead: the whole file's report data, kept and read back, is what
// the tables gave, field for field: a pointer to zero stays a pointer to zero (a village known to
// have no chi bộ), an unknown stays nil, texts, days, times and maps come back whole.
func TestTheReportDataKeptIsTheDataRead(t *testing.T) {
	ctx := context.Background()
	s := datatest.MustOpen(t)
	if err := sample.Load(ctx, s, sample.Province, 1); err != nil {
		t.Fatal(err)
	}
	ds, td, stamp, err := data.ReadReportData(s, ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	zeroes := 0
	for _, r := range ds.Reviews {
		if r.PartyCell != nil && !*r.PartyCell {
			zeroes++
		}
	}
	if zeroes == 0 || len(ds.Reviews) < 1000 || len(td.Activities) == 0 {
		t.Fatalf("the sample lacks what the test needs: %d reviews, %d without a chi bộ, %d activities", len(ds.Reviews), zeroes, len(td.Activities))
	}
	b, err := data.AppendKeptReport(ds, td)
	if err != nil {
		t.Fatal(err)
	}
	back, backTD := &data.Dataset{}, &data.TwinningData{}
	if err := data.ReadKeptReport(b, back, backTD); err != nil {
		t.Fatal(err)
	}
	data.ShareUnitStrings(back.Units)
	if !reflect.DeepEqual(ds, back) {
		t.Error("the dataset read back differs from the one read from the tables")
		for i := range ds.Reviews {
			if !reflect.DeepEqual(ds.Reviews[i], back.Reviews[i]) {
				t.Fatalf("first difference: review %d\n%+v\n%+v", i, ds.Reviews[i], back.Reviews[i])
			}
		}
	}
	if !reflect.DeepEqual(td, backTD) {
		t.Error("the twinning records read back differ")
	}
	// Kept, it is given back while the data stays as it was, and not once a record changes.
	data.KeepReportData(s, ctx, stamp, ds, td)
	if _, _, ok := data.KeptReportData(s, ctx); !ok {
		t.Fatal("the report data was not kept")
	}
	// Read back into a list of its own size, not a guess grown as it fills.
	if v, ok, err := s.Derived(ctx, data.KeptReportKey); err != nil || !ok {
		t.Fatalf("the kept value is not there: %v", err)
	} else if n := data.KeptDecodedSize(v); n != len(b) {
		t.Errorf("the kept value says it decodes to %d bytes; it is %d", n, len(b))
	}
	whole, err := s.Dataset(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r := whole.Reviews[0]
	r.Note = "sửa"
	if err := s.SaveReview(ctx, &r); err != nil {
		t.Fatal(err)
	}
	if _, _, ok := data.KeptReportData(s, ctx); ok {
		t.Error("the kept report data was given back after the data changed")
	}
	// A cut value is refused, never read as data, and never stops the program, wherever it is cut.
	for _, cut := range []int{0, 1, 2, len(b) / 3, len(b) / 2, len(b) - 1} {
		if err := data.ReadKeptReport(b[:cut], &data.Dataset{}, &data.TwinningData{}); err == nil {
			t.Errorf("the kept data cut at %d of %d bytes was read without an error", cut, len(b))
		}
	}
}
