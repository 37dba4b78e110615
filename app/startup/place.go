// Package startup settles, before any window or command runs, where the database lives (AppData,
// portable mode beside the .exe, USB and network drives, read-only media) and opens it, making the
// first-start sample. It has no user interface: the window (main.go) and the command line both call
// it.
package startup

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"ketnghia/data"
)

// DriveKind says what sort of drive a file lives on, as far as SQLite's safety goes.
type DriveKind int

const (
	DriveLocal     DriveKind = iota
	DriveRemovable           // a USB stick or memory card: may be pulled out while open
	DriveNetwork             // a shared folder: file locks and shared memory are not reliable
)

// PortableMarkers are the names of the file that, beside the .exe, switch on portable mode: the data
// then lives in a "data" folder beside the program (on the USB stick). Notepad saves "portable.txt".
var PortableMarkers = []string{"portable", "portable.txt"}

// portableDir is the data folder of portable mode, or "" when no marker sits beside the program.
func portableDir() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	if p, err := filepath.EvalSymlinks(exe); err == nil {
		exe = p
	}
	return portableDirBeside(filepath.Dir(exe))
}

func portableDirBeside(dir string) string {
	for _, m := range PortableMarkers {
		if st, err := os.Stat(filepath.Join(dir, m)); err == nil && !st.IsDir() {
			return filepath.Join(dir, "data")
		}
	}
	return ""
}

// DataDir is where KetNghia keeps its database: KETNGHIA_HOME when set; in portable mode the "data"
// folder beside the program; otherwise %APPDATA%\KetNghia on Windows and the XDG data folder
// elsewhere.
func DataDir() string {
	if d := os.Getenv("KETNGHIA_HOME"); d != "" {
		return d
	}
	if d := portableDir(); d != "" {
		return d
	}
	switch runtime.GOOS {
	case "windows":
		if d := os.Getenv("APPDATA"); d != "" {
			return filepath.Join(d, "KetNghia")
		}
	case "darwin":
		if h, err := os.UserHomeDir(); err == nil {
			return filepath.Join(h, "Library", "Application Support", "KetNghia")
		}
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "ketnghia")
	}
	if h, err := os.UserHomeDir(); err == nil {
		return filepath.Join(h, ".local", "share", "ketnghia")
	}
	return "."
}

// DefaultDBPath is the database the window opens when no --db is given.
func DefaultDBPath() string { return filepath.Join(DataDir(), "ketnghia.db") }

// isUNC reports a Windows network path (\\server\share\… or //server/share/…).
func isUNC(path string) bool {
	return len(path) > 2 && (strings.HasPrefix(path, `\\`) || strings.HasPrefix(path, "//")) &&
		!strings.HasPrefix(path, `\\?\`) && !strings.HasPrefix(path, `\\.\`)
}

// driveKindOf classifies where path lives; KETNGHIA_DRIVE (local, removable, network) overrides the
// system's answer, for tests and for drives Windows misreports.
func driveKindOf(path string) DriveKind {
	switch os.Getenv("KETNGHIA_DRIVE") {
	case "local":
		return DriveLocal
	case "removable":
		return DriveRemovable
	case "network":
		return DriveNetwork
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if isUNC(path) {
		return DriveNetwork
	}
	return systemDriveKind(path)
}

// StoragePlan says how to open a database on a drive of that kind, and what to tell the person.
func StoragePlan(path string, kind DriveKind, o data.Options) (data.Options, string) {
	switch kind {
	case DriveRemovable:
		o.NoWAL = true
		return o, fmt.Sprintf("Cơ sở dữ liệu %s nằm trên ổ tháo rời (USB, thẻ nhớ): mỗi thay đổi được ghi thẳng xuống ổ. "+
			"Đóng KetNghia trước khi rút ổ; nên sao lưu tệp sang máy tính thường xuyên.", path)
	case DriveNetwork:
		o.NoWAL = true
		return o, fmt.Sprintf("Cơ sở dữ liệu %s nằm trên ổ mạng: SQLite không khoá tệp an toàn qua mạng, hai người cùng mở có thể làm hỏng số liệu. "+
			"Nên chép tệp về máy này (%s) để làm việc, và trao đổi số liệu giữa các cơ quan bằng chức năng xuất, nhập.", path, localDataDirHint())
	}
	return o, ""
}

func localDataDirHint() string {
	if runtime.GOOS == "windows" {
		return `%APPDATA%\KetNghia`
	}
	return "thư mục dữ liệu của KetNghia"
}

// PlanFor is StoragePlan for the drive path is on.
func PlanFor(path string, o data.Options) (data.Options, string) {
	return StoragePlan(path, driveKindOf(path), o)
}
