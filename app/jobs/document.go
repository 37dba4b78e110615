package jobs

import (
	"bytes"
	"context"

	"ketnghia/data"
	"ketnghia/data/rules"
	"ketnghia/reports"
)

// draftData is what drafting and printing a draft read: the whole file's report data.
func draftData(ctx context.Context, st *data.Store) (*rules.Index, *data.TwinningData, error) {
	ds, td, err := st.ReportData(ctx, "")
	if err != nil {
		return nil, nil, err
	}
	return rules.NewIndex(ds), td, nil
}

// NewDraft drafts a report of the kind on the years from–to from the figures: each section's
// sentences with their numbers, the sections a person writes with their prompts, the default
// annexes; the header left to the settings. It is not saved.
func NewDraft(ctx context.Context, st *data.Store, kind data.DraftKind, from, to int) (data.Draft, error) {
	dr, err := data.NewDraft(kind, from, to)
	if err != nil {
		return dr, err
	}
	x, td, err := draftData(ctx, st)
	if err != nil {
		return data.Draft{}, err
	}
	return x.Drafted(dr, td), nil
}

// DraftRefresh is what "Cập nhật số liệu" would change in a draft: the paragraphs the figures now
// word otherwise, and the sections drafted afresh that the changes come from.
type DraftRefresh struct {
	Changes []rules.DraftChange
	fresh   []data.DraftSection
}

// RefreshDraft drafts the draft's period again from the figures and compares.
func RefreshDraft(ctx context.Context, st *data.Store, dr data.Draft) (DraftRefresh, error) {
	x, td, err := draftData(ctx, st)
	if err != nil {
		return DraftRefresh{}, err
	}
	fresh := x.DraftSections(dr.FromYear, dr.ToYear, td)
	return DraftRefresh{Changes: rules.DraftChanges(dr.Sections, fresh), fresh: fresh}, nil
}

// Apply writes the changes into the draft (not saved): every change to a paragraph no person has
// edited, and to edited ones only with replaceEdited.
func (r DraftRefresh) Apply(dr data.Draft, replaceEdited bool) data.Draft {
	dr.Sections = rules.ApplyDraftChanges(dr.Sections, r.fresh, r.Changes, replaceEdited)
	return dr
}

// DocumentRequest is a committee's whole report to print: a saved draft, or one drafted afresh
// for the years From–To.
type DocumentRequest struct {
	DraftID  string
	Kind     data.DraftKind // of a draft made afresh ("": a year's, or the whole period's)
	From, To int
	Date     data.Date // the date printed when the draft has none (zero: today)
	Program  string
}

// Document makes the PDF of a draft with its annexes, in memory.
func Document(ctx context.Context, st *data.Store, req DocumentRequest) ([]byte, error) {
	dr, in, err := documentInput(ctx, st, req)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := reports.Document(&buf, in, dr); err != nil {
		if _, ours := err.(*data.Error); ours {
			return nil, err
		}
		return nil, &data.Error{Kind: data.KindInternal, Msg: "Không tạo được báo cáo PDF.", Err: err}
	}
	return buf.Bytes(), nil
}

// DocumentWord makes the draft as a Word document (.docx), without its annexes' tables.
func DocumentWord(ctx context.Context, st *data.Store, req DocumentRequest) ([]byte, error) {
	dr, in, err := documentInput(ctx, st, req)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := reports.DocumentWord(&buf, in, dr); err != nil {
		return nil, &data.Error{Kind: data.KindInternal, Msg: "Không tạo được tệp Word.", Err: err}
	}
	return buf.Bytes(), nil
}

func documentInput(ctx context.Context, st *data.Store, req DocumentRequest) (data.Draft, reports.Input, error) {
	var dr data.Draft
	var err error
	if req.DraftID != "" {
		if dr, err = st.GetDraft(ctx, req.DraftID); err != nil {
			return dr, reports.Input{}, err
		}
	} else if dr, err = data.NewDraft(req.Kind, req.From, req.To); err != nil {
		return dr, reports.Input{}, err
	}
	settings, err := st.Settings(ctx)
	if err != nil {
		return dr, reports.Input{}, err
	}
	date := req.Date
	if date.IsZero() {
		date = st.Today()
	}
	fonts := reports.NewFonts() // while the data is read
	x, td, err := draftData(ctx, st)
	if err != nil {
		return dr, reports.Input{}, err
	}
	if req.DraftID == "" {
		dr = x.Drafted(dr, td)
	}
	in := reports.Input{Header: reports.Header{Settings: settings, Date: date, Program: req.Program, Fonts: fonts},
		Index: x, Twinning: td, Year: dr.ToYear}
	return dr, in, nil
}

// NextDraft starts the next period's draft from a saved one (not saved): see rules.NextDraft.
func NextDraft(ctx context.Context, st *data.Store, prev data.Draft) (data.Draft, error) {
	x, td, err := draftData(ctx, st)
	if err != nil {
		return data.Draft{}, err
	}
	return x.NextDraft(prev, td), nil
}
