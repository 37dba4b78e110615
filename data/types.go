package data

import (
	"time"

	"ketnghia/data/vntext"
)

// Meta is the identity every exchangeable record carries, so that the work of several offices can be
// merged without losing any of it: a UUID, when it was made and last changed, the office that last
// changed it, a version counter bumped on every change, and a tombstone flag (nothing is erased).
type Meta struct {
	ID        string
	CreatedAt Moment
	UpdatedAt Moment
	OfficeID  string
	Version   int
	Deleted   bool
	Sample    bool // invented demonstration data, shown as such
}

// Level is the tier of an administrative unit.
type Level string

const (
	LevelProvince Level = "province"
	LevelDistrict Level = "district"
	LevelCommune  Level = "commune"
	LevelVillage  Level = "village"
)

// Label is the Vietnamese word for the level.
func (l Level) Label() string {
	switch l {
	case LevelProvince:
		return "Tỉnh"
	case LevelDistrict:
		return "Huyện"
	case LevelCommune:
		return "Xã"
	case LevelVillage:
		return "Thôn (làng)"
	}
	return string(l)
}

// UnitKinds lists the kinds allowed at each level, as the official names write them.
var UnitKinds = map[Level][]string{
	LevelProvince: {"Tỉnh", "Thành phố"},
	LevelDistrict: {"Huyện", "Thành phố", "Thị xã", "Quận"},
	LevelCommune:  {"Xã", "Phường", "Thị trấn", "Đặc khu"},
	LevelVillage:  {"Thôn", "Làng", "Tổ dân phố", "Bản", "Buôn", "Khối phố"},
}

// CodeDigits is the length of the official code at each level (QĐ 124/2004/QĐ-TTg); villages
// have no national code, so any digits or none are accepted there.
var CodeDigits = map[Level]int{LevelProvince: 2, LevelDistrict: 3, LevelCommune: 5}

// PilotLevel is who chose a pilot NTM village (or commune).
type PilotLevel string

const (
	PilotNone     PilotLevel = ""
	PilotProvince PilotLevel = "province"
	PilotDistrict PilotLevel = "district"
	PilotCommune  PilotLevel = "commune"
)

func (p PilotLevel) Label() string {
	switch p {
	case PilotProvince:
		return "Điểm cấp tỉnh"
	case PilotDistrict:
		return "Điểm cấp huyện"
	case PilotCommune:
		return "Điểm cấp xã"
	}
	return ""
}

// Unit is an administrative unit: province, district, commune or village.
type Unit struct {
	Meta
	Level    Level
	Kind     string // Xã, Phường, Thị trấn, Thôn, Làng, …
	Code     string // official code; "" for villages without one
	Name     string // the full official name, kind prefix included: "Xã Đắk Blô"
	ParentID string // the current parent; earlier parents are in UnitMove
	OpenedOn Date
	ClosedOn Date // zero: still open

	EthnicMinority bool       // village: ethnic-minority village; commune: in the ethnic-minority area
	KeyDBKK        bool       // commune: "trọng điểm ĐBKK"
	LeftDBKKYear   *int       // commune: year it left the ĐBKK list
	NTMYear        *int       // year recognised as meeting the NTM standard (commune or village)
	NTMDecision    string     // the recognising decision
	NTMDate        Date       // its date
	NTMPlanYear    *int       // village: the year it is planned to meet the NTM standard (the directive's road)
	HealthYear     *int       // commune: year it met the national commune health criteria
	Pilot          PilotLevel // pilot NTM village / commune, and at which level it was chosen
	Note           string

	nameKey string // folded name, for search
	sortKey []byte // Vietnamese collation key, for sorted lists
}

// OpenAt reports whether the unit exists on day at.
func (u Unit) OpenAt(at Date) bool { return OpenBetween(u.OpenedOn, u.ClosedOn, at) }

// LinkKind says how a predecessor became a successor.
type LinkKind string

const (
	LinkMerge    LinkKind = "merge"    // sáp nhập
	LinkSplit    LinkKind = "split"    // chia tách
	LinkRename   LinkKind = "rename"   // đổi tên
	LinkUpgrade  LinkKind = "upgrade"  // nâng cấp (xã → thị trấn)
	LinkTransfer LinkKind = "transfer" // điều chỉnh địa giới
)

func (k LinkKind) Label() string {
	switch k {
	case LinkMerge:
		return "Sáp nhập"
	case LinkSplit:
		return "Chia tách"
	case LinkRename:
		return "Đổi tên"
	case LinkUpgrade:
		return "Thành lập thị trấn / phường"
	case LinkTransfer:
		return "Điều chỉnh địa giới"
	}
	return string(k)
}

// UnitLink records that PredecessorID continued, wholly or in part, as SuccessorID from EffectiveOn.
type UnitLink struct {
	Meta
	PredecessorID string
	SuccessorID   string
	EffectiveOn   Date
	Kind          LinkKind
	LegalBasis    string
	Note          string
}

// UnitMove records that a unit's parent changed on MovedOn (a village whose commune was merged).
type UnitMove struct {
	Meta
	UnitID       string
	FromParentID string
	ToParentID   string
	MovedOn      Date
	LegalBasis   string
}

// AreaClass is a classification result: commune KV1–KV3, village ĐBKK or not.
type AreaClass string

const (
	KV1     AreaClass = "KV1"
	KV2     AreaClass = "KV2"
	KV3     AreaClass = "KV3"
	DBKK    AreaClass = "DBKK" // village: thôn đặc biệt khó khăn
	NotDBKK AreaClass = "NONE" // village: not especially difficult
)

func (c AreaClass) Label() string {
	switch c {
	case KV1:
		return "Khu vực I"
	case KV2:
		return "Khu vực II"
	case KV3:
		return "Khu vực III"
	case DBKK:
		return "Thôn ĐBKK"
	case NotDBKK:
		return "Không thuộc diện ĐBKK"
	}
	return string(c)
}

// Classification is a class given to a unit by a decision for a period of years.
type Classification struct {
	Meta
	UnitID   string
	RuleSet  string // QD50-2016, QD33-2020, …
	FromYear int
	ToYear   int
	Class    AreaClass
	Decision string // e.g. "QĐ 582/QĐ-TTg ngày 28/4/2017"
}

// TwinningLevel is the level of a twinning agency.
type TwinningLevel string

const (
	TwinProvince TwinningLevel = "province"
	TwinDistrict TwinningLevel = "district"
)

func (l TwinningLevel) Label() string {
	if l == TwinDistrict {
		return "Cấp huyện"
	}
	return "Cấp tỉnh"
}

// TwinningKind is what sort of body a twinning agency is.
type TwinningKind string

const (
	TwinParty      TwinningKind = "party"
	TwinState      TwinningKind = "state"
	TwinMass       TwinningKind = "mass"
	TwinArmed      TwinningKind = "armed"
	TwinEnterprise TwinningKind = "enterprise"
)

func (k TwinningKind) Label() string {
	switch k {
	case TwinParty:
		return "Cơ quan Đảng"
	case TwinState:
		return "Cơ quan nhà nước"
	case TwinMass:
		return "Mặt trận, đoàn thể"
	case TwinArmed:
		return "Lực lượng vũ trang"
	case TwinEnterprise:
		return "Doanh nghiệp"
	}
	return string(k)
}

// TwinningUnit is an agency twinned with communes or villages (cơ quan, đơn vị kết nghĩa).
type TwinningUnit struct {
	Meta
	Name       string
	Level      TwinningLevel
	Kind       TwinningKind
	Head       string
	Contact    string
	Phone      string
	DistrictID string // a district-level agency's district
	Note       string

	nameKey string
	sortKey []byte
}

// Assignment twins an agency with a commune or a village from Start to End (zero: still running).
// Re-assignment ends one and starts another, so the history stays.
type Assignment struct {
	Meta
	TwinningUnitID string
	UnitID         string
	Start          Date
	End            Date
	Note           string
}

// ActiveAt reports whether the assignment runs on day at.
func (a Assignment) ActiveAt(at Date) bool { return OpenBetween(a.Start, a.End, at) }

// ActivityKind is what a twinning agency did.
type ActivityKind string

const (
	ActVisit          ActivityKind = "visit"
	ActGift           ActivityKind = "gift"
	ActRelief         ActivityKind = "relief"
	ActTraining       ActivityKind = "training"
	ActEconomy        ActivityKind = "economy"
	ActInfrastructure ActivityKind = "infrastructure"
	ActOther          ActivityKind = "other"
)

// ActivityKinds lists the kinds in display order.
var ActivityKinds = []ActivityKind{ActVisit, ActGift, ActRelief, ActTraining, ActEconomy, ActInfrastructure, ActOther}

func (k ActivityKind) Label() string {
	switch k {
	case ActVisit:
		return "Thăm hỏi, nắm tình hình"
	case ActGift:
		return "Tặng quà dịp lễ, Tết"
	case ActRelief:
		return "Cứu trợ thiên tai"
	case ActTraining:
		return "Tập huấn, đào tạo"
	case ActEconomy:
		return "Mô hình phát triển kinh tế hộ"
	case ActInfrastructure:
		return "Hỗ trợ xây dựng hạ tầng"
	case ActOther:
		return "Khác"
	}
	return string(k)
}

// Activity is one thing a twinning agency did for a commune or village.
type Activity struct {
	Meta
	TwinningUnitID string
	UnitID         string // the commune or village helped ("" when not tied to one)
	On             Date
	Kind           ActivityKind
	Description    string
	CashVND        int64
	InKindVND      int64
}

// CauseGroup is one entry of the editable list of causes of poverty.
type CauseGroup struct {
	Meta
	Code     string
	Name     string
	Position int
}

// Heading is the title of a column of the poor households of this cause: "Hộ nghèo do thiếu vốn
// sản xuất, kinh doanh".
func (g CauseGroup) Heading() string { return "Hộ nghèo do " + vntext.LowerFirst(g.Name) }

// Review is the yearly review (rà soát) of one unit. Counts are nil when not known: an unknown is
// not a zero, and rules that need it answer "không đủ dữ liệu". Rates are never stored.
type Review struct {
	Meta
	UnitID       string
	Year         int
	Households   *int
	EMHouseholds *int // ethnic-minority households
	People       *int
	Poor         *int           // hộ nghèo
	NearPoor     *int           // hộ cận nghèo
	PoorEM       *int           // poor households that are ethnic minority
	PoorByCause  map[string]int // cause group code → poor households

	// Village inputs.
	PartyCell      *bool // has a chi bộ
	GridHouseholds *int  // households on the national grid
	RoadAllYear    *bool // road to the commune centre usable all year
	Cultural       *bool // thôn văn hóa

	// Commune inputs of the area-classification rules.
	EMPeople15to60     *int
	EMIlliterate15to60 *int
	EmployedWorkers    *int // workers with a job
	EmployedUntrained  *int // employed workers without vocational training of 3 months or more (QĐ 33/2020 Art. 3(b))
	RoadKm             *float64
	RoadUnpavedKm      *float64

	Note string
}

// CriteriaSet is a set of numbered criteria (NTM commune, commune health, NTM village …).
type CriteriaSet struct {
	Meta
	Code        string
	Name        string
	LegalBasis  string
	Level       Level // commune or village
	FromYear    int
	ToYear      int
	Provisional bool     // not confirmed: editable data, marked as such
	PassPoints  *float64 // for point-scored sets: total needed
	Note        string
}

// Criterion is one numbered criterion of a set.
type Criterion struct {
	Meta
	SetID     string
	Number    int
	Name      string
	MaxPoints *float64 // nil: met / not met
}

// CriteriaResult is one unit's results against one set in one year: criterion number → score
// (1 or 0 for met / not met; points for point-scored criteria).
type CriteriaResult struct {
	Meta
	UnitID   string
	SetID    string
	Year     int
	Scores   map[int]float64
	AutoFail bool // an automatic-fail item applies (commune health criteria)
	Note     string
}

// Comparator says how a target's value meets its threshold.
type Comparator string

const (
	CmpGreater      Comparator = ">"
	CmpGreaterEqual Comparator = ">="
	CmpLess         Comparator = "<"
	CmpLessEqual    Comparator = "<="
	CmpBetween      Comparator = "between"
)

// Label is how a person says the comparison in a cell: "từ … trở lên" and the like.
func (c Comparator) Label() string {
	switch c {
	case CmpGreater:
		return "lớn hơn"
	case CmpGreaterEqual:
		return "từ mức này trở lên"
	case CmpLess:
		return "nhỏ hơn"
	case CmpLessEqual:
		return "không vượt mức này"
	case CmpBetween:
		return "trong khoảng"
	}
	return string(c)
}

// Target is a goal set by the source documents (chỉ tiêu), kept as an editable record.
type Target struct {
	Meta
	Code         string
	Metric       string // the derived figure it measures
	Name         string
	Comparator   Comparator
	Threshold    float64
	ThresholdHi  *float64
	DeadlineYear int
	BaselineYear int
	Yearly       bool // judged every year up to the deadline (e.g. poverty falls 6–8 points a year)
	LegalBasis   string
	Note         string
}

// Change is one line of the change history.
type Change struct {
	Seq      int64
	At       time.Time
	OfficeID string
	Person   string
	Table    string
	RecordID string
	Field    string
	Old      string
	New      string
}

// Settings are this office's identity and the texts of report headers.
type Settings struct {
	OfficeID         string
	OfficeName       string
	Person           string // who is working at this PC, for the change history
	SuperiorBody     string // "TỈNH ỦY KON TUM"
	IssuingBody      string // "BAN CHỈ ĐẠO THỰC HIỆN NGHỊ QUYẾT 04-NQ/TU"
	Place            string // "Kon Tum"
	NumberPrefix     string // "-BC/BCĐ"
	SignerTitle      string // "TRƯỞNG BAN" or "PHÓ TRƯỞNG BAN"
	SignerOnBehalfOf bool   // a deputy signs "K/T TRƯỞNG BAN"
	SignerName       string
	Recipients       []string
	SampleData       bool // the database holds invented demonstration figures
	// BackupsKeep is how many of the newest automatic backups are kept (with the newest of each
	// month and the one an undo needs); older ones are removed after each import.
	BackupsKeep int
	// OfficeNamed says a person has given the office its name (at init, on first start, in the
	// settings): until then the window asks for it, since the name tells offices' work apart in
	// packages, their file names and the history.
	OfficeNamed bool
	// Approves says this office accepts or returns the figures the communes send up (the
	// province's steering committee office).
	Approves bool
}

// DefaultBackupsKeep is how many recent backups are kept when the settings say nothing.
const DefaultBackupsKeep = 10
