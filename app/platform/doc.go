// Package platform is what the window asks of the system it runs on, apart from Fyne: on Windows,
// the window procedure hooked so that Unikey's and EVKey's backspaces arrive (GLFW drops them) and
// the window's place and size kept as Windows keeps them; on Linux, the C heap handed back after a
// screen's textures are freed. Elsewhere each is a no-op.
package platform
