package data_test

import (
	"testing"

	"ketnghia/data"
)

func TestValueTextWritesFiguresAsTheScreensDo(t *testing.T) {
	for _, c := range []struct{ name, field, raw, want string }{
		{"thousands are grouped with dots", "households", "2872", "2.872"},
		{"decimals take a comma", "road_km", "12.5", "12,5"},
		{"days read dd/mm/yyyy", "opened_on", "2025-07-01", "01/07/2025"},
		{"yes or no in words", "party_cell", "1", "có"},
		{"no in words", "cultural", "0", "không"},
		{"a code stays as written", "code", "23503", "23503"},
		{"a year is not a quantity", "ntm_year", "2024", "2024"},
		{"text stays as it is", "name", "Xã Đắk Rơ Nga", "Xã Đắk Rơ Nga"},
		{"nothing stays nothing", "poor", "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := data.ValueText(c.field, c.raw); got != c.want {
				t.Errorf("ValueText(%q, %q) = %q, want %q", c.field, c.raw, got, c.want)
			}
		})
	}
}
