// Package xlsx reads and writes the office's Excel workbooks: the whole database (a sheet per kind
// of record), the templates staff fill in (communes, villages, twinning agencies and their
// assignments, activities, a year's review), and the import of any of them, with a dry run and old
// Vietnamese encodings converted. It walks the kinds of record through data's registry.
package xlsx

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"ketnghia/data"
	"ketnghia/data/vntext"
)

// A sheet of ours: one kind of record per sheet, one record per row; row 1 names the columns.
// Column A is the record's identity (blank for a new one); then the kind's fields, each reference
// written as a person reads it (a unit's code, an agency's name) and a unit reference followed by
// the unit's full name, for reading only.

const (
	idHeader     = "Mã bản ghi (để trống nếu thêm mới)"
	sampleHeader = "Số liệu mẫu"
	maxRows      = 1_048_576 // Excel's limit
)

// column is one column of a sheet.
type column struct {
	header string
	field  *data.Field // nil: the identity, the unit name beside a reference, or the sample flag
	ref    string      // the table the field refers to ("" when it does not)
	info   bool        // for reading only: the full name beside a unit reference
	sample bool
	// key: one code of a field of figures by code (field), a column of its own: the poor
	// households of one cause of poverty. alias are the other headings it is read by.
	key   string
	alias []string
	// pairs: the whole field of figures by code in one cell ("von: 12; dat: 3"), as workbooks
	// before the cause columns were written: read, not written.
	pairs bool
}

// layout is the columns of a kind's sheet.
type layout struct {
	kind data.RecordKind
	cols []column
	// template: a sheet to fill in: input columns unlocked and formatted down the sheet, the
	// columns for reading only grey and locked, the required ones' headings marked, the sheet
	// protected (no password) so that a read-only cell is not typed over by mistake.
	template bool
	required map[string]bool // fields a row must fill, beyond those every record needs
}

// skipped are fields a workbook does not carry: the maps of criteria and targets that only the
// program edits stay, every field of a record goes out and comes back.
// The poor households by cause (causes: the cause groups, in order) take a column per cause, with
// its name; reading, a sheet's single column of them all ("von: 12; dat: 3") is taken too.
func layoutOf(k data.RecordKind, refs map[string]string, withSample bool, causes []data.CauseGroup) layout {
	l := layout{kind: k, cols: []column{{header: idHeader}}}
	for _, f := range k.Fields() {
		f := f
		c := column{header: f.Label, field: &f, ref: refs[f.Name]}
		if f.Name == causeField && len(causes) > 0 {
			for _, g := range causes {
				l.cols = append(l.cols, column{header: g.Heading(), field: &f, key: g.Code,
					alias: []string{g.Name, "Nghèo do " + vntext.LowerFirst(g.Name), f.Name + "/" + g.Code}})
			}
			continue
		}
		l.cols = append(l.cols, c)
		if c.ref == "units" {
			l.cols = append(l.cols, column{header: "Tên " + vntext.LowerFirst(f.Label) + " (chỉ để đọc)", info: true})
		}
	}
	if withSample {
		l.cols = append(l.cols, column{header: sampleHeader, sample: true})
	}
	return l
}

// causeField is the field of poor households by cause of poverty.
const causeField = "poor_by_cause"

// reading is the layout with the columns read but not written: the single column of the poor
// households by cause of workbooks written before each cause had its own.
func (l layout) reading() layout {
	for _, c := range l.cols {
		if c.key != "" {
			f := c.field
			l.cols = append(slices.Clip(l.cols), column{header: f.Label, field: f, pairs: true})
			break
		}
	}
	return l
}

// SheetName is the sheet that holds a kind's records: its Vietnamese noun, capitalised.
func SheetName(k data.RecordKind) string {
	n := vntext.UpperFirst(k.Noun)
	if r := []rune(n); len(r) > 31 {
		n = string(r[:31])
	}
	return strings.NewReplacer(":", " ", "/", " ", "\\", " ", "?", " ", "*", " ", "[", "(", "]", ")").Replace(n)
}

// kindOfSheet finds the kind a sheet holds by its name, accents and case aside.
func kindOfSheet(name string) (data.RecordKind, bool) {
	want := vntext.Fold(name)
	for _, k := range data.Kinds() {
		if vntext.Fold(SheetName(k)) == want || vntext.Fold(k.Noun) == want || k.Table == strings.TrimSpace(name) {
			return k, true
		}
	}
	return data.RecordKind{}, false
}

// names resolves references both ways: a record's ID to what a person reads (a unit's code, an
// agency's name), and what a person wrote back to the ID.
type names struct {
	offices map[string]string              // the offices' names by identity: a cell of an office says its name
	parent  map[string]string              // unit ID → its parent's
	former  map[string][]string            // unit ID → the parents it had before (a village whose commune was merged)
	moves   map[string][]move              // unit ID → its moves, oldest first
	names   map[string]string              // unit ID → its name
	keys    map[string][]string            // unit ID → its folded names (full, and without the kind)
	display map[string]map[string]string   // table → ID → text
	path    map[string]string              // unit ID → full name ("Thôn 1, Xã Đắk Rơ Nga, Huyện Đắk Tô")
	byText  map[string]map[string][]string // table → folded text (ID, code, name or full name) → IDs
	exists  map[string]map[string]bool     // table → IDs
	opened  map[string]data.Date           // unit ID → the day it opened (zero: always)
	closed  map[string]data.Date           // unit ID → the day it closed (zero: open)
	preds   map[string][]string            // unit ID → the units that became it (the 2025 merger)
	// friendly: a unit whose full name is another's too (two "Thôn 1" of two communes merged
	// into one) by where it stood before it moved, when that names it alone; shown instead of its
	// identity wherever the moves are read before (every sheet but those of the moves and links).
	friendly map[string]string
	folded   map[string]string // text → vntext.Fold(text), for the cells that repeat a name on every row
	causes   []data.CauseGroup // the causes of poverty, in order: a column each
}

func newNames() *names {
	return &names{parent: map[string]string{}, former: map[string][]string{}, moves: map[string][]move{}, names: map[string]string{}, keys: map[string][]string{}, display: map[string]map[string]string{}, path: map[string]string{}, byText: map[string]map[string][]string{}, exists: map[string]map[string]bool{},
		opened: map[string]data.Date{}, closed: map[string]data.Date{}, preds: map[string][]string{}, friendly: map[string]string{}, folded: map[string]string{}}
}

// nameFields are the fields a kind's records are known by, in order: the first unique one is what
// a reference to them shows.
var nameFields = []string{"code", "name"}

// references reads which columns refer to which tables, and the names of the records referred to.
func references(ctx context.Context, s *data.Store) (map[string]map[string]string, *names, error) {
	refs, err := s.ForeignKeys(ctx)
	if err != nil {
		return nil, nil, err
	}
	n, err := loadNames(ctx, s, referred(refs))
	if err == nil {
		n.offices, err = s.OfficeNames(ctx)
	}
	if err != nil {
		return nil, nil, err
	}
	n.causes, err = s.CauseGroups(ctx)
	return refs, n, err
}

// referred are the tables some kind refers to.
func referred(refs map[string]map[string]string) map[string]bool {
	out := map[string]bool{}
	for _, cols := range refs {
		for _, t := range cols {
			out[t] = true
		}
	}
	return out
}

// loadNames reads every live record of the tables references point to.
func loadNames(ctx context.Context, s *data.Store, tables map[string]bool) (*names, error) {
	n := newNames()
	for table := range tables {
		k, ok := data.KindOf(table)
		if !ok {
			continue
		}
		var recs []data.Record
		if err := s.EachLive(ctx, k, func(r data.Record) error { recs = append(recs, r); return nil }); err != nil {
			return nil, err
		}
		n.add(table, recs)
		if table == "units" {
			moves, _ := data.KindOf("unit_moves")
			err := s.EachLive(ctx, moves, func(r data.Record) error { n.addMove(r); return nil })
			if err != nil {
				return nil, err
			}
			n.formerPaths()
			links, _ := data.KindOf("unit_links")
			err = s.EachLive(ctx, links, func(r data.Record) error {
				from, _ := data.FieldValue(r, "predecessor_id").(string)
				to, _ := data.FieldValue(r, "successor_id").(string)
				if from != "" && to != "" {
					n.preds[to] = append(n.preds[to], from)
				}
				return nil
			})
			if err != nil {
				return nil, err
			}
		}
	}
	return n, nil
}

// add registers records (from the database or from the workbook being read) under their names.
func (n *names) add(table string, recs []data.Record) {
	if n.display[table] == nil {
		n.display[table], n.byText[table], n.exists[table] = map[string]string{}, map[string][]string{}, map[string]bool{}
	}
	count := map[string]map[string]int{}
	for _, f := range nameFields {
		count[f] = map[string]int{}
	}
	for _, r := range recs {
		for _, f := range nameFields {
			if v, ok := data.FieldValue(r, f).(string); ok {
				count[f][vntext.Fold(v)]++
			}
		}
	}
	for _, r := range recs {
		id := data.MetaOf(r).ID
		n.exists[table][id] = true
		n.index(table, id, id)
		n.display[table][id] = id
		shown := false
		for _, f := range nameFields {
			v, ok := data.FieldValue(r, f).(string)
			if !ok {
				continue
			}
			n.index(table, v, id)
			if table == "units" && f == "name" {
				n.names[id] = v
				n.keys[id] = append(n.keys[id], vntext.Fold(v))
				if p, ok := data.FieldValue(r, "parent_id").(string); ok {
					n.parent[id] = p
				}
				if d, ok := data.FieldValue(r, "opened_on").(data.Date); ok {
					n.opened[id] = d
				}
				if d, ok := data.FieldValue(r, "closed_on").(data.Date); ok {
					n.closed[id] = d
				}
			}
			if kind, ok := data.FieldValue(r, "kind").(string); ok && f == "name" {
				// "Đắk Rơ Nga" finds "Xã Đắk Rơ Nga".
				if short, ok := strings.CutPrefix(v, kind+" "); ok {
					n.index(table, short, id)
					if table == "units" {
						n.keys[id] = append(n.keys[id], vntext.Fold(short))
					}
				}
			}
			if !shown && count[f][vntext.Fold(v)] == 1 {
				n.display[table][id], shown = v, true
			}
		}
	}
	if table == "units" {
		paths := map[string]int{}
		for _, r := range recs {
			id := data.MetaOf(r).ID
			n.path[id] = n.pathAt(id, data.Date{})
			n.index(table, n.path[id], id)
			paths[vntext.Fold(n.path[id])]++
		}
		// A unit without a code of its own (a village) is shown by its full name when no other
		// unit has it: only twins in one commune keep their identity.
		for _, r := range recs {
			id := data.MetaOf(r).ID
			if n.display[table][id] == id && paths[vntext.Fold(n.path[id])] == 1 {
				n.display[table][id] = n.path[id]
			}
		}
	}
}

// formerPaths finds the friendly names of the units shown by their identity.
func (n *names) formerPaths() {
	taken := map[string]bool{}
	for _, shown := range n.display["units"] {
		taken[vntext.Fold(shown)] = true
	}
	for id, shown := range n.display["units"] {
		if shown != id {
			continue
		}
		for _, m := range n.moves[id] {
			former := n.pathAt(id, m.on.AddDays(-1))
			if f := vntext.Fold(former); former != n.path[id] && !taken[f] {
				n.friendly[id], taken[f] = former, true
				n.index("units", former, id) // read back by this text, whatever the day
				break
			}
		}
	}
}

// addMove takes a unit's move, stored or read from a workbook (whose sheet of moves comes before
// the sheets that name the unit by where it stood before it).
func (n *names) addMove(r data.Record) {
	unit, _ := data.FieldValue(r, "unit_id").(string)
	from, _ := data.FieldValue(r, "from_parent_id").(string)
	on, _ := data.FieldValue(r, "moved_on").(data.Date)
	if unit != "" && from != "" {
		n.former[unit] = append(n.former[unit], from)
		n.moves[unit] = append(n.moves[unit], move{from, on})
	}
}

// move is a unit's change of parent: the parent it had before the day.
type move struct {
	from string
	on   data.Date
}

// parentAt is a unit's parent on day d: the one it had before the first move after d, or its
// present one (also for the zero day: today).
func (n *names) parentAt(id string, d data.Date) string {
	if d.IsZero() {
		return n.parent[id]
	}
	ms := n.moves[id]
	slices.SortFunc(ms, func(a, b move) int { return strings.Compare(a.on.ISO(), b.on.ISO()) })
	for _, m := range ms {
		if d.Before(m.on) {
			return m.from
		}
	}
	return n.parent[id]
}

// pathAt is a unit's full name as it stood on day d (a village under the commune it had then).
func (n *names) pathAt(id string, d data.Date) string {
	var parts []string
	for i := 0; id != "" && i < 6; i++ {
		parts = append(parts, n.names[id])
		id = n.parentAt(id, d)
	}
	return strings.Join(parts, ", ")
}

// byParts finds the units a name written in parts names, from the unit up ("Thôn 1, Đắk Rơ Nga,
// Đắk Tô": a unit called so whose commune is called so, whose district is called so), each part
// with or without its kind and accents.
func (n *names) byParts(parts []string) []string {
	want := make([]string, 0, len(parts))
	for _, p := range parts {
		if f := vntext.Fold(p); f != "" {
			want = append(want, f)
		}
	}
	if len(want) == 0 {
		return nil
	}
	var out []string
	for _, id := range n.byText["units"][want[0]] {
		if n.under(id, want[1:], 0) {
			out = append(out, id)
		}
	}
	return out
}

// under reports whether the unit id hangs, now or before a reform moved it, under units named
// by want in order (each one an ancestor of the one before: the parent, or further up when a
// level is left out).
func (n *names) under(id string, want []string, depth int) bool {
	if len(want) == 0 {
		return true
	}
	if depth > 8 {
		return false
	}
	for _, p := range append([]string{n.parent[id]}, n.former[id]...) {
		if p == "" {
			continue
		}
		if slices.Contains(n.keys[p], want[0]) && n.under(p, want[1:], depth+1) {
			return true
		}
		if n.under(p, want, depth+1) { // a level left out ("Thôn 1, Huyện Đắk Tô")
			return true
		}
	}
	// A commune the 2025 merger made lies where the communes merged into it lay ("Xã Đăk Mar,
	// Huyện Đắk Hà" in an old district's sheet).
	for _, p := range n.preds[id] {
		if n.under(p, want, depth+1) {
			return true
		}
	}
	return false
}

func (n *names) index(table, text, id string) {
	key := vntext.Fold(text)
	if key == "" {
		return
	}
	for _, have := range n.byText[table][key] {
		if have == id {
			return
		}
	}
	n.byText[table][key] = append(n.byText[table][key], id)
}

// resolve finds the record a reference's text names: "" and a Vietnamese reason when none or
// several do.
func (n *names) resolve(table, text string) (string, string) {
	return n.resolveOn(table, text, data.Date{})
}

// resolveOn is resolve for a row that speaks of day (a review's year, an activity's date): the one
// rule of which unit a code or name means. Each of the 2025 reform's new communes took the code of
// an old commune it absorbed, and many names recur, so a code or name is read against the units
// that existed on that day; only then, when several remain, it is ambiguous, and the candidates are
// written out in full with their dates.
func (n *names) resolveOn(table, text string, day data.Date) (string, string) {
	text = strings.TrimSpace(text)
	if n.exists[table][text] {
		return text, ""
	}
	ids := n.byText[table][n.fold(text)]
	if len(ids) == 0 && table == "units" && strings.Contains(text, ",") {
		ids = n.byParts(strings.Split(text, ","))
	}
	if len(ids) > 1 && table == "units" && !day.IsZero() {
		var open []string
		for _, id := range ids {
			if data.OpenBetween(n.opened[id], n.closed[id], day) {
				open = append(open, id)
			}
		}
		if len(open) > 0 {
			ids = open
		}
	}
	switch len(ids) {
	case 1:
		return ids[0], ""
	case 0:
		return "", fmt.Sprintf("không tìm thấy %s nào là %q", data.Noun(table), text)
	}
	if table == "units" {
		var cands []string
		for i, id := range ids {
			if i == 4 && len(ids) > 5 {
				cands = append(cands, fmt.Sprintf("và %d đơn vị khác", len(ids)-4))
				break
			}
			cands = append(cands, n.describe(id))
		}
		when := ""
		if !day.IsZero() {
			when = fmt.Sprintf(" cùng có vào ngày %s", day)
		}
		return "", fmt.Sprintf("%q có thể là %d đơn vị hành chính%s: %s; hãy ghi tên đầy đủ kèm xã, huyện, hoặc giữ nguyên mã có sẵn trong mẫu do chương trình tạo để biết là đơn vị nào", text, len(ids), when, strings.Join(cands, "; "))
	}
	return "", fmt.Sprintf("có %d %s cùng tên %q; hãy ghi mã, hoặc tên đầy đủ để biết là %s nào", len(ids), data.Noun(table), text, data.Noun(table))
}

// fold is vntext.Fold, remembered: a sheet names the same few units on thousands of rows.
func (n *names) fold(text string) string {
	f, ok := n.folded[text]
	if !ok {
		f = vntext.Fold(text)
		if len(n.folded) < 1<<16 {
			n.folded[text] = f
		}
	}
	return f
}

// describe writes a unit out in full for a person choosing between candidates: its full name as
// it stood, and when it existed.
func (n *names) describe(id string) string {
	day := n.closed[id]
	if !day.IsZero() {
		day = day.AddDays(-1)
	}
	s := n.pathAt(id, day)
	switch o, c := n.opened[id], n.closed[id]; {
	case !o.IsZero() && !c.IsZero():
		s += fmt.Sprintf(" (từ %s đến %s)", o, c.AddDays(-1))
	case !c.IsZero():
		s += fmt.Sprintf(" (đến %s)", c.AddDays(-1))
	case !o.IsZero():
		s += fmt.Sprintf(" (từ %s)", o)
	}
	return s
}
