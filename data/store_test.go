package data_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
	"ketnghia/data"
	"ketnghia/data/datatest"
)

var ctx = context.Background()

func TestMigrationsFromEmpty(t *testing.T) {
	s := datatest.MustOpen(t)
	st, err := s.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.OfficeID == "" || st.SuperiorBody != "TỈNH ỦY KON TUM" {
		t.Errorf("new database settings = %+v", st)
	}
	causes, _ := s.CauseGroups(ctx)
	if len(causes) != 10 {
		t.Errorf("cause groups = %d, want 10", len(causes))
	}
	targets, _ := s.Targets(ctx)
	if len(targets) != 6 {
		t.Errorf("targets = %d, want the 6 of DOMAIN §2", len(targets))
	}
	sets, _ := s.CriteriaSets(ctx)
	counts := map[string]int{}
	for _, set := range sets {
		cs, _ := s.Criteria(ctx, set.ID)
		counts[set.Code] = len(cs)
	}
	if counts["NTM-XA-2021"] != 19 || counts["YTE-XA-2030"] != 10 || counts["NTM-THON-DTTS"] == 0 {
		t.Errorf("criteria per set = %v", counts)
	}
	// Reopening applies nothing twice and keeps the office identity.
	path := s.Path()
	s.Close()
	s2 := datatest.MustOpenAt(t, path)
	st2, _ := s2.Settings(ctx)
	if st2.OfficeID != st.OfficeID {
		t.Errorf("office id changed on reopen: %s → %s", st.OfficeID, st2.OfficeID)
	}
	// Two databases share the IDs of reference records, so merging never duplicates them.
	other := datatest.MustOpen(t)
	t2, _ := other.Targets(ctx)
	if t2[0].ID != targets[0].ID {
		t.Error("reference targets must have the same IDs in every database")
	}
}

func TestRefuseForeignFiles(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name    string
		content func(path string)
		want    string
	}{
		{"plain text file", func(p string) { os.WriteFile(p, []byte("Họ và tên,Số hộ\nA,1\n"), 0o644) }, "không phải là cơ sở dữ liệu KetNghia"},
		{"another program's SQLite file", func(p string) {
			s := datatest.MustOpenAt(t, filepath.Join(dir, "tmp.db"))
			s.Close()
			b, _ := os.ReadFile(filepath.Join(dir, "tmp.db"))
			copy(b[68:72], []byte{0, 0, 0, 7}) // another application_id
			os.WriteFile(p, b, 0o644)
		}, "chương trình khác"},
		{"a file from a newer KetNghia", func(p string) {
			s := datatest.MustOpenAt(t, filepath.Join(dir, "tmp2.db"))
			s.Close()
			b, _ := os.ReadFile(filepath.Join(dir, "tmp2.db"))
			copy(b[60:64], []byte{0, 0, 0, 99}) // user_version 99
			os.WriteFile(p, b, 0o644)
		}, "phiên bản KetNghia mới hơn"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "_"))
			c.content(p)
			before, _ := os.ReadFile(p)
			_, err := data.Open(ctx, p, data.Options{})
			if err == nil || !strings.Contains(data.Message(err), c.want) {
				t.Fatalf("Open = %v, want a refusal saying %q", err, c.want)
			}
			after, _ := os.ReadFile(p)
			if !bytes.Equal(before, after) {
				t.Error("refused file was changed")
			}
			if _, err := os.Stat(p + "-wal"); err == nil {
				t.Error("refused file got a -wal beside it")
			}
		})
	}
}

func TestRoundTripEveryEntity(t *testing.T) {
	s := datatest.MustOpen(t)
	tr := datatest.MustTree(t, s)
	left, ntm := 2020, 2024

	u := tr.Commune
	u.KeyDBKK, u.LeftDBKKYear, u.NTMYear, u.NTMDecision, u.NTMDate, u.HealthYear, u.Pilot, u.Note =
		true, &left, &ntm, "QĐ 12/QĐ-UBND", data.D(2024, 12, 20), &left, data.PilotDistrict, "ghi chú"
	mustSave(t, s.SaveUnit(ctx, &u))
	gotU, err := s.GetUnit(ctx, u.ID)
	mustSave(t, err)
	assertSame(t, "unit", u, gotU)

	tw := data.TwinningUnit{Name: "Sở Tài chính", Level: data.TwinProvince, Kind: data.TwinState, Head: "Nguyễn Văn A", Contact: "Trần Thị B", Phone: "0260 3862 123"}
	mustSave(t, s.SaveTwinningUnit(ctx, &tw))
	gotT, _ := s.GetTwinningUnit(ctx, tw.ID)
	assertSame(t, "twinning unit", tw, gotT)

	as := data.Assignment{TwinningUnitID: tw.ID, UnitID: u.ID, Start: data.D(2016, 9, 1), Note: "theo QĐ 1"}
	mustSave(t, s.SaveAssignment(ctx, &as))
	gotA, _ := s.GetAssignment(ctx, as.ID)
	assertSame(t, "assignment", as, gotA)

	ac := data.Activity{TwinningUnitID: tw.ID, UnitID: tr.Village.ID, On: data.D(2024, 2, 1), Kind: data.ActGift, Description: "Tặng quà Tết", CashVND: 15000000, InKindVND: 4500000}
	mustSave(t, s.SaveActivity(ctx, &ac))
	gotAc, _ := s.GetActivity(ctx, ac.ID)
	assertSame(t, "activity", ac, gotAc)

	causes, _ := s.CauseGroups(ctx)
	r := data.Review{UnitID: tr.Village.ID, Year: 2024, Households: datatest.Int(120), EMHouseholds: datatest.Int(110), People: datatest.Int(520),
		Poor: datatest.Int(30), NearPoor: datatest.Int(20), PoorEM: datatest.Int(29), PoorByCause: map[string]int{causes[0].Code: 12, causes[1].Code: 8},
		PartyCell: datatest.Bool(true), GridHouseholds: datatest.Int(100), RoadAllYear: datatest.Bool(false), Cultural: datatest.Bool(true), Note: "rà soát"}
	mustSave(t, s.SaveReview(ctx, &r))
	gotR, _ := s.GetReview(ctx, r.ID)
	assertSame(t, "review", r, gotR)
	if gotR.People == nil || gotR.EMPeople15to60 != nil {
		t.Error("unknown counts must stay nil, known ones set")
	}

	cr := data.Review{UnitID: tr.Commune.ID, Year: 2024, Households: datatest.Int(900), EMPeople15to60: datatest.Int(1500), EMIlliterate15to60: datatest.Int(310),
		EmployedWorkers: datatest.Int(1800), EmployedUntrained: datatest.Int(1500), RoadKm: datatest.Float(23.5), RoadUnpavedKm: datatest.Float(12.25)}
	mustSave(t, s.SaveReview(ctx, &cr))
	gotCR, _ := s.ReviewOf(ctx, tr.Commune.ID, 2024)
	assertSame(t, "commune review", cr, gotCR)

	cl := data.Classification{UnitID: u.ID, RuleSet: "QD50-2016", FromYear: 2016, ToYear: 2020, Class: data.KV3, Decision: "QĐ 582/QĐ-TTg"}
	mustSave(t, s.SaveClassification(ctx, &cl))
	cls, _ := s.ClassificationsOf(ctx, u.ID)
	if len(cls) != 1 {
		t.Fatalf("classifications = %d", len(cls))
	}
	assertSame(t, "classification", cl, cls[0])

	sets, _ := s.CriteriaSets(ctx)
	var ntmSet data.CriteriaSet
	for _, set := range sets {
		if set.Code == "NTM-XA-2021" {
			ntmSet = set
		}
	}
	res := data.CriteriaResult{UnitID: u.ID, SetID: ntmSet.ID, Year: 2024, Scores: map[int]float64{1: 1, 2: 0, 19: 1}}
	mustSave(t, s.SaveCriteriaResult(ctx, &res))
	gotRes, _ := s.CriteriaResults(ctx, ntmSet.ID, 2024, u.ID)
	assertSame(t, "criteria result", res, gotRes[0])

	set := data.CriteriaSet{Code: "THU", Name: "Bộ thử", Level: data.LevelVillage, FromYear: 2022, ToYear: 2025, Provisional: true}
	mustSave(t, s.SaveCriteriaSet(ctx, &set))
	gotSet, _ := s.GetCriteriaSet(ctx, set.ID)
	assertSame(t, "criteria set", set, gotSet)
	crit := data.Criterion{SetID: set.ID, Number: 1, Name: "Giao thông", MaxPoints: datatest.Float(20)}
	mustSave(t, s.SaveCriterion(ctx, &crit))
	gotCrit, _ := s.Criteria(ctx, set.ID)
	assertSame(t, "criterion", crit, gotCrit[0])

	tg := data.Target{Code: "T1", Metric: "poverty_rate", Name: "Tỷ lệ hộ nghèo dưới 10%", Comparator: data.CmpLess, Threshold: 10, DeadlineYear: 2025, BaselineYear: 2016}
	mustSave(t, s.SaveTarget(ctx, &tg))
	tgs, _ := s.Targets(ctx)
	found := false
	for _, x := range tgs {
		if x.ID == tg.ID {
			assertSame(t, "target", tg, x)
			found = true
		}
	}
	if !found {
		t.Error("target not listed")
	}

	newC := data.Unit{Level: data.LevelCommune, Kind: "Xã", Code: "23411", Name: "Xã Mới", ParentID: tr.Province.ID, OpenedOn: data.D(2025, 7, 1)}
	mustSave(t, s.SaveUnit(ctx, &newC))
	link := data.UnitLink{PredecessorID: u.ID, SuccessorID: newC.ID, EffectiveOn: data.D(2025, 7, 1), Kind: data.LinkMerge, LegalBasis: "NQ 1677/NQ-UBTVQH15"}
	mustSave(t, s.SaveUnitLink(ctx, &link))
	succ, _ := s.Successors(ctx, u.ID)
	assertSame(t, "link", link, succ[0])
}

func mustSave(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%v", err)
	}
}

// assertSame compares a saved value with the one read back, ignoring the instant fields'
// monotonic clock readings.
func assertSame(t *testing.T, what string, want, got any) {
	t.Helper()
	if !reflect.DeepEqual(want, got) { // a Moment has no location or clock reading to tell apart
		t.Errorf("%s round trip:\n saved %+v\n  read %+v", what, want, got)
	}
}

func TestNFCOnEveryWrite(t *testing.T) {
	s := datatest.MustOpen(t)
	tr := datatest.MustTree(t, s)
	v := data.Unit{Level: data.LevelVillage, Kind: "Thôn", Name: norm.NFD.String("Thôn  Đắk Rơ Nga "), ParentID: tr.Commune.ID}
	mustSave(t, s.SaveUnit(ctx, &v))
	got, _ := s.GetUnit(ctx, v.ID)
	if got.Name != "Thôn Đắk Rơ Nga" || !norm.NFC.IsNormalString(got.Name) {
		t.Errorf("stored name %q is not NFC and trimmed", got.Name)
	}
	tw := data.TwinningUnit{Name: norm.NFD.String("Hội Nông dân tỉnh"), Level: data.TwinProvince, Kind: data.TwinMass}
	mustSave(t, s.SaveTwinningUnit(ctx, &tw))
	gotT, _ := s.GetTwinningUnit(ctx, tw.ID)
	if !norm.NFC.IsNormalString(gotT.Name) {
		t.Error("twinning unit name not NFC")
	}
}

func TestChangeLogKeepsOldValues(t *testing.T) {
	s := datatest.MustOpen(t)
	tr := datatest.MustTree(t, s)
	wctx := data.WithPerson(ctx, "Y Thị Hoa")
	v := tr.Village
	v.Name = "Làng Đăk Ang Mới"
	if err := s.SaveUnit(wctx, &v); err != nil {
		t.Fatal(err)
	}
	if v.Version != 2 {
		t.Errorf("version after one change = %d, want 2", v.Version)
	}
	hist, err := s.History(ctx, "units", v.ID)
	if err != nil {
		t.Fatal(err)
	}
	var nameChange *data.Change
	for i := range hist {
		if hist[i].Field == "name" {
			nameChange = &hist[i]
		}
	}
	if nameChange == nil || nameChange.Old != "Làng Đăk Ang" || nameChange.New != "Làng Đăk Ang Mới" || nameChange.Person != "Y Thị Hoa" || nameChange.OfficeID != s.OfficeID() {
		t.Errorf("history = %+v", hist)
	}
	// Saving an unchanged record changes nothing.
	if err := s.SaveUnit(wctx, &v); err != nil {
		t.Fatal(err)
	}
	if v.Version != 2 {
		t.Error("unchanged save bumped the version")
	}
	// A stale copy is refused.
	stale := tr.Village
	stale.Note = "khác"
	if err := s.SaveUnit(ctx, &stale); !data.IsConflict(err) {
		t.Errorf("stale save = %v, want conflict", err)
	}
}

func TestTombstonesHideAndKeep(t *testing.T) {
	s := datatest.MustOpen(t)
	tr := datatest.MustTree(t, s)
	tw := data.TwinningUnit{Name: "Sở Y tế", Level: data.TwinProvince, Kind: data.TwinState}
	mustSave(t, s.SaveTwinningUnit(ctx, &tw))
	ac := data.Activity{TwinningUnitID: tw.ID, UnitID: tr.Village.ID, On: data.D(2024, 5, 1), Kind: data.ActVisit}
	mustSave(t, s.SaveActivity(ctx, &ac))
	if err := s.DeleteActivity(ctx, ac.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetActivity(ctx, ac.ID); !data.IsNotFound(err) {
		t.Errorf("deleted activity still found: %v", err)
	}
	list, _ := s.ListActivities(ctx, data.ActivityFilter{TwinningUnitID: tw.ID})
	if len(list) != 0 {
		t.Error("deleted activity still listed")
	}
	m, err := s.RecordMeta(ctx, "activities", ac.ID)
	if err != nil || !m.Deleted || m.Version != 2 {
		t.Errorf("tombstone = %+v, %v; want kept, deleted, version 2", m, err)
	}
	if err := s.DeleteActivity(ctx, ac.ID); !data.IsNotFound(err) {
		t.Error("deleting twice must say not found")
	}
	if err := s.DeleteUnit(ctx, tr.Commune.ID); !data.IsConflict(err) {
		t.Errorf("deleting a commune with villages = %v, want conflict", err)
	}
	hist, _ := s.History(ctx, "activities", ac.ID)
	if last := hist[len(hist)-1]; last.Field != "deleted" || last.New != "1" {
		t.Errorf("delete not in history: %+v", hist)
	}
}

func TestReassignKeepsHistory(t *testing.T) {
	s := datatest.MustOpen(t)
	tr := datatest.MustTree(t, s)
	a := data.TwinningUnit{Name: "Sở Xây dựng", Level: data.TwinProvince, Kind: data.TwinState}
	b := data.TwinningUnit{Name: "Công an tỉnh", Level: data.TwinProvince, Kind: data.TwinArmed}
	mustSave(t, s.SaveTwinningUnit(ctx, &a))
	mustSave(t, s.SaveTwinningUnit(ctx, &b))
	as := data.Assignment{TwinningUnitID: a.ID, UnitID: tr.Commune.ID, Start: data.D(2016, 9, 1)}
	mustSave(t, s.SaveAssignment(ctx, &as))
	next, err := s.Reassign(ctx, as.ID, b.ID, data.D(2021, 1, 1), "phân công lại")
	if err != nil {
		t.Fatal(err)
	}
	all, _ := s.ListAssignments(ctx, data.AssignmentFilter{UnitID: tr.Commune.ID})
	if len(all) != 2 {
		t.Fatalf("assignments = %d, want old and new", len(all))
	}
	old, _ := s.GetAssignment(ctx, as.ID)
	if old.End != data.D(2020, 12, 31) || next.Start != data.D(2021, 1, 1) {
		t.Errorf("old ends %s, new starts %s", old.End, next.Start)
	}
	at2019, _ := s.ListAssignments(ctx, data.AssignmentFilter{UnitID: tr.Commune.ID, ActiveAt: data.D(2019, 6, 1)})
	if len(at2019) != 1 || at2019[0].TwinningUnitID != a.ID {
		t.Errorf("in 2019 the commune was twinned with %v", at2019)
	}
}

func TestLoadIsAllOrNothing(t *testing.T) {
	s := datatest.MustOpen(t)
	tr := datatest.MustTree(t, s)
	before := countRows(t, s)
	err := s.Load(ctx, "thử", func(b *data.Batch) error {
		for i := 0; i < 200; i++ {
			v := &data.Unit{Level: data.LevelVillage, Kind: "Thôn", Name: "Thôn thử", ParentID: tr.Commune.ID}
			if err := b.Add(v); err != nil {
				return err
			}
		}
		// A review of a unit that does not exist: the whole load must go.
		return b.Add(&data.Review{UnitID: "00000000-0000-0000-0000-000000000000", Year: 2024})
	})
	if err == nil || !strings.Contains(data.Message(err), "không có gì được ghi") {
		t.Fatalf("Load = %v", err)
	}
	if after := countRows(t, s); after != before {
		t.Errorf("a failed load left rows: %d → %d", before, after)
	}
	err = s.Load(ctx, "thử", func(b *data.Batch) error {
		return b.Add(&data.Review{UnitID: tr.Village.ID, Year: 2024, Households: datatest.Int(5), Poor: datatest.Int(9)})
	})
	if !data.IsInvalid(err) {
		t.Errorf("invalid row in a load = %v", err)
	}
}

func TestListPagesAndTotal(t *testing.T) {
	s := datatest.MustOpen(t)
	tr := datatest.MustTree(t, s)
	for i := 1; i <= 25; i++ {
		mustSave(t, s.SaveUnit(ctx, &data.Unit{Level: data.LevelVillage, Kind: "Thôn", Name: fmt.Sprintf("Thôn %d", i), ParentID: tr.Commune.ID}))
	}
	f := data.UnitFilter{Level: data.LevelVillage, Query: "thon", Limit: 10}
	page, total, err := s.ListUnits(ctx, f)
	if err != nil || total != 25 || len(page) != 10 || page[0].Name != "Thôn 1" || page[1].Name != "Thôn 2" {
		t.Fatalf("first page: %d of %d, %v", len(page), total, err)
	}
	f.Offset = 20
	page, total, _ = s.ListUnits(ctx, f)
	if total != 25 || len(page) != 5 || page[4].Name != "Thôn 25" {
		t.Errorf("last page: %d of %d", len(page), total)
	}
	f.Offset = 40
	page, total, _ = s.ListUnits(ctx, f)
	if total != 25 || len(page) != 0 {
		t.Errorf("past the end: %d of %d", len(page), total)
	}
}

// TestOpeningAFileThatHasItsReferenceTakesNoWriteLock: a file opened again already holds its
// office and every reference record, and a reading command opens it without taking it for writing,
// so that it does not wait for the window writing to it; a file that lacks one gets it back.
func TestOpeningAFileThatHasItsReferenceTakesNoWriteLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.db")
	datatest.MustOpenAt(t, path).Close()

	// Another program is writing: it holds the file's write lock for as long as the test runs.
	writer, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	tx, err := writer.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE settings SET value = value WHERE key = 'office_id'"); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	s, err := data.Open(ctx, path, data.Options{MustExist: true, Shared: true, ReadOnlyOK: true})
	if err != nil {
		t.Fatalf("a reading open waited for the writer and failed after %v: %v", time.Since(start), err)
	}
	if waited := time.Since(start); waited > 2*time.Second {
		t.Errorf("a reading open waited %v for the writer", waited)
	}
	if sets, err := s.CriteriaSets(ctx); err != nil || len(sets) == 0 {
		t.Errorf("criteria sets read beside the writer: %d, %v", len(sets), err)
	}
	s.Close()
	tx.Rollback()

	// A reference record lost (a file written by hand, an old copy) is written again on opening.
	if _, err := writer.ExecContext(ctx, "DELETE FROM criteria WHERE id = (SELECT min(id) FROM criteria)"); err != nil {
		t.Fatal(err)
	}
	var before int
	writer.QueryRowContext(ctx, "SELECT count(*) FROM criteria").Scan(&before)
	writer.Close()
	s = datatest.MustOpenAt(t, path)
	var crit int
	sets, _ := s.CriteriaSets(ctx)
	for _, set := range sets {
		cs, err := s.Criteria(ctx, set.ID)
		if err != nil {
			t.Fatal(err)
		}
		crit += len(cs)
	}
	if crit != before+1 {
		t.Errorf("criteria after opening: %d, want the %d left and the one lost", crit, before)
	}
}
