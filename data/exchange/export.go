package exchange

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"ketnghia/data"
	"ketnghia/data/safefile"
)

// ExportOptions choose what an export carries.
type ExportOptions struct {
	// Scope lists official codes of provinces, districts or communes: their units and everything
	// about them (with the units above them, so that the receiving office can place them). None:
	// the whole database.
	Scope []string
	// Program is the program's version, written in the manifest.
	Program string
	// Progress, when set, is told the share done (0–1) as the export goes.
	Progress func(float64)
}

// Export writes a package of the store's records to out: first into a temporary file beside it,
// synced, renamed, then read back and checked whole. The local database is only read. It returns
// the package's manifest.
func Export(ctx context.Context, s *data.Store, out string, opt ExportOptions) (Manifest, error) {
	progress := func(f float64) {
		if opt.Progress != nil {
			opt.Progress(f)
		}
	}
	set, err := s.Settings(ctx)
	if err != nil {
		return Manifest{}, err
	}
	// No package leaves unsigned: a key file that cannot be read stops the export before anything.
	key, err := OwnKey(s)
	if err != nil {
		return Manifest{}, err
	}
	sweepStale()
	dir, err := os.MkdirTemp("", tempPrefixes[1])
	if err != nil {
		return Manifest{}, &data.Error{Kind: data.KindInternal, Err: err, Msg: "Không tạo được thư mục tạm để xuất gói; hãy giải phóng bớt ổ đĩa rồi thử lại."}
	}
	defer os.RemoveAll(dir)
	content := filepath.Join(dir, "goi.db")
	if err := data.CreatePackageFile(ctx, content); err != nil {
		return Manifest{}, err
	}
	m := Manifest{Format: FormatVersion, Program: opt.Program, Schema: data.SchemaVersion, OfficeID: s.OfficeID(),
		OfficeName: set.OfficeName, ExportedAt: s.Now().UTC(), Scope: opt.Scope, Counts: map[string]int{}}
	if err := s.CopyToPackage(ctx, content, opt.Scope, m.Counts, progress); err != nil {
		return Manifest{}, err
	}
	progress(0.6)
	written := sha256.New()
	// A package whose export was killed half-way left its temporary file here (on a stick, where
	// it stays): gone with the next export into the folder.
	safefile.Sweep(filepath.Dir(out), ".KetNghia_*.knx.*", 10*time.Minute)
	err = safefile.WriteWith(out, func(w io.Writer) error { return writePackage(io.MultiWriter(w, written), m, content, key.Private) })
	if err != nil {
		return Manifest{}, writeError(out, err)
	}
	progress(0.9)
	// Read back from the stick what was written there: the same bytes, a head that parses.
	if m, err = verifyWritten(out, written.Sum(nil)); err != nil {
		os.Remove(out)
		return Manifest{}, &data.Error{Kind: data.KindInternal, Err: err, Msg: fmt.Sprintf("Gói vừa ghi vào %s đọc lại không khớp (ổ USB có thể bị lỗi) nên đã được xóa; hãy thử ổ khác.", out)}
	}
	progress(1)
	return m, nil
}

func verifyWritten(path string, want []byte) (Manifest, error) {
	f, err := os.Open(path)
	if err != nil {
		return Manifest{}, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return Manifest{}, err
	}
	if !bytes.Equal(h.Sum(nil), want) {
		return Manifest{}, errors.New("read-back checksum differs")
	}
	return ReadManifest(path)
}

func writeError(out string, err error) error {
	msg := fmt.Sprintf("Không ghi được gói vào %s; không có tệp dở nào được để lại. Hãy kiểm tra ổ đĩa còn chỗ trống, không bị khóa ghi, rồi thử lại.", out)
	switch {
	case errors.Is(err, syscall.ENOSPC):
		msg = fmt.Sprintf("Ổ đĩa chứa %s đã đầy nên gói chưa được ghi (không có tệp dở nào được để lại). Hãy xóa bớt tệp hoặc dùng ổ khác.", out)
	case errors.Is(err, os.ErrPermission), errors.Is(err, syscall.EROFS):
		msg = fmt.Sprintf("Không được phép ghi vào thư mục của %s (ổ chỉ đọc hoặc bị khóa ghi) nên gói chưa được ghi. Hãy mở khóa ổ USB hoặc chọn thư mục khác.", out)
	case errors.Is(err, os.ErrNotExist):
		msg = fmt.Sprintf("Không có thư mục để ghi %s. Hãy chọn một thư mục có thật (ví dụ ổ USB).", out)
	}
	return &data.Error{Kind: data.KindInvalid, Field: "out", Err: err, Msg: msg}
}
