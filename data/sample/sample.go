// Package sample writes demonstration databases: Kon Tum 2016–2025 (its real units and codes,
// with invented villages and figures, all flagged as sample) and a national-scale dataset for
// benchmarks. The same seed always gives the same database.
package sample

import (
	"context"
	"embed"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/google/uuid"

	"ketnghia/data"
	"ketnghia/data/rules"
)

//go:embed kontum-units-2025.csv kontum-merge-2025.csv
var files embed.FS

// Scale names a sample size.
type Scale string

const (
	Province Scale = "province" // Kon Tum: 10 districts, 102 communes, ~870 villages
	National Scale = "national" // ~10,600 communes, ~80,000 villages
)

// FirstYear and LastYear bound the sample's yearly reviews.
const (
	FirstYear = 2016
	LastYear  = 2025
)

// Load writes the sample of the given scale into an empty database, in one transaction.
func Load(ctx context.Context, s *data.Store, scale Scale, seed uint64) error {
	st, err := s.Stats(ctx, data.StatsOptions{Year: FirstYear})
	if err != nil {
		return err
	}
	if st.ByStatus["provinces"].Total+st.ByStatus["communes"].Total > 0 {
		return &data.Error{Kind: data.KindConflict, Field: "db",
			Msg: "Cơ sở dữ liệu đã có đơn vị hành chính; dữ liệu mẫu chỉ được nạp vào cơ sở dữ liệu trống"}
	}
	causes, err := s.CauseGroups(ctx)
	if err != nil {
		return err
	}
	sets, err := s.CriteriaSets(ctx)
	if err != nil {
		return err
	}
	var label string
	var build func(g *gen) error
	switch scale {
	case Province, "":
		label, build = "Nạp dữ liệu mẫu tỉnh Kon Tum 2016–2025 (số liệu giả định)", buildKonTum
	case National:
		label, build = "Nạp dữ liệu mẫu quy mô toàn quốc (số liệu giả định)", buildNational
	default:
		return &data.Error{Kind: data.KindInvalid, Field: "scale", Msg: fmt.Sprintf("Quy mô %q không hợp lệ (province hoặc national)", scale)}
	}
	err = s.Load(ctx, label, func(b *data.Batch) error {
		g := newGen(seed, b.Add, causes, sets)
		if err := build(g); err != nil {
			return err
		}
		return b.SetSampleData(true)
	})
	if err != nil || scale == National {
		return err
	}
	if err := addSubmissions(ctx, s, LastYear); err != nil {
		return err
	}
	return addDraft(ctx, s, LastYear)
}

// addSubmissions puts the year's communes at every step of sending and accepting figures, as a
// province's office sees them in December: a third accepted, some sent, one returned with a note,
// the rest still being entered. The sample's office is the province's, which accepts figures.
func addSubmissions(ctx context.Context, s *data.Store, year int) error {
	units, err := s.YearUnits(ctx, data.LevelCommune, year)
	if err != nil {
		return err
	}
	set, err := s.Settings(ctx)
	if err != nil {
		return err
	}
	day := data.D(year+1, 1, 15)
	err = s.Load(ctx, fmt.Sprintf("Nạp tình trạng gửi, duyệt số liệu mẫu năm %d (giả định)", year), func(b *data.Batch) error {
		for i, u := range units {
			sub := &data.Submission{UnitID: u.ID, Year: year, SubmittedBy: "Cán bộ văn phòng xã", SubmittedOffice: "mau-" + u.Code, SubmittedOn: day}
			sub.Sample = true
			switch {
			case i%3 == 0:
				sub.State, sub.DecidedBy, sub.DecidedOffice, sub.DecidedOn = data.StateAccepted, "Cán bộ tổng hợp", set.OfficeID, day.AddDays(10)
			case i%7 == 1:
				sub.State, sub.DecidedBy, sub.DecidedOffice, sub.DecidedOn = data.StateReturned, "Cán bộ tổng hợp", set.OfficeID, day.AddDays(10)
				sub.Note = "Số hộ nghèo của thôn chưa khớp với quyết định công nhận của UBND xã; đề nghị rà soát lại (ví dụ mẫu)."
			case i%3 == 1:
				sub.State = data.StateSent
			default:
				continue
			}
			if err := b.Add(sub); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	set.Approves = true
	if err := s.SaveSettings(ctx, set); err != nil {
		return err
	}
	return s.RefreshLocks(ctx)
}

// addDraft keeps a committee report of the year drafted from the sample's figures, as the window's
// "Tạo bản thảo" makes it: the Báo cáo tổng hợp screen shows a newcomer one at once.
func addDraft(ctx context.Context, s *data.Store, year int) error {
	ds, td, err := s.ReportData(ctx, "")
	if err != nil {
		return err
	}
	dr, err := data.NewDraft(data.DraftYear, year, year)
	if err != nil {
		return err
	}
	dr = rules.NewIndex(ds).Drafted(dr, td)
	dr.Sample = true
	return s.SaveDraft(ctx, &dr)
}

// Generate runs the generator without a database, handing every record to emit (for benchmarks
// that load the same rows another way).
func Generate(scale Scale, seed uint64, causes []data.CauseGroup, sets []data.CriteriaSet, emit func(data.Record) error) error {
	g := newGen(seed, emit, causes, sets)
	if scale == National {
		return buildNational(g)
	}
	return buildKonTum(g)
}

// gen carries the random source and the sink shared by the builders.
type gen struct {
	rng    *rand.Rand
	emit   func(data.Record) error
	causes []data.CauseGroup
	sets   map[string]data.CriteriaSet
	crit   map[string]int // criteria count by set code
	seq    uint64
}

func newGen(seed uint64, emit func(data.Record) error, causes []data.CauseGroup, sets []data.CriteriaSet) *gen {
	g := &gen{rng: rand.New(rand.NewPCG(seed, seed^0x9E3779B97F4A7C15)), emit: emit, causes: causes,
		sets: map[string]data.CriteriaSet{}, crit: map[string]int{"NTM-XA-2016": 19, "NTM-XA-2021": 19, "YTE-XA-2030": 10, "NTM-THON-DTTS": 14}}
	for _, s := range sets {
		g.sets[s.Code] = s
	}
	return g
}

// id makes a reproducible, time-ordered UUID (version 7 layout): a counter stands in for the
// clock, so the same seed gives the same IDs and rows append to the primary-key index.
func (g *gen) id() string {
	var b [16]byte
	g.seq++
	ms := uint64(1451606400000) + g.seq // 01/01/2016, one millisecond per record
	for i := 0; i < 6; i++ {
		b[i] = byte(ms >> (8 * (5 - i)))
	}
	for i := 6; i < 16; i++ {
		b[i] = byte(g.rng.UintN(256))
	}
	b[6] = b[6]&0x0f | 0x70
	b[8] = b[8]&0x3f | 0x80
	return uuid.UUID(b).String()
}

func (g *gen) add(r data.Record) error { return g.emit(r) }

func (g *gen) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + g.rng.IntN(hi-lo+1)
}

func (g *gen) chance(p float64) bool { return g.rng.Float64() < p }

func ip(n int) *int         { return &n }
func bp(b bool) *bool       { return &b }
func fp(x float64) *float64 { return &x }

func readCSV(name string) ([][]string, error) {
	f, err := files.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return rows[1:], nil
}

// village name parts: syllables common in Kon Tum's Ba Na, Xơ Đăng, Giẻ Triêng and Gia Rai place
// names, and Kinh village names; combined at random, so the names are invented.
var (
	emFirst = []string{"Kon", "Đăk", "Plei", "Kơ", "Măng", "Tu", "Ngọc", "Rơ", "Pu", "Ia", "Vi", "Xốp", "Kạch", "Lơ", "Tea", "Nú", "Bun"}
	emLast  = []string{"Đao", "Rơ", "Bơ", "Lang", "Năng", "Pxi", "Hring", "Trăng", "Kia", "Rinh", "Klâu", "Sút", "Ring", "Mông",
		"Nhên", "Tang", "Krong", "Giấc", "Ka", "Sia", "Gu", "Dốp", "Rế", "Pêng", "Brẩy", "Ktu", "Jơ Ri", "Lấp", "Wơk", "Tơ Re", "Hnor", "Xây"}
	kinhNames = []string{"Tân Lập", "Thống Nhất", "Hòa Bình", "Quyết Thắng", "Đoàn Kết", "Tân Sơn", "Thanh Trung", "Phú Thịnh",
		"Tân Hương", "Bình Minh", "Tiến Thành", "Nghĩa An", "Đông Anh", "Hòa Thuận", "Trung Thành", "Xuân Tân"}
)

func (g *gen) villageNames(n int, em float64, ward bool) ([]string, []string) {
	seen := map[string]bool{}
	names, kinds := make([]string, 0, n), make([]string, 0, n)
	for i := 0; len(names) < n; i++ {
		var kind, name string
		switch {
		case ward:
			kind, name = "Tổ dân phố", fmt.Sprintf("Tổ dân phố %d", len(names)+1)
		case g.chance(em):
			kind = "Làng"
			if g.chance(0.4) {
				kind = "Thôn"
			}
			name = kind + " " + emFirst[g.rng.IntN(len(emFirst))] + " " + emLast[g.rng.IntN(len(emLast))]
		case g.chance(0.5):
			kind, name = "Thôn", "Thôn "+kinhNames[g.rng.IntN(len(kinhNames))]
		default:
			kind, name = "Thôn", fmt.Sprintf("Thôn %d", len(names)+1)
		}
		if seen[name] || i > 10*n && name == "" {
			continue
		}
		seen[name] = true
		names, kinds = append(names, name), append(kinds, kind)
	}
	return names, kinds
}

func shortName(full string) string {
	for _, k := range []string{"Xã ", "Phường ", "Thị trấn ", "Huyện ", "Thành phố ", "Tỉnh "} {
		if rest, ok := strings.CutPrefix(full, k); ok {
			return rest
		}
	}
	return full
}
