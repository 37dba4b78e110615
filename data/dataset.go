package data

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// Dataset is a read-only snapshot of what the rules and figures need, taken in one read
// transaction: every unit and its history, classifications, criteria, rule sets and targets, and
// the reviews and criteria results of the years asked for.
type Dataset struct {
	Units           []Unit
	Links           []UnitLink
	Moves           []UnitMove
	Classifications []Classification
	Reviews         []Review
	CriteriaSets    []CriteriaSet
	Criteria        []Criterion
	CriteriaResults []CriteriaResult
	RuleSets        []RuleSet
	Targets         []Target
	Years           []int // the years whose reviews and results are in; nil: all
}

// Dataset reads a snapshot. years limits the reviews and criteria results to those years (none:
// every year).
func (s *Store) Dataset(ctx context.Context, years ...int) (*Dataset, error) {
	cond := "t.deleted = 0"
	if len(years) > 0 {
		cond += " AND t.year IN (" + yearList(years) + ")"
	}
	ds, err := s.dataset(ctx, datasetRead{conds: map[string]string{"reviews": cond, "criteria_results": cond}})
	if ds != nil {
		ds.Years = years
	}
	return ds, err
}

// OverviewDataset reads what a year's overview needs without the bulk of the villages' history,
// for a national-scale file: the reviews of communes (and above) of every year and the villages'
// reviews of years only, of them only the figures the overview adds up (households and people
// counts, the chi bộ, the grid); the results of the commune health criteria (sets "YTE…") of years
// only; of the units, what places and judges them, without their record keeping (times, office,
// notes). What is not read is left zero.
func (s *Store) OverviewDataset(ctx context.Context, years ...int) (*Dataset, error) {
	in := "0"
	if len(years) > 0 {
		in = yearList(years)
	}
	opt := datasetRead{
		conds: map[string]string{"reviews": "0", "criteria_results": "t.deleted = 0 AND t.year IN (" + in + ") AND t.set_id IN (SELECT id FROM criteria_sets WHERE code LIKE 'YTE%')"},
		cols: map[string][]string{"units": {"id", "level", "kind", "code", "name", "sort_key", "parent_id", "opened_on", "closed_on",
			"ethnic_minority", "key_dbkk", "left_dbkk_year", "ntm_year", "health_year", "pilot_level"}},
		mapped: true,
		more: func(q queryer, ds *Dataset) error {
			// Two reads that each use an index: the years asked, then the other years of the
			// units that are not villages.
			var err error
			ds.Reviews, err = reviewFigures(ctx, q, unitIDs(ds.Units), "t.deleted = 0 AND t.year IN ("+in+")",
				"t.deleted = 0 AND t.year NOT IN ("+in+") AND t.unit_id IN (SELECT id FROM units WHERE level <> 'village')")
			return err
		},
	}
	return s.dataset(ctx, opt)
}

// reviewFigures reads the reviews matching each condition in turn with only the figures the
// overview adds up; the rest of each Review is left zero. It is the one narrow read of reviews:
// written for speed (no reflection, one allocation for many counts), as it reads ~350,000 rows on
// the national sample.
// ids, when not nil, gives each unit's ID string, which the reviews share (16 MB on the national
// sample).
func reviewFigures(ctx context.Context, q queryer, ids map[string]string, conds ...string) ([]Review, error) {
	const cols = "t.unit_id, t.year, t.households, t.em_households, t.people, t.poor, t.near_poor, t.poor_em, t.grid_households, t.party_cell"
	n := 0
	for _, c := range conds {
		var k int
		if err := q.QueryRowContext(ctx, "SELECT count(*) FROM reviews t WHERE "+c).Scan(&k); err != nil {
			return nil, internal("Không đọc được số liệu rà soát", err)
		}
		n += k
	}
	out := make([]Review, 0, n)
	var slab []int
	var v [8]sql.NullInt64
	num := func(i int) *int {
		if !v[i].Valid {
			return nil
		}
		if len(slab) == cap(slab) {
			slab = make([]int, 0, 8192)
		}
		slab = append(slab, int(v[i].Int64))
		return &slab[len(slab)-1]
	}
	var flags []bool
	var unit sql.RawBytes
	for _, c := range conds {
		rows, err := q.QueryContext(ctx, "SELECT "+cols+" FROM reviews t WHERE "+c)
		if err != nil {
			return nil, internal("Không đọc được số liệu rà soát", err)
		}
		for rows.Next() {
			var r Review
			if err := rows.Scan(&unit, &r.Year, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]); err != nil {
				rows.Close()
				return nil, internal("Không đọc được số liệu rà soát", err)
			}
			if id, ok := ids[string(unit)]; ok {
				r.UnitID = id
			} else {
				r.UnitID = string(unit)
			}
			r.Households, r.EMHouseholds, r.People, r.Poor, r.NearPoor, r.PoorEM, r.GridHouseholds = num(0), num(1), num(2), num(3), num(4), num(5), num(6)
			if v[7].Valid {
				if len(flags) == cap(flags) {
					flags = make([]bool, 0, 8192)
				}
				flags = append(flags, v[7].Int64 != 0)
				r.PartyCell = &flags[len(flags)-1]
			}
			out = append(out, r)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, internal("Không đọc được số liệu rà soát", err)
		}
	}
	return out, nil
}

func yearList(years []int) string {
	parts := make([]string, len(years))
	for i, y := range years {
		parts[i] = fmt.Sprint(y)
	}
	return strings.Join(parts, ",")
}

// datasetRead says how much of each kind a Dataset takes.
type datasetRead struct {
	conds  map[string]string   // by table, the condition on its rows (default: not deleted)
	cols   map[string][]string // by table, the columns read (default: all)
	mapped bool                // a large read: the file is mapped into memory while it reads
	more   func(q queryer, ds *Dataset) error
	only   []string // the tables read (nil: every kind the rules use)
}

// dataset reads every kind the rules use in one read transaction.
func (s *Store) dataset(ctx context.Context, opt datasetRead) (*Dataset, error) {
	ds := &Dataset{}
	read := s.inReadTx
	if opt.mapped {
		read = s.inMappedReadTx
	}
	err := read(ctx, func(q queryer) error {
		// Every kind the rules use, from the registry.
		for _, k := range kinds {
			if k.intoDataset == nil || (opt.only != nil && !slices.Contains(opt.only, k.Table)) {
				continue
			}
			cond, ok := opt.conds[k.Table]
			if !ok {
				cond = "t.deleted = 0"
			}
			if err := k.intoDataset(ctx, q, ds, cond, opt.cols[k.Table]); err != nil {
				return err
			}
			if k.Table == "units" {
				shareUnitStrings(ds.Units)
			}
		}
		if opt.more != nil {
			return opt.more(q, ds)
		}
		return nil
	})
	if err != nil {
		return nil, internal("Không đọc được dữ liệu để tính toán", err)
	}
	return ds, nil
}

// TwinningData is every twinning agency, assignment and activity that is not deleted: what the
// twinning report and the profiles show.
type TwinningData struct {
	Units       []TwinningUnit
	Assignments []Assignment
	Activities  []Activity
}

// Twinning reads the twinning records in one read transaction.
func (s *Store) Twinning(ctx context.Context) (*TwinningData, error) {
	return s.twinning(ctx, "", "")
}

// TwinningOfYear is Twinning with only the assignments running in year and the activities of year:
// what the dashboard counts.
func (s *Store) TwinningOfYear(ctx context.Context, year int) (*TwinningData, error) {
	from, to := D(year, 1, 1).ISO(), D(year, 12, 31).ISO()
	return s.twinning(ctx, fmt.Sprintf(" AND t.start_on <= '%s' AND (t.end_on IS NULL OR t.end_on = '' OR t.end_on >= '%s')", to, from),
		fmt.Sprintf(" AND t.on_date >= '%s' AND t.on_date <= '%s'", from, to))
}

// TwinningOfUnits reads the assignments and activities of the units named (every agency, for
// their names): what one commune's profile shows.
func (s *Store) TwinningOfUnits(ctx context.Context, unitIDs []string) (*TwinningData, error) {
	quoted := make([]string, len(unitIDs))
	for i, id := range unitIDs {
		quoted[i] = "'" + strings.ReplaceAll(id, "'", "''") + "'"
	}
	in := " AND t.unit_id IN (" + strings.Join(quoted, ",") + ")"
	return s.twinning(ctx, in, in)
}

func (s *Store) twinning(ctx context.Context, assignmentCond, activityCond string) (*TwinningData, error) {
	td := &TwinningData{}
	err := s.inReadTx(ctx, func(q queryer) error {
		var err error
		if td.Units, err = listOf[TwinningUnit](ctx, q, "WHERE t.deleted = 0"); err != nil {
			return err
		}
		if td.Assignments, err = listOf[Assignment](ctx, q, "WHERE t.deleted = 0"+assignmentCond+" ORDER BY t.start_on"); err != nil {
			return err
		}
		td.Activities, err = listOf[Activity](ctx, q, "WHERE t.deleted = 0"+activityCond+" ORDER BY t.on_date")
		return err
	})
	if err != nil {
		return nil, internal("Không đọc được số liệu kết nghĩa", err)
	}
	return td, nil
}

// unitIDs maps each unit's ID to the string the unit holds, for other records to share.
func unitIDs(units []Unit) map[string]string {
	ids := make(map[string]string, len(units))
	for i := range units {
		ids[units[i].ID] = units[i].ID
	}
	return ids
}

// shareUnitStrings makes the units read share one string for each parent ID (the parent's own),
// kind and level, instead of a copy a row: 8 MB of the 91,000 units of a national file.
func shareUnitStrings(units []Unit) {
	ids := unitIDs(units)
	kinds := map[string]string{}
	levels := map[Level]Level{LevelProvince: LevelProvince, LevelDistrict: LevelDistrict, LevelCommune: LevelCommune, LevelVillage: LevelVillage}
	for i := range units {
		u := &units[i]
		if id, ok := ids[u.ParentID]; ok {
			u.ParentID = id
		}
		if k, ok := kinds[u.Kind]; ok {
			u.Kind = k
		} else {
			kinds[u.Kind] = u.Kind
		}
		if l, ok := levels[u.Level]; ok {
			u.Level = l
		}
	}
}
