// Package jobs holds the work the window and the command line both start, without a user
// interface: making a report from the store.
package jobs

import (
	"bytes"
	"context"
	"fmt"

	"ketnghia/data"
	"ketnghia/data/rules"
	"ketnghia/reports"
)

// ReportRequest is what a report is made from: its kind and parameters.
type ReportRequest struct {
	Kind     string
	Year     int       // 0: the newest year with reviews
	UnitCode string    // the commune of a profile
	RuleSet  string    // the exit report's rule set ("": the one for the year)
	Date     data.Date // the report's date (zero: today)
	Program  string    // the program and its version, written into the file ("KetNghia 0.1.0")
}

// Report reads what a report needs from the store and builds the PDF in memory, so that the file
// is written whole or not at all. progress, when not nil, is told the fraction done.
func Report(ctx context.Context, st *data.Store, req ReportRequest, progress func(float64)) ([]byte, error) {
	step := func(f float64) {
		if progress != nil {
			progress(f)
		}
	}
	kind, ok := reports.KindOf(req.Kind)
	if !ok {
		var codes []string
		for _, k := range reports.Kinds {
			codes = append(codes, k.Code)
		}
		return nil, &data.Error{Kind: data.KindInvalid, Field: "kind", Msg: fmt.Sprintf("Không có loại báo cáo %q. Các loại có: %v.", req.Kind, codes)}
	}
	if kind.NeedsUnit && req.UnitCode == "" {
		return nil, &data.Error{Kind: data.KindInvalid, Field: "unit", Msg: "Báo cáo hồ sơ một xã cần mã xã: thêm --unit MÃ (5 chữ số), ví dụ --unit 23389."}
	}
	settings, err := st.Settings(ctx)
	if err != nil {
		return nil, err
	}
	year := req.Year
	if year == 0 {
		if year, err = st.LatestReviewYear(ctx); err != nil {
			return nil, err
		}
		if year == 0 {
			year = st.Today().Year()
		}
	}
	date := req.Date
	if date.IsZero() {
		date = st.Today()
	}
	step(0.1)
	fonts := reports.NewFonts() // while the data is read
	// A commune's profile, or a book of one area, reads that unit's part of the file alone.
	scope := ""
	if kind.NeedsUnit || kind.AreaUnit {
		scope = req.UnitCode
	}
	ds, td, err := st.ReportData(ctx, scope)
	if err != nil {
		return nil, err
	}
	step(0.5)
	x := rules.NewIndex(ds)
	in := reports.Input{Header: reports.Header{Settings: settings, Date: date, Program: req.Program, Fonts: fonts, Acceptance: Acceptance(ctx, st, year, x, scope)}, Index: x, Twinning: td,
		Year: year, UnitCode: req.UnitCode, RuleSet: req.RuleSet}
	var buf bytes.Buffer
	if err := kind.Build(&buf, in); err != nil {
		if _, ours := err.(*data.Error); ours {
			return nil, err
		}
		return nil, &data.Error{Kind: data.KindInternal, Msg: "Không tạo được báo cáo PDF.", Err: err}
	}
	step(1)
	return buf.Bytes(), nil
}
