package cli

import (
	"context"
	"flag"
	"fmt"

	"ketnghia/data"
)

func init() {
	register(&command{name: "check", order: 30, needsDB: true,
		usage: `  ketnghia check --db TỆP [--json] [--repair]
                                  kiểm tra tính toàn vẹn và mọi quy tắc; mã thoát 1 nếu có lỗi;
                                  --repair dựng lại chỉ mục tìm kiếm tên trước khi kiểm tra
`,
		flags: func(fs *flag.FlagSet) any {
			var f checkFlags
			f.declare(fs, true)
			fs.BoolVar(&f.repair, "repair", false, "dựng lại chỉ mục tìm kiếm")
			return &f
		},
		run: runCheck})
}

type checkFlags struct {
	dbFlags
	repair bool
}

func runCheck(ctx context.Context, env Env, a any) int {
	f := a.(*checkFlags)
	o := &f.dbFlags
	if f.repair {
		// Rebuilding writes: the file is opened as for any change (a window that has it open
		// refuses with its own message).
		s, err := openToWrite(ctx, env, o.db)
		if err != nil {
			return fail(env, err)
		}
		err = s.RepairSearch(ctx)
		s.Close()
		if err != nil {
			return fail(env, err)
		}
		if !o.json {
			fmt.Fprintln(env.Stdout, "Đã dựng lại chỉ mục tìm kiếm tên đơn vị và cơ quan kết nghĩa.")
		}
	}
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
