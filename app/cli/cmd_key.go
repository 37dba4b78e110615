package cli

import (
	"context"
	"flag"
	"fmt"

	"ketnghia/data/exchange"
)

func init() {
	register(&command{name: "key", order: 83, needsDB: true,
		usage: `  ketnghia key --db TỆP         mã nhận dạng khóa ký gói của văn phòng này (đọc cho văn phòng nhận gói
                                  qua điện thoại để họ đối chiếu); khóa được tạo khi chưa có
`,
		flags: func(fs *flag.FlagSet) any {
			var d dbFlags
			d.declare(fs, false)
			return &d
		},
		run: runKey})
}

func runKey(ctx context.Context, env Env, a any) int {
	o := a.(*dbFlags)
	s, err := openExisting(ctx, env, o.db)
	if err != nil {
		return fail(env, err)
	}
	defer s.Close()
	k, err := exchange.OwnKey(s)
	if err != nil {
		return fail(env, err)
	}
	fp := exchange.FingerprintOf(k.Public())
	_, err = fmt.Fprintf(env.Stdout, "Mã nhận dạng khóa ký của văn phòng này: %s\nTệp khóa: %s (giữ bí mật, không chép sang máy khác).\n", fp, k.Path)
	return output(env, err)
}
