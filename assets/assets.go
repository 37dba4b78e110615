// Package assets holds the files embedded in the program: the icon.
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

// IconPNG is the application icon (512 px): a gold star on red with "KN". It is drawn at 48 px and
// up; smaller sizes use IconSmallPNG.
//
//go:embed icon.png
var IconPNG []byte

// IconSmallPNG is the icon for 16 to 32 px (taskbar, title bar, file lists): the star alone, larger,
// because the letters blur below 48 px.
//
//go:embed icon_small.png
var IconSmallPNG []byte

// Icon is the application icon as a Fyne resource.
var Icon = fyne.NewStaticResource("icon.png", IconPNG)
