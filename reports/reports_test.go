package reports_test

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/unicode/norm"

	"ketnghia/data"
	"ketnghia/data/datatest"
	"ketnghia/data/rules"
	"ketnghia/data/sample"
	"ketnghia/reports"
)

var (
	fixtureOnce sync.Once
	fixture     reports.Input
	fixtureErr  error
)

// kontum is the Kon Tum sample (every year), read once, with a signer and a date set.
func kontum(t testing.TB) reports.Input {
	t.Helper()
	fixtureOnce.Do(func() {
		ctx := context.Background()
		s := datatest.MustOpenAt(t, filepath.Join(os.TempDir(), fmt.Sprintf("ketnghia-reports-%d.db", os.Getpid())))
		defer func() {
			for _, side := range []string{"", ".lock", "-wal", "-shm"} {
				os.Remove(s.Path() + side)
			}
		}()
		defer s.Close()
		if fixtureErr = sample.Load(ctx, s, sample.Province, 1); fixtureErr != nil {
			return
		}
		st, err := s.Settings(ctx)
		if err != nil {
			fixtureErr = err
			return
		}
		st.SignerName = "Nguyễn Văn Ánh"
		st.SignerTitle = "PHÓ TRƯỞNG BAN"
		st.SignerOnBehalfOf = true
		ds, err := s.Dataset(ctx)
		if err != nil {
			fixtureErr = err
			return
		}
		td, err := s.Twinning(ctx)
		if err != nil {
			fixtureErr = err
			return
		}
		fixture = reports.Input{Header: reports.Header{Settings: st, Date: data.D(2025, 3, 5)}, Index: rules.NewIndex(ds), Twinning: td, Year: 2024, UnitCode: "23503"}
	})
	if fixtureErr != nil {
		t.Fatal(fixtureErr)
	}
	return fixture
}

func build(t testing.TB, kind string, in reports.Input) []byte {
	t.Helper()
	k, ok := reports.KindOf(kind)
	if !ok {
		t.Fatalf("no kind %s", kind)
	}
	if !k.NeedsUnit {
		in.UnitCode = "" // the fixture's commune is for the profile; the book's --unit is an area
	}
	var buf bytes.Buffer
	if err := k.Build(&buf, in); err != nil {
		t.Fatalf("%s: %v", kind, err)
	}
	return buf.Bytes()
}

func needPoppler(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext (poppler-utils) is needed to read the reports back: apt-get install poppler-utils")
	}
}

// text reads a PDF back with pdftotext as one line of words, without the page numbers.
func text(t testing.TB, pdf []byte, opts ...string) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	args := append(append([]string{"-enc", "UTF-8"}, opts...), f, "-")
	out, err := exec.Command("pdftotext", args...).Output()
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for i, page := range strings.Split(string(out), "\f") {
		lines := strings.Split(strings.TrimLeft(page, "\n"), "\n")
		if i > 0 && len(lines) > 0 && pageNumberRe.MatchString(lines[0]) {
			lines = lines[1:]
		}
		kept = append(kept, lines...)
	}
	return strings.Join(strings.Fields(strings.Join(kept, "\n")), " ")
}

var pageNumberRe = regexp.MustCompile(`^\s*\d+\s*$`)

// region reads the words in a box of the first page (millimetres).
func region(t testing.TB, pdf []byte, x, y, w, h float64) string {
	pt := func(mm float64) string { return fmt.Sprint(int(mm * 72 / 25.4)) }
	return text(t, pdf, "-f", "1", "-l", "1", "-x", pt(x), "-y", pt(y), "-W", pt(w), "-H", pt(h))
}

func pages(t testing.TB, pdf []byte) int {
	t.Helper()
	f := filepath.Join(t.TempDir(), "r.pdf")
	os.WriteFile(f, pdf, 0o644)
	out, err := exec.Command("pdfinfo", f).Output()
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(out)
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// TestEveryReportHasTheHeaderAndReadsBack: each kind renders with the Party header and the
// signature from the settings, in NFC Vietnamese, twice byte for byte the same.
func TestEveryReportHasTheHeaderAndReadsBack(t *testing.T) {
	needPoppler(t)
	in := kontum(t)
	for _, k := range reports.Kinds {
		t.Run(k.Code, func(t *testing.T) {
			pdf := build(t, k.Code, in)
			if again := build(t, k.Code, in); !bytes.Equal(pdf, again) {
				t.Error("the same data and date gave different files")
			}
			txt := text(t, pdf)
			if !norm.NFC.IsNormalString(txt) {
				t.Error("the text read back is not NFC")
			}
			if strings.Contains(txt, " T T ") {
				t.Error("the heading TT of a numbered table is broken over two lines")
			}
			for _, want := range []string{"K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Nguyễn Văn Ánh", "Nơi nhận:", "Thường trực Tỉnh ủy (b/c)", "DỮ LIỆU MẪU"} {
				if !strings.Contains(txt, want) {
					t.Errorf("%q missing", want)
				}
			}
			// Top left: the superior and the issuing body, "*" and the number; top right: the
			// Party's name and the place and date.
			left, right := region(t, pdf, 28, 15, 75, 40), region(t, pdf, 103, 15, 94, 30)
			for _, want := range []string{"TỈNH ỦY KON TUM BAN CHỈ ĐẠO THỰC HIỆN NGHỊ QUYẾT 04-NQ/TU *"} {
				if !strings.Contains(left, want) {
					t.Errorf("top left reads %q, want %q", left, want)
				}
			}
			if k.Code != "pack" && !strings.Contains(left, "Số -BC/BCĐ") {
				t.Errorf("the number line Số …-BC/BCĐ is missing: %q", left)
			}
			if right != "ĐẢNG CỘNG SẢN VIỆT NAM Kon Tum, ngày 05 tháng 3 năm 2025" {
				t.Errorf("top right reads %q", right)
			}
		})
	}
}

// TestProgressFiguresAreTheRules: every value the progress report prints is what data/rules
// computes, by target and by district, and the map and the bar chart carry each district's rate.
func TestProgressFiguresAreTheRules(t *testing.T) {
	needPoppler(t)
	in := kontum(t)
	for _, year := range []int{2020, 2024} {
		in.Year = year
		txt := text(t, build(t, "progress", in))
		for _, p := range in.Index.Progress(year, rules.ProgressOptions{}) {
			for _, want := range []string{p.ValueText, p.BaselineText, p.Status, p.Sentence} {
				if !strings.Contains(txt, strings.Join(strings.Fields(want), " ")) {
					t.Errorf("%d %s: %q not printed", year, p.Code, want)
				}
			}
		}
		for _, d := range in.Index.DistrictSummaries(year) {
			if r := d.Summary.PovertyRate; r == nil || strings.Count(txt, vntextRate(*r)) < 2 {
				t.Errorf("%d %s: poverty rate %v not on the map and the bar chart", year, d.Name, r)
			}
		}
	}
}

func vntextRate(x float64) string { return strings.Replace(fmt.Sprintf("%.1f%%", x), ".", ",", 1) }

// TestAYearWithoutFiguresSaysSo: nothing reads as a zero when a year has no reviews.
func TestAYearWithoutFiguresSaysSo(t *testing.T) {
	needPoppler(t)
	in := kontum(t)
	in.Year = 2030
	for _, kind := range []string{"progress", "villages", "exit"} {
		txt := text(t, build(t, kind, in))
		if !strings.Contains(txt, "Năm 2030 chưa có số liệu rà soát") {
			t.Errorf("%s 2030 does not say the year has no figures", kind)
		}
		if kind == "progress" && (strings.Contains(txt, "0,0% 0,0%") || !strings.Contains(txt, "chưa có số liệu")) {
			t.Errorf("progress 2030 prints zeros instead of saying so")
		}
	}
}

// TestCommunesBookHasEveryCommune: a profile from a new page for each of the 102 communes of 2024,
// bookmarked.
func TestCommunesBookHasEveryCommune(t *testing.T) {
	needPoppler(t)
	in := kontum(t)
	pdf := build(t, "communes", in)
	if n := pages(t, pdf); n < 103 {
		t.Errorf("%d pages, want a page at least for each of 102 communes", n)
	}
	communes := reports.CommunesOfYear(in.Index, 2024)
	if len(communes) != 102 {
		t.Fatalf("%d communes in 2024", len(communes))
	}
	txt := text(t, pdf)
	for _, c := range communes {
		if !strings.Contains(txt, strings.ToUpper(c.Name)) {
			t.Errorf("no profile of %s", c.Name)
		}
	}
	if !bytes.Contains(pdf, []byte("/Outlines")) {
		t.Error("no bookmarks")
	}
}

// TestCommuneProfileFigures: the profile's yearly rates and assessment are the rules'.
func TestCommuneProfileFigures(t *testing.T) {
	needPoppler(t)
	in := kontum(t)
	txt := text(t, build(t, "commune", in))
	var u *data.Unit
	for _, c := range reports.CommunesOfYear(in.Index, 2024) {
		if c.Code == "23503" {
			u = c
		}
	}
	if u == nil || !strings.Contains(txt, "Tình hình Xã Đắk PXi, Huyện Đắk Hà năm 2024") {
		t.Fatalf("profile title:\n%.500s", txt)
	}
	for y := 2016; y <= 2024; y++ {
		if r := in.Index.UnitCounts(u, y).PovertyRate(); r == nil || !strings.Contains(txt, vntextRate(*r)) {
			t.Errorf("poverty rate %d (%v) not printed", y, r)
		}
	}
	a, err := in.Index.AssessUnit(u, 2024, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range a.Conditions {
		if !strings.Contains(txt, strings.Join(strings.Fields(c.Text), " ")) {
			t.Errorf("condition %q not printed", c.Text)
		}
	}
	in.UnitCode = "99999"
	var buf bytes.Buffer
	if err := reports.Commune(&buf, in); err == nil || !strings.Contains(data.Message(err), "99999") || buf.Len() > 0 {
		t.Errorf("an unknown commune: %v, %d bytes written", err, buf.Len())
	}
}

// TestTwinningTotals: the totals printed equal the activities of the year added up independently.
func TestTwinningTotals(t *testing.T) {
	needPoppler(t)
	in := kontum(t)
	var cash, kind int64
	n := 0
	for _, a := range in.Twinning.Activities {
		if a.On.Year() == 2024 {
			cash, kind, n = cash+a.CashVND, kind+a.InKindVND, n+1
		}
	}
	txt := text(t, build(t, "twinning", in), "-layout")
	want := fmt.Sprintf("Cộng %d %s %s %s", n, fmtInt(cash), fmtInt(kind), fmtInt(cash+kind))
	if n == 0 || !strings.Contains(txt, want) {
		t.Errorf("totals %q not printed", want)
	}
}

func fmtInt(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// TestNothingDrawnOutsideTheMargins renders the pages and wants white outside 30/15 mm left/right
// and 20/20 mm top/bottom, but for the page number centred in the top margin (HD 36-HD/VPTW).
func TestNothingDrawnOutsideTheMargins(t *testing.T) {
	needPoppler(t)
	in := kontum(t)
	for _, k := range reports.Kinds {
		if k.Code == "communes" {
			continue // the same profiles as "commune"
		}
		t.Run(k.Code, func(t *testing.T) {
			dir := t.TempDir()
			f := filepath.Join(dir, "r.pdf")
			os.WriteFile(f, build(t, k.Code, in), 0o644)
			const dpi = 40.0
			if out, err := exec.Command("pdftoppm", "-r", fmt.Sprint(dpi), "-gray", "-png", f, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
				t.Fatalf("%v %s", err, out)
			}
			shots, _ := filepath.Glob(filepath.Join(dir, "p-*.png"))
			if len(shots) == 0 {
				t.Fatal("no pages")
			}
			mm := dpi / 25.4
			const tol = 1.2 // antialiasing
			for _, shot := range shots {
				r, _ := os.Open(shot)
				img, err := png.Decode(r)
				r.Close()
				if err != nil {
					t.Fatal(err)
				}
				b := img.Bounds()
				for y := b.Min.Y; y < b.Max.Y; y++ {
					for x := b.Min.X; x < b.Max.X; x++ {
						if g, _, _, _ := img.At(x, y).RGBA(); g > 0xF000 {
							continue
						}
						xm, ym := float64(x)/mm, float64(y)/mm
						inside := xm >= 30-tol && xm <= 195+tol && ym >= 20-tol && ym <= 277+tol
						pageNumber := ym >= 7 && ym < 20 && xm > 100 && xm < 125
						if !inside && !pageNumber {
							t.Fatalf("%s: ink at %.1f mm, %.1f mm, outside the margins", filepath.Base(shot), xm, ym)
						}
					}
				}
			}
		})
	}
}

// TestListPrintsWhatTheScreenShows: the list of a screen, with its filter, row for row.
func TestListPrintsWhatTheScreenShows(t *testing.T) {
	needPoppler(t)
	in := kontum(t)
	rows := [][]string{{"Xã Đắk Rơ Nga", "Huyện Đắk Tô", "Khu vực III"}, {"Xã Văn Lem", "Huyện Đắk Tô", "Khu vực II"}}
	var buf bytes.Buffer
	if err := reports.List(&buf, reports.ListInput{Header: in.Header, Title: "Danh sách xã huyện Đắk Tô", Filter: "Lọc: huyện Đắk Tô",
		Columns: []string{"Xã", "Huyện", "Khu vực"}, Rows: rows}); err != nil {
		t.Fatal(err)
	}
	txt := text(t, buf.Bytes())
	for _, want := range []string{"Lọc: huyện Đắk Tô. Danh sách gồm 2 dòng.", "1 Xã Đắk Rơ Nga Huyện Đắk Tô Khu vực III", "2 Xã Văn Lem Huyện Đắk Tô Khu vực II"} {
		if !strings.Contains(txt, want) {
			t.Errorf("%q missing in %q", want, txt)
		}
	}
}

// TestProgressReportsTheRoadToTheNTMStandard: the progress report of the present year prints the
// villages' road as the rules count it: the sentence, the overdue villages by name, the plan's share
// year by year, and the former districts' lines.
func TestProgressReportsTheRoadToTheNTMStandard(t *testing.T) {
	needPoppler(t)
	in := kontum(t)
	ds := *in.Index.DS
	ds.Units = slices.Clone(ds.Units)
	planned := 0
	for i := range ds.Units {
		u := &ds.Units[i]
		if u.Level != data.LevelVillage || !u.EthnicMinority || u.NTMYear != nil || !u.OpenAt(data.YearEnd(2026)) {
			continue
		}
		plan := 2025 + planned%4 // 2025 overdue in 2026; 2026 overdue too; 2027, 2028 ahead
		u.NTMPlanYear = &plan
		if planned++; planned == 40 {
			break
		}
	}
	in.Index = rules.NewIndex(&ds)
	in.Year = 2026
	r := in.Index.Road(2026, "")
	if r.Planned != 40 || r.Overdue != 20 || r.Pending != 20 {
		t.Fatalf("the road of the test: %+v", r)
	}
	txt := strings.Join(strings.Fields(text(t, build(t, "progress", in))), " ")
	for _, want := range []string{"LỘ TRÌNH ĐẠT CHUẨN NÔNG THÔN MỚI CỦA THÔN, LÀNG VÙNG ĐỒNG BÀO DTTS", strings.Join(strings.Fields(r.Summary()), " "),
		"Các thôn chưa đạt chuẩn đã quá năm dự kiến", r.OverdueVillages[0].Name, "Tỷ lệ thôn đạt chuẩn nếu mỗi thôn đạt đúng năm dự kiến",
		"Theo địa bàn huyện cũ", "IV. BẢN ĐỒ VÀ BIỂU ĐỒ"} {
		if !strings.Contains(txt, want) {
			t.Errorf("not printed: %q", want)
		}
	}
}

// TestTheFileSaysWhatItIsAndWhatMadeIt: a report's PDF metadata name its year (a commune's profile
// too) and the program with its version.
func TestTheFileSaysWhatItIsAndWhatMadeIt(t *testing.T) {
	needPoppler(t)
	in := kontum(t)
	in.Header.Program = "KetNghia 9.8.7"
	for _, kind := range []string{"commune", "progress"} {
		f := filepath.Join(t.TempDir(), kind+".pdf")
		if err := os.WriteFile(f, build(t, kind, in), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("pdfinfo", "-enc", "UTF-8", f).Output()
		if err != nil {
			t.Fatal(err)
		}
		info := string(out)
		if !regexp.MustCompile(`(?m)^Title:.* năm 2024$`).MatchString(info) || !regexp.MustCompile(`(?m)^Creator:\s+KetNghia 9\.8\.7$`).MatchString(info) {
			t.Errorf("%s:\n%s", kind, info)
		}
		// Each font by its PostScript name with the tag of a subset, the language named.
		out, err = exec.Command("pdffonts", f).Output()
		if err != nil {
			t.Fatal(err)
		}
		fonts := regexp.MustCompile(`(?m)^([A-Z]{6})\+(LiberationSerif(-Bold|-Italic|-BoldItalic)?)\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes`).FindAllStringSubmatch(string(out), -1)
		if len(fonts) < 2 {
			t.Errorf("%s: fonts without their names or subset tags:\n%s", kind, out)
		}
		raw, _ := os.ReadFile(f)
		if !regexp.MustCompile(`/Type /Catalog\n/Lang \(vi-VN\)`).Match(raw) {
			t.Errorf("%s: the catalogue does not name the language", kind)
		}
		checkCrossReferences(t, kind, raw)
	}
}

// checkCrossReferences reads a file's cross-reference table and checks that each entry points at
// its object and that every stream is compressed.
func checkCrossReferences(t *testing.T, name string, raw []byte) {
	t.Helper()
	m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`).FindSubmatch(raw)
	if m == nil {
		t.Fatalf("%s: no startxref at the end", name)
	}
	at, _ := strconv.Atoi(string(m[1]))
	if !bytes.HasPrefix(raw[at:], []byte("xref\n0 ")) {
		t.Fatalf("%s: startxref %d does not point at the table", name, at)
	}
	lines := strings.Split(string(raw[at:]), "\n")
	n, _ := strconv.Atoi(strings.Fields(lines[1])[1])
	for i := 1; i < n; i++ {
		off, _ := strconv.Atoi(lines[2+i][:10])
		if want := fmt.Sprintf("%d 0 obj\n", i); !bytes.HasPrefix(raw[off:], []byte(want)) {
			t.Fatalf("%s: object %d is not at %d", name, i, off)
		}
	}
	if plain := regexp.MustCompile(`obj\n<</Length \d+>>\nstream`).FindAll(raw, -1); len(plain) > 0 {
		t.Errorf("%s: %d streams left uncompressed", name, len(plain))
	}
}

// TestEachColumnSaysWhatItHolds: the progress table's column of values is "Kết quả" and each value
// names its period: the poverty target's average of 2016–2020 is never printed under "Năm 2024",
// and the year's own fall stands beside it; the rates are said once to be sums divided.
func TestEachColumnSaysWhatItHolds(t *testing.T) {
	needPoppler(t)
	in := kontum(t)
	got := strings.ReplaceAll(text(t, build(t, "progress", in)), "\u00a0", " ")
	for _, want := range []string{
		"TT Chỉ tiêu Năm gốc Kết quả Mức chỉ tiêu Hạn Đánh giá",
		"100,0% (năm 2024)",
		"5,2 điểm %/năm (bình quân 2016–2020) riêng năm 2024: giảm 2,2 điểm %",
		"Năm 2024, 4 chỉ tiêu đã đến hạn (hạn năm 2020)",
		"Cách tính các tỷ lệ: tỷ lệ của tỉnh",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("progress 2024 lacks %q", want)
		}
	}
}
