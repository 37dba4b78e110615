package sample_test

import (
	"context"
	"testing"

	"ketnghia/data"
	"ketnghia/data/datatest"
	"ketnghia/data/sample"
)

var ctx = context.Background()

func TestKonTumSample(t *testing.T) {
	s := datatest.MustOpen(t)
	if err := sample.Load(ctx, s, sample.Province, 1); err != nil {
		t.Fatal(err)
	}
	st, err := s.Stats(ctx, data.StatsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", st)
	if st.Districts != 10 || st.Communes != 102 || st.Villages < 800 || st.TwinningUnits < 40 {
		t.Errorf("stats = %+v", st)
	}
	if !st.SampleData {
		t.Error("sample database not flagged")
	}
	after, _ := s.Stats(ctx, data.StatsOptions{Year: 2026})
	if after.Districts != 0 || after.Communes != 40 {
		t.Errorf("after the 2025 reform: %d districts, %d communes; want 0 and 40", after.Districts, after.Communes)
	}
	cls, _ := s.Stats(ctx, data.StatsOptions{Year: 2017})
	if cls.CommuneClass["KV3"] != 49 || cls.CommuneClass["KV2"] != 28 || cls.CommuneClass["KV1"] != 25 {
		t.Errorf("2017 classes = %v, want 49 KV3, 28 KV2, 25 KV1", cls.CommuneClass)
	}
	problems, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range problems {
		if i < 20 {
			t.Error(p)
		}
	}
	if err := sample.Load(ctx, s, sample.Province, 1); !data.IsConflict(err) {
		t.Errorf("loading twice = %v, want refused", err)
	}
}
