package reports

import (
	"slices"
	"testing"

	"ketnghia/data"
)

// The annexes a draft may have are the reports with an annex title, and only those: a draft
// never names an annex the document cannot print.
func TestTheAnnexKindsAreTheReportsWithAnAnnexTitle(t *testing.T) {
	var titled []string
	for _, k := range Kinds {
		if k.Annex != "" {
			titled = append(titled, k.Code)
			if k.NeedsUnit {
				t.Errorf("%s needs a commune, which a committee report has not", k.Code)
			}
		}
	}
	if !slices.Equal(titled, data.AnnexKinds()) {
		t.Errorf("reports with an annex title %v, annexes a draft may have %v", titled, data.AnnexKinds())
	}
}
