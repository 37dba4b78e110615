package main

import (
	"bytes"
	"debug/pe"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/tc-hib/winres"
	"github.com/tc-hib/winres/version"
)

func meta(t *testing.T) Meta {
	t.Helper()
	m, err := ReadMeta("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestFileVersionHasFourParts(t *testing.T) {
	for _, c := range []struct {
		version string
		build   int
		want    string
	}{
		{"0.1.0", 1, "0.1.0.1"},
		{"1.2", 7, "1.2.0.7"},
		{"2.0.0-rc1", 3, "2.0.0.3"},
	} {
		var m Meta
		m.Details.Version, m.Details.Build = c.version, c.build
		if got := m.FileVersion(); got != c.want {
			t.Errorf("%s build %d: %s, want %s", c.version, c.build, got, c.want)
		}
	}
}

func TestResourcesCarryEveryIconSizeVersionAndManifest(t *testing.T) {
	m := meta(t)
	rs, err := Resources(m)
	if err != nil {
		t.Fatal(err)
	}
	icon, err := rs.GetIcon(winres.Name(iconName))
	if err != nil {
		t.Fatal(err)
	}
	var ico bytes.Buffer
	if err := icon.SaveICO(&ico); err != nil {
		t.Fatal(err)
	}
	b := ico.Bytes()
	if n := int(b[4]) | int(b[5])<<8; n != len(IconSizes) {
		t.Fatalf("icon has %d images, want %d", n, len(IconSizes))
	}
	seen := map[int]bool{}
	for i := 0; i < len(IconSizes); i++ {
		e := b[6+16*i:]
		w := int(e[0])
		if w == 0 {
			w = 256
		}
		seen[w] = true
	}
	for _, s := range IconSizes {
		if !seen[s] {
			t.Errorf("no %d px image in the icon", s)
		}
	}
	vi, err := version.FromBytes(rs.Get(winres.RT_VERSION, winres.ID(1), langVietnamese))
	if err != nil {
		t.Fatal(err)
	}
	if vi.FileVersion != versionArray(m.FileVersion()) {
		t.Errorf("file version %v, want %s", vi.FileVersion, m.FileVersion())
	}
	man := string(rs.Get(winres.RT_MANIFEST, winres.ID(1), winres.LCIDDefault))
	for _, want := range []string{`level="asInvoker"`, "8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a" /* Windows 10 */, "permonitorv2"} {
		if !bytes.Contains([]byte(man), []byte(want)) {
			t.Errorf("manifest lacks %s:\n%s", want, man)
		}
	}
}

// The 16 px icon is the star alone: mostly red and gold, and the gold is a sizeable part (the large
// icon's star, with the letters, shrinks to a few pixels).
func TestSmallIconIsTheStarAlone(t *testing.T) {
	img := scale(mustPNG(t, "../icon_small.png"), 16)
	gold := 0
	for y := 0; y < 16; y++ {
		for x := 0; x < 16; x++ {
			r, g, b, a := img.At(x, y).RGBA()
			if a > 0xC000 && r > 0xC000 && g > 0xA000 && b < 0x8000 {
				gold++
			}
		}
	}
	if gold < 30 {
		t.Errorf("only %d gold pixels in the 16 px icon", gold)
	}
}

func mustPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func TestWriteSysoIsAnAMD64ObjectWithResources(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k_windows_amd64.syso")
	if err := WriteSyso(path, meta(t)); err != nil {
		t.Fatal(err)
	}
	f, err := pe.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if f.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
		t.Errorf("machine %#x", f.Machine)
	}
	if f.Section(".rsrc") == nil {
		t.Error("no .rsrc section")
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".k_windows_amd64.syso.*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}
