package data

import (
	"context"
	"database/sql"
	"strings"

	"ketnghia/data/vntext"
)

func (t *TwinningUnit) table() string { return "twinning_units" }

func (t *TwinningUnit) cols() []col {
	return []col{
		{name: "name", ptr: &t.Name},
		{name: "name_key", ptr: &t.nameKey, derived: true},
		{name: "sort_key", ptr: &t.sortKey, derived: true},
		{name: "level", ptr: &t.Level},
		{name: "kind", ptr: &t.Kind},
		{name: "head", ptr: &t.Head},
		{name: "contact", ptr: &t.Contact},
		{name: "phone", ptr: &t.Phone},
		{name: "district_id", ptr: nullString{&t.DistrictID}},
		{name: "note", ptr: &t.Note},
	}
}

func (t *TwinningUnit) normalise() {
	t.nameKey = searchKey(t.Name)
	t.sortKey = vntext.SortKey(t.Name)
}

func (t *TwinningUnit) validate() error {
	if t.Name == "" {
		return invalid("name", "Tên cơ quan, đơn vị kết nghĩa không được để trống")
	}
	switch t.Level {
	case TwinProvince, TwinDistrict:
	default:
		return invalid("level", "Cấp của cơ quan kết nghĩa phải là cấp tỉnh hoặc cấp huyện")
	}
	switch t.Kind {
	case TwinParty, TwinState, TwinMass, TwinArmed, TwinEnterprise:
	default:
		return invalid("kind", "Loại cơ quan %q không hợp lệ", t.Kind)
	}
	if t.Phone != "" {
		for _, r := range t.Phone {
			if !strings.ContainsRune("0123456789 +.-()", r) {
				return invalid("phone", "Số điện thoại %q chỉ được gồm chữ số, dấu cách, + . - ( )", t.Phone)
			}
		}
	}
	return nil
}

func (t *TwinningUnit) validateDB(ctx context.Context, q queryer) error {
	if t.DistrictID == "" {
		return nil
	}
	var d Unit
	if err := getTx(ctx, q, &d, t.DistrictID, false); err != nil || d.Level != LevelDistrict {
		return invalid("district_id", "Huyện của cơ quan kết nghĩa không tồn tại")
	}
	return nil
}

// SaveTwinningUnit creates or updates a twinning agency.
func (s *Store) SaveTwinningUnit(ctx context.Context, t *TwinningUnit) error { return s.save(ctx, t) }

// GetTwinningUnit reads one twinning agency.
func (s *Store) GetTwinningUnit(ctx context.Context, id string) (TwinningUnit, error) {
	var t TwinningUnit
	err := s.get(ctx, &t, id)
	return t, err
}

// DeleteTwinningUnit tombstones an agency with no running assignment.
func (s *Store) DeleteTwinningUnit(ctx context.Context, id string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM assignments WHERE twinning_unit_id = ? AND deleted = 0 AND end_on IS NULL", id).Scan(&n); err != nil {
			return internal("Không kiểm tra được phân công", err)
		}
		if n > 0 {
			return conflict("", "Không xóa được: cơ quan còn %d phân công kết nghĩa đang thực hiện; hãy kết thúc phân công trước", n)
		}
		return deleteTx(ctx, tx, "twinning_units", id, s.actor(ctx))
	})
}

// TwinningFilter selects twinning agencies.
type TwinningFilter struct {
	Query  string
	Level  TwinningLevel
	Kind   TwinningKind
	Offset int
	Limit  int
}

// ListTwinningUnits returns a page of agencies in Vietnamese order and the number of all that match.
func (s *Store) ListTwinningUnits(ctx context.Context, f TwinningFilter) ([]TwinningUnit, int, error) {
	conds := []string{"t.deleted = 0"}
	var args []any
	if cond, arg, ok := foldedMatch("twinning_fts", f.Query); ok {
		conds, args = append(conds, cond), append(args, arg)
	}
	if f.Level != "" {
		conds = append(conds, "t.level = ?")
		args = append(args, f.Level)
	}
	if f.Kind != "" {
		conds = append(conds, "t.kind = ?")
		args = append(args, f.Kind)
	}
	count, countArgs := "", []any(nil)
	if f.Level == "" && f.Kind == "" {
		count, countArgs = indexCount("twinning_units", "twinning_fts", f.Query)
	}
	return pageOf[TwinningUnit](ctx, s.db, "WHERE "+strings.Join(conds, " AND "), "ORDER BY t.sort_key", f.Offset, f.Limit, args, count, countArgs)
}

// Assignments

func (a *Assignment) table() string { return "assignments" }

func (a *Assignment) cols() []col {
	return []col{
		{name: "twinning_unit_id", ptr: &a.TwinningUnitID},
		{name: "unit_id", ptr: &a.UnitID},
		{name: "start_on", ptr: &a.Start},
		{name: "end_on", ptr: &a.End},
		{name: "note", ptr: &a.Note},
	}
}

func (a *Assignment) validate() error {
	if a.TwinningUnitID == "" {
		return invalid("twinning_unit_id", "Cần chọn cơ quan, đơn vị kết nghĩa")
	}
	if a.UnitID == "" {
		return invalid("unit_id", "Cần chọn xã hoặc thôn được kết nghĩa")
	}
	if a.Start.IsZero() || !a.Start.Valid() {
		return invalid("start_on", "Cần ngày bắt đầu phân công")
	}
	if !a.End.Valid() {
		return invalid("end_on", "Ngày kết thúc không hợp lệ")
	}
	if !a.End.IsZero() && a.End.Before(a.Start) {
		return invalid("end_on", "Ngày kết thúc (%s) không được trước ngày bắt đầu (%s)", a.End, a.Start)
	}
	start := a.Start.Year()
	if err := checkYear("start_on", "Năm bắt đầu", &start); err != nil {
		return err
	}
	return nil
}

func (a *Assignment) validateDB(ctx context.Context, q queryer) error {
	var t TwinningUnit
	if err := getTx(ctx, q, &t, a.TwinningUnitID, false); err != nil {
		return invalid("twinning_unit_id", "Cơ quan, đơn vị kết nghĩa không tồn tại")
	}
	var u Unit
	if err := getTx(ctx, q, &u, a.UnitID, false); err != nil {
		return invalid("unit_id", "Xã hoặc thôn được kết nghĩa không tồn tại")
	}
	if u.Level != LevelCommune && u.Level != LevelVillage {
		return invalid("unit_id", "Chỉ phân công kết nghĩa với xã hoặc thôn, không với %s", strings.ToLower(u.Level.Label()))
	}
	if !u.OpenAt(a.Start) {
		return invalid("start_on", "%s không hoạt động vào ngày bắt đầu phân công %s", u.Name, a.Start)
	}
	return nil
}

// SaveAssignment creates or updates an assignment.
func (s *Store) SaveAssignment(ctx context.Context, a *Assignment) error { return s.save(ctx, a) }

// Reassign ends the running assignment (on the day before on) and starts a new one with another
// agency on day on, in one transaction: the history of who helped whom stays.
func (s *Store) Reassign(ctx context.Context, assignmentID, newTwinningUnitID string, on Date, note string) (Assignment, error) {
	var next Assignment
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var cur Assignment
		if err := getTx(ctx, tx, &cur, assignmentID, false); err != nil {
			return err
		}
		if !cur.End.IsZero() {
			return conflict("end_on", "Phân công này đã kết thúc ngày %s", cur.End)
		}
		if !cur.Start.Before(on) {
			return invalid("start_on", "Ngày phân công mới phải sau ngày bắt đầu phân công cũ (%s)", cur.Start)
		}
		a := s.actor(ctx)
		cur.End = on.AddDays(-1)
		if err := saveTx(ctx, tx, &cur, a); err != nil {
			return err
		}
		next = Assignment{TwinningUnitID: newTwinningUnitID, UnitID: cur.UnitID, Start: on, Note: note}
		next.Sample = cur.Sample
		return saveTx(ctx, tx, &next, a)
	})
	return next, err
}

// GetAssignment reads one assignment.
func (s *Store) GetAssignment(ctx context.Context, id string) (Assignment, error) {
	var a Assignment
	err := s.get(ctx, &a, id)
	return a, err
}

// DeleteAssignment tombstones an assignment entered by mistake (to end one, set its end date).
func (s *Store) DeleteAssignment(ctx context.Context, id string) error {
	return s.remove(ctx, "assignments", id)
}

// AssignmentFilter selects assignments.
type AssignmentFilter struct {
	TwinningUnitID string
	UnitID         string
	ActiveAt       Date // only those running on this day
}

// ListAssignments lists assignments, newest first.
func (s *Store) ListAssignments(ctx context.Context, f AssignmentFilter) ([]Assignment, error) {
	conds := []string{"t.deleted = 0"}
	var args []any
	if f.TwinningUnitID != "" {
		conds = append(conds, "t.twinning_unit_id = ?")
		args = append(args, f.TwinningUnitID)
	}
	if f.UnitID != "" {
		conds = append(conds, "t.unit_id = ?")
		args = append(args, f.UnitID)
	}
	if !f.ActiveAt.IsZero() {
		conds = append(conds, "t.start_on <= ? AND (t.end_on IS NULL OR t.end_on >= ?)")
		args = append(args, f.ActiveAt.ISO(), f.ActiveAt.ISO())
	}
	return listOf[Assignment](ctx, s.db, "WHERE "+strings.Join(conds, " AND ")+" ORDER BY t.start_on DESC", args...)
}

// Activities

func (a *Activity) table() string { return "activities" }

func (a *Activity) cols() []col {
	return []col{
		{name: "twinning_unit_id", ptr: &a.TwinningUnitID},
		{name: "unit_id", ptr: nullString{&a.UnitID}},
		{name: "on_date", ptr: &a.On},
		{name: "kind", ptr: &a.Kind},
		{name: "description", ptr: &a.Description},
		{name: "cash_vnd", ptr: &a.CashVND},
		{name: "in_kind_vnd", ptr: &a.InKindVND},
	}
}

func (a *Activity) validate() error {
	if a.TwinningUnitID == "" {
		return invalid("twinning_unit_id", "Cần chọn cơ quan, đơn vị thực hiện hoạt động")
	}
	if a.On.IsZero() || !a.On.Valid() {
		return invalid("on_date", "Cần ngày thực hiện hoạt động")
	}
	year := a.On.Year()
	if err := checkYear("on_date", "Năm thực hiện", &year); err != nil {
		return err
	}
	valid := false
	for _, k := range ActivityKinds {
		valid = valid || k == a.Kind
	}
	if !valid {
		return invalid("kind", "Loại hoạt động %q không hợp lệ", a.Kind)
	}
	if a.CashVND < 0 {
		return invalid("cash_vnd", "Giá trị tiền mặt không được âm")
	}
	if a.InKindVND < 0 {
		return invalid("in_kind_vnd", "Giá trị hiện vật không được âm")
	}
	return nil
}

func (a *Activity) validateDB(ctx context.Context, q queryer) error {
	var t TwinningUnit
	if err := getTx(ctx, q, &t, a.TwinningUnitID, false); err != nil {
		return invalid("twinning_unit_id", "Cơ quan, đơn vị kết nghĩa không tồn tại")
	}
	if a.UnitID != "" {
		var u Unit
		if err := getTx(ctx, q, &u, a.UnitID, false); err != nil {
			return invalid("unit_id", "Xã hoặc thôn được hỗ trợ không tồn tại")
		}
	}
	return nil
}

// SaveActivity creates or updates an activity.
func (s *Store) SaveActivity(ctx context.Context, a *Activity) error { return s.save(ctx, a) }

// GetActivity reads one activity.
func (s *Store) GetActivity(ctx context.Context, id string) (Activity, error) {
	var a Activity
	err := s.get(ctx, &a, id)
	return a, err
}

// DeleteActivity tombstones an activity.
func (s *Store) DeleteActivity(ctx context.Context, id string) error {
	return s.remove(ctx, "activities", id)
}

// ActivityFilter selects activities.
type ActivityFilter struct {
	TwinningUnitID string
	UnitID         string
	From, To       Date
}

// ListActivities lists activities, newest first.
func (s *Store) ListActivities(ctx context.Context, f ActivityFilter) ([]Activity, error) {
	conds := []string{"t.deleted = 0"}
	var args []any
	if f.TwinningUnitID != "" {
		conds = append(conds, "t.twinning_unit_id = ?")
		args = append(args, f.TwinningUnitID)
	}
	if f.UnitID != "" {
		conds = append(conds, "t.unit_id = ?")
		args = append(args, f.UnitID)
	}
	if !f.From.IsZero() {
		conds = append(conds, "t.on_date >= ?")
		args = append(args, f.From.ISO())
	}
	if !f.To.IsZero() {
		conds = append(conds, "t.on_date <= ?")
		args = append(args, f.To.ISO())
	}
	return listOf[Activity](ctx, s.db, "WHERE "+strings.Join(conds, " AND ")+" ORDER BY t.on_date DESC", args...)
}

// RestoreTwinningUnit brings back a deleted agency.
func (s *Store) RestoreTwinningUnit(ctx context.Context, id string) error {
	return s.restore(ctx, "twinning_units", id)
}

// RestoreAssignment brings back a deleted assignment.
func (s *Store) RestoreAssignment(ctx context.Context, id string) error {
	return s.restore(ctx, "assignments", id)
}

// RestoreActivity brings back a deleted activity.
func (s *Store) RestoreActivity(ctx context.Context, id string) error {
	return s.restore(ctx, "activities", id)
}

// DeletedTwinningUnits lists the deleted agencies (the "Đã xóa" view), in Vietnamese order.
func (s *Store) DeletedTwinningUnits(ctx context.Context) ([]TwinningUnit, error) {
	return listOf[TwinningUnit](ctx, s.db, "WHERE t.deleted = 1 ORDER BY t.sort_key")
}
