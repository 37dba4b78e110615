package data_test

import (
	"encoding/json"
	"testing"
	"time"
	"unsafe"

	"ketnghia/data"
)

// TestARecordsTimesTakeEightBytesEach: a record's two times are Moments of 8 bytes, not time.Time
// of 24 (3 MB of a national file's tree of units, 38 MB of its 1.2 million records).
func TestARecordsTimesTakeEightBytesEach(t *testing.T) {
	if n := unsafe.Sizeof(data.Meta{}.UpdatedAt); n != 8 {
		t.Errorf("a record's time is %d bytes", n)
	}
}

// TestAMomentIsItsTimeToTheNanosecond: a Moment gives back the instant it was made of, in UTC, to
// the nanosecond; the zero time is none; order and JSON are those of the time.
func TestAMomentIsItsTimeToTheNanosecond(t *testing.T) {
	hcm := time.FixedZone("ICT", 7*3600)
	cases := []struct {
		name string
		at   time.Time
	}{
		{"a morning in Kon Tum", time.Date(2026, 12, 6, 8, 30, 15, 123456789, hcm)},
		{"the reform's day", time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)},
		{"the zero time", time.Time{}},
	}
	for _, c := range cases {
		m := data.MomentOf(c.at)
		if !m.Time().Equal(c.at) || m.IsZero() != c.at.IsZero() || (!m.IsZero() && m.Time().Location() != time.UTC) {
			t.Errorf("%s: %v back as %v", c.name, c.at, m.Time())
		}
		want, _ := json.Marshal(c.at.UTC())
		got, err := json.Marshal(m)
		if err != nil || string(got) != string(want) {
			t.Errorf("%s: JSON %s, a time's %s", c.name, got, want)
		}
		var back data.Moment
		if err := json.Unmarshal(want, &back); err != nil || back != m {
			t.Errorf("%s: read back %v (%v)", c.name, back, err)
		}
	}
	a, b := data.MomentOf(cases[1].at), data.MomentOf(cases[0].at)
	if !a.Before(b) || !b.After(a) || a.After(b) {
		t.Error("the reform's day is not before a morning of 2026")
	}
}
