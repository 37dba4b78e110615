package jobs_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"ketnghia/app/jobs"
	"ketnghia/data"
	"ketnghia/data/datatest"
	"ketnghia/data/rules"
	"ketnghia/data/sample"
	"ketnghia/data/vntext"
)

// paragraphOf is the text of the drafted paragraph from source ("" when none is).
func paragraphOf(dr data.Draft, source string) string {
	for _, s := range dr.Sections {
		for _, p := range s.Paragraphs {
			if p.Source == source {
				return p.Text
			}
		}
	}
	return ""
}

// Each target's drafted sentence holds the target's value, the value of the year before the
// period and the verdict of data/rules, for a year in the first period, a recent year and a whole
// period; the province's poverty rate is poor ÷ households summed over the communes (computed
// here from the reviews with SQL, not by the rules).
func TestDraftedSentencesHoldTheRulesFigures(t *testing.T) {
	st, path := provinceSample(t)
	ctx := context.Background()
	for _, c := range []struct{ from, to int }{{2020, 2020}, {2024, 2024}, {2021, 2025}} {
		t.Run(fmt.Sprintf("%d-%d", c.from, c.to), func(t *testing.T) {
			dr, err := jobs.NewDraft(ctx, st, "", c.from, c.to, "")
			if err != nil {
				t.Fatal(err)
			}
			ds, _, err := st.ReportData(ctx, "")
			if err != nil {
				t.Fatal(err)
			}
			x := rules.NewIndex(ds)
			now, before := x.Progress(c.to, rules.ProgressOptions{}), x.Progress(c.from-1, rules.ProgressOptions{})
			for i, p := range now {
				t.Run(p.Code, func(t *testing.T) {
					text := paragraphOf(dr, "chi_tieu."+p.Code)
					if text == "" {
						t.Fatal("no drafted sentence")
					}
					want := []string{p.Name, p.ValueText, p.ThresholdText, fmt.Sprintf("hạn năm %d", p.Deadline)}
					if p.Metric != rules.MetricPovertyFall && before[i].Value.Value != nil {
						want = append(want, fmt.Sprintf("năm %d là %s", c.from-1, before[i].ValueText))
					}
					switch {
					case p.Met == rules.Yes:
						want = append(want, "đã đạt")
					case p.Overdue:
						want = append(want, "chưa đạt, đã quá hạn")
					case p.Met == rules.No:
						want = append(want, "chưa đạt")
					}
					for _, w := range want {
						if !strings.Contains(text, w) {
							t.Errorf("%q lacks %q", text, w)
						}
					}
				})
			}
			// The ĐBKK communes' own rate, as the rules sum it.
			dbkk := x.UnitsTrend(x.BaselineDBKK("QD50-2016", 2016, ""), c.to, c.to)[0]
			if text := paragraphOf(dr, "ngheo.xa_dbkk"); !strings.Contains(text, fmt.Sprintf("năm %d là %s", c.to, rules.PercentBeside(dbkk.PovertyRate))) {
				t.Errorf("the ĐBKK communes' poverty: %q, want %s", text, rules.PercentBeside(dbkk.PovertyRate))
			}
			// The rate, independently: the communes of the year's end, their reviews summed.
			q := fmt.Sprintf(`SELECT sum(r.poor) || ' ' || sum(r.households) FROM reviews r JOIN units u ON u.id = r.unit_id
				WHERE r.deleted = 0 AND r.year = %d AND u.level = 'commune' AND (u.opened_on IS NULL OR u.opened_on <= '%d-12-31') AND (u.closed_on IS NULL OR u.closed_on > '%d-12-31')`, c.to, c.to, c.to)
			var poor, households int
			fmt.Sscan(datatest.Query(t, path, q)[0], &poor, &households)
			rate := vntext.FormatRate(100 * float64(poor) / float64(households))
			text := paragraphOf(dr, "ngheo.tinh")
			if !strings.Contains(text, vntext.FormatInt(int64(poor))+" hộ nghèo, chiếm "+rate) {
				t.Errorf("poverty: %q, want %d poor households, %s", text, poor, rate)
			}
			if c.from < c.to && !strings.Contains(text, "bình quân") {
				t.Errorf("a period's poverty paragraph says no yearly average: %q", text)
			}
		})
	}
}

// "Cập nhật số liệu": after a figure changes, the paragraphs drafted from it are redrafted; one a
// person has edited is shown as a change and kept unless they ask for it to be replaced.
func TestARefreshRedraftsChangedFiguresAndKeepsEditedSentences(t *testing.T) {
	st, _ := provinceSample(t)
	ctx := context.Background()
	dr, err := jobs.NewDraft(ctx, st, data.DraftYear, 2024, 2024, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveDraft(ctx, &dr); err != nil {
		t.Fatal(err)
	}
	// The person rewrites the health paragraph, then a commune's 2024 poverty count changes.
	edited := "Công tác y tế có chuyển biến tích cực."
	for i := range dr.Sections {
		for j := range dr.Sections[i].Paragraphs {
			if p := &dr.Sections[i].Paragraphs[j]; p.Source == "chi_tieu.NQ04-YTE-2020" {
				p.Text = edited
			}
		}
	}
	if err := st.SaveDraft(ctx, &dr); err != nil {
		t.Fatal(err)
	}
	if r, _ := jobs.RefreshDraft(ctx, st, dr); len(r.Changes) != 0 {
		t.Fatalf("nothing changed in the figures, yet: %+v", r.Changes)
	}
	rs, err := st.ListReviews(ctx, data.ReviewFilter{Year: 2024, Level: data.LevelCommune})
	if err != nil || len(rs) == 0 {
		t.Fatal(err, len(rs))
	}
	r := rs[0]
	*r.Poor += 500
	if err := st.SaveReview(ctx, &r); err != nil {
		t.Fatal(err)
	}
	refresh, err := jobs.RefreshDraft(ctx, st, dr)
	if err != nil {
		t.Fatal(err)
	}
	var poverty *rules.DraftChange
	for i, c := range refresh.Changes {
		if c.Source == "ngheo.tinh" {
			poverty = &refresh.Changes[i]
		}
		if c.Edited {
			t.Errorf("a paragraph whose figures did not change is shown as edited: %+v", c)
		}
	}
	if poverty == nil || poverty.Old == poverty.New {
		t.Fatalf("the province's poverty paragraph is not redrafted: %+v", refresh.Changes)
	}
	updated := refresh.Apply(dr, false)
	if got := paragraphOf(updated, "ngheo.tinh"); got != poverty.New {
		t.Errorf("applied: %q, want %q", got, poverty.New)
	}
	if got := paragraphOf(updated, "chi_tieu.NQ04-YTE-2020"); got != edited {
		t.Errorf("the edited paragraph became %q", got)
	}

	// Had the health paragraph been drafted from other figures, the edited paragraph is a change
	// marked edited: kept without asking, replaced when asked.
	dr2 := updated
	for i := range dr2.Sections {
		for j := range dr2.Sections[i].Paragraphs {
			if p := &dr2.Sections[i].Paragraphs[j]; p.Source == "chi_tieu.NQ04-YTE-2020" {
				p.Drafted = "một câu soạn từ số liệu cũ"
			}
		}
	}
	refresh, err = jobs.RefreshDraft(ctx, st, dr2)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range refresh.Changes {
		if c.Source == "chi_tieu.NQ04-YTE-2020" {
			found = c.Edited && c.Old == edited
		}
	}
	if !found {
		t.Fatalf("the edited paragraph is not a change marked edited: %+v", refresh.Changes)
	}
	if got := paragraphOf(refresh.Apply(dr2, false), "chi_tieu.NQ04-YTE-2020"); got != edited {
		t.Errorf("kept: %q", got)
	}
	if got := paragraphOf(refresh.Apply(dr2, true), "chi_tieu.NQ04-YTE-2020"); got == edited || !strings.Contains(got, "y tế xã") {
		t.Errorf("replaced when asked: %q", got)
	}
}

// The document read back: its headings and drafted figures, the annexes listed with the page each
// starts on, and on that page its title.
func TestTheDocumentListsItsAnnexesWithTheirPages(t *testing.T) {
	st, _ := provinceSample(t)
	ctx := context.Background()
	pdf, err := jobs.Document(ctx, st, jobs.DocumentRequest{From: 2024, To: 2024, Date: data.D(2025, 3, 5)})
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "d.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", f, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(string(out), "\f")
	all := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"BÁO CÁO", "I. TÌNH HÌNH, KẾT QUẢ THỰC HIỆN", "1. Giảm nghèo", "II. HẠN CHẾ, NGUYÊN NHÂN",
		"III. PHƯƠNG HƯỚNG, NHIỆM VỤ", "IV. KIẾN NGHỊ, ĐỀ XUẤT", "T/M BAN CHỈ ĐẠO", "Kon Tum, ngày 05 tháng 3 năm 2025"} {
		if !strings.Contains(all, want) {
			t.Errorf("the document lacks %q", want)
		}
	}
	list := regexp.MustCompile(`Phụ lục (\d): .*?\(trang (\d+)\)`).FindAllStringSubmatch(all, -1)
	if len(list) != 3 {
		t.Fatalf("annexes listed: %v", list)
	}
	for _, m := range list {
		page, _ := strconv.Atoi(m[2])
		if page < 2 || page > len(pages) || !strings.Contains(pages[page-1], "PHỤ LỤC "+m[1]) {
			t.Errorf("Phụ lục %s is said to start on page %d, which does not hold its title", m[1], page)
		}
	}
}

// The Word form, opened by another program (python-docx): the header table, the subject, the
// sections and figures, Times New Roman 14 pt, A4 with HD 36's margins, the page number's header
// shown from the second page.
func TestTheWordDocumentOpensElsewhereWithItsTextAndLayout(t *testing.T) {
	if _, err := exec.Command("/usr/bin/python3", "-c", "import docx").CombinedOutput(); err != nil {
		t.Fatal("python3-docx is needed (apt-get install python3-docx): .ci/run installs it")
	}
	st, _ := provinceSample(t)
	ctx := context.Background()
	b, err := jobs.DocumentWord(ctx, st, jobs.DocumentRequest{From: 2021, To: 2025, Date: data.D(2026, 1, 9)})
	if err != nil {
		t.Fatal(err)
	}
	dr, _ := jobs.NewDraft(ctx, st, "", 2021, 2025, "")
	f := filepath.Join(t.TempDir(), "d.docx")
	if err := os.WriteFile(f, b, 0o644); err != nil {
		t.Fatal(err)
	}
	script := `
import docx, sys
d = docx.Document(sys.argv[1])
print("TABLE|" + " / ".join(c.text.replace("\n", " ; ") for c in d.tables[0].rows[0].cells))
for p in d.paragraphs:
    r = p.runs[0] if p.runs else None
    print("P|%s|%s|%s" % (r.font.name if r else "", r.font.size.pt if r and r.font.size else "", p.text))
s = d.sections[0]
print("PAGE|%d|%d|%d|%d|%d|%d|%s" % (round(s.page_width.mm), round(s.page_height.mm), round(s.top_margin.mm), round(s.bottom_margin.mm), round(s.left_margin.mm), round(s.right_margin.mm), s.different_first_page_header_footer))
print("HEADER|" + s.header._element.xml.replace("\n", " "))
`
	out, err := exec.Command("/usr/bin/python3", "-c", script, f).CombinedOutput()
	if err != nil {
		t.Fatalf("python-docx: %v\n%s", err, out)
	}
	text := string(out)
	for _, want := range []string{
		"TABLE|TỈNH ỦY KON TUM ; BAN CHỈ ĐẠO THỰC HIỆN NGHỊ QUYẾT 04-NQ/TU ; * ; Số        -BC/BCĐ / ĐẢNG CỘNG SẢN VIỆT NAM ; Kon Tum, ngày 09 tháng 01 năm 2026",
		"P|Times New Roman|16.0|BÁO CÁO",
		"giai đoạn 2021–2025",
		"P|Times New Roman|14.0|I. TÌNH HÌNH, KẾT QUẢ THỰC HIỆN",
		"P|Times New Roman|14.0|" + paragraphOf(dr, "ngheo.tinh"),
		"PAGE|210|297|20|20|30|15|True",
		"PAGE",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the Word file, as python-docx reads it, lacks %q\n%s", want, text)
		}
	}
	if !strings.Contains(text, `w:instr=" PAGE "`) {
		t.Errorf("no page number field in the header: %s", text)
	}
}

// A committee report is of one province: a province's file (Kon Tum, then Quảng Ngãi after the
// 2025 merger, both units in it all along) has one each year and needs no choice; a file of
// several asks which, and reads only that one's part.
func TestADraftIsOfOneProvince(t *testing.T) {
	st, _ := provinceSample(t)
	ctx := context.Background()
	for year, want := range map[int]string{2020: "Tỉnh Kon Tum", 2024: "Tỉnh Kon Tum", 2026: "Tỉnh Quảng Ngãi"} {
		ps, err := jobs.Provinces(ctx, st, year)
		if err != nil || len(ps) != 1 || ps[0].Name != want {
			t.Errorf("%d: %+v %v, want %s alone", year, ps, err, want)
		}
	}
	// Another province with a district of its own in 2024.
	other := data.Unit{Level: data.LevelProvince, Kind: "Tỉnh", Code: "64", Name: "Tỉnh Gia Lai", OpenedOn: data.D(2004, 1, 1)}
	if err := st.SaveUnit(ctx, &other); err != nil {
		t.Fatal(err)
	}
	district := data.Unit{Level: data.LevelDistrict, Kind: "Huyện", Code: "640", Name: "Huyện Thử", ParentID: other.ID, OpenedOn: data.D(2004, 1, 1)}
	if err := st.SaveUnit(ctx, &district); err != nil {
		t.Fatal(err)
	}
	_, err := jobs.NewDraft(ctx, st, "", 2024, 2024, "")
	if msg := data.Message(err); !strings.Contains(msg, "2 tỉnh") || !strings.Contains(msg, "--unit") {
		t.Errorf("two provinces, none chosen: %q", msg)
	}
	if _, err := jobs.NewDraft(ctx, st, "", 2024, 2024, "99"); !strings.Contains(data.Message(err), "không có tỉnh mã 99") {
		t.Errorf("a province not in the file: %v", err)
	}
	dr, err := jobs.NewDraft(ctx, st, "", 2024, 2024, "62")
	if err != nil {
		t.Fatal(err)
	}
	u, _ := st.GetUnit(ctx, dr.UnitID)
	if u.Code != "62" || !strings.Contains(paragraphOf(dr, "tinh_hinh"), "102 xã") {
		t.Errorf("the draft of Kon Tum: %s, %q", u.Name, paragraphOf(dr, "tinh_hinh"))
	}
}

// BenchmarkDraftAProvinceYear drafts the sample province's 2024 report from the file (the data
// read included, as "Tạo bản thảo" does): the goal is 200 ms.
func BenchmarkDraftAProvinceYear(b *testing.B) {
	path := filepath.Join(b.TempDir(), "kontum.db")
	st := datatest.MustOpenAt(b, path)
	if err := sample.Load(context.Background(), st, sample.Province, 1); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	if _, err := jobs.NewDraft(ctx, st, "", 2024, 2024, ""); err != nil { // keeps the report data
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := jobs.NewDraft(ctx, st, "", 2024, 2024, ""); err != nil {
			b.Fatal(err)
		}
	}
}
