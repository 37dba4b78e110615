package data

import (
	"context"
	"database/sql"
)

func (c *CriteriaSet) table() string { return "criteria_sets" }

func (c *CriteriaSet) cols() []col {
	return []col{
		{name: "code", ptr: &c.Code},
		{name: "name", ptr: &c.Name},
		{name: "legal_basis", ptr: &c.LegalBasis},
		{name: "level", ptr: &c.Level},
		{name: "from_year", ptr: &c.FromYear},
		{name: "to_year", ptr: &c.ToYear},
		{name: "provisional", ptr: &c.Provisional},
		{name: "pass_points", ptr: &c.PassPoints},
		{name: "note", ptr: &c.Note},
	}
}

func (c *CriteriaSet) validate() error {
	if c.Code == "" {
		return invalid("code", "Mã bộ tiêu chí không được để trống")
	}
	if c.Name == "" {
		return invalid("name", "Tên bộ tiêu chí không được để trống")
	}
	if c.Level != LevelCommune && c.Level != LevelVillage {
		return invalid("level", "Bộ tiêu chí áp dụng cho xã hoặc thôn")
	}
	if err := checkYear("from_year", "Năm bắt đầu áp dụng", &c.FromYear); err != nil {
		return err
	}
	if err := checkYear("to_year", "Năm kết thúc áp dụng", &c.ToYear); err != nil {
		return err
	}
	if c.ToYear < c.FromYear {
		return invalid("to_year", "Năm kết thúc áp dụng (%d) không được trước năm bắt đầu (%d)", c.ToYear, c.FromYear)
	}
	if c.PassPoints != nil && *c.PassPoints < 0 {
		return invalid("pass_points", "Số điểm đạt không được âm")
	}
	return nil
}

// SaveCriteriaSet creates or updates a criteria set.
func (s *Store) SaveCriteriaSet(ctx context.Context, c *CriteriaSet) error { return s.save(ctx, c) }

// CriteriaSets lists the criteria sets.
func (s *Store) CriteriaSets(ctx context.Context) ([]CriteriaSet, error) {
	return listOf[CriteriaSet](ctx, s.db, "WHERE t.deleted = 0 ORDER BY t.level, t.from_year, t.code")
}

// GetCriteriaSet reads one criteria set.
func (s *Store) GetCriteriaSet(ctx context.Context, id string) (CriteriaSet, error) {
	var c CriteriaSet
	err := s.get(ctx, &c, id)
	return c, err
}

func (c *Criterion) table() string { return "criteria" }

func (c *Criterion) cols() []col {
	return []col{
		{name: "set_id", ptr: &c.SetID},
		{name: "number", ptr: &c.Number},
		{name: "name", ptr: &c.Name},
		{name: "max_points", ptr: &c.MaxPoints},
	}
}

func (c *Criterion) validate() error {
	if c.SetID == "" {
		return invalid("set_id", "Tiêu chí phải thuộc một bộ tiêu chí")
	}
	if c.Number < 1 || c.Number > 999 {
		return invalid("number", "Số thứ tự tiêu chí phải từ 1 đến 999")
	}
	if c.Name == "" {
		return invalid("name", "Tên tiêu chí không được để trống")
	}
	if c.MaxPoints != nil && *c.MaxPoints <= 0 {
		return invalid("max_points", "Điểm tối đa của tiêu chí phải lớn hơn 0")
	}
	return nil
}

func (c *Criterion) validateDB(ctx context.Context, q queryer) error {
	var set CriteriaSet
	if err := getTx(ctx, q, &set, c.SetID, false); err != nil {
		return invalid("set_id", "Bộ tiêu chí không tồn tại")
	}
	var other string
	err := q.QueryRowContext(ctx, "SELECT name FROM criteria WHERE set_id = ? AND number = ? AND deleted = 0 AND id <> ?", c.SetID, c.Number, c.ID).Scan(&other)
	if err == nil {
		return conflict("number", "Bộ tiêu chí đã có tiêu chí số %d (%s)", c.Number, other)
	}
	return nil
}

// SaveCriterion creates or updates a criterion.
func (s *Store) SaveCriterion(ctx context.Context, c *Criterion) error { return s.save(ctx, c) }

// DeleteCriterion tombstones a criterion.
func (s *Store) DeleteCriterion(ctx context.Context, id string) error {
	return s.remove(ctx, "criteria", id)
}

// Criteria lists a set's criteria by number.
func (s *Store) Criteria(ctx context.Context, setID string) ([]Criterion, error) {
	return listOf[Criterion](ctx, s.db, "WHERE t.set_id = ? AND t.deleted = 0 ORDER BY t.number", setID)
}

func (r *CriteriaResult) table() string { return "criteria_results" }

func (r *CriteriaResult) cols() []col {
	return []col{
		{name: "unit_id", ptr: &r.UnitID},
		{name: "set_id", ptr: &r.SetID},
		{name: "year", ptr: &r.Year},
		{name: "scores", ptr: jsonCol{&r.Scores}},
		{name: "auto_fail", ptr: &r.AutoFail},
		{name: "note", ptr: &r.Note},
	}
}

func (r *CriteriaResult) validate() error {
	if r.UnitID == "" || r.SetID == "" {
		return invalid("unit_id", "Cần chọn đơn vị và bộ tiêu chí")
	}
	if r.Year < 2000 || r.Year > 2100 {
		return invalid("year", "Năm đánh giá phải trong khoảng 2000–2100, không phải %d", r.Year)
	}
	for n, v := range r.Scores {
		if v < 0 {
			return invalid("scores", "Điểm của tiêu chí %d không được âm", n)
		}
	}
	return nil
}

func (r *CriteriaResult) validateDB(ctx context.Context, q queryer) error {
	var set CriteriaSet
	if err := getTx(ctx, q, &set, r.SetID, false); err != nil {
		return invalid("set_id", "Bộ tiêu chí không tồn tại")
	}
	var u Unit
	if err := getTx(ctx, q, &u, r.UnitID, false); err != nil {
		return invalid("unit_id", "Đơn vị được đánh giá không tồn tại")
	}
	if u.Level != set.Level {
		return invalid("set_id", "Bộ tiêu chí %s dành cho %s, không dùng cho %s", set.Name, set.Level.Label(), u.Level.Label())
	}
	crit, err := remembered(ctx, "criteria of "+r.SetID, func() ([]Criterion, error) {
		return listOf[Criterion](ctx, q, "WHERE t.set_id = ? AND t.deleted = 0", r.SetID)
	})
	if err != nil {
		return err
	}
	byNumber := map[int]Criterion{}
	for _, c := range crit {
		byNumber[c.Number] = c
	}
	for n, v := range r.Scores {
		c, ok := byNumber[n]
		if !ok {
			return invalid("scores", "Bộ tiêu chí %s không có tiêu chí số %d", set.Name, n)
		}
		if c.MaxPoints == nil && v != 0 && v != 1 {
			return invalid("scores", "Tiêu chí %d chỉ ghi đạt (1) hoặc chưa đạt (0)", n)
		}
		if c.MaxPoints != nil && v > *c.MaxPoints {
			return invalid("scores", "Điểm tiêu chí %d (%s) vượt điểm tối đa %s", n, trimFloat(v), trimFloat(*c.MaxPoints))
		}
	}
	if uniqueByIndex(ctx) {
		return nil
	}
	var other string
	err = q.QueryRowContext(ctx, "SELECT id FROM criteria_results WHERE unit_id = ? AND set_id = ? AND year = ? AND deleted = 0 AND id <> ?",
		r.UnitID, r.SetID, r.Year, r.ID).Scan(&other)
	if err == nil {
		return conflict("year", "%s đã có kết quả đánh giá năm %d theo bộ tiêu chí này", u.Name, r.Year)
	}
	if err != sql.ErrNoRows {
		return internal("Không kiểm tra được kết quả đánh giá", err)
	}
	return nil
}

// SaveCriteriaResult creates or updates a unit's results for a year.
func (s *Store) SaveCriteriaResult(ctx context.Context, r *CriteriaResult) error {
	return s.save(ctx, r)
}

// CriteriaResults lists results of a set in a year (all units when unitID is "").
func (s *Store) CriteriaResults(ctx context.Context, setID string, year int, unitID string) ([]CriteriaResult, error) {
	if unitID != "" {
		return listOf[CriteriaResult](ctx, s.db, "WHERE t.set_id = ? AND t.year = ? AND t.unit_id = ? AND t.deleted = 0", setID, year, unitID)
	}
	return listOf[CriteriaResult](ctx, s.db, "WHERE t.set_id = ? AND t.year = ? AND t.deleted = 0", setID, year)
}

func (t *Target) table() string { return "targets" }

func (t *Target) cols() []col {
	return []col{
		{name: "code", ptr: &t.Code},
		{name: "metric", ptr: &t.Metric},
		{name: "name", ptr: &t.Name},
		{name: "comparator", ptr: &t.Comparator},
		{name: "threshold", ptr: &t.Threshold},
		{name: "threshold_hi", ptr: &t.ThresholdHi},
		{name: "deadline_year", ptr: &t.DeadlineYear},
		{name: "baseline_year", ptr: &t.BaselineYear},
		{name: "yearly", ptr: &t.Yearly},
		{name: "legal_basis", ptr: &t.LegalBasis},
		{name: "note", ptr: &t.Note},
	}
}

func (t *Target) validate() error {
	if t.Code == "" || t.Name == "" {
		return invalid("name", "Chỉ tiêu cần mã và tên")
	}
	if t.Metric == "" {
		return invalid("metric", "Chỉ tiêu cần chọn số liệu dùng để đo")
	}
	switch t.Comparator {
	case CmpGreater, CmpGreaterEqual, CmpLess, CmpLessEqual:
	case CmpBetween:
		if t.ThresholdHi == nil || *t.ThresholdHi < t.Threshold {
			return invalid("threshold_hi", "Chỉ tiêu dạng khoảng cần ngưỡng trên không nhỏ hơn ngưỡng dưới")
		}
	default:
		return invalid("comparator", "Cách so sánh %q không hợp lệ", t.Comparator)
	}
	if err := checkYear("deadline_year", "Năm hoàn thành", &t.DeadlineYear); err != nil {
		return err
	}
	if err := checkYear("baseline_year", "Năm gốc", &t.BaselineYear); err != nil {
		return err
	}
	if t.DeadlineYear < t.BaselineYear {
		return invalid("deadline_year", "Năm hoàn thành (%d) không được trước năm gốc (%d)", t.DeadlineYear, t.BaselineYear)
	}
	return nil
}

// SaveTarget creates or updates a target.
func (s *Store) SaveTarget(ctx context.Context, t *Target) error { return s.save(ctx, t) }

// Targets lists the targets by deadline.
func (s *Store) Targets(ctx context.Context) ([]Target, error) {
	return listOf[Target](ctx, s.db, "WHERE t.deleted = 0 ORDER BY t.deadline_year, t.code")
}

// DeleteTarget tombstones a target.
func (s *Store) DeleteTarget(ctx context.Context, id string) error {
	return s.remove(ctx, "targets", id)
}

func (r *CriteriaResult) normalise() {
	if r.Scores == nil {
		r.Scores = map[int]float64{}
	}
}
