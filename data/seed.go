package data

import (
	"context"
	"database/sql"

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

var referenceCriteriaSets = []seedSet{
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

// seedReference writes the reference records into a new database.
func seedReference(ctx context.Context, tx *sql.Tx, a actor) error {
	for i, c := range referenceCauseGroups {
		c.ID, c.Position = StableID("cause:"+c.Code), i+1
		if err := insertTx(ctx, tx, &c, a); err != nil {
			return err
		}
	}
	for _, s := range referenceCriteriaSets {
		set := s.set
		set.ID = StableID("criteria-set:" + set.Code)
		if err := prepare(&set); err != nil {
			return err
		}
		if err := insertTx(ctx, tx, &set, a); err != nil {
			return err
		}
		for i, name := range s.criteria {
			c := Criterion{SetID: set.ID, Number: i + 1, Name: name}
			c.ID = StableID("criterion:" + set.Code + ":" + name)
			if s.points != nil {
				c.MaxPoints = ptrF(s.points[i])
			}
			if err := prepare(&c); err != nil {
				return err
			}
			if err := insertTx(ctx, tx, &c, a); err != nil {
				return err
			}
		}
	}
	for _, t := range referenceTargets {
		t.ID = StableID("target:" + t.Code)
		if err := prepare(&t); err != nil {
			return err
		}
		if err := insertTx(ctx, tx, &t, a); err != nil {
			return err
		}
	}
	return nil
}
