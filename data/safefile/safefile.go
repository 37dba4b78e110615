// Package safefile replaces files so that a reader, a crash or a full disk never leaves half a file:
// write a temporary file beside the target, sync it, rename it over the target.
package safefile

import (
	"io"
	"os"
	"path/filepath"
	"time"
)

// Write replaces path with b.
func Write(path string, b []byte) error {
	return WriteWith(path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// WriteWith is Write for content produced as a stream: fill writes it, and the file takes its
// name only when fill succeeded and the content is on the disk.
func WriteWith(path string, fill func(w io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	tmp.Chmod(0o644)            // as a new file would be; some drives (FAT) keep no modes
	if err := fill(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// Sweep removes from dir the files matching pattern (filepath.Match) last written before
// olderThan ago: what a write killed half-way left behind (a temporary file of WriteWith, a
// backup being copied). Younger ones may belong to a write still going on.
func Sweep(dir, pattern string, olderThan time.Duration) {
	names, _ := filepath.Glob(filepath.Join(dir, pattern))
	for _, n := range names {
		if st, err := os.Lstat(n); err == nil && st.Mode().IsRegular() && time.Since(st.ModTime()) > olderThan {
			os.Remove(n)
		}
	}
}
