package data

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"ketnghia/data/vntext"
)

// The fields of records as a person reads and writes them outside the program (the Excel
// workbooks): every stored column but the shared ones and the derived keys, each with its
// Vietnamese label and the kind of value it holds. Part of the seam for the packages under data/.

// FieldKind is the kind of value a field holds.
type FieldKind int

const (
	FieldText  FieldKind = iota
	FieldInt             // a whole number
	FieldFloat           // a decimal
	FieldBool            // có / không
	FieldDate            // a calendar day
	FieldMap             // a small table of numbers kept as JSON (hộ nghèo theo nguyên nhân, điểm)
)

// Field describes one field of a kind.
type Field struct {
	Name     string // the stored column
	Label    string // its Vietnamese name
	Kind     FieldKind
	Optional bool     // may be left empty (unknown)
	Choices  []string // the words a field of a fixed list is written with ("" is not among them)
}

// enumValues are the stored values of the fields that take one of a fixed list.
var enumValues = map[reflect.Type][]string{
	reflect.TypeOf(Level("")):           {string(LevelProvince), string(LevelDistrict), string(LevelCommune), string(LevelVillage)},
	reflect.TypeOf(PilotLevel("")):      {string(PilotProvince), string(PilotDistrict), string(PilotCommune)},
	reflect.TypeOf(AreaClass("")):       {string(KV1), string(KV2), string(KV3), string(DBKK), string(NotDBKK)},
	reflect.TypeOf(TwinningLevel("")):   {string(TwinProvince), string(TwinDistrict)},
	reflect.TypeOf(TwinningKind("")):    {string(TwinParty), string(TwinState), string(TwinMass), string(TwinArmed), string(TwinEnterprise)},
	reflect.TypeOf(ActivityKind("")):    {string(ActVisit), string(ActGift), string(ActRelief), string(ActTraining), string(ActEconomy), string(ActInfrastructure), string(ActOther)},
	reflect.TypeOf(LinkKind("")):        {string(LinkMerge), string(LinkSplit), string(LinkRename), string(LinkUpgrade), string(LinkTransfer)},
	reflect.TypeOf(Comparator("")):      {string(CmpGreater), string(CmpGreaterEqual), string(CmpLess), string(CmpLessEqual), string(CmpBetween)},
	reflect.TypeOf(RuleFamily("")):      {string(FamilyQD50), string(FamilyQD33), string(FamilyQD03)},
	reflect.TypeOf(RulePurpose("")):     {string(PurposeClassify), string(PurposeLeave)},
	reflect.TypeOf(SubmissionState("")): {string(StateEntering), string(StateSent), string(StateAccepted), string(StateReturned), string(StateReopened)},
}

// enumLabel is the word a person reads for a stored value of a fixed list.
func enumLabel(t reflect.Type, v string) string {
	if l, ok := reflect.ValueOf(v).Convert(t).Interface().(interface{ Label() string }); ok && v != "" {
		return l.Label()
	}
	return v
}

func enumOf(ptr any) (reflect.Type, []string, bool) {
	v := reflect.ValueOf(ptr)
	if v.Kind() != reflect.Pointer {
		return nil, nil, false
	}
	t := v.Type().Elem()
	vals, ok := enumValues[t]
	return t, vals, ok
}

// Fields lists the kind's fields in the order of the record.
func (k RecordKind) Fields() []Field {
	var out []Field
	for _, c := range k.newRecord().cols() {
		if c.derived {
			continue
		}
		f := Field{Name: c.name, Label: FieldLabel(c.name)}
		if f.Label == "" {
			f.Label = vntext.UpperFirst(strings.ReplaceAll(c.name, "_", " "))
		}
		f.Kind, f.Optional = fieldKind(c.ptr)
		if t, vals, ok := enumOf(c.ptr); ok {
			for _, v := range vals {
				f.Choices = append(f.Choices, enumLabel(t, v))
			}
		}
		out = append(out, f)
	}
	return out
}

func fieldKind(ptr any) (FieldKind, bool) {
	switch p := ptr.(type) {
	case jsonCol:
		return FieldMap, true
	case nullString:
		return FieldText, true
	case *Date:
		return FieldDate, true
	case *bool:
		return FieldBool, false
	case **bool:
		return FieldBool, true
	case *int, *int64:
		return FieldInt, false
	case **int:
		return FieldInt, true
	case *float64:
		return FieldFloat, false
	case **float64:
		return FieldFloat, true
	default:
		_ = p
	}
	return FieldText, true
}

func colOf(r Record, name string) (col, bool) {
	for _, c := range r.cols() {
		if c.name == name {
			return c, true
		}
	}
	return col{}, false
}

// FieldValue is a field's value for a cell: nil when unknown, else a string, int64, float64, bool
// or Date; a map is its JSON text.
func FieldValue(r Record, name string) any {
	c, ok := colOf(r, name)
	if !ok {
		return nil
	}
	switch p := c.ptr.(type) {
	case jsonCol:
		return pairsText(p.ptr)
	case nullString:
		if *p.p == "" {
			return nil
		}
		return *p.p
	case *Date:
		if p.IsZero() {
			return nil
		}
		return *p
	}
	v, ok := deref(c.ptr)
	if !ok {
		return nil
	}
	switch v.Kind() {
	case reflect.String:
		if v.String() == "" {
			return nil
		}
		if t, _, ok := enumOf(c.ptr); ok {
			return enumLabel(t, v.String())
		}
		return v.String()
	case reflect.Bool:
		return v.Bool()
	case reflect.Int, reflect.Int64:
		return v.Int()
	case reflect.Float64:
		return v.Float()
	}
	return nil
}

// FieldSetter is SetField for many fields of one record, which finds the record's fields once.
func FieldSetter(r Record) func(name string, v any) error {
	cols := map[string]col{}
	for _, c := range r.cols() {
		cols[c.name] = c
	}
	return func(name string, v any) error {
		c, ok := cols[name]
		if !ok {
			return fmt.Errorf("không có trường %q", name)
		}
		return setCol(c, v)
	}
}

// SetField sets a field to a value of its own type: nil or "" (unknown), a string for a text or a
// choice (its label or its stored value), an int64, a float64, a bool, a Date (or time.Time), and
// for figures by code their text "mã: số; mã: số" (or JSON). The error is a Vietnamese sentence
// about the value. Text as a person writes it in a workbook (1.234; 12,5; có/không; dd/mm/yyyy, a
// day as Excel counts days) is read by the importer (data/xlsx/cells.go).
func SetField(r Record, name string, v any) error {
	c, ok := colOf(r, name)
	if !ok {
		return fmt.Errorf("không có trường %q", name)
	}
	return setCol(c, v)
}

func setCol(c col, v any) error {
	if s, ok := v.(string); ok {
		v = vntext.NFC(s)
		if v == "" {
			v = nil
		}
	}
	kind, optional := fieldKind(c.ptr)
	if v == nil {
		if !optional && kind != FieldText {
			return fmt.Errorf("cần có giá trị")
		}
		return setZero(c.ptr)
	}
	switch p := c.ptr.(type) {
	case jsonCol:
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("cần ghi dạng “mã: số; mã: số”")
		}
		if t := strings.TrimSpace(s); strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[") {
			clearPointee(p.ptr) // the cell is the whole map, not an addition to the stored one
			if err := json.Unmarshal([]byte(s), p.ptr); err != nil {
				return fmt.Errorf("%q không đúng dạng “mã: số; mã: số”", s)
			}
			return nil
		}
		return setPairs(p.ptr, s)
	case nullString:
		*p.p = fmt.Sprint(v)
		return nil
	case *Date:
		switch x := v.(type) {
		case Date:
			*p = x
		case time.Time:
			*p = DateOf(x)
		default:
			return fmt.Errorf("cần một ngày")
		}
		return nil
	}
	if t, vals, ok := enumOf(c.ptr); ok {
		raw := strings.TrimSpace(fmt.Sprint(v))
		for _, val := range vals {
			if raw == val || raw == enumLabel(t, val) {
				reflect.ValueOf(c.ptr).Elem().SetString(val)
				return nil
			}
		}
		// Then accents, case and spacing aside (never for signs such as ">=", which fold to nothing).
		text := vntext.Fold(raw)
		var labels []string
		for _, val := range vals {
			if text != "" && (text == vntext.Fold(val) || text == vntext.Fold(enumLabel(t, val))) {
				reflect.ValueOf(c.ptr).Elem().SetString(val)
				return nil
			}
			labels = append(labels, "“"+enumLabel(t, val)+"”")
		}
		// Separated by semicolons: labels hold commas ("Thăm hỏi, nắm tình hình").
		return fmt.Errorf("%q không có trong danh sách; hãy ghi một trong: %s", fmt.Sprint(v), strings.Join(labels, "; "))
	}
	dst := reflect.ValueOf(c.ptr).Elem()
	if dst.Kind() == reflect.Pointer {
		dst.Set(reflect.New(dst.Type().Elem()))
		dst = dst.Elem()
	}
	// A value of the field's own type (the importer reads a cell as a person writes it into one:
	// data/xlsx/cells.go).
	switch dst.Kind() {
	case reflect.String:
		dst.SetString(fmt.Sprint(v))
	case reflect.Bool:
		b, ok := v.(bool)
		if !ok {
			return fmt.Errorf("cần ghi \"có\" hoặc \"không\"")
		}
		dst.SetBool(b)
	case reflect.Int, reflect.Int64:
		switch x := v.(type) {
		case int64:
			dst.SetInt(x)
		case int:
			dst.SetInt(int64(x))
		default:
			return fmt.Errorf("cần một số nguyên")
		}
	case reflect.Float64:
		switch x := v.(type) {
		case float64:
			dst.SetFloat(x)
		case int64:
			dst.SetFloat(float64(x))
		default:
			return fmt.Errorf("cần một số")
		}
	default:
		return fmt.Errorf("không đọc được giá trị %v", v)
	}
	return nil
}

func setZero(ptr any) error {
	switch p := ptr.(type) {
	case jsonCol:
		reflect.ValueOf(p.ptr).Elem().Set(reflect.Zero(reflect.ValueOf(p.ptr).Elem().Type()))
	case nullString:
		*p.p = ""
	default:
		v := reflect.ValueOf(ptr).Elem()
		v.Set(reflect.Zero(v.Type()))
	}
	return nil
}

// ForeignKeys tells, for each kind's table, which of its columns refer to which table (from the
// schema's foreign keys).
func (s *Store) ForeignKeys(ctx context.Context) (map[string]map[string]string, error) {
	out := map[string]map[string]string{}
	for _, k := range kinds {
		rows, err := s.db.QueryContext(ctx, fmt.Sprintf("SELECT \"from\", \"table\" FROM pragma_foreign_key_list('%s')", k.Table))
		if err != nil {
			return nil, internal("Không đọc được cấu trúc cơ sở dữ liệu", err)
		}
		out[k.Table] = map[string]string{}
		for rows.Next() {
			var c, t string
			if err := rows.Scan(&c, &t); err != nil {
				rows.Close()
				return nil, internal("Không đọc được cấu trúc cơ sở dữ liệu", err)
			}
			out[k.Table][c] = t
		}
		rows.Close()
	}
	return out, nil
}

// SetIdentity gives a record read from outside its ID and whether it is sample data.
func SetIdentity(r Record, id string, sample bool) {
	m := r.meta()
	m.ID, m.Sample = id, sample
}

// WriteOptions say how WriteEach goes.
type WriteOptions struct {
	DryRun   bool                   // check every record, keep nothing
	KeepGood bool                   // keep the good records when some are refused (otherwise none)
	Fresh    []bool                 // Fresh[i]: record i is new for certain (its ID is not looked up)
	Refused  func(i int, err error) // told of each record refused, by its index
	// SampleData: the records include invented demonstration figures, and the database is
	// marked as holding them (the banner says so).
	SampleData bool
	// Progress, when set, is told now and then how many records are done (of len(recs)).
	Progress func(done, total int)
}

// WriteEach saves records (new ones, and changes to the ones their IDs name) in one transaction,
// under the person entering data, each checked by every rule a save applies. A record refused is
// reported and left out; then nothing is kept when o.DryRun is set or when a record was refused
// and o.KeepGood is not set. It reports whether the records were kept.
func (s *Store) WriteEach(ctx context.Context, recs []Record, o WriteOptions) (bool, error) {
	// First without a savepoint per record, which costs a statement journal written to disk for
	// every page: most imports have no record refused. At the first refusal, everything is done
	// again with savepoints, to leave out each refused record alone and report them all.
	metas := make([]Meta, len(recs))
	for i, r := range recs {
		metas[i] = *r.meta()
	}
	kept, err := s.writeEach(ctx, recs, o, false)
	if errors.Is(err, errRefused) {
		// A save fills in a record's identity, version and times: the second pass starts from
		// the records as they were given.
		for i, r := range recs {
			*r.meta() = metas[i]
		}
		kept, err = s.writeEach(ctx, recs, o, true)
	}
	return kept, err
}

var (
	errRefused  = errors.New("a record was refused")
	errRollback = errors.New("rollback")
)

func (s *Store) writeEach(ctx context.Context, recs []Record, o WriteOptions, savepoints bool) (bool, error) {
	kept := false
	ctx = withWriteMemo(ctx)
	ctx, changes := withChangeBatch(ctx)
	exec := func(c *stmtCache, q string) error {
		if !savepoints {
			return nil
		}
		if _, err := c.ExecContext(ctx, q); err != nil {
			return internal("Không ghi được dữ liệu", err)
		}
		return nil
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a := s.actor(ctx)
		c := newStmtCache(tx)
		defer c.Close()
		bad := 0
		for i, r := range recs {
			if err := exec(c, "SAVEPOINT one_record"); err != nil {
				return err
			}
			logged := len(changes.args)
			var err error
			if i < len(o.Fresh) && o.Fresh[i] {
				err = insertNewTx(ctx, c, r, a)
			} else {
				err = saveTx(ctx, c, r, a)
			}
			if err != nil {
				if !savepoints {
					return errRefused
				}
				if err := exec(c, "ROLLBACK TO one_record"); err != nil {
					return err
				}
				forgetMemo(ctx) // what it read may have been written by the record undone
				changes.args = changes.args[:logged]
				bad++
				if o.Refused != nil {
					o.Refused(i, err)
				}
			}
			if err := exec(c, "RELEASE one_record"); err != nil {
				return err
			}
			if len(changes.args) >= 1000*changeCols {
				if err := changes.flush(ctx, c); err != nil {
					return err
				}
			}
			if i%1000 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			if o.Progress != nil && i%500 == 499 {
				o.Progress(i+1, len(recs))
			}
		}
		if o.DryRun || (bad > 0 && !o.KeepGood) {
			return errRollback
		}
		if err := changes.flush(ctx, c); err != nil {
			return err
		}
		if o.SampleData {
			if err := setSampleData(ctx, tx, true); err != nil {
				return err
			}
		}
		kept = true
		return nil
	})
	if err == errRollback {
		return false, nil
	}
	return kept, err
}

// Finder finds records of a kind by identity or natural key, its statements prepared once: for
// reading thousands of rows that each name a record.
type Finder struct {
	k     RecordKind
	db    *sql.DB
	q     *stmtCache
	query string // by natural key ("" when the kind has none)
	// none: the kind has no live record at all (a workbook read into a new database), so no row
	// needs a look-up; asked once, on the first.
	none, asked bool
}

// NewFinder prepares the look-ups of the kind's records.
func (k RecordKind) NewFinder(s *Store) *Finder {
	f := &Finder{k: k, db: s.db, q: newStmtCache(s.db)}
	if len(k.key) > 0 {
		conds := []string{"t.deleted = 0"}
		for _, c := range k.key {
			conds = append(conds, fmt.Sprintf("t.%s IS ?", c))
		}
		if k.keyWhen != "" {
			conds = append(conds, fmt.Sprintf(k.keyWhen, "t"))
		}
		f.query = fmt.Sprintf("SELECT t.id FROM %s t WHERE %s LIMIT 1", k.Table, strings.Join(conds, " AND "))
	}
	return f
}

// Load reads a live record by its ID (false when there is none).
func (f *Finder) Load(ctx context.Context, id string) (Record, bool, error) {
	r := f.k.newRecord()
	err := getTx(ctx, f.q, r, id, false)
	switch {
	case err == nil:
		return r, true, nil
	case IsNotFound(err):
		return nil, false, nil
	}
	return nil, false, err
}

// Find finds the live record that holds r's natural key (a unit's level and code, a unit's review
// of a year): its ID, or false when none does, the key is not written or the kind has none.
func (f *Finder) Find(ctx context.Context, r Record) (string, bool, error) {
	if f.query == "" {
		return "", false, nil
	}
	var args []any
	for _, c := range f.k.key {
		cc, ok := colOf(r, c)
		if !ok {
			return "", false, nil
		}
		v := value(cc.ptr)
		if dv, ok := v.(driver.Valuer); ok {
			v, _ = dv.Value()
		}
		if v == nil || v == "" {
			return "", false, nil // no key written: nothing to match
		}
		args = append(args, v)
	}
	if !f.asked {
		var some int
		err := f.q.QueryRowContext(ctx, fmt.Sprintf("SELECT EXISTS (SELECT 1 FROM %s WHERE deleted = 0)", f.k.Table)).Scan(&some)
		if err != nil {
			return "", false, internal("Không đọc được "+f.k.Noun, err)
		}
		f.none, f.asked = some == 0, true
	}
	if f.none {
		return "", false, nil
	}
	var id string
	err := f.q.QueryRowContext(ctx, f.query, args...).Scan(&id)
	switch {
	case err == nil:
		return id, true, nil
	case errors.Is(err, sql.ErrNoRows):
		return "", false, nil
	}
	return "", false, internal("Không đọc được "+f.k.Noun, err)
}

// Existing tells which of ids name live records of the kind, a few hundred at a time.
func (f *Finder) Existing(ctx context.Context, ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	const chunk = 500
	for start := 0; start < len(ids); start += chunk {
		part := ids[start:min(len(ids), start+chunk)]
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		rows, err := f.db.QueryContext(ctx, fmt.Sprintf("SELECT id FROM %s WHERE deleted = 0 AND id IN (%s)", f.k.Table, placeholders(len(part))), args...)
		if err != nil {
			return nil, internal("Không đọc được "+f.k.Noun, err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, internal("Không đọc được "+f.k.Noun, err)
			}
			out[id] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, internal("Không đọc được "+f.k.Noun, err)
		}
	}
	return out, nil
}

// Close lets the statements go.
func (f *Finder) Close() { f.q.Close() }

// NewID makes the identity of a new record.
func NewID() string { return newID() }

// CopyRecord makes to a copy of from (both of one kind) that shares nothing with it.
func CopyRecord(to, from Record) {
	reflect.ValueOf(to).Elem().Set(reflect.ValueOf(from).Elem())
	fc := from.cols()
	for i, c := range to.cols() {
		if jc, ok := c.ptr.(jsonCol); ok {
			dst := reflect.ValueOf(jc.ptr).Elem()
			dst.Set(reflect.Zero(dst.Type()))
			if b, err := json.Marshal(fc[i].ptr.(jsonCol).ptr); err == nil {
				json.Unmarshal(b, jc.ptr)
			}
		}
	}
}

// FieldEntry is the figure a field of figures by code holds for one code (nil when it holds none):
// one cell of such a field, as the poor households of one cause of poverty, an int64 or a float64.
func FieldEntry(r Record, name, key string) any {
	c, ok := colOf(r, name)
	if !ok {
		return nil
	}
	p, ok := c.ptr.(jsonCol)
	if !ok {
		return nil
	}
	v := reflect.ValueOf(p.ptr)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() != reflect.Map || v.Type().Key().Kind() != reflect.String || v.IsNil() {
		return nil
	}
	e := v.MapIndex(reflect.ValueOf(key).Convert(v.Type().Key()))
	if !e.IsValid() {
		return nil
	}
	switch e.Kind() {
	case reflect.Int, reflect.Int64, reflect.Int32:
		return e.Int()
	case reflect.Float64, reflect.Float32:
		return e.Float()
	}
	return nil
}

// pairsText writes a map of figures as a person reads it: "von: 12; dat: 3", keys in order,
// decimals with a comma (nil when empty). setPairs reads it back.
func pairsText(m any) any {
	v := reflect.ValueOf(m)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() != reflect.Map {
		// Not figures by code (a list of words): as JSON, as before.
		b, _ := json.Marshal(m)
		if string(b) == "null" || string(b) == "[]" {
			return nil
		}
		return string(b)
	}
	if v.Len() == 0 {
		return nil
	}
	type pair struct{ k, v string }
	var ps []pair
	iter := v.MapRange()
	for iter.Next() {
		val := iter.Value()
		text := fmt.Sprint(val.Interface())
		if val.Kind() == reflect.Float64 {
			text = strings.ReplaceAll(strconv.FormatFloat(val.Float(), 'f', -1, 64), ".", ",")
		}
		ps = append(ps, pair{fmt.Sprint(iter.Key().Interface()), text})
	}
	slices.SortFunc(ps, func(a, b pair) int {
		ai, aerr := strconv.Atoi(a.k)
		bi, berr := strconv.Atoi(b.k)
		if aerr == nil && berr == nil {
			return ai - bi
		}
		return strings.Compare(a.k, b.k)
	})
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = p.k + ": " + p.v
	}
	return strings.Join(parts, "; ")
}

// setPairs reads "mã: số; mã: số" into the map m points to.
func setPairs(m any, s string) error {
	target := reflect.ValueOf(m)
	direct := target.Kind() == reflect.Pointer && target.Elem().Kind() == reflect.Map && target.Elem().Type().Key().Kind() == reflect.String
	var out reflect.Value
	if direct {
		out = reflect.MakeMap(target.Elem().Type())
	}
	obj := map[string]json.RawMessage{}
	for _, part := range strings.Split(s, ";") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		k, v, ok := strings.Cut(part, ":")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if strings.Contains(v, ",") { // the Vietnamese way: 1.234,5
			v = strings.ReplaceAll(strings.ReplaceAll(v, ".", ""), ",", ".")
		}
		x, err := strconv.ParseFloat(v, 64)
		isNum := err == nil && !math.IsNaN(x) && !math.IsInf(x, 0)
		if !ok || k == "" || !isNum {
			return fmt.Errorf("%q không đúng dạng “mã: số; mã: số” (ví dụ: von: 12; dat: 3)", s)
		}
		if !direct {
			obj[k] = json.RawMessage(strconv.FormatFloat(x, 'f', -1, 64))
			continue
		}
		// Figures by code set straight into the map (through JSON this was a tenth of a large import).
		ev := reflect.New(out.Type().Elem()).Elem()
		switch ev.Kind() {
		case reflect.Int, reflect.Int64, reflect.Int32:
			if x != math.Trunc(x) || ev.OverflowInt(int64(x)) {
				return fmt.Errorf("%q không đúng dạng “mã: số; mã: số”: mỗi số phải hợp với loại của nó (số nguyên cho số hộ)", s)
			}
			ev.SetInt(int64(x))
		case reflect.Float64, reflect.Float32:
			ev.SetFloat(x)
		default:
			direct = false
			obj[k] = json.RawMessage(strconv.FormatFloat(x, 'f', -1, 64))
			continue
		}
		out.SetMapIndex(reflect.ValueOf(k).Convert(out.Type().Key()), ev)
	}
	if direct {
		target.Elem().Set(out)
		return nil
	}
	b, _ := json.Marshal(obj)
	clearPointee(m)
	if err := json.Unmarshal(b, m); err != nil {
		return fmt.Errorf("%q không đúng dạng “mã: số; mã: số”: mỗi số phải hợp với loại của nó (số nguyên cho số hộ)", s)
	}
	return nil
}

// clearPointee sets what p points to to its zero value (JSON adds to a map it is given).
func clearPointee(p any) {
	if v := reflect.ValueOf(p); v.Kind() == reflect.Pointer && !v.IsNil() {
		v.Elem().Set(reflect.Zero(v.Elem().Type()))
	}
}
