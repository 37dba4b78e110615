package exchange

import (
	"context"
	"os"

	"ketnghia/data"
)

// Backup is the automatic backup an import takes, started as soon as the import is asked for and
// taken while the package is opened and reviewed (a national database takes about 2 s to copy).
// Apply waits for it, and uses it if the database has not changed since it was copied.
type Backup struct {
	done  chan struct{}
	path  string // the copy, under a provisional name until the import uses it
	final string // its name once used
	mark  string // the database's BackupMark while it was copied
	err   error
}

// provisional ends the name of an early backup no import has used yet: a process that dies before
// the import leaves it under that name, and the next backup in the folder sweeps it away.
const provisional = data.ProvisionalBackup

// StartBackup begins copying the database into dir ("": its backup folder) for an import.
func StartBackup(ctx context.Context, s *data.Store, dir string) *Backup {
	if dir == "" {
		dir = BackupDir(s)
	}
	b := &Backup{done: make(chan struct{})}
	go func() {
		defer close(b.done)
		before, err := s.BackupMark(ctx)
		if err != nil {
			b.err = err
			return
		}
		path, err := s.Backup(ctx, dir)
		if err != nil {
			b.err = err
			return
		}
		if after, err := s.BackupMark(ctx); err != nil || after != before {
			os.Remove(path) // changed while it was copied: Apply takes another
			return
		}
		b.path, b.final, b.mark = path, path, before
		if os.Rename(path, path+provisional) == nil {
			b.path = path + provisional
		}
	}()
	return b
}

// Discard waits for the backup and removes its file: the import did not happen.
func (b *Backup) Discard() {
	if b == nil {
		return
	}
	<-b.done
	if b.path != "" {
		os.Remove(b.path)
		b.path = ""
	}
}

// take waits for the backup and gives its file while the database is still as it was copied; ""
// when it must be taken again. An error is the backup's own (a full disk, a folder not writable).
func (b *Backup) take(ctx context.Context, s *data.Store) (string, error) {
	<-b.done
	if b.err != nil || b.path == "" {
		return "", b.err
	}
	mark, err := s.BackupMark(ctx)
	if err != nil {
		return "", err
	}
	if mark != b.mark {
		os.Remove(b.path)
		b.path = ""
		return "", nil
	}
	if b.path != b.final {
		if err := os.Rename(b.path, b.final); err != nil {
			return "", err
		}
		b.path = b.final
	}
	return b.path, nil
}
