package jobs

import (
	"context"

	"ketnghia/data"
	"ketnghia/data/rules"
	"ketnghia/data/vntext"
	"ketnghia/reports"
)

// StatusRow is where one commune's figures of a year stand: sent by whom and when, accepted or
// returned by whom and when, with the note.
type StatusRow struct {
	Code       string               `json:"code"`
	Name       string               `json:"name"`
	Area       string               `json:"area"`
	UnitID     string               `json:"unit_id"`
	State      data.SubmissionState `json:"state"`
	StateLabel string               `json:"state_label"`
	SentBy     string               `json:"sent_by,omitempty"` // person, office
	SentOn     string               `json:"sent_on,omitempty"`
	DecidedBy  string               `json:"decided_by,omitempty"`
	DecidedOn  string               `json:"decided_on,omitempty"`
	Note       string               `json:"note,omitempty"`
	Sample     bool                 `json:"sample,omitempty"`
}

// Status is the year's communes and where their figures stand, in the order of the review (area,
// then name), and the counts by state.
type Status struct {
	Year    int                          `json:"year"`
	Rows    []StatusRow                  `json:"units"`
	Counts  map[data.SubmissionState]int `json:"counts"`
	Summary data.SubmissionSummary       `json:"-"`
}

// SubmissionStatus reads where every commune of year stands.
func SubmissionStatus(ctx context.Context, st *data.Store, year int) (Status, error) {
	units, err := st.YearUnits(ctx, data.LevelCommune, year)
	if err != nil {
		return Status{}, err
	}
	subs, err := st.SubmissionsOf(ctx, year)
	if err != nil {
		return Status{}, err
	}
	out := Status{Year: year, Counts: map[data.SubmissionState]int{}}
	names := map[string]string{}
	office := func(id string) string {
		if n, ok := names[id]; ok {
			return n
		}
		n := st.OfficeName(ctx, id)
		names[id] = n
		return n
	}
	who := func(person, id string) string {
		o := office(id)
		switch {
		case person == "":
			return o
		case o == "":
			return person
		}
		return person + " (" + o + ")"
	}
	for _, u := range units {
		b, ok := subs[u.ID]
		if !ok {
			b = data.Submission{State: data.StateEntering}
		}
		area := u.AreaName
		if u.FormerArea {
			area = "Địa bàn " + vntext.LowerFirst(area) + " cũ"
		}
		r := StatusRow{Code: u.Code, Name: u.Name, Area: area, UnitID: u.ID, State: b.State, StateLabel: b.State.Label(), Note: b.Note, Sample: b.Sample}
		if !b.SubmittedOn.IsZero() {
			r.SentBy, r.SentOn = who(b.SubmittedBy, b.SubmittedOffice), b.SubmittedOn.String()
		}
		if !b.DecidedOn.IsZero() {
			r.DecidedBy, r.DecidedOn = who(b.DecidedBy, b.DecidedOffice), b.DecidedOn.String()
		}
		out.Rows = append(out.Rows, r)
		out.Counts[b.State]++
	}
	out.Summary = data.SubmissionSummary{Year: year, Units: len(units), ByState: out.Counts}
	return out, nil
}

// Sentence counts the year in words: "12/40 xã đã được duyệt số liệu năm 2026; 5 đã gửi, chờ duyệt;
// 1 trả lại; 22 đang nhập".
func (s Status) Sentence() string {
	n := func(x int) string { return vntext.FormatInt(int64(x)) }
	text := s.Summary.Sentence()
	parts := []struct {
		state data.SubmissionState
		words string
	}{{data.StateSent, "đã gửi, chờ duyệt"}, {data.StateReturned, "trả lại"}, {data.StateReopened, "mở lại"}, {data.StateEntering, "đang nhập"}}
	for _, p := range parts {
		if c := s.Counts[p.state]; c > 0 {
			text += "; " + n(c) + " " + p.words
		}
	}
	return text + "."
}

// Acceptance is where year's figures stand, for a report of x (the data it prints) to print under
// its tables: over the communes of the whole file (scope ""), or of the province or district, or
// the commune, coded scope (reports.AcceptanceOf). nil when none of them has a submission (a year
// before the office kept the cycle) or the submissions cannot be read.
func Acceptance(ctx context.Context, st *data.Store, year int, x *rules.Index, scope string) *reports.Acceptance {
	subs, err := st.SubmissionsOf(ctx, year)
	if err != nil || len(subs) == 0 {
		return nil
	}
	return reports.AcceptanceOf(x, year, subs, scope)
}
