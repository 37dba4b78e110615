package rules

import (
	"fmt"
	"strings"

	"ketnghia/data"
)

// CriteriaStatus is how a unit stands against a criteria set in a year.
type CriteriaStatus struct {
	Set      *data.CriteriaSet `json:"-"`
	SetCode  string            `json:"set"`
	Year     int               `json:"year"`
	Assessed bool              `json:"assessed"` // a result was entered for that year
	Total    int               `json:"total"`
	Met      int               `json:"met"`
	Unmet    []data.Criterion  `json:"-"`
	Unknown  []data.Criterion  `json:"-"` // no score entered
	Points   *float64          `json:"points,omitempty"`
	Passed   Tri               `json:"passed"` // the whole set is met
}

// UnmetNames lists the unmet criteria as "số. tên".
func (c CriteriaStatus) UnmetNames() []string {
	var out []string
	for _, cr := range c.Unmet {
		out = append(out, itoa(cr.Number)+". "+cr.Name)
	}
	return out
}

// CriterionMet says whether a score meets a criterion: 1 for a met / not-met criterion, at least
// half the points for a point-scored one (QĐ 1300/QĐ-BYT: ≥ 50% in each criterion).
func CriterionMet(c data.Criterion, score float64) bool {
	if c.MaxPoints == nil {
		return score >= 1
	}
	return score*2 >= *c.MaxPoints
}

// Criteria evaluates a unit against the criteria set with the given code in a year.
func (x *Index) Criteria(unitID, setCode string, year int) CriteriaStatus {
	st := CriteriaStatus{SetCode: setCode, Year: year}
	for id, s := range x.sets {
		if s.Code == setCode {
			st.Set = x.sets[id]
		}
	}
	if st.Set == nil {
		return st
	}
	crit := x.criteria[st.Set.ID]
	st.Total = len(crit)
	res := x.results[resultKey{unitID, st.Set.ID, year}]
	if res == nil {
		st.Unknown = crit
		return st
	}
	st.Assessed = true
	points := 0.0
	for _, c := range crit {
		score, ok := res.Scores[c.Number]
		switch {
		case !ok:
			st.Unknown = append(st.Unknown, c)
		case CriterionMet(c, score):
			st.Met++
		default:
			st.Unmet = append(st.Unmet, c)
		}
		points += score
	}
	switch {
	case len(st.Unmet) > 0 || res.AutoFail:
		st.Passed = No
	case len(st.Unknown) > 0:
		st.Passed = Unknown
	default:
		st.Passed = Yes
	}
	if st.Set.PassPoints != nil {
		st.Points = &points
		if st.Passed == Yes && points < *st.Set.PassPoints {
			st.Passed = No
		}
	}
	return st
}

// setFor finds the criteria set whose code starts with prefix and that covers year, for a level.
func (x *Index) setFor(prefix string, level data.Level, year int) *data.CriteriaSet {
	var best *data.CriteriaSet
	for _, s := range x.sets {
		if strings.HasPrefix(s.Code, prefix) && s.Level == level && s.FromYear <= year && year <= s.ToYear {
			if best == nil || best.FromYear < s.FromYear {
				best = s
			}
		}
	}
	return best
}

// HealthMet says whether a commune meets the national commune health criteria in year (see Health).
func (x *Index) HealthMet(u *data.Unit, year int) Tri { return x.Health(u, year).Met }

// HealthStatus is where a commune stands against the commune health criteria in a year, and what
// that rests on.
type HealthStatus struct {
	Met Tri
	// From is the earlier year whose result is carried to this one (the commune has none of the
	// year); 0 when the status rests on the year's own result or on the recorded year.
	From int
	// Inherited: the commune has no result of its own yet (a commune made by a merger), and the
	// status is that of the communes merged into it, at their last results.
	Inherited bool
}

// Health says whether a commune meets the national commune health criteria in year: by its points
// of the year when the health set covering the year has a result, or by the year recorded on the
// commune. In the years a health set covers, a commune without a result of the year keeps its
// latest earlier result (the standard holds until it is assessed again); one with no result of its
// own at all (a new commune of the 2025 reform) takes that of the communes merged into it — met
// when all of them met it, not met when one did not — and a commune made in those years with
// nothing to go on is unknown, never "not met". Before any set covers a year, the recorded year is
// the only record: a commune of those years without one had not met the criteria.
func (x *Index) Health(u *data.Unit, year int) HealthStatus {
	return x.health(u, year, map[string]bool{})
}

// HealthText says in words where a commune stands against the health criteria in year and on what
// it rests: "đạt năm 2019", "đạt (theo kết quả năm 2025)", "chưa có số liệu" …
func (x *Index) HealthText(u *data.Unit, year int) string {
	if u.HealthYear != nil && *u.HealthYear <= year {
		return fmt.Sprintf("đạt từ năm %d", *u.HealthYear)
	}
	h := x.Health(u, year)
	word := map[Tri]string{Yes: "đạt", No: "chưa đạt", Unknown: "chưa có số liệu"}[h.Met]
	switch {
	case h.Met == Unknown:
		return word
	case h.Inherited:
		return word + " (xã chưa có kết quả riêng; theo các xã cũ hợp thành)"
	case h.From > 0:
		return fmt.Sprintf("%s (theo kết quả năm %d; năm %d chưa có kết quả)", word, h.From, year)
	}
	return word
}

func (x *Index) health(u *data.Unit, year int, seen map[string]bool) HealthStatus {
	seen[u.ID] = true
	set := x.setFor("YTE", data.LevelCommune, year)
	if set != nil {
		if st := x.Criteria(u.ID, set.Code, year); st.Assessed && st.Passed != Unknown {
			return HealthStatus{Met: st.Passed}
		}
	}
	if u.HealthYear != nil && *u.HealthYear <= year {
		return HealthStatus{Met: Yes}
	}
	if set == nil {
		return HealthStatus{Met: No}
	}
	first := max(u.OpenedOn.Year(), year-15)
	for y := year - 1; y >= first; y-- {
		if s := x.setFor("YTE", data.LevelCommune, y); s != nil {
			if st := x.Criteria(u.ID, s.Code, y); st.Assessed && st.Passed != Unknown {
				return HealthStatus{Met: st.Passed, From: y}
			}
		}
	}
	var out HealthStatus
	for _, l := range x.pred[u.ID] {
		p := x.units[l.PredecessorID]
		if p == nil || seen[p.ID] || p.Level != data.LevelCommune {
			continue
		}
		last := year
		if !p.ClosedOn.IsZero() && p.ClosedOn.Year() < last {
			last = p.ClosedOn.Year()
		}
		ps := x.health(p, last, seen)
		switch {
		case !out.Inherited:
			out = HealthStatus{Met: ps.Met, Inherited: true}
		default:
			out.Met = out.Met.And(ps.Met)
		}
	}
	if !out.Inherited && (u.OpenedOn.IsZero() || x.setFor("YTE", data.LevelCommune, u.OpenedOn.Year()) == nil) {
		// It lived through years that only the recorded year speaks of, and none is recorded.
		return HealthStatus{Met: No}
	}
	return out
}

// NTMCriterionMet says whether a commune meets one numbered criterion of the NTM commune set that
// covers year (Unknown without a result).
func (x *Index) NTMCriterionMet(u *data.Unit, number, year int) Tri {
	set := x.setFor("NTM-XA", data.LevelCommune, year)
	if set == nil {
		return Unknown
	}
	res := x.results[resultKey{u.ID, set.ID, year}]
	if res == nil {
		return Unknown
	}
	score, ok := res.Scores[number]
	if !ok {
		return Unknown
	}
	for _, c := range x.criteria[set.ID] {
		if c.Number == number {
			return Of(CriterionMet(c, score))
		}
	}
	return Unknown
}

// NTMRecognised says whether a unit had been recognised as meeting the NTM standard by year.
func NTMRecognised(u *data.Unit, year int) bool { return u.NTMYear != nil && *u.NTMYear <= year }

// VillageNTM is how a village stands against the NTM village criteria set covering year (Set nil
// when no set covers it).
func (x *Index) VillageNTM(u *data.Unit, year int) CriteriaStatus {
	s := x.setFor("NTM-THON", data.LevelVillage, year)
	if s == nil {
		return CriteriaStatus{Year: year}
	}
	return x.Criteria(u.ID, s.Code, year)
}
