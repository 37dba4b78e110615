package xlsx

import (
	"context"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"ketnghia/data"
	"ketnghia/data/safefile"
)

// styles are the cell formats of our workbooks.
type styles struct {
	title, header, integer, decimal, date, text, info int
	// a template's: the heading of a required column, cells to type in (unlocked), cells to read
	inHeader, inInteger, inDecimal, inDate, inText, readOnly int
}

func newStyles(f *excelize.File) (styles, error) {
	var st styles
	var err error
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	font := &excelize.Font{Family: "Times New Roman", Size: 12}
	st.title = mk(&excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 14, Bold: true}})
	st.header = mk(&excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 12, Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE6F1"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center", Horizontal: "center"},
		Border:    []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}})
	intFmt, decFmt, dateFmt := "#,##0", "#,##0.0#", "dd/mm/yyyy"
	st.integer = mk(&excelize.Style{Font: font, CustomNumFmt: &intFmt})
	st.decimal = mk(&excelize.Style{Font: font, CustomNumFmt: &decFmt})
	st.date = mk(&excelize.Style{Font: font, CustomNumFmt: &dateFmt})
	st.text = mk(&excelize.Style{Font: font})
	st.info = mk(&excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 12, Italic: true, Color: "595959"}})
	open := &excelize.Protection{Locked: false}
	st.inHeader = mk(&excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 12, Bold: true, Color: "9C0006"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FCE4D6"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center", Horizontal: "center"},
		Border:    []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}})
	st.inInteger = mk(&excelize.Style{Font: font, CustomNumFmt: &intFmt, Protection: open})
	st.inDecimal = mk(&excelize.Style{Font: font, CustomNumFmt: &decFmt, Protection: open})
	st.inDate = mk(&excelize.Style{Font: font, CustomNumFmt: &dateFmt, Protection: open})
	textFmt := "@" // typed as text: a code keeps its leading zero
	st.inText = mk(&excelize.Style{Font: font, CustomNumFmt: &textFmt, Protection: open})
	st.readOnly = mk(&excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 12, Italic: true, Color: "595959"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EDEDED"}}})
	return st, err
}

// Export writes the whole database (or the kinds named by their tables) to an Excel workbook at
// path: a sheet per kind of record, with Vietnamese headers, number formats, a frozen header row
// and fitted columns. The file is written beside path under a temporary name, synced and renamed.
func Export(ctx context.Context, s *data.Store, path string, tables ...string) (map[string]int, error) {
	return ExportWith(ctx, s, path, nil, tables...)
}

// ExportWith is Export telling progress, when not nil, of each sheet and of every 5,000 rows.
func ExportWith(ctx context.Context, s *data.Store, path string, progress func(Progress), tables ...string) (map[string]int, error) {
	tell := func(p Progress) {
		if progress != nil {
			progress(p)
		}
	}
	refs, refNames, err := references(ctx, s)
	if err != nil {
		return nil, err
	}
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return nil, internal(err)
	}
	counts := map[string]int{}
	first := true
	for _, k := range data.Kinds() {
		if len(tables) > 0 && !slices.Contains(tables, k.Table) {
			continue
		}
		name := SheetName(k)
		if first {
			first = false
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return nil, internal(err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return nil, internal(err)
		}
		l := layoutOf(k, refs[k.Table], true, refNames.causes)
		count, err := exportKind(ctx, s, f, name, k, l, refNames, st, func(done, total int) {
			tell(Progress{Stage: fmt.Sprintf("Đang xuất trang “%s”", name), Done: done, Total: total})
		})
		if err != nil {
			return nil, err
		}
		counts[k.Table] = count
	}
	tell(Progress{Stage: "Đang lưu bảng tính"})
	if err := save(f, path); err != nil {
		return nil, err
	}
	return counts, nil
}

// exportKind writes a kind's live records to its sheet, streamed: the first thousand set the
// columns' widths. Units are read whole, to write parents first.
func exportKind(ctx context.Context, s *data.Store, f *excelize.File, sheet string, k data.RecordKind, l layout, n *names, st styles, progress func(done, total int)) (int, error) {
	var sample [][]any
	var w *sheetWriter
	count := 0
	total, err := s.CountLive(ctx, k)
	if err != nil {
		return 0, err
	}
	progress(0, total)
	put := func(r data.Record) error {
		count++
		if count%5000 == 0 {
			progress(count, total)
		}
		row := l.row(r, n)
		if w == nil {
			if sample = append(sample, row); len(sample) < 1000 {
				return nil
			}
			var err error
			if w, err = startSheet(f, sheet, l, nil, sample, total, st, nil); err != nil {
				return err
			}
			for _, r := range sample {
				if err := w.row(r); err != nil {
					return err
				}
			}
			return nil
		}
		return w.row(row)
	}
	if k.Table == "units" {
		var recs []data.Record
		if err := s.EachLive(ctx, k, func(r data.Record) error { recs = append(recs, r); return nil }); err != nil {
			return 0, err
		}
		sortParentsFirst(recs)
		for _, r := range recs {
			if err := put(r); err != nil {
				return 0, err
			}
		}
	} else if err := s.EachLive(ctx, k, put); err != nil {
		return 0, err
	}
	if w == nil {
		return count, writeSheet(f, sheet, l, sample, st, nil)
	}
	return count, w.flush()
}

// sortParentsFirst orders units from the province down, so that a unit's parent comes before it.
func sortParentsFirst(recs []data.Record) {
	slices.SortStableFunc(recs, func(a, b data.Record) int { return levelRank(a) - levelRank(b) })
}

// levelRank is a unit's depth: 0 for a province, 3 for a village.
func levelRank(r data.Record) int {
	v := fmt.Sprint(data.FieldValue(r, "level"))
	for i, l := range []data.Level{data.LevelProvince, data.LevelDistrict, data.LevelCommune, data.LevelVillage} {
		if v == l.Label() || v == string(l) {
			return i
		}
	}
	return 4
}

// row is a record's cells.
func (l layout) row(r data.Record, n *names) []any {
	out := make([]any, len(l.cols))
	m := data.MetaOf(r)
	for i, c := range l.cols {
		switch {
		case c.sample:
			out[i] = yesNo(m.Sample)
		case c.field == nil && !c.info:
			out[i] = m.ID
		case c.info:
			if id, ok := data.FieldValue(r, l.cols[i-1].field.Name).(string); ok {
				out[i] = n.path[id]
			}
		case c.key != "":
			out[i] = data.FieldEntry(r, c.field.Name, c.key)
		default:
			v := data.FieldValue(r, c.field.Name)
			switch x := v.(type) {
			case nil:
			case bool:
				out[i] = yesNo(x)
			case data.Date:
				out[i] = x.Time()
			case string:
				if name, ok := n.offices[x]; ok && strings.HasSuffix(c.field.Name, "_office") && name != "" {
					x = name // who sent or decided: the office by its name
				}
				if c.ref != "" {
					if d, ok := n.display[c.ref][x]; ok {
						x = d
					}
					if f, ok := n.friendly[x]; ok && c.ref == "units" && l.kind.Table != "unit_moves" && l.kind.Table != "unit_links" {
						x = f // where it stood before it moved, rather than its identity
					}
				}
				out[i] = x
			default:
				out[i] = x
			}
		}
	}
	return out
}

func yesNo(b bool) string {
	if b {
		return "có"
	}
	return "không"
}

// writeSheet streams rows into a sheet under its header, with a style per column, fitted widths
// (from the first thousand rows), a frozen header row, the print setup and, when given, what
// before adds to the sheet (hints and checks): the stream writer keeps only what the sheet had
// when it started.
func writeSheet(f *excelize.File, sheet string, l layout, rows [][]any, st styles, before func() error) error {
	return writeTitled(f, sheet, l, nil, rows, st, before)
}

// writeTitled is writeSheet with lines above the header (a list's title and filter).
func writeTitled(f *excelize.File, sheet string, l layout, title [][]any, rows [][]any, st styles, before func() error) error {
	w, err := startSheet(f, sheet, l, title, rows[:min(len(rows), 1000)], len(rows), st, before)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if err := w.row(r); err != nil {
			return err
		}
	}
	return w.flush()
}

// sheetWriter streams a sheet's rows under its header.
type sheetWriter struct {
	sw       *excelize.StreamWriter
	colStyle []int
	cells    []any
	next     int // the next row, as Excel numbers rows
}

// startSheet sets a sheet up (widths fitted to sample, the print setup, what before adds) and
// writes its title lines and header.
func startSheet(f *excelize.File, sheet string, l layout, title [][]any, sample [][]any, total int, st styles, before func() error) (*sheetWriter, error) {
	widths := make([]float64, len(l.cols))
	for i, c := range l.cols {
		widths[i] = min(max(float64(utf8.RuneCountInString(c.header))/2+2, 10), 40)
	}
	for _, r := range sample {
		for i, v := range r {
			w := 0
			switch x := v.(type) {
			case string:
				w = utf8.RuneCountInString(x)
			case nil:
			default:
				w = len(fmt.Sprint(x)) + 2
			}
			widths[i] = min(max(widths[i], float64(w)+2), 60)
		}
	}
	top := len(title) + 1 // the header's row
	titleCols := 0
	for i, c := range l.cols {
		if c.info || c.ref == "units" && titleCols == 0 {
			titleCols = i + 1
		}
	}
	if err := printSetup(f, sheet, widths, titleCols, top); err != nil {
		return nil, err
	}
	if before != nil {
		if err := before(); err != nil {
			return nil, err
		}
	}
	// The sheet's size, and a filter on its header: the stream writer keeps both from the sheet as
	// it starts (its size was "A1", and readers that trust it saw one row).
	lastCol, _ := excelize.ColumnNumberToName(max(len(l.cols), 1))
	if err := f.SetSheetDimension(sheet, fmt.Sprintf("A1:%s%d", lastCol, top+total)); err != nil {
		return nil, internal(err)
	}
	if err := f.AutoFilter(sheet, fmt.Sprintf("A%d:%s%d", top, lastCol, top+max(total, 1)), nil); err != nil {
		return nil, internal(err)
	}
	if l.template {
		// Read-only cells locked, no password: a slip of the hand does not overwrite them.
		yes := true
		if err := f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{FormatCells: yes, FormatColumns: yes, FormatRows: yes,
			InsertRows: yes, DeleteRows: yes, Sort: yes, AutoFilter: yes, SelectLockedCells: yes, SelectUnlockedCells: yes}); err != nil {
			return nil, internal(err)
		}
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, internal(err)
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return nil, internal(err)
		}
	}
	first, _ := excelize.CoordinatesToCellName(1, top+1)
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: top, TopLeftCell: first, ActivePane: "bottomLeft"}); err != nil {
		return nil, internal(err)
	}
	w := &sheetWriter{sw: sw, colStyle: make([]int, len(l.cols)), cells: make([]any, len(l.cols)), next: top + 1}
	for i, c := range l.cols {
		w.colStyle[i] = st.text
		switch {
		case c.info:
			w.colStyle[i] = st.info
		case c.field == nil || c.ref != "":
		case c.field.Kind == data.FieldInt || c.key != "":
			w.colStyle[i] = st.integer
			if isYear(c.field.Name) {
				w.colStyle[i] = st.text
			}
		case c.field.Kind == data.FieldFloat:
			w.colStyle[i] = st.decimal
		case c.field.Kind == data.FieldDate:
			w.colStyle[i] = st.date
		}
		if l.template {
			w.colStyle[i] = templateStyle(c, st)
		}
	}
	if l.template {
		// Down the whole column, so that the blank rows below are formatted too (a date typed in
		// a General cell became a number).
		for i, style := range w.colStyle {
			if err := sw.SetColStyle(i+1, i+1, style); err != nil {
				return nil, internal(err)
			}
		}
	}
	for i, t := range title {
		style := st.title
		if i > 0 {
			style = st.info
		}
		cells := make([]any, len(t))
		for j, v := range t {
			cells[j] = excelize.Cell{StyleID: style, Value: v}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, cells); err != nil {
			return nil, internal(err)
		}
	}
	head := make([]any, len(l.cols))
	for i, c := range l.cols {
		style := st.header
		if l.template && c.field != nil && (l.required[c.field.Name] || !c.field.Optional && c.field.Kind == data.FieldText && c.ref == "") {
			style = st.inHeader // required: marked, and its hint says so
		}
		head[i] = excelize.Cell{StyleID: style, Value: c.header}
	}
	headCell, _ := excelize.CoordinatesToCellName(1, top)
	if err := sw.SetRow(headCell, head, excelize.RowOpts{Height: 48}); err != nil {
		return nil, internal(err)
	}
	return w, nil
}

func (w *sheetWriter) row(r []any) error {
	if w.next > maxRows {
		return &data.Error{Kind: data.KindInvalid, Msg: "Có nhiều dòng hơn một trang Excel chứa được (1.048.576); hãy xuất từng phần."}
	}
	for i, v := range r {
		w.cells[i] = excelize.Cell{StyleID: w.colStyle[i], Value: v}
	}
	cell, _ := excelize.CoordinatesToCellName(1, w.next)
	w.next++
	if err := w.sw.SetRow(cell, w.cells); err != nil {
		return internal(err)
	}
	return nil
}

func (w *sheetWriter) flush() error {
	if err := w.sw.Flush(); err != nil {
		return internal(err)
	}
	return nil
}

// printSetup makes a sheet print as the office prints: A4 landscape, a page wide (or as many as
// keep the text readable: about 160 characters a page), the header row and the columns that
// name the record (up to titleCols) on every page.
func printSetup(f *excelize.File, sheet string, widths []float64, titleCols, headRow int) error {
	total := 0.0
	for _, w := range widths {
		total += w
	}
	a4, landscape, wide, tall, fit := 9, "landscape", int(math.Ceil(total/160)), 0, true
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return internal(err)
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return internal(err)
	}
	quoted := strings.ReplaceAll(sheet, "'", "''")
	titles := fmt.Sprintf("'%s'!$%d:$%d", quoted, headRow, headRow)
	if wide > 1 && titleCols > 0 {
		last, _ := excelize.ColumnNumberToName(titleCols)
		titles = fmt.Sprintf("'%s'!$A:$%s,%s", quoted, last, titles)
	}
	err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: titles, Scope: sheet})
	if err != nil {
		return internal(err)
	}
	return nil
}

func isYear(field string) bool {
	return field == "year" || field == "from_year" || field == "to_year" || len(field) > 5 && field[len(field)-5:] == "_year"
}

// save writes the workbook beside path under a temporary name, syncs it and renames it.
func save(f *excelize.File, path string) error {
	err := safefile.WriteWith(path, func(w io.Writer) error { return f.Write(w) })
	if err != nil {
		return writeError(path, err)
	}
	return nil
}

func writeError(path string, err error) error {
	return &data.Error{Kind: data.KindInternal, Err: err, Msg: fmt.Sprintf("Không ghi được tệp %s: thư mục %s không ghi được hoặc ổ đĩa đã đầy. Hãy chọn thư mục khác rồi thử lại.", filepath.Base(path), filepath.Dir(path))}
}

func internal(err error) error {
	return &data.Error{Kind: data.KindInternal, Err: err, Msg: "Không tạo được bảng tính Excel; hãy thử lại."}
}

// templateStyle is the style of a template's column: grey and locked for reading only (the
// identity, a unit's full name), else unlocked in its format.
func templateStyle(c column, st styles) int {
	switch {
	case c.info || (c.field == nil && !c.sample):
		return st.readOnly
	case c.field == nil || c.ref != "":
		return st.inText
	case c.field.Kind == data.FieldInt && !isYear(c.field.Name) || c.key != "":
		return st.inInteger
	case c.field.Kind == data.FieldFloat:
		return st.inDecimal
	case c.field.Kind == data.FieldDate:
		return st.inDate
	}
	return st.inText
}
