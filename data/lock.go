package data

import (
	"errors"
	"fmt"
	"os"
	"strings"
)

// The instance lock keeps two KetNghia processes from writing one database side by side (two windows
// on one PC, or a command run while the window is open): a file beside the database, path+".lock",
// locked by the operating system for as long as the store is open. The lock goes when the process
// ends, even if it crashes, so a leftover file never blocks anyone. The file itself stays (deleting
// it would let a third process lock a new file while a second still holds the old one).

// errLocked is what tryLock returns when another process holds the lock.
var errLocked = errors.New("locked by another process")

// instanceLock is a held lock.
type instanceLock struct{ f *os.File }

func lockInstance(dbPath string) (*instanceLock, error) {
	path := dbPath + ".lock"
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		if isReadOnlyErr(err) {
			return nil, &Error{Kind: KindInvalid, Field: "db", Err: err, Msg: fmt.Sprintf(
				"Không ghi được vào thư mục chứa %s (thư mục chỉ đọc hoặc không có quyền ghi). Hãy chép tệp sang một thư mục ghi được (ví dụ Tài liệu) rồi làm lại.", dbPath)}
		}
		return nil, internal(fmt.Sprintf("Không tạo được tệp khoá %s", path), err)
	}
	if err := tryLock(f); err != nil {
		holder := lockHolder(path)
		f.Close()
		if errors.Is(err, errLocked) {
			return nil, &Error{Kind: KindConflict, Field: "db", Err: err, Msg: fmt.Sprintf(
				"Cơ sở dữ liệu %s đang được mở bởi một cửa sổ hoặc lệnh KetNghia khác%s. "+
					"Hãy dùng cửa sổ đang mở, hoặc đóng nó rồi thử lại: hai chương trình cùng ghi một tệp có thể làm mất số liệu.",
				dbPath, holder)}
		}
		return nil, internal(fmt.Sprintf("Không khoá được tệp %s", path), err)
	}
	// Say who holds it, for the message another instance shows.
	host, _ := os.Hostname()
	_ = f.Truncate(0)
	_, _ = f.WriteAt([]byte(fmt.Sprintf("KetNghia\nmáy: %s\ntiến trình: %d\n", host, os.Getpid())), 0)
	return &instanceLock{f: f}, nil
}

// lockHolder reads who holds a lock file, as " (máy …, tiến trình …)", or "".
func lockHolder(path string) string {
	b, err := os.ReadFile(path)
	if err != nil || !strings.HasPrefix(string(b), "KetNghia\n") {
		return ""
	}
	var parts []string
	for _, line := range strings.Split(string(b), "\n")[1:] {
		if line = strings.TrimSpace(line); line != "" {
			parts = append(parts, line)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

func (l *instanceLock) release() {
	if l == nil || l.f == nil {
		return
	}
	_ = unlock(l.f)
	_ = l.f.Close()
	l.f = nil
}
