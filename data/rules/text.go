package rules

import (
	"fmt"
	"strconv"
	"strings"

	"ketnghia/data"
	"ketnghia/data/vntext"
)

func itoa(n int) string { return strconv.Itoa(n) }

// pct writes a rate the Vietnamese way (12,5%), with as many decimals as it takes not to round onto
// or across any of the thresholds it is printed beside (19,99%, never 20,0% beside 20%); "?" when
// unknown.
func pct(x *float64, thresholds ...float64) string {
	if x == nil {
		return "?"
	}
	return vntext.RateBeside(*x, thresholds...)
}

// PercentBeside is pct for the screens, the command line and the reports: a rate written so that it
// never reads as meeting a threshold it misses.
func PercentBeside(x *float64, thresholds ...float64) string {
	if x == nil {
		return "—"
	}
	return vntext.RateBeside(*x, thresholds...)
}

// num writes a threshold without needless decimals (20, 12,5).
func num(x float64) string {
	if x == float64(int64(x)) {
		return vntext.FormatInt(int64(x))
	}
	return vntext.FormatDecimal(x, 1)
}

// numBeside writes a measured value (km) beside thresholds, as pct does.
func numBeside(x float64, thresholds ...float64) string {
	if x == float64(int64(x)) {
		return vntext.FormatInt(int64(x))
	}
	return vntext.DecimalBeside(x, 1, thresholds...)
}

func fp(x float64) *float64 { return &x }

// verdict is the word a condition sentence ends on.
func verdict(met Tri) string {
	switch met {
	case Yes:
		return "đạt"
	case No:
		return "không đạt"
	}
	return "không đủ dữ liệu"
}

// sentence is the one shape of a condition sentence: what was measured, its value, whether the
// condition is met, and the condition: "Tỷ lệ hộ nghèo 19,99%: không đạt (điều kiện: từ 20%)".
func sentence(label, value string, met Tri, condition string) string {
	s := label
	if value != "" {
		s += " " + value
	}
	return s + ": " + verdict(met) + " (điều kiện: " + condition + ")"
}

// ShortBasis is the legal document of a rule set without its date and list: "QĐ 33/2020/QĐ-TTg".
func ShortBasis(rs *data.RuleSet) string {
	b := rs.LegalBasis
	for _, cut := range []string{" ngày ", " (", ","} {
		if i := strings.Index(b, cut); i > 0 {
			b = b[:i]
		}
	}
	if b == "" {
		return rs.Name
	}
	return b
}

// paramLabels name the thresholds of the rule sets as a person reads them.
var paramLabels = map[string]string{
	"em_min":                "tỷ lệ hộ dân tộc thiểu số tối thiểu của xã, thôn thuộc vùng đồng bào DTTS",
	"kv3_rate":              "tỷ lệ hộ nghèo của xã khu vực III",
	"kv3_rate_low":          "tỷ lệ hộ nghèo thấp nhất của xã khu vực III khi có điều kiện phụ",
	"kv1_rate":              "tỷ lệ hộ nghèo dưới đó xã là khu vực I",
	"em_poor_share":         "tỷ lệ hộ nghèo DTTS trong tổng số hộ nghèo của xã",
	"illiterate":            "tỷ lệ người DTTS 15–60 tuổi không biết đọc, viết tiếng Việt",
	"short_training":        "tỷ lệ lao động có việc làm chưa qua đào tạo từ 3 tháng trở lên",
	"road_km":               "chiều dài đường từ trung tâm huyện đến trung tâm xã",
	"road_unpaved":          "tỷ lệ đường chưa được nhựa hóa, bê tông hóa",
	"village_rate":          "tỷ lệ hộ nghèo của thôn đặc biệt khó khăn",
	"village_rate_low":      "tỷ lệ hộ nghèo thấp nhất của thôn đặc biệt khó khăn khi có điều kiện phụ",
	"village_em_poor":       "tỷ lệ hộ nghèo DTTS trong tổng số hộ nghèo của thôn",
	"village_grid_off":      "tỷ lệ hộ của thôn chưa dùng điện lưới quốc gia",
	"village_poor_near":     "tỷ lệ hộ nghèo và cận nghèo của thôn đặc biệt khó khăn",
	"village_poor":          "tỷ lệ hộ nghèo của thôn đặc biệt khó khăn",
	"village_poor_near_low": "tỷ lệ hộ nghèo và cận nghèo của thôn đặc biệt khó khăn khi có yếu tố hạ tầng",
	"village_em_high":       "tỷ lệ hộ DTTS của thôn chỉ cần một yếu tố hạ tầng",
	"commune_dbkk_villages": "tỷ lệ thôn đặc biệt khó khăn của xã khu vực III",
	"commune_poor_near":     "tỷ lệ hộ nghèo và cận nghèo của xã khu vực III",
	"commune_poor":          "tỷ lệ hộ nghèo của xã khu vực III",
	"commune_poor_near_low": "tỷ lệ hộ nghèo và cận nghèo của xã khu vực III khi có điều kiện hạ tầng",
	"kv2_dbkk_villages":     "tỷ lệ thôn đặc biệt khó khăn của xã khu vực II",
	"kv2_poor":              "tỷ lệ hộ nghèo của xã khu vực II",
	"poor_near":             "tỷ lệ hộ nghèo và cận nghèo để ra khỏi diện ĐBKK",
	"poor":                  "tỷ lệ hộ nghèo để ra khỏi diện ĐBKK",
	"ntm_road":              "số thứ tự tiêu chí giao thông nông thôn mới",
	"ntm_school":            "số thứ tự tiêu chí trường học nông thôn mới",
}

// ParamLabel names a threshold in Vietnamese (an unknown one as "ngưỡng khác").
func ParamLabel(param string) string {
	if l, ok := paramLabels[param]; ok {
		return l
	}
	return "một ngưỡng khác do người dùng thêm"
}

// UnverifiedSentence says which thresholds of a rule set have not been checked against the legal
// text, in one sentence ("" when all have).
func UnverifiedSentence(rs *data.RuleSet) string {
	if len(rs.Unverified) == 0 {
		return ""
	}
	var names []string
	for _, p := range rs.Unverified {
		names = append(names, ParamLabel(p))
	}
	return "Các ngưỡng sau chưa được đối chiếu với " + ShortBasis(rs) + ", đang tạm dùng và sửa được trong chương trình: " +
		strings.Join(names, "; ") + "."
}

// ExitGrounds says how the conditions given let a unit leave the ĐBKK list, as the exit report
// justifies it: each what was measured and where it stands against its line, one a line, then that
// the condition to leave is reached: "Tỷ lệ hộ nghèo 0,6%, dưới ngưỡng 20%: đạt điều kiện ra khỏi
// diện ĐBKK." A condition of the difficult class that is not met (the ground of a classification)
// is said with its line turned round; a condition to leave that is met, as met. The condition
// sentence itself ("…: không đạt (điều kiện: từ 20%)") read as a failure there.
func ExitGrounds(cs []Condition) string {
	if len(cs) == 0 {
		return ""
	}
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = exitGround(c)
	}
	return vntext.UpperFirst(strings.Join(parts, ";\n")) + ": đạt điều kiện ra khỏi diện ĐBKK."
}

// exitGround is one condition of ExitGrounds: "tỷ lệ hộ nghèo 0,6%, dưới ngưỡng 20%".
func exitGround(c Condition) string {
	measured, line := c.Text, c.Threshold
	if i := strings.LastIndex(c.Text, ": "+verdict(c.Met)+" (điều kiện: "); i >= 0 {
		measured = c.Text[:i]
	}
	note := ""
	if i := strings.Index(line, " (ngưỡng chưa đối chiếu)"); i >= 0 {
		line, note = line[:i], line[i:]
	}
	where := ""
	if c.Met == No && strings.HasPrefix(line, "từ ") && strings.Contains(line, " đến dưới ") {
		where = "ngoài khoảng " + line
	} else {
		// The words of each comparison (opWords) with a number after them: where the value
		// stands when the condition is not met, and when it is.
		for _, w := range []struct{ op, not, met string }{
			{"từ ", "dưới ngưỡng %s", "từ ngưỡng %s trở lên"},
			{"trên ", "không quá ngưỡng %s", "trên ngưỡng %s"},
			{"dưới ", "từ ngưỡng %s trở lên", "dưới ngưỡng %s"},
			{"không quá ", "trên ngưỡng %s", "không quá ngưỡng %s"},
		} {
			v, ok := strings.CutPrefix(line, w.op)
			if !ok || v == "" || v[0] < '0' || v[0] > '9' {
				continue
			}
			switch c.Met {
			case No:
				where = fmt.Sprintf(w.not, v)
			case Yes:
				where = fmt.Sprintf(w.met, v)
			}
			break
		}
	}
	s := vntext.LowerFirst(measured)
	if where != "" {
		s += ", " + where + note
	}
	return s
}
