package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"ketnghia/data/vntext"
	"ketnghia/data/xlsx"
)

type xlsxFlags struct {
	dbFlags
	words        []string
	out          string
	year         int
	dryRun       bool
	skipBad      bool
	acceptLayout bool
	stale        string
}

func init() {
	var names []string
	for _, t := range xlsx.Templates {
		names = append(names, fmt.Sprintf("                                    %-9s %s", t.Name, vntext.LowerFirst(t.Title)))
	}
	register(&command{name: "xlsx", order: 85, needsDB: true, words: 2,
		usage: `  ketnghia xlsx export --db TỆP --out X.xlsx
                                  xuất toàn bộ dữ liệu ra Excel, mỗi loại bản ghi một trang
  ketnghia xlsx template KIND --db TỆP --out T.xlsx [--year NĂM]
                                  tạo mẫu Excel để điền, KIND là một trong:
` + strings.Join(names, "\n") + `
                                  (mẫu rà soát liệt kê sẵn các xã, thôn của năm, số liệu để trống)
  ketnghia xlsx import --db TỆP X.xlsx [--dry-run] [--skip-bad] [--accept-layout] [--year NĂM]
                       [--stale clear|keep] [--json]
                                  nhập bảng tính: kiểm tra từng dòng (trang, dòng, cột, lý do), chuyển
                                  chữ TCVN3 (.VnTime) và VNI sang Unicode; ghi tất cả trong một lần, hoặc
                                  không ghi gì khi có dòng sai (--skip-bad: bỏ dòng sai, ghi các dòng đúng);
                                  --dry-run chỉ kiểm tra, không ghi gì; bảng tính không theo mẫu: chương
                                  trình đoán mỗi cột là số liệu gì và in ra, --accept-layout nhận cách đọc
                                  đó (được nhớ cho các tệp cùng kiểu), --year cho năm khi tệp không ghi năm;
                                  số liệu đã lưu mà tệp không có cột nhưng cản số liệu của tệp (ví dụ hộ
                                  nghèo theo nguyên nhân nhiều hơn số hộ nghèo mới): --stale clear xóa
                                  số liệu đó của các dòng ấy, --stale keep giữ số liệu đã lưu
`,
		flags: func(fs *flag.FlagSet) any {
			var x xlsxFlags
			x.dbFlags.declare(fs, true)
			fs.StringVar(&x.out, "out", "", "tệp Excel")
			fs.IntVar(&x.year, "year", 0, "năm")
			fs.BoolVar(&x.dryRun, "dry-run", false, "chỉ kiểm tra")
			fs.BoolVar(&x.skipBad, "skip-bad", false, "bỏ dòng sai")
			fs.BoolVar(&x.acceptLayout, "accept-layout", false, "nhận cách đọc cột đã đoán")
			fs.StringVar(&x.stale, "stale", "", "clear hoặc keep")
			return &x
		},
		arg: func(a any, w string) { x := a.(*xlsxFlags); x.words = append(x.words, w) },
		run: runXLSX})
}

func runXLSX(ctx context.Context, env Env, a any) int {
	o := a.(*xlsxFlags)
	if len(o.words) == 0 {
		return usage(env, "Lệnh xlsx cần biết làm gì: ketnghia xlsx export, ketnghia xlsx template KIND hoặc ketnghia xlsx import TỆP.xlsx.")
	}
	switch o.words[0] {
	case "export":
		return xlsxExport(ctx, env, o)
	case "template":
		return xlsxTemplate(ctx, env, o)
	case "import":
		return xlsxImport(ctx, env, o)
	}
	return usage(env, "Lệnh xlsx không có việc %q: dùng export, template hoặc import.", o.words[0])
}

func needOut(env Env, o *xlsxFlags, example string) bool {
	if o.out == "" {
		fmt.Fprintf(env.Stderr, "Cần cho biết tệp Excel sẽ ghi, ví dụ: --out %s.\n", example)
		return false
	}
	if !strings.HasSuffix(strings.ToLower(o.out), ".xlsx") {
		fmt.Fprintf(env.Stderr, "Tệp %s cần có đuôi .xlsx để Excel mở được.\n", o.out)
		return false
	}
	return true
}

func xlsxExport(ctx context.Context, env Env, o *xlsxFlags) int {
	if len(o.words) > 1 {
		return usage(env, "Lệnh xlsx export không nhận %q; hãy ghi tệp sẽ xuất sau --out.", o.words[1])
	}
	if !needOut(env, o, "KetNghia.xlsx") {
		return ExitUsage
	}
	s, err := openExisting(ctx, env, o.db)
	if err != nil {
		return fail(env, err)
	}
	defer s.Close()
	tell, stop := startProgress(env.Stderr)
	counts, err := xlsx.ExportWith(ctx, s, o.out, tell)
	stop()
	if err != nil {
		return fail(env, err)
	}
	total := 0
	for _, n := range counts {
		total += n
	}
	_, err = fmt.Fprintf(env.Stdout, "Đã xuất %s bản ghi ra %s.\n", vntext.FormatInt(int64(total)), o.out)
	return output(env, err)
}

func xlsxTemplate(ctx context.Context, env Env, o *xlsxFlags) int {
	if len(o.words) < 2 {
		return usage(env, "Lệnh xlsx template cần tên mẫu: xa, thon, coquan, hoatdong hoặc rasoat, ví dụ: ketnghia xlsx template rasoat --year 2024 --db ketnghia.db --out RaSoat2024.xlsx.")
	}
	t, ok := xlsx.TemplateNamed(o.words[1])
	if !ok {
		return usage(env, "Không có mẫu %q: dùng xa, thon, coquan, hoatdong hoặc rasoat.", o.words[1])
	}
	if !needOut(env, o, "Mau_"+t.Name+".xlsx") {
		return ExitUsage
	}
	year := o.year
	if year == 0 {
		year = time.Now().Year()
	}
	if year < 1990 || year > 2100 {
		return usage(env, "Năm %d không hợp lệ; hãy ghi năm như 2024.", year)
	}
	s, err := openExisting(ctx, env, o.db)
	if err != nil {
		return fail(env, err)
	}
	defer s.Close()
	rows, err := xlsx.Template(ctx, s, t, year, o.out)
	if err != nil {
		return fail(env, err)
	}
	msg := fmt.Sprintf("Đã tạo mẫu %q: %s.", vntext.LowerFirst(t.Title), o.out)
	if rows > 0 {
		msg = fmt.Sprintf("Đã tạo mẫu %q năm %d với %s đơn vị: %s.", vntext.LowerFirst(t.Title), year, vntext.FormatInt(int64(rows)), o.out)
	}
	_, err = fmt.Fprintln(env.Stdout, msg)
	return output(env, err)
}

func xlsxImport(ctx context.Context, env Env, o *xlsxFlags) int {
	if len(o.words) < 2 {
		return usage(env, "Lệnh xlsx import cần tên tệp Excel, ví dụ: ketnghia xlsx import --db ketnghia.db RaSoat2024.xlsx --dry-run.")
	}
	stale := xlsx.StalePolicy(o.stale)
	if stale != xlsx.StaleAsk && stale != xlsx.StaleClear && stale != xlsx.StaleKeep {
		return usage(env, "--stale nhận clear (xóa số liệu đã lưu cản trở) hoặc keep (giữ số liệu đã lưu), không nhận %q.", o.stale)
	}
	s, err := openFor(ctx, env, o.db, o.dryRun)
	if err != nil {
		return fail(env, err)
	}
	defer s.Close()
	tell, stop := startProgress(env.Stderr)
	rep, err := xlsx.Import(ctx, s, o.words[1], xlsx.Options{DryRun: o.dryRun, SkipBad: o.skipBad, AcceptLayouts: o.acceptLayout, Year: o.year, Stale: stale, Progress: tell})
	stop()
	if err != nil {
		return fail(env, err)
	}
	if o.json {
		b, _ := json.MarshalIndent(rep, "", "  ")
		_, err = fmt.Fprintln(env.Stdout, string(b))
		if err != nil {
			return output(env, err)
		}
		if len(rep.Problems) > 0 && !rep.Written {
			return ExitFailed
		}
		return ExitOK
	}
	w := env.Stdout
	for _, l := range rep.Layouts {
		state := "đã xác nhận"
		if !l.Confirmed {
			state = "chương trình đoán, chưa xác nhận"
		}
		year := "theo cột Năm"
		if l.Year != 0 {
			year = fmt.Sprint(l.Year)
		}
		fmt.Fprintf(w, "Trang %q không theo mẫu; cách đọc các cột (%s), tiêu đề ở dòng %d, năm %s:\n", l.Sheet, state, l.HeaderRow, year)
		for _, c := range l.Columns {
			fmt.Fprintf(w, "  cột %s %q → %s\n", c.Column, c.Heading, c.Label)
		}
		if !l.Confirmed {
			fmt.Fprintln(w, "Nếu đúng, chạy lại với --accept-layout để nhập (cách đọc này được nhớ cho các tệp cùng kiểu); nếu sai, hãy dùng màn hình Nhập, xuất Excel để sửa từng cột.")
		}
	}
	for _, sc := range rep.Scope {
		if rep.Written {
			fmt.Fprintln(w, "Đã ghi: "+sc)
		} else {
			fmt.Fprintln(w, "Sẽ ghi: "+sc)
		}
	}
	for _, n := range rep.Notes {
		fmt.Fprintln(w, "Lưu ý: "+n)
	}
	for _, c := range rep.Converted {
		fmt.Fprintln(w, c.String())
	}
	for _, p := range rep.Problems {
		fmt.Fprintln(w, "Sai: "+p.String())
	}
	counts := rep.Counts()
	switch {
	case rep.Rows == 0 && len(rep.Problems) == 0:
		_, err = fmt.Fprintln(w, "Bảng tính không có dòng nào có số liệu để ghi; hãy điền số liệu vào mẫu rồi nhập lại.")
	case o.dryRun && len(rep.Problems) == 0:
		_, err = fmt.Fprintf(w, "Kiểm tra xong, không có lỗi (%s). Chưa ghi gì: chạy lại không có --dry-run để ghi.\n", counts)
	case o.dryRun:
		fmt.Fprintf(w, "Kiểm tra xong: %d lỗi (%s). Chưa ghi gì: hãy sửa các ô trên rồi kiểm tra lại, hoặc dùng --skip-bad để chỉ ghi các dòng đúng.\n", len(rep.Problems), counts)
		return ExitFailed
	case rep.Written && len(rep.Problems) > 0:
		_, err = fmt.Fprintf(w, "Đã ghi các dòng đúng (%s); %d dòng sai được bỏ qua.\n", counts, len(rep.Problems))
	case rep.Written:
		_, err = fmt.Fprintf(w, "Đã ghi xong trong một lần (%s).\n", counts)
	default:
		fmt.Fprintf(w, "Không ghi gì vì có %d lỗi; hãy sửa các ô trên rồi nhập lại, hoặc dùng --skip-bad để chỉ ghi các dòng đúng.\n", len(rep.Problems))
		return ExitFailed
	}
	return output(env, err)
}

// startProgress prints long Excel work's progress on w (the error stream, so that --json output
// stays clean): nothing for a piece of work under a second, then each second the step it is at.
// stop ends it.
func startProgress(w io.Writer) (tell func(xlsx.Progress), stop func()) {
	var mu sync.Mutex
	last := xlsx.Progress{Stage: "Đang làm"}
	start := time.Now()
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				mu.Lock()
				line := last.String()
				mu.Unlock()
				fmt.Fprintf(w, "%s (%d giây)\n", line, int(time.Since(start).Seconds()))
			}
		}
	}()
	tell = func(p xlsx.Progress) {
		mu.Lock()
		last = p
		mu.Unlock()
	}
	var once sync.Once
	stop = func() {
		once.Do(func() {
			close(done)
			<-finished
		})
	}
	return tell, stop
}
