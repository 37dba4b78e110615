package reports

import (
	"fmt"
	"testing"

	"ketnghia/data"
)

// TestACellThatCanBeHeldOnOneLineIsNotBroken: a three-digit row number, a day and a short word
// ("Cấp tỉnh") never wrap in a column chosen too narrow for them: the room is taken from the
// columns of long text, and the table keeps its width.
func TestACellThatCanBeHeldOnOneLineIsNotBroken(t *testing.T) {
	d := newDoc(Header{Date: data.D(2025, 3, 5)}, "thử")
	d.pdf.AddPage()
	cs := cols([]string{"TT", "Ngày", "Cấp", "Nội dung"}, []float64{4, 8, 6, 92}, "CCLL")
	var rows [][]string
	for i := 1; i <= 120; i++ {
		rows = append(rows, []string{fmt.Sprint(i), "17/01/2024", "Cấp tỉnh", "Thăm hỏi, tặng quà các hộ nghèo của thôn nhân dịp Tết Nguyên đán, kèm theo gạo và áo ấm cho trẻ em"})
	}
	const pad = 1.0
	fitted := d.fit(cs, rows, pad)
	total, was := 0.0, 0.0
	for i := range cs {
		total += fitted[i].w
		was += cs[i].w
	}
	if diff := total - was; diff > 0.01 || diff < -0.01 {
		t.Errorf("the table is %.1f mm wide, was %.1f", total, was)
	}
	d.font("", tableSize)
	for _, r := range rows {
		for i := 0; i < 3; i++ {
			if n := len(d.cellLines(r[i], fitted[i].w, pad)); n != 1 {
				t.Fatalf("%q in column %q of %.1f mm takes %d lines", r[i], cs[i].title, fitted[i].w, n)
			}
		}
	}
	// Without room to take, the widths stay as chosen.
	tight := cols([]string{"A", "B"}, []float64{1, 1}, "LL")
	long := [][]string{{"Thăm-hỏi-tặng-quà-các-hộ-nghèo-của-thôn-nhân-dịp-Tết-Nguyên-đán", "Thăm-hỏi-tặng-quà-các-hộ-nghèo-của-thôn-nhân-dịp-Tết-Nguyên-đán"}}
	if got := d.fit(tight, long, pad); got[0].w != tight[0].w || got[1].w != tight[1].w {
		t.Errorf("widths changed without room: %v", got)
	}
}
