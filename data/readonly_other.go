//go:build !windows

package data

func isWriteProtected(error) bool { return false }
