package data

import (
	"context"
	"fmt"
	"reflect"
)

// Problem is one thing Check found wrong.
type Problem struct {
	Table  string `json:"table"`
	ID     string `json:"id"`
	Field  string `json:"field"`
	Detail string `json:"detail"`
}

func (p Problem) String() string {
	if p.ID == "" {
		return fmt.Sprintf("[%s] %s", p.Table, p.Detail)
	}
	return fmt.Sprintf("[%s %s] %s", Noun(p.Table), p.ID, p.Detail)
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

	checks := []func() ([]Problem, error){
		func() ([]Problem, error) { return checkAll[Unit](ctx, s) },
		func() ([]Problem, error) { return checkAll[UnitLink](ctx, s) },
		func() ([]Problem, error) { return checkAll[UnitMove](ctx, s) },
		func() ([]Problem, error) { return checkAll[Classification](ctx, s) },
		func() ([]Problem, error) { return checkAll[TwinningUnit](ctx, s) },
		func() ([]Problem, error) { return checkAll[Assignment](ctx, s) },
		func() ([]Problem, error) { return checkAll[Activity](ctx, s) },
		func() ([]Problem, error) { return checkAll[CauseGroup](ctx, s) },
		func() ([]Problem, error) { return checkAll[Review](ctx, s) },
		func() ([]Problem, error) { return checkAll[CriteriaSet](ctx, s) },
		func() ([]Problem, error) { return checkAll[Criterion](ctx, s) },
		func() ([]Problem, error) { return checkAll[CriteriaResult](ctx, s) },
		func() ([]Problem, error) { return checkAll[Target](ctx, s) },
		func() ([]Problem, error) { return checkAll[RuleSet](ctx, s) },
	}
	for _, c := range checks {
		ps, err := c()
		if err != nil {
			return nil, err
		}
		out = append(out, ps...)
	}
	return out, nil
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
