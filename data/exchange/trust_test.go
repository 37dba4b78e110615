package exchange

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ketnghia/data"
	"ketnghia/data/datatest"
)

// office is one office of the cycle: its database, opened in December 2026.
type office struct {
	name string
	s    *data.Store
}

// provinceNow is the province's sample database opened in the present.
func provinceNow(t *testing.T) *data.Store {
	t.Helper()
	province(t) // builds the shared file once
	path := filepath.Join(t.TempDir(), "tinh.db")
	datatest.CopyFile(t, provinceFile, path)
	s := datatest.MustOpenOn(t, path, datatest.Present)
	name(t, s, "Văn phòng Ban Chỉ đạo tỉnh", true)
	return s
}

func name(t *testing.T, s *data.Store, office string, approves bool) {
	t.Helper()
	set, err := s.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	set.OfficeName, set.OfficeNamed, set.Approves = office, true, approves
	if err := s.SaveSettings(context.Background(), set); err != nil {
		t.Fatal(err)
	}
}

// communeOffice is a commune's office starting out: a new database that takes the province's
// package (confirming the province's key on first use).
func communeOffice(t *testing.T, fromProvince, label string) *data.Store {
	t.Helper()
	s := datatest.MustOpenOn(t, filepath.Join(t.TempDir(), "xa.db"), datatest.Present)
	name(t, s, label, false)
	importInto(t, s, fromProvince, ApplyOptions{})
	return s
}

// exportNow writes a package of s (scope: official codes) and returns its path.
func exportNow(t *testing.T, s *data.Store, scope ...string) string {
	t.Helper()
	return export(t, s, scope...)
}

func review2026(t *testing.T, s *data.Store, unit string) data.Review {
	t.Helper()
	r, err := s.ReviewOf(context.Background(), unit, 2026)
	if err != nil && !data.IsNotFound(err) {
		t.Fatal(err)
	}
	if r.ID == "" {
		r = data.Review{UnitID: unit, Year: 2026}
	}
	return r
}

// enter writes a commune's 2026 households and poor households.
func enter(s *data.Store, unit string, households, poor int) error {
	r, err := s.ReviewOf(context.Background(), unit, 2026)
	if err != nil && !data.IsNotFound(err) {
		return err
	}
	if r.ID == "" {
		r = data.Review{UnitID: unit, Year: 2026}
	}
	r.Households, r.Poor = datatest.Int(households), datatest.Int(poor)
	return s.SaveReview(context.Background(), &r)
}

func poorOf(t *testing.T, s *data.Store, unit string) int {
	t.Helper()
	r := review2026(t, s, unit)
	if r.Poor == nil {
		return -1
	}
	return *r.Poor
}

func stateOf(t *testing.T, s *data.Store, unit string) data.SubmissionState {
	t.Helper()
	subs, err := s.SubmissionsOf(context.Background(), 2026)
	if err != nil {
		t.Fatal(err)
	}
	if b, ok := subs[unit]; ok {
		return b.State
	}
	return data.StateEntering
}

// TestTheYearsFiguresAreSubmittedAcceptedLockedAndReopenedBetweenThreeOffices plays the whole cycle
// between the province and two communes: each enters its 2026 figures and sends them up; the
// province accepts one and returns the other with a note; the accepted figures are refused at both
// ends (the grid's reviews, a village's status), and a package from below that changes them is
// held, never applied; the province reopens them with a reason, the commune corrects and sends them
// again, and they are accepted.
func TestTheYearsFiguresAreSubmittedAcceptedLockedAndReopenedBetweenThreeOffices(t *testing.T) {
	ctx := context.Background()
	p := provinceNow(t)
	communes, err := p.YearUnits(ctx, data.LevelCommune, 2026)
	if err != nil || len(communes) < 2 {
		t.Fatalf("communes of 2026: %d %v", len(communes), err)
	}
	x1, x2 := communes[0].Unit, communes[1].Unit
	start := exportNow(t, p)
	c1 := communeOffice(t, start, "Đảng ủy "+x1.Name)
	c2 := communeOffice(t, start, "Đảng ủy "+x2.Name)

	// Each commune enters and sends its figures.
	for _, c := range []struct {
		s    *data.Store
		unit *data.Unit
		poor int
	}{{c1, x1, 120}, {c2, x2, 95}} {
		if err := enter(c.s, c.unit.ID, 1000, c.poor); err != nil {
			t.Fatal(err)
		}
		if err := c.s.Decide(ctx, data.ActSubmit, 2026, []string{c.unit.ID}, ""); err != nil {
			t.Fatal(err)
		}
		if err := c.s.Decide(ctx, data.ActAccept, 2026, []string{c.unit.ID}, ""); err == nil || !strings.Contains(data.Message(err), "không duyệt số liệu") {
			t.Errorf("a commune's office accepted its own figures: %v", err)
		}
		pkg := exportNow(t, c.s, c.unit.Code)
		_, res := importInto(t, p, pkg, ApplyOptions{})
		if res.Conflicts != 0 {
			t.Fatalf("the commune's package: %+v", res)
		}
	}
	if stateOf(t, p, x1.ID) != data.StateSent || poorOf(t, p, x1.ID) != 120 || poorOf(t, p, x2.ID) != 95 {
		t.Fatalf("at the province: %s, %d, %d", stateOf(t, p, x1.ID), poorOf(t, p, x1.ID), poorOf(t, p, x2.ID))
	}

	// The province accepts one and returns the other.
	if err := p.Decide(ctx, data.ActReturn, 2026, []string{x2.ID}, ""); err == nil {
		t.Error("returned without a note")
	}
	if err := p.Decide(ctx, data.ActAccept, 2026, []string{x1.ID}, ""); err != nil {
		t.Fatal(err)
	}
	if err := p.Decide(ctx, data.ActReturn, 2026, []string{x2.ID}, "Số hộ nghèo chưa khớp quyết định của xã"); err != nil {
		t.Fatal(err)
	}
	// Refused at the province, with who accepted them and what to do.
	err = enter(p, x1.ID, 1000, 121)
	if !data.IsLocked(err) || !strings.Contains(data.Message(err), "Văn phòng Ban Chỉ đạo tỉnh") || !strings.Contains(data.Message(err), "mở lại") {
		t.Errorf("an accepted figure written at the province: %v", err)
	}
	// A village's status of the year too.
	villages, _ := p.YearUnits(ctx, data.LevelVillage, 2026)
	var village data.Unit
	for _, v := range villages {
		if v.Commune != nil && v.Commune.ID == x1.ID {
			village = *v.Unit
			break
		}
	}
	if village.ID == "" {
		t.Fatal("no village of the accepted commune")
	}
	village.NTMYear = datatest.Int(2026)
	if err := p.SaveUnit(ctx, &village); !data.IsLocked(err) {
		t.Errorf("a village's NTM status of the accepted year was written: %v", err)
	}
	// Below, the figures of the other commune are still open.
	if err := enter(p, x2.ID, 1000, 95); err != nil {
		t.Errorf("a returned commune's figures refused: %v", err)
	}

	// Before the acceptance reaches it, commune 1 changes its figures and sends them: held.
	if err := enter(c1, x1.ID, 1000, 130); err != nil {
		t.Fatal(err)
	}
	before := fingerprints(t, p)
	rv, res := importInto(t, p, exportNow(t, c1, x1.Code), ApplyOptions{Prefer: "theirs"})
	if res.Held != 1 || len(rv.Held()) != 1 || !strings.Contains(rv.Held()[0].Reason, "đã được Văn phòng Ban Chỉ đạo tỉnh") {
		t.Fatalf("a package changing accepted figures: %+v %+v", res, rv.Held())
	}
	if poorOf(t, p, x1.ID) != 120 {
		t.Errorf("the accepted figure became %d", poorOf(t, p, x1.ID))
	}
	after := fingerprints(t, p)
	for k, v := range before {
		if strings.HasPrefix(k, "reviews/") && after[k] != v {
			t.Errorf("%s changed", k)
		}
	}

	// The province's package reaches both communes.
	back := exportNow(t, p)
	importInto(t, c1, back, ApplyOptions{})
	importInto(t, c2, back, ApplyOptions{})
	if stateOf(t, c1, x1.ID) != data.StateAccepted || stateOf(t, c2, x2.ID) != data.StateReturned {
		t.Fatalf("at the communes: %s, %s", stateOf(t, c1, x1.ID), stateOf(t, c2, x2.ID))
	}
	// Refused at the commune's end too; and the commune cannot reopen what the province accepted.
	if err := enter(c1, x1.ID, 1000, 131); !data.IsLocked(err) {
		t.Errorf("an accepted figure written at the commune: %v", err)
	}
	if err := c1.Decide(ctx, data.ActReopen, 2026, []string{x1.ID}, "Sai số"); err == nil {
		t.Error("the commune reopened the province's acceptance")
	}
	// The returned commune corrects and sends again; the province accepts.
	if err := enter(c2, x2.ID, 1000, 90); err != nil {
		t.Fatal(err)
	}
	if err := c2.Decide(ctx, data.ActSubmit, 2026, []string{x2.ID}, ""); err != nil {
		t.Fatal(err)
	}
	importInto(t, p, exportNow(t, c2, x2.Code), ApplyOptions{})
	if stateOf(t, p, x2.ID) != data.StateSent || poorOf(t, p, x2.ID) != 90 {
		t.Fatalf("resubmitted: %s %d", stateOf(t, p, x2.ID), poorOf(t, p, x2.ID))
	}
	if err := p.Decide(ctx, data.ActAccept, 2026, []string{x2.ID}, ""); err != nil {
		t.Fatal(err)
	}

	// The province reopens commune 1 with a reason, recorded in the history.
	if err := p.Decide(ctx, data.ActReopen, 2026, []string{x1.ID}, "Xã đề nghị sửa số hộ nghèo theo quyết định bổ sung"); err != nil {
		t.Fatal(err)
	}
	subs, _ := p.SubmissionsOf(ctx, 2026)
	hist, err := p.History(ctx, "submissions", subs[x1.ID].ID)
	if err != nil {
		t.Fatal(err)
	}
	var reason bool
	for _, h := range hist {
		reason = reason || h.Field == "note" && strings.Contains(h.New, "quyết định bổ sung")
	}
	if !reason {
		t.Errorf("the reopening's reason is not in the history: %+v", hist)
	}
	if err := enter(p, x1.ID, 1000, 120); err != nil {
		t.Errorf("reopened figures refused at the province: %v", err)
	}
	importInto(t, c1, exportNow(t, p), ApplyOptions{})
	if stateOf(t, c1, x1.ID) != data.StateReopened {
		t.Fatalf("the reopening did not reach the commune: %s", stateOf(t, c1, x1.ID))
	}
	if err := enter(c1, x1.ID, 1000, 125); err != nil {
		t.Fatalf("reopened figures refused at the commune: %v", err)
	}
	if err := c1.Decide(ctx, data.ActSubmit, 2026, []string{x1.ID}, ""); err != nil {
		t.Fatal(err)
	}
	_, res = importInto(t, p, exportNow(t, c1, x1.Code), ApplyOptions{Prefer: "theirs"})
	if res.Held != 0 || poorOf(t, p, x1.ID) != 125 || stateOf(t, p, x1.ID) != data.StateSent {
		t.Fatalf("resubmitted after the reopening: %+v, %d, %s", res, poorOf(t, p, x1.ID), stateOf(t, p, x1.ID))
	}
	if err := p.Decide(ctx, data.ActAccept, 2026, []string{x1.ID}, ""); err != nil {
		t.Fatal(err)
	}
}

// TestADecisionCanOnlyComeFromTheOfficeThatTookIt: a commune's package that says its figures were
// accepted (or that reopens figures the province accepted) is held, never applied.
func TestADecisionCanOnlyComeFromTheOfficeThatTookIt(t *testing.T) {
	ctx := context.Background()
	p := provinceNow(t)
	communes, _ := p.YearUnits(ctx, data.LevelCommune, 2026)
	x := communes[0].Unit
	c := communeOffice(t, exportNow(t, p), "Đảng ủy "+x.Name)
	if err := enter(c, x.ID, 800, 80); err != nil {
		t.Fatal(err)
	}
	// The commune's office claims to accept its own figures (as a forged program would).
	set, _ := c.Settings(ctx)
	set.Approves = true
	c.SaveSettings(ctx, set)
	if err := c.Decide(ctx, data.ActSubmit, 2026, []string{x.ID}, ""); err != nil {
		t.Fatal(err)
	}
	if err := c.Decide(ctx, data.ActAccept, 2026, []string{x.ID}, ""); err != nil {
		t.Fatal(err)
	}
	rv, res := importInto(t, p, exportNow(t, c, x.Code), ApplyOptions{Prefer: "theirs"})
	if res.Held != 1 || stateOf(t, p, x.ID) != data.StateEntering {
		t.Fatalf("a commune's own acceptance: %+v %+v, state %s", res, rv.Held(), stateOf(t, p, x.ID))
	}
}

// rawPackage reads a package's parts as written: the head, the manifest's bytes, the rest.
func rawPackage(t *testing.T, path string) (m Manifest, manifest []byte, rest []byte) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n := binary.BigEndian.Uint32(b[len(magic):])
	manifest = b[len(magic)+4 : len(magic)+4+int(n)]
	if err := json.Unmarshal(manifest, &m); err != nil {
		t.Fatal(err)
	}
	return m, manifest, b[len(magic)+4+int(n)+sha256.Size:]
}

// writeRaw writes a package of the parts, the manifest's own checksum right (a forger's work).
func writeRaw(t *testing.T, manifest, rest []byte) string {
	t.Helper()
	var b bytes.Buffer
	b.WriteString(magic)
	binary.Write(&b, binary.BigEndian, uint32(len(manifest)))
	b.Write(manifest)
	sum := sha256.Sum256(manifest)
	b.Write(sum[:])
	b.Write(rest)
	out := filepath.Join(t.TempDir(), "gia.knx")
	if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestForgedAndUnknownPackagesAreRefusedAndWriteNothing: a package unsigned, signed by an office's
// first key (until a person confirms it), by a key other than the one confirmed for its office,
// or with its key, its signature or its content changed after signing is refused with a sentence
// saying so, and nothing is written.
func TestForgedAndUnknownPackagesAreRefusedAndWriteNothing(t *testing.T) {
	ctx := context.Background()
	p := provinceNow(t)
	communes, _ := p.YearUnits(ctx, data.LevelCommune, 2026)
	x := communes[0].Unit
	c := communeOffice(t, exportNow(t, p), "Đảng ủy "+x.Name)
	if err := enter(c, x.ID, 700, 70); err != nil {
		t.Fatal(err)
	}
	good := exportNow(t, c, x.Code)
	m, manifest, rest := rawPackage(t, good)

	// The office's first package: refused until a person confirms its key.
	o, err := Open(ctx, good)
	if err != nil {
		t.Fatal(err)
	}
	before := fingerprints(t, p)
	_, err = Inspect(ctx, p, o)
	ke, ok := AsKeyError(err)
	if !ok || ke.Trust != KeyNew || !strings.Contains(ke.Message(), ke.Fingerprint.Digits) || !strings.Contains(ke.Message(), "gọi điện") {
		t.Fatalf("a first package: %v", err)
	}
	o.Close()

	// Another key for the office the province now knows (a second computer, or a forger).
	trusted := func() {
		o, _ := Open(ctx, good)
		defer o.Close()
		if err := TrustKey(ctx, p, o); err != nil {
			t.Fatal(err)
		}
	}
	trusted()
	otherKey := filepath.Join(t.TempDir(), "khac.db")
	datatest.CopyFile(t, c.Path(), otherKey)
	copyStore := datatest.MustOpenOn(t, otherKey, datatest.Present)
	byOtherKey := exportNow(t, copyStore, x.Code)

	unsigned := func() string {
		var mm Manifest
		json.Unmarshal(manifest, &mm)
		mm.Format, mm.SignKey = 1, ""
		js, _ := json.Marshal(mm)
		return writeRaw(t, js, rest[:len(rest)-sigLen])
	}()
	keyChanged := func() string {
		_, forged, _ := rawPackage(t, byOtherKey)
		var other Manifest
		json.Unmarshal(forged, &other)
		mm := m
		mm.SignKey = other.SignKey
		js, _ := json.Marshal(mm)
		return writeRaw(t, js, rest)
	}()
	sigChanged := func() string {
		r := bytes.Clone(rest)
		r[len(r)-5] ^= 0x40
		return writeRaw(t, manifest, r)
	}()
	contentChanged := func() string {
		// A byte of the compressed content changed, and the trailer's checksum made right again.
		r := bytes.Clone(rest)
		body := r[:len(r)-sha256.Size-sigLen]
		body[len(body)/2] ^= 0x01
		sum := sha256.Sum256(body)
		copy(r[len(body):], sum[:])
		return writeRaw(t, manifest, r)
	}()
	officeChanged := func() string {
		mm := m
		mm.OfficeName = "Văn phòng Ban Chỉ đạo tỉnh"
		js, _ := json.Marshal(mm)
		return writeRaw(t, js, rest)
	}()
	for name, tc := range map[string]struct{ path, want string }{
		"unsigned":                     {unsigned, "không có chữ ký số"},
		"signed by another key":        {byOtherKey, "khóa khác"},
		"key replaced after signing":   {keyChanged, "chữ ký số không khớp"},
		"signature altered":            {sigChanged, "chữ ký số không khớp"},
		"content altered after":        {contentChanged, "chữ ký số không khớp"},
		"office renamed after signing": {officeChanged, "chữ ký số không khớp"},
	} {
		t.Run(name, func(t *testing.T) {
			err := tryImportNoTrust(p, tc.path)
			if err == nil || !strings.Contains(data.Message(err), tc.want) {
				t.Errorf("got %v, want a refusal saying %q", err, tc.want)
			}
		})
	}
	after := fingerprints(t, p)
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s changed by a refused package", k)
		}
	}
	if len(after) != len(before) {
		t.Errorf("%d records before, %d after", len(before), len(after))
	}
	// The confirmed key's package is taken.
	if err := tryImportNoTrust(p, good); err != nil {
		t.Errorf("the confirmed office's package: %v", err)
	}
	// The history says which key signed it.
	hs, _ := History(ctx, p)
	if len(hs) == 0 || !strings.Contains(hs[0].Note, KeyFingerprint(m.SignKey).Digits) {
		t.Errorf("the import's history does not name the key: %+v", hs[0])
	}
}

// tryImportNoTrust imports a package as it stands, confirming nothing.
func tryImportNoTrust(s *data.Store, path string) error {
	ctx := context.Background()
	o, err := Open(ctx, path)
	if err != nil {
		return err
	}
	defer o.Close()
	rv, err := Inspect(ctx, s, o)
	if err != nil {
		return err
	}
	_, err = Apply(ctx, s, o, rv, ApplyOptions{BackupDir: os.TempDir()})
	return err
}

// TestTheKeyFileMissingOrUnreadable: a database copied without its key file signs with a new key
// (seen elsewhere as a new key for the office); a key file that cannot be read stops the export
// with a sentence, leaves no package and is never replaced.
func TestTheKeyFileMissingOrUnreadable(t *testing.T) {
	ctx := context.Background()
	s := datatest.MustOpen(t)
	first, err := OwnKey(s)
	if err != nil || !first.Created {
		t.Fatalf("first key: %+v %v", first, err)
	}
	again, err := OwnKey(s)
	if err != nil || again.Created || !bytes.Equal(again.Private, first.Private) {
		t.Fatalf("the key is not kept: %v", err)
	}
	os.Remove(first.Path)
	fresh, err := OwnKey(s)
	if err != nil || !fresh.Created || bytes.Equal(fresh.Private, first.Private) {
		t.Fatalf("a missing key file: %v", err)
	}
	if err := os.WriteFile(first.Path, []byte("không phải khóa"), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "goi.knx")
	_, err = Export(ctx, s, out, ExportOptions{Program: "test"})
	if msg := data.Message(err); !strings.Contains(msg, "Không đọc được tệp khóa ký") || !strings.Contains(msg, first.Path) {
		t.Errorf("an unreadable key file: %v", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("a package was written without a key")
	}
	if b, _ := os.ReadFile(first.Path); string(b) != "không phải khóa" {
		t.Error("the unreadable key file was replaced")
	}
	// Every fingerprint word is one of a kind.
	seen := map[string]bool{}
	for _, w := range fingerprintWords {
		if w == "" || seen[w] {
			t.Errorf("fingerprint word %q", w)
		}
		seen[w] = true
	}
}

// TestTheAcceptingOfficesCorrectionReachesTheCommune: the province reopens figures it accepted,
// corrects them and accepts them again; its package brings the corrected figures to the commune,
// where they were locked, with nothing held.
func TestTheAcceptingOfficesCorrectionReachesTheCommune(t *testing.T) {
	ctx := context.Background()
	p := provinceNow(t)
	communes, _ := p.YearUnits(ctx, data.LevelCommune, 2026)
	x := communes[0].Unit
	c := communeOffice(t, exportNow(t, p), "Đảng ủy "+x.Name)
	if err := enter(c, x.ID, 900, 90); err != nil {
		t.Fatal(err)
	}
	if err := c.Decide(ctx, data.ActSubmit, 2026, []string{x.ID}, ""); err != nil {
		t.Fatal(err)
	}
	importInto(t, p, exportNow(t, c, x.Code), ApplyOptions{})
	if err := p.Decide(ctx, data.ActAccept, 2026, []string{x.ID}, ""); err != nil {
		t.Fatal(err)
	}
	importInto(t, c, exportNow(t, p), ApplyOptions{})
	if err := p.Decide(ctx, data.ActReopen, 2026, []string{x.ID}, "Sửa theo quyết định bổ sung"); err != nil {
		t.Fatal(err)
	}
	if err := enter(p, x.ID, 900, 88); err != nil {
		t.Fatal(err)
	}
	if err := p.Decide(ctx, data.ActSubmit, 2026, []string{x.ID}, ""); err != nil {
		t.Fatal(err)
	}
	if err := p.Decide(ctx, data.ActAccept, 2026, []string{x.ID}, ""); err != nil {
		t.Fatal(err)
	}
	_, res := importInto(t, c, exportNow(t, p), ApplyOptions{})
	if res.Held != 0 || poorOf(t, c, x.ID) != 88 || stateOf(t, c, x.ID) != data.StateAccepted {
		t.Fatalf("the province's correction at the commune: %+v, poor %d, %s", res, poorOf(t, c, x.ID), stateOf(t, c, x.ID))
	}
	if err := enter(c, x.ID, 900, 87); !data.IsLocked(err) {
		t.Errorf("the corrected figures are not locked at the commune: %v", err)
	}
}
