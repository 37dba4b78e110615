package data

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"slices"
	"strings"

	"ketnghia/data/vntext"
)

func (u *Unit) table() string { return "units" }

func (u *Unit) cols() []col {
	return []col{
		{name: "level", ptr: &u.Level},
		{name: "kind", ptr: &u.Kind},
		{name: "code", ptr: &u.Code},
		{name: "name", ptr: &u.Name},
		{name: "name_key", ptr: &u.nameKey, derived: true},
		{name: "sort_key", ptr: &u.sortKey, derived: true},
		{name: "parent_id", ptr: nullString{&u.ParentID}},
		{name: "opened_on", ptr: &u.OpenedOn},
		{name: "closed_on", ptr: &u.ClosedOn},
		{name: "ethnic_minority", ptr: &u.EthnicMinority},
		{name: "key_dbkk", ptr: &u.KeyDBKK},
		{name: "left_dbkk_year", ptr: &u.LeftDBKKYear},
		{name: "ntm_year", ptr: &u.NTMYear},
		{name: "ntm_decision", ptr: &u.NTMDecision},
		{name: "ntm_date", ptr: &u.NTMDate},
		{name: "ntm_plan_year", ptr: &u.NTMPlanYear},
		{name: "health_year", ptr: &u.HealthYear},
		{name: "pilot_level", ptr: &u.Pilot},
		{name: "note", ptr: &u.Note},
	}
}

// SortKey is the unit's Vietnamese collation key as stored (nil for a unit not read from the store).
func (u Unit) SortKey() []byte { return u.sortKey }

// ShortName is the name without its kind prefix: "Đắk Blô" for "Xã Đắk Blô".
func (u Unit) ShortName() string {
	if rest, ok := strings.CutPrefix(u.Name, u.Kind+" "); ok && rest != "" {
		return rest
	}
	return u.Name
}

func (u *Unit) normalise() {
	u.Code = strings.TrimSpace(u.Code)
	u.nameKey = searchKey(u.Name)
	// Lists are read by the proper name; the kind breaks ties.
	u.sortKey = vntext.SortKey(u.ShortName() + " \x00" + u.Kind)
}

func (u *Unit) validate() error {
	kinds, ok := UnitKinds[u.Level]
	if !ok {
		return invalid("level", "Cấp đơn vị %q không hợp lệ (tỉnh, huyện, xã hoặc thôn)", u.Level)
	}
	if !slices.Contains(kinds, u.Kind) {
		return invalid("kind", "Loại đơn vị %q không hợp lệ cho cấp %s (được dùng: %s)", u.Kind, strings.ToLower(u.Level.Label()), strings.Join(kinds, ", "))
	}
	if u.Name == "" {
		return invalid("name", "Tên đơn vị không được để trống")
	}
	if len([]rune(u.Name)) > 200 {
		return invalid("name", "Tên đơn vị quá dài (tối đa 200 ký tự)")
	}
	if n := CodeDigits[u.Level]; n > 0 {
		if !digits(u.Code) || len(u.Code) != n {
			return invalid("code", "Mã %s phải gồm đúng %d chữ số (theo QĐ 124/2004/QĐ-TTg), không phải %q", strings.ToLower(u.Level.Label()), n, u.Code)
		}
	} else if u.Code != "" && (!digits(u.Code) || len(u.Code) > 12) {
		return invalid("code", "Mã thôn chỉ gồm chữ số (tối đa 12), không phải %q", u.Code)
	}
	if !u.OpenedOn.Valid() {
		return invalid("opened_on", "Ngày thành lập không hợp lệ")
	}
	if !u.ClosedOn.Valid() {
		return invalid("closed_on", "Ngày giải thể không hợp lệ")
	}
	if !u.OpenedOn.IsZero() && !u.ClosedOn.IsZero() && !u.OpenedOn.Before(u.ClosedOn) {
		return invalid("closed_on", "Ngày giải thể (%s) phải sau ngày thành lập (%s)", u.ClosedOn, u.OpenedOn)
	}
	for _, y := range []struct {
		field, label string
		v            *int
	}{
		{"left_dbkk_year", "Năm ra khỏi diện ĐBKK", u.LeftDBKKYear},
		{"ntm_year", "Năm đạt chuẩn nông thôn mới", u.NTMYear},
		{"health_year", "Năm đạt Bộ tiêu chí quốc gia về y tế xã", u.HealthYear},
		{"ntm_plan_year", "Năm dự kiến đạt chuẩn nông thôn mới", u.NTMPlanYear},
	} {
		if err := checkYear(y.field, y.label, y.v); err != nil {
			return err
		}
	}
	if u.NTMPlanYear != nil && u.Level != LevelVillage {
		return invalid("ntm_plan_year", "Chỉ thôn, làng mới có năm dự kiến đạt chuẩn nông thôn mới (lộ trình theo Chỉ thị); hãy để trống ô này")
	}
	if !u.NTMDate.Valid() {
		return invalid("ntm_date", "Ngày công nhận nông thôn mới không hợp lệ")
	}
	switch u.Pilot {
	case PilotNone, PilotProvince, PilotDistrict, PilotCommune:
	default:
		return invalid("pilot_level", "Cấp chọn điểm %q không hợp lệ", u.Pilot)
	}
	if u.Level == LevelProvince && u.ParentID != "" {
		return invalid("parent_id", "Tỉnh không có đơn vị cấp trên")
	}
	if u.Level != LevelProvince && u.ParentID == "" {
		return invalid("parent_id", "%s phải thuộc một đơn vị cấp trên", u.Level.Label())
	}
	if u.ParentID != "" && u.ParentID == u.ID {
		return invalid("parent_id", "Đơn vị không thể là cấp trên của chính nó")
	}
	return nil
}

// parentLevels says under which levels each level may hang. After 1 Jul 2025 communes hang
// directly under the province: the district level was abolished.
var parentLevels = map[Level][]Level{
	LevelDistrict: {LevelProvince},
	LevelCommune:  {LevelDistrict, LevelProvince},
	LevelVillage:  {LevelCommune},
}

// ParentLevelAllowed says whether a unit of level may hang under a unit of level parent.
func ParentLevelAllowed(level, parent Level) bool {
	return slices.Contains(parentLevels[level], parent)
}

// lastMoveOf is the day a unit last changed parent (zero when never); a check reads every unit's
// at once.
func lastMoveOf(ctx context.Context, q queryer, id string) (Date, error) {
	if lookupsOf(ctx) == nil {
		var d Date
		err := q.QueryRowContext(ctx, "SELECT max(moved_on) FROM unit_moves WHERE unit_id = ? AND deleted = 0", id).Scan(&d)
		if errors.Is(err, sql.ErrNoRows) {
			err = nil
		}
		return d, err
	}
	all, err := remembered(ctx, "last moves", func() (map[string]Date, error) {
		rows, err := q.QueryContext(ctx, "SELECT unit_id, max(moved_on) FROM unit_moves WHERE deleted = 0 GROUP BY unit_id")
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		out := map[string]Date{}
		for rows.Next() {
			var id string
			var d Date
			if err := rows.Scan(&id, &d); err != nil {
				return nil, err
			}
			out[id] = d
		}
		return out, rows.Err()
	})
	return all[id], err
}

func (u *Unit) validateDB(ctx context.Context, q queryer) error {
	if u.ParentID != "" {
		var p Unit
		if err := getTx(ctx, q, &p, u.ParentID, false); err != nil {
			if IsNotFound(err) {
				return invalid("parent_id", "Đơn vị cấp trên không tồn tại")
			}
			return err
		}
		if !slices.Contains(parentLevels[u.Level], p.Level) {
			return invalid("parent_id", "%s không thể thuộc %s (%s)", u.Level.Label(), strings.ToLower(p.Level.Label()), p.Name)
		}
		since := u.OpenedOn
		lastMove, err := lastMoveOf(ctx, q, u.ID)
		if err != nil {
			return internal("Không đọc được lịch sử đơn vị cấp trên", err)
		}
		if since.Before(lastMove) {
			since = lastMove
		}
		if !since.IsZero() && !p.OpenAt(since) {
			return invalid("parent_id", "%s phải thuộc một đơn vị đang hoạt động vào ngày %s; %s không hoạt động vào ngày đó", u.Level.Label(), since, p.Name)
		}
		if !p.ClosedOn.IsZero() && (u.ClosedOn.IsZero() || p.ClosedOn.Before(u.ClosedOn)) {
			return invalid("parent_id", "%s đã giải thể từ ngày %s; %s đang hoạt động phải thuộc một đơn vị còn hoạt động", p.Name, p.ClosedOn, u.Name)
		}
	}
	if u.Code != "" && u.ClosedOn.IsZero() && !uniqueByIndex(ctx) {
		var other string
		err := q.QueryRowContext(ctx, `SELECT name FROM units WHERE level = ? AND code = ? AND closed_on IS NULL
			AND deleted = 0 AND id <> ?`, u.Level, u.Code, u.ID).Scan(&other)
		if err == nil {
			return conflict("code", "Mã %s đã được dùng cho %s, một đơn vị đang hoạt động. Mã đơn vị không được trùng (QĐ 124/2004/QĐ-TTg)", u.Code, other)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return internal("Không kiểm tra được mã đơn vị", err)
		}
	}
	return nil
}

// PilotConflict holds, for a choice made on the village form, the directive's one pilot village
// per unit and level ("lựa chọn 01 thôn (làng) … làm điểm cấp tỉnh"; "mỗi huyện … 01 thôn (làng) và
// … mỗi xã chọn 01 thôn (làng) làm điểm"): choosing an open village at a level is refused when
// another open village of the same province, of the same district (since 1/7/2025: the same former
// district) or of the same commune already is, with a sentence naming it.
//
// Only a choice being made is refused, never data as it is: villages that were each their old
// commune's pilot became one commune's in the 2025 merger and keep their choice (imports, packages
// and the check take them as they are).
func (s *Store) PilotConflict(ctx context.Context, u *Unit) error {
	return checkPilot(ctx, s.db, u)
}

func checkPilot(ctx context.Context, q queryer, u *Unit) error {
	if u.Level != LevelVillage || u.Pilot == PilotNone || !u.ClosedOn.IsZero() || lookupsOf(ctx) != nil {
		return nil
	}
	if u.ID != "" {
		var stored string
		err := q.QueryRowContext(ctx, "SELECT pilot_level FROM units WHERE id = ? AND deleted = 0", u.ID).Scan(&stored)
		if err == nil && PilotLevel(stored) == u.Pilot {
			return nil // chosen before: kept as it is
		}
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return internal("Không kiểm tra được thôn điểm", err)
		}
	}
	others, err := listOf[Unit](ctx, q, "WHERE t.deleted = 0 AND t.level = 'village' AND t.pilot_level = ? AND t.closed_on IS NULL AND t.id <> ?", string(u.Pilot), u.ID)
	if err != nil || len(others) == 0 {
		return err
	}
	// The units above villages, their moves and the links of the 2025 merger: where each village
	// stands today.
	read := func() (*unitTree, error) {
		upper, err := listOf[Unit](ctx, q, "WHERE t.deleted = 0 AND t.level IN ('province', 'district', 'commune')")
		if err != nil {
			return nil, err
		}
		moves, err := listOf[UnitMove](ctx, q, "WHERE t.deleted = 0 ORDER BY t.moved_on")
		if err != nil {
			return nil, err
		}
		links, err := listOf[UnitLink](ctx, q, "WHERE t.deleted = 0")
		if err != nil {
			return nil, err
		}
		return newUnitTree(upper, moves, links), nil
	}
	t, err := read()
	if err != nil {
		return internal("Không kiểm tra được thôn điểm", err)
	}
	day := D(9999, 12, 31) // where an open unit stands now, whatever the clock
	scope := func(v *Unit) *Unit {
		c := t.units[t.parentAt(v.ID, v.ParentID, day)]
		switch u.Pilot {
		case PilotCommune:
			return c
		case PilotDistrict:
			return AreaOf(t, c, day)
		}
		for p := c; p != nil; p = t.ParentAt(p, day) {
			if p.Level == LevelProvince {
				return p
			}
		}
		return nil
	}
	mine := scope(u)
	if mine == nil {
		return nil
	}
	for i := range others {
		if o := &others[i]; scope(o) == mine {
			where := mine.Name
			if mine.Level == LevelDistrict && !mine.ClosedOn.IsZero() {
				where = "địa bàn " + vntext.LowerFirst(mine.Name) + " cũ"
			}
			return conflict("pilot_level", "%s đã được chọn làm %s của %s; mỗi đơn vị chỉ chọn 01 thôn (làng) làm điểm ở mỗi cấp. Hãy bỏ chọn %s trước, hoặc chọn cấp khác cho %s",
				o.Name, vntext.LowerFirst(u.Pilot.Label()), where, o.Name, u.Name)
		}
	}
	return nil
}

// SaveUnit creates u (when u.ID is empty) or updates it.
//
// A new unit saved without its founding day takes its parent's: a village made under a commune of
// the 2025 reform did not exist before that commune did (without a day it counted as open in every
// year, in 2024's lists and figures too).
func (s *Store) SaveUnit(ctx context.Context, u *Unit) error {
	if u.ID == "" && u.OpenedOn.IsZero() && u.ParentID != "" {
		if p, err := s.GetUnit(ctx, u.ParentID); err == nil && !p.OpenedOn.IsZero() {
			u.OpenedOn = p.OpenedOn
		}
	}
	return s.save(ctx, u)
}

// GetUnit reads one unit.
func (s *Store) GetUnit(ctx context.Context, id string) (Unit, error) {
	var u Unit
	err := s.get(ctx, &u, id)
	return u, err
}

// DeleteUnit tombstones a unit that nothing refers to any more.
func (s *Store) DeleteUnit(ctx context.Context, id string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if why, err := deleteBlockers(ctx, tx, id); err != nil || why != "" {
			if err != nil {
				return err
			}
			return conflict("", "%s", why)
		}
		return deleteTx(ctx, tx, "units", id, s.actor(ctx))
	})
}

// WhyNotDelete says what keeps a unit from being deleted, in one sentence with what to do ("" when
// nothing does): asked before the question "Xóa?", so that a person is not asked, then refused.
func (s *Store) WhyNotDelete(ctx context.Context, id string) (string, error) {
	return deleteBlockers(ctx, s.db, id)
}

func deleteBlockers(ctx context.Context, q queryer, id string) (string, error) {
	var u Unit
	if err := getTx(ctx, q, &u, id, false); err != nil {
		return "", err
	}
	var kids, reviews, assignments int
	err := q.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM units WHERE parent_id = ?1 AND deleted = 0),
		(SELECT count(*) FROM reviews WHERE unit_id = ?1 AND deleted = 0),
		(SELECT count(*) FROM assignments WHERE unit_id = ?1 AND deleted = 0)`, id).Scan(&kids, &reviews, &assignments)
	if err != nil {
		return "", internal("Không kiểm tra được dữ liệu liên quan", err)
	}
	var what []string
	if kids > 0 {
		below := "đơn vị trực thuộc"
		switch u.Level {
		case LevelCommune:
			below = "thôn, làng"
		case LevelDistrict:
			below = "xã"
		}
		what = append(what, fmt.Sprintf("%d %s", kids, below))
	}
	if reviews > 0 {
		what = append(what, fmt.Sprintf("số liệu rà soát của %d năm", reviews))
	}
	if assignments > 0 {
		what = append(what, fmt.Sprintf("%d phân công kết nghĩa", assignments))
	}
	if len(what) == 0 {
		return "", nil
	}
	return fmt.Sprintf("Không xóa được %s vì còn %s. Nếu đơn vị đã giải thể hay sáp nhập, hãy ghi việc sáp nhập (giữ lại số liệu các năm trước); nếu nhập nhầm, hãy xóa hoặc chuyển các mục đó trước.",
		u.Name, strings.Join(what, ", ")), nil
}

// UnitFilter selects units; empty fields select everything.
type UnitFilter struct {
	Deleted  bool // the deleted ones (the "Đã xóa" view) instead of the live ones
	Level    Level
	ParentID string // children of this unit (at At, following moves, when At is set)
	Query    string // folded substring of the name
	At       Date   // only units open on this day
	Sample   *bool
	Offset   int
	Limit    int // 0: no limit
}

// ListUnits returns a page of units in Vietnamese order and the number of all that match.
func (s *Store) ListUnits(ctx context.Context, f UnitFilter) ([]Unit, int, error) {
	where, args := unitWhere(f)
	count, countArgs := "", []any(nil)
	if search := (UnitFilter{Query: f.Query, Offset: f.Offset, Limit: f.Limit}); f == search && !f.Deleted {
		count, countArgs = indexCount("units", "units_fts", f.Query)
	}
	return pageOf[Unit](ctx, s.db, where, "ORDER BY t.sort_key, t.code", f.Offset, f.Limit, args, count, countArgs)
}

// UnitIDs returns the ids of the units that match, in Vietnamese order, without reading the
// units: a list that has them in memory already (78,000 villages on a national file) takes
// them from there.
func (s *Store) UnitIDs(ctx context.Context, f UnitFilter) ([]string, error) {
	where, args := unitWhere(f)
	rows, err := s.db.QueryContext(ctx, "SELECT t.id FROM units t "+where+" ORDER BY t.sort_key, t.code", args...)
	if err != nil {
		return nil, internal("Không đọc được danh sách đơn vị", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, internal("Không đọc được danh sách đơn vị", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, internal("Không đọc được danh sách đơn vị", err)
	}
	return ids, nil
}

func unitWhere(f UnitFilter) (string, []any) {
	conds := []string{"t.deleted = 0"}
	if f.Deleted {
		conds[0] = "t.deleted = 1"
	}
	var args []any
	if f.Level != "" {
		// Under a parent, the parent's few children are found by their index and sorted after;
		// "+" keeps SQLite from walking every unit of the level in sort order instead (78,000
		// villages on the national file).
		level := "t.level = ?"
		if f.ParentID != "" {
			level = "+t.level = ?"
		}
		conds = append(conds, level)
		args = append(args, f.Level)
	}
	if cond, arg, ok := foldedMatch("units_fts", f.Query); ok {
		conds, args = append(conds, cond), append(args, arg)
	}
	if !f.At.IsZero() {
		at := f.At.ISO()
		conds = append(conds, "(t.opened_on IS NULL OR t.opened_on <= ?) AND (t.closed_on IS NULL OR t.closed_on > ?)")
		args = append(args, at, at)
	}
	if f.ParentID != "" {
		if f.At.IsZero() {
			conds = append(conds, "t.parent_id = ?")
			args = append(args, f.ParentID)
		} else {
			// The candidates by index (children now, and those that moved away), then the parent
			// each had on the day: an OR here would scan every unit.
			conds = append(conds, `t.id IN (SELECT id FROM units WHERE parent_id = ? UNION SELECT unit_id FROM unit_moves WHERE from_parent_id = ? AND deleted = 0)
				AND coalesce((SELECT m.from_parent_id FROM unit_moves m WHERE m.unit_id = t.id AND m.deleted = 0
				AND m.moved_on > ? ORDER BY m.moved_on LIMIT 1), t.parent_id) = ?`)
			args = append(args, f.ParentID, f.ParentID, f.At.ISO(), f.ParentID)
		}
	}
	if f.Sample != nil {
		conds = append(conds, "t.sample = ?")
		args = append(args, *f.Sample)
	}
	return "WHERE " + strings.Join(conds, " AND "), args
}

// ParentAt returns the parent a unit had on day at, following its moves.
func (s *Store) ParentAt(ctx context.Context, id string, at Date) (Unit, error) {
	u, err := s.GetUnit(ctx, id)
	if err != nil {
		return Unit{}, err
	}
	parent := u.ParentID
	var from string
	err = s.db.QueryRowContext(ctx, `SELECT from_parent_id FROM unit_moves WHERE unit_id = ? AND deleted = 0
		AND moved_on > ? ORDER BY moved_on LIMIT 1`, id, at.ISO()).Scan(&from)
	if err == nil {
		parent = from
	} else if !errors.Is(err, sql.ErrNoRows) {
		return Unit{}, internal("Không đọc được lịch sử đơn vị cấp trên", err)
	}
	if parent == "" {
		return Unit{}, notFound("đơn vị cấp trên")
	}
	return s.GetUnit(ctx, parent)
}

// Links

func (l *UnitLink) table() string { return "unit_links" }

func (l *UnitLink) cols() []col {
	return []col{
		{name: "predecessor_id", ptr: &l.PredecessorID},
		{name: "successor_id", ptr: &l.SuccessorID},
		{name: "effective_on", ptr: &l.EffectiveOn},
		{name: "kind", ptr: &l.Kind},
		{name: "legal_basis", ptr: &l.LegalBasis},
		{name: "note", ptr: &l.Note},
	}
}

func (l *UnitLink) validate() error {
	if l.PredecessorID == "" || l.SuccessorID == "" {
		return invalid("predecessor_id", "Cần chọn cả đơn vị cũ và đơn vị mới")
	}
	if l.PredecessorID == l.SuccessorID {
		return invalid("successor_id", "Đơn vị mới phải khác đơn vị cũ")
	}
	if l.EffectiveOn.IsZero() || !l.EffectiveOn.Valid() {
		return invalid("effective_on", "Cần ngày có hiệu lực của việc sáp nhập, chia tách")
	}
	switch l.Kind {
	case LinkMerge, LinkSplit, LinkRename, LinkUpgrade, LinkTransfer:
	default:
		return invalid("kind", "Hình thức %q không hợp lệ", l.Kind)
	}
	return nil
}

func (l *UnitLink) validateDB(ctx context.Context, q queryer) error {
	var a, b Unit
	if err := getTx(ctx, q, &a, l.PredecessorID, false); err != nil {
		return invalid("predecessor_id", "Đơn vị cũ không tồn tại")
	}
	if err := getTx(ctx, q, &b, l.SuccessorID, false); err != nil {
		return invalid("successor_id", "Đơn vị mới không tồn tại")
	}
	if a.Level != b.Level {
		return invalid("successor_id", "Đơn vị cũ (%s) và đơn vị mới (%s) phải cùng cấp", a.Level.Label(), b.Level.Label())
	}
	if !b.ClosedOn.IsZero() && !l.EffectiveOn.Before(b.ClosedOn) {
		return invalid("successor_id", "%s đã kết thúc hoạt động ngày %s, không nhận %s ngày %s", b.Name, b.ClosedOn, strings.ToLower(l.Kind.Label()), l.EffectiveOn)
	}
	return nil
}

// SaveUnitLink records a predecessor → successor link.
func (s *Store) SaveUnitLink(ctx context.Context, l *UnitLink) error { return s.save(ctx, l) }

// Successors lists the links from a unit to what it became.
func (s *Store) Successors(ctx context.Context, id string) ([]UnitLink, error) {
	return listOf[UnitLink](ctx, s.db, "WHERE t.predecessor_id = ? AND t.deleted = 0 ORDER BY t.effective_on", id)
}

// Predecessors lists the links to a unit from what it was made of.
func (s *Store) Predecessors(ctx context.Context, id string) ([]UnitLink, error) {
	return listOf[UnitLink](ctx, s.db, "WHERE t.successor_id = ? AND t.deleted = 0 ORDER BY t.effective_on", id)
}

// Moves

func (m *UnitMove) table() string { return "unit_moves" }

func (m *UnitMove) cols() []col {
	return []col{
		{name: "unit_id", ptr: &m.UnitID},
		{name: "from_parent_id", ptr: &m.FromParentID},
		{name: "to_parent_id", ptr: &m.ToParentID},
		{name: "moved_on", ptr: &m.MovedOn},
		{name: "legal_basis", ptr: &m.LegalBasis},
	}
}

func (m *UnitMove) validate() error {
	if m.UnitID == "" || m.FromParentID == "" || m.ToParentID == "" {
		return invalid("unit_id", "Cần chọn đơn vị, đơn vị cấp trên cũ và mới")
	}
	if m.FromParentID == m.ToParentID {
		return invalid("to_parent_id", "Đơn vị cấp trên mới phải khác đơn vị cấp trên cũ")
	}
	if m.MovedOn.IsZero() || !m.MovedOn.Valid() {
		return invalid("moved_on", "Cần ngày chuyển")
	}
	return nil
}

// RestoreUnit brings a deleted unit back (the "Đã xóa" view), when its code is not taken meanwhile
// by another open unit of its level.
func (s *Store) RestoreUnit(ctx context.Context, id string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := restoreTx(ctx, tx, "units", id, s.actor(ctx)); err != nil {
			return err
		}
		var u Unit
		if err := getTx(ctx, tx, &u, id, false); err != nil {
			return err
		}
		return u.validateDB(ctx, tx)
	})
}

// OnMerge says what a merger does with the twinning assignments of the unit merged that still run
// on its day: left as they are, moved to the successor, or ended the day before.
type OnMerge int

const (
	KeepAssignments OnMerge = iota
	MoveAssignments
	EndAssignments
)

// MergeUnit closes a unit on a day and merges it into its successor: the link is recorded and the
// units under it move to the successor, all in one transaction (a commune merged by a resolution).
func (s *Store) MergeUnit(ctx context.Context, id, successorID string, on Date, legalBasis string) error {
	return s.MergeUnitWith(ctx, id, successorID, on, legalBasis, KeepAssignments)
}

// RunningAssignments lists the twinning assignments of a unit that still run on day on (what a
// merger on that day asks about).
func (s *Store) RunningAssignments(ctx context.Context, unitID string, on Date) ([]Assignment, error) {
	return listOf[Assignment](ctx, s.db, "WHERE t.deleted = 0 AND t.unit_id = ? AND (t.end_on IS NULL OR t.end_on = '' OR t.end_on >= ?) ORDER BY t.start_on", unitID, on.ISO())
}

// MergeUnitWith is MergeUnit that also moves or ends, in the same transaction, the unit's twinning
// assignments still running on the day: moved, each ends the day before and the same agency's
// assignment to the successor starts that day (one starting later moves whole); ended, each ends
// the day before.
func (s *Store) MergeUnitWith(ctx context.Context, id, successorID string, on Date, legalBasis string, assignments OnMerge) error {
	if id == successorID {
		return invalid("successor_id", "Không sáp nhập được một đơn vị vào chính nó")
	}
	if on.IsZero() || !on.Valid() {
		return invalid("closed_on", "Cần ngày sáp nhập")
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a := s.actor(ctx)
		var u, succ Unit
		if err := getTx(ctx, tx, &u, id, false); err != nil {
			return err
		}
		if err := getTx(ctx, tx, &succ, successorID, false); err != nil {
			return err
		}
		if succ.Level != u.Level {
			return invalid("successor_id", "Đơn vị kế thừa phải cùng cấp (%s)", strings.ToLower(u.Level.Label()))
		}
		if !u.ClosedOn.IsZero() {
			return conflict("closed_on", "%s đã kết thúc hoạt động từ ngày %s", u.Name, u.ClosedOn)
		}
		if !succ.ClosedOn.IsZero() && !on.Before(succ.ClosedOn) {
			return invalid("successor_id", "%s đã kết thúc hoạt động ngày %s, không nhận sáp nhập ngày %s", succ.Name, succ.ClosedOn, on)
		}
		rows, err := tx.QueryContext(ctx, "SELECT id FROM units WHERE parent_id = ? AND deleted = 0 AND (closed_on IS NULL OR closed_on > ?)", id, on.ISO())
		if err != nil {
			return internal("Không đọc được các đơn vị trực thuộc", err)
		}
		var kids []string
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				rows.Close()
				return internal("Không đọc được các đơn vị trực thuộc", err)
			}
			kids = append(kids, k)
		}
		rows.Close()
		for _, k := range kids {
			if err := moveUnitTx(ctx, tx, k, successorID, on, legalBasis, a); err != nil {
				return err
			}
		}
		l := &UnitLink{PredecessorID: id, SuccessorID: successorID, EffectiveOn: on, Kind: LinkMerge, LegalBasis: legalBasis}
		if err := saveTx(ctx, tx, l, a); err != nil {
			return err
		}
		if assignments != KeepAssignments {
			running, err := listOf[Assignment](ctx, tx, "WHERE t.deleted = 0 AND t.unit_id = ? AND (t.end_on IS NULL OR t.end_on = '' OR t.end_on >= ?) ORDER BY t.start_on", id, on.ISO())
			if err != nil {
				return internal("Không đọc được các phân công kết nghĩa", err)
			}
			for _, cur := range running {
				cur := cur
				if !cur.Start.Before(on) {
					var err error
					if assignments == MoveAssignments {
						cur.UnitID = successorID // not begun yet: it is the successor's
						err = saveTx(ctx, tx, &cur, a)
					} else {
						err = deleteTx(ctx, tx, "assignments", cur.ID, a) // it would never begin
					}
					if err != nil {
						return err
					}
					continue
				}
				cur.End = on.AddDays(-1)
				if err := saveTx(ctx, tx, &cur, a); err != nil {
					return err
				}
				if assignments == MoveAssignments {
					next := Assignment{TwinningUnitID: cur.TwinningUnitID, UnitID: successorID, Start: on, Note: fmt.Sprintf("Tiếp nối phân công giúp %s (sáp nhập từ ngày %s)", u.Name, on)}
					next.Sample = cur.Sample
					if err := saveTx(ctx, tx, &next, a); err != nil {
						return err
					}
				}
			}
		}
		u.ClosedOn = on
		return saveTx(ctx, tx, &u, a)
	})
}

// MoveUnit re-parents a unit on a day, keeping where it hung before, in one transaction.
func (s *Store) MoveUnit(ctx context.Context, unitID, toParentID string, on Date, legalBasis string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return moveUnitTx(ctx, tx, unitID, toParentID, on, legalBasis, s.actor(ctx)) })
}

func moveUnitTx(ctx context.Context, tx *sql.Tx, unitID, toParentID string, on Date, legalBasis string, a actor) error {
	var u Unit
	if err := getTx(ctx, tx, &u, unitID, false); err != nil {
		return err
	}
	m := &UnitMove{UnitID: unitID, FromParentID: u.ParentID, ToParentID: toParentID, MovedOn: on, LegalBasis: legalBasis}
	m.Sample = u.Sample
	if err := saveTx(ctx, tx, m, a); err != nil {
		return err
	}
	u.ParentID = toParentID
	return saveTx(ctx, tx, &u, a)
}

// Classifications

func (c *Classification) table() string { return "classifications" }

func (c *Classification) cols() []col {
	return []col{
		{name: "unit_id", ptr: &c.UnitID},
		{name: "rule_set", ptr: &c.RuleSet},
		{name: "from_year", ptr: &c.FromYear},
		{name: "to_year", ptr: &c.ToYear},
		{name: "class", ptr: &c.Class},
		{name: "decision", ptr: &c.Decision},
	}
}

func (c *Classification) validate() error {
	if c.UnitID == "" {
		return invalid("unit_id", "Cần chọn đơn vị được phân định")
	}
	if c.RuleSet == "" {
		return invalid("rule_set", "Cần ghi bộ quy định phân định (ví dụ QĐ 50/2016/QĐ-TTg)")
	}
	if err := checkYear("from_year", "Năm bắt đầu", &c.FromYear); err != nil {
		return err
	}
	if err := checkYear("to_year", "Năm kết thúc", &c.ToYear); err != nil {
		return err
	}
	if c.ToYear < c.FromYear {
		return invalid("to_year", "Năm kết thúc (%d) không được trước năm bắt đầu (%d)", c.ToYear, c.FromYear)
	}
	switch c.Class {
	case KV1, KV2, KV3, DBKK, NotDBKK:
	default:
		return invalid("class", "Kết quả phân định %q không hợp lệ", c.Class)
	}
	return nil
}

func (c *Classification) validateDB(ctx context.Context, q queryer) error {
	var u Unit
	if err := getTx(ctx, q, &u, c.UnitID, false); err != nil {
		return invalid("unit_id", "Đơn vị được phân định không tồn tại")
	}
	communeClass := c.Class == KV1 || c.Class == KV2 || c.Class == KV3
	if u.Level == LevelCommune && !communeClass {
		return invalid("class", "Xã được phân định khu vực I, II hoặc III")
	}
	if u.Level == LevelVillage && communeClass {
		return invalid("class", "Thôn được xác định là thôn ĐBKK hoặc không")
	}
	if u.Level != LevelCommune && u.Level != LevelVillage {
		return invalid("unit_id", "Chỉ xã và thôn được phân định khu vực")
	}
	return nil
}

// SaveClassification records a class given by a decision.
func (s *Store) SaveClassification(ctx context.Context, c *Classification) error {
	return s.save(ctx, c)
}

// ClassificationsOf lists a unit's recorded classes, oldest period first.
func (s *Store) ClassificationsOf(ctx context.Context, unitID string) ([]Classification, error) {
	return listOf[Classification](ctx, s.db, "WHERE t.unit_id = ? AND t.deleted = 0 ORDER BY t.from_year, t.rule_set", unitID)
}

// ClassificationsIn lists every recorded class of a rule set that covers year.
func (s *Store) ClassificationsIn(ctx context.Context, ruleSet string, year int) ([]Classification, error) {
	return listOf[Classification](ctx, s.db, "WHERE t.rule_set = ? AND t.from_year <= ? AND t.to_year >= ? AND t.deleted = 0", ruleSet, year, year)
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func checkYear(field, label string, y *int) error {
	if y != nil && (*y < 2000 || *y > 2100) {
		return invalid(field, "%s phải trong khoảng 2000–2100, không phải %d", label, *y)
	}
	return nil
}

// nullString stores "" as NULL (for optional references).
type nullString struct{ p *string }

func (n nullString) Value() (driver.Value, error) {
	if *n.p == "" {
		return nil, nil
	}
	return *n.p, nil
}

func (n nullString) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*n.p = ""
	case string:
		*n.p = v
	case []byte:
		*n.p = string(v)
	default:
		return fmt.Errorf("cannot read %T as text", src)
	}
	return nil
}

// indexCount is the query that counts a search's live matches through the trigram index; "" when
// the query cannot use the index.
func indexCount(table, fts, query string) (string, []any) {
	cond, arg, ok := foldedMatch(fts, query)
	if !ok || !strings.HasPrefix(cond, "t.seq IN (") {
		return "", nil
	}
	// The index holds deleted rows too (so that its integrity check can compare it with the
	// table): the count keeps to live ones.
	return "SELECT count(*) FROM " + table + " t WHERE t.deleted = 0 AND " + cond, []any{arg}
}

// searchKey is the stored search key: the folded name between two spaces, so that a short query
// can ask for a word start (" ia") and still be answered by the trigram index.
func searchKey(name string) string { return " " + vntext.Fold(name) + " " }

// foldedMatch is the condition that finds rows whose folded name contains the folded query, answered
// by the trigram index fts: a substring from three letters up, a word start for two letters (" ia"
// finds "Ia Chim", not "Gia"). A single letter finds word starts by scanning the keys.
func foldedMatch(fts, query string) (cond string, arg any, ok bool) {
	q := vntext.Fold(query)
	switch n := len([]rune(q)); {
	case n == 0:
		return "", nil, false
	case n == 2:
		q = " " + q
	case n == 1:
		return "t.name_key LIKE ?", "% " + q + "%", true
	}
	return "t.seq IN (SELECT rowid FROM " + fts + " WHERE " + fts + " MATCH ?)", `"` + q + `"`, true
}
