package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"ketnghia/data/vntext"
)

// SubmissionState is where a commune's figures of a year stand between its office and the
// province (DHIS2's data approval: submit, accept, return, reopen).
type SubmissionState string

const (
	StateEntering SubmissionState = "dang_nhap" // being entered (no submission yet is the same)
	StateSent     SubmissionState = "da_gui"    // sent up, waiting for the province
	StateAccepted SubmissionState = "da_duyet"  // accepted: the figures are locked everywhere
	StateReturned SubmissionState = "tra_lai"   // sent back with a note, to correct and send again
	StateReopened SubmissionState = "mo_lai"    // accepted, then reopened by the accepting office
)

// SubmissionStates lists the states in the order of the cycle.
func SubmissionStates() []SubmissionState {
	return []SubmissionState{StateEntering, StateSent, StateAccepted, StateReturned, StateReopened}
}

// Label is the state as a person reads it.
func (s SubmissionState) Label() string {
	switch s {
	case StateSent:
		return "Đã gửi"
	case StateAccepted:
		return "Đã duyệt"
	case StateReturned:
		return "Trả lại"
	case StateReopened:
		return "Mở lại"
	}
	return "Đang nhập"
}

// Submission is where one commune's (ward's) figures of a year stand: the commune's yearly
// figures, criteria results and statuses, and its villages'. A unit without one is being entered.
type Submission struct {
	Meta
	UnitID          string
	Year            int
	State           SubmissionState
	SubmittedBy     string // the person who sent the figures up ("" : the office's name says it)
	SubmittedOffice string // the office that sent them (its identity)
	SubmittedOn     Date
	DecidedBy       string // the person who accepted, returned or reopened them
	DecidedOffice   string // and the office (only it reopens what it accepted)
	DecidedOn       Date
	Note            string // the return's note or the reopening's reason
}

func (b *Submission) table() string { return "submissions" }

func (b *Submission) cols() []col {
	return []col{
		{name: "unit_id", ptr: &b.UnitID},
		{name: "year", ptr: &b.Year},
		{name: "state", ptr: &b.State},
		{name: "submitted_by", ptr: &b.SubmittedBy},
		{name: "submitted_office", ptr: &b.SubmittedOffice},
		{name: "submitted_on", ptr: &b.SubmittedOn},
		{name: "decided_by", ptr: &b.DecidedBy},
		{name: "decided_office", ptr: &b.DecidedOffice},
		{name: "decided_on", ptr: &b.DecidedOn},
		{name: "note", ptr: &b.Note},
	}
}

func (b *Submission) validate() error {
	if b.UnitID == "" {
		return invalid("unit_id", "Cần chọn xã (phường) của số liệu")
	}
	if b.Year < 2000 || b.Year > 2100 {
		return invalid("year", "Năm của số liệu phải từ 2000 đến 2100")
	}
	known := false
	for _, s := range SubmissionStates() {
		known = known || s == b.State
	}
	if !known {
		return invalid("state", "Tình trạng %q của số liệu không có", string(b.State))
	}
	switch b.State {
	case StateSent:
		if b.SubmittedOffice == "" || b.SubmittedOn.IsZero() {
			return invalid("submitted_office", "Số liệu đã gửi phải ghi văn phòng gửi và ngày gửi")
		}
	case StateAccepted, StateReturned, StateReopened:
		if b.DecidedOffice == "" || b.DecidedOn.IsZero() {
			return invalid("decided_office", "Số liệu đã duyệt, trả lại hay mở lại phải ghi văn phòng quyết định và ngày")
		}
	}
	if (b.State == StateReturned || b.State == StateReopened) && strings.TrimSpace(b.Note) == "" {
		return invalid("note", "Cần ghi lý do trả lại hoặc mở lại số liệu")
	}
	return nil
}

func (b *Submission) validateDB(ctx context.Context, q queryer) error {
	var level Level
	if err := q.QueryRowContext(ctx, "SELECT level FROM units WHERE id = ? AND deleted = 0", b.UnitID).Scan(&level); err != nil {
		return invalid("unit_id", "Đơn vị của số liệu không có trong cơ sở dữ liệu")
	}
	if level != LevelCommune {
		return invalid("unit_id", "Số liệu được gửi và duyệt theo từng xã (phường); thôn đi cùng xã của mình")
	}
	return nil
}

// Lock is why a unit's figures of a year cannot be written: they are accepted.
type Lock struct {
	Submission
	UnitName   string // the commune accepted
	OfficeName string // the office that accepted
}

// Sentence tells a person that the figures are locked, who accepted them and when, and what to do.
func (l Lock) Sentence() string {
	by := l.OfficeName
	if by == "" {
		by = "văn phòng cấp tỉnh"
	}
	who := ""
	if l.DecidedBy != "" {
		who = " (" + l.DecidedBy + ")"
	}
	return fmt.Sprintf("Số liệu năm %d của %s đã được %s%s duyệt ngày %s nên không sửa được; nếu cần sửa, đề nghị %s mở lại.",
		l.Year, l.UnitName, by, who, l.DecidedOn, by)
}

// lockErr is the refusal of a write to accepted figures.
func (l Lock) err() error { return &Error{Kind: KindConflict, Field: "locked", Msg: l.Sentence()} }

// IsLocked says err is the refusal of a write to accepted figures.
func IsLocked(err error) bool {
	var de *Error
	return errors.As(err, &de) && de.Field == "locked"
}

// errLockedAnyhow is the trigger's refusal turned into a sentence, when the store could not say first
// which acceptance it met.
var errLockedAnyhow = conflict("locked", "Số liệu này thuộc một năm đã được duyệt nên không sửa được; nếu cần sửa, đề nghị văn phòng đã duyệt mở lại.")

// lockedUnit is what a record of a year's figures locks on: its unit and the years it speaks of
// (a unit's statuses: the years of those that changed between old and it).
type lockedUnit interface {
	lockKey(old record) (unit string, years []int)
}

func (r *Review) lockKey(record) (string, []int)         { return r.UnitID, []int{r.Year} }
func (r *CriteriaResult) lockKey(record) (string, []int) { return r.UnitID, []int{r.Year} }

func (u *Unit) lockKey(old record) (string, []int) {
	o, _ := old.(*Unit)
	if o == nil {
		return u.ID, nil
	}
	var years []int
	add := func(a, b *int) {
		if a != nil {
			years = append(years, *a)
		}
		if b != nil {
			years = append(years, *b)
		}
	}
	same := func(a, b *int) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }
	if !same(o.NTMYear, u.NTMYear) || o.NTMDate != u.NTMDate || o.NTMDecision != u.NTMDecision {
		add(o.NTMYear, u.NTMYear)
		if !o.NTMDate.IsZero() {
			years = append(years, o.NTMDate.Year())
		}
		if !u.NTMDate.IsZero() {
			years = append(years, u.NTMDate.Year())
		}
	}
	if !same(o.HealthYear, u.HealthYear) {
		add(o.HealthYear, u.HealthYear)
	}
	if !same(o.LeftDBKKYear, u.LeftDBKKYear) {
		add(o.LeftDBKKYear, u.LeftDBKKYear)
	}
	return u.ID, years
}

// checkLockTx refuses the write of r (old: its stored version, nil when new or deleted) when the
// figures it holds are accepted, with the sentence of who accepted them.
func checkLockTx(ctx context.Context, q queryer, r, old record) error {
	l, found, err := lockFor(ctx, q, r, old, nil)
	if err != nil {
		return err
	}
	if found {
		return l.err()
	}
	return nil
}

// LockedBy finds the acceptance that a write of r over old (its version here, nil when there is
// none) would break, but for the submissions freed (reopened by the package that carries r).
func (s *Store) LockedBy(ctx context.Context, r, old Record, freed map[string]bool) (Lock, bool, error) {
	var o record
	if old != nil {
		o = old
	}
	return lockFor(ctx, s.db, r, o, freed)
}

// ReopenedSubmissions are the submissions accepted here that the attached package reopens: written
// later by the office that accepted them (the only one that may), in another state.
func (a *Attached) ReopenedSubmissions(ctx context.Context) (map[string]bool, error) {
	rows, err := a.Conn.QueryContext(ctx, `SELECT p.id FROM pkg.submissions p JOIN main.submissions m ON m.id = p.id
		WHERE m.deleted = 0 AND m.state = 'da_duyet' AND p.state <> 'da_duyet' AND p.decided_office = m.decided_office AND p.version > m.version`)
	if err != nil {
		return nil, internal("Không đọc được tình trạng duyệt số liệu trong gói", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, internal("Không đọc được tình trạng duyệt số liệu trong gói", err)
		}
		out[id] = true
	}
	return out, rows.Err()
}

func lockFor(ctx context.Context, q queryer, r, old record, freed map[string]bool) (Lock, bool, error) {
	lu, ok := r.(lockedUnit)
	if !ok {
		return Lock{}, false, nil
	}
	keys := [][2]any{}
	unit, years := lu.lockKey(old)
	for _, y := range years {
		keys = append(keys, [2]any{unit, y})
	}
	if o, ok := old.(lockedUnit); ok && old != nil {
		if _, isUnit := old.(*Unit); !isUnit {
			ou, oy := o.lockKey(nil)
			for _, y := range oy {
				keys = append(keys, [2]any{ou, y})
			}
		}
	}
	for _, k := range keys {
		if l, found, err := lockOfTx(ctx, q, k[0].(string), k[1].(int)); err != nil {
			return Lock{}, false, err
		} else if found && !freed[l.ID] {
			return l, true, nil
		}
	}
	return Lock{}, false, nil
}

// lockOfTx finds the acceptance that locks unit's figures of year.
func lockOfTx(ctx context.Context, q queryer, unit string, year int) (Lock, bool, error) {
	var l Lock
	var subID string
	err := q.QueryRowContext(ctx, "SELECT submission_id FROM figure_locks WHERE unit_id = ? AND year = ?", unit, year).Scan(&subID)
	if errors.Is(err, sql.ErrNoRows) {
		return l, false, nil
	}
	if err != nil {
		return l, false, internal("Không đọc được tình trạng duyệt số liệu", err)
	}
	if err := getTx(ctx, q, &l.Submission, subID, false); err != nil {
		return l, false, err
	}
	q.QueryRowContext(ctx, "SELECT name FROM units WHERE id = ?", l.UnitID).Scan(&l.UnitName)
	l.OfficeName = officeNameTx(ctx, q, l.DecidedOffice)
	return l, true, nil
}

// officeNameTx is the name an office is known by here (this one's own from the settings).
func officeNameTx(ctx context.Context, q queryer, id string) string {
	var name string
	if q.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = 'office_name' AND (SELECT value FROM settings WHERE key = 'office_id') = ?", id).Scan(&name) == nil && name != "" {
		return name
	}
	q.QueryRowContext(ctx, "SELECT name FROM offices WHERE id = ?", id).Scan(&name)
	return name
}

// ReleaseLocks lets an import write the figures that the package's own office accepted, and those
// of the submissions the package reopens (freed): the exchange's guard has held back every other
// change of accepted figures. The locks are worked out again before the import commits.
func (t *IncomingTx) ReleaseLocks(office string, freed map[string]bool) error {
	_, err := t.tx.ExecContext(t.ctx, "DELETE FROM figure_locks WHERE submission_id IN (SELECT id FROM submissions WHERE decided_office = ?)", office)
	for id := range freed {
		if err == nil {
			_, err = t.tx.ExecContext(t.ctx, "DELETE FROM figure_locks WHERE submission_id = ?", id)
		}
	}
	if err != nil {
		return internal("Không ghi được tình trạng duyệt số liệu", err)
	}
	return nil
}

// LockedUnits are the units whose figures of year are accepted (a commune and its villages).
func (s *Store) LockedUnits(ctx context.Context, year int) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT unit_id FROM figure_locks WHERE year = ?", year)
	if err != nil {
		return nil, internal("Không đọc được tình trạng duyệt số liệu", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, internal("Không đọc được tình trạng duyệt số liệu", err)
		}
		out[id] = true
	}
	return out, rows.Err()
}

// LockOf says whether unit's figures of year are accepted, and by whom.
func (s *Store) LockOf(ctx context.Context, unit string, year int) (Lock, bool, error) {
	return lockOfTx(ctx, s.db, unit, year)
}

// refreshLocksTx works the locked units and years out again from the submissions: each accepted
// commune, and the villages under it at the end of that year (found through the communes' current
// villages and the villages moved away from them, never by a pass over every village).
func refreshLocksTx(ctx context.Context, tx txer) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM figure_locks"); err != nil {
		return internal("Không ghi được tình trạng duyệt số liệu", err)
	}
	rows, err := tx.QueryContext(ctx, "SELECT DISTINCT year FROM submissions WHERE deleted = 0 AND state = 'da_duyet'")
	if err != nil {
		return internal("Không đọc được tình trạng duyệt số liệu", err)
	}
	var years []int
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			rows.Close()
			return internal("Không đọc được tình trạng duyệt số liệu", err)
		}
		years = append(years, y)
	}
	rows.Close()
	for _, y := range years {
		_, err := tx.ExecContext(ctx, `WITH acc AS (SELECT id, unit_id FROM submissions WHERE deleted = 0 AND state = 'da_duyet' AND year = ?1),
			cand AS (SELECT v.id AS vid, v.parent_id AS parent_id FROM units v
				WHERE v.parent_id IN (SELECT unit_id FROM acc) AND v.level = 'village' AND v.deleted = 0
				UNION SELECT v.id, v.parent_id FROM unit_moves m JOIN units v ON v.id = m.unit_id
				WHERE m.deleted = 0 AND m.from_parent_id IN (SELECT unit_id FROM acc) AND v.level = 'village' AND v.deleted = 0),
			vp AS (SELECT c.vid AS vid, coalesce((SELECT m.from_parent_id FROM unit_moves m WHERE m.unit_id = c.vid AND m.deleted = 0
				AND m.moved_on > ?2 ORDER BY m.moved_on LIMIT 1), c.parent_id) AS parent FROM cand c)
			INSERT OR IGNORE INTO figure_locks (unit_id, year, submission_id)
			SELECT unit_id, ?1, id FROM acc
			UNION ALL
			SELECT vp.vid, ?1, a.id FROM vp JOIN submissions a ON a.unit_id = vp.parent AND a.year = ?1 AND a.deleted = 0 AND a.state = 'da_duyet'`, y, YearEnd(y).ISO())
		if err != nil {
			return internal("Không ghi được tình trạng duyệt số liệu", err)
		}
	}
	return nil
}

// RefreshLocks works the locks out again (after a package came in: the incoming transaction calls
// refreshLocksTx itself; this is for a file restored or upgraded).
func (s *Store) RefreshLocks(ctx context.Context) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return refreshLocksTx(ctx, tx) })
}

// SubmissionsOf reads the submissions of year, by unit ID.
func (s *Store) SubmissionsOf(ctx context.Context, year int) (map[string]Submission, error) {
	list, err := listOf[Submission](ctx, s.db, "WHERE t.deleted = 0 AND t.year = ?", year)
	if err != nil {
		return nil, err
	}
	out := make(map[string]Submission, len(list))
	for _, b := range list {
		out[b.UnitID] = b
	}
	return out, nil
}

// submissionTx reads the submission of unit and year (a new one being entered when none is).
func submissionTx(ctx context.Context, q queryer, unit string, year int) (Submission, error) {
	list, err := listOf[Submission](ctx, q, "WHERE t.deleted = 0 AND t.unit_id = ? AND t.year = ?", unit, year)
	if err != nil || len(list) == 0 {
		return Submission{UnitID: unit, Year: year, State: StateEntering}, err
	}
	return list[0], nil
}

// decidingKey marks the context of Decide: a submission is written only by a step of the cycle
// (or comes in a package), never by a form or a workbook that could skip its rules.
type decidingKey struct{}

// errNotByHand refuses a submission written by any other way.
var errNotByHand = invalid("state", "Tình trạng gửi, duyệt số liệu chỉ thay đổi được ở màn hình Tình hình nộp số liệu (hoặc lệnh ketnghia decide), theo từng bước gửi, duyệt, trả lại, mở lại.")

// SubmissionAction is a step of the cycle.
type SubmissionAction string

const (
	ActSubmit SubmissionAction = "gui"     // the office sends its figures up
	ActAccept SubmissionAction = "duyet"   // the province accepts them
	ActReturn SubmissionAction = "tra_lai" // the province sends them back with a note
	ActReopen SubmissionAction = "mo_lai"  // the office that accepted them opens them again
)

// Label is the action as its button says it.
func (a SubmissionAction) Label() string {
	switch a {
	case ActSubmit:
		return "Gửi số liệu"
	case ActAccept:
		return "Duyệt"
	case ActReturn:
		return "Trả lại"
	case ActReopen:
		return "Mở lại"
	}
	return string(a)
}

// Decide takes the step act for the communes units of year, all or none, with note (required to
// return or reopen). Submitting is for figures being entered, returned or reopened; accepting and
// returning are for figures sent, at an office that accepts figures (the province's); reopening is
// for the office that accepted them. Each step is logged field by field in the history.
func (s *Store) Decide(ctx context.Context, act SubmissionAction, year int, units []string, note string) error {
	note = nfcTrim(note)
	if len(units) == 0 {
		return invalid("unit_id", "Hãy chọn ít nhất một xã (phường) trước khi %s.", strings.ToLower(act.Label()))
	}
	if (act == ActReturn || act == ActReopen) && note == "" {
		return invalid("note", "Hãy ghi lý do %s để văn phòng kia biết cần làm gì.", strings.ToLower(act.Label()))
	}
	set, err := s.Settings(ctx)
	if err != nil {
		return err
	}
	if (act == ActAccept || act == ActReturn) && !set.Approves {
		return invalid("approves", "Văn phòng này không duyệt số liệu; nếu đây là văn phòng Ban Chỉ đạo tỉnh, hãy bật “Văn phòng này duyệt số liệu các xã gửi lên” trong Cài đặt rồi làm lại.")
	}
	ctx = context.WithValue(ctx, decidingKey{}, true)
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a := s.actor(ctx)
		for _, u := range units {
			b, err := submissionTx(ctx, tx, u, year)
			if err != nil {
				return err
			}
			if err := step(&b, act, a, note); err != nil {
				var name string
				tx.QueryRowContext(ctx, "SELECT name FROM units WHERE id = ?", u).Scan(&name)
				return invalid("state", "%s: %s", name, err.Error())
			}
			if err := saveTx(ctx, tx, &b, a); err != nil {
				return err
			}
		}
		return refreshLocksTx(ctx, tx)
	})
}

// step moves b by act, as actor a; the error says in words why it cannot.
func step(b *Submission, act SubmissionAction, a actor, note string) error {
	year := b.Year
	switch act {
	case ActSubmit:
		switch b.State {
		case StateSent:
			return fmt.Errorf("số liệu năm %d đã gửi ngày %s, đang chờ duyệt", year, b.SubmittedOn)
		case StateAccepted:
			return fmt.Errorf("số liệu năm %d đã được duyệt ngày %s, không cần gửi lại", year, b.DecidedOn)
		}
		b.State, b.SubmittedBy, b.SubmittedOffice, b.SubmittedOn = StateSent, a.person, a.office, DateOf(a.at.Local())
		// The last return or reopening stays in the history; the record says where things stand now.
		b.DecidedBy, b.DecidedOffice, b.DecidedOn, b.Note = "", "", Date{}, note
	case ActAccept, ActReturn:
		if b.State != StateSent {
			return fmt.Errorf("số liệu năm %d đang ở tình trạng “%s”; chỉ duyệt hoặc trả lại được số liệu đã gửi", year, b.State.Label())
		}
		b.State = StateAccepted
		if act == ActReturn {
			b.State = StateReturned
		}
		b.DecidedBy, b.DecidedOffice, b.DecidedOn, b.Note = a.person, a.office, DateOf(a.at.Local()), note
	case ActReopen:
		if b.State != StateAccepted {
			return fmt.Errorf("số liệu năm %d đang ở tình trạng “%s”; chỉ mở lại được số liệu đã duyệt", year, b.State.Label())
		}
		if b.DecidedOffice != a.office {
			return fmt.Errorf("số liệu năm %d do văn phòng khác duyệt; chỉ văn phòng đã duyệt mới mở lại được", year)
		}
		b.State, b.DecidedBy, b.DecidedOn, b.Note = StateReopened, a.person, DateOf(a.at.Local()), note
	default:
		return fmt.Errorf("không có bước %q", string(act))
	}
	b.Sample = false // a step a person took is no longer the sample's
	return nil
}

// describeSubmission names a submission: "Số liệu năm 2026 của Xã Đăk Sao".
func describeSubmission(ctx context.Context, s *Store, _ string, p *Problem) {
	var unit string
	var year int
	if s.recordRow(ctx, "SELECT unit_id, year FROM submissions WHERE id = ?", p.ID, &unit, &year) {
		p.Year, p.Record = year, fmt.Sprintf("Tình trạng gửi, duyệt số liệu năm %d của %s", year, s.unitNamed(ctx, unit, YearEnd(year), false))
	}
}

// SubmissionSummary counts a year's communes by state.
type SubmissionSummary struct {
	Year    int
	Units   int // communes of the year
	ByState map[SubmissionState]int
}

// Accepted is the number of communes whose figures are accepted.
func (m SubmissionSummary) Accepted() int { return m.ByState[StateAccepted] }

// Sentence says it in words: "12/40 xã đã được duyệt số liệu năm 2026".
func (m SubmissionSummary) Sentence() string {
	return fmt.Sprintf("%s/%s xã đã được duyệt số liệu năm %d", vntext.FormatInt(int64(m.Accepted())), vntext.FormatInt(int64(m.Units)), m.Year)
}
