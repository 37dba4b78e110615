package cli

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"ketnghia/data"
	"ketnghia/data/rules"
	"ketnghia/data/vntext"
)

// loadIndex reads what the rules need for the given years.
func loadIndex(ctx context.Context, s *data.Store, years ...int) (*rules.Index, error) {
	ds, err := s.Dataset(ctx, years...)
	if err != nil {
		return nil, err
	}
	return rules.NewIndex(ds), nil
}

func checkYear(env Env, o opts) bool {
	if o.year < 2000 || o.year > 2100 {
		if o.year == 0 {
			fmt.Fprintln(env.Stderr, "Cần --year NĂM (ví dụ --year 2025)")
		} else {
			fmt.Fprintf(env.Stderr, "Năm %d không hợp lệ (2000–2100)\n", o.year)
		}
		return false
	}
	return true
}

// openForYear checks --year and opens the database; on failure the store is nil and the exit code says why.
func openForYear(ctx context.Context, env Env, o opts) (*data.Store, int) {
	if !checkYear(env, o) {
		return nil, ExitUsage
	}
	s, err := openExisting(ctx, env, o.db)
	if err != nil {
		return nil, fail(env, err)
	}
	return s, ExitOK
}

func cmdProgress(ctx context.Context, env Env, o opts) int {
	s, code := openForYear(ctx, env, o)
	if s == nil {
		return code
	}
	defer s.Close()
	targets, err := s.Targets(ctx)
	if err != nil {
		return fail(env, err)
	}
	years := []int{o.year, o.year - 1}
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
	if x.RuleSet(o.rules) == nil {
		fmt.Fprintf(env.Stderr, "Lỗi: không có bộ quy định %q để lấy danh sách xã ĐBKK gốc\n", o.rules)
		return ExitFailed
	}
	settings, _ := s.Settings(ctx)
	ps := x.Progress(o.year, rules.ProgressOptions{BaselineRuleSet: o.rules})
	if o.json {
		if ps == nil {
			ps = []rules.TargetProgress{}
		}
		writeJSON(env.Stdout, map[string]any{"year": o.year, "sample_data": settings.SampleData, "baseline_rule_set": o.rules, "targets": ps})
		return ExitOK
	}
	w := env.Stdout
	if settings.SampleData {
		fmt.Fprintln(w, "LƯU Ý: số liệu mẫu (giả định), không dùng cho báo cáo thật.")
	}
	fmt.Fprintf(w, "TIẾN ĐỘ THỰC HIỆN CHỈ TIÊU NĂM %d (danh sách xã ĐBKK gốc: %s)\n", o.year, x.RuleSet(o.rules).LegalBasis)
	for k, p := range ps {
		fmt.Fprintf(w, "\n%d. %s (%s)\n", k+1, p.Name, p.Target.LegalBasis)
		fmt.Fprintf(w, "   Năm %d: %s (%s); chỉ tiêu %s, hạn %d: %s\n", o.year, pctText(p.Value.Value), p.Value.Detail, p.ThresholdText, p.Deadline, metText(p))
		fmt.Fprintf(w, "   Năm gốc %d: %s (%s)\n", p.BaselineYear, pctText(p.Baseline.Value), p.Baseline.Detail)
		for _, d := range p.Districts {
			fmt.Fprintf(w, "     %-28s %8s  %-14s %s\n", d.Name, pctText(d.Value.Value), d.Value.Detail, d.Met.Label())
		}
	}
	return ExitOK
}

func metText(p rules.TargetProgress) string {
	switch {
	case p.Overdue:
		return "Chưa đạt (đã quá hạn)"
	case p.Met == rules.No && p.Year < p.Deadline:
		return "Chưa đạt (còn trong hạn)"
	}
	return p.Met.Label()
}

func pctText(v *float64) string {
	if v == nil {
		return "—"
	}
	return vntext.FormatRate(*v)
}

func cmdAssess(ctx context.Context, env Env, o opts) int {
	s, code := openForYear(ctx, env, o)
	if s == nil {
		return code
	}
	defer s.Close()
	x, err := loadIndex(ctx, s, o.year)
	if err != nil {
		return fail(env, err)
	}
	as, rs, err := x.Assess(o.year, rules.AssessOptions{RuleSet: o.rules})
	if err != nil {
		return fail(env, err)
	}
	summary := map[string]int{}
	for _, a := range as {
		key := string(a.Class)
		if a.Status != rules.StatusDecided {
			key = a.Status
		}
		summary[string(a.Level)+"_"+key]++
	}
	settings, _ := s.Settings(ctx)
	if o.json {
		if as == nil {
			as = []rules.Assessment{}
		}
		writeJSON(env.Stdout, map[string]any{
			"year": o.year, "sample_data": settings.SampleData,
			"rule_set": map[string]any{"code": rs.Code, "name": rs.Name, "legal_basis": rs.LegalBasis, "purpose": rs.Purpose, "unverified": rs.Unverified},
			"summary":  summary, "units": as,
		})
		return ExitOK
	}
	writeAssessText(env.Stdout, o.year, rs, as, settings.SampleData)
	return ExitOK
}

func writeAssessText(w io.Writer, year int, rs *data.RuleSet, as []rules.Assessment, sample bool) {
	if sample {
		fmt.Fprintln(w, "LƯU Ý: số liệu mẫu (giả định), không dùng cho báo cáo thật.")
	}
	fmt.Fprintf(w, "ĐÁNH GIÁ NĂM %d THEO %s\n%s\n", year, rs.LegalBasis, rs.Name)
	if len(rs.Unverified) > 0 {
		fmt.Fprintf(w, "Ngưỡng chưa đối chiếu với văn bản: %s\n", strings.Join(rs.Unverified, ", "))
	}
	level := data.Level("")
	for _, a := range as {
		if a.Level != level {
			level = a.Level
			fmt.Fprintf(w, "\n%s\n", strings.ToUpper(level.Label()))
		}
		result := a.Class.Label()
		switch a.Status {
		case rules.StatusInsufficient:
			result = "Không đủ dữ liệu"
		case rules.StatusOutside:
			result = "Không thuộc diện phân định"
		case rules.StatusNotApplicable:
			result = "Không áp dụng"
		}
		if rs.Purpose == data.PurposeLeave && a.Status == rules.StatusDecided {
			result = map[rules.Tri]string{rules.Yes: "Đủ điều kiện ra khỏi diện ĐBKK", rules.No: "Chưa đủ điều kiện ra khỏi diện ĐBKK"}[a.MeetsExit]
		}
		name := a.Name
		if a.Code != "" {
			name += " (" + a.Code + ")"
		}
		fmt.Fprintf(w, "  %s: %s\n", name, result)
		for _, l := range a.Lacks {
			fmt.Fprintf(w, "      - %s\n", l)
		}
	}
}
