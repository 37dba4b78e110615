package cli

import (
	"context"
	"flag"
	"fmt"
	"io"

	"ketnghia/data"
	"ketnghia/data/vntext"
)

type yearFlags struct {
	dbFlags
	year yearFlag
}

func (y *yearFlags) declare(fs *flag.FlagSet) {
	y.dbFlags.declare(fs, true)
	fs.Var(&y.year, "year", "năm")
}

func init() {
	register(&command{name: "stats", order: 40, needsDB: true,
		usage: `  ketnghia stats --db TỆP [--year NĂM] [--json]
                                  thống kê đơn vị, cơ quan kết nghĩa và tổng hợp rà soát của năm
                                  (mặc định: năm rà soát gần nhất), tình trạng đơn vị vào ngày 01/01 của năm
`,
		flags: func(fs *flag.FlagSet) any {
			var y yearFlags
			y.declare(fs)
			return &y
		},
		run: runStats})
}

func runStats(ctx context.Context, env Env, a any) int {
	o := a.(*yearFlags)
	s, err := openExisting(ctx, env, o.db)
	if err != nil {
		return fail(env, err)
	}
	defer s.Close()
	st, err := s.Stats(ctx, data.StatsOptions{Year: o.year.year})
	if err != nil {
		return fail(env, err)
	}
	if o.json {
		return output(env, writeJSON(env.Stdout, st))
	}
	return output(env, writeStats(env.Stdout, st))
}

func writeStats(w io.Writer, st data.Stats) error {
	n := func(x int) string { return vntext.FormatInt(int64(x)) }
	var lines []string
	if st.SampleData {
		lines = append(lines, sampleNote)
	}
	districts := "không còn cấp huyện"
	if st.Districts > 0 {
		districts = n(st.Districts) + " huyện"
	}
	lines = append(lines, fmt.Sprintf("Đơn vị hành chính ngày %s: %s tỉnh, %s, %s xã, %s thôn (làng)", st.AsOf, n(st.Provinces), districts, n(st.Communes), n(st.Villages)))
	lines = append(lines, fmt.Sprintf("Tình trạng ngày %s:", st.StatusOn))
	for _, k := range []struct{ key, label string }{{"districts", "Huyện"}, {"communes", "Xã"}, {"villages", "Thôn"}} {
		c := st.ByStatus[k.key]
		lines = append(lines, fmt.Sprintf("  %s: %s đã ghi nhận, %s đang hoạt động, %s đã giải thể hoặc sáp nhập; %s đã xóa (hiện nay)", k.label, n(c.Total), n(c.OpenNow), n(c.Closed), n(c.Deleted)))
	}
	if len(st.CommuneClass) > 0 {
		lines = append(lines, fmt.Sprintf("Phân định xã năm %d (theo quyết định đã ghi): khu vực I: %s, khu vực II: %s, khu vực III: %s", st.Year, n(st.CommuneClass["KV1"]), n(st.CommuneClass["KV2"]), n(st.CommuneClass["KV3"])))
	}
	c := st.ByStatus["twinning_units"]
	lines = append(lines, fmt.Sprintf("Cơ quan, đơn vị kết nghĩa: %s (%s có phân công vào ngày %s); %s phân công trong năm %d; %s hoạt động trong năm",
		n(st.TwinningUnits), n(c.OpenNow), st.StatusOn, n(st.Assignments), st.Year, n(st.Activities)))
	r := st.Reviews
	lines = append(lines, fmt.Sprintf("Rà soát năm %d: %s xã, %s thôn; %s hộ (%s hộ DTTS), %s nhân khẩu; %s hộ nghèo, %s hộ cận nghèo",
		st.Year, n(r.Communes), n(r.Villages), n(r.Households), n(r.EMHouseholds), n(r.People), n(r.Poor), n(r.NearPoor)))
	for _, l := range lines {
		if _, err := fmt.Fprintln(w, l); err != nil {
			return err
		}
	}
	return nil
}
