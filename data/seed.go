package data

import (
	"context"
	"database/sql"
	"maps"
	"strings"

	"github.com/google/uuid"
)

// Reference records (cause groups, criteria sets, targets) get IDs derived from their codes, so that
// every office's database holds the same records and merging them never duplicates one.
var idSpace = uuid.MustParse("6b8f8e4e-2d5f-4c1e-9a43-4b4e47310000")

// StableID derives a UUID from a name: the same name gives the same ID in every office.
func StableID(name string) string { return uuid.NewSHA1(idSpace, []byte(name)).String() }

// newID makes a time-ordered UUID (version 7): unique across offices like any UUID, and new rows
// land at the end of the primary-key index instead of at random places, which keeps big loads fast.
func newID() string { return uuid.Must(uuid.NewV7()).String() }

func ptrF(x float64) *float64 { return &x }

// ReferenceCauseGroups is the usual list of causes of poverty (editable in the program).
var referenceCauseGroups = []CauseGroup{
	{Code: "von", Name: "Thiếu vốn sản xuất, kinh doanh"},
	{Code: "dat", Name: "Thiếu đất sản xuất"},
	{Code: "phuongtien", Name: "Thiếu phương tiện sản xuất, kinh doanh"},
	{Code: "laodong", Name: "Thiếu lao động"},
	{Code: "kienthuc", Name: "Thiếu kiến thức, kỹ năng sản xuất"},
	{Code: "vieclam", Name: "Có lao động nhưng không có việc làm"},
	{Code: "anthe", Name: "Đông người ăn theo"},
	{Code: "omdau", Name: "Ốm đau, bệnh nặng, tai nạn"},
	{Code: "tenan", Name: "Mắc tệ nạn xã hội"},
	{Code: "khac", Name: "Nguyên nhân khác"},
}

type seedSet struct {
	set      CriteriaSet
	criteria []string
	points   []float64
}

var ntmCommuneCriteria = []string{"Quy hoạch", "Giao thông", "Thủy lợi", "Điện", "Trường học",
	"Cơ sở vật chất văn hóa", "Cơ sở hạ tầng thương mại nông thôn", "Thông tin và Truyền thông", "Nhà ở dân cư",
	"Thu nhập", "Hộ nghèo", "Lao động có việc làm", "Tổ chức sản xuất",
	"Giáo dục và Đào tạo", "Y tế", "Văn hóa", "Môi trường và an toàn thực phẩm",
	"Hệ thống chính trị và tiếp cận pháp luật", "Quốc phòng và An ninh"}

var referenceCriteriaSets = []seedSet{
	{
		set: CriteriaSet{Code: "NTM-XA-2016", Name: "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2016–2020",
			LegalBasis: "QĐ 1980/QĐ-TTg ngày 17/10/2016", Level: LevelCommune, FromYear: 2016, ToYear: 2020},
		criteria: ntmCommuneCriteria,
	},
	{
		set: CriteriaSet{Code: "NTM-XA-2021", Name: "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021–2025",
			LegalBasis: "QĐ 318/QĐ-TTg ngày 08/3/2022", Level: LevelCommune, FromYear: 2021, ToYear: 2025},
		criteria: []string{"Quy hoạch", "Giao thông", "Thủy lợi và phòng, chống thiên tai", "Điện", "Trường học",
			"Cơ sở vật chất văn hóa", "Cơ sở hạ tầng thương mại nông thôn", "Thông tin và Truyền thông", "Nhà ở dân cư",
			"Thu nhập", "Nghèo đa chiều", "Lao động", "Tổ chức sản xuất và phát triển kinh tế nông thôn",
			"Giáo dục và Đào tạo", "Y tế", "Văn hóa", "Môi trường và an toàn thực phẩm",
			"Hệ thống chính trị và tiếp cận pháp luật", "Quốc phòng và An ninh"},
	},
	{
		set: CriteriaSet{Code: "YTE-XA-2030", Name: "Bộ tiêu chí quốc gia về y tế xã giai đoạn đến năm 2030",
			LegalBasis: "QĐ 1300/QĐ-BYT năm 2023", Level: LevelCommune, FromYear: 2023, ToYear: 2030, PassPoints: ptrF(80),
			Provisional: true,
			Note: "Đạt khi tổng điểm từ 80/100, mỗi tiêu chí đạt từ 50% số điểm và không vi phạm điểm liệt. " +
				"Tên rút gọn và điểm tối đa từng tiêu chí cần đối chiếu với văn bản gốc; sửa được trong chương trình."},
		criteria: []string{"Chỉ đạo, điều hành công tác chăm sóc sức khỏe nhân dân", "Nhân lực y tế",
			"Cơ sở hạ tầng trạm y tế", "Trang thiết bị, thuốc và vật tư y tế", "Y tế dự phòng, vệ sinh môi trường, an toàn thực phẩm",
			"Khám bệnh, chữa bệnh, phục hồi chức năng và y dược cổ truyền", "Chăm sóc sức khỏe bà mẹ, trẻ em",
			"Dân số và phát triển", "Quản lý sức khỏe người dân, bảo hiểm y tế", "Truyền thông, giáo dục sức khỏe và chuyển đổi số"},
		points: []float64{10, 10, 10, 10, 10, 10, 10, 10, 10, 10},
	},
	{
		set: CriteriaSet{Code: "NTM-THON-DTTS", Name: "Bộ tiêu chí thôn, làng nông thôn mới vùng đồng bào dân tộc thiểu số (tạm thời)",
			LegalBasis: "Tham khảo QĐ 386/QĐ-UBND ngày 22/4/2019 và QĐ 147/QĐ-UBND ngày 28/3/2022 của UBND tỉnh Kon Tum",
			Level:      LevelVillage, FromYear: 2019, ToYear: 2025, Provisional: true,
			Note: "Bộ tiêu chí của tỉnh chưa được đối chiếu: đây là danh mục tạm, sửa được trong chương trình."},
		criteria: []string{"Giao thông (đường thôn được cứng hóa)", "Điện", "Nhà văn hóa, khu thể thao thôn",
			"Thông tin và truyền thông", "Nhà ở dân cư", "Thu nhập", "Hộ nghèo đa chiều", "Tổ chức sản xuất",
			"Giáo dục", "Y tế", "Văn hóa", "Môi trường", "Hệ thống chính trị (chi bộ, tổ chức đoàn thể)", "An ninh, trật tự"},
	},
}

var referenceTargets = []Target{
	{Code: "NQ04-DBKK-2020", Metric: "dbkk_exit_share", Name: "Trên 30% số xã đặc biệt khó khăn thoát khỏi tình trạng đặc biệt khó khăn",
		Comparator: CmpGreater, Threshold: 30, DeadlineYear: 2020, BaselineYear: 2016, LegalBasis: "NQ 04-NQ/TU, mục II.1"},
	{Code: "NQ04-DBKK-2025", Metric: "dbkk_exit_share", Name: "Trên 50% số xã đặc biệt khó khăn thoát khỏi tình trạng đặc biệt khó khăn",
		Comparator: CmpGreater, Threshold: 50, DeadlineYear: 2025, BaselineYear: 2016, LegalBasis: "NQ 04-NQ/TU, mục II.2"},
	{Code: "NQ04-NGHEO", Metric: "poverty_rate_fall_pp", Name: "Tỷ lệ hộ nghèo ở các xã ĐBKK giảm bình quân 6–8%/năm",
		Comparator: CmpGreaterEqual, Threshold: 6, ThresholdHi: ptrF(8), DeadlineYear: 2020, BaselineYear: 2016, Yearly: true,
		LegalBasis: "NQ 04-NQ/TU, mục II.1", Note: "Tính bằng điểm phần trăm mỗi năm"},
	{Code: "NQ04-YTE-2020", Metric: "health_criteria_share", Name: "100% số xã đạt Bộ tiêu chí quốc gia về y tế xã",
		Comparator: CmpGreaterEqual, Threshold: 100, DeadlineYear: 2020, BaselineYear: 2016, LegalBasis: "NQ 04-NQ/TU, mục II.1"},
	{Code: "NQ04-CHIBO-2020", Metric: "villages_party_cell_share", Name: "100% thôn, làng có tổ chức Đảng (chi bộ)",
		Comparator: CmpGreaterEqual, Threshold: 100, DeadlineYear: 2020, BaselineYear: 2016, LegalBasis: "NQ 04-NQ/TU, mục II.1"},
	{Code: "CT-NTM-THON-2025", Metric: "em_villages_ntm_share", Name: "Ít nhất 50% số thôn, làng vùng đồng bào DTTS đạt chuẩn nông thôn mới",
		Comparator: CmpGreaterEqual, Threshold: 50, DeadlineYear: 2025, BaselineYear: 2016, LegalBasis: "Chỉ thị của Ban Thường vụ Tỉnh ủy về xây dựng thôn, làng NTM"},
}

var referenceRuleSets = []RuleSet{
	{Code: "QD50-2016", Name: "Tiêu chí xác định thôn ĐBKK, xã khu vực III, II, I giai đoạn 2016–2020",
		LegalBasis: "QĐ 50/2016/QĐ-TTg ngày 03/11/2016 (danh sách: QĐ 582/QĐ-TTg ngày 28/4/2017)",
		Family:     FamilyQD50, Purpose: PurposeClassify, FromYear: 2016, ToYear: 2020,
		Params: map[string]float64{
			"village_poor_near": 65, "village_poor": 35, "village_poor_near_low": 55, "village_em_high": 80,
			"commune_dbkk_villages": 35, "commune_poor_near": 65, "commune_poor": 35, "commune_poor_near_low": 55,
			"kv2_dbkk_villages": 0, "kv2_poor": 10,
		},
		Unverified: []string{"kv2_dbkk_villages", "kv2_poor"},
		Note: "Xã khu vực III: thôn ĐBKK từ 35% (bắt buộc) và tỷ lệ hộ nghèo, cận nghèo. Ranh giới khu vực II / I chưa được đối chiếu với văn bản: " +
			"tạm coi xã khu vực II là xã có thôn ĐBKK hoặc tỷ lệ hộ nghèo từ 10%. Các yếu tố hạ tầng (trường mẫu giáo, nhà văn hóa, 6 điều kiện của xã) chưa được lưu: khi cần đến, kết quả là không đủ dữ liệu."},
	{Code: "QD03-2019", Name: "Tiêu chí xã, thôn hoàn thành mục tiêu Chương trình 135 (ra khỏi diện ĐBKK) giai đoạn 2016–2020",
		LegalBasis: "QĐ 03/2019/QĐ-TTg", Family: FamilyQD03, Purpose: PurposeLeave, FromYear: 2016, ToYear: 2020,
		Params: map[string]float64{"poor_near": 35, "poor": 20, "ntm_road": 2, "ntm_school": 5},
		Note:   "Ra khỏi diện ĐBKK khi được công nhận NTM; hoặc tỷ lệ hộ nghèo và cận nghèo dưới 35%, hộ nghèo dưới 20%, đạt tiêu chí giao thông và trường học NTM và đạt Bộ tiêu chí quốc gia về y tế xã."},
	{Code: "QD33-2020", Name: "Tiêu chí phân định vùng đồng bào DTTS và miền núi theo trình độ phát triển giai đoạn 2021–2025",
		LegalBasis: "QĐ 33/2020/QĐ-TTg ngày 12/11/2020 (danh sách: QĐ 861/QĐ-TTg ngày 04/6/2021; thôn: QĐ 612/QĐ-UBDT)",
		Family:     FamilyQD33, Purpose: PurposeClassify, FromYear: 2021, ToYear: 2025, Params: qd33Params(),
		Note: "Xã khu vực III được công nhận NTM chuyển thành khu vực I (QĐ 861/QĐ-TTg)."},
	{Code: "ND272-2025", Name: "Tiêu chí phân định vùng đồng bào DTTS và miền núi giai đoạn 2026–2030",
		LegalBasis: "NĐ 272/2025/NĐ-CP", Family: FamilyQD33, Purpose: PurposeClassify, FromYear: 2026, ToYear: 2030, Params: qd33Params(),
		Unverified: []string{"em_min", "kv3_rate", "kv3_rate_low", "kv1_rate", "em_poor_share", "illiterate", "short_training", "road_km", "road_unpaved",
			"village_rate", "village_rate_low", "village_em_poor", "village_grid_off"},
		Note: "Ngưỡng chưa được đối chiếu với NĐ 272/2025/NĐ-CP: tạm dùng ngưỡng của QĐ 33/2020; sửa được trong chương trình."},
}

func qd33Params() map[string]float64 {
	return map[string]float64{
		"em_min": 15, "kv3_rate": 20, "kv3_rate_low": 15, "kv1_rate": 10, "em_poor_share": 60, "illiterate": 20,
		"short_training": 80, "road_km": 20, "road_unpaved": 50,
		"village_rate": 20, "village_rate_low": 15, "village_em_poor": 60, "village_grid_off": 30,
	}
}

// referenceRecords are the reference records every database holds, each with an ID derived from
// its code, a criteria set before its criteria.
func referenceRecords() []record {
	var out []record
	for i, c := range referenceCauseGroups {
		c.ID, c.Position = StableID("cause:"+c.Code), i+1
		out = append(out, &c)
	}
	for _, r := range referenceRuleSets {
		r.ID = StableID("rule-set:" + r.Code)
		r.Params = maps.Clone(r.Params)
		out = append(out, &r)
	}
	for _, s := range referenceCriteriaSets {
		set := s.set
		set.ID = StableID("criteria-set:" + set.Code)
		out = append(out, &set)
		for i, name := range s.criteria {
			c := Criterion{SetID: set.ID, Number: i + 1, Name: name}
			c.ID = StableID("criterion:" + set.Code + ":" + name)
			if s.points != nil {
				c.MaxPoints = ptrF(s.points[i])
			}
			out = append(out, &c)
		}
	}
	for _, t := range referenceTargets {
		t.ID = StableID("target:" + t.Code)
		out = append(out, &t)
	}
	return out
}

// missingReference are the reference records a database lacks, in the order they are written: one
// already there (even deleted, or edited) is not missing. One query per table.
func missingReference(ctx context.Context, q queryer) ([]record, error) {
	all := referenceRecords()
	ids := map[string][]any{}
	var tables []string
	for _, r := range all {
		if _, ok := ids[r.table()]; !ok {
			tables = append(tables, r.table())
		}
		ids[r.table()] = append(ids[r.table()], r.meta().ID)
	}
	there := map[string]bool{}
	for _, table := range tables {
		rows, err := q.QueryContext(ctx, "SELECT id FROM "+table+" WHERE id IN (?"+strings.Repeat(", ?", len(ids[table])-1)+")", ids[table]...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			there[table+"/"+id] = true
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	var missing []record
	for _, r := range all {
		if !there[r.table()+"/"+r.meta().ID] {
			missing = append(missing, r)
		}
	}
	return missing, nil
}

// seedReference writes the reference records a database lacks.
func seedReference(ctx context.Context, tx *sql.Tx, a actor) error {
	missing, err := missingReference(ctx, tx)
	if err != nil {
		return err
	}
	for _, r := range missing {
		if err := prepare(r); err != nil {
			return err
		}
		if err := insertTx(ctx, tx, r, a); err != nil {
			return err
		}
	}
	return nil
}
