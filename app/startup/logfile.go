package startup

import (
	"io"
	"log"
	"os"
	"path/filepath"
)

// maxLog is how large the log grows before it is started afresh (the previous one kept as .1).
const maxLog = 1 << 20

// LogPath is the program's log: the causes behind the messages people read (an error's details,
// what a package held that could not be read), for whoever supports them.
func LogPath() string { return filepath.Join(DataDir(), "ketnghia.log") }

// OpenLog sends the standard logger to the log file, never to the screen: a person reads only the
// Vietnamese sentences. Where the log cannot be written, what would go there is dropped.
func OpenLog() io.Closer {
	path := LogPath()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		log.SetOutput(io.Discard)
		return io.NopCloser(nil)
	}
	if st, err := os.Stat(path); err == nil && st.Size() > maxLog {
		os.Rename(path, path+".1")
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		log.SetOutput(io.Discard)
		return io.NopCloser(nil)
	}
	log.SetOutput(f)
	log.SetFlags(log.LstdFlags)
	return f
}
