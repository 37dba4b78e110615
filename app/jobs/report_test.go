package jobs_test

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"ketnghia/app/jobs"
	"ketnghia/data"
	"ketnghia/data/rules"
	"ketnghia/reports"
)

// wholeReport is a report built from everything in the file (the whole snapshot and every twinning
// record), as reports were made before they read only what they print.
func wholeReport(t *testing.T, st *data.Store, kind string, year int, code string) []byte {
	t.Helper()
	ctx := context.Background()
	ds, err := st.Dataset(ctx)
	if err != nil {
		t.Fatal(err)
	}
	td, err := st.Twinning(ctx)
	if err != nil {
		t.Fatal(err)
	}
	settings, err := st.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	k, _ := reports.KindOf(kind)
	var buf bytes.Buffer
	x, scope := rules.NewIndex(ds), ""
	if k.NeedsUnit || k.AreaUnit {
		scope = code
	}
	in := reports.Input{Header: reports.Header{Settings: settings, Date: data.D(2026, 12, 5), Acceptance: jobs.Acceptance(ctx, st, year, x, scope)}, Index: x, Twinning: td, Year: year, UnitCode: code}
	if err := k.Build(&buf, in); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func report(t *testing.T, st *data.Store, kind string, year int, code string) ([]byte, error) {
	t.Helper()
	return jobs.Report(context.Background(), st, jobs.ReportRequest{Kind: kind, Year: year, UnitCode: code, Date: data.D(2026, 12, 5)}, nil)
}

// TestAReportReadsOnlyWhatItPrints: a commune's profile reads its commune's part of the file
// (itself, its villages, the communes it came from or became, what lies above) and the reports of
// the whole file read only the columns reports print; the files are byte for byte those made from
// the whole snapshot, for communes of 2016, 2024, 2025 (merged and new) and 2026.
func TestAReportReadsOnlyWhatItPrints(t *testing.T) {
	st, _ := provinceSample(t)
	ctx := context.Background()
	ds, err := st.Dataset(ctx)
	if err != nil {
		t.Fatal(err)
	}
	x := rules.NewIndex(ds)
	for _, year := range []int{2016, 2024, 2025, 2026} {
		communes := reports.CommunesOfYear(x, year)
		if len(communes) == 0 {
			t.Fatalf("%d: no communes", year)
		}
		for i, c := range communes {
			if i%9 != 0 && i != len(communes)-1 {
				continue
			}
			got, err := report(t, st, "commune", year, c.Code)
			if err != nil {
				t.Fatal(err)
			}
			if want := wholeReport(t, st, "commune", year, c.Code); !bytes.Equal(got, want) {
				t.Errorf("%d %s: the profile read alone differs from the one made from the whole file", year, c.Name)
			}
		}
	}
	for _, kind := range []string{"progress", "villages", "exit"} {
		got, err := report(t, st, kind, 2024, "")
		if err != nil {
			t.Fatal(err)
		}
		if want := wholeReport(t, st, kind, 2024, ""); !bytes.Equal(got, want) {
			t.Errorf("%s 2024: the narrow read differs from the whole snapshot", kind)
		}
	}
}

// TestTheBookOfOneArea: "report communes --unit" with a district's code holds that district's
// communes, with a province's code (Kon Tum, gone since 1/7/2025) in 2026 the 40 new communes on
// its former territory; a code of no province or district is refused with a sentence.
func TestTheBookOfOneArea(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext (poppler-utils) is needed")
	}
	st, path := provinceSample(t)
	count := func(q string) int {
		out, err := exec.Command("sqlite3", path, q).Output()
		if err != nil {
			t.Skipf("sqlite3: %v", err)
		}
		n, err := strconv.Atoi(strings.TrimSpace(string(out)))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	cases := []struct {
		name, code string
		year       int
		want       int
		words      string
	}{
		{"a district's communes", "610", 2024,
			count(`SELECT count(*) FROM units c JOIN units d ON d.id = c.parent_id WHERE d.code = '610' AND c.level = 'commune' AND c.deleted = 0
				AND (c.opened_on IS NULL OR c.opened_on <= '2024-12-31') AND (c.closed_on IS NULL OR c.closed_on > '2024-12-31')`),
			"huyện Đắk Glei"},
		{"a former province's new communes", "62", 2026, 40, "tỉnh Kon Tum cũ"},
	}
	for _, c := range cases {
		pdf, err := report(t, st, "communes", c.year, c.code)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		cmd := exec.Command("pdftotext", "-l", "1", "-", "-")
		cmd.Stdin = bytes.NewReader(pdf)
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		first := strings.Join(strings.Fields(string(out)), " ")
		m := regexp.MustCompile(`Tập hồ sơ gồm (\d+) `).FindStringSubmatch(first)
		if m == nil || m[1] != strconv.Itoa(c.want) || !strings.Contains(first, c.words) {
			t.Errorf("%s: want %d communes of %s, first page: %s", c.name, c.want, c.words, first)
		}
	}
	for _, code := range []string{"23503", "999"} {
		_, err := report(t, st, "communes", 2024, code)
		var e *data.Error
		if err == nil || !errors.As(err, &e) || !strings.Contains(e.Msg, "Không có tỉnh, huyện nào mang mã") {
			t.Errorf("--unit %s: %v", code, err)
		}
	}
}

// TestAKeptReportIsNeverStale: the whole file's report data is kept after a report and read back
// for the next, which comes out byte for byte the same; an edit makes the next report read the
// tables again and print the new figure, as one made from the whole snapshot does.
func TestAKeptReportIsNeverStale(t *testing.T) {
	st, _ := provinceSample(t)
	ctx := context.Background()
	first, err := report(t, st, "villages", 2024, "")
	if err != nil {
		t.Fatal(err)
	}
	again, err := report(t, st, "villages", 2024, "")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, again) {
		t.Fatal("the report made from the kept data differs from the one that kept it")
	}
	ds, err := st.Dataset(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var r data.Review
	for _, rv := range ds.Reviews {
		if rv.Year == 2024 && rv.PartyCell != nil && *rv.PartyCell {
			r = rv
			break
		}
	}
	no := false
	r.PartyCell = &no
	if err := st.SaveReview(ctx, &r); err != nil {
		t.Fatal(err)
	}
	after, err := report(t, st, "villages", 2024, "")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(after, first) {
		t.Fatal("a village that lost its chi bộ is not in the report: the kept data was stale")
	}
	if want := wholeReport(t, st, "villages", 2024, ""); !bytes.Equal(after, want) {
		t.Error("the report after the edit differs from the one made from the whole snapshot")
	}
}

// TestTheAcceptanceSentenceIsOfTheCommunesTheReportIsOf: the sentence on the year's figures counts
// the communes a report is of — every commune of the file, those of one (former) district for its
// book, the one commune of a profile, which is named with where its figures stand — and not the
// whole file's for a part of it.
func TestTheAcceptanceSentenceIsOfTheCommunesTheReportIsOf(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext (poppler-utils) is needed")
	}
	st, _ := provinceSample(t)
	ctx := context.Background()
	const year = 2025
	subs, err := st.SubmissionsOf(ctx, year)
	if err != nil {
		t.Fatal(err)
	}
	units, err := st.YearUnits(ctx, data.LevelCommune, year)
	if err != nil {
		t.Fatal(err)
	}
	var accepted, open *data.YearUnit
	byArea := map[string][2]int{} // the area's communes, of them accepted
	for i := range units {
		u := &units[i]
		s, ok := subs[u.ID]
		n := byArea[u.AreaID]
		n[0]++
		if ok && s.State == data.StateAccepted {
			n[1]++
			accepted = u
		} else if ok && s.State == data.StateSent {
			open = u
		}
		byArea[u.AreaID] = n
	}
	if accepted == nil || open == nil {
		t.Fatal("the sample of 2025 has no accepted or no sent commune")
	}
	area, err := st.GetUnit(ctx, accepted.AreaID)
	if err != nil {
		t.Fatal(err)
	}
	whole := 0
	for _, s := range subs {
		if s.State == data.StateAccepted {
			whole++
		}
	}
	inArea := byArea[area.ID]
	if inArea[0] >= len(units) {
		t.Fatalf("the area %s holds every commune", area.Name)
	}
	textOf := func(kind, code string) string {
		pdf, err := report(t, st, kind, year, code)
		if err != nil {
			t.Fatalf("%s %s: %v", kind, code, err)
		}
		cmd := exec.Command("pdftotext", "-", "-")
		cmd.Stdin = bytes.NewReader(pdf)
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(strings.Fields(string(out)), " ")
	}
	cases := []struct {
		name, kind, code, want string
	}{
		{"the whole file", "progress", "", strconv.Itoa(whole) + "/" + strconv.Itoa(len(units)) + " xã, phường đã được duyệt số liệu năm 2025"},
		{"one former district's book", "communes", area.Code, strconv.Itoa(inArea[1]) + "/" + strconv.Itoa(inArea[0]) + " xã, phường đã được duyệt số liệu năm 2025"},
		{"an accepted commune's profile", "commune", accepted.Code, "Tình trạng số liệu: số liệu năm 2025 của " + accepted.Name + " đã được duyệt."},
		{"a sent commune's profile", "commune", open.Code, "Tình trạng số liệu: số liệu năm 2025 của " + open.Name + " chưa được duyệt (đã gửi) nên có thể còn thay đổi."},
	}
	for _, c := range cases {
		if text := textOf(c.kind, c.code); !strings.Contains(text, c.want) {
			i := strings.Index(text, "Tình trạng số liệu")
			t.Errorf("%s: want %q, the report says %q", c.name, c.want, text[max(i, 0):min(len(text), max(i, 0)+300)])
		}
	}
}
