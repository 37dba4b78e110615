package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"ketnghia/data"
	"ketnghia/data/sample"
)

// makeFolder makes the folder a new database goes in, or says in Vietnamese why it cannot.
func makeFolder(path string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		why := "không tạo được thư mục đó"
		if errors.Is(err, fs.ErrPermission) {
			why = "không có quyền ghi vào đó"
		} else if errors.Is(err, fs.ErrExist) || errors.Is(err, os.ErrExist) {
			why = "đã có một tệp cùng tên với thư mục"
		}
		return &data.Error{Kind: data.KindInvalid, Field: "db", Err: err, Msg: fmt.Sprintf(
			"Không tạo được thư mục %s cho cơ sở dữ liệu (%s). Hãy chọn một thư mục khác bằng --db, ví dụ trong Tài liệu.", dir, why)}
	}
	return nil
}

// openOrCreate opens path for writing, making its folder and the file when missing; a warning about
// the drive goes to stderr.
func openOrCreate(ctx context.Context, env Env, path string) (*data.Store, error) {
	if err := makeFolder(path); err != nil {
		return nil, err
	}
	o, warning := planFor(path, env.Options)
	if warning != "" {
		fmt.Fprintln(env.Stderr, "Lưu ý: "+warning)
	}
	return data.Open(ctx, path, o)
}

// openExisting opens path for commands that only read: they share the file with an open window,
// and a file that cannot be written (a CD, a read-only folder) is read as it is.
func openExisting(ctx context.Context, env Env, path string) (*data.Store, error) {
	o, _ := planFor(path, env.Options)
	o.MustExist = true
	o.Shared = true
	o.ReadOnlyOK = true
	return data.Open(ctx, path, o)
}

// OpenOrCreateWithSample opens path; when there is no file yet it creates it with Kon Tum's units
// and the labelled sample figures, so that a newcomer sees a working program at once. A file that
// cannot be written is opened to be read only.
func OpenOrCreateWithSample(ctx context.Context, path string, o data.Options) (*data.Store, error) {
	_, statErr := os.Stat(path)
	fresh := errors.Is(statErr, os.ErrNotExist)
	if fresh {
		if err := makeFolder(path); err != nil {
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
		if err := sample.Load(ctx, s, sample.Province, defaultSeed); err != nil {
			s.Close()
			os.Remove(path)
			return nil, err
		}
	}
	return s, nil
}

// sampleNote is the line that opens a reading command's output when the figures are invented.
const sampleNote = "LƯU Ý: cơ sở dữ liệu có số liệu mẫu (giả định), không dùng cho báo cáo thật."
