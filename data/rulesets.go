package data

import (
	"context"
	"slices"
)

// RuleSet is a versioned set of legal rules: area classification (KV I/II/III, ĐBKK villages) or
// leaving the ĐBKK list, for a period. Family names the logic (in data/rules); Params hold its
// thresholds as data, so that a changed or corrected threshold is an edit, not a new program.
type RuleSet struct {
	Meta
	Code       string // "QD33-2020"; classifications recorded under it carry the same code
	Name       string
	LegalBasis string
	Family     RuleFamily  // "qd50", "qd33", "qd03"
	Purpose    RulePurpose // "classify" or "leave"
	FromYear   int
	ToYear     int
	Params     map[string]float64
	Unverified []string // thresholds not checked against the legal text
	Note       string
}

// RuleFamily names the logic a rule set follows (in data/rules); RulePurpose what it decides.
type (
	RuleFamily  string
	RulePurpose string
)

// Rule-set families and purposes.
const (
	FamilyQD50      RuleFamily  = "qd50"
	FamilyQD33      RuleFamily  = "qd33"
	FamilyQD03      RuleFamily  = "qd03"
	PurposeClassify RulePurpose = "classify"
	PurposeLeave    RulePurpose = "leave"
)

// Label is the family as a person names it: the decision its logic comes from.
func (f RuleFamily) Label() string {
	switch f {
	case FamilyQD50:
		return "Theo Quyết định 50/2016/QĐ-TTg"
	case FamilyQD33:
		return "Theo Quyết định 33/2020/QĐ-TTg"
	case FamilyQD03:
		return "Theo Quyết định 03/2019/QĐ-TTg"
	}
	return string(f)
}

// Label is what the rule set decides, in words.
func (p RulePurpose) Label() string {
	switch p {
	case PurposeClassify:
		return "Phân định khu vực"
	case PurposeLeave:
		return "Thoát đặc biệt khó khăn"
	}
	return string(p)
}

// Covers reports whether the rule set applies to year.
func (r RuleSet) Covers(year int) bool { return r.FromYear <= year && year <= r.ToYear }

// IsUnverified reports whether a threshold is marked as not checked.
func (r RuleSet) IsUnverified(param string) bool { return slices.Contains(r.Unverified, param) }

func (r *RuleSet) table() string { return "rule_sets" }

func (r *RuleSet) cols() []col {
	return []col{
		{name: "code", ptr: &r.Code},
		{name: "name", ptr: &r.Name},
		{name: "legal_basis", ptr: &r.LegalBasis},
		{name: "family", ptr: &r.Family},
		{name: "purpose", ptr: &r.Purpose},
		{name: "from_year", ptr: &r.FromYear},
		{name: "to_year", ptr: &r.ToYear},
		{name: "params", ptr: jsonCol{&r.Params}},
		{name: "unverified", ptr: jsonCol{&r.Unverified}},
		{name: "note", ptr: &r.Note},
	}
}

func (r *RuleSet) normalise() {
	if r.Params == nil {
		r.Params = map[string]float64{}
	}
	if r.Unverified == nil {
		r.Unverified = []string{}
	}
}

func (r *RuleSet) validate() error {
	if r.Code == "" || r.Name == "" {
		return invalid("code", "Bộ quy định cần mã và tên")
	}
	switch r.Family {
	case FamilyQD50, FamilyQD33, FamilyQD03:
	default:
		return invalid("family", "Loại quy định %q không có", r.Family)
	}
	if r.Purpose != PurposeClassify && r.Purpose != PurposeLeave {
		return invalid("purpose", "Mục đích của bộ quy định phải là phân định hoặc ra khỏi diện ĐBKK")
	}
	if err := checkYear("from_year", "Năm bắt đầu áp dụng", &r.FromYear); err != nil {
		return err
	}
	if err := checkYear("to_year", "Năm kết thúc áp dụng", &r.ToYear); err != nil {
		return err
	}
	if r.ToYear < r.FromYear {
		return invalid("to_year", "Năm kết thúc áp dụng (%d) không được trước năm bắt đầu (%d)", r.ToYear, r.FromYear)
	}
	for k, v := range r.Params {
		if v < 0 {
			return invalid("params", "Ngưỡng %s không được âm", k)
		}
	}
	return nil
}

// SaveRuleSet creates or updates a rule set.
func (s *Store) SaveRuleSet(ctx context.Context, r *RuleSet) error { return s.save(ctx, r) }

// RuleSets lists the rule sets by period.
func (s *Store) RuleSets(ctx context.Context) ([]RuleSet, error) {
	return listOf[RuleSet](ctx, s.db, "WHERE t.deleted = 0 ORDER BY t.from_year, t.purpose, t.code")
}
