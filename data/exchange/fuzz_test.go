package exchange

import (
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"ketnghia/data"
	"ketnghia/data/datatest"
)

// smallPackage is a package of one district of the sample: quick to open a thousand times.
func smallPackage(t testing.TB) []byte {
	t.Helper()
	a := province(t)
	districts, _, err := a.ListUnits(context.Background(), data.UnitFilter{Level: data.LevelDistrict})
	if err != nil || len(districts) == 0 {
		t.Fatal("no districts", err)
	}
	out := filepath.Join(t.TempDir(), "goi.knx")
	if _, err := Export(context.Background(), a, out, ExportOptions{Scope: []string{districts[len(districts)-1].Code}}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// mutate breaks a package the ways a USB stick, a half copy or a person does.
func mutate(r *rand.Rand, good []byte) []byte {
	b := append([]byte(nil), good...)
	switch r.IntN(6) {
	case 0: // truncated anywhere
		return b[:r.IntN(len(b))]
	case 1: // one bit flipped
		i := r.IntN(len(b))
		b[i] ^= 1 << r.IntN(8)
	case 2: // a run of bytes overwritten
		i := r.IntN(len(b))
		for j := i; j < min(len(b), i+1+r.IntN(64)); j++ {
			b[j] = byte(r.IntN(256))
		}
	case 3: // a block zeroed, as a bad sector reads
		i := r.IntN(len(b))
		for j := i; j < min(len(b), i+512); j++ {
			b[j] = 0
		}
	case 4: // bytes added at the end
		extra := make([]byte, 1+r.IntN(4096))
		for j := range extra {
			extra[j] = byte(r.IntN(256))
		}
		return append(b, extra...)
	case 5: // the head damaged
		i := r.IntN(min(len(b), 600))
		b[i] ^= byte(1 + r.IntN(255))
	}
	return b
}

// TestThousandBrokenPackagesAreRefusedAndChangeNothing: 1,000 damaged copies of a package, none
// accepted, none crashing, each refused with a Vietnamese sentence, the database untouched.
func TestThousandBrokenPackagesAreRefusedAndChangeNothing(t *testing.T) {
	good := smallPackage(t)
	b := datatest.MustOpen(t)
	before := fingerprints(t, b)
	r := rand.New(rand.NewPCG(4, 2026))
	dir := t.TempDir()
	refused := 0
	for i := range 1000 {
		bad := mutate(r, good)
		if bytes.Equal(bad, good) {
			continue
		}
		p := filepath.Join(dir, "x.knx")
		if err := os.WriteFile(p, bad, 0o644); err != nil {
			t.Fatal(err)
		}
		err := tryImport(b, p)
		if err == nil {
			// Every byte counts: the trailer's checksum covers what the decompressor skips.
			for j := range min(len(bad), len(good)) {
				if bad[j] != good[j] {
					t.Logf("first difference at %d: %q → %q; context %q", j, good[j], bad[j], good[max(0, j-40):min(len(good), j+40)])
					break
				}
			}
			t.Fatalf("case %d: a damaged package was imported (%d → %d bytes)", i, len(good), len(bad))
		}
		msg := data.Message(err)
		if !bytes.Contains([]byte(msg), []byte("không bị thay đổi")) {
			t.Fatalf("case %d: %q does not say the database is unchanged", i, msg)
		}
		refused++
	}
	after := fingerprints(t, b)
	if len(after) != len(before) {
		t.Fatalf("the database changed: %d → %d records", len(before), len(after))
	}
	t.Logf("%d damaged packages refused", refused)
}

// FuzzOpen feeds any bytes to the package reader and the review: never a crash, and anything it
// accepts is reviewed without one.
func FuzzOpen(f *testing.F) {
	good := smallPackage(f)
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte(magic))
	b := datatest.MustOpen(f)
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, in []byte) {
		p := filepath.Join(dir, "f.knx")
		if err := os.WriteFile(p, in, 0o644); err != nil {
			t.Fatal(err)
		}
		o, err := Open(context.Background(), p)
		if err != nil {
			return
		}
		defer o.Close()
		Inspect(context.Background(), b, o)
	})
}
