package screen

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"ketnghia/data"
	"ketnghia/data/safefile"
)

// pdfJob builds a PDF off the UI thread and writes it whole into path (folder made when missing);
// progress (may be nil) and done run on the UI thread.
func pdfJob(path string, build func(progress func(float64)) ([]byte, error), progress func(float64), done func(size int, err error)) {
	Background(func() {
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

// openURL is how files are handed to the system (a test makes it fail).
var openURL = func(u *url.URL) error {
	a := fyne.CurrentApp()
	if a == nil {
		return fmt.Errorf("no app")
	}
	return a.OpenURL(u)
}

// openInViewer opens a file with the system's program for it (the PDF viewer); it reports whether
// that worked.
func openInViewer(path string) bool {
	if path == "" {
		return false
	}
	return openURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}) == nil
}

// showPDF opens a PDF just written in the system's viewer or, when that cannot be done, says where
// the file is.
func showPDF(win fyne.Window, path string) {
	if win == nil || openInViewer(path) {
		return
	}
	dialog.ShowInformation("Đã lưu tệp PDF", "Đã lưu tệp "+path+" nhưng không mở được trình xem PDF; hãy mở tệp này bằng tay.", win)
}
