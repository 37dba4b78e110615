package xlsx

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	pathpkg "path"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"

	"ketnghia/data"
	"ketnghia/data/vntext"
)

// Problem is one thing wrong in a workbook, where a person finds it in Excel.
type Problem struct {
	Sheet   string `json:"sheet"`
	Row     int    `json:"row"`    // as Excel numbers rows (0: the sheet as a whole)
	Column  string `json:"column"` // the column's header ("" for the whole row)
	Message string `json:"message"`
}

func (p Problem) String() string {
	where := fmt.Sprintf("Trang %q", p.Sheet)
	if p.Row > 0 {
		where += fmt.Sprintf(", dòng %d", p.Row)
	}
	if p.Column != "" {
		where += fmt.Sprintf(", cột %q", p.Column)
	}
	return where + ": " + p.Message
}

// Conversion is a cell whose text was in an old Vietnamese encoding.
type Conversion struct {
	Sheet    string `json:"sheet"`
	Cell     string `json:"cell"`
	Encoding string `json:"encoding"`
	From     string `json:"from"`
	To       string `json:"to"`
	// Guessed: no font of the cell named the encoding; it was read from the text alone, and a
	// person should look at the cell.
	Guessed bool `json:"guessed"`
}

func (c Conversion) String() string {
	if c.Guessed {
		return fmt.Sprintf("Đã đoán là chữ %s (ô không dùng phông chữ cũ nên không biết chắc) và chuyển sang Unicode: trang %q, ô %s: %q → %q; hãy xem lại ô này.", c.Encoding, c.Sheet, c.Cell, c.From, c.To)
	}
	return fmt.Sprintf("Đã chuyển từ %s sang Unicode: trang %q, ô %s: %q → %q.", c.Encoding, c.Sheet, c.Cell, c.From, c.To)
}

// Counts says the rows read and what became of them: "12 dòng: 3 thêm mới, …".
func (r *Report) Counts() string {
	n := func(x int) string { return vntext.FormatInt(int64(x)) }
	return fmt.Sprintf("%s dòng: %s thêm mới, %s cập nhật, %s không đổi", n(r.Rows), n(r.Added), n(r.Updated), n(r.Unchanged))
}

// Report is what an import found and did.
type Report struct {
	File      string         `json:"file"`
	Rows      int            `json:"rows"` // rows of records read, good and bad (blank rows aside)
	Added     int            `json:"added"`
	Updated   int            `json:"updated"`
	Unchanged int            `json:"unchanged"`
	ByKind    map[string]int `json:"by_kind"` // rows read per kind (table)
	Problems  []Problem      `json:"problems"`
	Notes     []string       `json:"notes"` // sheets and columns left aside
	Converted []Conversion   `json:"converted"`
	// Layouts are the sheets not made from our templates and how their columns are read:
	// guessed ones wait for a person to confirm them (Options.Layouts, or AcceptLayouts).
	Layouts []Layout `json:"layouts,omitempty"`
	// Scope says, sheet by sheet, what the rows change (the year of the figures and the units),
	// before anything is written.
	Scope []string `json:"scope"`
	// Stale counts the rows a stored figure the file does not carry stood in the way of (refused,
	// or settled by Options.Stale).
	Stale   int  `json:"stale"`
	Written bool `json:"written"`
}

// Options say how an import goes.
type Options struct {
	DryRun  bool // check everything, write nothing
	SkipBad bool // write the good rows and leave out the bad ones (otherwise: nothing when one is bad)
	// Layouts are how a person says to read sheets not made from our templates (by sheet name);
	// AcceptLayouts takes the program's guesses as they are. A layout confirmed and imported is
	// remembered for the next file of that layout.
	Layouts       []Layout
	AcceptLayouts bool
	Year          int // the year of sheets whose layout gives none
	// Progress, when set, is told of the work as it goes (from the goroutine doing it).
	Progress func(Progress)
	// Stale says what to do with a stored figure the file does not carry that stands in the way
	// of a figure it does (causes of poverty adding up to more than the new poor count): by
	// default the row is refused and the figure named; StaleClear clears such figures of those
	// rows; StaleKeep keeps the stored figures the file would change in their way.
	Stale StalePolicy
}

// Progress is a step of a long piece of Excel work: what is being done, and how far it is.
type Progress struct {
	Stage       string // "Đang đọc trang “Số liệu rà soát”"
	Done, Total int    // rows (Total 0: not counted)
}

// String says it in one line: "Đang ghi: 12.000/21.371 dòng (56%)".
func (p Progress) String() string {
	if p.Total <= 0 {
		return p.Stage + " …"
	}
	return fmt.Sprintf("%s: %s/%s dòng (%d%%) …", p.Stage, vntext.FormatInt(int64(p.Done)), vntext.FormatInt(int64(p.Total)), p.Done*100/p.Total)
}

func (o Options) tell(stage string, done, total int) {
	if o.Progress != nil {
		o.Progress(Progress{Stage: stage, Done: done, Total: total})
	}
}

// StalePolicy is what an import does with stored figures in the way of a file's.
type StalePolicy string

const (
	StaleAsk   StalePolicy = ""
	StaleClear StalePolicy = "clear"
	StaleKeep  StalePolicy = "keep"
)

// Limits on what a workbook may unpack to, against a zip bomb on a USB stick.
const (
	maxUnzip    = 512 << 20
	maxUnzipXML = 256 << 20
)

// Import reads a workbook of ours (the whole database, or a template filled in) and writes its
// records in one transaction: all of them, or with SkipBad every good one, or none. A dry run
// checks every row by every rule a save applies and writes nothing. Units and other references
// are matched by identity, code or name (accents, case and old tone placement aside); a name
// that fits several is reported, never guessed.
func Import(ctx context.Context, s *data.Store, path string, opt Options) (rep *Report, err error) {
	rep = &Report{File: filepath.Base(path), ByKind: map[string]int{}, Problems: []Problem{}, Notes: []string{}, Converted: []Conversion{}, Scope: []string{}}
	defer func() {
		// A workbook crafted to break the reader is refused like any other damaged file.
		if r := recover(); r != nil {
			rep, err = nil, notWorkbook(path, fmt.Errorf("panic: %v", r))
		}
	}()
	if _, err := os.Stat(path); err != nil {
		return nil, &data.Error{Kind: data.KindInvalid, Err: err, Msg: fmt.Sprintf("Không có tệp %s. Hãy kiểm tra lại tên tệp.", path)}
	}
	opt.tell("Đang mở bảng tính", 0, 0)
	formulas, raw, err := checkZip(path)
	if err != nil {
		return nil, notWorkbook(path, err)
	}
	raw.index()
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true, UnzipSizeLimit: maxUnzip, UnzipXMLSizeLimit: maxUnzipXML})
	if err != nil {
		return nil, notWorkbook(path, err)
	}
	defer f.Close()
	refs, n, err := references(ctx, s)
	if err != nil {
		return nil, err
	}
	// Sheets in the registry's order: parents before the records that refer to them.
	type found struct {
		sheet  string
		kind   data.RecordKind
		layout *Layout // a sheet of another layout, read through it
	}
	var sheets []found
	seen := map[string]string{}
	reviews, _ := data.KindOf("reviews")
	for _, name := range f.GetSheetList() {
		if name == ListsSheet {
			continue // the template's dropdown lists
		}
		k, ok := kindOfSheet(name)
		if !ok {
			// A sheet of ours renamed ("Xã Văn Lem" for "Số liệu rà soát") is ours by its headings.
			k, ok = kindOfHeadings(f, name, refs, n.causes)
		}
		if !ok {
			lay, ok, err := layoutOfSheet(ctx, s, f, raw, name, path, opt, rep)
			if err != nil {
				return nil, err
			}
			if !ok {
				rep.Notes = append(rep.Notes, fmt.Sprintf("Trang %q không phải là trang dữ liệu của KetNghia, cũng không đọc được như một bảng số liệu rà soát, nên được bỏ qua.", name))
				continue
			}
			rep.Layouts = append(rep.Layouts, lay)
			if !lay.Confirmed {
				continue
			}
			sheets = append(sheets, found{name, reviews, &lay})
			continue
		}
		if k.Table == "submissions" {
			rep.Notes = append(rep.Notes, fmt.Sprintf("Trang %q chỉ để xem: việc gửi, duyệt số liệu làm ở màn hình Tình hình nộp số liệu (hoặc lệnh ketnghia decide), nên các dòng của trang này không được nhập.", name))
			continue
		}
		if other, dup := seen[k.Table]; dup {
			rep.Problems = append(rep.Problems, Problem{Sheet: name, Message: fmt.Sprintf("trang này và trang %q cùng chứa %s; hãy gộp lại thành một trang", other, k.Noun)})
			continue
		}
		seen[k.Table] = name
		sheets = append(sheets, found{name, k, nil})
	}
	order := map[string]int{}
	for i, k := range data.Kinds() {
		order[k.Table] = i
	}
	slices.SortStableFunc(sheets, func(a, b found) int { return order[a.kind.Table] - order[b.kind.Table] })
	if len(sheets) == 0 && len(rep.Layouts) > 0 {
		return rep, nil // layouts to confirm: nothing read yet
	}
	if len(sheets) == 0 {
		return nil, &data.Error{Kind: data.KindInvalid, Msg: fmt.Sprintf("Tệp %s không có trang dữ liệu nào của KetNghia (các trang phải mang tên như \"%s\"). Hãy dùng mẫu do chương trình tạo (ketnghia xlsx template).", filepath.Base(path), SheetName(data.Kinds()[0]))}
	}
	opt.tell("Đang đọc bảng tính", 0, 0)
	// Our sheets' rows read side by side (parsing the sheets' XML was a third of an import).
	// Each sheet is checked as soon as its rows are in, while the larger ones are still read.
	type readRows struct {
		rows [][]string
		err  error
		done chan struct{}
	}
	pre := map[string]*readRows{}
	var wg sync.WaitGroup
	defer wg.Wait() // no reader left behind on an early return
	limit := make(chan struct{}, max(1, runtime.NumCPU()))
	for _, sh := range sheets {
		if sh.layout != nil {
			continue
		}
		rr := &readRows{done: make(chan struct{})}
		pre[sh.sheet] = rr
		wg.Add(1)
		go func(sheet string) {
			defer wg.Done()
			defer close(rr.done)
			limit <- struct{}{}
			defer func() { <-limit }()
			defer func() {
				if r := recover(); r != nil { // a sheet crafted to break the reader
					rr.err = fmt.Errorf("panic: %v", r)
				}
			}()
			rr.rows, rr.err = sheetRows(f, raw, sheet)
		}(sh.sheet)
	}
	var pend []*pendingRow
	for _, sh := range sheets {
		opt.tell(fmt.Sprintf("Đang kiểm tra trang “%s”", sh.sheet), 0, 0)
		l := layoutOf(sh.kind, refs[sh.kind.Table], true, n.causes).reading()
		var src source
		if sh.layout != nil {
			rows, err := sheetRows(f, raw, sh.sheet)
			if err != nil {
				return nil, notWorkbook(path, err)
			}
			src = layoutSource(f, sh.sheet, *sh.layout, l, rows, rep)
			if sh.layout.Year == 0 && !layoutHas(*sh.layout, "year") {
				rep.Problems = append(rep.Problems, Problem{Sheet: sh.sheet, Message: "Không biết số liệu của trang này là năm nào (không có cột Năm, tiêu đề không ghi năm); hãy chọn năm khi xác nhận cách đọc các cột."})
				continue
			}
		} else {
			rr := pre[sh.sheet]
			<-rr.done
			if src, err = ourSource(f, sh.sheet, rr.rows, rr.err, rep); err != nil {
				return nil, err
			}
			if formulas {
				src.formulas = f
			}
		}
		ps, err := readSheet(ctx, s, sh.sheet, sh.kind, l, n, rep, src, opt.Stale)
		if err != nil {
			return nil, err
		}
		pend = append(pend, ps...)
		rep.ByKind[sh.kind.Table] += len(ps)
		if sh.kind.Table == "unit_moves" {
			n.formerPaths() // the units shown by where they stood before they moved
		}
		rep.Scope = append(rep.Scope, scopeOf(sh.sheet, sh.kind, ps, n)...)
	}
	recs := make([]data.Record, len(pend))
	for i, p := range pend {
		recs[i] = p.rec
	}
	refused := map[int]bool{}
	fresh := make([]bool, len(pend))
	sample := false
	for i, p := range pend {
		fresh[i] = p.before == nil // looked up by identity and by key: none is stored
		sample = sample || data.MetaOf(p.rec).Sample
	}
	stage := "Đang ghi"
	if opt.DryRun || (len(rep.Problems) > 0 && !opt.SkipBad) {
		stage = "Đang kiểm tra theo các quy định"
	}
	kept, err := s.WriteEach(ctx, recs, data.WriteOptions{
		Progress:   func(done, total int) { opt.tell(stage, done, total) },
		DryRun:     opt.DryRun || (len(rep.Problems) > 0 && !opt.SkipBad),
		KeepGood:   opt.SkipBad,
		Fresh:      fresh,
		SampleData: sample,
		Refused: func(i int, err error) {
			refused[i] = true
			p := Problem{Sheet: pend[i].sheet, Row: pend[i].row, Message: sentence(data.Message(err))}
			if de := (*data.Error)(nil); errors.As(err, &de) && de.Field != "" {
				p.Column = data.FieldLabel(de.Field)
			}
			rep.Problems = append(rep.Problems, p)
		}})
	if err != nil {
		return nil, err
	}
	for i, p := range pend {
		switch {
		case refused[i]:
		case p.before == nil:
			rep.Added++
		case data.Digest(p.before) == data.Digest(p.rec) && data.MetaOf(p.before).Sample == data.MetaOf(p.rec).Sample:
			rep.Unchanged++
		default:
			rep.Updated++
		}
	}
	slices.SortStableFunc(rep.Problems, func(a, b Problem) int {
		if a.Sheet != b.Sheet {
			return 0
		}
		return a.Row - b.Row
	})
	rep.Written = kept
	if kept {
		// The layouts of sheets of other layouts, as confirmed, for the next file like them.
		for _, sh := range sheets {
			if sh.layout != nil {
				if err := rememberLayout(ctx, s, *sh.layout); err != nil {
					return nil, err
				}
			}
		}
	}
	return rep, nil
}

// checkZip reads every part of the workbook's zip through to its checksum, within the size
// limit: the Excel reader takes a damaged part for an empty sheet. formulas tells whether a
// sheet holds a formula (each cell is then asked whether it has one that was never computed).
func checkZip(path string) (formulas bool, raw *rawBook, err error) {
	z, err := zip.OpenReader(path)
	if err != nil {
		return false, nil, err
	}
	defer z.Close()
	var total int64
	names := map[string]bool{}
	for _, zf := range z.File {
		names[zf.Name] = true
	}
	raw = &rawBook{parts: map[string][]byte{}}
	for _, zf := range z.File {
		rc, err := zf.Open()
		if err != nil {
			return false, nil, err
		}
		var w io.Writer = io.Discard
		scan := &formulaScan{}
		var part bytes.Buffer
		keep := keepPart(zf.Name)
		switch {
		case strings.HasPrefix(zf.Name, "xl/worksheets/"):
			w = scan
			if keep {
				part.Grow(int(min(zf.UncompressedSize64, 64<<20))) // the size a zip claims, within reason
				w = io.MultiWriter(scan, &part)
			}
		case keep:
			w = &part
		}
		n, err := io.Copy(w, io.LimitReader(rc, maxUnzip-total+1))
		rc.Close()
		if err != nil {
			return false, nil, err
		}
		formulas = formulas || scan.found
		if keep {
			raw.parts[zf.Name] = part.Bytes()
		}
		// Every part the workbook names is there: a sheet whose shared strings went missing
		// read as blank cells, and a mistake in them went unseen.
		if zf.Name == "xl/_rels/workbook.xml.rels" {
			for _, m := range relTarget.FindAllStringSubmatch(part.String(), -1) {
				if strings.Contains(m[0], `TargetMode="External"`) {
					continue
				}
				target := strings.TrimPrefix(m[1], "/")
				if !strings.HasPrefix(m[1], "/") {
					target = pathpkg.Clean("xl/" + target)
				}
				if !names[target] {
					return false, nil, fmt.Errorf("the part %s is missing", target)
				}
			}
		}
		if total += n; total > maxUnzip {
			return false, nil, fmt.Errorf("more than %d bytes unpacked", maxUnzip)
		}
	}
	return formulas, raw, nil
}

// relTarget is a relationship of the workbook and its target part.
var relTarget = regexp.MustCompile(`<Relationship [^>]*Target="([^"]+)"[^>]*>`)

// formulaScan looks for a formula element (<f>, <f …>, or with a namespace prefix, <x:f>) in a
// sheet's XML as it streams by.
type formulaScan struct {
	tail  []byte
	found bool
}

func (fs *formulaScan) Write(p []byte) (int, error) {
	if !fs.found {
		buf := append(fs.tail, p...)
		for _, pat := range [][]byte{[]byte("<f>"), []byte("<f "), []byte(":f>"), []byte(":f ")} {
			if bytes.Contains(buf, pat) {
				fs.found = true
			}
		}
		fs.tail = append(fs.tail[:0], buf[max(0, len(buf)-3):]...)
	}
	return len(p), nil
}

func notWorkbook(path string, err error) error {
	return &data.Error{Kind: data.KindInvalid, Err: err, Msg: fmt.Sprintf("Tệp %s không phải là bảng tính Excel (.xlsx) hoặc đã bị hỏng; không có gì được ghi. Hãy mở tệp bằng Excel, lưu lại dạng .xlsx rồi nhập lại.", filepath.Base(path))}
}

// layoutOfSheet reads how to take a sheet of another layout: the person's, the remembered one,
// or the program's guess (confirmed only with AcceptLayouts).
func layoutOfSheet(ctx context.Context, s *data.Store, f *excelize.File, raw *rawBook, sheet, path string, opt Options, rep *Report) (Layout, bool, error) {
	rows, err := sheetRows(f, raw, sheet)
	if err != nil {
		return Layout{}, false, notWorkbook(path, err)
	}
	// Headings and titles typed in the old fonts are read as Unicode first.
	fonts, scratch := newFontReader(f, sheet), &Report{}
	head := make([][]string, min(12, len(rows)))
	for r := range head {
		head[r] = make([]string, len(rows[r]))
		for c, v := range rows[r] {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			head[r][c] = fonts.text(cell, v, scratch)
		}
	}
	guess, ok := guessLayout(f, sheet, path, append(head, rows[len(head):]...))
	for _, l := range opt.Layouts {
		// A person's layout is for the sheet of the workbook they confirmed it on, with the same
		// headings: a second file is read afresh, with its own year (a 2023 file's figures were
		// written over 2024's through the first file's layout).
		if l.Sheet == sheet && (l.File == "" || l.File == fileKey(path)) && (l.Key == "" || !ok || l.Key == guess.Key) {
			l.Confirmed, l.Key, l.Area = true, guess.Key, guess.Area
			if l.Year == 0 {
				l.Year = opt.Year
			}
			return l, true, nil
		}
	}
	if !ok {
		return Layout{}, false, nil
	}
	if l, ok := rememberedLayout(ctx, s, guess.Key); ok {
		l.Sheet, l.Area, l.File = sheet, guess.Area, guess.File
		l.Year = guess.Year // this file's own year, never the last one's
		if l.Year == 0 {
			l.Year = opt.Year
		}
		if l.Year != 0 || layoutHas(l, "year") {
			return l, true, nil
		}
		// Known columns, but no year for this file: a person says it, as for a new layout.
		guess = l
		guess.Confirmed = opt.AcceptLayouts
		if !guess.Confirmed {
			rep.Problems = append(rep.Problems, Problem{Sheet: sheet, Message: "Các cột của trang này được đọc như đã xác nhận lần trước, nhưng tệp không ghi năm của số liệu; hãy nhập năm rồi xác nhận trước khi nhập."})
		}
		return guess, true, nil
	}
	if guess.Year == 0 {
		guess.Year = opt.Year
	}
	guess.Confirmed = opt.AcceptLayouts
	if !guess.Confirmed {
		rep.Problems = append(rep.Problems, Problem{Sheet: sheet, Message: "Trang này không theo mẫu của chương trình: chương trình đã đoán mỗi cột chứa số liệu gì (xem danh sách các cột); hãy xem lại, sửa nếu cần rồi xác nhận trước khi nhập."})
	}
	return guess, true, nil
}

func layoutHas(l Layout, field string) bool {
	for _, c := range l.Columns {
		if c.Field == field {
			return true
		}
	}
	return false
}

// sentence makes a message end as a sentence does.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") {
		return s
	}
	return s + "."
}

// header maps a sheet's header row to our columns (-1: a column we do not use).
func header(sheet string, cells []string, l layout, rep *Report) []int {
	out := make([]int, len(cells))
	used := map[int]bool{}
	for i, h := range cells {
		out[i] = -1
		fh := vntext.Fold(h)
		if fh == "" {
			continue
		}
		for j, c := range l.cols {
			names := []string{c.header}
			if c.key != "" {
				names = append(names, c.alias...)
			} else if c.field != nil {
				names = append(names, c.field.Label, c.field.Name)
			}
			if c.field == nil && !c.info && !c.sample {
				names = append(names, "Mã bản ghi", "id")
			}
			for _, name := range names {
				if vntext.Fold(name) == fh && !used[j] {
					out[i], used[j] = j, true
				}
			}
			if out[i] >= 0 {
				break
			}
		}
		if out[i] < 0 {
			rep.Notes = append(rep.Notes, fmt.Sprintf("Trang %q: cột %q không phải là trường nào của %s nên được bỏ qua.", sheet, h, l.kind.Noun))
		}
	}
	return out
}

// thousands is a whole number with its thousands marked by dots, the Vietnamese way.
var thousands = regexp.MustCompile(`^-?\d{1,3}(\.\d{3})+$`)

type pendingRow struct {
	sheet  string
	row    int // as Excel numbers it
	rec    data.Record
	before data.Record // the stored record it changes (nil: a new one)
	refs   map[int]string
	filled map[string]bool // the fields whose cells are not blank
	noID   bool            // the row has no identity: a template row
	ok     bool
}

// rowDay is the day a row speaks of, by which the units it names are read: a review's year's end,
// an activity's date, an assignment's start (zero: today's units and every other).
func rowDay(r data.Record) data.Date {
	if y, ok := data.FieldValue(r, "year").(int64); ok && y > 0 && y < 10000 {
		return data.YearEnd(int(y))
	}
	for _, f := range []string{"on_date", "start_on"} {
		if d, ok := data.FieldValue(r, f).(data.Date); ok && !d.IsZero() {
			return d
		}
	}
	return data.Date{}
}

// readSheet turns a sheet's rows into records, reporting every problem.
// source is a sheet's rows as our layout reads them: its header, its rows, the row numbers a
// person sees in Excel, and the reader of the cells' fonts (nil when the text was converted
// already).
type source struct {
	header []string
	rows   [][]string
	rowNo  []int
	fonts  *fontReader
	// formulas, when the workbook holds any, is asked about each blank cell that would be read:
	// a formula no program computed has no value, and was dropped as a blank.
	formulas *excelize.File
	file     *excelize.File // the workbook, to ask a cell's type
}

// ourSource reads a sheet of our layout.
func ourSource(f *excelize.File, sheet string, rows [][]string, err error, rep *Report) (source, error) {
	if err != nil {
		return source{}, notWorkbook(rep.File, err)
	}
	if len(rows) == 0 {
		return source{}, nil
	}
	src := source{header: rows[0], rows: rows[1:], fonts: newFontReader(f, sheet), file: f}
	for i := range src.rows {
		src.rowNo = append(src.rowNo, i+2)
	}
	return src, nil
}

func readSheet(ctx context.Context, s *data.Store, sheet string, k data.RecordKind, l layout, n *names, rep *Report, src source, stale StalePolicy) ([]*pendingRow, error) {
	if src.header == nil {
		rep.Notes = append(rep.Notes, fmt.Sprintf("Trang %q không có dòng nào.", sheet))
		return nil, nil
	}
	rows := src.rows
	cols := header(sheet, src.header, l, rep)
	finder := k.NewFinder(s)
	defer finder.Close()
	// The identities the rows give, checked together: most name no stored record (a workbook
	// of another database), and one look-up each was a fifth of the time of a large import.
	idCol := -1
	for i, c := range cols {
		if c >= 0 && l.cols[c].field == nil && !l.cols[c].info && !l.cols[c].sample {
			idCol = i
		}
	}
	var given []string
	for _, cells := range rows {
		if idCol >= 0 && idCol < len(cells) && strings.TrimSpace(cells[idCol]) != "" {
			given = append(given, strings.TrimSpace(cells[idCol]))
		}
	}
	stored, err := finder.Existing(ctx, given)
	if err != nil {
		return nil, err
	}
	// The fields of figures by code given a column per code (the poor households by cause): a
	// row's cells of them are the field's whole value, over the single column of older workbooks.
	keyed := map[string]int{} // field → its first column
	for _, c := range cols {
		if c >= 0 && l.cols[c].key != "" {
			if _, ok := keyed[l.cols[c].field.Name]; !ok {
				keyed[l.cols[c].field.Name] = c
			}
		}
	}
	var pend []*pendingRow
	for ri, cells := range rows {
		rowNo := src.rowNo[ri]
		if blank(cells) {
			continue
		}
		p := &pendingRow{sheet: sheet, row: rowNo, refs: map[int]string{}, filled: map[string]bool{}, ok: true}
		problem := func(col int, msg string) {
			h := ""
			if col >= 0 {
				h = l.cols[col].header
			}
			rep.Problems = append(rep.Problems, Problem{Sheet: sheet, Row: rowNo, Column: h, Message: sentence(msg)})
			p.ok = false
		}
		id, sample, sampleSet := "", false, false
		for i, c := range cells {
			if i < len(cols) && cols[i] >= 0 && l.cols[cols[i]].field == nil && !l.cols[cols[i]].info && !l.cols[cols[i]].sample {
				id = strings.TrimSpace(c)
			}
		}
		if id != "" && stored[id] {
			before, ok, err := finder.Load(ctx, id)
			if err != nil {
				return nil, err
			}
			if ok {
				p.before = before
				p.rec = k.New()
				data.CopyRecord(p.rec, before)
			}
		}
		if p.rec == nil {
			p.rec = k.New()
			if id == "" {
				id, p.noID = data.NewID(), true
			}
			data.SetIdentity(p.rec, id, false)
		}
		set := data.FieldSetter(p.rec)
		entries := map[string][]string{} // keyed field → "code: figure" of its cells not blank
		for i, raw := range cells {
			if i >= len(cols) || cols[i] < 0 {
				continue
			}
			c := l.cols[cols[i]]
			cellName, _ := excelize.CoordinatesToCellName(i+1, rowNo)
			switch {
			case c.info || (c.field == nil && !c.sample):
				continue
			case c.sample:
				b, err := cellYesNo(raw)
				if err != nil {
					problem(cols[i], err.Error())
				}
				sample, sampleSet = b, true
				continue
			case c.key != "":
				t := strings.TrimSpace(raw)
				if t == "" {
					continue
				}
				x, ok := cellNumber(t)
				if !ok || x != math.Trunc(x) {
					problem(cols[i], fmt.Sprintf("ô %s ghi “%s”, không phải là một số hộ; hãy ghi số nguyên (để trống nếu không có hộ nào)", cellName, t))
					continue
				}
				p.filled[c.field.Name] = true
				entries[c.field.Name] = append(entries[c.field.Name], c.key+": "+strconv.FormatInt(int64(x), 10))
				continue
			case c.pairs && keyed[c.field.Name] > 0:
				continue // the columns of each code are read instead
			}
			if strings.TrimSpace(raw) != "" {
				p.filled[c.field.Name] = true
			} else if src.formulas != nil {
				if fm, err := src.formulas.GetCellFormula(sheet, cellName); err == nil && fm != "" {
					problem(cols[i], uncomputed(cellName, fm))
					continue
				}
			}
			var v any = raw
			switch c.field.Kind {
			case data.FieldText:
				if src.fonts != nil {
					v = src.fonts.text(cellName, raw, rep)
				}
			case data.FieldInt, data.FieldDate:
				// A number cell, unless it reads as thousands written the Vietnamese way
				// ("1.234", typed as text): then it is a thousand and more, not one and a bit.
				// Typed as a number, 1.234 is one and a bit: not a whole number, and said so.
				x, ok := cellNumber(raw)
				if ok && thousands.MatchString(strings.TrimSpace(raw)) && src.file != nil {
					if t, err := src.file.GetCellType(sheet, cellName); err == nil && (t == excelize.CellTypeNumber || t == excelize.CellTypeUnset) {
						problem(cols[i], fmt.Sprintf("ô %s chứa số thập phân %s nhưng cột này cần số nguyên; nếu là %s, hãy ghi %s (không có dấu chấm)",
							cellName, strings.ReplaceAll(raw, ".", ","), vntext.FormatInt(int64(x*1000+0.5)), strconv.FormatInt(int64(x*1000+0.5), 10)))
						continue
					}
				}
				if ok && !thousands.MatchString(strings.TrimSpace(raw)) {
					v = x
				}
			case data.FieldFloat:
				if x, ok := cellNumber(raw); ok {
					v = x
				}
			}
			if c.ref != "" {
				if t, _ := v.(string); strings.TrimSpace(t) != "" {
					p.refs[cols[i]] = t
					continue
				}
			}
			tv, err := typedCell(*c.field, v)
			if err == nil {
				err = set(c.field.Name, tv)
			}
			if err != nil {
				problem(cols[i], err.Error())
			}
		}
		for name, col := range keyed {
			if err := set(name, strings.Join(entries[name], "; ")); err != nil {
				problem(col, err.Error())
			}
		}
		// Past the row's last value, a formula never computed is a cell the reader leaves out.
		for i := len(cells); src.formulas != nil && i < len(cols); i++ {
			if cols[i] < 0 || l.cols[cols[i]].field == nil {
				continue
			}
			cellName, _ := excelize.CoordinatesToCellName(i+1, rowNo)
			if fm, err := src.formulas.GetCellFormula(sheet, cellName); err == nil && fm != "" {
				problem(cols[i], uncomputed(cellName, fm))
			}
		}
		if !sampleSet && p.before != nil {
			sample = data.MetaOf(p.before).Sample
		}
		data.SetIdentity(p.rec, data.MetaOf(p.rec).ID, sample)
		pend = append(pend, p)
	}
	if k.Table == "units" {
		// Parents first, so that a unit's parent in the same sheet is known when it is read.
		slices.SortStableFunc(pend, func(a, b *pendingRow) int { return levelRank(a.rec) - levelRank(b.rec) })
	}
	present, sampleCol := map[string]bool{}, false
	for _, c := range cols {
		if c >= 0 && l.cols[c].field != nil {
			present[l.cols[c].field.Name] = true
		}
		sampleCol = sampleCol || c >= 0 && l.cols[c].sample
	}
	fields := make([]string, 0, len(present))
	for name := range present {
		fields = append(fields, name)
	}
	var out []*pendingRow
	rowOf := map[string]int{} // record ID → the first row that writes it
	skipped := 0
	defer func() {
		if skipped > 0 {
			rep.Notes = append(rep.Notes, fmt.Sprintf("Trang %q: %s dòng chưa điền số liệu nên được bỏ qua.", sheet, vntext.FormatInt(int64(skipped))))
		}
	}()
	for _, p := range pend {
		day := rowDay(p.rec)
		for ci, text := range p.refs {
			c := l.cols[ci]
			id, why := n.resolveOn(c.ref, text, day)
			if why != "" {
				rep.Problems = append(rep.Problems, Problem{Sheet: sheet, Row: p.row, Column: c.header, Message: sentence(why)})
				p.ok = false
				continue
			}
			if err := data.SetField(p.rec, c.field.Name, id); err != nil {
				rep.Problems = append(rep.Problems, Problem{Sheet: sheet, Row: p.row, Column: c.header, Message: sentence(err.Error())})
				p.ok = false
			}
		}
		if p.noID && p.ok && !filledBeyond(p.filled, k.KeyColumns()) {
			skipped++ // a template row left blank
			continue
		}
		if p.before == nil {
			// A row without an identity that names a record already stored (a unit's review of
			// that year) changes that record, in the cells filled in, rather than adding a
			// second one.
			id, ok, err := finder.Find(ctx, p.rec)
			if err != nil {
				return nil, err
			}
			if ok {
				before, _, err := finder.Load(ctx, id)
				if err != nil {
					return nil, err
				}
				merged := k.New()
				data.CopyRecord(merged, before)
				take := fields
				if p.noID {
					take = nil
					for name := range p.filled {
						take = append(take, name)
					}
					slices.Sort(take) // the same row settles the same way every time
				}
				data.TakeFields(merged, p.rec, take)
				if sampleCol {
					data.SetIdentity(merged, id, data.MetaOf(p.rec).Sample)
				}
				p.before, p.rec = before, merged
				if msg := settleStale(p.rec, before, take, stale, rep); msg != "" {
					rep.Problems = append(rep.Problems, Problem{Sheet: sheet, Row: p.row, Message: msg})
					p.ok = false
				}
			}
		}
		id := data.MetaOf(p.rec).ID
		if first, dup := rowOf[id]; dup {
			rep.Problems = append(rep.Problems, Problem{Sheet: sheet, Row: p.row, Message: fmt.Sprintf("Dòng này và dòng %d cùng ghi một %s (cùng mã bản ghi, hoặc cùng %s); hãy giữ lại một dòng.", first, k.Noun, k.KeyWords())})
			p.ok = false
		} else {
			rowOf[id] = p.row
		}
		if k.Table == "units" || k.Table == "twinning_units" || k.Table == "criteria_sets" {
			n.add(k.Table, []data.Record{p.rec})
		}
		if k.Table == "unit_moves" && p.ok {
			n.addMove(p.rec)
		}
		rep.Rows++ // a row with figures, good or bad
		if p.ok {
			out = append(out, p)
		}
	}
	return out, nil
}

// filledBeyond reports whether a row fills in any field but those of the natural key (a review
// row with its unit and year only is a row left blank).
func filledBeyond(filled map[string]bool, key []string) bool {
	for f := range filled {
		if !slices.Contains(key, f) {
			return true
		}
	}
	return false
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// scopeOf says what a sheet's rows are about: for reviews, each year and its units by name (the
// first few), so that a person sees which year a file will change before it is written.
func scopeOf(sheet string, k data.RecordKind, ps []*pendingRow, n *names) []string {
	if len(ps) == 0 {
		return nil
	}
	if k.Table != "reviews" {
		return []string{fmt.Sprintf("Trang “%s”: %s dòng %s.", sheet, vntext.FormatInt(int64(len(ps))), k.Noun)}
	}
	units := map[int][]string{}
	seen := map[int]map[string]bool{}
	for _, p := range ps {
		r, ok := p.rec.(*data.Review)
		if !ok || r.UnitID == "" {
			continue
		}
		if seen[r.Year] == nil {
			seen[r.Year] = map[string]bool{}
		}
		if !seen[r.Year][r.UnitID] {
			seen[r.Year][r.UnitID] = true
			units[r.Year] = append(units[r.Year], r.UnitID)
		}
	}
	var out []string
	for _, y := range slices.Sorted(maps.Keys(units)) {
		ids := units[y]
		var shown []string
		for _, id := range ids[:min(len(ids), 4)] {
			if name := n.names[id]; name != "" {
				shown = append(shown, name)
			}
		}
		list := strings.Join(shown, ", ")
		if more := len(ids) - len(shown); more > 0 && len(shown) > 0 {
			list += fmt.Sprintf(" và %s đơn vị khác", vntext.FormatInt(int64(more)))
		}
		out = append(out, fmt.Sprintf("Trang “%s”: số liệu rà soát NĂM %d của %s đơn vị (%s).", sheet, y, vntext.FormatInt(int64(len(ids))), list))
	}
	return out
}

// uncomputed says a formula cell has no value to read.
func uncomputed(cell, formula string) string {
	return fmt.Sprintf("ô %s có công thức =%s nhưng không có giá trị đã tính (tệp được lưu bằng một chương trình không tính công thức); hãy mở tệp bằng Excel rồi lưu lại, hoặc ghi số thay cho công thức", cell, vntext.Shorten(formula, 40))
}

// settleStale looks at a row that changes some fields (take) of a stored record: when a stored
// field the row does not carry breaks a rule with the new values, it is cleared (StaleClear), or
// the new values in its way give way to the stored ones (StaleKeep), or the row is refused with
// a message naming it and the two ways out ("" when nothing is in the way, or it was settled).
func settleStale(rec, before data.Record, take []string, policy StalePolicy, rep *Report) string {
	err := data.CheckAlone(rec)
	field := fieldOfErr(err)
	if err == nil || field == "" || slices.Contains(take, field) {
		return ""
	}
	rep.Stale++
	label := data.FieldLabel(field)
	switch policy {
	case StaleClear:
		for range 8 { // each stored figure in the way, one after another
			if err := data.SetField(rec, field, nil); err != nil {
				break
			}
			err = data.CheckAlone(rec)
			field = fieldOfErr(err)
			if err == nil || field == "" || slices.Contains(take, field) {
				break
			}
		}
	case StaleKeep:
		// The stored figure of one field the file would change, the one that alone settles the
		// row: taking them back one after another in the file's order also took back figures
		// that were not in the way (the near-poor count, when it came before the poor count).
		var changed []string
		for _, f := range take {
			if !reflect.DeepEqual(data.FieldValue(rec, f), data.FieldValue(before, f)) {
				changed = append(changed, f)
			}
		}
		slices.Sort(changed)
		for _, f := range changed {
			trial := reflect.New(reflect.TypeOf(rec).Elem()).Interface().(data.Record)
			data.CopyRecord(trial, rec)
			data.TakeFields(trial, before, []string{f})
			if data.CheckAlone(trial) == nil {
				data.TakeFields(rec, before, []string{f})
				return ""
			}
		}
		for _, f := range changed { // none alone: as many as it takes
			data.TakeFields(rec, before, []string{f})
			if data.CheckAlone(rec) == nil {
				return ""
			}
		}
	}
	if err := data.CheckAlone(rec); err != nil {
		return fmt.Sprintf("số liệu đã lưu cản dòng này: %s. Tệp không có cột %s; hãy chọn xóa %s đã lưu của các dòng như thế (trên màn hình: “Xóa số liệu đã lưu cản trở”; dòng lệnh: --stale clear), hoặc giữ số liệu đã lưu mà dòng này định đổi (“Giữ số liệu đã lưu”; --stale keep)",
			strings.TrimSuffix(data.Message(err), "."), strings.ToLower(label), strings.ToLower(label))
	}
	return ""
}

func fieldOfErr(err error) string {
	var de *data.Error
	if errors.As(err, &de) {
		return de.Field
	}
	return ""
}

// kindOfHeadings finds the kind whose sheet of ours a sheet's first row is: its identity column and
// most of its columns, by their headings.
func kindOfHeadings(f *excelize.File, sheet string, refs map[string]map[string]string, causes []data.CauseGroup) (data.RecordKind, bool) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return data.RecordKind{}, false
	}
	defer rows.Close()
	if !rows.Next() {
		return data.RecordKind{}, false
	}
	first, err := rows.Columns()
	if err != nil {
		return data.RecordKind{}, false
	}
	have := map[string]bool{}
	for _, h := range first {
		have[vntext.Fold(h)] = true
	}
	if !have[vntext.Fold(idHeader)] {
		return data.RecordKind{}, false
	}
	var best data.RecordKind
	bestShare := 0.0
	for _, k := range data.Kinds() {
		l := layoutOf(k, refs[k.Table], true, causes)
		n := 0
		for _, c := range l.cols {
			if have[vntext.Fold(c.header)] {
				n++
			}
		}
		if share := float64(n) / float64(len(l.cols)); share > bestShare {
			best, bestShare = k, share
		}
	}
	return best, bestShare >= 0.6
}
