package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"unicode/utf8"

	"ketnghia/data"
	"ketnghia/data/vntext"
)

func init() {
	register(&command{name: "init", order: 10, needsDB: true,
		usage: `  ketnghia init --db TỆP [--office "TÊN ĐƠN VỊ"]
                                  tạo cơ sở dữ liệu trống (chỉ có danh mục tham chiếu); không ghi đè tệp đã có;
                                  --office đặt tên đơn vị sử dụng (ví dụ "Văn phòng Huyện ủy Đắk Tô"), tên có
                                  trong lịch sử thay đổi, thông báo và tên gói trao đổi
`,
		flags: func(fs *flag.FlagSet) any {
			var f initFlags
			f.dbFlags.declare(fs, false)
			fs.StringVar(&f.office, "office", "", "tên đơn vị sử dụng")
			return &f
		},
		run: func(ctx context.Context, env Env, a any) int {
			f := a.(*initFlags)
			path := f.db
			office := strings.TrimSpace(vntext.NFC(f.office))
			if utf8.RuneCountInString(office) > data.MaxTextLen("office_name") {
				return usage(env, "Tên đơn vị quá dài (tối đa %d ký tự); hãy ghi tên ngắn hơn.", data.MaxTextLen("office_name"))
			}
			if st, err := os.Stat(path); err == nil && st.Size() > 0 {
				fmt.Fprintf(env.Stderr, "Lỗi: tệp %s đã có nên không ghi đè. Hãy chọn tên tệp khác.\n", path)
				return ExitFailed
			}
			s, err := openOrCreate(ctx, env, path)
			if err != nil {
				return fail(env, err)
			}
			defer s.Close()
			if office != "" {
				set, err := s.Settings(ctx)
				if err == nil {
					set.OfficeName, set.OfficeNamed = office, true
					err = s.SaveSettings(ctx, set)
				}
				if err != nil {
					return fail(env, err)
				}
			}
			_, err = fmt.Fprintf(env.Stdout, "Đã tạo cơ sở dữ liệu trống: %s\n", path)
			return output(env, err)
		}})
}

type initFlags struct {
	dbFlags
	office string
}
