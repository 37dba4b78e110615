package screen

// Background runs slow work off the UI thread; what it changes on screen goes back through
// fyne.Do. The window's shell runs its own slow work through it too. Tests set it to run the work
// at once, in order, so that a screen's loads and the test's own taps never overlap (Fyne's test
// driver runs fyne.Do on the calling goroutine).
var Background = func(work func()) { go work() }
