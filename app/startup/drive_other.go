//go:build !windows

package startup

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
)

// networkFS are the Linux file systems where SQLite's locks cannot be trusted.
var networkFS = map[string]bool{"nfs": true, "nfs4": true, "cifs": true, "smb3": true, "smbfs": true, "fuse.sshfs": true, "9p": true}

// systemDriveKind finds the mount that holds path in /proc/self/mounts; elsewhere it answers local.
func systemDriveKind(path string) DriveKind {
	f, err := os.Open("/proc/self/mounts")
	if err != nil {
		return DriveLocal
	}
	defer f.Close()
	best, kind := "", DriveLocal
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 3 {
			continue
		}
		mnt := fields[1]
		if !within(path, mnt) || len(mnt) < len(best) {
			continue
		}
		best, kind = mnt, DriveLocal
		if networkFS[fields[2]] {
			kind = DriveNetwork
		}
	}
	return kind
}

func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, "../")
}
