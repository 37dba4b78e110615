package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"ketnghia/app/buildinfo"
	"ketnghia/app/jobs"
)

// runDocument is `report document`: a committee's whole report, from a saved draft (--draft) or
// drafted afresh for --year (and --from), as PDF or Word by the name after --out.
func runDocument(ctx context.Context, env Env, o *reportFlags) int {
	if o.out == "" {
		return usage(env, "Lệnh report document cần tên tệp sẽ ghi: thêm --out TỆP.pdf hoặc --out TỆP.docx.")
	}
	if st, err := os.Stat(o.out); err == nil && st.IsDir() {
		return usage(env, "--out %s là một thư mục; hãy ghi tên tệp trong đó, ví dụ --out %s.", o.out, filepath.Join(o.out, "bao-cao.pdf"))
	}
	ext := strings.ToLower(filepath.Ext(o.out))
	if ext != ".pdf" && ext != ".docx" {
		return usage(env, "Báo cáo tổng hợp ghi ra tệp PDF hoặc Word nên tên tệp sau --out phải có đuôi .pdf hoặc .docx, ví dụ --out %s.", strings.TrimSuffix(o.out, filepath.Ext(o.out))+".pdf")
	}
	if o.rules != "" {
		return usage(env, "Báo cáo tổng hợp dùng bộ quy định của từng năm nên không dùng --rules; hãy bỏ nó.")
	}
	if o.draft != "" && o.unit != "" {
		return usage(env, "--draft in bản thảo với tỉnh của nó; hãy bỏ --unit.")
	}
	if o.draft != "" && (o.year.year != 0 || o.from != 0) {
		return usage(env, "--draft in bản thảo đã lưu với kỳ của nó; hãy bỏ --year, --from, hoặc bỏ --draft để soạn mới.")
	}
	if o.draft == "" && o.year.year == 0 {
		return usage(env, "Lệnh report document cần --draft MÃ (bản thảo đã lưu) hoặc --year NĂM (soạn mới từ số liệu), ví dụ --year 2024, hoặc --from 2021 --year 2025 cho cả kỳ.")
	}
	from := o.from
	if from == 0 {
		from = o.year.year
	}
	if o.draft == "" && from > o.year.year {
		return usage(env, "--from %d phải trước hoặc bằng --year %d (năm đầu và năm cuối của kỳ báo cáo).", from, o.year.year)
	}
	s, err := openExisting(ctx, env, o.db)
	if err != nil {
		return fail(env, err)
	}
	defer s.Close()
	req := jobs.DocumentRequest{DraftID: o.draft, From: from, To: o.year.year, Province: o.unit, Date: o.date.d, Program: buildinfo.Program()}
	build := jobs.Document
	if ext == ".docx" {
		build = jobs.DocumentWord
	}
	b, err := build(ctx, s, req)
	if err != nil {
		return fail(env, err)
	}
	return writeReport(env, o.out, b)
}
