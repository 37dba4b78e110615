//go:build windows

package startup

import (
	"golang.org/x/sys/windows"
)

// systemDriveKind asks Windows for the type of the volume that holds path.
func systemDriveKind(path string) DriveKind {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return DriveLocal
	}
	root := make([]uint16, windows.MAX_PATH+1)
	if err := windows.GetVolumePathName(p, &root[0], uint32(len(root))); err != nil {
		return DriveLocal
	}
	switch windows.GetDriveType(&root[0]) {
	case windows.DRIVE_REMOVABLE, windows.DRIVE_CDROM:
		return DriveRemovable
	case windows.DRIVE_REMOTE:
		return DriveNetwork
	}
	return DriveLocal
}
