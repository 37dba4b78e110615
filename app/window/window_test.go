package window

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"ketnghia/app/window/widgets"
	"ketnghia/app/window/windowtest"
	"ketnghia/data/datatest"
)

func TestMainContentShowsDriveWarnings(t *testing.T) {
	test.NewTempApp(t)
	st := datatest.MustOpen(t)
	w := test.NewTempWindow(t, NewMainContent(st, nil, "Cơ sở dữ liệu E:\\k.db nằm trên ổ tháo rời"))
	if !windowtest.HasText(w.Canvas().Content(), "nằm trên ổ tháo rời") {
		t.Error("the drive warning is not shown")
	}
}

func TestAlertShowsTheMessageAndCloses(t *testing.T) {
	test.NewTempApp(t)
	closed := false
	c := widgets.NewAlertContent("Cơ sở dữ liệu đang được mở bởi một cửa sổ KetNghia khác", func() { closed = true })
	w := test.NewTempWindow(t, c)
	if !windowtest.HasText(w.Canvas().Content(), "đang được mở") {
		t.Error("the message is not shown")
	}
	test.Tap(windowtest.FindButton(t, c, "Đóng"))
	if !closed {
		t.Error("Đóng did not close")
	}
}

// The typing probe writes what the field holds, NFC, after each change.
func TestTypingProbeWritesTheFieldsValue(t *testing.T) {
	test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "typed.txt")
	e := widgets.NewTextEntry("")
	probeTyping(e, path)
	test.NewTempWindow(t, e)
	test.Type(e, "hoa\u0300 no\u0323\u0302i")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != "hoà nội" {
		t.Errorf("probe file = %q", b)
	}
}

// TestWindowStateRoundTrip: the kept size and placement read back; nonsense gives the default.
func TestWindowStateRoundTrip(t *testing.T) {
	st := windowState{width: 1100, height: 700, placement: "10,20,1110,720,3"}
	if got := parseWindowState(st.String()); got != st {
		t.Errorf("%+v → %q → %+v", st, st.String(), got)
	}
	for _, bad := range []string{"", "abc", "10;10;", "99999;700;", "1100;x;"} {
		if got := parseWindowState(bad); got.width != 1280 || got.height != 660 {
			t.Errorf("%q gave %+v", bad, got)
		}
	}
}

func TestMainContentWarnsOfSampleData(t *testing.T) {
	test.NewTempApp(t)
	st := windowtest.SampleStore(t)
	w := test.NewTempWindow(t, NewMainContent(st, nil))
	if !windowtest.HasText(w.Canvas().Content(), "DỮ LIỆU MẪU") {
		t.Error("sample banner missing")
	}
	empty := datatest.MustOpen(t)
	w2 := test.NewTempWindow(t, NewMainContent(empty, nil))
	if windowtest.HasText(w2.Canvas().Content(), "DỮ LIỆU MẪU") {
		t.Error("banner shown on a real (empty) database")
	}
}
