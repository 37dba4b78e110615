package xlsx_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"ketnghia/data"
	"ketnghia/data/xlsx"
)

// TestAcceptedFiguresAreRefusedFromAWorkbook: the sample's 2025 figures of a third of the communes
// are accepted; a workbook that changes them is refused row by row with the sentence of who
// accepted them, and nothing of it is written; the other communes' rows are written when the bad
// rows are skipped.
func TestAcceptedFiguresAreRefusedFromAWorkbook(t *testing.T) {
	ctx := context.Background()
	s := sampleStore(t)
	subs, err := s.SubmissionsOf(ctx, 2025)
	if err != nil {
		t.Fatal(err)
	}
	path := reviewTemplate(t, s, 2025)
	b := openBook(t, path, "Số liệu rà soát")
	rows, _ := b.f.GetRows(b.sheet)
	for r := 2; r <= len(rows); r++ {
		b.set(r, "Số hộ cận nghèo", 1)
	}
	filled := filepath.Join(t.TempDir(), "filled.xlsx")
	b.save(filled)
	k, _ := data.KindOf("reviews")
	count := func() int {
		n := 0
		k.Each(ctx, s.DBForTests(), "deleted = 0 AND year = 2025 AND near_poor = 1", func(data.Record) error { n++; return nil })
		return n
	}
	rep, err := xlsx.Import(ctx, s, filled, xlsx.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Written || count() != 0 {
		t.Fatalf("a workbook changing accepted figures was written: %+v", rep)
	}
	locked := 0
	for _, p := range rep.Problems {
		if strings.Contains(p.Message, "đã được") && strings.Contains(p.Message, "duyệt") && strings.Contains(p.Message, "mở lại") {
			locked++
		}
	}
	accepted := 0
	for _, sub := range subs {
		if sub.State == data.StateAccepted {
			accepted++
		}
	}
	if accepted == 0 || locked < accepted {
		t.Fatalf("%d rows refused as accepted, %d communes accepted: %v", locked, accepted, rep.Problems)
	}
	rep, err = xlsx.Import(ctx, s, filled, xlsx.Options{SkipBad: true})
	if err != nil || !rep.Written || count() == 0 {
		t.Fatalf("skipping the accepted rows: %+v %v", rep, err)
	}
}
