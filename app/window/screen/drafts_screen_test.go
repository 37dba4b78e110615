package screen

import (
	"context"
	"errors"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ketnghia/app/window/windowtest"
	"ketnghia/data"
	"ketnghia/data/datatest"
)

// paragraph is the entry of the first paragraph drafted from source, and where it is.
func paragraph(t *testing.T, s *DraftsScreen, source string) (int, int) {
	t.Helper()
	for i, sec := range s.current.Sections {
		for j, p := range sec.Paragraphs {
			if p.Source == source {
				return i, j
			}
		}
	}
	t.Fatalf("no paragraph drafted from %s", source)
	return 0, 0
}

// A clerk opens the sample's draft, rewrites a drafted paragraph and writes one of her own, is
// asked before another draft drops the edit, saves it (with a line of history), and the outline
// counts what she wrote as she types.
func TestADraftIsEditedGuardedAndSaved(t *testing.T) {
	test.NewTempApp(t)
	st := windowtest.SampleStore(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1366, 768))
	s := NewDraftsScreen(st, w, t.TempDir())
	w.SetContent(s)
	if len(s.drafts) != 1 {
		t.Fatalf("the sample's drafts: %d", len(s.drafts))
	}
	s.list.Select(0)
	if s.current == nil || !s.empty.Hidden {
		t.Fatal("the draft chosen is not open")
	}
	// Drawing the screen compares nothing with the figures (a widget's Refresh is not "Cập nhật
	// số liệu").
	if !strings.Contains(s.status.Text, "được soạn từ số liệu") {
		t.Errorf("opened: %q", s.status.Text)
	}
	i, j := paragraph(t, s, "chi_tieu.NQ04-YTE-2020")
	s.entries[i][j].SetText("Công tác y tế xã có chuyển biến rõ.")
	before := s.outlineLine(len(s.current.Sections) - 1)
	last := len(s.current.Sections) - 1 // IV. Kiến nghị: nothing written yet
	if !strings.Contains(before, "chưa viết") {
		t.Errorf("outline of an empty section: %q", before)
	}
	s.addParagraph(last)
	s.entries[last][0].SetText("Đề nghị Ủy ban nhân dân tỉnh bố trí vốn cho các xã còn khó khăn.")
	if got := s.outlineLine(last); !strings.Contains(got, "1 đoạn, 16 chữ") {
		t.Errorf("the outline does not count what is typed: %q", got)
	}
	// Leaving asks; "Không" keeps the edit in the form.
	left := true
	s.CanLeave(func(ok bool) { left = ok })
	dlg := w.Canvas().Overlays().Top()
	if dlg == nil || !windowtest.HasText(dlg, "chưa được lưu") {
		t.Fatal("leaving with an edit asks nothing")
	}
	tapDialog(t, w, "Không", "No")
	if left || !strings.Contains(s.entries[i][j].Text, "chuyển biến rõ") {
		t.Fatalf("left %v, edit %q", left, s.entries[i][j].Text)
	}
	test.Tap(s.save)
	got, err := st.GetDraft(context.Background(), s.current.ID)
	if err != nil {
		t.Fatal(err)
	}
	if p := got.Sections[i].Paragraphs[j]; p.Text != "Công tác y tế xã có chuyển biến rõ." || !p.Edited() {
		t.Errorf("saved %+v", p)
	}
	if p := got.Sections[last].Paragraphs; len(p) != 1 || p[0].Source != "" || !strings.HasPrefix(p[0].Text, "Đề nghị") {
		t.Errorf("the paragraph written by hand: %+v", p)
	}
	if h, _ := st.History(context.Background(), "report_drafts", got.ID); len(h) < 2 {
		t.Errorf("history of the draft: %+v", h)
	}
	if s.form.dirty() {
		t.Error("saved, yet the form says it holds an edit")
	}
	// A refused date keeps what was typed and says how to write it.
	s.dated.SetText("31/02/2026")
	test.Tap(s.save)
	if !strings.Contains(s.status.Text, "dd/mm/yyyy") || s.dated.Text != "31/02/2026" {
		t.Errorf("a wrong date: %q, field %q", s.status.Text, s.dated.Text)
	}
}

// "Tạo bản thảo" drafts the present year from the figures, unsaved until Lưu; after a figure
// changes "Cập nhật số liệu" shows the paragraph that would change before writing it, leaves a
// paragraph edited by hand unless asked, and the PDF and the Word file are written.
func TestANewDraftIsRefreshedAfterAChangeAndPrinted(t *testing.T) {
	test.NewTempApp(t)
	saved := openURL
	openURL = func(*url.URL) error { return errors.New("no viewer") }
	t.Cleanup(func() { openURL = saved })
	st := windowtest.SampleStoreOn(t, datatest.Present)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1366, 768))
	folder := t.TempDir()
	s := NewDraftsScreen(st, w, folder)
	w.SetContent(s)
	test.Tap(windowtest.FindButton(t, s.content, "Tạo bản thảo…"))
	if dlg := w.Canvas().Overlays().Top(); dlg == nil || !windowtest.HasText(dlg, "Loại báo cáo") || windowtest.HasText(dlg, "Tỉnh") {
		t.Fatal("the new draft's dialog: the kind and years, and no province in a province's file")
	}
	tapDialog(t, w, "Soạn")
	if s.current == nil || s.current.ID != "" || s.current.ToYear != 2025 || !s.form.dirty() {
		t.Fatalf("a new draft: %+v", s.current)
	}
	hi, hj := paragraph(t, s, "chi_tieu.NQ04-YTE-2020")
	s.entries[hi][hj].SetText("Đoạn y tế do văn phòng viết lại.")
	test.Tap(s.save)
	if len(s.drafts) != 2 || s.current.ID == "" {
		t.Fatalf("saved: %d drafts", len(s.drafts))
	}
	pi, pj := paragraph(t, s, "ngheo.tinh")
	old := s.entries[pi][pj].Text

	rs, err := st.ListReviews(context.Background(), data.ReviewFilter{Year: 2025, Level: data.LevelCommune})
	if err != nil || len(rs) == 0 {
		t.Fatal(err)
	}
	r := rs[0]
	*r.Poor += 300
	if err := st.SaveReview(context.Background(), &r); err != nil {
		t.Fatal(err)
	}
	test.Tap(s.refresh) // Cập nhật số liệu
	dlg := w.Canvas().Overlays().Top()
	if dlg == nil || !windowtest.HasText(dlg, "Hiện nay: "+old) || !windowtest.HasText(dlg, "Sẽ thành: ") {
		t.Fatal("the change is not shown before it is written")
	}
	if s.entries[pi][pj].Text != old {
		t.Fatal("the form changed before the person agreed")
	}
	tapDialog(t, w, "Cập nhật")
	if s.entries[pi][pj].Text == old || !strings.Contains(s.status.Text, "chưa lưu") {
		t.Errorf("applied: %q (%s)", s.entries[pi][pj].Text, s.status.Text)
	}
	if got := s.entries[hi][hj].Text; got != "Đoạn y tế do văn phòng viết lại." {
		t.Errorf("the paragraph edited by hand became %q", got)
	}
	test.Tap(s.pdf)
	if !strings.Contains(s.status.Text, "Lưu trước") {
		t.Errorf("printing an unsaved draft: %q", s.status.Text)
	}
	test.Tap(s.save)
	test.Tap(s.pdf)
	test.Tap(s.word)
	for _, name := range []string{"bao-cao-tong-hop-nam-2025.pdf", "bao-cao-tong-hop-nam-2025.docx"} {
		if fi, err := os.Stat(filepath.Join(folder, name)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", name, err)
		}
	}
	out, err := exec.Command("pdftotext", filepath.Join(folder, "bao-cao-tong-hop-nam-2025.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if text := strings.Join(strings.Fields(string(out)), " "); !strings.Contains(text, "Đoạn y tế do văn phòng viết lại.") || !strings.Contains(text, "PHỤ LỤC 3") {
		t.Error("the PDF is not the draft as saved, with its annexes")
	}

	// Next year's draft starts from this one, keeps what was written by hand, and is new.
	last := len(s.current.Sections) - 1
	s.addParagraph(last)
	s.entries[last][len(s.entries[last])-1].SetText("Kiến nghị viết tay.")
	test.Tap(s.save)
	test.Tap(s.next)
	if s.current.ID != "" || s.current.FromYear != 2026 || s.current.Title() != "Báo cáo năm 2026" {
		t.Fatalf("next: %+v", s.current.Title())
	}
	found := false
	for _, e := range s.entries[last] {
		found = found || e.Text == "Kiến nghị viết tay."
	}
	if !found {
		t.Error("next year's draft dropped the paragraph written by hand")
	}
	if _, ok := windowtest.FindIn(s.content, func(l *widget.Label) bool { return l.Text == "số liệu" }); !ok {
		t.Error("no paragraph is marked as drafted from the figures")
	}
}
