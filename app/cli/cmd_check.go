package cli

import (
	"context"
	"flag"
	"fmt"

	"ketnghia/data"
)

func init() {
	register(&command{name: "check", order: 30, needsDB: true,
		usage: `  ketnghia check --db TỆP [--json]
                                  kiểm tra tính toàn vẹn và mọi quy tắc; mã thoát 1 nếu có lỗi
`,
		flags: func(fs *flag.FlagSet) any {
			var d dbFlags
			d.declare(fs, true)
			return &d
		},
		run: runCheck})
}

func runCheck(ctx context.Context, env Env, a any) int {
	o := a.(*dbFlags)
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
		err = writeJSON(env.Stdout, map[string]any{"ok": len(problems) == 0, "problems": problems})
	} else if len(problems) == 0 {
		_, err = fmt.Fprintf(env.Stdout, "Cơ sở dữ liệu %s không có lỗi.\n", o.db)
	} else {
		_, err = fmt.Fprintf(env.Stdout, "Cơ sở dữ liệu %s có %d lỗi:\n", o.db, len(problems))
		for _, p := range problems {
			if err == nil {
				_, err = fmt.Fprintln(env.Stdout, "  - "+p.String())
			}
		}
	}
	if code := output(env, err); code != ExitOK {
		return code
	}
	if len(problems) > 0 {
		return ExitFailed
	}
	return ExitOK
}
