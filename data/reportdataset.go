package data

import (
	"context"
	"fmt"
	"strings"
)

// What a report prints is read alone: the figures and the names, without the record keeping of
// each row (its times, office, version and note), which a report never shows and which were half
// the text the driver made into strings for a report. And a report of one area reads that area
// only: one province's book on a national file reads its 1,200 units of 90,000.

// The columns a report reads, by table.
var (
	reportUnitColumns   = append(append([]string{}, unitColumns...), "ntm_decision", "ntm_date")
	reportReviewColumns = []string{"unit_id", "year", "households", "em_households", "people", "poor", "near_poor", "poor_em",
		"poor_by_cause", "party_cell", "grid_households", "road_all_year", "cultural", "em_people_15_60", "em_illiterate_15_60",
		"employed_workers", "employed_untrained", "road_km", "road_unpaved_km"}
	reportResultColumns = []string{"unit_id", "set_id", "year", "scores", "auto_fail"}
)

// scopeOf is the SQL of the IDs of the units a report of the unit with the official code reads
// (a commune's profile, a province's or a district's book): the units of that code and every
// unit ever under them (by its parent now or before a move), the units formed from or into any of
// them as far as the links go (a 2025 commune formed across the border) with theirs, and every
// unit above any of these.
func scopeOf(code string) string {
	root := "'" + strings.ReplaceAll(code, "'", "''") + "'"
	// The open units of the code by their index; only when none is open, a pass over the table for
	// the closed ones (on a national file the pass alone was a third of a province's book).
	return `(WITH RECURSIVE down(id) AS (
	SELECT id FROM units WHERE level IN ('province', 'district', 'commune', 'village') AND code = ` + root + `
		AND closed_on IS NULL AND deleted = 0 AND code <> ''
	UNION SELECT id FROM units WHERE code = ` + root + ` AND deleted = 0 AND NOT EXISTS (SELECT 1 FROM units
		WHERE level IN ('province', 'district', 'commune', 'village') AND code = ` + root + ` AND closed_on IS NULL AND deleted = 0 AND code <> '')
	UNION SELECT u.id FROM units u JOIN down d ON u.parent_id = d.id WHERE u.deleted = 0
	UNION SELECT m.unit_id FROM unit_moves m JOIN down d ON m.from_parent_id = d.id WHERE m.deleted = 0
	UNION SELECT l.successor_id FROM unit_links l JOIN down d ON l.predecessor_id = d.id WHERE l.deleted = 0
	UNION SELECT l.predecessor_id FROM unit_links l JOIN down d ON l.successor_id = d.id WHERE l.deleted = 0
), up(id) AS (
	SELECT id FROM down
	UNION SELECT u.parent_id FROM units u JOIN up ON u.id = up.id WHERE u.parent_id IS NOT NULL AND u.parent_id <> ''
	UNION SELECT m.from_parent_id FROM unit_moves m JOIN up ON m.unit_id = up.id WHERE m.deleted = 0
)
SELECT id FROM up)`
}

// ReportData is what reports are made from: the dataset with the columns reports print, and the
// twinning records, all of one state of the data. code limits both to the unit of that official
// code with its history and neighbours (scopeOf); "" reads the whole file.
//
// The reviews (half the time) and the rest are read at once, on two connections, each in a read
// transaction of its own, and taken together only when both saw the data in the state in which
// the units of the scope were found; else the whole is read again in one transaction.
func (s *Store) ReportData(ctx context.Context, code string) (*Dataset, *TwinningData, error) {
	if code == "" {
		if ds, td, ok := s.keptReportData(ctx); ok {
			return ds, td, nil
		}
	}
	ds, td, stamp, err := s.readReportData(ctx, code)
	if err == nil && code == "" {
		s.keepReportData(ctx, stamp, ds, td)
	}
	return ds, td, err
}

// readReportData reads ReportData from the tables, with the state of the data it was read in.
func (s *Store) readReportData(ctx context.Context, code string) (*Dataset, *TwinningData, int64, error) {
	var scope string
	var stamp int64
	if code != "" {
		err := s.inReadTx(ctx, func(q queryer) error {
			var err error
			if stamp, err = stampIn(ctx, q); err != nil {
				return err
			}
			rows, err := q.QueryContext(ctx, "SELECT id FROM "+scopeOf(code)+" AS scope")
			if err != nil {
				return err
			}
			defer rows.Close()
			var ids []string
			for rows.Next() {
				var id string
				if err := rows.Scan(&id); err != nil {
					return err
				}
				ids = append(ids, "'"+strings.ReplaceAll(id, "'", "''")+"'")
			}
			scope = "(" + strings.Join(ids, ",") + ")"
			if len(ids) == 0 {
				scope = "('')"
			}
			return rows.Err()
		})
		if err != nil {
			return nil, nil, 0, internal("Không đọc được dữ liệu để tính toán", err)
		}
	}
	var td *TwinningData
	var restStamp, reviewStamp int64
	rest, reviews := reportRead(scope), reportRead(scope)
	if code == "" {
		rest.more = func(q queryer, _ *Dataset) (err error) {
			stamp, err = stampIn(ctx, q)
			return err
		}
	}
	rest.only = []string{}
	for _, k := range kinds {
		if k.intoDataset != nil && k.Table != "reviews" {
			rest.only = append(rest.only, k.Table)
		}
	}
	more := rest.more
	rest.more = func(q queryer, ds *Dataset) error {
		var err error
		if restStamp, err = stampIn(ctx, q); err != nil {
			return err
		}
		if td, err = readTwinning(ctx, q, twinningIn(scope), twinningIn(scope)); err != nil {
			return err
		}
		if more != nil {
			return more(q, ds)
		}
		return nil
	}
	reviews.only = []string{"reviews"}
	reviews.more = func(q queryer, _ *Dataset) (err error) {
		reviewStamp, err = stampIn(ctx, q)
		return err
	}
	var part *Dataset
	var partErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		part, partErr = s.dataset(ctx, reviews)
	}()
	ds, err := s.dataset(ctx, rest)
	<-done
	if err == nil && partErr == nil && restStamp == reviewStamp && restStamp == stamp {
		ds.Reviews = part.Reviews
		return ds, td, stamp, nil
	}
	if err == nil {
		err = partErr
	}
	if err != nil {
		return nil, nil, 0, err
	}
	// The data changed while it was read: all again, in one transaction, the scope with it.
	if code != "" {
		scope = scopeOf(code)
	}
	whole := reportRead(scope)
	whole.more = func(q queryer, _ *Dataset) (err error) {
		td, err = readTwinning(ctx, q, twinningIn(scope), twinningIn(scope))
		return err
	}
	if ds, err = s.dataset(ctx, whole); err != nil {
		return nil, nil, 0, err
	}
	return ds, td, 0, nil // not kept: the state is not known
}

// reportRead is how a report reads: its columns, and when scope (the SQL of a list of unit IDs) is
// not "", the records of those units alone.
func reportRead(scope string) datasetRead {
	opt := datasetRead{
		cols: map[string][]string{"units": reportUnitColumns, "reviews": reportReviewColumns, "criteria_results": reportResultColumns},
		// Mapped into memory while it reads, a unit's part too: on a national file its rows lie
		// all over 590 MB (one province's book 0,83–0,86 s mapped, 0,86–0,93 s not).
		mapped: true,
	}
	if scope != "" {
		// In the order of the file, as the whole file is read: a list keeps its order for equal
		// keys whatever the read.
		live, order := "t.deleted = 0", " ORDER BY t.rowid"
		opt.conds = map[string]string{
			"units":            live + " AND t.id IN " + scope + order,
			"unit_links":       live + " AND t.predecessor_id IN " + scope + " AND t.successor_id IN " + scope + order,
			"unit_moves":       live + " AND t.unit_id IN " + scope, // ordered by the day of the move
			"classifications":  live + " AND t.unit_id IN " + scope + order,
			"reviews":          live + " AND t.unit_id IN " + scope + order,
			"criteria_results": live + " AND t.unit_id IN " + scope + order,
		}
	}
	return opt
}

// twinningIn is the condition on assignments and activities of a scope ("": every one).
func twinningIn(scope string) string {
	if scope == "" {
		return ""
	}
	return " AND t.unit_id IN " + scope
}

// stampIn is the state of the data as the transaction q sees it (DataStamp).
func stampIn(ctx context.Context, q queryer) (int64, error) {
	var n int64
	err := q.QueryRowContext(ctx, "SELECT coalesce(max(seq), 0) FROM change_log").Scan(&n)
	return n, err
}

// ReportArea is a province or a district a book of communes can be limited to.
type ReportArea struct {
	Code, Name string
	Level      Level
	Former     bool // gone before the end of the year: its former territory
}

// ReportAreas are the provinces and districts a year's book can be limited to: those open at some
// time in the year and, in a year with no district left at its end (after the 2025 reform), the
// districts and provinces gone the year the districts were abolished, as former territories. Provinces first, each in
// Vietnamese order.
func (s *Store) ReportAreas(ctx context.Context, year int) ([]ReportArea, error) {
	us, err := listColsOf[Unit](ctx, s.db, unitColumns, "WHERE t.deleted = 0 AND t.level IN ('province', 'district') AND t.code <> '' ORDER BY t.level DESC, t.sort_key")
	if err != nil {
		return nil, err
	}
	from, to := D(year, 1, 1), YearEnd(year)
	districtsLeft, lastClosed := false, 0
	for _, u := range us {
		if u.Level == LevelDistrict {
			districtsLeft = districtsLeft || u.OpenAt(to)
			if !u.ClosedOn.IsZero() && u.ClosedOn.Year() <= year {
				lastClosed = max(lastClosed, u.ClosedOn.Year())
			}
		}
	}
	var out []ReportArea
	for _, u := range us {
		during := !to.Before(u.OpenedOn) && (u.ClosedOn.IsZero() || from.Before(u.ClosedOn))
		// A district gone with the rest, or a province merged away the same year (Kon Tum into
		// Quảng Ngãi on 1/7/2025): a former territory the year's communes lie on.
		former := !districtsLeft && !u.ClosedOn.IsZero() && u.ClosedOn.Year() == lastClosed
		if during || former {
			out = append(out, ReportArea{Code: u.Code, Name: u.Name, Level: u.Level, Former: !u.OpenAt(to)})
		}
	}
	return out, nil
}

// ProvincesWithCommunes are the provinces open at the end of year with a district or a commune
// open under them then: the areas a committee report of that year can be of, in Vietnamese
// order. A province's file holds one (Kon Tum until 2025, Quảng Ngãi after, though both units
// are in it all along); the national sample all.
func (s *Store) ProvincesWithCommunes(ctx context.Context, year int) ([]ReportArea, error) {
	end := YearEnd(year).ISO()
	open := func(a string) string {
		return fmt.Sprintf("%[1]s.deleted = 0 AND (%[1]s.opened_on IS NULL OR %[1]s.opened_on <= ?1) AND (%[1]s.closed_on IS NULL OR %[1]s.closed_on > ?1)", a)
	}
	var out []ReportArea
	err := s.inReadTx(ctx, func(q queryer) error {
		rows, err := q.QueryContext(ctx, `SELECT p.code, p.name FROM units p WHERE p.level = 'province' AND `+open("p")+`
			AND EXISTS (SELECT 1 FROM units c WHERE c.parent_id = p.id AND c.level IN ('district', 'commune') AND `+open("c")+`)
			ORDER BY p.sort_key`, end)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			a := ReportArea{Level: LevelProvince}
			if err := rows.Scan(&a.Code, &a.Name); err != nil {
				return err
			}
			out = append(out, a)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, internal("Không đọc được danh sách tỉnh", err)
	}
	return out, nil
}
