package reports

import (
	"io"

	"ketnghia/data"
	"ketnghia/data/rules"
)

// Input is what every report is built from: the header (settings and date), the rules' index over
// the dataset, the twinning records, and the parameters chosen.
type Input struct {
	Header
	Index    *rules.Index
	Twinning *data.TwinningData
	Year     int
	UnitCode string // the commune of a profile
	RuleSet  string // the rule set of the exit report ("" : the one in force for the year)
}

// Kind is one report the program can make.
type Kind struct {
	Code      string // the command line's KIND
	Name      string // as the Báo cáo screen lists it
	NeedsUnit bool   // asks for a commune (--unit CODE)
	AreaUnit  bool   // may be limited to a province or a district (--unit CODE)
	Annex     string // its title as an annex of a committee's whole report ("": never one)
	Build     func(w io.Writer, in Input) error
}

// Kinds lists the reports in the order the screen shows them.
var Kinds = []Kind{
	{Code: "progress", Name: "Tiến độ thực hiện các chỉ tiêu (có bản đồ, biểu đồ)", Annex: "Kết quả thực hiện các chỉ tiêu", Build: Progress},
	{Code: "commune", Name: "Hồ sơ một xã", NeedsUnit: true, Build: Commune},
	{Code: "communes", Name: "Hồ sơ tất cả các xã (một tệp, có mục lục đánh dấu)", AreaUnit: true, Annex: "Hồ sơ các xã, phường", Build: Communes},
	{Code: "twinning", Name: "Phân công kết nghĩa và hoạt động giúp đỡ", Annex: "Phân công kết nghĩa và hoạt động giúp đỡ", Build: Twinning},
	{Code: "exit", Name: "Xã, thôn đủ điều kiện ra khỏi diện đặc biệt khó khăn", Annex: "Xã, thôn đủ điều kiện ra khỏi diện ĐBKK", Build: Exit},
	{Code: "villages", Name: "Thôn chưa có chi bộ, chưa có điện lưới, chưa đạt chuẩn nông thôn mới", Annex: "Thôn chưa có chi bộ, điện lưới, chưa đạt chuẩn NTM", Build: Villages},
	{Code: "causes", Name: "Hộ nghèo theo nhóm nguyên nhân (toàn tỉnh, từng huyện, từng xã)", Annex: "Hộ nghèo theo nhóm nguyên nhân", Build: Causes},
	{Code: "pilots", Name: "Thôn, làng điểm các cấp và tiêu chí nông thôn mới", Annex: "Thôn, làng điểm và tiêu chí nông thôn mới", Build: Pilots},
	{Code: "pack", Name: "Bộ tài liệu họp (bìa, mục lục, tiến độ, ra khỏi diện ĐBKK, kết nghĩa)", Build: Pack},
}

// KindOf returns a report kind by its code.
func KindOf(code string) (Kind, bool) {
	for _, k := range Kinds {
		if k.Code == code {
			return k, true
		}
	}
	return Kind{}, false
}
