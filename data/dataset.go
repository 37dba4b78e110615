package data

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unsafe"
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
	CauseGroups     []CauseGroup // the causes of poverty reviews count poor households by, in their order
	CriteriaSets    []CriteriaSet
	Criteria        []Criterion
	CriteriaResults []CriteriaResult
	RuleSets        []RuleSet
	Targets         []Target
	Years           []int // the years whose reviews and results are in; nil: all
	// Figures holds reviews compactly, as the overview reads them (OverviewDataset): beside
	// Reviews, which it then leaves empty.
	Figures *ReviewFigures
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
	return s.dataset(ctx, overviewRead(ctx, years, nil))
}

// OverviewDatasetOn is OverviewDataset over the tree of units already read (a StructureDataset of
// the data in the same state, which the caller makes sure of): its units and reference records
// are shared, only the reviews and health results are read. On a national file the window holds
// that tree for its lists, and a second copy of its 91,000 units took 40 MB more while a year's
// dashboard was computed.
func (s *Store) OverviewDatasetOn(ctx context.Context, base *Dataset, years ...int) (*Dataset, error) {
	opt := overviewRead(ctx, years, base)
	opt.only = []string{"criteria_results"}
	part, err := s.dataset(ctx, opt)
	if err != nil {
		return nil, err
	}
	ds := *base
	ds.Reviews, ds.CriteriaResults, ds.Figures, ds.Years = nil, part.CriteriaResults, part.Figures, nil
	return &ds, nil
}

// overviewRead is how the overview reads: the units of base (nil: read with the rest).
func overviewRead(ctx context.Context, years []int, base *Dataset) datasetRead {
	in := "0"
	if len(years) > 0 {
		in = yearList(years)
	}
	return datasetRead{
		conds: map[string]string{"reviews": "0", "criteria_results": "t.deleted = 0 AND t.year IN (" + in + ") AND t.set_id IN (SELECT id FROM criteria_sets WHERE code LIKE 'YTE%')"},
		// The results without their record keeping (as reports read them): on a national file the
		// ids, times and offices of the year's 10,000 health results were 9 MB of text at the
		// dashboard's peak.
		cols:   map[string][]string{"units": unitColumns, "criteria_results": reportResultColumns},
		mapped: true,
		more: func(q queryer, ds *Dataset) error {
			units := ds.Units
			if base != nil {
				units = base.Units
			}
			// Two reads that each use an index: the years asked, then the other years of the
			// units that are not villages.
			var err error
			causeYear := 0
			if len(years) > 0 {
				causeYear = years[0]
			}
			ids := unitIDs(units)
			ds.Figures, err = reviewFigures(ctx, q, ids, causeYear, "t.deleted = 0 AND t.year IN ("+in+")",
				"t.deleted = 0 AND t.year NOT IN ("+in+") AND t.unit_id IN (SELECT id FROM units WHERE level <> 'village')")
			// The results share their unit's ID and their set's, as the figures do.
			sets := map[string]string{}
			for i := range ds.CriteriaResults {
				r := &ds.CriteriaResults[i]
				if id, ok := ids.get(r.UnitID); ok {
					r.UnitID = id
				}
				r.SetID = intern(sets, r.SetID)
			}
			return err
		},
	}
}

// reviewFigures reads the reviews matching each condition in turn with only the figures the
// overview adds up, into a ReviewFigures. It is the one narrow read of reviews, written for speed
// and memory: it reads ~400,000 rows on the national sample, which as Reviews took 130 MB while
// the dashboard was computed and take 30 MB here.
// ids, when not nil, gives each unit's ID string, which the figures share. The reviews of
// causeYear keep their poor households by cause too (the dashboard's year).
func reviewFigures(ctx context.Context, q queryer, ids idIndex, causeYear int, conds ...string) (*ReviewFigures, error) {
	// The causes of the one year only: each text read is a string made (400,000 on a national file).
	cols := fmt.Sprintf("t.unit_id, t.year, t.households, t.em_households, t.people, t.poor, t.near_poor, t.poor_em, t.grid_households, t.party_cell, "+
		"CASE WHEN t.year = %d THEN t.poor_by_cause END", causeYear)
	n := 0
	for _, c := range conds {
		var k int
		if err := q.QueryRowContext(ctx, "SELECT count(*) FROM reviews t WHERE "+c).Scan(&k); err != nil {
			return nil, internal("Không đọc được số liệu rà soát", err)
		}
		n += k
	}
	f := &ReviewFigures{last: map[string]int32{}, entries: make([]figureEntry, 0, n), years: map[int]bool{}}
	var v [8]sql.NullInt64
	var unit, causes sql.RawBytes
	codeIx := map[string]uint8{}
	for _, c := range conds {
		rows, err := q.QueryContext(ctx, "SELECT "+cols+" FROM reviews t WHERE "+c)
		if err != nil {
			return nil, internal("Không đọc được số liệu rà soát", err)
		}
		for rows.Next() {
			var e figureEntry
			var year int
			if err := rows.Scan(&unit, &year, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &causes); err != nil {
				rows.Close()
				return nil, internal("Không đọc được số liệu rà soát", err)
			}
			// Looked up as it is read, not copied: only an ID of no unit is.
			id, ok := ids.get(unsafe.String(unsafe.SliceData(unit), len(unit)))
			if !ok {
				id = string(unit)
			}
			e.year = int32(year)
			for i := range figureCount {
				if v[i].Valid {
					e.has |= 1 << i
					if x := v[i].Int64; x >= math.MinInt32 && x <= math.MaxInt32 {
						e.vals[i] = int32(x)
					} else {
						// Beyond any real count (a figure the check refuses): kept whole aside.
						wide := f.wide[int32(len(f.entries))]
						wide[i] = x
						if f.wide == nil {
							f.wide = map[int32][figureCount]int64{}
						}
						f.wide[int32(len(f.entries))] = wide
						e.wideAt |= 1 << i
					}
				}
			}
			if v[7].Valid {
				e.has |= 1 << figureCount
				e.party = v[7].Int64 != 0
			}
			if year == causeYear && len(causes) > 2 {
				f.addCauses(&e, causes, codeIx)
			}
			f.add(id, e)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, internal("Không đọc được số liệu rà soát", err)
		}
	}
	return f, nil
}

// ReviewFigures is reviews reduced to what the overview adds up (households, ethnic-minority
// households, people, poor, near-poor, poor ethnic-minority and grid households, and the chi bộ),
// held as numbers rather than as Reviews: a tenth of the memory.
type ReviewFigures struct {
	last    map[string]int32 // unit ID → its latest entry; each entry links to the unit's one before
	entries []figureEntry
	years   map[int]bool
	// The poor households by cause of the reviews of one year (the dashboard's): entries point
	// to a run of causes, each a code's index in codes and its households.
	codes  []string
	causes []causeCount
	wide   map[int32][figureCount]int64 // by entry: the counts that did not fit 32 bits (none in real data)
}

// causeCount is a cause's code index (the top 8 bits) and households (the rest: up to 16 million).
type causeCount uint32

func (c causeCount) code() int { return int(c >> 24) }
func (c causeCount) n() int    { return int(c & (1<<24 - 1)) }

// figureCount is the number of counts a figureEntry holds (its party cell aside).
const figureCount = 7

type figureEntry struct {
	year  int32
	prev  int32 // the unit's entry before (-1: none)
	has   uint8 // bit i: vals[i] is given; bit figureCount: the party cell is
	party bool
	// causeN causes from causes[causeAt] (in the padding: an entry is no larger for them)
	causeN  uint8
	wideAt  uint8 // bit i: vals[i] did not fit 32 bits and is in ReviewFigures.wide
	causeAt int32
	// The counts, 32 bits each: 400,000 entries of a national file's overview took 29 MB at 64 bits.
	vals [figureCount]int32
}

func (f *ReviewFigures) add(id string, e figureEntry) {
	e.prev = -1
	if i, ok := f.last[id]; ok {
		e.prev = i
	}
	f.last[id] = int32(len(f.entries))
	f.entries = append(f.entries, e)
	f.years[int(e.year)] = true
}

// Len is the number of reviews held.
func (f *ReviewFigures) Len() int { return len(f.entries) }

// addCauses keeps the causes of an entry, read from their JSON ({"von":12,"dat":3}) without a map
// made per review (at most 255 codes in all, as cause groups are a short list). Text of another
// shape leaves the entry without causes.
func (f *ReviewFigures) addCauses(e *figureEntry, text []byte, codeIx map[string]uint8) {
	at := len(f.causes)
	ok := flatJSON(text, func(code, num string) bool {
		n, err := strconv.Atoi(num)
		if err != nil || n < 0 || n >= 1<<24 || e.causeN == 255 {
			return false
		}
		ix, known := codeIx[code]
		if !known {
			if len(f.codes) == 255 {
				return false
			}
			ix = uint8(len(f.codes))
			codeIx[strings.Clone(code)] = ix
			f.codes = append(f.codes, strings.Clone(code))
		}
		f.causes = append(f.causes, causeCount(uint32(ix)<<24|uint32(n)))
		e.causeN++
		return true
	})
	if !ok {
		f.causes, e.causeN = f.causes[:at], 0
		return
	}
	e.causeAt = int32(at)
}

// entry is the position of a unit's entry of a year (-1 when none is held).
func (f *ReviewFigures) entry(unitID string, year int) int32 {
	i, ok := f.last[unitID]
	for ok && i >= 0 {
		if int(f.entries[i].year) == year {
			return i
		}
		i = f.entries[i].prev
	}
	return -1
}

// CausesOf is a unit's poor households by cause in a year, as held (nil when none are).
func (f *ReviewFigures) CausesOf(unitID string, year int) map[string]int {
	i := f.entry(unitID, year)
	if i < 0 || f.entries[i].causeN == 0 {
		return nil
	}
	e := &f.entries[i]
	m := make(map[string]int, e.causeN)
	for _, c := range f.causes[e.causeAt : e.causeAt+int32(e.causeN)] {
		m[f.codes[c.code()]] = c.n()
	}
	return m
}

// HasYear reports whether any review of year is held.
func (f *ReviewFigures) HasYear(year int) bool { return f.years[year] }

// Counts gives the seven counts of a unit's review of a year in the order of Review's fields
// (households, EM households, people, poor, near-poor, poor EM, grid households), with the bit k
// of known set when the k-th is known; false when the unit has no review that year. Nothing is
// made: a sum over a national file's villages asked Review for 11 MB of reviews it dropped.
func (f *ReviewFigures) Counts(unitID string, year int) (vals [figureCount]int, known uint8, ok bool) {
	i := f.entry(unitID, year)
	if i < 0 {
		return vals, 0, false
	}
	e := &f.entries[i]
	for k := range figureCount {
		if e.has&(1<<k) != 0 {
			known |= 1 << k
			vals[k] = int(e.vals[k])
			if e.wideAt&(1<<k) != 0 {
				vals[k] = int(f.wide[i][k])
			}
		}
	}
	return vals, known, true
}

// PartyCell says whether a unit's review of a year records a chi bộ (cell), and whether that cell
// is filled in at all (known: false too when the unit has no review that year). Nothing is made.
func (f *ReviewFigures) PartyCell(unitID string, year int) (cell, known bool) {
	i := f.entry(unitID, year)
	if i < 0 || f.entries[i].has&(1<<figureCount) == 0 {
		return false, false
	}
	return f.entries[i].party, true
}

// Review gives a unit's review of a year with the figures held (the rest zero, the causes of
// poverty too: CausesOf has them), or nil. Each call makes a new Review, for the caller alone.
func (f *ReviewFigures) Review(unitID string, year int) *Review {
	i := f.entry(unitID, year)
	if i < 0 {
		return nil
	}
	e := &f.entries[i]
	box := &struct {
		r     Review
		vals  [figureCount]int
		party bool
	}{}
	box.r.UnitID, box.r.Year = unitID, year
	ptrs := [figureCount]**int{&box.r.Households, &box.r.EMHouseholds, &box.r.People, &box.r.Poor, &box.r.NearPoor, &box.r.PoorEM, &box.r.GridHouseholds}
	var known uint8
	box.vals, known, _ = f.Counts(unitID, year)
	for k := range figureCount {
		if known&(1<<k) != 0 {
			*ptrs[k] = &box.vals[k]
		}
	}
	if e.has&(1<<figureCount) != 0 {
		box.party = e.party
		box.r.PartyCell = &box.party
	}
	return &box.r // without its causes: CausesOf gives them (a map per review the overview reads took 11 MB)
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
	var td *TwinningData
	err := s.inReadTx(ctx, func(q queryer) error {
		var err error
		td, err = readTwinning(ctx, q, assignmentCond, activityCond)
		return err
	})
	if err != nil {
		return nil, internal("Không đọc được số liệu kết nghĩa", err)
	}
	return td, nil
}

// readTwinning reads every agency, and the assignments and activities matching the conditions
// (each "" or " AND …"), in the transaction q.
func readTwinning(ctx context.Context, q queryer, assignmentCond, activityCond string) (*TwinningData, error) {
	td := &TwinningData{}
	var err error
	if td.Units, err = listOf[TwinningUnit](ctx, q, "WHERE t.deleted = 0"); err != nil {
		return nil, err
	}
	if td.Assignments, err = listOf[Assignment](ctx, q, "WHERE t.deleted = 0"+assignmentCond+" ORDER BY t.start_on, t.rowid"); err != nil {
		return nil, err
	}
	if td.Activities, err = listOf[Activity](ctx, q, "WHERE t.deleted = 0"+activityCond+" ORDER BY t.on_date, t.rowid"); err != nil {
		return nil, err
	}
	return td, nil
}

// unitIDs finds the string a unit holds as its ID from an equal one, for other records to share:
// the IDs sorted, 16 bytes each (a map of a national file's 91,000 IDs was 7 MB at the peak of the
// overview's read).
func unitIDs(units []Unit) idIndex {
	ids := make(idIndex, len(units))
	for i := range units {
		ids[i] = units[i].ID
	}
	slices.Sort(ids)
	return ids
}

type idIndex []string

// get gives the unit's own string equal to id (false: no unit has that ID).
func (x idIndex) get(id string) (string, bool) {
	if i, ok := slices.BinarySearch(x, id); ok {
		return x[i], true
	}
	return "", false
}

// intern gives the string of seen equal to s, keeping s there when it is the first.
func intern(seen map[string]string, s string) string {
	if t, ok := seen[s]; ok {
		return t
	}
	seen[s] = s
	return s
}

// shareUnitStrings makes the units read share one string for each parent ID (the parent's own),
// kind and level, instead of a copy a row: 8 MB of the 91,000 units of a national file. Units of
// the same name (a country's villages: "Thôn 1", "Làng Kon Klor" many times over) share their
// name and its collation key too: 3,875 names for 89,730 units of the national sample, whose
// keys alone were 7 MB. Then the strings kept (IDs, codes, and one of each name, key and kind)
// are moved into one block: read row by row, each lay among the copies just dropped, and the
// half-empty pages they held were 6 MB more of the window's memory after its tree of units was
// read.
func shareUnitStrings(units []Unit) {
	levels := map[Level]Level{LevelProvince: LevelProvince, LevelDistrict: LevelDistrict, LevelCommune: LevelCommune, LevelVillage: LevelVillage}
	kinds, names := map[string]string{}, map[string]string{}
	keys := map[string][]byte{}
	n := 0
	for i := range units {
		u := &units[i]
		if l, ok := levels[u.Level]; ok {
			u.Level = l
		}
		if _, ok := kinds[u.Kind]; !ok {
			kinds[u.Kind], n = u.Kind, n+len(u.Kind)
		}
		if _, ok := names[u.Name]; !ok {
			names[u.Name], n = u.Name, n+len(u.Name)
		}
		if _, ok := keys[string(u.sortKey)]; !ok && u.sortKey != nil {
			keys[string(u.sortKey)], n = u.sortKey, n+len(u.sortKey)
		}
		n += len(u.ID) + len(u.Code)
	}
	p := packer{buf: make([]byte, 0, n)}
	for k, v := range kinds {
		kinds[k] = p.str(v)
	}
	for k, v := range names {
		names[k] = p.str(v)
	}
	for k, v := range keys {
		keys[k] = p.bytes(v)
	}
	for i := range units {
		u := &units[i]
		u.ID, u.Code, u.Kind, u.Name = p.str(u.ID), p.str(u.Code), kinds[u.Kind], names[u.Name]
		if u.sortKey != nil {
			u.sortKey = keys[string(u.sortKey)]
		}
	}
	ids := unitIDs(units)
	for i := range units {
		if id, ok := ids.get(units[i].ParentID); ok {
			units[i].ParentID = id
		}
	}
}

// packer lays strings one after another in one block made large enough beforehand; nothing laid
// there is written again.
type packer struct{ buf []byte }

func (p *packer) str(s string) string {
	if s == "" {
		return ""
	}
	at := len(p.buf)
	p.buf = append(p.buf, s...)
	return unsafe.String(&p.buf[at], len(s))
}

// bytes lays b and gives its copy, which cannot grow into what follows it.
func (p *packer) bytes(b []byte) []byte {
	at := len(p.buf)
	p.buf = append(p.buf, b...)
	return p.buf[at:len(p.buf):len(p.buf)]
}
