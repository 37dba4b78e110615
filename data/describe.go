package data

import (
	"context"
	"database/sql"
	"fmt"

	"ketnghia/data/vntext"
)

// How a person knows a record of each kind ("Rà soát năm 2024 của Thôn 1, Xã Hà Mòn"), for the
// check's problems and an import's conflicts. Each kind's registry entry (kinds.go) names its
// describer; a test holds every kind to one.

// describer fills in p.Record (and p.Year when the record is of a year) for the record p.ID, of
// the kind a person calls noun.
type describer func(ctx context.Context, s *Store, noun string, p *Problem)

// unitNamed is a unit's name under the parent it had on day (by default on its last day: a
// village's 2024 review under the commune it had in 2024); dated adds the dates it existed, since
// the 2025 merger's new communes reuse old codes and names.
func (s *Store) unitNamed(ctx context.Context, id string, day Date, dated bool) string {
	at := ""
	if !day.IsZero() {
		at = day.ISO()
	}
	var name, parent string
	var opened, closed sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT u.name, coalesce(p.name, ''), u.opened_on, u.closed_on FROM units u
		LEFT JOIN units p ON p.id = coalesce((SELECT m.from_parent_id FROM unit_moves m WHERE m.unit_id = u.id AND m.deleted = 0
			AND m.moved_on > coalesce(nullif(?1, ''), date(u.closed_on, '-1 day'), '9999-12-31') ORDER BY m.moved_on LIMIT 1), u.parent_id)
		WHERE u.id = ?2`, at, id).Scan(&name, &parent, &opened, &closed)
	if err != nil {
		return "đơn vị không còn trong cơ sở dữ liệu"
	}
	if parent != "" {
		name += ", " + parent
	}
	if dated {
		o, _ := ParseISODate(opened.String)
		c, _ := ParseISODate(closed.String)
		switch {
		case !c.IsZero():
			name += fmt.Sprintf(" (đến %s)", c.AddDays(-1))
		case !o.IsZero():
			name += fmt.Sprintf(" (từ %s)", o)
		}
	}
	return name
}

// recordRow reads one row of a record's columns by its ID (q selects them WHERE … id = ?).
func (s *Store) recordRow(ctx context.Context, q, id string, dest ...any) bool {
	return s.db.QueryRowContext(ctx, q, id).Scan(dest...) == nil
}

func describeUnit(ctx context.Context, s *Store, _ string, p *Problem) {
	p.Record = s.unitNamed(ctx, p.ID, Date{}, true)
}

func describeReview(ctx context.Context, s *Store, _ string, p *Problem) {
	var unit string
	var year int
	if s.recordRow(ctx, "SELECT unit_id, year FROM reviews WHERE id = ?", p.ID, &unit, &year) {
		p.Year, p.Record = year, fmt.Sprintf("Rà soát năm %d của %s", year, s.unitNamed(ctx, unit, YearEnd(year), false))
	}
}

func describeClassification(ctx context.Context, s *Store, _ string, p *Problem) {
	var unit, ruleSet string
	if s.recordRow(ctx, "SELECT unit_id, rule_set FROM classifications WHERE id = ?", p.ID, &unit, &ruleSet) {
		p.Record = fmt.Sprintf("Kết quả phân định (%s) của %s", ruleSet, s.unitNamed(ctx, unit, Date{}, false))
	}
}

func describeCriteriaResult(ctx context.Context, s *Store, _ string, p *Problem) {
	var unit, set string
	var year int
	if s.recordRow(ctx, "SELECT r.unit_id, r.year, s.name FROM criteria_results r JOIN criteria_sets s ON s.id = r.set_id WHERE r.id = ?", p.ID, &unit, &year, &set) {
		p.Year, p.Record = year, fmt.Sprintf("Kết quả %s năm %d của %s", set, year, s.unitNamed(ctx, unit, YearEnd(year), false))
	}
}

func describeLink(ctx context.Context, s *Store, _ string, p *Problem) {
	var from, to string
	if s.recordRow(ctx, "SELECT predecessor_id, successor_id FROM unit_links WHERE id = ?", p.ID, &from, &to) {
		p.Record = fmt.Sprintf("Liên kết %s → %s", s.unitNamed(ctx, from, Date{}, false), s.unitNamed(ctx, to, Date{}, false))
	}
}

func describeMove(ctx context.Context, s *Store, _ string, p *Problem) {
	var unit, to string
	if s.recordRow(ctx, "SELECT unit_id, to_parent_id FROM unit_moves WHERE id = ?", p.ID, &unit, &to) {
		p.Record = fmt.Sprintf("Việc chuyển %s về %s", s.unitNamed(ctx, unit, Date{}, false), s.unitNamed(ctx, to, Date{}, false))
	}
}

// describeNamed is a record known by its name: an agency, a reference set.
func describeNamed(ctx context.Context, s *Store, noun string, p *Problem) {
	var name string
	if s.recordRow(ctx, "SELECT name FROM "+p.Table+" WHERE id = ?", p.ID, &name) {
		p.Record = noun + " “" + name + "”"
	}
}

func describeCriterion(ctx context.Context, s *Store, _ string, p *Problem) {
	var name string
	if s.recordRow(ctx, "SELECT name FROM criteria WHERE id = ?", p.ID, &name) {
		p.Record = "Tiêu chí “" + name + "”"
	}
}

func describeAssignment(ctx context.Context, s *Store, _ string, p *Problem) {
	var agency, unit string
	if s.recordRow(ctx, "SELECT t.name, a.unit_id FROM assignments a JOIN twinning_units t ON t.id = a.twinning_unit_id WHERE a.id = ?", p.ID, &agency, &unit) {
		p.Record = fmt.Sprintf("Phân công %s giúp %s", agency, s.unitNamed(ctx, unit, Date{}, false))
	}
}

func describeActivity(ctx context.Context, s *Store, _ string, p *Problem) {
	var agency, on string
	if s.recordRow(ctx, "SELECT t.name, a.on_date FROM activities a JOIN twinning_units t ON t.id = a.twinning_unit_id WHERE a.id = ?", p.ID, &agency, &on) {
		d, _ := ParseISODate(on)
		p.Record = fmt.Sprintf("Hoạt động ngày %s của %s", d, agency)
	}
}

func describeDraft(ctx context.Context, s *Store, _ string, p *Problem) {
	var d Draft
	if s.recordRow(ctx, "SELECT kind, from_year, to_year FROM report_drafts WHERE id = ?", p.ID, &d.Kind, &d.FromYear, &d.ToYear) {
		p.Year, p.Record = d.ToYear, "Bản thảo "+vntext.LowerFirst(d.Title())
	}
}
