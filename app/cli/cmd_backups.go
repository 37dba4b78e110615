package cli

import (
	"context"
	"flag"
	"fmt"
	"io"

	"ketnghia/data"
	"ketnghia/data/exchange"
	"ketnghia/data/vntext"
)

func init() {
	register(&command{name: "backups", order: 82, needsDB: true,
		usage: `  ketnghia backups --db TỆP [--json]
                                  liệt kê các bản sao lưu của cơ sở dữ liệu (thư mục "Sao lưu" bên cạnh tệp),
                                  mới nhất trước, và các lần xuất, nhập gói
`,
		flags: func(fs *flag.FlagSet) any {
			var d dbFlags
			d.declare(fs, true)
			return &d
		},
		run: runBackups})
}

func runBackups(ctx context.Context, env Env, a any) int {
	o := a.(*dbFlags)
	s, err := openExisting(ctx, env, o.db)
	if err != nil {
		return fail(env, err)
	}
	hs, err := exchange.History(ctx, s)
	set, serr := s.Settings(ctx)
	s.Close()
	if err == nil {
		err = serr
	}
	if err != nil {
		return fail(env, err)
	}
	bs, err := exchange.Backups(ctx, o.db, hs)
	if err != nil {
		return fail(env, err)
	}
	if o.json {
		return output(env, writeJSON(env.Stdout, map[string]any{"backups": bs, "history": hs}))
	}
	return output(env, writeBackups(env.Stdout, o.db, bs, hs, set.BackupsKeep))
}

func writeBackups(w io.Writer, db string, bs []exchange.BackupFile, hs []exchange.HistoryEntry, keep int) error {
	var lines []string
	var total int64
	for _, b := range bs {
		total += b.Size
	}
	if len(bs) == 0 {
		lines = append(lines, fmt.Sprintf("Chưa có bản sao lưu nào trong %s.", data.BackupDirOf(db)))
	} else {
		lines = append(lines, fmt.Sprintf("Các bản sao lưu trong %s (mới nhất trước), %d bản, chiếm %s MB; sau mỗi lần nhập gói, chương trình giữ %d bản mới nhất, bản mới nhất của mỗi tháng và bản cần để hoàn tác lần nhập cuối (đổi số bản giữ lại trong Cài đặt):",
			data.BackupDirOf(db), len(bs), vntext.FormatInt((total+(1<<20)-1)>>20), keep))
	}
	for _, b := range bs {
		l := fmt.Sprintf("  %s  %s  %s KB", b.At.Local().Format("02/01/2006 15:04"), b.Path, vntext.FormatInt(b.Size/1024))
		if b.Before != "" {
			l += "  (" + b.Before + ")"
		}
		lines = append(lines, l)
	}
	if len(hs) > 0 {
		lines = append(lines, "Các lần trao đổi dữ liệu (mới nhất trước):")
	}
	for _, h := range hs {
		l := fmt.Sprintf("  %s  %s", h.At.Local().Format("02/01/2006 15:04"), h.Describe(h.File))
		if h.Person != "" {
			l += " — " + h.Person
		}
		lines = append(lines, l)
	}
	if len(bs) > 0 {
		lines = append(lines, "Khôi phục một bản: ketnghia restore --db TỆP BẢN-SAO-LƯU (bản hiện tại được sao lưu trước).")
	}
	for _, l := range lines {
		if _, err := fmt.Fprintln(w, l); err != nil {
			return err
		}
	}
	return nil
}
