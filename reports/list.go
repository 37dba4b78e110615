package reports

import (
	"fmt"
	"io"
)

// ListInput is a list shown on a screen, filtered as shown: its title, what the filter was, its
// columns (titles and relative widths) and its rows.
type ListInput struct {
	Header
	Title   string
	Filter  string // "Lọc: huyện Đắk Tô, xã khu vực III" ("" when nothing was filtered)
	Columns []string
	Widths  []float64 // relative; nil: equal
	Rows    [][]string
}

// List prints any list of the screens as a table in the document layout (the window's Ctrl+P).
func List(w io.Writer, in ListInput) error {
	return render(w, in.Header, in.Title, func(d *doc) error {
		d.pdf.AddPage()
		d.partyHeader(in.Title)
		intro := fmt.Sprintf("Danh sách gồm %d dòng.", len(in.Rows))
		if in.Filter != "" {
			intro = in.Filter + ". " + intro
		}
		d.para(intro)
		ws := in.Widths
		if len(ws) != len(in.Columns) {
			ws = make([]float64, len(in.Columns))
			for i := range ws {
				ws[i] = 1
			}
		}
		aligns := make([]byte, len(in.Columns))
		for i := range aligns {
			aligns[i] = 'L'
		}
		titles := append([]string{"TT"}, in.Columns...)
		rows := make([][]string, len(in.Rows))
		for i, r := range in.Rows {
			rows[i] = append([]string{fmt.Sprint(i + 1)}, r...)
		}
		sum := 0.0
		for _, x := range ws {
			sum += x
		}
		d.table(cols(titles, append([]float64{sum * 0.07}, ws...), "C"+string(aligns)), rows, nil)
		d.signature()
		return nil
	})
}
