//go:build windows

package data

import (
	"errors"
	"syscall"
)

// isWriteProtected: ERROR_WRITE_PROTECT (19), a write-protected stick or card, and
// ERROR_NOT_SUPPORTED (50) that some read-only shares answer.
func isWriteProtected(err error) bool {
	var en syscall.Errno
	return errors.As(err, &en) && (en == 19 || en == 50)
}
