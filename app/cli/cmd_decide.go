package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"ketnghia/data"
)

type decideFlags struct {
	dbFlags
	year   yearFlag
	action string
	units  string
	note   string
	person string
}

func init() {
	register(&command{name: "decide", order: 46, needsDB: true,
		usage: `  ketnghia decide --db TỆP --year NĂM --action gui|duyet|tra_lai|mo_lai --unit MÃ[,MÃ…] [--note "…"] [--person "…"]
                                  một bước của việc nộp số liệu năm cho các xã, phường (theo mã của năm đó):
                                  gui (văn phòng xã gửi lên), duyet hoặc tra_lai (văn phòng tỉnh; trả lại cần
                                  --note), mo_lai (văn phòng đã duyệt mở lại, cần --note lý do); số liệu đã duyệt
                                  không sửa được ở bất cứ đâu cho đến khi được mở lại
`,
		flags: func(fs *flag.FlagSet) any {
			var f decideFlags
			f.dbFlags.declare(fs, false)
			fs.Var(&f.year, "year", "năm")
			fs.StringVar(&f.action, "action", "", "bước")
			fs.StringVar(&f.units, "unit", "", "mã xã, phường")
			fs.StringVar(&f.note, "note", "", "ghi chú, lý do")
			fs.StringVar(&f.person, "person", "", "người làm")
			return &f
		},
		run: runDecide})
}

func runDecide(ctx context.Context, env Env, a any) int {
	o := a.(*decideFlags)
	act := data.SubmissionAction(o.action)
	switch act {
	case data.ActSubmit, data.ActAccept, data.ActReturn, data.ActReopen:
	default:
		return usage(env, "--action %q không có: dùng gui (gửi), duyet (duyệt), tra_lai (trả lại) hoặc mo_lai (mở lại).", o.action)
	}
	if o.year.year == 0 {
		return usage(env, "Lệnh decide cần --year, năm của số liệu, ví dụ --year 2026.")
	}
	if strings.TrimSpace(o.units) == "" {
		return usage(env, "Lệnh decide cần --unit với mã các xã, phường, ví dụ --unit 23401,23404.")
	}
	s, err := openToWrite(ctx, env, o.db)
	if err != nil {
		return fail(env, err)
	}
	defer s.Close()
	if o.person != "" {
		ctx = data.WithPerson(ctx, o.person)
	}
	communes, err := s.YearUnits(ctx, data.LevelCommune, o.year.year)
	if err != nil {
		return fail(env, err)
	}
	byCode := map[string]data.YearUnit{}
	for _, u := range communes {
		byCode[u.Code] = u
	}
	var ids, names []string
	for _, code := range strings.Split(o.units, ",") {
		code = strings.TrimSpace(code)
		u, ok := byCode[code]
		if !ok {
			return fail(env, &data.Error{Kind: data.KindInvalid, Field: "unit", Msg: fmt.Sprintf("Năm %d không có xã, phường nào mã %q; hãy xem danh sách bằng lệnh ketnghia status --year %d.", o.year.year, code, o.year.year)})
		}
		ids, names = append(ids, u.ID), append(names, u.Name)
	}
	if err := s.Decide(ctx, act, o.year.year, ids, o.note); err != nil {
		return fail(env, err)
	}
	done := map[data.SubmissionAction]string{data.ActSubmit: "Đã gửi", data.ActAccept: "Đã duyệt", data.ActReturn: "Đã trả lại", data.ActReopen: "Đã mở lại"}[act]
	_, err = fmt.Fprintf(env.Stdout, "%s số liệu năm %d của %s.\n", done, o.year.year, strings.Join(names, ", "))
	return output(env, err)
}
