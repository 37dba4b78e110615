package data

import (
	"context"
	"fmt"
	"reflect"

	"ketnghia/data/vntext"
)

// Problem is one thing Check found wrong. Record names it as a person knows it ("Rà soát năm 2024
// của Xã Đắk Rơ Nga, Huyện Đắk Tô"); Table, ID and Field are for scripts and support.
type Problem struct {
	Table      string `json:"table"`
	ID         string `json:"id"`
	Record     string `json:"record"`
	Year       int    `json:"year,omitempty"`
	Field      string `json:"field"`
	FieldLabel string `json:"field_label,omitempty"`
	Detail     string `json:"detail"`
}

func (p Problem) String() string {
	where := p.Record
	if where == "" {
		where = Noun(p.Table)
	}
	if p.FieldLabel != "" {
		where += ", " + vntext.LowerFirst(p.FieldLabel)
	}
	return where + ": " + p.Detail
}

// Check runs SQLite's integrity and foreign-key checks and every validation rule over every stored
// record. It changes nothing.
func (s *Store) Check(ctx context.Context) ([]Problem, error) {
	var out []Problem
	rows, err := s.db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return nil, internal("Không kiểm tra được tính toàn vẹn", err)
	}
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			rows.Close()
			return nil, internal("Không kiểm tra được tính toàn vẹn", err)
		}
		if msg != "ok" {
			out = append(out, Problem{Table: "sqlite", Detail: "Tệp bị hỏng: " + msg})
		}
	}
	rows.Close()
	fk, err := s.db.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return nil, internal("Không kiểm tra được khóa ngoại", err)
	}
	for fk.Next() {
		var table, parent string
		var rowid, idx any
		if err := fk.Scan(&table, &rowid, &parent, &idx); err != nil {
			fk.Close()
			return nil, internal("Không kiểm tra được khóa ngoại", err)
		}
		out = append(out, Problem{Table: table, Detail: fmt.Sprintf("Dòng %v tham chiếu đến %s không tồn tại", rowid, Noun(parent))})
	}
	fk.Close()

	for _, k := range kinds {
		ps, err := k.check(ctx, s)
		if err != nil {
			return nil, err
		}
		out = append(out, ps...)
	}
	for i := range out {
		if err := s.nameProblem(ctx, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// nameProblem fills in how a person knows the record a problem is about.
func (s *Store) nameProblem(ctx context.Context, p *Problem) error {
	p.FieldLabel = FieldLabel(p.Field)
	if p.ID == "" {
		if p.Table == "sqlite" {
			p.Record = "Tệp cơ sở dữ liệu"
		} else {
			p.Record = "Bảng " + Noun(p.Table)
		}
		return nil
	}
	unit := func(id string) string {
		var name, parent string
		err := s.db.QueryRowContext(ctx, `SELECT u.name, coalesce(p.name, '') FROM units u LEFT JOIN units p ON p.id = u.parent_id WHERE u.id = ?`, id).Scan(&name, &parent)
		if err != nil {
			return "đơn vị không còn trong cơ sở dữ liệu"
		}
		if parent != "" {
			return name + ", " + parent
		}
		return name
	}
	one := func(q string, dest ...any) bool {
		return s.db.QueryRowContext(ctx, q, p.ID).Scan(dest...) == nil
	}
	var a, b string
	var year int
	switch p.Table {
	case "units":
		p.Record = unit(p.ID)
	case "reviews":
		if one("SELECT unit_id, year FROM reviews WHERE id = ?", &a, &year) {
			p.Year, p.Record = year, fmt.Sprintf("Rà soát năm %d của %s", year, unit(a))
		}
	case "classifications":
		if one("SELECT unit_id, rule_set FROM classifications WHERE id = ?", &a, &b) {
			p.Record = fmt.Sprintf("Kết quả phân định (%s) của %s", b, unit(a))
		}
	case "criteria_results":
		if one("SELECT r.unit_id, r.year, s.name FROM criteria_results r JOIN criteria_sets s ON s.id = r.set_id WHERE r.id = ?", &a, &year, &b) {
			p.Year, p.Record = year, fmt.Sprintf("Kết quả %s năm %d của %s", b, year, unit(a))
		}
	case "unit_links":
		if one("SELECT predecessor_id, successor_id FROM unit_links WHERE id = ?", &a, &b) {
			p.Record = fmt.Sprintf("Liên kết %s → %s", unit(a), unit(b))
		}
	case "unit_moves":
		if one("SELECT unit_id, to_parent_id FROM unit_moves WHERE id = ?", &a, &b) {
			p.Record = fmt.Sprintf("Việc chuyển %s về %s", unit(a), unit(b))
		}
	case "twinning_units", "cause_groups", "criteria_sets", "targets", "rule_sets":
		if one("SELECT name FROM "+p.Table+" WHERE id = ?", &a) {
			p.Record = Noun(p.Table) + " “" + a + "”"
		}
	case "criteria":
		if one("SELECT name FROM criteria WHERE id = ?", &a) {
			p.Record = "Tiêu chí “" + a + "”"
		}
	case "assignments":
		if one("SELECT t.name, a.unit_id FROM assignments a JOIN twinning_units t ON t.id = a.twinning_unit_id WHERE a.id = ?", &a, &b) {
			p.Record = fmt.Sprintf("Phân công %s giúp %s", a, unit(b))
		}
	case "activities":
		var on string
		if one("SELECT t.name, a.on_date FROM activities a JOIN twinning_units t ON t.id = a.twinning_unit_id WHERE a.id = ?", &a, &on) {
			d, _ := ParseISODate(on)
			p.Record = fmt.Sprintf("Hoạt động ngày %s của %s", d, a)
		}
	}
	if p.Record == "" {
		p.Record = Noun(p.Table) + " (mã bản ghi " + p.ID + ")"
	}
	return nil
}

// checkAll runs every rule over every live record of T, streaming them.
func checkAll[T any, PT interface {
	*T
	record
}](ctx context.Context, s *Store) ([]Problem, error) {
	var zero T
	table := PT(&zero).table()
	cs := allCols(PT(&zero))
	rows, err := s.db.QueryContext(ctx, fmt.Sprintf("SELECT %s FROM %s WHERE deleted = 0", colNames(cs), table))
	if err != nil {
		return nil, internal("Không đọc được "+Noun(table), err)
	}
	defer rows.Close()
	var items []T
	for rows.Next() {
		var item T
		if err := rows.Scan(scanTargets(allCols(PT(&item)))...); err != nil {
			return nil, internal("Không đọc được "+Noun(table), err)
		}
		items = append(items, item)
	}
	if err := rows.Err(); err != nil {
		return nil, internal("Không đọc được "+Noun(table), err)
	}
	rows.Close()
	var out []Problem
	for i := range items {
		r := PT(&items[i])
		id := r.meta().ID
		before := renderAll(r)
		if err := prepare(r); err != nil {
			out = append(out, problemOf(table, id, err))
			continue
		}
		if after := renderAll(r); !reflect.DeepEqual(before, after) {
			out = append(out, Problem{Table: table, ID: id, Detail: "Văn bản chưa ở dạng chuẩn Unicode NFC hoặc khóa tìm kiếm đã cũ"})
		}
		if v, ok := any(r).(dbValidator); ok {
			if err := v.validateDB(ctx, s.db); err != nil {
				out = append(out, problemOf(table, id, err))
			}
		}
	}
	return out, nil
}

func renderAll(r record) []string {
	cs := r.cols()
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = render(c.ptr)
	}
	return out
}

func problemOf(table, id string, err error) Problem {
	p := Problem{Table: table, ID: id, Detail: Message(err)}
	if e, ok := err.(*Error); ok {
		p.Field = e.Field
	}
	return p
}

// Describe names a record as a person knows it ("Rà soát năm 2024 của Xã Đắk Rơ Nga, Huyện Đắk Tô"),
// for the screens that list records of many kinds (the exchange's conflicts).
func (s *Store) Describe(ctx context.Context, table, id string) string {
	p := Problem{Table: table, ID: id}
	if err := s.nameProblem(ctx, &p); err != nil || p.Record == "" {
		return vntext.UpperFirst(Noun(table))
	}
	return p.Record
}
