package data

import (
	"context"
	"database/sql"
	"fmt"
)

// StatsOptions choose the year of a Stats.
type StatsOptions struct {
	// Year whose reviews are totalled; units are counted as they stood on 1 January of it.
	// 0: the latest year that has reviews (the current year when there are none), with the units
	// counted as they stand today.
	Year int
}

// StatusCounts splits the records of one kind by status.
type StatusCounts struct {
	Total   int `json:"total"`   // recorded by the status day (opened by then), not deleted
	OpenNow int `json:"open"`    // open on the status day (units) or with a running assignment (agencies)
	Closed  int `json:"closed"`  // closed by the status day (units) or without a running assignment (agencies)
	Deleted int `json:"deleted"` // tombstones
	Sample  int `json:"sample"`  // invented demonstration records
}

// ReviewTotals adds up the yearly reviews of communes (villages are parts of communes, so they are
// not added again).
type ReviewTotals struct {
	Communes     int `json:"communes_reviewed"`
	Villages     int `json:"villages_reviewed"`
	Households   int `json:"households"`
	EMHouseholds int `json:"ethnic_minority_households"`
	People       int `json:"people"`
	Poor         int `json:"poor_households"`
	NearPoor     int `json:"near_poor_households"`
	PoorEM       int `json:"poor_ethnic_minority_households"`
}

// Stats is a summary of the database.
type Stats struct {
	Year          int                     `json:"year"`
	AsOf          string                  `json:"as_of"`     // the day units are counted on: 1 January of the year asked, or today
	StatusOn      string                  `json:"status_on"` // the day ByStatus describes: 1 January of the year asked, or today
	Provinces     int                     `json:"provinces"`
	Districts     int                     `json:"districts"`
	Communes      int                     `json:"communes"`
	Villages      int                     `json:"villages"`
	TwinningUnits int                     `json:"twinning_units"`
	Assignments   int                     `json:"assignments_active"`
	Activities    int                     `json:"activities_in_year"`
	ByStatus      map[string]StatusCounts `json:"by_status"`
	CommuneClass  map[string]int          `json:"communes_by_class"`
	Reviews       ReviewTotals            `json:"reviews"`
	SampleData    bool                    `json:"sample_data"`

	AllRecords     int `json:"-"`
	ChangeLogLines int `json:"-"`
}

// statsYear is the year figures are counted for without one asked: the latest year with reviews,
// this year when there are none.
func (s *Store) statsYear(ctx context.Context, q queryer) (int, error) {
	y, err := latestReviewYear(ctx, q)
	if err != nil || y != 0 {
		return y, err
	}
	return s.Today().Year(), nil
}

// openUnits counts the units of each level open on a day, in one pass over the units (by the
// level index it was six times slower on the national sample: a row looked up for each unit).
func openUnits(ctx context.Context, q queryer, day Date) (map[Level]int, error) {
	rows, err := q.QueryContext(ctx, `SELECT level, count(*) FROM units NOT INDEXED WHERE deleted = 0
		AND (opened_on IS NULL OR opened_on <= ?1) AND (closed_on IS NULL OR closed_on > ?1) GROUP BY level`, day.ISO())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[Level]int{}
	for rows.Next() {
		var l Level
		var n int
		if err := rows.Scan(&l, &n); err != nil {
			return nil, err
		}
		out[l] = n
	}
	return out, rows.Err()
}

// Headcount is what the window's status line says of the file: the districts, communes and
// villages open today, and the twinning agencies. A few counts,
// not the whole of Stats, so that the window is not slowed as it opens a national-scale file.
type Headcount struct {
	Day                                                Date
	Year, Districts, Communes, Villages, TwinningUnits int
}

// Headcount counts the status line's figures.
func (s *Store) Headcount(ctx context.Context) (Headcount, error) {
	var h Headcount
	err := s.inReadTx(ctx, func(q queryer) error {
		var err error
		if h.Year, err = s.statsYear(ctx, q); err != nil {
			return err
		}
		h.Day = s.Today()
		open, err := openUnits(ctx, q, h.Day)
		if err != nil {
			return err
		}
		h.Districts, h.Communes, h.Villages = open[LevelDistrict], open[LevelCommune], open[LevelVillage]
		return q.QueryRowContext(ctx, "SELECT count(*) FROM twinning_units WHERE deleted = 0").Scan(&h.TwinningUnits)
	})
	if err != nil {
		return h, internal("Không đếm được đơn vị", err)
	}
	return h, nil
}

// Stats counts what the database holds.
func (s *Store) Stats(ctx context.Context, opt StatsOptions) (Stats, error) {
	var st Stats
	err := s.inReadTx(ctx, func(q queryer) error {
		year := opt.Year
		if year == 0 {
			var err error
			if year, err = s.statsYear(ctx, q); err != nil {
				return err
			}
		}
		asOf := D(year, 1, 1)
		// The status lines describe the year asked for; without one, today.
		statusDay := s.Today()
		if opt.Year != 0 {
			statusDay = asOf
		}
		today := statusDay.ISO()
		st.Year, st.AsOf, st.StatusOn = year, asOf.String(), statusDay.String()
		st.ByStatus = map[string]StatusCounts{}
		open, err := openUnits(ctx, q, statusDay)
		if err != nil {
			return err
		}
		st.AsOf = statusDay.String()
		for _, l := range []struct {
			level Level
			key   string
			dst   *int
		}{{LevelProvince, "provinces", &st.Provinces}, {LevelDistrict, "districts", &st.Districts}, {LevelCommune, "communes", &st.Communes}, {LevelVillage, "villages", &st.Villages}} {
			*l.dst = open[l.level]
			var c StatusCounts
			if err := q.QueryRowContext(ctx, `SELECT
				coalesce(sum(deleted = 0 AND (opened_on IS NULL OR opened_on <= ?2)), 0),
				coalesce(sum(deleted = 0 AND (opened_on IS NULL OR opened_on <= ?2) AND (closed_on IS NULL OR closed_on > ?2)), 0),
				coalesce(sum(deleted = 0 AND (opened_on IS NULL OR opened_on <= ?2) AND closed_on IS NOT NULL AND closed_on <= ?2), 0),
				coalesce(sum(deleted = 1), 0),
				coalesce(sum(deleted = 0 AND sample = 1), 0)
				FROM units WHERE level = ?1`, l.level, today).Scan(&c.Total, &c.OpenNow, &c.Closed, &c.Deleted, &c.Sample); err != nil {
				return err
			}
			st.ByStatus[l.key] = c
		}
		var c StatusCounts
		if err := q.QueryRowContext(ctx, `SELECT
			coalesce(sum(deleted = 0), 0),
			coalesce(sum(deleted = 0 AND id IN (SELECT twinning_unit_id FROM assignments WHERE deleted = 0 AND start_on <= ?1 AND (end_on IS NULL OR end_on >= ?1))), 0),
			coalesce(sum(deleted = 1), 0),
			coalesce(sum(deleted = 0 AND sample = 1), 0)
			FROM twinning_units`, today).Scan(&c.Total, &c.OpenNow, &c.Deleted, &c.Sample); err != nil {
			return err
		}
		c.Closed = c.Total - c.OpenNow
		st.ByStatus["twinning_units"] = c
		st.TwinningUnits = c.Total
		yearEnd := D(year, 12, 31).ISO()
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM assignments WHERE deleted = 0 AND start_on <= ?2
			AND (end_on IS NULL OR end_on >= ?1)`, asOf.ISO(), yearEnd).Scan(&st.Assignments); err != nil {
			return err
		}
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM activities WHERE deleted = 0 AND on_date BETWEEN ? AND ?`, asOf.ISO(), yearEnd).Scan(&st.Activities); err != nil {
			return err
		}
		st.CommuneClass = map[string]int{}
		rows, err := q.QueryContext(ctx, `SELECT c.class, count(*) FROM classifications c JOIN units u ON u.id = c.unit_id
			WHERE c.deleted = 0 AND u.level = 'commune' AND c.from_year <= ?1 AND c.to_year >= ?1 GROUP BY c.class`, year)
		if err != nil {
			return err
		}
		for rows.Next() {
			var class string
			var n int
			if err := rows.Scan(&class, &n); err != nil {
				rows.Close()
				return err
			}
			st.CommuneClass[class] = n
		}
		rows.Close()
		r := &st.Reviews
		if err := q.QueryRowContext(ctx, `SELECT
			coalesce(sum(u.level = 'commune'), 0), coalesce(sum(u.level = 'village'), 0),
			coalesce(sum(CASE WHEN u.level = 'commune' THEN r.households END), 0),
			coalesce(sum(CASE WHEN u.level = 'commune' THEN r.em_households END), 0),
			coalesce(sum(CASE WHEN u.level = 'commune' THEN r.people END), 0),
			coalesce(sum(CASE WHEN u.level = 'commune' THEN r.poor END), 0),
			coalesce(sum(CASE WHEN u.level = 'commune' THEN r.near_poor END), 0),
			coalesce(sum(CASE WHEN u.level = 'commune' THEN r.poor_em END), 0)
			FROM reviews r JOIN units u ON u.id = r.unit_id WHERE r.deleted = 0 AND r.year = ?`, year).Scan(
			&r.Communes, &r.Villages, &r.Households, &r.EMHouseholds, &r.People, &r.Poor, &r.NearPoor, &r.PoorEM); err != nil {
			return err
		}
		for _, t := range tableNames() {
			var n int
			if err := q.QueryRowContext(ctx, fmt.Sprintf("SELECT count(*) FROM %s", t)).Scan(&n); err != nil {
				return err
			}
			st.AllRecords += n
		}
		return q.QueryRowContext(ctx, "SELECT count(*) FROM change_log").Scan(&st.ChangeLogLines)
	})
	if err != nil {
		return st, internal("Không thống kê được cơ sở dữ liệu", err)
	}
	settings, err := s.Settings(ctx)
	if err != nil {
		return st, err
	}
	st.SampleData = settings.SampleData
	return st, nil
}

// inReadTx runs fn in one read transaction, so that every count comes from the same moment.
func (s *Store) inReadTx(ctx context.Context, fn func(q queryer) error) error {
	return readTx(ctx, s.db, fn)
}

// inMappedReadTx is inReadTx for a read of a large part of the file: on a connection of its own
// that maps the file into memory while it reads (no system call per page), unmapped after.
func (s *Store) inMappedReadTx(ctx context.Context, fn func(q queryer) error) error {
	if s.unmapped {
		return s.inReadTx(ctx, fn)
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA mmap_size = 4294967296"); err != nil {
		return err
	}
	defer conn.ExecContext(context.Background(), "PRAGMA mmap_size = 0")
	return readTx(ctx, conn, fn)
}

func readTx(ctx context.Context, db interface {
	BeginTx(context.Context, *sql.TxOptions) (*sql.Tx, error)
}, fn func(q queryer) error) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(tx)
}
