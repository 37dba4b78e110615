package sample

import (
	"fmt"

	"ketnghia/data"
)

// Syllables of invented place names for the national-scale sample.
var syllables = []string{"An", "Bình", "Cường", "Đông", "Đức", "Giang", "Hà", "Hải", "Hòa", "Hưng", "Khánh", "Lâm", "Lộc", "Long",
	"Minh", "Mỹ", "Nam", "Nghĩa", "Ngọc", "Phong", "Phú", "Phước", "Quang", "Sơn", "Tân", "Thạnh", "Thành", "Thịnh", "Thuận",
	"Tiến", "Trung", "Trường", "Tuấn", "Văn", "Vĩnh", "Xuân", "Yên", "Đắk", "Ia", "Kon", "Krông", "Ea", "Mường", "Nà", "Pác", "Bản"}

func (g *gen) placeName() string {
	return syllables[g.rng.IntN(len(syllables))] + " " + syllables[g.rng.IntN(len(syllables))]
}

// buildNational writes a country-sized dataset: 63 provinces, ~700 districts, ~10,600 communes,
// ~80,000 villages and their reviews for ten years (~0.9 million rows), for benchmarks.
func buildNational(g *gen) error {
	districtCode, communeCode := 1, 1
	for p := 1; p <= 63; p++ {
		prov := &data.Unit{Level: data.LevelProvince, Kind: "Tỉnh", Code: fmt.Sprintf("%02d", p), Name: "Tỉnh " + g.placeName()}
		prov.ID, prov.Sample = g.id(), true
		if err := g.add(prov); err != nil {
			return err
		}
		var agencies []*data.TwinningUnit
		for i := 0; i < 40; i++ {
			a := provinceAgencies[i%len(provinceAgencies)]
			t := &data.TwinningUnit{Name: a.name + " " + prov.ShortName(), Level: data.TwinProvince, Kind: a.kind, Head: g.person(), Phone: g.phone()}
			t.ID, t.Sample = g.id(), true
			if err := g.add(t); err != nil {
				return err
			}
			agencies = append(agencies, t)
		}
		for d, nd := 0, g.between(9, 13); d < nd; d++ {
			dist := &data.Unit{Level: data.LevelDistrict, Kind: "Huyện", Code: fmt.Sprintf("%03d", districtCode), Name: "Huyện " + g.placeName(), ParentID: prov.ID}
			districtCode++
			dist.ID, dist.Sample = g.id(), true
			if err := g.add(dist); err != nil {
				return err
			}
			for c, nc := 0, g.between(12, 18); c < nc; c++ {
				cu := &data.Unit{Level: data.LevelCommune, Kind: "Xã", Code: fmt.Sprintf("%05d", communeCode), Name: "Xã " + g.placeName(), ParentID: dist.ID}
				communeCode++
				cu.ID, cu.Sample = g.id(), true
				class := []data.AreaClass{data.KV1, data.KV2, data.KV3}[g.rng.IntN(3)]
				m := g.communeModel(cu, class)
				if err := g.add(cu); err != nil {
					return err
				}
				if err := g.class(cu.ID, RuleQD50, 2016, 2020, class, "Danh sách giả định"); err != nil {
					return err
				}
				names, kinds := g.villageNames(g.between(5, 10), m.emShare, false)
				for i := range names {
					v := &data.Unit{Level: data.LevelVillage, Kind: kinds[i], Name: names[i], ParentID: cu.ID}
					v.ID, v.Sample = g.id(), true
					vm := g.newVillageModel(m, v, false)
					v.EthnicMinority = vm.emShare >= 0.5
					if err := g.add(v); err != nil {
						return err
					}
					m.villages = append(m.villages, vm)
				}
				for y := FirstYear; y <= LastYear; y++ {
					var rs []*data.Review
					for _, v := range m.villages {
						r, err := g.villageReview(v, y)
						if err != nil {
							return err
						}
						rs = append(rs, r)
					}
					if err := g.communeReview(cu, []*communeModel{m}, rs, y); err != nil {
						return err
					}
					if err := g.communeCriteria(cu, m, y); err != nil {
						return err
					}
				}
				if class == data.KV3 && g.chance(0.5) {
					a := &data.Assignment{TwinningUnitID: agencies[g.rng.IntN(len(agencies))].ID, UnitID: cu.ID, Start: data.D(2016, 9, 1)}
					a.ID, a.Sample = g.id(), true
					if err := g.add(a); err != nil {
						return err
					}
					if err := g.activities(a); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}
