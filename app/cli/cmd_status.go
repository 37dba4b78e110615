package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"ketnghia/app/jobs"
	"ketnghia/data"
	"ketnghia/data/vntext"
)

type statusFlags struct {
	yearFlags
	state string
}

func init() {
	register(&command{name: "status", order: 45, needsDB: true,
		usage: `  ketnghia status --db TỆP [--year NĂM] [--state dang_nhap|da_gui|da_duyet|tra_lai|mo_lai] [--json]
                                  tình hình nộp số liệu của năm (mặc định: năm nay): từng xã, phường của năm,
                                  số liệu đang nhập, đã gửi, đã duyệt, trả lại hay mở lại, ai gửi, ai duyệt,
                                  ngày nào, ghi chú
`,
		flags: func(fs *flag.FlagSet) any {
			var f statusFlags
			f.declare(fs)
			fs.StringVar(&f.state, "state", "", "tình trạng")
			return &f
		},
		run: runStatus})
}

func runStatus(ctx context.Context, env Env, a any) int {
	o := a.(*statusFlags)
	var state data.SubmissionState
	if o.state != "" {
		for _, s := range data.SubmissionStates() {
			if string(s) == o.state || vntext.Fold(s.Label()) == vntext.Fold(o.state) {
				state = s
			}
		}
		if state == "" {
			return usage(env, "--state %q không có: dùng dang_nhap, da_gui, da_duyet, tra_lai hoặc mo_lai.", o.state)
		}
	}
	s, err := openExisting(ctx, env, o.db)
	if err != nil {
		return fail(env, err)
	}
	defer s.Close()
	year := o.year.year
	if year == 0 {
		year = s.Today().Year()
	}
	st, err := jobs.SubmissionStatus(ctx, s, year)
	if err != nil {
		return fail(env, err)
	}
	if state != "" {
		var rows []jobs.StatusRow
		for _, r := range st.Rows {
			if r.State == state {
				rows = append(rows, r)
			}
		}
		st.Rows = rows
	}
	if o.json {
		return output(env, writeJSON(env.Stdout, st))
	}
	return output(env, writeStatus(env.Stdout, st))
}

func writeStatus(w io.Writer, st jobs.Status) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Tình hình nộp số liệu năm %d: %s\n", st.Year, st.Sentence())
	if len(st.Rows) == 0 {
		b.WriteString("Không có xã, phường nào ở tình trạng này.\n")
	}
	area := ""
	for _, r := range st.Rows {
		if r.Area != area {
			area = r.Area
			fmt.Fprintf(&b, "%s\n", area)
		}
		line := fmt.Sprintf("  %-6s %s: %s", r.Code, r.Name, r.StateLabel)
		if r.Sample {
			line += " (mẫu)"
		}
		if r.SentOn != "" {
			line += fmt.Sprintf("; gửi %s bởi %s", r.SentOn, r.SentBy)
		}
		if r.DecidedOn != "" {
			verb := map[data.SubmissionState]string{data.StateAccepted: "duyệt", data.StateReturned: "trả lại", data.StateReopened: "mở lại"}[r.State]
			if verb == "" {
				verb = "quyết định"
			}
			line += fmt.Sprintf("; %s %s bởi %s", verb, r.DecidedOn, r.DecidedBy)
		}
		if r.Note != "" {
			line += "; ghi chú: " + r.Note
		}
		b.WriteString(line + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
