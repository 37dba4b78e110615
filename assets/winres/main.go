// Command winres writes the Windows resources of ketnghia.exe (icon at every size Windows asks for,
// version information, manifest) as a .syso object that `go build` links in, and checks a built .exe
// for them. Name and version come from FyneApp.toml, so the .exe and Fyne agree.
//
//	go run ./assets/winres -o ketnghia_windows_amd64.syso     (before the Windows build)
//	go run ./assets/winres -check ketnghia.exe                 (after it)
package main

import (
	"bytes"
	"debug/pe"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"os"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/tc-hib/winres"
	"github.com/tc-hib/winres/version"
	xdraw "golang.org/x/image/draw"

	"ketnghia/assets"
	"ketnghia/data/safefile"
)

// IconSizes are the sizes in the icon: Explorer's views, the taskbar (16–32 at 100–200% scaling),
// Alt+Tab and the large icon views.
var IconSizes = []int{256, 128, 64, 48, 40, 32, 24, 20, 16}

// smallestLarge is the smallest size drawn from the large icon (with "KN"); below it, the star alone.
const smallestLarge = 48

// iconName is the icon group's name: GLFW gives its windows the icon called GLFW_ICON, so the title
// bar and taskbar pick the sharp small sizes instead of a scaled-down large one.
const iconName = "GLFW_ICON"

// langVietnamese is the LCID of the version strings.
const langVietnamese = 0x042A

// Meta is what FyneApp.toml says about the program.
type Meta struct {
	Website string
	Details struct {
		Name    string
		ID      string
		Version string
		Build   int
	}
}

func main() {
	out := flag.String("o", "ketnghia_windows_amd64.syso", "the .syso to write")
	meta := flag.String("meta", "FyneApp.toml", "the program's FyneApp.toml")
	check := flag.String("check", "", "check that this .exe carries the resources, instead of writing")
	flag.Parse()
	m, err := ReadMeta(*meta)
	if err == nil {
		if *check != "" {
			err = Check(*check, m)
		} else {
			err = WriteSyso(*out, m)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "winres:", err)
		os.Exit(1)
	}
}

// ReadMeta reads FyneApp.toml.
func ReadMeta(path string) (Meta, error) {
	var m Meta
	if _, err := toml.DecodeFile(path, &m); err != nil {
		return m, err
	}
	if m.Details.Name == "" || m.Details.Version == "" {
		return m, fmt.Errorf("%s: Details.Name and Details.Version are needed", path)
	}
	return m, nil
}

// FileVersion is the four-part Windows version: major.minor.patch.build.
func (m Meta) FileVersion() string {
	v := strings.SplitN(m.Details.Version, "-", 2)[0]
	for strings.Count(v, ".") < 2 {
		v += ".0"
	}
	return fmt.Sprintf("%s.%d", v, m.Details.Build)
}

// Resources builds the resource set.
func Resources(m Meta) (*winres.ResourceSet, error) {
	large, err := png.Decode(bytes.NewReader(assets.IconPNG))
	if err != nil {
		return nil, fmt.Errorf("icon.png: %w", err)
	}
	small, err := png.Decode(bytes.NewReader(assets.IconSmallPNG))
	if err != nil {
		return nil, fmt.Errorf("icon_small.png: %w", err)
	}
	var images []image.Image
	for _, s := range IconSizes {
		src := large
		if s < smallestLarge {
			src = small
		}
		images = append(images, scale(src, s))
	}
	icon, err := winres.NewIconFromImages(images)
	if err != nil {
		return nil, err
	}
	rs := &winres.ResourceSet{}
	if err := rs.SetIcon(winres.Name(iconName), icon); err != nil {
		return nil, err
	}
	rs.SetManifest(winres.AppManifest{
		Identity:       winres.AssemblyIdentity{Name: m.Details.ID, Version: versionArray(m.FileVersion())},
		Description:    m.Details.Name,
		Compatibility:  winres.Win10AndAbove, // Go ≥ 1.21 runs on Windows 10 and later only
		ExecutionLevel: winres.AsInvoker,     // office PCs: never ask for administrator rights
		DPIAwareness:   winres.DPIPerMonitorV2,
		LongPathAware:  true,
	})
	vi := version.Info{}
	vi.SetFileVersion(m.FileVersion())
	vi.SetProductVersion(m.FileVersion())
	for k, v := range map[string]string{
		version.ProductName:      m.Details.Name,
		version.FileDescription:  m.Details.Name + " — Kết nghĩa xây dựng xã đặc biệt khó khăn, thôn nông thôn mới",
		version.ProductVersion:   m.Details.Version,
		version.FileVersion:      m.FileVersion(),
		version.InternalName:     "ketnghia",
		version.OriginalFilename: "ketnghia.exe",
		version.LegalCopyright:   "Giấy phép MIT",
		version.Comments:         m.Website,
	} {
		if v == "" {
			continue
		}
		if err := vi.Set(langVietnamese, k, v); err != nil {
			return nil, err
		}
	}
	rs.SetVersionInfo(vi)
	return rs, nil
}

// scale draws src at size×size with a Catmull-Rom filter (sharp edges at small sizes).
func scale(src image.Image, size int) image.Image {
	dst := image.NewNRGBA(image.Rect(0, 0, size, size))
	xdraw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
	return dst
}

func versionArray(v string) [4]uint16 {
	var a [4]uint16
	for i, p := range strings.SplitN(v, ".", 4) {
		var n uint16
		fmt.Sscan(p, &n)
		a[i] = n
	}
	return a
}

// WriteSyso writes the resources as a COFF object for amd64, through a temporary file.
func WriteSyso(path string, m Meta) error {
	rs, err := Resources(m)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := rs.WriteObject(&buf, winres.ArchAMD64); err != nil {
		return err
	}
	return safefile.Write(path, buf.Bytes())
}

// Check reads the resources of a built .exe and says what is missing.
func Check(exe string, m Meta) error {
	f, err := os.Open(exe)
	if err != nil {
		return err
	}
	defer f.Close()
	rs, err := winres.LoadFromEXE(f)
	if err != nil {
		return fmt.Errorf("%s: no resources: %w", exe, err)
	}
	var problems []string
	problems = append(problems, checkPE(exe)...)
	icon, err := rs.GetIcon(winres.Name(iconName))
	if err != nil {
		problems = append(problems, "no icon")
	} else {
		var ico bytes.Buffer
		if err := icon.SaveICO(&ico); err != nil {
			problems = append(problems, "icon unreadable")
		} else if n := int(ico.Bytes()[4]) | int(ico.Bytes()[5])<<8; n != len(IconSizes) {
			problems = append(problems, fmt.Sprintf("icon has %d sizes, want %d", n, len(IconSizes)))
		}
	}
	raw := rs.Get(winres.RT_VERSION, winres.ID(1), langVietnamese)
	if raw == nil {
		problems = append(problems, "no version information")
	} else if vi, err := version.FromBytes(raw); err != nil {
		problems = append(problems, "version information unreadable")
	} else if got := vi.FileVersion; got != versionArray(m.FileVersion()) {
		problems = append(problems, fmt.Sprintf("file version %v, want %s", got, m.FileVersion()))
	}
	man := rs.Get(winres.RT_MANIFEST, winres.ID(1), winres.LCIDDefault)
	if !bytes.Contains(man, []byte(`level="asInvoker"`)) {
		problems = append(problems, "no manifest asking for asInvoker")
	}
	if len(problems) > 0 {
		return errors.New(exe + ": " + strings.Join(problems, "; "))
	}
	fmt.Printf("%s: PE32+ x86-64 window program, icon %d sizes, version %s, manifest asInvoker, Windows 10+\n", exe, len(IconSizes), m.FileVersion())
	return nil
}

// checkPE wants a 64-bit (PE32+) x86-64 program for the Windows GUI subsystem: started from Explorer
// it opens no console window.
func checkPE(exe string) []string {
	f, err := pe.Open(exe)
	if err != nil {
		return []string{"not a Windows program: " + err.Error()}
	}
	defer f.Close()
	var problems []string
	if f.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
		problems = append(problems, fmt.Sprintf("machine %#x, want x86-64", f.Machine))
	}
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok {
		return append(problems, "not PE32+")
	}
	if oh.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		problems = append(problems, fmt.Sprintf("subsystem %d, want the Windows GUI (build with -H=windowsgui)", oh.Subsystem))
	}
	return problems
}
