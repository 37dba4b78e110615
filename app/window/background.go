package window

// background runs slow work off the UI thread; what it changes on screen goes back through
// fyne.Do. Tests set it to run the work at once, in order, so that a screen's loads and the test's
// own taps never overlap (Fyne's test driver runs fyne.Do on the calling goroutine).
var background = func(work func()) { go work() }
