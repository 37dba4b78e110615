package exchange

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"ketnghia/data"
	"ketnghia/data/datatest"
	"ketnghia/data/sample"
)

var (
	provinceOnce sync.Once
	provinceFile string
)

// province is a Kon Tum sample database built once per run and copied for each test: the
// provincial office, with every kind of record.
func province(t testing.TB) *data.Store {
	t.Helper()
	provinceOnce.Do(func() {
		dir, err := os.MkdirTemp("", "ketnghia-exchange-")
		if err != nil {
			t.Fatal(err)
		}
		provinceFile = filepath.Join(dir, "tinh.db")
		s, err := data.Open(context.Background(), provinceFile, data.Options{Now: func() time.Time { return datatest.Clock }})
		if err != nil {
			t.Fatal(err)
		}
		if err := sample.Load(context.Background(), s, sample.Province, 1); err != nil {
			t.Fatal(err)
		}
		s.Close()
	})
	path := filepath.Join(t.TempDir(), "tinh.db")
	datatest.CopyFile(t, provinceFile, path)
	return datatest.MustOpenAt(t, path)
}

func export(t *testing.T, s *data.Store, scope ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "goi.knx")
	if _, err := Export(context.Background(), s, out, ExportOptions{Scope: scope, Program: "test"}); err != nil {
		t.Fatal(err)
	}
	key, err := OwnKey(s)
	if err != nil {
		t.Fatal(err)
	}
	signersMu.Lock()
	signers[base64.StdEncoding.EncodeToString(key.Public())] = key.Private
	signersMu.Unlock()
	return out
}

// signers are the keys of the offices the tests exported from, by public key: what rewrap signs a
// changed package with, as a hostile office would sign its own.
var (
	signersMu sync.Mutex
	signers   = map[string]ed25519.PrivateKey{}
)

// inspectTrusting reviews a package as a person who confirms a new key at once would (every
// office's first package, and a copy's, asks for it).
func inspectTrusting(ctx context.Context, s *data.Store, o *Opened) (*Preview, error) {
	rv, err := Inspect(ctx, s, o)
	if _, ok := AsKeyError(err); ok {
		if err := TrustKey(ctx, s, o); err != nil {
			return nil, err
		}
		rv, err = Inspect(ctx, s, o)
	}
	return rv, err
}

func importInto(t *testing.T, s *data.Store, pkg string, opt ApplyOptions) (*Preview, Result) {
	t.Helper()
	ctx := context.Background()
	o, err := Open(ctx, pkg)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	rv, err := inspectTrusting(ctx, s, o)
	if err != nil {
		t.Fatal(err)
	}
	if opt.BackupDir == "" {
		opt.BackupDir = t.TempDir()
	}
	res, err := Apply(ctx, s, o, rv, opt)
	if err != nil {
		t.Fatal(err)
	}
	return rv, res
}

// fingerprints is every record of a store by table and ID: what it says.
func fingerprints(t *testing.T, s *data.Store) map[string]uint64 {
	t.Helper()
	out := map[string]uint64{}
	for _, k := range data.Kinds() {
		err := k.Each(context.Background(), s.DBForTests(), "", func(r data.Record) error {
			out[k.Table+"/"+data.MetaOf(r).ID] = data.Digest(r)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func TestExportImportTwiceAddsNothingTheSecondTime(t *testing.T) {
	a := province(t)
	b := datatest.MustOpen(t)
	pkg := export(t, a)
	rv, res := importInto(t, b, pkg, ApplyOptions{})
	if res.Added == 0 || res.Conflicts != 0 {
		t.Fatalf("first import: %+v (review %+v)", res, rv.Total)
	}
	want, got := fingerprints(t, a), fingerprints(t, b)
	for k, v := range want {
		if got[k] != v {
			t.Fatalf("%s differs after import", k)
		}
	}
	_, res = importInto(t, b, pkg, ApplyOptions{})
	if res.Added+res.Updated+res.Deleted+res.Conflicts != 0 {
		t.Errorf("second import changed something: %+v", res)
	}
	if hs, _ := History(context.Background(), b); len(hs) != 2 || hs[0].Action != "import" {
		t.Errorf("history: %+v", hs)
	}
}

// reviewOf returns a review by ID.
func reviewOf(t *testing.T, s *data.Store, id string) data.Review {
	t.Helper()
	r, err := s.GetReview(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func setHouseholds(t *testing.T, s *data.Store, id string, n int) {
	t.Helper()
	r := reviewOf(t, s, id)
	r.Households = datatest.Int(n)
	if err := s.SaveReview(context.Background(), &r); err != nil {
		t.Fatal(err)
	}
}

func TestThreeWayMergeTakesEachSidesChangesAndReportsTheOverlap(t *testing.T) {
	a := province(t)
	b := datatest.MustOpen(t)
	importInto(t, b, export(t, a), ApplyOptions{})
	communes := reviewIDs(t, a, 3)
	// The province changes the first commune, the district the second; both the third.
	setHouseholds(t, a, communes[0], 1001)
	setHouseholds(t, b, communes[1], 2002)
	setHouseholds(t, a, communes[2], 3003)
	setHouseholds(t, b, communes[2], 3333)

	rv, res := importInto(t, b, export(t, a), ApplyOptions{})
	if res.Updated != 1 || res.Conflicts != 1 {
		t.Fatalf("district imports province: %+v", res)
	}
	cs := rv.Conflicts()
	if len(cs) != 1 || cs[0].Table != "reviews" || len(cs[0].Fields) != 1 || cs[0].Fields[0].Mine != "3333" || cs[0].Fields[0].Theirs != "3003" {
		t.Fatalf("conflict: %+v", cs)
	}
	if got := *reviewOf(t, b, communes[0]).Households; got != 1001 {
		t.Errorf("province's change not taken: %d", got)
	}
	if got := *reviewOf(t, b, communes[1]).Households; got != 2002 {
		t.Errorf("district's own change lost: %d", got)
	}
	if got := *reviewOf(t, b, communes[2]).Households; got != 3333 {
		t.Errorf("a conflict was overwritten without a decision: %d", got)
	}
	// The other way: the province takes the district's change, and the conflict shows there too.
	_, res = importInto(t, a, export(t, b), ApplyOptions{})
	if got := *reviewOf(t, a, communes[1]).Households; got != 2002 || res.Conflicts != 1 {
		t.Errorf("province imports district: %d, %+v", got, res)
	}
	// Settled by taking theirs: no conflict after.
	_, res = importInto(t, b, export(t, a), ApplyOptions{Prefer: "theirs"})
	if got := *reviewOf(t, b, communes[2]).Households; got != 3003 || res.Conflicts != 0 {
		t.Errorf("prefer theirs: %d, %+v", got, res)
	}
	_, res = importInto(t, b, export(t, a), ApplyOptions{})
	if res.Added+res.Updated+res.Conflicts != 0 {
		t.Errorf("after settling, the same package changes nothing: %+v", res)
	}
}

// reviewIDs picks n reviews of 2024 whose households can be raised without breaking a rule.
func reviewIDs(t *testing.T, s *data.Store, n int) []string {
	t.Helper()
	rs, err := s.ListReviews(context.Background(), data.ReviewFilter{Year: 2024})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rs {
		if r.Households != nil && *r.Households < 1000 && len(out) < n {
			out = append(out, r.ID)
		}
	}
	if len(out) < n {
		t.Fatalf("only %d reviews of 2024", len(out))
	}
	return out
}

func TestDeletesTravelAsTombstonesAndUndoBringsTheDatabaseBack(t *testing.T) {
	ctx := context.Background()
	a := province(t)
	bPath := filepath.Join(t.TempDir(), "huyen.db")
	b := datatest.MustOpenAt(t, bPath)
	importInto(t, b, export(t, a), ApplyOptions{})
	r := reviewOf(t, a, reviewIDs(t, a, 1)[0])
	if err := a.DeleteReview(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	before := fingerprints(t, b)
	_, res := importInto(t, b, export(t, a), ApplyOptions{BackupDir: b.BackupDir()})
	if res.Deleted != 1 {
		t.Fatalf("delete did not travel: %+v", res)
	}
	if _, err := b.GetReview(ctx, r.ID); !data.IsNotFound(err) {
		t.Errorf("deleted review still live: %v", err)
	}
	if _, err := Undo(ctx, b); err != nil {
		t.Fatal(err)
	}
	b2 := b
	after := fingerprints(t, b2)
	if len(after) != len(before) {
		t.Fatalf("undo: %d records, before the import %d", len(after), len(before))
	}
	for k, v := range before {
		if after[k] != v {
			t.Fatalf("undo: %s differs", k)
		}
	}
	hs, _ := History(ctx, b2)
	if len(hs) != 3 || hs[0].Action != "undo" {
		t.Errorf("history after undo: %+v", hs)
	}
	if _, ok := LastImport(hs); ok {
		t.Error("an undone import is still the last import")
	}
}

func TestScopedExportCarriesOneDistrictAndWhatItNeeds(t *testing.T) {
	a := province(t)
	b := datatest.MustOpen(t)
	districts, _, _ := a.ListUnits(context.Background(), data.UnitFilter{Level: data.LevelDistrict})
	code := districts[0].Code
	_, res := importInto(t, b, export(t, a, code), ApplyOptions{})
	if res.Added == 0 {
		t.Fatal("nothing imported")
	}
	got, _, _ := b.ListUnits(context.Background(), data.UnitFilter{Level: data.LevelDistrict})
	if len(got) == 0 || len(got) >= len(districts) {
		t.Errorf("districts imported: %d of %d", len(got), len(districts))
	}
	if _, err := Export(context.Background(), a, filepath.Join(t.TempDir(), "x.knx"), ExportOptions{Scope: []string{"99999"}}); !data.IsInvalid(err) || !strings.Contains(data.Message(err), "99999") {
		t.Errorf("unknown code: %v", err)
	}
}

// rewrap makes a package from a changed copy of another's content, with a right checksum: what a
// hostile or broken exporter could send.
func rewrap(t *testing.T, pkg string, change func(content string), edit func(m *Manifest)) string {
	t.Helper()
	f, err := os.Open(pkg)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, headLen, _, err := readHead(pkg, bufio.NewReader(f))
	if err != nil {
		t.Fatal(err)
	}
	content := filepath.Join(t.TempDir(), "c.db")
	if err := unpack(f, headLen, content, m); err != nil {
		t.Fatal(err)
	}
	if change != nil {
		change(content)
	}
	if edit != nil {
		edit(&m)
	}
	var buf bytes.Buffer
	if err := writePackage(&buf, m, content, signers[m.SignKey]); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "x.knx")
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

func fileSum(t *testing.T, path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func TestBadPackagesAreRefusedAndChangeNothing(t *testing.T) {
	a := province(t)
	b := datatest.MustOpen(t)
	pkg := export(t, a)
	whole, _ := os.ReadFile(pkg)
	bad := func(name string, b []byte) string {
		p := filepath.Join(t.TempDir(), name)
		os.WriteFile(p, b, 0o644)
		return p
	}
	flipped := append([]byte(nil), whole...)
	flipped[len(flipped)/2] ^= 0x10
	cases := map[string]struct {
		path string
		want string
	}{
		"truncated":       {bad("cut.knx", whole[:len(whole)*2/3]), "cắt cụt"},
		"bit flipped":     {bad("flip.knx", flipped), "hỏng"},
		"not a package":   {bad("x.knx", []byte("PK\x03\x04 an Excel file")), "không phải là tệp gói"},
		"empty":           {bad("e.knx", nil), "không phải là tệp gói"},
		"newer format":    {rewrap(t, pkg, nil, func(m *Manifest) { m.Format = FormatVersion + 1 }), "cập nhật chương trình"},
		"newer schema":    {rewrap(t, pkg, nil, func(m *Manifest) { m.Schema = data.SchemaVersion + 1 }), "cập nhật chương trình"},
		"absurd counts":   {rewrap(t, pkg, nil, func(m *Manifest) { m.Counts["reviews"] = maxRecords + 1 }), "số bản ghi"},
		"counts disagree": {rewrap(t, pkg, nil, func(m *Manifest) { m.Counts["reviews"]++ }), "khác với phần mô tả"},
		"added trigger": {rewrap(t, pkg, func(c string) {
			datatest.Exec(t, c, "CREATE TRIGGER evil AFTER INSERT ON reviews BEGIN DELETE FROM units; END")
		}, nil), "thành phần lạ"},
		"added view":                            {rewrap(t, pkg, func(c string) { datatest.Exec(t, c, "CREATE VIEW v AS SELECT 1") }, nil), "thành phần lạ"},
		"foreign application":                   {rewrap(t, pkg, func(c string) { datatest.Exec(t, c, "PRAGMA application_id = 7") }, nil), "không phải là dữ liệu KetNghia"},
		"damaged page, checksums made to match": {rewrap(t, pkg, damageLeaf(t), nil), "bên trong bị hỏng"},
		"two reviews of one unit and year": {rewrap(t, pkg, func(c string) {
			datatest.Exec(t, c, `INSERT INTO reviews (id, created_at, updated_at, office_id, version, deleted, sample, unit_id, year, households)
				SELECT id || '-2', created_at, updated_at, office_id, version, deleted, sample, unit_id, year, households FROM reviews
				WHERE rowid = (SELECT min(rowid) FROM reviews WHERE deleted = 0)`)
		}, func(m *Manifest) { m.Counts["reviews"]++ }), "trùng nhau"},
		"two open units of one code": {rewrap(t, pkg, func(c string) {
			datatest.Exec(t, c, `UPDATE units SET code = (SELECT code FROM units WHERE level = 'commune' AND closed_on IS NULL AND deleted = 0 ORDER BY rowid LIMIT 1)
				WHERE rowid = (SELECT rowid FROM units WHERE level = 'commune' AND closed_on IS NULL AND deleted = 0 ORDER BY rowid LIMIT 1 OFFSET 1)`)
		}, nil), "trùng nhau"},
		"zeros in place of a database, checksums made to match": {rewrap(t, pkg, func(c string) {
			if err := os.WriteFile(c, make([]byte, 8<<20), 0o644); err != nil {
				t.Fatal(err)
			}
		}, nil), "không phải là dữ liệu KetNghia"},
		"invalid record": {rewrap(t, pkg, func(c string) {
			datatest.Exec(t, c, "UPDATE reviews SET poor = households + 5 WHERE rowid = (SELECT min(rowid) FROM reviews WHERE households IS NOT NULL)")
		}, nil), "không hợp lệ"},
	}
	// Content another program could write, each refused before anything is written.
	for name, c := range map[string]struct{ sql, want string }{
		"reference to a record nowhere": {"UPDATE reviews SET unit_id = 'khong-co' WHERE rowid = (SELECT min(rowid) FROM reviews)", "thiếu dữ liệu"},
		"unit under itself":             {"UPDATE units SET parent_id = id WHERE rowid = (SELECT min(rowid) FROM units WHERE level = 'commune')", "không đúng cấp"},
		"units in a ring":               {"UPDATE units SET parent_id = (SELECT id FROM units WHERE level = 'commune' LIMIT 1) WHERE id = (SELECT parent_id FROM units WHERE level = 'commune' LIMIT 1)", "không đúng cấp"},
		"commune under a commune":       {"UPDATE units SET parent_id = (SELECT id FROM units WHERE level = 'commune' ORDER BY rowid LIMIT 1) WHERE rowid = (SELECT rowid FROM units WHERE level = 'commune' ORDER BY rowid LIMIT 1 OFFSET 1)", "không đúng cấp"},
		"name of three million letters": {"UPDATE units SET name = hex(randomblob(1500000)) WHERE rowid = (SELECT min(rowid) FROM units WHERE level = 'village')", "quá dài"},
		"control character in a name":   {"UPDATE units SET name = 'Thôn' || char(0) || 'A' WHERE rowid = (SELECT min(rowid) FROM units WHERE level = 'village')", "không in được"},
		"negative version":              {"UPDATE reviews SET version = -5 WHERE rowid = (SELECT min(rowid) FROM reviews)", "phiên bản"},
		"no office wrote it":            {"UPDATE reviews SET office_id = '' WHERE rowid = (SELECT min(rowid) FROM reviews)", "đơn vị đã nhập"},
		"a time that is not a time":     {"UPDATE reviews SET updated_at = 'hôm qua' WHERE rowid = (SELECT min(rowid) FROM reviews)", "không đọc được"},
		"a year out of every range":     {"UPDATE reviews SET year = 99999 WHERE rowid = (SELECT min(rowid) FROM reviews)", "2000–2100"},
	} {
		cases[name] = struct {
			path string
			want string
		}{rewrap(t, pkg, func(content string) { datatest.Exec(t, content, c.sql) }, nil), c.want}
	}
	before := fingerprints(t, b)
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			err := tryImport(b, c.path)
			if err == nil || !strings.Contains(data.Message(err), c.want) {
				t.Fatalf("want a refusal saying %q, got %v", c.want, err)
			}
			msg := data.Message(err)
			if !strings.Contains(msg, "không bị thay đổi") {
				t.Errorf("the message does not say the database is unchanged: %s", msg)
			}
			if uuidRe.MatchString(msg) || len([]rune(msg)) > 400 || strings.ContainsFunc(msg, func(r rune) bool { return r < 0x20 }) {
				t.Errorf("the message is not for a person to read: %q", msg)
			}
		})
	}
	after := fingerprints(t, b)
	if len(after) != len(before) {
		t.Errorf("a refused package changed the database: %d → %d records", len(before), len(after))
	}
}

// damageLeaf points the first cell of a table leaf page, past the middle of the file, into the
// page's own header: the counts still read, the integrity check does not pass.
func damageLeaf(t *testing.T) func(content string) {
	return func(content string) {
		b, err := os.ReadFile(content)
		if err != nil {
			t.Fatal(err)
		}
		size := int(binary.BigEndian.Uint16(b[16:18]))
		if size == 1 {
			size = 65536
		}
		for p := len(b) / size / 2; p < len(b)/size; p++ {
			if off := p * size; b[off] == 0x0d && binary.BigEndian.Uint16(b[off+3:]) > 0 {
				binary.BigEndian.PutUint16(b[off+8:], 1)
				if err := os.WriteFile(content, b, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
		}
		t.Fatal("no table leaf page to damage")
	}
}

var uuidRe = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

func tryImport(s *data.Store, path string) error {
	ctx := context.Background()
	o, err := Open(ctx, path)
	if err != nil {
		return err
	}
	defer o.Close()
	rv, err := inspectTrusting(ctx, s, o)
	if err != nil {
		return err
	}
	_, err = Apply(ctx, s, o, rv, ApplyOptions{BackupDir: os.TempDir()})
	return err
}

// TestMain removes the shared sample database the tests copied.
func TestMain(m *testing.M) {
	code := m.Run()
	if provinceFile != "" {
		os.RemoveAll(filepath.Dir(provinceFile))
	}
	os.Exit(code)
}

// TestReviewsEnteredTwiceAreAClashSettledByAPerson: the province and the district each enter the
// same commune's review of a year on their own (two records, one key). The import reports it;
// keeping mine stops the report; taking theirs leaves both offices with the same record.
func TestReviewsEnteredTwiceAreAClashSettledByAPerson(t *testing.T) {
	ctx := context.Background()
	a := province(t)
	b := datatest.MustOpen(t)
	importInto(t, b, export(t, a), ApplyOptions{})
	// Both delete the commune's 2024 review, then enter it again separately.
	r := reviewOf(t, a, reviewIDs(t, a, 1)[0])
	if err := a.DeleteReview(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	_, res := importInto(t, b, export(t, a), ApplyOptions{})
	if res.Deleted != 1 {
		t.Fatalf("delete did not travel: %+v", res)
	}
	enter := func(s *data.Store, households int) data.Review {
		n := data.Review{UnitID: r.UnitID, Year: r.Year, Households: datatest.Int(households), Poor: datatest.Int(10)}
		if err := s.SaveReview(ctx, &n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	theirs, mine := enter(a, 900), enter(b, 950)

	rv, res := importInto(t, b, export(t, a), ApplyOptions{})
	cs := rv.Conflicts()
	if res.Conflicts != 1 || len(cs) != 1 || cs[0].Action != Clash || cs[0].ClashID != mine.ID || len(cs[0].Fields) == 0 {
		t.Fatalf("clash not reported: %+v %+v", res, cs)
	}
	// Keep mine: the same package no longer reports it.
	_, res = importInto(t, b, export(t, a), ApplyOptions{Prefer: "mine"})
	_, res = importInto(t, b, export(t, a), ApplyOptions{})
	if res.Conflicts != 0 {
		t.Fatalf("a clash kept as mine is reported again: %+v", res)
	}
	// The province changes its record: the clash comes back; now the district takes theirs.
	theirs.Households = datatest.Int(901)
	if err := a.SaveReview(ctx, &theirs); err != nil {
		t.Fatal(err)
	}
	_, res = importInto(t, b, export(t, a), ApplyOptions{Prefer: "theirs"})
	if res.Conflicts != 0 {
		t.Fatalf("taking theirs: %+v", res)
	}
	got, err := b.ReviewOf(ctx, r.UnitID, r.Year)
	if err != nil || got.ID != theirs.ID || *got.Households != 901 {
		t.Fatalf("after taking theirs the district holds %+v (%v)", got, err)
	}
	if _, err := b.GetReview(ctx, mine.ID); !data.IsNotFound(err) {
		t.Errorf("the district's own record is still live: %v", err)
	}
	// Back at the province: nothing to decide, one record.
	_, res = importInto(t, a, export(t, b), ApplyOptions{})
	if res.Conflicts != 0 {
		t.Errorf("the province meets a conflict after the district settled it: %+v", res)
	}
	if got, err := a.ReviewOf(ctx, r.UnitID, r.Year); err != nil || got.ID != theirs.ID {
		t.Errorf("the province holds %v (%v)", got.ID, err)
	}
}

// TestAPackageOfAnOlderSchemaIsUpgradedOnItsCopy: a package an older program wrote (schema 3,
// before the exchange tables) is checked against that schema, brought up to date on the private
// copy and imported.
func TestAPackageOfAnOlderSchemaIsUpgradedOnItsCopy(t *testing.T) {
	ctx := context.Background()
	a := province(t)
	const old = 3
	content := filepath.Join(t.TempDir(), "cu.db")
	if err := data.CreatePackageFileAt(ctx, content, old); err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	// Fill it as the older program did: the record tables, as they are.
	conn, err := a.DBForTests().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "ATTACH DATABASE ? AS old", content); err != nil {
		t.Fatal(err)
	}
	for _, k := range data.Kinds() {
		// The columns the older schema has (later ones, such as the villages' planned NTM year of
		// schema 8, it has not).
		rows, err := conn.QueryContext(ctx, fmt.Sprintf("SELECT name FROM pragma_table_info('%s', 'old')", k.Table))
		if err != nil {
			t.Fatal(err)
		}
		had := map[string]bool{}
		for rows.Next() {
			var name string
			rows.Scan(&name)
			had[name] = true
		}
		rows.Close()
		var kept []string
		for _, c := range k.Columns() {
			if had[c] {
				kept = append(kept, c)
			}
		}
		if len(kept) == 0 {
			continue // a kind of a later schema (the report drafts of schema 9)
		}
		cols := strings.Join(kept, ", ")
		res, err := conn.ExecContext(ctx, fmt.Sprintf("INSERT INTO old.%s (%s) SELECT %s FROM main.%s", k.Table, cols, cols, k.Table))
		if err != nil {
			t.Fatal(err)
		}
		n, _ := res.RowsAffected()
		counts[k.Table] = int(n)
	}
	conn.ExecContext(ctx, "DETACH DATABASE old")
	m := Manifest{Format: FormatVersion, Program: "0.0.9", Schema: old, OfficeID: a.OfficeID(), OfficeName: "Tỉnh", ExportedAt: datatest.Clock, Counts: counts}
	var buf bytes.Buffer
	key, err := OwnKey(a)
	if err != nil {
		t.Fatal(err)
	}
	signersMu.Lock()
	signers[base64.StdEncoding.EncodeToString(key.Public())] = key.Private
	signersMu.Unlock()
	if err := writePackage(&buf, m, content, key.Private); err != nil {
		t.Fatal(err)
	}
	pkg := filepath.Join(t.TempDir(), "cu.knx")
	os.WriteFile(pkg, buf.Bytes(), 0o644)
	b := datatest.MustOpen(t)
	_, res := importInto(t, b, pkg, ApplyOptions{})
	if res.Added == 0 {
		t.Fatalf("nothing imported from the older package: %+v", res)
	}
	// The same older package with a trigger of its own is still refused.
	evil := rewrap(t, pkg, func(c string) {
		datatest.Exec(t, c, "CREATE TRIGGER evil AFTER INSERT ON reviews BEGIN DELETE FROM units; END")
	}, nil)
	if err := tryImport(b, evil); err == nil || !strings.Contains(data.Message(err), "thành phần lạ") {
		t.Errorf("older package with a trigger: %v", err)
	}
}

func TestWriteErrorsSayWhatToDo(t *testing.T) {
	for _, c := range []struct {
		name string
		err  error
		want string
	}{
		{"a full drive says so", &os.PathError{Op: "write", Err: syscall.ENOSPC}, "đã đầy"},
		{"a read-only drive says to unlock it", &os.PathError{Op: "open", Err: syscall.EROFS}, "chỉ đọc"},
		{"no permission says to choose another folder", &os.PathError{Op: "open", Err: os.ErrPermission}, "chọn thư mục khác"},
		{"a missing folder says to choose a real one", &os.PathError{Op: "open", Err: os.ErrNotExist}, "có thật"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if msg := data.Message(writeError("E:\\goi.knx", c.err)); !strings.Contains(msg, c.want) || !strings.Contains(msg, "E:\\goi.knx") {
				t.Errorf("%q does not say %q", msg, c.want)
			}
		})
	}
}

// TestUnitsCreatedTwiceAreLinkedByTheirCode: both offices create the same new commune (one
// official code, two IDs). The import refuses until a person links them; linked, the province's
// review of it lands on the district's commune, and the district's village reaches the province
// on the province's commune without anyone linking again.
func TestUnitsCreatedTwiceAreLinkedByTheirCode(t *testing.T) {
	ctx := context.Background()
	a := province(t)
	b := datatest.MustOpen(t)
	importInto(t, b, export(t, a), ApplyOptions{})
	provinces, _, err := a.ListUnits(ctx, data.UnitFilter{Level: data.LevelProvince, At: data.D(2026, 1, 1)})
	if err != nil || len(provinces) == 0 {
		t.Fatal("no province open after the reform", err)
	}
	newCommune := func(s *data.Store) data.Unit {
		u := data.Unit{Level: data.LevelCommune, Kind: "Xã", Code: "99001", Name: "Xã Thử Nghiệm", ParentID: provinces[0].ID, OpenedOn: data.D(2025, 7, 1)}
		if err := s.SaveUnit(ctx, &u); err != nil {
			t.Fatal(err)
		}
		return u
	}
	ua, ub := newCommune(a), newCommune(b)
	rev := data.Review{UnitID: ua.ID, Year: 2025, Households: datatest.Int(300), Poor: datatest.Int(40)}
	if err := a.SaveReview(ctx, &rev); err != nil {
		t.Fatal(err)
	}
	village := data.Unit{Level: data.LevelVillage, Kind: "Thôn", Name: "Thôn Mới", ParentID: ub.ID, OpenedOn: data.D(2025, 7, 1)}
	if err := b.SaveUnit(ctx, &village); err != nil {
		t.Fatal(err)
	}

	o, err := Open(ctx, export(t, a))
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	rv, err := Inspect(ctx, b, o)
	if err != nil {
		t.Fatal(err)
	}
	var clash *Item
	for _, it := range rv.Conflicts() {
		if it.Table == "units" && it.ID == ua.ID && it.ClashID == ub.ID {
			clash = &it
		}
	}
	if clash == nil || clash.CanTakeTheirs() {
		t.Fatalf("the two communes are not offered for linking: %+v", rv.Conflicts())
	}
	if _, err := Apply(ctx, b, o, rv, ApplyOptions{BackupDir: t.TempDir()}); err == nil || !strings.Contains(data.Message(err), "liên kết") {
		t.Fatalf("an unlinked unit clash was imported: %v", err)
	}
	rv, err = Link(ctx, b, o, ua.ID, ub.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rv.Total.Conflicts != 0 {
		t.Fatalf("after linking: %+v", rv.Conflicts())
	}
	if _, err := Apply(ctx, b, o, rv, ApplyOptions{BackupDir: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	got, err := b.ReviewOf(ctx, ub.ID, 2025)
	if err != nil || *got.Households != 300 {
		t.Fatalf("the province's review is not on the district's commune: %v %v", got, err)
	}
	// Back at the province, no question: the village hangs under the province's commune.
	rvA, resA := importInto(t, a, export(t, b), ApplyOptions{})
	if resA.Conflicts != 0 || rvA.Total.Conflicts != 0 {
		t.Fatalf("the province is asked again: %+v", rvA.Conflicts())
	}
	v, err := a.GetUnit(ctx, village.ID)
	if err != nil || v.ParentID != ua.ID {
		t.Fatalf("the district's village at the province: %+v %v", v, err)
	}
}

// TestStaleTemporaryFoldersAreSwept: folders a killed export or import left more than a day ago
// are removed at the next one; a fresh one (another program at work) is left alone.
func TestStaleTemporaryFoldersAreSwept(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	old, fresh := filepath.Join(tmp, "ketnghia-goi-1"), filepath.Join(tmp, "ketnghia-xuat-2")
	for _, d := range []string{old, fresh} {
		os.MkdirAll(d, 0o755)
		os.WriteFile(filepath.Join(d, "goi.db"), []byte("x"), 0o644)
	}
	past := time.Now().Add(-48 * time.Hour)
	os.Chtimes(old, past, past)
	if _, err := Open(context.Background(), filepath.Join(tmp, "none.knx")); err == nil {
		t.Fatal("a missing package opened")
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Error("a folder left two days ago is still there")
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Error("a fresh folder was removed")
	}
}

// copyOf is a copy of the store's file, as an office makes one for a second computer: the same
// office identity.
func copyOf(t *testing.T, s *data.Store) *data.Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ban-chep.db")
	if _, err := s.DBForTests().Exec("VACUUM INTO ?", path); err != nil {
		t.Fatal(err)
	}
	return datatest.MustOpenAt(t, path)
}

// TestACopyOfTheDatabaseMergesWithoutLosingEitherSidesWork: a package of this database (or of a
// copy of it) is imported, not refused; the same records change nothing, twice; once the two copies
// have exchanged, each side's edits merge; before that, a record that differs is a conflict, never
// silently one side's.
func TestACopyOfTheDatabaseMergesWithoutLosingEitherSidesWork(t *testing.T) {
	a := province(t)
	b := copyOf(t, a)
	fresh := copyOf(t, a)
	for i := range 2 {
		rv, res := importInto(t, b, export(t, a), ApplyOptions{})
		if !rv.FromCopy || res.Added+res.Updated+res.Deleted+res.Conflicts != 0 || res.Unchanged == 0 {
			t.Fatalf("import %d of a copy's package: %+v, from copy %v", i+1, res, rv.FromCopy)
		}
	}
	communes := reviewIDs(t, a, 3)
	setHouseholds(t, a, communes[0], 1001)
	setHouseholds(t, b, communes[1], 2002)
	_, res := importInto(t, b, export(t, a), ApplyOptions{})
	if res.Updated != 1 || res.Conflicts != 0 {
		t.Fatalf("after a first exchange: %+v", res)
	}
	if x, y := *reviewOf(t, b, communes[0]).Households, *reviewOf(t, b, communes[1]).Households; x != 1001 || y != 2002 {
		t.Errorf("copy holds %d and %d, want 1001 (theirs) and 2002 (its own)", x, y)
	}
	// Never exchanged: the other copy's edits are conflicts, and nothing is overwritten unasked.
	setHouseholds(t, fresh, communes[2], 3003)
	rv, res := importInto(t, fresh, export(t, b), ApplyOptions{})
	if res.Conflicts != 3 || res.Updated+res.Added+res.Deleted != 0 || !rv.FromCopy {
		t.Fatalf("copy never exchanged: %+v", res)
	}
	if x, y := *reviewOf(t, fresh, communes[0]).Households, *reviewOf(t, fresh, communes[2]).Households; x == 1001 || y != 3003 {
		t.Errorf("a conflict was settled unasked: %d, %d", x, y)
	}
	_, res = importInto(t, fresh, export(t, b), ApplyOptions{Prefer: "theirs"})
	if x := *reviewOf(t, fresh, communes[0]).Households; x != 1001 || res.Updated != 3 {
		t.Errorf("prefer theirs: %d, %+v", x, res)
	}
}

// TestAnOlderPackageOfACopyNeverTakesItsLaterStateBack: a copy of the database takes the other
// copy's newer package, then its older one (sticks mixed up): the older state of a record the
// same copy wrote later is never taken back silently; it is a conflict for a person (it was
// written over the newer figure, found replaying the sequence by the command line).
func TestAnOlderPackageOfACopyNeverTakesItsLaterStateBack(t *testing.T) {
	a := province(t)
	b := copyOf(t, a)
	importInto(t, b, export(t, a), ApplyOptions{}) // a first exchange: each knows the other's state
	id := reviewIDs(t, a, 1)[0]
	setHouseholds(t, a, id, 500)
	older := export(t, a)
	setHouseholds(t, a, id, 600)
	newer := export(t, a)
	importInto(t, b, newer, ApplyOptions{})
	if x := *reviewOf(t, b, id).Households; x != 600 {
		t.Fatalf("the newer package gave %d", x)
	}
	_, res := importInto(t, b, older, ApplyOptions{})
	if x := *reviewOf(t, b, id).Households; x != 600 || res.Updated != 0 {
		t.Fatalf("the older package took %d back: %+v", x, res)
	}
}

// backupsIn lists the backup files in dir.
func backupsIn(t *testing.T, dir string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.db"))
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// TestTheBackupTakenDuringTheReviewIsTheStateBeforeTheImport: the automatic backup copied while the
// package is opened and reviewed is the one used when nothing changed meanwhile; an edit made
// meanwhile sets it aside for a new one, so undo brings back the edit too; an import that does not
// happen leaves no backup behind.
func TestTheBackupTakenDuringTheReviewIsTheStateBeforeTheImport(t *testing.T) {
	ctx := context.Background()
	a := province(t)
	pkg := export(t, a)
	for _, editMeanwhile := range []bool{false, true} {
		b := datatest.MustOpen(t)
		importInto(t, b, export(t, a), ApplyOptions{})
		id := reviewIDs(t, b, 1)[0]
		setHouseholds(t, a, id, 4004)
		pkg = export(t, a)
		dir := t.TempDir()
		early := StartBackup(ctx, b, dir)
		o, err := Open(ctx, pkg)
		if err != nil {
			t.Fatal(err)
		}
		rv, err := Inspect(ctx, b, o)
		if err != nil {
			t.Fatal(err)
		}
		if editMeanwhile {
			<-early.done // copied before the edit
			other := reviewIDs(t, b, 2)[1]
			setHouseholds(t, b, other, 555)
		}
		want := fingerprints(t, b)
		res, err := Apply(ctx, b, o, rv, ApplyOptions{Backup: early, BackupDir: dir})
		o.Close()
		if err != nil || res.Updated != 1 {
			t.Fatalf("import: %+v %v", res, err)
		}
		if files := backupsIn(t, dir); len(files) != 1 || files[0] != res.Backup {
			t.Errorf("edit meanwhile %v: backups %v, the import used %s", editMeanwhile, files, res.Backup)
		}
		if _, err := Undo(ctx, b); err != nil {
			t.Fatal(err)
		}
		got := fingerprints(t, b)
		for k, v := range want {
			if got[k] != v {
				t.Fatalf("edit meanwhile %v: undo did not bring back %s as it was just before the import", editMeanwhile, k)
			}
		}
	}
	// Refused, or never applied: no backup left.
	b := datatest.MustOpen(t)
	dir := t.TempDir()
	early := StartBackup(ctx, b, dir)
	if _, err := Open(ctx, filepath.Join(t.TempDir(), "khong-co.knx")); err == nil {
		t.Fatal("a missing package opened")
	}
	early.Discard()
	if files := backupsIn(t, dir); len(files) != 0 {
		t.Errorf("a backup was left by an import that did not happen: %v", files)
	}
}

// A committee's report draft travels like every record: the office that receives the package holds
// it whole, its paragraphs with what they were drafted from.
func TestADraftTravelsInAPackage(t *testing.T) {
	ctx := context.Background()
	a := province(t)
	drafts, err := a.ListDrafts(ctx)
	if err != nil || len(drafts) != 1 {
		t.Fatalf("the sample's drafts: %d %v", len(drafts), err)
	}
	drafts[0].Sections[1].Paragraphs[0].Text = "Đoạn văn do văn phòng tỉnh viết lại."
	if err := a.SaveDraft(ctx, &drafts[0]); err != nil {
		t.Fatal(err)
	}
	b := datatest.MustOpen(t)
	importInto(t, b, export(t, a), ApplyOptions{})
	got, err := b.GetDraft(ctx, drafts[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Sections, drafts[0].Sections) || got.Title() != drafts[0].Title() || !got.Sections[1].Paragraphs[0].Edited() {
		t.Errorf("received %+v", got.Sections[1])
	}
}
