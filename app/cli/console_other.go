//go:build !windows

package cli

// AttachConsole does nothing outside Windows: programs there always have their terminal.
func AttachConsole() {}
