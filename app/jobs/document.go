package jobs

import (
	"bytes"
	"context"
	"fmt"
	"slices"

	"ketnghia/data"
	"ketnghia/data/rules"
	"ketnghia/reports"
)

// Provinces are the provinces a committee report of year can be of: those with communes at its
// end. A provincial office's file holds one; a national file (the stress sample) all.
func Provinces(ctx context.Context, st *data.Store, year int) ([]data.ReportArea, error) {
	return st.ProvincesWithCommunes(ctx, year)
}

// draftData is what drafting and printing a draft of year read: the report data of the province
// coded province, the whole file's when it holds one province ("": the file's one province). A
// file of several provinces is read one province at a time: the whole country read at once took
// 17 s and 1.8 GB.
func draftData(ctx context.Context, st *data.Store, province string, year int) (*rules.Index, *data.TwinningData, error) {
	ps, err := Provinces(ctx, st, year)
	if err != nil {
		return nil, nil, err
	}
	scope := ""
	if len(ps) > 1 {
		if province == "" {
			return nil, nil, &data.Error{Kind: data.KindInvalid, Field: "unit", Msg: fmt.Sprintf("Tệp này có số liệu của %d tỉnh; hãy chọn tỉnh của báo cáo (trên dòng lệnh: --unit và mã tỉnh, ví dụ --unit %s).", len(ps), ps[0].Code)}
		}
		if !slices.ContainsFunc(ps, func(a data.ReportArea) bool { return a.Code == province }) {
			return nil, nil, &data.Error{Kind: data.KindInvalid, Field: "unit", Msg: fmt.Sprintf("Năm %d không có tỉnh mã %s trong tệp này; hãy chọn một tỉnh có trong danh sách đơn vị.", year, province)}
		}
		scope = province
	}
	ds, td, err := st.ReportData(ctx, scope)
	if err != nil {
		return nil, nil, err
	}
	return rules.NewIndex(ds), td, nil
}

// provinceOf is the code of a draft's area ("" when it has none).
func provinceOf(ctx context.Context, st *data.Store, dr data.Draft) (string, error) {
	if dr.UnitID == "" {
		return "", nil
	}
	u, err := st.GetUnit(ctx, dr.UnitID)
	return u.Code, err
}

// draftDataOf is draftData for a draft's own area and last year.
func draftDataOf(ctx context.Context, st *data.Store, dr data.Draft) (*rules.Index, *data.TwinningData, error) {
	code, err := provinceOf(ctx, st, dr)
	if err != nil {
		return nil, nil, err
	}
	return draftData(ctx, st, code, dr.ToYear)
}

// NewDraft drafts a report of the kind on the years from–to of a province (its code; "": the
// file's one province) from the figures: each section's sentences with their numbers, the
// sections a person writes with their prompts, the default annexes; the header left to the
// settings. It is not saved.
func NewDraft(ctx context.Context, st *data.Store, kind data.DraftKind, from, to int, province string) (data.Draft, error) {
	dr, err := data.NewDraft(kind, from, to)
	if err != nil {
		return dr, err
	}
	x, td, err := draftData(ctx, st, province, to)
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
	x, td, err := draftDataOf(ctx, st, dr)
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
	Province string    // of a draft made afresh: its province's code ("": the file's one province)
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
	province := req.Province
	if req.DraftID != "" {
		if province, err = provinceOf(ctx, st, dr); err != nil {
			return dr, reports.Input{}, err
		}
	}
	x, td, err := draftData(ctx, st, province, dr.ToYear)
	if err != nil {
		return dr, reports.Input{}, err
	}
	if req.DraftID == "" {
		dr = x.Drafted(dr, td)
	}
	in := reports.Input{Header: reports.Header{Settings: settings, Date: date, Program: req.Program, Fonts: fonts, Acceptance: Acceptance(ctx, st, dr.ToYear, x, province)},
		Index: x, Twinning: td, Year: dr.ToYear}
	return dr, in, nil
}

// NextDraft starts the next period's draft from a saved one (not saved): see rules.NextDraft.
func NextDraft(ctx context.Context, st *data.Store, prev data.Draft) (data.Draft, error) {
	code, err := provinceOf(ctx, st, prev)
	if err != nil {
		return data.Draft{}, err
	}
	x, td, err := draftData(ctx, st, code, prev.ToYear+1+prev.ToYear-prev.FromYear)
	if err != nil {
		return data.Draft{}, err
	}
	return x.NextDraft(prev, td), nil
}
