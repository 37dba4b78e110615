package data_test

import (
	"strings"
	"testing"

	"ketnghia/data"
)

// A draft is named as a secretary names the report, and its period is refused when it cannot be.
func TestADraftsNameAndPeriod(t *testing.T) {
	cases := []struct {
		name     string
		kind     data.DraftKind
		from, to int
		title    string
		refused  bool
	}{
		{"a year's report is named by its year once", data.DraftYear, 2025, 2025, "Báo cáo năm 2025", false},
		{"a mid-term report names its years", data.DraftMidTerm, 2021, 2023, "Báo cáo sơ kết giai đoạn 2021–2023", false},
		{"a final report names its period", data.DraftFinal, 2021, 2025, "Báo cáo tổng kết giai đoạn 2021–2025", false},
		{"a year's report has one year", data.DraftYear, 2024, 2025, "", true},
		{"a period runs forwards", data.DraftFinal, 2025, 2021, "", true},
		{"years are of this century", data.DraftYear, 1925, 1925, "", true},
		{"no other kind", "bao_cao", 2025, 2025, "", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := data.Draft{Kind: c.kind, FromYear: c.from, ToYear: c.to}
			err := d.CheckPeriod()
			if (err != nil) != c.refused {
				t.Fatalf("CheckPeriod: %v", err)
			}
			if err != nil {
				if msg := data.Message(err); msg == "" || strings.Contains(msg, "_year") || !strings.Contains(msg, "báo cáo") && !strings.Contains(msg, "Năm") {
					t.Errorf("refused without saying what in words of the screen: %q", msg)
				}
				return
			}
			if got := d.Title(); got != c.title {
				t.Errorf("Title %q, want %q", got, c.title)
			}
		})
	}
}
