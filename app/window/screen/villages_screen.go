package screen

import (
	"fyne.io/fyne/v2"

	"ketnghia/data"
)

// villageConfig makes the units' screen the villages' (Thôn, làng): ethnic-minority village,
// ĐBKK as recorded, NTM and pilot on the form; chi bộ, grid power and the road by year in the
// figures (entered in Rà soát hằng năm); the NTM village criteria and the assessment of QĐ 33.
var villageConfig = unitConfig{level: data.LevelVillage, noun: "thôn", Noun: "Thôn", parentLevel: data.LevelCommune,
	parentLabel: "Thuộc xã", parentHint: "Chọn xã", namePrompt: "Thôn …",
	classChoices: []string{"Mọi thôn", "Thôn đặc biệt khó khăn", "Không đặc biệt khó khăn", "Chưa ghi nhận"},
	classCodes:   []data.AreaClass{"", data.DBKK, data.NotDBKK, "none"},
	emLabel:      "Thôn, làng đồng bào dân tộc thiểu số"}

// NewVillagesScreen is the screen of the villages (Thôn, làng).
func NewVillagesScreen(st *data.Store, w fyne.Window) *PlaceScreen {
	return newPlaceScreen(st, w, villageConfig)
}
