package data

import (
	"reflect"
	"testing"
	"unsafe"
)

// Every column of every kind of record is placed (none falls back to listing the columns of each
// row), and a column placed on one record points at the very field allCols points at on another.
func TestEveryColumnIsFoundByItsPlace(t *testing.T) {
	checks := map[string]func(*testing.T){
		"units":            placedLikeListed[Unit],
		"unit_links":       placedLikeListed[UnitLink],
		"unit_moves":       placedLikeListed[UnitMove],
		"classifications":  placedLikeListed[Classification],
		"reviews":          placedLikeListed[Review],
		"cause_groups":     placedLikeListed[CauseGroup],
		"criteria_sets":    placedLikeListed[CriteriaSet],
		"criteria":         placedLikeListed[Criterion],
		"criteria_results": placedLikeListed[CriteriaResult],
		"targets":          placedLikeListed[Target],
		"rule_sets":        placedLikeListed[RuleSet],
		"twinning_units":   placedLikeListed[TwinningUnit],
		"assignments":      placedLikeListed[Assignment],
		"activities":       placedLikeListed[Activity],
		"report_drafts":    placedLikeListed[Draft],
		"submissions":      placedLikeListed[Submission],
	}
	for _, k := range kinds {
		if checks[k.Table] == nil {
			t.Errorf("no check of the places of the columns of %s", k.Table)
		}
	}
	for table, check := range checks {
		t.Run(table, check)
	}
}

func placedLikeListed[T any, PT interface {
	*T
	record
}](t *testing.T) {
	recs := make([]T, 3)
	rec := PT(&recs[2])
	all := allCols(rec)
	at := make([]int, len(all))
	for i := range at {
		at[i] = i
	}
	places, ok := placesOf[T, PT](at)
	if !ok {
		t.Fatalf("the columns of %T are not all placed", recs[0])
	}
	for i, c := range places {
		got, want := c.colAt(unsafe.Pointer(rec)), all[i].ptr
		if reflect.TypeOf(got) != reflect.TypeOf(want) || fieldOf(got) != fieldOf(want) {
			t.Errorf("%s: placed %T %v, listed %T %v", all[i].name, got, fieldOf(got), want, fieldOf(want))
		}
	}
}

// fieldOf is the address a column's pointer (or its jsonCol's) points at.
func fieldOf(ptr any) uintptr {
	if j, ok := ptr.(jsonCol); ok {
		ptr = j.ptr
	}
	v := reflect.ValueOf(ptr)
	if v.Kind() == reflect.Struct {
		v = v.Field(0)
	}
	return v.Pointer()
}
