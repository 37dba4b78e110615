package reports

import (
	"fmt"

	"ketnghia/data/vntext"
)

// Acceptance is where the year's figures stand between the communes and the province, printed
// under a report's tables: how many communes' figures are accepted, and which areas hold figures
// not yet accepted (the progress report marks them).
type Acceptance struct {
	Year     int
	Units    int            // the year's communes
	Accepted int            // of which accepted
	Pending  map[string]int // communes not accepted, by the name of their area (district)
}

// pending says some figures of the year are not accepted yet.
func (a *Acceptance) pending() bool { return a != nil && a.Accepted < a.Units }

// Sentence says it under the tables.
func (a *Acceptance) Sentence() string {
	n := func(x int) string { return vntext.FormatInt(int64(x)) }
	if !a.pending() {
		return fmt.Sprintf("Tình trạng số liệu: số liệu năm %d của cả %s xã, phường đã được duyệt.", a.Year, n(a.Units))
	}
	return fmt.Sprintf("Tình trạng số liệu: %s/%s xã, phường đã được duyệt số liệu năm %d; số liệu của %s xã, phường còn lại chưa được duyệt (đang nhập, đã gửi chờ duyệt hoặc trả lại) nên có thể còn thay đổi.",
		n(a.Accepted), n(a.Units), a.Year, n(a.Units-a.Accepted))
}

// mark is the sign put after a figure that holds figures not yet accepted.
const unacceptedMark = " (*)"

// acceptanceNote prints the sentence under the tables, before the signature (nothing when the year
// has no submissions at all: the figures of years before the cycle was kept).
func (d *doc) acceptanceNote() {
	if a := d.h.Acceptance; a != nil && a.Units > 0 && d.annex == 0 {
		d.remark(a.Sentence())
	}
}
