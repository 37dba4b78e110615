package startup

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"

	"ketnghia/data"
	"ketnghia/data/exchange"
	"ketnghia/data/sample"
)

// SampleSeed is the seed of the first-start sample, so that every newcomer sees the same figures.
const SampleSeed = 1

// MakeFolder makes the folder a new database goes in, or says in Vietnamese why it cannot.
func MakeFolder(path string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		why := "không tạo được thư mục đó"
		if errors.Is(err, fs.ErrPermission) {
			why = "không có quyền ghi vào đó"
		} else if errors.Is(err, fs.ErrExist) {
			why = "đã có một tệp cùng tên với thư mục"
		}
		return &data.Error{Kind: data.KindInvalid, Field: "db", Err: err, Msg: fmt.Sprintf(
			"Không tạo được thư mục %s cho cơ sở dữ liệu (%s). Hãy chọn một thư mục khác bằng --db, ví dụ trong Tài liệu.", dir, why)}
	}
	return nil
}

// OpenOrCreateWithSample opens path; when there is no file yet it creates it with Kon Tum's units
// and the labelled sample figures, so that a newcomer sees a working program at once. A file that
// cannot be written is opened to be read only.
func OpenOrCreateWithSample(ctx context.Context, path string, o data.Options) (*data.Store, error) {
	_, statErr := os.Stat(path)
	fresh := errors.Is(statErr, os.ErrNotExist)
	if fresh {
		if err := MakeFolder(path); err != nil {
			return nil, err
		}
	} else {
		o.ReadOnlyOK = true
	}
	s, err := data.Open(ctx, path, o)
	if err != nil {
		return nil, err
	}
	if fresh {
		if err := sample.Load(ctx, s, sample.Province, SampleSeed); err != nil {
			s.Close()
			os.Remove(path)
			return nil, err
		}
	}
	return s, nil
}

// ReadOnlyWarning is the banner of a database opened to be read only.
func ReadOnlyWarning(path string) string {
	return fmt.Sprintf("CHỈ XEM: tệp %s hoặc thư mục chứa nó không ghi được (đĩa CD, USB khoá ghi, thư mục dùng chung chỉ đọc), "+
		"nên mọi chức năng sửa, thêm, xoá đều tắt. Muốn sửa, hãy chép tệp sang một thư mục ghi được rồi mở bản chép.", path)
}

// OpenForWindow opens the database the window works on: path, or the default one (made with the
// sample on first start). It returns the warnings the window shows above its screens: a file
// opened read only, a USB stick or a network drive.
func OpenForWindow(ctx context.Context, path string, o data.Options) (*data.Store, []string, error) {
	if path == "" {
		path = DefaultDBPath()
	}
	opt, warning := PlanFor(path, o)
	s, err := OpenOrCreateWithSample(ctx, path, opt)
	if err != nil {
		return nil, nil, err
	}
	var warnings []string
	if !s.ReadOnly() {
		// The office's signing key is made on its first start, beside the file (exchange.OwnKey); a
		// key file that cannot be read is said when a package is exported, and in Cài đặt.
		if _, err := exchange.OwnKey(s); err != nil {
			log.Printf("startup: the signing key: %s (%s)", data.Message(err), data.Detail(err))
		}
	}
	if s.ReadOnly() {
		warnings = append(warnings, ReadOnlyWarning(path))
	} else if warning != "" {
		warnings = append(warnings, warning)
	}
	return s, warnings, nil
}

// WindowOptions are the store options of the window: a small page cache on each connection. The
// window's reads are small and it holds several connections, each with its cache full after a
// large read; 64 MB each (what bulk work on the command line wants) took a window on the national
// sample to 267 MB resident, 4 MB kept it under 200 MB at rest, and 1 MB takes another ~20 MB off
// its peak (the first opening after a change: VmHWM 302–306 → 280–286 MB). The system's own
// cache of the file serves what SQLite's no longer holds: the national lists, the search
// keystroke, the review grid and an import of a province's package take the same time with 1 MB
// as with 4 (BenchmarkCommunesScreenNational and the others, 3 runs each).
func WindowOptions() data.Options { return data.Options{CacheMB: 1, Unmapped: true} }
