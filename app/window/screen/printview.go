package screen

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"ketnghia/app/buildinfo"
	"ketnghia/app/jobs"
	"ketnghia/data"
	"ketnghia/data/xlsx"
	"ketnghia/reports"
)

// printList writes a list as shown on a screen (in: title, filter, columns, rows; the header is
// filled here) as a PDF table in the document layout into folder, and opens it (Ctrl+P); done, when
// not nil, is told the file (tests).
func printList(st *data.Store, win fyne.Window, folder, name string, in reports.ListInput, done func(string, error)) {
	settings, err := st.Settings(context.Background())
	if err != nil {
		showFailure(win, err)
		if done != nil {
			done("", err)
		}
		return
	}
	in.Header = reports.Header{Settings: settings, Date: st.Today()}
	path := filepath.Join(folder, name+"-"+st.Today().ISO()+".pdf")
	pdfJob(path, func(func(float64)) ([]byte, error) {
		var buf bytes.Buffer
		err := reports.List(&buf, in)
		return buf.Bytes(), err
	}, nil, func(_ int, err error) {
		if err != nil {
			showFailure(win, err)
		} else {
			showPDF(win, path)
		}
		if done != nil {
			done(path, err)
		}
	})
}

// printReport makes a report of the program's kinds and opens it (the dashboard's Ctrl+P).
func printReport(st *data.Store, win fyne.Window, req jobs.ReportRequest, done func(string, error)) {
	path := filepath.Join(ReportsFolder(st), fileName(req))
	req.Program = buildinfo.Program()
	pdfJob(path, func(progress func(float64)) ([]byte, error) {
		return jobs.Report(context.Background(), st, req, progress)
	}, nil, func(_ int, err error) {
		if err != nil {
			showFailure(win, err)
		} else {
			showPDF(win, path)
		}
		if done != nil {
			done(path, err)
		}
	})
}

func showFailure(win fyne.Window, err error) { showError(nil, win, err) }

// showError is how every screen tells a failure: the Vietnamese message on the screen's own line
// (when it has one) and in a dialog; nothing was written.
func showError(line *widget.Label, win fyne.Window, err error) {
	if line != nil {
		line.SetText(data.Message(err))
	}
	if win != nil {
		dialog.ShowError(fmt.Errorf("%s", data.Message(err)), win)
	}
}

// yearChoices are the years a screen offers, newest first: up to this year or the newest review,
// down to 2016; latest is the newest year with reviews (this year when there are none).
func yearChoices(st *data.Store) (years []string, latest int) {
	latest, err := st.LatestYear(context.Background())
	if err != nil {
		latest = st.Today().Year()
	}
	for y := max(latest, st.Today().Year()); y >= 2016; y-- {
		years = append(years, strconv.Itoa(y))
	}
	return years, latest
}

// exportList writes a list as shown on a screen to an Excel workbook in folder and opens it with
// the system's spreadsheet program, its button disabled meanwhile; done, when not nil, is told the
// file (tests).
func exportList(btn *widget.Button, st *data.Store, win fyne.Window, folder, name string, in reports.ListInput, done func(string, error)) {
	btn.Disable()
	path := filepath.Join(folder, name+"-"+st.Today().ISO()+".xlsx")
	Background(func() {
		err := os.MkdirAll(folder, 0o755)
		if err != nil {
			err = &data.Error{Kind: data.KindInvalid, Err: err, Msg: fmt.Sprintf("Không tạo được thư mục %s để lưu bảng tính. Hãy kiểm tra quyền ghi của thư mục.", folder)}
		} else {
			err = xlsx.WriteList(path, xlsx.List{Title: in.Title, Filter: in.Filter, Columns: in.Columns, Rows: in.Rows})
		}
		fyne.Do(func() {
			btn.Enable()
			switch {
			case err != nil:
				showFailure(win, err)
			case !openInViewer(path) && win != nil:
				dialog.ShowInformation("Đã xuất Excel", "Đã lưu bảng tính vào "+path+"; hãy mở tệp bằng Excel.", win)
			}
			if done != nil {
				done(path, err)
			}
		})
	})
}
