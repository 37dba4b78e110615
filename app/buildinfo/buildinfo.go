// Package buildinfo is who the program is: its name, version and application ID, as FyneApp.toml
// declares them for the Windows package (a test holds them to it). `ketnghia --version`, the usage
// text, the window (its preferences, its status line), a printed report's producer and an exchange
// package's manifest all take them from here.
package buildinfo

import "boot.ketnghia/version"

const (
	// Name is the program's name.
	Name = "KetNghia"
	// Version is the program's version; boot.ketnghia/version holds it so that --version is
	// answered before the rest of the program starts.
	Version = version.Number
	// AppID is the application's identity for Fyne (preferences, storage).
	AppID = "vn.ketnghia.app"
)

// Program is the name and version, as a PDF's producer and a package's manifest name the program.
func Program() string { return Name + " " + Version }
