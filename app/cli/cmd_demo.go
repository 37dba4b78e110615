package cli

import (
	"context"
	"flag"
	"fmt"

	"ketnghia/app/jobs"
	"ketnghia/data"
	"ketnghia/data/sample"
	"ketnghia/data/vntext"
)

type demoFlags struct {
	dbFlags
	scale string
	seed  uint64
}

func init() {
	register(&command{name: "demo", order: 20, needsDB: true,
		usage: `  ketnghia demo --db TỆP [--scale province|national] [--seed N]
                                  nạp dữ liệu mẫu (Kon Tum 2016–2025, hoặc quy mô toàn quốc) vào tệp mới
                                  hoặc tệp trống; số liệu mẫu là giả định
`,
		flags: func(fs *flag.FlagSet) any {
			var d demoFlags
			d.declare(fs, false)
			fs.StringVar(&d.scale, "scale", string(sample.Province), "quy mô")
			fs.Uint64Var(&d.seed, "seed", defaultSeed, "hạt giống ngẫu nhiên")
			return &d
		},
		run: runDemo})
}

func runDemo(ctx context.Context, env Env, a any) int {
	o := a.(*demoFlags)
	scale := sample.Scale(o.scale)
	if scale != sample.Province && scale != sample.National {
		return usage(env, "Quy mô %q không có: dùng --scale province (tỉnh Kon Tum) hoặc --scale national (toàn quốc).", o.scale)
	}
	s, err := openOrCreate(ctx, env, o.db)
	if err != nil {
		return fail(env, err)
	}
	defer s.Close()
	if err := sample.Load(ctx, s, scale, o.seed); err != nil {
		return fail(env, err)
	}
	// The dashboard the window opens on, computed once now and kept in the file: a newcomer's
	// first look is at once, even on the national sample.
	year, err := s.LatestYear(ctx)
	if err != nil {
		return fail(env, err)
	}
	if _, err := jobs.Dashboard(ctx, s, year); err != nil {
		return fail(env, err)
	}
	st, err := s.Stats(ctx, data.StatsOptions{})
	if err != nil {
		return fail(env, err)
	}
	_, err = fmt.Fprintf(env.Stdout, "Đã nạp dữ liệu mẫu (%s) vào %s: %s đơn vị hành chính, %s cơ quan kết nghĩa, %s bản ghi. Số liệu là giả định.\n",
		scale, o.db, vntext.FormatInt(int64(unitTotal(st))), vntext.FormatInt(int64(st.TwinningUnits)), vntext.FormatInt(int64(st.AllRecords)))
	return output(env, err)
}

func unitTotal(st data.Stats) int {
	n := 0
	for _, k := range []string{"provinces", "districts", "communes", "villages"} {
		n += st.ByStatus[k].Total
	}
	return n
}
