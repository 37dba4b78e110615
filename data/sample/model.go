package sample

import (
	"math"

	"ketnghia/data"
)

// communeModel holds the invented trajectory of one commune's figures.
type communeModel struct {
	unit     *data.Unit
	class    data.AreaClass // class given in 2017 (invented)
	emShare  float64
	poor0    float64 // poverty rate in 2016, 0..1
	fall     float64 // fall of the poverty rate per year, 0..1
	illit0   float64 // share of ethnic-minority people 15–60 who cannot read Vietnamese, 2016
	short0   float64 // share of employed workers without 3 months of vocational training, 2016
	roadKm   float64
	unpaved0 float64 // share of the road not hardened, 2016
	villages []*villageModel
	order    []int // order in which NTM criteria are met
}

func (c *communeModel) rate(y int) float64 {
	return math.Max(0.008, c.poor0-c.fall*float64(y-FirstYear))
}

// villageModel holds the invented trajectory of one village's figures.
type villageModel struct {
	unit          *data.Unit
	commune       *communeModel
	households0   int
	emShare       float64
	factor        float64 // village poverty rate = commune rate × factor
	nearRate      float64
	partyCellFrom int // first year with a chi bộ
	grid0         float64
	roadFrom      int // first year with a road usable all year
	culturalFrom  int
	ntmFrom       int // 0: not recognised
	causeWeights  []float64
	order         []int
}

func (v *villageModel) households(y int) int {
	return int(math.Round(float64(v.households0) * (1 + 0.012*float64(y-FirstYear))))
}

func (v *villageModel) rate(y int) float64 {
	return math.Min(0.9, v.commune.rate(y)*v.factor)
}

func (g *gen) newVillageModel(c *communeModel, u *data.Unit, urban bool) *villageModel {
	v := &villageModel{unit: u, commune: c, factor: 0.6 + 0.8*g.rng.Float64(), nearRate: 0.04 + 0.08*g.rng.Float64()}
	if urban {
		v.households0 = g.between(120, 420)
	} else {
		v.households0 = g.between(45, 230)
	}
	v.emShare = clamp(c.emShare+(g.rng.Float64()-0.5)*0.5, 0, 1)
	if c.emShare < 0.05 {
		v.emShare = 0
	}
	hard := c.class == data.KV3
	v.partyCellFrom = FirstYear - 5
	if g.chance(map[bool]float64{true: 0.12, false: 0.03}[hard]) {
		v.partyCellFrom = g.between(2017, 2022)
	}
	v.grid0 = 0.88 + 0.12*g.rng.Float64()
	if hard {
		v.grid0 = 0.62 + 0.33*g.rng.Float64()
	}
	v.roadFrom = FirstYear - 5
	if hard && g.chance(0.3) {
		v.roadFrom = g.between(2017, 2027)
	}
	v.culturalFrom = g.between(2010, 2032)
	if v.emShare >= 0.5 && !urban && g.chance(0.45) {
		v.ntmFrom = g.between(2019, LastYear)
	}
	v.causeWeights = make([]float64, len(g.causes))
	for i := range v.causeWeights {
		v.causeWeights[i] = g.rng.Float64() * float64(len(g.causes)-i)
	}
	v.order = g.rng.Perm(g.crit["NTM-THON-DTTS"])
	return v
}

// review writes the village's review of year y and returns it (the commune adds them up).
func (g *gen) villageReview(v *villageModel, y int) (*data.Review, error) {
	h := v.households(y)
	em := int(math.Round(float64(h) * v.emShare))
	poor := int(math.Round(float64(h) * v.rate(y) * (0.95 + 0.1*g.rng.Float64())))
	near := int(math.Round(float64(h) * v.nearRate * (0.9 + 0.2*g.rng.Float64())))
	if poor+near > h {
		near = h - poor
	}
	poorEM := min(poor, em, int(math.Round(float64(poor)*math.Min(1, v.emShare*1.15))))
	grid := min(h, int(math.Round(float64(h)*math.Min(1, v.grid0+0.02*float64(y-FirstYear)))))
	r := &data.Review{
		UnitID: v.unit.ID, Year: y, Households: ip(h), EMHouseholds: ip(em), People: ip(int(float64(h) * (4.1 + 0.6*g.rng.Float64()))),
		Poor: ip(poor), NearPoor: ip(near), PoorEM: ip(poorEM), PoorByCause: g.splitCauses(poor, v.causeWeights),
		PartyCell: bp(y >= v.partyCellFrom), GridHouseholds: ip(grid), RoadAllYear: bp(y >= v.roadFrom), Cultural: bp(y >= v.culturalFrom),
		Note: "Số liệu giả định (dữ liệu mẫu)",
	}
	r.ID, r.Sample = g.id(), true
	return r, g.add(r)
}

// splitCauses spreads the poor households over the causes of poverty by the village's weights.
func (g *gen) splitCauses(poor int, weights []float64) map[string]int {
	out := map[string]int{}
	if poor == 0 || len(g.causes) == 0 {
		return out
	}
	total := 0.0
	for _, w := range weights {
		total += w
	}
	left := poor
	for i, c := range g.causes {
		n := int(math.Floor(float64(poor) * weights[i] / total))
		if i == len(g.causes)-1 || n > left {
			n = left
		}
		if n > 0 {
			out[c.Code] = n
		}
		left -= n
	}
	return out
}

// communeReview adds up the village reviews of a commune for year y and adds the commune inputs.
func (g *gen) communeReview(u *data.Unit, models []*communeModel, villages []*data.Review, y int) error {
	sum := func(get func(r *data.Review) *int) *int {
		n := 0
		for _, r := range villages {
			n += *get(r)
		}
		return ip(n)
	}
	r := &data.Review{UnitID: u.ID, Year: y, Note: "Số liệu giả định (dữ liệu mẫu)", PoorByCause: map[string]int{}}
	r.Households = sum(func(r *data.Review) *int { return r.Households })
	r.EMHouseholds = sum(func(r *data.Review) *int { return r.EMHouseholds })
	r.People = sum(func(r *data.Review) *int { return r.People })
	r.Poor = sum(func(r *data.Review) *int { return r.Poor })
	r.NearPoor = sum(func(r *data.Review) *int { return r.NearPoor })
	r.PoorEM = sum(func(r *data.Review) *int { return r.PoorEM })
	for _, v := range villages {
		for k, n := range v.PoorByCause {
			r.PoorByCause[k] += n
		}
	}
	var emPeople, illit, workers, short int
	var road, unpaved float64
	t := float64(y - FirstYear)
	for i, m := range models {
		people := 0
		for _, v := range m.villages {
			people += int(float64(v.households(y)) * 4.4)
		}
		ep := int(float64(people) * m.emShare * 0.58)
		emPeople += ep
		illit += int(float64(ep) * math.Max(0.02, m.illit0-0.012*t))
		w := int(float64(people) * 0.57)
		workers += w
		short += int(float64(w) * math.Max(0.2, m.short0-0.025*t))
		if i == 0 {
			road = m.roadKm
			unpaved = m.roadKm * math.Max(0, m.unpaved0-0.05*t)
		}
	}
	r.EMPeople15to60, r.EMIlliterate15to60, r.EmployedWorkers, r.EmployedUntrained = ip(emPeople), ip(illit), ip(workers), ip(short)
	r.RoadKm, r.RoadUnpavedKm = fp(math.Round(road*10)/10), fp(math.Round(unpaved*10)/10)
	r.ID, r.Sample = g.id(), true
	return g.add(r)
}

// criteriaResult writes a met / not-met result with the first k criteria of order met.
func (g *gen) criteriaResult(unitID, setCode string, y int, met int, order []int) error {
	set, ok := g.sets[setCode]
	if !ok {
		return nil
	}
	scores := map[int]float64{}
	for i, n := range order {
		s := 0.0
		if i < met {
			s = 1
		}
		scores[n+1] = s
	}
	r := &data.CriteriaResult{UnitID: unitID, SetID: set.ID, Year: y, Scores: scores, Note: "Kết quả giả định (dữ liệu mẫu)"}
	r.ID, r.Sample = g.id(), true
	return g.add(r)
}

// healthResult writes commune health points: all ≥ 8 when the commune meets the criteria.
func (g *gen) healthResult(unitID string, y int, met bool) error {
	set, ok := g.sets["YTE-XA-2030"]
	if !ok {
		return nil
	}
	scores := map[int]float64{}
	for n := 1; n <= 10; n++ {
		if met {
			scores[n] = float64(g.between(8, 10))
		} else {
			scores[n] = float64(g.between(4, 9))
		}
	}
	r := &data.CriteriaResult{UnitID: unitID, SetID: set.ID, Year: y, Scores: scores, Note: "Kết quả giả định (dữ liệu mẫu)"}
	r.ID, r.Sample = g.id(), true
	return g.add(r)
}

func clamp(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }
