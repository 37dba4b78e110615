package data

import (
	"context"
	"fmt"
)

// Hit is one result of Search.
type Hit struct {
	Table string // "units" or "twinning_units"
	ID    string
	Name  string
	Kind  string // the unit's kind (Xã, Thôn …) or the agency's level
	Open  bool   // the unit still exists (always true for agencies)
}

// Search finds units and twinning agencies whose names contain the query, ignoring diacritics and
// spelling variants ("dak to" finds "Huyện Đắk Tô"). SQLite answers it from the trigram indexes;
// results come in Vietnamese order, units first, at most limit of each.
func (s *Store) Search(ctx context.Context, query string, limit int) ([]Hit, error) {
	if limit <= 0 {
		limit = 50
	}
	var hits []Hit
	for _, src := range []struct {
		table, fts, kind, open string
	}{
		{"units", "units_fts", "t.kind", "t.closed_on IS NULL"},
		{"twinning_units", "twinning_fts", "t.level", "1"},
	} {
		cond, arg, ok := foldedMatch(src.fts, query)
		if !ok {
			return nil, nil
		}
		q := fmt.Sprintf("SELECT t.id, t.name, %s, %s FROM %s t WHERE t.deleted = 0 AND %s ORDER BY t.sort_key LIMIT %d",
			src.kind, src.open, src.table, cond, limit)
		rows, err := s.db.QueryContext(ctx, q, arg)
		if err != nil {
			return nil, internal("Không tìm kiếm được", err)
		}
		for rows.Next() {
			h := Hit{Table: src.table}
			if err := rows.Scan(&h.ID, &h.Name, &h.Kind, &h.Open); err != nil {
				rows.Close()
				return nil, internal("Không tìm kiếm được", err)
			}
			if src.table == "twinning_units" {
				h.Kind = TwinningLevel(h.Kind).Label()
			}
			hits = append(hits, h)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, internal("Không tìm kiếm được", err)
		}
	}
	return hits, nil
}
