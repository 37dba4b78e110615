// Package cli is KetNghia's command line: the same binary works without a window for batch work and
// automation. Messages are Vietnamese; JSON output uses English keys for scripts.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"ketnghia/data"
	"ketnghia/data/sample"
	"ketnghia/data/vntext"
)

// Exit codes.
const (
	ExitOK      = 0
	ExitFailed  = 1 // the work failed or found problems
	ExitUsage   = 2 // the command line was wrong
	defaultSeed = 1
)

// GUI opens the window on an open store and returns when it closes; warnings are shown in the
// window (a database on a USB stick or a network drive).
type GUI func(st *data.Store, warnings []string) error

// Env is what a command run needs from outside: streams, the window opener and the clock options.
type Env struct {
	Stdout, Stderr io.Writer
	GUI            GUI
	// Alert shows a message when the window cannot open (the database is open elsewhere, or
	// broken): a program started from Explorer has no console to print to.
	Alert   func(msg string)
	Options data.Options
}

const usage = `KetNghia — theo dõi xã đặc biệt khó khăn, kết nghĩa và thôn, làng nông thôn mới

Cách dùng:
  ketnghia                        mở cửa sổ chương trình với cơ sở dữ liệu mặc định
                                  (lần đầu: tự tạo, có sẵn đơn vị hành chính Kon Tum và số liệu mẫu)
  ketnghia --db TỆP               mở cửa sổ chương trình với cơ sở dữ liệu TỆP
  ketnghia init --db TỆP          tạo cơ sở dữ liệu trống
  ketnghia demo --db TỆP [--scale province|national] [--seed N]
                                  nạp dữ liệu mẫu (Kon Tum 2016–2025, hoặc quy mô toàn quốc)
  ketnghia check --db TỆP [--json]
                                  kiểm tra tính toàn vẹn và mọi quy tắc; mã thoát 1 nếu có lỗi
  ketnghia stats --db TỆP [--year NĂM] [--json]
                                  thống kê số đơn vị, cơ quan kết nghĩa và tổng hợp rà soát của năm
  ketnghia progress --db TỆP --year NĂM [--baseline MÃ] [--json]
                                  tiến độ các chỉ tiêu (NQ 04-NQ/TU, chỉ thị thôn NTM): giá trị, ngưỡng,
                                  đạt hay chưa, năm gốc, từng huyện; --baseline: bộ quy định có danh sách
                                  xã khu vực III gốc (mặc định QD50-2016, danh sách khi ban hành NQ 04)
  ketnghia assess --db TỆP --year NĂM [--rules MÃ] [--json]
                                  phân định từng xã, thôn theo bộ quy định (mặc định: bộ áp dụng cho năm;
                                  QD50-2016, QD03-2019, QD33-2020, ND272-2025) và điều kiện còn thiếu
  ketnghia --help                 xem hướng dẫn này

Cơ sở dữ liệu mặc định: %s
`

// Main runs the command line and returns the exit code.
func Main(args []string, env Env) int {
	if len(args) > 0 {
		switch args[0] {
		case "-h", "--help", "-help", "help", "/?":
			fmt.Fprintf(env.Stdout, usage, DefaultDBPath())
			return ExitOK
		case "init":
			return run(env, args[1:], "init", cmdInit)
		case "demo":
			return run(env, args[1:], "demo", cmdDemo)
		case "check":
			return run(env, args[1:], "check", cmdCheck)
		case "stats":
			return run(env, args[1:], "stats", cmdStats)
		case "progress":
			return run(env, args[1:], "progress", cmdProgress)
		case "assess":
			return run(env, args[1:], "assess", cmdAssess)
		}
		if !strings.HasPrefix(args[0], "-") {
			fmt.Fprintf(env.Stderr, "Lệnh %q không có. Xem: ketnghia --help\n", args[0])
			return ExitUsage
		}
	}
	return run(env, args, "", cmdWindow)
}

// opts are the flags every command shares.
type opts struct {
	db    string
	scale string
	seed  uint64
	year  int
	json  bool
	rules string
}

type command func(ctx context.Context, env Env, o opts) int

func run(env Env, args []string, name string, cmd command) int {
	fs := flag.NewFlagSet("ketnghia "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var o opts
	fs.StringVar(&o.db, "db", "", "tệp cơ sở dữ liệu")
	if name == "demo" {
		fs.StringVar(&o.scale, "scale", string(sample.Province), "quy mô")
		fs.Uint64Var(&o.seed, "seed", defaultSeed, "hạt giống ngẫu nhiên")
	}
	if name == "stats" || name == "progress" || name == "assess" {
		fs.IntVar(&o.year, "year", 0, "năm")
	}
	if name == "assess" {
		fs.StringVar(&o.rules, "rules", "", "bộ quy định")
	}
	if name == "progress" {
		fs.StringVar(&o.rules, "baseline", "QD50-2016", "danh sách xã ĐBKK gốc")
	}
	if name == "stats" || name == "check" || name == "progress" || name == "assess" {
		fs.BoolVar(&o.json, "json", false, "in JSON")
	}
	if err := fs.Parse(args); err != nil {
		fmt.Fprintf(env.Stderr, "Tham số không đúng: %s\nXem: ketnghia --help\n", vietnameseFlagError(err))
		return ExitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "Tham số thừa: %s\nXem: ketnghia --help\n", strings.Join(fs.Args(), " "))
		return ExitUsage
	}
	if name != "" && o.db == "" {
		fmt.Fprintf(env.Stderr, "Lệnh %s cần --db TỆP (tệp cơ sở dữ liệu)\n", name)
		return ExitUsage
	}
	return cmd(context.Background(), env, o)
}

func vietnameseFlagError(err error) string {
	msg := err.Error()
	if rest, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		return "không có tùy chọn " + rest
	}
	if rest, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return "tùy chọn " + rest + " cần một giá trị"
	}
	if strings.HasPrefix(msg, "invalid value") {
		return "giá trị không hợp lệ (" + msg + ")"
	}
	return msg
}

func fail(env Env, err error) int {
	fmt.Fprintln(env.Stderr, "Lỗi: "+data.Message(err))
	return ExitFailed
}

func cmdInit(ctx context.Context, env Env, o opts) int {
	if st, err := os.Stat(o.db); err == nil && st.Size() > 0 {
		fmt.Fprintf(env.Stderr, "Lỗi: tệp %s đã có; không ghi đè. Hãy chọn tên tệp khác.\n", o.db)
		return ExitFailed
	}
	s, err := openOrCreate(ctx, env, o.db)
	if err != nil {
		return fail(env, err)
	}
	defer s.Close()
	fmt.Fprintf(env.Stdout, "Đã tạo cơ sở dữ liệu trống: %s\n", o.db)
	return ExitOK
}

func cmdDemo(ctx context.Context, env Env, o opts) int {
	scale := sample.Scale(o.scale)
	if scale != sample.Province && scale != sample.National {
		fmt.Fprintf(env.Stderr, "Quy mô %q không hợp lệ: dùng province (tỉnh Kon Tum) hoặc national (toàn quốc)\n", o.scale)
		return ExitUsage
	}
	s, err := openOrCreate(ctx, env, o.db)
	if err != nil {
		return fail(env, err)
	}
	defer s.Close()
	if err := sample.Load(ctx, s, scale, o.seed); err != nil {
		return fail(env, err)
	}
	st, err := s.Stats(ctx, data.StatsOptions{})
	if err != nil {
		return fail(env, err)
	}
	fmt.Fprintf(env.Stdout, "Đã nạp dữ liệu mẫu (%s) vào %s: %s đơn vị hành chính, %s cơ quan kết nghĩa, %s bản ghi. Số liệu là giả định.\n",
		scale, o.db, vntext.FormatInt(int64(unitTotal(st))), vntext.FormatInt(int64(st.TwinningUnits)), vntext.FormatInt(int64(st.AllRecords)))
	return ExitOK
}

func unitTotal(st data.Stats) int {
	n := 0
	for _, k := range []string{"provinces", "districts", "communes", "villages"} {
		n += st.ByStatus[k].Total
	}
	return n
}

// openOrCreate opens path for writing, making its folder and the file when missing; a warning about
// the drive goes to stderr.
func openOrCreate(ctx context.Context, env Env, path string) (*data.Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	o, warning := planFor(path, env.Options)
	if warning != "" {
		fmt.Fprintln(env.Stderr, "Lưu ý: "+warning)
	}
	return data.Open(ctx, path, o)
}

// openExisting opens path for commands that only read: they share the file with an open window.
func openExisting(ctx context.Context, env Env, path string) (*data.Store, error) {
	o, _ := planFor(path, env.Options)
	o.MustExist = true
	o.Shared = true
	return data.Open(ctx, path, o)
}

func cmdCheck(ctx context.Context, env Env, o opts) int {
	s, err := openExisting(ctx, env, o.db)
	if err != nil {
		return fail(env, err)
	}
	defer s.Close()
	problems, err := s.Check(ctx)
	if err != nil {
		return fail(env, err)
	}
	if o.json {
		if problems == nil {
			problems = []data.Problem{}
		}
		writeJSON(env.Stdout, map[string]any{"ok": len(problems) == 0, "problems": problems})
	} else if len(problems) == 0 {
		fmt.Fprintf(env.Stdout, "Cơ sở dữ liệu %s không có lỗi.\n", o.db)
	} else {
		fmt.Fprintf(env.Stdout, "Cơ sở dữ liệu %s có %d lỗi:\n", o.db, len(problems))
		for _, p := range problems {
			fmt.Fprintln(env.Stdout, "  - "+p.String())
		}
	}
	if len(problems) > 0 {
		return ExitFailed
	}
	return ExitOK
}

func cmdStats(ctx context.Context, env Env, o opts) int {
	if o.year != 0 && (o.year < 2000 || o.year > 2100) {
		fmt.Fprintf(env.Stderr, "Năm %d không hợp lệ (2000–2100)\n", o.year)
		return ExitUsage
	}
	s, err := openExisting(ctx, env, o.db)
	if err != nil {
		return fail(env, err)
	}
	defer s.Close()
	st, err := s.Stats(ctx, data.StatsOptions{Year: o.year})
	if err != nil {
		return fail(env, err)
	}
	if o.json {
		writeJSON(env.Stdout, st)
		return ExitOK
	}
	n := func(x int) string { return vntext.FormatInt(int64(x)) }
	w := env.Stdout
	if st.SampleData {
		fmt.Fprintln(w, "LƯU Ý: cơ sở dữ liệu có số liệu mẫu (giả định), không dùng cho báo cáo thật.")
	}
	fmt.Fprintf(w, "Đơn vị hành chính ngày %s: %s tỉnh, %s huyện, %s xã, %s thôn (làng)\n", st.AsOf, n(st.Provinces), n(st.Districts), n(st.Communes), n(st.Villages))
	for _, k := range []struct{ key, label string }{{"districts", "Huyện"}, {"communes", "Xã"}, {"villages", "Thôn"}} {
		c := st.ByStatus[k.key]
		fmt.Fprintf(w, "  %s: %s đã ghi nhận, %s đang hoạt động, %s đã giải thể/sáp nhập, %s đã xóa\n", k.label, n(c.Total), n(c.OpenNow), n(c.Closed), n(c.Deleted))
	}
	if len(st.CommuneClass) > 0 {
		fmt.Fprintf(w, "Phân định xã năm %d: khu vực I: %s, khu vực II: %s, khu vực III: %s\n", st.Year, n(st.CommuneClass["KV1"]), n(st.CommuneClass["KV2"]), n(st.CommuneClass["KV3"]))
	}
	c := st.ByStatus["twinning_units"]
	fmt.Fprintf(w, "Cơ quan, đơn vị kết nghĩa: %s (%s đang có phân công); %s phân công trong năm %d; %s hoạt động trong năm\n",
		n(st.TwinningUnits), n(c.OpenNow), n(st.Assignments), st.Year, n(st.Activities))
	r := st.Reviews
	fmt.Fprintf(w, "Rà soát năm %d: %s xã, %s thôn; %s hộ (%s hộ DTTS), %s nhân khẩu; %s hộ nghèo, %s hộ cận nghèo\n",
		st.Year, n(r.Communes), n(r.Villages), n(r.Households), n(r.EMHouseholds), n(r.People), n(r.Poor), n(r.NearPoor))
	return ExitOK
}

func writeJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// cmdWindow opens the window on --db, or on the default database (made with the sample on first start).
func cmdWindow(ctx context.Context, env Env, o opts) int {
	path := o.db
	if path == "" {
		path = DefaultDBPath()
	}
	opt, warning := planFor(path, env.Options)
	s, err := OpenOrCreateWithSample(ctx, path, opt)
	if err != nil {
		if env.Alert != nil {
			env.Alert(data.Message(err))
		}
		return fail(env, err)
	}
	defer s.Close()
	if env.GUI == nil {
		fmt.Fprintln(env.Stderr, "Bản này không có giao diện cửa sổ")
		return ExitFailed
	}
	var warnings []string
	if warning != "" {
		warnings = append(warnings, warning)
	}
	if err := env.GUI(s, warnings); err != nil {
		return fail(env, err)
	}
	return ExitOK
}

// OpenOrCreateWithSample opens path; when there is no file yet it creates it with Kon Tum's units
// and the labelled sample figures, so that a newcomer sees a working program at once.
func OpenOrCreateWithSample(ctx context.Context, path string, o data.Options) (*data.Store, error) {
	_, statErr := os.Stat(path)
	fresh := errors.Is(statErr, os.ErrNotExist)
	if fresh {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, err
		}
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
