// Command ketnghia: with no arguments (or only --db FILE) it opens the window, with a subcommand it
// works without a window. main only chooses: app/startup settles where the database lives for the
// window, app/cli runs the commands.
package main

import (
	// First of all: gives Fyne a locale it can parse before its own start-up code runs (see the
	// package comment), so that subcommands print only their own output.
	_ "boot.ketnghia/localeenv"
	// Answers --version before the rest starts (not on Windows: see the package comment).
	_ "boot.ketnghia/version"
	// Lays a command's heap in huge pages, where the system has them.
	_ "boot.ketnghia/hugeheap"
	// Collects no garbage while the program starts, and less while a command keeps little.
	"boot.ketnghia/startgc"

	"context"
	"log"
	"os"
	"runtime"
	"runtime/debug"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"ketnghia/app/buildinfo"
	"ketnghia/app/cli"
	"ketnghia/app/startup"
	"ketnghia/app/window"
	"ketnghia/app/window/widgets"
	"ketnghia/assets"
	"ketnghia/data"
)

func main() {
	args := os.Args[1:]
	db, window := cli.WindowArgs(args)
	startgc.Done(!window)
	defer startup.OpenLog().Close()
	if window {
		os.Exit(openWindow(db))
	}
	// Started from cmd or PowerShell: print there (the .exe is a window program).
	cli.AttachConsole()
	os.Exit(cli.Main(args, cli.Env{Stdout: os.Stdout, Stderr: os.Stderr}))
}

func newApp() fyne.App {
	a := fyneapp.NewWithID(buildinfo.AppID)
	if runtime.GOOS != "windows" {
		// On Windows the .exe's own icon (every size, sharp at 16 px) is the window's icon.
		a.SetIcon(assets.Icon)
	}
	return a
}

// openWindow opens the database (the default one when db is "") and the window on it. When the
// database cannot be opened, a small window says why: a program started from Explorer has no
// console.
func openWindow(db string) int {
	// The window's live heap is small (~25 MB on the national sample; ~100 MB with a list of its
	// units open); collecting at 1.5× rather than 2× of it keeps the window within 200 MB resident
	// (203 → 195 MB) for little work. A soft limit on the heap makes the runtime collect harder and
	// hand freed memory back at once near it: on the national sample every screen then stays near
	// 300 MB resident (the GL driver and the program's own code are ~100 MB of it) instead of
	// 400–600 MB after a large read.
	debug.SetGCPercent(50)
	debug.SetMemoryLimit(128 << 20)
	st, warnings, err := startup.OpenForWindow(context.Background(), db, startup.WindowOptions())
	if err != nil {
		log.Printf("không mở được cơ sở dữ liệu: %v", err)
		widgets.ShowAlert(newApp(), data.Message(err))
		return cli.ExitFailed
	}
	defer st.Close()
	window.NewMainWindow(newApp(), st, window.WindowOptions{
		Warnings:            warnings,
		TypingProbe:         os.Getenv("KETNGHIA_TYPING_PROBE"),
		KeepTypedBackspaces: os.Getenv("KETNGHIA_NO_BACKSPACE_FIX") != "",
	}).ShowAndRun()
	return cli.ExitOK
}
