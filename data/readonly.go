package data

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// cannotWrite reports whether an existing database file, or the folder it is in, cannot be
// written: a CD, a write-protected stick, a read-only share or folder. SQLite needs both (the
// journal and the lock file live beside the database).
func cannotWrite(path string) bool {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return isReadOnlyErr(err)
	}
	f.Close()
	probe, err := os.CreateTemp(filepath.Dir(path), ".ketnghia-ghi-thu-*")
	if err != nil {
		return isReadOnlyErr(err)
	}
	probe.Close()
	os.Remove(probe.Name())
	return false
}

// isReadOnlyErr says whether err means "this place cannot be written".
func isReadOnlyErr(err error) bool {
	return errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) || isWriteProtected(err)
}

func errReadOnly(path string) error {
	return &Error{Kind: KindInvalid, Field: "db", Msg: "Tệp " + path + " đang mở ở chế độ chỉ xem (tệp hoặc thư mục chứa nó không ghi được) nên không lưu được thay đổi. " +
		"Hãy chép tệp sang một thư mục ghi được (ví dụ Tài liệu) rồi mở bản chép."}
}
