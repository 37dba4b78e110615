package rules

import (
	"fmt"
	"slices"

	"ketnghia/data"
	"ketnghia/data/vntext"
)

// Road is the directive's road to the NTM standard ("xác định rõ lộ trình") in a year: each
// ethnic-minority village's planned year against its recognition, and where the share of them
// recognised will stand if the plan is kept.
type Road struct {
	Year     int `json:"year"`
	Villages int `json:"villages"` // ethnic-minority villages open that year
	Planned  int `json:"planned"`  // of them, with a planned year
	// Recognised by the year: in their planned year, before it, after it, or with no plan.
	OnTime              int `json:"on_time"`
	Ahead               int `json:"ahead"`
	Late                int `json:"late"`
	RecognisedUnplanned int `json:"recognised_unplanned"`
	// Not recognised by the year: their planned year passed, still ahead, or not planned.
	Overdue   int `json:"overdue"`
	Pending   int `json:"pending"`
	Unplanned int `json:"unplanned"`
	// Plan is the share recognised year by year if every village is recognised in its planned
	// year: from the year itself to the last year planned.
	Plan []RoadYear `json:"plan"`
	// The directive's target (Ít nhất 50% …): its share and deadline, the share the plan gives by
	// the deadline (nil when the deadline has passed or there is no target), and the first year the
	// plan reaches the share (0: it never does).
	TargetShare     float64       `json:"target_share"`
	Deadline        int           `json:"deadline"`
	ShareAtDeadline *float64      `json:"share_at_deadline"`
	ReachYear       int           `json:"reach_year"`
	OverdueVillages []RoadVillage `json:"overdue_villages"` // planned by the year, not recognised: the latest plans last
}

// RoadYear is the share of ethnic-minority villages recognised by a year on the plan.
type RoadYear struct {
	Year       int     `json:"year"`
	Recognised int     `json:"recognised"`
	Share      float64 `json:"share"`
}

// RoadVillage is a village behind its plan.
type RoadVillage struct {
	Name  string `json:"name"`
	Place string `json:"place"`
	Plan  int    `json:"plan"`
}

// Recognised is the number of villages recognised by the year.
func (r Road) Recognised() int { return r.OnTime + r.Ahead + r.Late + r.RecognisedUnplanned }

// Share is the share recognised by the year (nil without villages).
func (r Road) Share() *float64 {
	n := r.Recognised()
	return Rate(&n, &r.Villages)
}

// Road works out the road of the ethnic-minority villages of scope ("" the whole file, else a
// district's code or ID as targets take it) in year, against the target of the share of them
// recognised (the first target of that figure, when there is one).
func (x *Index) Road(year int, scope string) Road {
	r := Road{Year: year}
	d := x.scopeDay(year, scope)
	planned := map[int]int{} // planned year → villages not recognised by the year
	for _, v := range x.UnitsUnder(scope, data.LevelVillage, d) {
		if !v.EthnicMinority {
			continue
		}
		r.Villages++
		plan := v.NTMPlanYear
		if plan != nil {
			r.Planned++
		}
		if NTMRecognised(v, year) {
			switch {
			case plan == nil:
				r.RecognisedUnplanned++
			case *v.NTMYear == *plan:
				r.OnTime++
			case *v.NTMYear < *plan:
				r.Ahead++
			default:
				r.Late++
			}
			continue
		}
		switch {
		case plan == nil:
			r.Unplanned++
		case *plan <= year:
			r.Overdue++
			r.OverdueVillages = append(r.OverdueVillages, RoadVillage{Name: v.Name, Place: x.Place(v, d), Plan: *plan})
		default:
			r.Pending++
			planned[*plan]++
		}
	}
	slices.SortStableFunc(r.OverdueVillages, func(a, b RoadVillage) int { return a.Plan - b.Plan })
	for _, t := range x.DS.Targets {
		if t.Metric == MetricEMVillagesNTM {
			r.TargetShare, r.Deadline = t.Threshold, t.DeadlineYear
			break
		}
	}
	if r.Villages == 0 {
		return r
	}
	last := year
	for y := range planned {
		last = max(last, y)
	}
	n := r.Recognised()
	for y := year; y <= last; y++ {
		n += planned[y]
		share := 100 * float64(n) / float64(r.Villages)
		r.Plan = append(r.Plan, RoadYear{Year: y, Recognised: n, Share: share})
		if r.TargetShare > 0 && r.ReachYear == 0 && share >= r.TargetShare {
			r.ReachYear = y
		}
		if y == r.Deadline {
			s := share
			r.ShareAtDeadline = &s
		}
	}
	return r
}

// Summary says where the road stands in its year: "Năm 2026 có 293/673 thôn … đã đạt chuẩn …".
func (r Road) Summary() string {
	return fmt.Sprintf("Năm %d có %s/%s thôn, làng đồng bào DTTS đã đạt chuẩn nông thôn mới (%s); %s thôn đã có năm dự kiến đạt chuẩn. "+
		"So với lộ trình: %d thôn đạt đúng năm, %d thôn đạt sớm, %d thôn đạt muộn; %d thôn chưa đạt dù đã quá năm dự kiến.",
		r.Year, vntext.FormatInt(int64(r.Recognised())), vntext.FormatInt(int64(r.Villages)), PercentBeside(r.Share()),
		vntext.FormatInt(int64(r.Planned)), r.OnTime, r.Ahead, r.Late, r.Overdue)
}

// Outlook says where the plan leads against the directive's target ("" without a target or a plan),
// beginning with a space.
func (r Road) Outlook() string {
	if r.TargetShare <= 0 || len(r.Plan) == 0 {
		return ""
	}
	text := ""
	target := vntext.FormatDecimal(r.TargetShare, 0) + "%"
	switch {
	case r.ShareAtDeadline != nil && r.Deadline > r.Year:
		text += fmt.Sprintf(" Nếu mỗi thôn đạt đúng năm dự kiến, đến năm %d (hạn của chỉ tiêu) tỷ lệ sẽ là %s so với chỉ tiêu %s.",
			r.Deadline, PercentBeside(r.ShareAtDeadline, r.TargetShare), target)
	case r.ReachYear == r.Year:
		text += fmt.Sprintf(" Chỉ tiêu %s đã đạt.", target)
	case r.ReachYear > 0:
		text += fmt.Sprintf(" Chỉ tiêu %s (hạn năm %d) chưa đạt; nếu mỗi thôn đạt đúng năm dự kiến, tỷ lệ đạt %s vào năm %d.", target, r.Deadline, target, r.ReachYear)
	default:
		last := r.Plan[len(r.Plan)-1]
		text += fmt.Sprintf(" Chỉ tiêu %s (hạn năm %d) chưa đạt; kể cả khi mọi thôn đạt đúng năm dự kiến, tỷ lệ chỉ đạt %s vào năm %d: cần xác định thêm lộ trình cho các thôn chưa có.",
			target, r.Deadline, PercentBeside(&last.Share, r.TargetShare), last.Year)
	}
	return text
}
