package sample

import (
	"fmt"
	"slices"
	"strings"

	"ketnghia/data"
)

var (
	mergeDay   = data.D(2025, 7, 1)
	mangDenDay = data.D(2019, 9, 1)
	qd50       = "QĐ 582/QĐ-TTg ngày 28/4/2017 (danh sách giả định)"
	qd861      = "QĐ 861/QĐ-TTg ngày 04/6/2021 (danh sách giả định)"
	nq1677     = "NQ 1677/NQ-UBTVQH15 ngày 16/6/2025"
)

// Rule-set identifiers of recorded classifications.
const (
	RuleQD50 = "QD50-2016"
	RuleQD33 = "QD33-2020"
)

const sampleNote = "Tên và mã đơn vị là thật; các thuộc tính (năm đạt chuẩn, năm ra khỏi diện ĐBKK …) và số liệu là giả định (dữ liệu mẫu)."

// unitID gives official units the same identity in every office's database.
func unitID(level data.Level, code string, opened data.Date) string {
	return data.StableID(fmt.Sprintf("unit:%s:%s:%s", level, code, opened.ISO()))
}

func buildKonTum(g *gen) error {
	unitsCSV, err := readCSV("kontum-units-2025.csv")
	if err != nil {
		return err
	}
	mergeCSV, err := readCSV("kontum-merge-2025.csv")
	if err != nil {
		return err
	}
	kt := &data.Unit{Level: data.LevelProvince, Kind: "Tỉnh", Code: "62", Name: "Tỉnh Kon Tum", ClosedOn: mergeDay,
		Note: "Hợp nhất vào tỉnh Quảng Ngãi từ 01/7/2025 (NQ 202/2025/QH15)"}
	qn := &data.Unit{Level: data.LevelProvince, Kind: "Tỉnh", Code: "51", Name: "Tỉnh Quảng Ngãi"}
	for _, u := range []*data.Unit{kt, qn} {
		u.ID = unitID(u.Level, u.Code, u.OpenedOn)
		if err := g.add(u); err != nil {
			return err
		}
	}
	if err := g.link(kt, qn, data.LinkMerge, "NQ 202/2025/QH15 ngày 12/6/2025"); err != nil {
		return err
	}

	// Districts and communes as GSO lists them (01/3/2025), open until the 1/7/2025 reform.
	districts := map[string]*data.Unit{}
	var communes []*data.Unit // the 102 of 2016–2019 (Xã Đắk Long, not yet Măng Đen)
	var mangDen *data.Unit
	byCode := map[string]*data.Unit{}
	for _, row := range unitsCSV {
		dcode, dname, dkind, ccode, cname, ckind := row[1], row[2], row[3], row[4], row[5], row[6]
		d, ok := districts[dcode]
		if !ok {
			d = &data.Unit{Level: data.LevelDistrict, Kind: dkind, Code: dcode, Name: dname, ParentID: kt.ID, ClosedOn: mergeDay}
			d.ID = unitID(d.Level, d.Code, d.OpenedOn)
			if err := g.add(d); err != nil {
				return err
			}
			districts[dcode] = d
		}
		c := &data.Unit{Level: data.LevelCommune, Kind: ckind, Code: ccode, Name: cname, ParentID: d.ID, ClosedOn: mergeDay}
		if ccode == "23473" {
			// Thị trấn Măng Đen was Xã Đắk Long of Kon Plông until 2019.
			mangDen = c
			mangDen.OpenedOn = mangDenDay
			c = &data.Unit{Level: data.LevelCommune, Kind: "Xã", Code: ccode, Name: "Xã Đắk Long", ParentID: d.ID, ClosedOn: mangDenDay}
		}
		communes = append(communes, c)
		byCode[ccode] = c
	}
	if mangDen == nil || len(communes) != 102 || len(districts) != 10 {
		return fmt.Errorf("Kon Tum reference file: %d communes, %d districts", len(communes), len(districts))
	}

	models := g.konTumModels(communes, districts["608"].ID)
	for _, m := range models {
		c := m.unit
		c.ID = unitID(c.Level, c.Code, c.OpenedOn)
		// The commune and its name and code are real: only its attributes are invented (Note).
		c.Note = sampleNote
		if err := g.add(c); err != nil {
			return err
		}
	}
	mangDen.ID = unitID(mangDen.Level, mangDen.Code, mangDen.OpenedOn)
	mangDen.Note = sampleNote
	mangDenModel := models[slices.IndexFunc(models, func(m *communeModel) bool { return m.unit.Code == "23473" })]
	mangDen.EthnicMinority, mangDen.HealthYear = mangDenModel.unit.EthnicMinority, mangDenModel.unit.HealthYear
	if err := g.add(mangDen); err != nil {
		return err
	}
	if err := g.link(mangDenModel.unit, mangDen, data.LinkUpgrade, "NQ của UBTVQH ngày 16/7/2019 (thành lập thị trấn Măng Đen)"); err != nil {
		return err
	}

	// Villages, invented, under the communes of 2016.
	var villages []*villageModel
	for _, m := range models {
		urban := m.unit.Kind == "Phường"
		n := g.between(6, 12)
		if urban {
			n = g.between(5, 11)
		}
		names, kinds := g.villageNames(n, m.emShare, urban)
		for i := range names {
			v := &data.Unit{Level: data.LevelVillage, Kind: kinds[i], Name: names[i], ParentID: m.unit.ID}
			v.ID, v.Sample, v.Note = g.id(), true, "Thôn, làng giả định (dữ liệu mẫu)"
			vm := g.newVillageModel(m, v, urban || m.unit.Kind == "Thị trấn")
			v.EthnicMinority = vm.emShare >= 0.5
			if vm.ntmFrom > 0 {
				v.NTMYear = ip(vm.ntmFrom)
				v.NTMDecision = "Quyết định công nhận (giả định)"
			}
			m.villages = append(m.villages, vm)
			villages = append(villages, vm)
		}
	}
	g.choosePilots(models, districts)
	// Đắk Long's villages passed to Măng Đen in 2019.
	var moves []*data.UnitMove
	for _, v := range mangDenModel.villages {
		moves = append(moves, g.move(v.unit, mangDen, mangDenDay, "Thành lập thị trấn Măng Đen"))
	}

	// The 1 Jul 2025 reform: 40 communes directly under Quảng Ngãi.
	newOf := map[string]*data.Unit{} // old code → new unit
	var newCommunes []*data.Unit
	for _, row := range mergeCSV {
		nu := &data.Unit{Level: data.LevelCommune, Kind: row[1], Code: row[2], Name: row[0], ParentID: qn.ID, OpenedOn: mergeDay,
			Note: "Thành lập theo " + nq1677}
		nu.ID = unitID(nu.Level, nu.Code, nu.OpenedOn)
		if err := g.add(nu); err != nil {
			return err
		}
		newCommunes = append(newCommunes, nu)
		for _, old := range strings.Split(row[3], ";") {
			newOf[old] = nu
		}
	}
	if len(newOf) != 102 {
		return fmt.Errorf("merge table covers %d old communes, want 102", len(newOf))
	}
	for _, m := range models {
		old := m.unit
		if old.Code == "23473" {
			old = mangDen
		}
		if err := g.link(old, newOf[old.Code], data.LinkMerge, nq1677); err != nil {
			return err
		}
		for _, v := range m.villages {
			moves = append(moves, g.move(v.unit, newOf[old.Code], mergeDay, nq1677))
		}
	}
	for _, v := range villages {
		if err := g.add(v.unit); err != nil {
			return err
		}
	}
	for _, m := range moves {
		if err := g.add(m); err != nil {
			return err
		}
	}

	if err := g.classify(models, villages, mangDen); err != nil {
		return err
	}
	if err := g.konTumReviews(models, mangDen, newCommunes, newOf); err != nil {
		return err
	}
	return g.konTumTwinning(models, districts, newOf, mangDen)
}

// konTumModels gives each 2016 commune an invented class and trajectory: the 17 urban units and
// 8 communes of the city are KV I (25), 49 rural communes KV III, the other 28 KV II — the counts
// of QĐ 582/QĐ-TTg (2017); which communes is not public, so it is invented.
func (g *gen) konTumModels(communes []*data.Unit, cityID string) []*communeModel {
	var kv1, city, rural []*data.Unit
	for _, c := range communes {
		switch {
		case c.Kind != "Xã" || c.Code == "23473": // wards, towns, and Xã Đắk Long (Kon Plông's centre)
			kv1 = append(kv1, c)
		case c.ParentID == cityID:
			city = append(city, c)
		default:
			rural = append(rural, c)
		}
	}
	shuffle := func(us []*data.Unit) { g.rng.Shuffle(len(us), func(i, j int) { us[i], us[j] = us[j], us[i] }) }
	shuffle(city)
	shuffle(rural)
	need := 25 - len(kv1)
	kv1 = append(kv1, city[:need]...)
	kv3 := rural[:49]
	kv2 := append(append([]*data.Unit{}, rural[49:]...), city[need:]...)
	var out []*communeModel
	for _, l := range []struct {
		us    []*data.Unit
		class data.AreaClass
	}{{kv1, data.KV1}, {kv2, data.KV2}, {kv3, data.KV3}} {
		for _, c := range l.us {
			out = append(out, g.communeModel(c, l.class))
		}
	}
	// 13 KV III communes leave the list by 2020, 14 more (recognised NTM) by 2024.
	var hard []*communeModel
	for _, m := range out {
		if m.class == data.KV3 {
			hard = append(hard, m)
		}
	}
	for i, m := range hard {
		var left int
		switch {
		case i < 13:
			left = g.between(2018, 2020)
		case i < 27:
			left = g.between(2021, 2024)
			m.unit.NTMYear = ip(left)
			m.unit.NTMDecision = "Quyết định công nhận xã đạt chuẩn NTM (giả định)"
			m.unit.NTMDate = data.D(left, 12, 20)
		}
		if left > 0 {
			m.unit.LeftDBKKYear = ip(left)
			m.fall = (m.poor0 - (0.10 + 0.04*g.rng.Float64())) / float64(left-FirstYear)
		}
		m.unit.KeyDBKK = i >= 27 && i < 39
	}
	slices.SortFunc(out, func(a, b *communeModel) int { return strings.Compare(a.unit.Code, b.unit.Code) })
	return out
}

func (g *gen) communeModel(c *data.Unit, class data.AreaClass) *communeModel {
	m := &communeModel{unit: c, class: class, roadKm: 3 + 40*g.rng.Float64(), order: g.rng.Perm(19)}
	switch class {
	case data.KV3:
		m.emShare, m.poor0 = 0.8+0.18*g.rng.Float64(), 0.35+0.25*g.rng.Float64()
		m.fall = (m.poor0 - (0.2 + 0.14*g.rng.Float64())) / 9
		m.illit0, m.short0, m.unpaved0 = 0.12+0.2*g.rng.Float64(), 0.7+0.25*g.rng.Float64(), 0.3+0.5*g.rng.Float64()
		m.roadKm += 10
	case data.KV2:
		m.emShare, m.poor0 = 0.45+0.4*g.rng.Float64(), 0.15+0.15*g.rng.Float64()
		m.fall = 0.008 + 0.012*g.rng.Float64()
		m.illit0, m.short0, m.unpaved0 = 0.05+0.12*g.rng.Float64(), 0.5+0.3*g.rng.Float64(), 0.1+0.4*g.rng.Float64()
	default:
		m.emShare, m.poor0 = 0.08+0.4*g.rng.Float64(), 0.03+0.07*g.rng.Float64()
		m.fall = 0.002 + 0.005*g.rng.Float64()
		m.illit0, m.short0, m.unpaved0 = 0.01+0.04*g.rng.Float64(), 0.3+0.3*g.rng.Float64(), 0.1*g.rng.Float64()
		m.roadKm = 1 + 8*g.rng.Float64()
	}
	c.EthnicMinority = m.emShare >= 0.15
	switch {
	case class == data.KV1:
		c.HealthYear = ip(g.between(2012, 2016))
	case class == data.KV2:
		c.HealthYear = ip(g.between(2016, 2019))
	case g.chance(0.6):
		c.HealthYear = ip(g.between(2017, 2020))
	case g.chance(0.8):
		c.HealthYear = ip(g.between(2021, 2024))
	}
	if c.Kind == "Xã" && class != data.KV3 && g.chance(map[data.AreaClass]float64{data.KV1: 0.7, data.KV2: 0.3}[class]) {
		y := g.between(2014, 2024)
		c.NTMYear, c.NTMDecision, c.NTMDate = ip(y), "Quyết định công nhận xã đạt chuẩn NTM (giả định)", data.D(y, 12, 15)
	}
	return m
}

// choosePilots marks pilot NTM villages: one chosen by the province, one by each district, one by
// each commune (the directive), among ethnic-minority villages.
func (g *gen) choosePilots(models []*communeModel, districts map[string]*data.Unit) {
	byDistrict := map[string][]*villageModel{}
	for _, m := range models {
		var em []*villageModel
		for _, v := range m.villages {
			if v.unit.EthnicMinority {
				em = append(em, v)
			}
		}
		if len(em) == 0 {
			continue
		}
		pick := em[g.rng.IntN(len(em))]
		pick.unit.Pilot = data.PilotCommune
		byDistrict[m.unit.ParentID] = append(byDistrict[m.unit.ParentID], em...)
	}
	first := true
	for _, code := range []string{"608", "610", "611", "612", "613", "614", "615", "616", "617", "618"} {
		cands := byDistrict[districts[code].ID]
		for _, v := range cands {
			if v.unit.Pilot == data.PilotNone {
				v.unit.Pilot = data.PilotDistrict
				if first && code != "608" {
					v.unit.Pilot, first = data.PilotProvince, false
				}
				break
			}
		}
	}
	for _, m := range models {
		for _, v := range m.villages {
			if v.unit.Pilot != data.PilotNone && v.ntmFrom == 0 && v.unit.EthnicMinority {
				v.ntmFrom = g.between(2021, LastYear)
				v.unit.NTMYear, v.unit.NTMDecision = ip(v.ntmFrom), "Quyết định công nhận (giả định)"
			}
		}
	}
}

// classify records the invented 2017 list (QĐ 50/2016 criteria, QĐ 582/2017) and 2021 list (QĐ 33/2020, QĐ 861/2021).
func (g *gen) classify(models []*communeModel, villages []*villageModel, mangDen *data.Unit) error {
	for _, m := range models {
		if err := g.class(m.unit.ID, RuleQD50, 2016, 2020, m.class, qd50); err != nil {
			return err
		}
		c2021 := m.class
		switch {
		case m.class == data.KV3 && m.unit.LeftDBKKYear != nil && *m.unit.LeftDBKKYear <= 2020:
			c2021 = data.KV2
		case m.unit.NTMYear != nil && *m.unit.NTMYear <= 2020:
			c2021 = data.KV1
		}
		id := m.unit.ID
		if m.unit.Code == "23473" {
			if err := g.class(mangDen.ID, RuleQD50, 2019, 2020, m.class, qd50); err != nil {
				return err
			}
			id = mangDen.ID
		}
		if err := g.class(id, RuleQD33, 2021, 2025, c2021, qd861); err != nil {
			return err
		}
	}
	// Especially difficult villages: the poorest, mostly in KV III communes (429 in 2017, 371 in 2021).
	for _, l := range []struct {
		rule, decision string
		from, to, n    int
	}{{RuleQD50, qd50, 2016, 2020, 429}, {RuleQD33, qd861, 2021, 2025, 371}} {
		ranked := slices.Clone(villages)
		slices.SortStableFunc(ranked, func(a, b *villageModel) int {
			ra, rb := a.rate(l.from), b.rate(l.from)
			switch {
			case ra > rb:
				return -1
			case ra < rb:
				return 1
			}
			return 0
		})
		for _, v := range ranked[:min(l.n, len(ranked))] {
			if err := g.class(v.unit.ID, l.rule, l.from, l.to, data.DBKK, l.decision); err != nil {
				return err
			}
		}
	}
	return nil
}

func (g *gen) class(unitID, rule string, from, to int, class data.AreaClass, decision string) error {
	c := &data.Classification{UnitID: unitID, RuleSet: rule, FromYear: from, ToYear: to, Class: class, Decision: decision}
	c.ID, c.Sample = g.id(), true
	return g.add(c)
}

func (g *gen) link(from, to *data.Unit, kind data.LinkKind, basis string) error {
	on := to.OpenedOn
	if on.IsZero() {
		on = from.ClosedOn
	}
	l := &data.UnitLink{PredecessorID: from.ID, SuccessorID: to.ID, EffectiveOn: on, Kind: kind, LegalBasis: basis}
	l.ID = data.StableID("link:" + from.ID + ":" + to.ID)
	return g.add(l)
}

// move records a village's change of commune; the village keeps its last parent as ParentID, so
// the move is written after the village.
func (g *gen) move(v, to *data.Unit, on data.Date, basis string) *data.UnitMove {
	m := &data.UnitMove{UnitID: v.ID, FromParentID: v.ParentID, ToParentID: to.ID, MovedOn: on, LegalBasis: basis}
	m.ID, m.Sample = g.id(), true
	v.ParentID = to.ID
	return m
}

// konTumReviews writes every village's review 2016–2025 and each commune's as the sum of its
// villages: the communes of the year (Đắk Long until 2018, Măng Đen from 2019, the 40 in 2025).
func (g *gen) konTumReviews(models []*communeModel, mangDen *data.Unit, newCommunes []*data.Unit, newOf map[string]*data.Unit) error {
	byNew := map[string][]*communeModel{}
	for _, m := range models {
		nu := newOf[m.unit.Code]
		byNew[nu.ID] = append(byNew[nu.ID], m)
	}
	for y := FirstYear; y <= LastYear; y++ {
		reviews := map[*communeModel][]*data.Review{}
		for _, m := range models {
			for _, v := range m.villages {
				r, err := g.villageReview(v, y)
				if err != nil {
					return err
				}
				reviews[m] = append(reviews[m], r)
				if y >= 2019 && v.unit.EthnicMinority {
					met := 5 + g.rng.IntN(8)
					if v.ntmFrom > 0 && y >= v.ntmFrom {
						met = 14
					}
					if err := g.criteriaResult(v.unit.ID, "NTM-THON-DTTS", y, met, v.order); err != nil {
						return err
					}
				}
			}
		}
		if y < mergeDay.Year() {
			for _, m := range models {
				u := m.unit
				if u.Code == "23473" && y >= mangDenDay.Year() {
					u = mangDen
				}
				if err := g.communeReview(u, []*communeModel{m}, reviews[m], y); err != nil {
					return err
				}
				if err := g.communeCriteria(u, m, y); err != nil {
					return err
				}
			}
			continue
		}
		for _, nu := range newCommunes {
			ms := byNew[nu.ID]
			// The unit whose code the new commune took comes first: its road is the new one's.
			slices.SortStableFunc(ms, func(a, b *communeModel) int {
				if a.unit.Code == nu.Code {
					return -1
				}
				if b.unit.Code == nu.Code {
					return 1
				}
				return 0
			})
			var rs []*data.Review
			for _, m := range ms {
				rs = append(rs, reviews[m]...)
			}
			if err := g.communeReview(nu, ms, rs, y); err != nil {
				return err
			}
			if nu.Kind == "Xã" {
				if err := g.criteriaResult(nu.ID, "NTM-XA-2021", y, g.between(9, 18), ms[0].order); err != nil {
					return err
				}
			}
			if err := g.healthResult(nu.ID, y, g.chance(0.8)); err != nil {
				return err
			}
		}
	}
	return nil
}

// communeCriteria writes a commune's NTM results (the 2016 set to 2020, the 2021 set after) and,
// from 2023, its health points.
func (g *gen) communeCriteria(u *data.Unit, m *communeModel, y int) error {
	if u.Kind == "Xã" {
		set, from := "NTM-XA-2021", 2021
		if y <= 2020 {
			set, from = "NTM-XA-2016", FirstYear
		}
		met := map[data.AreaClass]int{data.KV1: 14, data.KV2: 10, data.KV3: 6}[m.class] + (y-from)*g.between(0, 2)
		if m.unit.NTMYear != nil && *m.unit.NTMYear <= y {
			met = 19
		}
		if err := g.criteriaResult(u.ID, set, y, min(met, 18+boolInt(met >= 19)), m.order); err != nil {
			return err
		}
	}
	if y >= 2023 {
		return g.healthResult(u.ID, y, m.unit.HealthYear != nil && *m.unit.HealthYear <= y)
	}
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
