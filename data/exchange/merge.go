package exchange

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"time"

	"ketnghia/data"
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
)

// Choice settles a conflict.
type Choice struct {
	Theirs bool     // take their version whole
	Fields []string // or take these fields of theirs onto mine
}

// Item is one record of the package that is not simply unchanged.
type Item struct {
	Table   string             `json:"table"`
	Noun    string             `json:"noun"`
	ID      string             `json:"id"`
	Action  Action             `json:"action"`
	Fields  []data.FieldChange `json:"fields,omitempty"`   // a conflict's fields: mine and theirs
	ClashID string             `json:"clash_id,omitempty"` // the local record holding the same key
	mine    uint64
	theirs  uint64
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

// Review is what importing a package would do, worked out before anything is written.
type Review struct {
	Manifest Manifest     `json:"manifest"`
	Kinds    []KindCounts `json:"kinds"`
	Items    []Item       `json:"items"`
	Total    KindCounts   `json:"total"`
	// FirstExchange is true when this database has never imported from the package's office:
	// records both sides changed cannot be told apart from records only one side changed, and are
	// conflicts unless the versions say who changed last.
	FirstExchange bool `json:"first_exchange"`
	// base holds every package record's fingerprints (theirs, mine), for the bookkeeping.
	base map[string]map[string][2]uint64
}

// Conflicts lists the items a person must decide on.
func (r *Review) Conflicts() []Item {
	var out []Item
	for _, it := range r.Items {
		if it.Action == Conflict || it.Action == Clash {
			out = append(out, it)
		}
	}
	return out
}

// Inspect works out what importing the package into the store would do, changing nothing.
func Inspect(ctx context.Context, s *data.Store, o *Opened) (*Review, error) {
	if o.Manifest.OfficeID == s.OfficeID() {
		return nil, refuse(o.Path, "gói do chính cơ sở dữ liệu này xuất ra (cùng đơn vị %s); chỉ nhập gói của đơn vị khác", o.Manifest.OfficeName)
	}
	rv := &Review{Manifest: o.Manifest, base: map[string]map[string][2]uint64{}}
	db := s.RawDB()
	var seen int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM exchange_base WHERE peer = ?", o.Manifest.OfficeID).Scan(&seen); err != nil {
		return nil, internalErr(err)
	}
	rv.FirstExchange = seen == 0
	for _, k := range data.Kinds() {
		kc, err := inspectKind(ctx, s, o, k, rv)
		if err != nil {
			return nil, err
		}
		rv.Kinds = append(rv.Kinds, kc)
		rv.Total.Added += kc.Added
		rv.Total.Updated += kc.Updated
		rv.Total.Deleted += kc.Deleted
		rv.Total.Unchanged += kc.Unchanged
		rv.Total.Conflicts += kc.Conflicts
	}
	return rv, nil
}

func internalErr(err error) error {
	var de *data.Error
	if errors.As(err, &de) {
		return de
	}
	return &data.Error{Kind: data.KindInternal, Err: err, Msg: "Không đối chiếu được gói với cơ sở dữ liệu; không có gì bị thay đổi. Hãy thử lại."}
}

// inspectKind walks a kind's records in both files in ID order, side by side.
func inspectKind(ctx context.Context, s *data.Store, o *Opened, k data.RecordKind, rv *Review) (KindCounts, error) {
	kc := KindCounts{Table: k.Table, Noun: k.Noun}
	// Our memory of the peer (their version we last received, ours just after) and the peer's
	// memory of us (our version they last received, theirs just after).
	ours, err := readBase(ctx, s.RawDB(), "peer = ? AND record_table = ?", o.Manifest.OfficeID, k.Table)
	if err != nil {
		return kc, err
	}
	peers, err := readBase(ctx, o.DB, "peer = ? AND record_table = ?", s.OfficeID(), k.Table)
	if err != nil {
		return kc, refuse(o.Path, "không đọc được phần ghi nhớ trao đổi của gói")
	}
	prints := map[string][2]uint64{}
	rv.base[k.Table] = prints

	// Local records stream alongside the package's, both in ID order.
	local := make(chan data.Record, 256)
	lctx, cancel := context.WithCancel(ctx)
	defer cancel()
	lerr := make(chan error, 1)
	go func() {
		defer close(local)
		lerr <- k.Each(lctx, s.RawDB(), "", func(r data.Record) error {
			select {
			case local <- r:
				return nil
			case <-lctx.Done():
				return lctx.Err()
			}
		})
	}()
	next, ok := <-local
	office := s.OfficeID()
	err = k.Each(ctx, o.DB, "", func(theirs data.Record) error {
		id := data.MetaOf(theirs).ID
		for ok && data.MetaOf(next).ID < id {
			next, ok = <-local
		}
		var mine data.Record
		if ok && data.MetaOf(next).ID == id {
			mine = next
		}
		if err := data.Prepare(theirs); err != nil {
			return refuse(o.Path, "%s mã %s không hợp lệ (%s)", k.Noun, id, data.Message(err))
		}
		dt := data.Digest(theirs)
		if mine == nil {
			prints[id] = [2]uint64{dt, dt}
			if data.MetaOf(theirs).Deleted {
				kc.Unchanged++ // a record deleted before this office ever had it
				rv.Items = append(rv.Items, Item{Table: k.Table, Noun: k.Noun, ID: id, Action: Add, theirs: dt})
				return nil
			}
			clash, err := k.Clash(ctx, s.RawDB(), theirs)
			if err != nil {
				return err
			}
			if clash != "" {
				kc.Conflicts++
				rv.Items = append(rv.Items, Item{Table: k.Table, Noun: k.Noun, ID: id, Action: Clash, ClashID: clash, theirs: dt})
				delete(prints, id)
				return nil
			}
			kc.Added++
			rv.Items = append(rv.Items, Item{Table: k.Table, Noun: k.Noun, ID: id, Action: Add, theirs: dt})
			return nil
		}
		dm := data.Digest(mine)
		prints[id] = [2]uint64{dt, dm}
		if dt == dm {
			kc.Unchanged++
			return nil
		}
		act := decide(ours[id], peers[id], dt, dm, data.MetaOf(mine), data.MetaOf(theirs), office)
		it := Item{Table: k.Table, Noun: k.Noun, ID: id, Action: act, mine: dm, theirs: dt}
		switch act {
		case Unchanged:
			kc.Unchanged++
			return nil
		case Conflict:
			kc.Conflicts++
			it.Fields = data.Differences(mine, theirs)
			delete(prints, id)
		case Update:
			if data.MetaOf(theirs).Deleted && !data.MetaOf(mine).Deleted {
				it.Action = Delete
				kc.Deleted++
			} else {
				kc.Updated++
			}
		}
		rv.Items = append(rv.Items, it)
		return nil
	})
	cancel()
	for range local {
	}
	if e := <-lerr; err == nil && e != nil && !errors.Is(e, context.Canceled) {
		err = e
	}
	if err != nil {
		return kc, internalErr(err)
	}
	return kc, nil
}

// memory is what one office remembers of a record from its last import from the other: the
// other's version it received, and its own version just after.
type memory struct {
	received, after uint64
	known           bool
}

// readBase reads an office's memories of one peer.
func readBase(ctx context.Context, q data.Queryer, where string, args ...any) (map[string]memory, error) {
	rows, err := q.QueryContext(ctx, "SELECT record_id, theirs, mine FROM exchange_base WHERE "+where, args...)
	if err != nil {
		return nil, internalErr(err)
	}
	defer rows.Close()
	out := map[string]memory{}
	for rows.Next() {
		var id string
		var t, m int64
		if err := rows.Scan(&id, &t, &m); err != nil {
			return nil, internalErr(err)
		}
		out[id] = memory{uint64(t), uint64(m), true}
	}
	return out, rows.Err()
}

// decide is the three-way rule for a record the two versions of which differ, from what each
// office remembers of its last import from the other (ours: their version we received and ours
// just after; peers: our version they received and theirs just after). In order: theirs is what
// we already received (keep mine); mine is what they already received (take theirs); mine has not
// changed since our last import from them while theirs has (take theirs); theirs has not changed
// since their last import from us while mine has (keep mine); otherwise both changed: a conflict.
// With no memory at all (a first exchange) the last writer and the versions decide where they
// can: their copy last written by this office holds our own edit (mine); ours last written
// elsewhere and theirs newer (theirs); the same office's later version here (mine); anything else
// is a conflict.
func decide(ours, peers memory, dt, dm uint64, mine, theirs data.Meta, office string) Action {
	switch {
	case ours.known && dt == ours.received:
		return Unchanged
	case peers.known && dm == peers.received:
		return Update
	case ours.known && dm == ours.after:
		return Update
	case peers.known && dt == peers.after:
		return Unchanged
	case ours.known || peers.known:
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
	// BackupDir is where the automatic backup goes (default: beside the database).
	BackupDir string
	// File is the package's name as the person chose it, for the history.
	File string
}

// Result is what an import did.
type Result struct {
	Added, Updated, Deleted, Unchanged, Conflicts int // conflicts left undecided
	Backup                                        string
}

// Apply imports a reviewed package in one transaction, after an automatic backup of the database.
// Records a conflict's choice settles take that choice; the others are left for later.
func Apply(ctx context.Context, s *data.Store, o *Opened, rv *Review, opt ApplyOptions) (Result, error) {
	var res Result
	if opt.Prefer != "" && opt.Prefer != "mine" && opt.Prefer != "theirs" {
		return res, &data.Error{Kind: data.KindInvalid, Field: "prefer", Msg: fmt.Sprintf("Cách giải quyết xung đột %q không có: dùng mine (giữ bản của mình) hoặc theirs (lấy bản của đơn vị gửi).", opt.Prefer)}
	}
	dir := opt.BackupDir
	if dir == "" {
		dir = BackupDir(s)
	}
	backup, err := s.Backup(ctx, dir)
	if err != nil {
		return res, err
	}
	res.Backup = backup
	byID := map[string]map[string]Item{}
	for _, it := range rv.Items {
		if byID[it.Table] == nil {
			byID[it.Table] = map[string]Item{}
		}
		byID[it.Table][it.ID] = it
	}
	peer := o.Manifest.OfficeID
	err = s.Incoming(ctx, func(t *data.IncomingTx) error {
		tx := t.Tx()
		at := t.At().UTC().Format(time.RFC3339Nano)
		setBase, err := tx.PrepareContext(ctx, "INSERT OR REPLACE INTO exchange_base (peer, record_table, record_id, theirs, mine, at) VALUES (?, ?, ?, ?, ?, ?)")
		if err != nil {
			return internalErr(err)
		}
		defer setBase.Close()
		sample := false
		for _, k := range data.Kinds() {
			items := byID[k.Table]
			prints := rv.base[k.Table]
			err := k.Each(ctx, o.DB, "", func(theirs data.Record) error {
				id := data.MetaOf(theirs).ID
				it, listed := items[id]
				fp, known := prints[id]
				if !listed {
					if known {
						_, err := setBase.ExecContext(ctx, peer, k.Table, id, int64(fp[0]), int64(fp[1]), at)
						return err
					}
					return nil
				}
				if data.MetaOf(theirs).Sample && !data.MetaOf(theirs).Deleted && (it.Action == Add || it.Action == Update) {
					sample = true
				}
				switch it.Action {
				case Add:
					if err := t.Put(theirs, nil, peer); err != nil {
						return err
					}
					if !data.MetaOf(theirs).Deleted {
						res.Added++
					}
				case Update, Delete:
					mine, err := local(ctx, tx, k, id)
					if err != nil {
						return err
					}
					if err := t.Put(theirs, mine, peer); err != nil {
						return err
					}
					if it.Action == Delete {
						res.Deleted++
					} else {
						res.Updated++
					}
				case Clash:
					res.Conflicts++
					return nil
				case Conflict:
					ch, decided := opt.Choices[id]
					if !decided {
						switch opt.Prefer {
						case "theirs":
							ch, decided = Choice{Theirs: true}, true
						case "mine":
							ch, decided = Choice{}, true
						}
					}
					if !decided {
						res.Conflicts++
						return nil
					}
					mine, err := local(ctx, tx, k, id)
					if err != nil {
						return err
					}
					switch {
					case ch.Theirs:
						if err := t.Put(theirs, mine, peer); err != nil {
							return err
						}
						res.Updated++
						fp = [2]uint64{it.theirs, it.theirs}
					case len(ch.Fields) > 0:
						merged, err := local(ctx, tx, k, id)
						if err != nil {
							return err
						}
						data.TakeFields(merged, theirs, ch.Fields)
						if err := t.Put(merged, mine, s.OfficeID()); err != nil {
							return err
						}
						res.Updated++
						fp = [2]uint64{it.theirs, data.Digest(merged)}
					default:
						res.Unchanged++
						fp = [2]uint64{it.theirs, it.mine}
					}
					_, err = setBase.ExecContext(ctx, peer, k.Table, id, int64(fp[0]), int64(fp[1]), at)
					return err
				}
				_, err := setBase.ExecContext(ctx, peer, k.Table, id, int64(it.theirs), int64(it.theirs), at)
				return err
			})
			if err != nil {
				return err
			}
		}
		res.Unchanged += rv.Total.Unchanged
		if sample {
			if err := t.MarkSampleData(); err != nil {
				return internalErr(err)
			}
		}
		if err := t.Note("exchange", "import", fmt.Sprintf("Nhập gói của %s xuất ngày %s: thêm %d, cập nhật %d, xóa %d, xung đột chưa giải quyết %d",
			o.Manifest.OfficeName, o.Manifest.ExportedAt.Local().Format("02/01/2006 15:04"), res.Added, res.Updated, res.Deleted, res.Conflicts)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO offices (id, name) VALUES (?, ?)", peer, o.Manifest.OfficeName); err != nil {
			return internalErr(err)
		}
		return addHistory(ctx, tx, t, HistoryEntry{Action: "import", OfficeID: peer, OfficeName: o.Manifest.OfficeName, File: opt.File,
			Backup: backup, Added: res.Added, Updated: res.Updated, Deleted: res.Deleted, Unchanged: res.Unchanged, Conflicts: res.Conflicts})
	})
	if err != nil {
		return Result{}, err
	}
	return res, nil
}

// local reads the local version of a record, deleted or not.
func local(ctx context.Context, q data.Queryer, k data.RecordKind, id string) (data.Record, error) {
	var out data.Record
	err := k.Each(ctx, q, "id = ?", func(r data.Record) error { out = r; return nil }, id)
	if err == nil && out == nil {
		err = fmt.Errorf("record %s/%s vanished", k.Table, id)
	}
	return out, err
}

// sortItems puts conflicts first, then by kind and ID, for showing.
func sortItems(items []Item) {
	rank := map[Action]int{Conflict: 0, Clash: 1, Delete: 2, Update: 3, Add: 4}
	sort.SliceStable(items, func(i, j int) bool { return rank[items[i].Action] < rank[items[j].Action] })
}

var _ = sql.ErrNoRows
