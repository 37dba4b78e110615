package rules

import "ketnghia/data"

// ActivityTotal counts twinning activities and adds up their values: the one sum behind the
// dashboard's support value, the agencies' yearly totals, a commune's twinning and the reports.
type ActivityTotal struct {
	Count     int   `json:"count"`
	CashVND   int64 `json:"cash_vnd"`
	InKindVND int64 `json:"in_kind_vnd"`
}

// Add counts one activity.
func (t *ActivityTotal) Add(a data.Activity) {
	t.Count, t.CashVND, t.InKindVND = t.Count+1, t.CashVND+a.CashVND, t.InKindVND+a.InKindVND
}

// ValueVND is cash and in kind together.
func (t ActivityTotal) ValueVND() int64 { return t.CashVND + t.InKindVND }

// TotalActivities adds up the activities keep accepts.
func TotalActivities(acts []data.Activity, keep func(data.Activity) bool) ActivityTotal {
	var t ActivityTotal
	for _, a := range acts {
		if keep(a) {
			t.Add(a)
		}
	}
	return t
}
