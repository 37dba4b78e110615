package screen

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"ketnghia/app/window/widgets"
	"ketnghia/data"
	"ketnghia/data/rules"
	"ketnghia/data/vntext"
)

// CriteriaScreen (Bộ tiêu chí, chỉ tiêu): the criteria sets and a unit's yearly results against
// one (each criterion met or not, or its points); the targets of NQ 04-NQ/TU and the directive with
// their thresholds and deadlines; the rule set in force for a year and its thresholds, each named
// in Vietnamese and marked when not checked against the legal text. Thresholds are data: a
// corrected one is an edit, saved with its history.
type CriteriaScreen struct {
	widget.BaseWidget
	store *data.Store
	win   fyne.Window

	sets     []data.CriteriaSet
	set      *widget.Select
	year     *widget.Select
	unit     *widgets.Picker
	unitIDs  map[string]string
	criteria *fyne.Container // a row per criterion: its score entry
	scores   map[int]*widgets.TextEntry
	saveRes  *widget.Button
	setInfo  *widget.Label

	targets   []data.Target
	target    *widget.Select
	threshold *widgets.TextEntry
	deadline  *widgets.TextEntry
	saveTgt   *widget.Button

	ruleYear  *widget.Select
	ruleInfo  *widget.Label
	params    *fyne.Container
	paramIn   map[string]*widgets.TextEntry
	ruleSet   *data.RuleSet
	saveRules *widget.Button

	message *widget.Label
}

// NewCriteriaScreen builds the screen.
func NewCriteriaScreen(st *data.Store, w fyne.Window) *CriteriaScreen {
	s := &CriteriaScreen{store: st, win: w, scores: map[int]*widgets.TextEntry{}, paramIn: map[string]*widgets.TextEntry{}}
	ctx := context.Background()
	s.message = widget.NewLabel("")
	s.message.Wrapping = fyne.TextWrapWord
	s.sets, _ = st.CriteriaSets(ctx)
	var names []string
	for _, cs := range s.sets {
		names = append(names, cs.Name)
	}
	var years []string
	for y := st.Today().Year(); y >= 2016; y-- {
		years = append(years, strconv.Itoa(y))
	}
	s.setInfo = widget.NewLabel("")
	s.setInfo.Wrapping = fyne.TextWrapWord
	s.criteria = container.NewVBox()
	s.set = widget.NewSelect(names, func(string) { s.showSet() })
	s.year = widget.NewSelect(years, func(string) { s.fillUnits(); s.showResult() })
	s.unit = widgets.NewPicker("Gõ tên xã hoặc thôn (không cần dấu) rồi chọn", nil, nil)
	s.unit.OnChosen = func(string) { s.showResult() }
	s.saveRes = widget.NewButton("Lưu kết quả", s.SaveResult)
	s.targets, _ = st.Targets(ctx)
	var tnames []string
	for _, t := range s.targets {
		tnames = append(tnames, t.Name)
	}
	s.threshold, s.deadline = widgets.NewPlainEntry("ngưỡng"), widgets.NewPlainEntry("năm")
	s.target = widget.NewSelect(tnames, func(string) { s.showTarget() })
	s.saveTgt = widget.NewButton("Lưu chỉ tiêu", s.SaveTarget)
	s.ruleInfo = widget.NewLabel("")
	s.ruleInfo.Wrapping = fyne.TextWrapWord
	s.params = container.NewVBox()
	s.ruleYear = widget.NewSelect(years, func(string) { s.showRules() })
	s.saveRules = widget.NewButton("Lưu các ngưỡng", s.SaveRules)
	if st.ReadOnly() {
		s.saveRes.Disable()
		s.saveTgt.Disable()
		s.saveRules.Disable()
	}
	s.ExtendBaseWidget(s)
	if len(names) > 0 {
		s.set.SetSelectedIndex(0)
	}
	s.year.SetSelectedIndex(min(1, len(years)-1))
	if len(tnames) > 0 {
		s.target.SetSelectedIndex(0)
	}
	s.ruleYear.SetSelectedIndex(min(1, len(years)-1))
	return s
}

func (s *CriteriaScreen) currentSet() *data.CriteriaSet {
	if i := s.set.SelectedIndex(); i >= 0 && i < len(s.sets) {
		return &s.sets[i]
	}
	return nil
}

// showSet lists the set's criteria and the units of its level for the picker.
func (s *CriteriaScreen) showSet() {
	cs := s.currentSet()
	if cs == nil || s.criteria == nil {
		return
	}
	info := fmt.Sprintf("%s (%s), áp dụng %d–%d cho %s.", cs.Name, cs.LegalBasis, cs.FromYear, cs.ToYear, strings.ToLower(cs.Level.Label()))
	if cs.PassPoints != nil {
		info += fmt.Sprintf(" Đạt khi từ %s điểm và mỗi tiêu chí từ một nửa số điểm.", vntext.DecimalTrim(*cs.PassPoints))
	}
	if cs.Provisional {
		info += " Danh mục tạm, chưa đối chiếu văn bản: sửa được."
	}
	s.setInfo.SetText(info)
	s.fillUnits()
	s.showResult()
}

// fillUnits offers the units of the set's level that existed at the end of the year chosen (the
// 102 communes in 2024, the 40 after the 2025 reform), keeping the one chosen when it did.
func (s *CriteriaScreen) fillUnits() {
	cs := s.currentSet()
	if cs == nil || s.year == nil {
		return
	}
	year, err := strconv.Atoi(s.year.Selected)
	day := s.store.Today()
	if err == nil {
		day = data.YearEnd(year)
	}
	chosen, had := s.unit.Chosen()
	var names []string
	if cs.Level == data.LevelCommune || cs.Level == data.LevelVillage {
		names, s.unitIDs, _ = choicesOfLevel(s.store, cs.Level, day, "")
	} else {
		units, _, _ := s.store.ListUnits(context.Background(), data.UnitFilter{Level: cs.Level, At: day})
		s.unitIDs = map[string]string{}
		for _, u := range units {
			names = append(names, u.Name)
			s.unitIDs[u.Name] = u.ID
		}
	}
	s.unit.SetChoices(names, s.unitIDs)
	if had {
		s.unit.Choose(chosen)
		if _, ok := s.unit.Chosen(); !ok {
			s.unit.Put("") // it did not exist that year
		}
	}
}

// showResult shows the chosen unit's scores for the year, one entry per criterion.
func (s *CriteriaScreen) showResult() {
	cs := s.currentSet()
	if cs == nil || s.criteria == nil || s.year == nil {
		return
	}
	crit, err := s.store.Criteria(context.Background(), cs.ID)
	if err != nil {
		s.message.SetText(data.Message(err))
		return
	}
	year, _ := strconv.Atoi(s.year.Selected)
	scores := map[int]float64{}
	if id, ok := s.unit.Chosen(); ok {
		if rs, err := s.store.CriteriaResults(context.Background(), cs.ID, year, id); err == nil && len(rs) > 0 {
			scores = rs[0].Scores
		}
	}
	s.criteria.Objects = nil
	s.scores = map[int]*widgets.TextEntry{}
	for _, c := range crit {
		e := widgets.NewPlainEntry("")
		hint := "ghi 1 nếu đạt, 0 nếu chưa đạt"
		if c.MaxPoints != nil {
			hint = "điểm, tối đa " + vntext.DecimalTrim(*c.MaxPoints)
		}
		e.SetPlaceHolder(hint)
		if v, ok := scores[c.Number]; ok {
			e.SetText(vntext.DecimalTrim(v))
		}
		s.scores[c.Number] = e
		label := widget.NewLabel(fmt.Sprintf("%d. %s", c.Number, c.Name))
		label.Wrapping = fyne.TextWrapWord
		s.criteria.Add(container.NewBorder(nil, nil, nil, container.NewGridWrap(fyne.NewSize(150, 36), e), label))
	}
	s.criteria.Refresh()
}

// SaveResult writes the unit's scores for the year.
func (s *CriteriaScreen) SaveResult() {
	cs := s.currentSet()
	id, _ := s.unit.Chosen()
	if cs == nil || id == "" {
		s.fail(&data.Error{Kind: data.KindInvalid, Msg: "Hãy chọn bộ tiêu chí và một đơn vị trong danh sách."})
		return
	}
	year, _ := strconv.Atoi(s.year.Selected)
	ctx := context.Background()
	r := data.CriteriaResult{UnitID: id, SetID: cs.ID, Year: year, Scores: map[int]float64{}}
	if rs, err := s.store.CriteriaResults(ctx, cs.ID, year, id); err == nil && len(rs) > 0 {
		r = rs[0]
		r.Scores = map[int]float64{}
	}
	var numbers []int
	for n := range s.scores {
		numbers = append(numbers, n)
	}
	sort.Ints(numbers)
	for _, n := range numbers {
		text := strings.TrimSpace(s.scores[n].Text)
		if text == "" {
			continue
		}
		v, err := vntext.ParseDecimal(text)
		if err != nil {
			s.fail(&data.Error{Kind: data.KindInvalid, Msg: fmt.Sprintf("Tiêu chí số %d: %q không phải là số.", n, text)})
			return
		}
		r.Scores[n] = v
	}
	if err := s.store.SaveCriteriaResult(ctx, &r); err != nil {
		s.fail(err)
		return
	}
	s.message.SetText(fmt.Sprintf("Đã lưu kết quả năm %d của %s.", year, s.unit.Text))
}

func (s *CriteriaScreen) showTarget() {
	i := s.target.SelectedIndex()
	if i < 0 || s.threshold == nil {
		return
	}
	t := s.targets[i]
	s.threshold.SetText(vntext.DecimalTrim(t.Threshold))
	s.deadline.SetText(strconv.Itoa(t.DeadlineYear))
}

// SaveTarget writes the chosen target's threshold and deadline.
func (s *CriteriaScreen) SaveTarget() {
	i := s.target.SelectedIndex()
	if i < 0 {
		return
	}
	t := s.targets[i]
	th, err := vntext.ParseDecimal(s.threshold.Text)
	if err != nil {
		s.fail(&data.Error{Kind: data.KindInvalid, Msg: "Mức chỉ tiêu phải là số, ví dụ 50 hoặc 12,5."})
		return
	}
	y, err := yearField("Hạn", s.deadline.Text)
	if err != nil || y == nil {
		s.fail(&data.Error{Kind: data.KindInvalid, Msg: "Hạn phải là một năm có bốn chữ số, ví dụ 2025."})
		return
	}
	t.Threshold, t.DeadlineYear = th, *y
	if err := s.store.SaveTarget(context.Background(), &t); err != nil {
		s.fail(err)
		return
	}
	s.targets[i] = t
	s.message.SetText("Đã lưu chỉ tiêu " + t.Name + ".")
}

// showRules shows the classification rule set in force for the year and its thresholds.
func (s *CriteriaScreen) showRules() {
	if s.params == nil {
		return
	}
	year, _ := strconv.Atoi(s.ruleYear.Selected)
	// The rule sets alone: the whole year's snapshot took 800 MB of reading on a national file.
	sets, err := s.store.RuleSets(context.Background())
	if err != nil {
		s.ruleInfo.SetText(data.Message(err))
		return
	}
	rs, err := rules.NewIndex(&data.Dataset{RuleSets: sets}).RuleSetForYear("", year)
	if err != nil {
		s.ruleSet = nil
		s.ruleInfo.SetText(data.Message(err))
		s.params.Objects = nil
		s.params.Refresh()
		return
	}
	s.ruleSet = rs
	name := rs.Name
	if years := fmt.Sprintf("%d–%d", rs.FromYear, rs.ToYear); !strings.Contains(name, years) {
		name += " (" + years + ")" // the years once, where the name does not say them
	}
	info := fmt.Sprintf("Năm %d áp dụng %s: %s.", year, rules.ShortBasis(rs), name)
	if u := rules.UnverifiedSentence(rs); u != "" {
		info += " " + u
	}
	s.ruleInfo.SetText(info)
	var keys []string
	for k := range rs.Params {
		keys = append(keys, k)
	}
	vntext.SortFunc(keys, rules.ParamLabel)
	s.params.Objects = nil
	s.paramIn = map[string]*widgets.TextEntry{}
	for _, k := range keys {
		e := widgets.NewPlainEntry("")
		e.SetText(vntext.DecimalTrim(rs.Params[k]))
		s.paramIn[k] = e
		label := rules.ParamLabel(k)
		if rs.IsUnverified(k) {
			label += " (chưa đối chiếu)"
		}
		l := widget.NewLabel(label)
		l.Wrapping = fyne.TextWrapWord
		s.params.Add(container.NewBorder(nil, nil, nil, container.NewGridWrap(fyne.NewSize(110, 36), e), l))
	}
	s.params.Refresh()
}

// SaveRules writes the thresholds of the rule set shown.
func (s *CriteriaScreen) SaveRules() {
	if s.ruleSet == nil {
		return
	}
	rs := *s.ruleSet
	rs.Params = map[string]float64{}
	for k, e := range s.paramIn {
		v, err := vntext.ParseDecimal(e.Text)
		if err != nil {
			s.fail(&data.Error{Kind: data.KindInvalid, Msg: fmt.Sprintf("Ngưỡng \"%s\" phải là số.", rules.ParamLabel(k))})
			return
		}
		rs.Params[k] = v
	}
	if err := s.store.SaveRuleSet(context.Background(), &rs); err != nil {
		s.fail(err)
		return
	}
	s.message.SetText("Đã lưu các ngưỡng của " + rules.ShortBasis(&rs) + ".")
	s.showRules()
}

func (s *CriteriaScreen) fail(err error) { showError(s.message, s.win, err) }

func (s *CriteriaScreen) CreateRenderer() fyne.WidgetRenderer {
	sets := container.NewBorder(
		container.NewVBox(widget.NewForm(widget.NewFormItem("Bộ tiêu chí", s.set), widget.NewFormItem("Năm", s.year), widget.NewFormItem("Đơn vị", s.unit)), s.setInfo),
		container.NewHBox(s.saveRes), nil, nil, container.NewVScroll(s.criteria))
	targets := container.NewVBox(widget.NewForm(widget.NewFormItem("Chỉ tiêu", s.target), widget.NewFormItem("Mức chỉ tiêu", s.threshold),
		widget.NewFormItem("Hạn (năm)", s.deadline)), container.NewHBox(s.saveTgt))
	ruleSets := container.NewBorder(container.NewVBox(widget.NewForm(widget.NewFormItem("Năm", s.ruleYear)), s.ruleInfo),
		container.NewHBox(s.saveRules), nil, nil, container.NewVScroll(s.params))
	tabs := container.NewAppTabs(
		container.NewTabItem("Bộ tiêu chí và kết quả", sets),
		container.NewTabItem("Chỉ tiêu", targets),
		container.NewTabItem("Bộ quy định phân định", ruleSets),
	)
	return widget.NewSimpleRenderer(container.NewBorder(nil, s.message, nil, nil, tabs))
}
