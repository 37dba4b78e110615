package screen

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"ketnghia/app/window/widgets"
	"ketnghia/data/datatest"
)

// TestSettingsSaveAndHistory: the office's texts saved through the screen are what the reports
// read, and the person named is who the change history records.
func TestSettingsSaveAndHistory(t *testing.T) {
	a := test.NewTempApp(t)
	st := datatest.MustOpen(t)
	s := NewSettingsScreen(st, a, nil)
	test.NewTempWindow(t, s)
	s.office.SetText("Văn phòng BCĐ huyện Đắk Tô")
	s.signer.SetText("Y Ngọc")
	s.onBehalf.SetChecked(true)
	s.recipients.SetText("Huyện ủy Đắk Tô\n\nLưu VP")
	s.person.SetText("Chị Hoà")
	test.Tap(s.save)
	got, err := st.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ got, want string }{
		{got.OfficeName, "Văn phòng BCĐ huyện Đắk Tô"}, {got.SignerName, "Y Ngọc"}, {fmt.Sprint(got.SignerOnBehalfOf), "true"},
		{strings.Join(got.Recipients, "|"), "Huyện ủy Đắk Tô|Lưu VP"}, {got.Person, "Chị Hoà"},
	} {
		if c.got != c.want {
			t.Errorf("saved %q, want %q", c.got, c.want)
		}
	}
	tr := datatest.MustTree(t, st)
	u := tr.Village
	u.Name = "Làng Đăk Ang Mới"
	if err := st.SaveUnit(context.Background(), &u); err != nil {
		t.Fatal(err)
	}
	h, _ := st.History(context.Background(), "units", u.ID)
	if len(h) == 0 || h[len(h)-1].Person != "Chị Hoà" {
		t.Errorf("history %+v", h)
	}
	s.office.SetText("   ")
	test.Tap(s.save)
	if !strings.Contains(s.status.Text, "không được để trống") {
		t.Errorf("an empty office name: %q", s.status.Text)
	}
}

// TestSettingsAppearance: dark, light and larger text apply at once and are remembered.
func TestSettingsAppearance(t *testing.T) {
	a := test.NewTempApp(t)
	s := NewSettingsScreen(datatest.MustOpen(t), a, nil)
	test.NewTempWindow(t, s)
	s.variant.SetSelected("Tối")
	if !widgets.IsDark(a) {
		t.Error("dark not applied")
	}
	s.textSize.SetSelectedIndex(2)
	if got := a.Settings().Theme().Size(theme.SizeNameText); got != theme.DefaultTheme().Size(theme.SizeNameText)*1.25 {
		t.Errorf("text size %v", got)
	}
	if ap := widgets.LoadAppearance(a.Preferences()); ap.Variant != "dark" || ap.TextScale != 1.25 {
		t.Errorf("remembered %+v", ap)
	}
	s.variant.SetSelected("Sáng")
	if widgets.IsDark(a) {
		t.Error("light not applied")
	}
}

// TestSettingsBackupNow: "Sao lưu ngay" writes a dated copy beside the database.
func TestSettingsBackupNow(t *testing.T) {
	a := test.NewTempApp(t)
	st := datatest.MustOpen(t)
	s := NewSettingsScreen(st, a, nil)
	test.NewTempWindow(t, s)
	test.Tap(s.backup)
	deadline := time.Now().Add(20 * time.Second)
	for !strings.HasPrefix(s.status.Text, "Đã sao lưu vào") && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	entries, _ := os.ReadDir(BackupFolder(st))
	if len(entries) != 1 || !strings.HasPrefix(entries[0].Name(), "ketnghia-sao-luu-") {
		t.Errorf("status %q, backups %v", s.status.Text, entries)
	}
}

// TestSettingsKeepBackups: how many backups are kept is a setting; a wrong number is refused with a
// sentence and nothing is saved.
func TestSettingsKeepBackups(t *testing.T) {
	a := test.NewTempApp(t)
	st := datatest.MustOpen(t)
	s := NewSettingsScreen(st, a, nil)
	test.NewTempWindow(t, s)
	if s.keep.Text != "10" {
		t.Errorf("default %q", s.keep.Text)
	}
	s.keep.SetText("3")
	s.Save()
	if got, _ := st.Settings(context.Background()); got.BackupsKeep != 3 {
		t.Errorf("saved %d", got.BackupsKeep)
	}
	s.keep.SetText("ba")
	s.Save()
	if got, _ := st.Settings(context.Background()); got.BackupsKeep != 3 || !strings.Contains(s.status.Text, "từ 1 đến 1000") {
		t.Errorf("a wrong number: saved %d, status %q", got.BackupsKeep, s.status.Text)
	}
}
