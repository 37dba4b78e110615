package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"ketnghia/data"
	"ketnghia/data/rules"
)

type assessFlags struct {
	yearFlags
	rules string
}

func init() {
	register(&command{name: "assess", order: 60, needsDB: true,
		usage: `  ketnghia assess --db TỆP --year NĂM [--rules MÃ] [--json]
                                  phân định từng xã, thôn theo bộ quy định (mặc định: bộ áp dụng cho năm;
                                  QD50-2016: 2016–2020, QD03-2019: ra khỏi diện ĐBKK 2016–2020,
                                  QD33-2020: 2021–2025, ND272-2025: 2026–2030) và điều kiện còn thiếu;
                                  bộ quy định không áp dụng cho năm đã chọn thì bị từ chối
`,
		flags: func(fs *flag.FlagSet) any {
			var f assessFlags
			f.declare(fs)
			fs.StringVar(&f.rules, "rules", "", "bộ quy định")
			return &f
		},
		run: runAssess})
}

func runAssess(ctx context.Context, env Env, a any) int {
	o := a.(*assessFlags)
	s, settings, code := openForYear(ctx, env, "assess", o.year, o.db)
	if s == nil {
		return code
	}
	defer s.Close()
	year := o.year.year
	x, err := loadIndex(ctx, s, year)
	if err != nil {
		return fail(env, err)
	}
	as, rs, err := x.Assess(year, rules.AssessOptions{RuleSet: o.rules})
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
	if o.json {
		if as == nil {
			as = []rules.Assessment{}
		}
		unverified := rs.Unverified
		if unverified == nil {
			unverified = []string{}
		}
		return output(env, writeJSON(env.Stdout, map[string]any{
			"year": year, "sample_data": settings.SampleData,
			"rule_set": map[string]any{"code": rs.Code, "name": rs.Name, "legal_basis": rs.LegalBasis, "purpose": rs.Purpose,
				"from_year": rs.FromYear, "to_year": rs.ToYear, "unverified": unverified, "unverified_text": rules.UnverifiedSentence(rs)},
			"summary": summary, "units": as,
		}))
	}
	return output(env, writeAssessText(env.Stdout, year, rs, as, settings.SampleData))
}

func writeAssessText(w io.Writer, year int, rs *data.RuleSet, as []rules.Assessment, sample bool) error {
	var lines []string
	if sample {
		lines = append(lines, sampleNote)
	}
	lines = append(lines, fmt.Sprintf("ĐÁNH GIÁ NĂM %d THEO %s", year, rs.LegalBasis), rs.Name)
	if u := rules.UnverifiedSentence(rs); u != "" {
		lines = append(lines, u)
	}
	level := data.Level("")
	for _, a := range as {
		if a.Level != level {
			level = a.Level
			lines = append(lines, "", strings.ToUpper(level.Label()))
		}
		result := rules.ResultText(a, rs)
		name := a.Name
		if a.Code != "" {
			name += " (mã " + a.Code + ")"
		}
		if a.Place != "" {
			name += ", " + a.Place
		}
		lines = append(lines, fmt.Sprintf("  %s: %s", name, result))
		if r := rules.RecordedText(a); r != "" {
			lines = append(lines, "      "+r)
		}
		for _, l := range a.Lacks {
			lines = append(lines, "      - "+l)
		}
	}
	for _, l := range lines {
		if _, err := fmt.Fprintln(w, l); err != nil {
			return err
		}
	}
	return nil
}
