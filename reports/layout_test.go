package reports

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"

	"ketnghia/data"
	"ketnghia/data/datatest"
	"ketnghia/data/rules"
	"ketnghia/data/sample"
)

// TestTheLayoutMeasures renders every report of 2020, 2024 and 2026 on the Kon Tum sample and
// measures, rather than looks at, what a secretary would correct by hand:
//   - no page but the last holds fewer than three lines of body (a commune's profile in the book
//     ended on a page holding "50%)" alone);
//   - the signature block never starts a page: the body's last lines come with it;
//   - no short cell of a table (a row number, a day, "Cấp tỉnh") is broken over two lines.
func TestTheLayoutMeasures(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext (poppler-utils) is needed to read the reports back: apt-get install poppler-utils")
	}
	ctx := context.Background()
	st := datatest.MustOpen(t)
	if err := sample.Load(ctx, st, sample.Province, 1); err != nil {
		t.Fatal(err)
	}
	settings, err := st.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := st.Dataset(ctx)
	if err != nil {
		t.Fatal(err)
	}
	td, err := st.Twinning(ctx)
	if err != nil {
		t.Fatal(err)
	}
	x := rules.NewIndex(ds)
	var wrapped []string
	laidOut = func(d *doc) { wrapped = append(wrapped, d.wrapped...) }
	defer func() { laidOut = nil }()
	for _, year := range []int{2020, 2024, 2026} {
		for _, k := range Kinds {
			in := Input{Header: Header{Settings: settings, Date: data.D(2026, 12, 5)}, Index: x, Twinning: td, Year: year}
			if k.NeedsUnit {
				in.UnitCode = CommunesOfYear(x, year)[0].Code
			}
			name := fmt.Sprintf("%s %d", k.Code, year)
			wrapped = nil
			var buf bytes.Buffer
			if err := k.Build(&buf, in); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			for _, c := range wrapped {
				t.Errorf("%s: the short cell %q is broken over lines", name, c)
			}
			for _, bad := range badPages(t, buf.Bytes(), nil) {
				t.Errorf("%s %s", name, bad)
			}
		}
	}
}

// TestTheEndOfAPartNeverStandsAlone: whatever the length of the body, the signature never starts a
// page and no part's last page holds less than three lines: bodies of 1 to 70 lines of a list,
// in parts that each start a page, laid out and read back.
func TestTheEndOfAPartNeverStandsAlone(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext (poppler-utils) is needed")
	}
	h := Header{Settings: data.Settings{SignerName: "Nguyễn Văn Ánh", SignerTitle: "TRƯỞNG BAN", Recipients: []string{"Thường trực Tỉnh ủy (b/c)", "Lưu VP"}}, Date: data.D(2026, 12, 5)}
	for n := 1; n <= 70; n++ {
		var buf bytes.Buffer
		err := render(&buf, h, "thử", func(d *doc) error {
			for part := 0; part < 2; part++ {
				d.endPart()
				d.pdf.AddPage()
				d.startPart()
				d.heading(fmt.Sprintf("Phần %d", part+1))
				for i := 0; i < n+part*7; i++ {
					d.bullet(fmt.Sprintf("Dòng %d của phần %d, một dòng của danh sách.", i+1, part+1))
				}
			}
			d.signature()
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		// A page a part starts on may be the whole of a short part.
		for _, bad := range badPages(t, buf.Bytes(), func(page string) bool { return strings.Contains(page, "Phần ") }) {
			t.Errorf("%d lines: %s", n, bad)
		}
	}
}

// badPages reads a PDF back page by page and says which pages a secretary would mend: a page other
// than the last holding fewer than three lines of body (the page number aside), and a signature
// with fewer than two lines above it on its page. exempt pages are not counted.
func badPages(t *testing.T, pdf []byte, exempt func(page string) bool) []string {
	t.Helper()
	cmd := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	pageNumber := regexp.MustCompile(`^\s*\d+\s*$`)
	var bad []string
	pages := strings.Split(strings.TrimRight(string(out), "\f\n"), "\f")
	for i, p := range pages {
		var lines []string
		for _, l := range strings.Split(p, "\n") {
			if strings.TrimSpace(l) != "" && !pageNumber.MatchString(l) {
				lines = append(lines, l)
			}
		}
		signs := func(l string) bool {
			return strings.Contains(l, "Nơi nhận:") || strings.Contains(l, "TRƯỞNG BAN") || strings.Contains(l, "T/M BAN CHỈ ĐẠO")
		}
		if k := slices.IndexFunc(lines, signs); k >= 0 {
			if k < 2 {
				bad = append(bad, fmt.Sprintf("p. %d: the signature starts the page", i+1))
			}
			continue
		}
		if i < len(pages)-1 && len(lines) < 3 && (exempt == nil || !exempt(p)) {
			bad = append(bad, fmt.Sprintf("p. %d holds %d lines of body: %q", i+1, len(lines), lines))
		}
	}
	return bad
}
