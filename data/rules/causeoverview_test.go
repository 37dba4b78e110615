package rules_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"reflect"
	"testing"

	_ "modernc.org/sqlite"

	"ketnghia/data/datatest"
	"ketnghia/data/rules"
	"ketnghia/data/sample"
)

// TestTheDashboardsCausesAreTheReviewsSums: the dashboard's poor households by cause of 2024, read
// the lean way the dashboard reads (figures only, causes of the year), are for the whole province
// and for each district the sums an independent query makes of the communes' reviews; the largest
// cause comes first and the lean read gives what the whole snapshot gives.
func TestTheDashboardsCausesAreTheReviewsSums(t *testing.T) {
	ctx := context.Background()
	st := datatest.MustOpen(t)
	if err := sample.Load(ctx, st, sample.Province, 1); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", st.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Every commune of the sample gives its own causes in 2024: the sums are of those reviews.
	rows, err := db.Query(`SELECT d.name, j.key, SUM(j.value) FROM reviews r JOIN units c ON c.id = r.unit_id
		JOIN units d ON d.id = c.parent_id, json_each(r.poor_by_cause) j
		WHERE r.deleted = 0 AND r.year = 2024 AND c.level = 'commune' AND c.deleted = 0 GROUP BY d.name, j.key`)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]int{} // district → code → households; "" the province
	for rows.Next() {
		var d, code string
		var n int
		if err := rows.Scan(&d, &code, &n); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{d, ""} {
			if want[k] == nil {
				want[k] = map[string]int{}
			}
			want[k][code] += n
		}
	}
	rows.Close()
	if len(want) != 11 {
		t.Fatalf("%d districts with causes, want 10", len(want)-1)
	}
	lean, err := st.OverviewDataset(ctx, 2024, 2023)
	if err != nil {
		t.Fatal(err)
	}
	whole, err := st.Dataset(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := rules.NewIndex(lean).CauseOverview(2024)
	check := func(name string, l rules.CauseLine, w map[string]int) {
		t.Helper()
		sum := 0
		for _, n := range w {
			sum += n
		}
		if !l.Known || l.Classified != sum {
			t.Errorf("%s: %d households classified, the reviews say %d", name, l.Classified, sum)
		}
		for i, c := range l.Largest {
			if c.Households != w[c.Code] {
				t.Errorf("%s, %s: %d households, the reviews say %d", name, c.Code, c.Households, w[c.Code])
			}
			if i > 0 && c.Households > l.Largest[i-1].Households {
				t.Errorf("%s: %s after a smaller cause", name, c.Code)
			}
		}
		if len(l.Largest) != len(w) {
			t.Errorf("%s: %d causes, the reviews give %d", name, len(l.Largest), len(w))
		}
	}
	check("the province", got.Total, want[""])
	if len(got.Areas) != 10 || got.Former {
		t.Fatalf("%d areas (former %v), want the 10 districts of 2024", len(got.Areas), got.Former)
	}
	communes := 0
	for _, a := range got.Areas {
		check(a.Name, a.CauseLine, want[a.Name])
		communes += len(a.Communes)
	}
	if communes != 102 {
		t.Errorf("%d communes listed, want 102", communes)
	}
	full := rules.NewIndex(whole).CauseOverview(2024)
	if full.Total.Classified != got.Total.Classified || *full.Total.Poor != *got.Total.Poor || full.Areas[3].Communes[0].Classified != got.Areas[3].Communes[0].Classified {
		t.Errorf("the lean read and the whole snapshot differ: %+v and %+v", got.Total, full.Total)
	}
	if _, ok := got.Total.Dominant(); ok != (2*got.Total.Largest[0].Households >= *got.Total.Poor) {
		t.Error("dominant cause not the one at half the poor or more")
	}
	// 2026: the 40 communes of the reform under the former districts.
	y26 := rules.NewIndex(whole).CauseOverview(2026)
	n26 := 0
	for _, a := range y26.Areas {
		n26 += len(a.Communes)
	}
	if !y26.Former || n26 != 40 {
		t.Errorf("2026: former %v, %d communes, want the 40 communes under former districts", y26.Former, n26)
	}
}

// TestACauseLineIsKeptAsItWas: a line written short for the kept dashboard reads back the same.
func TestACauseLineIsKeptAsItWas(t *testing.T) {
	poor := 120
	for _, l := range []rules.CauseLine{
		{Name: "Xã Đắk Blô", Poor: &poor, Known: true, Classified: 70, Largest: []rules.CauseShare{{Code: "von", Households: 40}, {Code: "dat", Households: 30}}},
		{Name: "Xã Chưa Rõ"},
	} {
		b, err := json.Marshal(l)
		if err != nil {
			t.Fatal(err)
		}
		var got rules.CauseLine
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		if !reflect.DeepEqual(got, l) {
			t.Errorf("%s read back as %+v, want %+v", b, got, l)
		}
	}
	area := rules.CauseArea{CauseLine: rules.CauseLine{Name: "Huyện Đắk Glei"}, Communes: []rules.CauseLine{{Name: "Xã A", Known: true}}}
	b, _ := json.Marshal(area)
	var got rules.CauseArea
	if err := json.Unmarshal(b, &got); err != nil || got.Name != "Huyện Đắk Glei" || len(got.Communes) != 1 || got.Communes[0].Name != "Xã A" {
		t.Errorf("an area %s read back as %+v (%v)", b, got, err)
	}
}
