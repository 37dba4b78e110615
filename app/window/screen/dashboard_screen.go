package screen

import (
	"context"
	"fmt"
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketnghia/app/jobs"
	"ketnghia/app/window/widgets"
	"ketnghia/data"
	"ketnghia/data/exchange"
	"ketnghia/data/geo"
	"ketnghia/data/rules"
	"ketnghia/data/vntext"
)

// DashboardScreen (Tổng quan) shows where the province stands in a year: each target as a bar
// (tap for the districts), the key counts, the poverty rate over the years with the target's path,
// and the map of the districts shaded by a chosen figure. Every figure is rules.Overview's; the
// reading and the computing run off the UI thread and come back through fyne.Do.
type DashboardScreen struct {
	widget.BaseWidget
	store    *data.Store
	win      fyne.Window
	year     *widget.Select
	status   *widget.Label
	targets  *fyne.Container
	counts   *fyne.Container
	causes   *fyne.Container // the year's poor households by cause of poverty
	road     *fyne.Container // the ethnic-minority villages' road to the NTM standard
	trend    *widgets.TrendChart
	district *widget.Select
	figure   *widget.Select
	dmap     *widgets.DistrictMap
	mapArea  *fyne.Container
	content  fyne.CanvasObject

	overview  rules.Overview
	causeData rules.CauseOverview
	trends    map[string][]rules.YearSummary // each district's, by code
	provMap   *geo.Map
	hasMap    bool
	// lastImport says what the last import from another office changed, with a way to the
	// exchange history (OnOpenExchange).
	lastImport     *fyne.Container
	OnOpenExchange func()
	// shown is told after each year is on screen (for tests); it runs on the UI thread.
	shown func(rules.Overview)
	// OnShown, when set, is told after a year is on screen, on the UI thread.
	OnShown     func()
	submissions *jobs.Status // where the year's communes' figures stand (nil: not read)
}

// mapFigures are the figures the map can be shaded by.
var mapFigures = []struct {
	label string
	value func(rules.DistrictSummary) *float64
}{
	{"Tỷ lệ hộ nghèo", func(d rules.DistrictSummary) *float64 { return d.Summary.PovertyRate }},
	{"Tỷ lệ xã khu vực III (theo quyết định)", func(d rules.DistrictSummary) *float64 { return d.KV3Share }},
	{"Tỷ lệ thôn DTTS đạt chuẩn nông thôn mới", func(d rules.DistrictSummary) *float64 { return d.NTMVillageShare }},
}

// NewDashboardScreen builds the screen and starts reading the data for the newest year.
func NewDashboardScreen(st *data.Store, w fyne.Window) *DashboardScreen {
	s := &DashboardScreen{store: st, win: w}
	years, latest := yearChoices(st)
	s.status = widget.NewLabel("Đang đọc số liệu …")
	s.status.Wrapping = fyne.TextWrapWord
	s.targets = container.NewVBox()
	s.counts = container.NewGridWithColumns(2)
	s.causes = container.NewVBox()
	s.road = container.NewVBox()
	s.trend = widgets.NewTrendChart()
	s.trend.ReformYear, s.trend.ReformNote = 2025, "01/7/2025: sắp xếp đơn vị hành chính"
	s.district = widget.NewSelect(nil, func(string) { s.showTrend() })
	s.district.PlaceHolder = "Chọn huyện để so sánh"
	var figures []string
	for _, f := range mapFigures {
		figures = append(figures, f.label)
	}
	s.figure = widget.NewSelect(figures, func(string) { s.showMap() })
	s.mapArea = container.NewStack()
	s.lastImport = container.NewVBox()
	s.year = widget.NewSelect(years, func(y string) {
		n, _ := strconv.Atoi(y)
		s.load(n)
	})
	s.ExtendBaseWidget(s)
	s.figure.SetSelectedIndex(0)
	s.year.SetSelected(strconv.Itoa(latest))
	return s
}

// load computes a year off the UI thread (jobs.Dashboard: kept in the file until the data
// changes) and shows it back on the UI thread.
func (s *DashboardScreen) load(year int) {
	s.status.SetText(fmt.Sprintf("Đang tính số liệu năm %d …", year))
	s.year.Disable()
	Background(func() {
		d, err := dashboardOf(s.store, year)
		hs, herr := exchange.History(context.Background(), s.store)
		subs, serr := jobs.SubmissionStatus(context.Background(), s.store, year)
		fyne.Do(func() {
			if herr == nil {
				s.showLastImport(hs)
			}
			s.submissions = nil
			if serr == nil {
				s.submissions = &subs
			}
			s.year.Enable()
			if err != nil {
				s.status.SetText(data.Message(err))
				return
			}
			s.provMap, s.hasMap = nil, false
			if d.MapProvince != "" {
				s.provMap, s.hasMap = geo.ForProvince(d.MapProvince)
			}
			s.trends = d.DistrictTrends
			s.showCauses(d.Causes)
			s.showRoad(d.Road)
			s.show(d.Overview)
		})
	})
}

// showCauses shows the year's causes of poverty.
func (s *DashboardScreen) showCauses(o rules.CauseOverview) {
	s.causeData = o
	s.causes.Objects = []fyne.CanvasObject{causesSummary(o, func() { showCauses(s.win, s.causeData) })}
	s.causes.Refresh()
}

// showRoad shows where the ethnic-minority villages stand against their planned year.
func (s *DashboardScreen) showRoad(r rules.Road) {
	s.road.Objects = []fyne.CanvasObject{roadSummary(r)}
	s.road.Refresh()
}

// PrintView makes the progress report of the year shown (Ctrl+P).
func (s *DashboardScreen) PrintView() {
	printReport(s.store, s.win, jobs.ReportRequest{Kind: "progress", Year: s.overview.Year}, nil)
}

// Overview is what the screen shows now.
func (s *DashboardScreen) Overview() rules.Overview { return s.overview }

func (s *DashboardScreen) show(o rules.Overview) {
	s.overview = o
	if o.HasReviews {
		s.status.SetText(fmt.Sprintf("Năm %d. Mọi số liệu được tính từ số liệu rà soát và danh sách đơn vị; bấm vào một chỉ tiêu để xem từng huyện.", o.Year))
	} else {
		s.status.SetText(fmt.Sprintf("Năm %d chưa có số liệu rà soát: các chỉ tiêu tính từ rà soát ghi là \"chưa có số liệu\", không phải bằng 0.", o.Year))
	}
	s.targets.Objects = nil
	for _, p := range o.Targets {
		s.targets.Add(widgets.NewTargetRow(p, s.showDistricts))
		s.targets.Add(widget.NewSeparator())
	}
	s.targets.Refresh()
	k := o.Counts
	n := func(v int) string { return vntext.FormatInt(int64(v)) }
	s.counts.Objects = []fyne.CanvasObject{
		countCard("Xã còn đặc biệt khó khăn (khu vực III)", n(k.CommunesDBKK)),
		countCard("Thôn còn đặc biệt khó khăn", n(k.VillagesDBKK)),
		countCard(fmt.Sprintf("Xã ra khỏi diện ĐBKK trong năm %d", o.Year), n(k.CommunesLeft)),
		countCard(fmt.Sprintf("Thôn đạt chuẩn nông thôn mới năm %d", o.Year), n(k.VillagesNTM)),
		countCard("Cơ quan, đơn vị đang có phân công kết nghĩa", n(k.AgenciesAssigned)),
		countCard(fmt.Sprintf("Hoạt động giúp đỡ năm %d (giá trị, đồng)", o.Year), n(k.Activities)+" · "+vntext.FormatInt(k.SupportVND)),
	}
	if b := s.submissions; b != nil && b.Year == o.Year && b.Summary.Units > 0 {
		s.counts.Objects = append(s.counts.Objects, countCard(fmt.Sprintf("Xã đã được duyệt số liệu năm %d (%s đã gửi, chờ duyệt)", o.Year, n(b.Counts[data.StateSent])),
			n(b.Summary.Accepted())+"/"+n(b.Summary.Units)))
	}
	s.counts.Refresh()
	var names []string
	for _, d := range o.Districts {
		names = append(names, d.Name)
	}
	s.district.Options = names
	if s.district.SelectedIndex() >= len(names) {
		s.district.ClearSelected()
	}
	s.district.Refresh()
	s.showTrend()
	s.showMap()
	if s.shown != nil {
		s.shown(o)
	}
	if s.OnShown != nil {
		s.OnShown()
	}
}

// showLastImport says what changed at the last import from another office, by kind of record.
func (s *DashboardScreen) showLastImport(hs []exchange.HistoryEntry) {
	s.lastImport.Objects = nil
	last, ok := exchange.LastImport(hs)
	if !ok {
		s.lastImport.Refresh()
		return
	}
	n := func(x int) string { return vntext.FormatInt(int64(x)) }
	s.lastImport.Add(widget.NewLabelWithStyle("Thay đổi từ lần nhập gói gần nhất", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	head := widget.NewLabel(fmt.Sprintf("%s, gói của %s: thêm %s, cập nhật %s, xóa %s, xung đột chưa giải quyết %s.",
		last.At.Local().Format("15:04 ngày 02/01/2006"), last.OfficeName, n(last.Added), n(last.Updated), n(last.Deleted), n(last.Conflicts)))
	head.Wrapping = fyne.TextWrapWord
	s.lastImport.Add(head)
	for _, k := range last.Kinds {
		line := widget.NewLabel(fmt.Sprintf("• %s: thêm %s, cập nhật %s, xóa %s, xung đột %s", vntext.UpperFirst(k.Noun), n(k.Added), n(k.Updated), n(k.Deleted), n(k.Conflicts)))
		line.Wrapping = fyne.TextWrapWord
		s.lastImport.Add(line)
	}
	s.lastImport.Add(container.NewHBox(widget.NewButton("Xem lịch sử trao đổi dữ liệu", func() {
		if s.OnOpenExchange != nil {
			s.OnOpenExchange()
		}
	})))
	s.lastImport.Refresh()
}

// minSize is an invisible object that holds a container open at least w × h.
func minSize(w, h float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(w, h))
	return r
}

func countCard(title, value string) fyne.CanvasObject {
	v := canvas.NewText(value, theme.Color(theme.ColorNamePrimary))
	v.TextSize = theme.TextSize() * 1.5
	v.TextStyle = fyne.TextStyle{Bold: true}
	t := widget.NewLabel(title)
	t.Wrapping = fyne.TextWrapWord
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = 6
	return container.NewStack(bg, container.NewPadded(container.NewBorder(v, nil, nil, nil, t)))
}

// showTrend draws the province's poverty rate, a chosen district's (read off the UI thread), and
// the path of NQ 04's 6 points a year from the baseline.
func (s *DashboardScreen) showTrend() {
	o := s.overview
	if len(o.Trend) == 0 {
		return
	}
	var years []int
	var province []*float64
	for _, ys := range o.Trend {
		years = append(years, ys.Year)
		province = append(province, ys.PovertyRate)
	}
	var dbkk []*float64
	for _, ys := range o.DBKKTrend {
		dbkk = append(dbkk, ys.PovertyRate)
	}
	series := []widgets.Series{{Name: "Toàn tỉnh", Color: theme.Color(theme.ColorNamePrimary), Values: province},
		{Name: "Xã ĐBKK (danh sách 2017)", Color: theme.Color(theme.ColorNameError), Values: dbkk}}
	if path := rules.PovertyTargetPath(o.DBKKTrend); path != nil {
		series = append(series, widgets.Series{Name: "Lộ trình giảm 6 điểm %/năm", Color: theme.Color(theme.ColorNamePlaceHolder), Values: path, Dashed: true})
	}
	s.trend.Set(years, series)
	i := s.district.SelectedIndex()
	if i < 0 || i >= len(o.Districts) {
		return
	}
	dist := o.Districts[i]
	var vs []*float64
	for _, ys := range s.trends[dist.Code] {
		vs = append(vs, ys.PovertyRate)
	}
	withDistrict := append(series[:2:2], widgets.Series{Name: dist.Name, Color: theme.Color(theme.ColorNameWarning), Values: vs})
	s.trend.Set(years, append(withDistrict, series[2:]...))
}

// showMap shades the districts by the chosen figure, or says why there is no map.
func (s *DashboardScreen) showMap() {
	if s.mapArea == nil {
		return
	}
	o := s.overview
	if o.Year == 0 {
		// No year computed yet (the figures are being worked out): nothing to say of a map.
		s.mapArea.Objects = nil
		s.mapArea.Refresh()
		return
	}
	m, ok := s.provMap, s.hasMap
	former := len(o.Districts) > 0 && o.Districts[0].Former
	if !ok || len(o.Districts) == 0 || !o.HasReviews {
		why := "Chương trình chưa có bản đồ ranh giới huyện của tỉnh này, nên không vẽ được bản đồ."
		switch {
		case len(o.Districts) == 0:
			why = fmt.Sprintf("Năm %d không có huyện nào để cộng số liệu, nên không có bản đồ theo huyện.", o.Year)
		case !o.HasReviews && former:
			why = fmt.Sprintf("Năm %d chưa có số liệu rà soát, nên chưa vẽ được bản đồ (từ 01/7/2025 không còn cấp huyện; bản đồ vẽ theo địa bàn huyện cũ).", o.Year)
		case !o.HasReviews:
			why = fmt.Sprintf("Năm %d chưa có số liệu rà soát, nên chưa vẽ được bản đồ.", o.Year)
		}
		l := widget.NewLabel(why)
		l.Wrapping = fyne.TextWrapWord
		s.mapArea.Objects = []fyne.CanvasObject{l}
		s.mapArea.Refresh()
		return
	}
	if s.dmap == nil || s.dmap.Geography() != m {
		s.dmap = widgets.NewDistrictMap(m)
	}
	f := mapFigures[max(s.figure.SelectedIndex(), 0)]
	values := map[string]*float64{}
	for _, d := range o.Districts {
		values[d.Code] = f.value(d)
	}
	s.dmap.SetValues(values, func(v float64) string { return vntext.FormatRate(v) })
	s.mapArea.Objects = []fyne.CanvasObject{s.dmap}
	if former {
		note := widget.NewLabel(fmt.Sprintf("Năm %d theo địa bàn huyện cũ: từ 01/7/2025 không còn cấp huyện, mỗi xã mới được tính vào địa bàn huyện cũ của các xã hợp thành.", o.Year))
		note.Wrapping = fyne.TextWrapWord
		s.mapArea.Objects = []fyne.CanvasObject{container.NewBorder(note, nil, nil, nil, s.dmap)}
	}
	s.mapArea.Refresh()
}

// showDistricts opens a target's breakdown by district, the furthest behind first.
func (s *DashboardScreen) showDistricts(p rules.TargetProgress) {
	ds := rules.DistrictsByGap(p)
	if s.win == nil {
		return
	}
	if len(ds) == 0 {
		dialog.ShowInformation(p.Name, fmt.Sprintf("Năm %d không có số liệu theo huyện.", p.Year), s.win)
		return
	}
	list := widget.NewList(func() int { return len(ds) },
		func() fyne.CanvasObject {
			// Cut with "…" rather than drawn over the next column (the way of computing is long).
			cells := []fyne.CanvasObject{widget.NewLabel("Huyện"), widget.NewLabel("Giá trị"), widget.NewLabel("Cách tính"), widget.NewLabel("Đánh giá")}
			for _, c := range cells {
				c.(*widget.Label).Truncation = fyne.TextTruncateEllipsis
			}
			return container.NewGridWithColumns(4, cells...)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			cells := o.(*fyne.Container).Objects
			d := ds[i]
			cells[0].(*widget.Label).SetText(d.Name)
			cells[1].(*widget.Label).SetText(d.ValueText)
			cells[2].(*widget.Label).SetText(d.Value.Detail)
			cells[3].(*widget.Label).SetText(d.Status)
		})
	head := widget.NewLabel(fmt.Sprintf("Năm %d, chỉ tiêu %s; huyện xa chỉ tiêu nhất ở trên cùng.", p.Year, p.ThresholdText))
	head.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(p.Name, "Đóng", container.NewBorder(head, nil, nil, nil, list), s.win)
	d.Resize(fitDialog(s.win, fyne.NewSize(1000, 480))) // the way of computing needs the room
	d.Show()
}

func (s *DashboardScreen) CreateRenderer() fyne.WidgetRenderer {
	top := container.NewBorder(nil, nil, widget.NewLabelWithStyle("Năm", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil,
		container.NewBorder(nil, nil, s.year, nil, s.status))
	heading := widget.NewLabelWithStyle("Các chỉ tiêu của Nghị quyết 04-NQ/TU và Chỉ thị về thôn, làng nông thôn mới", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.Wrapping = fyne.TextWrapWord
	left := container.NewVBox(
		heading,
		s.targets,
		widget.NewLabelWithStyle("Số liệu chính", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		s.counts,
		widget.NewLabelWithStyle("Hộ nghèo theo nguyên nhân", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		s.causes,
		widget.NewLabelWithStyle("Lộ trình thôn, làng DTTS đạt chuẩn nông thôn mới", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		s.road,
		s.lastImport,
	)
	right := container.NewVBox(
		widget.NewLabelWithStyle("Tỷ lệ hộ nghèo qua các năm", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		s.district,
		s.trend,
		container.NewBorder(nil, nil, widget.NewLabelWithStyle("Bản đồ", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, s.figure),
		container.NewStack(minSize(320, 360), s.mapArea),
	)
	split := container.NewHSplit(container.NewVScroll(left), container.NewVScroll(right))
	split.Offset = 0.55
	return widget.NewSimpleRenderer(container.NewBorder(top, nil, nil, nil, split))
}

// dashboardOf is a year's dashboard: as kept in the file, or computed afresh as one of the
// window's large reads (largeJob). The lists' tree of units, when current, serves the figures (on
// the national sample the tree is held for the lists anyway: a read of the units of its own took
// 37 MB more); one out of date is let go first.
func dashboardOf(st *data.Store, year int) (rules.Dashboard, error) {
	ctx := context.Background()
	if d, ok := jobs.KeptDashboard(ctx, st, year); ok {
		return d, nil
	}
	return largeJob(func() (rules.Dashboard, error) {
		var tree *rules.Index
		var treeStamp int64
		if stamp, err := st.DataStamp(ctx); err == nil {
			if t := currentTree(st, stamp); t != nil {
				tree, treeStamp = t.x, stamp
			} else {
				dropLargeTree(st)
			}
		}
		return jobs.DashboardOn(ctx, st, year, tree, treeStamp)
	})
}
