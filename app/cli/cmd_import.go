package cli

import (
	"context"
	"flag"
	"fmt"
	"io"

	"ketnghia/app/jobs"
	"ketnghia/data/exchange"
	"ketnghia/data/vntext"
)

type importFlags struct {
	dbFlags
	pkg    string
	dryRun bool
	prefer string
	undo   bool
	yes    bool
	link   bool
	trust  string
}

func init() {
	register(&command{name: "import", order: 81, needsDB: true,
		usage: `  ketnghia import --db TỆP GÓI.knx [--dry-run] [--json] [--prefer mine|theirs] [--link] [--trust-key "MÃ SỐ"]
                                  nhập gói của đơn vị khác: kiểm tra gói, đối chiếu (thêm, cập nhật, xóa,
                                  không đổi, xung đột), sao lưu tự động rồi ghi tất cả trong một lần;
                                  --dry-run chỉ đối chiếu, không ghi gì; xung đột (cả hai bên cùng sửa)
                                  được giữ nguyên để người dùng quyết định, trừ khi có --prefer
                                  (mine: giữ bản của mình, theirs: lấy bản của đơn vị gửi); --link coi
                                  đơn vị hành chính đơn vị gửi tạo riêng, trùng mã chính thức, là đơn vị đã có;
                                  gói phải có chữ ký số của văn phòng gửi: gói đầu tiên của một văn phòng, hay
                                  gói ký bằng khóa mới, chỉ được nhập khi có --trust-key với 16 chữ số của mã
                                  nhận dạng khóa, sau khi đã gọi điện đối chiếu với văn phòng đó
  ketnghia import --db TỆP --undo [--yes]
                                  hoàn tác lần nhập gói gần nhất (khôi phục bản sao lưu tự động); mọi thay đổi
                                  làm sau lần nhập đó cũng mất, nên khi có thay đổi như vậy lệnh nói có bao nhiêu
                                  và chỉ làm khi có --yes
`,
		flags: func(fs *flag.FlagSet) any {
			var i importFlags
			i.dbFlags.declare(fs, true)
			fs.BoolVar(&i.dryRun, "dry-run", false, "chỉ đối chiếu")
			fs.StringVar(&i.prefer, "prefer", "", "mine hoặc theirs")
			fs.BoolVar(&i.undo, "undo", false, "hoàn tác")
			fs.BoolVar(&i.yes, "yes", false, "đồng ý bỏ các thay đổi sau lần nhập khi hoàn tác")
			fs.BoolVar(&i.link, "link", false, "liên kết đơn vị trùng mã")
			fs.StringVar(&i.trust, "trust-key", "", "mã nhận dạng khóa đã đối chiếu")
			return &i
		},
		arg: func(a any, w string) { a.(*importFlags).pkg = w },
		run: runImport})
}

// importSummary is what `import --json` prints.
type importSummary struct {
	File      string                `json:"file"`
	Office    string                `json:"office"`
	DryRun    bool                  `json:"dry_run"`
	FromCopy  bool                  `json:"from_copy"`
	Older     string                `json:"older,omitempty"` // the package is older than what this database has of it
	Added     int                   `json:"added"`
	Updated   int                   `json:"updated"`
	Deleted   int                   `json:"deleted"`
	Unchanged int                   `json:"unchanged"`
	Conflicts int                   `json:"conflicts"`
	Backup    string                `json:"backup,omitempty"`
	Kinds     []exchange.KindCounts `json:"kinds"`
	Items     []exchange.Item       `json:"conflict_items"`
	// Settled counts the conflicts --prefer settled, and Prefer how.
	Settled int    `json:"settled,omitempty"`
	Prefer  string `json:"prefer,omitempty"`
	// names are the conflicting records as a person knows them ("Rà soát năm 2024 của Thôn 1, Xã …").
	names map[string]string
	// values are the fields' values as a person reads them, by field and stored value.
	values map[string]string
}

func runImport(ctx context.Context, env Env, a any) int {
	o := a.(*importFlags)
	if o.undo {
		if o.pkg != "" {
			return usage(env, "Lệnh import --undo không nhận tên gói: nó hoàn tác lần nhập gần nhất.")
		}
		s, err := openToWrite(ctx, env, o.db)
		if err != nil {
			return fail(env, err)
		}
		defer s.Close()
		last, later, err := exchange.LastImportToUndo(ctx, s)
		if err != nil {
			return fail(env, err)
		}
		if later > 0 && !o.yes {
			fmt.Fprintf(env.Stderr, "Chưa hoàn tác: lần nhập gói của %s lúc %s đã có %s thay đổi được làm sau đó, và hoàn tác sẽ làm mất cả các thay đổi này. Nếu vẫn muốn hoàn tác, hãy chạy lại lệnh với --yes.\n",
				last.OfficeName, last.At.Local().Format("15:04 02/01/2006"), vntext.FormatInt(int64(later)))
			return ExitFailed
		}
		last, err = exchange.Undo(ctx, s)
		if err != nil {
			return fail(env, err)
		}
		_, err = fmt.Fprintf(env.Stdout, "Đã hoàn tác lần nhập gói của %s lúc %s: cơ sở dữ liệu trở về như trước lần nhập đó.\n",
			last.OfficeName, last.At.Local().Format("15:04 02/01/2006"))
		return output(env, err)
	}
	if o.pkg == "" {
		return usage(env, "Lệnh import cần tên tệp gói, ví dụ: ketnghia import --db ketnghia.db E:\\KetNghia_huyen-dak-to_20250305-0830.knx.")
	}
	if o.prefer != "" && o.prefer != "mine" && o.prefer != "theirs" {
		return usage(env, "--prefer %q không có: dùng --prefer mine (giữ bản của mình) hoặc --prefer theirs (lấy bản của đơn vị gửi).", o.prefer)
	}
	s, err := openFor(ctx, env, o.db, o.dryRun)
	if err != nil {
		return fail(env, err)
	}
	defer s.Close()
	// The automatic backup is copied while the package is opened and looked over.
	im, err := jobs.OpenImport(ctx, s, o.pkg, !o.dryRun)
	if ke, ok := exchange.AsKeyError(err); ok {
		if o.trust == "" {
			fmt.Fprintf(env.Stderr, "Lỗi: %s\nNếu mã đọc qua điện thoại đúng là %s, hãy chạy lại lệnh với --trust-key \"%s\".\n", ke.Message(), ke.Fingerprint.Digits, ke.Fingerprint.Digits)
			return ExitFailed
		}
		if s.ReadOnly() {
			return fail(env, err)
		}
		if err := jobs.TrustPackageKey(ctx, s, o.pkg, o.trust); err != nil {
			return fail(env, err)
		}
		notice := env.Stdout
		if o.json {
			notice = env.Stderr // stdout holds the JSON alone
		}
		fmt.Fprintf(notice, "Đã ghi nhận khóa ký %s của %s.\n", ke.Fingerprint, ke.OfficeName)
		im, err = jobs.OpenImport(ctx, s, o.pkg, !o.dryRun)
	}
	if err != nil {
		return fail(env, err)
	}
	defer im.Close() // no import: no backup left behind
	if o.link {
		if err := im.LinkClashes(ctx); err != nil {
			return fail(env, err)
		}
	}
	rv := im.Preview
	sum := importSummary{File: o.pkg, Office: rv.Manifest.OfficeName, DryRun: o.dryRun, FromCopy: rv.FromCopy, Older: rv.OlderNote(), Added: rv.Total.Added, Updated: rv.Total.Updated,
		Deleted: rv.Total.Deleted, Unchanged: rv.Total.Unchanged, Conflicts: rv.Total.Conflicts, Kinds: rv.Kinds, Items: rv.Conflicts()}
	if !o.dryRun {
		res, err := im.Apply(ctx, exchange.ApplyOptions{Prefer: o.prefer})
		if err != nil {
			code := fail(env, err)
			if im.HasClashes() {
				fmt.Fprintln(env.Stderr, "Nếu các đơn vị trùng mã là cùng một đơn vị, nhập lại với --link để liên kết chúng.")
			}
			return code
		}
		if settled := sum.Conflicts - res.Conflicts; settled > 0 {
			// What --prefer settled is no longer a conflict: only those left are listed.
			sum.Settled, sum.Prefer, sum.Items, sum.Kinds = settled, o.prefer, rv.Held(), res.Kinds
		}
		sum.Added, sum.Updated, sum.Deleted, sum.Unchanged, sum.Conflicts, sum.Backup = res.Added, res.Updated, res.Deleted, res.Unchanged, res.Conflicts, res.Backup
	}
	sum.names, sum.values = im.ConflictNames(ctx), map[string]string{}
	for _, it := range sum.Items {
		for _, f := range it.Fields {
			for _, raw := range []string{f.Mine, f.Theirs, f.Base} {
				sum.values[f.Field+"\x00"+raw] = s.ValueText(ctx, f.Field, raw)
			}
		}
	}
	if o.json {
		return output(env, writeJSON(env.Stdout, sum))
	}
	return output(env, writeImport(env.Stdout, sum))
}

func writeImport(w io.Writer, s importSummary) error {
	n := func(x int) string { return vntext.FormatInt(int64(x)) }
	head := fmt.Sprintf("Đã nhập gói của %s", s.Office)
	if s.DryRun {
		head = fmt.Sprintf("Đối chiếu gói của %s (chưa ghi gì)", s.Office)
	}
	lines := []string{fmt.Sprintf("%s: thêm %s, cập nhật %s, xóa %s, không đổi %s, xung đột %s.", head, n(s.Added), n(s.Updated), n(s.Deleted), n(s.Unchanged), n(s.Conflicts))}
	if s.Older != "" {
		lines = append(lines, s.Older)
	}
	if s.Settled > 0 {
		how := map[string]string{"mine": "giữ bản của mình", "theirs": "lấy bản của đơn vị gửi"}[s.Prefer]
		lines = append(lines, fmt.Sprintf("Đã giải quyết %s xung đột theo --prefer %s (%s).", n(s.Settled), s.Prefer, how))
	}
	if s.FromCopy {
		lines = append(lines, exchange.FromCopyNote)
	}
	for _, k := range s.Kinds {
		if k.Added+k.Updated+k.Deleted+k.Conflicts > 0 {
			lines = append(lines, fmt.Sprintf("  %s: thêm %s, cập nhật %s, xóa %s, xung đột %s", vntext.UpperFirst(k.Noun), n(k.Added), n(k.Updated), n(k.Deleted), n(k.Conflicts)))
		}
	}
	for _, it := range s.Items {
		switch it.Action {
		case exchange.Held:
			lines = append(lines, "  Không nhập: "+it.Reason)
		case exchange.Clash:
			if !it.CanTakeTheirs() {
				lines = append(lines, "  Trùng mã: đơn vị gửi đã tạo riêng một đơn vị hành chính trùng mã chính thức với đơn vị đã có ở đây; nếu là cùng một đơn vị, nhập lại với --link (hoặc bấm Liên kết trong cửa sổ Trao đổi dữ liệu).")
			} else {
				lines = append(lines, fmt.Sprintf("  Trùng: hai nơi đã nhập riêng %s; chọn trong cửa sổ Trao đổi dữ liệu, hoặc nhập lại với --prefer.", s.nameOf(it)))
			}
		default:
			var fields []string
			for _, f := range it.Fields {
				line := fmt.Sprintf("%s: của mình %q, của đơn vị gửi %q", f.Name(), s.values[f.Field+"\x00"+f.Mine], s.values[f.Field+"\x00"+f.Theirs])
				if f.BaseKnown {
					line += fmt.Sprintf(", trước đó cả hai là %q", s.values[f.Field+"\x00"+f.Base])
				}
				fields = append(fields, line)
			}
			lines = append(lines, fmt.Sprintf("  Xung đột ở %s: %s", s.nameOf(it), joinSemi(fields)))
		}
	}
	if s.Conflicts > 0 && !s.DryRun {
		lines = append(lines, "Các xung đột được giữ nguyên bản của mình; hãy quyết định trong cửa sổ Trao đổi dữ liệu, hoặc nhập lại với --prefer mine hoặc --prefer theirs.")
	}
	if s.Backup != "" {
		lines = append(lines, "Bản sao lưu trước khi nhập: "+s.Backup+" (hoàn tác: ketnghia import --db TỆP --undo).")
	}
	for _, l := range lines {
		if _, err := fmt.Fprintln(w, l); err != nil {
			return err
		}
	}
	return nil
}

// nameOf names a conflicting record as a person knows it, or by its kind.
func (s importSummary) nameOf(it exchange.Item) string {
	if n := s.names[it.ID]; n != "" {
		return vntext.LowerFirst(n)
	}
	return it.Noun
}

func joinSemi(parts []string) string {
	out := ""
	for i, p := range parts {
		if i > 0 {
			out += "; "
		}
		out += p
	}
	return out
}
