// Command ketnghia: with no subcommand it opens the window, with one it works without a window.
package main

import (
	"os"
	"runtime"

	fyneapp "fyne.io/fyne/v2/app"

	"ketnghia/app"
	"ketnghia/app/cli"
	"ketnghia/assets"
	"ketnghia/data"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, GUI: window}))
}

func window(st *data.Store) error {
	a := fyneapp.NewWithID(app.AppID)
	if runtime.GOOS != "windows" {
		// On Windows the .exe's own icon (every size, sharp at 16 px) is the window's icon.
		a.SetIcon(assets.Icon)
	}
	app.NewMainWindow(a, st).ShowAndRun()
	return nil
}
