package xlsx

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"ketnghia/data"
	"ketnghia/data/vntext"
)

// TemplateKind is a workbook staff fill in and give back.
type TemplateKind struct {
	Name    string   // as the command line names it
	Title   string   // in Vietnamese
	Tables  []string // the kinds it holds, a sheet each
	aliases []string // other names it answers to (folded)
}

// Templates are the workbooks the program makes to be filled in.
var Templates = []TemplateKind{
	{"xa", "Danh sách xã, phường, thị trấn", []string{"units"}, []string{"communes", "commune", "xa phuong thi tran"}},
	{"thon", "Danh sách thôn, làng", []string{"units"}, []string{"villages", "village", "thon lang", "lang"}},
	{"coquan", "Cơ quan, đơn vị kết nghĩa và phân công giúp đỡ", []string{"twinning_units", "assignments"},
		[]string{"agencies", "agency", "twinning", "assignments", "co quan ket nghia", "phan cong"}},
	{"hoatdong", "Hoạt động giúp đỡ", []string{"activities"}, []string{"activities", "activity", "hoat dong"}},
	{"rasoat", "Số liệu rà soát hằng năm", []string{"reviews"}, []string{"reviews", "review", "ra soat"}},
}

// TemplateNamed finds a template by its name, in Vietnamese with or without accents or in English
// ("rasoat", "rà soát", "reviews"); false when there is none.
func TemplateNamed(name string) (TemplateKind, bool) {
	want := strings.Join(strings.Fields(strings.ReplaceAll(vntext.Fold(name), "-", " ")), " ")
	for _, t := range Templates {
		if want == t.Name || slices.Contains(t.aliases, want) {
			return t, true
		}
	}
	return TemplateKind{}, false
}

// blankRows are the rows a blank template checks and explains.
const blankRows = 1000

// Template writes a template to path. The yearly review lists every commune and village open in
// year, figures blank; the others are blank. Every column carries a hint and, where Excel can,
// a check of what is typed (whole numbers, có/không, a list, a day).
func Template(ctx context.Context, s *data.Store, t TemplateKind, year int, path string) (int, error) {
	refs, n, err := references(ctx, s)
	if err != nil {
		return 0, err
	}
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return 0, internal(err)
	}
	filled := 0
	for i, table := range t.Tables {
		k, _ := data.KindOf(table)
		name := SheetName(k)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return 0, internal(err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return 0, internal(err)
		}
		l := layoutOf(k, refs[table], false, n.causes)
		l.template = true
		var rows [][]any
		switch {
		case table == "reviews":
			rows, err = reviewRows(ctx, s, l, n, year)
		case table == "units" && (t.Name == "xa" || t.Name == "thon"):
			// Each its own: the communes (or villages) there are, to correct and add to.
			level := data.LevelCommune
			if t.Name == "thon" {
				level = data.LevelVillage
			}
			l.required = map[string]bool{"level": true, "kind": true, "name": true, "parent_id": true}
			rows, err = levelRows(ctx, s, l, n, level)
		case table != "reviews":
			rows, err = existingRows(ctx, s, k, l, n)
		}
		if err != nil {
			return 0, err
		}
		filled += len(rows)
		last := max(len(rows), blankRows) + 1
		if err := writeSheet(f, name, l, rows, st, func() error { return hints(f, name, l, t, last) }); err != nil {
			return 0, err
		}
	}
	if err := save(f, path); err != nil {
		return 0, err
	}
	return filled, nil
}

// reviewRows are a year's review rows: every commune and village open in the year, by district,
// commune and village in Vietnamese order, with the year filled in and the figures blank.
func reviewRows(ctx context.Context, s *data.Store, l layout, n *names, year int) ([][]any, error) {
	type unitRow struct {
		id, path string
	}
	var us []unitRow
	first, last := data.D(year, 1, 1), data.D(year, 12, 31)
	err := s.EachLiveUnit(ctx, func(r data.Record) error {
		opened, _ := data.FieldValue(r, "opened_on").(data.Date)
		closed, _ := data.FieldValue(r, "closed_on").(data.Date)
		if (!opened.IsZero() && last.Before(opened)) || (!closed.IsZero() && !first.Before(closed)) {
			return nil
		}
		id := data.MetaOf(r).ID
		us = append(us, unitRow{id, n.pathAt(id, last)}) // where it stood that year
		return nil
	}, data.LevelCommune, data.LevelVillage)
	if err != nil {
		return nil, err
	}
	// By district, then commune, then village: the full name read from the top.
	key := func(u unitRow) string {
		parts := strings.Split(u.path, ", ")
		slices.Reverse(parts)
		return strings.Join(parts, " \x00")
	}
	vntext.SortFunc(us, key)
	paths := map[string]int{}
	for _, u := range us {
		paths[vntext.Fold(u.path)]++
	}
	rows := make([][]any, len(us))
	for i, u := range us {
		// A unit shown by its present full name (a village since moved) is shown by where it
		// stood that year instead, when that names it alone: the import finds it either way.
		shown := n.display["units"][u.id]
		if shown == n.path[u.id] && paths[vntext.Fold(u.path)] == 1 {
			shown = u.path
		}
		row := make([]any, len(l.cols))
		for j, c := range l.cols {
			switch {
			case c.field != nil && c.field.Name == "unit_id":
				row[j] = shown
			case c.info:
				row[j] = u.path
			case c.field != nil && c.field.Name == "year":
				row[j] = year
			}
		}
		rows[i] = row
	}
	return rows, nil
}

// levelRows are the units of a level, live, in Vietnamese order of their full names.
func levelRows(ctx context.Context, s *data.Store, l layout, n *names, level data.Level) ([][]any, error) {
	var recs []data.Record
	err := s.EachLiveUnit(ctx, func(r data.Record) error { recs = append(recs, r); return nil }, level)
	if err != nil {
		return nil, err
	}
	vntext.SortFunc(recs, func(r data.Record) string { return n.path[data.MetaOf(r).ID] })
	rows := make([][]any, len(recs))
	for i, r := range recs {
		rows[i] = l.row(r, n)
	}
	return rows, nil
}

// existingRows are a kind's live records (agencies, their assignments, activities): a template
// to correct and add to.
func existingRows(ctx context.Context, s *data.Store, k data.RecordKind, l layout, n *names) ([][]any, error) {
	var rows [][]any
	err := s.EachLive(ctx, k, func(r data.Record) error { rows = append(rows, l.row(r, n)); return nil })
	return rows, err
}

// fieldHints say what to write in the columns whose kind alone does not tell.
var fieldHints = map[string]string{
	"code":         "Mã đơn vị hành chính theo danh mục (xã: 5 chữ số, ví dụ 23410); để trống nếu chưa có (thôn thường không có mã).",
	"name":         "Tên đầy đủ kèm loại, ví dụ: Xã Đắk Rơ Nga, Thôn 1, Làng Kon Dơ.",
	"kind":         "Loại đơn vị, ví dụ: Xã, Phường, Thị trấn, Thôn, Làng, Tổ dân phố.",
	"ntm_decision": "Số quyết định công nhận, ví dụ 123/QĐ-UBND.",
	"amount":       "Số tiền (đồng), số nguyên, ví dụ 15.000.000.",
	"note":         "Ghi chú tự do (Unicode).",
}

// hints puts on every column of a sheet, down to row last, a note of what to write and the check
// Excel can make.
func hints(f *excelize.File, sheet string, l layout, t TemplateKind, last int) error {
	for i, c := range l.cols {
		col, _ := excelize.ColumnNumberToName(i + 1)
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(fmt.Sprintf("%s2:%s%d", col, col, last))
		title, msg := c.header, ""
		switch {
		case c.field == nil && !c.info:
			msg = "Để trống khi thêm mới; chương trình tự ghi mã."
		case c.info:
			msg = "Chỉ để đọc: tên đầy đủ của đơn vị."
		case c.ref == "units":
			msg = "Ghi mã đơn vị (xã, huyện) hoặc tên đầy đủ kèm xã, huyện, ví dụ: Thôn 1, Xã Đắk Rơ Nga, Huyện Đắk Tô."
		case c.ref != "":
			msg = fmt.Sprintf("Ghi tên hoặc mã %s đã có.", data.Noun(c.ref))
		case len(c.field.Choices) > 0:
			// From a range of the hidden sheet of lists: a list written inline is split by Excel
			// at every comma ("Thăm hỏi, nắm tình hình" offered as two choices, and refused).
			msg = "Chọn trong danh sách: " + strings.Join(c.field.Choices, "; ") + "."
			ref, err := listRange(f, c.field.Choices)
			if err != nil {
				return err
			}
			dv.SetSqrefDropList(ref)
		case c.field.Kind == data.FieldBool:
			msg = "Ghi \"có\" hoặc \"không\"; để trống nếu chưa biết."
			_ = dv.SetDropList([]string{"có", "không"})
		case c.field.Kind == data.FieldInt && isYear(c.field.Name):
			msg = "Năm, ví dụ 2024."
			_ = dv.SetRange(1945, 2100, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween)
		case c.field.Kind == data.FieldInt:
			msg = "Số nguyên không âm, ví dụ 1.234; để trống nếu chưa biết (không ghi 0 thay cho chưa biết)."
			_ = dv.SetRange(0, 999999999999, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween)
		case c.field.Kind == data.FieldFloat:
			msg = "Số không âm, ví dụ 12,5; để trống nếu chưa biết."
			_ = dv.SetRange(0, 1e12, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween)
		case c.field.Kind == data.FieldDate:
			msg = "Ngày dạng dd/mm/yyyy; để trống nếu chưa có."
		case c.field.Kind == data.FieldMap:
			msg = "Dạng {\"mã\": số, …}; để trống nếu không có."
		default:
			msg = "Chữ tiếng Việt có dấu (Unicode)."
		}
		if c.field != nil && fieldHints[c.field.Name] != "" && c.ref == "" && len(c.field.Choices) == 0 {
			msg = fieldHints[c.field.Name]
		}
		if c.field != nil && (l.required[c.field.Name] || !c.field.Optional && c.field.Kind == data.FieldText && c.ref == "") {
			msg = "Bắt buộc. " + msg
		}
		dv.SetInput(vntext.Shorten(title, 32), vntext.Shorten(msg, 255))
		if dv.Type != "" {
			dv.SetError(excelize.DataValidationErrorStyleStop, "Giá trị không hợp lệ", vntext.Shorten(msg, 225))
		}
		if err := f.AddDataValidation(sheet, dv); err != nil {
			return internal(err)
		}
	}
	return nil
}

// ListsSheet is the hidden sheet of a template that holds its dropdown lists, one a column.
const ListsSheet = "Danh sách chọn"

// listRange writes values in the next free column of the hidden sheet of lists (made when
// missing) and gives the range Excel's dropdown reads them from.
func listRange(f *excelize.File, values []string) (string, error) {
	idx, err := f.GetSheetIndex(ListsSheet)
	if err != nil {
		return "", internal(err)
	}
	if idx < 0 {
		if _, err := f.NewSheet(ListsSheet); err != nil {
			return "", internal(err)
		}
		if err := f.SetSheetVisible(ListsSheet, false); err != nil {
			return "", internal(err)
		}
	}
	cols, err := f.GetCols(ListsSheet)
	if err != nil {
		return "", internal(err)
	}
	col, _ := excelize.ColumnNumberToName(len(cols) + 1)
	for i, v := range values {
		if err := f.SetCellStr(ListsSheet, fmt.Sprintf("%s%d", col, i+1), v); err != nil {
			return "", internal(err)
		}
	}
	return fmt.Sprintf("'%s'!$%s$1:$%s$%d", ListsSheet, col, col, len(values)), nil
}
