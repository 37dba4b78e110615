package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"ketnghia/app/jobs"
	"ketnghia/data/vntext"
)

type exportFlags struct {
	dbFlags
	out, scope string
}

func init() {
	register(&command{name: "export", order: 80, needsDB: true,
		usage: `  ketnghia export --db TỆP --out GÓI.knx [--scope MÃ,…]
                                  xuất gói dữ liệu để chép sang đơn vị khác bằng ổ USB; --out là một
                                  thư mục thì gói được đặt tên KetNghia_<đơn vị>_<phạm vi>_<ngày-giờ>.knx trong đó (không bao giờ ghi đè gói đã có);
                                  --scope chỉ xuất các tỉnh, huyện, xã có mã đã cho (mặc định: tất cả)
`,
		flags: func(fs *flag.FlagSet) any {
			var e exportFlags
			e.dbFlags.declare(fs, true)
			fs.StringVar(&e.out, "out", "", "tệp gói")
			fs.StringVar(&e.scope, "scope", "", "mã đơn vị")
			return &e
		},
		run: runExport})
}

func runExport(ctx context.Context, env Env, a any) int {
	o := a.(*exportFlags)
	if o.out == "" {
		return usage(env, "Lệnh export cần nơi ghi gói: thêm --out TỆP.knx hoặc --out THƯ-MỤC (ví dụ ổ USB E:\\).")
	}
	s, err := openExisting(ctx, env, o.db)
	if err != nil {
		return fail(env, err)
	}
	defer s.Close()
	var scope []string
	for _, c := range strings.Split(o.scope, ",") {
		if c = strings.TrimSpace(c); c != "" {
			scope = append(scope, c)
		}
	}
	out, m, err := jobs.ExportPackage(ctx, s, o.out, scope, nil)
	if err != nil {
		return fail(env, err)
	}
	if o.json {
		return output(env, writeJSON(env.Stdout, map[string]any{"file": out, "manifest": m}))
	}
	info, _ := os.Stat(out)
	size := int64(0)
	if info != nil {
		size = info.Size()
	}
	_, err = fmt.Fprintf(env.Stdout, "Đã xuất %s bản ghi vào gói %s (%s KB), đã đọc lại và kiểm tra.\n",
		vntext.FormatInt(int64(m.Total())), out, vntext.FormatInt(size/1024))
	return output(env, err)
}
