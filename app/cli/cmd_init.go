package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
)

func init() {
	register(&command{name: "init", order: 10, needsDB: true,
		usage: `  ketnghia init --db TỆP          tạo cơ sở dữ liệu trống (chỉ có danh mục tham chiếu); không ghi đè tệp đã có
`,
		flags: func(fs *flag.FlagSet) any {
			var d dbFlags
			d.declare(fs, false)
			return &d
		},
		run: func(ctx context.Context, env Env, a any) int {
			path := a.(*dbFlags).db
			if st, err := os.Stat(path); err == nil && st.Size() > 0 {
				fmt.Fprintf(env.Stderr, "Lỗi: tệp %s đã có nên không ghi đè. Hãy chọn tên tệp khác.\n", path)
				return ExitFailed
			}
			s, err := openOrCreate(ctx, env, path)
			if err != nil {
				return fail(env, err)
			}
			defer s.Close()
			_, err = fmt.Fprintf(env.Stdout, "Đã tạo cơ sở dữ liệu trống: %s\n", path)
			return output(env, err)
		}})
}
