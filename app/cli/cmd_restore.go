package cli

import (
	"context"
	"flag"
	"fmt"

	"ketnghia/data/exchange"
)

type restoreFlags struct {
	dbFlags
	backup string
}

func init() {
	register(&command{name: "restore", order: 83, needsDB: true,
		usage: `  ketnghia restore --db TỆP BẢN-SAO-LƯU
                                  đưa cơ sở dữ liệu về một bản sao lưu; bản hiện tại được sao lưu trước
                                  nên việc khôi phục cũng hoàn tác được
`,
		flags: func(fs *flag.FlagSet) any {
			var r restoreFlags
			r.dbFlags.declare(fs, false)
			return &r
		},
		arg: func(a any, w string) { a.(*restoreFlags).backup = w },
		run: runRestore})
}

func runRestore(ctx context.Context, env Env, a any) int {
	o := a.(*restoreFlags)
	if o.backup == "" {
		return usage(env, "Lệnh restore cần tên tệp sao lưu; xem danh sách bằng: ketnghia backups --db TỆP.")
	}
	s, err := openToWrite(ctx, env, o.db)
	if err != nil {
		return fail(env, err)
	}
	defer s.Close()
	safety, err := exchange.Restore(ctx, s, o.backup, "restore")
	if err != nil {
		return fail(env, err)
	}
	_, err = fmt.Fprintf(env.Stdout, "Đã khôi phục %s từ %s. Bản trước khi khôi phục được giữ ở %s.\n", o.db, o.backup, safety)
	return output(env, err)
}
