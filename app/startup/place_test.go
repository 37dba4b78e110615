package startup

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ketnghia/data"
)

func TestPortableMarkerBesideTheProgramKeepsDataBesideIt(t *testing.T) {
	for _, marker := range []string{"", "portable", "portable.txt", "Portable-not"} {
		dir := t.TempDir()
		if marker != "" {
			if err := os.WriteFile(filepath.Join(dir, marker), nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got := portableDirBeside(dir)
		want := ""
		if marker == "portable" || marker == "portable.txt" {
			want = filepath.Join(dir, "data")
		}
		if got != want {
			t.Errorf("marker %q: data in %q, want %q", marker, got, want)
		}
	}
	// A folder called "portable" is not the marker.
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "portable"), 0o755)
	if got := portableDirBeside(dir); got != "" {
		t.Errorf("a folder named portable switched portable mode on: %q", got)
	}
}

func TestNetworkPathsAreRecognised(t *testing.T) {
	for path, want := range map[string]bool{
		`\\may-chu\chung\ketnghia.db`: true,
		`//may-chu/chung/ketnghia.db`: true,
		`\\?\C:\KetNghia\ketnghia.db`: false,
		`\\.\pipe\x`:                  false,
		`C:\KetNghia\ketnghia.db`:     false,
		`/home/a/ketnghia.db`:         false,
	} {
		if isUNC(path) != want {
			t.Errorf("isUNC(%q) = %v", path, !want)
		}
	}
}

func TestStoragePlanPerDrive(t *testing.T) {
	for _, c := range []struct {
		name  string
		kind  DriveKind
		noWAL bool
		warn  string
	}{
		{"local disk keeps the write-ahead log", DriveLocal, false, ""},
		{"USB stick: commits synced, close before pulling it out", DriveRemovable, true, "Đóng KetNghia trước khi rút ổ"},
		{"network drive: warned, copy it locally", DriveNetwork, true, "ổ mạng"},
	} {
		o, warning := StoragePlan("E:\\k.db", c.kind, data.Options{MustExist: true})
		if o.NoWAL != c.noWAL || !o.MustExist {
			t.Errorf("%s: options %+v", c.name, o)
		}
		if (c.warn == "") != (warning == "") || !strings.Contains(warning, c.warn) {
			t.Errorf("%s: warning %q", c.name, warning)
		}
	}
}

func TestDriveOverrideForTests(t *testing.T) {
	t.Setenv("KETNGHIA_DRIVE", "network")
	if driveKindOf(t.TempDir()) != DriveNetwork {
		t.Error("KETNGHIA_DRIVE=network ignored")
	}
	t.Setenv("KETNGHIA_DRIVE", "")
	if driveKindOf(t.TempDir()) != DriveLocal {
		t.Error("a temporary folder is not local")
	}
}
