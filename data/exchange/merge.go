package exchange

import (
	"context"
	"errors"
	"fmt"
	"log"
	"strconv"
	"strings"
	"time"

	"ketnghia/data"
	"ketnghia/data/vntext"
)

// Action is what an import does with one record of a package.
type Action string

const (
	Add       Action = "add"       // new here: added
	Update    Action = "update"    // changed there only: their version is taken
	Delete    Action = "delete"    // deleted there only: deleted here too
	Unchanged Action = "unchanged" // the same here, or changed here only: kept
	Conflict  Action = "conflict"  // changed on both sides since the last exchange: a person decides
	Clash     Action = "clash"     // new there, but here another record holds its key (an official code, a unit's year)
	// Held: it would change figures accepted here, or a decision on figures that only the deciding
	// office may take: shown to a person with the reason, never applied.
	Held Action = "held"
)

// Choice settles a conflict.
type Choice struct {
	Theirs bool     // take their version whole
	Fields []string // or take these fields of theirs onto mine
}

// Item is one record of the package that differs from this database's.
type Item struct {
	Table   string             `json:"table"`
	Noun    string             `json:"noun"`
	ID      string             `json:"id"`
	Action  Action             `json:"action"`
	Fields  []data.FieldChange `json:"fields,omitempty"`   // what differs: mine and theirs
	ClashID string             `json:"clash_id,omitempty"` // the local record holding the same key
	Reason  string             `json:"reason,omitempty"`   // why a held change is not applied
	// the states of both versions when reviewed, and whether theirs can be copied as it is
	mine, theirs string
	asIs         bool
}

// Side is who last wrote one side of a conflict, and when.
type Side struct {
	At       time.Time
	OfficeID string
	Version  int
}

// Sides are who last wrote each side of the item (from the states the review read).
func (it Item) Sides() (mine, theirs Side) { return sideOf(it.mine), sideOf(it.theirs) }

func sideOf(stamp string) Side {
	parts := strings.SplitN(stamp, "|", 3)
	if len(parts) != 3 {
		return Side{}
	}
	at, _ := time.Parse(time.RFC3339Nano, parts[0])
	v, _ := strconv.Atoi(parts[2])
	return Side{At: at, OfficeID: parts[1], Version: v}
}

// KindCounts are a kind's figures in a review.
type KindCounts struct {
	Table     string `json:"table"`
	Noun      string `json:"noun"`
	Added     int    `json:"added"`
	Updated   int    `json:"updated"`
	Deleted   int    `json:"deleted"`
	Unchanged int    `json:"unchanged"`
	Conflicts int    `json:"conflicts"`
}

// Preview is what importing a package would do, worked out before anything is written.
type Preview struct {
	Manifest Manifest     `json:"manifest"`
	Kinds    []KindCounts `json:"kinds"`
	Total    KindCounts   `json:"total"`
	// Items are the records that differ, additions apart (counted only).
	Items []Item `json:"items"`
	// FromCopy says the package was exported by this database or by a copy of it (the same office
	// identity): records that differ and were never exchanged are conflicts, since both copies
	// write under one name.
	FromCopy bool `json:"from_copy,omitempty"`
	// Superseded counts the records of the package that are earlier states of those here (an
	// older package): kept as they are here; NewestHere is when the newest of those here was
	// written.
	Superseded int       `json:"superseded,omitempty"`
	NewestHere time.Time `json:"newest_here,omitzero"`
	// adds are the additions whose text must be put in stored form as they are written; the other
	// additions are copied as they are.
	adds map[string][]Item
	att  *data.Attached // the package attached, with temp.diff_<table> of each kind
	// freed are the submissions accepted here that the package reopens (guard.go).
	freed map[string]bool
}

// OlderNote tells a person that the package is older than what this database already has of it
// ("" when it is not).
func (r *Preview) OlderNote() string {
	if r.Superseded == 0 {
		return ""
	}
	return fmt.Sprintf("Gói này cũ hơn số liệu đã có ở đây: %s bản ghi trong gói là trạng thái cũ hơn bản đã nhận (bản mới nhất sửa ngày %s), nên được giữ nguyên, không bị ghi đè.",
		vntext.FormatInt(int64(r.Superseded)), data.DateOf(r.NewestHere.Local()))
}

// FromCopyNote is what a person is told of a package that this database, or a copy of it, exported.
const FromCopyNote = "Gói này do chính cơ sở dữ liệu này hoặc một bản chép của nó xuất ra: bản ghi nào khác nhau mà hai bản chưa từng trao đổi với nhau được coi là xung đột để bạn quyết định."

// Conflicts lists the items a person must decide on.
func (r *Preview) Conflicts() []Item {
	var out []Item
	for _, it := range r.Items {
		if it.Action == Conflict || it.Action == Clash || it.Action == Held {
			out = append(out, it)
		}
	}
	return out
}

// Held lists the changes of the package that are never applied (figures accepted here).
func (r *Preview) Held() []Item {
	var out []Item
	for _, it := range r.Items {
		if it.Action == Held {
			out = append(out, it)
		}
	}
	return out
}

func internalErr(err error) error {
	var de *data.Error
	if errors.As(err, &de) {
		return de
	}
	return &data.Error{Kind: data.KindInternal, Err: err, Msg: "Không đối chiếu được gói với cơ sở dữ liệu; không có gì bị thay đổi. Hãy thử lại."}
}

// Inspect works out what importing the package into the store would do, changing nothing.
// Rows that are the same on both sides are found in SQL; the others are read, checked by the
// rules of their kind and put through the three-way rule. It gives no review of a package that
// fails its integrity check (which runs meanwhile).
func Inspect(ctx context.Context, s *data.Store, o *Opened) (*Preview, error) {
	rv, err := inspect(ctx, s, o)
	if cerr := o.waitChecked(); cerr != nil {
		o.closeAttached()
		return nil, cerr
	}
	return rv, err
}

func inspect(ctx context.Context, s *data.Store, o *Opened) (*Preview, error) {
	if err := checkTrust(ctx, s, o); err != nil {
		return nil, err
	}
	if err := applyLinks(ctx, s, o); err != nil {
		return nil, err
	}
	rv := &Preview{Manifest: o.Manifest, adds: map[string][]Item{}, FromCopy: o.Manifest.OfficeID == s.OfficeID()}
	// The connection stays open, with the IDs of the rows that differ, until the import or the
	// package's Close: the import need not compare the whole package again.
	o.closeAttached()
	a, err := s.OpenAttached(ctx, o.content)
	if err != nil {
		return nil, err
	}
	o.att = a
	g, err := newGuard(ctx, s, a, o)
	if err != nil {
		o.closeAttached()
		return nil, internalErr(err)
	}
	rv.freed = g.freed
	for _, k := range data.Kinds() {
		kc, err := inspectKind(ctx, s, a, o, k, rv, g)
		if err != nil {
			o.closeAttached()
			return nil, internalErr(err)
		}
		rv.Kinds = append(rv.Kinds, kc)
		rv.Total.Added += kc.Added
		rv.Total.Updated += kc.Updated
		rv.Total.Deleted += kc.Deleted
		rv.Total.Unchanged += kc.Unchanged
		rv.Total.Conflicts += kc.Conflicts
	}
	rv.att = a
	if rv.Total.Conflicts > 0 {
		// The value both offices had before, for a person to see who changed what.
		hs, err := History(ctx, s)
		if err != nil {
			o.closeAttached()
			return nil, err
		}
		since := lastSync(hs, o.Manifest.OfficeID)
		for i := range rv.Items {
			if it := &rv.Items[i]; it.Action == Conflict {
				if err := s.FillBase(ctx, it.Table, it.ID, since, it.Fields); err != nil {
					o.closeAttached()
					return nil, err
				}
			}
		}
	}
	return rv, nil
}

// lastSync is when this office last had the same records as the office peer, as near as the
// exchange history tells: its newest export, or its newest import from peer that left no conflict
// (a conflict kept both sides apart, so the sync before it still stands).
func lastSync(hs []HistoryEntry, peer string) time.Time {
	for _, h := range hs { // newest first
		if h.Action == "export" || (h.Action == "import" && h.OfficeID == peer && h.Conflicts == 0) {
			return h.At
		}
	}
	return time.Time{}
}

// Link tells the review that the package's unit theirs is the unit ours here (two offices created
// one real unit separately, under one official code): every record of the package that names
// theirs names ours instead, and the two unit records meet as one (a conflict to settle if they
// differ). The import remembers the link for every later package from that office. It returns the
// review done again.
func Link(ctx context.Context, s *data.Store, o *Opened, theirs, ours string) (*Preview, error) {
	if o.newLinks == nil {
		o.newLinks = map[string]string{}
	}
	o.newLinks[theirs] = ours
	return Inspect(ctx, s, o)
}

// applyLinks renames, in the package's private copy, the units linked to ours: by this office
// before, by the sending office (its links the other way round), and during this review.
func applyLinks(ctx context.Context, s *data.Store, o *Opened) error {
	links, err := s.ExchangeLinks(ctx, o.Manifest.OfficeID)
	if err != nil {
		return err
	}
	theirs, err := data.PackageLinks(ctx, o.DB, s.OfficeID())
	if err != nil {
		return refuse(o.Path, "không đọc được các liên kết đơn vị trong gói")
	}
	for their, our := range theirs { // the sending office's links, the other way round
		links[our] = their
	}
	for their, our := range o.newLinks {
		links[their] = our
	}
	var todo [][2]string
	for their, our := range links {
		if o.linked[their] != our {
			todo = append(todo, [2]string{their, our})
		}
	}
	if len(todo) == 0 {
		return nil
	}
	if err := o.waitChecked(); err != nil { // the copy is written to: not while it is checked
		return err
	}
	o.closeAttached()
	db, err := data.OpenPackageForUpgrade(o.content)
	if err != nil {
		return err
	}
	defer db.Close()
	if o.linked == nil {
		o.linked = map[string]string{}
	}
	for _, l := range todo {
		if err := data.RelinkUnit(ctx, db, l[0], l[1]); err != nil {
			return err
		}
		o.linked[l[0]] = l[1]
	}
	return nil
}

// memory is what one office remembers of a record from its last import from the other: the
// state of the other's version it received, and of its own just after, as state keys.
type memory struct {
	received, after string
	known           bool
}

func inspectKind(ctx context.Context, s *data.Store, a *data.Attached, o *Opened, k data.RecordKind, rv *Preview, g *guard) (KindCounts, error) {
	kc := KindCounts{Table: k.Table, Noun: k.Noun}
	same, err := a.MarkDiffering(ctx, k)
	if err != nil {
		return kc, err
	}
	kc.Unchanged = same
	if err := checkRefs(ctx, a, o, k); err != nil {
		return kc, err
	}
	if err := checkDuplicates(ctx, a, o, k); err != nil {
		return kc, err
	}
	// Our memory of the peer, and the peer's memory of us.
	ourMemory, err := a.Memories(ctx, k, false, o.Manifest.OfficeID)
	if err != nil {
		return kc, err
	}
	ours := memoriesOf(ourMemory)
	// A copy of this database remembers what it received from any copy under our name: not a
	// memory of this one.
	peers := map[string]memory{}
	if !rv.FromCopy {
		theirMemory, err := a.Memories(ctx, k, true, s.OfficeID())
		if err != nil {
			return kc, err
		}
		peers = memoriesOf(theirMemory)
	}
	clashes, err := a.Clashes(ctx, k)
	if err != nil {
		return kc, err
	}
	// The local versions of the differing records.
	mine := map[string]data.Record{}
	err = a.EachDiffering(ctx, k, false, func(r data.Record) error {
		mine[data.MetaOf(r).ID] = r
		return nil
	})
	if err != nil {
		return kc, err
	}
	office := s.OfficeID()
	err = a.EachDiffering(ctx, k, true, func(theirs data.Record) error {
		id := data.MetaOf(theirs).ID
		changed, err := data.Normalise(theirs)
		if err != nil {
			what := k.Noun
			if b := data.Brief(theirs); b != "" {
				what += " (" + b + ")"
			}
			return refuse(o.Path, "có %s không hợp lệ: %s", what, strings.TrimSuffix(data.Message(err), "."))
		}
		it := Item{Table: k.Table, Noun: k.Noun, ID: id, theirs: data.Stamp(data.MetaOf(theirs)), asIs: !changed}
		m := mine[id]
		if m == nil {
			it.Action = Add
			if clash := clashes[id]; clash != "" {
				if m := ours[id]; m.known && m.received == key(it.theirs) {
					// Seen before, and this office kept its own: not copied in, not asked again.
					it.Action, it.ClashID = Unchanged, clash
					kc.Unchanged++
					rv.Items = append(rv.Items, it)
					return nil
				}
				held, err := a.Record(ctx, k, false, clash)
				if err != nil {
					return err
				}
				it.Action, it.ClashID, it.mine = Clash, clash, data.Stamp(data.MetaOf(held))
				it.Fields = data.Differences(held, theirs)
				if why, err := g.hold(ctx, theirs, held); err != nil {
					return err
				} else if why != "" {
					it.Action, it.Reason = Held, why
				}
				kc.Conflicts++
				rv.Items = append(rv.Items, it)
				return nil
			}
			if why, err := g.hold(ctx, theirs, nil); err != nil {
				return err
			} else if why != "" && !data.MetaOf(theirs).Deleted {
				it.Action, it.Reason = Held, why
				kc.Conflicts++
				rv.Items = append(rv.Items, it)
				return nil
			}
			if data.MetaOf(theirs).Deleted {
				kc.Unchanged++ // deleted before this office ever had it
			} else {
				kc.Added++
			}
			if !it.asIs {
				// The rest are copied in SQL; these need their text put in stored form.
				rv.adds[k.Table] = append(rv.adds[k.Table], it)
			}
			return nil
		}
		it.mine = data.Stamp(data.MetaOf(m))
		it.Action = Unchanged
		if data.Digest(theirs) != data.Digest(m) {
			if mm, tm := data.MetaOf(m), data.MetaOf(theirs); Superseded(mm, tm, rv.FromCopy) {
				rv.Superseded++
				if mm.UpdatedAt.Time().After(rv.NewestHere) {
					rv.NewestHere = mm.UpdatedAt.Time()
				}
			}
			it.Action = decide(ours[id], peers[id], key(it.theirs), key(it.mine), data.MetaOf(m), data.MetaOf(theirs), office, rv.FromCopy)
			if it.Action != Unchanged {
				if why, err := g.hold(ctx, theirs, m); err != nil {
					return err
				} else if why != "" {
					it.Action, it.Reason = Held, why
					it.Fields = data.Differences(m, theirs)
				}
			}
		}
		switch it.Action {
		case Unchanged:
			kc.Unchanged++
		case Conflict, Held:
			kc.Conflicts++
			it.Fields = data.Differences(m, theirs)
		case Update:
			it.Fields = data.Differences(m, theirs)
			if data.MetaOf(theirs).Deleted && !data.MetaOf(m).Deleted {
				it.Action = Delete
				kc.Deleted++
			} else {
				kc.Updated++
			}
		}
		rv.Items = append(rv.Items, it)
		return nil
	})
	var de *data.Error
	if err != nil && !(errors.As(err, &de) && de.Field == "package") {
		log.Printf("exchange: reading %s of %s: %v", k.Table, o.Path, err)
		return kc, refuse(o.Path, "có %s không đọc được (dữ liệu sai kiểu)", k.Noun)
	}
	return kc, err
}

// checkDuplicates refuses a package that holds two live records of one natural key (two reviews
// of one unit and year, two open units of one code): the import could not write both, so the
// review says so before anything is written, naming the records by their own fields. Only the
// records that differ from this database's can be two of one key: the rest are rows of it, which
// its unique indexes hold apart (one of those beside a new one is a clash, settled by a person).
func checkDuplicates(ctx context.Context, a *data.Attached, o *Opened, k data.RecordKind) error {
	id, found, err := a.DuplicateKey(ctx, k)
	if err != nil || !found {
		return err
	}
	what := k.Noun
	if r, err := a.Record(ctx, k, true, id); err == nil {
		if brief := data.Brief(r); brief != "" {
			what += " (" + brief + ")"
		}
	}
	return refuse(o.Path, "có hai bản ghi %s trùng nhau (cùng %s) mà một cơ sở dữ liệu chỉ giữ được một", what, k.KeyWords())
}

// checkRefs refuses a package whose differing records of kind k name a record that is neither in
// the package nor here, or hang a unit under a unit of the wrong level (which would also let units
// hang under each other in a ring).
func checkRefs(ctx context.Context, a *data.Attached, o *Opened, k data.RecordKind) error {
	n, table, err := a.MissingRefs(ctx, k)
	if err != nil {
		return err
	}
	if n > 0 {
		return refuse(o.Path, "có %d %s gắn với %s không có trong gói cũng không có ở đây (gói thiếu dữ liệu); hãy xuất lại gói đầy đủ", n, k.Noun, data.Noun(table))
	}
	if k.Table != "units" {
		return nil
	}
	name, parentLevel, parentName, found, err := a.MisplacedUnit(ctx)
	if err != nil || !found {
		return err
	}
	return refuse(o.Path, "%s được ghi là thuộc %s %s, không đúng cấp", name, strings.ToLower(parentLevel.Label()), parentName)
}

// memoriesOf are the store's memories of records as the three-way rule reads them.
func memoriesOf(ms map[string]data.ExchangeMemory) map[string]memory {
	out := make(map[string]memory, len(ms))
	for id, m := range ms {
		out[id] = memory{received: m.Received, after: m.After, known: true}
	}
	return out
}

// key is a state in the form memories keep it (data.ShortKey), for comparing.
func key(stamp string) string { return string(data.ShortKey(stamp)) }

// Superseded says that their version of a record is an earlier state of the one here: both last
// written by the same office, theirs at a lower version (or the same version written earlier). An
// older package (a stick mixed up, a file sent twice, a commune's package reaching the province
// after the district already passed on a newer one) never takes a record back. Between copies of
// one database (fromCopy) the same office wrote on both sides independently, so versions say
// nothing of which came first.
func Superseded(mine, theirs data.Meta, fromCopy bool) bool {
	if fromCopy || mine.OfficeID == "" || mine.OfficeID != theirs.OfficeID {
		return false
	}
	return theirs.Version < mine.Version || theirs.Version == mine.Version && theirs.UpdatedAt.Before(mine.UpdatedAt)
}

// decide is the three-way rule for a record the two versions of which differ, from what each
// office remembers of its last import from the other (ours: the state of theirs we received and
// of ours just after; peers: the state of ours they received and of theirs just after). First,
// theirs is an earlier state of mine (Superseded: keep mine). Then in order: theirs is what we
// already received (keep mine); mine is what they already received
// (take theirs); mine has not changed since our last import from them while theirs has (take
// theirs); theirs has not changed since their last import from us while mine has (keep mine);
// otherwise both changed: a conflict. With no memory at all (a first exchange) the last writer
// and the versions decide where they can: their copy last written by this office holds our own
// edit (mine); ours last written elsewhere and theirs newer (theirs); the same office's later
// version here (mine); anything else is a conflict. A package of a copy of this database (fromCopy:
// the same office wrote on both sides) has no last writer to go by: with no memory, a conflict.
func decide(ours, peers memory, theirsState, mineState string, mine, theirs data.Meta, office string, fromCopy bool) Action {
	switch {
	case Superseded(mine, theirs, fromCopy):
		return Unchanged
	case ours.known && theirsState == ours.received:
		return Unchanged
	case peers.known && mineState == peers.received:
		return Update
	case ours.known && mineState == ours.after && fromCopy && Superseded(mine, theirs, false):
		// From a copy, theirs is an earlier version than mine by the same office: most likely an
		// older package of that copy after a newer one (a newer state taken back without a word
		// otherwise), yet the copies' versions cannot tell for sure: a person decides.
		return Conflict
	case ours.known && mineState == ours.after:
		return Update
	case peers.known && theirsState == peers.after:
		return Unchanged
	case ours.known || peers.known || fromCopy:
		return Conflict
	}
	switch {
	case theirs.OfficeID == office:
		return Unchanged
	case mine.OfficeID != office && theirs.Version > mine.Version:
		return Update
	case mine.OfficeID == theirs.OfficeID && mine.Version >= theirs.Version:
		return Unchanged
	}
	return Conflict
}

// ApplyOptions settle what an import does with conflicts.
type ApplyOptions struct {
	// Prefer settles every conflict left undecided: "mine", "theirs" or "" (left for later: kept
	// as they are here, and reported again at the next import).
	Prefer string
	// Choices settle conflicts one by one, by record ID.
	Choices map[string]Choice
	// BackupDir is where the automatic backup goes (default: the database's backup folder).
	BackupDir string
	// Backup is the automatic backup begun with StartBackup, if one was: used while the database
	// is still as it was copied, else taken again into BackupDir.
	Backup *Backup
	// File is the package's name as the person chose it, for the history.
	File string
}

// Result is what an import did.
type Result struct {
	Added, Updated, Deleted, Unchanged, Conflicts int // conflicts left undecided (held changes among them)
	Held                                          int // changes of accepted figures, never applied
	Backup                                        string
	// Kinds are the counts by kind of record, for the kinds the import changed or left in conflict.
	Kinds []KindCounts
}

// Apply imports a reviewed package in one transaction, after an automatic backup of the database.
// Records a conflict's choice settles take that choice; the others are left for later. A record
// changed here since the review stops the import: review again.
func Apply(ctx context.Context, s *data.Store, o *Opened, rv *Preview, opt ApplyOptions) (Result, error) {
	var res Result
	if opt.Prefer != "" && opt.Prefer != "mine" && opt.Prefer != "theirs" {
		return res, &data.Error{Kind: data.KindInvalid, Field: "prefer", Msg: fmt.Sprintf("Cách giải quyết xung đột %q không có: dùng mine (giữ bản của mình) hoặc theirs (lấy bản của đơn vị gửi).", opt.Prefer)}
	}
	for _, it := range rv.Items {
		if it.Action == Clash && !it.CanTakeTheirs() {
			return res, &data.Error{Kind: data.KindConflict, Msg: "Gói có đơn vị hành chính do đơn vị gửi tạo riêng, trùng mã chính thức với đơn vị đã có ở đây; hãy liên kết hai đơn vị (là cùng một đơn vị) rồi nhập. Chưa có gì được ghi."}
		}
	}
	a := rv.att
	if a == nil || a.Conn == nil || a.Store() != s || o.att != a {
		return res, &data.Error{Kind: data.KindInvalid, Msg: "Gói chưa được đối chiếu với cơ sở dữ liệu này; hãy đối chiếu lại rồi nhập."}
	}
	// An import that will change no record takes no backup: there would be nothing to undo (its
	// history line says so), and a national file's copy is a gigabyte.
	changesNothing := rv.Total.Added+rv.Total.Updated+rv.Total.Deleted == 0 && (rv.Total.Conflicts == 0 || opt.Prefer == "" && len(opt.Choices) == 0)
	var backup string
	if opt.Backup != nil && changesNothing {
		opt.Backup.Discard()
	} else if opt.Backup != nil {
		b, err := opt.Backup.take(ctx, s)
		if err != nil {
			return res, err
		}
		backup = b
	}
	if backup == "" && !changesNothing {
		dir := opt.BackupDir
		if dir == "" {
			dir = BackupDir(s)
		}
		b, err := s.Backup(ctx, dir)
		if err != nil {
			return res, err
		}
		backup = b
	}
	res.Backup = backup
	peer := o.Manifest.OfficeID
	defer o.closeAttached()
	err := a.Incoming(ctx, func(t *data.IncomingTx) error {
		if err := t.ReleaseLocks(peer, rv.freed); err != nil {
			return err
		}
		ap := applier{ctx: ctx, s: s, t: t, peer: peer, opt: opt, res: &res}
		if err := ap.run(rv); err != nil {
			return err
		}
		fp := KeyFingerprint(o.Manifest.SignKey)
		if err := t.Note("exchange", "import", fmt.Sprintf("Nhập gói của %s xuất ngày %s, ký bằng khóa %s: thêm %d, cập nhật %d, xóa %d, xung đột chưa giải quyết %d, thay đổi số liệu đã duyệt không nhập %d",
			o.Manifest.OfficeName, o.Manifest.ExportedAt.Local().Format("02/01/2006 15:04"), fp, res.Added, res.Updated, res.Deleted, res.Conflicts, res.Held)); err != nil {
			return err
		}
		if err := t.RememberOffice(peer, o.Manifest.OfficeName, o.linked); err != nil {
			return err
		}
		return t.AddExchangeEvent(HistoryEntry{Action: "import", OfficeID: peer, OfficeName: o.Manifest.OfficeName, File: opt.File, Note: "ký bằng khóa " + fp.String(),
			Backup: backup, Added: res.Added, Updated: res.Updated, Deleted: res.Deleted, Unchanged: res.Unchanged, Conflicts: res.Conflicts, Kinds: res.Kinds}.event())
	})
	if err != nil {
		return Result{}, internalErr(err)
	}
	if set, err := s.Settings(ctx); err == nil && backup != "" {
		if _, err := Prune(ctx, s, set.BackupsKeep); err != nil {
			log.Printf("exchange: pruning backups: %v", err)
		}
	}
	return res, nil
}

type applier struct {
	ctx  context.Context
	s    *data.Store
	t    *data.IncomingTx
	peer string
	opt  ApplyOptions
	res  *Result
}

// remember writes what both sides hold of a record after the import, as states (Stamp; "": no
// record here).
func (ap *applier) remember(table, id, theirs, mine string) error {
	return ap.t.Remember(ap.peer, table, id, theirs, mine)
}

func (ap *applier) run(rv *Preview) error {
	byKind := map[string][]Item{}
	for _, it := range rv.Items {
		byKind[it.Table] = append(byKind[it.Table], it)
	}
	sample := false
	for _, k := range data.Kinds() {
		before := *ap.res
		// Rows the same on both sides: remembered in SQL.
		if err := ap.t.RememberSame(k, ap.peer); err != nil {
			return err
		}
		// Additions: those to be put in stored form one by one, the rest copied in SQL.
		for _, it := range rv.adds[k.Table] {
			theirs, err := ap.theirs(k, it.ID)
			if err != nil {
				return err
			}
			if err := ap.t.Put(theirs, nil, ap.peer); err != nil {
				return err
			}
			if !data.MetaOf(theirs).Deleted {
				ap.res.Added++
			}
			if err := ap.remember(k.Table, it.ID, it.theirs, it.theirs); err != nil {
				return err
			}
		}
		if err := ap.copyAdds(k, byKind[k.Table]); err != nil {
			return err
		}
		for _, it := range byKind[k.Table] {
			if err := ap.one(k, it); err != nil {
				return err
			}
		}
		kc := KindCounts{Table: k.Table, Noun: k.Noun, Added: ap.res.Added - before.Added, Updated: ap.res.Updated - before.Updated,
			Deleted: ap.res.Deleted - before.Deleted, Conflicts: ap.res.Conflicts - before.Conflicts}
		if kc.Added+kc.Updated+kc.Deleted+kc.Conflicts > 0 {
			ap.res.Kinds = append(ap.res.Kinds, kc)
		}
		has, err := ap.t.PackageHasSample(k)
		if err != nil {
			return err
		}
		sample = sample || has
	}
	ap.res.Unchanged = rv.Total.Unchanged
	if sample {
		return ap.t.MarkSampleData()
	}
	return nil
}

// copyAdds copies the new rows that need nothing done to them, in SQL: every package row with
// no local row of its ID, but those whose key another local record holds (kept out).
func (ap *applier) copyAdds(k data.RecordKind, items []Item) error {
	var skip []string
	for _, it := range items {
		if it.ClashID != "" || it.Action == Held {
			skip = append(skip, it.ID)
		}
	}
	live, err := ap.t.CopyNew(k, ap.peer, skip)
	ap.res.Added += live
	return err
}

func (ap *applier) theirs(k data.RecordKind, id string) (data.Record, error) {
	return ap.t.Record(k, true, id)
}

// mineNow reads the local record and checks it is still as reviewed.
func (ap *applier) mineNow(k data.RecordKind, it Item) (data.Record, error) {
	r, err := ap.t.Record(k, false, it.ID)
	if err != nil {
		return nil, err
	}
	if data.Stamp(data.MetaOf(r)) != it.mine {
		return nil, &data.Error{Kind: data.KindConflict, Msg: fmt.Sprintf("Một %s đã được sửa ở đây sau khi đối chiếu gói; không có gì được ghi. Hãy đối chiếu lại rồi nhập.", k.Noun)}
	}
	return r, nil
}

func (ap *applier) one(k data.RecordKind, it Item) error {
	switch it.Action {
	case Held:
		// Never applied, nor remembered: the next package that carries it is held again.
		ap.res.Conflicts++
		ap.res.Held++
		return nil
	case Clash:
		return ap.clash(k, it)
	case Unchanged:
		return ap.remember(k.Table, it.ID, it.theirs, it.mine)
	case Update, Delete:
		return ap.take(k, it)
	}
	ch, decided := ap.choice(it)
	switch {
	case !decided:
		ap.res.Conflicts++
		return nil
	case ch.Theirs:
		return ap.take(k, it)
	case len(ch.Fields) > 0:
		merged, err := ap.takeFields(k, it.ID, it.mine, it.ID, ch.Fields)
		if err != nil {
			return err
		}
		ap.res.Updated++
		return ap.remember(k.Table, it.ID, it.theirs, data.Stamp(data.MetaOf(merged)))
	}
	ap.res.Unchanged++
	return ap.remember(k.Table, it.ID, it.theirs, it.mine)
}

// takeFields writes fields of their record theirID onto the local record localID (still as it was
// reviewed: state), under this office, and returns the record written.
func (ap *applier) takeFields(k data.RecordKind, localID, state, theirID string, fields []string) (data.Record, error) {
	mine, err := ap.mineNow(k, Item{ID: localID, mine: state})
	if err != nil {
		return nil, err
	}
	theirs, err := ap.theirs(k, theirID)
	if err != nil {
		return nil, err
	}
	merged, err := ap.t.Record(k, false, localID)
	if err != nil {
		return nil, err
	}
	data.TakeFields(merged, theirs, fields)
	return merged, ap.t.Put(merged, mine, ap.s.OfficeID())
}

// choice is how a conflict is settled: by the person's choice for it, or the one for all.
func (ap *applier) choice(it Item) (Choice, bool) {
	if ch, ok := ap.opt.Choices[it.ID]; ok {
		return ch, true
	}
	switch ap.opt.Prefer {
	case "theirs":
		return Choice{Theirs: true}, true
	case "mine":
		return Choice{}, true
	}
	return Choice{}, false
}

// CanTakeTheirs says whether a clash can be settled by taking their record: not for units, whose
// records all hang on them (two offices' units of one official code are linked by hand).
func (it Item) CanTakeTheirs() bool { return it.Action != Clash || it.Table != "units" }

// clash settles a new record of theirs whose key a record here holds: keep mine (theirs is
// remembered as seen), take theirs (mine is deleted, theirs comes in under its own identity, so
// that both offices end with the same record), or take some of its fields onto mine.
func (ap *applier) clash(k data.RecordKind, it Item) error {
	ch, decided := ap.choice(it)
	if !decided || (!it.CanTakeTheirs() && (ch.Theirs || len(ch.Fields) > 0)) {
		ap.res.Conflicts++
		return nil
	}
	if !ch.Theirs && len(ch.Fields) == 0 {
		ap.res.Unchanged++
		return ap.remember(k.Table, it.ID, it.theirs, "")
	}
	ap.res.Updated++
	if len(ch.Fields) > 0 {
		if _, err := ap.takeFields(k, it.ClashID, it.mine, it.ID, ch.Fields); err != nil {
			return err
		}
		return ap.remember(k.Table, it.ID, it.theirs, "")
	}
	mine, err := ap.mineNow(k, Item{ID: it.ClashID, mine: it.mine})
	if err != nil {
		return err
	}
	theirs, err := ap.theirs(k, it.ID)
	if err != nil {
		return err
	}
	changed, err := ap.t.Record(k, false, it.ClashID)
	if err != nil {
		return err
	}
	data.SetDeleted(changed, true)
	if err := ap.t.Put(changed, mine, ap.s.OfficeID()); err != nil {
		return err
	}
	if err := ap.t.Put(theirs, nil, ap.peer); err != nil {
		return err
	}
	return ap.remember(k.Table, it.ID, it.theirs, it.theirs)
}

// take writes their version over mine.
func (ap *applier) take(k data.RecordKind, it Item) error {
	mine, err := ap.mineNow(k, it)
	if err != nil {
		return err
	}
	theirs, err := ap.theirs(k, it.ID)
	if err != nil {
		return err
	}
	if err := ap.t.Put(theirs, mine, ap.peer); err != nil {
		return err
	}
	if data.MetaOf(theirs).Deleted && !data.MetaOf(mine).Deleted {
		ap.res.Deleted++
	} else {
		ap.res.Updated++
	}
	return ap.remember(k.Table, it.ID, it.theirs, data.Stamp(data.MetaOf(theirs)))
}
