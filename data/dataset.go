package data

import (
	"context"
	"fmt"
	"strings"
)

// Dataset is a read-only snapshot of what the rules and figures need, taken in one read
// transaction: every unit and its history, classifications, criteria, rule sets and targets, and
// the reviews and criteria results of the years asked for.
type Dataset struct {
	Units           []Unit
	Links           []UnitLink
	Moves           []UnitMove
	Classifications []Classification
	Reviews         []Review
	CriteriaSets    []CriteriaSet
	Criteria        []Criterion
	CriteriaResults []CriteriaResult
	RuleSets        []RuleSet
	Targets         []Target
	Years           []int // the years whose reviews and results are in; nil: all
}

// Dataset reads a snapshot. years limits the reviews and criteria results to those years (none:
// every year).
func (s *Store) Dataset(ctx context.Context, years ...int) (*Dataset, error) {
	cond := "t.deleted = 0"
	if len(years) > 0 {
		cond += " AND t.year IN (" + yearList(years) + ")"
	}
	ds, err := s.dataset(ctx, cond, cond)
	if ds != nil {
		ds.Years = years
	}
	return ds, err
}

// OverviewDataset reads what a year's overview needs without the bulk of the villages' history:
// the reviews of communes (and above) of every year, the villages' reviews of villageYears only, and
// every criteria result. On the national sample it is a third of the whole snapshot.
func (s *Store) OverviewDataset(ctx context.Context, villageYears ...int) (*Dataset, error) {
	reviews := "t.deleted = 0 AND (t.unit_id IN (SELECT id FROM units WHERE level <> 'village')"
	if len(villageYears) > 0 {
		reviews += " OR t.year IN (" + yearList(villageYears) + ")"
	}
	reviews += ")"
	return s.dataset(ctx, reviews, "t.deleted = 0")
}

func yearList(years []int) string {
	parts := make([]string, len(years))
	for i, y := range years {
		parts[i] = fmt.Sprint(y)
	}
	return strings.Join(parts, ",")
}

func (s *Store) dataset(ctx context.Context, reviewCond, resultCond string) (*Dataset, error) {
	ds := &Dataset{}
	// Every kind the rules use, from the registry; reviews and criteria results as asked.
	conds := map[string]string{"reviews": reviewCond, "criteria_results": resultCond}
	err := s.inReadTx(ctx, func(q queryer) error {
		for _, k := range kinds {
			if k.intoDataset == nil {
				continue
			}
			cond, ok := conds[k.Table]
			if !ok {
				cond = "t.deleted = 0"
			}
			if err := k.intoDataset(ctx, q, ds, cond); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, internal("Không đọc được dữ liệu để tính toán", err)
	}
	return ds, nil
}

// TwinningData is every twinning agency, assignment and activity that is not deleted: what the
// twinning report and the profiles show.
type TwinningData struct {
	Units       []TwinningUnit
	Assignments []Assignment
	Activities  []Activity
}

// Twinning reads the twinning records in one read transaction.
func (s *Store) Twinning(ctx context.Context) (*TwinningData, error) {
	td := &TwinningData{}
	err := s.inReadTx(ctx, func(q queryer) error {
		var err error
		if td.Units, err = listOf[TwinningUnit](ctx, q, "WHERE t.deleted = 0"); err != nil {
			return err
		}
		if td.Assignments, err = listOf[Assignment](ctx, q, "WHERE t.deleted = 0 ORDER BY t.start_on"); err != nil {
			return err
		}
		td.Activities, err = listOf[Activity](ctx, q, "WHERE t.deleted = 0 ORDER BY t.on_date")
		return err
	})
	if err != nil {
		return nil, internal("Không đọc được số liệu kết nghĩa", err)
	}
	return td, nil
}
