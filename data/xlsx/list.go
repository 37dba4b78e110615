package xlsx

import (
	"strings"

	"github.com/xuri/excelize/v2"

	"ketnghia/data"
	"ketnghia/data/vntext"
)

// List is a list as a screen shows it: its title, the filter it was read with, its columns and
// rows of text as the screen writes them.
type List struct {
	Title   string
	Filter  string
	Columns []string
	Rows    [][]string
}

// WriteList writes a screen's list to a workbook: a title line, the filter, the header frozen
// under them, the columns fitted; a column of figures written the Vietnamese way (1.234; 12,5)
// holds numbers Excel can add up, and codes stay text.
func WriteList(path string, l List) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return internal(err)
	}
	sheet := vntext.Shorten(strings.NewReplacer(":", " ", "/", " ", "\\", " ", "?", " ", "*", " ", "[", "(", "]", ")").Replace(l.Title), 31)
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return internal(err)
	}
	numeric := make([]bool, len(l.Columns))
	for j, h := range l.Columns {
		numeric[j] = !strings.HasPrefix(vntext.Fold(h), "ma") && len(l.Rows) > 0
		for _, r := range l.Rows {
			if j < len(r) && strings.TrimSpace(r[j]) != "" {
				if _, ok := listNumber(r[j]); !ok {
					numeric[j] = false
					break
				}
			}
		}
	}
	cols := make([]column, len(l.Columns))
	for j, h := range l.Columns {
		cols[j] = column{header: h, field: &data.Field{Name: h, Label: h, Kind: data.FieldText}}
		if numeric[j] {
			cols[j].field.Kind = data.FieldFloat
		}
	}
	rows := make([][]any, len(l.Rows))
	for i, r := range l.Rows {
		row := make([]any, len(cols))
		for j := range cols {
			if j >= len(r) || strings.TrimSpace(r[j]) == "" {
				continue
			}
			if x, ok := listNumber(r[j]); ok && numeric[j] {
				row[j] = x
			} else {
				row[j] = r[j]
			}
		}
		rows[i] = row
	}
	head := [][]any{{l.Title}, {l.Filter}}
	if err := writeTitled(f, sheet, layout{cols: cols}, head, rows, st, nil); err != nil {
		return err
	}
	return save(f, path)
}

// listNumber reads a figure as the screens write it.
func listNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if thousands.MatchString(s) || !strings.ContainsAny(s, ".") {
		if n, err := vntext.ParseInt(s); err == nil {
			return float64(n), true
		}
	}
	if strings.Count(s, ",") == 1 {
		if x, err := vntext.ParseDecimal(s); err == nil {
			return x, true
		}
	}
	return 0, false
}
