package rules

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"ketnghia/data"
	"ketnghia/data/vntext"
)

// The committee's whole report, drafted from the figures: for each target group the sentences a
// secretary would write, with the figures these rules compute (never typed), each paragraph naming
// what it was drafted from so that a refresh after the data change finds it again. The sections
// a person writes (shortcomings, tasks, proposals) get their heading and a prompt; where the
// figures say something of them (the targets not met, those still due) a drafted paragraph too.

// Section keys: how a refresh and the screen's outline find a section again.
const (
	SectionPreamble  = "mo_dau"
	SectionResults   = "ket_qua"
	SectionShortfall = "han_che"
	SectionTasks     = "phuong_huong"
	SectionProposals = "kien_nghi"
)

// Drafted is the draft with its area (the province at the period's end) and its sections drafted
// from the figures.
func (x *Index) Drafted(dr data.Draft, td *data.TwinningData) data.Draft {
	if p := x.UnitsAt(data.LevelProvince, YearEnd(dr.ToYear)); len(p) > 0 {
		dr.UnitID = p[0].ID
	}
	dr.Sections = x.DraftSections(dr.FromYear, dr.ToYear, td)
	return dr
}

// DraftSections drafts the sections of a report on the years from–to (one year: from == to).
func (x *Index) DraftSections(from, to int, td *data.TwinningData) []data.DraftSection {
	n := narrator{x: x, from: from, to: to, td: td, start: from - 1}
	n.progress = x.Progress(to, ProgressOptions{})
	n.before = x.Progress(n.start, ProgressOptions{})
	n.summary = x.Summarise(x.CommunesOf("", to), to, "", 0)
	n.districts = x.DistrictSummaries(to)
	for y := from; y <= to; y++ {
		n.counts = append(n.counts, x.KeyCounts(y, td))
	}
	return n.sections()
}

type narrator struct {
	x         *Index
	td        *data.TwinningData
	from, to  int
	start     int // the year the period's change is measured from: the one before it
	progress  []TargetProgress
	before    []TargetProgress
	summary   Summary           // the last year's, of the communes of its end
	districts []DistrictSummary // the last year's
	counts    []KeyCounts       // each year's of the period, from the first
}

func (n narrator) period() string {
	if n.from == n.to {
		return fmt.Sprintf("năm %d", n.to)
	}
	return fmt.Sprintf("giai đoạn %d–%d", n.from, n.to)
}

func drafted(source, text string) data.DraftParagraph {
	return data.DraftParagraph{Text: text, Source: source, Drafted: text}
}

func (n narrator) sections() []data.DraftSection {
	out := []data.DraftSection{
		{Key: SectionPreamble, Title: "Mở đầu", Level: 0, Paragraphs: []data.DraftParagraph{drafted("mo_dau", fmt.Sprintf(
			"Thực hiện Nghị quyết số 04-NQ/TU ngày 19/8/2016 của Tỉnh ủy về xây dựng các xã đặc biệt khó khăn và Chỉ thị của Ban Thường vụ Tỉnh ủy về xây dựng thôn, làng nông thôn mới vùng đồng bào dân tộc thiểu số, Ban Chỉ đạo báo cáo kết quả thực hiện %s như sau:", n.period()))}},
		{Key: SectionResults, Title: "I. TÌNH HÌNH, KẾT QUẢ THỰC HIỆN", Level: 1, Paragraphs: n.situation()},
		{Key: SectionResults + ".giam_ngheo", Title: "1. Giảm nghèo", Level: 2, Paragraphs: n.poverty()},
		{Key: SectionResults + ".xa_dbkk", Title: "2. Xây dựng các xã đặc biệt khó khăn", Level: 2, Paragraphs: n.dbkk()},
		{Key: SectionResults + ".thon_ntm", Title: "3. Xây dựng thôn, làng nông thôn mới vùng đồng bào dân tộc thiểu số", Level: 2, Paragraphs: n.villagesNTM()},
		{Key: SectionResults + ".y_te", Title: "4. Y tế", Level: 2, Paragraphs: n.targetsOf(MetricHealth)},
		{Key: SectionResults + ".chi_bo", Title: "5. Xây dựng tổ chức Đảng ở thôn, làng", Level: 2, Paragraphs: n.partyCells()},
		{Key: SectionResults + ".ket_nghia", Title: "6. Công tác kết nghĩa, giúp đỡ", Level: 2, Paragraphs: n.twinning()},
		{Key: SectionShortfall, Title: "II. HẠN CHẾ, NGUYÊN NHÂN", Level: 1, Paragraphs: n.shortfalls(),
			Prompt: "Nêu những hạn chế, khuyết điểm và nguyên nhân (khách quan, chủ quan) của từng hạn chế."},
		{Key: SectionTasks, Title: "III. PHƯƠNG HƯỚNG, NHIỆM VỤ", Level: 1, Paragraphs: n.tasks(),
			Prompt: fmt.Sprintf("Nêu phương hướng, nhiệm vụ và giải pháp trọng tâm từ năm %d: việc gì, ai làm, đến khi nào.", n.to+1)},
		{Key: SectionProposals, Title: "IV. KIẾN NGHỊ, ĐỀ XUẤT", Level: 1, Paragraphs: []data.DraftParagraph{},
			Prompt: "Nêu các kiến nghị, đề xuất với Tỉnh ủy, Ủy ban nhân dân tỉnh và các sở, ngành (nếu có)."},
	}
	return out
}

// situation is the area's size in the last year: communes, villages, households, ethnic minority.
func (n narrator) situation() []data.DraftParagraph {
	s := n.summary
	text := fmt.Sprintf("Năm %d, toàn tỉnh có %s xã, phường, thị trấn với %s thôn, làng, tổ dân phố.", n.to, count(s.Communes), count(s.Villages))
	if h := s.Counts.Households; h != nil && *h > 0 {
		text += fmt.Sprintf(" Theo số liệu rà soát, toàn tỉnh có %s hộ", count(*h))
		if s.EMShare != nil {
			text += fmt.Sprintf(", trong đó hộ đồng bào dân tộc thiểu số chiếm %s", pct(s.EMShare))
		}
		text += "."
	} else {
		text += fmt.Sprintf(" Năm %d chưa có số liệu rà soát số hộ.", n.to)
	}
	return []data.DraftParagraph{drafted("tinh_hinh", text)}
}

// poverty: the province's rate and its change over the period, the ĐBKK communes' target, the
// districts furthest behind.
func (n narrator) poverty() []data.DraftParagraph {
	var out []data.DraftParagraph
	trend := n.x.Trend(n.start, n.to)
	first, last := trend[0], trend[len(trend)-1]
	switch {
	case last.PovertyRate == nil:
		out = append(out, drafted("ngheo.tinh", fmt.Sprintf("Năm %d chưa có số liệu rà soát hộ nghèo, nên chưa đánh giá được kết quả giảm nghèo của %s.", n.to, n.period())))
	default:
		text := fmt.Sprintf("Cuối năm %d, toàn tỉnh còn %s hộ nghèo, chiếm %s tổng số hộ", n.to, countOf(last.Counts.Poor), pct(last.PovertyRate))
		if last.NearPovertyRate != nil {
			text += fmt.Sprintf("; %s hộ cận nghèo, chiếm %s", countOf(last.Counts.NearPoor), pct(last.NearPovertyRate))
		}
		text += "."
		if first.PovertyRate != nil {
			change := *last.PovertyRate - *first.PovertyRate
			years := n.to - n.start
			word := "giảm"
			if change > 0 {
				word = "tăng"
			}
			text += fmt.Sprintf(" So với năm %d (%s), tỷ lệ hộ nghèo %s %s điểm %%", n.start, pct(first.PovertyRate), word, vntext.FormatDecimal(abs(change), 1))
			if years > 1 {
				text += fmt.Sprintf(", bình quân %s %s điểm %%/năm", word, vntext.FormatDecimal(abs(change)/float64(years), 1))
			}
			text += "."
		} else {
			text += fmt.Sprintf(" Năm %d chưa có số liệu rà soát nên chưa so sánh được mức giảm.", n.start)
		}
		text += " Tỷ lệ của toàn tỉnh là tổng số hộ nghèo chia cho tổng số hộ của các xã, không phải bình quân tỷ lệ của từng xã."
		out = append(out, drafted("ngheo.tinh", text))
	}
	if text := n.dbkkPoverty(); text != "" {
		out = append(out, drafted("ngheo.xa_dbkk", text))
	}
	out = append(out, n.targetsOf(MetricPovertyFall)...)
	if text := n.furthestBehind(); text != "" {
		out = append(out, drafted("ngheo.dia_ban", text))
	}
	return out
}

// dbkkPoverty is the poverty rate of the communes on the baseline ĐBKK list (QĐ 582/2017) (the resolution's own
// measure), in the last year and the year before the period.
func (n narrator) dbkkPoverty() string {
	communes := n.x.BaselineDBKK("QD50-2016", 2016, "")
	if len(communes) == 0 {
		return ""
	}
	trend := n.x.UnitsTrend(communes, n.start, n.to)
	first, last := trend[0], trend[len(trend)-1]
	if last.PovertyRate == nil {
		return ""
	}
	text := fmt.Sprintf("Ở %s xã đặc biệt khó khăn theo danh sách năm 2017 (Quyết định 582/QĐ-TTg), tỷ lệ hộ nghèo năm %d là %s", count(len(communes)), n.to, pct(last.PovertyRate))
	if first.PovertyRate != nil {
		change := *last.PovertyRate - *first.PovertyRate
		word := "giảm"
		if change > 0 {
			word = "tăng"
		}
		text += fmt.Sprintf(", năm %d là %s (%s %s điểm %%)", n.start, pct(first.PovertyRate), word, vntext.FormatDecimal(abs(change), 1))
	}
	return text + "."
}

// furthestBehind names the three districts (or former districts) with the highest poverty rate.
func (n narrator) furthestBehind() string {
	sums := slices.DeleteFunc(slices.Clone(n.districts), func(s DistrictSummary) bool { return s.Summary.PovertyRate == nil })
	if len(sums) < 2 {
		return ""
	}
	slices.SortStableFunc(sums, func(a, b DistrictSummary) int { return cmp.Compare(*b.Summary.PovertyRate, *a.Summary.PovertyRate) })
	var names []string
	for _, s := range sums[:min(3, len(sums))] {
		name := s.Name
		if s.Former {
			name = "địa bàn " + vntext.LowerFirst(s.Name) + " cũ"
		}
		names = append(names, fmt.Sprintf("%s (%s)", name, pct(s.Summary.PovertyRate)))
	}
	return fmt.Sprintf("Các địa bàn còn tỷ lệ hộ nghèo cao nhất năm %d: %s.", n.to, joinVN(names))
}

// dbkk: the exit targets, the communes that left in the period, those still classed KV III.
func (n narrator) dbkk() []data.DraftParagraph {
	out := n.targetsOf(MetricDBKKExit)
	left, kv3 := 0, 0
	for _, k := range n.counts {
		left += k.CommunesLeft
		kv3 = k.CommunesDBKK
	}
	text := fmt.Sprintf("Trong %s có %s xã thuộc danh sách xã đặc biệt khó khăn năm 2017 ra khỏi diện đặc biệt khó khăn", n.period(), count(left))
	if left == 0 {
		text = fmt.Sprintf("Trong %s không có xã nào thuộc danh sách xã đặc biệt khó khăn năm 2017 ra khỏi diện đặc biệt khó khăn", n.period())
	}
	if kv3 > 0 {
		text += fmt.Sprintf("; năm %d có %s xã được phân định thuộc khu vực III theo quyết định phân định.", n.to, count(kv3))
	} else {
		text += fmt.Sprintf("; năm %d chưa có quyết định phân định xã nào thuộc khu vực III.", n.to)
	}
	return append(out, drafted("dbkk.ky", text))
}

// villagesNTM: the directive's target, the villages recognised in the period, the planned road.
func (n narrator) villagesNTM() []data.DraftParagraph {
	out := n.targetsOf(MetricEMVillagesNTM)
	recognised := 0
	for _, k := range n.counts {
		recognised += k.VillagesNTM
	}
	text := fmt.Sprintf("Trong %s có %s thôn, làng được công nhận đạt chuẩn nông thôn mới.", n.period(), count(recognised))
	if recognised == 0 {
		text = fmt.Sprintf("Trong %s chưa có thôn, làng nào được công nhận đạt chuẩn nông thôn mới.", n.period())
	}
	out = append(out, drafted("ntm.ky", text))
	sums := slices.DeleteFunc(slices.Clone(n.districts), func(s DistrictSummary) bool { return s.NTMVillageShare == nil })
	if len(sums) >= 2 {
		slices.SortStableFunc(sums, func(a, b DistrictSummary) int { return cmp.Compare(*a.NTMVillageShare, *b.NTMVillageShare) })
		var names []string
		for _, s := range sums[:min(3, len(sums))] {
			name := s.Name
			if s.Former {
				name = "địa bàn " + vntext.LowerFirst(s.Name) + " cũ"
			}
			names = append(names, fmt.Sprintf("%s (%s)", name, pct(s.NTMVillageShare)))
		}
		out = append(out, drafted("ntm.dia_ban", fmt.Sprintf("Các địa bàn có tỷ lệ thôn, làng đồng bào dân tộc thiểu số đạt chuẩn nông thôn mới thấp nhất năm %d: %s.", n.to, joinVN(names))))
	}
	return out
}

// partyCells: the target, and how many villages still have no chi bộ.
func (n narrator) partyCells() []data.DraftParagraph {
	out := n.targetsOf(MetricPartyCell)
	s := n.summary
	if s.VillagesPartyCellKnown > 0 {
		without := s.VillagesPartyCellKnown - s.VillagesPartyCell
		text := fmt.Sprintf("Năm %d, %s trong %s thôn, làng có số liệu đã có chi bộ", n.to, count(s.VillagesPartyCell), count(s.VillagesPartyCellKnown))
		if without > 0 {
			text += fmt.Sprintf("; còn %s thôn, làng chưa có chi bộ.", count(without))
		} else {
			text += "; không còn thôn, làng nào chưa có chi bộ."
		}
		out = append(out, drafted("chi_bo.nam", text))
	}
	return out
}

// twinning: the agencies twinned, their activities and what they were worth over the period, the
// agencies that gave most.
func (n narrator) twinning() []data.DraftParagraph {
	if n.td == nil {
		return []data.DraftParagraph{drafted("ket_nghia.ky", "Chưa có số liệu kết nghĩa.")}
	}
	k := n.counts[len(n.counts)-1]
	in := func(a data.Activity) bool { return a.On.Year() >= n.from && a.On.Year() <= n.to }
	total := TotalActivities(n.td.Activities, in)
	text := fmt.Sprintf("Năm %d có %s cơ quan, đơn vị được phân công kết nghĩa, giúp đỡ các xã, thôn.", n.to, count(k.AgenciesAssigned))
	if total.Count == 0 {
		text += fmt.Sprintf(" Trong %s chưa ghi nhận hoạt động giúp đỡ nào.", n.period())
	} else {
		text += fmt.Sprintf(" Trong %s, các cơ quan, đơn vị kết nghĩa đã thực hiện %s hoạt động giúp đỡ, tổng giá trị %s đồng (tiền mặt %s đồng, hiện vật %s đồng).",
			n.period(), count(total.Count), vntext.FormatInt(total.ValueVND()), vntext.FormatInt(total.CashVND), vntext.FormatInt(total.InKindVND))
	}
	out := []data.DraftParagraph{drafted("ket_nghia.ky", text)}
	by := map[string]*ActivityTotal{}
	for _, a := range n.td.Activities {
		if in(a) {
			if by[a.TwinningUnitID] == nil {
				by[a.TwinningUnitID] = &ActivityTotal{}
			}
			by[a.TwinningUnitID].Add(a)
		}
	}
	type agencyTotal struct {
		name string
		t    ActivityTotal
	}
	var tops []agencyTotal
	for _, u := range n.td.Units {
		if t := by[u.ID]; t != nil && t.ValueVND() > 0 {
			tops = append(tops, agencyTotal{u.Name, *t})
		}
	}
	if len(tops) >= 2 {
		slices.SortStableFunc(tops, func(a, b agencyTotal) int {
			return cmp.Or(cmp.Compare(b.t.ValueVND(), a.t.ValueVND()), vntext.Compare(a.name, b.name))
		})
		var names []string
		for _, a := range tops[:min(3, len(tops))] {
			names = append(names, fmt.Sprintf("%s (%s hoạt động, %s đồng)", a.name, count(a.t.Count), vntext.FormatInt(a.t.ValueVND())))
		}
		out = append(out, drafted("ket_nghia.co_quan", fmt.Sprintf("Các cơ quan, đơn vị có giá trị giúp đỡ lớn nhất trong %s: %s.", n.period(), joinVN(names))))
	}
	return out
}

// shortfalls lists the targets not met by the last year, overdue ones first.
func (n narrator) shortfalls() []data.DraftParagraph {
	var overdue, open, unknown []string
	for _, p := range n.progress {
		switch {
		case p.Met == No && p.Overdue:
			overdue = append(overdue, fmt.Sprintf("%s (đạt %s, hạn năm %d)", vntext.LowerFirst(p.Name), p.ValueText, p.Deadline))
		case p.Met == No:
			open = append(open, fmt.Sprintf("%s (đạt %s, hạn năm %d)", vntext.LowerFirst(p.Name), p.ValueText, p.Deadline))
		case p.Met == Unknown:
			unknown = append(unknown, vntext.LowerFirst(p.Name))
		}
	}
	var parts []string
	if len(overdue) > 0 {
		parts = append(parts, fmt.Sprintf("Có %s chỉ tiêu đã quá hạn mà chưa đạt: %s.", count(len(overdue)), strings.Join(overdue, "; ")))
	}
	if len(open) > 0 {
		parts = append(parts, fmt.Sprintf("Có %s chỉ tiêu còn trong hạn nhưng chưa đạt: %s.", count(len(open)), strings.Join(open, "; ")))
	}
	if len(unknown) > 0 {
		parts = append(parts, fmt.Sprintf("Chưa đủ số liệu để đánh giá: %s.", strings.Join(unknown, "; ")))
	}
	if len(parts) == 0 {
		return []data.DraftParagraph{drafted("han_che.chi_tieu", fmt.Sprintf("Đến năm %d, các chỉ tiêu của Nghị quyết và Chỉ thị đều đã đạt.", n.to))}
	}
	return []data.DraftParagraph{drafted("han_che.chi_tieu", strings.Join(parts, " "))}
}

// tasks names the targets still due after the last year, with how far each still is.
func (n narrator) tasks() []data.DraftParagraph {
	var due []string
	for _, p := range n.progress {
		if p.Deadline > n.to && p.Met != Yes {
			due = append(due, fmt.Sprintf("%s (năm %d đạt %s, chỉ tiêu %s, hạn năm %d)", vntext.LowerFirst(p.Name), n.to, p.ValueText, p.ThresholdText, p.Deadline))
		}
	}
	if len(due) == 0 {
		return []data.DraftParagraph{}
	}
	return []data.DraftParagraph{drafted("phuong_huong.chi_tieu", fmt.Sprintf("Tập trung thực hiện các chỉ tiêu còn trong hạn: %s.", strings.Join(due, "; ")))}
}

// targetsOf drafts a paragraph for each target of a metric: its value in the last year, the one of
// the year before the period, and where it stands against the target and its deadline.
func (n narrator) targetsOf(metric string) []data.DraftParagraph {
	out := []data.DraftParagraph{}
	for i, p := range n.progress {
		if p.Metric != metric {
			continue
		}
		out = append(out, drafted("chi_tieu."+p.Code, n.targetSentence(p, n.before[i])))
	}
	return out
}

func (n narrator) targetSentence(p, before TargetProgress) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Chỉ tiêu “%s” (hạn năm %d): ", p.Name, p.Deadline)
	switch {
	case p.Value.Value == nil:
		fmt.Fprintf(&b, "năm %d chưa có số liệu để tính", n.to)
	case p.Metric == MetricPovertyFall:
		fmt.Fprintf(&b, "đạt %s, %s", p.ValueText, p.Value.Detail)
	default:
		fmt.Fprintf(&b, "năm %d đạt %s", n.to, p.ValueText)
		if p.Value.Detail != "" {
			fmt.Fprintf(&b, " (%s)", p.Value.Detail)
		}
		if before.Value.Value != nil {
			fmt.Fprintf(&b, ", năm %d là %s", n.start, before.ValueText)
		}
	}
	fmt.Fprintf(&b, "; so với mức chỉ tiêu (%s): ", p.ThresholdText)
	switch {
	case p.Met == Yes:
		b.WriteString("đã đạt.")
	case p.Met == No && p.Overdue:
		b.WriteString("chưa đạt, đã quá hạn.")
	case p.Met == No && p.Deadline == n.to:
		fmt.Fprintf(&b, "chưa đạt, năm %d là năm hết hạn.", n.to)
	case p.Met == No:
		fmt.Fprintf(&b, "chưa đạt, còn %d năm đến hạn.", p.Deadline-n.to)
	default:
		b.WriteString("chưa đủ số liệu để đánh giá.")
	}
	return b.String()
}

func count(n int) string { return vntext.FormatInt(int64(n)) }

// countOf writes a count that may be unknown ("?": a rate is never drafted without its count).
func countOf(n *int) string {
	if n == nil {
		return "?"
	}
	return count(*n)
}

// joinVN joins names with commas and "và" before the last.
func joinVN(names []string) string {
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " và " + names[len(names)-1]
}

// DraftChange is a drafted paragraph that the figures now word otherwise: added (Old ""), changed,
// or no longer drafted (New "").
type DraftChange struct {
	Section string `json:"section"` // the title of the section it is in
	Source  string `json:"source"`
	Old     string `json:"old"`
	New     string `json:"new"`
	Edited  bool   `json:"edited"` // a person changed it since it was drafted: replaced only when asked
}

// DraftChanges compares a draft's sections with the ones drafted from the figures now.
func DraftChanges(sections, fresh []data.DraftSection) []DraftChange {
	now := freshBySource(fresh)
	var out []DraftChange
	seen := map[string]bool{}
	for _, s := range sections {
		for _, p := range s.Paragraphs {
			if p.Source == "" {
				continue
			}
			seen[p.Source] = true
			f, ok := now[p.Source]
			switch {
			case !ok:
				out = append(out, DraftChange{Section: s.Title, Source: p.Source, Old: p.Text, Edited: p.Edited()})
			case f.Text != p.Drafted:
				out = append(out, DraftChange{Section: s.Title, Source: p.Source, Old: p.Text, New: f.Text, Edited: p.Edited()})
			}
		}
	}
	keys := map[string]string{}
	for _, s := range sections {
		keys[s.Key] = s.Title
	}
	for _, s := range fresh {
		title, ok := keys[s.Key]
		if !ok {
			continue // a section the person removed stays removed
		}
		for _, p := range s.Paragraphs {
			if !seen[p.Source] {
				out = append(out, DraftChange{Section: title, Source: p.Source, New: p.Text})
			}
		}
	}
	return out
}

// ApplyDraftChanges writes the changes into a copy of sections: every change to a paragraph no person
// has edited, and to edited ones only with replaceEdited. An edited paragraph kept keeps the text it
// was drafted as, so the next refresh asks again.
func ApplyDraftChanges(sections, fresh []data.DraftSection, changes []DraftChange, replaceEdited bool) []data.DraftSection {
	now := freshBySource(fresh)
	apply := map[string]bool{}
	for _, c := range changes {
		apply[c.Source] = !c.Edited || replaceEdited
	}
	out := make([]data.DraftSection, len(sections))
	for i, s := range sections {
		s.Paragraphs = slices.Clone(s.Paragraphs)
		s.Paragraphs = slices.DeleteFunc(s.Paragraphs, func(p data.DraftParagraph) bool {
			_, drafted := now[p.Source]
			return p.Source != "" && apply[p.Source] && !drafted
		})
		for j := range s.Paragraphs {
			p := &s.Paragraphs[j]
			if f, ok := now[p.Source]; ok && p.Source != "" && apply[p.Source] {
				p.Text, p.Drafted = f.Text, f.Text
			}
		}
		out[i] = s
	}
	// Paragraphs drafted now that the draft did not hold go at their place in the fresh section:
	// after the paragraph drafted before them there, or first.
	for _, f := range fresh {
		for k, p := range f.Paragraphs {
			if !apply[p.Source] || holds(out, p.Source) {
				continue
			}
			for i := range out {
				if out[i].Key != f.Key {
					continue
				}
				at := 0
				if k > 0 {
					for j, q := range out[i].Paragraphs {
						if q.Source == f.Paragraphs[k-1].Source {
							at = j + 1
						}
					}
				}
				out[i].Paragraphs = slices.Insert(out[i].Paragraphs, at, p)
			}
		}
	}
	return out
}

func freshBySource(fresh []data.DraftSection) map[string]data.DraftParagraph {
	now := map[string]data.DraftParagraph{}
	for _, s := range fresh {
		for _, p := range s.Paragraphs {
			now[p.Source] = p
		}
	}
	return now
}

func holds(sections []data.DraftSection, source string) bool {
	for _, s := range sections {
		for _, p := range s.Paragraphs {
			if p.Source == source {
				return true
			}
		}
	}
	return false
}

// NextDraft starts the next period's draft from prev (last year's, as a start for this year's):
// the period after it, of the same length and kind; its header, recipients and annexes; each
// section drafted afresh from the figures, with the paragraphs a person wrote in it kept after
// the drafted ones. Its number and date are left to be given, and it is a new record.
func (x *Index) NextDraft(prev data.Draft, td *data.TwinningData) data.Draft {
	span := prev.ToYear - prev.FromYear
	next := data.Draft{Kind: prev.Kind, FromYear: prev.ToYear + 1, ToYear: prev.ToYear + 1 + span, Place: prev.Place,
		SignerName: prev.SignerName, Recipients: slices.Clone(prev.Recipients), Annexes: slices.Clone(prev.Annexes), Note: prev.Note}
	next = x.Drafted(next, td)
	written := map[string][]data.DraftParagraph{}
	for _, s := range prev.Sections {
		for _, p := range s.Paragraphs {
			if p.Source == "" {
				written[s.Key] = append(written[s.Key], p)
			}
		}
	}
	for i := range next.Sections {
		next.Sections[i].Paragraphs = append(next.Sections[i].Paragraphs, written[next.Sections[i].Key]...)
	}
	return next
}
