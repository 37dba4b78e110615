// Package version holds the program's version and answers "ketnghia --version" before anything
// else starts: Go initialises packages in import-path order, so this one (boot.ketnghia/…) runs
// before Fyne's start-up code, the SQLite driver and the rest, which take ~40 ms that printing a
// version does not need. On Windows the normal path answers: the .exe is a window program that
// must first attach to the console it was started from.
package version

// Number is the program's version.
const Number = "0.1.0"
