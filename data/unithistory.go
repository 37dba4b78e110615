package data

import (
	"context"
	"fmt"
	"slices"

	"ketnghia/data/vntext"
)

// UnitChange is one line of a unit's history: a change to the unit itself (About "") or to one
// of the records about it, which About names ("Số liệu rà soát năm 2024").
type UnitChange struct {
	Change
	About string
}

// UnitHistory lists, newest first, the changes made to a unit and to every record about it: its
// yearly figures, criteria results, twinning assignments and activities, area classifications
// and moves (every kind with a unit_id column).
func (s *Store) UnitHistory(ctx context.Context, unitID string) ([]UnitChange, error) {
	own, err := s.History(ctx, "units", unitID)
	if err != nil {
		return nil, err
	}
	var out []UnitChange
	for _, c := range own {
		out = append(out, UnitChange{Change: c})
	}
	for _, k := range kinds {
		if k.Table == "units" || !slices.Contains(k.Columns(), "unit_id") {
			continue
		}
		ids, err := s.idsOfUnit(ctx, k.Table, unitID)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			hs, err := s.History(ctx, k.Table, id)
			if err != nil || len(hs) == 0 {
				if err != nil {
					return nil, err
				}
				continue
			}
			about := vntext.UpperFirst(k.Noun)
			r := k.newRecord()
			if err := getTx(ctx, s.db, r, id, true); err == nil {
				if b := Brief(r.(Record)); b != "" {
					about += " " + b
				}
			}
			for _, c := range hs {
				out = append(out, UnitChange{Change: c, About: about})
			}
		}
	}
	slices.SortFunc(out, func(a, b UnitChange) int { return int(b.Seq - a.Seq) })
	return out, nil
}

// idsOfUnit lists the IDs of table's records about the unit, deleted ones too.
func (s *Store) idsOfUnit(ctx context.Context, table, unitID string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, fmt.Sprintf("SELECT id FROM %s WHERE unit_id = ?", table), unitID)
	if err != nil {
		return nil, internal("Không đọc được lịch sử thay đổi", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, internal("Không đọc được lịch sử thay đổi", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
