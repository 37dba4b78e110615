package reports

import (
	"fmt"
	"slices"
	"strings"

	"ketnghia/data"
	"ketnghia/data/rules"
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
	// Of a report of one commune (its profile): the commune's name and where its figures stand.
	Commune string
	State   data.SubmissionState
}

// AcceptanceOf is where the year's figures stand for a report of x (the data it prints): over the
// communes of the year's end that the report is of, every one of x when scope is "", else those of
// the province or district coded scope, or the commune coded scope (a profile), with subs, the
// year's submissions by unit. nil when none of those communes has one: a year, or an area, whose
// figures were never sent up.
func AcceptanceOf(x *rules.Index, year int, subs map[string]data.Submission, scope string) *Acceptance {
	units := data.YearUnitsIn(x.DS, data.LevelCommune, year)
	one := false
	if scope != "" {
		day := rules.YearEnd(year)
		area, err := areaByCode(x, scope)
		one = err != nil
		units = slices.DeleteFunc(units, func(u data.YearUnit) bool {
			if one {
				return u.Code != scope
			}
			return !within(x, u.Unit, area, day)
		})
	}
	a := &Acceptance{Year: year, Units: len(units), Pending: map[string]int{}}
	kept := 0
	for _, u := range units {
		b, ok := subs[u.ID]
		if ok {
			kept++
		} else {
			b.State = data.StateEntering
		}
		if b.State == data.StateAccepted {
			a.Accepted++
		} else {
			a.Pending[u.AreaName]++
		}
		if one {
			a.Commune, a.State = u.Name, b.State
		}
	}
	if kept == 0 {
		return nil
	}
	return a
}

// pending says some figures of the year are not accepted yet.
func (a *Acceptance) pending() bool { return a != nil && a.Accepted < a.Units }

// Sentence says it under the tables.
func (a *Acceptance) Sentence() string {
	n := func(x int) string { return vntext.FormatInt(int64(x)) }
	if a.Commune != "" && a.Units == 1 {
		if !a.pending() {
			return fmt.Sprintf("Tình trạng số liệu: số liệu năm %d của %s đã được duyệt.", a.Year, a.Commune)
		}
		return fmt.Sprintf("Tình trạng số liệu: số liệu năm %d của %s chưa được duyệt (%s) nên có thể còn thay đổi.", a.Year, a.Commune, strings.ToLower(a.State.Label()))
	}
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
