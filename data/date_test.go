package data_test

import (
	"encoding/json"
	"testing"
	"time"
	"unsafe"

	"ketnghia/data"
)

// TestADateIsFourBytes: every unit holds three dates; at 24 bytes each they were 6 MB of a
// national file's tree of units.
func TestADateIsFourBytes(t *testing.T) {
	if n := unsafe.Sizeof(data.Date{}); n != 4 {
		t.Errorf("a Date is %d bytes", n)
	}
}

// TestDatesCompareAsTheirDays: Before orders days as their ISO text does, the zero Date (unknown)
// first, without making text.
func TestDatesCompareAsTheirDays(t *testing.T) {
	days := []data.Date{{}, data.D(1999, 12, 31), data.D(2000, 1, 1), data.D(2024, 2, 29), data.D(2024, 3, 1), data.D(2025, 6, 30), data.D(2025, 7, 1), data.D(2025, 7, 2), data.D(2100, 1, 1)}
	for _, a := range days {
		for _, b := range days {
			if got, want := a.Before(b), a.ISO() < b.ISO(); got != want {
				t.Errorf("%q before %q: %v, want %v", a.ISO(), b.ISO(), got, want)
			}
		}
	}
	if n := testing.AllocsPerRun(100, func() { days[5].Before(days[6]) }); n != 0 {
		t.Errorf("comparing two dates made %v objects", n)
	}
}

// TestADatesPartsAndJSONAreAsBefore: the parts read back as built, and JSON (kept figures, command
// output) is written and read as it always was.
func TestADatesPartsAndJSONAreAsBefore(t *testing.T) {
	d := data.D(2025, time.July, 1)
	if d.Year() != 2025 || d.Month() != time.July || d.Day() != 1 || d.String() != "01/07/2025" || d.ISO() != "2025-07-01" {
		t.Errorf("2025-07-01 reads %d-%d-%d, %s, %s", d.Year(), d.Month(), d.Day(), d, d.ISO())
	}
	b, err := json.Marshal(struct{ On data.Date }{d})
	if err != nil || string(b) != `{"On":{"Year":2025,"Month":7,"Day":1}}` {
		t.Errorf("JSON %s (%v)", b, err)
	}
	var back struct{ On data.Date }
	if err := json.Unmarshal([]byte(`{"On":{"Year":2016,"Month":12,"Day":31}}`), &back); err != nil || back.On != data.D(2016, 12, 31) {
		t.Errorf("read back %v (%v)", back.On, err)
	}
	if z := (data.Date{}); !z.IsZero() || z.Year() != 0 || z.ISO() != "" {
		t.Errorf("the zero Date: %v %d %q", z.IsZero(), z.Year(), z.ISO())
	}
}
