package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"ketnghia/data/vntext"
)

func (c *CauseGroup) table() string { return "cause_groups" }

func (c *CauseGroup) cols() []col {
	return []col{
		{name: "code", ptr: &c.Code},
		{name: "name", ptr: &c.Name},
		{name: "position", ptr: &c.Position},
	}
}

func (c *CauseGroup) validate() error {
	if c.Code == "" {
		return invalid("code", "Mã nhóm nguyên nhân không được để trống")
	}
	if c.Name == "" {
		return invalid("name", "Tên nhóm nguyên nhân không được để trống")
	}
	return nil
}

func (c *CauseGroup) validateDB(ctx context.Context, q queryer) error {
	var old CauseGroup
	if c.ID == "" || getTx(ctx, q, &old, c.ID, true) != nil || old.Code == c.Code {
		return nil
	}
	var used int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM reviews, json_each(reviews.poor_by_cause) j
		WHERE reviews.deleted = 0 AND j.key = ?`, old.Code).Scan(&used)
	if err != nil {
		return internal("Không kiểm tra được nhóm nguyên nhân", err)
	}
	if used > 0 {
		return conflict("code", "Không đổi được mã %q: %d bản rà soát đang dùng mã này (có thể đổi tên)", old.Code, used)
	}
	return nil
}

// SaveCauseGroup creates or updates a cause of poverty.
func (s *Store) SaveCauseGroup(ctx context.Context, c *CauseGroup) error { return s.save(ctx, c) }

// CauseGroups lists the causes of poverty in their order.
func (s *Store) CauseGroups(ctx context.Context) ([]CauseGroup, error) {
	return listOf[CauseGroup](ctx, s.db, "WHERE t.deleted = 0 ORDER BY t.position, t.code")
}

// DeleteCauseGroup tombstones a cause of poverty.
func (s *Store) DeleteCauseGroup(ctx context.Context, id string) error {
	return s.remove(ctx, "cause_groups", id)
}

func (r *Review) table() string { return "reviews" }

func (r *Review) cols() []col {
	return []col{
		{name: "unit_id", ptr: &r.UnitID},
		{name: "year", ptr: &r.Year},
		{name: "households", ptr: &r.Households},
		{name: "em_households", ptr: &r.EMHouseholds},
		{name: "people", ptr: &r.People},
		{name: "poor", ptr: &r.Poor},
		{name: "near_poor", ptr: &r.NearPoor},
		{name: "poor_em", ptr: &r.PoorEM},
		{name: "poor_by_cause", ptr: jsonCol{&r.PoorByCause}},
		{name: "party_cell", ptr: &r.PartyCell},
		{name: "grid_households", ptr: &r.GridHouseholds},
		{name: "road_all_year", ptr: &r.RoadAllYear},
		{name: "cultural", ptr: &r.Cultural},
		{name: "em_people_15_60", ptr: &r.EMPeople15to60},
		{name: "em_illiterate_15_60", ptr: &r.EMIlliterate15to60},
		{name: "employed_workers", ptr: &r.EmployedWorkers},
		{name: "employed_untrained", ptr: &r.EmployedUntrained},
		{name: "road_km", ptr: &r.RoadKm},
		{name: "road_unpaved_km", ptr: &r.RoadUnpavedKm},
		{name: "note", ptr: &r.Note},
	}
}

// counts names each count of a review for the rules below.
func (r *Review) counts() []struct {
	field, label string
	v            *int
} {
	return []struct {
		field, label string
		v            *int
	}{
		{"households", "Số hộ", r.Households},
		{"em_households", "Số hộ dân tộc thiểu số", r.EMHouseholds},
		{"people", "Số nhân khẩu", r.People},
		{"poor", "Số hộ nghèo", r.Poor},
		{"near_poor", "Số hộ cận nghèo", r.NearPoor},
		{"poor_em", "Số hộ nghèo dân tộc thiểu số", r.PoorEM},
		{"grid_households", "Số hộ dùng điện lưới quốc gia", r.GridHouseholds},
		{"em_people_15_60", "Số người DTTS từ 15 đến 60 tuổi", r.EMPeople15to60},
		{"em_illiterate_15_60", "Số người DTTS 15–60 tuổi không biết đọc, viết tiếng Việt", r.EMIlliterate15to60},
		{"employed_workers", "Số lao động có việc làm", r.EmployedWorkers},
		{"employed_untrained", "Số lao động có việc làm chưa qua đào tạo từ 3 tháng trở lên", r.EmployedUntrained},
	}
}

func (r *Review) validate() error {
	if r.UnitID == "" {
		return invalid("unit_id", "Cần chọn đơn vị rà soát")
	}
	if r.Year < 2000 || r.Year > 2100 {
		return invalid("year", "Năm rà soát phải trong khoảng 2000–2100, không phải %d", r.Year)
	}
	for _, c := range r.counts() {
		if c.v != nil && *c.v < 0 {
			return invalid(c.field, "%s không được âm", c.label)
		}
	}
	for cause, n := range r.PoorByCause {
		if n < 0 {
			return invalid("poor_by_cause", "Số hộ nghèo theo nguyên nhân không được âm")
		}
		if n == 0 {
			delete(r.PoorByCause, cause)
		}
	}
	if r.RoadKm != nil && *r.RoadKm < 0 {
		return invalid("road_km", "Chiều dài đường không được âm")
	}
	if r.RoadUnpavedKm != nil && *r.RoadUnpavedKm < 0 {
		return invalid("road_unpaved_km", "Chiều dài đường chưa cứng hóa không được âm")
	}
	both := func(a, b *int) bool { return a != nil && b != nil }
	if r.Households != nil {
		poorAll := 0
		if r.Poor != nil {
			poorAll += *r.Poor
		}
		if r.NearPoor != nil {
			poorAll += *r.NearPoor
		}
		if poorAll > *r.Households {
			return invalid("poor", "Số hộ nghèo và cận nghèo (%d) không được vượt số hộ (%d)", poorAll, *r.Households)
		}
	}
	if both(r.EMHouseholds, r.Households) && *r.EMHouseholds > *r.Households {
		return invalid("em_households", "Số hộ dân tộc thiểu số (%d) không được vượt số hộ (%d)", *r.EMHouseholds, *r.Households)
	}
	if both(r.PoorEM, r.Poor) && *r.PoorEM > *r.Poor {
		return invalid("poor_em", "Số hộ nghèo dân tộc thiểu số (%d) không được vượt số hộ nghèo (%d)", *r.PoorEM, *r.Poor)
	}
	if r.PoorEM != nil && r.Poor == nil {
		return invalid("poor", "Cần nhập số hộ nghèo khi đã nhập số hộ nghèo dân tộc thiểu số")
	}
	if both(r.PoorEM, r.EMHouseholds) && *r.PoorEM > *r.EMHouseholds {
		return invalid("poor_em", "Số hộ nghèo dân tộc thiểu số (%d) không được vượt số hộ dân tộc thiểu số (%d)", *r.PoorEM, *r.EMHouseholds)
	}
	if both(r.GridHouseholds, r.Households) && *r.GridHouseholds > *r.Households {
		return invalid("grid_households", "Số hộ dùng điện lưới (%d) không được vượt số hộ (%d)", *r.GridHouseholds, *r.Households)
	}
	if both(r.EMIlliterate15to60, r.EMPeople15to60) && *r.EMIlliterate15to60 > *r.EMPeople15to60 {
		return invalid("em_illiterate_15_60", "Số người không biết chữ (%d) không được vượt số người DTTS 15–60 tuổi (%d)", *r.EMIlliterate15to60, *r.EMPeople15to60)
	}
	if both(r.EmployedUntrained, r.EmployedWorkers) && *r.EmployedUntrained > *r.EmployedWorkers {
		return invalid("employed_untrained", "Số lao động có việc làm chưa qua đào tạo từ 3 tháng trở lên (%d) không được vượt số lao động có việc làm (%d)", *r.EmployedUntrained, *r.EmployedWorkers)
	}
	if r.RoadKm != nil && r.RoadUnpavedKm != nil && *r.RoadUnpavedKm > *r.RoadKm {
		return invalid("road_unpaved_km", "Đoạn đường chưa cứng hóa (%s km) không được dài hơn cả tuyến (%s km)", trimFloat(*r.RoadUnpavedKm), trimFloat(*r.RoadKm))
	}
	if r.Poor != nil {
		sum := 0
		for _, n := range r.PoorByCause {
			sum += n
		}
		if sum > *r.Poor {
			return invalid("poor_by_cause", "Tổng số hộ nghèo theo nguyên nhân (%d) không được vượt số hộ nghèo (%d)", sum, *r.Poor)
		}
	}
	return nil
}

func (r *Review) validateDB(ctx context.Context, q queryer) error {
	var u Unit
	if err := getTx(ctx, q, &u, r.UnitID, false); err != nil {
		return invalid("unit_id", "Đơn vị rà soát không tồn tại")
	}
	if u.Level != LevelCommune && u.Level != LevelVillage {
		return invalid("unit_id", "Số liệu rà soát được nhập cho xã hoặc thôn, không cho %s", strings.ToLower(u.Level.Label()))
	}
	if !u.OpenedOn.IsZero() && r.Year < u.OpenedOn.Year() {
		return invalid("year", "%s được thành lập ngày %s, không có số liệu năm %d", u.Name, u.OpenedOn, r.Year)
	}
	if !u.ClosedOn.IsZero() && r.Year > u.ClosedOn.Year() {
		// Say where the figures go now: the unit it was merged into (the 2025 reform).
		var succ []string
		rows, err := q.QueryContext(ctx, `SELECT s.name FROM unit_links l JOIN units s ON s.id = l.successor_id
			WHERE l.predecessor_id = ? AND l.deleted = 0 AND s.deleted = 0 ORDER BY s.sort_key`, u.ID)
		if err == nil {
			for rows.Next() {
				var n string
				if rows.Scan(&n) == nil {
					succ = append(succ, n)
				}
			}
			rows.Close()
		}
		if len(succ) > 0 {
			return invalid("year", "%s đã sáp nhập vào %s từ ngày %s, nên không có số liệu năm %d; hãy ghi số liệu cho %s", u.Name, strings.Join(succ, ", "), u.ClosedOn, r.Year, strings.Join(succ, ", "))
		}
		return invalid("year", "%s đã giải thể ngày %s, không có số liệu năm %d", u.Name, u.ClosedOn, r.Year)
	}
	if !uniqueByIndex(ctx) {
		var other string
		err := q.QueryRowContext(ctx, "SELECT id FROM reviews WHERE unit_id = ? AND year = ? AND deleted = 0 AND id <> ?", r.UnitID, r.Year, r.ID).Scan(&other)
		if err == nil {
			return conflict("year", "%s đã có số liệu rà soát năm %d; hãy sửa bản đã có", u.Name, r.Year)
		}
	}
	for code := range r.PoorByCause {
		n, err := remembered(ctx, "cause "+code, func() (int, error) {
			var n int
			err := q.QueryRowContext(ctx, "SELECT count(*) FROM cause_groups WHERE code = ? AND deleted = 0", code).Scan(&n)
			return n, err
		})
		if err != nil {
			return internal("Không kiểm tra được nhóm nguyên nhân", err)
		}
		if n == 0 {
			return invalid("poor_by_cause", "Không có nhóm nguyên nhân nghèo mã %q", code)
		}
	}
	return nil
}

// SaveReview creates or updates a yearly review.
func (s *Store) SaveReview(ctx context.Context, r *Review) error { return s.save(ctx, r) }

// GetReview reads one review.
func (s *Store) GetReview(ctx context.Context, id string) (Review, error) {
	var r Review
	err := s.get(ctx, &r, id)
	return r, err
}

// ReviewOf reads the review of a unit for a year.
func (s *Store) ReviewOf(ctx context.Context, unitID string, year int) (Review, error) {
	rs, err := listOf[Review](ctx, s.db, "WHERE t.unit_id = ? AND t.year = ? AND t.deleted = 0", unitID, year)
	if err != nil {
		return Review{}, err
	}
	if len(rs) == 0 {
		return Review{}, notFound(fmt.Sprintf("số liệu rà soát năm %d", year))
	}
	return rs[0], nil
}

// DeleteReview tombstones a review.
func (s *Store) DeleteReview(ctx context.Context, id string) error {
	return s.remove(ctx, "reviews", id)
}

// ReviewFilter selects reviews.
type ReviewFilter struct {
	UnitID  string
	UnitIDs []string // only reviews of these units (a district's villages in the review grid); Level is then not needed
	Year    int
	Level   Level // only reviews of units of this level
}

// ListReviews lists reviews by unit and year.
func (s *Store) ListReviews(ctx context.Context, f ReviewFilter) ([]Review, error) {
	conds := []string{"t.deleted = 0"}
	var args []any
	if f.UnitID != "" {
		conds = append(conds, "t.unit_id = ?")
		args = append(args, f.UnitID)
	}
	if f.Year != 0 {
		// With a list of units, each unit's year is one look-up in (unit_id, year); "+" keeps
		// SQLite from walking every review of the year instead.
		year := "t.year = ?"
		if f.UnitIDs != nil {
			year = "+t.year = ?"
		}
		conds = append(conds, year)
		args = append(args, f.Year)
	}
	if f.Level != "" && f.UnitIDs == nil {
		conds = append(conds, "t.unit_id IN (SELECT id FROM units WHERE level = ?)")
		args = append(args, f.Level)
	}
	if f.UnitIDs != nil {
		// A list of any length, as a JSON array SQLite reads itself: one parameter.
		ids, err := json.Marshal(f.UnitIDs)
		if err != nil {
			return nil, internal("Không đọc được số liệu rà soát", err)
		}
		conds = append(conds, "t.unit_id IN (SELECT value FROM json_each(?))")
		args = append(args, string(ids))
	}
	return listOf[Review](ctx, s.db, "WHERE "+strings.Join(conds, " AND ")+" ORDER BY t.unit_id, t.year", args...)
}

func trimFloat(x float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", x), "0"), ".")
}

func (r *Review) normalise() {
	if r.PoorByCause == nil {
		r.PoorByCause = map[string]int{}
	}
}

// LatestReviewYear is the newest year that has reviews (0 when there are none).
func (s *Store) LatestReviewYear(ctx context.Context) (int, error) {
	y, err := latestReviewYear(ctx, s.db)
	if err != nil {
		return 0, internal("Không đọc được năm rà soát", err)
	}
	return y, nil
}

// LatestYear is the year figures are shown for when none is asked: the newest year with reviews,
// this year when there are none (the dashboard, the year lists, the status line, `stats`).
func (s *Store) LatestYear(ctx context.Context) (int, error) {
	y, err := s.statsYear(ctx, s.db)
	if err != nil {
		return 0, internal("Không đọc được năm rà soát", err)
	}
	return y, nil
}

func latestReviewYear(ctx context.Context, q queryer) (int, error) {
	var y sql.NullInt64
	err := q.QueryRowContext(ctx, "SELECT max(year) FROM reviews WHERE deleted = 0").Scan(&y)
	return int(y.Int64), err
}

// CheckReview normalises a review and checks it without saving it (the review grid marks the cell
// a problem is in, by the error's Field).
func CheckReview(r *Review) error { return prepare(r) }

// SaveReviews writes many reviews in one transaction: every one, or none when one is refused (the
// error names it).
func (s *Store) SaveReviews(ctx context.Context, rs []*Review) error {
	return s.SaveReviewsAndPlans(ctx, rs, nil)
}

// SaveReviewsAndPlans writes reviews and villages' planned years to meet the NTM standard (unit
// ID → year, nil: none) in one transaction: the review grid of villages edits both.
func (s *Store) SaveReviewsAndPlans(ctx context.Context, rs []*Review, plans map[string]*int) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a := s.actor(ctx)
		for _, r := range rs {
			if err := saveTx(ctx, tx, r, a); err != nil {
				return err
			}
		}
		for _, id := range slices.Sorted(maps.Keys(plans)) {
			var u Unit
			if err := getTx(ctx, tx, &u, id, false); err != nil {
				return err
			}
			u.NTMPlanYear = plans[id]
			if err := saveTx(ctx, tx, &u, a); err != nil {
				return err
			}
		}
		return nil
	})
}

// ValueText is data.ValueText with the cause groups named: poor households by cause ("{"von":12}")
// read as "Thiếu vốn sản xuất, kinh doanh: 12", in the list's order.
func (s *Store) ValueText(ctx context.Context, field, raw string) string {
	if field != "poor_by_cause" || raw == "" {
		return ValueText(field, raw)
	}
	var m map[string]int
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return ValueText(field, raw)
	}
	if len(m) == 0 {
		return "không ghi"
	}
	groups, _ := s.CauseGroups(ctx)
	var parts []string
	for _, g := range groups {
		if n, ok := m[g.Code]; ok {
			parts = append(parts, fmt.Sprintf("%s: %s", g.Name, vntext.FormatInt(int64(n))))
			delete(m, g.Code)
		}
	}
	rest := make([]string, 0, len(m))
	for code := range m {
		rest = append(rest, code)
	}
	slices.Sort(rest)
	for _, code := range rest {
		parts = append(parts, fmt.Sprintf("%s: %s", code, vntext.FormatInt(int64(m[code]))))
	}
	return strings.Join(parts, "; ")
}
