package screen

import (
	"context"
	"fmt"
	"os"
	"os/user"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"ketnghia/app/window/widgets"
	"ketnghia/data"
	"ketnghia/data/exchange"
	"ketnghia/data/vntext"
)

// SettingsScreen (Cài đặt): how the window looks (light, dark or as Windows; text size), the
// office's name and the texts of report headers, the signer and the recipients, who is entering
// data (recorded in the change history), where the data file is, and "Sao lưu ngay".
type SettingsScreen struct {
	widget.BaseWidget
	store      *data.Store
	app        fyne.App
	win        fyne.Window
	variant    *widget.RadioGroup
	textSize   *widget.Select
	office     *widgets.TextEntry
	superior   *widgets.TextEntry
	issuing    *widgets.TextEntry
	place      *widgets.TextEntry
	number     *widgets.TextEntry
	signer     *widgets.TextEntry
	title      *widgets.TextEntry
	onBehalf   *widget.Check
	approves   *widget.Check
	ownKey     *widget.Label // this office's key fingerprint
	knownKeys  *widget.Label // the keys confirmed for other offices
	recipients *widgets.TextEntry
	person     *widgets.TextEntry
	keep       *widgets.TextEntry // how many recent backups are kept
	save       *widget.Button
	backup     *widget.Button
	status     *widget.Label
	// OnSaved is told the settings once saved (the window's title follows the office's name).
	OnSaved func(data.Settings)
}

var (
	variantLabels = []string{"Theo Windows", "Sáng", "Tối"}
	variantCodes  = []string{"system", "light", "dark"}
	textScales    = []float32{1, 1.15, 1.25, 1.5}
	textLabels    = []string{"Bình thường (100%)", "Lớn hơn (115%)", "Lớn (125%)", "Rất lớn (150%)"}
)

// DefaultPerson is who is at this PC, for the change history: the Windows user name.
func DefaultPerson() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		name := u.Username
		if i := strings.LastIndexAny(name, `\/`); i >= 0 {
			name = name[i+1:]
		}
		return name
	}
	return os.Getenv("USERNAME")
}

// NewSettingsScreen builds the screen on the store and the app (for the appearance).
func NewSettingsScreen(st *data.Store, a fyne.App, w fyne.Window) *SettingsScreen {
	s := &SettingsScreen{store: st, app: a, win: w}
	s.variant = widget.NewRadioGroup(variantLabels, func(string) { s.applyAppearance() })
	s.variant.Horizontal = true
	s.textSize = widget.NewSelect(textLabels, func(string) { s.applyAppearance() })
	s.office = widgets.NewTextEntry("Văn phòng Ban Chỉ đạo …")
	s.superior = widgets.NewTextEntry("TỈNH ỦY …")
	s.issuing = widgets.NewTextEntry("BAN CHỈ ĐẠO …")
	s.place = widgets.NewTextEntry("Kon Tum")
	s.number = widgets.NewTextEntry("-BC/BCĐ")
	s.signer = widgets.NewTextEntry("Họ và tên người ký")
	s.title = widgets.NewTextEntry("TRƯỞNG BAN")
	s.onBehalf = widget.NewCheck("Ký thay (K/T TRƯỞNG BAN)", nil)
	s.approves = widget.NewCheck("Văn phòng này duyệt số liệu các xã gửi lên (chỉ bật ở văn phòng Ban Chỉ đạo tỉnh)", nil)
	s.ownKey = widget.NewLabel("Đang đọc khóa ký…")
	s.ownKey.Wrapping = fyne.TextWrapWord
	s.knownKeys = widget.NewLabel("")
	s.knownKeys.Wrapping = fyne.TextWrapWord
	s.recipients = widgets.NewMultiLineTextEntry("Mỗi nơi nhận một dòng")
	s.recipients.SetMinRowsVisible(4)
	s.person = widgets.NewTextEntry("Tên người nhập liệu trên máy này")
	s.keep = widgets.NewPlainEntry("10")
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.save = widget.NewButton("Lưu cài đặt", s.Save)
	s.save.Importance = widget.HighImportance
	s.backup = widget.NewButton("Sao lưu ngay", s.Backup)
	s.ExtendBaseWidget(s)
	s.load()
	return s
}

func (s *SettingsScreen) load() {
	if s.app != nil {
		ap := widgets.LoadAppearance(s.app.Preferences())
		for i, c := range variantCodes {
			if c == ap.Variant {
				s.variant.SetSelected(variantLabels[i])
			}
		}
		for i, x := range textScales {
			if x == ap.TextScale {
				s.textSize.SetSelectedIndex(i)
			}
		}
	}
	st, err := s.store.Settings(context.Background())
	if err != nil {
		s.status.SetText(data.Message(err))
		return
	}
	s.office.SetText(st.OfficeName)
	s.superior.SetText(st.SuperiorBody)
	s.issuing.SetText(st.IssuingBody)
	s.place.SetText(st.Place)
	s.number.SetText(st.NumberPrefix)
	s.signer.SetText(st.SignerName)
	s.title.SetText(st.SignerTitle)
	s.onBehalf.SetChecked(st.SignerOnBehalfOf)
	s.approves.SetChecked(st.Approves)
	s.loadKeys()
	s.recipients.SetText(strings.Join(st.Recipients, "\n"))
	person := st.Person
	if person == "" {
		person = DefaultPerson()
	}
	s.person.SetText(person)
	s.keep.SetText(strconv.Itoa(st.BackupsKeep))
	if s.store.ReadOnly() {
		s.save.Disable()
		s.status.SetText("Tệp đang mở ở chế độ chỉ xem: không lưu được cài đặt của tệp (giao diện vẫn đổi được).")
	}
}

// loadKeys shows this office's key fingerprint (made on first use) and the keys confirmed for the
// offices it has exchanged with.
func (s *SettingsScreen) loadKeys() {
	Background(func() {
		ctx := context.Background()
		own := ""
		if k, err := exchange.OwnKey(s.store); err != nil {
			own = data.Message(err)
		} else {
			own = fmt.Sprintf("Mã nhận dạng khóa ký của văn phòng này: %s. Khi văn phòng nhận gói gọi điện hỏi, hãy đọc mã này để họ đối chiếu. Khóa nằm trong tệp %s; không chép tệp này sang máy khác.",
				exchange.FingerprintOf(k.Public()), k.Path)
		}
		keys, err := s.store.OfficeKeys(ctx, "")
		known := "Chưa xác nhận khóa của văn phòng nào: gói đầu tiên nhận từ mỗi văn phòng sẽ hỏi."
		if err != nil {
			known = data.Message(err)
		} else if len(keys) > 0 {
			lines := []string{"Khóa đã xác nhận của các văn phòng đã trao đổi:"}
			for _, k := range keys {
				who := ""
				if k.ConfirmedBy != "" {
					who = ", " + k.ConfirmedBy + " xác nhận"
				}
				lines = append(lines, fmt.Sprintf("• %s: %s (ngày %s%s)", k.OfficeName, exchange.KeyFingerprint(k.PublicKey), data.DateOf(k.ConfirmedAt.Local()), who))
			}
			known = strings.Join(lines, "\n")
		}
		fyne.Do(func() {
			s.ownKey.SetText(own)
			s.knownKeys.SetText(known)
		})
	})
}

// applyAppearance applies and remembers the look chosen.
func (s *SettingsScreen) applyAppearance() {
	if s.app == nil || s.textSize == nil || s.variant == nil {
		return
	}
	ap := widgets.Appearance{Variant: "system", TextScale: 1}
	for i, l := range variantLabels {
		if l == s.variant.Selected {
			ap.Variant = variantCodes[i]
		}
	}
	if i := s.textSize.SelectedIndex(); i >= 0 {
		ap.TextScale = textScales[i]
	}
	ap.Save(s.app.Preferences())
	ap.Apply(s.app)
}

// Save writes the office's settings; a problem is shown and nothing is written.
func (s *SettingsScreen) Save() {
	ctx := context.Background()
	st, err := s.store.Settings(ctx)
	if err != nil {
		s.fail(err)
		return
	}
	st.OfficeName, st.SuperiorBody, st.IssuingBody = s.office.Value(), s.superior.Value(), s.issuing.Value()
	st.Place, st.NumberPrefix, st.SignerName, st.SignerTitle = s.place.Value(), s.number.Value(), s.signer.Value(), s.title.Value()
	st.SignerOnBehalfOf = s.onBehalf.Checked
	// One recipient a line (Value would join the lines).
	st.Recipients = strings.Split(s.recipients.Text, "\n")
	st.Person = s.person.Value()
	n, err := vntext.ParseInt(s.keep.Value())
	if err != nil || n < 1 || n > 1000 {
		s.fail(&data.Error{Kind: data.KindInvalid, Field: "backups_keep", Msg: "Số bản sao lưu giữ lại phải là số nguyên từ 1 đến 1000; hãy sửa ô đó rồi lưu lại."})
		return
	}
	st.BackupsKeep = int(n)
	st.Approves = s.approves.Checked
	st.OfficeNamed = true // the person has seen the office's name and kept or changed it
	if err := s.store.SaveSettings(ctx, st); err != nil {
		s.fail(err)
		return
	}
	s.status.SetText("Đã lưu cài đặt.")
	if s.OnSaved != nil {
		saved, _ := s.store.Settings(ctx)
		s.OnSaved(saved)
	}
}

// BackupFolder is where "Sao lưu ngay" puts copies: a "Sao lưu" folder beside the database.
func BackupFolder(st *data.Store) string { return st.BackupDir() }

// Backup copies the database now, through SQLite's backup API, off the UI thread.
func (s *SettingsScreen) Backup() {
	s.backup.Disable()
	s.status.SetText("Đang sao lưu …")
	Background(func() {
		path, err := s.store.Backup(context.Background(), BackupFolder(s.store))
		fyne.Do(func() {
			s.backup.Enable()
			if err != nil {
				s.fail(err)
				return
			}
			s.status.SetText(fmt.Sprintf("Đã sao lưu vào %s.", path))
		})
	})
}

func (s *SettingsScreen) fail(err error) { showError(s.status, s.win, err) }

func (s *SettingsScreen) CreateRenderer() fyne.WidgetRenderer {
	heading := func(t string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(t, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	look := widget.NewForm(widget.NewFormItem("Màu", s.variant), widget.NewFormItem("Cỡ chữ", s.textSize))
	office := widget.NewForm(
		widget.NewFormItem("Tên đơn vị sử dụng", s.office),
		widget.NewFormItem("Cơ quan cấp trên", s.superior),
		widget.NewFormItem("Cơ quan ban hành", s.issuing),
		widget.NewFormItem("Địa danh", s.place),
		widget.NewFormItem("Ký hiệu số báo cáo", s.number),
		widget.NewFormItem("Chức vụ người ký", s.title),
		widget.NewFormItem("", s.onBehalf),
		widget.NewFormItem("Họ tên người ký", s.signer),
		widget.NewFormItem("Nơi nhận", s.recipients),
		widget.NewFormItem("", s.approves),
	)
	who := widget.NewForm(widget.NewFormItem("Người nhập liệu", s.person))
	file := widget.NewLabel("Tệp dữ liệu: " + s.store.Path() + "\nBản sao lưu được ghi vào: " + BackupFolder(s.store))
	file.Wrapping = fyne.TextWrapWord
	keep := widget.NewForm(widget.NewFormItem("Số bản sao lưu giữ lại", s.keep))
	keepHint := widget.NewLabel("Sau mỗi lần nhập gói, chương trình giữ số bản sao lưu mới nhất này, bản mới nhất của mỗi tháng và bản cần để hoàn tác lần nhập cuối; các bản cũ hơn được xóa.")
	keepHint.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(
		heading("Giao diện (trên máy này)"), look,
		heading("Đơn vị sử dụng và thể thức báo cáo"), office,
		heading("Người nhập liệu (ghi vào lịch sử thay đổi)"), who,
		heading("Bản sao lưu tự động"), keep, keepHint,
		container.NewHBox(s.save), widget.NewSeparator(),
		heading("Tệp dữ liệu"), file, container.NewHBox(s.backup), widget.NewSeparator(),
		heading("Chữ ký số của gói dữ liệu"), s.ownKey, s.knownKeys,
		s.status,
	)
	return widget.NewSimpleRenderer(container.NewVScroll(container.NewPadded(body)))
}
