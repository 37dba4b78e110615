//go:build !unix && !windows

package data

import "os"

// Systems without file locks KetNghia knows of run without the instance lock.
func tryLock(*os.File) error { return nil }
func unlock(*os.File) error  { return nil }
