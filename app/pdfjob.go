package app

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"

	"ketnghia/data"
	"ketnghia/data/safefile"
)

// pdfJob builds a PDF off the UI thread and writes it whole into path (folder made when missing);
// progress (may be nil) and done run on the UI thread.
func pdfJob(path string, build func(progress func(float64)) ([]byte, error), progress func(float64), done func(size int, err error)) {
	background(func() {
		pdf, err := build(func(f float64) {
			if progress != nil {
				fyne.Do(func() { progress(f) })
			}
		})
		if err == nil {
			err = writePDF(path, pdf)
		}
		fyne.Do(func() { done(len(pdf), err) })
	})
}

func writePDF(path string, pdf []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return &data.Error{Kind: data.KindInvalid, Err: err, Msg: fmt.Sprintf("Không tạo được thư mục %s để lưu báo cáo. Hãy kiểm tra quyền ghi của thư mục.", dir)}
	}
	if err := safefile.Write(path, pdf); err != nil {
		return &data.Error{Kind: data.KindInvalid, Err: err, Msg: fmt.Sprintf("Không ghi được tệp %s (ổ đầy hoặc không có quyền ghi); không có tệp nào bị ghi dở.", path)}
	}
	return nil
}

// openInViewer opens a file with the system's program for it (the PDF viewer); it reports whether
// that worked.
func openInViewer(path string) bool {
	a := fyne.CurrentApp()
	if a == nil || path == "" {
		return false
	}
	u := &url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	return a.OpenURL(u) == nil
}
