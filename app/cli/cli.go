// Package cli is KetNghia's command line: the same binary works without a window for batch work and
// automation. Each subcommand is one file (cmd_*.go) that declares its own flags and registers
// itself; messages are Vietnamese, JSON output uses English keys for scripts.
package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"sort"
	"strconv"
	"strings"

	"ketnghia/app/buildinfo"
	"ketnghia/app/startup"
	"ketnghia/data"
)

// Exit codes.
const (
	ExitOK      = 0
	ExitFailed  = 1 // the work failed or found problems
	ExitUsage   = 2 // the command line was wrong
	defaultSeed = 1
)

// Env is what a command run needs from outside: its streams and the store's options (the clock).
type Env struct {
	Stdout, Stderr io.Writer
	Options        data.Options
}

// command is one subcommand: its name, its line in the usage, its flags and what it does.
type command struct {
	name  string
	order int    // place in the usage
	usage string // synopsis and explanation, as printed by --help
	// flags declares the command's flags on fs and returns what run receives.
	flags func(fs *flag.FlagSet) any
	// needsDB: the command refuses to run without --db.
	needsDB bool
	// arg, when set, takes the words the command expects besides its flags (report's KIND),
	// before, between or after them, one call per word.
	arg func(a any, word string)
	// words is how many such words it takes (0: one).
	words int
	run   func(ctx context.Context, env Env, args any) int
}

var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

const usageHead = `KetNghia — theo dõi xã đặc biệt khó khăn, kết nghĩa và thôn, làng nông thôn mới (phiên bản %s)

Cách dùng:
  ketnghia                        mở cửa sổ chương trình với cơ sở dữ liệu mặc định
                                  (lần đầu: tự tạo, có sẵn đơn vị hành chính Kon Tum và số liệu mẫu)
  ketnghia --db TỆP               mở cửa sổ chương trình với cơ sở dữ liệu TỆP
                                  (TỆP chưa có thì được tạo mới, kèm đơn vị hành chính và số liệu mẫu)
`

const usageTail = `  ketnghia --version              in phiên bản chương trình
  ketnghia --help                 xem hướng dẫn này

Năm (--year) viết đủ bốn chữ số, từ 2000 đến 2100.
Cơ sở dữ liệu mặc định: %s
`

func printUsage(w io.Writer) {
	fmt.Fprintf(w, usageHead, buildinfo.Version)
	cs := make([]*command, 0, len(commands))
	for _, c := range commands {
		if c.usage != "" {
			cs = append(cs, c)
		}
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].order < cs[j].order })
	for _, c := range cs {
		fmt.Fprint(w, c.usage)
	}
	fmt.Fprintf(w, usageTail, startup.DefaultDBPath())
}

// Main runs the command line and returns the exit code.
func Main(args []string, env Env) int {
	if len(args) > 0 {
		switch args[0] {
		case "-h", "--help", "-help", "help", "/?":
			printUsage(env.Stdout)
			return ExitOK
		case "-v", "--version", "-version", "version":
			fmt.Fprintln(env.Stdout, buildinfo.Program())
			return ExitOK
		}
		if c, ok := commands[args[0]]; ok {
			return runCommand(env, c, args[1:])
		}
		if !strings.HasPrefix(args[0], "-") {
			return usage(env, "Không có lệnh %q. Gõ ketnghia --help để xem các lệnh.", args[0])
		}
		if _, ok := WindowArgs(args); !ok {
			return usage(env, "Không hiểu tùy chọn %s. Gõ ketnghia --help để xem cách dùng.", strings.Join(args, " "))
		}
	}
	return usage(env, "Mở cửa sổ chương trình bằng ketnghia hoặc ketnghia --db TỆP (không kèm lệnh nào).")
}

// WindowArgs says whether the arguments ask for the window (none, or only --db FILE) and with which
// database ("" for the default one).
func WindowArgs(args []string) (string, bool) {
	switch len(args) {
	case 0:
		return "", true
	case 1:
		for _, p := range []string{"--db=", "-db="} {
			if v, ok := strings.CutPrefix(args[0], p); ok && v != "" {
				return v, true
			}
		}
	case 2:
		if (args[0] == "--db" || args[0] == "-db") && args[1] != "" && !strings.HasPrefix(args[1], "-") {
			return args[1], true
		}
	}
	return "", false
}

func runCommand(env Env, c *command, args []string) int {
	fs := flag.NewFlagSet("ketnghia "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	a := c.flags(fs)
	words, taken := max(c.words, 1), 0
	for c.arg != nil && taken < words && len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		c.arg(a, args[0])
		args, taken = args[1:], taken+1
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			printUsage(env.Stdout)
			return ExitOK
		}
		return usage(env, "%s Gõ ketnghia --help để xem cách dùng.", flagError(err))
	}
	// The one word may also stand between flags (import --db F GÓI --dry-run): take it and read
	// the flags after it too.
	for c.arg != nil && taken < words && fs.NArg() > 0 {
		c.arg(a, fs.Arg(0))
		taken++
		if err := fs.Parse(fs.Args()[1:]); err != nil {
			return usage(env, "%s Gõ ketnghia --help để xem cách dùng.", flagError(err))
		}
	}
	if fs.NArg() > 0 {
		return usage(env, "Không hiểu phần thừa ở cuối lệnh: %s. Gõ ketnghia --help để xem cách dùng.", strings.Join(fs.Args(), " "))
	}
	if c.needsDB {
		if db := fs.Lookup("db"); db == nil || db.Value.String() == "" {
			return usage(env, "Lệnh %s cần biết tệp cơ sở dữ liệu: thêm --db TỆP, ví dụ --db ketnghia.db.", c.name)
		}
	}
	return c.run(context.Background(), env, a)
}

// flagError turns the flag package's English into one Vietnamese sentence.
func flagError(err error) string {
	msg := err.Error()
	if rest, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		return fmt.Sprintf("Lệnh này không có tùy chọn -%s.", rest)
	}
	if rest, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return fmt.Sprintf("Tùy chọn %s cần một giá trị đi sau.", rest)
	}
	// invalid value "abc" for flag -year: <the Vietnamese error of our flag.Value>
	if rest, ok := strings.CutPrefix(msg, "invalid value "); ok {
		if i := strings.Index(rest, " for flag -"); i > 0 {
			val, tail := rest[:i], rest[i+len(" for flag -"):]
			name, why, _ := strings.Cut(tail, ": ")
			if strings.HasPrefix(why, "parse error") || why == "" {
				why = "giá trị không đúng dạng"
			}
			return fmt.Sprintf("Giá trị %s của --%s không dùng được: %s.", val, name, strings.TrimSuffix(why, "."))
		}
	}
	return "Không hiểu tùy chọn của lệnh."
}

// yearFlag is --year: a four-digit year from 2000 to 2100, refused otherwise in Vietnamese.
type yearFlag struct{ year int }

func (y *yearFlag) String() string {
	if y == nil || y.year == 0 {
		return ""
	}
	return strconv.Itoa(y.year)
}

func (y *yearFlag) Set(s string) error {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return fmt.Errorf("năm phải là một số có bốn chữ số, ví dụ 2024")
	}
	if n < 2000 || n > 2100 {
		return fmt.Errorf("năm phải từ 2000 đến 2100")
	}
	y.year = n
	return nil
}

// dbFlags are the flags most commands share.
type dbFlags struct {
	db   string
	json bool
}

func (d *dbFlags) declare(fs *flag.FlagSet, withJSON bool) {
	fs.StringVar(&d.db, "db", "", "tệp cơ sở dữ liệu")
	if withJSON {
		fs.BoolVar(&d.json, "json", false, "in JSON")
	}
}

// fail prints what went wrong: the Vietnamese message, then the technical cause for support.
// fail says what went wrong in a Vietnamese sentence; the cause behind it goes to the log.
func fail(env Env, err error) int {
	msg := data.Message(err)
	fmt.Fprintln(env.Stderr, "Lỗi: "+msg)
	if d := data.Detail(err); d != "" {
		log.Printf("%s (%s)", msg, d)
	}
	return ExitFailed
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// output ends a command that printed its result: a failed write (a full disk, a closed pipe) is
// an error too.
func output(env Env, err error) int {
	if err != nil {
		return fail(env, &data.Error{Kind: data.KindInternal, Msg: "Không ghi được kết quả ra màn hình hoặc tệp (ổ đầy, hoặc chương trình nhận kết quả đã đóng).", Err: err})
	}
	return ExitOK
}

// usage says what is wrong with the command as typed, as every error is said ("Lỗi: …"), and
// gives the exit code of a command not understood.
func usage(env Env, format string, args ...any) int {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	fmt.Fprintln(env.Stderr, "Lỗi: "+msg)
	return ExitUsage
}
