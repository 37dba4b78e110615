package data

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
	"unsafe"

	"ketnghia/data/vntext"
)

// col ties a column to the struct field that holds it.
type col struct {
	name    string
	ptr     any
	derived bool // computed from other fields (search key, sort key): not a change of its own
}

// record is what every exchangeable entity is to the generic layer below.
type record interface {
	meta() *Meta
	table() string
	cols() []col
}

// normaliser records put their text in NFC and compute derived columns before every write.
type normaliser interface{ normalise() }

// validator records check the rules they can check alone.
type validator interface{ validate() error }

// dbValidator records check the rules that need the database (parents, uniqueness …).
type dbValidator interface {
	validateDB(ctx context.Context, q queryer) error
}

func (m *Meta) meta() *Meta { return m }

// fieldLabels name stored fields as the screens do.
var fieldLabels = map[string]string{
	"name": "Tên", "code": "Mã", "kind": "Loại", "level": "Cấp", "parent_id": "Đơn vị cấp trên",
	"opened_on": "Ngày thành lập", "closed_on": "Ngày giải thể", "left_dbkk_year": "Năm ra khỏi diện ĐBKK",
	"ntm_year": "Năm đạt chuẩn nông thôn mới", "ntm_date": "Ngày công nhận nông thôn mới", "health_year": "Năm đạt Bộ tiêu chí quốc gia về y tế xã",
	"ntm_plan_year": "Năm dự kiến đạt chuẩn nông thôn mới",
	"pilot_level":   "Cấp chọn điểm", "unit_id": "Đơn vị", "year": "Năm", "households": "Số hộ", "em_households": "Số hộ dân tộc thiểu số",
	"people": "Số nhân khẩu", "poor": "Số hộ nghèo", "near_poor": "Số hộ cận nghèo", "poor_em": "Số hộ nghèo dân tộc thiểu số",
	"poor_by_cause": "Hộ nghèo theo nguyên nhân", "party_cell": "Chi bộ", "grid_households": "Số hộ dùng điện lưới quốc gia",
	"road_all_year": "Đường đến trung tâm xã đi lại được quanh năm", "cultural": "Thôn văn hóa",
	"em_people_15_60": "Số người DTTS từ 15 đến 60 tuổi", "em_illiterate_15_60": "Số người DTTS 15–60 tuổi không biết đọc, viết tiếng Việt",
	"employed_workers": "Số lao động có việc làm", "employed_untrained": "Số lao động có việc làm chưa qua đào tạo từ 3 tháng trở lên",
	"road_km": "Chiều dài đường từ trung tâm huyện", "road_unpaved_km": "Chiều dài đoạn đường chưa cứng hóa",
	"start_on": "Ngày bắt đầu", "end_on": "Ngày kết thúc", "on_date": "Ngày", "cash_vnd": "Giá trị tiền mặt", "in_kind_vnd": "Giá trị hiện vật",
	"twinning_unit_id": "Cơ quan, đơn vị kết nghĩa", "from_year": "Năm bắt đầu", "to_year": "Năm kết thúc", "class": "Khu vực",
	"threshold": "Ngưỡng", "params": "Các ngưỡng", "scores": "Điểm", "effective_on": "Ngày có hiệu lực", "moved_on": "Ngày chuyển",
	"ethnic_minority": "Vùng đồng bào dân tộc thiểu số", "key_dbkk": "Trọng điểm đặc biệt khó khăn", "ntm_decision": "Quyết định công nhận nông thôn mới",
	"note": "Ghi chú", "predecessor_id": "Đơn vị trước", "successor_id": "Đơn vị sau", "legal_basis": "Căn cứ pháp lý",
	"from_parent_id": "Đơn vị cấp trên cũ", "to_parent_id": "Đơn vị cấp trên mới", "rule_set": "Bộ quy định phân định", "decision": "Quyết định",
	"head": "Người đứng đầu", "contact": "Người liên hệ", "phone": "Số điện thoại", "district_id": "Huyện (cơ quan cấp huyện)",
	"description": "Nội dung", "position": "Thứ tự", "provisional": "Chưa chính thức", "pass_points": "Số điểm để đạt",
	"set_id": "Bộ tiêu chí", "number": "Số thứ tự tiêu chí", "max_points": "Điểm tối đa", "auto_fail": "Có điểm liệt",
	"metric": "Số liệu đo", "comparator": "Cách so sánh", "threshold_hi": "Ngưỡng trên", "deadline_year": "Năm phải đạt",
	"baseline_year": "Năm gốc", "yearly": "Đánh giá hằng năm", "family": "Nhóm quy định", "purpose": "Mục đích", "unverified": "Chưa kiểm chứng",
	"subject": "Trích yếu", "doc_number": "Số văn bản", "place": "Địa danh", "dated": "Ngày báo cáo", "signer_name": "Người ký",
	"recipients": "Nơi nhận", "sections": "Nội dung các mục", "annexes": "Phụ lục",
	"state": "Tình trạng", "submitted_by": "Người gửi", "submitted_office": "Văn phòng gửi", "submitted_on": "Ngày gửi",
	"decided_by": "Người duyệt", "decided_office": "Văn phòng duyệt", "decided_on": "Ngày duyệt",
}

// FieldLabel returns the Vietnamese name of a stored field ("" when it has none).
func FieldLabel(field string) string { return fieldLabels[field] }

// Noun returns the Vietnamese name of a table's records.
func Noun(table string) string {
	if n, ok := nouns[table]; ok {
		return n
	}
	return table
}

// nouns are the kinds' nouns by table, taken from the registry when the program starts (a map
// filled from kinds, not read through it: the registry's own functions name things by it).
var nouns = map[string]string{}

func init() {
	for _, k := range kinds {
		nouns[k.Table] = k.Noun
	}
}

func metaCols(m *Meta) []col {
	return []col{
		{name: "id", ptr: &m.ID},
		{name: "created_at", ptr: momentCol{&m.CreatedAt}},
		{name: "updated_at", ptr: momentCol{&m.UpdatedAt}},
		{name: "office_id", ptr: &m.OfficeID},
		{name: "version", ptr: &m.Version},
		{name: "deleted", ptr: &m.Deleted},
		{name: "sample", ptr: &m.Sample},
	}
}

func allCols(r record) []col { return append(metaCols(r.meta()), r.cols()...) }

// pickCols keeps the columns named in only, in their order (nil: all of them).
func pickCols(cs []col, only []string) []col {
	if only == nil {
		return cs
	}
	out := cs[:0:0]
	for _, c := range cs {
		if slices.Contains(only, c.name) {
			out = append(out, c)
		}
	}
	return out
}

func colNames(cs []col) string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = c.name
	}
	return strings.Join(names, ", ")
}

func scanTargets(cs []col) []any {
	out := make([]any, len(cs))
	for i, c := range cs {
		out[i] = fastScanner(c.ptr)
	}
	return out
}

func values(cs []col) []any {
	out := make([]any, len(cs))
	for i, c := range cs {
		out[i] = value(c.ptr)
	}
	return out
}

// value turns a field pointer into what the driver takes.
func value(ptr any) any {
	if v, ok := ptr.(driver.Valuer); ok {
		return v
	}
	v, ok := deref(ptr)
	if !ok {
		return nil
	}
	switch v.Kind() {
	case reflect.String:
		return v.String()
	case reflect.Bool:
		if v.Bool() {
			return int64(1)
		}
		return int64(0)
	case reflect.Int, reflect.Int64, reflect.Int32:
		return v.Int()
	case reflect.Float64:
		return v.Float()
	}
	return v.Interface()
}

// deref is the value a field pointer holds, through the pointer of an optional field; false when
// that is nil (unknown).
func deref(ptr any) (reflect.Value, bool) {
	v := reflect.ValueOf(ptr).Elem()
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return v, false
		}
		v = v.Elem()
	}
	return v, true
}

// render is the text the change history keeps for a field's value.
func render(ptr any) string {
	switch p := ptr.(type) {
	case timeCol:
		return p.t.UTC().Format(time.RFC3339)
	case momentCol:
		return p.m.Time().Format(time.RFC3339)
	case jsonCol:
		b, _ := json.Marshal(p.ptr)
		return string(b)
	case *Date:
		return p.ISO()
	}
	v := value(ptr)
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case []byte:
		return fmt.Sprintf("%x", x)
	case driver.Valuer:
		dv, _ := x.Value()
		if dv == nil {
			return ""
		}
		return fmt.Sprint(dv)
	}
	return fmt.Sprint(v)
}

// timeCol stores a time.Time as RFC 3339 text in UTC.
type timeCol struct{ t *time.Time }

func (c timeCol) Value() (driver.Value, error) {
	return c.t.UTC().Format(time.RFC3339Nano), nil
}

func (c timeCol) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case string:
		s = v
	case []byte:
		s = string(v)
	case time.Time:
		*c.t = v
		return nil
	case nil:
		*c.t = time.Time{}
		return nil
	default:
		return fmt.Errorf("cannot read %T as a time", src)
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return err
	}
	*c.t = t
	return nil
}

// momentCol stores a Moment as a timeCol stores its time.
type momentCol struct{ m *Moment }

func (c momentCol) Value() (driver.Value, error) {
	t := c.m.Time()
	return timeCol{&t}.Value()
}

func (c momentCol) Scan(src any) error {
	var t time.Time
	if err := (timeCol{&t}).Scan(src); err != nil {
		return err
	}
	*c.m = MomentOf(t)
	return nil
}

// jsonCol stores a map as JSON text.
type jsonCol struct{ ptr any }

func (c jsonCol) Value() (driver.Value, error) {
	b, err := json.Marshal(c.ptr)
	if err != nil {
		return nil, err
	}
	if string(b) == "null" {
		return "{}", nil
	}
	return string(b), nil
}

func (c jsonCol) Scan(src any) error {
	var b []byte
	switch v := src.(type) {
	case string:
		if fastJSON(v, c.ptr) {
			return nil
		}
		b = []byte(v)
	case []byte:
		b = v
	case nil:
		b = []byte("{}")
	default:
		return fmt.Errorf("cannot read %T as JSON", src)
	}
	if fastJSON(b, c.ptr) {
		return nil
	}
	return json.Unmarshal(b, c.ptr)
}

// nfc puts every plain text field of r in NFC.
func nfc(cs []col) {
	for _, c := range cs {
		if c.derived {
			continue
		}
		if p, ok := c.ptr.(*string); ok {
			if *p != "" {
				*p = vntext.NFC(*p)
			}
			continue
		}
		v := reflect.ValueOf(c.ptr)
		if v.Kind() != reflect.Pointer {
			continue
		}
		e := v.Elem()
		if e.Kind() == reflect.String && e.CanSet() {
			e.SetString(vntext.NFC(e.String()))
		}
	}
}

// controlChar says a character is a control character, which is neither shown nor printed: C0 and
// DEL, C1 (U+0080–U+009F), and the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
// U+2066–U+2069), which reorder what is shown without being seen.
func controlChar(r rune) bool {
	return r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// MaxTextLen is the most characters a text field holds: the same for the window, Excel (whose
// cells hold 32,767) and packages. Notes and descriptions are paragraphs; names, codes and the
// rest are a line.
func MaxTextLen(field string) int {
	switch {
	case field == "note" || field == "description" || strings.HasSuffix(field, "_note"):
		return 4000
	case field == "code":
		return 20
	}
	return 300
}

// printable refuses text with characters that cannot be shown or printed: control characters
// (line breaks and tabs apart) and bytes that are not UTF-8. Files from elsewhere can carry them.
func printable(cs []col) error {
	for _, c := range cs {
		s, ok := c.ptr.(*string)
		if !ok || c.derived {
			continue
		}
		bad := !utf8.ValidString(*s) || strings.ContainsFunc(*s, func(r rune) bool {
			return controlChar(r) && r != '\n' && r != '\r' && r != '\t'
		})
		label := FieldLabel(c.name)
		if label == "" {
			label = "Một ô chữ"
		}
		if bad {
			return invalid(c.name, "%s có ký tự không in được (ký tự điều khiển hoặc mã hóa hỏng)", label)
		}
		if n, max := utf8.RuneCountInString(*s), MaxTextLen(c.name); n > max {
			return invalid(c.name, "%s quá dài: %s ký tự, tối đa %s ký tự; hãy rút gọn", label, vntext.FormatInt(int64(n)), vntext.FormatInt(int64(max)))
		}
	}
	return nil
}

func prepare(r record) error { return prepareCols(r, r.cols()) }

// prepareCols is prepare with r's columns already listed (cs = r.cols()): a check or an import
// puts a million records through it, and each listing of the columns is garbage to collect.
func prepareCols(r record, cs []col) error {
	if err := printable(cs); err != nil {
		return err
	}
	nfc(cs)
	if n, ok := r.(normaliser); ok {
		n.normalise()
	}
	if v, ok := r.(validator); ok {
		if err := v.validate(); err != nil {
			return err
		}
	}
	return nil
}

// CheckAlone checks a record by the rules it can check by itself (those of a save, without the
// database), after putting its text in order; the error names the field it is about.
func CheckAlone(r Record) error { return prepare(r) }

// actor is who makes a change.
type actor struct {
	office string
	person string
	at     time.Time
}

func (s *Store) actor(ctx context.Context) actor {
	return actor{office: s.office, person: s.personOf(ctx), at: s.now().UTC()}
}

// save inserts r when it has no ID yet (or an ID not in the table) and updates it otherwise,
// logging every changed field. All in the caller's transaction.
func saveTx(ctx context.Context, tx txer, r record, a actor) error {
	if _, ok := r.(*Submission); ok && ctx.Value(decidingKey{}) == nil {
		return errNotByHand
	}
	if err := checkTx(ctx, tx, r); err != nil {
		return err
	}
	m := r.meta()
	if m.ID != "" {
		old := reflect.New(reflect.TypeOf(r).Elem()).Interface().(record)
		err := getTx(ctx, tx, old, m.ID, true)
		switch {
		case err == nil:
			if err := checkLockTx(ctx, tx, r, old); err != nil {
				return err
			}
			return updateTx(ctx, tx, old, r, a)
		case !IsNotFound(err):
			return err
		}
	}
	if err := checkLockTx(ctx, tx, r, nil); err != nil {
		return err
	}
	return insertTx(ctx, tx, r, a)
}

// checkTx puts a record in its stored form and checks it by every rule of a save: alone, then
// against the database.
func checkTx(ctx context.Context, tx txer, r record) error {
	if err := prepare(r); err != nil {
		return err
	}
	if v, ok := r.(dbValidator); ok {
		return v.validateDB(ctx, tx)
	}
	return nil
}

// insertNewTx writes a record known to be new, checked as saveTx checks it.
func insertNewTx(ctx context.Context, tx txer, r record, a actor) error {
	if err := checkTx(ctx, tx, r); err != nil {
		return err
	}
	return insertTx(ctx, tx, r, a)
}

func insertTx(ctx context.Context, tx txer, r record, a actor) error {
	m := r.meta()
	if m.ID == "" {
		m.ID = newID()
	}
	m.CreatedAt, m.UpdatedAt, m.OfficeID, m.Version, m.Deleted = MomentOf(a.at), MomentOf(a.at), a.office, 1, false
	cs := allCols(r)
	q, ok := insertSQL.Load(r.table())
	if !ok {
		q = fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", r.table(), colNames(cs), placeholders(len(cs)))
		insertSQL.Store(r.table(), q)
	}
	if _, err := tx.ExecContext(ctx, q.(string), values(cs)...); err != nil {
		return dbError(r.table(), err)
	}
	writtenTx(ctx, r.table(), m.ID)
	return logChange(ctx, tx, a, r.table(), m.ID, "", "", "tạo mới")
}

func updateTx(ctx context.Context, tx txer, old, r record, a actor) error {
	om, m := old.meta(), r.meta()
	if om.Deleted {
		return notFound(Noun(r.table()) + " (đã bị xóa)")
	}
	if m.Version != 0 && m.Version != om.Version {
		return conflict("version", "%s đã được người khác sửa trong lúc bạn đang sửa (phiên bản %d, bạn sửa từ phiên bản %d). Hãy mở lại và sửa lại.",
			vntext.UpperFirst(Noun(r.table())), om.Version, m.Version)
	}
	oc, nc := old.cols(), r.cols()
	type diff struct{ field, before, after string }
	var diffs []diff
	for i := range nc {
		b, aft := render(oc[i].ptr), render(nc[i].ptr)
		if b != aft && !nc[i].derived {
			diffs = append(diffs, diff{nc[i].name, b, aft})
		}
	}
	sampleChanged := om.Sample != m.Sample
	if len(diffs) == 0 && !sampleChanged {
		*m = *om
		return nil
	}
	m.CreatedAt, m.UpdatedAt, m.OfficeID, m.Version, m.Deleted = om.CreatedAt, MomentOf(a.at), a.office, om.Version+1, false
	cs := allCols(r)
	sets := make([]string, len(cs))
	for i, c := range cs {
		sets[i] = c.name + " = ?"
	}
	q := fmt.Sprintf("UPDATE %s SET %s WHERE id = ?", r.table(), strings.Join(sets, ", "))
	if _, err := tx.ExecContext(ctx, q, append(values(cs), m.ID)...); err != nil {
		return dbError(r.table(), err)
	}
	writtenTx(ctx, r.table(), m.ID)
	for _, d := range diffs {
		if err := logChange(ctx, tx, a, r.table(), m.ID, d.field, d.before, d.after); err != nil {
			return err
		}
	}
	if sampleChanged {
		return logChange(ctx, tx, a, r.table(), m.ID, "sample", boolText(om.Sample), boolText(m.Sample))
	}
	return nil
}

// deleteTx leaves a tombstone: the row stays, hidden, with the change logged.
func deleteTx(ctx context.Context, tx *sql.Tx, table, id string, a actor) error {
	if table == "submissions" {
		return errNotByHand
	}
	if k, ok := KindOf(table); ok {
		r := k.newRecord()
		if _, locks := r.(lockedUnit); locks && getTx(ctx, tx, r, id, false) == nil {
			if err := checkLockTx(ctx, tx, r, nil); err != nil {
				return err
			}
		}
	}
	res, err := tx.ExecContext(ctx, fmt.Sprintf(
		"UPDATE %s SET deleted = 1, version = version + 1, updated_at = ?, office_id = ? WHERE id = ? AND deleted = 0", table),
		a.at.Format(time.RFC3339Nano), a.office, id)
	if err != nil {
		return dbError(table, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound(Noun(table))
	}
	writtenTx(ctx, table, id)
	return logChange(ctx, tx, a, table, id, "deleted", "0", "1")
}

// restoreTx brings a tombstoned record back, logged as a change of "deleted" from 1 to 0.
func restoreTx(ctx context.Context, tx *sql.Tx, table, id string, a actor) error {
	res, err := tx.ExecContext(ctx, fmt.Sprintf(
		"UPDATE %s SET deleted = 0, version = version + 1, updated_at = ?, office_id = ? WHERE id = ? AND deleted = 1", table),
		a.at.Format(time.RFC3339Nano), a.office, id)
	if err != nil {
		return dbError(table, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound(Noun(table) + " đã xóa")
	}
	writtenTx(ctx, table, id)
	return logChange(ctx, tx, a, table, id, "deleted", "1", "0")
}

// getTx reads the record id into r; deleted records are found only with withDeleted.
func getTx(ctx context.Context, q queryer, r record, id string, withDeleted bool) error {
	l := lookupsOf(ctx)
	if l == nil && !withDeleted {
		// While many records are written (an import), each checks its unit, its criteria set,
		// its agency: read once, and forgotten when that record is written (writtenTx).
		if m, _ := ctx.Value(writeMemoKey{}).(*lookups); m != nil && m.records != nil {
			l = m
		}
	}
	if l != nil && !withDeleted {
		if l.units != nil && r.table() == "units" {
			if err := l.units(); err != nil {
				return err
			}
		}
		key := r.table() + "/" + id
		l.mu.Lock()
		v, ok := l.records[key]
		l.mu.Unlock()
		if !ok {
			err := getTx(context.WithValue(context.WithValue(ctx, lookupsKey{}, nil), writeMemoKey{}, nil), q, r, id, false)
			if err != nil && !IsNotFound(err) {
				return err
			}
			if err == nil {
				cp := reflect.New(reflect.TypeOf(r).Elem())
				cp.Elem().Set(reflect.ValueOf(r).Elem())
				v = cp.Interface()
			}
			l.mu.Lock()
			l.records[key] = v
			l.mu.Unlock()
			return err
		}
		if v == nil {
			return notFound(Noun(r.table()))
		}
		reflect.ValueOf(r).Elem().Set(reflect.ValueOf(v).Elem())
		return nil
	}
	cs := allCols(r)
	query := fmt.Sprintf("SELECT %s FROM %s WHERE id = ?", colNames(cs), r.table())
	if !withDeleted {
		query += " AND deleted = 0"
	}
	err := q.QueryRowContext(ctx, query, id).Scan(scanTargets(cs)...)
	if errors.Is(err, sql.ErrNoRows) {
		return notFound(Noun(r.table()))
	}
	if err != nil {
		return internal("Không đọc được "+Noun(r.table()), err)
	}
	return nil
}

// listOf reads every record of T matching the SQL tail (WHERE …, ORDER BY …).
func listOf[T any, PT interface {
	*T
	record
}](ctx context.Context, q queryer, tail string, args ...any) ([]T, error) {
	return listColsOf[T, PT](ctx, q, nil, tail, args...)
}

// listColsOf is listOf reading only the named columns (nil: all); the other fields stay zero.
func listColsOf[T any, PT interface {
	*T
	record
}](ctx context.Context, q queryer, only []string, tail string, args ...any) ([]T, error) {
	return listColsSized[T, PT](ctx, q, -1, only, tail, args...)
}

// listColsSized is listColsOf into a list made for n records (n < 0: not known).
func listColsSized[T any, PT interface {
	*T
	record
}](ctx context.Context, q queryer, n int, only []string, tail string, args ...any) ([]T, error) {
	var zero T
	cs := pickCols(allCols(PT(&zero)), only)
	rows, err := q.QueryContext(ctx, fmt.Sprintf("SELECT %s FROM %s %s", prefixed(cs, "t."), PT(&zero).table()+" t", tail), args...)
	if err != nil {
		return nil, internal("Không đọc được "+Noun(PT(&zero).table()), err)
	}
	defer rows.Close()
	// Rows go into chunks that never move, then into one slice of the exact size: appending large
	// structs to one growing slice copied them again at every doubling (a third of the time spent
	// reading the national snapshot).
	// The first chunks are small: most lists are short, and clearing 4,096 large structs for a
	// list of five was most of the time of a save that checks a record against a short list.
	// The places of the columns read among all of a record's, found once.
	var at []int
	for i, c := range allCols(PT(&zero)) {
		if only == nil || slices.Contains(only, c.name) {
			at = append(at, i)
		}
	}
	// Each column's target pointed at each row's record by its place (colplace.go); a type whose
	// columns cannot all be placed lists them for each row.
	places, placed := placesOf[T, PT](at)
	pt := newPlacedTargets(places)
	targets := make([]any, len(at))
	var chunks [][]T
	sized := n >= 0
	if sized {
		// The number known: the rows go into the list itself, one chunk, never copied whole.
		chunks = [][]T{make([]T, 0, n)}
	}
	n = 0
	for rows.Next() {
		if len(chunks) == 0 || len(chunks[len(chunks)-1]) == cap(chunks[len(chunks)-1]) {
			if sized {
				chunks[0] = slices.Grow(chunks[0], 16) // rows written since they were counted
			} else {
				chunks = append(chunks, make([]T, 0, 16<<min(len(chunks), 8))) // 16, 32, … 4,096
			}
		}
		last := &chunks[len(chunks)-1]
		*last = (*last)[:len(*last)+1]
		item := &(*last)[len(*last)-1]
		if placed {
			targets = pt.point(unsafe.Pointer(item))
		} else {
			all := allCols(PT(item))
			for i, k := range at {
				targets[i] = fastScanner(all[k].ptr)
			}
		}
		if err := rows.Scan(targets...); err != nil {
			return nil, internal("Không đọc được "+Noun(PT(&zero).table()), err)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return nil, internal("Không đọc được "+Noun(PT(&zero).table()), err)
	}
	switch {
	case n == 0:
		return nil, nil
	case len(chunks) == 1:
		return chunks[0], nil
	}
	out := make([]T, 0, n)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return out, nil
}

// pageOf reads one page of T (WHERE where ORDER BY order) and the number of all rows that match.
// count, when not "", is a cheaper query giving that number (with countArgs).
func pageOf[T any, PT interface {
	*T
	record
}](ctx context.Context, q queryer, where, order string, offset, limit int, args []any, count string, countArgs []any) ([]T, int, error) {
	var zero T
	table := PT(&zero).table()
	if count == "" {
		count, countArgs = fmt.Sprintf("SELECT count(*) FROM %s t %s", table, where), args
	}
	var total int
	if err := q.QueryRowContext(ctx, count, countArgs...).Scan(&total); err != nil {
		return nil, 0, internal("Không đếm được "+Noun(table), err)
	}
	tail := where + " " + order
	if limit > 0 {
		tail += fmt.Sprintf(" LIMIT %d OFFSET %d", limit, max(offset, 0))
	}
	page, err := listOf[T, PT](ctx, q, tail, args...)
	return page, total, err
}

func prefixed(cs []col, p string) string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = p + c.name
	}
	return strings.Join(names, ", ")
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// insertSQL is each table's INSERT of a whole record (a record's columns are its kind's).
var insertSQL sync.Map

// changeBatchKey holds, while WriteEach writes many records, their lines of history: written a
// hundred to a statement (a statement each was a tenth of a large import).
type changeBatchKey struct{}

type changeBatch struct {
	args []any // changeCols values a line
}

const changeCols = 8

func withChangeBatch(ctx context.Context) (context.Context, *changeBatch) {
	b := &changeBatch{}
	return context.WithValue(ctx, changeBatchKey{}, b), b
}

// flush writes the lines gathered.
func (b *changeBatch) flush(ctx context.Context, tx txer) error {
	const most = 100
	for len(b.args) > 0 {
		n := min(most, len(b.args)/changeCols)
		row := "(" + placeholders(changeCols) + ")"
		q := "INSERT INTO change_log(at, office_id, person, record_table, record_id, field, old_value, new_value) VALUES " +
			strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
		if _, err := tx.ExecContext(ctx, q, b.args[:n*changeCols]...); err != nil {
			return internal("Không ghi được lịch sử thay đổi", err)
		}
		b.args = b.args[n*changeCols:]
	}
	b.args = b.args[:0:0]
	return nil
}

func logChange(ctx context.Context, tx txer, a actor, table, id, field, before, after string) error {
	if b, _ := ctx.Value(changeBatchKey{}).(*changeBatch); b != nil {
		b.args = append(b.args, a.at.Format(time.RFC3339Nano), a.office, a.person, table, id, field, before, after)
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO change_log(at, office_id, person, record_table, record_id, field, old_value, new_value)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, a.at.Format(time.RFC3339Nano), a.office, a.person, table, id, field, before, after)
	if err != nil {
		return internal("Không ghi được lịch sử thay đổi", err)
	}
	return nil
}

// dbError turns a constraint failure into a Vietnamese conflict.
func dbError(table string, err error) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "ketnghia: figures accepted"):
		return errLockedAnyhow
	case strings.Contains(msg, "UNIQUE constraint failed: units.level, units.code"):
		return conflict("code", "Mã đơn vị đã được dùng cho một đơn vị khác đang hoạt động")
	case strings.Contains(msg, "UNIQUE constraint failed: reviews"):
		return conflict("year", "Đơn vị này đã có số liệu rà soát của năm này")
	case strings.Contains(msg, "UNIQUE constraint"):
		return conflict("", "%s trùng với một bản ghi đã có", vntext.UpperFirst(Noun(table)))
	case strings.Contains(msg, "FOREIGN KEY constraint"):
		return invalid("", "%s tham chiếu đến một bản ghi không tồn tại", vntext.UpperFirst(Noun(table)))
	case strings.Contains(msg, "CHECK constraint"):
		return invalid("", "%s có giá trị không hợp lệ", vntext.UpperFirst(Noun(table)))
	}
	return internal("Không ghi được "+Noun(table), err)
}

func boolText(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// --- generic public operations, each one transaction ---

func (s *Store) save(ctx context.Context, r record) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return saveTx(ctx, tx, r, s.actor(ctx)) })
}

func (s *Store) get(ctx context.Context, r record, id string) error {
	return getTx(ctx, s.db, r, id, false)
}

func (s *Store) remove(ctx context.Context, table, id string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return deleteTx(ctx, tx, table, id, s.actor(ctx)) })
}

func (s *Store) restore(ctx context.Context, table, id string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return restoreTx(ctx, tx, table, id, s.actor(ctx)) })
}

// RecordMeta returns the identity of any record, tombstoned ones included.
func (s *Store) RecordMeta(ctx context.Context, table, id string) (Meta, error) {
	if _, ok := nouns[table]; !ok {
		return Meta{}, invalid("table", "Không có loại bản ghi %q", table)
	}
	var m Meta
	cs := metaCols(&m)
	err := s.db.QueryRowContext(ctx, fmt.Sprintf("SELECT %s FROM %s WHERE id = ?", colNames(cs), table), id).Scan(scanTargets(cs)...)
	if errors.Is(err, sql.ErrNoRows) {
		return m, notFound(Noun(table))
	}
	if err != nil {
		return m, internal("Không đọc được "+Noun(table), err)
	}
	return m, nil
}

// History lists the changes made to one record, oldest first.
func (s *Store) History(ctx context.Context, table, id string) ([]Change, error) {
	// A record copied in bulk from a package has, for its first line, the import's line.
	rows, err := s.db.QueryContext(ctx, `SELECT seq, at, office_id, person, record_table, record_id, field,
		coalesce(old_value, ''), coalesce(new_value, '') FROM change_log WHERE record_table = ?1 AND record_id = ?2
		UNION ALL
		SELECT l.seq, l.at, l.office_id, l.person, r.record_table, r.record_id, l.field, '', coalesce(l.new_value, '')
		FROM change_received r JOIN change_log l ON l.seq = r.seq WHERE r.record_table = ?1 AND r.record_id = ?2
		ORDER BY 1`, table, id)
	if err != nil {
		return nil, internal("Không đọc được lịch sử thay đổi", err)
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var c Change
		if err := rows.Scan(&c.Seq, timeCol{&c.At}, &c.OfficeID, &c.Person, &c.Table, &c.RecordID, &c.Field, &c.Old, &c.New); err != nil {
			return nil, internal("Không đọc được lịch sử thay đổi", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func nfcTrim(s string) string { return vntext.NFC(s) }

// boolFields are the stored fields that hold yes or no.
var boolFields = map[string]bool{"party_cell": true, "road_all_year": true, "cultural": true, "ethnic_minority": true,
	"key_dbkk": true, "deleted": true, "sample": true, "auto_fail": true}

// ValueText writes a stored field's value (as the history keeps it) the way the screens show
// figures: 1.234 and 12,5 for numbers, dd/mm/yyyy for days, có or không for yes or no.
func ValueText(field, raw string) string {
	if raw == "" {
		return ""
	}
	if boolFields[field] {
		switch raw {
		case "1", "true":
			return "có"
		case "0", "false":
			return "không"
		}
	}
	if field == "code" || strings.HasSuffix(field, "_id") || strings.Contains(field, "year") || field == "version" {
		return raw // codes, years and identities are not quantities
	}
	if d, err := ParseISODate(raw); err == nil && len(raw) == 10 {
		return d.String()
	}
	if n, err := strconv.ParseInt(raw, 10, 64); err == nil {
		return vntext.FormatInt(n)
	}
	if x, err := strconv.ParseFloat(raw, 64); err == nil {
		return vntext.DecimalTrim(x)
	}
	return raw
}

// writtenTx forgets what the write memo holds of a record just written.
func writtenTx(ctx context.Context, table, id string) {
	if m, _ := ctx.Value(writeMemoKey{}).(*lookups); m != nil && m.records != nil {
		m.mu.Lock()
		delete(m.records, table+"/"+id)
		m.mu.Unlock()
	}
}
