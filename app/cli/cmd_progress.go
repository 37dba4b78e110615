package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"slices"

	"ketnghia/data"
	"ketnghia/data/rules"
)

type progressFlags struct {
	yearFlags
	baseline string
}

func init() {
	register(&command{name: "progress", order: 50, needsDB: true,
		usage: `  ketnghia progress --db TỆP --year NĂM [--baseline MÃ] [--json]
                                  tiến độ các chỉ tiêu (NQ 04-NQ/TU, chỉ thị thôn NTM): giá trị, ngưỡng,
                                  đạt hay chưa, năm gốc, từng huyện; --baseline: bộ quy định có danh sách
                                  xã khu vực III gốc (mặc định QD50-2016, danh sách khi ban hành NQ 04)
`,
		flags: func(fs *flag.FlagSet) any {
			var p progressFlags
			p.declare(fs)
			fs.StringVar(&p.baseline, "baseline", "QD50-2016", "danh sách xã ĐBKK gốc")
			return &p
		},
		run: runProgress})
}

// openForYear is the start of the commands that judge a year (progress, assess): --year is
// required, the file is opened to be read and its settings read (the sample-data warning). On
// failure the store is nil and code says why.
func openForYear(ctx context.Context, env Env, name string, y yearFlag, db string) (s *data.Store, settings data.Settings, code int) {
	if y.year == 0 {
		fmt.Fprintf(env.Stderr, "Lệnh %s cần năm: thêm --year NĂM, ví dụ --year 2024.\n", name)
		return nil, settings, ExitUsage
	}
	s, err := openExisting(ctx, env, db)
	if err != nil {
		return nil, settings, fail(env, err)
	}
	if settings, err = s.Settings(ctx); err != nil {
		s.Close()
		return nil, settings, fail(env, err)
	}
	return s, settings, ExitOK
}

// loadIndex reads what the rules need for the given years.
func loadIndex(ctx context.Context, s *data.Store, years ...int) (*rules.Index, error) {
	ds, err := s.Dataset(ctx, years...)
	if err != nil {
		return nil, err
	}
	return rules.NewIndex(ds), nil
}

func runProgress(ctx context.Context, env Env, a any) int {
	o := a.(*progressFlags)
	s, settings, code := openForYear(ctx, env, "progress", o.year, o.db)
	if s == nil {
		return code
	}
	defer s.Close()
	year := o.year.year
	targets, err := s.Targets(ctx)
	if err != nil {
		return fail(env, err)
	}
	years := []int{year, year - 1}
	for _, t := range targets {
		// An average over the years (the poverty fall) runs from the year before the baseline to
		// the deadline.
		years = append(years, t.BaselineYear, t.BaselineYear-1, t.DeadlineYear)
	}
	slices.Sort(years)
	x, err := loadIndex(ctx, s, slices.Compact(years)...)
	if err != nil {
		return fail(env, err)
	}
	rs := x.RuleSet(o.baseline)
	if rs == nil {
		fmt.Fprintf(env.Stderr, "Lỗi: không có bộ quy định mang mã %q để lấy danh sách xã ĐBKK gốc. Bỏ --baseline để dùng danh sách của QĐ 50/2016 (mã QD50-2016).\n", o.baseline)
		return ExitFailed
	}
	ps := x.Progress(year, rules.ProgressOptions{BaselineRuleSet: o.baseline})
	if o.json {
		if ps == nil {
			ps = []rules.TargetProgress{}
		}
		return output(env, writeJSON(env.Stdout, map[string]any{"year": year, "sample_data": settings.SampleData, "baseline_rule_set": o.baseline, "targets": ps,
			"road": x.Road(year, "")}))
	}
	return output(env, writeProgress(env.Stdout, year, rs, ps, x.Road(year, ""), settings.SampleData))
}

func writeProgress(w io.Writer, year int, rs *data.RuleSet, ps []rules.TargetProgress, road rules.Road, sample bool) error {
	var lines []string
	if sample {
		lines = append(lines, sampleNote)
	}
	lines = append(lines, fmt.Sprintf("TIẾN ĐỘ THỰC HIỆN CHỈ TIÊU NĂM %d (danh sách xã ĐBKK gốc theo %s)", year, rules.ShortBasis(rs)))
	for k, p := range ps {
		lines = append(lines, "", fmt.Sprintf("%d. %s (%s)", k+1, p.Name, p.Target.LegalBasis))
		lines = append(lines, "   "+p.Sentence)
		lines = append(lines, fmt.Sprintf("   Năm gốc %d: %s (%s)", p.BaselineYear, p.BaselineText, p.Baseline.Detail))
		for _, d := range p.Districts {
			lines = append(lines, fmt.Sprintf("     %-28s %14s  %-14s %s", d.Name, d.ValueText, d.Value.Detail, d.Status))
		}
	}
	if road.Villages > 0 {
		lines = append(lines, "", "LỘ TRÌNH THÔN, LÀNG ĐỒNG BÀO DTTS ĐẠT CHUẨN NÔNG THÔN MỚI", "   "+road.Summary()+road.Outlook())
	}
	for _, l := range lines {
		if _, err := fmt.Fprintln(w, l); err != nil {
			return err
		}
	}
	return nil
}
