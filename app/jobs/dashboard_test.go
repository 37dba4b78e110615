package jobs_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"ketnghia/app/jobs"
	"ketnghia/data"
	"ketnghia/data/datatest"
	"ketnghia/data/rules"
	"ketnghia/data/sample"
)

func provinceSample(t *testing.T) (*data.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kontum.db")
	st := datatest.MustOpenAt(t, path)
	if err := sample.Load(context.Background(), st, sample.Province, 1); err != nil {
		t.Fatal(err)
	}
	return st, path
}

// same says whether two dashboards hold the same figures (and targets), whatever the inner form
// of their times.
func same(t *testing.T, a, b rules.Dashboard) bool {
	t.Helper()
	text := func(d rules.Dashboard) string {
		var targets []data.Target
		for _, p := range d.Overview.Targets {
			targets = append(targets, p.Target)
		}
		j, err := json.Marshal([]any{d, targets})
		if err != nil {
			t.Fatal(err)
		}
		return string(j)
	}
	return text(a) == text(b)
}

// wholeFile is the dashboard computed by data/rules from everything in the file.
func wholeFile(t *testing.T, st *data.Store, year int) rules.Dashboard {
	t.Helper()
	ds, err := st.Dataset(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	td, err := st.Twinning(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return rules.NewIndex(ds).Dashboard(year, td)
}

// TestDashboardReadsEnoughForTheRules: the narrow read of the dashboard (a part of the reviews,
// the health results, the units without their record keeping, the year's twinning) gives exactly
// the figures data/rules computes from the whole file, every year of the Kon Tum sample (the 2025
// reform included), and for a commune whose own review is missing (its villages are added up).
func TestDashboardReadsEnoughForTheRules(t *testing.T) {
	st, path := provinceSample(t)
	check := func(year int) {
		t.Helper()
		got, err := jobs.ComputeDashboard(context.Background(), st, year)
		if err != nil {
			t.Fatal(err)
		}
		if want := wholeFile(t, st, year); !same(t, got, want) {
			t.Errorf("%d: the dashboard's figures differ from the rules on the whole file:\n got %+v\nwant %+v", year, got.Overview.Counts, want.Overview.Counts)
		}
	}
	for year := 2016; year <= 2026; year++ {
		check(year)
	}
	// A commune's 2024 review gone: its figures are its villages' sum.
	datatest.Exec(t, path, `UPDATE reviews SET deleted = 1 WHERE year = 2024 AND unit_id =
		(SELECT id FROM units WHERE level = 'commune' AND closed_on IS NULL ORDER BY code LIMIT 1)`)
	check(2024)
}

// TestDashboardOnTheListsTreeIsTheSame: computed over the tree of units the window holds for its
// lists, every year's dashboard is the rules' figures on the whole file; a tree read before the
// last change is not used.
func TestDashboardOnTheListsTreeIsTheSame(t *testing.T) {
	st, _ := provinceSample(t)
	ctx := context.Background()
	ds, err := st.StructureDataset(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tree := rules.NewIndex(ds)
	stamp, err := st.DataStamp(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for year := 2016; year <= 2026; year++ {
		got, err := jobs.DashboardOn(ctx, st, year, tree, stamp)
		if err != nil {
			t.Fatal(err)
		}
		if want := wholeFile(t, st, year); !same(t, got, want) {
			t.Errorf("%d: the dashboard on the tree differs from the rules on the whole file", year)
		}
	}
	// A unit renamed after the tree was read: the figures name it as it is now.
	var u data.Unit
	for _, x := range ds.Units {
		if x.Level == data.LevelCommune && x.ClosedOn.IsZero() {
			u = x
			break
		}
	}
	whole, err := st.GetUnit(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	whole.Name += " Mới"
	if err := st.SaveUnit(ctx, &whole); err != nil {
		t.Fatal(err)
	}
	got, err := jobs.DashboardOn(ctx, st, 2026, tree, stamp)
	if err != nil {
		t.Fatal(err)
	}
	if want := wholeFile(t, st, 2026); !same(t, got, want) {
		t.Error("a tree read before a change was used")
	}
}

// TestDashboardKeptUntilTheDataChanges: the second opening takes what the first computed, an edit
// makes it computed again with the edit, and a file that cannot be written still shows the figures.
func TestDashboardKeptUntilTheDataChanges(t *testing.T) {
	st, path := provinceSample(t)
	ctx := context.Background()
	if _, ok, _ := st.Derived(ctx, "dashboard/2024"); ok {
		t.Fatal("kept figures before any were computed")
	}
	first, err := jobs.Dashboard(ctx, st, 2024)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := st.Derived(ctx, "dashboard/2024"); !ok {
		t.Fatal("the figures were not kept")
	}
	again, err := jobs.Dashboard(ctx, st, 2024)
	if err != nil || !same(t, first, again) {
		t.Fatalf("kept figures differ from the computed ones (%v)", err)
	}
	if len(again.Causes.Areas) != 10 || len(again.Causes.Areas[0].Communes) == 0 || !reflect.DeepEqual(again.Causes, first.Causes) ||
		again.Road.Villages == 0 || again.Road.Villages != first.Road.Villages {
		t.Fatalf("the kept causes or road differ from the computed: %d areas, road %+v", len(again.Causes.Areas), again.Road)
	}

	// An edit through the store: the kept figures are no longer given back.
	reviews, err := st.ListReviews(ctx, data.ReviewFilter{Year: 2024, Level: data.LevelCommune})
	if err != nil {
		t.Fatal(err)
	}
	var r *data.Review
	for i := range reviews {
		if reviews[i].Poor != nil && reviews[i].Households != nil && *reviews[i].Poor > 0 {
			r = &reviews[i]
			break
		}
	}
	if r == nil {
		t.Fatal("no review with poor households in 2024")
	}
	*r.Households += 10
	if err := st.SaveReview(ctx, r); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := st.Derived(ctx, "dashboard/2024"); ok {
		t.Fatal("figures kept before the edit are still given back")
	}
	after, err := jobs.Dashboard(ctx, st, 2024)
	if err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(after.Overview.Trend, first.Overview.Trend) {
		t.Error("the trend did not change with ten households more")
	}
	if want := wholeFile(t, st, 2024); !same(t, after, want) {
		t.Error("after the edit the dashboard differs from the rules on the whole file")
	}

	// Figures computed before a change are not kept after it.
	stamp, err := st.DataStamp(ctx)
	if err != nil {
		t.Fatal(err)
	}
	*r.Households -= 10
	if err := st.SaveReview(ctx, r); err != nil {
		t.Fatal(err)
	}
	if err := st.KeepDerived(ctx, "dashboard/2023", stamp, []byte("cũ")); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := st.Derived(ctx, "dashboard/2023"); ok {
		t.Error("figures of an older state of the data were kept")
	}

	// A file on a read-only medium: computed each time, nothing written.
	st.Close()
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	ro, err := data.Open(ctx, path, data.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := jobs.Dashboard(ctx, ro, 2022); err != nil {
		t.Fatalf("read-only file: %v", err)
	}
	if _, ok, _ := ro.Derived(ctx, "dashboard/2022"); ok {
		t.Error("figures were kept in a file opened read-only")
	}
}
