package exchange

import (
	"context"
	"fmt"

	"ketnghia/data"
)

// guard holds back what a package may not do here, whatever the three-way rule says: change
// figures accepted here (unless the package itself reopens them, from the office that accepted
// them), or decide on submitted figures in the name of an office other than the one that signed it.
type guard struct {
	s      *data.Store
	signer string          // the office that signed the package
	name   string          // its name
	freed  map[string]bool // submissions accepted here that the package reopens
	// approves says this office is the one that accepts figures: no other office's decision is
	// taken here (a commune's package that says its own figures were accepted).
	approves bool
}

func newGuard(ctx context.Context, s *data.Store, a *data.Attached, o *Opened) (*guard, error) {
	freed, err := a.ReopenedSubmissions(ctx)
	if err != nil {
		return nil, err
	}
	for id := range freed {
		// Only the accepting office itself reopens: a package signed by another keeps them locked.
		b, err := a.Record(ctx, mustKind("submissions"), false, id)
		if sub, ok := b.(*data.Submission); err != nil || !ok || sub.DecidedOffice != o.Manifest.OfficeID {
			delete(freed, id)
		}
	}
	set, err := s.Settings(ctx)
	if err != nil {
		return nil, err
	}
	return &guard{s: s, signer: o.Manifest.OfficeID, name: officeWords(o.Manifest.OfficeName), freed: freed, approves: set.Approves}, nil
}

func mustKind(table string) data.RecordKind {
	k, _ := data.KindOf(table)
	return k
}

// hold says why the package's record theirs may not be written over mine (nil: none here); "" when
// it may.
func (g *guard) hold(ctx context.Context, theirs, mine data.Record) (string, error) {
	if b, ok := theirs.(*data.Submission); ok {
		return g.holdDecision(ctx, b, mine), nil
	}
	l, found, err := g.s.LockedBy(ctx, theirs, mine, g.freed)
	if err != nil || !found || l.DecidedOffice == g.signer {
		// The office that accepted the figures may correct them (it reopened and accepted them again
		// at home): its package is what was accepted.
		return "", err
	}
	return l.Sentence() + " Thay đổi này trong gói của " + g.name + " không được nhập.", nil
}

// holdDecision keeps a submission's acceptance, return or reopening to the office that took it.
func (g *guard) holdDecision(ctx context.Context, theirs *data.Submission, mine data.Record) string {
	var m *data.Submission
	if mine != nil {
		m, _ = mine.(*data.Submission)
	}
	decided := func(b *data.Submission) bool {
		return b.State == data.StateAccepted || b.State == data.StateReturned || b.State == data.StateReopened
	}
	unit := g.s.Describe(ctx, "units", theirs.UnitID)
	if m != nil && m.State == data.StateAccepted && g.signer != m.DecidedOffice {
		return fmt.Sprintf("Số liệu năm %d của %s đã được %s duyệt ngày %s; gói của %s không thay đổi được việc duyệt đó, nên thay đổi này không được nhập.",
			m.Year, unit, officeWords(g.s.OfficeName(ctx, m.DecidedOffice)), m.DecidedOn, g.name)
	}
	changed := m == nil || m.State != theirs.State || m.DecidedOffice != theirs.DecidedOffice || m.DecidedOn != theirs.DecidedOn
	if decided(theirs) && changed && g.approves && theirs.DecidedOffice != g.s.OfficeID() {
		return fmt.Sprintf("Gói của %s ghi rằng số liệu năm %d của %s đã được %s, nhưng văn phòng này mới là nơi duyệt số liệu, nên thay đổi này không được nhập.",
			g.name, theirs.Year, unit, lowerLabel(theirs.State))
	}
	if decided(theirs) && changed && theirs.DecidedOffice != g.signer {
		return fmt.Sprintf("Gói của %s ghi rằng số liệu năm %d của %s đã được văn phòng khác %s, nhưng chỉ chính văn phòng đó mới gửi được quyết định của mình, nên thay đổi này không được nhập.",
			g.name, theirs.Year, unit, lowerLabel(theirs.State))
	}
	return ""
}

func lowerLabel(s data.SubmissionState) string {
	switch s {
	case data.StateAccepted:
		return "duyệt"
	case data.StateReturned:
		return "trả lại"
	case data.StateReopened:
		return "mở lại"
	}
	return "quyết định"
}
