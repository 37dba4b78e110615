package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"ketnghia/app/buildinfo"
	"ketnghia/app/jobs"
	"ketnghia/data"
	"ketnghia/data/safefile"
	"ketnghia/data/vntext"
	"ketnghia/reports"
)

type reportFlags struct {
	yearFlags
	kind             string
	out, unit, rules string
	date             dateFlag
	draft            string // report document: a saved draft's ID
	from             int    // report document: the period's first year
}

// dayShape is a day written dd/mm/yyyy (or with - or .), whether or not the day exists.
var dayShape = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$`)

// dateFlag is --date dd/mm/yyyy.
type dateFlag struct{ d data.Date }

func (f *dateFlag) String() string { return f.d.String() }

func (f *dateFlag) Set(s string) error {
	t, err := vntext.ParseDate(s)
	if err != nil {
		// Written the right way, but a day no calendar has (31/02/2025): say so, not the format.
		if m := dayShape.FindStringSubmatch(strings.TrimSpace(s)); m != nil {
			day, _ := strconv.Atoi(m[1])
			month, _ := strconv.Atoi(m[2])
			year, _ := strconv.Atoi(m[3])
			if month < 1 || month > 12 {
				return fmt.Errorf("không có ngày %s (tháng chỉ từ 1 đến 12)", strings.TrimSpace(s))
			}
			last := time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
			if day >= 1 && day <= last {
				return fmt.Errorf("ngày phải viết dạng dd/mm/yyyy, ví dụ 05/03/2025")
			}
			return fmt.Errorf("không có ngày %s (tháng %d năm %d chỉ có %d ngày)", strings.TrimSpace(s), month, year, last)
		}
		return fmt.Errorf("ngày phải viết dạng dd/mm/yyyy, ví dụ 05/03/2025")
	}
	f.d = data.DateOf(t)
	return nil
}

func init() {
	var kinds []string
	for _, k := range reports.Kinds {
		kinds = append(kinds, fmt.Sprintf("                                    %-9s %s", k.Code, k.Name))
	}
	register(&command{name: "report", order: 70, needsDB: true,
		usage: `  ketnghia report LOẠI --db TỆP --out TỆP.pdf [--year NĂM] [--unit MÃ] [--rules MÃ] [--date dd/mm/yyyy]
                                  báo cáo PDF theo thể thức văn bản của Đảng (A4); LOẠI là một trong:
` + strings.Join(kinds, "\n") + `
                                    document  Báo cáo tổng hợp (báo cáo năm, sơ kết, tổng kết): lời văn soạn từ số liệu
                                              và các phụ lục; --draft MÃ in bản thảo đã lưu, hoặc --year NĂM
                                              [--from NĂM] soạn mới cho năm, kỳ đó (tệp nhiều tỉnh: --unit MÃ_TỈNH);
                                              --out TỆP.pdf hoặc TỆP.docx (Word)
                                  --unit: mã xã của hồ sơ một xã (commune), hoặc mã tỉnh, mã huyện để tập hồ sơ
                                  các xã (communes) chỉ gồm các xã của tỉnh, huyện đó
                                  --year mặc định là năm rà soát gần nhất, --date là ngày ghi trên báo cáo
                                  (mặc định hôm nay); cùng số liệu và cùng --date cho cùng một tệp
`,
		flags: func(fs *flag.FlagSet) any {
			var r reportFlags
			r.yearFlags.dbFlags.declare(fs, false)
			fs.Var(&r.year, "year", "năm")
			fs.StringVar(&r.out, "out", "", "tệp PDF")
			fs.StringVar(&r.unit, "unit", "", "mã xã")
			fs.StringVar(&r.rules, "rules", "", "bộ quy định")
			fs.Var(&r.date, "date", "ngày báo cáo")
			fs.StringVar(&r.draft, "draft", "", "mã bản thảo")
			fs.IntVar(&r.from, "from", 0, "năm đầu kỳ")
			return &r
		},
		arg: func(a any, w string) { a.(*reportFlags).kind = w },
		run: runReport})
}

func runReport(ctx context.Context, env Env, a any) int {
	o := a.(*reportFlags)
	if o.kind == "" {
		return usage(env, "Lệnh report cần loại báo cáo, ví dụ: ketnghia report progress --db TỆP --out tien-do.pdf. Gõ ketnghia --help để xem các loại.")
	}
	if o.kind == "document" {
		return runDocument(ctx, env, o)
	}
	if o.draft != "" || o.from != 0 {
		return usage(env, "--draft và --from chỉ dùng cho báo cáo tổng hợp (report document); hãy bỏ chúng khỏi lệnh report %s.", o.kind)
	}
	if _, ok := reports.KindOf(o.kind); !ok {
		var codes []string
		for _, k := range reports.Kinds {
			codes = append(codes, k.Code)
		}
		return usage(env, "Không có loại báo cáo %q; các loại có: %s.", o.kind, strings.Join(codes, ", "))
	}
	if o.out == "" {
		return usage(env, "Lệnh report cần tên tệp PDF sẽ ghi: thêm --out TỆP.pdf.")
	}
	if st, err := os.Stat(o.out); err == nil && st.IsDir() {
		return usage(env, "--out %s là một thư mục; hãy ghi tên tệp PDF trong đó, ví dụ --out %s.", o.out, filepath.Join(o.out, o.kind+".pdf"))
	}
	if !strings.EqualFold(filepath.Ext(o.out), ".pdf") {
		return usage(env, "Báo cáo luôn là tệp PDF nên tên tệp sau --out phải có đuôi .pdf, ví dụ --out %s.", strings.TrimSuffix(o.out, filepath.Ext(o.out))+".pdf")
	}
	if k, _ := reports.KindOf(o.kind); o.unit != "" && !k.NeedsUnit && !k.AreaUnit {
		return usage(env, "Báo cáo %s không theo một xã nên không dùng --unit; hãy bỏ --unit, hoặc dùng báo cáo commune để in hồ sơ một xã, communes để in hồ sơ các xã của một tỉnh, một huyện.", o.kind)
	}
	s, err := openExisting(ctx, env, o.db)
	if err != nil {
		return fail(env, err)
	}
	defer s.Close()
	pdf, err := jobs.Report(ctx, s, jobs.ReportRequest{Kind: o.kind, Year: o.year.year, UnitCode: o.unit, RuleSet: o.rules, Date: o.date.d, Program: buildinfo.Program()}, nil)
	if err != nil {
		return fail(env, err)
	}
	return writeReport(env, o.out, pdf)
}

// writeReport writes a report's file whole, or says in a sentence why it could not.
func writeReport(env Env, out string, b []byte) int {
	if err := safefile.Write(out, b); err != nil {
		why := "ổ đầy hoặc có lỗi khi ghi"
		if errors.Is(err, fs.ErrPermission) {
			why = "không có quyền ghi vào thư mục đó"
		} else if errors.Is(err, fs.ErrNotExist) {
			why = "thư mục " + filepath.Dir(out) + " không có"
		}
		return fail(env, &data.Error{Kind: data.KindInvalid, Err: err, Msg: fmt.Sprintf("Không ghi được tệp %s (%s). Hãy chọn thư mục khác bằng --out; không có tệp nào bị ghi dở.", out, why)})
	}
	_, err := fmt.Fprintf(env.Stdout, "Đã ghi báo cáo %s (%s KB).\n", out, vntext.FormatInt(int64(len(b)/1024)))
	return output(env, err)
}
