// Command ketnghia: with no subcommand it opens the window, with one it works without a window.
package main

import (
	// First of all: gives Fyne a locale it can parse before its own start-up code runs (see the
	// package comment), so that subcommands print only their own output.
	_ "boot.ketnghia/localeenv"

	"os"
	"runtime"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"ketnghia/app"
	"ketnghia/app/cli"
	"ketnghia/assets"
	"ketnghia/data"
)

func main() {
	if len(os.Args) > 1 {
		// Started from cmd or PowerShell: print there (the .exe is a window program).
		cli.AttachConsole()
	}
	os.Exit(cli.Main(os.Args[1:], cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, GUI: window, Alert: alert}))
}

func newApp() fyne.App {
	a := fyneapp.NewWithID(app.AppID)
	if runtime.GOOS != "windows" {
		// On Windows the .exe's own icon (every size, sharp at 16 px) is the window's icon.
		a.SetIcon(assets.Icon)
	}
	return a
}

func window(st *data.Store, warnings []string) error {
	app.NewMainWindow(newApp(), st, app.WindowOptions{
		Warnings:            warnings,
		TypingProbe:         os.Getenv("KETNGHIA_TYPING_PROBE"),
		KeepTypedBackspaces: os.Getenv("KETNGHIA_NO_BACKSPACE_FIX") != "",
	}).ShowAndRun()
	return nil
}

func alert(msg string) { app.ShowAlert(newApp(), msg) }
