package data

import (
	"context"
	"fmt"
	"strings"
)

// RecordKind is one kind of stored record, as everything that walks every kind sees it: the check, the
// counts, the bulk load, the exchange between offices and the Excel workbooks. A new kind of record
// is added here, once.
type RecordKind struct {
	Table string // its table
	Noun  string // what a person calls one ("số liệu rà soát")
	// Reference kinds (rule sets, criteria sets, targets …) are seeded alike in every database
	// with stable IDs.
	Reference bool
	// key is the natural key a live record holds alone (the unique indexes of the schema):
	// columns, and when it applies (a condition on the record's columns, its alias as %[1]s).
	key     []string
	keyWhen string
	// scope says which of the kind's records belong to a part of the file (an area's units, for a
	// district's package): unitCols are its columns that name a unit ("id": the unit itself), via
	// the kinds whose records in scope name one of this kind ("assignments.twinning_unit_id": an
	// agency goes with the area it helps). Reference kinds have none: every office holds them whole.
	unitCols  []string
	via       []string
	describe  describer // how a person knows one of its records (describe.go)
	newRecord func() record
	check     func(ctx context.Context, s *Store, cond string) ([]Problem, error)
	// intoDataset reads the kind's live records matching cond into their field of a Dataset, with
	// only the columns named in cols (nil: all); nil when the rules do not use the kind.
	intoDataset func(ctx context.Context, q queryer, ds *Dataset, cond string, cols []string) error
	// countFirst: the kind's records are counted before they are read into a Dataset, so that
	// the list is made at its size. Set for units (376 bytes each): read in chunks and then
	// copied into one list, the national tree of 91,000 units was held twice at the end of its
	// read (34 MB more at the window's peak); counting them takes a few milliseconds.
	countFirst bool
	// keepOut appends the kind's records of a Dataset, the columns cols, to kept data; keepIn
	// reads them back (keepcodec.go).
	keepOut func(b []byte, ds *Dataset, cols []string) ([]byte, error)
	keepIn  func(b []byte, pos *int, ds *Dataset, cols []string) error
}

// inDataset makes a kind part of the rules' Dataset: its records go into field, in order.
func inDataset[T any, PT interface {
	*T
	record
}](k RecordKind, field func(*Dataset) *[]T, order string) RecordKind {
	k.intoDataset = func(ctx context.Context, q queryer, ds *Dataset, cond string, cols []string) error {
		n := -1
		if k.countFirst {
			if err := q.QueryRowContext(ctx, "SELECT count(*) FROM "+k.Table+" t WHERE "+cond).Scan(&n); err != nil {
				return internal("Không đọc được "+k.Noun, err)
			}
		}
		v, err := listColsSized[T, PT](ctx, q, n, cols, "WHERE "+cond+order)
		*field(ds) = v
		return err
	}
	k.keepOut = func(b []byte, ds *Dataset, cols []string) ([]byte, error) {
		return appendRows[T, PT](b, *field(ds), cols)
	}
	k.keepIn = func(b []byte, pos *int, ds *Dataset, cols []string) error {
		v, err := readRows[T, PT](b, pos, cols)
		*field(ds) = v
		return err
	}
	return k
}

// countedFirst sets k.countFirst.
func countedFirst(k RecordKind) RecordKind {
	k.countFirst = true
	return k
}

// kindOf makes the registry entry of a record type: what a person calls one, how a person knows
// one, whether it is reference data, and its natural key.
func kindOf[T any, PT interface {
	*T
	record
}](noun string, describe describer, reference bool, key ...string) RecordKind {
	var zero T
	table := PT(&zero).table()
	return RecordKind{Table: table, Noun: noun, describe: describe, Reference: reference, key: key,
		newRecord: func() record { var v T; return PT(&v) },
		check: func(ctx context.Context, s *Store, cond string) ([]Problem, error) {
			return checkAll[T, PT](ctx, s, cond)
		}}
}

// kinds lists every kind, parents before the kinds that refer to them: the order rows are written
// in, so that a reference always finds its record.
var kinds = []RecordKind{
	inDataset(countedFirst(scopedBy(withKeyWhen(kindOf[Unit]("đơn vị hành chính", describeUnit, false, "level", "code"), "%[1]s.closed_on IS NULL AND %[1]s.code <> ''"), "id")), func(d *Dataset) *[]Unit { return &d.Units }, ""),
	inDataset(scopedBy(kindOf[UnitLink]("liên kết sáp nhập, chia tách", describeLink, false), "predecessor_id", "successor_id"), func(d *Dataset) *[]UnitLink { return &d.Links }, ""),
	inDataset(scopedBy(kindOf[UnitMove]("thay đổi đơn vị cấp trên", describeMove, false), "unit_id"), func(d *Dataset) *[]UnitMove { return &d.Moves }, " ORDER BY t.moved_on"),
	inDataset(scopedBy(kindOf[Classification]("phân định khu vực", describeClassification, false), "unit_id"), func(d *Dataset) *[]Classification { return &d.Classifications }, ""),
	scopedVia(kindOf[TwinningUnit]("cơ quan, đơn vị kết nghĩa", describeNamed, false), "assignments.twinning_unit_id", "activities.twinning_unit_id"),
	scopedBy(kindOf[Assignment]("phân công kết nghĩa", describeAssignment, false), "unit_id"),
	scopedBy(kindOf[Activity]("hoạt động", describeActivity, false), "unit_id"),
	inDataset(kindOf[CauseGroup]("nhóm nguyên nhân nghèo", describeNamed, true, "code"), func(d *Dataset) *[]CauseGroup { return &d.CauseGroups }, " ORDER BY t.position, t.code"),
	inDataset(scopedBy(kindOf[Review]("số liệu rà soát", describeReview, false, "unit_id", "year"), "unit_id"), func(d *Dataset) *[]Review { return &d.Reviews }, ""),
	inDataset(kindOf[CriteriaSet]("bộ tiêu chí", describeNamed, true), func(d *Dataset) *[]CriteriaSet { return &d.CriteriaSets }, ""),
	inDataset(kindOf[Criterion]("tiêu chí", describeCriterion, true), func(d *Dataset) *[]Criterion { return &d.Criteria }, " ORDER BY t.number"),
	inDataset(scopedBy(kindOf[CriteriaResult]("kết quả tiêu chí", describeCriteriaResult, false, "unit_id", "set_id", "year"), "unit_id"), func(d *Dataset) *[]CriteriaResult { return &d.CriteriaResults }, ""),
	inDataset(kindOf[Target]("chỉ tiêu", describeNamed, true), func(d *Dataset) *[]Target { return &d.Targets }, " ORDER BY t.deadline_year, t.code"),
	inDataset(kindOf[RuleSet]("bộ quy định phân định", describeNamed, true, "code"), func(d *Dataset) *[]RuleSet { return &d.RuleSets }, " ORDER BY t.from_year"),
	scopedBy(kindOf[Draft]("bản thảo báo cáo", describeDraft, false), "unit_id"),
	scopedBy(kindOf[Submission]("tình trạng gửi, duyệt số liệu", describeSubmission, false, "unit_id", "year"), "unit_id"),
}

func withKeyWhen(k RecordKind, when string) RecordKind { k.keyWhen = when; return k }

// scopedBy says which columns of the kind name a unit (scope).
func scopedBy(k RecordKind, unitCols ...string) RecordKind { k.unitCols = unitCols; return k }

// scopedVia says which columns of other kinds ("table.column") name a record of the kind (scope).
func scopedVia(k RecordKind, via ...string) RecordKind { k.via = via; return k }

// ScopeFilter is the condition (on the kind's table, unaliased) that keeps the records belonging
// to the units whose IDs inScope selects ("IN (…)"); false for a kind held whole everywhere
// (reference data). A scoped export copies each kind by it, and refuses a kind without one.
func (k RecordKind) ScopeFilter(inScope string) (string, bool) {
	var conds []string
	for _, c := range k.unitCols {
		conds = append(conds, c+" "+inScope)
	}
	var from []string
	for _, v := range k.via {
		table, col, _ := strings.Cut(v, ".")
		by, ok := KindOf(table)
		if !ok {
			continue
		}
		if f, ok := by.ScopeFilter(inScope); ok {
			from = append(from, "SELECT "+col+" FROM "+table+" WHERE "+f)
		}
	}
	if len(from) > 0 {
		conds = append(conds, "id IN ("+strings.Join(from, " UNION ")+")")
	}
	return strings.Join(conds, " OR "), len(conds) > 0
}

// Kinds lists every kind of record, parents first.
func Kinds() []RecordKind { return append([]RecordKind(nil), kinds...) }

// KindOf returns the kind stored in table (false when there is none).
func KindOf(table string) (RecordKind, bool) {
	for _, k := range kinds {
		if k.Table == table {
			return k, true
		}
	}
	return RecordKind{}, false
}

// Columns are the kind's stored columns in table order of the record: the shared ones (id,
// created_at, updated_at, office_id, version, deleted, sample) first.
func (k RecordKind) Columns() []string {
	cs := allCols(k.newRecord())
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.name
	}
	return out
}

// DerivedColumns are the columns computed from others (search and sort keys): not changes of
// their own, and recomputed by the database that stores the record.
func (k RecordKind) DerivedColumns() map[string]bool {
	out := map[string]bool{}
	for _, c := range allCols(k.newRecord()) {
		if c.derived {
			out[c.name] = true
		}
	}
	return out
}

func tableNames() []string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = k.Table
	}
	return out
}

// ClashQuery selects, for the kind's live rows of an attached package ("pkg"), the live local
// rows that hold the same natural key under another ID: (package ID, local ID) pairs. "" when
// the kind has no natural key.
func (k RecordKind) ClashQuery() string {
	if len(k.key) == 0 {
		return ""
	}
	conds := []string{"p.deleted = 0", "m.deleted = 0", "m.id <> p.id"}
	for _, c := range k.key {
		conds = append(conds, fmt.Sprintf("m.%[1]s IS p.%[1]s", c))
	}
	if k.keyWhen != "" {
		conds = append(conds, fmt.Sprintf(k.keyWhen, "p"), fmt.Sprintf(k.keyWhen, "m"))
	}
	return fmt.Sprintf("SELECT p.id, m.id FROM pkg.%[1]s p JOIN main.%[1]s m ON %[2]s", k.Table, strings.Join(conds, " AND "))
}

// DuplicateQuery selects pairs of the kind's live rows inside an attached package ("pkg") that hold
// the same natural key (two reviews of one unit and year, two open units of one code): (ID, ID)
// pairs, which the schema's unique indexes would refuse at the import; among the rows whose IDs
// idQuery selects ("": all). "" when the kind has no natural key.
func (k RecordKind) DuplicateQuery(idQuery string) string {
	if len(k.key) == 0 {
		return ""
	}
	// Grouped, not joined: the package form has no indexes, and a national package holds a
	// million reviews.
	conds := []string{"t.deleted = 0"}
	if k.keyWhen != "" {
		conds = append(conds, fmt.Sprintf(k.keyWhen, "t"))
	}
	if idQuery != "" {
		conds = append(conds, "t.id IN ("+idQuery+")")
	}
	cols := make([]string, len(k.key))
	for i, c := range k.key {
		cols[i] = "t." + c
	}
	return fmt.Sprintf("SELECT min(t.id), max(t.id) FROM pkg.%s t WHERE %s GROUP BY %s HAVING count(*) > 1 LIMIT 1", k.Table, strings.Join(conds, " AND "), strings.Join(cols, ", "))
}

// KeyWords says the kind's natural key in words, for messages ("đơn vị và năm"; "nội dung" when
// it has none).
func (k RecordKind) KeyWords() string {
	var out []string
	for _, c := range k.key {
		l := FieldLabel(c)
		if l == "" {
			l = c
		}
		out = append(out, strings.ToLower(l))
	}
	if len(out) == 0 {
		return "nội dung"
	}
	return strings.Join(out, " và ")
}

// KeyColumns are the columns of the kind's natural key (none: it has none).
func (k RecordKind) KeyColumns() []string { return append([]string(nil), k.key...) }
