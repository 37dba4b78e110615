package xlsx

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"ketnghia/data"
	"ketnghia/data/vntext"
)

// Workbooks not made from our templates (the office's old yearly files, a commune's own sheet)
// are read through a Layout: which row holds the headings (one row, or a merged heading over a
// row of sub-headings), and which column holds which field of the yearly review. The program
// guesses it from the Vietnamese headings, with or without accents; a person confirms it (or
// changes it) before anything is written, and it is remembered for the next file of the same
// layout.

// Layout is how a sheet of another layout maps to the fields of the yearly review.
type Layout struct {
	Sheet      string `json:"sheet"`
	Key        string `json:"key"`         // a fingerprint of the headings: the same layout, the same key
	HeaderRow  int    `json:"header_row"`  // the first row of headings, as Excel numbers rows
	HeaderRows int    `json:"header_rows"` // 1, or 2 for a merged heading over sub-headings
	Year       int    `json:"year"`        // the year of every row when no column gives it (0: a column does)
	// Area is the district the sheet's title names ("… NĂM 2024 – HUYỆN ĐĂK HÀ") when no column
	// does: the units its rows name are read within it. Each file's own, never remembered.
	Area string `json:"area,omitempty"`
	// File is the workbook the layout was read from: a person's layout (Options.Layouts) is for
	// that workbook alone; another file, even with a sheet of the same name, is read afresh.
	File      string         `json:"file,omitempty"`
	Columns   []LayoutColumn `json:"columns"`
	Confirmed bool           `json:"confirmed"` // a person confirmed it (or it was remembered)
}

// LayoutColumn is one column of a sheet and the field it holds ("" for none).
type LayoutColumn struct {
	Column  string `json:"column"` // A, B, …
	Heading string `json:"heading"`
	Field   string `json:"field"` // a review field, or unitCode, villageName, communeName, districtName
	Label   string `json:"label"` // the field in Vietnamese
}

// The columns that name the unit a row is about.
const (
	unitCode     = "unit_code"
	villageName  = "village_name"
	communeName  = "commune_name"
	districtName = "district_name"
)

// LayoutFields are the fields a column can hold, with their Vietnamese names: what a person
// chooses from.
func LayoutFields() [][2]string {
	out := [][2]string{{"", "(không dùng)"}, {unitCode, "Mã đơn vị (xã)"}, {villageName, "Tên thôn, làng"}, {communeName, "Tên xã"}, {districtName, "Tên huyện"}}
	k, _ := data.KindOf("reviews")
	for _, f := range k.Fields() {
		if f.Name == "unit_id" {
			continue
		}
		out = append(out, [2]string{f.Name, f.Label})
	}
	return out
}

func layoutLabel(field string) string {
	for _, f := range LayoutFields() {
		if f[0] == field {
			return f[1]
		}
	}
	return field
}

// synonyms are the headings old sheets give the fields, folded (accents and case aside); a
// heading holding every word of one names the field, the longest match winning.
var synonyms = map[string][]string{
	unitCode:              {"ma xa", "ma don vi", "ma so xa"},
	villageName:           {"thon", "lang", "ten thon", "thon lang", "thon, lang", "to dan pho", "ban", "buon"},
	communeName:           {"xa", "ten xa", "xa phuong thi tran", "xa, phuong, thi tran", "phuong", "don vi"},
	districtName:          {"huyen", "ten huyen", "huyen thanh pho"},
	"year":                {"nam"},
	"households":          {"so ho", "tong so ho", "tong so ho dan", "ho dan", "tong so ho dan cu"},
	"em_households":       {"ho dtts", "so ho dtts", "ho dan toc thieu so", "ho dong bao dtts", "ho dong bao dan toc thieu so"},
	"people":              {"nhan khau", "so nhan khau", "so khau", "dan so", "tong so nhan khau"},
	"poor":                {"ho ngheo", "so ho ngheo", "ho ngheo so ho"},
	"near_poor":           {"ho can ngheo", "so ho can ngheo", "ho can ngheo so ho"},
	"poor_em":             {"ho ngheo dtts", "ho ngheo dan toc thieu so", "so ho ngheo dtts"},
	"grid_households":     {"ho dung dien", "ho su dung dien", "ho dung dien luoi", "ho co dien", "dien luoi quoc gia"},
	"party_cell":          {"chi bo", "co chi bo"},
	"road_all_year":       {"duong di lai quanh nam", "duong quanh nam"},
	"cultural":            {"thon van hoa", "lang van hoa"},
	"em_people_15_60":     {"nguoi dtts 15 60", "nguoi dtts tu 15 den 60 tuoi"},
	"em_illiterate_15_60": {"khong biet doc viet", "mu chu"},
	"employed_workers":    {"lao dong co viec lam", "so lao dong"},
	"employed_untrained":  {"chua qua dao tao", "lao dong chua qua dao tao"},
	"road_km":             {"chieu dai duong", "duong tu trung tam huyen"},
	"road_unpaved_km":     {"chua cung hoa", "duong chua cung hoa", "chua nhua hoa"},
	"note":                {"ghi chu"},
}

// derivedWords mark a column of rates or totals the program computes itself: never read.
var derivedWords = []string{"ty le", "%", "binh quan", "tang giam"}

func words(s string) []string {
	return strings.FieldsFunc(vntext.Fold(s), func(r rune) bool {
		return r == ' ' || r == ',' || r == '/' || r == '(' || r == ')' || r == '-' || r == '.' || r == ':'
	})
}

// fieldOfHeading guesses the field a heading names ("" when none, or several equally).
func fieldOfHeading(h string) string {
	hw := words(h)
	if len(hw) == 0 {
		return ""
	}
	fh := vntext.Fold(h)
	for _, d := range derivedWords {
		if strings.Contains(fh, d) {
			return ""
		}
	}
	have := map[string]int{}
	for _, w := range hw {
		have[w]++
	}
	best, bestScore, tie := "", 0, false
	for field, syns := range synonyms {
		for _, syn := range syns {
			sw := words(syn)
			need := map[string]int{}
			for _, w := range sw {
				need[w]++
			}
			ok := true
			for w, n := range need {
				if have[w] < n {
					ok = false
					break
				}
			}
			// The heading's extra words count against it: "Số hộ nghèo" is not "Số hộ".
			score := len(sw)*10 - (len(hw) - len(sw))
			switch {
			case !ok:
			case score > bestScore:
				best, bestScore, tie = field, score, false
			case score == bestScore && field != best:
				tie = true
			}
		}
	}
	if tie {
		return ""
	}
	return best
}

// guessLayout finds the headings of a sheet of another layout and guesses its columns; false
// when it does not read as a sheet of yearly figures (no unit, or no figure).
func guessLayout(f *excelize.File, sheet, file string, rows [][]string) (Layout, bool) {
	// The heading row: of the first ten, the one naming the most fields.
	bestRow, bestN := -1, 0
	for r := 0; r < min(10, len(rows)); r++ {
		n := 0
		for _, c := range rows[r] {
			if fieldOfHeading(c) != "" {
				n++
			}
		}
		if n > bestN {
			bestRow, bestN = r, n
		}
	}
	if bestRow < 0 || bestN < 2 {
		return Layout{}, false
	}
	l := Layout{Sheet: sheet, HeaderRow: bestRow + 1, HeaderRows: 1}
	headings := append([]string(nil), rows[bestRow]...)
	// A merged heading over sub-headings: the row below names more under the merged cells.
	merged := map[int]string{} // column → the merged heading over it
	if ms, err := f.GetMergeCells(sheet); err == nil {
		for _, m := range ms {
			c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
			c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
			if err1 != nil || err2 != nil || r1 != bestRow+1 {
				continue
			}
			if r2 == r1 && c2 > c1 {
				for c := c1; c <= c2; c++ {
					merged[c-1] = rows[bestRow][c1-1] // as read (and converted), not as stored
				}
			}
		}
	}
	if len(merged) > 0 && bestRow+1 < len(rows) {
		l.HeaderRows = 2
		sub := rows[bestRow+1]
		for c := range max(len(headings), len(sub)) {
			for len(headings) <= c {
				headings = append(headings, "")
			}
			s := ""
			if c < len(sub) {
				s = strings.TrimSpace(sub[c])
			}
			if top, ok := merged[c]; ok {
				headings[c] = strings.TrimSpace(top + " " + s)
			} else if strings.TrimSpace(headings[c]) == "" {
				headings[c] = s
			}
		}
	}
	used := map[string]bool{}
	hasUnit, hasFigure := false, false
	for c, h := range headings {
		name, _ := excelize.ColumnNumberToName(c + 1)
		field := fieldOfHeading(h)
		if used[field] {
			field = ""
		}
		if field != "" {
			used[field] = true
		}
		switch field {
		case "":
		case unitCode, villageName, communeName:
			hasUnit = true
		case districtName, "year", "note":
		default:
			hasFigure = true
		}
		if strings.TrimSpace(h) == "" && field == "" {
			continue
		}
		l.Columns = append(l.Columns, LayoutColumn{Column: name, Heading: strings.TrimSpace(h), Field: field, Label: layoutLabel(field)})
	}
	if !hasUnit || !hasFigure {
		return Layout{}, false
	}
	if !used["year"] {
		l.Year = yearIn(append(titleLines(rows[:bestRow]), sheet, filepath.Base(file)))
	}
	if !used[districtName] {
		l.Area = areaIn(titleLines(rows[:bestRow]))
	}
	sum := sha256.New()
	for _, c := range l.Columns {
		fmt.Fprintf(sum, "%s|%s\n", c.Column, vntext.Fold(c.Heading))
	}
	l.Key = hex.EncodeToString(sum.Sum(nil))[:16]
	l.File = fileKey(file)
	return l, true
}

// fileKey names a workbook the same way however its path was typed.
func fileKey(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return filepath.Clean(abs)
	}
	return filepath.Clean(path)
}

func titleLines(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, strings.Join(r, " "))
	}
	return out
}

var yearRe = regexp.MustCompile(`\b(19[9][0-9]|20[0-9][0-9])\b`)

var areaSep = regexp.MustCompile(`[-–—,;:()\n]`)

var areaRe = regexp.MustCompile(`\b(huyen|thanh pho|thi xa)\s+([a-z0-9' ]+?)\s*(?:\bnam\b.*)?$`)

// areaIn is the district (or town, city) a sheet's title names, folded ("huyen dac ha"), "" when
// none does or two disagree.
func areaIn(texts []string) string {
	area := ""
	for _, t := range texts {
		for _, part := range areaSep.Split(t, -1) {
			m := areaRe.FindStringSubmatch(strings.TrimSpace(vntext.Fold(part)))
			if m == nil {
				continue
			}
			a := m[1] + " " + strings.TrimSpace(m[2])
			if area != "" && a != area {
				return ""
			}
			area = a
		}
	}
	return area
}

// yearIn is the year a sheet's title, name or file name gives ("năm 2023"), 0 when none does
// or they disagree.
func yearIn(texts []string) int {
	// "NĂM 2024" in the title says it, whatever a date elsewhere says ("Kèm theo Báo cáo … ngày
	// 15/01/2025" in the subtitle cancelled it); dates are no year of the figures.
	named := 0
	var undated []string
	for _, t := range texts {
		t = dateRe.ReplaceAllString(vntext.Fold(t), " ")
		undated = append(undated, t)
		for _, m := range namedYearRe.FindAllStringSubmatch(t, -1) {
			y, _ := strconv.Atoi(m[1])
			if named != 0 && y != named {
				named = -1
			} else if named == 0 {
				named = y
			}
		}
	}
	if named > 0 {
		return named
	}
	texts = undated
	year := 0
	for _, t := range texts {
		for _, m := range yearRe.FindAllString(t, -1) {
			y, _ := strconv.Atoi(m)
			if year != 0 && y != year {
				return 0
			}
			year = y
		}
	}
	return year
}

// rememberedLayout is the layout a person confirmed for sheets with this key, if any.
func rememberedLayout(ctx context.Context, s *data.Store, key string) (Layout, bool) {
	v, ok, err := s.Remembered(ctx, "xlsx.layout."+key)
	if err != nil || !ok {
		return Layout{}, false
	}
	var l Layout
	if json.Unmarshal([]byte(v), &l) != nil {
		return Layout{}, false
	}
	l.Confirmed = true
	return l, true
}

// rememberLayout keeps how a layout's columns are read for the next file like it; what belongs to
// one file (its year, its district, its name, its sheet) is not kept.
func rememberLayout(ctx context.Context, s *data.Store, l Layout) error {
	l.Year, l.Area, l.File, l.Sheet = 0, "", "", ""
	b, err := json.Marshal(l)
	if err != nil {
		return err
	}
	return s.Remember(ctx, "xlsx.layout."+l.Key, string(b))
}

// layoutSource turns a sheet of another layout into rows of our review sheet: the unit as its
// code or its full name from the name columns, the year, the figures. Text in old encodings is
// converted here, from the original cells' fonts. Rows of column numbers ("(1) (2) (3)") and
// totals ("Tổng cộng") are left out.
func layoutSource(f *excelize.File, sheet string, lay Layout, l layout, rows [][]string, rep *Report) source {
	fonts := newFontReader(f, sheet)
	colOf := map[string]int{} // our header → our column
	for i, c := range l.cols {
		if c.field != nil {
			colOf[c.field.Name] = i
		}
	}
	src := source{header: make([]string, len(l.cols))}
	for i, c := range l.cols {
		src.header[i] = c.header
	}
	skipped, lastCommune := 0, ""
	for ri := lay.HeaderRow - 1 + lay.HeaderRows; ri < len(rows); ri++ {
		cells := rows[ri]
		if blank(cells) || numberingRow(cells) {
			continue
		}
		get := map[string]string{}
		for _, lc := range lay.Columns {
			if lc.Field == "" {
				continue
			}
			c, err := excelize.ColumnNameToNumber(lc.Column)
			if err != nil || c-1 >= len(cells) {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(c, ri+1)
			v := strings.TrimSpace(cells[c-1])
			get[lc.Field] = fonts.text(cell, v, rep)
		}
		if totalRow(get) {
			skipped++
			continue
		}
		// A commune written once above its villages (a heading row of the form) goes with them.
		if get[communeName] != "" {
			lastCommune = get[communeName]
		} else if get[villageName] != "" && lastCommune != "" {
			get[communeName] = lastCommune
		}
		row := make([]string, len(l.cols))
		unit := get[unitCode]
		if unit == "" {
			var parts []string
			for _, p := range []string{villageName, communeName, districtName} {
				if get[p] != "" {
					parts = append(parts, get[p])
				}
			}
			if get[districtName] == "" && lay.Area != "" && len(parts) > 0 {
				parts = append(parts, lay.Area) // the district the title names
			}
			unit = strings.Join(parts, ", ")
		}
		row[colOf["unit_id"]] = unit
		if lay.Year != 0 && get["year"] == "" {
			get["year"] = strconv.Itoa(lay.Year)
		}
		for field, v := range get {
			if i, ok := colOf[field]; ok && field != "unit_id" {
				row[i] = v
			}
		}
		src.rows = append(src.rows, row)
		src.rowNo = append(src.rowNo, ri+1)
	}
	if skipped > 0 {
		rep.Notes = append(rep.Notes, fmt.Sprintf("Trang %q: %d dòng tổng cộng được bỏ qua (chương trình tự cộng).", sheet, skipped))
	}
	return src
}

// numberingRow: a row of column numbers under the headings, as forms have ("1", "2", "(3)", "A").
func numberingRow(cells []string) bool {
	n := 0
	for _, c := range cells {
		c = strings.Trim(strings.TrimSpace(c), "()")
		if c == "" {
			continue
		}
		if _, err := strconv.Atoi(c); err != nil && len([]rune(c)) > 1 {
			return false
		}
		n++
	}
	if n < 3 {
		return false
	}
	// Column numbers count up: 1, 2, 3 …
	prev := 0
	for _, c := range cells {
		c = strings.Trim(strings.TrimSpace(c), "()")
		if v, err := strconv.Atoi(c); err == nil {
			if v != prev+1 {
				return false
			}
			prev = v
		}
	}
	return true
}

// totalRow: a row of sums ("Tổng cộng", "Cộng", "Toàn huyện") in the unit's place.
func totalRow(get map[string]string) bool {
	for _, f := range []string{unitCode, villageName, communeName} {
		w := vntext.Fold(get[f])
		if strings.HasPrefix(w, "tong") || w == "cong" || strings.HasPrefix(w, "cong ") || strings.HasPrefix(w, "toan ") {
			return true
		}
	}
	return false
}

var (
	// dateRe: a day, as dd/mm/yyyy or "ngày 15 tháng 01 năm 2025" (folded).
	dateRe = regexp.MustCompile(`\b\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}\b|(ngay\s*\d{1,2}\s*)?thang\s*\d{1,2}\s*nam\s*\d{4}`)
	// namedYearRe: "năm 2024" (folded), the year a title gives.
	namedYearRe = regexp.MustCompile(`\bnam\s*(\d{4})\b`)
)
